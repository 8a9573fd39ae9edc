//! Russian first (issue 12): every message and every `--help` is Russian by default, English
//! with `--lang en` or an English LANG, and every message the code names exists in both.

mod common;

use common::*;
use sferum_gen::i18n::{ids, Lang};

/// Every command and subcommand, as the words that name it.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["check"],
    &["init"],
    &["build"],
    &["serve"],
    &["roster"],
    &["roster", "diff"],
    &["sign"],
    &["verify"],
    &["templates"],
    &["templates", "export"],
    &["merge"],
];

/// Latin words a Russian help text may carry bare: the commands' names, formats and programs.
const ALLOWED: &[&str] = &["check", "build", "serve", "roster", "verify", "templates", "export", "merge", "PAdES", "ECDSA", "SARIF", "sarif"];

#[test]
fn the_help_of_every_command_is_in_russian_by_default() {
    for words in COMMANDS {
        let args: Vec<&str> = words.iter().copied().chain(["--help"]).collect();
        let o = run(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let help = stdout(&o);
        assert_has(&help, &["Запуск: sferum-gen", "Показать справку", "Параметры:"], &format!("{args:?}"));
        for english in ["Usage", "Options", "Arguments", "Commands", "Print help", "[default", "possible values"] {
            assert!(!help.contains(english), "{args:?} says «{english}»:\n{help}");
        }
        let left = english_words(&help, ALLOWED);
        assert!(left.is_empty(), "{args:?}: English words {left:?} in:\n{help}");
        // Every option has a Russian description: no line of the options is Latin only.
        let cyrillic_lines = help.lines().filter(|l| l.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))).count();
        assert!(cyrillic_lines >= 3, "{args:?}:\n{help}");
    }
}

#[test]
fn english_comes_with_lang_en_or_an_english_locale() {
    let o = run(&["build", "--help", "--lang", "en"]);
    assert_has(&stdout(&o), &["Usage: sferum-gen build [OPTIONS] [PATH]", "Print help", "Output folder"], "build --help --lang en");

    let broken = root().join("tests/fixtures/broken/unknown-kind-value");
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&root().join("tests/fixtures/valid"), &tmp.path().join("policies"));
    copy_tree(&broken, &tmp.path().join("policies"));
    let policies = tmp.path().join("policies");
    let check = |lang: Option<&str>| {
        let mut command = sferum_gen();
        command.args(["check", policies.to_str().unwrap()]);
        if let Some(l) = lang {
            command.env("LANG", l);
        }
        stderr(&command.output().unwrap())
    };
    assert_has(&check(None), &["ошибка[unknown-value]", "допустимые значения", "1 ошибка, 0 предупреждений"], "no locale");
    assert_has(&check(Some("ru_RU.UTF-8")), &["ошибка[unknown-value]"], "a Russian locale");
    assert_has(&check(Some("C.UTF-8")), &["ошибка[unknown-value]"], "the C locale");
    assert_has(&check(Some("en_US.UTF-8")), &["error[unknown-value]", "expected one of", "1 error, 0 warnings"], "an English locale");
    // --lang wins over the locale.
    let o = sferum_gen().args(["check", policies.to_str().unwrap(), "--lang", "ru"]).env("LANG", "en_GB.UTF-8").output().unwrap();
    assert_has(&stderr(&o), &["ошибка[unknown-value]"], "--lang ru with an English locale");
}

#[test]
fn command_line_mistakes_are_reported_in_russian() {
    let o = run(&["buil"]);
    assert_eq!(o.status.code(), Some(2));
    assert_has(&stderr(&o), &["ошибка: неизвестная команда `buil`", "возможно, имелось в виду `build`?", "sferum-gen --help"], "a misspelt command");

    let o = run(&["check", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert_has(&stderr(&o), &["`xml` — недопустимое значение", "human, json"], "a wrong value");

    let o = run(&["check", "--frmat", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert_has(&stderr(&o), &["неизвестный параметр `--frmat`", "`--format`"], "a misspelt option");
    assert!(english_words(&stderr(&o), &[]).is_empty(), "{}", stderr(&o));

    let o = run(&["--version"]);
    assert!(o.status.success() && stdout(&o).contains(env!("CARGO_PKG_VERSION")), "{}", stdout(&o));
}

/// Every message id the code names (`tr!("…")`) is in the Russian and the English files.
#[test]
fn every_message_the_code_names_exists_in_both_languages() {
    let (ru, en) = (ids(Lang::Ru), ids(Lang::En));
    let mut named = 0;
    for entry in walkdir::WalkDir::new(root().join("src")).into_iter().filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "rs")) {
        let code: Vec<String> = std::fs::read_to_string(entry.path()).unwrap().lines().filter(|l| !l.trim_start().starts_with("//")).map(String::from).collect();
        let text = code.join("\n");
        for (at, _) in text.match_indices("tr!(\"").filter(|(at, _)| !text[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_')) {
            let id: String = text[at + 5..].chars().take_while(|c| *c != '"').collect();
            named += 1;
            for (lang, known) in [("ru", &ru), ("en", &en)] {
                assert!(known.contains(&id), "{}: `{id}` is not in the {lang} messages", entry.path().display());
            }
        }
    }
    assert!(named > 300, "only {named} messages found in the code");
}
