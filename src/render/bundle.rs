//! One institution rendered once: every part of it as data (documents, the e-mail, the site's
//! pages, the rosters and handouts, the runtime config), never bytes. The export stage turns a
//! bundle into files.

use anyhow::{Context as _, Result};
use serde_json::Value;

use super::{
    render_acknowledgments, render_admin_consent, render_admin_order, render_chat_rules, render_opt_out_form, render_platform_order, render_registration_email,
    render_registration_letter, render_regulation, render_runtime_config, RenderContext,
};
use crate::document::{Document, Email, Visibility};
use crate::model::{Institution, LegalActs};
use crate::plan::DocumentKind;

/// Everything one institution gets, as data.
pub struct Bundle {
    /// The institution's id (its folder under out/).
    pub id: String,
    /// Its parts in the order of `DocumentKind::ALL`, one per kind at most.
    pub parts: Vec<Part>,
}

/// One kind of output of an institution.
pub struct Part {
    pub kind: DocumentKind,
    pub content: Content,
}

/// What a part holds.
pub enum Content {
    /// Text documents, each exported in its forms (PDF, DOCX, and HTML when public).
    Documents(Vec<Document>),
    /// The order appointing the admin and the registration e-mail that carries its PDF.
    OrderWithEmail { order: Document, email: Email },
    /// config/runtime.json.
    RuntimeConfig(Value),
    /// The onboarding site (its `documents/` are copies of the exported public documents).
    Site(crate::site::Site),
    /// The invite rosters and handouts.
    Rosters(crate::roster::Rosters),
}

impl Content {
    /// How many documents this part exports: every document has exactly one PDF (the site's
    /// copies of other parts' documents are not new documents).
    pub fn documents(&self) -> usize {
        match self {
            Content::Documents(docs) => docs.len(),
            Content::OrderWithEmail { .. } => 1,
            Content::RuntimeConfig(_) => 0,
            Content::Site(site) => site.pages.iter().filter(|p| p.handout.is_some()).count(),
            Content::Rosters(r) => r.handouts.len(),
        }
    }
}

impl Bundle {
    /// How many documents the bundle exports (the progress bar's steps, the summary's count).
    pub fn documents(&self) -> usize {
        self.parts.iter().map(|p| p.content.documents()).sum()
    }
}

/// Renders the `kinds` of `inst` that have outputs of `visibility` (all when `None`): what is
/// not wanted is not rendered, so nothing restricted is ever compiled for a public build.
pub fn institution(ctx: &RenderContext, inst: &Institution, registry: &LegalActs, kinds: &[DocumentKind], visibility: Option<Visibility>) -> Result<Bundle> {
    let mut parts = Vec::new();
    for &kind in DocumentKind::ALL.iter().filter(|k| kinds.contains(k) && visibility.is_none_or(|v| k.visibility() == Some(v))) {
        let content = content(ctx, inst, registry, kind).with_context(|| format!("rendering {} of `{}`", kind.label(), inst.id()))?;
        if let Some(content) = content {
            parts.push(Part { kind, content });
        }
    }
    Ok(Bundle { id: inst.id().to_string(), parts })
}

fn content(ctx: &RenderContext, inst: &Institution, registry: &LegalActs, kind: DocumentKind) -> Result<Option<Content>> {
    let docs = |docs: Vec<Document>| Ok(Some(Content::Documents(docs)));
    match kind {
        DocumentKind::Regulation => docs(vec![render_regulation(ctx, inst, registry)?]),
        DocumentKind::PlatformOrder => docs(vec![render_platform_order(ctx, inst, registry)?]),
        DocumentKind::AdminOrder => {
            Ok(Some(Content::OrderWithEmail { order: render_admin_order(ctx, inst, registry)?, email: render_registration_email(ctx, inst, registry)? }))
        }
        DocumentKind::RegistrationLetter => docs(vec![render_registration_letter(ctx, inst, registry)?]),
        DocumentKind::AdminConsent => docs(vec![render_admin_consent(ctx, inst, registry)?]),
        DocumentKind::ChatRules => docs(vec![render_chat_rules(ctx, inst, registry)?]),
        DocumentKind::OptOutForm => docs(vec![render_opt_out_form(ctx, inst, registry)?]),
        DocumentKind::Acknowledgments => docs(render_acknowledgments(ctx, inst, registry)?),
        DocumentKind::RuntimeConfig => Ok(Some(Content::RuntimeConfig(render_runtime_config(ctx, inst, registry)?))),
        DocumentKind::Site => Ok(Some(Content::Site(crate::site::render(ctx, inst, registry)?))),
        DocumentKind::Rosters => Ok(crate::roster::render(ctx, inst)?.map(Content::Rosters)),
    }
}
