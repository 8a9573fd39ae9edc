//! `sferum-gen serve`: serves the onboarding site over HTTP, rebuilds it when the YAML
//! changes, and keeps serving the last good build when an edit breaks the input.

mod common;

use std::io::{BufRead, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use common::*;

/// The server process; killed when the test ends, pass or fail.
struct Server {
    child: Child,
    lines: Receiver<String>,
    log: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Waits (up to a minute) for a stderr line containing `needle` and returns it.
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(line) = self.lines.recv_timeout(Duration::from_millis(200)) {
                self.log.push(line.clone());
                if line.contains(needle) {
                    return line;
                }
            }
        }
        panic!("the server never printed «{needle}»; it printed:\n{}", self.log.join("\n"));
    }
}

/// A GET over plain HTTP/1.0: (status, headers and body as text).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let response = String::from_utf8_lossy(&bytes).into_owned();
    let status = response.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, response)
}

#[test]
fn serve_rebuilds_on_change_and_keeps_the_last_good_build() {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("policies/_registry"), &policies.join("_registry"));
    copy_tree(&root().join("policies/school-max"), &policies.join("school-max"));
    let (mut server, port) = start(&policies, "0");
    let line = server.wait_for("сборка во временную папку ");
    let folder = std::path::PathBuf::from(line.split("сборка во временную папку ").nth(1).unwrap().trim_end_matches(" (удаляется при выходе)"));
    assert!(folder.join("out/school-max/public/site/index.html").is_file(), "{line}");

    let (status, page) = get(port, "/school-max/parent.html");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("text/html; charset=utf-8") && page.contains("С 21:00 до 07:30 по омскому времени (UTC+6)"), "{page}");
    let (status, root_page) = get(port, "/");
    assert_eq!(status, 302);
    assert!(root_page.contains("Location: /school-max/index.html"), "{root_page}");
    assert_eq!(get(port, "/school-max/site.css").0, 200);
    assert!(get(port, "/school-max/parent.pdf").1.contains("%PDF-"), "the guide's PDF is served");
    assert_eq!(get(port, "/school-max/../../restricted/order-admin.pdf").0, 404, "nothing outside the site");
    assert_eq!(get(port, "/school-max/nope.html").0, 404);

    // An edit of the YAML is rebuilt and served.
    let rules = policies.join("school-max/rules.yaml");
    let good = std::fs::read_to_string(&rules).unwrap();
    std::fs::write(&rules, good.replace("from: \"21:00\"", "from: \"20:00\"")).unwrap();
    server.wait_for("обнаружено изменение");
    server.wait_for("собран 1 сайт");
    let (_, page) = get(port, "/school-max/parent.html");
    assert!(page.contains("С 20:00 до 07:30 по омскому времени"), "the rebuilt page shows the new quiet hours:\n{page}");

    // A broken edit is reported with its place, and the last good build stays served.
    std::fs::write(&rules, good.replace("from: \"21:00\"", "from: \"20:00").replace("\r", "")).unwrap();
    server.wait_for("обнаружено изменение");
    let error = server.wait_for("показывается последняя удачная сборка");
    assert!(server.log.iter().any(|l| l.contains("rules.yaml")), "the report names the file:\n{}\n{error}", server.log.join("\n"));
    let (status, page) = get(port, "/school-max/parent.html");
    assert_eq!(status, 200);
    assert!(page.contains("С 20:00 до 07:30 по омскому времени"), "the last good build is served:\n{page}");

    // Fixing the file brings the server back.
    std::fs::write(&rules, good.replace("to: \"07:30\"", "to: \"07:00\"")).unwrap();
    server.wait_for("собран 1 сайт");
    assert!(get(port, "/school-max/parent.html").1.contains("С 21:00 до 07:00 по омскому времени"));

    // A changed template in the overlay beside the institutions is picked up too.
    let index = std::fs::read_to_string(root().join("templates/site/index.md")).unwrap();
    let overlay = policies.join("_templates/site/index.md");
    std::fs::create_dir_all(overlay.parent().unwrap()).unwrap();
    std::fs::write(&overlay, format!("{index}\nСтрока, которую методист дописал в шаблон.\n")).unwrap();
    server.wait_for("обнаружено изменение");
    server.wait_for("собран 1 сайт");
    assert!(get(port, "/school-max/index.html").1.contains("Строка, которую методист дописал в шаблон."), "the overlay is served");

    // Ctrl+C stops the server cleanly and removes its temporary folder.
    let interrupted = Command::new("kill").args(["-INT", &server.child.id().to_string()]).status().unwrap();
    assert!(interrupted.success());
    server.wait_for("остановлено");
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status}");
    assert!(!folder.exists(), "the temporary folder {} is left behind", folder.display());
}

/// Starts `serve` over `policies` on a free port; returns the server and its port.
fn start(policies: &std::path::Path, port: &str) -> (Server, u16) {
    let mut child = sferum_gen()
        .args(["serve", policies.to_str().unwrap(), "--port", port, "--poll", "100"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, lines) = channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut server = Server { child, lines, log: vec![] };
    let line = server.wait_for("сайт: http://127.0.0.1:");
    let port: u16 = line.split("127.0.0.1:").nth(1).unwrap().split('/').next().unwrap().parse().unwrap();
    (server, port)
}

fn two_schools() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("policies/_registry"), &policies.join("_registry"));
    copy_tree(&root().join("policies/school-max"), &policies.join("school-max"));
    copy_tree(&root().join("policies/itep"), &policies.join("itep"));
    tmp
}

/// In headless Chromium the open page changes by itself after an edit, and a broken edit
/// shows its diagnostics in a banner (as text) over the last good build.
#[test]
fn the_open_page_follows_edits_and_shows_errors_in_a_banner() {
    let tmp = two_schools();
    let policies = tmp.path().join("policies");
    let (mut server, port) = start(&policies, "0");
    let dir = root().join("tests/a11y");
    if !dir.join("node_modules/puppeteer-core").exists() {
        let o = Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir).output().expect("npm must be installed (see .ci/run)");
        assert!(o.status.success(), "npm ci failed: {}", String::from_utf8_lossy(&o.stderr));
    }
    let url = format!("http://127.0.0.1:{port}/school-max/parent.html");
    let mut browser = Command::new("node")
        .args(["live.js", &url, "С 20:00 до 07:30 по омскому времени", "rules.yaml"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node must be installed (see .ci/run)");
    let mut out = std::io::BufReader::new(browser.stdout.take().unwrap()).lines();
    assert_eq!(out.next().unwrap().unwrap(), "loaded");

    let rules = policies.join("school-max/rules.yaml");
    let good = std::fs::read_to_string(&rules).unwrap();
    std::fs::write(&rules, good.replace("from: \"21:00\"", "from: \"20:00\"")).unwrap();
    server.wait_for("собрано 2 сайта");
    assert_eq!(out.next().unwrap().unwrap(), "reloaded", "the page changed without a reload by the test");

    // A broken edit: the banner shows the file and the code, and its text holds no markup.
    std::fs::write(&rules, good.replace("from: \"21:00\"", "from: \"<b>20:00").replace("\r", "")).unwrap();
    server.wait_for("показывается последняя удачная сборка");
    let banner = out.next().unwrap().unwrap();
    assert!(banner.starts_with("banner: "), "{banner}");
    let report: serde_json::Value = serde_json::from_str(&banner["banner: ".len()..]).unwrap();
    assert!(report["text"].as_str().unwrap().contains("rules.yaml") && report["text"].as_str().unwrap().contains("ошибка["), "{report}");
    assert_eq!(report["elements"], 0, "the banner is text only: {report}");
    let status = browser.wait().unwrap();
    let mut err = String::new();
    browser.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(status.success(), "{err}");
}

/// The root page lists the institutions by name; a busy port is reported before building.
#[test]
fn the_root_page_names_the_institutions_and_a_busy_port_is_reported_first() {
    let tmp = two_schools();
    let policies = tmp.path().join("policies");
    let (_server, port) = start(&policies, "0");
    let (status, page) = get(port, "/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<a href=\"/school-max/index.html\">бюджетное общеобразовательное учреждение города Омска"), "{page}");
    assert!(page.contains("<a href=\"/itep/index.html\">Частное профессиональное образовательное учреждение"), "{page}");

    // Another serve on the same port stops at once, before building anything.
    let started = Instant::now();
    let o = sferum_gen().args(["serve", policies.to_str().unwrap(), "--port", &port.to_string()]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("не удалось занять порт 127.0.0.1:{port}")) && err.contains("--port"), "{err}");
    assert!(!err.contains("собран"), "it built before reporting the port: {err}");
    assert!(started.elapsed() < Duration::from_secs(5));
}
