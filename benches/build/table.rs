//! Issue 13's figures in one table, one run: per-PDF time in-process (as the build compiles,
//! and evicting everything as it used to) against a Python loop over pip `typst` and a 2-way
//! process-per-document loop of it on the same layout data; full builds, a no-change rebuild
//! and one changed institution; `check` of a region; a 20,000-row people list; peak RSS.
//!
//! Environment (all optional): `BENCH_PDF_INSTITUTIONS=20` (the corpus the per-PDF times are
//! measured on), `BENCH_BUILDS=100,1000` (full builds; the largest is rebuilt unchanged and
//! with one institution changed), `BENCH_RSS=5000` (more full builds, for their peak RSS),
//! `BENCH_CHECKS=1000,5000` (`check` of corpora of these sizes), `BENCH_PYTHON=python3` (an
//! interpreter with pip `typst`; its rows are left out when it has none).

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use sferum_gen::export::pdf;
use sferum_gen::config::CheckConfig;
use sferum_gen::document::Document;
use sferum_gen::pipeline;
use sferum_gen::render::{render_admin_order, render_platform_order, render_regulation, RenderContext};

use super::{children_cpu_seconds, corpus, cpu_seconds, list, run_child, Child, Outcome};

/// One line of the table: what was measured, the figure, and the target it is held against.
struct Row {
    what: String,
    figure: String,
    target: &'static str,
}

pub fn table(policies: &Path) {
    let mut rows = Vec::new();
    let per_pdf = list("BENCH_PDF_INSTITUTIONS", "20").first().copied().unwrap_or(0);
    if per_pdf > 0 {
        per_pdf_rows(policies, per_pdf, &mut rows);
    }
    let builds = list("BENCH_BUILDS", "100,1000");
    let largest = builds.iter().copied().max();
    for &size in builds.iter().chain(&list("BENCH_RSS", "5000")) {
        let dir = tempfile::tempdir().unwrap();
        corpus::region_corpus(policies, dir.path(), size);
        let first = run_child(dir.path(), &Child::Build(pdf::CACHE_AGE), true);
        rows.push(Row { what: format!("full build of {size} institutions ({} documents, {} files)", first.documents, first.files), figure: secs(&first), target: if size == 1000 { "≤ 120 s" } else { "" } });
        rows.push(Row { what: format!("peak RSS, full build of {size}"), figure: mb(&first), target: if size == 5000 { "≤ 250 MB" } else { "" } });
        if Some(size) == largest {
            let again = run_child(dir.path(), &Child::Build(pdf::CACHE_AGE), true);
            rows.push(Row { what: format!("no-change rebuild of {size}"), figure: secs(&again), target: "≤ 2 s" });
            change_one(dir.path());
            let changed = run_child(dir.path(), &Child::Build(pdf::CACHE_AGE), true);
            let own = first.seconds / size as f64;
            rows.push(Row {
                what: format!("one changed institution among {size} (its own share of the full build: {own:.2} s)"),
                figure: secs(&changed),
                target: "≤ 1 s + its own build",
            });
        }
    }
    for &size in &list("BENCH_CHECKS", "1000,5000") {
        let dir = tempfile::tempdir().unwrap();
        corpus::region_corpus(policies, dir.path(), size);
        let o = run_child(dir.path(), &Child::Check, false);
        rows.push(Row { what: format!("check of {size} institutions (peak RSS {})", mb(&o)), figure: secs(&o), target: if size == 1000 { "≤ 1 s" } else { "" } });
    }
    let dir = tempfile::tempdir().unwrap();
    super::tree::copy_tree(&policies.join("_registry"), &dir.path().join("_registry"));
    super::tree::copy_tree(&policies.join("school-max"), &dir.path().join("school-max"));
    std::fs::write(dir.path().join("school-max/people/3a.csv"), super::people::long_list("3a", 20_000)).unwrap();
    let o = run_child(dir.path(), &Child::Check, false);
    rows.push(Row { what: "check of one school with a 20,000-row people list".into(), figure: secs(&o), target: "≤ 1 s" });

    println!("issue 13, {} threads; CPU time is user + system of all threads (and of the Python processes):", rayon::current_num_threads());
    println!("| measurement | figure | target |");
    println!("|---|---:|---|");
    for r in &rows {
        println!("| {} | {} | {} |", r.what, r.figure, r.target);
    }
}

/// Wall time, and CPU time (user + system), which other work on the cores disturbs less.
fn secs(o: &Outcome) -> String {
    format!("{:.2} s (CPU {:.2} s)", o.seconds, o.cpu_seconds)
}

/// Milliseconds per PDF, wall and CPU.
fn per(wall_ms: f64, cpu_ms: f64) -> String {
    format!("{wall_ms:.1} ms (CPU {cpu_ms:.1} ms)")
}

fn mb(o: &Outcome) -> String {
    format!("{} MB", o.peak_kib / 1024)
}

/// Gives the first institution of a corpus new order numbers (a valid change of its data).
fn change_one(corpus: &Path) {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus).unwrap().filter_map(Result::ok).map(|e| e.path()).filter(|p| p.join("appointments.yaml").is_file()).collect();
    dirs.sort();
    let path = dirs[0].join("appointments.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, corpus::renumber_orders(&text, 1000)).unwrap();
}

/// The regulations and both orders of a corpus of `count`, compiled four ways.
fn per_pdf_rows(policies: &Path, count: usize, rows: &mut Vec<Row>) {
    let dir = tempfile::tempdir().unwrap();
    corpus::region_corpus(policies, dir.path(), count);
    let checked = pipeline::check(&CheckConfig::new(dir.path().to_path_buf()));
    let catalog = checked.catalog.expect("the corpus is valid");
    let ctx = RenderContext::new().unwrap();
    type Render = fn(&RenderContext, &sferum_gen::model::Institution, &sferum_gen::model::LegalActs) -> anyhow::Result<Document>;
    let kinds: [Render; 3] = [render_regulation, render_platform_order, render_admin_order];
    // Kind by kind, as the build plans them.
    let docs: Vec<Document> = kinds.iter().flat_map(|render| catalog.institutions.iter().map(|inst| render(&ctx, inst, &catalog.registry).unwrap()).collect::<Vec<_>>()).collect();
    let n = docs.len();
    // Fonts and the layout parsed once before either loop.
    let opts = sferum_gen::export::Options { templates: &ctx.templates, clock: sferum_gen::config::Clock::system() };
    pdf::render_pdf(&opts, &docs[0]).unwrap();
    let compile_all = |age: usize| {
        pdf::clear_caches();
        pdf::set_cache_age(age);
        let (t, cpu) = (Instant::now(), cpu_seconds());
        for batch in docs.chunks(rayon::current_num_threads().max(1)) {
            let sizes: Vec<usize> = batch.par_iter().map(|d| pdf::render_pdf(&opts, d).unwrap().bytes.len()).collect();
            assert!(sizes.iter().all(|s| *s > 1000));
            pdf::evict_caches();
        }
        pdf::set_cache_age(pdf::CACHE_AGE);
        (t.elapsed().as_secs_f64() * 1000.0 / n as f64, (cpu_seconds() - cpu) * 1000.0 / n as f64)
    };
    let (old, old_cpu) = compile_all(0);
    let (now, now_cpu) = compile_all(pdf::CACHE_AGE);
    let threads = rayon::current_num_threads();
    rows.push(Row { what: format!("per PDF, in-process, evict(0) after each batch (before issue 13; {n} regulations and orders of {count} institutions, {threads} threads)"), figure: per(old, old_cpu), target: "" });
    rows.push(Row {
        what: format!("per PDF, in-process as the build does it (evict({}), kind by kind, {threads} threads): {:.2}x of evict(0) (CPU {:.2}x)", pdf::CACHE_AGE, now / old, now_cpu / old_cpu),
        figure: per(now, now_cpu),
        target: "≤ 0.4x of evict(0), below the Python loop",
    });

    // The same layout data for typst outside this process: one folder per document.
    let python = std::env::var("BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let version = std::process::Command::new(&python).args(["-c", "import typst; print(typst.__version__)"]).output().ok().filter(|o| o.status.success());
    let Some(version) = version.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()) else {
        rows.push(Row { what: format!("per PDF, Python loop: skipped, `{python}` has no `typst` module (BENCH_PYTHON)"), figure: "—".into(), target: "" });
        return;
    };
    let out = dir.path().join("layout-data");
    let folders: Vec<PathBuf> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let folder = out.join(format!("{i:05}"));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("gost.typ"), ctx.templates.text("layout/gost.typ")).unwrap();
            std::fs::write(folder.join("data.json"), pdf::layout_data(d).unwrap()).unwrap();
            folder
        })
        .collect();
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let script = dir.path().join("compile.py");
    std::fs::write(&script, PYTHON_LOOP).unwrap();
    let (t, cpu) = (Instant::now(), children_cpu_seconds());
    let status = std::process::Command::new(&python).arg(&script).arg(&fonts).args(&folders).status().unwrap();
    assert!(status.success(), "the Python loop failed");
    let loop_ms = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let loop_cpu = (children_cpu_seconds() - cpu) * 1000.0 / n as f64;
    rows.push(Row { what: format!("per PDF, a Python loop over pip typst {version} (one process, one thread)"), figure: per(loop_ms, loop_cpu), target: "" });
    // Two workers, each starting the interpreter once per document.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (t, cpu) = (Instant::now(), children_cpu_seconds());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(folder) = folders.get(i) else { break };
                let status = std::process::Command::new(&python).arg(&script).arg(&fonts).arg(folder).status().unwrap();
                assert!(status.success(), "the Python compile failed");
            });
        }
    });
    let process_ms = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let process_cpu = (children_cpu_seconds() - cpu) * 1000.0 / n as f64;
    rows.push(Row { what: format!("per PDF, a process per document (Python, pip typst {version}), 2 at a time"), figure: per(process_ms, process_cpu), target: "" });
}

/// Compiles each folder's gost.typ (reading its data.json) to PDF/A-2b with the bundled fonts only.
const PYTHON_LOOP: &str = r#"import sys, typst
fonts = sys.argv[1]
for folder in sys.argv[2:]:
    pdf = typst.compile(folder + "/gost.typ", root=folder, font_paths=[fonts], ignore_system_fonts=True, pdf_standards="a-2b")
    assert len(pdf) > 1000
"#;
