//! The registration request: a cover letter on the organisation's letterhead (PDF) and the
//! e-mail to info@sferum.ru with the appointment order attached. Restricted: both carry
//! the admin's mobile number.

use anyhow::{Context as _, Result};
use serde_json::json;

use crate::document::{Block, DateLine, Document, Email, Layout, Signature, Visibility};
use crate::grammar::{Case, NameForms};
use crate::model::{Gender, Institution, LegalActs, OrderKind};

use super::context::{base_context, capitalise};
use super::requisites::{organisation_lines, signature_name};
use super::{typeset_for, RenderContext};

/// The platform's support address and the subject its registration requests must carry.
pub const SUPPORT_ADDRESS: &str = "info@sferum.ru";
pub const REGISTRATION_SUBJECT: &str = "СФЕРУМ:Регистрация организации";

fn letter_data(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<serde_json::Value> {
    let order = inst.order_of_kind(OrderKind::AdminAppointment).context("validated: the appointment order exists")?;
    let admin = inst.admin().context("validated: the admin exists")?;
    let mut data = base_context(ctx, inst, registry, order.date);
    data["order"] = json!({ "number": order.number, "date": order.date.dotted() });
    data["admin"] = json!({
        "full": NameForms::of(admin, Case::Nom).full,
        "initials_first": NameForms::of(admin, Case::Nom).initials_first,
        "post": admin.post.nom,
        "appointed_word": if admin.gender == Gender::Female { "назначена" } else { "назначен" },
        // Restricted documents only: the number that receives the admin rights.
        "phone": admin.phone,
    });
    data["support_address"] = json!(SUPPORT_ADDRESS);
    data["subject"] = json!(REGISTRATION_SUBJECT);
    Ok(data)
}

/// The cover letter, signed by the head, that accompanies the request.
pub fn render_registration_letter(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let data = letter_data(ctx, inst, registry)?;
    let order = inst.order_of_kind(OrderKind::AdminAppointment).context("validated: the appointment order exists")?;
    let admin = inst.admin().context("validated: the admin exists")?;
    let head = inst.head();
    let info = &inst.info;
    let mut header = organisation_lines(inst);
    if let Some(c) = &info.contacts {
        header.extend(c.address.clone());
        let reach: Vec<String> = [c.phone.as_ref().map(|p| format!("тел. {p}")), c.email.as_ref().map(|e| format!("e-mail: {e}"))].into_iter().flatten().collect();
        if !reach.is_empty() {
            header.push(reach.join(", "));
        }
        let numbers: Vec<String> = [c.inn.as_ref().map(|i| format!("ИНН {i}")), c.ogrn.as_ref().map(|o| format!("ОГРН {o}"))].into_iter().flatten().collect();
        if !numbers.is_empty() {
            header.push(numbers.join(", "));
        }
    }
    Ok(typeset_for(Document {
        slug: "registration-letter".into(),
        visibility: Visibility::Restricted,
        layout: Layout::Letter,
        header,
        top_left: vec![],
        top_right: vec![Block { lines: vec!["Службе технической поддержки".into(), "ИКОП «Сферум»".into(), SUPPORT_ADDRESS.into()] }],
        type_word: String::new(),
        heading: "О регистрации на ИКОП «Сферум»".into(),
        date_line: Some(DateLine { date: order.date.dotted(), number: "№ ________".into() }),
        place_year: String::new(),
        body: ctx.markdown.render("letters/registration.md", &data)?,
        signature: Some(Signature { post: format!("{} {}", capitalise(&head.post.nom), info.name.short), name: signature_name(head) }),
        closing: vec![Block {
            lines: vec![
                format!("Исп. {}", NameForms::of(admin, Case::Nom).initials_first),
                format!("тел. {}", admin.phone.clone().unwrap_or_default()),
            ],
        }],
        date: order.date,
        ident: format!("{}/registration-letter", info.id),
        draft: info.draft,
    }, inst))
}

/// The e-mail the admin sends to the platform's support, ready to open in a mail program.
pub fn render_registration_email(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Email> {
    let data = letter_data(ctx, inst, registry)?;
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
        subject: REGISTRATION_SUBJECT.into(),
        body: super::numbering::collapse_blank_lines(&ctx.markdown.render("letters/registration-email.txt", &data)?),
        date: order.date,
        message_id: format!("registration.{}.{}@{domain}", inst.info.id, order.date),
        attachment_name: format!("Приказ_{}_от_{}.pdf", order.number.replace(' ', "_"), order.date.dotted()),
    })
}
