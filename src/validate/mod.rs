//! Stage 3, validate: schema checks, then the typed model (with the case forms the data leaves
//! out derived from the nominative), then semantic rules.
//! Every error of every file is collected before the run stops.

mod children;
mod citations;
mod forms;
mod invites;
mod people;
mod personal;
mod email;
mod schema;
mod semantic;
mod tracked;

pub use forms::{review_forms, ReviewedForms};
pub use invites::{DEFAULT_LIFETIME_DAYS, PLATFORM_HOSTS};
pub use people::COLUMNS as PEOPLE_COLUMNS;

pub use schema::{field_name, schema_text};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Diagnostics};
use crate::discover::{Discovery, FileKind};
use crate::load::{load_file, RawDoc, SourceMap};
use crate::model::{Catalog, Institution, LegalActs};
use crate::tr;

/// The parsed files of one institution folder.
struct LoadedInstitution {
    dir: PathBuf,
    docs: BTreeMap<FileKind, RawDoc>,
    people: Vec<PathBuf>,
}

/// Loads, schema-checks and semantically checks everything discovery found. Returns the
/// catalog of the institutions without an error (an institution's errors are those in files
/// of its folder), or `None` when the registry has errors: then nothing can be built.
/// Invite links are checked against `today` (the run's clock, resolved once in the config).
pub fn validate(found: &Discovery, draft: bool, today: crate::model::Date, sources: &mut SourceMap, diags: &mut Diagnostics) -> Option<Catalog> {
    // The registry built into the binary, extended or overridden (by id) by `_registry/`.
    let registry = match found.registry.as_ref() {
        None => Some(LegalActs::bundled()),
        Some(path) => (|| {
            let doc = load_file(path, FileKind::LegalActs, sources, diags)?;
            let schema_errors = schema::check_schema(&doc);
            let ok = schema_errors.is_empty();
            diags.extend(schema_errors);
            let acts: LegalActs = if ok { typed(&doc, diags)? } else { return None };
            let merged = LegalActs::bundled().overlaid_by(acts.clone());
            diags.extend(semantic::check_registry(&doc, &acts, &merged));
            Some(merged)
        })(),
    };

    // Each institution is loaded, checked and turned into its model on its own thread, and its
    // parsed documents are dropped there: a region's JSON values and span maps are never all in
    // memory at once.
    let checked: Vec<(Option<Valid>, SourceMap, Diagnostics)> =
        found.institutions.par_iter().map(|dir| check_folder(dir, draft, today, registry.as_ref())).collect();
    let mut institutions = Vec::new();
    for (valid, inst_sources, inst_diags) in checked {
        sources.extend(inst_sources);
        diags.extend(inst_diags);
        institutions.extend(valid);
    }
    diags.extend(semantic::check_across(&institutions));
    let registry = registry?;
    // Two folders with one id would write one output folder: neither is built.
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for v in &institutions {
        *ids.entry(v.model.id()).or_default() += 1;
    }
    let failed = |inst: &Institution| ids[inst.id()] > 1 || diags.iter().any(|d| d.is_error() && d.file.as_deref().is_some_and(|f| f.starts_with(&inst.dir)));
    let failed: HashSet<PathBuf> = institutions.iter().filter(|v| failed(&v.model)).map(|v| v.model.dir.clone()).collect();
    Some(Catalog { registry, institutions: institutions.into_iter().map(|v| v.model).filter(|i| !failed.contains(&i.dir)).collect() })
}

/// Reads and checks one institution folder again, as [`validate`] did: its model when it still
/// has no error. A build validates every institution first, then reads the ones it builds again
/// a chunk at a time and drops each model after its chunk, so a region's models are never all
/// in memory at once. `None` when the folder has changed into an invalid one since.
pub fn reload(dir: &crate::discover::InstitutionDir, draft: bool, today: crate::model::Date, registry: &LegalActs) -> Option<Institution> {
    let (valid, _, diags) = check_folder(dir, draft, today, Some(registry));
    valid.filter(|_| !diags.has_errors()).map(|v| v.model)
}

/// An institution that passed its own checks, with where its id is written (for the check
/// across institutions, made after its documents are dropped).
pub(crate) struct Valid {
    pub model: Institution,
    pub id_file: PathBuf,
    pub id_span: Option<crate::diag::Span>,
}

/// Loads, schema-checks and semantically checks one institution folder: its model when it has
/// no error of its own, the texts of the files its diagnostics show a line of (only those: a
/// region's texts would otherwise stay in memory for the whole build), and its diagnostics.
fn check_folder(dir: &crate::discover::InstitutionDir, draft: bool, today: crate::model::Date, registry: Option<&LegalActs>) -> (Option<Valid>, SourceMap, Diagnostics) {
    let mut sources = SourceMap::default();
    let mut found = Diagnostics::default();
    let mut docs = BTreeMap::new();
    for (kind, path) in &dir.files {
        if let Some(doc) = load_file(path, *kind, &mut sources, &mut found) {
            found.extend(schema::check_schema(&doc));
            found.extend(email::check_addresses(&doc));
            docs.insert(*kind, doc);
        }
    }
    let inst = LoadedInstitution { dir: dir.dir.clone(), docs, people: dir.people.clone() };
    let mut diags = Diagnostics::default();
    let clean = !found.has_errors();
    if !clean {
        // Every error in one run: the rules still check the files that are right.
        if let Some(acts) = registry {
            diags.extend(partial_semantics(&inst, &found, acts));
        }
    }
    diags.extend(found);
    let mut valid = None;
    if clean && FileKind::INSTITUTION_FILES.iter().all(|k| inst.docs.contains_key(k)) {
        if let Some(mut typed) = build_institution(&inst, registry, &sources, &mut diags) {
            // `--draft` makes every institution a draft; from here on the model says it.
            typed.info.draft |= draft;
            if let Some(acts) = registry {
                diags.extend(semantic::check_institution(&typed, &inst.docs, acts));
                diags.extend(children::check_children_stay_off(&typed, &inst.docs));
            }
            check_restricted_inputs(&mut typed, &inst, today, &mut sources, &mut diags);
            diags.extend(personal::check_free_text(&typed, &inst.docs, &sources));
            let info = &inst.docs[&FileKind::Institution];
            valid = Some(Valid { model: typed, id_file: info.path.clone(), id_span: info.spans.value("/id") });
        }
    }
    sources.retain(|path| diags.iter().any(|d| d.span.is_some() && d.file.as_deref() == Some(path)));
    (valid, sources, diags)
}

/// The codes of the rules that look into appointments.yaml from another file: not reported
/// while appointments.yaml itself has errors (its orders are not known then).
const ORDER_REFERENCES: [&str; 5] = ["unknown-order", "missing-order", "wrong-order-kind", "regulation-approval", "admin-appointment"];

/// The semantic rules over an institution some of whose files have errors: the broken
/// appointments, chats or rules count as empty, and only what the rules find in the other
/// files is reported (so a reference error in one file shows up with a schema error in
/// another). Without a valid institution.yaml or roles.yaml (which everything refers to)
/// nothing more is checked.
fn partial_semantics(inst: &LoadedInstitution, found: &Diagnostics, acts: &LegalActs) -> Vec<Diagnostic> {
    if !FileKind::INSTITUTION_FILES.iter().all(|k| inst.docs.contains_key(k)) {
        return Vec::new();
    }
    let broken = |k: FileKind| found.iter().any(|d| d.is_error() && d.file.as_deref() == Some(inst.docs[&k].path.as_path()));
    if broken(FileKind::Institution) || broken(FileKind::Roles) {
        return Vec::new();
    }
    let Some(model) = build_partial(inst, &broken) else { return Vec::new() };
    if model.find_head().is_none() {
        return Vec::new();
    }
    let broken_paths: Vec<&std::path::Path> = FileKind::INSTITUTION_FILES.iter().filter(|k| broken(**k)).map(|k| inst.docs[k].path.as_path()).collect();
    let mut out = semantic::check_institution(&model, &inst.docs, acts);
    out.extend(children::check_children_stay_off(&model, &inst.docs));
    out.retain(|d| {
        let in_broken = d.file.as_deref().is_some_and(|f| broken_paths.contains(&f));
        let needs_orders = broken(FileKind::Appointments) && ORDER_REFERENCES.contains(&d.code);
        !in_broken && !needs_orders && !found.iter().any(|f| f.code == d.code && f.file == d.file && f.span == d.span)
    });
    out
}

/// The typed model of an institution whose broken files (`broken`) count as empty when they
/// cannot be read; its inputs digest is left empty (it is never built).
fn build_partial(inst: &LoadedInstitution, broken: &dyn Fn(FileKind) -> bool) -> Option<Institution> {
    let mut scratch = Diagnostics::default();
    let doc = |k: FileKind| &inst.docs[&k];
    let appointments = typed(doc(FileKind::Appointments), &mut scratch).or_else(|| broken(FileKind::Appointments).then(Default::default))?;
    let chats = typed(doc(FileKind::Chats), &mut scratch).or_else(|| broken(FileKind::Chats).then(Default::default))?;
    let rules = typed(doc(FileKind::Rules), &mut scratch).or_else(|| broken(FileKind::Rules).then(Default::default))?;
    let mut model = Institution {
        inputs_sha256: String::new(),
        dir: inst.dir.clone(),
        info: typed(doc(FileKind::Institution), &mut scratch)?,
        roles: typed(doc(FileKind::Roles), &mut scratch)?,
        appointments,
        chats,
        rules,
        people: Vec::new(),
        invites: None,
    };
    // Warnings about the forms come with the full check.
    forms::derive_forms(&mut model, &inst.docs);
    Some(model)
}

/// The typed model of a valid institution; its inputs digest covers its files' texts (in
/// `sources`) and the registry entries it cites.
fn build_institution(inst: &LoadedInstitution, registry: Option<&LegalActs>, sources: &SourceMap, diags: &mut Diagnostics) -> Option<Institution> {
    let doc = |k: FileKind| &inst.docs[&k];
    let mut digest = Sha256::new();
    for text in FileKind::INSTITUTION_FILES.iter().map(|k| sources.text(&doc(*k).path).unwrap_or_default()) {
        // Length-prefixed, so that moving text between files changes the digest.
        digest.update((text.len() as u64).to_le_bytes());
        digest.update(text.as_bytes());
    }
    let mut model = Institution {
        inputs_sha256: String::new(),
        dir: inst.dir.clone(),
        info: typed(doc(FileKind::Institution), diags)?,
        roles: typed(doc(FileKind::Roles), diags)?,
        appointments: typed(doc(FileKind::Appointments), diags)?,
        chats: typed(doc(FileKind::Chats), diags)?,
        rules: typed(doc(FileKind::Rules), diags)?,
        people: Vec::new(),
        invites: None,
    };
    // The registry entries it cites, not the whole registry: an edit to an act another
    // institution cites changes nothing here (and rebuilds nothing, see plan::digest).
    if let Some(acts) = registry {
        digest.update(acts.digest_of(model.acts_cited()));
    }
    model.inputs_sha256 = format!("{:x}", digest.finalize());
    diags.extend(forms::derive_forms(&mut model, &inst.docs));
    Some(model)
}

/// People lists and invites.yaml: read, checked, attached to the institution; a warning for
/// each one git tracks (unless it says its data is invented).
fn check_restricted_inputs(model: &mut Institution, inst: &LoadedInstitution, today: crate::model::Date, sources: &mut SourceMap, diags: &mut Diagnostics) {
    let mut seen = people::SeenIds::new();
    let mut lists = Vec::new();
    for path in &inst.people {
        lists.extend(people::check_people_list(model, path, &mut seen, sources, diags));
    }
    // In the order of the groups in chats.yaml.
    lists.sort_by_key(|l: &crate::model::GroupList| model.chats.groups.iter().position(|g| g.id == l.group));
    let mut tracked_candidates: Vec<PathBuf> = inst.people.iter().filter(|p| !lists.iter().any(|l| &l.file == *p && l.invented)).cloned().collect();
    if let Some(doc) = inst.docs.get(&FileKind::Invites) {
        if let Some(mut invites) = typed::<crate::model::InvitesFile>(doc, diags) {
            let (found, expired) = invites::check_invites(model, doc, &invites, today);
            diags.extend(found);
            invites.expired = expired;
            if !invites.invented {
                tracked_candidates.push(doc.path.clone());
            }
            model.invites = Some(invites);
        }
    }
    diags.extend(tracked::warn_if_tracked(&inst.dir, &tracked_candidates));
    model.people = lists;
}

/// Schema-valid JSON into the typed model; a failure here is a value the schema let through.
fn typed<T: DeserializeOwned>(doc: &RawDoc, diags: &mut Diagnostics) -> Option<T> {
    match serde_json::from_value(doc.value.clone()) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(
                Diagnostic::error("invalid-value", tr!("invalid-value-file", reason = e.to_string()))
                    .at(&doc.path, None)
                    .with_hint(tr!("invalid-value-file.hint")),
            );
            None
        }
    }
}

/// The known value `word` means, written another way: in another case, with other
/// separators (`-`, `_`, `.`, spaces), or with its parts in another order (`VK` → `vk`,
/// `152-fz` → `fz-152`, `In_Person` → `in-person`).
pub(crate) fn loose_match<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let parts = |s: &str| -> Vec<String> { s.to_lowercase().split(|c: char| c == '-' || c == '_' || c == '.' || c.is_whitespace()).filter(|p| !p.is_empty()).map(str::to_string).collect() };
    let sorted = |mut p: Vec<String>| {
        p.sort();
        p
    };
    let wanted = parts(word);
    let wanted_sorted = sorted(wanted.clone());
    known.into_iter().find(|k| *k != word && (parts(k) == wanted || sorted(parts(k)) == wanted_sorted))
}

/// Levenshtein distance, for «did you mean …?» hints.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
