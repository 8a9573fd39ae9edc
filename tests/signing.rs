//! Signing (issue 6) end to end: `build --sign` with a test PKI made at run time, checked by
//! independent verifiers (pdfsig with an NSS database, pyHanko, openssl cms, sha256sum) and by
//! `sferum-gen verify`; tampering, refusals, reproducibility, PDF/A after signing, the mark.

mod common;
#[path = "common/pki.rs"]
mod pki;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::*;
use pki::*;

const EXAMPLES: [&str; 3] = ["bpt", "itep", "school-max"];
/// The PDFs signed by default: the regulation and the two orders.
const SIGNED: [&str; 3] = ["public/regulation.pdf", "restricted/order-platform.pdf", "restricted/order-admin.pdf"];

/// The signing time of every test build: now, fixed once per test run (the certificates are
/// valid from now for a year).
fn epoch() -> String {
    static EPOCH: OnceLock<String> = OnceLock::new();
    EPOCH.get_or_init(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs().to_string()).clone()
}

/// Runs `sferum-gen` with SOURCE_DATE_EPOCH set and extra environment variables.
fn run_signed(args: &[&str], env: &[(&str, &str)]) -> Output {
    sferum_gen()
        .args(args)
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", epoch())
        .envs(env.iter().copied())
        .output()
        .expect("the binary runs")
}

/// The shared test PKI and one RSA-signed build of every example.
struct Signed {
    pki: Pki,
    out: tempfile::TempDir,
    stderr: String,
}

fn signed() -> &'static Signed {
    static SIGNED_BUILD: OnceLock<Signed> = OnceLock::new();
    SIGNED_BUILD.get_or_init(|| {
        let pki = make_pki();
        let out = tempfile::tempdir().unwrap();
        let o = build_signed(&pki, &pki.rsa_key, &pki.rsa_cert, out.path(), &[]);
        assert!(o.status.success(), "signed build failed:\n{}", stderr(&o));
        Signed { pki, out, stderr: stderr(&o) }
    })
}

fn build_signed(pki: &Pki, key: &Path, cert: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "policies", "--out", out.to_str().unwrap(), "--sign", "--key", key.to_str().unwrap(), "--cert", cert.to_str().unwrap()];
    args.extend(["--chain", pki.ca.to_str().unwrap()]);
    args.extend(extra);
    run_signed(&args, &[])
}

fn pdfsig(pdf: &Path, nss: &Path) -> String {
    let o = Command::new("pdfsig").args(["-nssdir", &format!("sql:{}", nss.display()), pdf.to_str().unwrap()]).output().expect("pdfsig (poppler-utils)");
    // pdfsig exits 0 for valid and tampered files alike: only its text tells.
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

fn pyhanko(pdf: &Path, ca: &Path) -> (bool, String) {
    let o = Command::new("pyhanko")
        .args(["sign", "validate", "--pretty-print", "--no-revocation-check", "--trust", ca.to_str().unwrap(), "--trust-replace", pdf.to_str().unwrap()])
        .output()
        .expect("`pyhanko` must be installed (pip install pyhanko-cli)");
    (o.status.success(), String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr))
}

fn verify(args: &[&str]) -> Output {
    run_signed(&[&["verify"][..], args].concat(), &[])
}

/// Checks one signed PDF with pdfsig and pyHanko.
fn assert_independently_valid(pdf: &Path, pki: &Pki, nss: &Path) {
    let text = pdfsig(pdf, nss);
    assert_has(&text, &["Signature is Valid.", "Certificate is Trusted.", "Total document signed", "ETSI.CAdES.detached"], &format!("pdfsig of {}", pdf.display()));
    let (ok, text) = pyhanko(pdf, &pki.ca);
    assert!(ok, "pyHanko rejects {}:\n{text}", pdf.display());
    assert_has(&text, &["The signature is judged VALID", "The signature is cryptographically sound", "covers the entire file"], &format!("pyHanko on {}", pdf.display()));
}

#[test]
fn pdfsig_and_pyhanko_accept_every_signed_pdf_of_every_example() {
    let s = signed();
    let nss = trusted_db(s);
    for id in EXAMPLES {
        for file in SIGNED {
            assert_independently_valid(&s.out.path().join(id).join(file), &s.pki, &nss);
        }
        // The chat rules are not an official act: not signed, covered by the manifest.
        assert!(pdfsig(&s.out.path().join(id).join("public/chat-rules.pdf"), &nss).contains("does not contain any signatures"));
    }
}

#[test]
fn the_sites_copies_are_the_signed_public_files() {
    let s = signed();
    for id in EXAMPLES {
        // The regulation is signed in `public/`, so its copy on the site must be signed too.
        let regulation = std::fs::read(s.out.path().join(id).join("public/regulation.pdf")).unwrap();
        assert!(regulation.windows(10).any(|w| w == b"/ByteRange"), "{id}: the public regulation is signed");
        assert_site_copies_are_the_public_files(s.out.path(), id);
    }
}

#[test]
fn ecdsa_p256_signatures_are_accepted() {
    let s = signed();
    let nss = trusted_db(s);
    let out = tempfile::tempdir().unwrap();
    let o = build_signed(&s.pki, &s.pki.ec_key, &s.pki.ec_cert, out.path(), &["--only", "itep"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for file in SIGNED {
        let pdf = out.path().join("itep").join(file);
        assert_independently_valid(&pdf, &s.pki, &nss);
        // pdfsig names the signer's certificate: the ECDSA one (serial …0002).
        assert!(pdfsig(&pdf, &nss).contains("Суедина Светлана Викторовна"));
    }
    let v = verify(&[out.path().to_str().unwrap(), "--trust", s.pki.ca.to_str().unwrap()]);
    assert!(v.status.success(), "{}{}", stdout(&v), stderr(&v));
    assert!(stdout(&v).lines().filter(|l| l.starts_with("действителен") && l.contains("сертификат 5A17C0DE0002")).count() >= 4, "{}", stdout(&v));
}

#[test]
fn sferum_gen_verify_accepts_the_signed_output_and_reports_each_file() {
    let s = signed();
    let ca = s.pki.ca.to_str().unwrap();
    let v = verify(&[s.out.path().to_str().unwrap(), "--trust", ca]);
    let text = stdout(&v);
    assert!(v.status.success(), "{text}{}", stderr(&v));
    for id in EXAMPLES {
        for file in SIGNED {
            let line = text.lines().find(|l| l.contains(&format!("{id}/{file}"))).unwrap_or_else(|| panic!("no line for {id}/{file}:\n{text}"));
            assert!(line.starts_with("действителен") && line.contains("покрыт весь файл") && line.contains("Суедина Светлана Викторовна"), "{line}");
        }
        let manifest = text.lines().find(|l| l.contains(&format!("{id}/MANIFEST.sha256"))).expect("a manifest line");
        assert!(manifest.starts_with("действителен"), "{manifest}");
    }
    // JSON, and without a trust anchor every signature is untrusted (exit 1).
    let json = verify(&[s.out.path().join("itep").to_str().unwrap(), "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON report");
    let regulation = report["files"].as_array().unwrap().iter().find(|f| f["path"].as_str().unwrap().ends_with("public/regulation.pdf")).unwrap();
    assert_eq!(regulation["status"], "untrusted");
    assert!(regulation["detail"].as_str().unwrap().contains("--trust"), "{regulation}");
}

/// Flips one byte at `at` of a copy of `file` under a fresh copy of the output `dir`.
fn tampered_copy(dir: &Path, relative: &str, at: impl Fn(&[u8]) -> usize) -> (tempfile::TempDir, PathBuf) {
    let copy = tempfile::tempdir().unwrap();
    copy_tree(dir, copy.path());
    let path = copy.path().join(relative);
    let mut bytes = std::fs::read(&path).unwrap();
    let i = at(&bytes);
    bytes[i] ^= 0x01;
    std::fs::write(&path, bytes).unwrap();
    (copy, path)
}

#[test]
fn one_flipped_byte_is_caught_by_pdfsig_pyhanko_and_verify() {
    let s = signed();
    let nss = trusted_db(s);
    let ca = s.pki.ca.to_str().unwrap();
    for id in EXAMPLES {
        for file in SIGNED {
            // A byte in the middle of the first revision, well inside the signed range.
            let (copy, pdf) = tampered_copy(&s.out.path().join(id), file, |b| b.len() / 3);
            assert!(pdfsig(&pdf, &nss).contains("Digest Mismatch"), "pdfsig misses the flip in {id}/{file}");
            let (ok, text) = pyhanko(&pdf, &s.pki.ca);
            assert!(!ok && text.contains("INVALID"), "pyHanko misses the flip in {id}/{file}:\n{text}");
            let v = verify(&[copy.path().to_str().unwrap(), "--trust", ca]);
            assert_eq!(v.status.code(), Some(1), "{}", stdout(&v));
            let line = stdout(&v).lines().find(|l| l.contains(file)).map(str::to_string).unwrap_or_default();
            assert!(line.starts_with("изменён"), "verify must name {file} as tampered:\n{}", stdout(&v));
        }
    }
    // One byte of a file listed in the manifest (not a signed PDF).
    let (copy, _) = tampered_copy(&s.out.path().join("itep"), "public/chat-rules.html", |b| b.len() / 2);
    let v = verify(&[copy.path().to_str().unwrap(), "--trust", ca]);
    assert_eq!(v.status.code(), Some(1));
    assert!(stdout(&v).lines().any(|l| l.starts_with("изменён") && l.contains("MANIFEST.sha256") && l.contains("public/chat-rules.html изменён")), "{}", stdout(&v));
    let sums = Command::new("sha256sum").args(["-c", "--quiet", "MANIFEST.sha256"]).current_dir(copy.path()).output().unwrap();
    assert!(!sums.status.success() && stdout(&sums).contains("public/chat-rules.html: FAILED"), "{}", stdout(&sums));
}

/// The bytes of the first revision: everything up to the first `%%EOF` (Typst ends its file there).
fn first_revision(signed: &[u8]) -> &[u8] {
    let eof = signed.windows(5).position(|w| w == b"%%EOF").expect("a PDF ends with %%EOF");
    &signed[..eof + 5]
}

#[test]
fn signing_keeps_pdfa_fonts_and_structure_and_appends_only() {
    let s = signed();
    let identity = sferum_gen::sign::Identity::load(&sferum_gen::sign::IdentityFiles {
        key: s.pki.rsa_key.clone(),
        cert: s.pki.rsa_cert.clone(),
        chain: vec![s.pki.ca.clone()],
        ..Default::default()
    })
    .expect("the test identity loads");
    let time: i64 = epoch().parse().unwrap();
    for id in EXAMPLES {
        for file in SIGNED {
            let path = s.out.path().join(id).join(file);
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.contains("<pdfaid:part>2</pdfaid:part>") && text.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "{id}/{file}: no PDF/A-2b XMP");
            let fonts = tool_output("pdffonts", &[path.to_str().unwrap()]);
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(!rows.is_empty() && rows.iter().all(|r| r.split_whitespace().rev().nth(4) == Some("yes")), "{id}/{file}: a font is not embedded:\n{fonts}");
            let qpdf = Command::new("qpdf").args(["--check", path.to_str().unwrap()]).output().unwrap();
            assert!(qpdf.status.success() && stdout(&qpdf).contains("No syntax or stream encoding errors"), "{id}/{file}: {}", stdout(&qpdf));
            // The unsigned, rendered-with-mark file is the first revision; signing it again gives
            // exactly the published file, so the unsigned bytes are an exact prefix of it.
            let unsigned = first_revision(&bytes);
            assert!(unsigned.len() < bytes.len() && !String::from_utf8_lossy(unsigned).contains("/ByteRange"), "{id}/{file}");
            let again = sferum_gen::sign::pades::sign_pdf(unsigned, &identity, time).expect("signs");
            assert!(again.starts_with(unsigned));
            assert!(again == bytes, "{id}/{file}: signing the unsigned revision again differs from the built file");
        }
    }
}

#[test]
fn the_mark_shows_the_certificate_serial_owner_and_validity() {
    let s = signed();
    let dates = |flag: &str| {
        let o = tool_output("openssl", &["x509", "-noout", flag, "-dateopt", "iso_8601", "-in", s.pki.rsa_cert.to_str().unwrap()]);
        let iso = o.split('=').nth(1).unwrap().trim()[..10].to_string();
        format!("{}.{}.{}", &iso[8..10], &iso[5..7], &iso[..4])
    };
    let (from, to) = (dates("-startdate"), dates("-enddate"));
    for id in EXAMPLES {
        for file in SIGNED {
            let text = fold(&pdf_text(&s.out.path().join(id).join(file)));
            assert_has(
                &text,
                &["ДОКУМЕНТ ПОДПИСАН", "ЭЛЕКТРОННОЙ ПОДПИСЬЮ", "Сертификат: 5A17C0DE0001", "Владелец: Суедина Светлана Викторовна", &format!("Действителен с {from} по {to}")],
                &format!("{id}/{file}"),
            );
        }
        // An unsigned document has no mark.
        assert!(!pdf_text(&s.out.path().join(id).join("public/chat-rules.pdf")).contains("ПОДПИСАН"));
    }
    // The regulation gets a signature requisite for the mark: the head's post and name.
    assert_has(&fold(&pdf_text(&s.out.path().join("itep/public/regulation.pdf"))), &["Директор ЧПОУ «ИТЭП»", "С.В. Суедина"], "ИТЭП regulation");
    // A regulation the head approved with УТВЕРЖДАЮ shows the mark once, in that requisite, where
    // the head's handwritten signature would stand: above the head's name, before the title.
    let text = fold(&pdf_text(&s.out.path().join("school-max/public/regulation.pdf")));
    assert_eq!(text.matches("ДОКУМЕНТ ПОДПИСАН").count(), 1, "{text}");
    let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("`{needle}` is missing:\n{text}"));
    assert!(at("УТВЕРЖДАЮ") < at("ДОКУМЕНТ ПОДПИСАН"), "{text}");
    assert!(at("ДОКУМЕНТ ПОДПИСАН") < at("М.О. Петренко") && at("М.О. Петренко") < at("ПОЛОЖЕНИЕ"), "{text}");
    assert!(!text.contains("________________ М.О. Петренко"), "the signature line gives way to the mark");
}

#[test]
fn manifest_passes_sha256sum_and_openssl_cms() {
    let s = signed();
    for id in EXAMPLES {
        let dir = s.out.path().join(id);
        let manifest = std::fs::read_to_string(dir.join("MANIFEST.sha256")).unwrap();
        let listed: Vec<&str> = manifest.lines().map(|l| l.split_once("  ").unwrap().1).collect();
        let on_disk: Vec<String> = hashes(&dir).into_keys().filter(|k| !k.starts_with("MANIFEST.sha256")).collect();
        assert_eq!(listed, on_disk, "{id}: the manifest lists every artifact");
        let sums = Command::new("sha256sum").args(["-c", "MANIFEST.sha256"]).current_dir(&dir).output().unwrap();
        assert!(sums.status.success(), "{id}: {}", stdout(&sums));
        assert!(stdout(&sums).contains("public/regulation.pdf: OK"));
        let cms = Command::new("openssl")
            .args(["cms", "-verify", "-binary", "-inform", "DER", "-in", "MANIFEST.sha256.p7s", "-content", "MANIFEST.sha256"])
            .args(["-CAfile", s.pki.ca.to_str().unwrap(), "-purpose", "any", "-out", "/dev/null"])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(cms.status.success() && stderr(&cms).contains("CMS Verification successful"), "{id}: {}", stderr(&cms));
    }
}

#[test]
fn two_signed_builds_are_byte_identical() {
    let s = signed();
    let out = tempfile::tempdir().unwrap();
    let o = build_signed(&s.pki, &s.pki.rsa_key, &s.pki.rsa_cert, out.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (a, b) = (hashes(s.out.path()), hashes(out.path()));
    assert_eq!(a.len(), b.len());
    for (file, digest) in &a {
        assert_eq!(Some(digest), b.get(file), "{file} differs between two signed builds");
    }
}

#[test]
fn the_certificate_owner_is_compared_with_the_signer_in_the_data() {
    let s = signed();
    // The test certificate belongs to ИТЭП's head; the other examples' heads get a warning.
    assert!(s.stderr.contains("certificate-owner-mismatch"), "{}", s.stderr);
    assert!(s.stderr.contains("`school-max`: сертификат принадлежит «Суедина Светлана Викторовна», а документы подписывает «Петренко Марина Олеговна»"), "{}", s.stderr);
    // БПТ's head has a placeholder name: it is never printed, and the comparison is skipped with a warning.
    assert!(s.stderr.contains("`bpt`: вместо имени подписанта (директор) в roles.yaml стоит заполнитель"), "{}", s.stderr);
    assert!(!s.stderr.contains("Директоров"), "{}", s.stderr);
    assert!(!s.stderr.contains("`itep`: сертификат принадлежит"), "{}", s.stderr);
}

/// A refused signing attempt: exit 1, the code and a hint on stderr, out/ untouched.
fn assert_refused(args: &[&str], env: &[(&str, &str)], code: &str, hint: &str) {
    let out = tempfile::tempdir().unwrap();
    let o = run_signed(&["build", "policies", "--only", "itep", "--out", out.path().to_str().unwrap()], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = hashes(out.path());
    let mut all = vec!["build", "policies", "--only", "itep", "--out", out.path().to_str().unwrap(), "--sign"];
    all.extend(args);
    let o = run_signed(&all, env);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{code}: {err}");
    assert_has(&err, &[code, "подсказка:", hint, "ничего не записано"], code);
    assert_eq!(hashes(out.path()), before, "{code}: out/ changed");
}

#[test]
fn a_key_inside_the_repository_is_refused() {
    let s = signed();
    let inside = tempfile::tempdir_in(root()).unwrap();
    let key = inside.path().join("head.key");
    std::fs::copy(&s.pki.rsa_key, &key).unwrap();
    assert_refused(&["--key", key.to_str().unwrap(), "--cert", s.pki.rsa_cert.to_str().unwrap()], &[], "signing-key-in-repository", "храните закрытые ключи вне проекта");
}

#[test]
fn a_wrong_password_is_refused() {
    let s = signed();
    let encrypted = s.pki.path("encrypted.key");
    openssl(s.pki.dir.path(), &["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", s.pki.rsa_key.to_str().unwrap(), "-passout", "pass:right", "-out", encrypted.to_str().unwrap()]);
    let args = ["--key", encrypted.to_str().unwrap(), "--cert", s.pki.rsa_cert.to_str().unwrap(), "--password-env", "HEAD_KEY_PASSWORD"];
    assert_refused(&args, &[("HEAD_KEY_PASSWORD", "wrong")], "signing-key-wrong-password", "из командной строки пароль не принимается");
    // The right password signs.
    let out = tempfile::tempdir().unwrap();
    let mut all = vec!["build", "policies", "--only", "itep", "--out", out.path().to_str().unwrap(), "--sign"];
    all.extend(args);
    let o = run_signed(&all, &[("HEAD_KEY_PASSWORD", "right")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pdfsig(&out.path().join("itep/public/regulation.pdf"), &trusted_db(s)).contains("Signature is Valid."));
}

fn trusted_db(s: &Signed) -> PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| pki::nss_db(&s.pki)).clone()
}

#[test]
fn a_certificate_of_another_key_is_refused() {
    let s = signed();
    assert_refused(&["--key", s.pki.rsa_key.to_str().unwrap(), "--cert", s.pki.ec_cert.to_str().unwrap()], &[], "certificate-key-mismatch", "открытый ключ должен совпадать");
}

#[test]
fn an_expired_certificate_is_refused_unless_allowed() {
    let s = signed();
    // A certificate valid for one day, used for a signature dated two days later.
    let (key, cert) = s.pki.issue("expired", "rsa", 1, "0x5A17C0DE00EE");
    let later = (epoch().parse::<i64>().unwrap() + 2 * 86_400).to_string();
    let args = ["--key", key.to_str().unwrap(), "--cert", cert.to_str().unwrap()];
    assert_refused(&args, &[("SOURCE_DATE_EPOCH", &later)], "certificate-expired", "--allow-expired");
    let out = tempfile::tempdir().unwrap();
    let mut all = vec!["build", "policies", "--only", "itep", "--out", out.path().to_str().unwrap(), "--sign", "--allow-expired"];
    all.extend(args);
    let o = run_signed(&all, &[("SOURCE_DATE_EPOCH", &later)]);
    assert!(o.status.success(), "--allow-expired signs anyway: {}", stderr(&o));
    // verify does not call such a signature valid.
    let v = verify(&[out.path().join("itep/public/regulation.pdf").to_str().unwrap(), "--trust", s.pki.ca.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(1));
    assert!(stdout(&v).starts_with("нет доверия") && stdout(&v).contains("не действовал на момент подписания"), "{}", stdout(&v));
}

#[test]
fn external_detached_signatures_are_copied_beside_their_artifacts_and_checked() {
    let s = signed();
    let src = tempfile::tempdir().unwrap();
    for dir in ["_registry", "itep"] {
        copy_tree(&root().join("policies").join(dir), &src.path().join(dir));
    }
    let build = |out: &Path| {
        let o = run_signed(&["build", src.path().to_str().unwrap(), "--out", out.to_str().unwrap()], &[]);
        assert!(o.status.success(), "{}", stderr(&o));
    };
    let first = tempfile::tempdir().unwrap();
    build(first.path());
    // The school signs the built files in its own software: a CAdES .sig with RSA/SHA-256, and
    // a GOST R 34.10-2012 one (OpenSSL's GOST engine stands in for certified software).
    let signatures = src.path().join("itep/signatures");
    std::fs::create_dir_all(signatures.join("public")).unwrap();
    std::fs::create_dir_all(signatures.join("restricted")).unwrap();
    let regulation_sig = signatures.join("public/regulation.pdf.sig");
    openssl(s.pki.dir.path(), &[
        "cms", "-sign", "-binary", "-cades", "-nosmimecap", "-md", "sha256", "-outform", "DER",
        "-in", first.path().join("itep/public/regulation.pdf").to_str().unwrap(),
        "-signer", s.pki.rsa_cert.to_str().unwrap(), "-inkey", s.pki.rsa_key.to_str().unwrap(), "-certfile", s.pki.ca.to_str().unwrap(),
        "-out", regulation_sig.to_str().unwrap(),
    ]);
    let gost_key = s.pki.path("gost.key");
    let gost_cert = s.pki.path("gost.pem");
    openssl(s.pki.dir.path(), &["genpkey", "-engine", "gost", "-algorithm", "gost2012_256", "-pkeyopt", "paramset:A", "-out", gost_key.to_str().unwrap()]);
    openssl(s.pki.dir.path(), &["req", "-engine", "gost", "-new", "-x509", "-utf8", "-key", gost_key.to_str().unwrap(), "-subj", "/CN=Суедина Светлана Викторовна", "-md_gost12_256", "-out", gost_cert.to_str().unwrap()]);
    openssl(s.pki.dir.path(), &[
        "cms", "-engine", "gost", "-sign", "-binary", "-nosmimecap", "-md", "md_gost12_256", "-outform", "DER",
        "-in", first.path().join("itep/restricted/order-platform.pdf").to_str().unwrap(),
        "-signer", gost_cert.to_str().unwrap(), "-inkey", gost_key.to_str().unwrap(),
        "-out", signatures.join("restricted/order-platform.pdf.sig").to_str().unwrap(),
    ]);
    // The next build copies them beside the artifacts they sign; the artifacts are unchanged.
    let second = tempfile::tempdir().unwrap();
    build(second.path());
    let copied = second.path().join("itep/public/regulation.pdf.sig");
    assert_eq!(std::fs::read(&copied).unwrap(), std::fs::read(&regulation_sig).unwrap());
    let gost_copy = second.path().join("itep/restricted/order-platform.pdf.sig");
    let ca = s.pki.ca.to_str().unwrap();
    let v = verify(&[copied.to_str().unwrap(), gost_copy.to_str().unwrap(), "--trust", ca]);
    let text = stdout(&v);
    assert!(v.status.success(), "{text}");
    assert!(text.lines().any(|l| l.starts_with("действителен") && l.contains("regulation.pdf.sig: отсоединённая подпись соответствует")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("действителен") && l.contains("order-platform.pdf.sig: хеш ГОСТ Р 34.11-2012 совпадает")), "{text}");
    // Once an artifact changes, its external signature no longer matches.
    for (artifact, sig) in [("itep/public/regulation.pdf", &copied), ("itep/restricted/order-platform.pdf", &gost_copy)] {
        let path = second.path().join(artifact);
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x01;
        std::fs::write(&path, bytes).unwrap();
        let v = verify(&[sig.to_str().unwrap(), "--trust", ca]);
        assert_eq!(v.status.code(), Some(1));
        assert!(stdout(&v).starts_with("изменён") && stdout(&v).contains("изменён после подписания"), "{}", stdout(&v));
    }
}

#[test]
fn a_pkcs12_file_signs_and_its_wrong_password_is_refused() {
    let s = signed();
    // OpenSSL 3 exports with PBES2 (AES-256-CBC, PBKDF2) and a SHA-256 MAC: a modern PKCS#12.
    let p12 = s.pki.path("head.p12");
    openssl(s.pki.dir.path(), &[
        "pkcs12", "-export", "-inkey", s.pki.ec_key.to_str().unwrap(), "-in", s.pki.ec_cert.to_str().unwrap(),
        "-certfile", s.pki.ca.to_str().unwrap(), "-passout", "pass:right", "-out", p12.to_str().unwrap(),
    ]);
    let args = ["--p12", p12.to_str().unwrap(), "--password-env", "HEAD_P12_PASSWORD"];
    assert_refused(&args, &[("HEAD_P12_PASSWORD", "wrong")], "signing-key-wrong-password", "из командной строки пароль не принимается");
    let out = tempfile::tempdir().unwrap();
    let mut all = vec!["sign", "policies", "--only", "itep", "--out", out.path().to_str().unwrap()];
    all.extend(args);
    let o = run_signed(&all, &[("HEAD_P12_PASSWORD", "right")]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The chain came from the PKCS#12 file: pdfsig trusts it through the test CA.
    assert_independently_valid(&out.path().join("itep/public/regulation.pdf"), &s.pki, &trusted_db(s));
    assert!(fold(&pdf_text(&out.path().join("itep/public/regulation.pdf"))).contains("Сертификат: 5A17C0DE0002"));
}

#[test]
fn a_one_visibility_signed_build_signs_a_manifest_of_that_folder() {
    let s = signed();
    let out = tempfile::tempdir().unwrap();
    let o = build_signed(&s.pki, &s.pki.rsa_key, &s.pki.rsa_cert, out.path(), &["--only", "itep", "--public"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let public = out.path().join("itep/public");
    let manifest = std::fs::read_to_string(public.join("MANIFEST.sha256")).unwrap();
    assert!(manifest.contains("  regulation.pdf\n") && !manifest.contains("restricted"), "{manifest}");
    assert!(!out.path().join("itep/restricted").exists());
    let sums = Command::new("sha256sum").args(["-c", "MANIFEST.sha256"]).current_dir(&public).output().unwrap();
    assert!(sums.status.success(), "{}", stdout(&sums));
    let v = verify(&[out.path().to_str().unwrap(), "--trust", s.pki.ca.to_str().unwrap()]);
    assert!(v.status.success(), "{}", stdout(&v));
}

#[test]
fn the_password_can_come_from_standard_input() {
    use std::io::Write;
    let s = signed();
    let encrypted = s.pki.path("stdin.key");
    openssl(s.pki.dir.path(), &["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", s.pki.rsa_key.to_str().unwrap(), "-passout", "pass:from stdin", "-out", encrypted.to_str().unwrap()]);
    let out = tempfile::tempdir().unwrap();
    let mut child = sferum_gen()
        .args(["build", "policies", "--only", "itep", "--out", out.path().to_str().unwrap(), "--sign", "--password-stdin"])
        .args(["--key", encrypted.to_str().unwrap(), "--cert", s.pki.rsa_cert.to_str().unwrap(), "--chain", s.pki.ca.to_str().unwrap()])
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", epoch())
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"from stdin\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pdfsig(&out.path().join("itep/restricted/order-admin.pdf"), &trusted_db(s)).contains("Signature is Valid."));
}

#[test]
fn a_signer_certificate_cannot_vouch_for_another_key() {
    let s = signed();
    // A key whose certificate the RSA signer issued with its own key: the signer is no CA.
    let (key, csr, cert) = (s.pki.path("rogue.key"), s.pki.path("rogue.csr"), s.pki.path("rogue.pem"));
    let dir = s.pki.dir.path();
    openssl(dir, &["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.to_str().unwrap()]);
    openssl(dir, &["req", "-new", "-utf8", "-key", key.to_str().unwrap(), "-subj", "/CN=Суедина Светлана Викторовна", "-out", csr.to_str().unwrap()]);
    openssl(
        dir,
        &[
            "x509", "-req", "-in", csr.to_str().unwrap(), "-CA", s.pki.rsa_cert.to_str().unwrap(), "-CAkey", s.pki.rsa_key.to_str().unwrap(),
            "-set_serial", "0x5A17C0DE00BAD", "-days", "30", "-sha256", "-out", cert.to_str().unwrap(),
        ],
    );
    let out = tempfile::tempdir().unwrap();
    // Signed a minute from now: the certificate was issued after the shared epoch of the run.
    let later = (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 60).to_string();
    let o = run_signed(
        &["build", "policies", "--only", "itep", "--out", out.path().to_str().unwrap(), "--sign", "--key", key.to_str().unwrap(), "--cert", cert.to_str().unwrap()]
            .into_iter()
            .chain(["--chain", s.pki.rsa_cert.to_str().unwrap(), "--chain", s.pki.ca.to_str().unwrap()])
            .collect::<Vec<_>>(),
        &[("SOURCE_DATE_EPOCH", &later)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v = verify(&[out.path().join("itep/public/regulation.pdf").to_str().unwrap(), "--trust", s.pki.ca.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(1), "{}", stdout(&v));
    assert!(stdout(&v).starts_with("нет доверия") && stdout(&v).contains("не является сертификатом удостоверяющего центра"), "{}", stdout(&v));
}
