//! Restricted inputs tracked by git: people lists and invites.yaml hold personal data and
//! invite links; a repository that CI and a whole department read is no place for them.
//! Runs `git ls-files` when git is installed; silent when it is not, or outside a repository.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::diag::Diagnostic;
use crate::tr;

/// Warns for each of `files` (inside `dir`) that git tracks.
pub fn warn_if_tracked(dir: &Path, files: &[PathBuf]) -> Vec<Diagnostic> {
    if files.is_empty() {
        return Vec::new();
    }
    let relative: Vec<&Path> = files.iter().filter_map(|f| f.strip_prefix(dir).ok()).collect();
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["ls-files", "-z", "--"])
        .args(&relative)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    let Some(output) = output.ok().filter(|o| o.status.success()) else { return Vec::new() };
    let tracked: Vec<PathBuf> = output.stdout.split(|b| *b == 0).filter(|p| !p.is_empty()).map(|p| dir.join(String::from_utf8_lossy(p).as_ref())).collect();
    files
        .iter()
        .filter(|f| tracked.iter().any(|t| t == *f))
        .map(|f| {
            Diagnostic::warning("tracked-by-git", tr!("tracked-by-git", path = f))
                .at(f, None)
                .with_hint(tr!("tracked-by-git.hint"))
        })
        .collect()
}
