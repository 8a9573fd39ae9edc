//! PDF backend: the document as JSON data, laid out by templates/layout/gost.typ
//! (ГОСТ Р 7.0.97), compiled in-process by typst and exported as PDF/A-2b.

mod tree;
mod world;

pub use tree::markdown_tree;

use anyhow::{anyhow, Result};
use serde_json::json;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::Artifact;
use crate::document::{Document, SignatureMark};
use crate::model::Date;
use world::DocumentWorld;

/// Compiles `doc` to PDF/A-2b. The timestamp is the document's date unless `epoch`
/// (SOURCE_DATE_EPOCH, seconds) is given; either way the bytes are reproducible.
pub fn render_pdf(doc: &Document, epoch: Option<i64>) -> Result<Artifact> {
    render_pdf_with_mark(doc, epoch, None)
}

/// Like [`render_pdf`], with the visible mark of an electronic signature in the signature
/// block (a regulation, which has none, gets the mark's own signature requisite).
pub fn render_pdf_with_mark(doc: &Document, epoch: Option<i64>, mark: Option<&SignatureMark>) -> Result<Artifact> {
    let signature = doc.signature.as_ref().or(mark.map(|m| &m.signature));
    let data = json!({
        "layout": doc.layout,
        "date_line": doc.date_line,
        "signature": signature,
        "mark": mark,
        "header": doc.header,
        "top_left": doc.top_left,
        "top_right": doc.top_right,
        "type_word": doc.type_word,
        "heading": doc.heading,
        "title": doc.title(),
        "place_year": doc.place_year,
        "body": markdown_tree(&doc.body),
        "closing": doc.closing,
    });
    let moment = timestamp(doc.date, epoch).ok_or_else(|| anyhow!("the document date {} is out of range", doc.date))?;
    let world = DocumentWorld::new(serde_json::to_vec(&data)?, moment);
    let result = typst::compile::<PagedDocument>(&world).output;
    let compiled = result.map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        anyhow!("typst layout failed for {}: {}", doc.ident, messages.join("; "))
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(doc.ident.clone()),
        timestamp: Some(Timestamp::new_utc(moment)),
        standards: PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| anyhow!("PDF/A setup: {}", e.message()))?,
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&compiled, &options).map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        anyhow!("PDF export failed for {}: {}", doc.ident, messages.join("; "))
    })?;
    Ok(Artifact { path: doc.file("pdf"), bytes })
}

/// Frees typst's memoisation caches; call after compiles (also failed ones) so memory stays flat.
pub fn evict_caches() {
    typst::comemo::evict(0);
}

fn timestamp(date: Date, epoch: Option<i64>) -> Option<Datetime> {
    match epoch {
        Some(secs) => {
            let days = secs.div_euclid(86_400);
            let rem = secs.rem_euclid(86_400);
            let (y, m, d) = civil_from_days(days);
            Datetime::from_ymd_hms(y, m, d, (rem / 3600) as u8, (rem % 3600 / 60) as u8, (rem % 60) as u8)
        }
        None => Datetime::from_ymd_hms(date.year, date.month, date.day, 0, 0, 0),
    }
}

/// Gregorian date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_round_trip() {
        for iso in ["1970-01-01", "2000-02-29", "2023-10-25", "2024-12-31"] {
            let d = Date::parse_iso(iso).unwrap();
            assert_eq!(civil_from_days(d.days_since_epoch()), (d.year, d.month, d.day), "{iso}");
        }
    }
}
