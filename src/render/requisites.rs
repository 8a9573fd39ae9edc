//! Requisites shared by every document: approval words, signature lines.

use crate::grammar::{Case, NameForms};
use crate::model::{DocumentType, Institution, Person};

/// УТВЕРЖДЕНО (neuter, Положение) or УТВЕРЖДЕН (masculine, Порядок); ПРИНЯТО / ПРИНЯТ likewise.
pub fn participle(stem: &str, t: DocumentType) -> String {
    match t {
        DocumentType::Polozhenie => format!("{stem}О"),
        DocumentType::Poryadok => stem.to_string(),
    }
}

/// «________________ С.В. Суедина»: room for the signature, then the name («И.О. Фамилия» to
/// fill in for a person the data does not name, which only a draft allows).
pub fn signature_line(p: &Person) -> String {
    signature_line_of(&signature_name(p))
}

/// The signature line for a name already written as «И.О. Фамилия» (or empty): the PDF backend
/// finds the signer's line by it, to show the signature mark there.
pub fn signature_line_of(name: &str) -> String {
    format!("________________ {name}").trim_end().to_string()
}

/// «утвержденное» (Положение) or «утвержденный» (Порядок), agreeing with the document type.
pub fn participle_lower(t: DocumentType) -> &'static str {
    match t {
        DocumentType::Polozhenie => "утвержденное",
        DocumentType::Poryadok => "утвержденный",
    }
}

/// «С.В. Суедина» under a signature; the visible gap «И.О. Фамилия» for a person the data does
/// not name (validation lets such a person sign only in a draft).
pub fn signature_name(p: &Person) -> String {
    if p.placeholder { UNNAMED_SIGNER.to_string() } else { NameForms::of(p, Case::Nom).initials_first }
}

/// What a draft prints where the name of a signer the data does not give belongs.
pub const UNNAMED_SIGNER: &str = "И.О. Фамилия";

/// The top of every document's form: the founder (if any) and the full name.
pub fn organisation_lines(inst: &Institution) -> Vec<String> {
    let mut lines: Vec<String> = inst.info.founder.iter().cloned().collect();
    lines.push(inst.info.name.full.nom.clone());
    lines
}
