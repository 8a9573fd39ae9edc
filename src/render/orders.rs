//! The head's orders: on platform use (approves or puts the regulation into force, assigns
//! duties) and on appointing the platform administrator. Both are restricted: they name staff
//! and the admin's mobile number. Their wording is in templates/orders/.

use anyhow::{Context as _, Result};
use serde_json::{json, Value};

use crate::document::{Document, Layout, Visibility};
use crate::grammar::{Case, NameForms};
use crate::model::{Duty, DutyGroup, Institution, LegalActs, Order, OrderKind, Person};

use super::context::{base_context, person_json};
use super::requisites::{framed, Form};
use super::{number_points, RenderContext};

/// «Об использовании ИКОП «Сферум» и учебного профиля …» with its duties.
pub fn render_platform_order(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let (order, data) = platform_order_context(ctx, inst, registry)?;
    let body = number_points(&ctx.templates.render("orders/platform.md", &data)?)?;
    let frame = ctx.templates.frame("orders/platform.frame.txt", &data)?;
    framed(ctx, inst, &frame, Form { slug: "order-platform", visibility: Visibility::Restricted, layout: Layout::Order, body, date: order.date })
}

/// «О назначении администратора ИКОП «Сферум»»: the admin, the mobile number, the duties.
pub fn render_admin_order(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Document> {
    let (order, data) = admin_order_context(ctx, inst, registry)?;
    let body = number_points(&ctx.templates.render("orders/admin.md", &data)?)?;
    let frame = ctx.templates.frame("orders/admin.frame.txt", &data)?;
    framed(ctx, inst, &frame, Form { slug: "order-admin", visibility: Visibility::Restricted, layout: Layout::Order, body, date: order.date })
}

/// The heading of an order as its frame prints it (the acknowledgment sheets name it).
pub fn order_heading(ctx: &RenderContext, inst: &Institution, registry: &LegalActs, kind: OrderKind) -> Result<String> {
    let (name, data) = match kind {
        OrderKind::RegulationApproval => ("orders/platform.frame.txt", platform_order_context(ctx, inst, registry)?.1),
        OrderKind::AdminAppointment => ("orders/admin.frame.txt", admin_order_context(ctx, inst, registry)?.1),
    };
    ctx.templates.frame(name, &data)?.line("heading")
}

fn platform_order_context<'a>(ctx: &RenderContext, inst: &'a Institution, registry: &LegalActs) -> Result<(&'a Order, Value)> {
    let order = inst.order_of_kind(OrderKind::RegulationApproval).context("validated: the platform order exists")?;
    let mut named: Vec<&Person> = order.duties.iter().filter_map(|d| d.person.as_deref()).filter_map(|id| inst.person(id)).collect();
    named.extend(order.control.as_deref().and_then(|id| inst.person(id)));
    let mut data = order_context(ctx, inst, registry, order, &named)?;
    data["order"]["duties"] = order.duties.iter().map(|d| duty_json(ctx, inst, d)).collect();
    Ok((order, data))
}

fn admin_order_context<'a>(ctx: &RenderContext, inst: &'a Institution, registry: &LegalActs) -> Result<(&'a Order, Value)> {
    let order = inst.order_of_kind(OrderKind::AdminAppointment).context("validated: the appointment order exists")?;
    let admin = inst.admin().context("validated: the admin exists")?;
    let extra: Vec<&Person> = order.additional_admins.iter().filter_map(|id| inst.person(id)).collect();
    // Only the people the order names acknowledge it: the admins and the controller.
    let mut named = vec![admin];
    named.extend(extra.iter().copied());
    named.extend(order.control.as_deref().and_then(|id| inst.person(id)));
    let mut data = order_context(ctx, inst, registry, order, &named)?;
    data["admin"] = json!({
        "appointed": accusative_with_post(admin),
        "short_gen": NameForms::of(admin, Case::Gen).short,
        "short_acc": NameForms::of(admin, Case::Acc).short,
        // Restricted document: the number that receives the admin rights is printed here only.
        "phone": admin.phone,
    });
    data["additional_admins"] = extra.iter().map(|p| json!(accusative_with_post(p))).collect();
    data["consent"] = json!(order.consent.as_ref().map(|c| json!({"date": c.date.dotted(), "pay": c.pay, "job_description": c.job_description})));
    Ok((order, data))
}

/// What both orders' templates and frames see: the base context plus the order's requisites,
/// its signer and the people who acknowledge it (`acquainted`: named, each once).
fn order_context(ctx: &RenderContext, inst: &Institution, registry: &LegalActs, order: &Order, named: &[&Person]) -> Result<Value> {
    let mut data = base_context(ctx, inst, registry, order.date)?;
    data["order"] = json!({ "number": order.number, "date": order.date.dotted() });
    data["order"]["control"] = json!(order.control.as_deref().and_then(|id| inst.person(id)).map(accusative_with_post));
    // «от 29.12.2012 № 273-ФЗ «Об образовании …»», from the registry, after «Федеральным законом».
    data["education_law"] = data["laws"]["fz_273"].clone();
    let signer = inst.person(&order.signer).unwrap_or_else(|| inst.head());
    data["signer"] = person_json(ctx, signer);
    let mut seen: Vec<&str> = Vec::new();
    let mut acquainted = Vec::new();
    for p in named.iter().filter(|p| !p.placeholder) {
        if !seen.contains(&p.id.as_str()) {
            seen.push(&p.id);
            acquainted.push(person_json(ctx, p));
        }
    }
    data["acquainted"] = json!(acquainted);
    Ok(data)
}

/// One point of the platform order: a person or a group, by when, which task.
fn duty_json(ctx: &RenderContext, inst: &Institution, d: &Duty) -> Value {
    json!({
        "task": d.task.key().replace('-', "_"),
        "person": d.person.as_deref().and_then(|id| inst.person(id)).map(|p| person_json(ctx, p)),
        "group": d.group.map(DutyGroup::key),
        "deadline": d.deadline.dotted(),
    })
}

/// «методиста Колчанову Ольгу Сергеевну» reads «Колчанову Ольгу Сергеевну, методиста».
fn accusative_with_post(p: &Person) -> String {
    format!("{}, {}", NameForms::of(p, Case::Acc).full, p.post.acc)
}
