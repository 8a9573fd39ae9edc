//! One bundle per institution, one export stage: what a build compiles and counts, through
//! the library API.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use sferum_gen::config::{BuildConfig, CheckConfig};
use sferum_gen::document::Visibility;
use sferum_gen::pipeline::{self, BuildSummary, Progress};

fn config(out: &std::path::Path, visibility: Option<Visibility>) -> BuildConfig {
    BuildConfig {
        check: CheckConfig::new(root().join("policies")),
        out: out.to_path_buf(),
        only: vec![],
        shard: None,
        visibility,
        signing: None,
        force: false,
    }
}

/// Counts what the build reports to its progress bar.
#[derive(Default)]
struct Counted {
    total: AtomicUsize,
    advanced: AtomicUsize,
}

impl Progress for Counted {
    fn start(&self, total: usize) {
        self.total.store(total, Ordering::SeqCst);
    }
    fn advance(&self, _label: &str) {
        self.advanced.fetch_add(1, Ordering::SeqCst);
    }
}

fn build(visibility: Option<Visibility>) -> (BuildSummary, Counted, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let progress = Counted::default();
    let (_, result) = pipeline::build(&config(&out.path().join("out"), visibility), &progress).unwrap();
    (result.expect("the examples build"), progress, out)
}

fn pdfs_under(dir: &std::path::Path) -> usize {
    walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "pdf")).count()
}

#[test]
fn a_public_build_compiles_nothing_restricted() {
    let (summary, _, out) = build(Some(Visibility::Public));
    assert_eq!(summary.compiles.restricted, 0, "restricted PDFs compiled for a public build");
    // Every public PDF on disk was compiled once, except the site's copies, which are copies.
    let on_disk = pdfs_under(&out.path().join("out"));
    let copies = summary.institutions * 3;
    assert_eq!(summary.compiles.public, on_disk - copies);
    assert_eq!(summary.compiles.public, summary.documents);
    assert!(!out.path().join("out/itep/restricted").exists());
}

#[test]
fn a_full_build_compiles_each_document_once_and_the_progress_bar_counts_the_same() {
    let (summary, progress, out) = build(None);
    assert!(summary.compiles.restricted > 0 && summary.compiles.public > 0, "{:?}", summary.compiles);
    assert_eq!(summary.compiles.public + summary.compiles.restricted, summary.documents, "one compile per document");
    // Every PDF on disk is a document of the summary, or one of the site's three copies.
    let on_disk = pdfs_under(&out.path().join("out"));
    assert_eq!(on_disk, summary.documents + summary.institutions * 3);
    assert_eq!(progress.total.load(Ordering::SeqCst), summary.documents, "the progress bar's total");
    assert_eq!(progress.advanced.load(Ordering::SeqCst), summary.documents, "the progress bar's steps");
}
