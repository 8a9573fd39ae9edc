//! Detached signatures made outside this tool (a qualified GOST signature from certified
//! software, or any CAdES `.sig`): kept beside the sources under `<institution>/signatures/`,
//! copied beside the artifacts they sign, and checked by `verify` against the artifact's
//! current bytes.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::Digest;

use crate::export::Artifact;
use crate::diag::Diagnostic;
use crate::model::Institution;
use crate::tr;

/// The folder, inside an institution's source folder, that holds external signatures; its
/// layout mirrors out/<id>/ (`signatures/public/regulation.pdf.sig` signs `public/regulation.pdf`).
pub const SIGNATURES_DIR: &str = "signatures";

/// Copies every `<artifact>.sig` of `inst` whose artifact this build staged under `folder`
/// (`itep` or `itep/public`) beside it; a signature of an artifact not built is a warning.
pub fn copy_external_signatures(staging: &crate::emit::Staging, inst: &Institution, folder: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    let root = inst.dir.join(SIGNATURES_DIR);
    if !root.is_dir() {
        return Ok(());
    }
    let staged: Vec<PathBuf> = staging.files(folder)?.into_iter().map(|(p, _)| p).collect();
    let inside = folder.strip_prefix(inst.id()).unwrap_or(folder);
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name().follow_links(false).into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "sig") {
            continue;
        }
        let relative = entry.path().strip_prefix(&root).expect("under its folder");
        let artifact = relative.with_extension("");
        let Ok(in_folder) = artifact.strip_prefix(inside) else { continue };
        if staged.iter().any(|p| p == in_folder) {
            let bytes = std::fs::read(entry.path()).with_context(|| format!("failed to read `{}`", entry.path().display()))?;
            staging.write(inst.id(), &Artifact { path: relative.to_path_buf(), bytes })?;
        } else {
            diagnostics.push(
                Diagnostic::warning("external-signature-orphan", tr!("external-signature-orphan", signature = relative, artifact = artifact))
                    .at(entry.path(), None)
                    .with_hint(tr!("external-signature-orphan.hint")),
            );
        }
    }
    Ok(())
}

/// GOST R 34.11-2012 (Streebog) digest algorithms, by OID.
const STREEBOG_256: &str = "1.2.643.7.1.1.2.2";
const STREEBOG_512: &str = "1.2.643.7.1.1.2.3";

/// The digest of `content` with the algorithm `oid`, when this tool knows it.
pub fn digest_with(oid: &str, content: &[u8]) -> Option<Vec<u8>> {
    match oid {
        "2.16.840.1.101.3.4.2.1" => Some(sha2::Sha256::digest(content).to_vec()),
        STREEBOG_256 => Some(streebog::Streebog256::digest(content).to_vec()),
        STREEBOG_512 => Some(streebog::Streebog512::digest(content).to_vec()),
        _ => None,
    }
}

/// Whether the digest algorithm is GOST (the signature value then cannot be checked here).
pub fn is_gost(oid: &str) -> bool {
    oid == STREEBOG_256 || oid == STREEBOG_512
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streebog_matches_the_standard_example() {
        // GOST R 34.11-2012, example 1 (M1, 63 bytes), 256-bit digest, as hex of the output bytes.
        let m1 = b"012345678901234567890123456789012345678901234567890123456789012";
        let hex: String = digest_with(STREEBOG_256, m1).unwrap().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500");
    }
}
