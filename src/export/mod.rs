//! Stage 6, export: turns an institution's `Bundle` into files. The one place that picks a
//! document's forms (PDF, DOCX, HTML), signs, and copies exported bytes where a second place
//! needs them (the site's `documents/`). Each backend turns a `Document` (or another part of
//! a bundle) into the bytes of one file format; nothing here writes: `emit` alone touches
//! the output folder.

pub mod docx;
pub mod eml;
pub mod html;
pub mod json;
pub mod markdown;
pub mod pdf;
mod rosters;
mod site;
pub mod urls;
pub mod xlsx;

use std::path::PathBuf;

use anyhow::Result;

use crate::document::{Document, Visibility};
use crate::render::Content;
use crate::sign::InstitutionSigning;
use crate::templates::Templates;

pub use site::site_files;

/// One output file: its path under out/<id>/ and its bytes.
#[derive(Debug, Clone)]
pub struct Artifact {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// What every export of a run shares.
pub struct Options<'a> {
    pub templates: &'a Templates,
    /// The run's time: SOURCE_DATE_EPOCH, when set, is the timestamp of every PDF instead of
    /// its own date.
    pub clock: crate::config::Clock,
}

/// How many PDFs an export compiled, by the visibility of their documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Compiles {
    pub public: usize,
    pub restricted: usize,
}

impl Compiles {
    fn count(&mut self, visibility: Visibility) {
        match visibility {
            Visibility::Public => self.public += 1,
            Visibility::Restricted => self.restricted += 1,
        }
    }

    pub fn add(&mut self, other: Compiles) {
        self.public += other.public;
        self.restricted += other.restricted;
    }
}

/// The files of one part of a bundle and what making them compiled.
pub struct Exported {
    pub artifacts: Vec<Artifact>,
    pub compiles: Compiles,
}

/// The exported bytes of an institution's public documents that its site carries copies of,
/// kept from their part's export until the site's.
#[derive(Default)]
pub struct Copies(Vec<Artifact>);

/// Exports one part of an institution's bundle: `signing` says which PDFs are signed;
/// `copies` receives the public documents the site copies, and gives them to the site.
pub fn part(opts: &Options, content: &Content, signing: Option<&InstitutionSigning>, copies: &mut Copies) -> Result<Exported> {
    let mut compiles = Compiles::default();
    let mut artifacts = Vec::new();
    match content {
        Content::Documents(docs) => {
            for doc in docs {
                let forms = forms_of(opts, doc, signing, &mut compiles)?;
                if crate::site::COPIES.contains(&doc.slug.as_str()) {
                    copies.0.extend(forms.iter().filter(|a| a.path.extension().is_some_and(|e| e == "pdf" || e == "html")).cloned());
                }
                artifacts.extend(forms);
            }
        }
        Content::OrderWithEmail { order, email } => {
            artifacts = forms_of(opts, order, signing, &mut compiles)?;
            let order_pdf = artifacts.iter().find(|a| a.path.extension().is_some_and(|e| e == "pdf")).expect("every document has a PDF");
            let message = eml::render_eml(email, &order_pdf.bytes)?;
            artifacts.push(message);
        }
        Content::RuntimeConfig(config) => artifacts.push(json::render_runtime_json(config)?),
        Content::Site(s) => {
            artifacts = site_files(opts, s, &std::mem::take(&mut copies.0))?;
            compiles.public += s.pages.iter().filter(|p| p.handout.is_some()).count();
        }
        Content::Rosters(r) => {
            artifacts = rosters::roster_files(opts, r)?;
            compiles.restricted += r.handouts.len();
        }
    }
    Ok(Exported { artifacts, compiles })
}

/// Every form of a document: PDF (signed, with the mark, when `signing` says so), DOCX to
/// edit, and a web page when it is public.
fn forms_of(opts: &Options, doc: &Document, signing: Option<&InstitutionSigning>, compiles: &mut Compiles) -> Result<Vec<Artifact>> {
    let pdf = match signing.filter(|s| s.signs(&doc.slug)) {
        Some(s) => crate::sign::signed_pdf(opts, doc, s)?,
        None => pdf::render_pdf(opts, doc)?,
    };
    compiles.count(doc.visibility);
    let mut out = vec![pdf, docx::render_docx(doc)?];
    if doc.visibility == Visibility::Public {
        out.push(html::render_html(opts.templates, doc)?);
    }
    Ok(out)
}
