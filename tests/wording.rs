//! Wording is data (issue 11): no Russian text in the Rust code's string and character
//! literals outside the modules that are about the Russian language itself. Every phrase a
//! document, a site, a roster or a report prints lives in templates/ (tera) or in
//! templates/vocabulary.yaml, where a methodologist changes it without Rust.
//!
//! What is scanned: every literal (`"…"`, `r"…"`, `r#"…"#`, `'…'`) of every `.rs` file under
//! src/, outside comments and outside the `#[cfg(test)]` module at the end of a file. The
//! modules allowed Cyrillic, and why, are listed in `ALLOWED`.

use std::path::{Path, PathBuf};

/// The modules that may hold Russian words in code: they are grammar and typography.
const ALLOWED: [(&str, &str); 2] = [
    ("src/grammar/", "grammar: declension of names, numerals in words, the words people write in class lists, «ё»"),
    ("src/render/typography.rs", "typography: non-breaking spaces after short Russian words and before «г.»"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The literals of Rust source, each with its line, comments and the test module skipped.
fn literals(source: &str) -> Vec<(usize, String)> {
    let code = match source.find("#[cfg(test)]") {
        Some(at) => &source[..at],
        None => source,
    };
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let newlines = |s: &[char]| s.iter().filter(|c| **c == '\n').count();
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let end = (i + 2..chars.len().saturating_sub(1)).find(|&j| chars[j] == '*' && chars[j + 1] == '/').map_or(chars.len(), |j| j + 2);
            line += newlines(&chars[i..end]);
            i = end;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_') {
            // A raw string: r"…", r#"…"#.
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                i += 1;
                continue;
            }
            let start = i + 2 + hashes;
            let closing: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let end = (start..chars.len()).find(|&j| chars[j..].starts_with(&closing)).unwrap_or(chars.len());
            out.push((line, chars[start..end].iter().collect()));
            line += newlines(&chars[start..end]);
            i = end + closing.len();
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            out.push((line, chars[i + 1..j.min(chars.len())].iter().collect()));
            line += newlines(&chars[i..j.min(chars.len())]);
            i = j + 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{…}') or a lifetime ('a): only the former has a closing quote soon.
            let end = if next == Some('\\') { chars[i + 2..].iter().position(|c| *c == '\'').map(|p| i + 2 + p) } else { (chars.get(i + 2) == Some(&'\'')).then_some(i + 2) };
            match end {
                Some(end) => {
                    out.push((line, chars[i + 1..end].iter().collect()));
                    i = end + 1;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    out
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

#[test]
fn rust_code_prints_no_russian_outside_grammar_and_typography() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut found = Vec::new();
    let mut allowed_seen = [false; ALLOWED.len()];
    for path in &files {
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let source = std::fs::read_to_string(path).unwrap();
        for (line, literal) in literals(&source) {
            if !literal.chars().any(is_cyrillic) {
                continue;
            }
            match ALLOWED.iter().position(|(prefix, _)| rel.starts_with(prefix)) {
                Some(n) => allowed_seen[n] = true,
                None => found.push(format!("{rel}:{line}: {literal}")),
            }
        }
    }
    assert!(
        found.is_empty(),
        "Russian text in Rust literals; move it to templates/ or templates/vocabulary.yaml:\n{}",
        found.join("\n")
    );
    // The scanner finds what it should: the allowed modules do hold Russian literals.
    for ((prefix, why), seen) in ALLOWED.iter().zip(allowed_seen) {
        assert!(seen, "no Russian literal found in {prefix} ({why}): the scanner is broken, or the entry is stale");
    }
}

#[test]
fn the_scanner_sees_literals_and_skips_comments() {
    let source = "// «комментарий»\nfn f() { let a = \"строка\"; let b = r#\"сырая \"строка\"\"#; let c = 'ё'; let d: &'static str = \"x\"; }\n/* «блок» */\n#[cfg(test)]\nmod tests { const T: &str = \"тест\"; }\n";
    let found: Vec<(usize, String)> = literals(source).into_iter().filter(|(_, l)| l.chars().any(is_cyrillic)).collect();
    assert_eq!(found, vec![(2, "строка".to_string()), (2, "сырая \"строка\"".to_string()), (2, "ё".to_string())]);
}
