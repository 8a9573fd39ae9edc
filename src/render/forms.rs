//! Public forms: the chat rules a moderator shows before adding anyone, and the parents'
//! application to opt out of the platform; and the admin's consent (restricted). Their
//! wording is in templates/forms/: the text (`.md`) and the form around it (`.frame.txt`).

use anyhow::{Context as _, Result};
use serde_json::json;

use crate::document::{Document, Layout, Visibility};
use crate::grammar::{Case, NameForms};
use crate::model::{Institution, LegalActs, OrderKind};

use super::context::base_context;
use super::regulation::approval_date;
use super::requisites::{framed, Form};
use super::{number_points, RenderContext};

/// «Правила общения в чатах …» (appendix № 1): one page, numbered points.
pub fn render_chat_rules(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let date = approval_date(inst);
    let mut data = base_context(ctx, inst, registry, date)?;
    data["appendix"] = json!(1);
    let body = number_points(&ctx.templates.render("forms/chat-rules.md", &data)?)?;
    let frame = ctx.templates.frame("forms/chat-rules.frame.txt", &data)?;
    framed(ctx, inst, &frame, Form { slug: "chat-rules", visibility: Visibility::Public, layout: Layout::Form, body, date })
}

/// «Заявление об отказе от использования …» (appendix № 2): a form a parent fills in by hand.
pub fn render_opt_out_form(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let date = approval_date(inst);
    let mut data = base_context(ctx, inst, registry, date)?;
    data["appendix"] = json!(2);
    let body = ctx.templates.render("forms/opt-out.md", &data)?;
    let frame = ctx.templates.frame("forms/opt-out.frame.txt", &data)?;
    framed(ctx, inst, &frame, Form { slug: "opt-out-form", visibility: Visibility::Public, layout: Layout::Form, body, date })
}

/// «Согласие работника на передачу персональных данных …» (restricted): the platform admin's
/// separate written consent to passing their name and mobile number to the platform's
/// operator (ч. 1 ст. 9 152-ФЗ: since 01.09.2025 a consent is a document of its own).
pub fn render_admin_consent(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let order = inst.order_of_kind(OrderKind::AdminAppointment).context("validated: the appointment order exists")?;
    let admin = inst.admin().context("validated: the admin exists")?;
    let mut data = base_context(ctx, inst, registry, order.date)?;
    data["admin"] = json!({
        "full": NameForms::of(admin, Case::Nom).full,
        "post": admin.post.nom,
        // Restricted document: the number the consent is about.
        "phone": admin.phone,
    });
    let body = ctx.templates.render("forms/admin-consent.md", &data)?;
    let frame = ctx.templates.frame("forms/admin-consent.frame.txt", &data)?;
    framed(ctx, inst, &frame, Form { slug: "admin-consent", visibility: Visibility::Restricted, layout: Layout::Form, body, date: order.date })
}
