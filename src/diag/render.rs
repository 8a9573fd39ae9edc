//! Renders diagnostics like rustc (source snippet with a caret) or as JSON for CI.

use std::collections::HashMap;
use std::path::PathBuf;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::{self, Files, SimpleFiles};
use codespan_reporting::term::{self, Config};

use super::{Diagnostic, Diagnostics, Severity};
use crate::load::SourceMap;
use crate::tr;

/// How many messages of one file the terminal report shows; `--format json` lists them all.
pub const SHOWN_PER_FILE: usize = 50;

/// Renders every diagnostic as plain text with source snippets (at most [`SHOWN_PER_FILE`] of
/// one file, then how many more), then a summary line.
pub fn render_terminal(diags: &Diagnostics, sources: &SourceMap) -> String {
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<PathBuf, usize> = HashMap::new();
    // Where each file's lines start, worked out once: a list with a megabyte line may have a
    // diagnostic per value on it, and each costs a window, never the line or the file.
    let mut lines: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    let config = Config::default();
    let mut out = String::new();
    // Beyond the first SHOWN_PER_FILE of a file, its messages are counted, not shown: a broken
    // list of 25,000 rows would otherwise print tens of megabytes.
    let mut per_file: Vec<(&PathBuf, usize)> = Vec::new();
    for d in diags.iter() {
        if let Some(file) = &d.file {
            let i = match per_file.iter().position(|(f, _)| *f == file) {
                Some(i) => i,
                None => {
                    per_file.push((file, 0));
                    per_file.len() - 1
                }
            };
            per_file[i].1 += 1;
            if per_file[i].1 > SHOWN_PER_FILE {
                continue;
            }
        }
        let report = match (&d.file, d.span, d.file.as_ref().and_then(|f| sources.text(f))) {
            (Some(file), Some(span), Some(text)) => {
                let starts = lines.entry(file.clone()).or_insert_with(|| crate::load::line_starts(text));
                match clip(text, starts, span.start, span.end) {
                    // A long line (a 1 MB value) is shown as a window around the caret, numbered
                    // as its line; the column in the header is the real one.
                    Some((window, line, range)) => {
                        let window = Window { name: file.display().to_string(), text: neutralise(&window), line };
                        emit(&config, &window, d, vec![Label::primary((), range)], Vec::new()).map(|s| relocated(&s, &window.name, line, span.col))
                    }
                    None => {
                        let id = *ids.entry(file.clone()).or_insert_with(|| files.add(file.display().to_string(), neutralise(text)));
                        emit(&config, &files, d, vec![Label::primary(id, span.start..span.end)], Vec::new())
                    }
                }
            }
            (Some(file), Some(span), None) => {
                let place = format!("{}:{}:{}", file.display(), span.line, span.col);
                emit(&config, &files, d, Vec::new(), vec![tr!("diag-at", place = place)])
            }
            (Some(file), _, _) => emit(&config, &files, d, Vec::new(), vec![tr!("diag-in", file = file)]),
            _ => emit(&config, &files, d, Vec::new(), Vec::new()),
        };
        match report {
            Some(s) => out.push_str(&localise_header(&s, d.severity)),
            None => out.push_str(&format!("{}[{}]: {}\n", severity_word(d.severity), d.code, printable(&d.message))),
        }
    }
    for (file, count) in per_file.iter().filter(|(_, count)| *count > SHOWN_PER_FILE) {
        out.push_str(&tr!("diag-more-in-file", file = *file, count = count - SHOWN_PER_FILE, shown = SHOWN_PER_FILE));
        out.push('\n');
    }
    if !diags.is_empty() {
        out.push_str(&tr!("diag-summary", errors = diags.error_count(), warnings = diags.warning_count()));
        out.push('\n');
    }
    out
}

/// One diagnostic through codespan-reporting, with `labels` in `files`, then `notes` and the hint.
fn emit<'f, F: Files<'f>>(config: &Config, files: &'f F, d: &Diagnostic, labels: Vec<Label<F::FileId>>, mut notes: Vec<String>) -> Option<String> {
    if let Some(hint) = &d.hint {
        notes.push(tr!("diag-hint", hint = printable(hint)));
    }
    let cs = match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    }
    .with_code(d.code)
    .with_message(printable(&d.message))
    .with_labels(labels)
    .with_notes(notes);
    term::emit_into_string(config, files, &cs).ok()
}

/// A window of one long line, as codespan's only file: its one line bears the line's number.
struct Window {
    name: String,
    text: String,
    line: usize,
}

impl<'a> Files<'a> for Window {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _byte: usize) -> Result<usize, files::Error> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _index: usize) -> Result<usize, files::Error> {
        Ok(self.line)
    }

    fn line_range(&'a self, (): (), index: usize) -> Result<std::ops::Range<usize>, files::Error> {
        match index {
            0 => Ok(0..self.text.len()),
            _ => Err(files::Error::LineTooLarge { given: index, max: 0 }),
        }
    }
}

/// One JSON document: `{"errors": n, "warnings": n, "diagnostics": [...]}`.
pub fn render_json(diags: &Diagnostics) -> String {
    let list: Vec<serde_json::Value> = diags.iter().map(json_of).collect();
    let doc = serde_json::json!({
        "errors": diags.error_count(),
        "warnings": diags.warning_count(),
        "diagnostics": list,
    });
    serde_json::to_string_pretty(&doc).expect("diagnostics serialise") + "\n"
}

fn json_of(d: &Diagnostic) -> serde_json::Value {
    serde_json::json!({
        "severity": d.severity,
        "code": d.code,
        "message": bounded(&d.message),
        "file": d.file.as_ref().map(|f| f.display().to_string()),
        "line": d.span.map(|s| s.line),
        "column": d.span.map(|s| s.col),
        "hint": d.hint.as_deref().map(bounded),
    })
}

/// The longest source line a snippet shows whole; a longer one is cut to a window of about
/// this many bytes around the caret.
const MAX_SNIPPET_LINE: usize = 200;

/// The longest message or hint shown (a value quoted in it may be a megabyte long).
const MAX_MESSAGE: usize = 500;

/// When the line holding `start` is longer than [`MAX_SNIPPET_LINE`]: that line cut to a
/// window of about that many bytes around `start` (marked with `…` where cut), its 1-based
/// line number, and the span in the window (ending in it at the latest). `starts` are the
/// text's line starts: the cost does not grow with the line or the text.
fn clip(text: &str, starts: &[usize], start: usize, end: usize) -> Option<(String, usize, std::ops::Range<usize>)> {
    let start = floor(text, start.min(text.len()));
    let line = starts.partition_point(|s| *s <= start);
    let line_start = starts[line - 1];
    let line_end = starts.get(line).map_or(text.len(), |next| next - 1);
    if line_end - line_start <= MAX_SNIPPET_LINE {
        return None;
    }
    let from = floor(text, start.saturating_sub(MAX_SNIPPET_LINE / 3).max(line_start));
    let to = floor(text, (from + MAX_SNIPPET_LINE).min(line_end));
    let (before, after) = (if from > line_start { "…" } else { "" }, if to < line_end { "…" } else { "" });
    let window = format!("{before}{}{after}", &text[from..to]);
    let new_start = before.len() + (start - from);
    let new_end = before.len() + (floor(text, end.clamp(start, to)) - from);
    Some((window, line, new_start..new_end.max(new_start)))
}

/// The nearest character boundary at or before `i`.
fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// codespan's header names the place in the clipped copy: `name:line:col` is put right.
fn relocated(report: &str, name: &str, line: usize, col: usize) -> String {
    let marker = format!("─ {name}:{line}:");
    match report.find(&marker) {
        Some(at) => {
            let digits = at + marker.len();
            let end = report[digits..].find(|c: char| !c.is_ascii_digit()).map_or(report.len(), |i| digits + i);
            format!("{}{col}{}", &report[..digits], &report[end..])
        }
        None => report.to_string(),
    }
}

/// Control characters from the input (an ESC that recolours the terminal, a newline that
/// fakes a second report) are shown escaped in messages.
fn printable(s: &str) -> String {
    let mut out: String = bounded(s).chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect();
    if out.len() > 4 * MAX_MESSAGE {
        out.truncate(floor(&out, 4 * MAX_MESSAGE));
        out.push('…');
    }
    out
}

/// `s`, cut after [`MAX_MESSAGE`] characters (with `…`).
fn bounded(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(MAX_MESSAGE) {
        Some((i, _)) => format!("{}…", &s[..i]).into(),
        None => s.into(),
    }
}

/// The source text for snippets, with control characters (but line breaks and tabs)
/// replaced byte for byte, so spans stay valid and the terminal stays safe.
fn neutralise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' | '\r' => c.to_string(),
            c if c.is_control() => "?".repeat(c.len_utf8()),
            c => c.to_string(),
        })
        .collect()
}

/// The severity word in the process's language.
fn severity_word(s: Severity) -> String {
    match s {
        Severity::Error => tr!("diag-error"),
        Severity::Warning => tr!("diag-warning"),
    }
}

/// codespan-reporting writes its header (`error[code]: …`) in English; the first line of
/// each report is that header, so its first word is replaced by the localised one.
fn localise_header(report: &str, severity: Severity) -> String {
    let english = match severity {
        Severity::Error => "error[",
        Severity::Warning => "warning[",
    };
    match report.strip_prefix(english) {
        Some(rest) => format!("{}[{rest}", severity_word(severity)),
        None => report.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file with more messages than the report shows gets the first ones and a count of the
    /// rest; another file's messages and the summary are unaffected.
    #[test]
    fn a_file_shows_its_first_messages_and_counts_the_rest() {
        let mut diags = Diagnostics::default();
        let (big, small) = (std::path::Path::new("people/3a.csv"), std::path::Path::new("roles.yaml"));
        diags.extend((0..SHOWN_PER_FILE + 7).map(|i| Diagnostic::error("bad-row", format!("row {i};")).at(big, None)));
        diags.extend([Diagnostic::warning("other", "one".to_string()).at(small, None)]);
        let text = render_terminal(&diags, &SourceMap::default());
        assert_eq!(text.matches("[bad-row]").count(), SHOWN_PER_FILE, "{text}");
        assert!(text.contains(&format!("row {};", SHOWN_PER_FILE - 1)) && !text.contains(&format!("row {SHOWN_PER_FILE};")), "{text}");
        assert!(text.contains("[other]"), "{text}");
        assert!(text.contains(&tr!("diag-more-in-file", file = big, count = 7, shown = SHOWN_PER_FILE)), "{text}");
        assert!(text.contains(&tr!("diag-summary", errors = SHOWN_PER_FILE + 7, warnings = 1)), "{text}");
    }
}
