//! Layout per ГОСТ Р 7.0.97 on paper and in Word: a signature never stands alone on a page,
//! names, initials and addresses never break across lines, acknowledgment sheets run onto
//! page 2 with their head row and rows to sign in, and the DOCX numbers clauses itself, in
//! Russian, with hyphenation on.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use common::*;
use sferum_gen::export::{docx::render_docx, pdf::render_pdf};
use sferum_gen::config::CheckConfig;
use sferum_gen::document::{DateLine, Document, Layout, Signature, Visibility};
use sferum_gen::model::{Approved, Catalog, Date, OrderKind};
use sferum_gen::render::{RenderContext, render_admin_order, render_platform_order};

fn catalog(input: &Path) -> Catalog {
    sferum_gen::pipeline::check(&CheckConfig::new(input.to_path_buf())).catalog.expect("the input is valid")
}

/// The lines of the page that carries the signature row (the post and «И.О. Фамилия» on one
/// line) above that row, without the page number; panics when no page has it.
fn lines_above_signature(pages: &[String], signature: &Signature, what: &str) -> Vec<String> {
    let plain = |s: &str| fold(&s.replace('\u{a0}', " "));
    let (post, name) = (plain(&signature.post), plain(&signature.name));
    for page in pages {
        let lines: Vec<String> = page.lines().map(plain).filter(|l| !l.is_empty()).collect();
        // A placeholder signer has no name: the row is the post alone.
        let is_row = |l: &String| if name.is_empty() { *l == post } else { l.starts_with(&post) && l.ends_with(&name) };
        if let Some(row) = lines.iter().position(is_row) {
            return lines[..row].iter().filter(|l| !l.chars().all(|c| c.is_ascii_digit())).cloned().collect();
        }
    }
    panic!("{what}: no page has the signature row «{post} … {name}»:\n{pages:#?}");
}

/// The words of a Markdown paragraph as they print (escapes dropped).
fn words(markdown_block: &str) -> Vec<String> {
    fold(&markdown_block.replace('\\', "").replace('\u{a0}', " ")).split(' ').map(str::to_string).collect()
}

fn last_words(markdown_block: &str, count: usize) -> String {
    let words = words(markdown_block);
    words[words.len().saturating_sub(count)..].join(" ")
}

#[test]
fn no_order_signature_stands_alone_on_its_page() {
    let out = build_examples();
    let catalog = catalog(&root().join("policies"));
    let ctx = RenderContext::new().unwrap();
    for inst in &catalog.institutions {
        let orders = [
            ("order-platform", render_platform_order(&ctx, inst, &catalog.registry).unwrap()),
            ("order-admin", render_admin_order(&ctx, inst, &catalog.registry).unwrap()),
        ];
        for (slug, doc) in orders {
            let what = format!("{}/{slug}", inst.id());
            let pages = pdf_pages(&out.path().join(inst.id()).join(format!("restricted/{slug}.pdf")));
            let above = lines_above_signature(&pages, doc.signature.as_ref().unwrap(), &what);
            // The body's last paragraph ends right above the signature, on the same page.
            let last_paragraph = doc.body.trim_end().rsplit("\n\n").next().unwrap();
            let tail = last_words(last_paragraph, 3);
            assert!(above.len() >= 2, "{what}: the signature has {} line(s) above it on its page: {above:?}", above.len());
            assert!(fold(&above.join("\n")).ends_with(&tail), "{what}: «{tail}» is not right above the signature: {above:?}");
        }
    }
}

/// An order whose text is `count` one-line points: from some count on, the text fills page 1
/// and the signature must move to page 2 with the last lines.
fn order_of_points(count: usize) -> Document {
    let body: Vec<String> = (1..=count).map(|n| format!("{n}\\. Пункт номер {n} этого приказа.")).collect();
    Document {
        slug: "order".into(),
        visibility: Visibility::Restricted,
        layout: Layout::Order,
        header: vec!["Частное профессиональное образовательное учреждение «Иркутский техникум экономики и права»".into()],
        top_left: vec![],
        top_right: vec![],
        type_word: "ПРИКАЗ".into(),
        heading: "О работе на платформе «Сферум»".into(),
        date_line: Some(DateLine { date: "25.10.2023".into(), number: "№ 212 п".into() }),
        place_year: "г. Иркутск".into(),
        body: body.join("\n\n"),
        signature: Some(Signature { post: "Директор".into(), name: "С.В. Суедина".into() }),
        closing: vec![],
        date: Date::parse_iso("2023-10-25").unwrap(),
        ident: "test/order".into(),
        draft: None,
    }
}

#[test]
fn a_signature_at_a_page_break_takes_the_last_two_lines_along() {
    let tmp = tempfile::tempdir().unwrap();
    let mut moved = 0;
    // One more point at a time across the end of page 1: every position of the page break.
    for count in 24..=40 {
        let doc = order_of_points(count);
        let path = tmp.path().join(format!("order-{count}.pdf"));
        std::fs::write(&path, render_pdf(&sferum_gen::export::Options { templates: &sferum_gen::templates::Templates::bundled().unwrap(), clock: sferum_gen::config::Clock::system() }, &doc).unwrap().bytes).unwrap();
        let pages = pdf_pages(&path);
        let what = format!("{count} points");
        let above = lines_above_signature(&pages, doc.signature.as_ref().unwrap(), &what);
        assert!(above.len() >= 2, "{what}: the signature has {} line(s) above it on its page: {above:?}", above.len());
        assert!(above.last().unwrap().ends_with(&format!("Пункт номер {count} этого приказа.")), "{what}: {above:?}");
        if pages.len() > 1 && pages.last().unwrap().contains("Суедина") {
            moved += 1;
        }
    }
    assert!(moved > 0, "no count of points pushed the signature to page 2: the edge case was not tested");

    // In Word, the last point keeps its lines together and stays with the signature row, and
    // the point before stays with it; earlier points flow freely.
    let xml = docx_part(&render_docx(&order_of_points(3)).unwrap().bytes, "word/document.xml");
    let point = |n: usize| {
        let text = xml.find(&format!("Пункт номер {n} ")).unwrap();
        let start = xml[..text].rfind("<w:p ").unwrap();
        &xml[start..start + xml[start..].find("</w:p>").unwrap()]
    };
    assert!(xml.find("Пункт номер 3").unwrap() < xml.rfind("<w:tbl>").unwrap(), "the signature row follows the points");
    assert!(point(3).contains("<w:keepNext") && point(3).contains("<w:keepLines"), "{}", point(3));
    assert!(point(2).contains("<w:keepNext") && !point(2).contains("<w:keepLines"), "{}", point(2));
    assert!(!point(1).contains("<w:keepNext"), "{}", point(1));
}

#[test]
fn names_initials_and_addresses_never_break_across_lines() {
    use sferum_gen::grammar::{Case, NameForms};
    let out = build_examples();
    let ctx = RenderContext::new().unwrap();
    let catalog = catalog(&root().join("policies"));
    for inst in &catalog.institutions {
        let dir = out.path().join(inst.id());
        let pdfs: Vec<(String, String)> = ["public", "restricted"]
            .iter()
            .flat_map(|v| std::fs::read_dir(dir.join(v)).unwrap().map(|e| e.unwrap().path()))
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), pdf_text(&p).replace('\u{a0}', " ")))
            .collect();
        // The short name, every person's «И.О. Фамилия» and «Фамилия И.О.» in every case, and
        // every address in the regulation.
        let regulation = sferum_gen::render::render_regulation(&ctx, inst, &catalog.registry).unwrap();
        let addresses = sferum_gen::export::urls::split_addresses(&regulation.body.replace('\\', ""))
            .into_iter()
            .filter(|(_, address)| *address)
            .map(|(a, _)| a.to_string())
            .collect::<Vec<_>>();
        assert!(inst.id() != "bpt" || addresses.iter().any(|a| a == "sferum.ru/?p=parents_students"), "{addresses:?}");
        let names = inst.roles.people.iter().filter(|p| !p.placeholder).flat_map(|p| {
            Case::ALL.into_iter().flat_map(move |c| {
                let forms = NameForms::of(p, c);
                [forms.short, forms.initials_first]
            })
        });
        let phrases: Vec<String> = std::iter::once(inst.info.name.short.nom.clone()).chain(names).chain(addresses).collect();
        for (file, text) in &pdfs {
            for phrase in &phrases {
                let whole = fold(text).matches(phrase.as_str()).count();
                let on_one_line: usize = text.lines().map(|l| fold(l).matches(phrase.as_str()).count()).sum();
                assert_eq!(on_one_line, whole, "{}/{file}: «{phrase}» is broken across lines:\n{text}", inst.id());
            }
        }
        // The DOCX keeps the no-break spaces: Word does not break there either.
        let xml = docx_part(&std::fs::read(dir.join("restricted/order-platform.docx")).unwrap(), "word/document.xml");
        let short = &inst.info.name.short.nom;
        if short.contains(' ') && xml.contains(&short.replace(' ', "\u{a0}")) {
            assert!(!xml.contains(short), "{}: «{short}» with a breakable space in the DOCX", inst.id());
        }
    }
}

/// A copy of the examples whose ИТЭП has `extra` more teachers, built into `<tmp>/out`.
fn build_itep_with_staff(extra: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("policies"), &policies);
    let mut roles = std::fs::OpenOptions::new().append(true).open(policies.join("itep/roles.yaml")).unwrap();
    for n in 1..=extra {
        writeln!(
            roles,
            "  - id: extra-{n}\n    surname: Тестова{n}\n    name: Мария\n    patronymic: Ивановна\n    gender: female\n    position: teacher\n    \
             post: {{nom: преподаватель, gen: преподавателя, dat: преподавателю, ins: преподавателем}}"
        )
        .unwrap();
    }
    let out = tmp.path().join("out");
    let o = run(&["build", policies.to_str().unwrap(), "--out", out.to_str().unwrap(), "--only", "itep"]);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    tmp
}

/// The row numbers of a sheet's table with the top of each (yMin, in points), by page: the
/// words that are a number, in the first column (within 1.5 cm of the 30 mm left margin),
/// below the head row.
fn row_numbers(pdf: &Path) -> Vec<Vec<(u32, f64)>> {
    let html = tool_output("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let words: Vec<(&str, f64, f64)> = page
            .split("<word ")
            .skip(1)
            .map(|word| {
                let attr = |name: &str| -> f64 {
                    let start = word.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                    word[start..start + word[start..].find('"').unwrap()].parse().unwrap()
                };
                (&word[word.find('>').unwrap() + 1..word.find("</word>").unwrap()], attr("xMin"), attr("yMin"))
            })
            .collect();
        let head = words.iter().find(|w| w.0 == "Должность").map_or(f64::MAX, |w| w.2);
        let numbers = words.iter().filter(|w| w.1 < 85.0 + 42.5 && w.2 > head).filter_map(|w| Some((w.0.parse().ok()?, w.2)));
        pages.push(numbers.collect());
    }
    pages
}

#[test]
fn a_long_acknowledgment_sheet_repeats_its_head_row_and_leaves_room_to_sign() {
    let extra = 40;
    let tmp = build_itep_with_staff(extra);
    let restricted = tmp.path().join("out/itep/restricted");
    let catalog = catalog(&tmp.path().join("policies"));
    let inst = catalog.institutions.iter().find(|i| i.id() == "itep").unwrap();
    let listed = inst.roles.people.iter().filter(|p| !p.placeholder && p.id != inst.head().id).count();
    assert!(listed > extra);

    let sheet = restricted.join("acknowledgment-regulation.pdf");
    let pages = pdf_pages(&sheet);
    assert!(pages.len() >= 2, "{} staff fit on one page", listed);
    let head_row = ["№", "Должность", "Подпись", "Расшифровка", "подписи", "Дата", "ознакомления"];
    for (n, page) in pages.iter().enumerate() {
        let words: Vec<&str> = page.split_whitespace().take(40).collect();
        for word in head_row {
            assert!(words.contains(&word), "page {}: no head-row word «{word}» at its top:\n{page}", n + 1);
        }
    }
    let all = fold(&pages.join("\n"));
    assert_has(&all, &["ЛИСТ ОЗНАКОМЛЕНИЯ", "утвержденным приказом от 25.10.2023 № 212 п", "1 методист О.С. Колчанова", "М.И. Тестова40"], "the ИТЭП sheet");
    assert!(!all.contains("Суедина"), "the head is listed: {all}");

    // Every row, spare ones included, is numbered and at least 1 cm (28.35 pt) high.
    let numbers = row_numbers(&sheet);
    let all_numbers: Vec<u32> = numbers.iter().flatten().map(|(n, _)| *n).collect();
    assert_eq!(all_numbers, (1..=listed as u32 + 5).collect::<Vec<_>>(), "the listed staff, then five spare rows");
    for page in &numbers {
        for pair in page.windows(2) {
            assert!(pair[1].1 - pair[0].1 >= 28.3, "rows {} and {} are {:.1} pt apart", pair[0].0, pair[1].0, pair[1].1 - pair[0].1);
        }
    }

    // In Word: the head row repeats, the other rows are at least 1 cm high and never split.
    let xml = docx_part(&std::fs::read(restricted.join("acknowledgment-regulation.docx")).unwrap(), "word/document.xml");
    let table = &xml[xml.find("<w:tbl>").unwrap()..];
    let table = &table[..table.find("</w:tbl>").unwrap()];
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    assert_eq!(rows.len(), listed + 6, "head, staff and spare rows");
    assert!(rows[0].contains("<w:tblHeader />") && rows[0].contains("Расшифровка подписи"), "{}", rows[0]);
    for row in &rows[1..] {
        assert!(!row.contains("<w:tblHeader"), "{row}");
        assert!(row.contains(r#"<w:trHeight w:val="567" w:hRule="atLeast" />"#) && row.contains("<w:cantSplit />"), "{row}");
    }
}

#[test]
fn the_admin_order_sheet_lists_only_the_people_the_order_names() {
    let out = build_examples();
    let catalog = catalog(&root().join("policies"));
    for inst in &catalog.institutions {
        let order = inst.order_of_kind(OrderKind::AdminAppointment).unwrap();
        let named: Vec<&str> = order.admin.iter().chain(&order.additional_admins).chain(&order.control).map(String::as_str).collect();
        let text = fold(&pdf_text(&out.path().join(inst.id()).join("restricted/acknowledgment-order-admin.pdf")));
        let docx = docx_text(&out.path().join(inst.id()).join("restricted/acknowledgment-order-admin.docx"));
        for p in inst.roles.people.iter().filter(|p| !p.placeholder) {
            let listed = named.contains(&p.id.as_str()) && p.id != inst.head().id;
            for (form, t) in [("PDF", &text), ("DOCX", &docx)] {
                assert_eq!(t.contains(&p.surname), listed, "{} {form}: {} listed: {listed}:\n{t}", inst.id(), p.surname);
            }
        }
        let regulation = fold(&pdf_text(&out.path().join(inst.id()).join("restricted/acknowledgment-regulation.pdf")));
        // The act is named with its approving order, or with the head's approval by signature.
        let approval = match &inst.info.document.approval.approved {
            Approved::Order { order } => {
                let o = inst.order(order).unwrap();
                format!("утвержденным приказом от {} № {}", o.date.dotted(), o.number)
            }
            Approved::Head { date, .. } => format!("утвержденным {} {}", inst.head().post.ins, date.dotted()),
        };
        assert!(regulation.contains(&approval), "{}: the sheet does not name the approval «{approval}»:\n{regulation}", inst.id());
    }
}

#[test]
fn docx_numbers_clauses_itself_in_russian_with_hyphenation() {
    let out = build_examples();
    for inst in &catalog(&root().join("policies")).institutions {
        let id = inst.id();
        let bytes = std::fs::read(out.path().join(id).join("public/regulation.docx")).unwrap();
        let numbering = docx_part(&bytes, "word/numbering.xml");
        let clause_levels = &numbering[numbering.find(r#"<w:abstractNum w:abstractNumId="4""#).expect("the clause numbering")..];
        let clause_levels = &clause_levels[..clause_levels.find("</w:abstractNum>").unwrap()];
        for text in ["%1.", "%1.%2.", "%1.%2.%3."] {
            assert!(clause_levels.contains(&format!(r#"<w:lvlText w:val="{text}" />"#)), "{id}: no level «{text}»: {clause_levels}");
        }
        assert!(clause_levels.contains(r#"<w:suff w:val="space" />"#), "{id}: {clause_levels}");
        assert!(numbering.contains(r#"<w:num w:numId="3"><w:abstractNumId w:val="4" />"#), "{id}: {numbering}");

        let xml = docx_part(&bytes, "word/document.xml");
        let numbered = |level: u8| {
            xml.matches(&format!(r#"<w:numPr><w:numId w:val="3" /><w:ilvl w:val="{level}" /></w:numPr>"#)).count()
        };
        assert!(numbered(0) >= 5 && numbered(1) > 20, "{id}: sections {} and clauses {} are not numbered by Word", numbered(0), numbered(1));
        let first_clause = &xml[xml.find(r#"<w:numId w:val="3" /><w:ilvl w:val="1" />"#).unwrap()..];
        let first_text = &first_clause[first_clause.find("<w:t ").unwrap()..];
        let first_text = &first_text[first_text.find('>').unwrap() + 1..];
        assert!(!first_text.starts_with("1.1."), "{id}: the number is typed as well: {}", &first_text[..40]);

        let styles = docx_part(&bytes, "word/styles.xml");
        let defaults = &styles[styles.find("<w:rPrDefault>").unwrap()..styles.find("</w:rPrDefault>").unwrap()];
        assert!(defaults.contains(r#"<w:lang w:val="ru-RU""#), "{id}: {defaults}");
        let settings = docx_part(&bytes, "word/settings.xml");
        assert!(settings.contains(r#"<w:autoHyphenation w:val="true" />"#), "{id}: {settings}");
    }
}

/// A DOCX with one paragraph of `xml` copied in right after it: what a user does in Word
/// when adding a clause under it.
fn with_paragraph_copied(docx: &[u8], paragraph_start: usize) -> Vec<u8> {
    let xml = docx_part(docx, "word/document.xml");
    let end = paragraph_start + xml[paragraph_start..].find("</w:p>").unwrap() + "</w:p>".len();
    let edited = format!("{}{}{}", &xml[..end], &xml[paragraph_start..end], &xml[end..]);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        writer.start_file(name.as_str(), options).unwrap();
        if name == "word/document.xml" {
            writer.write_all(edited.as_bytes()).unwrap();
        } else {
            std::io::copy(&mut entry, &mut writer).unwrap();
        }
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_clause_added_in_word_renumbers_the_rest() {
    if Command::new("libreoffice").arg("--version").output().is_err() {
        eprintln!("SKIPPED a_clause_added_in_word_renumbers_the_rest: `libreoffice` is not installed (apt-get install libreoffice-writer-nogui)");
        return;
    }
    let catalog = catalog(&root().join("policies"));
    let ctx = RenderContext::new().unwrap();
    let inst = catalog.institutions.iter().find(|i| i.id() == "itep").unwrap();
    let doc = sferum_gen::render::render_regulation(&ctx, inst, &catalog.registry).unwrap();
    let bytes = render_docx(&doc).unwrap().bytes;
    let xml = docx_part(&bytes, "word/document.xml");
    let clause = xml.find(r#"<w:numId w:val="3" /><w:ilvl w:val="1" />"#).unwrap();
    let edited = with_paragraph_copied(&bytes, xml[..clause].rfind("<w:p ").unwrap());

    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("edited.docx"), edited).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", tmp.path().join("lo-profile").display());
    let o = Command::new("libreoffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir", tmp.path().to_str().unwrap()])
        .arg(tmp.path().join("edited.docx"))
        .output()
        .expect("libreoffice runs");
    assert!(o.status.success(), "libreoffice failed: {}", String::from_utf8_lossy(&o.stderr));
    let text = fold(&pdf_text(&tmp.path().join("edited.pdf")).replace('\u{a0}', " "));

    // The first words of the body's clauses 1.1 and 1.2, after the number the render stage wrote.
    let clauses: Vec<&str> = doc.body.split("\n\n").filter(|b| b.starts_with("1.1. ") || b.starts_with("1.2. ")).collect();
    let start = |clause: &str| words(clause)[1..5].join(" ");
    let (first, second) = (start(clauses[0]), start(clauses[1]));
    for expected in [format!("1.1. {first}"), format!("1.2. {first}"), format!("1.3. {second}")] {
        assert!(text.contains(&expected), "after a copied clause 1.1, LibreOffice shows no «{expected}»:\n{text}");
    }
}
