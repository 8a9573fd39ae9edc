//! Citations of legal acts against the registry, judged as of the document's date: the
//! legal basis holds only acts in force that day, letters stand apart as recommendations,
//! and acts that apply later are listed as upcoming.

use crate::diag::Diagnostic;
use crate::load::RawDoc;
use crate::model::{ActStanding, ActStatus, Citation, Date, Institution, LegalAct, LegalActs};

use super::semantic::suggest;
use crate::tr;

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
                    doc.error_at(&pointer, "unknown-act", tr!("unknown-act", id = c.act)).with_hint(suggest(
                        &c.act,
                        acts.acts.iter().map(|a| a.id.as_str()),
                        &tr!("unknown-act.source"),
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
                doc.error_at(pointer, "letter-as-basis", tr!("letter-as-basis", id = id)).with_hint(tr!("letter-as-basis.hint", id = id)),
            );
        }
        List::Recommendations if !act.is_letter() => {
            return Some(
                doc.error_at(pointer, "not-a-letter", tr!("not-a-letter", id = id)).with_hint(tr!("not-a-letter.hint", id = id)),
            );
        }
        _ => {}
    }
    let date = date?;
    match (act.standing_on(date), list) {
        (ActStanding::InForce, List::Upcoming) => Some(
            doc.error_at(pointer, "act-already-in-force", tr!("act-already-in-force", id = id, date = date.dotted()))
                .with_hint(tr!("act-already-in-force.hint", id = id)),
        ),
        (ActStanding::InForce, _) | (ActStanding::NotYetInForce(_), List::Upcoming) => None,
        (ActStanding::NotYetInForce(from), _) => Some(
            doc.error_at(pointer, "act-not-in-force", tr!("act-not-in-force", id = id, from = from.dotted(), date = date.dotted()))
                .with_hint(tr!("act-not-in-force.hint", id = id, from = from.dotted(), date = date.dotted())),
        ),
        (ActStanding::Ended { status, last_day }, _) => {
            let code = match status {
                ActStatus::Spent => "spent-act",
                _ => "repealed-act",
            };
            let hint = match &act.replaced_by {
                Some(r) => tr!("ended-act.replaced", id = r),
                None => tr!("ended-act.remove"),
            };
            Some(doc.error_at(pointer, code, tr!(code, id = id, until = last_day.dotted(), date = date.dotted())).with_hint(hint))
        }
    }
}

/// A date written beside a citation must be the registry's.
fn check_date(doc: &RawDoc, list: List, i: usize, c: &Citation, act: &LegalAct) -> Option<Diagnostic> {
    let (cited, real) = (c.date?, act.date?);
    (cited != real).then(|| {
        doc.error_at(&format!("/{}/{i}/date", list.key()), "act-date-mismatch", tr!("act-date-mismatch", id = c.act, real = real.dotted(), cited = cited.dotted()))
            .with_hint(tr!("act-date-mismatch.hint", date = real.to_string()))
    })
}
