//! Diagnostics as SARIF 2.1.0 (`--format sarif`), for code scanning in CI: one result per
//! diagnostic, its code the rule, its place a region of the file relative to the input root.

use std::path::Path;

use serde_sarif::sarif;

use super::{Diagnostic, Diagnostics, Severity};
use crate::load::SourceMap;
use crate::tr;

/// The `uriBaseId` of every file under the input root.
pub const INPUT_ROOT: &str = "INPUTROOT";

/// One SARIF log with one run of this tool. `root` is the input folder (`check PATH`): files
/// under it get a URI relative to it; others (a certificate given by path) an absolute one.
pub fn render_sarif(diags: &Diagnostics, sources: &SourceMap, root: &Path) -> String {
    let mut codes: Vec<&'static str> = diags.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<sarif::ReportingDescriptor> = codes.iter().map(|code| sarif::ReportingDescriptor::builder().id(*code).build()).collect();
    let results: Vec<sarif::Result> = diags.iter().map(|d| result_of(d, &codes, sources, root)).collect();
    let driver = sarif::ToolComponent::builder()
        .name("sferum-gen")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let mut bases = std::collections::BTreeMap::new();
    if let Some(uri) = absolute_uri(root, true) {
        bases.insert(INPUT_ROOT.to_string(), sarif::ArtifactLocation::builder().uri(uri).build());
    }
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .original_uri_base_ids(bases)
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .build();
    let log = sarif::Sarif::builder().schema("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json").version(serde_json::json!("2.1.0")).runs(vec![run]).build();
    serde_json::to_string_pretty(&log).expect("SARIF serialises") + "\n"
}

fn result_of(d: &Diagnostic, codes: &[&str], sources: &SourceMap, root: &Path) -> sarif::Result {
    let level = match d.severity {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
    };
    let mut text = d.message.clone();
    if let Some(hint) = &d.hint {
        text.push('\n');
        text.push_str(&tr!("diag-hint", hint = hint.as_str()));
    }
    let index = codes.iter().position(|c| *c == d.code).unwrap_or(0) as i64;
    let locations: Vec<sarif::Location> = d.file.iter().map(|file| location(file, d, sources, root)).collect();
    sarif::Result::builder()
        .rule_id(d.code)
        .rule_index(index)
        .level(level)
        .message(sarif::Message::builder().text(text).build())
        .locations(locations)
        .build()
}

fn location(file: &Path, d: &Diagnostic, sources: &SourceMap, root: &Path) -> sarif::Location {
    let artifact = match file.strip_prefix(root).ok().filter(|r| !r.as_os_str().is_empty()) {
        Some(relative) => sarif::ArtifactLocation::builder().uri(encode(relative)).uri_base_id(INPUT_ROOT).build(),
        None => sarif::ArtifactLocation::builder().uri(absolute_uri(file, false).unwrap_or_else(|| encode(file))).build(),
    };
    let region = d.span.map(|span| {
        let end = sources.text(file).and_then(|text| line_col(text, span.end));
        match end {
            Some((end_line, end_col)) if span.end > span.start => sarif::Region::builder()
                .start_line(span.line as i64)
                .start_column(span.col as i64)
                .end_line(end_line as i64)
                .end_column(end_col as i64)
                .build(),
            _ => sarif::Region::builder().start_line(span.line as i64).start_column(span.col as i64).build(),
        }
    });
    let physical = match region {
        Some(region) => sarif::PhysicalLocation::builder().artifact_location(artifact).region(region).build(),
        None => sarif::PhysicalLocation::builder().artifact_location(artifact).build(),
    };
    sarif::Location::builder().physical_location(physical).build()
}

/// The 1-based line and column (in characters) of byte `offset` in `text`; a column one past
/// the last character, as SARIF's endColumn is exclusive.
fn line_col(text: &str, offset: usize) -> Option<(usize, usize)> {
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    Some((line, before[start..].chars().count() + 1))
}

/// `file://` URI of `path` made absolute (a folder's with a trailing slash).
fn absolute_uri(path: &Path, folder: bool) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    let mut uri = format!("file://{}", encode(&absolute));
    if folder && !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

/// A path as a URI reference: `/` between segments, every byte outside RFC 3986's unreserved
/// set percent-encoded (Cyrillic folder names included).
fn encode(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(encode(Path::new("itep/institution.yaml")), "itep/institution.yaml");
        assert_eq!(encode(Path::new("моя школа/a b.yaml")), "%D0%BC%D0%BE%D1%8F%20%D1%88%D0%BA%D0%BE%D0%BB%D0%B0/a%20b.yaml");
        assert_eq!(line_col("ab\nцд: x\n", 9), Some((2, 5)));
        assert_eq!(line_col("ab", 5), None);
    }
}
