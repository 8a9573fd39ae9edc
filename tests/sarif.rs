//! `--format sarif` (issue 14, item 8): the diagnostics of a broken input as SARIF 2.1.0,
//! validated against the official schema vendored in tests/sarif/ (see SOURCE.md there), each
//! result at the same code, file, line and column as the JSON report.

mod common;

use std::path::Path;

use common::*;

/// The valid fixture with the broken case `case` (under tests/fixtures/broken/) laid over it.
fn broken_input(case: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("policies");
    copy_tree(&root_dir("tests/fixtures/valid"), &root);
    {
        let dir = root_dir(&format!("tests/fixtures/broken/{case}"));
        for e in walkdir::WalkDir::new(&dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
            let relative = e.path().strip_prefix(&dir).unwrap();
            if relative != Path::new("case.txt") {
                std::fs::copy(e.path(), root.join(relative)).unwrap();
            }
        }
    }
    tmp
}

fn root_dir(relative: &str) -> std::path::PathBuf {
    root().join(relative)
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root_dir("tests/sarif/sarif-schema-2.1.0.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema["id"], "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
    jsonschema::options().should_validate_formats(true).build(&schema).expect("the SARIF schema compiles")
}

/// Asserts that `log` is valid SARIF 2.1.0 and returns its results.
fn valid_results(log: &serde_json::Value) -> Vec<serde_json::Value> {
    let errors: Vec<String> = schema().iter_errors(log).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "not valid SARIF 2.1.0:\n{}\n{log:#}", errors.join("\n"));
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "sferum-gen");
    log["runs"][0]["results"].as_array().unwrap().clone()
}

/// The two cases: an impossible date in a YAML file, three mistakes in a people list.
const CASES: [(&str, &[(&str, &str, u64)]); 2] = [
    ("impossible-date", &[("bad-format", "demo/appointments.yaml", 5)]),
    (
        "csv-several-mistakes",
        &[("csv-bad-phone", "demo/people/5a.csv", 3), ("csv-bad-email", "demo/people/5a.csv", 5), ("csv-unknown-student", "demo/people/5a.csv", 6)],
    ),
];

#[test]
fn sarif_of_a_broken_input_is_valid_and_matches_the_json_report() {
    for (case, expected) in CASES {
        assert_case(case, expected);
    }
}

fn assert_case(case: &str, expected: &[(&str, &str, u64)]) {
    let tmp = broken_input(case);
    let root = tmp.path().join("policies");
    let root_s = root.to_str().unwrap();
    let json = run(&["check", root_s, "--format", "json"]);
    let sarif = run(&["check", root_s, "--format", "sarif"]);
    assert_eq!((json.status.code(), sarif.status.code()), (Some(1), Some(1)));
    assert!(stderr(&sarif).is_empty(), "SARIF goes to stdout alone: {}", stderr(&sarif));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    let results = valid_results(&log);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len(), "{log:#}");
    // The input root is the base of every relative URI.
    let base = log["runs"][0]["originalUriBaseIds"]["INPUTROOT"]["uri"].as_str().unwrap();
    assert!(base.starts_with("file:///") && base.ends_with("/policies/"), "{base}");
    for (d, r) in diagnostics.iter().zip(&results) {
        assert_eq!(r["ruleId"], d["code"], "{r:#}");
        assert_eq!(r["level"], d["severity"], "{r:#}");
        assert!(r["message"]["text"].as_str().unwrap().starts_with(d["message"].as_str().unwrap()), "{r:#}");
        let location = &r["locations"][0]["physicalLocation"];
        let file = d["file"].as_str().unwrap();
        let relative = Path::new(file).strip_prefix(&root).unwrap().to_str().unwrap();
        assert_eq!(location["artifactLocation"]["uri"], relative, "{r:#}");
        assert_eq!(location["artifactLocation"]["uriBaseId"], "INPUTROOT");
        assert_eq!(location["region"]["startLine"], d["line"], "{r:#}");
        assert_eq!(location["region"]["startColumn"], d["column"], "{r:#}");
        // The rule of each result is listed in the driver, at the index the result names.
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(log["runs"][0]["tool"]["driver"]["rules"][index]["id"], d["code"]);
    }
    // Each expected diagnostic of the case is among them, at its line.
    for &(code, file, line) in expected {
        assert!(
            results.iter().any(|r| r["ruleId"] == code
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == file
                && r["locations"][0]["physicalLocation"]["region"]["startLine"] == line),
            "no {code} at {file}:{line} in\n{log:#}"
        );
    }
    // A result with a span in a YAML file also says where it ends.
    if let Some(date) = results.iter().find(|r| r["ruleId"] == "bad-format") {
        let region = &date["locations"][0]["physicalLocation"]["region"];
        assert!(region["endLine"].as_u64().unwrap() >= 5 && region["endColumn"].as_u64().unwrap() > region["startColumn"].as_u64().unwrap(), "{region}");
    }
}

#[test]
fn build_writes_the_same_sarif_and_nothing_else() {
    let tmp = broken_input("csv-several-mistakes");
    let root = tmp.path().join("policies");
    let out = tmp.path().join("out");
    let check = run(&["check", root.to_str().unwrap(), "--format", "sarif"]);
    let build = run(&["build", root.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "sarif"]);
    assert_eq!(build.status.code(), Some(1));
    assert_eq!(stdout(&build), stdout(&check));
    assert!(!out.exists());
    // A valid input: a valid log with no results.
    let valid = run(&["check", root_dir("tests/fixtures/valid").to_str().unwrap(), "--format", "sarif"]);
    assert_eq!(valid.status.code(), Some(0), "{}", stderr(&valid));
    let log: serde_json::Value = serde_json::from_slice(&valid.stdout).unwrap();
    let results = valid_results(&log);
    assert!(results.iter().all(|r| r["level"] == "warning"), "{log:#}");
}

#[test]
fn the_schema_rejects_a_broken_log() {
    // The validator is not a rubber stamp: a result without a message, and a level the
    // standard does not know, are caught.
    let log = serde_json::json!({
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "r", "level": "fatal"}]}]
    });
    assert!(schema().iter_errors(&log).count() >= 2);
}
