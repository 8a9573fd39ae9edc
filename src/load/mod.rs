//! Stage 2, load: reads each YAML file once into a JSON value plus a map from JSON
//! pointers to source spans, so that later stages can point at file:line:col.

pub mod chars;
mod yaml;

pub use yaml::{escape_pointer, parse_yaml, MAX_FILE_BYTES};

use crate::tr;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::discover::FileKind;

/// Where each value (and each mapping key) of a document sits in its file.
#[derive(Debug, Default, Clone)]
pub struct SpanMap {
    values: HashMap<String, Span>,
    keys: HashMap<String, Span>,
}

impl SpanMap {
    pub(crate) fn insert_value(&mut self, pointer: String, span: Span) {
        self.values.insert(pointer, span);
    }

    pub(crate) fn insert_key(&mut self, pointer: String, span: Span) {
        self.keys.insert(pointer, span);
    }

    /// The span of the value at `pointer`, or of its nearest ancestor that has one.
    pub fn value(&self, pointer: &str) -> Option<Span> {
        let mut p = pointer;
        loop {
            if let Some(s) = self.values.get(p) {
                return Some(*s);
            }
            p = &p[..p.rfind('/')?];
        }
    }

    /// The span of the value at exactly `pointer`, if the file has that value.
    pub fn exact(&self, pointer: &str) -> Option<Span> {
        self.values.get(pointer).copied()
    }

    /// The span of the key naming the value at `pointer` (falls back to the value's span).
    pub fn key(&self, pointer: &str) -> Option<Span> {
        self.keys.get(pointer).copied().or_else(|| self.value(pointer))
    }
}

/// The byte offset where each line of `text` starts, ascending (line 1 starts at 0).
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// One parsed input file.
#[derive(Debug, Clone)]
pub struct RawDoc {
    pub path: PathBuf,
    pub kind: FileKind,
    pub value: serde_json::Value,
    pub spans: SpanMap,
}

impl RawDoc {
    /// An error pointing at the value under `pointer`.
    pub fn error_at(&self, pointer: &str, code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(code, message).at(&self.path, self.spans.value(pointer))
    }

    /// A warning pointing at the value under `pointer`.
    pub fn warning_at(&self, pointer: &str, code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(code, message).at(&self.path, self.spans.value(pointer))
    }
}

/// The text of every file read, kept for rendering diagnostics with snippets.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    texts: HashMap<PathBuf, Arc<str>>,
}

impl SourceMap {
    pub fn insert(&mut self, path: &Path, text: Arc<str>) {
        self.texts.insert(path.to_path_buf(), text);
    }

    pub fn text(&self, path: &Path) -> Option<&str> {
        self.texts.get(path).map(|t| &**t)
    }

    /// Keeps only the texts of the files `keep` says yes to.
    pub fn retain(&mut self, keep: impl Fn(&Path) -> bool) {
        self.texts.retain(|path, _| keep(path));
    }
}

/// Reads and parses one file; on failure the reason is pushed to `diags`.
pub fn load_file(path: &Path, kind: FileKind, sources: &mut SourceMap, diags: &mut Diagnostics) -> Option<RawDoc> {
    let bytes = match crate::fs::read_input(path, MAX_FILE_BYTES as u64) {
        Ok(b) => b,
        Err(e) => {
            diags.push(crate::fs::input_diagnostic(path, &e, MAX_FILE_BYTES as u64, "file-too-large"));
            return None;
        }
    };
    let text: Arc<str> = match String::from_utf8(bytes) {
        Ok(t) => t.into(),
        Err(_) => {
            diags.push(
                Diagnostic::error("not-utf8", tr!("not-utf8", path = path))
                    .at(path, None)
                    .with_hint(tr!("not-utf8.hint")),
            );
            return None;
        }
    };
    sources.insert(path, text.clone());
    if let Some((offset, c, problem)) = chars::first_raw_problem(&text) {
        let d = chars::diagnostic(problem, crate::diag::Severity::Error, c, "");
        diags.push(d.at(path, Some(chars::span_at(&text, offset, c.len_utf8()))));
        return None;
    }
    match parse_yaml(&text) {
        Ok((mut value, spans)) => {
            let found = chars::check_document(&mut value, &spans, &text, path);
            let refused = found.iter().any(Diagnostic::is_error);
            diags.extend(found);
            (!refused).then(|| RawDoc { path: path.to_path_buf(), kind, value, spans })
        }
        Err(mut d) => {
            d.file = Some(path.to_path_buf());
            diags.push(d);
            None
        }
    }
}

impl SourceMap {
    /// Takes over the texts of another map (per-thread maps merged after parallel loading).
    pub fn extend(&mut self, other: SourceMap) {
        self.texts.extend(other.texts);
    }
}
