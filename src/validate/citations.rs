//! Citations of legal acts against the registry, judged as of the document's date: the
//! legal basis holds only acts in force that day, letters stand apart as recommendations,
//! and acts that apply later are listed as upcoming.

use crate::diag::Diagnostic;
use crate::load::RawDoc;
use crate::model::{ActStanding, ActStatus, Citation, Date, Institution, LegalAct, LegalActs};

use super::semantic::suggest;

/// Where a citation stands in institution.yaml.
#[derive(Clone, Copy, PartialEq, Eq)]
enum List {
    LegalBasis,
    Recommendations,
    Upcoming,
}

impl List {
    fn key(self) -> &'static str {
        match self {
            List::LegalBasis => "legal_basis",
            List::Recommendations => "recommendations",
            List::Upcoming => "upcoming",
        }
    }
}

/// Every citation of `inst` (legal basis, recommendations, upcoming acts) checked against the
/// registry; `date` is the document's date, when the approval requisites give one.
pub fn check_citations(inst: &Institution, doc: &RawDoc, acts: &LegalActs, date: Option<Date>) -> Vec<Diagnostic> {
    let info = &inst.info;
    let lists = [(List::LegalBasis, &info.legal_basis), (List::Recommendations, &info.recommendations), (List::Upcoming, &info.upcoming)];
    let mut out = Vec::new();
    for (list, citations) in lists {
        for (i, c) in citations.iter().enumerate() {
            let pointer = format!("/{}/{i}/act", list.key());
            match acts.get(&c.act) {
                None => out.push(
                    doc.error_at(&pointer, "unknown-act", format!("legal act `{}` is not in the registry", c.act)).with_hint(suggest(
                        &c.act,
                        acts.acts.iter().map(|a| a.id.as_str()),
                        "policies/_registry/legal-acts.yaml (add the act there, with the `source` of its title, if it is missing)",
                    )),
                ),
                Some(act) => {
                    out.extend(check_one(doc, &pointer, list, act, date));
                    out.extend(check_date(doc, list, i, c, act));
                }
            }
        }
    }
    out
}

fn check_one(doc: &RawDoc, pointer: &str, list: List, act: &LegalAct, date: Option<Date>) -> Option<Diagnostic> {
    let id = &act.id;
    match list {
        List::LegalBasis | List::Upcoming if act.is_letter() => {
            return Some(
                doc.error_at(pointer, "letter-as-basis", format!("`{id}` is a letter, not a normative act: it cannot be cited as the legal basis"))
                    .with_hint(format!(
                        "move `- act: {id}` to `recommendations:`; the regulation then says it was drafted taking the recommendations of that letter into account"
                    )),
            );
        }
        List::Recommendations if !act.is_letter() => {
            return Some(
                doc.error_at(pointer, "not-a-letter", format!("`{id}` is not a letter; `recommendations` lists the letters that sent methodological recommendations"))
                    .with_hint(format!("move `- act: {id}` to `legal_basis:`")),
            );
        }
        _ => {}
    }
    let date = date?;
    match (act.standing_on(date), list) {
        (ActStanding::InForce, List::Upcoming) => Some(
            doc.error_at(pointer, "act-already-in-force", format!("`{id}` is already in force on the document's date {}", date.dotted()))
                .with_hint(format!("move `- act: {id}` to `legal_basis:`; `upcoming` is for acts that apply only from a later day")),
        ),
        (ActStanding::InForce, _) | (ActStanding::NotYetInForce(_), List::Upcoming) => None,
        (ActStanding::NotYetInForce(from), _) => Some(
            doc.error_at(pointer, "act-not-in-force", format!(
                "`{id}` applies only from {}, after the document's date {}",
                from.dotted(),
                date.dotted()
            ))
            .with_hint(format!(
                "a document cannot rely on an act before it applies: cite the act in force on {}, or move `- act: {id}` to `upcoming:` to say it applies from {}",
                date.dotted(),
                from.dotted()
            )),
        ),
        (ActStanding::Ended { status, last_day }, _) => {
            let (code, what) = match status {
                ActStatus::Spent => ("spent-act", "is spent"),
                _ => ("repealed-act", "is repealed"),
            };
            let hint = match &act.replaced_by {
                Some(r) => format!("cite `{r}` instead, which replaced it"),
                None => "remove it: an act that no longer applies is no basis for the document".into(),
            };
            Some(
                doc.error_at(pointer, code, format!(
                    "`{id}` {what}: it applied until {}, before the document's date {}",
                    last_day.dotted(),
                    date.dotted()
                ))
                .with_hint(hint),
            )
        }
    }
}

/// A date written beside a citation must be the registry's.
fn check_date(doc: &RawDoc, list: List, i: usize, c: &Citation, act: &LegalAct) -> Option<Diagnostic> {
    let (cited, real) = (c.date?, act.date?);
    (cited != real).then(|| {
        doc.error_at(&format!("/{}/{i}/date", list.key()), "act-date-mismatch", format!(
            "`{}` is dated {} in the registry, not {}",
            c.act,
            real.dotted(),
            cited.dotted()
        ))
        .with_hint(format!("write `date: {real}` or leave the date out"))
    })
}
