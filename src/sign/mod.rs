//! Signing (issue 6): PAdES B-B signatures on the official PDFs, a visible signature mark
//! from the certificate, a signed manifest per institution, and `verify`.
//!
//! This is integrity and authorship with RSA or ECDSA certificates; it is not certified
//! software for a qualified GOST signature (63-ФЗ), which needs a certified СКЗИ.

pub mod cms;
pub mod external;
pub mod identity;
pub mod manifest;
pub mod pades;
pub mod read;
pub mod verify;

use std::path::PathBuf;

use crate::diag::Diagnostic;
use crate::document::{Signature, SignatureMark};
use crate::model::Institution;
use crate::tr;

pub use identity::{Identity, IdentityFiles};

/// Documents signed when the data does not say otherwise: the regulation and the orders.
pub const DEFAULT_DOCUMENTS: [&str; 3] = ["regulation", "order-platform", "order-admin"];

/// How a build signs, resolved by the CLI before any work.
#[derive(Debug, Clone)]
pub struct SigningConfig {
    pub identity: Identity,
    /// The certificate file, for messages.
    pub cert_path: PathBuf,
    /// Sign with a certificate that is not valid at the signing time.
    pub allow_expired: bool,
}

/// What signing means for one institution: when, the mark, and which documents.
#[derive(Debug, Clone)]
pub struct InstitutionSigning {
    pub identity: Identity,
    /// The signing time (unix seconds, UTC), written as each signature's /M.
    pub time: i64,
    pub mark: SignatureMark,
    /// File stems of the documents to sign (`regulation`, `order-platform`, …).
    pub documents: Vec<String>,
}

impl InstitutionSigning {
    /// Whether the document with this file stem gets a signature.
    pub fn signs(&self, slug: &str) -> bool {
        self.documents.iter().any(|d| d == slug)
    }
}

/// Resolves signing for one institution from its `signing:` data: the signer (default: the
/// head), the documents, the time (SOURCE_DATE_EPOCH, else `signing.date`, else the clock),
/// the certificate's validity then, and a warning when the certificate names someone other
/// than the signer.
pub fn prepare(cfg: &SigningConfig, inst: &Institution, clock: &crate::config::Clock, diagnostics: &mut Vec<Diagnostic>) -> Option<InstitutionSigning> {
    let spec = inst.info.signing.as_ref();
    let date = spec.and_then(|s| s.date).map(|d| d.days_since_epoch() * 86_400);
    let time = clock.source_date_epoch.or(date).unwrap_or(clock.now);
    if let Err(d) = cfg.identity.check_validity(time, cfg.allow_expired, &cfg.cert_path) {
        diagnostics.push(d);
        return None;
    }
    let signer = spec.and_then(|s| s.signer.as_deref()).and_then(|id| inst.person(id)).unwrap_or_else(|| inst.head());
    let facts = cfg.identity.facts();
    let full_name = format!("{} {} {}", signer.surname, signer.name, signer.patronymic.as_deref().unwrap_or("")).trim().to_string();
    if signer.placeholder {
        diagnostics.push(
            Diagnostic::warning(
                "certificate-owner-unchecked",
                tr!("certificate-owner-unchecked", id = inst.id(), post = signer.post.nom, owner = facts.owner),
            )
            .at(&cfg.cert_path, None)
            .with_hint(tr!("certificate-owner-unchecked.hint")),
        );
    } else if !same_name(&facts.owner, &full_name) {
        diagnostics.push(
            Diagnostic::warning(
                "certificate-owner-mismatch",
                tr!("certificate-owner-mismatch", id = inst.id(), owner = facts.owner, signer = full_name),
            )
            .at(&cfg.cert_path, None)
            .with_hint(tr!("certificate-owner-mismatch.hint")),
        );
    }
    let post = format!("{} {}", crate::render::capitalise(&signer.post.nom), inst.info.name.short.r#gen);
    let mark = SignatureMark {
        serial: facts.serial,
        owner: facts.owner,
        valid_from: identity::dotted(facts.not_before),
        valid_to: identity::dotted(facts.not_after),
        signature: Signature { post, name: crate::grammar::NameForms::of(signer, crate::grammar::Case::Nom).initials_first },
    };
    Some(InstitutionSigning { identity: cfg.identity.clone(), time, mark, documents: spec.and_then(|s| s.documents.clone()).unwrap_or_else(|| DEFAULT_DOCUMENTS.map(String::from).to_vec()) })
}

/// Names compared without case, «ё» and extra spaces.
fn same_name(a: &str, b: &str) -> bool {
    crate::grammar::lexicon::fold_name(a) == crate::grammar::lexicon::fold_name(b)
}

/// Signing for every institution the jobs touch, by catalog index, and the diagnostics
/// (errors stop the build before anything is written).
pub fn prepare_all(
    cfg: Option<&SigningConfig>,
    catalog: &crate::model::Catalog,
    jobs: &[crate::plan::Job],
    clock: &crate::config::Clock,
) -> (std::collections::BTreeMap<usize, InstitutionSigning>, Vec<Diagnostic>) {
    let mut plans = std::collections::BTreeMap::new();
    let mut diagnostics = Vec::new();
    let Some(cfg) = cfg else { return (plans, diagnostics) };
    for job in jobs {
        if !plans.contains_key(&job.institution) {
            if let Some(p) = prepare(cfg, &catalog.institutions[job.institution], clock, &mut diagnostics) {
                plans.insert(job.institution, p);
            }
        }
    }
    diagnostics.dedup();
    (plans, diagnostics)
}

/// The PDF of `doc` with the signature mark, signed.
pub fn signed_pdf(opts: &crate::export::Options, doc: &crate::document::Document, signing: &InstitutionSigning) -> anyhow::Result<crate::export::Artifact> {
    let mut artifact = crate::export::pdf::render_pdf_with_mark(opts, doc, Some(&signing.mark))?;
    artifact.bytes = pades::sign_pdf(&artifact.bytes, &signing.identity, signing.time)?;
    Ok(artifact)
}

/// Writes `MANIFEST.sha256` over every staged file of `folder` (`itep`, or `itep/public` for a
/// one-visibility build) and its detached signature `MANIFEST.sha256.p7s` beside it.
pub fn write_manifest(staging: &crate::emit::Staging, id: &str, folder: &std::path::Path, identity: &Identity) -> anyhow::Result<()> {
    let files = staging.files(folder)?;
    let text = manifest::manifest_text(files.iter().map(|(p, b)| (p.as_path(), b.as_slice())));
    let signature = manifest::sign_manifest(identity, text.as_bytes())?;
    let inside = folder.strip_prefix(id).unwrap_or(folder);
    staging.write(id, &crate::export::Artifact { path: inside.join(manifest::MANIFEST), bytes: text.into_bytes() })?;
    staging.write(id, &crate::export::Artifact { path: inside.join(manifest::MANIFEST_SIGNATURE), bytes: signature })?;
    Ok(())
}

