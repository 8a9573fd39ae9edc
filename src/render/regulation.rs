//! The regulation (Положение / Порядок): requisites from the data, text from clause modules.

use anyhow::Result;

use crate::document::{Block, Document, Layout, Visibility};
use crate::grammar::{Case, NameForms};
use crate::model::{Approved, Date, Institution, LegalActs, Opinion, Protocol};

use super::context::{base_context, capitalise, title, type_words};
use super::requisites::{organisation_lines, participle, signature_line};
use super::{number_clauses, typeset_for, RenderContext};

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
        top_left: top_left_blocks(ctx, inst),
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
        draft: info.draft,
    };
    Ok(typeset_for(doc, inst))
}

/// The date the regulation takes effect: the approving order's date or the head's signature.
pub fn approval_date(inst: &Institution) -> Date {
    match &inst.info.document.approval.approved {
        Approved::Order { order } => inst.order(order).map(|o| o.date).expect("validated: the approving order exists"),
        Approved::Head { date, .. } => *date,
    }
}

/// A protocol not yet known, to be filled in by hand.
pub const BLANK_PROTOCOL: &str = "(протокол от ________ № ____)";

/// «(протокол от 19.09.2024 № 8)».
fn protocol_line(p: &Protocol) -> String {
    format!("(протокол от {} № {})", p.date.dotted(), p.number)
}

/// The top-left requisites: ПРИНЯТО by the collegial body (its chair signs when named), then
/// УЧТЕНО МНЕНИЕ of the councils (ч. 3 ст. 30 273-ФЗ).
fn top_left_blocks(ctx: &RenderContext, inst: &Institution) -> Vec<Block> {
    let approval = &inst.info.document.approval;
    let mut blocks = Vec::new();
    if let Some(a) = &approval.adopted {
        let mut lines = vec![participle("ПРИНЯТ", inst.info.document.doc_type), a.body.clone(), protocol_line(&a.protocol)];
        if let Some(chair) = a.chair.as_deref().and_then(|id| inst.person(id)) {
            lines.push("Председатель".into());
            lines.push(signature_line(chair));
        }
        blocks.push(Block { lines });
    }
    let opinions = approval.considered.as_deref().unwrap_or_default();
    if !opinions.is_empty() {
        let mut lines = vec!["УЧТЕНО МНЕНИЕ".to_string()];
        for o in opinions {
            lines.push(council_name(ctx, inst, o));
            lines.push(o.protocol.as_ref().map_or_else(|| BLANK_PROTOCOL.to_string(), protocol_line));
        }
        blocks.push(Block { lines });
    }
    blocks
}

/// How the act was adopted, for the approving order's preamble: the collegial body with its
/// protocol, and the councils whose opinion was taken, each with its protocol line.
pub fn adoption_json(ctx: &RenderContext, inst: &Institution) -> serde_json::Value {
    let approval = &inst.info.document.approval;
    serde_json::json!({
        "adopted": approval.adopted.as_ref().map(|a| serde_json::json!({"body": a.body, "protocol": protocol_line(&a.protocol)})),
        "considered": approval.considered.as_deref().unwrap_or_default().iter().map(|o| serde_json::json!({
            "name": council_name(ctx, inst, o),
            "protocol": o.protocol.as_ref().map_or_else(|| BLANK_PROTOCOL.to_string(), protocol_line),
        })).collect::<Vec<_>>(),
    })
}

/// A council in the genitive: its own name from the data, else the vocabulary's.
pub fn council_name(ctx: &RenderContext, inst: &Institution, o: &Opinion) -> String {
    o.name.clone().unwrap_or_else(|| ctx.vocabulary.council(o.council, inst.info.kind).to_string())
}

/// УТВЕРЖДЕНО приказом <организации> от … № … (no person), or УТВЕРЖДАЮ signed by the head,
/// with the approving order's number when the data gives one.
fn approved_block(inst: &Institution) -> Block {
    let info = &inst.info;
    match &info.document.approval.approved {
        Approved::Order { order } => {
            let order = inst.order(order).expect("validated: the approving order exists");
            Block {
                lines: vec![
                    participle("УТВЕРЖДЕН", info.document.doc_type),
                    format!("приказом {}", info.name.short),
                    format!("от {} № {}", order.date.dotted(), order.number),
                ],
            }
        }
        Approved::Head { date, order } => {
            let head = inst.head();
            let mut lines = vec!["УТВЕРЖДАЮ".into(), format!("{} {}", capitalise(&head.post.nom), info.name.short), signature_line(head), date.dotted()];
            if let Some(o) = order.as_deref().and_then(|id| inst.order(id)) {
                lines.push(format!("(приказ от {} № {})", o.date.dotted(), o.number));
            }
            Block { lines }
        }
    }
}

/// The closing requisites: visas of internal approval (position, signature, name, date) and
/// the drafter.
fn closing_blocks(inst: &Institution) -> Vec<Block> {
    let doc = &inst.info.document;
    let mut blocks: Vec<Block> = doc
        .approval
        .visas
        .iter()
        .filter_map(|a| {
            let p = inst.person(&a.person)?;
            Some(Block { lines: vec![format!("{} {}", capitalise(&p.post.nom), inst.info.name.short), signature_line(p), a.date.dotted()] })
        })
        .collect();
    if let Some(author) = doc.author.as_deref().and_then(|id| inst.person(id)).filter(|p| !p.placeholder) {
        blocks.push(Block {
            lines: vec![format!("Разработчик: {}, {}", NameForms::of(author, Case::Nom).initials_first, author.post.nom)],
        });
    }
    blocks
}
