//! Semantic rules the schemas cannot express: references, duplicates, dates, time zones.

use std::collections::{BTreeMap, HashMap};

use crate::diag::Diagnostic;
use crate::discover::FileKind;
use crate::load::RawDoc;

use super::edit_distance;
use crate::model::{Approved, Institution, LegalActs, Messenger, OrderKind, Position};
use crate::tr;

type Docs = BTreeMap<FileKind, RawDoc>;

/// Rules inside the shared registry: unique ids, `replaced_by` pointing at a known act.
/// Checks a registry file (`local`, as read from `doc`) within the registry it makes with the
/// built-in one (`acts`): ids once in the file, the required laws and the replacing acts known.
pub fn check_registry(doc: &RawDoc, local: &LegalActs, acts: &LegalActs) -> Vec<Diagnostic> {
    let mut out = duplicates(doc, local.acts.iter().enumerate().map(|(i, a)| (format!("/acts/{i}/id"), a.id.as_str())), "dup-act-id", RENAME);
    for id in LegalActs::REQUIRED {
        if acts.get(id).is_none() {
            out.push(
                Diagnostic::error("missing-act", tr!("missing-act", id = id))
                    .at(&doc.path, doc.spans.exact("/acts"))
                    .with_hint(tr!("missing-act.hint", id = id)),
            );
        }
    }
    for (i, act) in local.acts.iter().enumerate() {
        if let Some(r) = &act.replaced_by
            && acts.get(r).is_none()
        {
            out.push(
                doc.error_at(&format!("/acts/{i}/replaced_by"), "unknown-act", tr!("unknown-act-replaced-by", id = r))
                    .with_hint(tr!("unknown-act-replaced-by.hint")),
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
                .error_at("/id", "id-folder-mismatch", tr!("id-folder-mismatch", id = inst.info.id, folder = folder))
                .with_hint(tr!("id-folder-mismatch.hint", id = inst.info.id, folder = folder)),
        );
    }

    // People: unique ids, positions the kind has, exactly one head.
    let people = &inst.roles.people;
    out.extend(duplicates(roles_doc, people.iter().enumerate().map(|(i, p)| (format!("/people/{i}/id"), p.id.as_str())), "dup-person-id", RENAME));
    for (i, p) in people.iter().enumerate() {
        if !p.position.exists_in(inst.info.kind) {
            out.push(
                roles_doc
                    .error_at(&format!("/people/{i}/position"), "position-not-in-kind", tr!("position-not-in-kind", kind = kind_word(inst.info.kind), position = p.position.key()))
                    .with_hint(tr!("position-not-in-kind.hint")),
            );
        }
    }
    let heads: Vec<usize> = people.iter().enumerate().filter(|(_, p)| p.position == Position::Head).map(|(i, _)| i).collect();
    match heads.as_slice() {
        [] => out.push(
            roles_doc.error_at("/people", "missing-head", tr!("missing-head")).with_hint(tr!("missing-head.hint")),
        ),
        [_] => {}
        [_, rest @ ..] => out.extend(rest.iter().map(|i| {
            roles_doc
                .error_at(&format!("/people/{i}/position"), "multiple-heads", tr!("multiple-heads"))
                .with_hint(tr!("multiple-heads.hint"))
        })),
    }

    let person = |doc: &RawDoc, pointer: String, id: &str, what: &str| -> Option<Diagnostic> {
        inst.person(id).is_none().then(|| {
            doc.error_at(&pointer, "unknown-person", tr!("unknown-person", role = tr!(what), id = id))
                .with_hint(suggest(id, people.iter().map(|p| p.id.as_str()), "roles.yaml"))
        })
    };

    // Orders.
    let orders = &inst.appointments.orders;
    out.extend(duplicates(orders_doc, orders.iter().enumerate().map(|(i, o)| (format!("/orders/{i}/id"), o.id.as_str())), "dup-order-id", RENAME));
    for (i, o) in orders.iter().enumerate() {
        out.extend(person(orders_doc, format!("/orders/{i}/signer"), &o.signer, "who-signer"));
        match (o.kind, &o.admin) {
            (OrderKind::AdminAppointment, None) => out.push(
                orders_doc
                    .error_at(&format!("/orders/{i}"), "missing-field", tr!("missing-field-admin"))
                    .with_hint(tr!("missing-field-admin.hint")),
            ),
            (_, Some(admin)) => out.extend(person(orders_doc, format!("/orders/{i}/admin"), admin, "who-admin")),
            _ => {}
        }
        for (j, extra) in o.additional_admins.iter().enumerate() {
            out.extend(person(orders_doc, format!("/orders/{i}/additional_admins/{j}"), extra, "who-additional-admin"));
        }
    }

    // Every institution issues both orders; their documents need these pieces.
    for (kind, key, what) in [
        (OrderKind::RegulationApproval, "regulation-approval", "missing-order.regulation"),
        (OrderKind::AdminAppointment, "admin-appointment", "missing-order.admin"),
    ] {
        if !orders.iter().any(|o| o.kind == kind) {
            out.push(
                Diagnostic::error("missing-order", tr!("missing-order", kind = key))
                    .at(&orders_doc.path, orders_doc.spans.exact("/orders"))
                    .with_hint(tr!("missing-order.hint", what = tr!(what), kind = key)),
            );
        }
    }
    if let Some((i, o)) = orders.iter().enumerate().find(|(_, o)| o.kind == OrderKind::AdminAppointment)
        && let Some(admin) = o.admin.as_deref().and_then(|id| inst.person(id))
    {
        let person_index = people.iter().position(|p| p.id == admin.id).unwrap_or_default();
        for (field, present, why) in [
            ("phone", admin.phone.is_some(), "missing-contact.phone"),
            ("email", admin.email.is_some(), "missing-contact.email"),
        ] {
            if !present {
                out.push(
                    roles_doc
                        .error_at(&format!("/people/{person_index}"), "missing-contact", tr!("missing-contact", id = admin.id, field = field))
                        .with_hint(tr!("missing-contact.hint", field = field, why = tr!(why), order = o.id, item = i + 1)),
                );
            }
        }
    }
    for (i, o) in orders.iter().enumerate() {
        if let Some(consent) = &o.consent
            && consent.date > o.date
        {
            out.push(
                orders_doc
                    .error_at(&format!("/orders/{i}/consent/date"), "consent-after-order", tr!("consent-after-order", consent = consent.date.dotted(), order = o.date.dotted()))
                    .with_hint(tr!("consent-after-order.hint")),
            );
        }
        if let Some(control) = &o.control {
            out.extend(person(orders_doc, format!("/orders/{i}/control"), control, "who-controller"));
        }
        for (j, d) in o.duties.iter().enumerate() {
            if let Some(p) = &d.person {
                out.extend(person(orders_doc, format!("/orders/{i}/duties/{j}/person"), p, "who-responsible"));
            }
            if d.deadline < o.date {
                out.push(
                    orders_doc
                        .error_at(&format!("/orders/{i}/duties/{j}/deadline"), "deadline-before-order", tr!("deadline-before-order", deadline = d.deadline.dotted(), order = o.date.dotted()))
                        .with_hint(tr!("deadline-before-order.hint")),
                );
            }
        }
    }

    // Approval requisites.
    let approval = &inst.info.document.approval;
    let approved_on = match &approval.approved {
        Approved::Order { order } => match inst.order(order) {
            None => {
                out.push(
                    info_doc
                        .error_at("/document/approval/approved/order", "unknown-order", tr!("unknown-order", id = order))
                        .with_hint(suggest(order, orders.iter().map(|o| o.id.as_str()), "appointments.yaml")),
                );
                None
            }
            Some(o) if o.kind != OrderKind::RegulationApproval => {
                out.push(
                    info_doc
                        .error_at("/document/approval/approved/order", "wrong-order-kind", tr!("wrong-order-kind", id = order))
                        .with_hint(tr!("wrong-order-kind.hint")),
                );
                Some(o.date)
            }
            Some(o) => Some(o.date),
        },
        Approved::Head { date, order } => {
            if let Some(order) = order
                && inst.order(order).is_none()
            {
                out.push(
                    info_doc
                        .error_at("/document/approval/approved/order", "unknown-order", tr!("unknown-order", id = order))
                        .with_hint(suggest(order, orders.iter().map(|o| o.id.as_str()), "appointments.yaml")),
                );
            }
            Some(*date)
        }
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
                .error_at(pointer, "approval-before-adoption", tr!("approval-before-adoption", approved = approved.dotted(), adopted = adopted.protocol.date.dotted()))
                .with_hint(tr!("approval-before-adoption.hint")),
        );
    }
    for (i, a) in approval.visas.iter().enumerate() {
        out.extend(person(info_doc, format!("/document/approval/visas/{i}/person"), &a.person, "who-visa"));
    }
    if let Some(chair) = approval.adopted.as_ref().and_then(|a| a.chair.as_ref()) {
        out.extend(person(info_doc, "/document/approval/adopted/chair".into(), chair, "who-chair"));
    }
    out.extend(check_opinions(inst, info_doc, approved_on));
    if let (Some(old), Some(approved)) = (&inst.info.document.replaces, approved_on)
        && old.order.date >= approved
    {
        out.push(
            info_doc
                .error_at("/document/replaces/order/date", "replaced-act-not-earlier", tr!("replaced-act-not-earlier", old = old.order.date.dotted(), new = approved.dotted()))
                .with_hint(tr!("replaced-act-not-earlier.hint")),
        );
    }
    out.extend(check_signers(inst, roles_doc));
    if let Some(author) = &inst.info.document.author {
        out.extend(person(info_doc, "/document/author".into(), author, "who-author"));
    }
    if let Some(signer) = inst.info.signing.as_ref().and_then(|s| s.signer.as_ref()) {
        out.extend(person(info_doc, "/signing/signer".into(), signer, "who-signer"));
    }

    // The title must name the institution's messenger only.
    if let Some(title) = &inst.info.document.title
        && let Some(word) = other_messenger_word(inst.info.messenger, title)
    {
        out.push(
            info_doc
                .error_at("/document/title", "messenger-mismatch", tr!("messenger-mismatch", word = word, messenger = crate::render::messenger_key(inst.info.messenger)))
                .with_hint(tr!("messenger-mismatch.hint")),
        );
    }

    // Citations against the registry, judged as of the document's date.
    out.extend(super::citations::check_citations(inst, info_doc, acts, approved_on));
    out.extend(duplicates(
        info_doc,
        inst.info.legal_basis.iter().enumerate().map(|(i, c)| (format!("/legal_basis/{i}/act"), c.act.as_str())),
        "dup-cited-act",
        REMOVE,
    ));
    let chat_templates: Vec<String> = inst.chats.group_chats.iter().map(|c| format!("{} by {}", c.audience, c.owner)).collect();
    out.extend(duplicates(
        chats_doc,
        chat_templates.iter().enumerate().map(|(i, c)| (format!("/group_chats/{i}"), c.as_str())),
        "dup-group-chat",
        REMOVE,
    ));

    // Time zone and quiet hours.
    if inst.info.time_zone.parse::<chrono_tz::Tz>().is_err() {
        out.push(
            info_doc
                .error_at("/time_zone", "unknown-time-zone", tr!("unknown-time-zone", zone = inst.info.time_zone))
                .with_hint(tr!("unknown-time-zone.hint")),
        );
    }
    if let Some(q) = &inst.rules.quiet_hours {
        for (field, value) in [("from", &q.from), ("to", &q.to)] {
            if parse_hhmm(value).is_none() {
                out.push(
                    rules_doc
                        .error_at(&format!("/quiet_hours/{field}"), "invalid-time", tr!("invalid-time", value = value))
                        .with_hint(tr!("invalid-time.hint")),
                );
            }
        }
        if parse_hhmm(&q.from).is_some() && q.from == q.to {
            out.push(
                rules_doc
                    .error_at("/quiet_hours/to", "invalid-time", tr!("invalid-time-same"))
                    .with_hint(tr!("invalid-time-same.hint")),
            );
        }
    }
    let sections = &inst.rules.sections;
    let empty_sections = [
        (sections.eios && inst.info.eios.is_empty(), "eios", "empty-section.eios", "empty-section.eios-hint"),
        (sections.opt_out && inst.rules.opt_out.is_none(), "opt_out", "empty-section.opt-out", "empty-section.opt-out-hint"),
        (sections.ethics && inst.rules.moderation.is_none(), "ethics", "empty-section.ethics", "empty-section.ethics-hint"),
    ];
    if !sections.opt_out {
        out.push(
            rules_doc
                .error_at("/sections/opt_out", "opt-out-required", tr!("opt-out-required"))
                .with_hint(tr!("opt-out-required.hint")),
        );
    }
    for (empty, name, what, hint) in empty_sections.into_iter().filter(|(empty, ..)| *empty) {
        let _ = empty;
        let pointer = format!("/sections/{name}");
        let span = rules_doc.spans.exact(&pointer);
        let message = match span {
            Some(_) => tr!("empty-section", section = name, what = tr!(what)),
            None => tr!("empty-section-default", section = name, what = tr!(what)),
        };
        out.push(
            Diagnostic::error("empty-section", message)
                .at(&rules_doc.path, span)
                .with_hint(tr!(hint)),
        );
    }

    // Chats: ids unique across the file, owners and curators known.
    let chat_ids = inst.chats.channels.iter().enumerate().map(|(i, c)| (format!("/channels/{i}/id"), c.id.as_str()))
        .chain(inst.chats.management_chats.iter().enumerate().map(|(i, c)| (format!("/management_chats/{i}/id"), c.id.as_str())))
        .chain(inst.chats.groups.iter().enumerate().map(|(i, g)| (format!("/groups/{i}/id"), g.id.as_str())));
    out.extend(duplicates(chats_doc, chat_ids, "dup-chat-id", RENAME));
    for (i, c) in inst.chats.channels.iter().enumerate() {
        out.extend(person(chats_doc, format!("/channels/{i}/owner"), &c.owner, "who-channel-owner"));
    }
    for (i, c) in inst.chats.management_chats.iter().enumerate() {
        out.extend(person(chats_doc, format!("/management_chats/{i}/owner"), &c.owner, "who-chat-owner"));
    }
    for (i, g) in inst.chats.groups.iter().enumerate() {
        out.extend(person(chats_doc, format!("/groups/{i}/curator"), &g.curator, "who-curator"));
        for (j, t) in g.teachers.iter().enumerate() {
            out.extend(person(chats_doc, format!("/groups/{i}/teachers/{j}/person"), &t.person, "who-teacher"));
        }
    }
    out
}

/// The councils' opinions (ч. 3 ст. 30 273-ФЗ): given for a school or college, once each,
/// and taken before the act is approved.
fn check_opinions(inst: &Institution, doc: &RawDoc, approved_on: Option<crate::model::Date>) -> Vec<Diagnostic> {
    let approval = &inst.info.document.approval;
    let Some(opinions) = &approval.considered else {
        let kind = inst.info.kind;
        if kind == crate::model::Kind::Preschool {
            // A preschool has no students' council: only the parents' council is asked.
            return vec![doc.warning_at("/document/approval", "council-opinion-missing", tr!("council-opinion-missing-preschool"))
                .with_hint(tr!("council-opinion-missing-preschool.hint"))];
        }
        let touches_students = matches!(kind, crate::model::Kind::School | crate::model::Kind::College);
        return touches_students
            .then(|| {
                doc.warning_at("/document/approval", "council-opinion-missing", tr!("council-opinion-missing"))
                    .with_hint(tr!("council-opinion-missing.hint"))
            })
            .into_iter()
            .collect();
    };
    let mut out = duplicates(
        doc,
        opinions.iter().enumerate().map(|(i, o)| (format!("/document/approval/considered/{i}/council"), if o.council == crate::model::Council::Students { "students" } else { "parents" })),
        "dup-council",
        REMOVE,
    );
    for (i, o) in opinions.iter().enumerate() {
        let Some(protocol) = &o.protocol else {
            out.push(
                doc.warning_at(&format!("/document/approval/considered/{i}"), "council-protocol-missing", tr!("council-protocol-missing"))
                    .with_hint(tr!("council-protocol-missing.hint")),
            );
            continue;
        };
        if let Some(approved) = approved_on
            && approved < protocol.date
        {
            out.push(
                doc.error_at(&format!("/document/approval/considered/{i}/protocol/date"), "approval-before-adoption", tr!("opinion-after-approval", approved = approved.dotted(), opinion = protocol.date.dotted()))
                .with_hint(tr!("opinion-after-approval.hint")),
            );
        }
    }
    out
}

/// A person the data does not name (`placeholder: true`) signs only in a draft: a final
/// document never carries a signature requisite without a name.
fn check_signers(inst: &Institution, roles: &RawDoc) -> Vec<Diagnostic> {
    if inst.info.draft {
        return Vec::new();
    }
    let approval = &inst.info.document.approval;
    let mut signers: Vec<(&str, String)> = inst.appointments.orders.iter().map(|o| (o.signer.as_str(), tr!("signs-order", id = o.id))).collect();
    // The head may be missing here (reported as `missing-head` by the caller's other rules).
    if let (Approved::Head { .. }, Some(head)) = (&approval.approved, inst.find_head()) {
        signers.push((head.id.as_str(), tr!("signs-approval")));
    }
    signers.extend(approval.visas.iter().map(|v| (v.person.as_str(), tr!("signs-visa"))));
    signers.extend(approval.adopted.as_ref().and_then(|a| a.chair.as_deref()).map(|c| (c, tr!("signs-chair"))));
    let mut out = Vec::new();
    for (i, p) in inst.roles.people.iter().enumerate().filter(|(_, p)| p.placeholder) {
        let signs: Vec<&str> = signers.iter().filter(|(id, _)| *id == p.id).map(|(_, what)| what.as_str()).collect();
        if let Some(first) = signs.first() {
            out.push(
                roles
                    .error_at(&format!("/people/{i}/placeholder"), "placeholder-signer", tr!("placeholder-signer", id = p.id, what = *first, more = signs.len() - 1))
                    .with_hint(tr!("placeholder-signer.hint")),
            );
        }
    }
    out
}

/// Rules across institutions: ids are unique (they name the output folders).
pub(crate) fn check_across(all: &[super::Valid]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Institution> = HashMap::new();
    let mut out = Vec::new();
    for valid in all {
        let inst = &valid.model;
        if let Some(first) = seen.insert(inst.id(), inst) {
            out.push(
                Diagnostic::error("duplicate-id", tr!("duplicate-institution-id", id = inst.id(), other = first.dir))
                    .at(&valid.id_file, valid.id_span)
                    .with_hint(tr!("duplicate-institution-id.hint")),
            );
        }
    }
    out
}

const RENAME: &str = "duplicate-id.rename";
const REMOVE: &str = "duplicate-id.remove";

/// One error for every repeat of a value, pointing at the repeat and naming the first line.
fn duplicates<'a>(doc: &RawDoc, ids: impl Iterator<Item = (String, &'a str)>, what: &str, hint: &str) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, String> = HashMap::new();
    let mut out = Vec::new();
    for (pointer, id) in ids {
        if let Some(first) = seen.get(id) {
            let message = match doc.spans.value(first) {
                Some(s) => tr!("duplicate-id-line", what = tr!(what), id = id, line = s.line),
                None => tr!("duplicate-id", what = tr!(what), id = id),
            };
            out.push(doc.error_at(&pointer, "duplicate-id", message).with_hint(tr!(hint)),
            );
        } else {
            seen.insert(id, pointer);
        }
    }
    out
}

/// «did you mean `x`?» for the closest known id, else where the ids are listed.
pub(super) fn suggest<'a>(wrong: &str, known: impl Iterator<Item = &'a str>, source: &str) -> String {
    let known: Vec<&str> = known.collect();
    if let Some(k) = super::loose_match(wrong, known.iter().copied()) {
        return tr!("suggest-did-you-mean", id = k, source = source);
    }
    let best = known.into_iter().map(|k| (edit_distance(wrong, k), k)).filter(|(d, k)| *d <= 2.max(k.chars().count() / 4)).min();
    match best {
        Some((_, k)) => tr!("suggest-did-you-mean", id = k, source = source),
        None => tr!("suggest-defined-in", source = source),
    }
}

fn kind_word(kind: crate::model::Kind) -> String {
    match kind {
        crate::model::Kind::School => tr!("kind-school"),
        crate::model::Kind::College => tr!("kind-college"),
        crate::model::Kind::Supplementary => tr!("kind-supplementary"),
        crate::model::Kind::Preschool => tr!("kind-preschool"),
    }
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
    let has = |names: fn(&str) -> bool| words.iter().any(|w| names(w));
    match messenger {
        Messenger::Vk if has(crate::grammar::lexicon::names_max) => Some("MAX"),
        Messenger::Max if has(crate::grammar::lexicon::names_vk) => Some("VK"),
        _ => None,
    }
}
