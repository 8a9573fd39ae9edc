//! The head's orders: on platform use (approves or puts the regulation into force, assigns
//! duties) and on appointing the platform administrator. Both are restricted: they name staff
//! and the admin's mobile number.

use anyhow::{Context as _, Result};
use serde_json::{json, Value};

use crate::document::{Block, DateLine, Document, Layout, Signature, Visibility};
use crate::grammar::{Case, NameForms};
use crate::model::{Approved, DocumentType, Duty, DutyGroup, Institution, LegalActs, Order, OrderKind, Person};

use super::context::{base_context, capitalise, person_json};
use super::requisites::{organisation_lines, participle_lower, signature_name};
use super::{number_points, typeset_for, RenderContext};

/// «Об использовании ИКОП «Сферум» и учебного профиля …» with its duties.
pub fn render_platform_order(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let order = inst.order_of_kind(OrderKind::RegulationApproval).context("validated: the platform order exists")?;
    let mut data = order_context(ctx, inst, registry, order);
    // The institution's words, as the template sees them (`v`), name the groups that do a duty.
    let duties: Vec<Value> = order.duties.iter().map(|d| duty_json(inst, &data["v"], d)).collect();
    data["order"]["duties"] = duties.into();
    data["order"]["control"] = json!(order.control.as_deref().and_then(|id| inst.person(id)).map(accusative_with_post));
    data["approved_by_order"] = json!(matches!(inst.info.document.approval.approved, Approved::Order { .. }));
    let body = number_points(&ctx.markdown.render("orders/platform.md", &data)?)?;
    let mut named: Vec<&Person> = order.duties.iter().filter_map(|d| d.person.as_deref()).filter_map(|id| inst.person(id)).collect();
    named.extend(order.control.as_deref().and_then(|id| inst.person(id)));
    Ok(order_document(inst, order, "order-platform", platform_order_heading(ctx, inst), body, &named))
}

/// «О назначении администратора ИКОП «Сферум»»: the admin, the mobile number, the duties.
pub fn render_admin_order(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let order = inst.order_of_kind(OrderKind::AdminAppointment).context("validated: the appointment order exists")?;
    let admin = inst.admin().context("validated: the admin exists")?;
    let extra: Vec<&Person> = order.additional_admins.iter().filter_map(|id| inst.person(id)).collect();
    let mut data = order_context(ctx, inst, registry, order);
    data["admin"] = json!({
        "appointed": accusative_with_post(admin),
        "short_gen": NameForms::of(admin, Case::Gen).short,
        "short_acc": NameForms::of(admin, Case::Acc).short,
        // Restricted document: the number that receives the admin rights is printed here only.
        "phone": admin.phone,
    });
    data["additional_admins"] = extra.iter().map(|p| json!(accusative_with_post(p))).collect();
    data["consent"] = json!(order.consent.as_ref().map(|c| json!({"date": c.date.dotted(), "pay": c.pay, "job_description": c.job_description})));
    data["order"]["control"] = json!(order.control.as_deref().and_then(|id| inst.person(id)).map(accusative_with_post));
    let body = number_points(&ctx.markdown.render("orders/admin.md", &data)?)?;
    // Only the people the order names acknowledge it: the admins and the controller.
    let mut named = vec![admin];
    named.extend(extra);
    named.extend(order.control.as_deref().and_then(|id| inst.person(id)));
    Ok(order_document(inst, order, "order-admin", ADMIN_ORDER_HEADING.into(), body, &named))
}

/// The heading of the order appointing the platform administrator.
pub const ADMIN_ORDER_HEADING: &str = "О назначении администратора ИКОП «Сферум»";

/// The heading of the order on platform use: a Порядок is approved by «Об утверждении Порядка …».
pub fn platform_order_heading(ctx: &RenderContext, inst: &Institution) -> String {
    let approves_poryadok = inst.info.document.doc_type == DocumentType::Poryadok && matches!(inst.info.document.approval.approved, Approved::Order { .. });
    if approves_poryadok {
        format!("Об утверждении Порядка {}", super::context::title(ctx, inst))
    } else {
        format!("Об использовании ИКОП «Сферум» и учебного профиля {}", ctx.vocabulary.messenger(inst.info.messenger, "gen"))
    }
}

/// What both orders' templates see: the base context plus the order's requisites.
fn order_context(ctx: &RenderContext, inst: &Institution, registry: &LegalActs, order: &Order) -> Value {
    let mut data = base_context(ctx, inst, registry, order.date);
    data["order"] = json!({ "number": order.number, "date": order.date.dotted() });
    // «от 29.12.2012 № 273-ФЗ «Об образовании …»», from the registry, after «Федеральным законом».
    let law = registry.get("fz-273").map(super::citations::dated_title);
    data["education_law"] = json!(law);
    data["regulation"]["approved_participle"] = json!(participle_lower(inst.info.document.doc_type));
    data["regulation"]["approved_on"] = json!(super::regulation::approval_date(inst).dotted());
    data["signer"] = inst.person(&order.signer).map(person_json).unwrap_or(Value::Null);
    data["adoption"] = super::regulation::adoption_json(ctx, inst);
    data
}

/// One point of the platform order: who (in the dative), by when, which task.
fn duty_json(inst: &Institution, v: &Value, d: &Duty) -> Value {
    let who = match (&d.person, d.group) {
        (Some(id), _) => inst.person(id).map(|p| {
            let post = p.post.dat.clone().unwrap_or_else(|| p.post.r#gen.clone());
            format!("{} {}", capitalise(&post), NameForms::of(p, Case::Dat).short)
        }),
        (None, Some(DutyGroup::Curators)) => v["curator"]["dat_pl"].as_str().map(capitalise),
        (None, Some(DutyGroup::Teachers)) => v["teacher"]["dat_pl"].as_str().map(capitalise),
        (None, Some(DutyGroup::Deputies)) => Some(format!("Заместителям {}", inst.head().post.r#gen)),
        (None, None) => None,
    };
    json!({ "task": d.task.key().replace('-', "_"), "who": who.unwrap_or_default(), "deadline": d.deadline.dotted() })
}

/// «методиста Колчанову Ольгу Сергеевну» reads «Колчанову Ольгу Сергеевну, методиста».
fn accusative_with_post(p: &Person) -> String {
    let post = p.post.acc.clone().unwrap_or_else(|| p.post.r#gen.clone());
    format!("{}, {post}", NameForms::of(p, Case::Acc).full)
}

/// The order's form: organisation, ПРИКАЗ, date and number, place, heading, signature,
/// and «С приказом ознакомлены» for everyone the order names.
fn order_document(inst: &Institution, order: &Order, slug: &str, heading: String, body: String, named: &[&Person]) -> Document {
    let info = &inst.info;
    let signer = inst.person(&order.signer).unwrap_or_else(|| inst.head());
    let mut seen = Vec::new();
    let mut acquainted = vec!["С приказом ознакомлены:".to_string()];
    for p in named.iter().filter(|p| !p.placeholder) {
        if !seen.contains(&p.id) {
            seen.push(p.id.clone());
            acquainted.push(format!("{} ________________ «___» ____________ 20___ г.", NameForms::of(p, Case::Nom).initials_first));
        }
    }
    let doc = Document {
        slug: slug.into(),
        visibility: Visibility::Restricted,
        layout: Layout::Order,
        header: organisation_lines(inst),
        top_left: vec![],
        top_right: vec![],
        type_word: "ПРИКАЗ".into(),
        heading,
        date_line: Some(DateLine { date: order.date.dotted(), number: format!("№ {}", order.number) }),
        place_year: info.city.clone(),
        body,
        signature: Some(Signature { post: capitalise(&signer.post.nom), name: signature_name(signer) }),
        closing: if acquainted.len() > 1 { vec![Block { lines: acquainted }] } else { vec![] },
        date: order.date,
        ident: format!("{}/{slug}", info.id),
        draft: info.draft,
    };
    typeset_for(doc, inst)
}
