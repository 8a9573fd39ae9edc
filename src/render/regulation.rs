//! The regulation (Положение / Порядок): text from clause templates, requisites from its frame.

use anyhow::Result;

use crate::document::{Layout, Visibility};
use crate::model::{Approved, Date, Institution, LegalActs};

use super::context::base_context;
use super::requisites::{framed, Form};
use super::{number_clauses, RenderContext};

/// Renders the regulation of one institution.
pub fn render_regulation(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<crate::document::Document> {
    let date = approval_date(inst);
    let mut data = base_context(ctx, inst, registry, date)?;
    data["doc"] = data["regulation"].clone();
    let body = number_clauses(&ctx.templates.render("regulation/main.md", &data)?)?;
    let frame = ctx.templates.frame("regulation/frame.txt", &data)?;
    framed(ctx, inst, &frame, Form { slug: "regulation", visibility: Visibility::Public, layout: Layout::Regulation, body, date })
}

/// The date the regulation takes effect: the approving order's date or the head's signature.
pub fn approval_date(inst: &Institution) -> Date {
    match &inst.info.document.approval.approved {
        Approved::Order { order } => inst.order(order).map(|o| o.date).expect("validated: the approving order exists"),
        Approved::Head { date, .. } => *date,
    }
}
