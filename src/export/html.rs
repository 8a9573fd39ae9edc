//! HTML backend: a standalone, accessible page per document (pulldown-cmark + a tera shell).

use anyhow::Result;
use pulldown_cmark::{CowStr, Event, TextMergeStream};
use serde_json::json;

use super::Artifact;
use crate::document::Document;
use crate::templates::Templates;

/// Renders `doc` as one HTML file with inline CSS (it must work opened from disk), in the
/// shell `layout/page.html`.
pub fn render_html(templates: &Templates, doc: &Document) -> Result<Artifact> {
    let data = json!({
        "doc": doc,
        "title": doc.title(),
        "body": markdown_to_html(&doc.body),
        "css": templates.text("layout/style.css"),
    });
    let page = templates.render("layout/page.html", &data)?;
    Ok(Artifact { path: doc.file("html"), bytes: page.into_bytes() })
}

/// The HTML of a Markdown body, through the sanitised event stream (raw HTML and unsafe
/// links never pass): the body of every page, documents and site alike. Addresses in the
/// text are `<span class="url">`, which the print styles keep on one line.
pub fn markdown_to_html(markdown: &str) -> String {
    let events = TextMergeStream::new(super::markdown::events(markdown).into_iter()).flat_map(|event| match event {
        Event::Text(text) => address_spans(&text),
        other => vec![other],
    });
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, events);
    body
}

/// A text event cut at its addresses, each wrapped in our own (never the data's) span.
fn address_spans(text: &str) -> Vec<Event<'static>> {
    let mut out = Vec::new();
    for (piece, address) in super::urls::split_addresses(text) {
        let piece = Event::Text(CowStr::from(piece.to_string()));
        if address {
            out.extend([Event::InlineHtml(CowStr::Borrowed(r#"<span class="url">"#)), piece, Event::InlineHtml(CowStr::Borrowed("</span>"))]);
        } else {
            out.push(piece);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_spans_and_data_stays_text() {
        let html = markdown_to_html("Сайт: https\\://bpt\\-balv\\.ru/\\. <script>x</script> info@sferum\\.ru");
        assert!(html.contains(r#"Сайт: <span class="url">https://bpt-balv.ru/</span>. &lt;script&gt;"#), "{html}");
        assert!(html.contains(r#"<span class="url">info@sferum.ru</span>"#), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }
}
