//! A region's folder builds as far as it can (issue 13): a broken institution is reported and
//! keeps its previous output while the others build; `--only` validates only what it builds;
//! an expired invite link is a warning; two builds never write into one output folder.

mod common;

use std::path::Path;

use common::*;

/// The examples copied into `<tmp>/policies`.
fn examples() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&root().join("policies"), &tmp.path().join("policies"));
    tmp
}

fn build(tmp: &Path, extra: &[&str]) -> std::process::Output {
    build_in(tmp, extra)
}

/// Hashes of the files under `out/<id>/`.
fn outputs_of(out: &Path, id: &str) -> std::collections::BTreeMap<String, String> {
    hashes(&out.join(id))
}

#[test]
fn a_broken_institution_keeps_its_output_and_the_others_build() {
    let tmp = examples();
    let first = build(tmp.path(), &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let out = tmp.path().join("out");
    let itep_before = outputs_of(&out, "itep");
    let index_before: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("index.json")).unwrap()).unwrap();

    // ИТЭП breaks (an unknown key); the school changes its quiet hours.
    let policies = tmp.path().join("policies");
    let rules = policies.join("itep/rules.yaml");
    std::fs::write(&rules, std::fs::read_to_string(&rules).unwrap() + "\nunknown_setting: 1\n").unwrap();
    let school = policies.join("school-max/rules.yaml");
    let text = std::fs::read_to_string(&school).unwrap();
    assert!(text.contains("\"21:00\""), "{text}");
    std::fs::write(&school, text.replace("\"21:00\"", "\"20:00\"")).unwrap();

    let o = build(tmp.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_has(&stderr(&o), &["ошибка[unknown-key]", "itep/rules.yaml", "не собрана 1 организация", ": itep"], "the report");
    assert_eq!(outputs_of(&out, "itep"), itep_before, "the broken institution's previous output is kept");
    let page = std::fs::read_to_string(out.join("school-max/public/site/parent.html")).unwrap();
    assert!(page.contains("С 20:00"), "the valid school was rebuilt with its edit");
    // index.json describes what is there: ИТЭП's old files, the school's new ones.
    let index: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("index.json")).unwrap()).unwrap();
    assert_eq!(index["institutions"]["itep"], index_before["institutions"]["itep"]);
    assert_ne!(index["institutions"]["school-max"], index_before["institutions"]["school-max"]);

    // `--only` another institution validates that one only: ИТЭП's error is not even read.
    let o = build(tmp.path(), &["--only", "bpt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("itep"), "{}", stderr(&o));
    // And `--only` the broken one fails without touching anything.
    let before = hashes(&out);
    let o = build(tmp.path(), &["--only", "itep"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(hashes(&out), before);
}

#[test]
fn an_expired_invite_link_is_a_warning_and_its_chat_is_left_out() {
    let tmp = examples();
    let policies = tmp.path().join("policies");
    let mut yaml = String::from("invented: true\nlinks:\n");
    for (chat, url) in SCHOOL_INVITES {
        // The parents' chat of 3 «А» has a link from long ago.
        let created = if chat == "3a-parents" { "2020-01-15" } else { TODAY };
        yaml.push_str(&format!("  - chat: {chat}\n    url: {url}\n    created: {created}\n"));
    }
    std::fs::write(policies.join("school-max/invites.yaml"), yaml).unwrap();
    let o = build(tmp.path(), &[]);
    assert!(o.status.success(), "an expired link does not stop the build:\n{}", stderr(&o));
    assert_has(&stderr(&o), &["предупреждение[invite-expired]", "school-max/invites.yaml"], "the warning");
    let chats = tmp.path().join("out/school-max/restricted/rosters/chats");
    assert!(chats.join("3a-students.csv").is_file(), "the other chats' rosters are built");
    assert!(!chats.join("3a-parents.csv").exists(), "the expired link's chat has no roster");
    let dead = SCHOOL_INVITES.iter().find(|(c, _)| *c == "3a-parents").unwrap().1;
    for entry in walkdir::WalkDir::new(tmp.path().join("out")).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = if entry.path().extension().is_some_and(|e| e == "pdf") { pdf_text(entry.path()) } else { String::from_utf8_lossy(&bytes).into_owned() };
        assert!(!text.contains(dead), "{} hands out the expired link", entry.path().display());
    }
    assert!(tmp.path().join("out/school-max/public/regulation.pdf").is_file(), "the documents are built");
}

#[test]
fn a_second_build_into_the_same_folder_is_refused_and_leftovers_are_cleaned() {
    let tmp = examples();
    // A staging folder of a build that was killed.
    let leftover = tmp.path().join(".sferum-gen-staging-out-killed");
    std::fs::create_dir_all(leftover.join("itep/public")).unwrap();
    std::fs::write(leftover.join("itep/public/regulation.pdf"), "half written").unwrap();
    // Another build holds the output folder's lock.
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(tmp.path().join(".out.sferum-gen.lock")).unwrap();
    lock.try_lock().expect("the test takes the lock");
    let o = build(tmp.path(), &["--only", "itep"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_has(&stderr(&o), &["собирает другой запуск sferum-gen"], "the refusal");
    assert!(!tmp.path().join("out").exists(), "nothing written");
    assert!(leftover.exists(), "a running build's staging folder is not touched");
    drop(lock);

    let o = build(tmp.path(), &["--only", "itep"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!leftover.exists(), "the leftover staging folder is removed");
    let staging: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().filter_map(Result::ok).filter(|e| e.file_name().to_string_lossy().starts_with(".sferum-gen-staging")).collect();
    assert!(staging.is_empty(), "no staging folder is left");
}
