//! The signed manifest of an institution's output: `MANIFEST.sha256` in `sha256sum` format
//! over every artifact, and `MANIFEST.sha256.p7s`, a detached CAdES signature of it.

use std::path::Path;

use anyhow::Result;
use sha2::{Digest, Sha256};

use super::identity::Identity;

/// The manifest's file name under out/<id>/.
pub const MANIFEST: &str = "MANIFEST.sha256";
/// The detached signature of the manifest beside it.
pub const MANIFEST_SIGNATURE: &str = "MANIFEST.sha256.p7s";

/// `sha256sum` lines («<hex>  <path>»), sorted by path; `files` are (relative path, bytes).
pub fn manifest_text<'a>(files: impl IntoIterator<Item = (&'a Path, &'a [u8])>) -> String {
    let mut lines: Vec<(String, String)> = files
        .into_iter()
        .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), format!("{:x}", Sha256::digest(bytes))))
        .collect();
    lines.sort();
    lines.into_iter().map(|(path, digest)| format!("{digest}  {path}\n")).collect()
}

/// The detached CMS signature of the manifest's bytes.
pub fn sign_manifest(identity: &Identity, manifest: &[u8]) -> Result<Vec<u8>> {
    super::cms::sign_detached(identity, &Sha256::digest(manifest).into())
}

/// Parses `sha256sum` lines into (path, hex digest); a malformed line is returned as Err.
pub fn parse_manifest(text: &str) -> Vec<Result<(String, String), String>> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| match line.split_once("  ").or_else(|| line.split_once(" *")) {
            Some((digest, path)) if digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()) => Ok((path.to_string(), digest.to_lowercase())),
            _ => Err(line.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_is_sha256sum_format_sorted() {
        let text = manifest_text([(Path::new("public/b.pdf"), &b"b"[..]), (Path::new("a.txt"), &b""[..])]);
        assert_eq!(
            text,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.txt\n\
             3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  public/b.pdf\n"
        );
        let parsed = parse_manifest(&text);
        assert_eq!(parsed[1], Ok(("public/b.pdf".into(), "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d".into())));
    }
}
