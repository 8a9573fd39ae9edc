//! `verify` against hostile files (issue 14, items 5 and 7): every hostile file is made from a
//! real signed build of ИТЭП, and every run of `verify` is a child process killed after
//! `HANG` — a hang detector, not a speed test. Each case asserts the status and its message.

mod common;
#[path = "common/pki.rs"]
#[allow(dead_code)]
mod pki;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::*;
use pki::*;

/// Longer than any honest run (each takes well under a second); a run past it is a hang.
const HANG: Duration = Duration::from_secs(10);

struct Signed {
    pki: Pki,
    out: tempfile::TempDir,
}

/// One signed build of ИТЭП (regulation and orders signed, a signed manifest).
fn signed() -> &'static Signed {
    static SIGNED: OnceLock<Signed> = OnceLock::new();
    SIGNED.get_or_init(|| {
        let pki = make_pki();
        let out = tempfile::tempdir().unwrap();
        let o = sferum_gen()
            .args(["build", "policies", "--only", "itep", "--out", out.path().to_str().unwrap(), "--sign"])
            .args(["--key", pki.rsa_key.to_str().unwrap(), "--cert", pki.rsa_cert.to_str().unwrap(), "--chain", pki.ca.to_str().unwrap()])
            .current_dir(root())
            .env("SOURCE_DATE_EPOCH", now())
            .output()
            .unwrap();
        assert!(o.status.success(), "signed build failed:\n{}", stderr(&o));
        Signed { pki, out }
    })
}

fn now() -> String {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs().to_string()
}

/// The signed regulation's bytes.
fn regulation() -> Vec<u8> {
    std::fs::read(signed().out.path().join("itep/public/regulation.pdf")).unwrap()
}

/// `sferum-gen verify ARGS --trust CA` in a child process; killed and failed after `HANG`.
/// Returns the exit code and stdout.
fn verify<P: AsRef<std::ffi::OsStr> + std::fmt::Debug>(args: &[P], extra: &[&str]) -> (i32, String) {
    let mut child = sferum_gen()
        .arg("verify")
        .args(args)
        .args(["--trust", signed().pki.ca.to_str().unwrap()])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > HANG {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("`verify {args:?}` hung: killed after {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (mut out, mut err) = (String::new(), String::new());
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(status.code() != Some(2) && !err.contains("panicked"), "`verify {args:?}` failed: {err}");
    (status.code().expect("exited, not killed by a signal"), out)
}

/// The one line of the report about `name`.
fn line_of<'a>(report: &'a str, name: &str) -> &'a str {
    report.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("no line for {name}:\n{report}"))
}

/// Writes `bytes` as `name` in a fresh folder.
fn hostile(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn mkfifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let o = Command::new("mkfifo").arg(path).output().unwrap();
    assert!(o.status.success(), "mkfifo: {}", stderr(&o));
}

/// A copy of the signed ИТЭП output folder.
fn output_copy() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    copy_tree(&signed().out.path().join("itep"), copy.path());
    copy
}

/// The signed file's /ByteRange (byte offsets of its brackets) and its four numbers.
fn byte_range(pdf: &[u8]) -> (usize, usize, [usize; 4]) {
    let start = pdf.windows(11).position(|w| w == b"/ByteRange[").expect("a signed PDF") + "/ByteRange".len();
    let end = start + pdf[start..].iter().position(|&b| b == b']').unwrap() + 1;
    let text = std::str::from_utf8(&pdf[start + 1..end - 1]).unwrap();
    let numbers: Vec<usize> = text.split_whitespace().map(|n| n.parse().unwrap()).collect();
    (start, end, numbers.try_into().unwrap())
}

/// `pdf` with its /ByteRange replaced by `range`, padded to the same length.
fn with_range(pdf: &[u8], range: [usize; 4]) -> Vec<u8> {
    let (start, end, _) = byte_range(pdf);
    let mut text = format!("[{} {} {} {}", range[0], range[1], range[2], range[3]);
    assert!(text.len() < end - start, "the new range must fit");
    while text.len() < end - start - 1 {
        text.push(' ');
    }
    text.push(']');
    let mut out = pdf.to_vec();
    out[start..end].copy_from_slice(text.as_bytes());
    out
}

#[test]
fn a_fifo_listed_in_a_manifest_is_refused_unopened() {
    let copy = output_copy();
    mkfifo(&copy.path().join("public/chat-rules.html"));
    let (code, report) = verify(&[copy.path()], &[]);
    assert_eq!(code, 1, "{report}");
    let manifest = line_of(&report, "MANIFEST.sha256");
    assert!(manifest.starts_with("отклонён") && manifest.contains("public/chat-rules.html — не обычный файл (именованный канал), он не открывался"), "{manifest}");
    // The signed PDFs beside it are still checked, each on its own line.
    assert!(line_of(&report, "regulation.pdf").starts_with("действителен"), "{report}");
}

#[test]
fn a_fifo_in_place_of_a_signed_pdf_or_an_external_signatures_artifact_is_refused() {
    let copy = output_copy();
    let s = signed();
    // An external detached signature of the regulation, then the regulation becomes a FIFO.
    let sig = copy.path().join("public/regulation.pdf.sig");
    openssl(s.pki.dir.path(), &[
        "cms", "-sign", "-binary", "-cades", "-nosmimecap", "-md", "sha256", "-outform", "DER",
        "-in", copy.path().join("public/regulation.pdf").to_str().unwrap(),
        "-signer", s.pki.rsa_cert.to_str().unwrap(), "-inkey", s.pki.rsa_key.to_str().unwrap(), "-out", sig.to_str().unwrap(),
    ]);
    let (code, report) = verify(&[&sig], &[]);
    assert_eq!((code, report.starts_with("действителен")), (0, true), "{report}");
    let pdf = copy.path().join("public/regulation.pdf");
    mkfifo(&pdf);
    let (code, report) = verify(&[&sig], &[]);
    assert_eq!(code, 1);
    assert!(report.starts_with("отклонён") && report.contains("regulation.pdf — не обычный файл (именованный канал)"), "{report}");
    // The FIFO named directly, and a FIFO in place of the signature itself.
    let (code, report) = verify(&[&pdf], &[]);
    assert!(code == 1 && report.starts_with("отклонён") && report.contains("(именованный канал)"), "{report}");
    mkfifo(&sig);
    let (code, report) = verify(&[&sig], &[]);
    assert!(code == 1 && report.starts_with("отклонён") && report.contains("regulation.pdf.sig — не обычный файл"), "{report}");
    // And in English, as JSON.
    let (_, json) = verify(&[&sig], &["--format", "json", "--lang", "en"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["files"][0]["status"], "refused");
    assert!(json["files"][0]["detail"].as_str().unwrap().contains("is not a regular file (a FIFO); it was not opened"), "{json}");
}

/// Signs `manifest` with the test PKI (a CAdES detached signature beside it), so that only its
/// entries are hostile.
fn sign_manifest(dir: &Path) {
    let s = signed();
    openssl(s.pki.dir.path(), &[
        "cms", "-sign", "-binary", "-cades", "-nosmimecap", "-md", "sha256", "-outform", "DER",
        "-in", dir.join("MANIFEST.sha256").to_str().unwrap(),
        "-signer", s.pki.rsa_cert.to_str().unwrap(), "-inkey", s.pki.rsa_key.to_str().unwrap(), "-certfile", s.pki.ca.to_str().unwrap(),
        "-out", dir.join("MANIFEST.sha256.p7s").to_str().unwrap(),
    ]);
}

#[test]
fn manifest_entries_that_leave_the_folder_are_refused_before_reading() {
    let outside = tempfile::tempdir().unwrap();
    // Each target is a FIFO: reading any of them would hang `verify`.
    let fifo = outside.path().join("fifo");
    mkfifo(&fifo);
    let zero = "0".repeat(64);
    for (entry, link) in [
        ("../fifo".to_string(), None),
        ("public/../../fifo".to_string(), None),
        (fifo.display().to_string(), None),
        ("public/link.html".to_string(), Some(fifo.clone())),
        ("public/passwd".to_string(), Some(PathBuf::from("/etc/passwd"))),
    ] {
        // `..` must reach the FIFO: the copy of the output folder lies beside it.
        let beside = outside.path().join("out");
        let _ = std::fs::remove_dir_all(&beside);
        copy_tree(&signed().out.path().join("itep"), &beside);
        if let Some(target) = &link {
            std::os::unix::fs::symlink(target, beside.join(&entry)).unwrap();
        }
        let manifest = beside.join("MANIFEST.sha256");
        let mut text = std::fs::read_to_string(&manifest).unwrap();
        text.push_str(&format!("{zero}  {entry}\n"));
        std::fs::write(&manifest, text).unwrap();
        sign_manifest(&beside);
        let (code, report) = verify(&[&manifest], &[]);
        assert_eq!(code, 1, "{entry}: {report}");
        assert!(
            report.starts_with("отклонён") && report.contains(&format!("{entry} выходит за папку манифеста")) && report.contains("он не читался"),
            "{entry}: {report}"
        );
    }
}

#[test]
fn a_pdf_cut_short_anywhere_is_tampered_never_unsigned() {
    let pdf = regulation();
    let (_, _, [_, b, c, d]) = byte_range(&pdf);
    assert_eq!(c + d, pdf.len());
    let first_eof = pdf.windows(5).position(|w| w == b"%%EOF").unwrap() + 5;
    for (cut, expect) in [
        // Inside the first revision, before any signature dictionary: no /ByteRange is left.
        (pdf.len() / 3, "файл обрезан: он не заканчивается на %%EOF".to_string()),
        (first_eof - 3, "файл обрезан".to_string()),
        // Inside the signature's /Contents, and after it.
        (b + 100, "кончается на байте".to_string()),
        (pdf.len() - 1, format!("кончается на байте {}, а в файле {} Б: файл обрезан", pdf.len(), pdf.len() - 1)),
    ] {
        let (_dir, path) = hostile("cut.pdf", &pdf[..cut]);
        let (code, report) = verify(&[&path], &[]);
        assert_eq!(code, 1, "cut at {cut}: {report}");
        assert!(report.starts_with("изменён") && report.contains(&expect), "cut at {cut}: {report}");
    }
}

#[test]
fn a_byte_range_outside_the_file_or_overlapping_is_tampered() {
    let pdf = regulation();
    let (_, _, [a, b, c, d]) = byte_range(&pdf);
    for (range, expect) in [
        ([a, b, c, d + 1_000_000], format!("кончается на байте {}, а в файле {} Б", c + d + 1_000_000, pdf.len())),
        ([a, b, c, 9_999_999_999], "кончается на байте".to_string()),
        ([a, c, b, d], "перекрываются или идут не по порядку".to_string()),
        ([a, b, b, d], "перекрываются".to_string()),
        ([10, b, c, d], "начинается не с начала файла".to_string()),
        ([a, b - 1, c, d], "не соответствует файлу".to_string()),
    ] {
        let (_dir, path) = hostile("range.pdf", &with_range(&pdf, range));
        let (code, report) = verify(&[&path], &[]);
        assert_eq!(code, 1, "{range:?}: {report}");
        assert!(report.starts_with("изменён") && report.contains(&expect), "{range:?}: {report}");
    }
    // Not four numbers.
    let (start, end, _) = byte_range(&pdf);
    let mut broken = pdf.clone();
    broken[start..end].copy_from_slice(format!("{:<1$}", "[0 x y z]", end - start).as_bytes());
    let (_dir, path) = hostile("range.pdf", &broken);
    let (_, report) = verify(&[&path], &[]);
    assert!(report.starts_with("изменён") && report.contains("/ByteRange повреждён"), "{report}");
}

#[test]
fn a_contents_of_ten_megabytes_is_tampered_without_being_decoded() {
    let pdf = regulation();
    let (_, _, [a, b, c, d]) = byte_range(&pdf);
    let huge = 10 * 1024 * 1024;
    let mut out = pdf[..b + 1].to_vec();
    out.extend(std::iter::repeat_n(b'A', huge));
    out.extend_from_slice(&pdf[c - 1..]);
    let out = with_range(&out, [a, b, b + huge + 2, d]);
    let (_dir, path) = hostile("contents.pdf", &out);
    let (code, report) = verify(&[&path], &[]);
    assert_eq!(code, 1);
    assert!(report.starts_with("изменён") && report.contains(&format!("/Contents занимает {huge} шестнадцатеричных цифр")), "{report}");
}

#[test]
fn a_file_that_is_not_a_pdf_is_refused() {
    for (name, bytes) in [("empty.pdf", &b""[..]), ("text.pdf", b"just text, no header\n"), ("png.pdf", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")] {
        let (_dir, path) = hostile(name, bytes);
        let (code, report) = verify(&[&path], &[]);
        assert_eq!(code, 1, "{name}");
        assert!(report.starts_with("отклонён") && report.contains("это не PDF: в начале файла нет заголовка %PDF-"), "{name}: {report}");
    }
}

/// An incremental update appended to `pdf`: one stream object (`body` under `dict`), a
/// classic xref section and a trailer, as an editor would write it.
fn append_update(pdf: &[u8], dict: &str, body: &[u8]) -> Vec<u8> {
    let mut out = pdf.to_vec();
    let at = out.len();
    out.extend_from_slice(format!("900 0 obj\n<<{dict}/Length {}>>\nstream\n", body.len()).as_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = out.len();
    out.extend_from_slice(format!("xref\n900 1\n{at:010} 00000 n \ntrailer\n<</Size 901>>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

/// zlib data that inflates to 1 GiB of zeros (about 1 MB of it).
fn deflate_bomb() -> Vec<u8> {
    let script = "import sys, zlib\nc = zlib.compressobj(9)\nchunk = bytes(1 << 20)\nout = b''.join(c.compress(chunk) for _ in range(1024)) + c.flush()\nsys.stdout.buffer.write(out)";
    let o = Command::new("python3").args(["-c", script]).output().expect("python3");
    assert!(o.status.success() && o.stdout.len() > 500_000 && o.stdout.len() < 2_000_000, "{}", stderr(&o));
    o.stdout
}

#[test]
fn content_appended_after_signing_is_reported_with_the_signed_revisions_extent() {
    let pdf = regulation();
    let appended = append_update(&pdf, "", b"BT /F1 12 Tf (paid in full) Tj ET");
    let (_dir, path) = hostile("appended.pdf", &appended);
    let (code, report) = verify(&[&path], &[]);
    assert_eq!(code, 1);
    let expect = format!(
        "изменён после подписания: подпись покрывает байты 0–{} из {}, после подписанной редакции дописано байтов: {}",
        pdf.len(),
        appended.len(),
        appended.len() - pdf.len()
    );
    assert!(report.starts_with("изменён") && report.contains(&expect) && report.contains("Суедина Светлана Викторовна"), "{report}");
    // The same in English.
    let (_, report) = verify(&[&path], &["--lang", "en"]);
    assert!(report.contains(&format!("modified after signing: the signature covers bytes 0–{} of {}", pdf.len(), appended.len())), "{report}");
}

#[test]
fn a_deflate_bomb_is_never_inflated() {
    let pdf = regulation();
    let bomb = deflate_bomb();
    // Appended after the signed revision: reported as such, its extent exact.
    let appended = append_update(&pdf, "/Filter/FlateDecode", &bomb);
    let (_dir, path) = hostile("bomb.pdf", &appended);
    let (code, report) = verify(&[&path], &[]);
    assert_eq!(code, 1);
    assert!(report.starts_with("изменён") && report.contains(&format!("подпись покрывает байты 0–{} из {}", pdf.len(), appended.len())), "{report}");
    // In a PDF without a signature: unsigned, read once.
    let (head, _) = pdf.split_at(pdf.windows(5).position(|w| w == b"%%EOF").unwrap() + 6);
    let unsigned = append_update(head, "/Filter/FlateDecode", &bomb);
    let (_dir, path) = hostile("bomb-unsigned.pdf", &unsigned);
    let (code, report) = verify(&[&path], &[]);
    assert!(code == 1 && report.starts_with("не подписан") && report.contains("подписи нет"), "{report}");
}
