//! The fuzz targets of sferum-gen, one function per target (`fuzz_targets/*.rs` call them).
//! Each must never panic and never run past libFuzzer's `-timeout`; the check and people
//! targets also hold `check` to its promise: an input `check` passes is one `build` builds.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sferum_gen::config::{BuildConfig, CheckConfig, Clock};
use sferum_gen::model::Date;

/// The example every institution-level input is built on: it has people lists, chats of
/// both kinds and every document (policies/school-max, the registry beside it).
const BASE: &str = "school-max";
const BASE_FILES: [(&str, &str); 6] = [
    ("institution.yaml", include_str!("../../../policies/school-max/institution.yaml")),
    ("roles.yaml", include_str!("../../../policies/school-max/roles.yaml")),
    ("appointments.yaml", include_str!("../../../policies/school-max/appointments.yaml")),
    ("chats.yaml", include_str!("../../../policies/school-max/chats.yaml")),
    ("rules.yaml", include_str!("../../../policies/school-max/rules.yaml")),
    ("people/3a.csv", include_str!("../../../policies/school-max/people/3a.csv")),
];
const PEOPLE_OTHER: (&str, &str) = ("people/7b.csv", include_str!("../../../policies/school-max/people/7b.csv"));
const REGISTRY: &str = include_str!("../../../policies/_registry/legal-acts.yaml");

/// The files an input of the check target replaces, chosen by its first byte.
pub const CHECK_FILES: [&str; 7] =
    ["institution.yaml", "roles.yaml", "appointments.yaml", "chats.yaml", "rules.yaml", "invites.yaml", "../_registry/legal-acts.yaml"];

/// The run's clock: fixed (invite links are checked against 2026-09-01, PDFs dated by a fixed
/// SOURCE_DATE_EPOCH), so a run does not depend on the date.
fn clock() -> Clock {
    Clock { source_date_epoch: Some(1_780_000_000), now: 1_780_000_000, today: Date::parse_iso("2026-09-01").expect("a valid date") }
}

/// YAML → JSON with spans, then the per-string character checks, as `load_file` runs them.
/// Every span must lie inside the text and on a character boundary.
pub fn loader(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok((mut value, spans)) = sferum_gen::load::parse_yaml(text) else { return };
    let _ = sferum_gen::load::chars::check_document(&mut value, &spans, text, Path::new("fuzz.yaml"));
    let mut pointers = Vec::new();
    collect_pointers(&value, String::new(), &mut pointers);
    for pointer in pointers {
        for span in [spans.value(&pointer), spans.key(&pointer)].into_iter().flatten() {
            assert!(span.start <= span.end && span.end <= text.len(), "span {span:?} of {pointer} outside a text of {} bytes", text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "span {span:?} of {pointer} splits a character");
        }
    }
}

fn collect_pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                collect_pointers(v, format!("{at}/{}", sferum_gen::load::escape_pointer(k)), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// A people list (CSV when the first byte is even, XLSX when odd) in place of
/// `people/3a.csv` of the base institution: `check`, and `build` when `check` passes.
pub fn people(data: &[u8]) {
    let Some((&selector, list)) = data.split_first() else { return };
    let folder = Folder::get();
    folder.reset();
    let csv = folder.institution().join("people/3a.csv");
    if selector % 2 == 1 {
        std::fs::remove_file(&csv).expect("the list is removable");
        std::fs::write(csv.with_extension("xlsx"), list).expect("the workbook is written");
    } else {
        std::fs::write(&csv, list).expect("the list is written");
    }
    check_then_build(folder);
}

/// One input file of the base institution (or its registry), chosen by the first byte,
/// replaced by the rest: `check`, and `build` when `check` passes.
pub fn check(data: &[u8]) {
    let Some((&selector, file)) = data.split_first() else { return };
    let folder = Folder::get();
    folder.reset();
    let name = CHECK_FILES[usize::from(selector) % CHECK_FILES.len()];
    std::fs::write(folder.institution().join(name), file).expect("the file is written");
    check_then_build(folder);
}

/// Markdown (a rule, a clause, a form's text) → the sanitised events, the PDF layout's tree,
/// the HTML body and the DOCX body, as the body of a real document.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = sferum_gen::export::markdown::events(text);
    let _ = sferum_gen::export::pdf::markdown_tree(text);
    let html = sferum_gen::export::html::markdown_to_html(text);
    assert!(!html.to_ascii_lowercase().contains("<script"), "raw HTML reached the page: {html}");
    let mut doc = sample_document().clone();
    doc.body = text.to_owned();
    sferum_gen::export::docx::render_docx(&doc).expect("any body renders as DOCX");
    sferum_gen::export::pdf::layout_data(&doc).expect("any body has layout data");
}

/// `verify`'s reading of a PDF: a self-signed test certificate is the trust anchor, so the
/// seed (a small PDF it signed) is valid and mutations reach every later step.
pub fn verify(data: &[u8]) {
    static ANCHORS: OnceLock<Vec<x509_cert::Certificate>> = OnceLock::new();
    let anchors = ANCHORS.get_or_init(|| {
        use x509_cert::der::DecodePem;
        vec![x509_cert::Certificate::from_pem(include_bytes!("../seeds/anchor.pem")).expect("the anchor parses")]
    });
    let verdict = sferum_gen::sign::verify::check_pdf(data, anchors);
    if verdict.status == sferum_gen::sign::verify::Status::Valid {
        assert!(data.trim_ascii_end().ends_with(b"%%EOF"), "a PDF without its end is valid");
    }
    let text = String::from_utf8_lossy(data);
    let _ = sferum_gen::sign::manifest::parse_manifest(&text);
}

/// The institution folder the check and people targets write into: created once per
/// process in a temporary folder, reset to the base before each input.
struct Folder {
    root: tempfile::TempDir,
}

impl Folder {
    fn get() -> &'static Folder {
        static FOLDER: OnceLock<Folder> = OnceLock::new();
        FOLDER.get_or_init(|| {
            let root = tempfile::Builder::new().prefix("sferum-fuzz-").tempdir().expect("a temporary folder");
            std::fs::create_dir_all(root.path().join(BASE).join("people")).expect("the folder is made");
            std::fs::create_dir_all(root.path().join("_registry")).expect("the folder is made");
            let folder = Folder { root };
            folder.reset();
            folder
        })
    }

    fn institution(&self) -> PathBuf {
        self.root.path().join(BASE)
    }

    /// Every file back to the base, and any file an input added removed.
    fn reset(&self) {
        let dir = self.institution();
        for extra in ["invites.yaml", "people/3a.xlsx"] {
            let _ = std::fs::remove_file(dir.join(extra));
        }
        for (name, text) in BASE_FILES.iter().chain([&PEOPLE_OTHER]) {
            std::fs::write(dir.join(name), text).expect("the file is written");
        }
        std::fs::write(self.root.path().join("_registry/legal-acts.yaml"), REGISTRY).expect("the registry is written");
    }
}

/// `check` of the folder and its reports; when it passes, `build` into a fresh output folder
/// must succeed.
fn check_then_build(folder: &Folder) {
    let cfg = CheckConfig { input: folder.institution(), draft: false, templates: None, clock: clock() };
    let checked = sferum_gen::pipeline::check(&cfg);
    // The reports `check` prints, in each format.
    let _ = sferum_gen::diag::render_terminal(&checked.diagnostics, &checked.sources);
    let _ = sferum_gen::diag::render_json(&checked.diagnostics);
    let _ = sferum_gen::diag::render_sarif(&checked.diagnostics, &checked.sources, folder.root.path());
    if checked.diagnostics.has_errors() || checked.catalog.as_ref().is_none_or(|c| c.institutions.is_empty()) {
        return;
    }
    let out = tempfile::Builder::new().prefix("sferum-fuzz-out-").tempdir().expect("a temporary folder");
    let build = BuildConfig {
        check: cfg,
        out: out.path().join("out"),
        only: Vec::new(),
        shard: None,
        visibility: None,
        signing: None,
        force: true,
    };
    match sferum_gen::pipeline::build(&build, &()) {
        Ok((_, Ok(summary))) => assert!(summary.failed.is_empty() && summary.institutions == 1, "check passed, the build left out {:?}", summary.failed),
        Ok((checked, Err(e))) => {
            let shown: Vec<String> = checked.diagnostics.iter().map(|d| format!("{d:?}")).collect();
            panic!("check passed, the build refused the input: {e:?}\n{}", shown.join("\n"))
        }
        Err(e) => panic!("check passed, the build failed: {e:#}"),
    }
}

/// A rendered document (the base institution's regulation) whose body the markdown target
/// replaces.
fn sample_document() -> &'static sferum_gen::document::Document {
    static DOC: OnceLock<sferum_gen::document::Document> = OnceLock::new();
    DOC.get_or_init(|| {
        use sferum_gen::plan::DocumentKind;
        use sferum_gen::render::{Content, RenderContext};
        let folder = Folder::get();
        let checked = sferum_gen::pipeline::check(&CheckConfig { input: folder.institution(), draft: false, templates: None, clock: clock() });
        let catalog = checked.catalog.expect("the base institution is valid");
        let ctx = RenderContext::with_templates(sferum_gen::templates::Templates::bundled().expect("bundled templates")).expect("a render context");
        let bundle = sferum_gen::render::institution(&ctx, &catalog.institutions[0], &catalog.registry, &[DocumentKind::Regulation], None)
            .expect("the regulation renders");
        bundle
            .parts
            .into_iter()
            .find_map(|p| match p.content {
                Content::Documents(mut docs) if !docs.is_empty() => Some(docs.swap_remove(0)),
                _ => None,
            })
            .expect("a regulation document")
    })
}
