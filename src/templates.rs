//! The templates: the built-in set shipped inside the binary (templates/ in the repository),
//! optionally overlaid by a folder of changed files (`_templates/` beside the registry, or
//! `--templates DIR`), and the one tera instance that renders them all.
//!
//! Each extension has its own escaping of data values, chosen when a template is rendered:
//! `.md` escapes Markdown, `.html` escapes HTML, `.txt` (plain text: e-mail bodies and document
//! frames) keeps every value on its line. Layout files (`.typ`, `.css`) and `vocabulary.yaml`
//! are read as they are.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use tera::{Context, Tera};

use crate::diag::{Diagnostic, Span};
use crate::tr;

/// Every template file, by its path under templates/ (the build script lists the folder).
pub const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The folder of an overlay inside an input root, beside `_registry/`.
pub const OVERLAY_DIR: &str = "_templates";

/// The text of one bundled template (the built-in set, whatever an overlay says).
pub fn bundled(name: &str) -> &'static str {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap_or_else(|| panic!("no bundled template `{name}`"))
}

/// Whether tera renders a file (the others are read as they are).
fn is_tera(name: &str) -> bool {
    [".md", ".txt", ".html"].iter().any(|ext| name.ends_with(ext))
}

/// How data values are escaped in the template being rendered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Escape {
    Markdown,
    Html,
    Line,
}

impl Escape {
    fn of(name: &str) -> Self {
        if name.ends_with(".html") {
            Escape::Html
        } else if name.ends_with(".md") {
            Escape::Markdown
        } else {
            Escape::Line
        }
    }
}

thread_local! {
    /// tera takes one escape function; it asks which template's rules apply on this thread.
    static ESCAPE: Cell<Escape> = const { Cell::new(Escape::Line) };
}

fn escape(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    match ESCAPE.with(Cell::get) {
        Escape::Markdown => escape_markdown(input, out),
        Escape::Html => tera::escape_html(input, out),
        Escape::Line => escape_line(input, out),
    }
}

thread_local! {
    /// The templates read on this thread while [`recording`] runs (`None` when nothing records).
    static USES: RefCell<Option<BTreeSet<String>>> = const { RefCell::new(None) };
}

/// Runs `f` and returns, with its result, the name of every template it rendered or read on
/// this thread: what an institution's outputs depend on, for incremental builds. Recordings
/// nest (a job that rayon runs inside another's wait records into its own set).
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, BTreeSet<String>) {
    let outer = USES.with(|u| u.replace(Some(BTreeSet::new())));
    let result = f();
    let used = USES.with(|u| u.replace(outer)).unwrap_or_default();
    (result, used)
}

fn note_use(name: &str) {
    USES.with(|u| {
        if let Some(used) = u.borrow_mut().as_mut()
            && !used.contains(name)
        {
            used.insert(name.to_string());
        }
    });
}

/// Where a template's text comes from.
#[derive(Debug, Clone)]
enum Origin {
    Bundled,
    /// A file of the overlay, by its path on disk.
    Overlay(PathBuf),
}

/// The built-in templates with an overlay's files in their place, compiled once.
#[derive(Clone)]
pub struct Templates {
    tera: Tera,
    texts: BTreeMap<String, (String, Origin)>,
    /// Computed on first use (incremental builds): who includes whom, and each text's digest.
    graph: std::sync::OnceLock<Graph>,
}

/// The templates' include graph and digests.
#[derive(Clone)]
struct Graph {
    includes: BTreeMap<String, Vec<String>>,
    digests: BTreeMap<String, [u8; 32]>,
}

impl Templates {
    /// The built-in set alone.
    pub fn bundled() -> Result<Self> {
        match Self::with_overlay(None) {
            (Some(t), _) => Ok(t),
            (None, d) => Err(anyhow!("bundled templates do not compile: {}", d.first().map_or("", |d| d.message.as_str()))),
        }
    }

    /// The built-in set, each file replaced by the overlay's file of the same path when
    /// `overlay` has one. A file that does not parse is an error at its line (and no
    /// templates); a file that replaces nothing is a warning.
    pub fn with_overlay(overlay: Option<&Path>) -> (Option<Self>, Vec<Diagnostic>) {
        let mut texts: BTreeMap<String, (String, Origin)> = FILES.iter().map(|(n, t)| (n.to_string(), (t.to_string(), Origin::Bundled))).collect();
        let mut diagnostics = Vec::new();
        if let Some(dir) = overlay {
            for (name, path) in overlay_files(dir, &mut diagnostics) {
                match crate::fs::read_input(&path, crate::load::MAX_FILE_BYTES as u64) {
                    Ok(bytes) => {
                        let Ok(text) = String::from_utf8(bytes) else {
                            diagnostics.push(Diagnostic::error("not-utf8", tr!("not-utf8", path = path)).at(&path, None).with_hint(tr!("not-utf8.hint")));
                            continue;
                        };
                        if !texts.contains_key(&name) && !is_partial(&name) {
                            diagnostics.push(
                                Diagnostic::warning("overlay-unused", tr!("overlay-unused", name = name))
                                    .at(&path, None)
                                    .with_hint(tr!("overlay-unused.hint")),
                            );
                        }
                        texts.insert(name, (text, Origin::Overlay(path)));
                    }
                    Err(e) => diagnostics.push(crate::fs::input_diagnostic(&path, &e, crate::load::MAX_FILE_BYTES as u64, "file-too-large")),
                }
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".md", ".html", ".txt"]);
        tera.set_escape_fn(escape);
        // tera's own `capitalize` lowercases the rest («мессенджер MAX» → «Мессенджер max»).
        tera.register_filter("cap_first", |s: tera::StringInput, _: tera::Kwargs, _: &tera::State| {
            s.inherit_safety(capitalise(s.as_str()))
        });
        // All at once: templates include each other.
        if let Err(e) = tera.add_raw_templates(texts.iter().filter(|(n, _)| is_tera(n)).map(|(n, (t, _))| (n.as_str(), t.as_str()))) {
            let name = report_of(&e).map_or("", |r| r.filename()).to_string();
            let origin = texts.get(&name).map_or(Origin::Bundled, |(_, o)| o.clone());
            diagnostics.push(template_diagnostic(&e, &name, &origin));
        }
        if diagnostics.iter().any(Diagnostic::is_error) {
            return (None, diagnostics);
        }
        (Some(Self { tera, texts, graph: Default::default() }), diagnostics)
    }

    /// The text of a file as the run sees it (overlay first): layouts, stylesheets, the vocabulary.
    pub fn text(&self, name: &str) -> &str {
        note_use(name);
        self.texts.get(name).map(|(t, _)| t.as_str()).unwrap_or_else(|| panic!("no template `{name}`"))
    }

    /// The path of an overlay file that replaced `name`, if one did.
    pub fn overlay_path(&self, name: &str) -> Option<&Path> {
        match self.texts.get(name) {
            Some((_, Origin::Overlay(p))) => Some(p),
            _ => None,
        }
    }

    /// Whether any file comes from an overlay.
    pub fn has_overlay(&self) -> bool {
        self.texts.values().any(|(_, o)| matches!(o, Origin::Overlay(_)))
    }

    /// Renders one template with a context built from `data` (any serialisable value).
    /// Undefined values are errors; an overlay template's error names its file and line.
    pub fn render(&self, name: &str, data: &serde_json::Value) -> Result<String> {
        note_use(name);
        let ctx = Context::from_serialize(data).map_err(|e| anyhow!("cannot build the template context: {e}"))?;
        let previous = ESCAPE.with(|m| m.replace(Escape::of(name)));
        let result = self.tera.render(name, &ctx);
        ESCAPE.with(|m| m.set(previous));
        result.map_err(|e| match self.texts.get(name) {
            Some((_, origin @ Origin::Overlay(_))) => anyhow::Error::new(TemplateError(template_diagnostic(&e, name, origin))),
            // An included overlay file failed inside a built-in one: point at the included file.
            _ => match report_of(&e).map(|r| (r.filename(), self.texts.get(r.filename()))) {
                Some((file, Some((_, origin @ Origin::Overlay(_))))) => anyhow::Error::new(TemplateError(template_diagnostic(&e, file, origin))),
                _ => anyhow!("template `{name}` failed: {e}"),
            },
        })
    }

    /// Renders a frame template: its `== part ==` lines name the parts of a document's form
    /// (type word, heading, requisite blocks, …); each line under one is a line of that part.
    pub fn frame(&self, name: &str, data: &serde_json::Value) -> Result<Frame> {
        Ok(Frame::parse(name, &self.render(name, data)?))
    }

    /// `used` with every file those templates can include (followed through), and the files
    /// every output reads: the vocabulary and the layouts. A superset of what rendering reads,
    /// so a change to a file outside it changes no output.
    pub fn closure(&self, used: &BTreeSet<String>) -> BTreeSet<String> {
        let graph = self.graph();
        let mut out = BTreeSet::new();
        let always = self.texts.keys().filter(|n| n.starts_with("layout/") || *n == "vocabulary.yaml");
        let mut queue: Vec<&String> = used.iter().filter(|n| self.texts.contains_key(*n)).chain(always).collect();
        while let Some(name) = queue.pop() {
            if out.insert(name.clone()) {
                queue.extend(&graph.includes[name]);
            }
        }
        out
    }

    /// The SHA-256 of a file's text as this run sees it (overlay first).
    pub fn digest(&self, name: &str) -> Option<&[u8; 32]> {
        self.graph().digests.get(name)
    }

    fn graph(&self) -> &Graph {
        self.graph.get_or_init(|| {
            use sha2::{Digest, Sha256};
            let names: Vec<&String> = self.texts.keys().collect();
            let includes = self
                .texts
                .iter()
                .map(|(name, (text, _))| {
                    // Any quoted name of another template: `{% include "x" %}`, `extends`, `import`.
                    let mentioned = |other: &&String| is_tera(name) && (text.contains(&format!("\"{other}\"")) || text.contains(&format!("'{other}'")));
                    (name.clone(), names.iter().copied().filter(mentioned).cloned().collect())
                })
                .collect();
            let digests = self.texts.iter().map(|(name, (text, _))| (name.clone(), Sha256::digest(text.as_bytes()).into())).collect();
            Graph { includes, digests }
        })
    }

    /// Every template path with its text (the built-in set), for `templates export`.
    pub fn export(dir: &Path) -> Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        for (name, text) in FILES {
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, text)?;
            written.push(path);
        }
        Ok(written)
    }
}

/// A template error that points at an overlay file: `check` reports it as a diagnostic.
#[derive(Debug)]
pub struct TemplateError(pub Diagnostic);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = &self.0;
        let at = d.file.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        let line = d.span.as_ref().map(|s| format!(":{}:{}", s.line, s.col)).unwrap_or_default();
        write!(f, "{at}{line}: {}", d.message)
    }
}

impl std::error::Error for TemplateError {}

fn report_of(e: &tera::Error) -> Option<&tera::ReportError> {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(&**r),
        _ => None,
    }
}

/// A tera error as a diagnostic at the template's file and line.
fn template_diagnostic(e: &tera::Error, name: &str, origin: &Origin) -> Diagnostic {
    let report = report_of(e);
    let message = report.map_or_else(|| e.to_string(), |r| r.message().to_string());
    let path = match origin {
        Origin::Overlay(p) => p.clone(),
        Origin::Bundled => PathBuf::from("templates").join(name),
    };
    let span = report.map(|r| {
        let s = r.span();
        Span { start: s.range.start, end: s.range.end, line: s.start_line, col: s.start_col + 1 }
    });
    Diagnostic::error("template-error", tr!("template-error", name = name, detail = message))
        .at(&path, span)
        .with_hint(tr!("template-error.hint"))
}

fn is_partial(name: &str) -> bool {
    Path::new(name).file_name().and_then(|f| f.to_str()).is_some_and(|f| f.starts_with('_'))
}

/// The files of an overlay folder, by their path relative to it (with `/`), sorted.
fn overlay_files(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    let guard = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        match entry {
            // A link is read only when it stays inside the overlay (a template is built into documents).
            Ok(e) if e.path_is_symlink() && e.depth() > 0 => {
                if crate::fs::leaves(e.path(), &guard) {
                    diagnostics.push(Diagnostic::error("path-outside-root", tr!("path-outside-root.link", path = e.path())).at(e.path(), None).with_hint(tr!("path-outside-root.overlay-hint")));
                } else if e.path().is_file() {
                    let rel = e.path().strip_prefix(dir).expect("walkdir stays under its root");
                    files.push((rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"), e.path().to_path_buf()));
                }
            }
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).expect("walkdir stays under its root");
                let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                if !name.starts_with('.') && !name.ends_with(".md~") && name != "README.md" {
                    files.push((name, e.path().to_path_buf()));
                }
            }
            Ok(_) => {}
            Err(e) => diagnostics.push(Diagnostic::error("unreadable-file", tr!("unreadable-overlay.folder", reason = e.to_string())).at(dir, None)),
        }
    }
    files
}

/// The lines of a rendered frame, by part.
#[derive(Debug, Default)]
pub struct Frame {
    name: String,
    parts: Vec<(String, Vec<String>)>,
}

impl Frame {
    fn parse(name: &str, text: &str) -> Self {
        let mut parts: Vec<(String, Vec<String>)> = Vec::new();
        for line in text.lines().map(str::trim) {
            if let Some(part) = line.strip_prefix("== ").and_then(|l| l.strip_suffix(" ==")) {
                parts.push((part.trim().to_string(), Vec::new()));
            } else if !line.is_empty() {
                if let Some((_, lines)) = parts.last_mut() {
                    lines.push(line.to_string());
                }
            }
        }
        Self { name: name.to_string(), parts }
    }

    /// Every block of the part `name`, in order (a part may occur several times, or never).
    pub fn blocks(&self, name: &str) -> Vec<Vec<String>> {
        self.parts.iter().filter(|(n, _)| n == name).map(|(_, l)| l.clone()).collect()
    }

    /// The lines of the part `name` (all its occurrences together).
    pub fn lines(&self, name: &str) -> Vec<String> {
        self.blocks(name).concat()
    }

    /// The part `name` as one line (its lines joined by spaces); an error when it is missing.
    pub fn line(&self, name: &str) -> Result<String> {
        if !self.parts.iter().any(|(n, _)| n == name) {
            return Err(anyhow!("the frame template `{}` has no part `== {name} ==`", self.name));
        }
        Ok(self.lines(name).join(" "))
    }

    /// Every part with its lines, in order.
    pub fn parts(&self) -> Vec<(String, Vec<String>)> {
        self.parts.clone()
    }

    /// The part `name` as one line, or `None` when the frame leaves it out or empty.
    pub fn optional_line(&self, name: &str) -> Option<String> {
        Some(self.lines(name).join(" ")).filter(|l| !l.is_empty())
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

/// Plain text kept on its line: line breaks and other control characters become spaces, so a
/// value can neither start a frame part nor add a header line to an e-mail.
fn escape_line(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let mut buf = [0u8; 4];
    for c in input.chars() {
        let c = if c.is_control() { ' ' } else { c };
        out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
    }
    Ok(())
}

/// The first letter upper-case, the rest as it is.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
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

    #[test]
    fn each_extension_escapes_its_own_way() {
        let t = Templates::bundled().unwrap();
        let mut tera_one = Templates { tera: Tera::new(), texts: BTreeMap::new(), graph: Default::default() };
        tera_one.tera.autoescape_on([".md", ".html", ".txt"]);
        tera_one.tera.set_escape_fn(escape);
        for name in ["a.md", "a.html", "a.txt"] {
            tera_one.tera.add_raw_template(name, "{{ x }}").unwrap();
        }
        let data = serde_json::json!({"x": "<b>*x*</b>\n== heading =="});
        assert_eq!(tera_one.render("a.md", &data).unwrap(), r"\<b\>\*x\*\</b\> \=\= heading \=\=");
        assert_eq!(tera_one.render("a.html", &data).unwrap(), "&lt;b&gt;*x*&lt;/b&gt;\n== heading ==");
        assert_eq!(tera_one.render("a.txt", &data).unwrap(), "<b>*x*</b> == heading ==");
        let frame = Frame::parse("f", &tera_one.render("a.txt", &data).unwrap());
        assert!(frame.blocks("heading").is_empty(), "a value cannot start a part");
        assert!(t.text("vocabulary.yaml").contains("kinds:"));
    }

    #[test]
    fn every_file_under_templates_is_bundled() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for entry in walkdir::WalkDir::new(&dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
            let name = entry.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
            if name != "README.md" {
                assert!(FILES.iter().any(|(n, _)| *n == name), "templates/{name} is not in FILES (src/templates.rs)");
            }
        }
    }

    #[test]
    fn a_frame_has_parts_that_may_repeat() {
        let f = Frame::parse("f", "{# ignored #}\n== a ==\nx\n\ny\n== b ==\n== a ==\nz\n");
        assert_eq!(f.blocks("a"), vec![vec!["x".to_string(), "y".to_string()], vec!["z".to_string()]]);
        assert_eq!(f.line("b").unwrap(), "");
        assert!(f.line("c").is_err());
        assert_eq!(f.optional_line("b"), None);
    }
}
