//! Mistakes a beginner makes that are not a fixture's file-and-line (issue 12, item 3): a
//! number with a leading zero keeps its text, and a signing key encrypted with an old cipher
//! is named with the command that converts it (which then works).

mod common;

use std::process::Command;

use common::*;

#[test]
fn a_number_with_a_leading_zero_keeps_its_text() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&root().join("tests/fixtures/valid"), tmp.path());
    let orders = tmp.path().join("demo/appointments.yaml");
    let text = std::fs::read_to_string(&orders).unwrap();
    assert!(text.contains("    number: 10\n"), "the fixture changed: update this test");
    std::fs::write(&orders, text.replacen("    number: 10\n", "    number: 031\n", 1)).unwrap();
    let out = tmp.path().join("out");
    let o = run(&["build", tmp.path().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let printed: String = ["order-admin", "order-platform"].iter().map(|d| fold(&pdf_text(&out.join(format!("demo/restricted/{d}.pdf"))))).collect();
    assert!(printed.contains("№ 031"), "the order's number as written:\n{printed}");
    assert!(!printed.contains("№ 31 ") && !printed.contains("№ 31\n"), "the leading zero was dropped:\n{printed}");
}

#[test]
fn a_key_encrypted_with_3des_is_named_with_the_command_that_converts_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let openssl = |args: &[&str]| {
        let o = Command::new("openssl").args(args).current_dir(dir).output().expect("openssl runs");
        assert!(o.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    };
    openssl(&["genrsa", "-out", "plain.pem", "2048"]);
    // As `openssl req` and older `openssl pkcs8` do by default.
    openssl(&["pkcs8", "-topk8", "-v2", "des3", "-in", "plain.pem", "-out", "old.pem", "-passout", "pass:secret"]);
    openssl(&["req", "-new", "-x509", "-key", "plain.pem", "-out", "cert.pem", "-days", "30", "-subj", "/CN=Test"]);
    let build = |key: &str| {
        sferum_gen()
            .args(["build", root().join("tests/fixtures/valid").to_str().unwrap(), "--out", dir.join("out").to_str().unwrap(), "--sign"])
            .args(["--key", dir.join(key).to_str().unwrap(), "--cert", dir.join("cert.pem").to_str().unwrap(), "--password-env", "KEY_PASSWORD"])
            .env("KEY_PASSWORD", "secret")
            .env("SFERUM_GEN_TODAY", TODAY)
            .output()
            .unwrap()
    };
    let o = build("old.pem");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("signing-key-old-cipher") && err.contains("3DES"), "{err}");
    let command = "openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY.pem -out KEY-aes.pem";
    assert!(err.contains(command), "{err}");
    // The command the hint gives converts the key, and the converted key signs.
    openssl(&["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "old.pem", "-passin", "pass:secret", "-out", "new.pem", "-passout", "pass:secret"]);
    let o = build("new.pem");
    assert!(o.status.success(), "{}", stderr(&o));
}
