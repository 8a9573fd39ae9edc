//! The template overlay (issue 11): a methodologist's changed template, in `_templates/`
//! beside the institutions or in `--templates DIR`, replaces the built-in one of the same
//! path; a broken one is an error at its file and line, and nothing is written.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{copy_tree, docx_text, hashes, pdf_text, root, run, stderr};

/// The first clause of the purpose section, as the built-in template writes it.
const BUILT_IN_START: &str = "§ Платформа используется для организации взаимодействия участников образовательных отношений";
const CHANGED: &str = "§ Платформа служит особой цели, записанной методистом региона, {{ inst.self.gen }}.";

/// The built-in purpose section with its first clause replaced.
fn changed_purpose() -> String {
    let built_in = std::fs::read_to_string(root().join("templates/regulation/sections/purpose.md")).unwrap();
    let mut lines: Vec<String> = built_in.lines().map(str::to_string).collect();
    let at = lines.iter().position(|l| l.starts_with(BUILT_IN_START)).expect("the built-in purpose section starts with its clause");
    lines[at] = CHANGED.to_string();
    lines.join("\n") + "\n"
}

/// A copy of the examples with `overlay` files written under `_templates/`.
fn input_with_overlay(overlay: &[(&str, &str)]) -> tempfile::TempDir {
    let input = tempfile::tempdir().unwrap();
    copy_tree(&root().join("policies"), input.path());
    for (name, text) in overlay {
        let path = input.path().join("_templates").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    input
}

fn build(input: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--only", "itep"];
    args.extend(extra);
    run(&args)
}

/// The text lines of a file (HTML, PDF text or DOCX text) that are not in the other.
fn only_in(a: &str, b: &str) -> Vec<String> {
    let theirs: BTreeSet<&str> = b.lines().map(str::trim).collect();
    a.lines().map(str::trim).filter(|l| !l.is_empty() && !theirs.contains(l)).map(str::to_string).collect()
}

#[test]
fn a_changed_clause_changes_that_clause_everywhere_and_nothing_else() {
    let plain = input_with_overlay(&[]);
    let changed = input_with_overlay(&[("regulation/sections/purpose.md", &changed_purpose())]);
    let (before, after) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let o = build(plain.path(), before.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = build(changed.path(), after.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));

    let doc = |dir: &Path, ext: &str| dir.join("itep/public").join(format!("regulation.{ext}"));
    // HTML: exactly the changed clause differs.
    let (html_before, html_after) = (std::fs::read_to_string(doc(before.path(), "html")).unwrap(), std::fs::read_to_string(doc(after.path(), "html")).unwrap());
    let added = only_in(&html_after, &html_before);
    let removed = only_in(&html_before, &html_after);
    assert_eq!(added.len(), 1, "one clause changes in the HTML: {added:?}");
    assert_eq!(removed.len(), 1, "one clause changes in the HTML: {removed:?}");
    assert!(added[0].contains("особой цели, записанной методистом региона, ЧПОУ «ИТЭП»") || added[0].contains("особой цели"), "{added:?}");
    assert!(removed[0].contains("используется для организации взаимодействия"), "{removed:?}");
    // The clause keeps its generated number: the changed one is numbered like the old one.
    let number = |l: &str| l.split_whitespace().find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit())).map(str::to_string);
    assert_eq!(number(&added[0]), number(&removed[0]));

    // PDF and DOCX carry the new clause and no longer the old one.
    for text in [pdf_text(&doc(after.path(), "pdf")), docx_text(&doc(after.path(), "docx"))] {
        let flat = common::fold(&text);
        assert!(flat.contains("особой цели, записанной методистом региона"), "{flat}");
        assert!(!flat.contains("используется для организации взаимодействия"), "the old clause is gone");
    }
    // Every other output is byte for byte the same.
    let (h_before, h_after) = (hashes(before.path()), hashes(after.path()));
    let differing: Vec<&String> = h_before.keys().filter(|k| h_before.get(*k) != h_after.get(*k)).collect();
    for path in &differing {
        let changed_ok = path.starts_with("itep/public/regulation.") || path.starts_with("itep/public/site/documents/regulation.") || path.as_str() == "index.json" || path.ends_with("MANIFEST.sha256");
        assert!(changed_ok, "{path} changed, though only a regulation clause was overlaid");
    }
    assert!(differing.iter().any(|p| p.as_str() == "itep/public/regulation.pdf"));
    assert_eq!(h_before.len(), h_after.len());
}

#[test]
fn a_broken_overlay_template_is_an_error_at_its_line_and_nothing_is_written() {
    let broken = "## Назначение платформы\n\n§ Платформа {{ inst.self.gen }\n";
    let input = input_with_overlay(&[("regulation/sections/purpose.md", broken)]);
    let o = run(&["check", input.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("template-error"), "{err}");
    assert!(err.contains("_templates/regulation/sections/purpose.md:3:"), "the file and line of the mistake: {err}");

    // A build refuses too, and the output folder stays as it was.
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("keep.txt"), "earlier build").unwrap();
    let before = hashes(out.path());
    let o = build(input.path(), out.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(hashes(out.path()), before, "out/ is unchanged");
}

#[test]
fn a_variable_the_context_lacks_is_an_error_at_check() {
    let unknown = "## Назначение платформы\n\n§ Платформа {{ inst.no_such_field }}.\n";
    let dir = tempfile::tempdir().unwrap();
    let overlay = dir.path().join("my-templates");
    std::fs::create_dir_all(overlay.join("regulation/sections")).unwrap();
    std::fs::write(overlay.join("regulation/sections/purpose.md"), unknown).unwrap();
    let o = run(&["check", "policies", "--templates", overlay.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("my-templates/regulation/sections/purpose.md:3:"), "{err}");
    assert!(err.contains("no_such_field"), "{err}");
}

#[test]
fn templates_export_writes_the_built_in_set_and_refuses_a_full_folder() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("start");
    let o = run(&["templates", "export", target.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in ["regulation/main.md", "regulation/frame.txt", "vocabulary.yaml", "rosters/frame.txt", "site/frame.txt", "layout/page.html"] {
        let exported = std::fs::read_to_string(target.join(name)).unwrap();
        assert_eq!(exported, std::fs::read_to_string(root().join("templates").join(name)).unwrap(), "{name}");
    }
    // The exported set, used as an overlay unchanged, builds the same documents.
    let o = run(&["check", "policies", "--templates", target.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A folder with files in it is not overwritten.
    let o = run(&["templates", "export", target.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn an_overlaid_layout_is_used_and_its_error_is_reported_at_its_line() {
    let built_in = std::fs::read_to_string(root().join("templates/layout/gost.typ")).unwrap();
    // A working change: a line of the region's own at the end of every document.
    let changed = format!("{built_in}\n#place(bottom + right, text(size: 8pt)[Макет регионального центра])\n");
    let input = input_with_overlay(&[("layout/gost.typ", &changed)]);
    let out = tempfile::tempdir().unwrap();
    let o = build(input.path(), out.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = common::fold(&pdf_text(&out.path().join("itep/public/regulation.pdf")));
    assert!(text.contains("Макет регионального центра"), "the overlay's layout was not used:\n{text}");

    // A broken one: an unknown function on a known line.
    let lines = built_in.lines().count();
    let broken = format!("{built_in}\n#no-such-function()\n");
    let input = input_with_overlay(&[("layout/gost.typ", &broken)]);
    let o = run(&["check", input.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("_templates/layout/gost.typ:{}:", lines + 2)), "the layout's file and line: {err}");
}

/// An overlaid default title that fails to render is an error at its line, never a
/// regulation printed without a heading.
#[test]
fn a_broken_title_template_is_reported_not_left_blank() {
    let input = input_with_overlay(&[("regulation/title.txt", "об использовании ИКОП «Сферум»\n{{ v.no_such_word.gen }}\n")]);
    let o = run(&["check", input.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("template-error") && err.contains("_templates/regulation/title.txt:2:"), "{err}");
}
