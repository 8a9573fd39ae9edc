//! Acknowledgment sheets (листы ознакомления): the staff sign «под роспись» that they have read
//! the regulation and each order. Restricted: they list staff by name.

use anyhow::Result;
use serde_json::{json, Value};

use crate::document::{Document, Layout, Visibility};
use crate::model::{Approved, Date, Institution, LegalActs, Order, OrderKind, Person};

use super::citations::nested_quotes;
use super::context::base_context;
use super::orders::{platform_order_heading, ADMIN_ORDER_HEADING};
use super::regulation::approval_date;
use super::requisites::{organisation_lines, signature_name};
use super::{typeset_for, RenderContext};

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
    let approval = match &inst.info.document.approval.approved {
        Approved::Order { order } => inst.order(order).map_or(Value::Null, |o| json!({ "by": "order", "date": o.date.dotted(), "number": o.number })),
        Approved::Head { date, .. } => json!({ "by": "head", "date": date.dotted() }),
    };
    let mut sheets = vec![Sheet {
        slug: "acknowledgment-regulation",
        act: json!({ "act": "regulation", "approval": approval }),
        date: approval_date(inst),
        signers: staff.clone(),
    }];
    if let Some(order) = inst.order_of_kind(OrderKind::RegulationApproval) {
        sheets.push(order_sheet("acknowledgment-order-platform", &platform_order_heading(ctx, inst), order, staff));
    }
    if let Some(order) = inst.order_of_kind(OrderKind::AdminAppointment) {
        let named = order.admin.iter().chain(&order.additional_admins).chain(&order.control).filter_map(|id| inst.person(id)).collect();
        sheets.push(order_sheet("acknowledgment-order-admin", ADMIN_ORDER_HEADING, order, named));
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
            people.push(json!({ "post": p.post.nom, "name": signature_name(p) }));
        }
    }
    let mut data = base_context(ctx, inst, registry, s.date);
    data["sheet"] = s.act;
    data["sheet"]["people"] = json!(people);
    let heading = ctx.markdown.render("sheets/heading.txt", &data)?.trim().to_string();
    let body = ctx.markdown.render("sheets/acknowledgment.md", &data)?;
    Ok(typeset_for(
        Document {
            ident: format!("{}/{}", inst.info.id, s.slug),
            draft: inst.info.draft,
            slug: s.slug.into(),
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
            date: s.date,
        },
        inst,
    ))
}
