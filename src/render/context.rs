//! The data a regulation template sees (documented in templates/README.md).

use chrono::{NaiveDate, Offset, TimeZone};
use serde_json::{json, Value};

use crate::grammar::{Case, NameForms};
use crate::model::{Approved, Date, DocumentType, Institution, LegalAct, LegalActs, OptOutChannel, Ownership, Person, Position, Programme, Protocol};

use super::citations::{citation, dated_title};


use super::vocabulary::{kind_key, messenger_key};
use super::RenderContext;

/// The context every document template of `inst` sees (no personal contacts: documents
/// that need a phone add it themselves). `date` fixes the UTC offset of the time zone.
pub fn base_context(ctx: &RenderContext, inst: &Institution, registry: &LegalActs, date: Date) -> anyhow::Result<Value> {
    let info = &inst.info;
    let name = &info.name;
    let rules = &inst.rules;
    let chats = &inst.chats;
    let has_position = |p: Position| inst.roles.people.iter().any(|x| x.position == p);
    let underscore = |s: &str| s.replace('-', "_");
    let mut has = serde_json::Map::new();
    for c in &chats.channels {
        has.insert(underscore(c.audience.key()), json!(true));
    }
    for c in &chats.management_chats {
        has.insert(underscore(c.with_whom.key()), json!(true));
    }
    for c in &chats.group_chats {
        has.insert(underscore(c.audience.key()), json!(true));
    }
    let acts = |list: &[crate::model::Citation]| -> Vec<&LegalAct> { list.iter().filter_map(|c| registry.get(&c.act)).collect() };
    let legal_basis: Vec<String> = acts(&info.legal_basis).into_iter().map(|act| citation(&ctx.vocabulary, act, "nom")).collect();
    let recommendations: Vec<String> = acts(&info.recommendations).into_iter().map(|act| citation(&ctx.vocabulary, act, "ins")).collect();
    let upcoming: Vec<Value> = acts(&info.upcoming)
        .into_iter()
        .map(|act| json!({"text": capitalise(&citation(&ctx.vocabulary, act, "nom")), "from": act.in_force_from.map(|d| d.dotted())}))
        .collect();
    let offset = utc_offset(&info.time_zone, date);
    let mut words = ctx.vocabulary.words_for(inst);
    // What the institution runs, from its data rather than its kind alone.
    words["programmes"] = json!(ctx.vocabulary.programmes(&inst.programmes()));
    if info.messenger_named == Some(false) {
        // A regulation on the platform alone: the messenger's words without its name.
        words["messenger"] = ctx.vocabulary.unnamed_messenger().clone();
    }
    let regulation_title = title(ctx, inst, &words)?;
    Ok(json!({
        "inst": {
            "id": info.id,
            "kind": kind_key(info.kind),
            "messenger": messenger_key(info.messenger),
            "full": name.full,
            // The short name as written (nominative), and in the six cases: after a noun
            // («приказом …», «Директору …») templates print `short_cases.gen`.
            "short": name.short.nom,
            "short_cases": name.short,
            "abbr": name.abbr.clone().unwrap_or_else(|| name.short.nom.clone()),
            // The unit the platform admin is appointed from, in the genitive, if the data gives it.
            "admin_unit": info.admin_unit,
            "self": name.self_ref,
            "city": info.city,
            "time_zone": info.time_zone,
            "utc_offset": offset,
            // «по омскому времени (UTC+6)»: the zone's id never reaches a human text.
            "local_time": format!("{} ({offset})", ctx.vocabulary.local_time(&info.time_zone)),
            "ownership": info.ownership,
            // ч. 8 ст. 10 149-ФЗ binds state and municipal institutions.
            "foreign_messenger_ban": info.ownership != Ownership::Private,
            "site": info.site,
            "region": info.region,
            "contacts": info.contacts,
        },
        "learners": {
            "primary": inst.runs(Programme::Primary),
            "under_14": inst.runs(Programme::Primary) || inst.runs(Programme::Basic) || inst.runs(Programme::Supplementary),
            "adults": inst.adult_learners(),
            // A preschool's children never join the platform: only their parents do.
            "join": info.kind.learners_join(),
            "programmes": inst.programmes(),
        },
        "regulation": doc_words(ctx, info.document.doc_type, &regulation_title, super::regulation::approval_date(inst)),
        "approval": approval_json(ctx, inst),
        // The act this new edition replaces: «Положение об …» with its participle and order.
        "replaces": info.document.replaces.as_ref().map(|old| json!({
            "words": doc_words(ctx, old.doc_type, &old.title, old.order.date),
            "order": {"date": old.order.date.dotted(), "number": old.order.number},
        })),
        "v": words,
        "people": {
            "head": person_json(ctx, inst.head()),
            "admin": inst.admin().map(|p| person_json(ctx, p)),
            "deputies": inst.roles.people.iter().filter(|p| p.position == Position::Deputy).map(|p| person_json(ctx, p)).collect::<Vec<_>>(),
        },
        "staff": {
            "has_lab_head": has_position(Position::LabHead),
            "has_methodist": has_position(Position::Methodist),
            "has_masters": has_position(Position::Master),
            "has_psychologist": has_position(Position::Psychologist),
        },
        "chats": {
            "teachers_unit": chats.teachers_unit,
            "channels": chats.channels.iter().map(|c| json!({"audience": underscore(c.audience.key()), "name": c.name})).collect::<Vec<_>>(),
            "management": chats.management_chats.iter().map(|c| json!({"with": underscore(c.with_whom.key()), "name": c.name})).collect::<Vec<_>>(),
            "group_chats": chats.group_chats.iter().map(|c| json!({"audience": underscore(c.audience.key()), "owner": c.owner, "moderator": c.moderator})).collect::<Vec<_>>(),
            // Whether some chats are formed by the platform itself (nobody creates them).
            "platform_formed": chats.group_chats.iter().any(|c| c.owner == crate::model::ChatOwner::Platform),
            "has": has,
        },
        "rules": {
            "quiet_hours": rules.quiet_hours,
            "moderation": rules.moderation.as_ref().map(|m| json!({
                "restrict_after": m.restrict_after,
                "restrict_max_days": m.restrict_max_days,
                "violations_words": crate::grammar::times_genitive(m.restrict_after),
                "days_words": crate::grammar::period_genitive(m.restrict_max_days),
            })),
            "offboarding": rules.offboarding,
            "invite_links": rules.invite_links,
            "opt_out": rules.opt_out.as_ref().map(|o| json!({"channels": o.channels.iter().map(|c| match c {
                OptOutChannel::Code(code) => ctx.vocabulary.opt_out_channel(*code).to_string(),
                OptOutChannel::Phrase { phrase } => phrase.clone(),
            }).collect::<Vec<_>>()})),
        },
        // «от 27.07.2006 № 152-ФЗ «О персональных данных»» after «Федеральным законом»; the
        // registry check guarantees these entries.
        "laws": LegalActs::REQUIRED.iter().map(|id| (id.replace('-', "_"), json!(registry.get(id).map(|act| dated_title(&ctx.vocabulary, act))))).collect::<serde_json::Map<_, _>>(),
        "legal_basis": legal_basis,
        "recommendations": recommendations,
        "upcoming": upcoming,
        "eios": info.eios,
        "distance": info.distance,
        "sections": rules.sections,
        "extra": rules.extra_clauses,
        "definitions": rules.definitions,
    }))
}

/// The heading after the type word: the data's, else `regulation/title.txt` over the words
/// (an error of that template, an overlay's say, is reported, never printed as no heading).
fn title(ctx: &RenderContext, inst: &Institution, words: &Value) -> anyhow::Result<String> {
    match &inst.info.document.title {
        Some(t) => Ok(t.clone()),
        None => Ok(ctx.templates.render("regulation/title.txt", &json!({ "v": words }))?.trim().to_string()),
    }
}

/// A regulation's words: its type word and «настоящее …» in six cases, the participles that
/// agree with it (vocabulary `document_types`), its title and year.
fn doc_words(ctx: &RenderContext, t: DocumentType, title: &str, date: Date) -> Value {
    let entry = ctx.vocabulary.document_type(t);
    let word = &entry["word"];
    let cases = ["nom", "gen", "dat", "acc", "ins", "prep"];
    let text = |v: &Value, case: &str| v[case].as_str().unwrap_or_default().to_string();
    let map = |f: &dyn Fn(&str) -> String| -> Value { cases.iter().map(|c| (c.to_string(), json!(f(c)))).collect() };
    json!({
        "full_title": format!("{} {title}", text(word, "nom")),
        "type": match t { DocumentType::Polozhenie => "polozhenie", DocumentType::Poryadok => "poryadok" },
        "word": word,
        "this": map(&|c| format!("{} {}", text(&entry["this"], c), text(word, c))),
        "this_cap": map(&|c| format!("{} {}", capitalise(&text(&entry["this"], c)), text(word, c))),
        "adopted": entry["adopted"],
        "approved": entry["approved"],
        "approved_full": entry["approved_full"],
        "title": title,
        "year": date.year,
    })
}

/// How the regulation is adopted and approved, for its requisites and the orders' preambles:
/// `by` (order or head), the approving `order`, the collegial body that `adopted` it (with
/// its chair), the councils `considered`, the `visas` and the `author`.
fn approval_json(ctx: &RenderContext, inst: &Institution) -> Value {
    let approval = &inst.info.document.approval;
    let protocol = |p: &Protocol| json!({"date": p.date.dotted(), "number": p.number});
    let order = |id: &str| inst.order(id).map(|o| json!({"date": o.date.dotted(), "number": o.number}));
    let (by, order) = match &approval.approved {
        Approved::Order { order: id } => ("order", order(id)),
        Approved::Head { order: id, .. } => ("head", id.as_deref().and_then(order)),
    };
    json!({
        "by": by,
        "date": super::regulation::approval_date(inst).dotted(),
        "order": order,
        "adopted": approval.adopted.as_ref().map(|a| json!({
            "body": a.body,
            "protocol": protocol(&a.protocol),
            "chair": a.chair.as_deref().and_then(|id| inst.person(id)).map(|p| person_json(ctx, p)),
        })),
        "considered": approval.considered.as_deref().unwrap_or_default().iter().map(|o| json!({
            "name": o.name.clone().unwrap_or_else(|| ctx.vocabulary.council(o.council, inst.info.kind).to_string()),
            "protocol": o.protocol.as_ref().map(protocol),
        })).collect::<Vec<_>>(),
        "visas": approval.visas.iter().filter_map(|v| Some(json!({"person": person_json(ctx, inst.person(&v.person)?), "date": v.date.dotted()}))).collect::<Vec<_>>(),
        "author": inst.info.document.author.as_deref().and_then(|id| inst.person(id)).filter(|p| !p.placeholder).map(|p| person_json(ctx, p)),
    })
}

/// A person as templates see them: post in cases and name forms, never contacts.
/// `signature_line` is «________________ С.В. Суедина» (the gap «И.О. Фамилия» for a person
/// the data does not name); `named` is false for such a person.
pub fn person_json(ctx: &RenderContext, p: &Person) -> Value {
    let forms = |f: fn(&NameForms) -> &String| -> Value {
        ["nom", "gen", "dat", "acc", "ins", "prep"]
            .iter()
            .zip(Case::ALL)
            .map(|(k, c)| (k.to_string(), json!(f(&NameForms::of(p, c)))))
            .collect()
    };
    json!({
        "post": p.post,
        "named": !p.placeholder,
        "female": p.gender == crate::model::Gender::Female,
        "signature_line": super::requisites::signature_line(ctx, p),
        "signature_name": super::requisites::signature_name(ctx, p),
        "full": forms(|n| &n.full),
        "short": forms(|n| &n.short),
        "initials_first": forms(|n| &n.initials_first),
    })
}

/// «UTC+8» for the zone's offset on `date` (quiet hours are local time).
fn utc_offset(zone: &str, date: Date) -> String {
    let Ok(tz) = zone.parse::<chrono_tz::Tz>() else { return zone.to_string() };
    let Some(day) = NaiveDate::from_ymd_opt(date.year, u32::from(date.month), u32::from(date.day)) else { return zone.to_string() };
    let noon = day.and_hms_opt(12, 0, 0).expect("noon exists");
    let seconds = tz.offset_from_utc_datetime(&noon).fix().local_minus_utc();
    let (sign, abs) = if seconds < 0 { ('−', -seconds) } else { ('+', seconds) };
    match (abs / 3600, abs % 3600 / 60) {
        (0, 0) => "UTC".into(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, m) => format!("UTC{sign}{h}:{m:02}"),
    }
}

pub use crate::templates::capitalise;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_the_zone() {
        let d = Date::parse_iso("2024-09-20").unwrap();
        assert_eq!(utc_offset("Asia/Irkutsk", d), "UTC+8");
        assert_eq!(utc_offset("Europe/Saratov", d), "UTC+4");
        assert_eq!(utc_offset("Asia/Omsk", d), "UTC+6");
    }
}
