//! The regulation (Положение / Порядок): requisites from the data, text from clause modules.

use anyhow::Result;

use crate::document::{Block, Document, Layout, Visibility};
use crate::grammar::{Case, NameForms};
use crate::model::{Approved, Date, Institution, LegalActs};

use super::context::{base_context, capitalise, title, type_words};
use super::requisites::{organisation_lines, participle, signature_line};
use super::{number_clauses, typeset, RenderContext};

/// Renders the regulation of one institution.
pub fn render_regulation(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let date = approval_date(inst);
    let mut data = base_context(ctx, inst, registry, date);
    data["doc"] = data["regulation"].clone();
    let markdown = ctx.markdown.render("regulation/main.md", &data)?;
    let body = number_clauses(&markdown)?;
    let info = &inst.info;
    let doc = Document {
        slug: "regulation".into(),
        visibility: Visibility::Public,
        layout: Layout::Regulation,
        header: organisation_lines(inst),
        top_left: info.document.approval.adopted.as_ref().map(|a| adopted_block(inst, a)).into_iter().collect(),
        top_right: vec![approved_block(inst)],
        type_word: type_words(info.document.doc_type)[0].to_uppercase(),
        heading: title(ctx, inst),
        date_line: None,
        place_year: format!("{}, {}", info.city, date.year),
        body,
        signature: None,
        closing: closing_blocks(inst),
        date,
        ident: format!("{}/regulation", info.id),
    };
    Ok(typeset(doc))
}

/// The date the regulation takes effect: the approving order's date or the head's signature.
pub fn approval_date(inst: &Institution) -> Date {
    match &inst.info.document.approval.approved {
        Approved::Order { order } => inst.order(order).map(|o| o.date).expect("validated: the approving order exists"),
        Approved::Head { date } => *date,
    }
}

fn adopted_block(inst: &Institution, a: &crate::model::Adoption) -> Block {
    Block {
        lines: vec![
            participle("ПРИНЯТ", inst.info.document.doc_type),
            a.body.clone(),
            format!("(протокол от {} № {})", a.protocol.date.dotted(), a.protocol.number),
        ],
    }
}

fn approved_block(inst: &Institution) -> Block {
    let info = &inst.info;
    match &info.document.approval.approved {
        Approved::Order { order } => {
            let order = inst.order(order).expect("validated: the approving order exists");
            let signer = inst.person(&order.signer).expect("validated: the signer exists");
            let mut lines = vec![participle("УТВЕРЖДЕН", info.document.doc_type), format!("приказом {} {}", signer.post.r#gen, info.name.short)];
            if !signer.placeholder {
                lines.push(NameForms::of(signer, Case::Gen).short);
            }
            lines.push(format!("от {} № {}", order.date.dotted(), order.number));
            Block { lines }
        }
        Approved::Head { date } => {
            let head = inst.head();
            Block {
                lines: vec![
                    "УТВЕРЖДАЮ".into(),
                    format!("{} {}", capitalise(&head.post.nom), info.name.short),
                    signature_line(head),
                    date.dotted(),
                ],
            }
        }
    }
}

fn closing_blocks(inst: &Institution) -> Vec<Block> {
    let doc = &inst.info.document;
    let mut blocks: Vec<Block> = doc
        .approval
        .agreed
        .iter()
        .filter_map(|a| {
            let p = inst.person(&a.person)?;
            Some(Block {
                lines: vec![
                    "СОГЛАСОВАНО".into(),
                    format!("{} {}", capitalise(&p.post.nom), inst.info.name.short),
                    signature_line(p),
                    a.date.dotted(),
                ],
            })
        })
        .collect();
    if let Some(author) = doc.author.as_deref().and_then(|id| inst.person(id)).filter(|p| !p.placeholder) {
        blocks.push(Block {
            lines: vec![format!("Разработчик: {}, {}", NameForms::of(author, Case::Nom).initials_first, author.post.nom)],
        });
    }
    blocks
}
