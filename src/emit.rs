//! Stage 7, emit: the only stage that writes files. Artifacts go to a staging folder beside
//! the output folder; only when every one succeeded are the institutions' folders swapped in,
//! so a failed build leaves the output folder exactly as it was.

use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};
use tempfile::TempDir;

use crate::export::Artifact;
use crate::tr;

/// A build in progress: files written so far live in a temporary folder. It holds the output
/// folder's lock, so two builds never write into one output folder at once.
pub struct Staging {
    dir: TempDir,
    out: PathBuf,
    _lock: Lock,
}

/// The lock file of an output folder, held while a build or merge writes into it and removed
/// when it is done.
struct Lock {
    path: PathBuf,
    _file: std::fs::File,
}

impl Lock {
    fn take(path: PathBuf, out: &Path) -> Result<Self> {
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).with_context(|| tr!("emit-lock-failed", path = path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => bail!(tr!("emit-locked", out = out)),
            Err(std::fs::TryLockError::Error(e)) => return Err(anyhow::Error::new(e).context(tr!("emit-lock-failed", path = path))),
        }
        // The holder before us may have removed the file between our open and our lock: then
        // the lock is on a file nobody else sees, and the path is taken anew.
        if !same_file(&file, &path) {
            return Self::take(path, out);
        }
        Ok(Self { path, _file: file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked, so a waiting build never locks a file that is going away.
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &std::fs::File, path: &Path) -> bool {
    path.exists()
}

impl Staging {
    /// Takes the output folder's lock, removes the staging folders a killed build left behind,
    /// and creates the staging folder next to `out` (same file system, so the final move is a
    /// rename).
    pub fn new(out: &Path) -> Result<Self> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        crate::fs::create_dir_all(&parent)?;
        let name = out.file_name().map_or_else(|| "out".to_string(), |n| n.to_string_lossy().into_owned());
        let lock_path = parent.join(format!(".{name}.sferum-gen.lock"));
        let lock = Lock::take(lock_path, out)?;
        // Ours alone now: a staging folder of this output left by a killed build goes.
        let prefix = format!(".sferum-gen-staging-{name}-");
        for entry in std::fs::read_dir(&parent).with_context(|| format!("failed to list `{}`", parent.display()))?.filter_map(Result::ok) {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(&parent)
            .with_context(|| format!("failed to create a staging folder in `{}`", parent.display()))?;
        Ok(Self { dir, out: out.to_path_buf(), _lock: lock })
    }

    /// Writes one artifact of institution `id` into the staging folder. Files under
    /// `restricted/` (personal data) are readable by their owner only.
    pub fn write(&self, id: &str, artifact: &Artifact) -> Result<()> {
        let relative = safe_relative(&artifact.path)?;
        let path = self.dir.path().join(id).join(relative);
        crate::fs::write(&path, &artifact.bytes)?;
        if crate::layout::visibility_of(relative) == Some(crate::document::Visibility::Restricted) {
            crate::fs::owner_only(&path, 0o600)?;
            crate::fs::owner_only(path.parent().expect("a file has a folder"), 0o700)?;
        }
        Ok(())
    }

    /// Every file staged under `folder` (e.g. `itep` or `itep/public`): its path relative to
    /// `folder` and its bytes, sorted by path (the signed manifest lists them).
    pub fn files(&self, folder: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let root = self.dir.path().join(folder);
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(&root).sort_by_file_name().into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
            let bytes = std::fs::read(entry.path()).with_context(|| format!("failed to read `{}`", entry.path().display()))?;
            out.push((entry.path().strip_prefix(&root).expect("under its folder").to_path_buf(), bytes));
        }
        Ok(out)
    }

    /// Moves each staged folder (an institution's, or one of its visibility folders, as
    /// relative paths like `itep` or `itep/public`) into the output folder, replacing the old one.
    pub fn commit(self, folders: &[PathBuf]) -> Result<()> {
        crate::fs::create_dir_all(&self.out)?;
        let trash = self.dir.path().join(".replaced");
        for (n, folder) in folders.iter().enumerate() {
            let (staged, target) = (self.dir.path().join(folder), self.out.join(folder));
            if let Some(parent) = target.parent() {
                crate::fs::create_dir_all(parent)?;
            }
            if target.exists() {
                crate::fs::create_dir_all(&trash)?;
                crate::fs::rename(&target, &trash.join(n.to_string()))?;
            }
            if staged.exists() {
                crate::fs::rename(&staged, &target)?;
            }
        }
        Ok(())
    }
}

/// The index of every artifact at the top of the output folder.
pub const INDEX_FILE: &str = "index.json";

/// Writes `<out>/index.json`: every institution folder under `out` with each file's size and
/// SHA-256, sorted, for CI that publishes the outputs. Written to a temporary name and renamed.
pub fn write_index(out: &Path) -> Result<()> {
    let mut institutions = serde_json::Map::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(out)
        .with_context(|| format!("failed to list `{}`", out.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files = serde_json::Map::new();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
            let bytes = std::fs::read(entry.path()).with_context(|| format!("failed to read `{}`", entry.path().display()))?;
            let relative = entry.path().strip_prefix(&dir).expect("under its folder").to_string_lossy().replace('\\', "/");
            files.insert(relative, serde_json::to_value(IndexedFile::of(&bytes))?);
        }
        let id = dir.file_name().expect("a folder has a name").to_string_lossy().into_owned();
        institutions.insert(id, serde_json::json!({ "files": files }));
    }
    let index = serde_json::json!({ "schema_version": 1, "institutions": institutions });
    let mut bytes = serde_json::to_vec_pretty(&index)?;
    bytes.push(b'\n');
    let temporary = out.join(".index.json.partial");
    crate::fs::write(&temporary, &bytes)?;
    crate::fs::rename(&temporary, &out.join(INDEX_FILE))
}

/// `index.json` as [`write_index`] writes it, for tools that read built output (`merge`).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    /// 1: the layout written above.
    pub schema_version: u32,
    /// Each institution folder's files, by id.
    pub institutions: std::collections::BTreeMap<String, IndexedInstitution>,
}

/// One institution folder in `index.json`.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexedInstitution {
    /// Every file under the folder, by its path inside it (`/`-separated).
    pub files: std::collections::BTreeMap<String, IndexedFile>,
}

/// One file's size and SHA-256 (lowercase hex) in `index.json`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexedFile {
    pub bytes: u64,
    pub sha256: String,
}

impl IndexedFile {
    /// The entry `write_index` makes for `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        use sha2::{Digest, Sha256};
        Self { bytes: bytes.len() as u64, sha256: format!("{:x}", Sha256::digest(bytes)) }
    }
}

/// Artifact paths are relative and stay inside their institution's folder.
fn safe_relative(path: &Path) -> Result<&Path> {
    if path.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(path)
    } else {
        bail!("refusing to write `{}`: an output path must stay inside its folder", path.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape() {
        assert!(safe_relative(Path::new("public/regulation.pdf")).is_ok());
        assert!(safe_relative(Path::new("../x")).is_err());
        assert!(safe_relative(Path::new("/etc/passwd")).is_err());
    }
}
