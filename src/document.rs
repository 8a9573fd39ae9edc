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
        crate::layout::dir(self)
    }
}

/// A requisite block (ПРИНЯТО, УТВЕРЖДЕНО, СОГЛАСОВАНО …): plain lines, never markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub lines: Vec<String>,
}

/// How the first page and the end of a document are laid out (ГОСТ Р 7.0.97 forms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// A local act: organisation name, approval blocks, type word and heading centred.
    Regulation,
    /// An order: organisation name, ПРИКАЗ, date and number line, place, heading «О …» on the left.
    Order,
    /// A letter on the organisation's letterhead: date and number, addressee on the right.
    Letter,
    /// A form or sheet: addressee or approval block on the right, the type word and heading centred.
    Form,
}

/// «25.10.2023» on the left, «№ 212 п» on the right, under the word ПРИКАЗ (or a letter's head).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateLine {
    pub date: String,
    pub number: String,
}

/// The signature requisite: the signer's post on the left, «И.О. Фамилия» on the right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    pub post: String,
    pub name: String,
}

/// The visible mark of an electronic signature (ГОСТ Р 7.0.97), from the signer's
/// certificate: shown where a handwritten signature would stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureMark {
    /// The certificate's serial number in hex.
    pub serial: String,
    /// The certificate's owner (surname, given names).
    pub owner: String,
    /// Validity dates, «01.09.2026».
    pub valid_from: String,
    pub valid_to: String,
    /// The signature requisite to show the mark in when the document has none (a regulation).
    pub signature: Signature,
}

/// A rendered text document, ready for the HTML, PDF and DOCX backends.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// File stem under out/<id>/<visibility>/ (e.g. `regulation`).
    pub slug: String,
    pub visibility: Visibility,
    pub layout: Layout,
    /// Lines above everything, centred: founder, organisation name.
    pub header: Vec<String>,
    /// Requisites at the top left (ПРИНЯТО) and top right (УТВЕРЖДЕНО / УТВЕРЖДАЮ).
    pub top_left: Vec<Block>,
    pub top_right: Vec<Block>,
    /// The document type word in capitals (ПОЛОЖЕНИЕ, ПРИКАЗ) and its heading (об использовании …).
    pub type_word: String,
    pub heading: String,
    /// Date and registration number (orders, letters).
    pub date_line: Option<DateLine>,
    /// The place: «г. Иркутск, 2023» under a regulation's title, «г. Иркутск» under an order's date line.
    pub place_year: String,
    /// The text, as Markdown with generated clause numbers.
    pub body: String,
    /// The signature requisite after the text (orders, letters).
    pub signature: Option<Signature>,
    /// Requisites after the text and signature (СОГЛАСОВАНО, «С приказом ознакомлены», the executor).
    pub closing: Vec<Block>,
    /// The document's date (approval), used for the PDF timestamp.
    pub date: Date,
    /// A stable identifier for the PDF (`<institution>/<slug>`).
    pub ident: String,
    /// A draft (`build --draft` or `draft: true`): every page of every form is marked «ПРОЕКТ».
    pub draft: Option<String>,
}

impl Document {
    /// The full title as one line: «Положение об использовании …», «Приказ О назначении …».
    pub fn title(&self) -> String {
        let mut chars = self.type_word.chars();
        let word: String = chars.next().into_iter().chain(chars.flat_map(char::to_lowercase)).collect();
        if self.heading.is_empty() { word } else { format!("{word} {}", self.heading) }
    }

    /// The file name of this document in `extension` under its visibility folder.
    pub fn file(&self, extension: &str) -> std::path::PathBuf {
        crate::layout::document(self.visibility, &self.slug, extension)
    }
}

/// A ready e-mail (the registration request): plain UTF-8 text and one attachment.
#[derive(Debug, Clone, Serialize)]
pub struct Email {
    /// File stem under out/<id>/restricted/.
    pub slug: String,
    pub from_name: String,
    pub from_address: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The date of the message (from the data, so the file is reproducible).
    pub date: Date,
    /// A stable Message-ID (without angle brackets).
    pub message_id: String,
    /// The attached file's name as the recipient sees it.
    pub attachment_name: String,
}
