//! The case forms of names and posts the data leaves out, derived from the nominative
//! (grammar::decline_phrase), and how each form came about for `check --forms`.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::discover::FileKind;
use crate::grammar::{complete_forms, decline_phrase, Animacy};
use crate::load::RawDoc;
use crate::model::{CaseForms, Institution};
use crate::tr;

/// Fills in every name's and post's forms the data did not write. Returns a warning for each
/// one with a word the dictionary does not know (its forms are guessed from the ending).
pub(super) fn derive_forms(inst: &mut Institution, docs: &BTreeMap<FileKind, RawDoc>) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut derive = |forms: &mut CaseForms, animacy: Animacy, kind: FileKind, pointer: String| {
        let guessed = complete_forms(forms, animacy);
        if let (Some(word), Some(doc)) = (guessed.first(), docs.get(&kind)) {
            let field = super::field_name(&pointer);
            warnings.push(
                doc.warning_at(&pointer, "unknown-word", tr!("unknown-word", field = field, word = word.as_str()))
                    .with_hint(tr!("unknown-word.hint")),
            );
        }
    };
    let names = &mut inst.info.name;
    for (forms, key) in [(&mut names.full, "full"), (&mut names.short, "short"), (&mut names.self_ref, "self")] {
        derive(forms, Animacy::Inanimate, FileKind::Institution, format!("/name/{key}"));
    }
    for (i, person) in inst.roles.people.iter_mut().enumerate() {
        derive(&mut person.post, Animacy::Animate, FileKind::Roles, format!("/people/{i}/post"));
    }
    warnings
}

/// A name or post of an institution in its six cases, with the forms derived from its
/// nominative beside them: what `check --forms` prints for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewedForms {
    /// Where the data has it: `name.full`, `name.self`, `name.short` or `post of <person id>`.
    pub field: String,
    /// The forms documents print, in the order nom, gen, dat, acc, ins, prep.
    pub forms: [String; 6],
    /// Which of them the data wrote.
    pub written: [bool; 6],
    /// The forms derived from the nominative (equal to `forms` where nothing was written).
    pub derived: [String; 6],
    /// The declined words the dictionary does not know: their forms are guessed from the ending.
    pub guessed: Vec<String>,
}

/// Every name and post of `inst` (validated: its forms are filled in), in the order of the data.
pub fn review_forms(inst: &Institution) -> Vec<ReviewedForms> {
    let names = &inst.info.name;
    let review = |field: String, forms: &CaseForms, animacy: Animacy| {
        let derived = decline_phrase(&forms.nom, animacy);
        ReviewedForms { field, forms: forms.all().map(String::from), written: forms.written, derived: derived.forms, guessed: derived.guessed }
    };
    let mut out = vec![
        review("name.full".into(), &names.full, Animacy::Inanimate),
        review("name.self".into(), &names.self_ref, Animacy::Inanimate),
        review("name.short".into(), &names.short, Animacy::Inanimate),
    ];
    out.extend(inst.roles.people.iter().map(|p| review(tr!("forms-post-of", id = p.id), &p.post, Animacy::Animate)));
    out
}
