//! The tool without Rust (issue 12): the .deb and .rpm that `.ci/package` makes from this test
//! run's release binary, the .deb installed with dpkg and its /usr/bin/sferum-gen building the
//! examples in a folder outside the repository, and the linters of the two release workflows.
//!
//! Needs root (dpkg), cargo-deb, cargo-generate-rpm, rpm, check-jsonschema and the actionlint
//! of tests/lint/; `.ci/run` installs them all, and a missing one fails the test with that hint.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{TODAY, assert_actionlint_catches, assert_gitlab_schema_catches, copy_tree, fold, hashes, pdf_text, root, stderr, stdout, tool};
use sha2::{Digest, Sha256};

/// Where the .deb puts the program.
const INSTALLED: &str = "/usr/bin/sferum-gen";

/// The release binary this test run built (`cargo test --release`).
fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_sferum-gen"))
}

/// The .deb and .rpm of this run, made once by `.ci/package --no-build` from [`binary`] into a
/// folder of the cargo target folder (which is CARGO_TARGET_DIR when `.ci/run` sets it).
fn packages() -> &'static BTreeMap<&'static str, PathBuf> {
    static PACKAGES: OnceLock<BTreeMap<&'static str, PathBuf>> = OnceLock::new();
    PACKAGES.get_or_init(|| {
        require("cargo-deb", "cargo install --locked cargo-deb");
        require("cargo-generate-rpm", "cargo install --locked cargo-generate-rpm");
        let bin = binary();
        let profile_dir = bin.parent().unwrap();
        let target_dir = profile_dir.parent().unwrap();
        assert!(target_dir.join("CACHEDIR.TAG").exists(), "expected the binary at <target folder>/<profile>/sferum-gen, got {}", bin.display());
        let profile = match profile_dir.file_name().unwrap().to_str().unwrap() {
            "debug" => "dev",
            other => other,
        };
        let out = target_dir.join("package-test");
        let _ = std::fs::remove_dir_all(&out);
        let o = Command::new(root().join(".ci/package"))
            .args(["--no-build", "--fast", "--profile", profile])
            .arg(&out)
            .env("CARGO_TARGET_DIR", target_dir)
            .output()
            .expect(".ci/package runs");
        assert!(o.status.success(), ".ci/package failed:\n{}{}", stdout(&o), stderr(&o));
        let mut found = BTreeMap::new();
        for entry in std::fs::read_dir(&out).unwrap() {
            let path = entry.unwrap().path();
            for kind in ["deb", "rpm"] {
                if path.extension().is_some_and(|e| e == kind) {
                    assert!(found.insert(kind, path.clone()).is_none(), "two .{kind} files in {}", out.display());
                }
            }
        }
        assert_eq!(found.keys().copied().collect::<Vec<_>>(), ["deb", "rpm"], "packages in {}", out.display());
        found
    })
}

/// Fails, naming `.ci/run`, when `tool` cannot be started.
fn require(tool: &str, install: &str) {
    if let Err(e) = Command::new(tool).arg("--version").output() {
        panic!("`{tool}` is missing ({e}); .ci/run installs it ({install})");
    }
}

/// The standard output of a command that must succeed.
fn ok_stdout(program: &str, args: &[&str]) -> String {
    let o = tool(program, args);
    assert!(o.status.success(), "{program} {args:?} failed:\n{}", stderr(&o));
    stdout(&o)
}

/// Whether dpkg has a package named sferum-gen installed.
fn deb_installed() -> bool {
    let o = tool("dpkg-query", &["-W", "-f", "${Status}", "sferum-gen"]);
    o.status.success() && stdout(&o).contains("install ok installed")
}

/// The installed .deb: removed with `dpkg --purge` when dropped, whatever the test found.
struct InstalledDeb;

impl InstalledDeb {
    fn install(deb: &Path) -> Self {
        let uid = ok_stdout("id", &["-u"]);
        assert_eq!(uid.trim(), "0", "installing the .deb with dpkg needs root (CI runs as root)");
        assert!(!deb_installed(), "a sferum-gen package is already installed; this test installs and removes its own (`dpkg --purge sferum-gen` first)");
        assert!(!Path::new(INSTALLED).exists(), "{INSTALLED} exists outside dpkg; this test would overwrite it");
        let o = tool("dpkg", &["-i", deb.to_str().unwrap()]);
        assert!(o.status.success(), "dpkg -i failed:\n{}{}", stdout(&o), stderr(&o));
        InstalledDeb
    }
}

impl Drop for InstalledDeb {
    fn drop(&mut self) {
        let o = tool("dpkg", &["--purge", "sferum-gen"]);
        if !o.status.success() && !std::thread::panicking() {
            panic!("dpkg --purge failed:\n{}", stderr(&o));
        }
    }
}

/// The institutions of policies/: every folder but the shared ones (`_registry`, `_templates`).
fn example_ids() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root().join("policies"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|name| !name.starts_with('_'))
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_deb_installs_and_its_program_builds_every_example_outside_the_repository() {
    require("dpkg", "Debian's dpkg");
    let deb = &packages()["deb"];
    let field = |name: &str| ok_stdout("dpkg-deb", &["-f", deb.to_str().unwrap(), name]).trim().to_string();
    assert_eq!(field("Package"), "sferum-gen");
    assert_eq!(field("Version"), format!("{}-1", env!("CARGO_PKG_VERSION")));
    assert_eq!(field("Architecture"), "amd64");
    assert_eq!(field("Section"), "text");
    assert!(field("Depends").contains("libc6"), "Depends: {}", field("Depends"));
    let description = field("Description");
    assert_eq!(description.lines().next().unwrap(), env!("CARGO_PKG_DESCRIPTION"), "the synopsis");
    assert!(fold(&description).contains("PDF/A (ГОСТ Р 7.0.97), DOCX and HTML"), "extended description:\n{description}");

    let installed = InstalledDeb::install(deb);
    let files = ok_stdout("dpkg", &["-L", "sferum-gen"]);
    for path in [INSTALLED, "/usr/share/doc/sferum-gen/README.md", "/usr/share/doc/sferum-gen/LICENSE-OFL.txt", "/usr/share/doc/sferum-gen/copyright"] {
        assert!(files.lines().any(|l| l == path), "the .deb lacks {path}:\n{files}");
    }
    let copyright = std::fs::read_to_string("/usr/share/doc/sferum-gen/copyright").unwrap();
    assert!(copyright.contains(&format!("License: {}", env!("CARGO_PKG_LICENSE"))), "{copyright}");
    assert!(ok_stdout(INSTALLED, &["--version"]).contains(env!("CARGO_PKG_VERSION")));

    // A fresh folder outside the repository, holding only a copy of the examples: templates,
    // fonts and the registry of legal acts must come from inside the installed program.
    let work = tempfile::Builder::new().prefix("sferum-gen-deb-").tempdir_in("/tmp").unwrap();
    assert!(!work.path().starts_with(root()), "{} is inside the repository", work.path().display());
    copy_tree(&root().join("policies"), &work.path().join("policies"));
    let o = Command::new(INSTALLED)
        .args(["build", "--lang", "en"])
        .current_dir(work.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("SFERUM_GEN_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(o.status.success(), "the installed sferum-gen build failed:\n{}", stderr(&o));
    let ids = example_ids();
    assert!(ids.len() >= 7, "policies/ has only {ids:?}");
    let report = format!("{}{}", stdout(&o), stderr(&o));
    assert!(report.contains(&format!("built {} institutions", ids.len())), "{report}");

    let out = work.path().join("out");
    let index: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("index.json")).unwrap()).unwrap();
    let institutions = index["institutions"].as_object().expect("index.json lists institutions");
    assert_eq!(institutions.keys().cloned().collect::<Vec<_>>(), ids, "index.json names every example");
    for (id, entry) in institutions {
        let listed = entry["files"].as_object().unwrap();
        assert!(listed.len() > 10, "{id}: only {} files in index.json", listed.len());
        for (file, meta) in listed {
            let bytes = std::fs::read(out.join(id).join(file)).unwrap_or_else(|e| panic!("{id}/{file} in index.json: {e}"));
            assert_eq!(meta["sha256"].as_str().unwrap(), format!("{:x}", Sha256::digest(&bytes)), "{id}/{file}");
        }
        let regulation = out.join(id).join("public/regulation.pdf");
        let pdf = std::fs::read(&regulation).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{id}: regulation.pdf is no PDF");
        let text = fold(&pdf_text(&regulation));
        assert!(text.contains("Сферум") && (text.contains("ПОЛОЖЕНИЕ") || text.contains("ПОРЯДОК")), "{id}: regulation text:\n{text}");
    }

    // The installed (stripped) program writes the same bytes as the binary cargo built.
    let reference = tempfile::tempdir().unwrap();
    common::build_ok(&work.path().join("policies"), reference.path());
    assert_eq!(hashes(&out), hashes(reference.path()), "the installed program and the cargo-built one wrote different files");

    drop(installed);
    assert!(!deb_installed() && !Path::new(INSTALLED).exists(), "dpkg --purge left {INSTALLED}");
}

#[test]
fn the_rpm_holds_this_runs_binary_and_its_documentation() {
    require("rpm", "Debian's rpm package");
    let rpm = packages()["rpm"].to_str().unwrap();
    let query = |format: &str| ok_stdout("rpm", &["-qp", "--queryformat", format, rpm]);
    assert_eq!(query("%{NAME} %{VERSION} %{RELEASE} %{ARCH}"), format!("sferum-gen {} 1 x86_64", env!("CARGO_PKG_VERSION")));
    assert_eq!(query("%{LICENSE}"), env!("CARGO_PKG_LICENSE"));
    assert_eq!(query("%{SUMMARY}"), env!("CARGO_PKG_DESCRIPTION"));
    let files = ok_stdout("rpm", &["-qpl", rpm]);
    assert_eq!(
        files.lines().collect::<Vec<_>>(),
        ["/usr/bin/sferum-gen", "/usr/share/doc/sferum-gen/README.md", "/usr/share/licenses/sferum-gen/LICENSE-OFL.txt"],
        "rpm -qpl"
    );
    // --dump: path size mtime digest mode owner group …; the digest is the binary's SHA-256.
    let dump = ok_stdout("rpm", &["-qp", "--dump", rpm]);
    let line = dump.lines().find(|l| l.starts_with("/usr/bin/sferum-gen ")).expect("the binary in --dump");
    let fields: Vec<&str> = line.split(' ').collect();
    let built = std::fs::read(binary()).unwrap();
    assert_eq!(fields[3], format!("{:x}", Sha256::digest(&built)), "the packed binary is this run's");
    assert_eq!(fields[4], "0100755", "an executable file");
    let requires = ok_stdout("rpm", &["-qpR", rpm]);
    assert!(requires.lines().any(|l| l.starts_with("libc.so.6")), "the glibc build requires libc:\n{requires}");
}

#[test]
fn the_github_release_workflow_passes_actionlint_and_a_broken_copy_fails() {
    // A job that needs a job the workflow lacks.
    assert_actionlint_catches(&root().join(".github/workflows/release.yml"), ("needs: build", "needs: biuld"), r#"needs job "biuld" which does not exist"#);
}

#[test]
fn the_gitlab_pipeline_matches_gitlabs_schema_and_a_broken_copy_fails() {
    // A release link of an unknown type.
    assert_gitlab_schema_catches(&root().join(".gitlab-ci.yml"), ("link_type: other", "link_type: file"), "'file' is not one of");
}
