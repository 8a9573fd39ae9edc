//! Public forms: the chat rules a moderator shows before adding anyone, and the parents'
//! application to opt out of the platform. They name no one but the head as addressee.

use anyhow::{Context as _, Result};
use serde_json::json;

use crate::document::{Block, Document, Layout, Visibility};
use crate::grammar::{Case, NameForms};
use crate::model::{Approved, Institution, LegalActs, OrderKind};

use super::context::{base_context, capitalise, type_words};
use super::regulation::approval_date;
use super::requisites::organisation_lines;
use super::{number_points, typeset_for, RenderContext};

/// «Правила общения в чатах …»: one page, numbered points.
pub fn render_chat_rules(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let data = base_context(ctx, inst, registry, approval_date(inst));
    let body = number_points(&ctx.markdown.render("forms/chat-rules.md", &data)?)?;
    Ok(typeset_for(Document {
        slug: "chat-rules".into(),
        visibility: Visibility::Public,
        layout: Layout::Form,
        header: organisation_lines(inst),
        top_left: vec![],
        top_right: vec![appendix_block(inst, 1)],
        type_word: "ПРАВИЛА".into(),
        heading: format!("общения в чатах {} на ИКОП «Сферум»", inst.info.name.self_ref.r#gen),
        date_line: None,
        place_year: inst.info.city.clone(),
        body,
        signature: None,
        closing: vec![],
        date: approval_date(inst),
        ident: format!("{}/chat-rules", inst.info.id),
        draft: inst.info.draft,
    }, inst))
}

/// «Приложение № 1 к Положению, утвержденному приказом ЧПОУ «ИТЭП» от … № …» (or «…
/// утвержденному директором ЧПОУ «ИТЭП» 01.10.2025»): the mark of an appendix approved
/// together with the regulation.
fn appendix_block(inst: &Institution, number: u8) -> Block {
    let info = &inst.info;
    let word = type_words(info.document.doc_type)[2];
    let approved = match &info.document.approval.approved {
        Approved::Order { order } => {
            let o = inst.order(order).expect("validated: the approving order exists");
            vec![format!("утвержденному приказом {}", info.name.short), format!("от {} № {}", o.date.dotted(), o.number)]
        }
        Approved::Head { date, .. } => vec![format!("утвержденному {} {}", inst.head().post.ins.as_deref().unwrap_or(&inst.head().post.nom), info.name.short), date.dotted()],
    };
    let mut lines = vec![format!("Приложение № {number}"), format!("к {word},")];
    lines.extend(approved);
    Block { lines }
}

/// «Заявление об отказе от использования …»: a form a parent fills in by hand.
pub fn render_opt_out_form(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let data = base_context(ctx, inst, registry, approval_date(inst));
    let body = ctx.markdown.render("forms/opt-out.md", &data)?;
    let head = inst.head();
    // «Директору ЧПОУ «ИТЭП» С.В. Суединой».
    let mut addressee = vec![format!("{} {}", capitalise(head.post.dat.as_deref().unwrap_or(&head.post.nom)), inst.info.name.short)];
    if !head.placeholder {
        addressee.push(NameForms::of(head, Case::Dat).initials_first);
    }
    addressee.extend([
        "от ____________________________".to_string(),
        "(фамилия, имя, отчество заявителя)".to_string(),
        "_______________________________".to_string(),
        "(контактный телефон)".to_string(),
    ]);
    Ok(typeset_for(Document {
        slug: "opt-out-form".into(),
        visibility: Visibility::Public,
        layout: Layout::Form,
        header: organisation_lines(inst),
        top_left: vec![],
        top_right: vec![appendix_block(inst, 2), Block { lines: addressee }],
        type_word: "ЗАЯВЛЕНИЕ".into(),
        heading: "об отказе от использования ИКОП «Сферум»".into(),
        date_line: None,
        place_year: String::new(),
        body,
        signature: None,
        closing: vec![handwritten_signature()],
        date: approval_date(inst),
        ident: format!("{}/opt-out-form", inst.info.id),
        draft: inst.info.draft,
    }, inst))
}

/// «Согласие работника на передачу персональных данных …» (restricted): the platform admin's
/// separate written consent to passing their name and mobile number to the platform's
/// operator (ч. 1 ст. 9 152-ФЗ: since 01.09.2025 a consent is a document of its own).
pub fn render_admin_consent(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let order = inst.order_of_kind(OrderKind::AdminAppointment).context("validated: the appointment order exists")?;
    let admin = inst.admin().context("validated: the admin exists")?;
    let mut data = base_context(ctx, inst, registry, order.date);
    data["admin"] = json!({
        "full": NameForms::of(admin, Case::Nom).full,
        "post": admin.post.nom,
        // Restricted document: the number the consent is about.
        "phone": admin.phone,
    });
    let body = ctx.markdown.render("forms/admin-consent.md", &data)?;
    Ok(typeset_for(Document {
        slug: "admin-consent".into(),
        visibility: Visibility::Restricted,
        layout: Layout::Form,
        header: organisation_lines(inst),
        top_left: vec![],
        top_right: vec![],
        type_word: "СОГЛАСИЕ".into(),
        heading: "работника на передачу персональных данных оператору ИКОП «Сферум»".into(),
        date_line: None,
        place_year: inst.info.city.clone(),
        body,
        signature: None,
        closing: vec![handwritten_signature()],
        date: order.date,
        ident: format!("{}/admin-consent", inst.info.id),
        draft: inst.info.draft,
    }, inst))
}

/// The lines where the applicant of a form writes the date, signs and writes out the name.
fn handwritten_signature() -> Block {
    Block {
        lines: vec![
            "«___» ____________ 20___ г.      ______________ / ______________________".into(),
            "(дата, подпись, расшифровка подписи)".into(),
        ],
    }
}
