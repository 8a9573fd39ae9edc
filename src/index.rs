//! `index.json` at the top of an output folder: every institution folder with each file's size
//! and SHA-256, and what the folder was built from (the digest incremental builds compare).
//! Emit writes it; plan reads the previous one; `merge` checks the parts against theirs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// The file's name inside the output folder.
pub const INDEX_FILE: &str = "index.json";

/// The layout this version writes: 2 added `digest` and `templates`.
pub const SCHEMA_VERSION: u32 = 2;

/// The whole of `index.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    /// [`SCHEMA_VERSION`] when this version wrote it.
    pub schema_version: u32,
    /// Each institution folder, by id (the folder's name).
    pub institutions: BTreeMap<String, IndexedInstitution>,
    /// Institutions a build was replacing when it stopped: their folders hold the old build, the
    /// new one or nothing, and are not listed above; the next build rebuilds them. Empty (and
    /// not written) once a build completes.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub replacing: BTreeSet<String>,
}

/// One institution folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexedInstitution {
    /// The digest of everything the folder was built from (`plan::digest`); absent for a folder
    /// no build of this version wrote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// The templates its build read, so that the next run can digest them again.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub templates: BTreeSet<String>,
    /// Every file under the folder, by its path inside it (`/`-separated).
    pub files: BTreeMap<String, IndexedFile>,
}

/// What a build records of one institution besides its files.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuildRecord {
    pub digest: String,
    pub templates: BTreeSet<String>,
}

/// One file's size and SHA-256 (lowercase hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexedFile {
    pub bytes: u64,
    pub sha256: String,
}

impl IndexedFile {
    /// The entry for `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        use sha2::{Digest, Sha256};
        Self { bytes: bytes.len() as u64, sha256: format!("{:x}", Sha256::digest(bytes)) }
    }
}

impl IndexedInstitution {
    /// Every file under `dir` (followed by nothing else), hashed.
    pub fn scan(dir: &Path, record: Option<&BuildRecord>) -> Result<Self> {
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
            let bytes = std::fs::read(entry.path()).with_context(|| format!("failed to read `{}`", entry.path().display()))?;
            let relative = entry.path().strip_prefix(dir).expect("under its folder").to_string_lossy().replace('\\', "/");
            files.insert(relative, IndexedFile::of(&bytes));
        }
        Ok(Self { digest: record.map(|r| r.digest.clone()), templates: record.map(|r| r.templates.clone()).unwrap_or_default(), files })
    }

    /// Whether `dir` still holds every listed file at its listed size (a cheap check that the
    /// folder was not emptied or cut since; contents are trusted to the index).
    pub fn present_in(&self, dir: &Path) -> bool {
        self.files.iter().all(|(name, file)| std::fs::metadata(dir.join(name)).is_ok_and(|m| m.is_file() && m.len() == file.bytes))
    }
}

impl Index {
    /// The index of output folder `out` as this version writes it; `None` when there is none,
    /// or one this version cannot trust (another layout, unreadable): then nothing is skipped.
    pub fn previous(out: &Path) -> Option<Self> {
        let bytes = std::fs::read(out.join(INDEX_FILE)).ok()?;
        serde_json::from_slice::<Index>(&bytes).ok().filter(|i| i.schema_version == SCHEMA_VERSION)
    }

    /// Writes the index of the folder `root` as it is to `path`: for each institution folder,
    /// the entry of `previous` when the folder is not in `rebuilt` and `previous` has one (its
    /// files were kept as they were), else a fresh scan with its build record from `records`.
    /// Written institution by institution: a region's index (hundreds of thousands of files)
    /// is never held whole, neither as a structure nor as text.
    pub fn write_of_folder(root: &Path, previous: Option<&Index>, rebuilt: &BTreeSet<String>, records: &BTreeMap<String, BuildRecord>, path: &Path) -> Result<()> {
        let folders = FolderIndex { dirs: institution_folders(root)?, previous, rebuilt, records, failure: std::cell::RefCell::new(None) };
        let written = write_json(&folders, path);
        match folders.failure.into_inner() {
            Some(e) => Err(e),
            None => written,
        }
    }

    /// Writes `index.json` to `path` (see [`write_json`]).
    pub fn write(&self, path: &Path) -> Result<()> {
        write_json(self, path)
    }
}

/// Writes `value` to `path` as `index.json` is written: pretty JSON and a final newline,
/// streamed to the file.
fn write_json(value: &impl Serialize, path: &Path) -> Result<()> {
    use std::io::Write;
    let file = std::fs::File::create(path).with_context(|| format!("failed to write `{}`", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from).and_then(|()| out.write_all(b"\n")).and_then(|()| out.flush()).with_context(|| format!("failed to write `{}`", path.display()))
}

/// The index of an output folder, serialised as [`Index`] is (same fields, same order) while
/// each institution's entry is taken or scanned only when its turn comes.
struct FolderIndex<'a> {
    dirs: Vec<PathBuf>,
    previous: Option<&'a Index>,
    rebuilt: &'a BTreeSet<String>,
    records: &'a BTreeMap<String, BuildRecord>,
    /// The error a scan met, which stopped the serialisation.
    failure: std::cell::RefCell<Option<anyhow::Error>>,
}

impl Serialize for FolderIndex<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeMap, SerializeStruct};
        struct Institutions<'b, 'a>(&'b FolderIndex<'a>);
        impl Serialize for Institutions<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let f = self.0;
                let mut map = serializer.serialize_map(Some(f.dirs.len()))?;
                for dir in &f.dirs {
                    let id = dir.file_name().expect("a folder has a name").to_string_lossy().into_owned();
                    match f.previous.and_then(|p| p.institutions.get(&id)).filter(|_| !f.rebuilt.contains(&id)) {
                        Some(kept) => map.serialize_entry(&id, kept)?,
                        None => match IndexedInstitution::scan(dir, f.records.get(&id)) {
                            Ok(scanned) => map.serialize_entry(&id, &scanned)?,
                            Err(e) => {
                                let message = format!("{e:#}");
                                *f.failure.borrow_mut() = Some(e);
                                return Err(S::Error::custom(message));
                            }
                        },
                    }
                }
                map.end()
            }
        }
        let mut index = serializer.serialize_struct("Index", 2)?;
        index.serialize_field("schema_version", &SCHEMA_VERSION)?;
        index.serialize_field("institutions", &Institutions(self))?;
        index.end()
    }
}

/// The institution folders at the top of an output folder: every folder but hidden ones, sorted.
pub fn institution_folders(root: &Path) -> Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .with_context(|| format!("failed to list `{}`", root.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    dirs.sort();
    Ok(dirs)
}
