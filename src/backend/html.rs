//! HTML backend: a standalone, accessible page per document (pulldown-cmark + a tera shell).

use std::sync::LazyLock;

use anyhow::{anyhow, Result};
use serde_json::json;
use tera::{Context, Tera};

use super::Artifact;
use crate::document::Document;

static SHELL: LazyLock<Tera> = LazyLock::new(|| {
    let mut tera = Tera::new();
    tera.add_raw_template("page.html", crate::templates::get("layout/page.html")).expect("bundled page.html compiles");
    tera
});

/// Renders `doc` as one HTML file with inline CSS (it must work opened from disk).
pub fn render_html(doc: &Document) -> Result<Artifact> {
    let data = json!({
        "doc": doc,
        "title": doc.title(),
        "body": markdown_to_html(&doc.body),
        "css": crate::templates::get("layout/style.css"),
    });
    let ctx = Context::from_serialize(&data).map_err(|e| anyhow!("cannot build the page context: {e}"))?;
    let page = SHELL.render("page.html", &ctx).map_err(|e| anyhow!("page.html failed: {e}"))?;
    Ok(Artifact { path: doc.file("html"), bytes: page.into_bytes() })
}

/// The HTML of a Markdown body, through the sanitised event stream (raw HTML and unsafe
/// links never pass): the body of every page, documents and site alike.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, super::markdown::events(markdown).into_iter());
    body
}
