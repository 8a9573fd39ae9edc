//! The registration request: a cover letter on the organisation's letterhead (PDF) and the
//! e-mail to info@sferum.ru with the appointment order attached. Restricted: both carry
//! the admin's mobile number. Their wording is in templates/letters/.

use anyhow::{Context as _, Result};
use serde_json::json;

use crate::document::{Document, Email, Layout, Visibility};
use crate::grammar::{Case, NameForms};
use crate::model::{Gender, Institution, LegalActs, OrderKind};

use super::context::base_context;
use super::requisites::{framed, Form};
use super::RenderContext;

/// The platform's support address, where registration requests go.
pub const SUPPORT_ADDRESS: &str = "info@sferum.ru";

fn letter_data(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<serde_json::Value> {
    let order = inst.order_of_kind(OrderKind::AdminAppointment).context("validated: the appointment order exists")?;
    let admin = inst.admin().context("validated: the admin exists")?;
    let mut data = base_context(ctx, inst, registry, order.date)?;
    data["order"] = json!({ "number": order.number, "date": order.date.dotted() });
    data["admin"] = json!({
        "full": NameForms::of(admin, Case::Nom).full,
        "initials_first": NameForms::of(admin, Case::Nom).initials_first,
        "post": admin.post.nom,
        "female": admin.gender == Gender::Female,
        // Restricted documents only: the number that receives the admin rights.
        "phone": admin.phone,
    });
    data["support_address"] = json!(SUPPORT_ADDRESS);
    Ok(data)
}

/// The cover letter, signed by the head, that accompanies the request.
pub fn render_registration_letter(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let data = letter_data(ctx, inst, registry)?;
    let order = inst.order_of_kind(OrderKind::AdminAppointment).context("validated: the appointment order exists")?;
    let body = ctx.templates.render("letters/registration.md", &data)?;
    let frame = ctx.templates.frame("letters/registration.frame.txt", &data)?;
    framed(ctx, inst, &frame, Form { slug: "registration-letter", visibility: Visibility::Restricted, layout: Layout::Letter, body, date: order.date })
}

/// The e-mail the admin sends to the platform's support, ready to open in a mail program.
pub fn render_registration_email(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Email> {
    let data = letter_data(ctx, inst, registry)?;
    let frame = ctx.templates.frame("letters/registration.frame.txt", &data)?;
    let order = inst.order_of_kind(OrderKind::AdminAppointment).context("validated: the appointment order exists")?;
    let admin = inst.admin().context("validated: the admin exists")?;
    let from_address = admin.email.clone().context("validated: the admin has an e-mail")?;
    let domain = from_address.rsplit_once('@').map_or("sferum-gen.invalid", |(_, d)| d).to_string();
    Ok(Email {
        slug: "registration-request".into(),
        // «Колчанова О.С.»: short enough for one encoded word, which every mail reader joins right.
        from_name: NameForms::of(admin, Case::Nom).short,
        from_address,
        to: SUPPORT_ADDRESS.into(),
        subject: frame.line("subject")?,
        body: super::numbering::collapse_blank_lines(&ctx.templates.render("letters/registration-email.txt", &data)?),
        date: order.date,
        message_id: format!("registration.{}.{}@{domain}", inst.info.id, order.date),
        attachment_name: frame.line("attachment")?,
    })
}
