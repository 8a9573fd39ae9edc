//! `sferum-gen serve [PATH] [--port N]`: builds the public side into a temporary folder,
//! serves each institution's onboarding site on 127.0.0.1, and rebuilds when a file under
//! PATH changes (polling). A failed rebuild is reported and the last good build stays served.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use anyhow::{anyhow, Result};
use clap::Args;

use sferum_gen::config::{BuildConfig, CheckConfig};
use sferum_gen::document::Visibility;
use sferum_gen::pipeline::{self, BuildError};
use sferum_gen::templates::Templates;

use super::{print_diagnostics, Format};
use sferum_gen::tr;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// A folder of institutions (with _registry/), or one institution's folder.
    #[arg(default_value = "policies")]
    path: PathBuf,
    /// The port on 127.0.0.1 (0 picks a free one; the address is printed).
    #[arg(long, default_value_t = 3000)]
    port: u16,
    /// How often to look for changed files, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 500)]
    poll: u64,
    /// A folder of changed templates (see `check --help`); watched like PATH. Without it,
    /// `_templates/` beside the institutions is used (and watched, being inside PATH).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

/// What the pages poll (`/__sferum/status`): the build they show and the last build's errors.
#[derive(Default)]
struct Status {
    /// Counts successful builds: a page reloads when it changes.
    generation: u64,
    /// The diagnostics of the last build when it failed (the pages show them in a banner).
    errors: Option<String>,
    /// Institutions by id, with their full names, for the root page.
    names: BTreeMap<String, String>,
}

pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    // A busy port is reported before anything is built.
    let server = match tiny_http::Server::http(("127.0.0.1", args.port)) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("{}: {}", tr!("cli-error"), tr!("serve-port-busy", port = args.port, reason = e.to_string()));
            eprintln!("  = {}", tr!("diag-hint", hint = tr!("serve-port-busy.hint")));
            return Ok(ExitCode::from(2));
        }
    };
    let out = tempfile::Builder::new().prefix("sferum-gen-serve-").tempdir()?;
    let cfg = BuildConfig {
        // The preview's PDFs carry their own dates, whatever SOURCE_DATE_EPOCH says.
        check: {
            let check = CheckConfig { templates: args.templates.clone(), ..CheckConfig::new(args.path.clone()) };
            CheckConfig { clock: sferum_gen::config::Clock { source_date_epoch: None, ..check.clock }, ..check }
        },
        out: out.path().join("out"),
        only: vec![],
        shard: None,
        visibility: Some(Visibility::Public),
        signing: None,
        force: false,
    };
    let status = Arc::new(Mutex::new(Status::default()));
    // The input as the first build reads it: an edit made at any moment after this is seen.
    let first_seen = watched(&cfg);
    // The first build must succeed: there is nothing to serve otherwise.
    if !rebuild(&cfg, &status)? {
        eprintln!("{}: {}", tr!("cli-error"), tr!("serve-nothing"));
        return Ok(ExitCode::from(1));
    }
    // Ctrl+C (or SIGTERM) ends the request loop, so the temporary folder is removed on return.
    {
        let server = Arc::clone(&server);
        ctrlc::set_handler(move || server.unblock()).map_err(|e| anyhow!(tr!("serve-no-ctrlc", reason = e.to_string())))?;
    }
    let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(args.port);
    eprintln!("{}", tr!("serve-serving", port = port.to_string(), path = args.path));
    eprintln!("{}", tr!("serve-building-into", path = out.path()));

    // The root page's template, compiled once.
    let templates = Templates::bundled()?;
    let building = Arc::new(Mutex::new(()));
    {
        let (cfg, building, status, poll) = (cfg.clone(), Arc::clone(&building), Arc::clone(&status), Duration::from_millis(args.poll.max(50)));
        std::thread::spawn(move || {
            let mut seen = first_seen;
            loop {
                std::thread::sleep(poll);
                let now = watched(&cfg);
                if now != seen {
                    seen = now;
                    eprintln!("{}", tr!("serve-rebuilding"));
                    let _guard = building.lock().unwrap_or_else(|e| e.into_inner());
                    match rebuild(&cfg, &status) {
                        Ok(true) => {}
                        Ok(false) => eprintln!("{}: {}", tr!("cli-error"), tr!("serve-input-errors")),
                        Err(e) => {
                            eprintln!("{}: {}", tr!("cli-error"), tr!("serve-failed", reason = format!("{e:#}")));
                            status.lock().unwrap_or_else(|e| e.into_inner()).errors = Some(format!("{e:#}"));
                        }
                    }
                }
            }
        });
    }
    for request in server.incoming_requests() {
        let response = {
            let _guard = building.lock().unwrap_or_else(|e| e.into_inner());
            let status = status.lock().unwrap_or_else(|e| e.into_inner());
            respond(&cfg.out, request.url(), &status, &templates)
        };
        // A client that went away is not an error of the server.
        let _ = request.respond(response);
    }
    eprintln!("{}", tr!("serve-stopped"));
    Ok(ExitCode::SUCCESS)
}

/// Builds the public side; prints the diagnostics and records them for the pages' banner.
/// `Ok(false)` when the input is invalid.
fn rebuild(cfg: &BuildConfig, status: &Mutex<Status>) -> Result<bool> {
    let (checked, outcome) = pipeline::build(cfg, &())?;
    print_diagnostics(&checked, Format::Human, Path::new("."));
    let mut status = status.lock().unwrap_or_else(|e| e.into_inner());
    match outcome {
        Ok(s) => {
            eprintln!("{}", tr!("serve-built", sites = s.institutions + s.unchanged, seconds = format!("{:.2}", s.elapsed.as_secs_f64())));
            status.generation += 1;
            // An institution with errors is not rebuilt: the banner shows why.
            status.errors = (!s.failed.is_empty()).then(|| {
                let mut errors = sferum_gen::diag::Diagnostics::default();
                errors.extend(checked.diagnostics.iter().filter(|d| d.is_error()).cloned());
                sferum_gen::diag::render_terminal(&errors, &checked.sources)
            });
            // An institution with errors keeps its last good pages, and its name.
            if s.failed.is_empty() {
                status.names = s.names.into_iter().collect();
            } else {
                status.names.extend(s.names);
            }
            if !s.failed.is_empty() {
                eprintln!("{}: {}", tr!("cli-error"), tr!("serve-input-errors"));
            }
            Ok(true)
        }
        Err(BuildError::Invalid) => {
            // The banner shows the errors (what keeps the build from updating), not the warnings.
            let mut errors = sferum_gen::diag::Diagnostics::default();
            errors.extend(checked.diagnostics.iter().filter(|d| d.is_error()).cloned());
            status.errors = Some(sferum_gen::diag::render_terminal(&errors, &checked.sources));
            Ok(false)
        }
        Err(BuildError::UnknownInstitution { id, .. }) => Err(anyhow!(tr!("serve-unknown-institution", id = id))),
    }
}

/// The fingerprint of the input and of the overlay given by --templates (the default
/// `_templates/` is inside the input).
fn watched(cfg: &BuildConfig) -> BTreeMap<PathBuf, (u64, Option<SystemTime>)> {
    let mut f = fingerprint(&cfg.check.input);
    f.extend(cfg.check.templates.iter().flat_map(|dir| fingerprint(dir)));
    f
}

/// Paths, sizes and modification times of every file under `dir`: any edit changes it.
fn fingerprint(dir: &Path) -> BTreeMap<PathBuf, (u64, Option<SystemTime>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok().map(|m| (e.into_path(), (m.len(), m.modified().ok()))))
        .collect()
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

/// `/` lists the sites (or redirects to the only one); `/<id>/<file>` is a file of
/// out/<id>/public/site/. Nothing outside those folders is served.
fn respond(out: &Path, url: &str, status: &Status, templates: &Templates) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == STATUS_PATH {
        let body = serde_json::json!({ "generation": status.generation, "errors": status.errors });
        return file_response(body.to_string().into_bytes(), "application/json");
    }
    let ids: Vec<String> = std::fs::read_dir(out)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join(sferum_gen::layout::SITE_DIR).is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if path == "/" {
        if let [only] = ids.as_slice() {
            return redirect(&format!("/{only}/index.html"));
        }
        let sites: Vec<serde_json::Value> = ids.iter().map(|id| serde_json::json!({ "id": id, "name": status.names.get(id).unwrap_or(id) })).collect();
        let page = templates.render("site/serve-index.html", &serde_json::json!({ "sites": sites })).unwrap_or_default();
        return file_response(live(page.into_bytes(), status.generation), "text/html; charset=utf-8");
    }
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let (id, rest) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if !ids.iter().any(|i| i == id) {
        return not_found();
    }
    if rest.is_empty() {
        return redirect(&format!("/{id}/index.html"));
    }
    let relative = Path::new(rest);
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return not_found();
    }
    let file = out.join(id).join(sferum_gen::layout::SITE_DIR).join(relative);
    match std::fs::read(&file) {
        Ok(bytes) if content_type(&file).starts_with("text/html") => file_response(live(bytes, status.generation), content_type(&file)),
        Ok(bytes) => file_response(bytes, content_type(&file)),
        Err(_) => not_found(),
    }
}

/// Where the pages ask for the build they should show and the last build's errors.
const STATUS_PATH: &str = "/__sferum/status";

/// A served page with the script that reloads it after a rebuild and shows the errors of a
/// failed one in a banner (as text: the script sets `textContent`, never markup). Only the
/// pages `serve` sends carry it; the built files do not.
fn live(page: Vec<u8>, generation: u64) -> Vec<u8> {
    let script = format!(
        r#"<script>(function () {{
  var shown = {generation};
  function check() {{
    fetch('{STATUS_PATH}', {{ cache: 'no-store' }}).then(function (r) {{ return r.json(); }}).then(function (s) {{
      if (s.generation !== shown) {{ location.reload(); return; }}
      var banner = document.getElementById('sferum-serve-errors');
      if (s.errors) {{
        if (!banner) {{
          banner = document.createElement('pre');
          banner.id = 'sferum-serve-errors';
          banner.setAttribute('role', 'alert');
          banner.style.cssText = 'position:fixed;top:0;left:0;right:0;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#fff3f3;color:#600;border-bottom:3px solid #c00;z-index:9999;white-space:pre-wrap;font:14px monospace';
          document.body.appendChild(banner);
        }}
        banner.textContent = s.errors;
      }} else if (banner) {{ banner.remove(); }}
    }}).catch(function () {{}}).finally(function () {{ setTimeout(check, 500); }});
  }}
  setTimeout(check, 500);
}})();</script>
"#
    );
    let text = String::from_utf8_lossy(&page).into_owned();
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => page,
    }
}


fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn file_response(bytes: Vec<u8>, kind: &str) -> Response {
    tiny_http::Response::from_data(bytes).with_header(header("Content-Type", kind)).with_header(header("Cache-Control", "no-store"))
}

fn redirect(to: &str) -> Response {
    tiny_http::Response::from_data(Vec::new()).with_status_code(302).with_header(header("Location", to))
}

fn not_found() -> Response {
    tiny_http::Response::from_data(b"not found\n".to_vec()).with_status_code(404).with_header(header("Content-Type", "text/plain; charset=utf-8"))
}
