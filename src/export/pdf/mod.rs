//! PDF backend: the document as JSON data, laid out by templates/layout/gost.typ
//! (ГОСТ Р 7.0.97), compiled in-process by typst and exported as PDF/A-2b.

mod cache;
mod tree;
mod world;

pub use cache::{clear_caches, evict_caches, set_cache_age, CACHE_AGE};
pub use tree::markdown_tree;

use anyhow::{anyhow, Result};
use serde_json::json;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::{Artifact, Options};
use crate::document::{Document, SignatureMark};
use crate::model::Date;
use world::DocumentWorld;

use crate::templates::Templates;
use crate::tr;

/// The layouts' paths among the templates.
const LAYOUT: &str = "layout/gost.typ";
const HANDOUT: &str = "layout/handout.typ";

/// Compiles `doc` to PDF/A-2b. The timestamp is the document's date unless the run's clock
/// fixes SOURCE_DATE_EPOCH (`opts.clock`); either way the bytes are reproducible.
pub fn render_pdf(opts: &Options, doc: &Document) -> Result<Artifact> {
    render_pdf_with_mark(opts, doc, None)
}

/// The overlay's text of a layout, when an overlay replaced it (else the built-in one is used).
fn overlaid<'t>(templates: &'t Templates, name: &str) -> Option<&'t str> {
    templates.overlay_path(name).map(|_| templates.text(name))
}

/// Like [`render_pdf`], with the visible mark of an electronic signature in the signature
/// block (a regulation, which has none, gets the mark's own signature requisite).
pub fn render_pdf_with_mark(opts: &Options, doc: &Document, mark: Option<&SignatureMark>) -> Result<Artifact> {
    let templates = opts.templates;
    let data = document_data(doc, mark)?;
    let moment = timestamp(doc.date, opts.clock.source_date_epoch).ok_or_else(|| anyhow!("the document date {} is out of range", doc.date))?;
    let world = DocumentWorld::new(serde_json::to_vec(&data)?, moment, overlaid(templates, LAYOUT));
    let bytes = compile(&world, &doc.ident, moment, templates.overlay_path(LAYOUT))?;
    Ok(Artifact { path: doc.file("pdf"), bytes })
}

/// What the ГОСТ layout reads as `/data.json` for `doc` (unsigned), as JSON bytes: the bench
/// compiles the same data with typst outside this process.
pub fn layout_data(doc: &Document) -> Result<Vec<u8>> {
    Ok(serde_json::to_vec(&document_data(doc, None)?)?)
}

/// The layout's data for `doc`, with the mark of its signature when it is signed.
fn document_data(doc: &Document, mark: Option<&SignatureMark>) -> Result<serde_json::Value> {
    let (mut top_left, mut top_right) = (serde_json::to_value(&doc.top_left)?, serde_json::to_value(&doc.top_right)?);
    // A document without a signature block (a regulation) is signed where its signer's
    // handwritten signature would stand: the line in УТВЕРЖДАЮ, else a signature block of its own.
    let in_requisite = doc.signature.is_none() && mark.is_some_and(|m| mark_signature_line(&mut top_right, m) || mark_signature_line(&mut top_left, m));
    let signature = doc.signature.as_ref().or(mark.filter(|_| !in_requisite).map(|m| &m.signature));
    Ok(json!({
        "layout": doc.layout,
        "date_line": doc.date_line,
        "signature": signature,
        "mark": mark,
        "header": doc.header,
        "top_left": top_left,
        "top_right": top_right,
        "type_word": doc.type_word,
        "heading": doc.heading,
        "title": doc.title(),
        "place_year": doc.place_year,
        "body": markdown_tree(&doc.body),
        "closing": doc.closing,
        "draft": doc.draft,
    }))
}

/// Replaces the signer's signature line («________________ И.О. Фамилия») in `blocks` (requisite
/// blocks as JSON) by a mark placeholder, which the layout draws as the mark above the name.
fn mark_signature_line(blocks: &mut serde_json::Value, mark: &SignatureMark) -> bool {
    // Typesetting ties the name to its initials with a no-break space; the signer's name is plain.
    let plain = |s: &str| s.replace('\u{a0}', " ");
    let wanted = plain(&crate::render::signature_line_of(&mark.signature.name));
    let lines = blocks.as_array_mut().into_iter().flatten().filter_map(|b| b["lines"].as_array_mut()).flatten();
    match lines.into_iter().find(|l| l.as_str().map(plain).as_deref() == Some(wanted.as_str())) {
        Some(line) => {
            *line = json!({ "mark": true, "name": mark.signature.name });
            true
        }
        None => false,
    }
}

/// Compiles an invite handout (templates/layout/handout.typ over `data`) to PDF/A-2b at `path`;
/// its timestamp is `date` unless the run's clock fixes SOURCE_DATE_EPOCH, like every other PDF.
pub fn render_handout(opts: &Options, data: &serde_json::Value, path: std::path::PathBuf, ident: &str, date: Date) -> Result<Artifact> {
    let templates = opts.templates;
    let moment = timestamp(date, opts.clock.source_date_epoch).ok_or_else(|| anyhow!("the date {date} is out of range"))?;
    let world = DocumentWorld::handout(serde_json::to_vec(data)?, moment, overlaid(templates, HANDOUT));
    Ok(Artifact { path, bytes: compile(&world, ident, moment, templates.overlay_path(HANDOUT))? })
}

/// Lays out the world's main file and exports it as PDF/A-2b with a fixed identifier and time.
/// An error in an overlay's layout (`overlay`) is a template error at its file and line.
fn compile(world: &DocumentWorld, ident: &str, moment: Datetime, overlay: Option<&std::path::Path>) -> Result<Vec<u8>> {
    let result = typst::compile::<PagedDocument>(world).output;
    let compiled = result.map_err(|errors| {
        if let (Some(path), Some(first)) = (overlay, errors.first()) {
            let span = world.place(first.span).map(|(line, col)| crate::diag::Span { start: 0, end: 0, line, col });
            let d = crate::diag::Diagnostic::error("template-error", tr!("layout-error", detail = first.message.as_str()))
                .at(path, span)
                .with_hint(tr!("layout-error.hint"));
            return anyhow::Error::new(crate::templates::TemplateError(d));
        }
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        anyhow!("typst layout failed for {ident}: {}", messages.join("; "))
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        timestamp: Some(Timestamp::new_utc(moment)),
        standards: PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| anyhow!("PDF/A setup: {}", e.message()))?,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&compiled, &options).map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        anyhow!("PDF export failed for {ident}: {}", messages.join("; "))
    })
}

fn timestamp(date: Date, epoch: Option<i64>) -> Option<Datetime> {
    match epoch {
        Some(secs) => {
            let days = secs.div_euclid(86_400);
            let rem = secs.rem_euclid(86_400);
            let d = Date::from_days_since_epoch(days);
            Datetime::from_ymd_hms(d.year, d.month, d.day, (rem / 3600) as u8, (rem % 3600 / 60) as u8, (rem % 60) as u8)
        }
        None => Datetime::from_ymd_hms(date.year, date.month, date.day, 0, 0, 0),
    }
}
