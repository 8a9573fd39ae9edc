//! Hostile strings in the data (Markdown, HTML, Typst markup, a javascript: link) must come
//! out literally, as text, in the PDF and the HTML — never as markup or a live link.

mod common;

use common::*;

const HOSTILE: &str = r#"*Ив* <script>alert(1)</script> #panic("x") [a](javascript:x)"#;

fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

#[test]
fn hostile_strings_render_literally() {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("tests/fixtures/valid"), &policies);
    copy_tree(&root().join("tests/fixtures/hostile"), &policies);
    let out = tmp.path().join("out");
    let o = run(&["build", policies.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    let pdf = fold(&pdf_text(&out.join("demo/public/regulation.pdf")));
    // City (place line), head's surname (УТВЕРЖДАЮ), staff unit and channel name (clauses).
    assert!(pdf.matches(HOSTILE).count() >= 4, "PDF text lacks the literal string:\n{pdf}");

    let raw = std::fs::read_to_string(out.join("demo/public/regulation.html")).unwrap();
    assert!(!raw.contains("<script"), "a <script> element reached the HTML");
    assert!(!raw.to_lowercase().contains("href=\"javascript"), "a javascript: link reached the HTML");
    assert!(!raw.contains("<em>Ив</em>"), "Markdown emphasis was interpreted");
    let text = unescape_html(&raw);
    assert!(text.matches(HOSTILE).count() >= 4, "HTML lacks the literal string");
    assert!(text.contains(&format!("А.П. {HOSTILE}")), "the head's name is not literal in the УТВЕРЖДАЮ block");

    // The onboarding site: the staff unit, the channel and the city are literal text on the
    // pages (whose only script is the site's own visually-impaired switch) and in the PDFs.
    for page in ["index", "admin", "head", "curator", "teacher", "student", "parent"] {
        let raw = std::fs::read_to_string(out.join(format!("demo/public/site/{page}.html"))).unwrap();
        assert_eq!(raw.matches("<script").count(), 1, "{page}: a <script> element reached the page");
        assert!(!raw.to_lowercase().contains("href=\"javascript"), "{page}: a javascript: link reached the page");
        assert!(!raw.contains("<em>Ив</em>"), "{page}: Markdown emphasis was interpreted");
        assert!(unescape_html(&raw).contains(HOSTILE), "{page}: the literal string is missing");
    }
    for guide in ["admin", "curator"] {
        // Spaces dropped: a line may break inside the string.
        let pdf = fold(&pdf_text(&out.join(format!("demo/public/site/{guide}.pdf")))).replace(' ', "");
        assert!(pdf.matches(&HOSTILE.replace(' ', "")).count() >= 2, "{guide}.pdf lacks the literal string (city, staff unit):\n{pdf}");
    }

    // The editable copies: literal text, no hyperlink anywhere.
    for file in ["public/regulation.docx", "public/chat-rules.docx", "restricted/order-platform.docx"] {
        let text = docx_text(&out.join("demo").join(file));
        assert!(text.contains(HOSTILE), "{file} lacks the literal string:\n{text}");
    }

    // The e-mail body carries the (hostile) city as plain text.
    let script = "import email,sys\nfrom email import policy\nm=email.message_from_bytes(open(sys.argv[1],'rb').read(),policy=policy.default)\nprint(m.get_body(preferencelist=('plain',)).get_content())";
    let eml = out.join("demo/restricted/registration-request.eml");
    let o = std::process::Command::new("python3").args(["-c", script, eml.to_str().unwrap()]).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains(HOSTILE), "the e-mail body lacks the literal string");
}
