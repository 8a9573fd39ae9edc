//! One version of an institution's people, for `roster diff`: an institution folder as it
//! is, or a people folder read with the YAML of another institution folder.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::config::CheckConfig;
use crate::discover::{FileKind, PEOPLE_DIR, REGISTRY_DIR};
use crate::model::Institution;
use crate::pipeline::{check, Checked};
use crate::tr;

/// Whether `path` is a build output folder (`out/<id>/`) with rosters, not a source folder.
pub fn is_output_folder(path: &Path) -> bool {
    path.join(crate::layout::ROSTER_CHATS_DIR).is_dir()
}

/// A checked version; `institution` is `None` when the check found errors.
pub struct Version {
    pub checked: Checked,
    pub institution: Option<Institution>,
}

/// Reads `path`: an institution folder (with institution.yaml), or a folder of people lists
/// checked against `institution`'s YAML (diagnostics name the files under `path`).
pub fn load_version(path: &Path, institution: Option<&Path>) -> Result<Version> {
    if path.join(FileKind::Institution.file_name()).is_file() {
        return Ok(finish(check(&CheckConfig::new(path.to_path_buf())), None));
    }
    let Some(inst_dir) = institution else {
        bail!(tr!("roster-not-institution", path = path));
    };
    if !path.is_dir() {
        bail!(tr!("input-not-found", path = path));
    }
    // A copy of the institution's YAML (and the shared registry) with these people lists.
    let tmp = tempfile::tempdir().context("failed to create a temporary folder")?;
    let name = inst_dir.file_name().map_or_else(|| "institution".into(), |n| n.to_os_string());
    let copy = tmp.path().join(&name);
    crate::fs::create_dir_all(&copy.join(PEOPLE_DIR))?;
    for kind in FileKind::INSTITUTION_FILES.into_iter().chain([FileKind::Invites]) {
        let from = inst_dir.join(kind.file_name());
        if from.is_file() {
            std::fs::copy(&from, copy.join(kind.file_name())).with_context(|| format!("failed to copy `{}`", from.display()))?;
        }
    }
    // The registry beside the institution, if any (the built-in one serves otherwise).
    let registry = inst_dir.parent().unwrap_or(Path::new(".")).join(REGISTRY_DIR).join(FileKind::LegalActs.file_name());
    if registry.is_file() {
        crate::fs::create_dir_all(&tmp.path().join(REGISTRY_DIR))?;
        std::fs::copy(&registry, tmp.path().join(REGISTRY_DIR).join(FileKind::LegalActs.file_name()))
            .with_context(|| format!("failed to copy `{}`", registry.display()))?;
    }
    for entry in std::fs::read_dir(path).with_context(|| format!("failed to list `{}`", path.display()))? {
        let from = entry?.path();
        if from.extension().is_some_and(|e| e == "csv" || e.eq_ignore_ascii_case("xlsx")) && from.is_file() {
            std::fs::copy(&from, copy.join(PEOPLE_DIR).join(from.file_name().expect("a file has a name")))
                .with_context(|| format!("failed to copy `{}`", from.display()))?;
        }
    }
    let checked = check(&CheckConfig::new(copy.clone()));
    Ok(finish(checked, Some((copy, inst_dir.to_path_buf(), path.to_path_buf()))))
}

/// Takes the one institution out of the check; points diagnostics in a temporary copy back
/// at the files the user named.
fn finish(mut checked: Checked, copied: Option<(PathBuf, PathBuf, PathBuf)>) -> Version {
    if let Some((copy, inst_dir, people)) = copied {
        let original = |p: &Path| -> Option<PathBuf> {
            let rel = p.strip_prefix(&copy).ok()?;
            Some(match rel.strip_prefix(PEOPLE_DIR) {
                Ok(file) => people.join(file),
                Err(_) => inst_dir.join(rel),
            })
        };
        let mut moved = Vec::new();
        let diagnostics = std::mem::take(&mut checked.diagnostics);
        checked.diagnostics = diagnostics
            .into_iter()
            .map(|mut d| {
                if let Some(to) = d.file.as_deref().and_then(original) {
                    moved.push((d.file.clone().expect("a file"), to.clone()));
                    d.file = Some(to);
                }
                d
            })
            .collect();
        for (from, to) in moved {
            if let Some(text) = checked.sources.text(&from).map(str::to_string) {
                checked.sources.insert(&to, text.into());
            }
        }
    }
    let institution = checked.catalog.as_ref().and_then(|c| c.institutions.first().cloned());
    Version { checked, institution }
}
