//! The registration e-mail parsed back (mail-parser): every .eml of the examples has exactly
//! the expected headers with the data's values, and hostile display text stays inside the
//! encoded display name — it never becomes a header or an address of its own.

mod common;

use std::path::Path;

use common::*;
use mail_parser::{MessageParser, MimeHeaders};

/// The header names every registration e-mail has, in order, and no other.
const HEADERS: [&str; 7] = ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"];

struct Parsed {
    names: Vec<String>,
    from_name: String,
    from_address: String,
    to: Vec<String>,
    subject: String,
    message_id: String,
    attachment: Option<String>,
}

fn parse(path: &Path) -> Parsed {
    let bytes = std::fs::read(path).unwrap();
    let m = MessageParser::default().parse(&bytes).unwrap_or_else(|| panic!("{} does not parse", path.display()));
    let from = m.from().and_then(|a| a.first()).expect("a From address");
    Parsed {
        names: m.headers().iter().map(|h| h.name().to_string()).collect(),
        from_name: from.name().unwrap_or_default().to_string(),
        from_address: from.address().unwrap_or_default().to_string(),
        to: m.to().map(|a| a.iter().filter_map(|x| x.address()).map(str::to_string).collect()).unwrap_or_default(),
        subject: m.subject().unwrap_or_default().to_string(),
        message_id: m.message_id().unwrap_or_default().to_string(),
        attachment: m.attachments().next().and_then(|a| a.attachment_name()).map(str::to_string),
    }
}

#[test]
fn every_example_email_has_exactly_the_expected_headers() {
    let out = build_examples();
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("policies")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.join("institution.yaml").is_file()) {
        let id = entry.file_name().unwrap().to_string_lossy().to_string();
        let eml = out.path().join(&id).join("restricted/registration-request.eml");
        let p = parse(&eml);
        assert_eq!(p.names, HEADERS, "{id}: headers");
        let roles = std::fs::read_to_string(entry.join("roles.yaml")).unwrap();
        assert!(roles.contains(&format!("email: {}", p.from_address)), "{id}: From <{}> is not an address of roles.yaml", p.from_address);
        // «Ершова Т.И.»: a surname from roles.yaml and initials.
        let surname = p.from_name.split(' ').next().unwrap();
        assert!(roles.contains(&format!("surname: {surname}")) && p.from_name.ends_with('.'), "{id}: From name {:?}", p.from_name);
        assert_eq!(p.to, ["info@sferum.ru"], "{id}: To");
        assert!(p.subject.starts_with("СФЕРУМ:"), "{id}: Subject {:?}", p.subject);
        let domain = p.from_address.rsplit_once('@').unwrap().1;
        assert!(p.message_id.starts_with(&format!("registration.{id}.")) && p.message_id.ends_with(&format!("@{domain}")), "{id}: Message-ID {}", p.message_id);
        assert!(p.attachment.as_deref().is_some_and(|a| a.ends_with(".pdf")), "{id}: attachment {:?}", p.attachment);
        seen += 1;
    }
    assert_eq!(seen, 7, "every example institution has its e-mail");
}

#[test]
fn hostile_display_text_stays_in_the_display_name() {
    let hostile = r#"Петров, "Bcc: victim@example.invalid" <evil@example.invalid>; =?utf-8?q?x?="#;
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("tests/fixtures/valid"), &policies);
    let roles = policies.join("demo/roles.yaml");
    let text = std::fs::read_to_string(&roles).unwrap().replacen("surname: Петров", &format!("surname: '{hostile}'"), 1);
    std::fs::write(&roles, text).unwrap();
    let out = tmp.path().join("out");
    let o = run(&["build", policies.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = parse(&out.join("demo/restricted/registration-request.eml"));
    assert_eq!(p.names, HEADERS, "headers");
    assert_eq!(p.from_address, "admin@example.invalid");
    assert_eq!(p.from_name, format!("{hostile} О.И."), "the display name is the data, literally");
    assert_eq!(p.to, ["info@sferum.ru"]);
}
