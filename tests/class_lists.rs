//! Class lists as schools keep them (issue 12): a list saved by Excel in a Russian locale
//! (`;`), a tab-separated one and an .xlsx workbook are read like the comma-separated list,
//! give the same rosters, and their mistakes are reported at the same rows.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// A copy of `policies/` with the registry and school-max, whose people lists pass through
/// `convert` (given the list's path and its comma-separated text).
fn school_with_lists(convert: &dyn Fn(&Path, &str)) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("policies/_registry"), &policies.join("_registry"));
    copy_tree(&root().join("policies/school-max"), &policies.join("school-max"));
    for group in ["3a", "7b"] {
        let path = policies.join(format!("school-max/people/{group}.csv"));
        let text = std::fs::read_to_string(&path).unwrap();
        convert(&path, &text);
    }
    tmp
}

/// The rows of a comma-separated list (comment lines dropped).
fn rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = ::csv::ReaderBuilder::new().has_headers(false).comment(Some(b'#')).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

fn with_separator(path: &Path, text: &str, separator: u8) {
    let mut writer = ::csv::WriterBuilder::new().delimiter(separator).from_writer(Vec::new());
    for row in rows(text) {
        writer.write_record(&row).unwrap();
    }
    std::fs::write(path, writer.into_inner().unwrap()).unwrap();
}

fn as_workbook(path: &Path, text: &str) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows(text).iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, value).unwrap();
        }
    }
    book.save(path.with_extension("xlsx")).unwrap();
    std::fs::remove_file(path).unwrap();
}

/// The roster files of a build (CSV text and the workbook's cells), by path.
fn rosters(tmp: &tempfile::TempDir) -> BTreeMap<String, String> {
    let out = tmp.path().join("out");
    let o = run(&["build", tmp.path().join("policies").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = out.join("school-max/restricted/rosters");
    let mut found = BTreeMap::new();
    for e in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let rel = e.path().strip_prefix(&dir).unwrap().display().to_string();
        let text = match e.path().extension().and_then(|x| x.to_str()) {
            Some("csv") => std::fs::read_to_string(e.path()).unwrap(),
            Some("xlsx") => docx_part(&std::fs::read(e.path()).unwrap(), "xl/sharedStrings.xml"),
            Some("pdf") => pdf_text(e.path()),
            _ => continue,
        };
        found.insert(rel, text);
    }
    found
}

#[test]
fn semicolon_tab_and_workbook_lists_give_the_same_rosters() {
    let commas = rosters(&school_with_lists(&|_, _| {}));
    assert!(commas.keys().any(|k| k.starts_with("chats/")) && commas.contains_key("rosters.xlsx"), "{:?}", commas.keys());
    assert!(commas.values().any(|t| t.contains("Алексеев")), "the comma list's pupils are in the rosters");
    let variants: [(&str, &dyn Fn(&Path, &str)); 3] = [
        ("semicolons", &|p, t| with_separator(p, t, b';')),
        ("tabs", &|p, t| with_separator(p, t, b'\t')),
        ("xlsx", &as_workbook),
    ];
    for (name, convert) in variants {
        let other = rosters(&school_with_lists(convert));
        assert_eq!(other.keys().collect::<Vec<_>>(), commas.keys().collect::<Vec<_>>(), "{name}: the same roster files");
        for (path, text) in &commas {
            assert_eq!(&other[path], text, "{name}: {path} differs from the comma list's");
        }
    }
}

#[test]
fn a_mistake_in_a_semicolon_list_names_the_separator_and_its_line() {
    let tmp = school_with_lists(&|p, t| {
        with_separator(p, t, b';');
        if p.ends_with("3a.csv") {
            // The third line (the second pupil) loses a value.
            let text = std::fs::read_to_string(p).unwrap();
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            lines[2] = lines[2].rsplit_once(';').unwrap().0.to_string();
            std::fs::write(p, lines.join("\n") + "\n").unwrap();
        }
    });
    let o = run(&["check", tmp.path().join("policies").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("csv-wrong-field-count") && err.contains("разделены точкой с запятой"), "{err}");
    assert!(err.contains("people/3a.csv:3:"), "{err}");
}

#[test]
fn a_mistake_in_a_workbook_is_reported_at_its_row_and_other_files_are_named() {
    let tmp = school_with_lists(&|p, t| {
        let t = if p.ends_with("7b.csv") { t.replacen("+7(900)0000115", "12345", 1) } else { t.to_string() };
        as_workbook(p, &t)
    });
    std::fs::write(tmp.path().join("policies/school-max/people/notes.txt"), "call the parents").unwrap();
    let o = run(&["check", tmp.path().join("policies").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    // The pupil with the bad phone is the first data row: row 2 of the sheet.
    assert!(err.contains("csv-bad-phone") && err.contains("people/7b.xlsx:2:"), "{err}");
    assert!(err.contains("people-file-ignored") && err.contains("notes.txt"), "{err}");
}

/// A list of 20,000 rows (checked in linear time since issue 13) whose second-to-last row
/// repeats the first pupil's id: the repeat is reported at its own line, pointing at the
/// first, and the parent of the pupil whose id it lost is reported as pointing nowhere; no
/// other row is reported. The same list as a workbook gives the same rows.
#[test]
fn a_repeated_id_near_the_end_of_a_long_list_is_found_at_its_line() {
    let text = long_list("3a", 20_000).replacen("s09999,", "s00000,", 1);
    for workbook in [false, true] {
        let tmp = school_with_lists(&|p, _| {
            if p.ends_with("3a.csv") {
                std::fs::write(p, &text).unwrap();
                if workbook {
                    as_workbook(p, &text);
                }
            }
        });
        let o = run(&["check", tmp.path().join("policies").to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        // Data row 19,999 is line 20,001 of the file (after a comment line and the header) and
        // row 20,000 of the sheet (which has no comment row).
        let (file, header) = if workbook { ("people/3a.xlsx", 1) } else { ("people/3a.csv", 2) };
        let (first, repeat, orphan) = (header + 1, header + 19_999, header + 20_000);
        assert!(err.contains(&format!("{file}:{repeat}:1")) && err.contains(&format!("{file}:{first})")), "{err}");
        assert!(err.contains("csv-unknown-student") && err.contains(&format!("{file}:{orphan}:")), "{err}");
        assert_eq!(err.matches("csv-").count(), 2, "{err}");
    }
}

/// A workbook of `cells` (reference, text) on its one sheet, as Excel's XML allows it
/// (rust_xlsxwriter refuses rows past 1,048,576).
fn sparse_workbook(path: &Path, cells: &[(&str, &str)]) {
    use std::io::Write;
    let row = |r: &str| r.trim_start_matches(|c: char| c.is_ascii_uppercase()).to_string();
    let cells: String = cells.iter().map(|(r, t)| format!(r#"<row r="{}"><c r="{r}" t="inlineStr"><is><t>{t}</t></is></c></row>"#, row(r))).collect();
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        ("[Content_Types].xml", r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)),
        ("xl/workbook.xml", format!(r#"<workbook xmlns="{main}" xmlns:r="{rels}"><sheets><sheet name="3a" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels", format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#)),
        ("xl/worksheets/sheet1.xml", format!(r#"<worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>"#)),
    ];
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, xml) in parts {
        writer.start_file(name, options).unwrap();
        writer.write_all(xml.as_bytes()).unwrap();
    }
    std::fs::write(path, writer.finish().unwrap().into_inner()).unwrap();
}

/// A workbook of about 1 KB with a header in A1 and one more cell far out: row 4,000,000,000,
/// or the last row and column Excel has. The sheet it spans is too large for a list, and it
/// is refused before anything is allocated for the rows and columns between (the sheet was
/// read as a dense range, and the first case asked for 128 GB and aborted: found by the
/// fuzz target `people`, tests/fuzz/). A cell in row 3 of column 10 is read as before.
#[test]
fn a_workbook_cell_far_out_is_too_large_not_an_abort() {
    for far in ["A4000000000", "XFD1048576", "XFD3"] {
        let tmp = school_with_lists(&|p, _| {
            if p.ends_with("3a.csv") {
                std::fs::remove_file(p).unwrap();
                sparse_workbook(&p.with_extension("xlsx"), &[("A1", "id"), (far, "x")]);
            }
        });
        let o = run(&["check", tmp.path().join("policies").to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{far}: {}", stderr(&o));
        let err = stderr(&o);
        if far == "XFD3" {
            // 16,384 columns in 3 rows is under the limit: the header's columns are checked.
            assert!(!err.contains("file-too-large") && err.contains("csv-missing-column") && err.contains("people/3a.xlsx:1:"), "{far}: {err}");
        } else {
            assert!(err.contains("file-too-large") && err.contains("people/3a.xlsx"), "{far}: {err}");
        }
    }
}

/// The columns of a header's fields are counted in characters across quoted separators and
/// Cyrillic names, one pass over the line (a header of 40,000 unknown columns took 8.5 s,
/// quadratic; now its report is linear in the line).
#[test]
fn the_columns_of_a_header_are_counted_in_characters() {
    let tmp = school_with_lists(&|p, _| {
        if p.ends_with("3a.csv") {
            std::fs::write(p, "id,role,surname,name,\"ё,ж\",пол,x\n").unwrap();
        }
    });
    let o = run(&["check", tmp.path().join("policies").to_str().unwrap()]);
    let err = stderr(&o);
    for (column, name) in [(22, "ё,ж"), (28, "пол"), (32, "x")] {
        assert!(err.contains(&format!("people/3a.csv:1:{column}")) && err.contains(&format!("`{name}`")), "{column}: {err}");
    }
    assert_eq!(err.matches("csv-unknown-column").count(), 3, "{err}");
}
