//! The one place pulldown-cmark is configured, with the safety rules every backend shares:
//! raw HTML becomes text, links keep only safe schemes, images become their alt text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Parses Markdown into sanitised events.
pub fn events(markdown: &str) -> Vec<Event<'_>> {
    let mut out = Vec::new();
    let mut dropped_links = Vec::new();
    let mut in_image = 0usize;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Html(s) | Event::InlineHtml(s) => out.push(Event::Text(s)),
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let safe = is_safe_url(dest_url);
                dropped_links.push(!safe);
                if safe {
                    out.push(event);
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped_links.pop().unwrap_or(false) {
                    out.push(event);
                }
            }
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            e => out.push(e),
        }
    }
    debug_assert_eq!(in_image, 0);
    out
}

/// http, https, mailto and relative paths; never `javascript:`, `data:` or protocol-relative.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("//") {
        return false;
    }
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') => matches!(scheme, "http" | "https" | "mailto"),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_links_and_html_become_text() {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events("[a](javascript:alert(1)) <script>x</script>\n\n<b>bold</b>\n").into_iter());
        assert!(!html.contains("<a"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<p>&lt;b&gt;bold&lt;/b&gt;"), "{html}");
    }

    #[test]
    fn url_schemes() {
        assert!(is_safe_url("https://sferum.ru"));
        assert!(is_safe_url("guide/teacher.html"));
        assert!(!is_safe_url("JavaScript:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
        assert!(!is_safe_url("//evil.example"));
    }
}
