//! The runtime config: an institution's rules as data for services that enforce them
//! (schemas/runtime-config.schema.json). People appear only as staff ids and roles.

use anyhow::Result;
use serde_json::{json, Value};

use crate::model::{GroupAudience, Institution, LegalActs, With};

use super::{render_chat_rules, RenderContext, SUPPORT_ADDRESS};

/// The version of the runtime.json contract; bump it on any incompatible change.
pub const RUNTIME_SCHEMA_VERSION: u32 = 2;

/// Builds `config/runtime.json` for one institution.
pub fn render_runtime_config(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Value> {
    let info = &inst.info;
    let rules = &inst.rules;
    let window = rules.quiet_hours.as_ref().map(|q| json!({ "from": two_digit(&q.from), "to": two_digit(&q.to) }));
    Ok(json!({
        "schema_version": RUNTIME_SCHEMA_VERSION,
        "inputs_sha256": inst.inputs_sha256,
        "institution": {
            "id": info.id,
            "kind": super::kind_key(info.kind),
            "messenger": super::messenger_key(info.messenger),
            "full_name": info.name.full.nom,
            "short_name": info.name.short.nom,
            "time_zone": info.time_zone,
        },
        // A preschool's children are on no chat: no window is theirs.
        "quiet_hours": { "staff": window, "students": if info.kind.learners_join() { window.clone() } else { None }, "parents": window },
        "moderation": rules.moderation.as_ref().map(|m| json!({
            "restrict_sending_after": m.restrict_after,
            "restrict_sending_max_days": m.restrict_max_days,
            "restrict_primary_pupils": false,
            "personal_motives_forbidden": true,
        })),
        "offboarding": { "remove_leavers": true, "remove_parents_of_leavers": rules.offboarding.remove_parents },
        "chats": chats(inst),
        "chat_rules_markdown": render_chat_rules(ctx, inst, registry)?.body,
        "support": [
            { "role": "platform-admin", "how": "the institution's platform administrator, reached inside the platform", "email": null, "url": null },
            { "role": "platform-support", "how": "the platform's technical support", "email": SUPPORT_ADDRESS, "url": "https://sferum.ru/?p=instructions" },
        ],
        "public_documents": {
            "regulation": public_html("regulation"),
            "chat_rules": public_html("chat-rules"),
            "opt_out_form": public_html("opt-out-form"),
        },
        "public_guides": {
            "index": crate::layout::site_page("index"),
            "guides": crate::site::guides(inst).iter().map(|role| json!({
                "role": role,
                "html": crate::layout::site_page(role),
                "pdf": crate::layout::site_pdf(role),
            })).collect::<Vec<_>>(),
        },
    }))
}

/// Every chat the structure defines: system channels, the head's management chats, and the
/// group chat templates expanded per group (one subject chat per subject teacher).
fn chats(inst: &Institution) -> Vec<Value> {
    let c = &inst.chats;
    let head = inst.head().id.clone();
    let mut out: Vec<Value> = c
        .channels
        .iter()
        .map(|ch| chat(&ch.id, "channel", ch.audience.key(), quiet_audience(inst, ch.audience.key()), None, None, "admin", &ch.owner))
        .collect();
    out.extend(c.management_chats.iter().map(|m| {
        let audience = match m.with_whom {
            With::ParentsCouncil => "parents",
            With::StudentsCouncil => "students",
            _ => "staff",
        };
        let role = if m.owner == head { "head" } else { "admin" };
        chat(&m.id, "management", m.with_whom.key(), audience, None, None, role, &m.owner)
    }));
    for g in &c.groups {
        for t in &c.group_chats {
            if t.audience == GroupAudience::Subject {
                for st in &g.teachers {
                    let id = crate::model::subject_chat_id(&g.id, &st.person);
                    out.push(chat(&id, "group", "subject", "students", Some(&g.id), Some(&st.subject), "teacher", &st.person));
                }
            } else {
                let id = crate::model::group_chat_id(&g.id, t.audience);
                let (role, moderator) = ("curator", &g.curator);
                out.push(chat(&id, "group", t.audience.key(), quiet_audience(inst, t.audience.key()), Some(&g.id), None, role, moderator));
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn chat(id: &str, kind: &str, audience: &str, quiet: &str, group: Option<&str>, subject: Option<&str>, role: &str, moderator: &str) -> Value {
    json!({
        "id": id, "kind": kind, "audience": audience, "quiet_hours_audience": quiet,
        "group": group, "subject": subject, "moderator_role": role, "moderator_id": moderator,
    })
}

/// Which quiet-hours window a chat with this audience follows; a preschool's chat for
/// everyone is its staff's and parents' (its children are on no chat).
fn quiet_audience(inst: &Institution, audience: &str) -> &'static str {
    match audience {
        "parents" | "parents-council" => "parents",
        "everyone" if !inst.info.kind.learners_join() => "parents",
        "students" | "subject" | "extracurricular" | "everyone" => "students",
        _ => "staff",
    }
}

/// «9:00» → «09:00», so services can compare times as text.
fn two_digit(hhmm: &str) -> String {
    match hhmm.split_once(':') {
        Some((h, m)) if h.len() == 1 => format!("0{h}:{m}"),
        _ => hhmm.to_string(),
    }
}

/// The path of a public document's web page, as the runtime config names it.
fn public_html(slug: &str) -> String {
    crate::layout::document(crate::document::Visibility::Public, slug, "html").to_string_lossy().into_owned()
}
