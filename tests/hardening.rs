//! Hostile inputs (issue 14), class by class: `tests/fixtures/hardening/<class>.cases`. Each
//! case is the valid fixture with a few changes; `check` must report each expected code at
//! its file and line and exit 1, and `build` must exit 1 and leave out/ byte-identical — both
//! within seconds (a FIFO must never be opened for reading). A case may instead be accepted
//! (`exit 0`) and name where its hostile text must appear literally.
//!
//! A `.cases` file:
//!   == NAME                         starts a case
//!   replace FILE OLD => NEW         replaces the first OLD in FILE by NEW
//!   write FILE TEXT                 writes TEXT to FILE
//!   append FILE TEXT                appends TEXT to FILE
//!   fifo FILE                       makes FILE a named pipe
//!   nest FILE N                     writes N block mappings, each indented in the one before
//!   mkdir FILE                      makes FILE an empty folder
//!   symlink FILE TARGET             makes FILE (a file or folder) a link to TARGET
//!   repeat FILE OLD => NEW * N      like replace, with NEW written N times
//!   expect CODE FILE LINE           LINE a number or `-`
//!   warn CODE FILE LINE             a warning, the case otherwise accepted
//!   none CODE                       no diagnostic of `check` has CODE
//!   exit N                          `check`'s exit code (default 1)
//!   literal FILE TEXT               with exit 0: the built FILE (under out/demo/) holds TEXT
//! In OLD, NEW and TEXT: \n \r \t \0 \e and \u{XXXX} are the characters, \\ a backslash.
//! Paths are relative to the fixture root (`demo/…`, `_registry/…`); a TARGET starting
//! with `@` is relative to the temporary folder outside the root.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;

#[derive(Debug, Default)]
struct Case {
    class: String,
    name: String,
    steps: Vec<(String, Vec<String>)>,
    expects: Vec<(bool, String, String, Option<u64>)>,
    literals: Vec<(String, String)>,
    absent: Vec<String>,
    exit: i32,
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('0') => out.push('\0'),
            Some('e') => out.push('\u{1b}'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                assert_eq!(chars.next(), Some('{'));
                let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            other => panic!("unknown escape \\{other:?} in {s}"),
        }
    }
    out
}

fn read_cases() -> Vec<Case> {
    let dir = root().join("tests/fixtures/hardening");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "cases")).collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let class = file.file_stem().unwrap().to_string_lossy().to_string();
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix("== ") {
                cases.push(Case { class: class.clone(), name: name.trim().to_string(), exit: 1, ..Case::default() });
                continue;
            }
            let case = cases.last_mut().unwrap_or_else(|| panic!("{class}: a step before the first case"));
            let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
            match word {
                "expect" | "warn" => {
                    let w: Vec<&str> = rest.split_whitespace().collect();
                    assert_eq!(w.len(), 3, "{}: `{word} CODE FILE LINE`", case.name);
                    case.expects.push((word == "expect", w[0].into(), w[1].into(), (w[2] != "-").then(|| w[2].parse().unwrap())));
                }
                "exit" => case.exit = rest.trim().parse().unwrap(),
                "none" => case.absent.push(rest.trim().to_string()),
                "literal" => {
                    let (file, text) = rest.split_once(' ').unwrap();
                    case.literals.push((file.into(), unescape(text)));
                }
                "replace" | "repeat" | "write" | "append" | "fifo" | "mkdir" | "symlink" => {
                    let (file, text) = rest.split_once(' ').unwrap_or((rest, ""));
                    let mut args = vec![file.to_string()];
                    if word == "replace" || word == "repeat" {
                        let (old, new) = text.split_once(" => ").unwrap_or_else(|| panic!("{}: `{word} FILE OLD => NEW`", case.name));
                        args.push(unescape(old));
                        match new.rsplit_once(" * ").filter(|_| word == "repeat") {
                            Some((new, n)) => args.extend([unescape(new), n.trim().to_string()]),
                            None => args.push(unescape(new)),
                        }
                    } else {
                        args.push(if word == "symlink" { text.to_string() } else { unescape(text) });
                    }
                    case.steps.push((word.to_string(), args));
                }
                "nest" => {
                    let (file, n) = rest.split_once(' ').unwrap();
                    let text: String = (0..n.trim().parse::<usize>().unwrap()).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
                    case.steps.push(("write".into(), vec![file.into(), text]));
                }
                other => panic!("{}: unknown step `{other}`", case.name),
            }
        }
    }
    cases
}

fn assemble(case: &Case, tmp: &Path) -> PathBuf {
    let root = tmp.join("policies");
    copy_tree(&common::root().join("tests/fixtures/valid"), &root);
    std::fs::create_dir_all(tmp.join("outside")).unwrap();
    std::fs::write(tmp.join("outside/secret.csv"), "id,role,surname,name\ns9,student,Секретов,Иван\n").unwrap();
    for (word, args) in &case.steps {
        let path = root.join(&args[0]);
        match word.as_str() {
            "replace" | "repeat" => {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(text.contains(&args[1]), "{}: `{}` is not in {}", case.name, args[1], args[0]);
                let new = if word == "repeat" { args[2].repeat(args[3].parse().unwrap()) } else { args[2].clone() };
                std::fs::write(&path, text.replacen(&args[1], &new, 1)).unwrap();
            }
            "write" => {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &args[1]).unwrap();
            }
            "mkdir" => {
                let _ = std::fs::remove_file(&path);
                std::fs::create_dir_all(&path).unwrap();
            }
            "append" => {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                std::fs::write(&path, text + &args[1]).unwrap();
            }
            "fifo" => {
                if path.is_dir() {
                    std::fs::remove_dir_all(&path).unwrap();
                } else {
                    let _ = std::fs::remove_file(&path);
                }
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                let ok = Command::new("mkfifo").arg(&path).status().unwrap().success();
                assert!(ok, "mkfifo {}", path.display());
            }
            "symlink" => {
                if path.is_dir() && !path.is_symlink() {
                    std::fs::remove_dir_all(&path).unwrap();
                } else {
                    let _ = std::fs::remove_file(&path);
                }
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                let target = match args[1].strip_prefix('@') {
                    Some(rel) => tmp.join(rel),
                    None => PathBuf::from(&args[1]),
                };
                std::os::unix::fs::symlink(target, &path).unwrap();
            }
            _ => unreachable!(),
        }
    }
    root
}

/// Runs the binary with a deadline: a hang is a failure, not a stuck test. Its output goes
/// to files, so a long report cannot block it on a full pipe.
fn run_within(args: &[&str], limit: Duration) -> Result<Output, String> {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (dir.path().join("stdout"), dir.path().join("stderr"));
    let mut child = sferum_gen()
        .args(args)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("SFERUM_GEN_TODAY", TODAY)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Ok(Output { status, stdout: std::fs::read(&out_path).unwrap(), stderr: std::fs::read(&err_path).unwrap() });
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("`{}` did not finish within {limit:?}", args.join(" ")));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

const LIMIT: Duration = Duration::from_secs(20);

fn check_case(case: &Case) -> Result<(), String> {
    let tmp = tempfile::tempdir().unwrap();
    let root = assemble(case, tmp.path());
    let root_s = root.to_str().unwrap();
    let o = run_within(&["check", root_s, "--format", "json"], LIMIT)?;
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).map_err(|e| format!("JSON report: {e}\n{}", stderr(&o)))?;
    if o.status.code() != Some(case.exit) {
        return Err(format!("check exit {:?}, expected {}\n{report:#}", o.status.code(), case.exit));
    }
    for (error, code, file, line) in &case.expects {
        let severity = if *error { "error" } else { "warning" };
        let found = report["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["code"] == code.as_str() && d["severity"] == severity && d["file"].as_str().is_some_and(|f| f.ends_with(file.as_str())) && d["line"].as_u64() == *line
        });
        if !found {
            return Err(format!("no {severity} `{code}` at {file}:{line:?}; got\n{report:#}"));
        }
    }
    if let Some(d) = report["diagnostics"].as_array().unwrap().iter().find(|d| case.absent.iter().any(|c| d["code"] == c.as_str())) {
        return Err(format!("an unexpected `{}`: {d:#}", d["code"]));
    }
    // The human report stays bounded (no echo of a huge line) and finishes too.
    let human = run_within(&["check", root_s], LIMIT)?;
    if human.stderr.len() > 64 * 1024 {
        return Err(format!("the report is {} bytes long", human.stderr.len()));
    }
    let out = tmp.path().join("out");
    if case.exit == 0 {
        let b = run_within(&["build", root_s, "--out", out.to_str().unwrap()], Duration::from_secs(120))?;
        if !b.status.success() {
            return Err(format!("build failed after check passed:\n{}", stderr(&b)));
        }
        for (file, text) in &case.literals {
            let path = out.join("demo").join(file);
            let content = if file.ends_with(".pdf") { fold(&pdf_text(&path)) } else { String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned() };
            if !content.contains(text.as_str()) {
                return Err(format!("{file} lacks the literal {text:?}"));
            }
        }
        return Ok(());
    }
    std::fs::create_dir_all(out.join("demo/public")).unwrap();
    std::fs::write(out.join("demo/public/regulation.html"), "previous build").unwrap();
    let before = hashes(&out);
    let b = run_within(&["build", root_s, "--out", out.to_str().unwrap()], LIMIT)?;
    if b.status.code() != Some(1) {
        return Err(format!("build exit {:?}, expected 1\n{}", b.status.code(), stderr(&b)));
    }
    if hashes(&out) != before {
        return Err("a failed build changed the output folder".into());
    }
    Ok(())
}

#[test]
fn hostile_inputs_are_refused_where_they_are() {
    let cases = read_cases();
    let only = std::env::var("HARDENING_ONLY").ok();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in cases.iter().filter(|c| only.as_deref().is_none_or(|o| c.name.contains(o) || c.class == o)) {
        assert!(!case.expects.is_empty() || !case.literals.is_empty() || !case.absent.is_empty(), "{}: nothing expected", case.name);
        ran += 1;
        if let Err(e) = check_case(case) {
            failures.push(format!("{}/{}: {e}", case.class, case.name));
        }
    }
    assert!(failures.is_empty(), "{} of {ran} cases failed:\n\n{}", failures.len(), failures.join("\n\n"));
    if only.is_none() {
        let names: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), cases.len(), "case names repeat");
        for class in ["files", "yaml", "characters", "email", "personal", "csv", "markup"] {
            assert!(cases.iter().filter(|c| c.class == class).count() >= 8, "too few `{class}` cases");
        }
    }
}
