//! Acknowledgment sheets (листы ознакомления): every staff member signs that they have read
//! the regulation and each order. Restricted: they list all staff by name.

use anyhow::Result;
use serde_json::json;

use crate::document::{Document, Layout, Visibility};
use crate::grammar::{Case, NameForms};
use crate::model::{Date, Institution, LegalActs, OrderKind};

use super::context::{base_context, title, type_words};
use super::regulation::approval_date;
use super::requisites::organisation_lines;
use super::{typeset, RenderContext};

/// One sheet per document the staff must read: the regulation and both orders.
pub fn render_acknowledgments(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Vec<Document>> {
    let messenger = ctx.vocabulary.messenger(inst.info.messenger, "gen");
    let word_ins = type_words(inst.info.document.doc_type)[4];
    let mut sheets = vec![(
        "acknowledgment-regulation".to_string(),
        format!("с {word_ins} {}", title(ctx, inst)),
        approval_date(inst),
    )];
    for (kind, slug, heading) in [
        (OrderKind::RegulationApproval, "acknowledgment-order-platform", format!("Об использовании ИКОП „Сферум“ и учебного профиля {messenger}")),
        (OrderKind::AdminAppointment, "acknowledgment-order-admin", "О назначении администратора ИКОП „Сферум“".to_string()),
    ] {
        if let Some(o) = inst.order_of_kind(kind) {
            sheets.push((slug.into(), format!("с приказом от {} № {} «{heading}»", o.date.dotted(), o.number), o.date));
        }
    }
    sheets.into_iter().map(|(slug, heading, date)| sheet(ctx, inst, registry, slug, heading, date)).collect()
}

fn sheet(ctx: &RenderContext, inst: &Institution, registry: &LegalActs, slug: String, heading: String, date: Date) -> Result<Document> {
    let mut data = base_context(ctx, inst, registry, date);
    data["staff_list"] = inst
        .roles
        .people
        .iter()
        .filter(|p| !p.placeholder)
        .map(|p| json!({ "name": NameForms::of(p, Case::Nom).full, "post": p.post.nom }))
        .collect();
    let body = ctx.markdown.render("sheets/acknowledgment.md", &data)?;
    Ok(typeset(Document {
        ident: format!("{}/{slug}", inst.info.id),
        slug,
        visibility: Visibility::Restricted,
        layout: Layout::Form,
        header: organisation_lines(inst),
        top_left: vec![],
        top_right: vec![],
        type_word: "ЛИСТ ОЗНАКОМЛЕНИЯ".into(),
        heading,
        date_line: None,
        place_year: String::new(),
        body,
        signature: None,
        closing: vec![],
        date,
    }))
}
