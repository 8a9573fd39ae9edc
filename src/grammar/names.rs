//! People's names in the cases requisites need («приказом директора Суединой С.В.»).
//! Surname, first name and patronymic are declined with petrovich, by the gender in the
//! data; explicit forms in roles.yaml win where the rules are wrong.

use serde::Serialize;

use crate::model::{Gender, Person};

/// The grammatical case of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Nom,
    Gen,
    Dat,
    Acc,
    Ins,
    Prep,
}

impl Case {
    pub const ALL: [Case; 6] = [Case::Nom, Case::Gen, Case::Dat, Case::Acc, Case::Ins, Case::Prep];

    fn petrovich(self) -> Option<petrovich::Case> {
        Some(match self {
            Case::Nom => return None,
            Case::Gen => petrovich::Case::Genitive,
            Case::Dat => petrovich::Case::Dative,
            Case::Acc => petrovich::Case::Accusative,
            Case::Ins => petrovich::Case::Instrumental,
            Case::Prep => petrovich::Case::Prepositional,
        })
    }
}

/// A person's name in one case, in the three ways documents print it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NameForms {
    /// Суединой Светланы Викторовны
    pub full: String,
    /// Суединой С.В. (surname first, as in «приказом директора Суединой С.В.»)
    pub short: String,
    /// С.В. Суединой (initials first, as under a signature)
    pub initials_first: String,
}

impl NameForms {
    /// The person's name in `case`.
    pub fn of(person: &Person, case: Case) -> NameForms {
        let gender = match person.gender {
            Gender::Male => petrovich::Gender::Male,
            Gender::Female => petrovich::Gender::Female,
        };
        let decline = |part: &str, f: fn(petrovich::Gender, &str, petrovich::Case) -> String| match case.petrovich() {
            None => part.to_string(),
            Some(c) => part.split('-').map(|p| f(gender, p, c)).collect::<Vec<_>>().join("-"),
        };
        let surname = decline(&person.surname, petrovich::lastname);
        let first = fix_first_name(&person.name, person.gender, case, decline(&person.name, petrovich::firstname));
        let patronymic = person.patronymic.as_deref().map(|p| decline(p, petrovich::middlename));
        let initials = initials(&person.name, person.patronymic.as_deref());
        let full = match override_for(person, case) {
            Some(explicit) => explicit.to_string(),
            None => [Some(surname.clone()), Some(first), patronymic].into_iter().flatten().collect::<Vec<_>>().join(" "),
        };
        // An explicit full form also fixes the surname used with initials.
        let surname = override_for(person, case).and_then(|f| f.split_whitespace().next()).map_or(surname, str::to_string);
        NameForms { short: format!("{surname} {initials}"), initials_first: format!("{initials} {surname}"), full }
    }
}

/// Corrects a rule petrovich 0.2 gets wrong: women's names in «-ия» take «-ией» in the
/// instrumental (Мария → Марией, Виктория → Викторией), not «-ием».
fn fix_first_name(nominative: &str, gender: Gender, case: Case, declined: String) -> String {
    match (gender, case, nominative.strip_suffix("ия")) {
        (Gender::Female, Case::Ins, Some(stem)) => format!("{stem}ией"),
        _ => declined,
    }
}

fn override_for(person: &Person, case: Case) -> Option<&str> {
    let o = person.declension.as_ref()?;
    match case {
        Case::Nom => None,
        Case::Gen => o.r#gen.as_deref(),
        Case::Dat => o.dat.as_deref(),
        Case::Acc => o.acc.as_deref(),
        Case::Ins => o.ins.as_deref(),
        Case::Prep => o.prep.as_deref(),
    }
}

/// «С.В.» from Светлана Викторовна (a name without patronymic gives «С.»).
fn initials(name: &str, patronymic: Option<&str>) -> String {
    [Some(name), patronymic]
        .into_iter()
        .flatten()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect()
}
