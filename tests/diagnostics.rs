//! Broken inputs: every case under tests/fixtures/broken/ is the valid fixture with some
//! files replaced; `case.txt` says what `check` must report. For every case: the expected
//! codes at the expected lines, the exit code, a snapshot of the human-readable report,
//! and an output folder left byte-identical by a failed `build`.
//!
//! case.txt lines:
//!   expect CODE FILE LINE        FILE relative to the fixture root; LINE a number or `-`
//!   exit N                       expected exit code of `check` (default 1)
//!   setup big-file FILE BYTES    write FILE as a valid-looking YAML of BYTES bytes
//!   setup symlink FILE TARGET    make FILE a symlink to TARGET (as written in the link: relative to FILE's folder)
//!   setup delete FILE            remove FILE
//!   setup copy DIR NEW           copy folder DIR to NEW
//!   setup write FILE TEXT        write TEXT (the rest of the line, spacing kept; \n for newlines) to FILE

mod common;

use std::path::Path;

use common::*;

struct Case {
    name: String,
    expects: Vec<(String, String, Option<u64>)>,
    exit: i32,
    setups: Vec<Vec<String>>,
}

fn read_case(dir: &Path) -> Case {
    let spec = std::fs::read_to_string(dir.join("case.txt")).unwrap_or_else(|_| panic!("{} has no case.txt", dir.display()));
    let mut case = Case { name: dir.file_name().unwrap().to_string_lossy().into(), expects: vec![], exit: 1, setups: vec![] };
    for line in spec.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut words: Vec<String> = line.split_whitespace().map(String::from).collect();
        if words.len() > 3 && words[0] == "setup" && words[1] == "write" {
            // Keep the text after `setup write FILE ` exactly as written.
            let after_file = line.splitn(4, char::is_whitespace).nth(3).unwrap_or_default().trim_start();
            words.truncate(3);
            words.push(after_file.to_string());
        }
        match words[0].as_str() {
            "expect" => {
                assert_eq!(words.len(), 4, "{}: `expect CODE FILE LINE`", case.name);
                let line = (words[3] != "-").then(|| words[3].parse().expect("line number"));
                case.expects.push((words[1].clone(), words[2].clone(), line));
            }
            "exit" => case.exit = words[1].parse().unwrap(),
            "setup" => case.setups.push(words[1..].to_vec()),
            other => panic!("{}: unknown directive `{other}`", case.name),
        }
    }
    assert!(!case.expects.is_empty(), "{}: no expectations", case.name);
    case
}

/// Assembles the fixture root for `case` in a temporary folder.
fn assemble(case_dir: &Path, case: &Case) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("policies");
    copy_tree(&root_dir().join("tests/fixtures/valid"), &root);
    for e in walkdir::WalkDir::new(case_dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let rel = e.path().strip_prefix(case_dir).unwrap();
        if rel != Path::new("case.txt") {
            let target = root.join(rel);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(e.path(), target).unwrap();
        }
    }
    for s in &case.setups {
        let path = root.join(&s[1]);
        match s[0].as_str() {
            "big-file" => {
                let bytes: usize = s[2].parse().unwrap();
                let line = "# padding padding padding padding padding padding padding padding\n";
                std::fs::write(&path, line.repeat(bytes / line.len() + 1)).unwrap();
            }
            "symlink" => {
                let _ = std::fs::remove_file(&path);
                std::os::unix::fs::symlink(&s[2], &path).unwrap();
            }
            "delete" => std::fs::remove_file(&path).unwrap(),
            "copy" => copy_tree(&path, &root.join(&s[2])),
            "write" => std::fs::write(&path, s.get(2).map_or("", String::as_str).replace("\\n", "\n")).unwrap(),
            other => panic!("{}: unknown setup `{other}`", case.name),
        }
    }
    tmp
}

fn root_dir() -> std::path::PathBuf {
    common::root()
}

#[test]
fn every_broken_input_is_reported_where_it_is() {
    let dir = root_dir().join("tests/fixtures/broken");
    let mut cases: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 25, "only {} broken fixtures", cases.len());
    let mut failures = Vec::new();
    // The schemas' enum values are codes the user writes: a description may name them bare.
    let enums = schema_enum_values();
    let allowed: Vec<&str> = ALLOWED_LATIN.iter().copied().chain(enums.iter().map(String::as_str)).collect();
    for case_dir in &cases {
        let case = read_case(case_dir);
        let tmp = assemble(case_dir, &case);
        let root = tmp.path().join("policies");
        let root_s = root.to_str().unwrap();

        let o = run(&["check", root_s, "--format", "json"]);
        if o.status.code() != Some(case.exit) {
            failures.push(format!("{}: exit {:?}, expected {}\n{}", case.name, o.status.code(), case.exit, stdout(&o)));
            continue;
        }
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{}: JSON: {e}", case.name));
        for (code, file, line) in &case.expects {
            let found = report["diagnostics"].as_array().unwrap().iter().any(|d| {
                d["code"] == code.as_str()
                    && d["file"].as_str().is_some_and(|f| f.ends_with(file.as_str()))
                    && d["line"].as_u64() == *line
            });
            if !found {
                failures.push(format!("{}: no `{code}` at {file}:{line:?}; got\n{report:#}", case.name));
            }
        }

        // The human report, with the temporary path made stable, is snapshot-tested in
        // Russian (the default) and in English.
        let human = run(&["check", root_s]);
        let text = stderr(&human).replace(root_s, "policies");
        insta::assert_snapshot!(format!("broken__{}", case.name), text);
        let english = run(&["check", root_s, "--lang", "en"]);
        insta::assert_snapshot!(format!("broken__{}__en", case.name), stderr(&english).replace(root_s, "policies"));

        // No English sentence is left in the Russian report.
        let left = english_words(&text, &allowed);
        if !left.is_empty() {
            failures.push(format!("{}: English words in the Russian report: {left:?}\n{text}", case.name));
        }

        // The JSON report is the same in both languages but for the words: codes, places.
        let en_json = run(&["check", root_s, "--format", "json", "--lang", "en"]);
        let en_report: serde_json::Value = serde_json::from_slice(&en_json.stdout).unwrap();
        let places = |r: &serde_json::Value| -> Vec<String> {
            r["diagnostics"].as_array().unwrap().iter().map(|d| format!("{} {} {} {} {}", d["severity"], d["code"], d["file"], d["line"], d["column"])).collect()
        };
        if places(&report) != places(&en_report) || en_json.status.code() != o.status.code() {
            failures.push(format!("{}: the JSON report differs between the languages", case.name));
        }

        // A failed build leaves an existing output folder exactly as it was.
        if case.exit != 0 {
            let out = tmp.path().join("out");
            std::fs::create_dir_all(out.join("demo/public")).unwrap();
            std::fs::write(out.join("demo/public/regulation.html"), "previous build").unwrap();
            std::fs::write(out.join("README.md"), "kept").unwrap();
            let before = hashes(&out);
            let b = run(&["build", root_s, "--out", out.to_str().unwrap()]);
            if b.status.code() != Some(1) {
                failures.push(format!("{}: build exit {:?}, expected 1", case.name, b.status.code()));
            }
            if hashes(&out) != before {
                failures.push(format!("{}: a failed build changed the output folder", case.name));
            }
            let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(".sferum-gen-staging")).collect();
            if !leftovers.is_empty() {
                failures.push(format!("{}: a staging folder was left behind", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Latin words a Russian report may carry outside quotes: names of programs and formats.
const ALLOWED_LATIN: &[&str] = &["Excel", "LibreOffice", "Unicode", "Windows", "ECDSA", "PAdES"];

/// Every string of an `enum` in the bundled schemas.
fn schema_enum_values() -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(values) = m.get("enum").and_then(|e| e.as_array()) {
                    out.extend(values.iter().filter_map(|x| x.as_str().map(str::to_string)));
                }
                m.values().for_each(|x| walk(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for e in std::fs::read_dir(root_dir().join("schemas")).unwrap() {
        let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        walk(&schema, &mut out);
    }
    assert!(out.iter().any(|v| v == "preschool"), "the enums are read");
    out
}

#[test]
fn the_valid_fixture_is_valid() {
    let o = run(&["check", "tests/fixtures/valid"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
