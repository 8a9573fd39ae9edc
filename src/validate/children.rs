//! Rules for an institution whose learners never join the platform (a preschool, детский сад):
//! its chats are staff chats and the parents' chats of its groups, its people lists name the
//! children only as those whom the parents represent, and it has no students' council.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::discover::FileKind;
use crate::load::RawDoc;
use crate::model::{ChannelAudience, Council, GroupAudience, Institution, With};

/// Every chat, chat template, council opinion and learners' flag of `inst` that would bring its
/// children onto the platform; nothing for a kind whose learners join it.
pub fn check_children_stay_off(inst: &Institution, docs: &BTreeMap<FileKind, RawDoc>) -> Vec<Diagnostic> {
    let kind = inst.info.kind;
    if kind.learners_join() {
        return Vec::new();
    }
    let chats = &docs[&FileKind::Chats];
    let info = &docs[&FileKind::Institution];
    let mut out = Vec::new();
    let refuse = |doc: &RawDoc, pointer: String, what: String| {
        doc.error_at(&pointer, "children-in-chat", format!("{what}, but a preschool's children never join the platform"))
            .with_hint("a preschool's chats are staff chats and the parents' chats of its groups (`audience: parents`, `group-teachers`); remove this entry or make it a parents' one")
    };
    for (i, c) in inst.chats.channels.iter().enumerate() {
        if c.audience == ChannelAudience::Students {
            out.push(refuse(chats, format!("/channels/{i}/audience"), format!("the channel `{}` is for the children (`audience: students`)", c.id)));
        }
    }
    for (i, m) in inst.chats.management_chats.iter().enumerate() {
        if m.with_whom == With::StudentsCouncil {
            out.push(refuse(chats, format!("/management_chats/{i}/with"), format!("the chat `{}` is with a council of the children (`with: students-council`)", m.id)));
        }
    }
    for (i, t) in inst.chats.group_chats.iter().enumerate() {
        if matches!(t.audience, GroupAudience::Students | GroupAudience::Subject | GroupAudience::Extracurricular) {
            out.push(refuse(chats, format!("/group_chats/{i}/audience"), format!("the chat of every group with `audience: {}` has the group's children as members", t.audience)));
        }
    }
    if inst.info.adult_learners == Some(true) {
        out.push(
            info.error_at("/adult_learners", "adult-learners-not-in-kind", "a preschool's children cannot be adults who take part and refuse the platform for themselves")
                .with_hint("remove `adult_learners: true`: a preschool's parents take part and refuse for themselves and on the child's behalf"),
        );
    }
    for (i, o) in inst.info.document.approval.considered.iter().flatten().enumerate() {
        if o.council == Council::Students && !kind.has_students_council() {
            out.push(
                info.error_at(&format!("/document/approval/considered/{i}/council"), "council-not-in-kind", "a preschool has no students' council whose opinion the act could take into account")
                    .with_hint("Part 3 of Article 30 of Federal Law 273-FZ: a preschool's act takes into account the opinion of the parents' council (`council: parents`); remove this entry"),
            );
        }
    }
    out
}
