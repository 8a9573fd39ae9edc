//! The case forms of names and posts the data leaves out, derived from the nominative
//! (grammar::decline_phrase), and how each form came about for `check --forms`.

use crate::grammar::{complete_forms, decline_phrase, Animacy};
use crate::model::{CaseForms, Institution};

/// Fills in every name's and post's forms the data did not write.
pub(super) fn derive_forms(inst: &mut Institution) {
    let names = &mut inst.info.name;
    for forms in [&mut names.full, &mut names.short, &mut names.self_ref] {
        complete_forms(forms, Animacy::Inanimate);
    }
    for person in &mut inst.roles.people {
        complete_forms(&mut person.post, Animacy::Animate);
    }
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
    out.extend(inst.roles.people.iter().map(|p| review(format!("post of {}", p.id), &p.post, Animacy::Animate)));
    out
}
