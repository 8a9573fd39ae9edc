//! Characters no input value may hold: control characters (a NUL, an ESC that recolours a
//! terminal, a CR/LF that starts a new e-mail header), noncharacters and bidi controls (which
//! reorder what a reader sees) are errors; zero-width characters are errors in ids and names
//! (two ids that look alike) and warnings in text; a character the bundled fonts cannot
//! draw is an error (the PDF could not be built).

use crate::diag::{Diagnostic, Severity};
use crate::tr;

/// What is wrong with a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Control,
    Noncharacter,
    Bidi,
    ZeroWidth,
    NoGlyph,
}

/// What a value is, for how strict the check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// An id, a key or a person's or institution's name: no zero-width character either.
    Name,
    /// Any other text: a zero-width character is a warning.
    Text,
}

/// The longest value a people list's cell or a YAML value may hold, in characters (the
/// schemas' longest text is 2,000).
pub const MAX_VALUE_CHARS: usize = 10_000;

fn classify(c: char) -> Option<Problem> {
    let u = c as u32;
    Some(match c {
        '\t' => return None,
        // C0 (with line breaks: no value is several lines long), DEL and C1.
        _ if u < 0x20 || (0x7f..=0x9f).contains(&u) => Problem::Control,
        _ if (0xfdd0..=0xfdef).contains(&u) || u & 0xfffe == 0xfffe => Problem::Noncharacter,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' => Problem::Bidi,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{180e}' => Problem::ZeroWidth,
        _ if !crate::fonts::can_draw(c) => Problem::NoGlyph,
        _ => return None,
    })
}

/// The first character of `value` that is wrong for a `field`, with its byte offset in
/// `value`: an error if there is one, else a zero-width character in text (a warning).
pub fn first_problem(value: &str, field: Field) -> Option<(usize, char, Problem, Severity)> {
    let mut warning = None;
    for (i, c) in value.char_indices() {
        match classify(c) {
            None => {}
            Some(Problem::ZeroWidth) if field == Field::Text => {
                warning.get_or_insert((i, c, Problem::ZeroWidth, Severity::Warning));
            }
            Some(p) => return Some((i, c, p, Severity::Error)),
        }
    }
    warning
}

/// The first character written raw in a file's text that no value, key or comment may hold
/// (line breaks, tabs, zero-width and undrawable characters are judged per value).
pub fn first_raw_problem(text: &str) -> Option<(usize, char, Problem)> {
    text.char_indices().find_map(|(i, c)| match c {
        '\n' | '\r' | '\t' => None,
        _ => classify(c).filter(|p| matches!(p, Problem::Control | Problem::Noncharacter | Problem::Bidi)).map(|p| (i, c, p)),
    })
}

/// `U+202E`: how a message names a character.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// The diagnostic for a bad character `c` in the field `field` (its key, or a column's name;
/// empty for a character written raw in a file).
pub fn diagnostic(problem: Problem, severity: Severity, c: char, field: &str) -> Diagnostic {
    let point = code_point(c);
    // Written raw outside any value (a comment, a key's quotes): the file is named instead.
    let raw = field.is_empty();
    let (code, message, hint) = match problem {
        Problem::Control if raw => ("control-character", tr!("control-character.raw", char = point), tr!("control-character.hint")),
        Problem::Noncharacter if raw => ("noncharacter", tr!("noncharacter.raw", char = point), tr!("noncharacter.hint")),
        Problem::Bidi if raw => ("bidi-control", tr!("bidi-control.raw", char = point), tr!("bidi-control.hint")),
        Problem::Control => ("control-character", tr!("control-character", char = point, field = field), tr!("control-character.hint")),
        Problem::Noncharacter => ("noncharacter", tr!("noncharacter", char = point, field = field), tr!("noncharacter.hint")),
        Problem::Bidi => ("bidi-control", tr!("bidi-control", char = point, field = field), tr!("bidi-control.hint")),
        Problem::ZeroWidth => ("zero-width-character", tr!("zero-width-character", char = point, field = field), tr!("zero-width-character.hint")),
        Problem::NoGlyph => ("glyph-missing", tr!("glyph-missing", char = point, shown = c.to_string(), field = field), tr!("glyph-missing.hint")),
    };
    match severity {
        Severity::Error => Diagnostic::error(code, message),
        Severity::Warning => Diagnostic::warning(code, message),
    }
    .with_hint(hint)
}

/// Whether the value under a key named `key` is an id or a name.
pub fn field_of(pointer: &str) -> Field {
    let key = pointer.rsplit('/').next().unwrap_or_default();
    let names = ["id", "surname", "name", "patronymic", "full", "short", "self", "nom", "gen", "dat", "acc", "ins", "prep"];
    if names.contains(&key) || key.ends_with("_id") || pointer.contains("/name/") {
        Field::Name
    } else {
        Field::Text
    }
}

/// Checks every key and string of a parsed file: bad characters (at the character itself
/// when it is written raw, else at the value) and overlong values. Then puts every string in
/// NFC, so a letter and its combining accent are one character wherever they are printed.
pub fn check_document(value: &mut serde_json::Value, spans: &super::SpanMap, text: &str, path: &std::path::Path) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    walk(value, String::new(), &mut |pointer, s, is_key| {
        let at = if is_key { spans.key(pointer) } else { spans.exact(pointer).or_else(|| spans.value(pointer)) };
        let field_name = pointer.rsplit('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~");
        if s.chars().count() > MAX_VALUE_CHARS {
            found.push(Diagnostic::error("value-too-long", tr!("value-too-long", field = field_name, limit = MAX_VALUE_CHARS)).with_hint(tr!("value-too-long.hint")).at(path, at));
            return;
        }
        let field = if is_key { Field::Name } else { field_of(pointer) };
        if let Some((_, c, problem, severity)) = first_problem(s, field) {
            let span = at.map(|a| locate(text, a, c));
            found.push(diagnostic(problem, severity, c, &field_name).at(path, span));
        }
    });
    if !found.iter().any(Diagnostic::is_error) {
        normalise(value);
    }
    found
}

/// Calls `f` with the pointer and text of every string value and every key under `value`.
fn walk(value: &serde_json::Value, pointer: String, f: &mut dyn FnMut(&str, &str, bool)) {
    match value {
        serde_json::Value::String(s) => f(&pointer, s, false),
        serde_json::Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| walk(v, format!("{pointer}/{i}"), f)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let child = format!("{pointer}/{}", super::escape_pointer(k));
                f(&child, k, true);
                walk(v, child, f);
            }
        }
        _ => {}
    }
}

/// Every string of `value` (keys stay: they are ASCII names) in Unicode NFC.
fn normalise(value: &mut serde_json::Value) {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    match value {
        serde_json::Value::String(s) => {
            if is_nfc_quick(s.chars()) != IsNormalized::Yes {
                *s = s.nfc().collect();
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(normalise),
        serde_json::Value::Object(map) => map.values_mut().for_each(normalise),
        _ => {}
    }
}

/// The span of the character `c` written raw in the value starting at `at`, or `at` (an
/// escape such as `"\0"` has no raw character to point at).
pub fn locate(text: &str, at: crate::diag::Span, c: char) -> crate::diag::Span {
    let start = at.start.min(text.len());
    let mut limit = (start + 64 * 1024).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    match text[start..limit].find(c) {
        Some(i) => span_at(text, start + i, c.len_utf8()),
        None => at,
    }
}

/// The span of `len` bytes at byte `offset` of `text`, with its 1-based line and column.
pub fn span_at(text: &str, offset: usize, len: usize) -> crate::diag::Span {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    crate::diag::Span { start: offset, end: offset + len, line: text[..offset].matches('\n').count() + 1, col: text[line_start..offset].chars().count() + 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_is_found_at_its_place() {
        let cases: [(&str, Field, Option<(usize, Problem, Severity)>); 12] = [
            ("Иванов", Field::Name, None),
            ("a\tb", Field::Text, None),
            ("a\0b", Field::Text, Some((1, Problem::Control, Severity::Error))),
            ("a\u{1b}[31m", Field::Text, Some((1, Problem::Control, Severity::Error))),
            ("ab\r\nBcc: x", Field::Text, Some((2, Problem::Control, Severity::Error))),
            ("a\u{85}", Field::Text, Some((1, Problem::Control, Severity::Error))),
            ("a\u{fffe}", Field::Text, Some((1, Problem::Noncharacter, Severity::Error))),
            ("\u{202e}abc", Field::Text, Some((0, Problem::Bidi, Severity::Error))),
            ("a\u{200b}b", Field::Name, Some((1, Problem::ZeroWidth, Severity::Error))),
            ("a\u{200b}b", Field::Text, Some((1, Problem::ZeroWidth, Severity::Warning))),
            ("Чат 🎉", Field::Text, Some((7, Problem::NoGlyph, Severity::Error))),
            ("Ива\u{301}нова «ё» № 5 — «x»", Field::Name, None),
        ];
        for (value, field, expected) in cases {
            let found = first_problem(value, field).map(|(i, _, p, s)| (i, p, s));
            assert_eq!(found, expected, "{value:?}");
        }
    }
}
