//! A region built in parts on CI (issue 13, item 6): `build --shard K/N` splits the
//! institutions by a hash of their ids, `merge` joins the parts' outputs into what one build
//! of everything writes, byte for byte, and the CI templates in .ci/region/ do both and pass
//! their linters.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::*;
use sferum_gen::plan::{in_shard, Shard};

/// The examples built once in one run and once as three parts, shared by the tests.
struct Builds {
    /// One build of every example.
    single: PathBuf,
    /// `--shard 1/3`, `2/3`, `3/3`, each into its own folder.
    parts: Vec<PathBuf>,
    /// Where the tests put their own folders.
    scratch: PathBuf,
}

fn builds() -> &'static Builds {
    static BUILDS: OnceLock<Builds> = OnceLock::new();
    BUILDS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shards");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("scratch")).unwrap();
        let single = dir.join("single");
        build_ok(&root().join("policies"), &single);
        let parts: Vec<PathBuf> = (1..=3).map(|k| dir.join(format!("part-{k}"))).collect();
        for (k, part) in parts.iter().enumerate() {
            let o = run(&["build", "policies", "--shard", &format!("{}/3", k + 1), "--out", part.to_str().unwrap()]);
            assert!(o.status.success(), "--shard {}/3:\n{}", k + 1, stderr(&o));
        }
        Builds { single, parts, scratch: dir.join("scratch") }
    })
}

/// A new empty folder path under the scratch folder.
fn scratch(name: &str) -> PathBuf {
    let path = builds().scratch.join(name);
    let _ = std::fs::remove_dir_all(&path);
    path
}

fn index(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("index.json")).unwrap()).unwrap()
}

fn ids(out: &Path) -> BTreeSet<String> {
    index(out)["institutions"].as_object().unwrap().keys().cloned().collect()
}

/// `merge` with the given parts into `out`.
fn merge(parts: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&str> = vec!["merge"];
    args.extend(parts.iter().map(|p| p.to_str().unwrap()));
    args.extend(["--out", out.to_str().unwrap()]);
    args.extend(extra);
    run(&args)
}

/// The permission bits of every file and folder under `dir`, by relative path.
fn modes(dir: &Path) -> BTreeMap<String, u32> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), e.metadata().unwrap().permissions().mode() & 0o777))
        .collect()
}

/// Asserts that `merged` holds exactly the files of the single build, byte for byte, with the
/// same permissions, and the same index.json.
fn assert_same_as_single_build(merged: &Path) {
    let single = &builds().single;
    assert_eq!(hashes(merged), hashes(single), "the merged files differ from one build's");
    assert_eq!(std::fs::read(merged.join("index.json")).unwrap(), std::fs::read(single.join("index.json")).unwrap(), "index.json");
    assert_eq!(modes(merged), modes(single), "permissions");
}

#[test]
fn the_parts_are_disjoint_cover_every_institution_and_merge_into_the_single_build() {
    let b = builds();
    let all = ids(&b.single);
    assert_eq!(all.len(), 7, "the examples: {all:?}");
    let mut seen = BTreeSet::new();
    for (k, part) in b.parts.iter().enumerate() {
        let shard = Shard { index: k as u64 + 1, count: 3 };
        let mine = ids(part);
        assert!(!mine.is_empty(), "part {shard} of the examples is empty; the test would prove less");
        let expected: BTreeSet<String> = all.iter().filter(|id| in_shard(id, shard)).cloned().collect();
        assert_eq!(mine, expected, "part {shard}");
        assert!(seen.is_disjoint(&mine), "part {shard} repeats {:?}", seen.intersection(&mine).collect::<Vec<_>>());
        seen.extend(mine.iter().cloned());
        // Each part's institutions are the single build's, byte for byte.
        for id in &mine {
            assert_eq!(hashes(&part.join(id)), hashes(&b.single.join(id)), "{id} in part {shard}");
        }
        let folders: BTreeSet<String> = std::fs::read_dir(part).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        let mut expected_folders = mine.clone();
        expected_folders.insert("index.json".into());
        assert_eq!(folders, expected_folders, "part {shard} holds its institutions and index.json only");
    }
    assert_eq!(seen, all, "the parts together");
    // The partition is the documented one: the first 8 bytes of SHA-256 of the id, modulo N.
    assert_eq!(ids(&b.parts[0]), BTreeSet::from(["bpt".to_string(), "college-edition".to_string()]));

    let merged = scratch("merged");
    let parts: Vec<&Path> = b.parts.iter().map(PathBuf::as_path).collect();
    let o = merge(&parts, &merged, &[]);
    assert!(o.status.success(), "merge:\n{}", stderr(&o));
    assert_has(&stderr(&o), &["объединено: 7 организаций из 3 частей", merged.to_str().unwrap()], "the merge summary");
    assert_same_as_single_build(&merged);
    let restricted = merged.join("itep/restricted/order-admin.pdf");
    assert_eq!(std::fs::metadata(&restricted).unwrap().permissions().mode() & 0o777, 0o600, "{}", restricted.display());
    assert_eq!(std::fs::metadata(merged.join("itep/restricted")).unwrap().permissions().mode() & 0o777, 0o700);

    // Again into the previous merge: replaced, the same bytes.
    let o = merge(&parts, &merged, &[]);
    assert!(o.status.success(), "merge into a previous merge:\n{}", stderr(&o));
    assert_same_as_single_build(&merged);
    // A previous merge is replaced as a whole: institutions of a part left out go.
    let o = merge(&parts[..2], &merged, &["--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(ids(&merged), &ids(&b.parts[0]) | &ids(&b.parts[1]));
    assert_eq!(hashes(&merged).keys().filter(|f| f.starts_with("open-school/")).count(), 0, "open-school (part 3) is left behind");
    assert_has(&stderr(&o), &["merged 5 institutions from 2 parts"], "the English summary");
}

#[test]
fn parts_that_lost_their_permissions_in_ci_artifacts_merge_with_restricted_files_owner_only() {
    // CI artifacts are zip archives: the parts come back with every file 0644.
    let copies = scratch("artifacts");
    let mut parts = Vec::new();
    for (k, part) in builds().parts.iter().enumerate() {
        let copy = copies.join(format!("part-{}", k + 1));
        copy_tree(part, &copy);
        for e in walkdir::WalkDir::new(&copy).into_iter().map(|e| e.unwrap()) {
            let mode = if e.file_type().is_dir() { 0o755 } else { 0o644 };
            std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        }
        parts.push(copy);
    }
    // An empty part (`--shard K/N` with no institution) merges as nothing.
    let empty = empty_part(&copies.join("empty"));
    parts.push(empty);
    let merged = scratch("from-artifacts");
    let o = merge(&parts.iter().map(PathBuf::as_path).collect::<Vec<_>>(), &merged, &[]);
    assert!(o.status.success(), "merge:\n{}", stderr(&o));
    assert_same_as_single_build(&merged);
}

/// Builds a shard of 50 that holds none of the examples into `out`, checks that it wrote an
/// index.json with no institution and nothing else, and returns `out`.
fn empty_part(out: &Path) -> PathBuf {
    let all = ids(&builds().single);
    let k = (1..=50).find(|k| !all.iter().any(|id| in_shard(id, Shard { index: *k, count: 50 }))).expect("a part of 50 without an example");
    let o = run(&["build", "policies", "--shard", &format!("{k}/50"), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "--shard {k}/50:\n{}", stderr(&o));
    assert_has(&stderr(&o), &["собрано: 0 организаций"], "the summary");
    assert_eq!(index(out), serde_json::json!({ "schema_version": 2, "institutions": {} }), "an empty part's index.json");
    let entries: Vec<String> = std::fs::read_dir(out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(entries, ["index.json"]);
    out.to_path_buf()
}

#[test]
fn a_part_without_institutions_builds_nothing_and_writes_an_empty_index() {
    empty_part(&scratch("empty-part"));
}

#[test]
fn only_combines_with_shard() {
    let itep = ["itep".to_string()].into_iter().collect::<BTreeSet<_>>();
    let holder = (1..=3).find(|k| in_shard("itep", Shard { index: *k, count: 3 })).unwrap();
    for k in 1..=3 {
        let out = scratch(&format!("only-{k}"));
        let o = run(&["build", "policies", "--only", "itep", "--shard", &format!("{k}/3"), "--out", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let expected = if k == holder { itep.clone() } else { BTreeSet::new() };
        assert_eq!(ids(&out), expected, "--only itep --shard {k}/3");
    }
    // An unknown --only is still an error in every part.
    let o = run(&["build", "policies", "--only", "no-such-school", "--shard", "1/3", "--out", scratch("only-unknown").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_shard_that_is_not_k_of_n_is_refused_with_the_reason() {
    for (value, reason) in [
        ("0/3", "номер части K должен быть от 1 до 3"),
        ("4/3", "номер части K должен быть от 1 до 3"),
        ("x/y", "нужно K/N, два целых числа через косую черту"),
        ("1/0", "число частей N должно быть не меньше 1"),
        ("3", "нужно K/N"),
    ] {
        let out = scratch("refused-shard");
        let o = run(&["build", "policies", "--shard", value, "--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "--shard {value}: {}", stderr(&o));
        assert_has(&stderr(&o), &[&format!("ошибка: `{value}` — недопустимое значение для --shard"), reason], &format!("--shard {value}"));
        assert!(!out.exists(), "--shard {value} wrote {}", out.display());
    }
    let o = run(&["build", "--shard", "4/3", "--lang", "en"]);
    assert_has(&stderr(&o), &["`4/3` is not a valid value for --shard <K/N>: the part K must be from 1 to 3"], "in English");
}

/// A copy of part `k` (1-based) to break.
fn part_copy(k: usize, name: &str) -> PathBuf {
    let copy = scratch(name);
    copy_tree(&builds().parts[k - 1], &copy);
    copy
}

/// Runs a merge that must be refused: exit code 2, every one of `phrases` in the message, and
/// the output folder as it was (here: absent).
fn assert_refused(parts: &[&Path], phrases: &[&str], what: &str) {
    // A folder of its own, where the staging folder would be made.
    let parent = scratch("refused");
    std::fs::create_dir_all(&parent).unwrap();
    let out = parent.join("out");
    let o = merge(parts, &out, &[]);
    assert_eq!(o.status.code(), Some(2), "{what}: {}", stderr(&o));
    assert_has(&stderr(&o), &[&["ошибка: "], phrases].concat(), what);
    let left: Vec<_> = std::fs::read_dir(&parent).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "{what}: a refused merge left {left:?} in {}", parent.display());
}

#[test]
fn merge_refuses_overlapping_parts_a_folder_without_index_and_files_that_disagree_with_it() {
    let b = builds();
    let (p1, p2, p3) = (b.parts[0].as_path(), b.parts[1].as_path(), b.parts[2].as_path());
    let first = ids(p1).into_iter().next().unwrap();
    assert_refused(&[p1, p2, p3, &b.single], &[&format!("организация `{first}` есть в двух частях"), "--shard 1/N"], "the single build with its parts");
    assert_refused(&[p1, p1], &["есть в двух частях"], "one part twice");

    let no_index = part_copy(2, "no-index");
    std::fs::remove_file(no_index.join("index.json")).unwrap();
    assert_refused(&[p1, &no_index, p3], &[&format!("в папке `{}` нет index.json", no_index.display())], "a part without index.json");

    // A part whose build was killed between its two index writes names what it was replacing.
    let unfinished = part_copy(2, "unfinished");
    let index_path = unfinished.join("index.json");
    let mut index: serde_json::Value = serde_json::from_slice(&std::fs::read(&index_path).unwrap()).unwrap();
    let institutions = index["institutions"].as_object_mut().unwrap();
    let cut = institutions.keys().next().unwrap().clone();
    institutions.remove(&cut);
    index["replacing"] = serde_json::json!([cut]);
    std::fs::write(&index_path, serde_json::to_vec_pretty(&index).unwrap()).unwrap();
    assert_refused(&[p1, &unfinished, p3], &["прерванной при замене папок организаций", &cut, "соберите эту часть заново"], "a part of a killed build");

    let tampered = part_copy(2, "tampered");
    let file = tampered.join("itep/public/regulation.pdf");
    let mut bytes = std::fs::read(&file).unwrap();
    let listed = bytes.len();
    bytes.push(b'\n');
    std::fs::write(&file, &bytes).unwrap();
    assert_refused(
        &[p1, &tampered, p3],
        &[&format!("`{}` не совпадает с `{}`", file.display(), tampered.join("index.json").display()), &format!("там {listed} байт"), &format!("а у файла {} байт", listed + 1)],
        "a file longer than its index says",
    );
    // The same size, one byte changed: only the SHA-256 tells.
    let flipped = part_copy(2, "flipped");
    let file = flipped.join("itep/restricted/order-admin.pdf");
    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    assert_refused(&[&flipped], &[&format!("`{}` не совпадает", file.display()), "SHA-256"], "a file with one byte changed");

    let extra = part_copy(3, "extra");
    let stray = extra.join(format!("{}/restricted/notes.txt", ids(&extra).into_iter().next().unwrap()));
    std::fs::write(&stray, "x").unwrap();
    assert_refused(&[&extra], &[&format!("`{}` нет в `{}`", stray.display(), extra.join("index.json").display())], "a file the index does not list");

    let unlisted = part_copy(3, "unlisted-folder");
    std::fs::create_dir(unlisted.join("some-school")).unwrap();
    assert_refused(&[&unlisted], &["some-school", "нет в"], "an institution folder the index does not list");

    let missing = part_copy(1, "missing");
    let gone = missing.join("bpt/config/runtime.json");
    std::fs::remove_file(&gone).unwrap();
    assert_refused(&[&missing], &[&format!("`{}` указан в", gone.display()), "но такого файла нет"], "a listed file that is gone");

    let escaping = part_copy(1, "escaping");
    let text = std::fs::read_to_string(escaping.join("index.json")).unwrap().replacen("\"config/runtime.json\"", "\"../../../etc/passwd\"", 1);
    std::fs::write(escaping.join("index.json"), text).unwrap();
    assert_refused(&[&escaping], &["выходит за пределы папки организации"], "an index naming a path outside");

    let garbled = part_copy(1, "garbled");
    std::fs::write(garbled.join("index.json"), "{\"schema_version\": 1}").unwrap();
    assert_refused(&[&garbled], &["не index.json сборки", "institutions"], "an index.json without institutions");

    let o = merge(&[p1, p1], &scratch("refused"), &["--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert_has(&stderr(&o), &["error: institution", "is in two parts"], "in English");
}

#[test]
fn merge_writes_only_into_a_new_or_empty_folder_or_a_previous_merge() {
    let b = builds();
    let parts: Vec<&Path> = b.parts.iter().map(PathBuf::as_path).collect();

    let busy = scratch("busy");
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(busy.join("notes.txt"), "mine").unwrap();
    let o = merge(&parts, &busy, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_has(&stderr(&o), &[&format!("папка `{}` не пуста и не является результатом прежнего слияния", busy.display()), "нет index.json"], "a busy folder");
    let left: Vec<_> = std::fs::read_dir(&busy).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["notes.txt"], "the busy folder is untouched");

    // A previous merge with a file changed since is no longer one.
    let previous = scratch("previous");
    assert!(merge(&parts, &previous, &[]).status.success());
    let touched = previous.join("bpt/public/regulation.html");
    std::fs::write(&touched, "edited by hand").unwrap();
    let o = merge(&parts, &previous, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_has(&stderr(&o), &["не является результатом прежнего слияния", "regulation.html"], "an edited previous merge");
    assert_eq!(std::fs::read_to_string(&touched).unwrap(), "edited by hand");

    // An empty folder is fine; a part as the output is not.
    let empty = scratch("empty-target");
    std::fs::create_dir_all(&empty).unwrap();
    assert!(merge(&parts, &empty, &[]).status.success());
    assert_same_as_single_build(&empty);
    let o = merge(&parts, &b.parts[0].join("inside"), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_has(&stderr(&o), &["вложена в неё"], "an output folder inside a part");
    assert!(!b.parts[0].join("inside").exists());
}

/// The commands of a CI template, as the runner would run them: lines of `file` that start
/// with `prefix` (after the indentation), with the prefix dropped.
fn commands(file: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_to_string(file).unwrap().lines().filter_map(|l| l.trim_start().strip_prefix(prefix)).filter(|c| c.starts_with("sferum-gen ")).map(str::to_string).collect()
}

/// Runs one shell command in `dir` with this test's sferum-gen first on PATH.
fn shell(dir: &Path, command: &str, env: &[(&str, String)]) {
    let bin = Path::new(env!("CARGO_BIN_EXE_sferum-gen")).parent().unwrap().to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap()))).unwrap();
    let o = Command::new("bash")
        .args(["-euo", "pipefail", "-c", command])
        .current_dir(dir)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("PATH", path)
        .env("SFERUM_GEN_TODAY", TODAY)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(o.status.success(), "`{command}` failed:\n{}{}", stdout(&o), stderr(&o));
}

/// A folder as a region's repository: policies/ holds the examples.
fn region_repository(name: &str) -> PathBuf {
    let dir = scratch(name);
    copy_tree(&root().join("policies"), &dir.join("policies"));
    dir
}

#[test]
fn the_github_template_builds_each_matrix_part_and_merges_them_into_the_single_build() {
    let workflow = root().join(".ci/region/github-shards.yml");
    let text = std::fs::read_to_string(&workflow).unwrap();
    let matrix = text.lines().find_map(|l| l.trim().strip_prefix("shard: [")).expect("matrix.shard").trim_end_matches(']');
    let shards: Vec<&str> = matrix.split(',').map(str::trim).collect();
    assert_eq!(shards, ["1", "2", "3", "4"]);
    let [build, merge] = &commands(&workflow, "run: ")[..] else { panic!("two sferum-gen steps in {}", workflow.display()) };
    assert!(build.contains("--shard \"${{ matrix.shard }}/${{ strategy.job-total }}\""), "{build}");

    let repo = region_repository("github");
    for k in &shards {
        let command = build.replace("${{ matrix.shard }}", k).replace("${{ strategy.job-total }}", &shards.len().to_string());
        shell(&repo, &command, &[]);
        // upload-artifact `part-K/` as artifact part-K; download-artifact puts it in parts/part-K/.
        std::fs::create_dir_all(repo.join("parts")).unwrap();
        std::fs::rename(repo.join(format!("part-{k}")), repo.join(format!("parts/part-{k}"))).unwrap();
    }
    shell(&repo, merge, &[]);
    assert_same_as_single_build(&repo.join("out"));
}

#[test]
fn the_gitlab_template_builds_each_parallel_part_and_merges_them_into_the_single_build() {
    let pipeline = root().join(".ci/region/gitlab-shards.yml");
    let text = std::fs::read_to_string(&pipeline).unwrap();
    let total: usize = text.lines().find_map(|l| l.trim().strip_prefix("parallel: ")).expect("parallel:").parse().unwrap();
    let [build, merge] = &commands(&pipeline, "- ")[..] else { panic!("two sferum-gen commands in {}", pipeline.display()) };
    assert!(build.contains("--shard \"$CI_NODE_INDEX/$CI_NODE_TOTAL\""), "{build}");

    // Every parallel job's artifacts (parts/<K>/) land in the merge job's checkout.
    let repo = region_repository("gitlab");
    for k in 1..=total {
        shell(&repo, build, &[("CI_NODE_INDEX", k.to_string()), ("CI_NODE_TOTAL", total.to_string())]);
    }
    assert_eq!(std::fs::read_dir(repo.join("parts")).unwrap().count(), total);
    shell(&repo, merge, &[]);
    assert_same_as_single_build(&repo.join("out"));
}

#[test]
fn the_github_template_passes_actionlint_and_a_broken_copy_fails() {
    // An artifact path naming a matrix value the matrix lacks.
    let workflow = root().join(".ci/region/github-shards.yml");
    assert_actionlint_catches(&workflow, ("path: part-${{ matrix.shard }}/", "path: part-${{ matrix.shrd }}/"), r#"property "shrd" is not defined"#);
}

#[test]
fn the_gitlab_template_matches_gitlabs_schema_and_a_broken_copy_fails() {
    // GitLab runs at most 200 parallel jobs.
    let pipeline = root().join(".ci/region/gitlab-shards.yml");
    assert_gitlab_schema_catches(&pipeline, ("parallel: 4", "parallel: 201"), "$.build.parallel: 201 is not valid");
}
