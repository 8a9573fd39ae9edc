//! The chats people are invited into by a link, as chats.yaml defines them (the invite
//! chain of domain.md §3): the admin invites staff into the teachers' unit; the curator
//! the students and parents of the group and its teachers; each subject teacher the
//! group's students; the head the staff, the parents' and the students' councils.
//! Ids match config/runtime.json. System channels are not here: the admin broadcasts
//! to them, nobody is invited into them one by one.

use super::{GroupAudience, Institution, Position, With};

/// Who a chat is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Every member of staff except the inviter (the admin).
    Staff,
    Deputies,
    /// Every teaching member of staff except the inviter.
    Teachers,
    /// The curators (class teachers) of the groups.
    Curators,
    ParentsCouncil,
    StudentsCouncil,
    GroupStudents,
    GroupParents,
    /// The group's subject teachers.
    GroupTeachers,
}

/// One chat invited into by a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteChat {
    pub id: String,
    pub name: String,
    pub audience: Audience,
    /// Person id (roles.yaml) of who sends the invite link.
    pub inviter: String,
    /// The group (chats.yaml id) of a group chat.
    pub group: Option<String>,
    pub subject: Option<String>,
}

/// The id of the teachers' unit among the invite chats.
pub const TEACHERS_UNIT_ID: &str = "teachers-unit";

impl Institution {
    /// Every invite chat, in chats.yaml order: the teachers' unit, management chats, then each
    /// group's chats. A chat chats.yaml leaves unnamed is named by `default_name` of its key (a
    /// management chat's `with`, a group chat's audience): the model holds no display text.
    pub fn invite_chats(&self, default_name: &dyn Fn(&str) -> String) -> Vec<InviteChat> {
        let c = &self.chats;
        let mut out = Vec::new();
        // Without an appointed admin (an error elsewhere) the head stands in.
        out.push(InviteChat {
            id: TEACHERS_UNIT_ID.into(),
            name: c.teachers_unit.clone(),
            audience: Audience::Staff,
            inviter: self.admin().unwrap_or_else(|| self.head()).id.clone(),
            group: None,
            subject: None,
        });
        for m in &c.management_chats {
            let audience = match m.with_whom {
                With::Deputies => Audience::Deputies,
                With::Teachers => Audience::Teachers,
                With::Curators => Audience::Curators,
                With::ParentsCouncil => Audience::ParentsCouncil,
                With::StudentsCouncil => Audience::StudentsCouncil,
                // Nobody is invited into «other» chats by a roster: the head gathers them.
                With::Other => continue,
            };
            let name = m.name.clone().unwrap_or_else(|| default_name(m.with_whom.key()));
            out.push(InviteChat { id: m.id.clone(), name, audience, inviter: m.owner.clone(), group: None, subject: None });
        }
        for g in &c.groups {
            for t in &c.group_chats {
                let group = Some(g.id.clone());
                match t.audience {
                    GroupAudience::Subject => {
                        for st in &g.teachers {
                            out.push(InviteChat {
                                id: subject_chat_id(&g.id, &st.person),
                                name: format!("{}: {}", g.name, st.subject),
                                audience: Audience::GroupStudents,
                                inviter: st.person.clone(),
                                group: group.clone(),
                                subject: Some(st.subject.clone()),
                            });
                        }
                    }
                    other => {
                        let audience = match other {
                            GroupAudience::Parents => Audience::GroupParents,
                            GroupAudience::GroupTeachers => Audience::GroupTeachers,
                            _ => Audience::GroupStudents,
                        };
                        out.push(InviteChat {
                            id: group_chat_id(&g.id, t.audience),
                            name: format!("{}: {}", g.name, default_name(t.audience.key())),
                            audience,
                            inviter: g.curator.clone(),
                            group,
                            subject: None,
                        });
                    }
                }
            }
        }
        out
    }
}

/// The chat-id scheme of the chats expanded per group, in one place (rosters, handouts,
/// invites.yaml and runtime.json all name a chat by it): `<group>-<audience>`, e.g. `7b-parents`.
pub fn group_chat_id(group: &str, audience: GroupAudience) -> String {
    format!("{group}-{}", audience.key())
}

/// The id of a group's subject chat of one teacher: `<group>-subject-<person>`.
pub fn subject_chat_id(group: &str, person: &str) -> String {
    format!("{group}-subject-{person}")
}

impl Position {
    /// Whether the position teaches (and so joins the head's chat with the teachers).
    pub fn teaches(self) -> bool {
        matches!(self, Position::Teacher | Position::Master | Position::Psychologist | Position::SocialPedagogue | Position::Methodist)
    }
}
