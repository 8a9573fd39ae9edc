//! Stage 7, emit: the only stage that writes files. Artifacts go to a staging folder beside
//! the output folder; only when every one succeeded does the staging folder, completed with
//! the kept files and the index, take the output folder's place in one step (see
//! [`Staging::commit`]), so a failed or killed build leaves the output folder as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};
use tempfile::TempDir;

use crate::export::Artifact;
use crate::index::{BuildRecord, Index, INDEX_FILE};
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
        // A link to the output folder stays a link: the folder it points to is replaced.
        let out = &if out.is_symlink() { out.canonicalize().with_context(|| format!("failed to resolve `{}`", out.display()))? } else { out.to_path_buf() };
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

    /// Makes the staged folders (an institution's, or one of its visibility folders, as
    /// relative paths like `itep` or `itep/public`) the new content of the output folder, with
    /// everything else in it kept, and its `index.json` true to the result at every moment.
    ///
    /// When the output folder has an index of this version, only the replaced folders move
    /// ([`Staging::replace_folders`]); otherwise the whole folder is composed in staging and
    /// exchanged in one step ([`Staging::replace_all`]). Either way a build killed at any
    /// moment leaves the last complete build, this one, or a mix whose index lists each
    /// institution as it is or as being replaced; a killed build's staging folder goes at the
    /// next run.
    pub fn commit(self, replaced: &[PathBuf], records: &BTreeMap<String, BuildRecord>) -> Result<()> {
        let rebuilt: BTreeSet<String> = replaced.iter().filter_map(|f| f.components().next()).map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        match Index::previous(&self.out).filter(|_| self.out.is_dir()) {
            Some(previous) => self.replace_folders(replaced, &rebuilt, &previous, records),
            None => self.replace_all(replaced, &rebuilt, records),
        }
    }

    /// The output folder keeps everything not replaced in place; the replaced folders move in
    /// one by one, each with one `renameat2` exchange, between two writes of the index:
    ///
    /// 1. `index.json` stops listing the rebuilt institutions and names them `replacing`;
    /// 2. each staged folder takes its old one's place (the old one goes to staging, which is
    ///    removed); a folder not staged any more is moved out;
    /// 3. `index.json` lists the rebuilt institutions, hashed as they now are.
    ///
    /// Each index is written beside the output folder and renamed over the old one. The cost
    /// grows with what was rebuilt, not with the output folder.
    fn replace_folders(self, replaced: &[PathBuf], rebuilt: &BTreeSet<String>, previous: &Index, records: &BTreeMap<String, BuildRecord>) -> Result<()> {
        let root = self.dir.path();
        pause_for_tests("staged");
        let mut transition = previous.clone();
        for id in rebuilt {
            transition.institutions.remove(id);
            transition.replacing.insert(id.clone());
        }
        self.write_index(|path| transition.write(path))?;
        let removed = root.join(".removed");
        for (n, folder) in replaced.iter().enumerate() {
            let (staged, target) = (root.join(folder), self.out.join(folder));
            let present = target.symlink_metadata().is_ok();
            if staged.exists() && present {
                exchange(&staged, &target)?;
            } else if staged.exists() {
                crate::fs::create_dir_all(target.parent().expect("a replaced folder is inside the output folder"))?;
                crate::fs::rename(&staged, &target)?;
            } else if present {
                crate::fs::create_dir_all(&removed)?;
                crate::fs::rename(&target, &removed.join(n.to_string()))?;
            }
            if n == 0 {
                pause_for_tests("replacing");
            }
        }
        self.write_index(|path| Index::write_of_folder(&self.out, Some(previous), rebuilt, records, path))?;
        pause_for_tests("swapped");
        Ok(())
    }

    /// Writes an index into the output folder in one step (`write` writes it to the path it is
    /// given): into staging first, then renamed over the old one, so a reader never sees half of it.
    fn write_index(&self, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
        let fresh = self.dir.path().join(".index.json");
        write(&fresh)?;
        crate::fs::rename(&fresh, &self.out.join(INDEX_FILE))
    }

    /// The whole new output folder is composed in staging and exchanged with the old one, for a
    /// first build and for an output folder without an index of this version:
    ///
    /// 1. every kept file of the output folder is hard-linked into the staging folder (copied
    ///    where links are refused), so staging holds the whole new output folder;
    /// 2. `index.json` is written there: kept institutions keep their entries, replaced ones
    ///    are hashed anew with their `records`;
    /// 3. the staging folder and the output folder are exchanged with one `renameat2` call, and
    ///    the old content (now in staging) is removed.
    fn replace_all(self, replaced: &[PathBuf], rebuilt: &BTreeSet<String>, records: &BTreeMap<String, BuildRecord>) -> Result<()> {
        let root = self.dir.path();
        if self.out.is_dir() {
            link_kept(&self.out, root, Path::new(""), replaced)?;
        }
        // No index of this version to keep entries from (else `replace_folders` runs): every
        // folder is hashed as it is.
        Index::write_of_folder(root, None, rebuilt, records, &root.join(INDEX_FILE))?;
        pause_for_tests("staged");
        swap_in(root, &self.out)?;
        pause_for_tests("swapped");
        Ok(())
    }
}

/// Hard-links every entry of `from/rel` into `to/rel`, except the replaced folders, the old
/// index and what `to` already holds (the staged files).
fn link_kept(from: &Path, to: &Path, rel: &Path, replaced: &[PathBuf]) -> Result<()> {
    let dir = from.join(rel);
    for entry in std::fs::read_dir(&dir).with_context(|| format!("failed to list `{}`", dir.display()))? {
        let entry = entry.with_context(|| format!("failed to list `{}`", dir.display()))?;
        let rel = rel.join(entry.file_name());
        if rel == Path::new(INDEX_FILE) || replaced.contains(&rel) {
            continue;
        }
        let (source, target) = (entry.path(), to.join(&rel));
        let kind = entry.file_type().with_context(|| format!("failed to read `{}`", source.display()))?;
        if kind.is_dir() {
            if !target.exists() {
                std::fs::create_dir(&target).with_context(|| format!("failed to create `{}`", target.display()))?;
                let permissions = std::fs::metadata(&source).with_context(|| format!("failed to read `{}`", source.display()))?.permissions();
                std::fs::set_permissions(&target, permissions).with_context(|| format!("failed to set permissions of `{}`", target.display()))?;
            }
            link_kept(from, to, &rel, replaced)?;
        } else if target.symlink_metadata().is_ok() {
            // Staged by this run: the new file wins.
        } else if kind.is_symlink() {
            let link = std::fs::read_link(&source).with_context(|| format!("failed to read `{}`", source.display()))?;
            crate::fs::symlink(&link, &target)?;
        } else if std::fs::hard_link(&source, &target).is_err() {
            std::fs::copy(&source, &target).with_context(|| format!("failed to copy `{}` to `{}`", source.display(), target.display()))?;
        }
    }
    Ok(())
}

/// Puts the complete folder `staged` in the place of `out` (see [`exchange`]); `staged` then
/// holds the old content, which its `TempDir` removes.
fn swap_in(staged: &Path, out: &Path) -> Result<()> {
    if !out.exists() {
        return crate::fs::rename(staged, out);
    }
    let permissions = std::fs::metadata(out).with_context(|| format!("failed to read `{}`", out.display()))?.permissions();
    std::fs::set_permissions(staged, permissions).with_context(|| format!("failed to set permissions of `{}`", staged.display()))?;
    exchange(staged, out)
}

/// Exchanges the folders `staged` and `out`, atomically where the system can (Linux:
/// `renameat2(RENAME_EXCHANGE)`), so that `out` is never missing; `staged` then holds the old
/// content. Elsewhere the old folder is moved aside and removed, for a moment without `out`.
fn exchange(staged: &Path, out: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, staged, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // A file system without the exchange: fall back to two renames.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(anyhow::Error::new(std::io::Error::from(e))).with_context(|| format!("failed to move `{}` to `{}`", staged.display(), out.display())),
        }
    }
    let mut aside = staged.as_os_str().to_owned();
    aside.push(".replaced");
    let aside = PathBuf::from(aside);
    crate::fs::rename(out, &aside)?;
    crate::fs::rename(staged, out)?;
    std::fs::remove_dir_all(&aside).with_context(|| format!("failed to remove `{}`", aside.display()))
}

/// A test hook: with `SFERUM_GEN_TEST_PAUSE` naming this point (`checked`, `staged`,
/// `replacing`, `swapped`), the build says so on standard error and waits 60 s, or until the
/// file `SFERUM_GEN_TEST_RESUME` names exists, so a test can kill it exactly there or change its
/// input and let it go on.
pub(crate) fn pause_for_tests(point: &str) {
    if std::env::var("SFERUM_GEN_TEST_PAUSE").is_ok_and(|p| p == point) {
        eprintln!("sferum-gen: paused at {point}");
        let resume = std::env::var_os("SFERUM_GEN_TEST_RESUME").map(PathBuf::from);
        for _ in 0..600 {
            if resume.as_deref().is_some_and(Path::exists) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
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
