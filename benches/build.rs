//! `cargo bench`: per-document times, the build of the bundled examples, and builds of a
//! region-like corpus (see `build/corpus.rs`), each in a child process so that its peak memory
//! is its own: typst's cache ages compared on one corpus, then the chosen age at larger sizes.
//! Plain timing with a fixed number of rounds; figures are printed, not asserted.
//!
//! Environment (all optional):
//! - `BENCH_REGION_ONLY=1` skips the per-document timings and the examples' build;
//! - `BENCH_SWEEP=100` institutions in the corpus the ages are compared on (0 skips it);
//! - `BENCH_AGES=0,2,5,10,20,50` the ages compared (0 evicts everything after each batch);
//! - `BENCH_SIZES=` corpus sizes built with the build's own age (none by default: the table
//!   below builds them);
//! - `BENCH_WRITE_CORPUS=DIR:N` only writes a corpus of N institutions into DIR (to profile
//!   `sferum-gen check DIR` or a build by hand);
//! - `BENCH_TABLE_ONLY=1` prints only issue 13's table (`build/table.rs`, with its own variables).

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../tests/common/tree.rs"]
mod tree;
#[path = "build/corpus.rs"]
mod corpus;
#[path = "../tests/common/people.rs"]
mod people;
#[path = "build/table.rs"]
mod table;
#[path = "../tests/common/pki.rs"]
#[allow(dead_code)]
mod pki;

use sferum_gen::export::{docx, html, pdf};
use sferum_gen::config::{BuildConfig, CheckConfig};
use sferum_gen::pipeline;
use sferum_gen::render::{render_regulation, RenderContext};
use sferum_gen::site;

fn main() {
    if let Ok(child) = std::env::var(CHILD) {
        let corpus = std::env::var(CORPUS).expect("a corpus");
        return match child.as_str() {
            "check" => check_child(Path::new(&corpus)),
            age => region_child(age.parse().expect("an age"), Path::new(&corpus)),
        };
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let policies = root.join("policies");
    if let Some((dir, count)) = std::env::var("BENCH_WRITE_CORPUS").ok().as_deref().and_then(|v| v.rsplit_once(':')) {
        return corpus::region_corpus(&policies, Path::new(dir), count.parse().expect("a number"));
    }
    if std::env::var("BENCH_TABLE_ONLY").is_ok_and(|v| v == "1") {
        return table::table(&policies);
    }
    if std::env::var("BENCH_REGION_ONLY").is_ok_and(|v| v == "1") {
        region(&policies);
        return table::table(&policies);
    }
    let checked = pipeline::check(&CheckConfig::new(policies.clone()));
    let catalog = checked.catalog.expect("the examples are valid");
    let ctx = RenderContext::new().expect("templates load");

    println!("the regulation, per institution (median of 20 rounds, one thread):");
    for inst in &catalog.institutions {
        let mut render = Vec::new();
        let mut to_html = Vec::new();
        let mut to_pdf = Vec::new();
        let mut to_docx = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let doc = render_regulation(&ctx, inst, &catalog.registry).unwrap();
            render.push(t.elapsed());
            let t = Instant::now();
            html::render_html(&ctx.templates, &doc).unwrap();
            to_html.push(t.elapsed());
            let t = Instant::now();
            docx::render_docx(&doc).unwrap();
            to_docx.push(t.elapsed());
            let t = Instant::now();
            let bytes = pdf::render_pdf(&sferum_gen::export::Options { templates: &ctx.templates, clock: sferum_gen::config::Clock::system() }, &doc).unwrap().bytes;
            to_pdf.push(t.elapsed());
            pdf::clear_caches();
            assert!(bytes.len() > 1000);
        }
        println!(
            "  {:<12} render {:>7.2} ms   html {:>6.2} ms   docx {:>6.2} ms   pdf {:>7.2} ms",
            inst.id(),
            ms(median(&mut render)),
            ms(median(&mut to_html)),
            ms(median(&mut to_docx)),
            ms(median(&mut to_pdf))
        );
    }

    println!("the onboarding site (index, 6 guides as HTML and PDF; the document copies are the exported files), per institution (median of 10 rounds, one thread):");
    for inst in &catalog.institutions {
        let mut times = Vec::new();
        let mut bytes = 0;
        for _ in 0..10 {
            let t = Instant::now();
            let opts = sferum_gen::export::Options { templates: &ctx.templates, clock: sferum_gen::config::Clock::system() };
            let files = sferum_gen::export::site_files(&opts, &site::render(&ctx, inst, &catalog.registry).unwrap(), &[]).unwrap();
            times.push(t.elapsed());
            pdf::clear_caches();
            bytes = files.iter().map(|f| f.bytes.len()).sum::<usize>();
        }
        println!("  {:<12} {:>7.1} ms   {} KiB", inst.id(), ms(median(&mut times)), bytes / 1024);
    }
    signing_times(&ctx, &catalog);

    let out = tempfile::tempdir().unwrap();
    let mut whole = Vec::new();
    let mut institutions = 0;
    for _ in 0..10 {
        let t = Instant::now();
        let (_, r) = pipeline::build(&full_build(&policies, out.path()), &()).unwrap();
        institutions = r.expect("build succeeds").institutions;
        whole.push(t.elapsed());
    }
    println!("build of the bundled examples ({institutions} institutions, median of 10): {:.1} ms", ms(median(&mut whole)));

    region(&policies);
    table::table(&policies);
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A comma-separated list of numbers from the environment variable `name`.
fn list(name: &str, default: &str) -> Vec<usize> {
    let value = std::env::var(name).unwrap_or_else(|_| default.to_string());
    value.split(',').filter(|s| !s.trim().is_empty()).map(|s| s.trim().parse().expect("a number")).collect()
}

/// What a child process does with its corpus.
enum Child {
    /// Builds it into `corpus/out` with typst's cache age.
    Build(usize),
    /// Checks it (`sferum-gen check`), building nothing.
    Check,
}

/// The environment variables that make the bench a child building (or checking) one corpus.
const CHILD: &str = "SFERUM_BENCH_CHILD_AGE";
const CORPUS: &str = "SFERUM_BENCH_CHILD_CORPUS";

/// What one child's build did.
struct Outcome {
    institutions: usize,
    documents: usize,
    files: usize,
    seconds: f64,
    /// CPU time (user + system) of the child, seconds: less disturbed than wall time when
    /// other work shares the cores.
    cpu_seconds: f64,
    /// Peak resident memory of the child process (VmHWM), KiB.
    peak_kib: u64,
}

impl Outcome {
    fn ms_per_document(&self) -> f64 {
        self.seconds * 1000.0 / self.documents as f64
    }

    fn cpu_ms_per_document(&self) -> f64 {
        self.cpu_seconds * 1000.0 / self.documents as f64
    }
}

/// The region part: cache ages compared on one corpus, then the chosen age at larger sizes.
fn region(policies: &Path) {
    let sweep = list("BENCH_SWEEP", "100").first().copied().unwrap_or(0);
    let ages = list("BENCH_AGES", "0,2,5,10,20,50");
    let sizes = list("BENCH_SIZES", "");
    println!("region-like corpus, {} threads; each build in a child process (time per document = build time / documents):", rayon::current_num_threads());
    if sweep > 0 && !ages.is_empty() {
        let dir = tempfile::tempdir().unwrap();
        corpus::region_corpus(policies, dir.path(), sweep);
        println!("  typst cache age (evict(N) after each batch), {sweep} institutions:");
        let mut cold = None;
        for &age in &ages {
            let o = run_child(dir.path(), &Child::Build(age), false);
            let ratio = cold
                .map(|(wall, cpu): (f64, f64)| format!("  {:.2}x (CPU {:.2}x) of evict(0)", o.ms_per_document() / wall, o.cpu_ms_per_document() / cpu))
                .unwrap_or_default();
            if age == 0 {
                cold = Some((o.ms_per_document(), o.cpu_ms_per_document()));
            }
            println!(
                "    evict({age:>2}): {} documents, {:>6.1} s, {:>5.1} ms per document (CPU {:>5.1} ms), peak RSS {:>4} MB{ratio}",
                o.documents,
                o.seconds,
                o.ms_per_document(),
                o.cpu_ms_per_document(),
                o.peak_kib / 1024
            );
        }
    }
    for &size in &sizes {
        let dir = tempfile::tempdir().unwrap();
        corpus::region_corpus(policies, dir.path(), size);
        let o = run_child(dir.path(), &Child::Build(pdf::CACHE_AGE), false);
        println!(
            "  {} institutions at evict({}): {} documents, {} files, {:.1} s, {:.1} ms per document (CPU {:.1} ms), peak RSS {} MB",
            o.institutions,
            pdf::CACHE_AGE,
            o.documents,
            o.files,
            o.seconds,
            o.ms_per_document(),
            o.cpu_ms_per_document(),
            o.peak_kib / 1024
        );
    }
}

/// Builds or checks `corpus` in a child process (this bench again); a build's output folder
/// `corpus/out` is removed afterwards unless `keep_out` (for a rebuild into it).
fn run_child(corpus: &Path, child: &Child, keep_out: bool) -> Outcome {
    let mode = match child {
        Child::Build(age) => age.to_string(),
        Child::Check => "check".into(),
    };
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .env(CHILD, mode)
        .env(CORPUS, corpus)
        .stderr(std::process::Stdio::inherit())
        .output()
        .unwrap();
    assert!(output.status.success(), "the child build failed");
    if !keep_out {
        let _ = std::fs::remove_dir_all(corpus.join("out"));
    }
    let text = String::from_utf8(output.stdout).unwrap();
    let line = text.lines().find_map(|l| l.strip_prefix("outcome ")).expect("the child reports");
    let v: Vec<&str> = line.split(' ').collect();
    Outcome {
        institutions: v[0].parse().unwrap(),
        documents: v[1].parse().unwrap(),
        files: v[2].parse().unwrap(),
        seconds: v[3].parse().unwrap(),
        cpu_seconds: v[4].parse().unwrap(),
        peak_kib: v[5].parse().unwrap(),
    }
}

/// A build of everything in `input` into `out`: every run measures a full build.
fn full_build(input: &Path, out: &Path) -> BuildConfig {
    BuildConfig {
        check: CheckConfig::new(input.to_path_buf()),
        out: out.to_path_buf(),
        only: vec![],
        shard: None,
        visibility: None,
        signing: None,
        force: true,
    }
}

/// The child: one build of `corpus`, reported on one line with the process's VmHWM.
fn region_child(age: usize, corpus: &Path) {
    pdf::set_cache_age(age);
    let cfg = full_build(corpus, &corpus.join("out"));
    let t = Instant::now();
    let (checked, r) = pipeline::build(&cfg, &()).unwrap();
    let Ok(summary) = r else {
        for d in checked.diagnostics.iter().take(5) {
            eprintln!("{d:?}");
        }
        panic!("the corpus is invalid");
    };
    let seconds = t.elapsed().as_secs_f64();
    println!("outcome {} {} {} {seconds:.3} {:.3} {}", summary.institutions, summary.documents, summary.files, cpu_seconds(), peak_kib());
}

/// The child's check of `corpus`, reported like a build with no documents.
fn check_child(corpus: &Path) {
    let t = Instant::now();
    let checked = pipeline::check(&CheckConfig::new(corpus.to_path_buf()));
    let seconds = t.elapsed().as_secs_f64();
    if checked.diagnostics.has_errors() {
        for d in checked.diagnostics.iter().filter(|d| d.is_error()).take(5) {
            eprintln!("{d:?}");
        }
        panic!("the corpus is invalid");
    }
    let institutions = checked.catalog.map_or(0, |c| c.institutions.len());
    println!("outcome {institutions} 0 0 {seconds:.3} {:.3} {}", cpu_seconds(), peak_kib());
}

/// User + system CPU time of this process from /proc/self/stat, seconds (Linux, at the usual
/// 100 clock ticks per second; 0 elsewhere).
fn cpu_seconds() -> f64 {
    // The fields after the command name (which is in parentheses): utime and stime are the 12th and 13th.
    stat_seconds([11, 12])
}

/// User + system CPU time of this process's finished (waited-for) children, seconds.
fn children_cpu_seconds() -> f64 {
    // cutime and cstime, the 14th and 15th fields after the command name.
    stat_seconds([13, 14])
}

fn stat_seconds(fields: [usize; 2]) -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let values: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks: u64 = fields.iter().filter_map(|&i| values.get(i).and_then(|v| v.parse::<u64>().ok())).sum();
    ticks as f64 / 100.0
}

/// VmHWM from /proc/self/status, KiB (Linux; 0 elsewhere).
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()))
        .unwrap_or(0)
}

/// What signing adds per document: the PAdES signature of the regulation PDF (with its mark)
/// with a test RSA-2048 and ECDSA P-256 key made by the `openssl` CLI.
fn signing_times(ctx: &RenderContext, catalog: &sferum_gen::model::Catalog) {
    use sferum_gen::sign::{pades, Identity, IdentityFiles};
    let test_pki = pki::make_pki();
    let identity = |key: &Path, cert: &Path| {
        Identity::load(&IdentityFiles { key: key.into(), cert: cert.into(), chain: vec![test_pki.ca.clone()], ..Default::default() }).unwrap()
    };
    let identities = [("RSA-2048", identity(&test_pki.rsa_key, &test_pki.rsa_cert)), ("ECDSA P-256", identity(&test_pki.ec_key, &test_pki.ec_cert))];
    println!("signing the regulation PDF (PAdES B-B incremental update; median of 20 rounds, one thread):");
    for inst in &catalog.institutions {
        let doc = render_regulation(ctx, inst, &catalog.registry).unwrap();
        let bytes = pdf::render_pdf(&sferum_gen::export::Options { templates: &ctx.templates, clock: sferum_gen::config::Clock::system() }, &doc).unwrap().bytes;
        pdf::clear_caches();
        let mut line = format!("  {:<12}", inst.id());
        for (name, id) in &identities {
            let mut times = Vec::new();
            for _ in 0..20 {
                let t = Instant::now();
                let signed = pades::sign_pdf(&bytes, id, 1_788_220_800).unwrap();
                times.push(t.elapsed());
                assert!(signed.starts_with(&bytes));
            }
            line.push_str(&format!(" {name} {:>6.2} ms ", ms(median(&mut times))));
        }
        println!("{line}");
    }
}
