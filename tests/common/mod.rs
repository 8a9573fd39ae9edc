//! Helpers shared by the integration tests: run the binary, read what it wrote.

#![allow(dead_code, unused_imports)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

mod lint;
mod people;
mod tree;
pub use lint::{assert_actionlint_catches, assert_gitlab_schema_catches, tool};
pub use people::long_list;
pub use tree::copy_tree;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The day the tests run on, as far as invite-link lifetimes go (SFERUM_GEN_TODAY).
pub const TODAY: &str = "2026-11-24";

/// The binary, speaking its default language (Russian) whatever the machine's locale is:
/// tests that want English pass `--lang en` or set LANG themselves.
pub fn sferum_gen() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sferum-gen"));
    command.env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
    command
}

/// Runs `sferum-gen` with `args` in the repository root.
pub fn run(args: &[&str]) -> Output {
    sferum_gen()
        .args(args)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        // Invite links are checked against this day, so fixtures do not expire.
        .env("SFERUM_GEN_TODAY", TODAY)
        .output()
        .expect("the binary runs")
}

/// The ASCII-only words longer than four letters in a report or help text: English left in a
/// Russian text. Not counted: source snippets (lines with `│`), anything in `…`, «…», "…" or
/// […] (quoted values, codes), and tokens with digits or path, option and identifier marks.
pub fn english_words(text: &str, allowed: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines().filter(|l| !l.contains('│') && !l.contains('┌')) {
        let mut plain = String::new();
        let (mut code, mut guillemets, mut quote, mut bracket) = (false, 0usize, false, 0usize);
        for c in line.chars() {
            match c {
                '`' => code = !code,
                '«' => guillemets += 1,
                '»' => guillemets = guillemets.saturating_sub(1),
                '"' => quote = !quote,
                '[' => bracket += 1,
                ']' => bracket = bracket.saturating_sub(1),
                _ if code || guillemets > 0 || quote || bracket > 0 => continue,
                _ => {
                    plain.push(c);
                    continue;
                }
            }
            // A quote's edge separates words.
            plain.push(' ');
        }
        for token in plain.split(|c: char| c.is_whitespace() || ",;:()!?".contains(c)) {
            let word = token.trim_end_matches('.');
            let marked = word.chars().any(|c| c.is_ascii_digit() || "/._-=@#+<>*$~\\'&%|{}".contains(c));
            if !marked && word.len() > 4 && word.chars().all(|c| c.is_ascii_alphabetic()) && !allowed.contains(&word) {
                found.push(word.to_string());
            }
        }
    }
    found
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Builds the bundled examples into a fresh temporary folder.
pub fn build_examples() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let o = run(&["build", "policies", "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    out
}

/// Text of a PDF as `pdftotext -layout` extracts it.
pub fn pdf_text(path: &Path) -> String {
    tool_output("pdftotext", &["-layout", path.to_str().unwrap(), "-"])
}

/// Text of each page of a PDF (`pdftotext -layout`, which ends every page with a form feed).
pub fn pdf_pages(path: &Path) -> Vec<String> {
    let text = pdf_text(path);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

pub fn tool_output(tool: &str, args: &[&str]) -> String {
    let o = Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("`{tool}` must be installed (poppler-utils): {e}"));
    assert!(o.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Whitespace folded to single spaces and words hyphenated at line ends joined again,
/// so phrases split across lines still match (as ../shared/tools/coverage.py reads text).
pub fn fold(s: &str) -> String {
    let mut joined = String::with_capacity(s.len());
    for line in s.lines().map(str::trim) {
        let mut tail = joined.trim_end_matches(' ').chars().rev();
        // pdftotext marks Typst's hyphenation points with a soft hyphen (U+00AD).
        let hyphen = tail.next().filter(|c| *c == '-' || *c == '\u{ad}');
        let hyphenated = hyphen.is_some() && tail.next().is_some_and(char::is_alphabetic);
        if hyphenated && line.chars().next().is_some_and(char::is_alphabetic) {
            joined.truncate(joined.trim_end_matches(' ').len() - hyphen.map_or(0, char::len_utf8));
        } else {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an HTML page: tags dropped (each as a space), the entities the backend
/// writes decoded, no-break spaces as spaces.
pub fn html_text(path: &Path) -> String {
    let raw = std::fs::read_to_string(path).unwrap();
    let mut text = String::with_capacity(raw.len());
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&").replace('\u{a0}', " ")
}

/// Builds `<tmp>/policies` into `<tmp>/out` with `extra` arguments.
pub fn build_in(tmp: &Path, extra: &[&str]) -> Output {
    let (policies, out) = (tmp.join("policies"), tmp.join("out"));
    let mut args = vec!["build", policies.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

/// Builds `input` into `out` and asserts that the build succeeded.
pub fn build_ok(input: &Path, out: &Path) {
    let o = run(&["build", input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "build of {} failed:\n{}", input.display(), stderr(&o));
}

/// Asserts that `text` contains every one of `needles`; the failure names `what` and the
/// missing phrase, and shows the text.
pub fn assert_has(text: &str, needles: &[&str], what: &str) {
    for needle in needles {
        assert!(text.contains(needle), "{what} lacks «{needle}»:\n{text}");
    }
}

/// SHA-256 of every file under `dir`, by relative path.
pub fn hashes(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let digest = Sha256::digest(std::fs::read(e.path()).unwrap());
            (rel, format!("{digest:x}"))
        })
        .collect()
}

/// One part of a DOCX (or any zip) archive as text, e.g. `word/document.xml`.
pub fn docx_part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a DOCX is a zip archive");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")), &mut text).unwrap();
    text
}

/// The text of a DOCX file's body (word/document.xml with the XML tags removed).
pub fn docx_text(path: &Path) -> String {
    let xml = docx_part(&std::fs::read(path).unwrap(), "word/document.xml");
    // Paragraph, cell and line ends separate words; run boundaries inside a paragraph do not.
    let mut text = String::with_capacity(xml.len() / 4);
    let mut tag = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' => {
                in_tag = false;
                if tag.starts_with("/w:p") || tag.starts_with("/w:tc") || tag.starts_with("w:br") || tag.starts_with("w:tab") {
                    text.push(' ');
                }
            }
            c if in_tag => tag.push(c),
            c => text.push(c),
        }
    }
    let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    fold(&text)
}

/// Invented invite links for the school's chats (created on TODAY, so they never expire in tests).
pub const SCHOOL_INVITES: [(&str, &str); 4] = [
    ("teachers-unit", "https://max.ru/join/INVENTEDstaff0Teachers"),
    ("3a-students", "https://max.ru/join/INVENTED3aStudents"),
    ("3a-parents", "https://web.max.ru/join/INVENTED3aParents"),
    ("7b-parents", "https://sferum.ru/?invite=INVENTED7bParents"),
];

/// A copy of policies/ whose school has invites.yaml (SCHOOL_INVITES), built into `out/`.
pub fn build_examples_with_invites() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let policies = tmp.path().join("policies");
    tree::copy_tree(&root().join("policies"), &policies);
    let mut yaml = String::from("invented: true\nlinks:\n");
    for (chat, url) in SCHOOL_INVITES {
        yaml.push_str(&format!("  - chat: {chat}\n    url: {url}\n    created: {TODAY}\n"));
    }
    std::fs::write(policies.join("school-max/invites.yaml"), yaml).unwrap();
    let o = run(&["build", policies.to_str().unwrap(), "--out", tmp.path().join("out").to_str().unwrap()]);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    tmp
}

/// Asserts that every file of the site's `documents/` of institution `id` in `out` is
/// byte-identical to the exported file of the same name in its `public/`, and that the site
/// has the copies of the regulation, the chat rules and the opt-out form (PDF and HTML).
#[allow(dead_code)]
pub fn assert_site_copies_are_the_public_files(out: &Path, id: &str) {
    let dir = out.join(id).join("public/site/documents");
    let mut names: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let expected = ["chat-rules.html", "chat-rules.pdf", "opt-out-form.html", "opt-out-form.pdf", "regulation.html", "regulation.pdf"];
    assert_eq!(names, expected, "{id}: the site's documents");
    for name in names {
        let copy = std::fs::read(dir.join(&name)).unwrap();
        let public = std::fs::read(out.join(id).join("public").join(&name)).unwrap();
        assert!(copy == public, "{id}: site/documents/{name} differs from public/{name}");
    }
}
