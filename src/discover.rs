//! Stage 1, discover: finds the institution folders and their YAML files under the input root.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics};
use crate::tr;

/// The input files an institution folder holds, one schema each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    Institution,
    Roles,
    Appointments,
    Chats,
    Rules,
    LegalActs,
    /// invites.yaml: optional, restricted (the platform's invite links).
    Invites,
}

impl FileKind {
    /// The files every institution folder must have.
    pub const INSTITUTION_FILES: [FileKind; 5] =
        [FileKind::Institution, FileKind::Roles, FileKind::Appointments, FileKind::Chats, FileKind::Rules];

    pub fn file_name(self) -> &'static str {
        match self {
            FileKind::Institution => "institution.yaml",
            FileKind::Roles => "roles.yaml",
            FileKind::Appointments => "appointments.yaml",
            FileKind::Chats => "chats.yaml",
            FileKind::Rules => "rules.yaml",
            FileKind::LegalActs => "legal-acts.yaml",
            FileKind::Invites => "invites.yaml",
        }
    }

    fn from_file_name(name: &str) -> Option<FileKind> {
        FileKind::INSTITUTION_FILES.into_iter().chain([FileKind::Invites]).find(|k| k.file_name() == name)
    }
}

/// One institution folder and the input files found in it.
#[derive(Debug, Clone)]
pub struct InstitutionDir {
    pub dir: PathBuf,
    pub files: BTreeMap<FileKind, PathBuf>,
    /// The people lists, `people/*.csv`, sorted (restricted: students and parents).
    pub people: Vec<PathBuf>,
}

/// What discovery found: the shared registry and the institution folders, sorted by path.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub registry: Option<PathBuf>,
    pub institutions: Vec<InstitutionDir>,
}

/// The folder holding shared registries, beside the institution folders.
pub const REGISTRY_DIR: &str = "_registry";

/// Walks `root` (a folder of institutions, or one institution folder) in sorted order.
/// Files that are symlinks pointing outside the root are refused.
pub fn discover(root: &Path, diags: &mut Diagnostics) -> Discovery {
    if !root.is_dir() {
        diags.push(
            Diagnostic::error("input-not-found", tr!("input-not-found", path = root)).with_hint(tr!("input-not-found.hint")),
        );
        return Discovery::default();
    }
    if root.join(FileKind::Institution.file_name()).is_file() {
        let registry_root = root.parent().map(Path::to_path_buf).unwrap_or_default();
        let guard = canonical(&registry_root);
        let mut found = Discovery { registry: find_registry(&registry_root, &guard, diags), institutions: Vec::new() };
        found.institutions.push(scan_institution(root, &guard, diags));
        return found;
    }
    let guard = canonical(root);
    let mut found = Discovery { registry: find_registry(root, &guard, diags), institutions: Vec::new() };
    let dirs = WalkDir::new(root).min_depth(1).max_depth(1).sort_by_file_name().follow_links(false);
    for entry in dirs.into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        if entry.path_is_symlink() && entry.path().is_dir() {
            diags.push(
                Diagnostic::error("linked-folder", tr!("linked-folder", path = entry.path()))
                    .at(entry.path(), None)
                    .with_hint(tr!("linked-folder.hint")),
            );
            continue;
        }
        if !entry.file_type().is_dir() {
            continue;
        }
        // A build's output (`build .` writes out/ inside the input): never input.
        if is_build_output(entry.path()) {
            continue;
        }
        found.institutions.push(scan_institution(entry.path(), &guard, diags));
    }
    if found.institutions.is_empty() {
        diags.push(
            Diagnostic::error("no-institutions", tr!("no-institutions", path = root)).with_hint(tr!("no-institutions.hint")),
        );
    }
    found
}

/// Whether `dir` is a folder `build` wrote: it has the build's `index.json` and no
/// institution.yaml.
fn is_build_output(dir: &Path) -> bool {
    dir.join(crate::index::INDEX_FILE).is_file() && !dir.join(FileKind::Institution.file_name()).exists()
}

/// The registry beside the institutions, if there is one: it extends or overrides the one
/// built into the binary (an institution's folder checks on its own without it). A registry
/// folder or file that links outside the input is refused.
fn find_registry(root: &Path, guard: &Path, diags: &mut Diagnostics) -> Option<PathBuf> {
    let dir = root.join(REGISTRY_DIR);
    if !linked_folder_stays(&dir, guard, diags) {
        return None;
    }
    let path = dir.join(FileKind::LegalActs.file_name());
    if path.is_symlink() && crate::fs::leaves(&path, guard) {
        diags.push(Diagnostic::error("path-outside-root", tr!("path-outside-root", path = path)).at(&path, None).with_hint(tr!("path-outside-root.hint")));
        return None;
    }
    (path.exists() && !path.is_dir()).then_some(path)
}

/// Whether the folder `dir` (people/, signatures/, _registry/) may be read: it is no link, or
/// a link that stays inside `guard`; a link out of it is an error at its path.
pub fn linked_folder_stays(dir: &Path, guard: &Path, diags: &mut Diagnostics) -> bool {
    if dir.is_symlink() && crate::fs::leaves(dir, guard) {
        diags.push(
            Diagnostic::error("path-outside-root", tr!("linked-input-folder", path = dir))
                .at(dir, None)
                .with_hint(tr!("linked-input-folder.hint")),
        );
        return false;
    }
    true
}

fn scan_institution(dir: &Path, guard: &Path, diags: &mut Diagnostics) -> InstitutionDir {
    let mut files = BTreeMap::new();
    let mut refused = Vec::new();
    let entries = WalkDir::new(dir).min_depth(1).max_depth(1).sort_by_file_name().follow_links(false);
    for entry in entries.into_iter().filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        if !(name.ends_with(".yaml") || name.ends_with(".yml")) {
            continue;
        }
        if entry.path_is_symlink() {
            let target = std::fs::canonicalize(path);
            let problem = match &target {
                Err(_) => Some(("broken-link", tr!("broken-link", path = path))),
                Ok(t) if !t.starts_with(guard) => Some(("path-outside-root", tr!("path-outside-root", path = path))),
                Ok(_) => None,
            };
            if let Some((code, message)) = problem {
                diags.push(
                    Diagnostic::error(code, message)
                        .at(path, None)
                        .with_hint(tr!("path-outside-root.hint")),
                );
                refused.extend(FileKind::from_file_name(&name));
                continue;
            }
        }
        match FileKind::from_file_name(&name) {
            Some(kind) => {
                files.insert(kind, path.to_path_buf());
            }
            None => {
                let hint = match closest_input_name(&name) {
                    Some(known) => tr!("unknown-file.did-you-mean", name = known),
                    None => tr!("unknown-file.hint"),
                };
                diags.push(
                    Diagnostic::warning("unknown-file", tr!("unknown-file", name = name.as_ref()))
                        .at(path, None)
                        .with_hint(hint),
                );
            }
        }
    }
    for kind in FileKind::INSTITUTION_FILES {
        if !files.contains_key(&kind) && !refused.contains(&kind) {
            let path = dir.join(kind.file_name());
            diags.push(
                Diagnostic::error("missing-file", tr!("missing-file", path = path))
                    .at(&path, None)
                    .with_hint(tr!("missing-file.hint", file = kind.file_name())),
            );
        }
    }
    scan_signatures(&dir.join(crate::sign::external::SIGNATURES_DIR), guard, diags);
    let people_dir = dir.join(PEOPLE_DIR);
    let people = if linked_folder_stays(&people_dir, guard, diags) { scan_people(&people_dir, guard, diags) } else { Vec::new() };
    InstitutionDir { dir: dir.to_path_buf(), files, people }
}

/// The external signatures folder: neither it nor a file in it may link outside the input
/// (a signature is copied into out/ as it is).
fn scan_signatures(dir: &Path, guard: &Path, diags: &mut Diagnostics) {
    if !dir.exists() && !dir.is_symlink() || !linked_folder_stays(dir, guard, diags) {
        return;
    }
    for entry in WalkDir::new(dir).min_depth(1).sort_by_file_name().follow_links(false).into_iter().filter_map(Result::ok) {
        if entry.path_is_symlink() && crate::fs::leaves(entry.path(), guard) {
            diags.push(
                Diagnostic::error("path-outside-root", tr!("path-outside-root.link", path = entry.path()))
                    .at(entry.path(), None)
                    .with_hint(tr!("path-outside-root.hint")),
            );
        }
    }
}

/// The folder of an institution that holds its people lists.
pub const PEOPLE_DIR: &str = "people";

/// The `*.csv` and `*.xlsx` files of the people folder, sorted; links that point outside the
/// input are refused, other files are named in a warning.
fn scan_people(dir: &Path, guard: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let entries = WalkDir::new(dir).min_depth(1).max_depth(1).sort_by_file_name().follow_links(false);
    let mut found = Vec::new();
    for entry in entries.into_iter().filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_lowercase();
        if !(name.ends_with(".csv") || name.ends_with(".xlsx")) {
            // Hidden files (.gitkeep, editors' locks) are not lists; anything else is named.
            if !name.starts_with('.') && !name.starts_with("~$") && entry.file_type().is_file() {
                diags.push(
                    Diagnostic::warning("people-file-ignored", tr!("people-file-ignored", path = path))
                        .at(path, None)
                        .with_hint(tr!("people-file-ignored.hint")),
                );
            }
            continue;
        }
        if entry.path_is_symlink() && crate::fs::leaves(path, guard) {
            diags.push(
                Diagnostic::error("path-outside-root", tr!("path-outside-root.link", path = path))
                    .at(path, None)
                    .with_hint(tr!("path-outside-root.people-hint")),
            );
            continue;
        }
        found.push(path.to_path_buf());
    }
    found
}

/// The input file name a misnamed file was probably meant to be (chats.yml, chat.yaml → chats.yaml).
fn closest_input_name(name: &str) -> Option<&'static str> {
    let stem = name.trim_end_matches(".yaml").trim_end_matches(".yml");
    FileKind::INSTITUTION_FILES.into_iter().map(FileKind::file_name).find(|known| {
        let known_stem = known.trim_end_matches(".yaml");
        stem == known_stem || stem.trim_end_matches('s') == known_stem.trim_end_matches('s')
    })
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
