//! The one tera instance for Markdown templates, escaping every value for Markdown.

use std::io::Write;

use anyhow::{anyhow, Result};
use tera::{Context, Tera};

/// tera for text templates: in `.md` values are Markdown-escaped, `.txt` (e-mail bodies) is
/// plain text; undefined values are errors in both.
pub struct MarkdownEngine {
    tera: Tera,
}

impl MarkdownEngine {
    pub fn new() -> Result<Self> {
        let mut tera = Tera::new();
        tera.autoescape_on([".md"]);
        tera.set_escape_fn(escape_markdown);
        // tera's own `capitalize` lowercases the rest («мессенджер MAX» → «Мессенджер max»).
        tera.register_filter("cap_first", |s: tera::StringInput, _: tera::Kwargs, _: &tera::State| {
            s.inherit_safety(super::context::capitalise(s.as_str()))
        });
        tera.add_raw_templates(crate::templates::text()).map_err(|e| anyhow!("bundled templates do not compile: {e}"))?;
        Ok(Self { tera })
    }

    /// Renders one template with a context built from `data` (any serialisable value).
    pub fn render(&self, name: &str, data: &serde_json::Value) -> Result<String> {
        let ctx = Context::from_serialize(data).map_err(|e| anyhow!("cannot build the template context: {e}"))?;
        self.tera.render(name, &ctx).map_err(|e| anyhow!("template `{name}` failed: {e}"))
    }
}

/// Escapes text so that Markdown shows it literally and it cannot start a line or a block:
/// ASCII punctuation gets a backslash, line breaks become spaces, `§` (the clause marker)
/// becomes an entity.
pub fn escape_markdown(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let mut buf = [0u8; 4];
    for c in input.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '(' | ')' | '#' | '+' | '-' | '.' | '!' | '|'
            | '~' | '&' | '$' | '^' | '=' | '"' | '\'' | ':' | '@' | '%' => {
                out.write_all(b"\\")?;
                out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            }
            '\n' | '\r' | '\t' => out.write_all(b" ")?,
            '§' => out.write_all(b"&sect;")?,
            c if c.is_control() => {}
            c => out.write_all(c.encode_utf8(&mut buf).as_bytes())?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        let mut out = Vec::new();
        escape_markdown(s, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn hostile_text_stays_text() {
        assert_eq!(esc("*Ив* <b>"), r"\*Ив\* \<b\>");
        assert_eq!(esc("[a](javascript:x)"), r"\[a\]\(javascript\:x\)");
        assert_eq!(esc("1. x\n# y"), r"1\. x \# y");
        assert_eq!(esc("§ clause"), "&sect; clause");
    }
}
