//! PAdES baseline B-B: an incremental update appended to a PDF (the unsigned bytes stay an
//! exact prefix) with an invisible signature widget and a detached CAdES signature over the
//! byte range. lopdf reads the original; the update is written here, as a classic xref
//! section, because the PDFs come from Typst (krilla), which writes a classic xref table.

use std::fmt::Write as _;

use anyhow::{anyhow, bail, Context, Result};
use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};

use super::identity::Identity;

/// Room for the CMS in bytes (RSA-2048 with a two-certificate chain needs about 2.5 KB).
const CONTENTS_BYTES: usize = 16_384;
/// The ByteRange placeholder: four numbers, each padded to ten digits.
const BYTE_RANGE_PLACEHOLDER: &str = "[0 0000000000 0000000000 0000000000]";

/// Signs `pdf` and returns the signed file: `pdf` followed by one incremental update.
/// `time` (unix seconds, UTC) is written as the signature's /M; nothing reads the clock.
pub fn sign_pdf(pdf: &[u8], identity: &Identity, time: i64) -> Result<Vec<u8>> {
    let doc = lopdf::Document::load_mem(pdf).context("cannot read the PDF to sign")?;
    if find_last(pdf, b"/Type/XRef").is_some() || find_last(pdf, b"/Type /XRef").is_some() {
        bail!("the PDF uses a cross-reference stream; only classic xref tables are supported");
    }
    let root_id = doc.trailer.get(b"Root").and_then(Object::as_reference).context("the PDF has no /Root")?;
    let mut root = doc.get_dictionary(root_id).context("the PDF's /Root is not a dictionary")?.clone();
    if root.has(b"AcroForm") {
        bail!("the PDF already has a form (/AcroForm); signing it again is not supported");
    }
    let page_id = *doc.get_pages().get(&1).context("the PDF has no page")?;
    let mut page = doc.get_dictionary(page_id)?.clone();
    let prev = startxref(pdf)?;
    let first_id = match doc.trailer.get(b"ID").and_then(Object::as_array).ok().and_then(|a| a.first()) {
        Some(Object::String(bytes, _)) => bytes.clone(),
        _ => Sha256::digest(pdf)[..16].to_vec(),
    };

    let sig_id: ObjectId = (doc.max_id + 1, 0);
    let widget_id: ObjectId = (doc.max_id + 2, 0);
    let appearance_id: ObjectId = (doc.max_id + 3, 0);
    let size = doc.max_id + 4;

    let mut annots = match page.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(Object::Reference(r)) => doc.get_object(*r)?.as_array()?.clone(),
        _ => Vec::new(),
    };
    annots.push(Object::Reference(widget_id));
    page.set("Annots", Object::Array(annots));
    let mut acroform = Dictionary::new();
    acroform.set("Fields", Object::Array(vec![Object::Reference(widget_id)]));
    acroform.set("SigFlags", Object::Integer(3));
    root.set("AcroForm", Object::Dictionary(acroform));

    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    // The second file identifier changes with the update; it is derived from the bytes, not the clock.
    let second_id = Sha256::digest(&out)[..16].to_vec();
    let mut offsets: Vec<(u32, usize)> = Vec::new();
    let mut object = |out: &mut Vec<u8>, id: ObjectId, body: &str| {
        offsets.push((id.0, out.len()));
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", id.0).as_bytes());
    };
    let signature_dict = format!(
        "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange{BYTE_RANGE_PLACEHOLDER}/Contents <{}>/M({})>>",
        "0".repeat(CONTENTS_BYTES * 2),
        pdf_date(time)?
    );
    object(&mut out, sig_id, &signature_dict);
    // Invisible, printable and locked (F 132), with an empty appearance as PDF/A asks of every annotation.
    object(
        &mut out,
        widget_id,
        &format!(
            "<</Type/Annot/Subtype/Widget/FT/Sig/T(Signature1)/V {} 0 R/F 132/Rect[0 0 0 0]/P {} 0 R/AP<</N {} 0 R>>>>",
            sig_id.0, page_id.0, appearance_id.0
        ),
    );
    object(&mut out, appearance_id, "<</Type/XObject/Subtype/Form/BBox[0 0 0 0]/Length 0>>\nstream\n\nendstream");
    object(&mut out, root_id, &serialize(&Object::Dictionary(root)));
    object(&mut out, page_id, &serialize(&Object::Dictionary(page)));

    offsets.sort();
    let xref_at = out.len();
    let mut xref = String::from("xref\n");
    for (id, offset) in &offsets {
        writeln!(xref, "{id} 1\n{offset:010} 00000 n ").expect("writing to a String");
    }
    let info = match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(r) => format!("/Info {} {} R", r.0, r.1),
        Err(_) => String::new(),
    };
    write!(
        xref,
        "trailer\n<</Size {size}/Root {} {} R{info}/Prev {prev}/ID[<{}><{}>]>>\nstartxref\n{xref_at}\n%%EOF\n",
        root_id.0,
        root_id.1,
        hex(&first_id),
        hex(&second_id)
    )
    .expect("writing to a String");
    out.extend_from_slice(xref.as_bytes());

    // The byte range: everything except the hex string of /Contents, brackets included.
    let sig_at = offsets.iter().find(|(id, _)| *id == sig_id.0).expect("written above").1;
    let range_at = sig_at + find(&out[sig_at..], BYTE_RANGE_PLACEHOLDER.as_bytes()).expect("written above");
    let open = sig_at + find(&out[sig_at..], b"/Contents <").expect("written above") + "/Contents ".len();
    let close = open + 1 + CONTENTS_BYTES * 2;
    let ranges = [0, open, close + 1, out.len() - close - 1];
    let mut range = format!("[{} {} {} {}]", ranges[0], ranges[1], ranges[2], ranges[3]);
    if range.len() > BYTE_RANGE_PLACEHOLDER.len() {
        bail!("the PDF is too large to sign");
    }
    let padding = BYTE_RANGE_PLACEHOLDER.len() - range.len();
    range.insert_str(range.len() - 1, &" ".repeat(padding));
    out[range_at..range_at + range.len()].copy_from_slice(range.as_bytes());

    let mut hasher = Sha256::new();
    hasher.update(&out[..open]);
    hasher.update(&out[close + 1..]);
    let digest: [u8; 32] = hasher.finalize().into();
    let cms = super::cms::sign_detached(identity, &digest)?;
    if cms.len() > CONTENTS_BYTES {
        bail!("the signature ({} bytes) does not fit the {CONTENTS_BYTES} bytes reserved for it", cms.len());
    }
    let encoded = hex(&cms);
    out[open + 1..open + 1 + encoded.len()].copy_from_slice(encoded.as_bytes());
    Ok(out)
}

/// `D:20260901120000Z` of a unix time.
fn pdf_date(time: i64) -> Result<String> {
    let t = chrono::DateTime::from_timestamp(time, 0).ok_or_else(|| anyhow!("signing time {time} is out of range"))?;
    Ok(t.format("D:%Y%m%d%H%M%SZ").to_string())
}

/// The offset after the last `startxref` keyword.
fn startxref(pdf: &[u8]) -> Result<usize> {
    let at = find_last(pdf, b"startxref").context("the PDF has no startxref")?;
    let tail = std::str::from_utf8(&pdf[at + "startxref".len()..]).unwrap_or("");
    tail.split_whitespace().next().and_then(|n| n.parse().ok()).context("the PDF's startxref is not a number")
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Upper-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// PDF syntax of an object read by lopdf (the copies of the catalog and the first page).
fn serialize(object: &Object) -> String {
    match object {
        Object::Null => "null".into(),
        Object::Boolean(b) => b.to_string(),
        Object::Integer(i) => i.to_string(),
        Object::Real(r) => {
            let s = format!("{r:.6}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        Object::Name(n) => name(n),
        Object::String(bytes, _) => format!("<{}>", hex(bytes)),
        Object::Array(items) => format!("[{}]", items.iter().map(serialize).collect::<Vec<_>>().join(" ")),
        Object::Dictionary(d) => {
            let mut s = String::from("<<");
            for (k, v) in d.iter() {
                s.push_str(&name(k));
                s.push(' ');
                s.push_str(&serialize(v));
            }
            s.push_str(">>");
            s
        }
        Object::Reference((id, generation)) => format!("{id} {generation} R"),
        Object::Stream(_) => unreachable!("streams are indirect objects and never inside the catalog or a page"),
    }
}

/// A PDF name, with delimiters and non-ASCII bytes written as #xx.
fn name(bytes: &[u8]) -> String {
    let mut s = String::from("/");
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-_.+*!'".contains(&b) {
            s.push(b as char);
        } else {
            write!(s, "#{b:02X}").expect("writing to a String");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_are_pdf_syntax() {
        assert_eq!(name(b"Type"), "/Type");
        assert_eq!(name(b"A B/C"), "/A#20B#2FC");
        assert_eq!(serialize(&Object::Real(0.5)), "0.5");
        assert_eq!(serialize(&Object::Real(2.0)), "2");
        assert_eq!(pdf_date(1_788_264_000).unwrap(), "D:20260901120000Z");
    }
}
