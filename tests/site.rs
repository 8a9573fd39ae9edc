//! The onboarding site (issue 5): out/<id>/public/site/ of every example — its files, what
//! each guide says for this institution, links that stay inside the folder, and axe-core in
//! headless Chromium over every page.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_json::Value;
use sferum_gen::model::Institution;

/// The guides of an institution's site: six roles, five for a preschool (no students' guide).
fn guides_of(inst: &Institution) -> Vec<&'static str> {
    sferum_gen::site::guides(inst)
}

fn catalog() -> sferum_gen::model::Catalog {
    let checked = sferum_gen::pipeline::check(&sferum_gen::config::CheckConfig::new(root().join("policies")));
    checked.catalog.expect("examples are valid")
}

fn site(out: &Path, id: &str) -> PathBuf {
    out.join(id).join("public/site")
}

/// Every HTML page of a site (the index, the guides, the document copies).
fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    v.sort();
    v
}

/// What tests/a11y/outline.py (Python's html.parser) reads from each page.
fn outline(files: &[PathBuf]) -> BTreeMap<PathBuf, Value> {
    let mut args = vec![root().join("tests/a11y/outline.py").display().to_string()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let o = Command::new("python3").args(&args).output().expect("python3 runs");
    assert!(o.status.success(), "outline.py failed: {}", String::from_utf8_lossy(&o.stderr));
    let map: serde_json::Map<String, Value> = serde_json::from_slice(&o.stdout).unwrap();
    map.into_iter().map(|(k, v)| (PathBuf::from(k), v)).collect()
}

fn words(t: &str) -> Vec<&str> {
    t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

/// The vocabulary word `word` in `form` for this institution's kind and messenger.
fn vocab(inst: &Institution, word: &str, form: &str) -> String {
    let v = sferum_gen::render::Vocabulary::bundled().unwrap().words(inst.info.kind, inst.info.messenger);
    v[word][form].as_str().unwrap().to_string()
}

#[test]
fn every_example_site_has_an_index_its_guides_and_their_pdfs() {
    let out = build_examples();
    for inst in &catalog().institutions {
        // The site's documents are the exported files, copied (never compiled a second time).
        assert_site_copies_are_the_public_files(out.path(), inst.id());
        let dir = site(out.path(), inst.id());
        let guides = guides_of(inst);
        let preschool = inst.info.kind == sferum_gen::model::Kind::Preschool;
        assert_eq!(guides.len(), if preschool { 5 } else { 6 }, "{}: a guide per role, none for a preschool's children", inst.id());
        let files: Vec<String> = hashes(&dir).into_keys().collect();
        let mut expected: Vec<String> = guides.iter().flat_map(|g| [format!("{g}.html"), format!("{g}.pdf")]).collect();
        expected.extend(["index.html", "site.css"].map(String::from));
        for d in ["regulation", "chat-rules", "opt-out-form"] {
            expected.extend([format!("documents/{d}.html"), format!("documents/{d}.pdf")]);
        }
        expected.sort();
        assert_eq!(files, expected, "{}", inst.id());
        for &g in &guides {
            let pdf = dir.join(format!("{g}.pdf"));
            let info = tool_output("pdfinfo", &[pdf.to_str().unwrap()]);
            assert!(info.contains("595.276 x 841.89 pts (A4)"), "{}/{g}.pdf is not A4:\n{info}", inst.id());
            let text = fold(&pdf_text(&pdf));
            assert_has(&text, &["ПАМЯТКА", &inst.info.name.full.nom, "Шаг за шагом", "1. ", "Куда обращаться за помощью", "info@sferum.ru"], &format!("{}/{g}.pdf", inst.id()));
            let page = std::fs::read_to_string(dir.join(format!("{g}.html"))).unwrap();
            assert!(page.contains(&format!("<a href=\"{g}.pdf\">Эта памятка в PDF для печати")), "{}/{g}.html does not link its PDF", inst.id());
        }
    }
}

/// Each guide says, from this institution's data: its name, its messenger (never the other
/// one), its quiet hours in local time, and who sends each role its invite link.
#[test]
fn guides_carry_each_institutions_data() {
    let out = build_examples();
    for inst in &catalog().institutions {
        let id = inst.id();
        let dir = site(out.path(), id);
        let guides = guides_of(inst);
        let mut files: Vec<PathBuf> = guides.iter().map(|g| dir.join(format!("{g}.html"))).collect();
        files.push(dir.join("index.html"));
        let outlines = outline(&files);
        let text = |stem: &str| outlines[&dir.join(format!("{stem}.html"))]["text"].as_str().unwrap().to_string();
        let pdf = |stem: &str| fold(&pdf_text(&dir.join(format!("{stem}.pdf"))));
        let name = &inst.info.name;
        let messenger = vocab(inst, "messenger", "nom");
        let admin = format!("администратор ИКОП «Сферум» {}", name.self_ref.r#gen);

        let index = text("index");
        assert_has(&index, &[&name.full.nom, &name.short.nom, &format!("учебный профиль в {}", vocab(inst, "messenger", "prep")), &format!("к администратору ИКОП «Сферум» {}", name.self_ref.r#gen)], &format!("{id} index"));
        let links: Vec<&str> = outlines[&dir.join("index.html")]["urls"].as_array().unwrap().iter().map(|u| u["value"].as_str().unwrap()).collect();
        for target in guides.iter().map(|g| format!("{g}.html")).collect::<Vec<_>>().iter().chain(&["documents/regulation.html".to_string(), "documents/chat-rules.html".to_string()]) {
            assert!(links.contains(&target.as_str()), "{id}: the index does not link {target}");
        }

        // The messenger: ours named, the other never (in every page and every guide PDF).
        let (ours, theirs) = if messenger.contains("MAX") { ("MAX", "VK") } else { ("VK", "MAX") };
        for stem in guides.iter().copied().chain(["index"]) {
            let t = text(stem);
            assert!(words(&t).contains(&ours), "{id}/{stem} never names {ours}");
            assert!(!words(&t).contains(&theirs), "{id}/{stem} names {theirs}");
            if stem != "index" {
                let p = pdf(stem);
                assert!(words(&p).contains(&ours) && !words(&p).contains(&theirs), "{id}/{stem}.pdf: messenger");
                assert!(t.contains(&name.short.nom), "{id}/{stem}: no short name");
            }
        }

        // Quiet hours in local time named after the zone («по омскому времени»), in every
        // guide (page and PDF); the zone's IANA id never reaches the text.
        let q = inst.rules.quiet_hours.as_ref().expect("every example sets quiet hours");
        let vocabulary = sferum_gen::render::Vocabulary::bundled().unwrap();
        let quiet = format!("С {} до {} {} (UTC", q.from, q.to, vocabulary.local_time(&inst.info.time_zone));
        assert!(!quiet.contains("местному"), "{id}: the zone {} has a name in the vocabulary", inst.info.time_zone);
        for &g in &guides {
            assert_has(&text(g), &[&quiet], &format!("{id}/{g}.html"));
            assert_has(&pdf(g), &[&quiet], &format!("{id}/{g}.pdf"));
            assert!(!text(g).contains(&inst.info.time_zone), "{id}/{g}.html: the IANA zone id in human text");
        }

        // Vocabulary of the kind: a school never says куратор/студент, a college never класс-.
        let school = vocab(inst, "curator", "nom") == "классный руководитель";
        for stem in guides.iter().copied().chain(["index"]) {
            // Data (the staff unit's name, the regulation's title) and the platform's section «Учителям» aside.
            // The platform's role «учитель» stays the platform's where the staff word differs
            // (a supplementary-education «педагог дополнительного образования»).
            let role = format!("«{}»", vocab(inst, "platform_teacher", "nom"));
            let mut t = text(stem).replace(&inst.chats.teachers_unit, "").replace("«Учителям»", "").replace(&role, "");
            if let Some(title) = &inst.info.document.title {
                t = t.replace(title, "");
            }
            let t = t.to_lowercase();
            let foreign: &[&str] = if school { &["куратор", "студент", "преподавател"] } else { &["классн", "учител"] };
            for f in foreign {
                assert!(!t.contains(f), "{id}/{stem} uses «{f}», a word of the other kind");
            }
        }

        // Who invites whom, as chats.yaml and the invite chain say.
        let staff_unit = format!("«{}»", inst.chats.teachers_unit);
        assert_has(&text("admin"), &["Кто пришлет приглашение: никто", &staff_unit], &format!("{id}/admin"));
        for g in ["head", "curator", "teacher"] {
            assert_has(&text(g), &[&format!("Кто пришлет приглашение: {admin} – ссылку в подразделение {staff_unit}")], &format!("{id}/{g}"));
        }
        let owner = |o: &str| if o == "curator" { vocab(inst, "curator", "nom") } else { vocab(inst, "teacher", "nom") };
        for (guide, audiences) in [("student", &["students", "subject", "extracurricular"][..]), ("parent", &["parents"][..])] {
            if !guides.contains(&guide) {
                continue;
            }
            let t = text(guide);
            let mut invites = 0;
            for c in inst.chats.group_chats.iter().filter(|c| audiences.contains(&c.audience.key())) {
                assert!(t.contains(&format!("Кто пришлет приглашение: {}", owner(c.owner.key()))), "{id}/{guide}: the {} chat's inviter ({}) is missing:\n{t}", c.audience, c.owner);
                invites += 1;
            }
            let channel_audience = if guide == "student" { "students" } else { "parents" };
            for ch in inst.chats.channels.iter().filter(|c| c.audience.key() == "everyone" || c.audience.key() == channel_audience) {
                assert!(t.contains(&format!("Кто пришлет приглашение: {admin} – в канал «{}»", ch.name)), "{id}/{guide}: channel «{}»", ch.name);
                invites += 1;
            }
            let council = if guide == "student" { "students-council" } else { "parents-council" };
            if inst.chats.management_chats.iter().any(|m| m.with_whom.key() == council) {
                assert!(t.contains("Кто пришлет приглашение, если вы входите в"), "{id}/{guide}: the council's chat");
                invites += 1;
            }
            assert_eq!(t.matches("Кто пришлет приглашение").count(), invites, "{id}/{guide}: one invite step per chat the data gives");
        }
        // The curator creates exactly the chats chats.yaml gives the curator; the teacher, the subject chats.
        let creates = |g: &str| text(g).matches("Создайте ").count();
        assert_eq!(creates("curator"), inst.chats.group_chats.iter().filter(|c| c.owner.key() == "curator").count(), "{id}/curator");
        assert_eq!(creates("teacher"), inst.chats.group_chats.iter().filter(|c| c.owner.key() == "teacher").count(), "{id}/teacher");
        // The parents' guide says how to opt out and links the form.
        assert_has(&text("parent"), &["Если вы не хотите пользоваться платформой", "заявление об отказе"], &format!("{id}/parent"));
        // Help by role, never by person: no name of the admin.
        if let Some(a) = inst.admin() {
            for g in guides.iter().copied().chain(["index"]) {
                assert!(!words(&text(g)).contains(&a.surname.as_str()), "{id}/{g} names the admin");
            }
        }
    }
}

/// A changed fact in the YAML changes the guides: quiet hours, a removed channel, a removed chat.
#[test]
fn guides_follow_the_data() {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("policies"), &policies);
    let edit = |file: &str, from: &str, to: &str| {
        let path = policies.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} lacks {from:?}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    };
    edit("school-max/rules.yaml", "from: \"21:00\"\n  to: \"07:30\"", "from: \"20:30\"\n  to: \"08:00\"");
    edit("school-max/chats.yaml", "  - id: parents\n    audience: parents\n    name: Родителям СОШ № 200\n    owner: admin\n", "");
    edit("itep/chats.yaml", "  - audience: parents\n    owner: curator\n", "");
    let out = tmp.path().join("out");
    let o = run(&["build", policies.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let school = read("school-max/public/site/parent.html");
    assert!(school.contains("С 20:30 до 08:00 по омскому времени"), "the new quiet hours");
    assert!(!school.contains("21:00"), "the old quiet hours");
    assert!(!school.contains("Родителям СОШ № 200"), "the removed channel");
    let itep = read("itep/public/site/parent.html");
    assert!(!itep.contains("в чат родителей"), "the removed parents' chat");
    assert!(!read("itep/public/site/curator.html").contains("Создайте чат родителей"), "the curator no longer creates it");
    assert!(read("bpt/public/site/curator.html").contains("Создайте чат родителей"), "other institutions keep theirs");
}

/// Relative links only, every one resolving to a file of the site; nothing loaded from
/// elsewhere; one h1, headings in order, landmarks and a skip link on every page.
#[test]
fn links_stay_inside_the_site_and_pages_are_well_formed() {
    let out = build_examples();
    const EXTERNAL_LINKS: [&str; 3] = ["https://sferum.ru/", "https://prof-sferum.ru/", "mailto:info@sferum.ru"];
    let mut checked_links = 0;
    for id in ["bpt", "itep", "school-max"] {
        let dir = site(out.path(), id);
        let root_dir = dir.canonicalize().unwrap();
        let files = pages(&dir);
        assert_eq!(files.len(), 10, "{id}: index, 6 guides, 3 document copies");
        let outlines = outline(&files);
        let mut reached = std::collections::BTreeSet::new();
        for (file, o) in &outlines {
            let name = file.strip_prefix(&dir).unwrap().display().to_string();
            assert_eq!(o["lang"], "ru", "{id}/{name}");
            let headings: Vec<u64> = o["headings"].as_array().unwrap().iter().map(|h| h[0].as_u64().unwrap()).collect();
            assert_eq!(headings.iter().filter(|l| **l == 1).count(), 1, "{id}/{name}: one h1");
            assert_eq!(headings[0], 1, "{id}/{name}: h1 first");
            assert!(headings.windows(2).all(|w| w[1] <= w[0] + 1), "{id}/{name}: a heading level skipped: {headings:?}");
            let ids: Vec<&str> = o["ids"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            let landmarks: Vec<&str> = o["landmarks"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            assert!(landmarks.contains(&"main"), "{id}/{name}: main landmark");
            if !name.starts_with("documents/") {
                for l in ["header", "nav", "main", "footer"] {
                    assert!(landmarks.contains(&l), "{id}/{name}: no {l} landmark");
                }
            }
            for u in o["urls"].as_array().unwrap() {
                let (tag, value) = (u["tag"].as_str().unwrap(), u["value"].as_str().unwrap());
                checked_links += 1;
                if tag == "a" && EXTERNAL_LINKS.iter().any(|p| value.starts_with(p)) {
                    continue; // the platform's own instruction pages and support address, shown as links
                }
                if tag == "link" {
                    assert_eq!(u["rel"], "stylesheet", "{id}/{name}: <link> other than the stylesheet: {u}");
                }
                assert!(!value.contains(':') && !value.starts_with('/'), "{id}/{name}: absolute or external {tag} {value}");
                let (target, fragment) = value.split_once('#').unwrap_or((value, ""));
                if target.is_empty() {
                    assert!(ids.contains(&fragment), "{id}/{name}: #{fragment} has no target");
                    continue;
                }
                let resolved = file.parent().unwrap().join(target).canonicalize().unwrap_or_else(|_| panic!("{id}/{name}: {value} does not resolve"));
                assert!(resolved.starts_with(&root_dir) && resolved.is_file(), "{id}/{name}: {value} leaves the site");
                reached.insert(resolved);
            }
            let text = o["text"].as_str().unwrap();
            assert!(!name.starts_with("documents/") || !text.is_empty(), "{id}/{name}: empty");
        }
        // From the pages, every file of the site can be reached.
        for f in hashes(&dir).keys() {
            let p = dir.join(f).canonicalize().unwrap();
            assert!(reached.contains(&p), "{id}: no page links {f}");
        }
        let raw = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(raw.contains("<a class=\"skip\" href=\"#main\">") && raw.contains("<main id=\"main\">"), "{id}: skip link");
        assert!(!raw.contains("@import") && !raw.contains("url("), "{id}: nothing pulled in by CSS");
        let css = std::fs::read_to_string(dir.join("site.css")).unwrap();
        assert!(!css.contains("@import") && !css.contains("url(") && !css.contains("@font-face"), "{id}: the stylesheet loads nothing");
        assert!(css.contains("@media print"), "{id}: print CSS");
    }
    assert!(checked_links > 300, "only {checked_links} links seen");
}

/// Runs tests/a11y/axe.js (axe-core in /usr/bin/chromium via puppeteer-core) over `files`;
/// installs its node modules on first use.
fn axe(files: &[PathBuf]) -> Vec<Value> {
    let dir = root().join("tests/a11y");
    if !dir.join("node_modules/axe-core").exists() || !dir.join("node_modules/puppeteer-core").exists() {
        let o = Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir).output().expect("npm must be installed (see .ci/run)");
        assert!(o.status.success(), "npm ci failed: {}", String::from_utf8_lossy(&o.stderr));
    }
    let o = Command::new("node").arg("axe.js").args(files).current_dir(&dir).output().expect("node must be installed (see .ci/run)");
    assert!(o.status.success(), "axe.js failed (is /usr/bin/chromium installed?): {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn every_page_passes_axe_at_default_width_and_320px_in_both_modes() {
    let out = build_examples();
    let ids = ["bpt", "itep", "school-max", "detsad-rodnichok"];
    let files: Vec<PathBuf> = ids.iter().flat_map(|id| pages(&site(out.path(), id))).collect();
    let report = axe(&files);
    // Guides and index in two widths and two modes; the document copies (no switch) in two widths.
    // The kindergarten has five guides (no students' guide), the others six.
    assert_eq!(report.len(), 3 * (7 * 4 + 3 * 2) + (6 * 4 + 3 * 2), "every page was checked");
    assert!(report.iter().any(|r| r["file"].as_str().is_some_and(|f| f.contains("detsad-rodnichok"))), "the kindergarten's site was checked");
    let mut problems = Vec::new();
    for r in &report {
        let at = format!("{} at {} px, {}", r["file"].as_str().unwrap(), r["width"], r["mode"]);
        for v in r["violations"].as_array().unwrap() {
            problems.push(format!("{at}: {} ({}) {}", v["id"], v["help"], v["nodes"]));
        }
        if r["overflow"].as_i64().unwrap() > 0 {
            problems.push(format!("{at}: scrolls sideways by {} px", r["overflow"]));
        }
        if !r["external"].as_array().unwrap().is_empty() {
            problems.push(format!("{at}: loads from outside: {}", r["external"]));
        }
        assert_eq!(r["vi"], r["mode"] == "vi", "{at}: the visually-impaired switch did not take effect");
    }
    assert!(problems.is_empty(), "axe-core found problems:\n{}", problems.join("\n"));

    // The check can fail: an image without alt text and low-contrast text are reported.
    let dir = site(out.path(), "itep");
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let broken = dir.join("broken.html");
    std::fs::write(&broken, page.replacen("<h1>", "<img src=\"site.css\"><p style=\"color:#bbb\">бледный текст</p><h1>", 1)).unwrap();
    let report = axe(&[broken]);
    let ids: Vec<&str> = report[0]["violations"].as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"image-alt") && ids.contains(&"color-contrast"), "axe missed the broken page: {ids:?}");
}
