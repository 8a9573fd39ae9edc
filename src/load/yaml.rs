//! YAML 1.2 (saphyr, pure Rust) to `serde_json::Value` with a span for every node.

use crate::tr;
use saphyr::{LoadableYamlNode, MarkedYamlOwned, ScalarOwned, YamlDataOwned};
use serde_json::{Map, Number, Value};

use super::SpanMap;
use crate::diag::{Diagnostic, Span};

/// Input files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Byte offsets of line starts, to turn saphyr's (line, char column) into byte ranges.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, starts: super::line_starts(text) }
    }

    /// `line` is 1-based, `col` 0-based in characters (saphyr's markers).
    fn span(&self, line: usize, col: usize, len_chars: usize) -> Span {
        let start = self.byte(line, col);
        let end = self.text[start..].char_indices().nth(len_chars).map_or(self.text.len(), |(i, _)| start + i);
        Span { start, end, line: line.max(1), col: col + 1 }
    }

    fn byte(&self, line: usize, col: usize) -> usize {
        let Some(&line_start) = self.starts.get(line.saturating_sub(1)) else { return self.text.len() };
        self.text[line_start..].char_indices().nth(col).map_or(self.text.len(), |(i, _)| line_start + i)
    }
}

/// Parses one YAML document. Errors carry a span but no file; the caller adds it.
pub fn parse_yaml(text: &str) -> Result<(Value, SpanMap), Diagnostic> {
    let index = LineIndex::new(text);
    // A tab in indentation is reported on its own line (the parser notices it a line late).
    if let Some((n, line)) = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty() && l.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t')) {
        let col = line.chars().position(|c| c == '\t').unwrap_or(0);
        return Err(Diagnostic::error("yaml-tab-indent", tr!("yaml-tab-indent"))
            .with_hint(tr!("yaml-tab-indent.hint"))
            .at_span(index.span(n + 1, col, 1)));
    }
    // Depth and tags on the event stream first: building the tree of a 200,000-deep
    // sequence would overflow the stack.
    prescan(text, &index)?;
    let docs = MarkedYamlOwned::load_from_str(text).map_err(|e| {
        let m = e.marker();
        let info = e.info();
        let code = if info.contains("duplicate") {
            "yaml-duplicate-key"
        } else if info.contains("alias") {
            "yaml-alias-limit"
        } else if info.contains("recursion") {
            "yaml-too-deep"
        } else {
            "yaml-syntax"
        };
        // The parser's own words are English: the message names the kind of mistake in the
        // user's language and quotes the parser only where no kind fits.
        let (message, hint) = match code {
            "yaml-duplicate-key" => (tr!("yaml-duplicate-key", detail = info), tr!("yaml-duplicate-key.hint")),
            "yaml-alias-limit" => (tr!("yaml-alias-limit", detail = info), tr!("yaml-alias-limit.hint")),
            "yaml-too-deep" => (tr!("yaml-too-deep", detail = info), tr!("yaml-too-deep.hint")),
            _ if info.contains("mapping values are not allowed") || info.contains("must be followed by a valid YAML whitespace") => {
                (tr!("yaml-colon", detail = info), tr!("yaml-colon.hint"))
            }
            _ if info.contains("tab") => (tr!("yaml-tab", detail = info), tr!("yaml-tab-indent.hint")),
            _ if info.contains("flow") => (tr!("yaml-flow", detail = info), tr!("yaml-flow.hint")),
            _ => (tr!("yaml-syntax", detail = info), tr!("yaml-syntax.hint")),
        };
        Diagnostic::error(code, message).with_hint(hint).at_span(index.span(m.line(), m.col(), 1))
    })?;
    let mut docs = docs.into_iter();
    let Some(doc) = docs.next() else {
        return Err(empty_file(&index));
    };
    if let Some(extra) = docs.next() {
        return Err(Diagnostic::error("yaml-multiple-documents", tr!("yaml-multiple-documents"))
            .with_hint(tr!("yaml-multiple-documents.hint"))
            .at_span(node_span(&index, &extra)));
    }
    if matches!(doc.data, YamlDataOwned::Value(ScalarOwned::Null) | YamlDataOwned::BadValue) {
        return Err(empty_file(&index));
    }
    let mut spans = SpanMap::default();
    let value = convert(&doc, String::new(), &index, &mut spans)?;
    Ok((value, spans))
}

/// No input file nests deeper than this (the deepest example: 6).
pub const MAX_DEPTH: usize = 64;

/// The core schema's tags (`!!str`, …): the only ones an input may carry.
const CORE_TAGS: [&str; 7] = ["str", "int", "float", "bool", "null", "seq", "map"];

/// Walks the parser's events (no recursion): a node nested deeper than [`MAX_DEPTH`] or a tag
/// other than the core schema's (`!!str`, …) is an error at its place. Syntax errors are left
/// to the loader, which words them.
fn prescan(text: &str, index: &LineIndex) -> Result<(), Diagnostic> {
    use saphyr_parser::{Event, Parser};
    let mut depth = 0usize;
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { return Ok(()) };
        let at = || index.span(span.start.line(), span.start.col(), 1);
        let tag = match &event {
            Event::Scalar(_, _, _, tag) | Event::SequenceStart(_, tag) | Event::MappingStart(_, tag) => tag.as_deref(),
            _ => None,
        };
        let core = |t: &saphyr_parser::Tag| t.handle == "tag:yaml.org,2002:" && CORE_TAGS.contains(&t.suffix.as_str());
        if let Some(tag) = tag.filter(|t| !core(t)) {
            let handle = match tag.handle.as_str() {
                "tag:yaml.org,2002:" => "!!",
                h => h,
            };
            let tag = format!("{handle}{}", tag.suffix);
            return Err(Diagnostic::error("yaml-unknown-tag", tr!("yaml-unknown-tag", tag = tag)).with_hint(tr!("yaml-unknown-tag.hint")).at_span(at()));
        }
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Diagnostic::error("yaml-too-deep", tr!("yaml-too-deep", detail = format!("> {MAX_DEPTH}")))
                        .with_hint(tr!("yaml-too-deep.hint"))
                        .at_span(at()));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn empty_file(index: &LineIndex) -> Diagnostic {
    Diagnostic::error("empty-file", tr!("empty-file")).with_hint(tr!("empty-file.hint"))
        .at_span(index.span(1, 0, 0))
}

fn node_span(index: &LineIndex, node: &MarkedYamlOwned) -> Span {
    let (s, e) = (node.span.start, node.span.end);
    let len = if e.line() == s.line() && e.col() > s.col() { e.col() - s.col() } else { 1 };
    index.span(s.line(), s.col(), len)
}

fn convert(node: &MarkedYamlOwned, pointer: String, index: &LineIndex, spans: &mut SpanMap) -> Result<Value, Diagnostic> {
    let span = node_span(index, node);
    spans.insert_value(pointer.clone(), span);
    let value = match &node.data {
        // A number written with a leading zero (`031`, an order's number) keeps its text:
        // read as 31 it would change silently.
        YamlDataOwned::Value(ScalarOwned::Integer(_)) if leading_zero(&index.text[span.start..span.end.min(index.text.len())]) => {
            Value::String(index.text[span.start..span.end].to_string())
        }
        // A block scalar (`|`, `>`) with the default «clip» chomping always ends with one line
        // break: in a one-line field that break is the notation's, not the value's.
        YamlDataOwned::Value(ScalarOwned::String(text)) if clipped_block(&index.text[..span.start.min(index.text.len())]) => {
            Value::String(text.strip_suffix('\n').unwrap_or(text).to_string())
        }
        YamlDataOwned::Value(scalar) => scalar_to_json(scalar).ok_or_else(|| {
            Diagnostic::error("yaml-bad-number", tr!("yaml-bad-number")).with_hint(tr!("yaml-bad-number.hint"))
                .at_span(span)
        })?,
        YamlDataOwned::Representation(text, _, _) => Value::String(text.clone()),
        YamlDataOwned::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                out.push(convert(item, format!("{pointer}/{i}"), index, spans)?);
            }
            Value::Array(out)
        }
        YamlDataOwned::Mapping(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let key = key_text(k).ok_or_else(|| {
                    Diagnostic::error("yaml-complex-key", tr!("yaml-complex-key")).with_hint(tr!("yaml-complex-key.hint"))
                        .at_span(node_span(index, k))
                })?;
                let child = format!("{pointer}/{}", escape_pointer(&key));
                spans.insert_key(child.clone(), node_span(index, k));
                let value = convert(v, child, index, spans)?;
                out.insert(key, value);
            }
            Value::Object(out)
        }
        YamlDataOwned::Tagged(_, inner) => convert(inner, pointer, index, spans)?,
        YamlDataOwned::Alias(_) | YamlDataOwned::BadValue => {
            return Err(Diagnostic::error("yaml-syntax", tr!("yaml-unreadable-value")).with_hint(tr!("yaml-unreadable-value.hint"))
                .at_span(span));
        }
    };
    Ok(value)
}

/// Whether the scalar whose text starts right after `before` is a block scalar with «clip»
/// chomping: its header (`|` or `>`, an indentation digit at most, no `+` keeping the breaks
/// or `-` stripping them, a comment after it) ends the line before its text.
fn clipped_block(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '\t']);
    let Some(header_line) = before.strip_suffix('\n').map(|b| b.strip_suffix('\r').unwrap_or(b)) else { return false };
    let line = header_line.rsplit('\n').next().unwrap_or_default();
    let code = line.split(" #").next().unwrap_or_default().trim_end();
    let header = code.rsplit([' ', '\t']).next().unwrap_or_default();
    let mut chars = header.chars();
    matches!(chars.next(), Some('|' | '>')) && chars.all(|c| c.is_ascii_digit())
}

/// Whether a plain scalar is digits with a leading zero: `031`, `-07` (not `0`).
fn leading_zero(text: &str) -> bool {
    let digits = text.trim_start_matches(['+', '-']);
    digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
}

fn scalar_to_json(s: &ScalarOwned) -> Option<Value> {
    Some(match s {
        ScalarOwned::Null => Value::Null,
        ScalarOwned::Boolean(b) => Value::Bool(*b),
        ScalarOwned::Integer(i) => Value::Number((*i).into()),
        ScalarOwned::FloatingPoint(f) => Value::Number(Number::from_f64(f.into_inner())?),
        ScalarOwned::String(s) => Value::String(s.clone()),
    })
}

fn key_text(k: &MarkedYamlOwned) -> Option<String> {
    match &k.data {
        YamlDataOwned::Value(ScalarOwned::String(s)) => Some(s.clone()),
        YamlDataOwned::Value(ScalarOwned::Integer(i)) => Some(i.to_string()),
        YamlDataOwned::Value(ScalarOwned::Boolean(b)) => Some(b.to_string()),
        YamlDataOwned::Value(ScalarOwned::Null) => Some("null".into()),
        YamlDataOwned::Representation(s, _, _) => Some(s.clone()),
        _ => None,
    }
}

/// JSON-pointer escaping (RFC 6901) of one reference token.
pub fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

impl Diagnostic {
    /// Sets the span only; the file is added by the caller who knows it.
    pub(crate) fn at_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clipped_block_scalar_loses_its_one_line_break() {
        let value = |yaml: &str| parse_yaml(yaml).unwrap().0["a"].clone();
        assert_eq!(value("a: |\n  one line\n"), "one line");
        assert_eq!(value("a: >2 # a comment\n  one line\n"), "one line");
        assert_eq!(value("b:\n  - x\na: |\n  two\n  lines\n"), "two\nlines");
        // Keep (`+`) keeps the breaks; strip (`-`) has none; other scalars are as written.
        assert_eq!(value("a: |+\n  kept\n\n"), "kept\n\n");
        assert_eq!(value("a: |-\n  stripped\n"), "stripped");
        assert_eq!(value("a: \"quoted\\n\"\n"), "quoted\n");
        assert_eq!(value("a: x |\n"), "x |");
    }
}
