//! Requisites shared by every document: signature lines, and the form of a document built
//! from its frame template (the type word, heading, requisite blocks and signature).

use anyhow::Result;

use crate::document::{Block, DateLine, Document, Layout, Signature, Visibility};
use crate::grammar::{Case, NameForms};
use crate::model::{Date, Institution, Person};
use crate::templates::Frame;

use super::RenderContext;

/// «________________ С.В. Суедина»: room for the signature, then the name («И.О. Фамилия» to
/// fill in for a person the data does not name, which only a draft allows).
pub fn signature_line(ctx: &RenderContext, p: &Person) -> String {
    signature_line_of(&signature_name(ctx, p))
}

/// The signature line for a name already written as «И.О. Фамилия» (or empty): the PDF backend
/// finds the signer's line by it, to show the signature mark there.
pub fn signature_line_of(name: &str) -> String {
    format!("________________ {name}").trim_end().to_string()
}

/// «С.В. Суедина» under a signature; the vocabulary's gap (`marks.unnamed_signer`) for a
/// person the data does not name (validation lets such a person sign only in a draft).
pub fn signature_name(ctx: &RenderContext, p: &Person) -> String {
    if p.placeholder { ctx.vocabulary.mark("unnamed_signer").to_string() } else { NameForms::of(p, Case::Nom).initials_first }
}

/// The top of every document's form: the founder (if any) and the full name.
pub fn organisation_lines(inst: &Institution) -> Vec<String> {
    let mut lines: Vec<String> = inst.info.founder.iter().cloned().collect();
    lines.push(inst.info.name.full.nom.clone());
    lines
}

/// What a renderer knows of a document besides its frame: who it is, where it goes, its text.
pub struct Form<'a> {
    pub slug: &'a str,
    pub visibility: Visibility,
    pub layout: Layout,
    pub body: String,
    pub date: Date,
}

/// A document from its form and its rendered frame: `type`, `heading`, `place`, the blocks
/// `top_left`, `top_right` and `closing`, the date line `date` / `number`, and the
/// `signature` (the post on its first line, the name on the next), and `letterhead` lines
/// under the organisation's name (a letter's address and contacts). Every word of it comes
/// from the frame template; the organisation's lines head it.
pub fn framed(ctx: &RenderContext, inst: &Institution, frame: &Frame, form: Form) -> Result<Document> {
    let blocks = |part: &str| frame.blocks(part).into_iter().filter(|l| !l.is_empty()).map(|lines| Block { lines }).collect::<Vec<_>>();
    let date_line = frame.optional_line("date").map(|date| DateLine { date, number: frame.optional_line("number").unwrap_or_default() });
    let signature = frame.blocks("signature").into_iter().next().map(|mut lines| {
        let post = if lines.is_empty() { String::new() } else { lines.remove(0) };
        Signature { post, name: lines.join(" ") }
    });
    let mut header = organisation_lines(inst);
    header.extend(frame.lines("letterhead"));
    Ok(super::typeset_for(
        Document {
            slug: form.slug.into(),
            visibility: form.visibility,
            layout: form.layout,
            header,
            top_left: blocks("top_left"),
            top_right: blocks("top_right"),
            type_word: frame.optional_line("type").unwrap_or_default(),
            heading: frame.line("heading")?,
            date_line,
            place_year: frame.optional_line("place").unwrap_or_default(),
            body: form.body,
            signature,
            closing: blocks("closing"),
            date: form.date,
            ident: format!("{}/{}", inst.info.id, form.slug),
            draft: ctx.draft_mark(inst),
        },
        inst,
    ))
}
