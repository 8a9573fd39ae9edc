//! One version of an institution's people as `roster diff` compares them: the students and
//! parents with their groups, the chats each is in, and the off-boarding rule. Built from a
//! checked institution (its YAML and people lists) or read back from a build's output
//! folder (`out/<id>/`: the chats' roster CSVs and config/runtime.json).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::{member_of_role, rosters};
use super::csv::{uninert, COLUMNS};
use crate::model::{Institution, Member};
use crate::tr;

use crate::layout::{ROSTER_CHATS_DIR as CHATS_DIR, RUNTIME_CONFIG as RUNTIME_JSON};

/// One student or parent of the lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotPerson {
    pub id: String,
    pub member: Member,
    pub surname: String,
    pub name: String,
    pub patronymic: Option<String>,
    /// The group's name (its id when the group is unknown).
    pub group: String,
    /// For a parent: the id of their child, when known.
    pub child: Option<String>,
}

impl SnapshotPerson {
    /// «Фамилия Имя Отчество».
    pub fn full_name(&self) -> String {
        match &self.patronymic {
            Some(p) => format!("{} {} {p}", self.surname, self.name),
            None => format!("{} {}", self.surname, self.name),
        }
    }
}

/// One chat and the students and parents invited into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotChat {
    pub id: String,
    pub name: String,
    /// Who invites into it (and so removes from it): «Соколова Д.В.».
    pub moderator: String,
    /// Ids of the students and parents in it.
    pub members: Vec<String>,
}

/// One version of an institution's people lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Students and parents by id.
    pub people: BTreeMap<String, SnapshotPerson>,
    /// The chats in the order the institution defines them.
    pub chats: Vec<SnapshotChat>,
    /// The off-boarding rule: leavers' parents are removed from the chats too.
    pub remove_parents: bool,
}

impl Snapshot {
    /// The snapshot of a checked institution; `vocabulary` names the chats chats.yaml leaves
    /// unnamed, as the build's rosters do.
    pub fn of_institution(inst: &Institution, vocabulary: &crate::render::Vocabulary) -> Snapshot {
        let mut people = BTreeMap::new();
        for list in &inst.people {
            let group = inst.chats.groups.iter().find(|g| g.id == list.group).map_or(list.group.clone(), |g| g.name.clone());
            for p in &list.people {
                people.insert(
                    p.id.clone(),
                    SnapshotPerson {
                        id: p.id.clone(),
                        member: p.member,
                        surname: p.surname.clone(),
                        name: p.name.clone(),
                        patronymic: p.patronymic.clone(),
                        group: group.clone(),
                        child: p.child.clone(),
                    },
                );
            }
        }
        let chats = rosters(inst, vocabulary)
            .into_iter()
            .map(|r| SnapshotChat {
                members: r.rows.iter().filter(|row| row.member.is_some()).map(|row| row.person_id.clone()).collect(),
                id: r.chat.id,
                name: r.chat.name,
                moderator: r.inviter_name,
            })
            .collect();
        Snapshot { people, chats, remove_parents: inst.rules.offboarding.remove_parents }
    }

    /// The snapshot of a build output folder (`out/<id>/`): the students and parents of
    /// `restricted/rosters/chats/*.csv` (staff rows are skipped), the chats in the order of
    /// config/runtime.json, and its off-boarding rule. People in no chat are not seen.
    pub fn of_output(dir: &Path) -> Result<Snapshot> {
        let runtime_path = dir.join(RUNTIME_JSON);
        let text = std::fs::read_to_string(&runtime_path).with_context(|| tr!("roster-read-failed", path = runtime_path))?;
        let runtime: serde_json::Value = serde_json::from_str(&text).with_context(|| tr!("roster-not-json", path = runtime_path))?;
        let Some(remove_parents) = runtime.pointer("/offboarding/remove_parents_of_leavers").and_then(serde_json::Value::as_bool) else {
            bail!(tr!("roster-no-offboarding", path = runtime_path));
        };
        let order: Vec<&str> = runtime.get("chats").and_then(|c| c.as_array()).into_iter().flatten().filter_map(|c| c.get("id")?.as_str()).collect();

        let chats_dir = dir.join(CHATS_DIR);
        let mut files: Vec<PathBuf> = Vec::new();
        for entry in std::fs::read_dir(&chats_dir).with_context(|| format!("failed to list `{}`", chats_dir.display()))? {
            let path = entry?.path();
            if path.is_file() && path.extension().is_some_and(|e| e == "csv") {
                files.push(path);
            }
        }
        // Chats in the institution's order; any the runtime config does not name, after them by id.
        let rank = |p: &PathBuf| {
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            (order.iter().position(|id| *id == stem).unwrap_or(usize::MAX), stem)
        };
        files.sort_by_key(rank);

        let mut snapshot = Snapshot { remove_parents, ..Snapshot::default() };
        // The platform's role words, as the built-in vocabulary writes them.
        let vocabulary = crate::render::Vocabulary::bundled()?;
        // A parent's child as the roster names it: (parent id, child's full name).
        let mut children: Vec<(String, String)> = Vec::new();
        for path in &files {
            let chat = read_chat(&vocabulary, path, &mut snapshot.people, &mut children)?;
            snapshot.chats.push(chat);
        }
        for (parent, child_name) in children {
            let group = snapshot.people[&parent].group.clone();
            let child = snapshot
                .people
                .values()
                .find(|s| s.member == Member::Student && s.group == group && s.full_name() == child_name)
                .map(|s| s.id.clone());
            if let Some(p) = snapshot.people.get_mut(&parent) {
                p.child = child;
            }
        }
        Ok(snapshot)
    }
}

/// Reads one chat's roster CSV; adds its students and parents to `people` (first mention
/// wins) and their children's names to `children`. Errors name file:line.
fn read_chat(vocabulary: &crate::render::Vocabulary, path: &Path, people: &mut BTreeMap<String, SnapshotPerson>, children: &mut Vec<(String, String)>) -> Result<SnapshotChat> {
    let bytes = std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
    let body = super::csv::body(&bytes);
    let mut reader = super::csv::reader(body);
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut chat = SnapshotChat { id, name: String::new(), moderator: String::new(), members: Vec::new() };
    // The 1-based line a record starts on, from its byte offset: the csv crate's offset of
    // a record after a CRLF points at the LF, so that LF is counted too.
    let line_at = |pos: Option<&::csv::Position>, fallback: usize| {
        pos.map_or(fallback, |p| 1 + body[..body.len().min(p.byte() as usize + 1)].iter().filter(|b| **b == b'\n').count())
    };
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let why = match e.kind() {
                ::csv::ErrorKind::UnequalLengths { len, .. } => tr!("roster-not-csv.values", values = *len, columns = COLUMNS),
                ::csv::ErrorKind::Utf8 { .. } => tr!("roster-not-csv.utf8"),
                _ => e.to_string(),
            };
            anyhow::anyhow!(tr!("roster-not-csv", place = format!("{}:{}", path.display(), line_at(e.position(), i + 1)), why = why))
        })?;
        let line = line_at(record.position(), i + 1);
        if i == 0 {
            // The header's words are a template's (rosters/frame.txt); its width is the format's.
            if record.len() != COLUMNS {
                bail!(tr!("roster-not-csv", place = format!("{}:{line}", path.display()), why = tr!("roster-not-csv.header", found = record.len(), columns = COLUMNS)));
            }
            continue;
        }
        let cell = |n: usize| record.get(n).map(uninert).unwrap_or_default();
        if cell(0) != chat.id {
            bail!(tr!("roster-wrong-chat", place = format!("{}:{line}", path.display()), row = cell(0), file = chat.id));
        }
        chat.name = cell(1).to_string();
        chat.moderator = cell(2).to_string();
        let Some(member) = member_of_role(vocabulary, cell(3)) else { continue };
        let person_id = cell(4).to_string();
        if person_id.is_empty() {
            bail!(tr!("roster-no-id", place = format!("{}:{line}", path.display()), role = cell(3)));
        }
        if !people.contains_key(&person_id) {
            let patronymic = Some(cell(7)).filter(|p| !p.is_empty()).map(str::to_string);
            people.insert(
                person_id.clone(),
                SnapshotPerson {
                    id: person_id.clone(),
                    member,
                    surname: cell(5).to_string(),
                    name: cell(6).to_string(),
                    patronymic,
                    group: cell(8).to_string(),
                    child: None,
                },
            );
            if member == Member::Parent && !cell(11).is_empty() {
                children.push((person_id.clone(), cell(11).to_string()));
            }
        }
        chat.members.push(person_id);
    }
    if chat.name.is_empty() && chat.members.is_empty() {
        // A header-only roster: the chat has nobody to compare.
        chat.name = chat.id.clone();
    }
    Ok(chat)
}
