//! Incremental and crash-safe builds (issue 13): an institution whose inputs, registry entries,
//! templates, fonts, tool and settings are those its outputs were built from is skipped and
//! its files kept; an edit rebuilds exactly the institutions it touches, with the same bytes as
//! a build from scratch; a build killed at any moment leaves `index.json` true to the files.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Stdio;

use common::*;

/// The examples copied into `<tmp>/policies`, built once into `<tmp>/out`.
fn built_examples() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&root().join("policies"), &tmp.path().join("policies"));
    let o = build(tmp.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    tmp
}

fn build(tmp: &Path, extra: &[&str]) -> std::process::Output {
    build_in(tmp, extra)
}

/// The inode of every file under each institution folder: a kept file keeps its inode (it is
/// linked into the new output folder), a rebuilt one gets a new one.
fn inodes(out: &Path) -> BTreeMap<String, BTreeMap<String, u64>> {
    let mut all = BTreeMap::new();
    for dir in std::fs::read_dir(out).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        let files = walkdir::WalkDir::new(&dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(&dir).unwrap().display().to_string(), e.metadata().unwrap().ino()))
            .collect();
        all.insert(dir.file_name().unwrap().to_string_lossy().into_owned(), files);
    }
    all
}

/// The institutions whose files were all written anew between two `inodes` readings; fails
/// when an institution was partly rewritten.
fn rebuilt(before: &BTreeMap<String, BTreeMap<String, u64>>, after: &BTreeMap<String, BTreeMap<String, u64>>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (id, files) in after {
        let kept = files.iter().filter(|(f, ino)| before.get(id).and_then(|b| b.get(*f)) == Some(ino)).count();
        assert!(kept == 0 || kept == files.len(), "{id}: {kept} of {} files kept", files.len());
        if kept == 0 {
            out.insert(id.clone());
        }
    }
    out
}

/// Builds `tmp/policies` from scratch into a second folder and asserts that `tmp/out` has the
/// same files with the same bytes, index.json included.
fn assert_same_as_fresh_build(tmp: &Path) {
    let fresh = tmp.join("fresh");
    build_ok(&tmp.join("policies"), &fresh);
    assert_eq!(hashes(&tmp.join("out")), hashes(&fresh), "the incremental result differs from a build from scratch");
    std::fs::remove_dir_all(fresh).unwrap();
}

fn ids_of_examples() -> BTreeSet<String> {
    ["bpt", "college-edition", "ddt-raduga", "detsad-rodnichok", "itep", "open-school", "school-max"].map(String::from).into()
}

/// The school's evening quiet hours start at 20:00 instead of 21:00.
fn edit_quiet_hours(tmp: &Path) {
    edit(&tmp.join("policies/school-max/rules.yaml"), "\"21:00\"", "\"20:00\"");
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_unchanged_tree_is_skipped_and_force_rebuilds_it_the_same() {
    let tmp = built_examples();
    let out = tmp.path().join("out");
    let (before, files_before) = (inodes(&out), hashes(&out));
    let index: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("index.json")).unwrap()).unwrap();
    assert_eq!(index["schema_version"], 2);
    for (id, entry) in index["institutions"].as_object().unwrap() {
        let digest = entry["digest"].as_str().unwrap_or_default();
        assert!(digest.len() == 64 && digest.chars().all(|c| c.is_ascii_hexdigit()), "{id}: digest {digest:?}");
        let templates: Vec<&str> = entry["templates"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        assert!(templates.iter().any(|t| t.starts_with("regulation/")), "{id}: {templates:?}");
    }

    let o = build(tmp.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_has(&stderr(&o), &["собрано: 0 организаций (ещё 7 без изменений — пропущены), 0 документов, 0 файлов"], "the summary");
    assert_eq!(inodes(&out), before, "no file was written");
    assert_eq!(hashes(&out), files_before);

    let o = build(tmp.path(), &["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_has(&stderr(&o), &["собрано: 7 организаций, 115 документов"], "the summary");
    assert_eq!(rebuilt(&before, &inodes(&out)), ids_of_examples(), "--force rebuilds every institution");
    assert_eq!(hashes(&out), files_before, "with the same bytes");
}

#[test]
fn an_edit_rebuilds_that_institution_only() {
    let tmp = built_examples();
    let out = tmp.path().join("out");
    let before = inodes(&out);
    // Files of the user's beside the institutions stay, whatever their name.
    std::fs::write(out.join("README.md"), "опубликовано из CI\n").unwrap();
    std::fs::write(out.join("old-index.json"), "{}\n").unwrap();
    edit_quiet_hours(tmp.path());
    let o = build(tmp.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_has(&stderr(&o), &["собрано: 1 организация (ещё 6 без изменений — пропущены)"], "the summary");
    assert_eq!(std::fs::read_to_string(out.join("README.md")).unwrap(), "опубликовано из CI\n");
    assert_eq!(std::fs::read_to_string(out.join("old-index.json")).unwrap(), "{}\n");
    std::fs::remove_file(out.join("README.md")).unwrap();
    std::fs::remove_file(out.join("old-index.json")).unwrap();
    assert_eq!(rebuilt(&before, &inodes(&out)), BTreeSet::from(["school-max".to_string()]));
    assert!(std::fs::read_to_string(out.join("school-max/public/site/parent.html")).unwrap().contains("С 20:00"));
    assert_same_as_fresh_build(tmp.path());

    // A new file in an institution's folder (a people list, a signature) is an input too.
    let before = inodes(&out);
    std::fs::write(tmp.path().join("policies/itep/NOTES.txt"), "заметка\n").unwrap();
    let o = build(tmp.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(rebuilt(&before, &inodes(&out)), BTreeSet::from(["itep".to_string()]));
}

#[test]
fn a_registry_entry_rebuilds_exactly_the_institutions_that_cite_it() {
    let tmp = built_examples();
    let (policies, out) = (tmp.path().join("policies"), tmp.path().join("out"));
    let citing: BTreeSet<String> = ids_of_examples()
        .into_iter()
        .filter(|id| std::fs::read_to_string(policies.join(id).join("institution.yaml")).unwrap().contains("act: minpros-762"))
        .collect();
    assert!(!citing.is_empty() && citing.len() < 7, "{citing:?}");
    let before = inodes(&out);
    let registry = policies.join("_registry/legal-acts.yaml");
    let text = std::fs::read_to_string(&registry).unwrap();
    let at = text.find("id: minpros-762").unwrap();
    let source = at + text[at..].find("source: DOMAIN §5").unwrap();
    std::fs::write(&registry, format!("{}source: DOMAIN §5, сверено повторно{}", &text[..source], &text[source + "source: DOMAIN §5".len()..])).unwrap();

    let o = build(tmp.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(rebuilt(&before, &inodes(&out)), citing, "the institutions citing the changed act, and no other");
    assert_same_as_fresh_build(tmp.path());
}

#[test]
fn a_template_rebuilds_exactly_the_institutions_that_read_it() {
    let tmp = built_examples();
    let (policies, out) = (tmp.path().join("policies"), tmp.path().join("out"));
    let before = inodes(&out);
    // The students' guide: a preschool's children never join, so it has none.
    let guide = std::fs::read_to_string(root().join("templates/site/guides/student.md")).unwrap();
    let overlay = policies.join("_templates/site/guides/student.md");
    std::fs::create_dir_all(overlay.parent().unwrap()).unwrap();
    std::fs::write(&overlay, format!("{guide}\nЕсли что-то не получается, обратитесь к классному руководителю.\n")).unwrap();

    let o = build(tmp.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut expected = ids_of_examples();
    expected.remove("detsad-rodnichok");
    assert_eq!(rebuilt(&before, &inodes(&out)), expected, "every institution with a students' guide, and no other");
    assert!(std::fs::read_to_string(out.join("itep/public/site/student.html")).unwrap().contains("обратитесь к классному руководителю"));
    assert_same_as_fresh_build(tmp.path());

    // A template every institution reads (the page layout) rebuilds them all.
    let before = inodes(&out);
    let css = std::fs::read_to_string(root().join("templates/layout/style.css")).unwrap();
    std::fs::create_dir_all(policies.join("_templates/layout")).unwrap();
    std::fs::write(policies.join("_templates/layout/style.css"), format!("{css}\n/* региональная правка */\n")).unwrap();
    let o = build(tmp.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(rebuilt(&before, &inodes(&out)), ids_of_examples());
}

#[test]
fn other_settings_rebuild_and_a_missing_output_is_rebuilt() {
    let tmp = built_examples();
    let out = tmp.path().join("out");
    // Another SOURCE_DATE_EPOCH changes the PDFs' timestamps: everything is rebuilt.
    let before = inodes(&out);
    let policies = tmp.path().join("policies");
    let o = sferum_gen()
        .args(["build", policies.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(rebuilt(&before, &inodes(&out)), ids_of_examples());

    // A deleted output file makes its institution stale.
    let before = inodes(&out);
    std::fs::remove_file(out.join("bpt/public/regulation.pdf")).unwrap();
    let o = sferum_gen()
        .args(["build", policies.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(rebuilt(&before, &inodes(&out)), BTreeSet::from(["bpt".to_string()]));
    assert!(out.join("bpt/public/regulation.pdf").is_file());

    // A SOURCE_DATE_EPOCH that is no number is refused before anything is written.
    let before = hashes(&out);
    let o = sferum_gen()
        .args(["build", policies.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "вчера")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_has(&stderr(&o), &["SOURCE_DATE_EPOCH=`вчера` — не целое число секунд"], "the refusal");
    assert_eq!(hashes(&out), before);
}

/// Whether `out/index.json` lists exactly the institution folders and files there, each with
/// its size and SHA-256, but for the folders it names as being replaced (a build killed between
/// its two index writes), which it must not list. Returns those.
fn assert_index_true(out: &Path) -> BTreeSet<String> {
    let index: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("index.json")).unwrap()).unwrap();
    let replacing: BTreeSet<String> =
        index.get("replacing").map(|r| r.as_array().unwrap().iter().map(|id| id.as_str().unwrap().to_string()).collect()).unwrap_or_default();
    let listed: BTreeMap<String, String> = index["institutions"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(id, entry)| entry["files"].as_object().unwrap().iter().map(move |(f, e)| (format!("{id}/{f}"), e["sha256"].as_str().unwrap().to_string())))
        .collect();
    let mut present = hashes(out);
    present.remove("index.json");
    present.retain(|path, _| !replacing.iter().any(|id| path.starts_with(&format!("{id}/"))));
    for id in &replacing {
        assert!(index["institutions"].get(id).is_none(), "{id} is both listed and being replaced");
    }
    assert_eq!(present, listed, "index.json disagrees with the files in {}", out.display());
    replacing
}

/// Starts a build of the edited examples that stops at `point` (the test hook), kills it with
/// SIGKILL there, and returns when it is dead.
fn kill_at(tmp: &Path, point: &str) {
    let (mut child, _) = paused_build(tmp, point);
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Starts a build of `tmp/policies` into `tmp/out` and returns it (with the rest of its
/// standard error) once it is waiting at `point`; it goes on when `tmp/resume` appears.
fn paused_build(tmp: &Path, point: &str) -> (std::process::Child, std::io::Lines<BufReader<std::process::ChildStderr>>) {
    let (policies, out) = (tmp.join("policies"), tmp.join("out"));
    let mut child = sferum_gen()
        .args(["build", policies.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .env("SFERUM_GEN_TEST_PAUSE", point)
        .env("SFERUM_GEN_TEST_RESUME", tmp.join("resume"))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let line = lines.find(|l| l.as_ref().is_ok_and(|l| l.contains("paused at"))).expect("the build reached the pause").unwrap();
    assert!(line.ends_with(point), "{line}");
    (child, lines)
}

fn staging_leftovers(tmp: &Path) -> Vec<String> {
    std::fs::read_dir(tmp).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with(".sferum-gen-staging")).collect()
}

#[test]
fn a_build_killed_before_or_after_the_swap_leaves_a_true_index() {
    let tmp = built_examples();
    let out = tmp.path().join("out");
    let old = hashes(&out);
    edit_quiet_hours(tmp.path());

    // Killed with everything staged, just before the swap: the last complete build is there.
    kill_at(tmp.path(), "staged");
    assert_eq!(hashes(&out), old, "the output folder is the last complete build");
    assert_index_true(&out);
    assert!(!staging_leftovers(tmp.path()).is_empty(), "the killed build left its staging folder");

    // Killed between the index's two writes, the edited institution's folder exchanged: the
    // index lists every other institution as it is and names that one as being replaced.
    kill_at(tmp.path(), "replacing");
    assert_eq!(assert_index_true(&out), BTreeSet::from(["school-max".to_string()]));
    let other = hashes(&out).into_iter().filter(|(p, _)| !p.starts_with("school-max/") && p != "index.json").collect::<BTreeMap<_, _>>();
    assert_eq!(other, old.iter().filter(|(p, _)| !p.starts_with("school-max/") && *p != "index.json").map(|(p, h)| (p.clone(), h.clone())).collect(), "the other institutions are untouched");

    // Killed just after the swap, before the old content is removed: the new build is there.
    kill_at(tmp.path(), "swapped");
    assert_eq!(assert_index_true(&out), BTreeSet::new());
    assert!(std::fs::read_to_string(out.join("school-max/public/site/parent.html")).unwrap().contains("С 20:00"));
    assert_same_as_fresh_build(tmp.path());

    // The next build cleans up what the killed ones left, and has nothing to rebuild.
    let o = build(tmp.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_has(&stderr(&o), &["собрано: 0 организаций (ещё 7 без изменений — пропущены)"], "the summary");
    assert_eq!(staging_leftovers(tmp.path()), Vec::<String>::new());
    assert!(!tmp.path().join(".out.sferum-gen.lock").exists());
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_true_index() {
    let tmp = built_examples();
    let (policies, out) = (tmp.path().join("policies"), tmp.path().join("out"));
    let old = hashes(&out);
    // Kill full rebuilds at moments spread over a build (about 2 to 10 s here).
    for (n, delay) in [30, 150, 400, 900, 1600, 2500, 4000, 6000].into_iter().enumerate() {
        edit(&policies.join("itep/rules.yaml"), "", &format!("# правка {n}\n"));
        let mut child = sferum_gen()
            .args(["build", policies.to_str().unwrap(), "--out", out.to_str().unwrap(), "--force"])
            .stderr(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert_index_true(&out);
        // Either the old build or the finished new one, never a mix without its index.
        let now = hashes(&out);
        if status.success() {
            assert_ne!(now, old);
        }
    }
    let o = build(tmp.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_index_true(&out);
    assert_same_as_fresh_build(tmp.path());
    assert_eq!(staging_leftovers(tmp.path()), Vec::<String>::new());
}

/// The build reads each institution it builds a second time, after checking them all (so that
/// a region's models are never all in memory at once). A folder that turns invalid in between
/// stops the build with a clear message, and the output folder stays the last complete build.
#[test]
fn a_folder_broken_during_the_build_stops_it_with_nothing_written() {
    let tmp = built_examples();
    let (policies, out) = (tmp.path().join("policies"), tmp.path().join("out"));
    let old = hashes(&out);
    edit_quiet_hours(tmp.path());
    let (mut child, lines) = paused_build(tmp.path(), "checked");
    // Checked and about to be read again: its quiet hours now start at an hour that does not exist.
    edit(&policies.join("school-max/rules.yaml"), "\"20:00\"", "\"25:00\"");
    std::fs::write(tmp.path().join("resume"), "").unwrap();
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the build went on with a broken folder");
    // `build-changed-meanwhile`, in Russian (the test's own language may differ): it names the folder.
    let folder = format!("`{}`", policies.join("school-max").display());
    assert!(rest.iter().any(|l| l.contains(&folder) && l.contains("изменилась во время сборки")), "{}", rest.join("\n"));
    assert_eq!(hashes(&out), old, "the output folder is the last complete build");
    assert_index_true(&out);
}
