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
    /// The key of its word in rosters/diff.txt.
    fn key(self) -> &'static str {
        match self {
            ChangeKind::Joins => "joins",
            ChangeKind::Leaves => "leaves",
            ChangeKind::Moves => "moves",
        }
    }
}

/// Why a person is removed from a chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Listed in another group now.
    Moves,
    /// A parent of a student who leaves.
    ParentOfLeaver,
    /// No longer listed.
    Leaves,
}

impl Reason {
    fn key(self) -> &'static str {
        match self {
            Reason::Moves => "reason_moves",
            Reason::ParentOfLeaver => "reason_parent",
            Reason::Leaves => "reason_leaves",
        }
    }
}

/// The words of the report and its CSV (the template rosters/diff.txt).
pub struct DiffWords(crate::templates::Frame);

impl DiffWords {
    pub fn new(templates: &crate::templates::Templates) -> anyhow::Result<Self> {
        Ok(Self(templates.frame("rosters/diff.txt", &serde_json::json!({}))?))
    }

    fn word(&self, key: &str) -> String {
        self.0.optional_line(key).unwrap_or_default()
    }

    fn member(&self, m: Member) -> String {
        self.word(match m {
            Member::Student => "student",
            Member::Parent => "parent",
        })
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
    pub reason: Reason,
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
            ChangeKind::Moves => Reason::Moves,
            _ if parent_of_leaver => Reason::ParentOfLeaver,
            _ => Reason::Leaves,
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

/// The diff as text for the terminal.
pub fn to_text(d: &RosterDiff, words: &DiffWords) -> String {
    let mut s = String::new();
    for kind in [ChangeKind::Joins, ChangeKind::Leaves, ChangeKind::Moves] {
        let of_kind: Vec<&Change> = d.changes.iter().filter(|c| c.kind == kind).collect();
        s.push_str(&format!("{} ({}):\n", words.word(&format!("{}_title", kind.key())), of_kind.len()));
        for c in of_kind {
            let p = &c.person;
            let groups = match (&c.from, &c.to) {
                (Some(a), Some(b)) => format!("{a} → {b}"),
                (Some(g), None) | (None, Some(g)) => g.clone(),
                (None, None) => String::new(),
            };
            s.push_str(&format!("  {} {} — {}, {groups}\n", p.id, p.full_name(), words.member(p.member)));
        }
    }
    s.push_str(&format!("{} ({}):\n", words.word("removals_title"), d.removals.len()));
    for r in &d.removals {
        let (removes, reason) = (words.word("removes"), words.word(r.reason.key()));
        s.push_str(&format!("  {} «{}», {removes} {}: {} {} ({reason})\n", r.chat_id, r.chat_name, r.moderator, r.person_id, r.full_name));
    }
    if !d.parents_kept.is_empty() {
        s.push_str(&words.word("kept_title"));
        s.push('\n');
        for p in &d.parents_kept {
            s.push_str(&format!("  {} {}\n", p.id, p.full_name()));
        }
    }
    s
}

/// The diff as CSV rows (UTF-8 with BOM, `;`), one per change and one per removal.
pub fn to_csv(d: &RosterDiff, words: &DiffWords) -> anyhow::Result<Vec<u8>> {
    use super::csv::inert;
    let none = String::new;
    let mut rows: Vec<[String; 10]> = Vec::new();
    for c in &d.changes {
        let p = &c.person;
        let (from, to) = (inert(c.from.as_deref().unwrap_or("")), inert(c.to.as_deref().unwrap_or("")));
        rows.push([words.word(c.kind.key()), p.id.clone(), inert(&p.full_name()), words.member(p.member), from, to, none(), none(), none(), none()]);
    }
    for r in &d.removals {
        let (name, chat, moderator) = (inert(&r.full_name), inert(&r.chat_name), inert(&r.moderator));
        rows.push([words.word("remove"), r.person_id.clone(), name, words.member(r.member), none(), none(), r.chat_id.clone(), chat, moderator, words.word(r.reason.key())]);
    }
    for p in &d.parents_kept {
        let reason = words.word(Reason::ParentOfLeaver.key());
        rows.push([words.word("kept"), p.id.clone(), inert(&p.full_name()), words.member(p.member), none(), none(), none(), none(), none(), reason]);
    }
    super::csv::write(&words.0.lines("columns"), rows)
}
