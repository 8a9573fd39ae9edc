//! Acknowledgment sheets (листы ознакомления): the staff sign «под роспись» that they have read
//! the regulation and each order. Restricted: they list staff by name.

use anyhow::Result;
use serde_json::{json, Value};

use crate::document::{Document, Layout, Visibility};
use crate::model::{Date, Institution, LegalActs, Order, OrderKind, Person};

use super::citations::nested_quotes;
use super::context::base_context;
use super::orders::order_heading;
use super::regulation::approval_date;
use super::requisites::{framed, signature_name, Form};
use super::RenderContext;

/// One sheet to render: which act (what `sheet` the templates see), its date, who signs.
struct Sheet<'a> {
    slug: &'static str,
    act: Value,
    date: Date,
    signers: Vec<&'a Person>,
}

/// One sheet per act the staff must read: the regulation and the order on platform use for
/// all staff, the admin's appointment for the people that order names. The head, who
/// approves and signs the acts, is never listed.
pub fn render_acknowledgments(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Vec<Document>> {
    let staff: Vec<&Person> = inst.roles.people.iter().collect();
    let mut sheets = vec![Sheet {
        slug: "acknowledgment-regulation",
        act: json!({ "act": "regulation" }),
        date: approval_date(inst),
        signers: staff.clone(),
    }];
    if let Some(order) = inst.order_of_kind(OrderKind::RegulationApproval) {
        sheets.push(order_sheet("acknowledgment-order-platform", &order_heading(ctx, inst, registry, OrderKind::RegulationApproval)?, order, staff));
    }
    if let Some(order) = inst.order_of_kind(OrderKind::AdminAppointment) {
        let named = order.admin.iter().chain(&order.additional_admins).chain(&order.control).filter_map(|id| inst.person(id)).collect();
        sheets.push(order_sheet("acknowledgment-order-admin", &order_heading(ctx, inst, registry, OrderKind::AdminAppointment)?, order, named));
    }
    sheets.into_iter().map(|s| sheet(ctx, inst, registry, s)).collect()
}

/// The sheet of an order, named by the order's own heading (in quotes, so its inner quotes
/// become „…“).
fn order_sheet<'a>(slug: &'static str, heading: &str, order: &Order, signers: Vec<&'a Person>) -> Sheet<'a> {
    let act = json!({ "act": "order", "order": { "date": order.date.dotted(), "number": order.number, "heading": nested_quotes(heading) } });
    Sheet { slug, act, date: order.date, signers }
}

fn sheet(ctx: &RenderContext, inst: &Institution, registry: &LegalActs, s: Sheet) -> Result<Document> {
    let head = &inst.head().id;
    let mut seen: Vec<&str> = Vec::new();
    let mut people = Vec::new();
    for p in s.signers.into_iter().filter(|p| !p.placeholder && &p.id != head) {
        if !seen.contains(&p.id.as_str()) {
            seen.push(&p.id);
            people.push(json!({ "post": p.post.nom, "name": signature_name(ctx, p) }));
        }
    }
    let mut data = base_context(ctx, inst, registry, s.date)?;
    data["sheet"] = s.act;
    data["sheet"]["people"] = json!(people);
    let body = ctx.templates.render("sheets/acknowledgment.md", &data)?;
    let frame = ctx.templates.frame("sheets/acknowledgment.frame.txt", &data)?;
    framed(ctx, inst, &frame, Form { slug: s.slug, visibility: Visibility::Restricted, layout: Layout::Form, body, date: s.date })
}
