//! `merge`, a tool on built output: one output folder from the outputs of `build --shard K/N`,
//! the same bytes as one build of every institution. Each part is checked against its own
//! index.json before anything is written; files go through emit's staging (restricted files
//! owner-only, folders swapped in at the end) and emit writes the index from the files present,
//! with each institution's build record (digest, templates) as its part wrote it.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};

use crate::emit::Staging;
use crate::export::Artifact;
use crate::index::{BuildRecord, Index, IndexedFile, INDEX_FILE, SCHEMA_VERSION};
use crate::tr;

/// What `merge` reads and where it writes.
#[derive(Debug, Clone)]
pub struct MergeConfig {
    /// The parts' output folders, each with its index.json.
    pub shards: Vec<PathBuf>,
    /// The folder to assemble: absent, empty, or the result of a previous merge (replaced).
    pub out: PathBuf,
}

/// What a merge did.
#[derive(Debug, Clone)]
pub struct MergeSummary {
    pub shards: usize,
    pub institutions: usize,
    pub files: usize,
}

/// Why a merge was refused; the output folder was left as it was.
#[derive(Debug)]
pub enum MergeError {
    /// A part has no index.json, so it is no build output (or an unfinished one).
    NoIndex { folder: PathBuf },
    /// An index.json that is not the one `build` writes.
    BadIndex { index: PathBuf, reason: String },
    /// An index.json of a build that stopped while replacing these institutions.
    Unfinished { index: PathBuf, ids: String },
    /// An index.json naming a path that leaves its folder.
    OutsideFolder { index: PathBuf, path: String },
    /// One institution in two parts.
    Overlap { id: String, first: PathBuf, second: PathBuf },
    /// A file or folder that its part's index.json does not list.
    Unlisted { path: PathBuf, index: PathBuf },
    /// A file its part's index.json lists that is not there.
    Missing { path: PathBuf, index: PathBuf },
    /// A file whose size or SHA-256 differs from its part's index.json.
    Mismatch { path: PathBuf, index: PathBuf, listed: IndexedFile, found: IndexedFile },
    /// The output path is a file.
    TargetNotFolder { out: PathBuf },
    /// The output folder holds something that is not a previous merge.
    TargetNotEmpty { out: PathBuf, reason: String },
    /// The output folder is a part, or inside one, or holds one.
    TargetOverlaps { out: PathBuf, shard: PathBuf },
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            MergeError::NoIndex { folder } => tr!("merge-no-index", folder = folder),
            MergeError::BadIndex { index, reason } => tr!("merge-bad-index", index = index, reason = reason),
            MergeError::Unfinished { index, ids } => tr!("merge-unfinished", index = index, ids = ids),
            MergeError::OutsideFolder { index, path } => tr!("merge-outside-folder", index = index, path = path),
            MergeError::Overlap { id, first, second } => tr!("merge-overlap", id = id, first = first, second = second),
            MergeError::Unlisted { path, index } => tr!("merge-unlisted", path = path, index = index),
            MergeError::Missing { path, index } => tr!("merge-missing", path = path, index = index),
            MergeError::Mismatch { path, index, listed, found } => tr!(
                "merge-mismatch",
                path = path,
                index = index,
                bytes = listed.bytes,
                sha256 = listed.sha256,
                found_bytes = found.bytes,
                found_sha256 = found.sha256
            ),
            MergeError::TargetNotFolder { out } => tr!("merge-target-not-folder", out = out),
            MergeError::TargetNotEmpty { out, reason } => tr!("merge-target-not-empty", out = out, reason = reason),
            MergeError::TargetOverlaps { out, shard } => tr!("merge-target-overlaps", out = out, shard = shard),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for MergeError {}

/// Checks every part against its index.json, then assembles them into `cfg.out` and writes its
/// index.json. A refusal is a [`MergeError`] inside the `Err`; nothing is written then.
pub fn merge(cfg: &MergeConfig) -> Result<MergeSummary> {
    let mut parts: Vec<Output> = Vec::new();
    for folder in &cfg.shards {
        let part = Output::read(folder)?;
        if let Some(extra) = part.others.iter().find(|p| p.is_dir() && !is_hidden(p)) {
            return Err(MergeError::Unlisted { path: extra.clone(), index: part.index_path() }.into());
        }
        for id in part.index.institutions.keys() {
            if let Some(first) = parts.iter().find(|p| p.index.institutions.contains_key(id)) {
                return Err(MergeError::Overlap { id: id.clone(), first: first.folder.clone(), second: folder.clone() }.into());
            }
        }
        parts.push(part);
    }
    let previous = previous_merge(&cfg.out, &cfg.shards)?;

    let staging = Staging::new(&cfg.out)?;
    let mut files = 0;
    for part in &parts {
        for id in part.index.institutions.keys() {
            part.each_file(id, |path, bytes| {
                files += 1;
                staging.write(id, &Artifact { path: path.to_path_buf(), bytes })
            })?;
        }
    }
    let mut folders: Vec<PathBuf> = parts.iter().flat_map(|p| p.index.institutions.keys()).chain(&previous).map(PathBuf::from).collect();
    folders.sort();
    folders.dedup();
    // Each institution keeps what its part recorded of its build, as one build would.
    let records: std::collections::BTreeMap<String, BuildRecord> = parts
        .iter()
        .flat_map(|p| &p.index.institutions)
        .filter_map(|(id, entry)| Some((id.clone(), BuildRecord { digest: entry.digest.clone()?, templates: entry.templates.clone() })))
        .collect();
    staging.commit(&folders, &records)?;
    let institutions = parts.iter().map(|p| p.index.institutions.len()).sum();
    Ok(MergeSummary { shards: parts.len(), institutions, files })
}

/// The institutions of the previous merge in `out`, to replace; none when `out` is absent or
/// empty. Anything else there is refused, so that a merge never overwrites a folder it did not write.
fn previous_merge(out: &Path, shards: &[PathBuf]) -> Result<Vec<String>> {
    let target = resolved(out)?;
    for shard in shards {
        let shard_path = resolved(shard)?;
        if target.starts_with(&shard_path) || shard_path.starts_with(&target) {
            return Err(MergeError::TargetOverlaps { out: out.to_path_buf(), shard: shard.clone() }.into());
        }
    }
    if !out.exists() {
        return Ok(Vec::new());
    }
    if !out.is_dir() {
        return Err(MergeError::TargetNotFolder { out: out.to_path_buf() }.into());
    }
    let mut entries = std::fs::read_dir(out).with_context(|| format!("failed to list `{}`", out.display()))?;
    if entries.next().is_none() {
        return Ok(Vec::new());
    }
    let check = || -> Result<Vec<String>> {
        let previous = Output::read(out)?;
        if let Some(extra) = previous.others.first() {
            return Err(MergeError::Unlisted { path: extra.clone(), index: previous.index_path() }.into());
        }
        for id in previous.index.institutions.keys() {
            previous.each_file(id, |_, _| Ok(()))?;
        }
        Ok(previous.index.institutions.into_keys().collect())
    };
    check().map_err(|e| match e.downcast::<MergeError>() {
        Ok(refusal) => MergeError::TargetNotEmpty { out: out.to_path_buf(), reason: refusal.to_string() }.into(),
        Err(other) => other,
    })
}

/// A build output folder and its index.json.
struct Output {
    folder: PathBuf,
    index: Index,
    /// Top-level entries other than index.json and the listed institutions' folders.
    others: Vec<PathBuf>,
}

impl Output {
    /// Reads `folder`'s index.json; refuses one that is missing, malformed or names a path
    /// outside its folder.
    fn read(folder: &Path) -> Result<Self> {
        let path = folder.join(INDEX_FILE);
        if !path.is_file() {
            return Err(MergeError::NoIndex { folder: folder.to_path_buf() }.into());
        }
        let bytes = std::fs::read(&path).with_context(|| format!("failed to read `{}`", path.display()))?;
        let index: Index = serde_json::from_slice(&bytes).map_err(|e| MergeError::BadIndex { index: path.clone(), reason: e.to_string() })?;
        if index.schema_version != SCHEMA_VERSION {
            return Err(MergeError::BadIndex { index: path, reason: format!("schema_version {}", index.schema_version) }.into());
        }
        if !index.replacing.is_empty() {
            let ids = index.replacing.iter().map(String::as_str).collect::<Vec<_>>().join(", ");
            return Err(MergeError::Unfinished { index: path, ids }.into());
        }
        for (id, institution) in &index.institutions {
            let id_is_a_name = matches!(Path::new(id).components().collect::<Vec<_>>()[..], [Component::Normal(_)]) && !id.starts_with('.');
            if !id_is_a_name {
                return Err(MergeError::OutsideFolder { index: path, path: id.clone() }.into());
            }
            if let Some(file) = institution.files.keys().find(|f| !Path::new(f).components().all(|c| matches!(c, Component::Normal(_)))) {
                return Err(MergeError::OutsideFolder { index: path, path: format!("{id}/{file}") }.into());
            }
        }
        let mut others = Vec::new();
        for entry in std::fs::read_dir(folder).with_context(|| format!("failed to list `{}`", folder.display()))? {
            let entry = entry.with_context(|| format!("failed to list `{}`", folder.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let listed = entry.path().is_dir() && index.institutions.contains_key(&name);
            if name != INDEX_FILE && !listed {
                others.push(entry.path());
            }
        }
        others.sort();
        Ok(Self { folder: folder.to_path_buf(), index, others })
    }

    fn index_path(&self) -> PathBuf {
        self.folder.join(INDEX_FILE)
    }

    /// Checks institution `id`'s folder against the index (the same files, each of the listed
    /// size and SHA-256) and hands each file, by its path inside the folder, to `each`.
    fn each_file(&self, id: &str, mut each: impl FnMut(&Path, Vec<u8>) -> Result<()>) -> Result<()> {
        let listed = &self.index.institutions[id].files;
        let root = self.folder.join(id);
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(&root).min_depth(1).sort_by_file_name() {
            let entry = entry.with_context(|| format!("failed to list `{}`", root.display()))?;
            if entry.file_type().is_dir() {
                continue;
            }
            let relative = entry.path().strip_prefix(&root).expect("under its folder");
            let key = relative.to_string_lossy().replace('\\', "/");
            let Some(expected) = listed.get(&key).filter(|_| entry.file_type().is_file()) else {
                return Err(MergeError::Unlisted { path: entry.path().to_path_buf(), index: self.index_path() }.into());
            };
            let bytes = std::fs::read(entry.path()).with_context(|| format!("failed to read `{}`", entry.path().display()))?;
            let found = IndexedFile::of(&bytes);
            if &found != expected {
                let path = entry.path().to_path_buf();
                return Err(MergeError::Mismatch { path, index: self.index_path(), listed: expected.clone(), found }.into());
            }
            seen += 1;
            each(relative, bytes)?;
        }
        if seen < listed.len() {
            let missing = listed.keys().find(|f| !root.join(f).is_file()).expect("a listed file was not seen");
            return Err(MergeError::Missing { path: root.join(missing), index: self.index_path() }.into());
        }
        Ok(())
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// `path` made absolute with links resolved, also when its last parts do not exist yet, so
/// that two spellings of one folder compare equal.
fn resolved(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path).with_context(|| format!("failed to resolve `{}`", path.display()))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        let Some(parent) = existing.parent() else { break };
        rest.push(existing.file_name().map(PathBuf::from).unwrap_or_default());
        existing = parent;
    }
    let mut out = existing.canonicalize().unwrap_or_else(|_| existing.to_path_buf());
    out.extend(rest.iter().rev());
    Ok(out)
}
