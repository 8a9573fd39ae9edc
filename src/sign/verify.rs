//! `verify`: checks signed PDFs (byte range, message digest, signature value, chain to a
//! trust anchor), signed manifests (every listed file and the `.p7s`), and reports one
//! status per file. Reads only; never trusts the PDF's own structure beyond the ByteRange.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::cms::{verify_detached, Broken};
use super::identity::certificate_facts;
use super::manifest::{parse_manifest, MANIFEST, MANIFEST_SIGNATURE};
use super::pades::find;
use crate::tr;

/// The verdict on one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Signed, intact, and the chain reaches a trust anchor.
    Valid,
    /// Changed after signing (digest mismatch, bytes outside the signed range, a broken signature).
    Tampered,
    /// A PDF without a signature.
    Unsigned,
    /// Intact, but the signer's chain does not reach a trust anchor given with --trust.
    Untrusted,
}

impl Status {
    pub fn word(self) -> String {
        match self {
            Status::Valid => tr!("verify-status.valid"),
            Status::Tampered => tr!("verify-status.tampered"),
            Status::Unsigned => tr!("verify-status.unsigned"),
            Status::Untrusted => tr!("verify-status.untrusted"),
        }
    }
}

/// One line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub path: PathBuf,
    pub status: Status,
    /// What was checked or what failed, for people.
    pub detail: String,
    /// The signer (certificate owner and serial), when the file is signed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
}

/// Verifies every PDF and manifest under `paths` (files or folders, walked in sorted order).
/// An unsigned PDF is a failure only when named directly or not covered by a valid manifest.
pub fn verify_paths(paths: &[PathBuf], anchors: &[Certificate]) -> Result<Vec<Finding>> {
    let mut findings = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut manifests = Vec::new();
            let mut pdfs = Vec::new();
            let mut external = Vec::new();
            for entry in walkdir::WalkDir::new(path).sort_by_file_name().into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
                let p = entry.path();
                if p.file_name().is_some_and(|n| n == MANIFEST) {
                    manifests.push(p.to_path_buf());
                } else if p.extension().is_some_and(|e| e == "pdf") {
                    pdfs.push(p.to_path_buf());
                } else if p.extension().is_some_and(|e| e == "sig") {
                    external.push(p.to_path_buf());
                }
            }
            let mut covered = Vec::new();
            for m in &manifests {
                let (finding, files) = verify_manifest(m, anchors)?;
                if finding.status == Status::Valid {
                    covered.extend(files);
                }
                findings.extend(std::iter::once(finding));
            }
            for pdf in pdfs {
                let mut f = verify_pdf(&pdf, anchors)?;
                if f.status == Status::Unsigned && covered.contains(&pdf) {
                    f.detail = tr!("verify-covered-by-manifest");
                    findings.push(Finding { status: Status::Valid, ..f });
                } else {
                    findings.push(f);
                }
            }
            for sig in external {
                findings.push(verify_external(&sig, anchors)?);
            }
        } else if path.extension().is_some_and(|e| e == "sig") {
            findings.push(verify_external(path, anchors)?);
        } else if path.file_name().is_some_and(|n| n == MANIFEST || n == MANIFEST_SIGNATURE) {
            let manifest = path.with_file_name(MANIFEST);
            findings.push(verify_manifest(&manifest, anchors)?.0);
        } else {
            findings.push(verify_pdf(path, anchors)?);
        }
    }
    Ok(findings)
}

/// Checks every signature of one PDF.
pub fn verify_pdf(path: &Path, anchors: &[Certificate]) -> Result<Finding> {
    let bytes = std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
    let finding = |status, detail: String, signer| Finding { path: path.to_path_buf(), status, detail, signer };
    let ranges = byte_ranges(&bytes);
    if ranges.is_empty() {
        return Ok(finding(Status::Unsigned, tr!("verify-no-signature"), None));
    }
    let mut signer = None;
    let mut untrusted = None;
    let covers_file = ranges.iter().any(|r| r[2] + r[3] == bytes.len());
    for range in &ranges {
        let [a, b, c, d] = *range;
        let sane = a == 0 && b < c && c.checked_add(d).is_some_and(|end| end <= bytes.len()) && bytes.get(b) == Some(&b'<') && bytes.get(c - 1) == Some(&b'>');
        if !sane {
            return Ok(finding(Status::Tampered, tr!("verify-bad-range", range = format!("{range:?}")), None));
        }
        let Some(cms) = unhex(&bytes[b + 1..c - 1]) else {
            return Ok(finding(Status::Tampered, tr!("verify-not-hex"), None));
        };
        let mut hasher = Sha256::new();
        hasher.update(&bytes[..b]);
        hasher.update(&bytes[c..c + d]);
        let digest: [u8; 32] = hasher.finalize().into();
        match verify_detached(&cms, &digest, anchors) {
            Err(Broken::DigestMismatch) => return Ok(finding(Status::Tampered, tr!("verify-digest-mismatch"), None)),
            Err(Broken::Invalid(why)) => return Ok(finding(Status::Tampered, why, None)),
            Ok(checked) => {
                let facts = certificate_facts(&checked.signer);
                signer = Some(tr!("verify-signer", owner = facts.owner, serial = facts.serial));
                if let Err(why) = checked.trust {
                    untrusted = Some(why);
                } else if let Some(time) = signing_time(&bytes[c..(c + 200).min(bytes.len())]) {
                    if !(facts.not_before..=facts.not_after).contains(&time) {
                        untrusted = Some(tr!(
                            "verify-certificate-not-valid",
                            from = super::identity::dotted(facts.not_before),
                            to = super::identity::dotted(facts.not_after),
                            time = super::identity::dotted(time)
                        ));
                    }
                }
            }
        }
    }
    if !covers_file {
        return Ok(finding(Status::Tampered, tr!("verify-appended"), signer));
    }
    Ok(match untrusted {
        Some(why) => finding(Status::Untrusted, why, signer),
        None => finding(Status::Valid, tr!("verify-pdf-valid", count = ranges.len()), signer),
    })
}

/// Checks a manifest: its `.p7s` over its bytes and every listed file. Returns the finding and
/// the files it lists (absolute paths).
pub fn verify_manifest(manifest: &Path, anchors: &[Certificate]) -> Result<(Finding, Vec<PathBuf>)> {
    let dir = manifest.parent().unwrap_or(Path::new("."));
    let text = std::fs::read(manifest).with_context(|| format!("failed to read `{}`", manifest.display()))?;
    let finding = |status, detail: String, signer| Finding { path: manifest.to_path_buf(), status, detail, signer };
    let mut files = Vec::new();
    let mut changed = Vec::new();
    for line in parse_manifest(&String::from_utf8_lossy(&text)) {
        let Ok((relative, digest)) = line else {
            return Ok((finding(Status::Tampered, tr!("verify-malformed-line", line = line.unwrap_err()), None), files));
        };
        let path = dir.join(&relative);
        match std::fs::read(&path) {
            Ok(bytes) if format!("{:x}", Sha256::digest(&bytes)) == digest => files.push(path),
            Ok(_) => changed.push(tr!("verify-file-changed", file = relative)),
            Err(_) => changed.push(tr!("verify-file-missing", file = relative)),
        }
    }
    let signature_path = dir.join(MANIFEST_SIGNATURE);
    let Ok(signature) = std::fs::read(&signature_path) else {
        let status = if changed.is_empty() { Status::Unsigned } else { Status::Tampered };
        return Ok((finding(status, tr!("verify-no-manifest-signature", file = MANIFEST_SIGNATURE, summary = summary(&changed, files.len())), None), files));
    };
    let checked = match verify_detached(&signature, &Sha256::digest(&text).into(), anchors) {
        Err(Broken::DigestMismatch) => return Ok((finding(Status::Tampered, tr!("verify-manifest-changed"), None), files)),
        Err(Broken::Invalid(why)) => return Ok((finding(Status::Tampered, format!("{MANIFEST_SIGNATURE}: {why}"), None), files)),
        Ok(c) => c,
    };
    let facts = certificate_facts(&checked.signer);
    let signer = Some(tr!("verify-signer", owner = facts.owner, serial = facts.serial));
    if !changed.is_empty() {
        return Ok((finding(Status::Tampered, changed.join(", "), signer), files));
    }
    Ok(match checked.trust {
        Err(why) => (finding(Status::Untrusted, why, signer), files),
        Ok(()) => (finding(Status::Valid, summary(&changed, files.len()), signer), files),
    })
}

fn summary(changed: &[String], intact: usize) -> String {
    if changed.is_empty() { tr!("verify-files-match", count = intact) } else { changed.join(", ") }
}

/// The signing time claimed by `/M(D:YYYYMMDDHHmmSS…)` at the start of `tail` (the bytes after
/// the signature's contents), as unix seconds; offsets other than Z are applied.
fn signing_time(tail: &[u8]) -> Option<i64> {
    let at = find(tail, b"/M(D:")? + 5;
    let text = std::str::from_utf8(tail.get(at..at + 14)?).ok()?;
    let t = chrono::NaiveDateTime::parse_from_str(text, "%Y%m%d%H%M%S").ok()?;
    let rest = std::str::from_utf8(tail.get(at + 14..(at + 21).min(tail.len()))?).unwrap_or("");
    let offset = match rest.as_bytes().first() {
        Some(sign @ (b'+' | b'-')) => {
            let hours: i64 = rest.get(1..3)?.parse().ok()?;
            let minutes: i64 = rest.get(4..6).and_then(|m| m.parse().ok()).unwrap_or(0);
            let secs = hours * 3600 + minutes * 60;
            if *sign == b'+' { secs } else { -secs }
        }
        _ => 0,
    };
    Some(t.and_utc().timestamp() - offset)
}

/// Every `/ByteRange [a b c d]` in the file, in order.
fn byte_ranges(bytes: &[u8]) -> Vec<[usize; 4]> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = find(&bytes[at..], b"/ByteRange") {
        let start = at + i + "/ByteRange".len();
        at = start;
        let rest = &bytes[start..bytes.len().min(start + 80)];
        let text = String::from_utf8_lossy(rest);
        let Some(inner) = text.trim_start().strip_prefix('[').and_then(|t| t.split(']').next()) else { continue };
        let numbers: Vec<usize> = inner.split_whitespace().filter_map(|n| n.parse().ok()).collect();
        if let [a, b, c, d] = numbers[..] {
            out.push([a, b, c, d]);
        }
    }
    out
}

fn unhex(hex: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = hex.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    if digits.len() % 2 != 0 {
        return None;
    }
    digits.chunks(2).map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok()).collect()
}

/// Reads trust anchors from PEM or DER files.
pub fn load_anchors(paths: &[PathBuf]) -> Result<Vec<Certificate>> {
    use der::Decode;
    let mut out = Vec::new();
    for path in paths {
        let bytes = std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
        if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
            out.extend(Certificate::load_pem_chain(&bytes).map_err(|e| anyhow::anyhow!("`{}`: not a PEM certificate: {e}", path.display()))?);
        } else {
            out.push(Certificate::from_der(&bytes).map_err(|e| anyhow::anyhow!("`{}`: not a DER certificate: {e}", path.display()))?);
        }
    }
    Ok(out)
}

/// Checks an external detached signature `<artifact>.sig` against the artifact's current
/// bytes. SHA-256 signatures (RSA, ECDSA) are verified in full; for GOST ones only the
/// digest is compared, since this tool cannot check a GOST signature value.
pub fn verify_external(sig_path: &Path, anchors: &[Certificate]) -> Result<Finding> {
    let artifact = sig_path.with_extension("");
    let finding = |status, detail: String, signer| Finding { path: sig_path.to_path_buf(), status, detail, signer };
    let raw = std::fs::read(sig_path).with_context(|| format!("failed to read `{}`", sig_path.display()))?;
    let cms = match std::str::from_utf8(&raw).ok().filter(|t| t.trim_start().starts_with("-----BEGIN")) {
        Some(text) => match der::Document::from_pem(text.trim()) {
            Ok((_, doc)) => doc.as_bytes().to_vec(),
            Err(e) => return Ok(finding(Status::Tampered, tr!("verify-not-pem", reason = e.to_string()), None)),
        },
        None => raw,
    };
    let Ok(content) = std::fs::read(&artifact) else {
        return Ok(finding(Status::Tampered, tr!("verify-artifact-missing", file = artifact), None));
    };
    let (oid, claimed, signer) = match super::cms::claimed_digest(&cms) {
        Ok(c) => c,
        Err(Broken::Invalid(why)) => return Ok(finding(Status::Tampered, why, None)),
        Err(Broken::DigestMismatch) => unreachable!("claimed_digest compares nothing"),
    };
    let signer_text = signer.as_ref().map(|c| {
        let f = certificate_facts(c);
        tr!("verify-signer", owner = f.owner, serial = f.serial)
    });
    if super::external::is_gost(&oid) {
        let actual = super::external::digest_with(&oid, &content).expect("a GOST digest is known");
        return Ok(if actual == claimed {
            finding(Status::Valid, tr!("verify-gost-valid"), signer_text)
        } else {
            finding(Status::Tampered, tr!("verify-gost-changed", file = artifact), signer_text)
        });
    }
    let digest: [u8; 32] = Sha256::digest(&content).into();
    Ok(match verify_detached(&cms, &digest, anchors) {
        Err(Broken::DigestMismatch) => finding(Status::Tampered, tr!("verify-changed", file = artifact), signer_text),
        Err(Broken::Invalid(why)) => finding(Status::Tampered, why, signer_text),
        Ok(checked) => match checked.trust {
            Err(why) => finding(Status::Untrusted, why, signer_text),
            Ok(()) => finding(Status::Valid, tr!("verify-detached-valid", file = artifact), signer_text),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_time_reads_pdf_dates() {
        assert_eq!(signing_time(b">/M(D:20260901120000Z)>>"), Some(1_788_264_000));
        assert_eq!(signing_time(b">/M(D:20260901150000+03'00')>>"), Some(1_788_264_000));
        assert_eq!(signing_time(b">>"), None);
    }
}
