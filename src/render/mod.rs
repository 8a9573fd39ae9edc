//! Stage 5, render: turns the model into documents (tera → Markdown + requisites).

mod bundle;
mod citations;
mod context;
mod forms;
mod letters;
mod numbering;
mod orders;
mod regulation;
mod requisites;
mod runtime;
mod sheets;
mod typography;
mod vocabulary;

pub use bundle::{institution, Bundle, Content, Part};
pub use citations::{citation, dated_title};
pub use context::{base_context, capitalise};
pub use regulation::approval_date;
pub use requisites::{framed, organisation_lines, signature_line_of, signature_name, Form};
pub use crate::templates::escape_markdown;
pub use numbering::{number_clauses, number_points};
pub use forms::{render_admin_consent, render_chat_rules, render_opt_out_form};
pub use letters::{render_registration_email, render_registration_letter, SUPPORT_ADDRESS};
pub use orders::{render_admin_order, render_platform_order};
pub use runtime::{render_runtime_config, RUNTIME_SCHEMA_VERSION};
pub use sheets::render_acknowledgments;
pub use regulation::render_regulation;
pub use typography::{tie, tie_for, typeset_for};
pub use vocabulary::{kind_key, messenger_key, PlatformRole, Vocabulary};

/// Everything renderers share, built once per run: the templates (built-in, or with an
/// overlay's files in their place) and the vocabulary they hold.
pub struct RenderContext {
    pub templates: Templates,
    pub vocabulary: Vocabulary,
}

impl RenderContext {
    /// The built-in templates and vocabulary.
    pub fn new() -> anyhow::Result<Self> {
        Self::with_templates(Templates::bundled()?)
    }

    /// Renders with `templates` (an overlay's `vocabulary.yaml` included).
    pub fn with_templates(templates: Templates) -> anyhow::Result<Self> {
        let vocabulary = Vocabulary::parse(templates.text("vocabulary.yaml"))?;
        Ok(Self { templates, vocabulary })
    }

    /// The mark a draft prints on every page, `None` for a final document.
    pub fn draft_mark(&self, inst: &crate::model::Institution) -> Option<String> {
        inst.info.draft.then(|| self.vocabulary.mark("draft").to_string())
    }
}

use crate::templates::Templates;
