//! Public forms: the chat rules a moderator shows before adding anyone, and the parents'
//! application to opt out of the platform. They name no one but the head as addressee.

use anyhow::Result;

use crate::document::{Block, Document, Layout, Visibility};
use crate::grammar::{Case, NameForms};
use crate::model::{Institution, LegalActs};

use super::context::{base_context, capitalise};
use super::regulation::approval_date;
use super::requisites::organisation_lines;
use super::{number_points, typeset, RenderContext};

/// «Правила общения в чатах …»: one page, numbered points.
pub fn render_chat_rules(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let data = base_context(ctx, inst, registry, approval_date(inst));
    let body = number_points(&ctx.markdown.render("forms/chat-rules.md", &data)?)?;
    Ok(typeset(Document {
        slug: "chat-rules".into(),
        visibility: Visibility::Public,
        layout: Layout::Form,
        header: organisation_lines(inst),
        top_left: vec![],
        top_right: vec![],
        type_word: "ПРАВИЛА".into(),
        heading: format!("общения в чатах {} на ИКОП «Сферум»", inst.info.name.self_ref.r#gen),
        date_line: None,
        place_year: inst.info.city.clone(),
        body,
        signature: None,
        closing: vec![],
        date: approval_date(inst),
        ident: format!("{}/chat-rules", inst.info.id),
    }))
}

/// «Заявление об отказе от использования …»: a form a parent fills in by hand.
pub fn render_opt_out_form(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let data = base_context(ctx, inst, registry, approval_date(inst));
    let body = ctx.markdown.render("forms/opt-out.md", &data)?;
    let head = inst.head();
    let mut addressee = vec![format!("{} {}", capitalise(head.post.dat.as_deref().unwrap_or(&head.post.nom)), inst.info.name.short)];
    if !head.placeholder {
        addressee.push(NameForms::of(head, Case::Dat).short);
    }
    addressee.extend([
        "от ____________________________".to_string(),
        "(фамилия, имя, отчество родителя (законного представителя))".to_string(),
        "_______________________________".to_string(),
        "(контактный телефон)".to_string(),
    ]);
    Ok(typeset(Document {
        slug: "opt-out-form".into(),
        visibility: Visibility::Public,
        layout: Layout::Form,
        header: organisation_lines(inst),
        top_left: vec![],
        top_right: vec![Block { lines: addressee }],
        type_word: "ЗАЯВЛЕНИЕ".into(),
        heading: "об отказе от использования ИКОП «Сферум»".into(),
        date_line: None,
        place_year: String::new(),
        body,
        signature: None,
        closing: vec![Block {
            lines: vec![
                "«___» ____________ 20___ г.      ______________ / ______________________".into(),
                "(дата, подпись, расшифровка подписи)".into(),
            ],
        }],
        date: approval_date(inst),
        ident: format!("{}/opt-out-form", inst.info.id),
    }))
}
