//! The DOCX backend through the library API: the regulations of the bundled examples and
//! hand-built orders, checked in word/document.xml as a user would check them in Word (text,
//! requisites, clause numbers, lists, tables, page setup), literal hostile strings,
//! byte-identical output, and a LibreOffice round trip to PDF.

mod common;

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use common::*;
use sferum_gen::export::docx::render_docx;
use sferum_gen::config::CheckConfig;
use sferum_gen::document::{Block, DateLine, Document, Layout, Signature, Visibility};
use sferum_gen::model::Date;
use sferum_gen::render::{RenderContext, escape_markdown, render_regulation};

const HOSTILE: &str = r#"*Ив* <script>alert(1)</script> #panic("x") [a](javascript:x)"#;

const ORDER_BODY: &str = "\
В целях организации работы на платформе «Сферум» **приказываю**:

1. Назначить *ответственным* за платформу заместителя директора;
2. Утвердить ~~старый~~ порядок работы на [платформе](https://sferum.ru);
3. Контроль исполнения приказа оставляю за собой.

Сроки:

5. до 01.11.2023 – регистрация;
6. до 15.11.2023 – обучение.

- учителя;
- классные руководители.

## Лист ознакомления

| № | ФИО | Должность | Дата | Подпись |
|---|-----|-----------|------|---------|
| 1 | Иванов И.И. | учитель | | |
| 2 | Петрова А.А. | заместитель директора | | |
";

/// The regulation `Document` of every bundled example, by institution id.
fn regulations() -> Vec<(String, Document)> {
    let checked = sferum_gen::pipeline::check(&CheckConfig::new(root().join("policies")));
    let catalog = checked.catalog.expect("the bundled examples are valid");
    let ctx = RenderContext::new().expect("bundled templates load");
    catalog
        .institutions
        .iter()
        .map(|inst| (inst.id().to_string(), render_regulation(&ctx, inst, &catalog.registry).expect("renders")))
        .collect()
}

fn order(body: &str) -> Document {
    Document {
        slug: "order".into(),
        visibility: Visibility::Restricted,
        layout: Layout::Order,
        header: vec![
            "Частное профессиональное образовательное учреждение".into(),
            "«Иркутский техникум экономики и права»".into(),
        ],
        top_left: vec![],
        top_right: vec![],
        type_word: "ПРИКАЗ".into(),
        heading: "О работе на платформе «Сферум»".into(),
        date_line: Some(DateLine { date: "25.10.2023".into(), number: "212 п".into() }),
        place_year: "г. Иркутск".into(),
        body: body.into(),
        signature: Some(Signature { post: "Директор".into(), name: "С.В. Суедина".into() }),
        closing: vec![Block {
            lines: vec!["Исполнитель: Иванов И.И.".into(), "+7 (3952) 00-00-00".into()]
        }],
        date: Date::parse_iso("2023-10-25").unwrap(),
        ident: "itep/order".into(),
        draft: None,
    }
}

fn hostile() -> Document {
    let mut escaped = Vec::new();
    escape_markdown(HOSTILE, &mut escaped).unwrap();
    let escaped = String::from_utf8(escaped).unwrap();
    let mut doc = order(&format!("{escaped}\n\n{HOSTILE}\n"));
    doc.header = vec![HOSTILE.into()];
    doc.heading = HOSTILE.into();
    doc.signature = Some(Signature { post: HOSTILE.into(), name: HOSTILE.into() });
    // Characters XML 1.0 forbids would make the file unreadable.
    doc.closing = vec![Block { lines: vec!["Исполнитель:\u{1}\u{b} Иванов\u{fffe}".into()] }];
    doc
}

fn docx(doc: &Document) -> Vec<u8> {
    let artifact = render_docx(doc).expect("the DOCX renders");
    assert_eq!(artifact.path, doc.file("docx"));
    artifact.bytes
}

/// A paragraph of word/document.xml: its style, its text (breaks as `\n`) and its XML.
#[derive(Debug)]
struct Para {
    style: String,
    text: String,
    xml: String,
}

fn paragraphs(xml: &str) -> Vec<Para> {
    elements(xml, "w:p")
        .into_iter()
        .map(|p| Para {
            style: attribute(p, "<w:pStyle w:val=\"").unwrap_or_default(),
            text: text_of(p),
            xml: p.into(),
        })
        .collect()
}

/// Tables as rows of cells, each cell's text folded; with each table's XML.
fn tables(xml: &str) -> Vec<(Vec<Vec<String>>, String)> {
    elements(xml, "w:tbl")
        .into_iter()
        .map(|t| {
            (
                elements(t, "w:tr").iter().map(|r| elements(r, "w:tc").into_iter().map(cell_text).collect()).collect(),
                t.into(),
            )
        })
        .collect()
}

/// A table cell's paragraphs, folded into one line.
fn cell_text(xml: &str) -> String {
    fold(&elements(xml, "w:p").into_iter().map(text_of).collect::<Vec<_>>().join("\n"))
}

/// The contents of every `<tag …>…</tag>` (not `<tagPr>` or other names that extend it).
fn elements<'x>(xml: &'x str, tag: &str) -> Vec<&'x str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + open.len()..];
        if !rest.starts_with([' ', '>', '/']) {
            continue;
        }
        let tag_end = rest.find('>').unwrap();
        if rest[..tag_end].ends_with('/') {
            out.push("");
            continue;
        }
        let end = rest.find(&close).unwrap_or_else(|| panic!("{tag} is not closed"));
        out.push(&rest[tag_end + 1..end]);
        rest = &rest[end + close.len()..];
    }
    out
}

fn attribute(xml: &str, prefix: &str) -> Option<String> {
    let start = xml.find(prefix)? + prefix.len();
    Some(xml[start..start + xml[start..].find('"')?].to_string())
}

/// The text of the runs in `xml`: `<w:t>` contents unescaped, `<w:br>` as a line break.
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let tag_end = i + rest[i..].find('>').unwrap();
        let tag = &rest[i + 1..tag_end];
        rest = &rest[tag_end + 1..];
        match tag.split([' ', '/']).next() {
            Some("w:t") if !tag.ends_with('/') => {
                let end = rest.find("</w:t>").unwrap();
                out.push_str(&unescape(&rest[..end]));
                rest = &rest[end..];
            }
            Some("w:br") => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#xA;", "\n")
        .replace("&amp;", "&")
}

/// The number Word shows before each paragraph of the clause numbering (numbering instance
/// 3), counting as Word does: «1.», «1.1.», «1.1.1.», a level restarting under a new one above.
fn word_numbers(paras: &[Para]) -> Vec<Option<String>> {
    let mut counters: Vec<u32> = Vec::new();
    paras
        .iter()
        .map(|p| {
            if attribute(&p.xml, r#"<w:numId w:val=""#).as_deref() != Some("3") {
                return None;
            }
            let level: usize = attribute(&p.xml, r#"<w:ilvl w:val=""#).expect("a level").parse().unwrap();
            counters.resize(level + 1, 0);
            counters[level] += 1;
            Some(counters.iter().map(|n| format!("{n}.")).collect())
        })
        .collect()
}

/// Clause numbers («1.1.», «2.3.1.») that open lines or paragraphs, in order.
fn clause_numbers<'s>(texts: impl Iterator<Item = &'s str>) -> Vec<String> {
    texts
        .filter_map(|t| t.split_whitespace().next())
        .filter(|n| {
            n.ends_with('.') && n.matches('.').count() >= 2 && n.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn regulations_carry_their_requisites_title_and_every_clause() {
    let regulations = regulations();
    assert_eq!(regulations.len(), 7, "seven bundled examples");
    let mut bullet_items = 0;
    for (id, doc) in &regulations {
        let xml = docx_part(&docx(doc), "word/document.xml");
        let paras = paragraphs(&xml);
        let texts: Vec<String> = paras.iter().map(|p| fold(&p.text)).collect();
        let has = |needle: &str| texts.iter().any(|t| t == &fold(needle));
        let lines = doc.top_left.iter().chain(&doc.top_right).chain(&doc.closing).flat_map(|b| &b.lines);
        for line in doc.header.iter().chain(lines).chain([&doc.place_year]) {
            assert!(has(line), "{id}: no paragraph «{line}» in:\n{texts:#?}");
        }
        let title: Vec<&Para> = paras.iter().filter(|p| p.style == "Heading1").collect();
        assert_eq!(title.len(), 1, "{id}: one title paragraph");
        assert_eq!(fold(&title[0].text), fold(&format!("{} {}", doc.type_word, doc.heading)), "{id}");
        assert!(title[0].text.starts_with(&format!("{}\n", doc.type_word)), "{id}: the type word on its own line");

        // Section and clause numbers are Word's own numbering now, not typed text: the text
        // Word shows is the number it counts, then the paragraph's text.
        let numbers = word_numbers(&paras);
        let shown = |style: &str| -> Vec<String> {
            paras
                .iter()
                .zip(&numbers)
                .filter(|(p, _)| p.style == style)
                .map(|(p, n)| fold(&format!("{} {}", n.as_deref().unwrap_or_default(), p.text)))
                .collect()
        };
        let sections: Vec<String> = doc.body.lines().filter_map(|l| l.strip_prefix("## ")).map(fold).collect();
        let headings = shown("Heading2");
        assert_eq!(headings, sections, "{id}: every section is a numbered `heading 2`");
        assert_eq!(headings.first().map(String::as_str), Some("1. Общие положения"), "{id}");
        assert!(paras.iter().all(|p| clause_numbers([p.text.as_str()].into_iter()).is_empty()), "{id}: a number typed in the text");

        let expected = clause_numbers(doc.body.lines());
        let clauses = clause_numbers(shown("BodyText").iter().map(String::as_str));
        assert!(expected.len() > 20 && expected.contains(&"1.1.".to_string()), "{id}: {expected:?}");
        assert_eq!(clauses, expected, "{id}: every clause is a numbered body paragraph, in order");

        let approved = fold(&doc.top_right[0].lines.join(" "));
        let requisites = tables(&xml).into_iter().find(|(rows, _)| rows[0].iter().any(|c| c.starts_with(&approved)));
        let (rows, table) = requisites.unwrap_or_else(|| panic!("{id}: no requisite table with «{approved}»"));
        assert_eq!(rows.len(), 1, "{id}: the requisites are one row");
        assert!(rows[0][1].starts_with(&approved), "{id}: УТВЕРЖДЕНО in the right column: {rows:?}");
        assert!(table.contains("<w:gridCol w:w=\"4536\""), "{id}: the right column is 8 cm");
        assert!(
            table.contains("w:val=\"nil\"") && !table.contains("w:val=\"single\""),
            "{id}: requisites have no borders"
        );
        bullet_items +=
            paras.iter().filter(|p| p.style == "ListParagraph" && p.xml.contains("<w:numId w:val=\"2\"")).count();
    }
    assert!(bullet_items > 0, "the legal basis is a «–» list");

    let (_, itep) = regulations.iter().find(|(id, _)| id == "itep").expect("the ИТЭП example");
    let xml = docx_part(&docx(itep), "word/document.xml");
    // The text as Word shows it: each numbered paragraph after its number.
    let paras = paragraphs(&xml);
    let shown: Vec<String> =
        paras.iter().zip(word_numbers(&paras)).map(|(p, n)| format!("{} {}", n.unwrap_or_default(), p.text)).collect();
    let text = fold(&shown.join("\n"));
    for needle in [
        "Частное профессиональное образовательное учреждение «Иркутский техникум экономики и права»",
        "УТВЕРЖДЕНО",
        "приказом ЧПОУ «ИТЭП»",
        "от 25.10.2023 № 212 п",
        "ПОЛОЖЕНИЕ",
        "г. Иркутск, 2023",
        "1.1. Настоящее Положение устанавливает правила",
        "от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»",
    ] {
        assert!(text.contains(needle), "ИТЭП DOCX lacks «{needle}»:\n{text}");
    }
}

#[test]
fn page_setup_styles_and_page_numbers() {
    // A final document (a draft's headers carry «ПРОЕКТ» as well).
    let (_, doc) = regulations().into_iter().find(|(_, d)| d.draft.is_none()).unwrap();
    let bytes = docx(&doc);
    let xml = docx_part(&bytes, "word/document.xml");
    let section = &xml[xml.rfind("<w:sectPr").expect("a section")..];
    assert!(section.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4: {section}");
    let margins = &section[section.find("<w:pgMar").unwrap()..];
    let margins = &margins[..margins.find('>').unwrap()];
    for (side, twips) in [("left", 1701), ("right", 567), ("top", 1134), ("bottom", 1134)] {
        assert!(margins.contains(&format!(r#"w:{side}="{twips}""#)), "{side} margin: {margins}");
    }
    assert!(section.contains("<w:titlePg"), "the first page has its own header: {section}");
    let first = attribute(section, r#"<w:headerReference w:type="first" r:id=""#).expect("a first-page header");
    let default = attribute(section, r#"<w:headerReference w:type="default" r:id=""#).expect("a default header");
    let rels = docx_part(&bytes, "word/_rels/document.xml.rels");
    let header_file = |rid: &str| {
        let rel = &rels[rels.find(&format!(r#"Id="{rid}""#)).unwrap()..];
        format!("word/{}", attribute(rel, "Target=\"").unwrap())
    };
    let numbered = docx_part(&bytes, &header_file(&default));
    assert!(
        numbered.contains("<w:instrText>PAGE</w:instrText>") && numbered.contains(r#"<w:jc w:val="center""#),
        "{numbered}"
    );
    let empty = docx_part(&bytes, &header_file(&first));
    assert!(!empty.contains("PAGE") && text_of(&empty).is_empty(), "page 1 has no number: {empty}");

    let styles = docx_part(&bytes, "word/styles.xml");
    let defaults = &styles[..styles.find("</w:docDefaults>").unwrap()];
    assert!(
        defaults.contains(r#"w:ascii="Times New Roman""#) && defaults.contains(r#"<w:sz w:val="28""#),
        "{defaults}"
    );
    let style = |id: &str| {
        let start = styles.find(&format!(r#"w:styleId="{id}""#)).unwrap_or_else(|| panic!("no style {id}"));
        styles[start..start + styles[start..].find("</w:style>").unwrap()].to_string()
    };
    let body = style("BodyText");
    assert!(body.contains(r#"<w:jc w:val="both""#) && body.contains(r#"w:firstLine="709""#), "{body}");
    let heading = style("Heading2");
    for needle in [r#"<w:name w:val="heading 2""#, r#"<w:outlineLvl w:val="1""#, r#"<w:jc w:val="center""#, "<w:b />"] {
        assert!(heading.contains(needle), "Heading2 lacks {needle}: {heading}");
    }
    let core = docx_part(&bytes, "docProps/core.xml");
    let date = format!("{:04}-{:02}-{:02}T00:00:00Z", doc.date.year, doc.date.month, doc.date.day);
    assert_eq!(core.matches(&date).count(), 2, "created and modified are the document's date: {core}");
}

#[test]
fn order_has_its_date_line_lists_table_and_signature() {
    let bytes = docx(&order(ORDER_BODY));
    let xml = docx_part(&bytes, "word/document.xml");
    let paras = paragraphs(&xml);
    let find = |text: &str| {
        paras.iter().find(|p| fold(&p.text) == text).unwrap_or_else(|| panic!("no «{text}» in {paras:#?}"))
    };

    let word = find("ПРИКАЗ");
    assert!(word.xml.contains(r#"<w:jc w:val="center""#) && word.xml.contains("<w:b />"), "{}", word.xml);
    assert!(find("г. Иркутск").xml.contains(r#"<w:jc w:val="center""#));
    let heading = find("О работе на платформе «Сферум»");
    assert_eq!(heading.style, "Heading1");
    assert!(heading.xml.contains(r#"<w:jc w:val="left""#), "the order's heading is on the left");

    let tables = tables(&xml);
    let row = |cells: &[&str]| {
        tables
            .iter()
            .find(|(rows, _)| rows.iter().any(|r| *r == cells))
            .unwrap_or_else(|| panic!("no row {cells:?}: {tables:#?}"))
    };
    let (_, date_line) = row(&["25.10.2023", "№ 212 п"]);
    assert!(date_line.contains(r#"<w:jc w:val="right""#) && !date_line.contains(r#"w:val="single""#));
    let (_, signature) = row(&["Директор", "С.В. Суедина"]);
    assert!(!signature.contains(r#"w:val="single""#), "the signature row has no borders");
    let (sheet, sheet_xml) = row(&["№", "ФИО", "Должность", "Дата", "Подпись"]);
    assert_eq!(
        sheet[1..],
        [vec!["1", "Иванов И.И.", "учитель", "", ""], vec!["2", "Петрова А.А.", "заместитель директора", "", ""],]
    );
    assert_eq!(sheet_xml.matches(r#"w:val="single""#).count(), 6, "all borders of the sheet are drawn");
    assert_eq!(find("Лист ознакомления").style, "Heading2");

    let numbered: Vec<(&str, String)> = paras
        .iter()
        .filter(|p| p.xml.contains("<w:numPr>"))
        .map(|p| (attribute(&p.xml, r#"<w:numId w:val=""#).unwrap(), fold(&p.text)))
        .map(|(id, text)| (if id == "2" { "–" } else { "1." }, text))
        .collect();
    assert_eq!(
        numbered,
        [
            ("1.", "Назначить ответственным за платформу заместителя директора;".into()),
            ("1.", "Утвердить старый порядок работы на платформе (https://sferum.ru);".into()),
            ("1.", "Контроль исполнения приказа оставляю за собой.".into()),
            ("1.", "до 01.11.2023 – регистрация;".into()),
            ("1.", "до 15.11.2023 – обучение.".into()),
            ("–", "учителя;".into()),
            ("–", "классные руководители.".into()),
        ]
    );
    let numbering = docx_part(&bytes, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:lvlText w:val="–""#) && numbering.contains(r#"<w:numFmt w:val="decimal""#));
    assert!(numbering.contains(r#"<w:startOverride w:val="5""#), "the second list starts at 5: {numbering}");

    let run = |text: &str| {
        elements(&xml, "w:r").into_iter().find(|r| text_of(r) == text).unwrap_or_else(|| panic!("no run «{text}»"))
    };
    assert!(run("приказываю").contains("<w:b />"));
    assert!(run("ответственным").contains("<w:i />"));
    assert!(run("старый").contains("<w:strike />"));
    let closing = find("Исполнитель: Иванов И.И.");
    assert!(closing.xml.contains(r#"<w:jc w:val="left""#));
    assert!(xml.find("С.В. Суедина") < xml.find("Исполнитель:"), "closing blocks follow the signature");
}

#[test]
fn letter_has_the_date_on_the_left_and_the_addressee_on_the_right() {
    let mut letter = order("Направляем заявку на регистрацию Техникума на платформе.");
    letter.layout = Layout::Letter;
    letter.type_word = String::new();
    letter.heading = "О регистрации на платформе «Сферум»".into();
    letter.date_line = Some(DateLine { date: "25.10.2023".into(), number: "№ 01-15/212".into() });
    letter.top_right = vec![Block {
        lines: vec!["Министерство образования".into(), "Иркутской области".into()]
    }];
    let xml = docx_part(&docx(&letter), "word/document.xml");
    let (rows, _) = tables(&xml).into_iter().next().expect("the letter's head row");
    assert_eq!(rows, [["25.10.2023 № 01-15/212 г. Иркутск", "Министерство образования Иркутской области"]]);
    let paras = paragraphs(&xml);
    let heading = paras.iter().find(|p| p.style == "Heading1").expect("the heading");
    assert_eq!(heading.text, "О регистрации на платформе «Сферум»");
    assert!(
        heading.xml.contains(r#"<w:jc w:val="left""#) && heading.xml.contains(r#"w:right="3969""#),
        "{}",
        heading.xml
    );
    assert!(!paras.iter().any(|p| p.text == "ПРИКАЗ"), "a letter has no type word");
}

#[test]
fn hostile_strings_stay_text() {
    let bytes = docx(&hostile());
    let xml = docx_part(&bytes, "word/document.xml");
    let literal = paragraphs(&xml).iter().filter(|p| p.text == HOSTILE).count();
    // Header, heading, the escaped body paragraph, the signature's post and name.
    assert_eq!(literal, 5, "the hostile string is not literal text everywhere:\n{xml}");
    assert!(
        xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !xml.contains("<script"),
        "markup reached the XML"
    );
    let raw = paragraphs(&xml)
        .into_iter()
        .find(|p| p.text.contains("<script>") && p.text != HOSTILE)
        .expect("the raw body line");
    assert_eq!(
        raw.text, r#"Ив <script>alert(1)</script> #panic("x") a"#,
        "Markdown is read, HTML and the link are not"
    );
    assert!(!xml.contains("<w:hyperlink"), "no hyperlink in the text");
    assert!(paragraphs(&xml).iter().any(|p| p.text == "Исполнитель: Иванов"), "control characters are dropped");
    let rels = docx_part(&bytes, "word/_rels/document.xml.rels");
    assert!(!rels.to_lowercase().contains("javascript") && !rels.contains("hyperlink"), "{rels}");
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    for (id, doc) in regulations() {
        assert!(docx(&doc) == docx(&doc), "{id}: two renders differ");
    }
    // Ids must not depend on what this or another thread built before, such as a render that
    // failed half-way and left docx-rs's thread-local paragraph counter advanced.
    let first = docx(&order(ORDER_BODY));
    docx(&hostile());
    let _abandoned: Vec<docx_rs::Paragraph> = (0..7).map(|_| docx_rs::Paragraph::new()).collect();
    assert!(docx(&order(ORDER_BODY)) == first, "a render on the same thread after other work differs");
    let elsewhere = std::thread::spawn(|| docx(&order(ORDER_BODY))).join().unwrap();
    assert!(elsewhere == first, "a render on a fresh thread differs");

    let mut archive = zip::ZipArchive::new(Cursor::new(&first)).unwrap();
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        assert_eq!(entry.last_modified(), Some(zip::DateTime::default()), "{} carries a wall-clock time", entry.name().unwrap());
    }
}

#[test]
fn libreoffice_opens_every_docx() {
    if Command::new("libreoffice").arg("--version").output().is_err() {
        eprintln!(
            "SKIPPED libreoffice_opens_every_docx: `libreoffice` is not installed (apt-get install libreoffice-writer-nogui)"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut docs: Vec<(String, Document)> = regulations();
    docs.push(("order".into(), order(ORDER_BODY)));
    docs.push(("hostile".into(), hostile()));
    let mut files = Vec::new();
    for (name, doc) in &docs {
        let path = tmp.path().join(format!("{name}.docx"));
        std::fs::write(&path, docx(doc)).unwrap();
        files.push(path);
    }
    // One call for all files: LibreOffice takes seconds to start. Its own profile folder keeps
    // parallel test runs from locking each other out.
    let profile = format!("-env:UserInstallation=file://{}", tmp.path().join("lo-profile").display());
    let out = tmp.path().join("pdf");
    let o = Command::new("libreoffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir", out.to_str().unwrap()])
        .args(&files)
        .output()
        .expect("libreoffice runs");
    assert!(o.status.success(), "libreoffice failed: {}", String::from_utf8_lossy(&o.stderr));
    let pdf = |name: &str| out.join(format!("{name}.pdf"));
    let text = |path: &Path, pages: &[&str]| {
        let args: Vec<&str> = pages.iter().copied().chain(["-layout", path.to_str().unwrap(), "-"]).collect();
        fold(&tool_output("pdftotext", &args))
    };

    for (name, doc) in &docs[..docs.len() - 2] {
        let all = text(&pdf(name), &[]);
        for needle in [doc.type_word.as_str(), "1. Общие положения", "1.1.", "2.1.", &doc.place_year] {
            assert!(all.contains(&fold(needle)), "{name}: the PDF from LibreOffice lacks «{needle}»:\n{all}");
        }
        assert!(all.contains(&fold(&doc.heading)), "{name}: no heading «{}»", doc.heading);
        let page = |n: &str| text(&pdf(name), &["-f", n, "-l", n]);
        // A draft's every page opens with its mark «ПРОЕКТ», then the number from page 2.
        let mark = if doc.draft.is_some() { "ПРОЕКТ " } else { "" };
        assert!(page("2").starts_with(&format!("{mark}2 ")), "{name}: page 2 starts with its number: {}", page("2"));
        assert!(page("1").starts_with(&format!("{mark}{}", fold(&doc.header[0]))), "{name}: page 1 has no number: {}", page("1"));
    }
    let order = text(&pdf("order"), &[]);
    for needle in [
        "ПРИКАЗ",
        "25.10.2023 № 212 п",
        "1. Назначить",
        "5. до 01.11.2023",
        "Иванов И.И. учитель",
        "Директор С.В. Суедина",
    ] {
        assert!(order.contains(needle), "order: the PDF from LibreOffice lacks «{needle}»:\n{order}");
    }
    let hostile = text(&pdf("hostile"), &[]);
    // The header, the heading and the body line, spaces aside: the heading wraps within its
    // 10 cm, and the wrapped lines of the two signature columns interleave in the text.
    let compact = |s: &str| s.split_whitespace().collect::<String>();
    assert!(compact(&hostile).matches(&compact(HOSTILE)).count() >= 3, "hostile: not literal in the PDF:\n{hostile}");
}
