//! Legal acts as a document prints them: the registry entry (date, number, confirmed title)
//! headed by the vocabulary's type word. An act without a confirmed title gets none.

use crate::model::{ActType, LegalAct};

use super::Vocabulary;

/// The vocabulary key of an act type, or `None` for acts cited by their title alone.
fn type_key(t: ActType) -> Option<&'static str> {
    Some(match t {
        ActType::Constitution | ActType::Standard => return None,
        ActType::FederalLaw => "federal-law",
        ActType::GovernmentDecree => "government-decree",
        ActType::GovernmentDirective => "government-directive",
        ActType::MinistryOrder => "ministry-order",
        ActType::MinistryLetter => "ministry-letter",
        ActType::MinistryDirective => "ministry-directive",
        ActType::SanitaryRules => "sanitary-rules",
        ActType::SanitaryNorms => "sanitary-norms",
    })
}

/// The confirmed title in quotes («Об образовании …»), inner quotes as „…“; none when unconfirmed.
pub fn quoted_title(act: &LegalAct) -> Option<String> {
    act.title.as_deref().map(|t| format!("«{}»", nested_quotes(t)))
}

/// A text to be put inside «…»: its own «…» become „…“.
pub fn nested_quotes(text: &str) -> String {
    text.replace('«', "„").replace('»', "“")
}

/// What follows the type word: «от 29.12.2012 № 273-ФЗ «Об образовании …»»; sanitary rules
/// are named by their code: «СП 2.4.3648-20 «…»».
pub fn dated_title(vocabulary: &Vocabulary, act: &LegalAct) -> String {
    let parts: Vec<String> = match act.act_type {
        ActType::SanitaryRules | ActType::SanitaryNorms => vec![act.number.clone().unwrap_or_default()],
        _ => vec![
            act.date.map(|d| format!("{} {}", vocabulary.citation_date_word(), d.dotted())).unwrap_or_default(),
            act.number.as_ref().map(|n| format!("№ {n}")).unwrap_or_default(),
        ],
    };
    parts.into_iter().chain(quoted_title(act)).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// One act as printed, its type word in `case` (`nom` or `ins`), in lower case unless the
/// act is cited by its own name (the Constitution): «федеральный закон от … № … «…»».
pub fn citation(vocabulary: &Vocabulary, act: &LegalAct, case: &str) -> String {
    let Some(key) = type_key(act.act_type) else {
        return act.title.clone().unwrap_or_default();
    };
    let head = vocabulary.act_type(key, case);
    [head, act.issuer.as_deref().unwrap_or(""), &dated_title(vocabulary, act)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActStatus, Date};

    fn act(act_type: ActType, number: &str, title: Option<&str>) -> LegalAct {
        LegalAct {
            id: "x".into(),
            act_type,
            issuer: (act_type == ActType::MinistryLetter).then(|| "Минцифры России".into()),
            number: Some(number.into()),
            date: Date::parse_iso("2025-08-27"),
            title: title.map(String::from),
            source: "test".into(),
            status: ActStatus::InForce,
            in_force_from: None,
            in_force_until: None,
            replaced_by: None,
            note: None,
        }
    }

    #[test]
    fn an_unconfirmed_title_is_never_printed() {
        let v = Vocabulary::bundled().unwrap();
        let letter = act(ActType::MinistryLetter, "ММ-П10-82860", None);
        assert_eq!(citation(&v, &letter, "ins"), "письмом Минцифры России от 27.08.2025 № ММ-П10-82860");
        let law = act(ActType::FederalLaw, "1-ФЗ", Some("О «чем-то»"));
        assert_eq!(citation(&v, &law, "nom"), "федеральный закон от 27.08.2025 № 1-ФЗ «О „чем-то“»");
        let rules = act(ActType::SanitaryRules, "СП 1.2-3", Some("Требования"));
        assert_eq!(citation(&v, &rules, "nom"), "санитарные правила СП 1.2-3 «Требования»");
    }
}
