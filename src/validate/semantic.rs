//! Semantic rules the schemas cannot express: references, duplicates, dates, time zones.

use std::collections::{BTreeMap, HashMap};

use crate::diag::Diagnostic;
use crate::discover::FileKind;
use crate::load::RawDoc;

use super::edit_distance;
use crate::model::{Approved, Institution, LegalActs, Messenger, OrderKind, Position};

type Docs = BTreeMap<FileKind, RawDoc>;

/// Rules inside the shared registry: unique ids, `replaced_by` pointing at a known act.
/// Checks a registry file (`local`, as read from `doc`) within the registry it makes with the
/// built-in one (`acts`): ids once in the file, the required laws and the replacing acts known.
pub fn check_registry(doc: &RawDoc, local: &LegalActs, acts: &LegalActs) -> Vec<Diagnostic> {
    let mut out = duplicates(doc, local.acts.iter().enumerate().map(|(i, a)| (format!("/acts/{i}/id"), a.id.as_str())), "act id", RENAME);
    for id in LegalActs::REQUIRED {
        if acts.get(id).is_none() {
            out.push(
                Diagnostic::error("missing-act", format!("the registry has no `{id}`, which every regulation cites in its text"))
                    .at(&doc.path, doc.spans.exact("/acts"))
                    .with_hint(format!("add the entry `{id}` with its number, date, title and `source`")),
            );
        }
    }
    for (i, act) in local.acts.iter().enumerate() {
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
    out.extend(duplicates(roles_doc, people.iter().enumerate().map(|(i, p)| (format!("/people/{i}/id"), p.id.as_str())), "person id", RENAME));
    for (i, p) in people.iter().enumerate() {
        if !p.position.exists_in(inst.info.kind) {
            out.push(
                roles_doc
                    .error_at(&format!("/people/{i}/position"), "position-not-in-kind", format!("a {} has no position `{}`", kind_word(inst.info.kind), p.position.key()))
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
                .with_hint(suggest(id, people.iter().map(|p| p.id.as_str()), "roles.yaml"))
        })
    };

    // Orders.
    let orders = &inst.appointments.orders;
    out.extend(duplicates(orders_doc, orders.iter().enumerate().map(|(i, o)| (format!("/orders/{i}/id"), o.id.as_str())), "order id", RENAME));
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

    // Every institution issues both orders; their documents need these pieces.
    for (kind, key, what) in [
        (OrderKind::RegulationApproval, "regulation-approval", "the order on platform use (it approves or puts into force the regulation)"),
        (OrderKind::AdminAppointment, "admin-appointment", "the order appointing the platform administrator"),
    ] {
        if !orders.iter().any(|o| o.kind == kind) {
            out.push(
                Diagnostic::error("missing-order", format!("appointments.yaml has no `{key}` order"))
                    .at(&orders_doc.path, orders_doc.spans.exact("/orders"))
                    .with_hint(format!("add {what}: `- {{id: …, kind: {key}, number: …, date: YYYY-MM-DD, signer: <head>}}`")),
            );
        }
    }
    if let Some((i, o)) = orders.iter().enumerate().find(|(_, o)| o.kind == OrderKind::AdminAppointment)
        && let Some(admin) = o.admin.as_deref().and_then(|id| inst.person(id))
    {
        let person_index = people.iter().position(|p| p.id == admin.id).unwrap_or_default();
        for (field, present, why) in [
            ("phone", admin.phone.is_some(), "the appointment order gives the mobile number that receives the admin rights"),
            ("email", admin.email.is_some(), "the registration request is e-mailed from the admin's address"),
        ] {
            if !present {
                out.push(
                    roles_doc
                        .error_at(&format!("/people/{person_index}"), "missing-contact", format!("the platform admin `{}` has no `{field}`", admin.id))
                        .with_hint(format!("add `{field}:` to this person: {why} (order `{}` in appointments.yaml, item {})", o.id, i + 1)),
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
                    .error_at(&format!("/orders/{i}/consent/date"), "consent-after-order", format!(
                        "the employee's consent of {} comes after the order of {} that relies on it",
                        consent.date.dotted(),
                        o.date.dotted()
                    ))
                    .with_hint("extra duties are given with the employee's written consent obtained before the order; check both dates"),
            );
        }
        if let Some(control) = &o.control {
            out.extend(person(orders_doc, format!("/orders/{i}/control"), control, "controller"));
        }
        for (j, d) in o.duties.iter().enumerate() {
            if let Some(p) = &d.person {
                out.extend(person(orders_doc, format!("/orders/{i}/duties/{j}/person"), p, "responsible person"));
            }
            if d.deadline < o.date {
                out.push(
                    orders_doc
                        .error_at(&format!("/orders/{i}/duties/{j}/deadline"), "deadline-before-order", format!(
                            "the deadline {} is before the order's own date {}",
                            d.deadline.dotted(),
                            o.date.dotted()
                        ))
                        .with_hint("a duty can only be due after the order is signed; check both dates"),
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
                        .error_at("/document/approval/approved/order", "unknown-order", format!("order `{order}` is not in appointments.yaml"))
                        .with_hint(suggest(order, orders.iter().map(|o| o.id.as_str()), "appointments.yaml")),
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
        Approved::Head { date, order } => {
            if let Some(order) = order
                && inst.order(order).is_none()
            {
                out.push(
                    info_doc
                        .error_at("/document/approval/approved/order", "unknown-order", format!("order `{order}` is not in appointments.yaml"))
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
                .error_at(pointer, "approval-before-adoption", format!(
                    "the regulation is approved on {} but adopted by the council only on {}",
                    approved.dotted(),
                    adopted.protocol.date.dotted()
                ))
                .with_hint("the head approves an act after the council has adopted it; check both dates"),
        );
    }
    for (i, a) in approval.visas.iter().enumerate() {
        out.extend(person(info_doc, format!("/document/approval/visas/{i}/person"), &a.person, "official who endorses the act"));
    }
    if let Some(chair) = approval.adopted.as_ref().and_then(|a| a.chair.as_ref()) {
        out.extend(person(info_doc, "/document/approval/adopted/chair".into(), chair, "chair"));
    }
    out.extend(check_opinions(inst, info_doc, approved_on));
    if let (Some(old), Some(approved)) = (&inst.info.document.replaces, approved_on)
        && old.order.date >= approved
    {
        out.push(
            info_doc
                .error_at("/document/replaces/order/date", "replaced-act-not-earlier", format!(
                    "the act this edition replaces is dated {}, not before the new one ({})",
                    old.order.date.dotted(),
                    approved.dotted()
                ))
                .with_hint("`replaces` names the previous act and the order that approved it; check the date"),
        );
    }
    out.extend(check_signers(inst, roles_doc));
    if let Some(author) = &inst.info.document.author {
        out.extend(person(info_doc, "/document/author".into(), author, "author"));
    }
    if let Some(signer) = inst.info.signing.as_ref().and_then(|s| s.signer.as_ref()) {
        out.extend(person(info_doc, "/signing/signer".into(), signer, "signer"));
    }

    // The title must name the institution's messenger only.
    if let Some(title) = &inst.info.document.title
        && let Some(word) = other_messenger_word(inst.info.messenger, title)
    {
        out.push(
            info_doc
                .error_at("/document/title", "messenger-mismatch", format!("the title names `{word}`, but `messenger` is `{}`", crate::render::messenger_key(inst.info.messenger)))
                .with_hint("leave `title` out to have it made from the messenger, or change `messenger`"),
        );
    }

    // Citations against the registry, judged as of the document's date.
    out.extend(super::citations::check_citations(inst, info_doc, acts, approved_on));
    out.extend(duplicates(
        info_doc,
        inst.info.legal_basis.iter().enumerate().map(|(i, c)| (format!("/legal_basis/{i}/act"), c.act.as_str())),
        "cited act",
        REMOVE,
    ));
    let chat_templates: Vec<String> = inst.chats.group_chats.iter().map(|c| format!("{} by {}", c.audience, c.owner)).collect();
    out.extend(duplicates(
        chats_doc,
        chat_templates.iter().enumerate().map(|(i, c)| (format!("/group_chats/{i}"), c.as_str())),
        "group chat",
        REMOVE,
    ));

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
    let sections = &inst.rules.sections;
    let empty_sections = [
        (sections.eios && inst.info.eios.is_empty(), "eios", "institution.yaml lists no `eios` elements",
            "list the site, the distance-learning system and the other elements under `eios:` in institution.yaml, or set `sections: {eios: false}`"),
        (sections.opt_out && inst.rules.opt_out.is_none(), "opt_out", "`opt_out.channels` is missing",
            "say how the institution keeps those who refuse the platform informed, e.g. `opt_out: {channels: [phone, email]}`"),
        (sections.ethics && inst.rules.moderation.is_none(), "ethics", "`moderation` is missing",
            "add `moderation: {restrict_after: 3, restrict_max_days: 14}` (a temporary restriction of sending messages, with notice), or set `sections: {ethics: false}`"),
    ];
    if !sections.opt_out {
        out.push(
            rules_doc
                .error_at("/sections/opt_out", "opt-out-required", "the opt-out section cannot be switched off")
                .with_hint(
                    "using a third-party platform is voluntary: every regulation grants the right to refuse it (a parent for a minor, an adult student for himself); remove `opt_out: false`",
                ),
        );
    }
    for (empty, name, what, hint) in empty_sections.into_iter().filter(|(empty, ..)| *empty) {
        let _ = empty;
        let pointer = format!("/sections/{name}");
        let (span, how) = match rules_doc.spans.exact(&pointer) {
            Some(span) => (Some(span), "is on"),
            None => (None, "is on by default"),
        };
        out.push(
            Diagnostic::error("empty-section", format!("the `{name}` section {how}, but {what}"))
                .at(&rules_doc.path, span)
                .with_hint(hint),
        );
    }

    // Chats: ids unique across the file, owners and curators known.
    let chat_ids = inst.chats.channels.iter().enumerate().map(|(i, c)| (format!("/channels/{i}/id"), c.id.as_str()))
        .chain(inst.chats.management_chats.iter().enumerate().map(|(i, c)| (format!("/management_chats/{i}/id"), c.id.as_str())))
        .chain(inst.chats.groups.iter().enumerate().map(|(i, g)| (format!("/groups/{i}/id"), g.id.as_str())));
    out.extend(duplicates(chats_doc, chat_ids, "chat or group id", RENAME));
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

/// The councils' opinions (ч. 3 ст. 30 273-ФЗ): given for a school or college, once each,
/// and taken before the act is approved.
fn check_opinions(inst: &Institution, doc: &RawDoc, approved_on: Option<crate::model::Date>) -> Vec<Diagnostic> {
    let approval = &inst.info.document.approval;
    let Some(opinions) = &approval.considered else {
        let kind = inst.info.kind;
        if kind == crate::model::Kind::Preschool {
            // A preschool has no students' council: only the parents' council is asked.
            return vec![doc.warning_at("/document/approval", "council-opinion-missing", "the regulation shows no opinion of the parents' council")
                .with_hint(
                    "Part 3 of Article 30 of Federal Law 273-FZ: an act that touches the rights of the children and their parents is adopted with the opinion of the parents' council where it exists, \
                     else it does not apply (Part 4); add `considered: [{council: parents, protocol: {number: …, date: …}}]`, or `considered: []` if the preschool has no parents' council",
                )];
        }
        let touches_students = matches!(kind, crate::model::Kind::School | crate::model::Kind::College);
        return touches_students
            .then(|| {
                doc.warning_at("/document/approval", "council-opinion-missing", "the regulation shows no opinion of the students' council or the parents' council")
                    .with_hint(
                        "Part 3 of Article 30 of Federal Law 273-FZ: an act that touches students' rights is adopted with the opinion of the students' council and the parents' council where they exist, \
                         else it does not apply (Part 4); add `considered: [{council: students, protocol: {number: …, date: …}}, {council: parents, protocol: …}]`, \
                         or `considered: []` if the institution has neither council",
                    )
            })
            .into_iter()
            .collect();
    };
    let mut out = duplicates(
        doc,
        opinions.iter().enumerate().map(|(i, o)| (format!("/document/approval/considered/{i}/council"), if o.council == crate::model::Council::Students { "students" } else { "parents" })),
        "council",
        REMOVE,
    );
    for (i, o) in opinions.iter().enumerate() {
        let Some(protocol) = &o.protocol else {
            out.push(
                doc.warning_at(&format!("/document/approval/considered/{i}"), "council-protocol-missing", "the council's protocol is not given: the mark is printed with blanks")
                    .with_hint("add `protocol: {number: …, date: YYYY-MM-DD}` once the council has given its opinion, or fill the blanks in by hand before signing"),
            );
            continue;
        };
        if let Some(approved) = approved_on
            && approved < protocol.date
        {
            out.push(
                doc.error_at(&format!("/document/approval/considered/{i}/protocol/date"), "approval-before-adoption", format!(
                    "the regulation is approved on {} but the council's opinion is dated {}",
                    approved.dotted(),
                    protocol.date.dotted()
                ))
                .with_hint("the council's opinion is taken before the act is approved; check both dates"),
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
    let mut signers: Vec<(&str, String)> = inst.appointments.orders.iter().map(|o| (o.signer.as_str(), format!("order `{}`", o.id))).collect();
    if let Approved::Head { .. } = approval.approved {
        signers.push((inst.head().id.as_str(), "the head's approval mark of the regulation".into()));
    }
    signers.extend(approval.visas.iter().map(|v| (v.person.as_str(), "a visa of the regulation".to_string())));
    signers.extend(approval.adopted.as_ref().and_then(|a| a.chair.as_deref()).map(|c| (c, "the adopting body's mark, as its chair".to_string())));
    let mut out = Vec::new();
    for (i, p) in inst.roles.people.iter().enumerate().filter(|(_, p)| p.placeholder) {
        let signs: Vec<&str> = signers.iter().filter(|(id, _)| *id == p.id).map(|(_, what)| what.as_str()).collect();
        if let Some(first) = signs.first() {
            out.push(
                roles
                    .error_at(&format!("/people/{i}/placeholder"), "placeholder-signer", format!(
                        "`{}` signs {first}{}, but roles.yaml does not give their name (`placeholder: true`)",
                        p.id,
                        if signs.len() > 1 { format!(" and {} more", signs.len() - 1) } else { String::new() }
                    ))
                    .with_hint(
                        "write the person's real name and remove `placeholder: true`; or build a draft to fill in by hand: `build --draft`, or `draft: true` in institution.yaml (the name is left as a gap to fill in by hand, and every page carries the draft mark)",
                    ),
            );
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

const RENAME: &str = "ids must be unique; rename one of them";
const REMOVE: &str = "each entry may appear once; remove the repeated one";

/// One error for every repeat of a value, pointing at the repeat and naming the first line.
fn duplicates<'a>(doc: &RawDoc, ids: impl Iterator<Item = (String, &'a str)>, what: &str, hint: &str) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, String> = HashMap::new();
    let mut out = Vec::new();
    for (pointer, id) in ids {
        if let Some(first) = seen.get(id) {
            let line = doc.spans.value(first).map_or(String::new(), |s| format!(" (first at line {})", s.line));
            out.push(
                doc.error_at(&pointer, "duplicate-id", format!("{what} `{id}` appears twice{line}"))
                    .with_hint(hint),
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
        return format!("did you mean `{k}`? the ids are in {source}");
    }
    let best = known.into_iter().map(|k| (edit_distance(wrong, k), k)).filter(|(d, k)| *d <= 2.max(k.chars().count() / 4)).min();
    match best {
        Some((_, k)) => format!("did you mean `{k}`? the ids are in {source}"),
        None => format!("use an id defined in {source}"),
    }
}

fn kind_word(kind: crate::model::Kind) -> &'static str {
    match kind {
        crate::model::Kind::School => "school",
        crate::model::Kind::College => "college",
        crate::model::Kind::Supplementary => "supplementary-education institution",
        crate::model::Kind::Preschool => "preschool (kindergarten)",
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
