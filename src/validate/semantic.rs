//! Semantic rules the schemas cannot express: references, duplicates, dates, time zones.

use std::collections::{BTreeMap, HashMap};

use crate::diag::Diagnostic;
use crate::discover::FileKind;
use crate::load::RawDoc;
use crate::model::{ActStatus, Approved, Institution, LegalActs, Messenger, OrderKind, Position};

type Docs = BTreeMap<FileKind, RawDoc>;

/// Rules inside the shared registry: unique ids, `replaced_by` pointing at a known act.
pub fn check_registry(doc: &RawDoc, acts: &LegalActs) -> Vec<Diagnostic> {
    let mut out = duplicates(doc, acts.acts.iter().enumerate().map(|(i, a)| (format!("/acts/{i}/id"), a.id.as_str())), "act");
    for (i, act) in acts.acts.iter().enumerate() {
        if let Some(r) = &act.replaced_by
            && acts.get(r).is_none()
        {
            out.push(
                doc.error_at(&format!("/acts/{i}/replaced_by"), "unknown-act", format!("`replaced_by` names `{r}`, which is not in the registry"))
                    .with_hint("add the replacing act to the registry, or correct the id"),
            );
        }
    }
    out
}

/// Rules within one institution.
pub fn check_institution(inst: &Institution, docs: &Docs, acts: &LegalActs) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let info_doc = &docs[&FileKind::Institution];
    let roles_doc = &docs[&FileKind::Roles];
    let orders_doc = &docs[&FileKind::Appointments];
    let chats_doc = &docs[&FileKind::Chats];
    let rules_doc = &docs[&FileKind::Rules];

    // Folder name and id agree, so out/<id>/ is where users look for it.
    if let Some(folder) = inst.dir.file_name().and_then(|f| f.to_str())
        && folder != inst.info.id
    {
        out.push(
            info_doc
                .error_at("/id", "id-folder-mismatch", format!("id `{}` differs from the folder name `{folder}`", inst.info.id))
                .with_hint(format!("rename the folder to `{}` or set `id: {folder}`", inst.info.id)),
        );
    }

    // People: unique ids, positions the kind has, exactly one head.
    let people = &inst.roles.people;
    out.extend(duplicates(roles_doc, people.iter().enumerate().map(|(i, p)| (format!("/people/{i}/id"), p.id.as_str())), "person"));
    for (i, p) in people.iter().enumerate() {
        if !p.position.exists_in(inst.info.kind) {
            out.push(
                roles_doc
                    .error_at(&format!("/people/{i}/position"), "position-not-in-kind", format!("a {:?} institution has no position `{}`", inst.info.kind, p.position.key()).to_lowercase())
                    .with_hint("master and lab-head exist in colleges only; choose teacher or other"),
            );
        }
    }
    let heads: Vec<usize> = people.iter().enumerate().filter(|(_, p)| p.position == Position::Head).map(|(i, _)| i).collect();
    match heads.as_slice() {
        [] => out.push(
            roles_doc.error_at("/people", "missing-head", "no person has `position: head`").with_hint("the head signs and approves the regulation; add them to roles.yaml"),
        ),
        [_] => {}
        [_, rest @ ..] => out.extend(rest.iter().map(|i| {
            roles_doc
                .error_at(&format!("/people/{i}/position"), "multiple-heads", "more than one person has `position: head`")
                .with_hint("an institution has one head; give deputies `position: deputy`")
        })),
    }

    let person = |doc: &RawDoc, pointer: String, id: &str, what: &str| -> Option<Diagnostic> {
        inst.person(id).is_none().then(|| {
            doc.error_at(&pointer, "unknown-person", format!("{what} `{id}` is not in roles.yaml"))
                .with_hint(format!("known people: {}", people.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")))
        })
    };

    // Orders.
    let orders = &inst.appointments.orders;
    out.extend(duplicates(orders_doc, orders.iter().enumerate().map(|(i, o)| (format!("/orders/{i}/id"), o.id.as_str())), "order"));
    for (i, o) in orders.iter().enumerate() {
        out.extend(person(orders_doc, format!("/orders/{i}/signer"), &o.signer, "signer"));
        match (o.kind, &o.admin) {
            (OrderKind::AdminAppointment, None) => out.push(
                orders_doc
                    .error_at(&format!("/orders/{i}"), "missing-field", "an admin-appointment order needs `admin:`")
                    .with_hint("name the appointed platform administrator by person id"),
            ),
            (_, Some(admin)) => out.extend(person(orders_doc, format!("/orders/{i}/admin"), admin, "admin")),
            _ => {}
        }
        for (j, extra) in o.additional_admins.iter().enumerate() {
            out.extend(person(orders_doc, format!("/orders/{i}/additional_admins/{j}"), extra, "additional admin"));
        }
    }

    // Approval requisites.
    let approval = &inst.info.document.approval;
    let approved_on = match &approval.approved {
        Approved::Order { order } => match inst.order(order) {
            None => {
                out.push(
                    info_doc
                        .error_at("/document/approval/approved/order", "unknown-order", format!("order `{order}` is not in appointments.yaml"))
                        .with_hint(format!("known orders: {}", orders.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", "))),
                );
                None
            }
            Some(o) if o.kind != OrderKind::RegulationApproval => {
                out.push(
                    info_doc
                        .error_at("/document/approval/approved/order", "wrong-order-kind", format!("order `{order}` is not a regulation-approval order"))
                        .with_hint("the regulation is approved by an order with `kind: regulation-approval`"),
                );
                Some(o.date)
            }
            Some(o) => Some(o.date),
        },
        Approved::Head { date } => Some(*date),
    };
    if let (Some(adopted), Some(approved)) = (&approval.adopted, approved_on)
        && approved < adopted.protocol.date
    {
        let pointer = match approval.approved {
            Approved::Order { .. } => "/document/approval/approved/order",
            Approved::Head { .. } => "/document/approval/approved/date",
        };
        out.push(
            info_doc
                .error_at(pointer, "approval-before-adoption", format!(
                    "the regulation is approved on {} but adopted by the council only on {}",
                    approved.dotted(),
                    adopted.protocol.date.dotted()
                ))
                .with_hint("the head approves an act after the council has adopted it; check both dates"),
        );
    }
    for (i, a) in approval.agreed.iter().enumerate() {
        out.extend(person(info_doc, format!("/document/approval/agreed/{i}/person"), &a.person, "agreeing official"));
    }
    if let Some(author) = &inst.info.document.author {
        out.extend(person(info_doc, "/document/author".into(), author, "author"));
    }

    // The title must name the institution's messenger only.
    if let Some(title) = &inst.info.document.title
        && let Some(word) = other_messenger_word(inst.info.messenger, title)
    {
        out.push(
            info_doc
                .error_at("/document/title", "messenger-mismatch", format!("the title names `{word}`, but `messenger` is {:?}", inst.info.messenger).to_string())
                .with_hint("leave `title` out to have it made from the messenger, or change `messenger`"),
        );
    }

    // Legal basis against the registry.
    for (i, c) in inst.info.legal_basis.iter().enumerate() {
        let pointer = format!("/legal_basis/{i}/act");
        let Some(act) = acts.get(&c.act) else {
            out.push(
                info_doc
                    .error_at(&pointer, "unknown-act", format!("legal act `{}` is not in the registry", c.act))
                    .with_hint("see policies/_registry/legal-acts.yaml for the ids; add the act there if it is missing"),
            );
            continue;
        };
        if act.status == ActStatus::Repealed {
            let hint = act.replaced_by.as_ref().map_or_else(
                || "remove it from legal_basis".to_string(),
                |r| format!("cite `{r}` instead"),
            );
            out.push(info_doc.warning_at(&pointer, "repealed-act", format!("legal act `{}` is repealed", c.act)).with_hint(hint));
        }
        if !act.verified {
            out.push(
                info_doc
                    .warning_at(&pointer, "unverified-act", format!("the registry entry `{}` is not verified against the published text", c.act))
                    .with_hint("check the act's title in an official source and set `verified: true` in the registry"),
            );
        }
        if let (Some(cited), Some(real)) = (c.date, act.date)
            && cited != real
        {
            out.push(
                info_doc
                    .error_at(&format!("/legal_basis/{i}/date"), "act-date-mismatch", format!("`{}` is dated {} in the registry, not {}", c.act, real.dotted(), cited.dotted()))
                    .with_hint(format!("write `date: {real}` or leave the date out")),
            );
        }
    }

    // Time zone and quiet hours.
    if inst.info.time_zone.parse::<chrono_tz::Tz>().is_err() {
        out.push(
            info_doc
                .error_at("/time_zone", "unknown-time-zone", format!("`{}` is not an IANA time zone", inst.info.time_zone))
                .with_hint("use a name such as Asia/Irkutsk, Asia/Omsk, Europe/Saratov, Asia/Yekaterinburg, Europe/Moscow"),
        );
    }
    if let Some(q) = &inst.rules.quiet_hours {
        for (field, value) in [("from", &q.from), ("to", &q.to)] {
            if parse_hhmm(value).is_none() {
                out.push(
                    rules_doc
                        .error_at(&format!("/quiet_hours/{field}"), "invalid-time", format!("`{value}` is not a time of day"))
                        .with_hint("write HH:MM on a 24-hour clock, from 00:00 to 23:59, e.g. \"22:00\""),
                );
            }
        }
        if parse_hhmm(&q.from).is_some() && q.from == q.to {
            out.push(
                rules_doc
                    .error_at("/quiet_hours/to", "invalid-time", "quiet hours start and end at the same time")
                    .with_hint("give the evening start and the morning end, e.g. from \"22:00\" to \"06:00\""),
            );
        }
    }
    if inst.rules.sections.eios && inst.info.eios.is_empty() {
        out.push(
            rules_doc
                .error_at("/sections/eios", "empty-section", "the eios section is on, but institution.yaml lists no `eios` elements")
                .with_hint("list the site, the distance-learning system and the other elements under `eios:`, or switch the section off"),
        );
    }
    if inst.rules.sections.opt_out && inst.rules.opt_out.is_none() {
        out.push(
            rules_doc
                .error_at("/sections/opt_out", "empty-section", "the opt_out section is on, but `opt_out.channels` is missing")
                .with_hint("say how the institution communicates with parents who refuse the platform, e.g. `opt_out: {channels: [phone, email]}`"),
        );
    }
    if inst.rules.sections.ethics && inst.rules.moderation.is_none() {
        out.push(
            rules_doc
                .error_at("/sections/ethics", "empty-section", "the ethics section is on, but `moderation` is missing")
                .with_hint("add `moderation: {max_violations: 3, block_days: 30}` or switch the section off"),
        );
    }

    // Chats: ids unique across the file, owners and curators known.
    let chat_ids = inst.chats.channels.iter().enumerate().map(|(i, c)| (format!("/channels/{i}/id"), c.id.as_str()))
        .chain(inst.chats.management_chats.iter().enumerate().map(|(i, c)| (format!("/management_chats/{i}/id"), c.id.as_str())))
        .chain(inst.chats.groups.iter().enumerate().map(|(i, g)| (format!("/groups/{i}/id"), g.id.as_str())));
    out.extend(duplicates(chats_doc, chat_ids, "chat or group"));
    for (i, c) in inst.chats.channels.iter().enumerate() {
        out.extend(person(chats_doc, format!("/channels/{i}/owner"), &c.owner, "channel owner"));
    }
    for (i, c) in inst.chats.management_chats.iter().enumerate() {
        out.extend(person(chats_doc, format!("/management_chats/{i}/owner"), &c.owner, "chat owner"));
    }
    for (i, g) in inst.chats.groups.iter().enumerate() {
        out.extend(person(chats_doc, format!("/groups/{i}/curator"), &g.curator, "curator"));
        for (j, t) in g.teachers.iter().enumerate() {
            out.extend(person(chats_doc, format!("/groups/{i}/teachers/{j}/person"), &t.person, "teacher"));
        }
    }
    out
}

/// Rules across institutions: ids are unique (they name the output folders).
pub fn check_across(all: &[(Institution, Docs)]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Institution> = HashMap::new();
    let mut out = Vec::new();
    for (inst, docs) in all {
        if let Some(first) = seen.insert(inst.id(), inst) {
            out.push(
                docs[&FileKind::Institution]
                    .error_at("/id", "duplicate-id", format!("institution id `{}` is also used by `{}`", inst.id(), first.dir.display()))
                    .with_hint("each institution needs its own id; it names its folder under out/"),
            );
        }
    }
    out
}

fn duplicates<'a>(doc: &RawDoc, ids: impl Iterator<Item = (String, &'a str)>, what: &str) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, String> = HashMap::new();
    let mut out = Vec::new();
    for (pointer, id) in ids {
        if let Some(first) = seen.get(id) {
            let line = doc.spans.value(first).map_or(String::new(), |s| format!(" (first at line {})", s.line));
            out.push(
                doc.error_at(&pointer, "duplicate-id", format!("{what} id `{id}` is used twice{line}"))
                    .with_hint("ids must be unique; rename one of them"),
            );
        } else {
            seen.insert(id, pointer);
        }
    }
    out
}

/// HH:MM on a 24-hour clock.
pub fn parse_hhmm(s: &str) -> Option<(u8, u8)> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

/// A word in `text` that names the messenger the institution does not use.
fn other_messenger_word(messenger: Messenger, text: &str) -> Option<&'static str> {
    let words: Vec<String> = text.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    match messenger {
        Messenger::Vk if has("max") || has("мах") => Some("MAX"),
        Messenger::Max if has("vk") || has("вконтакте") => Some("VK"),
        _ => None,
    }
}
