//! Rules for an institution whose learners never join the platform (a preschool, детский сад):
//! its chats are staff chats and the parents' chats of its groups, its people lists name the
//! children only as those whom the parents represent, and it has no students' council.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::discover::FileKind;
use crate::load::RawDoc;
use crate::model::{ChannelAudience, Council, GroupAudience, Institution, With};
use crate::tr;

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
        doc.error_at(&pointer, "children-in-chat", tr!("children-in-chat", what = what)).with_hint(tr!("children-in-chat.hint"))
    };
    for (i, c) in inst.chats.channels.iter().enumerate() {
        if c.audience == ChannelAudience::Students {
            out.push(refuse(chats, format!("/channels/{i}/audience"), tr!("children-in-chat.channel", id = c.id)));
        }
    }
    for (i, m) in inst.chats.management_chats.iter().enumerate() {
        if m.with_whom == With::StudentsCouncil {
            out.push(refuse(chats, format!("/management_chats/{i}/with"), tr!("children-in-chat.council", id = m.id)));
        }
    }
    for (i, t) in inst.chats.group_chats.iter().enumerate() {
        if matches!(t.audience, GroupAudience::Students | GroupAudience::Subject | GroupAudience::Extracurricular) {
            out.push(refuse(chats, format!("/group_chats/{i}/audience"), tr!("children-in-chat.group", audience = t.audience.to_string())));
        }
    }
    if inst.info.adult_learners == Some(true) {
        out.push(
            info.error_at("/adult_learners", "adult-learners-not-in-kind", tr!("adult-learners-not-in-kind")).with_hint(tr!("adult-learners-not-in-kind.hint")),
        );
    }
    for (i, o) in inst.info.document.approval.considered.iter().flatten().enumerate() {
        if o.council == Council::Students && !kind.has_students_council() {
            out.push(
                info.error_at(&format!("/document/approval/considered/{i}/council"), "council-not-in-kind", tr!("council-not-in-kind"))
                    .with_hint(tr!("council-not-in-kind.hint")),
            );
        }
    }
    out
}
