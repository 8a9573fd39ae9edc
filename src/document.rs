//! The type between rendering and the output backends: one document's text and requisites.

use serde::Serialize;

use crate::model::Date;

/// Who may see an output: public (published on the site) or restricted (personal data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    Public,
    Restricted,
}

impl Visibility {
    pub fn dir(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Restricted => "restricted",
        }
    }
}

/// A requisite block (ПРИНЯТО, УТВЕРЖДЕНО, СОГЛАСОВАНО …): plain lines, never markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub lines: Vec<String>,
}

/// A rendered text document, ready for the HTML and PDF backends.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// File stem under out/<id>/<visibility>/ (e.g. `regulation`).
    pub slug: String,
    pub visibility: Visibility,
    /// Lines above everything, centred: founder, organisation name.
    pub header: Vec<String>,
    /// Requisites at the top left (ПРИНЯТО) and top right (УТВЕРЖДЕНО / УТВЕРЖДАЮ).
    pub top_left: Vec<Block>,
    pub top_right: Vec<Block>,
    /// The document type word in capitals (ПОЛОЖЕНИЕ) and its heading (об использовании …).
    pub type_word: String,
    pub heading: String,
    /// «г. Иркутск, 2023».
    pub place_year: String,
    /// The text, as Markdown with generated clause numbers.
    pub body: String,
    /// Requisites after the text (СОГЛАСОВАНО, the executor).
    pub closing: Vec<Block>,
    /// The document's date (approval), used for the PDF timestamp.
    pub date: Date,
    /// A stable identifier for the PDF (`<institution>/<slug>`).
    pub ident: String,
}

impl Document {
    /// The full title as one line: «Положение об использовании …».
    pub fn title(&self) -> String {
        let mut chars = self.type_word.chars();
        let word: String = chars.next().into_iter().chain(chars.flat_map(char::to_lowercase)).collect();
        format!("{word} {}", self.heading)
    }
}
