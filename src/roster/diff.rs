//! `roster diff OLD NEW`: who joins, who leaves, who changes group between two versions of
//! an institution's people lists, and for each leaver the chats to remove them (and, per
//! the off-boarding rule of rules.yaml, their parents) from. Both versions are snapshots:
//! of institution folders, or of two build outputs of one institution (`snapshot`).

use super::snapshot::{Snapshot, SnapshotPerson};
use crate::model::Member;

/// What happened to one person of the lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Joins,
    Leaves,
    /// Listed in another group's list.
    Moves,
}

impl ChangeKind {
    pub fn word(self) -> &'static str {
        match self {
            ChangeKind::Joins => "приходит",
            ChangeKind::Leaves => "уходит",
            ChangeKind::Moves => "меняет группу",
        }
    }
}

/// One person who joins, leaves or moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub person: SnapshotPerson,
    /// The group's name before (none for a joiner) and after (none for a leaver).
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Remove one person from one chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub person_id: String,
    pub full_name: String,
    pub member: Member,
    pub chat_id: String,
    pub chat_name: String,
    /// Who removes them: the chat's moderator, who invited them.
    pub moderator: String,
    pub reason: &'static str,
}

/// The difference between two versions of an institution's people lists.
#[derive(Debug, Clone, Default)]
pub struct RosterDiff {
    pub changes: Vec<Change>,
    pub removals: Vec<Removal>,
    /// Parents of leaving students that rules.yaml does not remove (`offboarding.remove_parents: false`).
    pub parents_kept: Vec<SnapshotPerson>,
}

/// Compares two versions of an institution's people lists (from its folders or from its
/// build outputs). The off-boarding rule is the new version's.
pub fn diff(old: &Snapshot, new: &Snapshot) -> RosterDiff {
    let (before, after) = (&old.people, &new.people);
    let mut out = RosterDiff::default();
    for (id, p) in after {
        match before.get(id) {
            None => out.changes.push(Change { kind: ChangeKind::Joins, person: p.clone(), from: None, to: Some(p.group.clone()) }),
            Some(o) if o.group != p.group => {
                out.changes.push(Change { kind: ChangeKind::Moves, person: p.clone(), from: Some(o.group.clone()), to: Some(p.group.clone()) })
            }
            Some(_) => {}
        }
    }
    for (id, p) in before {
        if !after.contains_key(id) {
            out.changes.push(Change { kind: ChangeKind::Leaves, person: p.clone(), from: Some(p.group.clone()), to: None });
        }
    }
    out.changes.sort_by(|a, b| (a.kind, &a.person.id).cmp(&(b.kind, &b.person.id)));

    let leaving_students: Vec<&str> =
        out.changes.iter().filter(|c| c.kind == ChangeKind::Leaves && c.person.member == Member::Student).map(|c| c.person.id.as_str()).collect();
    let in_new_chat = |chat: &str, id: &str| new.chats.iter().any(|c| c.id == chat && c.members.iter().any(|m| m == id));
    for change in out.changes.iter().filter(|c| c.kind != ChangeKind::Joins) {
        let p = &change.person;
        let parent_of_leaver = p.member == Member::Parent && p.child.as_deref().is_some_and(|c| leaving_students.contains(&c));
        let reason = match change.kind {
            ChangeKind::Moves => "переходит в другую группу",
            _ if parent_of_leaver => "родитель выбывшего обучающегося",
            _ => "выбывает",
        };
        if parent_of_leaver && change.kind == ChangeKind::Leaves && !new.remove_parents {
            out.parents_kept.push(p.clone());
            continue;
        }
        for chat in old.chats.iter().filter(|c| c.members.contains(&p.id) && !in_new_chat(&c.id, &p.id)) {
            out.removals.push(Removal {
                person_id: p.id.clone(),
                full_name: p.full_name(),
                member: p.member,
                chat_id: chat.id.clone(),
                chat_name: chat.name.clone(),
                moderator: chat.moderator.clone(),
                reason,
            });
        }
    }
    out
}

fn member_word(m: Member) -> &'static str {
    match m {
        Member::Student => "обучающийся",
        Member::Parent => "родитель",
    }
}

/// The diff as text for the terminal.
pub fn to_text(d: &RosterDiff) -> String {
    let mut s = String::new();
    for kind in [ChangeKind::Joins, ChangeKind::Leaves, ChangeKind::Moves] {
        let of_kind: Vec<&Change> = d.changes.iter().filter(|c| c.kind == kind).collect();
        let title = match kind {
            ChangeKind::Joins => "Приходят",
            ChangeKind::Leaves => "Уходят",
            ChangeKind::Moves => "Меняют группу",
        };
        s.push_str(&format!("{title} ({}):\n", of_kind.len()));
        for c in of_kind {
            let p = &c.person;
            let groups = match (&c.from, &c.to) {
                (Some(a), Some(b)) => format!("{a} → {b}"),
                (Some(g), None) | (None, Some(g)) => g.clone(),
                (None, None) => String::new(),
            };
            s.push_str(&format!("  {} {} — {}, {groups}\n", p.id, p.full_name(), member_word(p.member)));
        }
    }
    s.push_str(&format!("Удалить из чатов ({}):\n", d.removals.len()));
    for r in &d.removals {
        s.push_str(&format!("  {} «{}», удаляет {}: {} {} ({})\n", r.chat_id, r.chat_name, r.moderator, r.person_id, r.full_name, r.reason));
    }
    if !d.parents_kept.is_empty() {
        s.push_str("Родители выбывших, которых правило об отчислении (rules.yaml, offboarding.remove_parents: false) не удаляет:\n");
        for p in &d.parents_kept {
            s.push_str(&format!("  {} {}\n", p.id, p.full_name()));
        }
    }
    s
}

/// The diff as CSV rows (UTF-8 with BOM, `;`), one per change and one per removal.
pub fn to_csv(d: &RosterDiff) -> anyhow::Result<Vec<u8>> {
    use crate::backend::csv::{inert, BOM};
    let mut w = ::csv::WriterBuilder::new().delimiter(b';').terminator(::csv::Terminator::CRLF).from_writer(BOM.to_vec());
    w.write_record(["Изменение", "ID", "ФИО", "Роль", "Было", "Стало", "Чат (id)", "Чат", "Кто удаляет", "Причина"])?;
    for c in &d.changes {
        let p = &c.person;
        w.write_record([c.kind.word(), &p.id, &inert(&p.full_name()), member_word(p.member), &inert(c.from.as_deref().unwrap_or("")), &inert(c.to.as_deref().unwrap_or("")), "", "", "", ""])?;
    }
    for r in &d.removals {
        w.write_record(["удалить из чата", &r.person_id, &inert(&r.full_name), member_word(r.member), "", "", &r.chat_id, &inert(&r.chat_name), &inert(&r.moderator), r.reason])?;
    }
    for p in &d.parents_kept {
        w.write_record(["остаётся (правило об отчислении)", &p.id, &inert(&p.full_name()), member_word(p.member), "", "", "", "", "", "родитель выбывшего обучающегося"])?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("writing the diff: {e}"))
}
