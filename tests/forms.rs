//! Names written once (issue 12, item 5): institution names, self-references, short names and
//! posts are written in the nominative, and the other five cases are derived. The derived forms
//! are compared with forms written out by hand (tests/fixtures/forms.tsv); a form written in
//! the data wins; `check --forms` prints them all for review.

mod common;

use sferum_gen::config::CheckConfig;
use sferum_gen::grammar::{complete_forms, decline_phrase, Animacy};
use sferum_gen::model::CaseForms;
use sferum_gen::pipeline;
use sferum_gen::validate::review_forms;

use common::*;

const CASES: [&str; 6] = ["nom", "gen", "dat", "acc", "ins", "prep"];

#[test]
fn every_form_of_the_fixture_is_derived_as_written_by_hand() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/forms.tsv")).unwrap();
    let (mut names, mut posts, mut wrong) = (0, 0, Vec::new());
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 7, "what, then six forms: {line}");
        let animacy = match cols[0] {
            "name" => {
                names += 1;
                Animacy::Inanimate
            }
            "post" => {
                posts += 1;
                Animacy::Animate
            }
            other => panic!("`{other}`: a row is a name or a post"),
        };
        let derived = decline_phrase(cols[1], animacy);
        for ((case, expected), got) in CASES.iter().zip(&cols[1..]).zip(&derived.forms) {
            if got != expected {
                wrong.push(format!("{} [{case}]: «{got}», expected «{expected}»", cols[1]));
            }
        }
    }
    assert!(names >= 40 && posts >= 40, "{names} names and {posts} posts");
    assert!(wrong.is_empty(), "{} form(s) wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn the_dictionary_knows_the_words_of_names_and_posts() {
    // A hyphenated post is declined part by part, each part known.
    assert!(decline_phrase("педагог-психолог", Animacy::Animate).guessed.is_empty());
    assert!(decline_phrase("муниципальное бюджетное общеобразовательное учреждение «Школа № 1»", Animacy::Inanimate).guessed.is_empty());
    // A word it does not know is declined by its ending and named for review.
    let unknown = decline_phrase("Кванториум", Animacy::Inanimate);
    assert_eq!(unknown.forms[1], "Кванториума");
    assert_eq!(unknown.guessed, ["Кванториум"]);
}

#[test]
fn a_written_form_wins_and_the_others_are_derived() {
    // The data writes the prepositional its own way; the rest comes from the nominative.
    let mut forms: CaseForms = serde_json::from_value(serde_json::json!({"nom": "Детский сад", "prep": "Детском саде"})).unwrap();
    assert_eq!(forms.written, [true, false, false, false, false, true]);
    complete_forms(&mut forms, Animacy::Inanimate);
    assert_eq!(forms.all(), ["Детский сад", "Детского сада", "Детскому саду", "Детский сад", "Детским садом", "Детском саде"]);

    // A plain string is the nominative.
    let mut post: CaseForms = serde_json::from_value(serde_json::json!("заведующая")).unwrap();
    assert_eq!(post.written, [true, false, false, false, false, false]);
    complete_forms(&mut post, Animacy::Animate);
    assert_eq!(post.all(), ["заведующая", "заведующей", "заведующей", "заведующую", "заведующей", "заведующей"]);
}

#[test]
fn the_examples_write_no_form_the_dictionary_derives_alike() {
    let checked = pipeline::check(&CheckConfig::new(root().join("policies")));
    let catalog = checked.catalog.expect("the examples are valid");
    assert_eq!(catalog.institutions.len(), 7);
    for inst in &catalog.institutions {
        for item in review_forms(inst) {
            for i in 1..6 {
                assert!(
                    !item.written[i] || item.forms[i] != item.derived[i],
                    "{}: {} [{}] «{}» is written in the data but derived alike",
                    inst.id(),
                    item.field,
                    CASES[i],
                    item.forms[i]
                );
            }
            assert!(item.guessed.is_empty(), "{}: {} has words the dictionary does not know: {:?}", inst.id(), item.field, item.guessed);
        }
    }
}

/// A line of the table with its runs of spaces folded to one.
fn squeezed(text: &str) -> Vec<String> {
    text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

#[test]
fn check_forms_marks_the_forms_written_in_the_data() {
    // The valid fixture writes its self-reference in all six cases, and its short name once.
    let o = run(&["check", "--forms", "tests/fixtures/valid", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = squeezed(&stdout(&o));
    for line in ["name.self", "nom written Школа", "gen written, as derived Школы", "name.short", "gen derived МБОУ «СШ № 1»"] {
        assert!(lines.iter().any(|l| l == line), "no line «{line}» in:\n{}", stdout(&o));
    }
    // In Russian (the default) the table speaks Russian too.
    let o = run(&["check", "--forms", "tests/fixtures/valid"]);
    let lines = squeezed(&stdout(&o));
    for line in ["им. указана Школа", "род. указана, как выведенная Школы", "род. выведена МБОУ «СШ № 1»"] {
        assert!(lines.iter().any(|l| l == line), "no line «{line}» in:\n{}", stdout(&o));
    }

    // The table is text: with JSON diagnostics it is refused as a usage error.
    let o = run(&["check", "--forms", "--format", "json", "policies"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn check_forms_prints_every_name_and_post_and_where_each_form_comes_from() {
    let o = run(&["check", "--forms", "policies", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    let lines = squeezed(&table);
    let has = |line: &str| assert!(lines.iter().any(|l| l == line), "no line «{line}» in:\n{table}");
    has("itep (policies/itep)");
    has("name.full");
    has("nom written Частное профессиональное образовательное учреждение «Иркутский техникум экономики и права»");
    has("gen derived Частного профессионального образовательного учреждения «Иркутский техникум экономики и права»");
    has("prep derived Частном профессиональном образовательном учреждении «Иркутский техникум экономики и права»");
    has("ins derived Учреждением");
    has("dat derived МБУ ДО «ДДТ «Радуга»");
    has("post of lab-head");
    has("ins derived заведующим лабораторией");
    has("acc derived педагога-психолога");
    // Every institution and every person of the examples has its block.
    let checked = pipeline::check(&CheckConfig::new(root().join("policies")));
    for inst in &checked.catalog.unwrap().institutions {
        has(&format!("{} (policies/{})", inst.id(), inst.id()));
        for p in &inst.roles.people {
            has(&format!("post of {}", p.id));
        }
    }
}
