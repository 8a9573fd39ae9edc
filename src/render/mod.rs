//! Stage 5, render: turns the model into documents (tera → Markdown + requisites).

mod citations;
mod context;
mod forms;
mod letters;
mod markdown;
mod numbering;
mod orders;
mod regulation;
mod requisites;
mod runtime;
mod sheets;
mod typography;
mod vocabulary;

pub use citations::{citation, dated_title};
pub use context::{base_context, capitalise};
pub use markdown::{escape_markdown, MarkdownEngine};
pub use regulation::approval_date;
pub use requisites::{organisation_lines, signature_line_of, signature_name};
pub use numbering::{number_clauses, number_points};
pub use forms::{render_admin_consent, render_chat_rules, render_opt_out_form};
pub use letters::{render_registration_email, render_registration_letter, REGISTRATION_SUBJECT, SUPPORT_ADDRESS};
pub use orders::{render_admin_order, render_platform_order};
pub use runtime::{render_runtime_config, RUNTIME_SCHEMA_VERSION};
pub use sheets::render_acknowledgments;
pub use regulation::render_regulation;
pub use typography::{tie, tie_for, typeset_for};
pub use vocabulary::{kind_key, messenger_key, Vocabulary};

/// Everything renderers share, built once per run.
pub struct RenderContext {
    pub markdown: MarkdownEngine,
    pub vocabulary: Vocabulary,
}

impl RenderContext {
    pub fn new() -> anyhow::Result<Self> {
        Ok(Self { markdown: MarkdownEngine::new()?, vocabulary: Vocabulary::bundled()? })
    }
}
