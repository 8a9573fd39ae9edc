//! `sferum-gen init` (issue 12): a new institution from about ten answers, as flags or on a
//! terminal; placeholders `check` reports until filled; once filled it builds; no example's
//! people or names in it; an existing folder is never written into.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const FLAGS: &[&str] = &[
    "--kind", "school", "--messenger", "max", "--ownership", "municipal",
    "--full-name", "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 7»",
    "--short-name", "МБОУ «СШ № 7»", "--city", "г. Томск",
    "--head", "Соколова Мария Андреевна", "--head-gender", "female",
    "--admin", "Белов Пётр Ильич", "--admin-gender", "male", "--admin-post", "учитель информатики",
    "--admin-phone", "+7 900 111-22-33", "--admin-email", "admin@example.invalid", "--approval", "order",
];

/// What a user writes in place of each placeholder, by the placeholder's own words. Names and
/// posts are asked in the nominative only: no case form is a placeholder.
const FILLED: [(&str, &str); 4] = [
    ("самоназвание в именительном падеже (например, Школа)", "Школа"),
    ("должность руководителя в именительном падеже", "директор"),
    ("номер приказа об утверждении Положения", "12-о"),
    ("номер приказа о назначении администратора платформы", "13-о"),
];

fn fill(dir: &Path) {
    for file in ["institution", "roles", "appointments", "chats", "rules"] {
        let path = dir.join(format!("{file}.yaml"));
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (asked, value) in FILLED {
            text = text.replace(&format!("\"ЗАПОЛНИТЕ: {asked}\""), &format!("\"{value}\""));
        }
        text = text.replace("\"ЗАПОЛНИТЕ: дата приказа, ГГГГ-ММ-ДД\"", "2026-08-28");
        std::fs::write(&path, text).unwrap();
    }
}

#[test]
fn init_with_flags_is_refused_until_filled_then_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    let dir = policies.join("school-7");
    let mut args = vec!["init", dir.to_str().unwrap()];
    args.extend(FLAGS);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let institution = std::fs::read_to_string(dir.join("institution.yaml")).unwrap();
    assert!(institution.contains("time_zone: \"Asia/Tomsk\""), "the zone is suggested from the city:\n{institution}");
    assert!(institution.contains("# Сведения об организации"), "comments in Russian");

    // Placeholders: `check` names each one and refuses.
    let o = run(&["check", policies.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<&str> = report["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.len() >= 6 && codes.iter().all(|c| *c == "not-filled"), "{codes:?}");

    // Filled in, it checks and builds.
    fill(&dir);
    let o = run(&["check", policies.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = tmp.path().join("out");
    build_ok(&policies, &out);
    let regulation = fold(&pdf_text(&out.join("school-7/public/regulation.pdf")));
    assert!(regulation.contains("МБОУ «СШ № 7»") && regulation.contains("мессенджера MAX"), "{regulation}");
    // The other cases come from the nominatives the user wrote.
    assert!(regulation.contains("в Муниципальном бюджетном общеобразовательном учреждении «Средняя школа № 7» (далее – Школа)"), "{regulation}");
    assert!(regulation.contains("приказом директора Школы"), "{regulation}");

    // An existing folder is never written into.
    let before = hashes(&dir);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("уже существует"), "{}", stderr(&o));
    assert_eq!(hashes(&dir), before);
}

#[test]
fn init_carries_no_example_names() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("blank");
    let o = run(&["init", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let written: String = ["institution", "roles", "appointments", "chats", "rules"].iter().map(|f| std::fs::read_to_string(dir.join(format!("{f}.yaml"))).unwrap()).collect();
    // Every surname and short name of every bundled example.
    let mut names = Vec::new();
    for e in std::fs::read_dir(root().join("policies")).unwrap().filter_map(Result::ok).filter(|e| e.path().join("roles.yaml").is_file()) {
        let roles = std::fs::read_to_string(e.path().join("roles.yaml")).unwrap();
        names.extend(roles.lines().filter_map(|l| l.trim().strip_prefix("surname: ")).map(|s| s.trim_matches('"').to_string()));
        let info = std::fs::read_to_string(e.path().join("institution.yaml")).unwrap();
        names.extend(info.lines().filter_map(|l| l.trim().strip_prefix("short: ")).map(|s| s.trim_matches('"').to_string()));
    }
    assert!(names.len() > 20, "{names:?}");
    for name in &names {
        assert!(!written.contains(name.as_str()), "an example's «{name}» is in the new institution");
    }
    // Without a terminal and without flags, every answer is a placeholder.
    assert!(written.contains("kind: \"ЗАПОЛНИТЕ: school, college, supplementary или preschool\""), "{written}");
}

/// On a terminal (a pseudo-terminal made by `script`) `init` asks its questions; Enter takes
/// the suggestion, such as the time zone of the city.
#[test]
fn init_on_a_terminal_asks_and_suggests_the_time_zone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tty-school");
    let answers = "\r\r\rМуниципальное учреждение «Школа № 3»\rМУ «Школа № 3»\rг. Омск\r\rКузнецова Ирина Олеговна\r\r\rСидоров Антон Павлович\r\r\r+7 900 333-44-55\rit@example.invalid\r\r";
    let command = format!("{} init {}", env!("CARGO_BIN_EXE_sferum-gen"), dir.display());
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("script (util-linux) makes the pseudo-terminal");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), answers.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let screen = String::from_utf8_lossy(&o.stdout);
    assert!(screen.contains("Вид организации") && screen.contains("Часовой пояс"), "the questions are asked:\n{screen}");
    let institution = std::fs::read_to_string(dir.join("institution.yaml")).unwrap();
    assert!(institution.contains("kind: \"school\"") && institution.contains("time_zone: \"Asia/Omsk\""), "{institution}");
    assert!(institution.contains("«Школа № 3»"), "{institution}");
    let roles = std::fs::read_to_string(dir.join("roles.yaml")).unwrap();
    assert!(roles.contains("surname: \"Кузнецова\"") && roles.contains("post: \"директор\""), "{roles}");
}
