//! `cargo bench`: per-document times, the build of the bundled examples, and a build of
//! many institutions (copies of the examples) with the process's peak memory.
//! Plain timing with a fixed number of rounds; figures are printed, not asserted.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../tests/common/tree.rs"]
mod tree;
#[path = "../tests/common/pki.rs"]
#[allow(dead_code)]
mod pki;

use sferum_gen::backend::{docx, html, pdf};
use tree::copy_tree;
use sferum_gen::config::{BuildConfig, CheckConfig};
use sferum_gen::pipeline;
use sferum_gen::render::{render_regulation, RenderContext};
use sferum_gen::site;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let policies = root.join("policies");
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
            let bytes = pdf::render_pdf(&ctx.templates, &doc, None).unwrap().bytes;
            to_pdf.push(t.elapsed());
            pdf::evict_caches();
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

    println!("the onboarding site (index, 6 guides as HTML and PDF, document copies), per institution (median of 10 rounds, one thread):");
    for inst in &catalog.institutions {
        let mut times = Vec::new();
        let mut bytes = 0;
        for _ in 0..10 {
            let t = Instant::now();
            let files = site::render_site(&ctx, inst, &catalog.registry, None).unwrap();
            times.push(t.elapsed());
            pdf::evict_caches();
            bytes = files.iter().map(|f| f.bytes.len()).sum::<usize>();
        }
        println!("  {:<12} {:>7.1} ms   {} KiB", inst.id(), ms(median(&mut times)), bytes / 1024);
    }
    signing_times(&ctx, &catalog);

    let out = tempfile::tempdir().unwrap();
    let cfg = |input: &Path, out: &Path| BuildConfig {
        check: CheckConfig::new(input.to_path_buf()),
        out: out.to_path_buf(),
        only: vec![],
        shard: None,
        source_date_epoch: None,
        visibility: None,
        signing: None,
    };
    let mut whole = Vec::new();
    let mut institutions = 0;
    for _ in 0..10 {
        let t = Instant::now();
        let (_, r) = pipeline::build(&cfg(&policies, out.path()), &()).unwrap();
        institutions = r.expect("build succeeds").institutions;
        whole.push(t.elapsed());
    }
    println!("build of the bundled examples ({institutions} institutions, median of 10): {:.1} ms", ms(median(&mut whole)));

    // Many institutions: copies of the three examples under new ids.
    let copies = 100;
    let many = tempfile::tempdir().unwrap();
    copy_tree(&policies.join("_registry"), &many.path().join("_registry"));
    for i in 0..copies {
        for id in ["itep", "bpt", "school-max"] {
            let new_id = format!("{id}-{i:04}");
            let dir = many.path().join(&new_id);
            copy_tree(&policies.join(id), &dir);
            let file = dir.join("institution.yaml");
            let text = std::fs::read_to_string(&file).unwrap().replace(&format!("id: {id}\n"), &format!("id: {new_id}\n"));
            std::fs::write(file, text).unwrap();
        }
    }
    let t = Instant::now();
    let (_, r) = pipeline::build(&cfg(many.path(), &many.path().join("out")), &()).unwrap();
    let summary = r.expect("build succeeds");
    let elapsed = t.elapsed();
    println!(
        "build of {} institutions ({} documents, {} files): {:.2} s, {:.1} ms per document, peak RSS {}",
        summary.institutions,
        summary.documents,
        summary.files,
        elapsed.as_secs_f64(),
        ms(elapsed) / summary.documents as f64,
        peak_rss()
    );
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// VmHWM from /proc (Linux); "n/a" elsewhere.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.trim_start_matches("VmHWM:").trim().to_string()))
        .unwrap_or_else(|| "n/a".into())
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
        let bytes = pdf::render_pdf(&ctx.templates, &doc, None).unwrap().bytes;
        pdf::evict_caches();
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
