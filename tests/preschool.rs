//! The fourth institution kind, a preschool (issue 11): the invented kindergarten
//! policies/detsad-rodnichok builds every document, guide, roster and config; they speak of
//! its groups, educators and children (группа, воспитатель, воспитанник) and never of
//! students, classes or lessons; no chat and no roster has a child in it; its site has no
//! students' guide.

mod common;

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;

const ID: &str = "detsad-rodnichok";

/// Word stems of schools and colleges that a kindergarten's text never contains. Each is
/// matched at the start of a word, so «получение», «изучение» and «дошкольного» pass; the
/// first two are matched inside words too («необучающ…», «внеклассный»).
const ANYWHERE: [&str; 2] = ["обучающ", "классн"];
const WORD_START: [&str; 6] = ["учени", "студент", "класс", "урок", "школ", "предмет"];

/// Every forbidden stem in `text`, with the word it was found in.
fn forbidden(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| ANYWHERE.iter().any(|s| w.contains(s)) || WORD_START.iter().any(|s| w.starts_with(s)))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_forbidden_stems_are_chosen_with_care() {
    assert!(forbidden("при получении информации, изучение, дошкольного образования, учебный профиль, воспитанник группы").is_empty());
    for word in ["обучающиеся", "Ученики", "ученический актив", "студентов", "класс", "классный руководитель", "внеклассный", "уроки", "онлайн-уроки", "школа", "учебному предмету"] {
        assert!(!forbidden(word).is_empty(), "«{word}» passes the check");
    }
}

/// The text a user reads in a file of out/<id>/ (PDF text, DOCX body, XLSX cells, the rest as
/// written); `None` for binary or encoded files (the e-mail's body is base64: its PDF twin,
/// the registration letter, is read instead).
fn readable(path: &Path) -> Option<String> {
    match path.extension()?.to_str()? {
        "pdf" => Some(plain(&pdf_text(path))),
        "docx" => Some(docx_text(path)),
        "xlsx" => Some(xlsx_rows(path).into_iter().flat_map(|(_, rows)| rows).flatten().collect::<Vec<_>>().join(" ")),
        "html" | "json" | "csv" | "css" | "sha256" => Some(std::fs::read_to_string(path).unwrap()),
        _ => None,
    }
}

/// Every sheet of a workbook: its name and rows of text cells.
fn xlsx_rows(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    workbook
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.iter().map(|c| match c { Data::String(s) => s.clone(), Data::Empty => String::new(), other => other.to_string() }).collect()).collect();
            (name, rows)
        })
        .collect()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()).map(|e| e.into_path()).collect()
}

/// The rows of a roster CSV (after its BOM), header first.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "{}: no BOM", path.display());
    let mut reader = ::csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(&bytes[3..]);
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

/// The children of the example's people lists: (id, full name).
fn children() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for list in files(&root().join("policies").join(ID).join("people")) {
        let text = std::fs::read_to_string(&list).unwrap();
        for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            if cells[1] == "student" {
                out.push((cells[0].to_string(), format!("{} {} {}", cells[2], cells[3], cells[4])));
            }
        }
    }
    assert!(out.len() >= 4, "the example lists its children");
    out
}

#[test]
fn the_kindergarten_speaks_of_groups_educators_and_children_never_of_students_or_classes() {
    let out = build_examples();
    let dir = out.path().join(ID);
    let mut scanned = 0;
    for file in files(&dir) {
        let Some(text) = readable(&file) else { continue };
        let found = forbidden(&text);
        assert!(found.is_empty(), "{}: {found:?}", file.display());
        scanned += 1;
    }
    assert!(scanned > 50, "only {scanned} files read");

    // The regulation, in all three forms: its words, its chats, the platform's own roles.
    let regulation = [
        plain(&pdf_text(&dir.join("public/regulation.pdf"))),
        plain(&docx_text(&dir.join("public/regulation.docx"))),
        plain(&html_text(&dir.join("public/regulation.html"))),
    ];
    for text in &regulation {
        assert_has(text, &[
            "при реализации образовательной программы дошкольного образования",
            "Пользователями платформы являются работники ДОУ и родители (законные представители) воспитанников. Воспитанники на платформе не регистрируются и в чатах не участвуют.",
            "в соответствии со своей ролью: администратора, учителя или родителя (законного представителя)",
            "прикрепляет воспитателей к группам",
            "Воспитатели создают в учебном профиле для закрепленных за ними групп следующие чаты:",
            "чат с родителями (законными представителями) воспитанников группы;",
            "чат с педагогическими работниками, работающими в группе.",
            "направляют родителям (законным представителям) воспитанников ссылки-приглашения в чаты группы",
            "вправе отказаться от использования платформы для себя и от имени воспитанника",
            "при выбытии воспитанника из ДОУ модератор удаляет из чатов",
            "в роли учителя",
            "совета родителей (законных представителей) воспитанников",
        ], "the regulation");
    }
    // Approved with the opinion of the parents' council alone: there is no students' council.
    assert!(!regulation[0].contains("совета обучающихся"));

    let order = plain(&pdf_text(&dir.join("restricted/order-platform.pdf")));
    assert_has(&order, &[
        "с учетом мнения совета родителей (законных представителей) воспитанников (протокол от 24.08.2026 № 1)",
        "Воспитателям в срок до 15.09.2026 создать на платформе чаты своих групп",
        "проинформировать родителей (законных представителей) воспитанников об использовании платформы",
    ], "the order on platform use");
    let admin_order = plain(&pdf_text(&dir.join("restricted/order-admin.pdf")));
    assert_has(&admin_order, &["прикреплять воспитателей к их группам", "изменения в составе работников и родителей (законных представителей) воспитанников"], "the admin's order");
    let rules = plain(&pdf_text(&dir.join("public/chat-rules.pdf")));
    assert_has(&rules, &["при выбытии воспитанника из ДОУ модератор удаляет из чатов соответственно этого работника или родителей (законных представителей) выбывшего воспитанника"], "the chat rules");
    let form = plain(&docx_text(&dir.join("public/opt-out-form.docx")));
    assert_has(&form, &["являясь родителем (законным представителем) воспитанника", "(группа ________)", "для себя и от имени воспитанника"], "the opt-out form");

    // The guides: the educator's in the kindergarten's words, the parents' telling them the
    // child needs no account.
    let site = dir.join("public/site");
    let guide = |stem: &str| plain(&html_text(&site.join(format!("{stem}.html"))));
    assert_has(&guide("curator"), &["Памятка для воспитателя", "Воспитатель создает чаты для родителей (законных представителей) воспитанников своей группы", "Создайте чат родителей (законных представителей) воспитанников группы"], "the educator's guide");
    assert_has(&guide("teacher"), &["Памятка для педагога", "Педагог консультирует на платформе родителей (законных представителей) воспитанников"], "the teacher's guide");
    assert_has(&guide("parent"), &["Ребенку регистрироваться на платформе не нужно: в чатах группы общаются только взрослые.", "Кто пришлет приглашение: воспитатель – в чат родителей (законных представителей) воспитанников группы"], "the parents' guide");
    assert_has(&guide("index"), &["в него попадают только работники и родители (законные представители) воспитанников по приглашению"], "the index");
}

/// The rosters and runtime.json: every invited person is staff (platform role «учитель») or a
/// parent; a child appears only as the child a parent represents; no chat is the children's.
#[test]
fn no_chat_and_no_roster_of_the_kindergarten_has_a_child_in_it() {
    let out = build_examples();
    let dir = out.path().join(ID);
    let children = children();
    let rosters = dir.join("restricted/rosters");
    let csvs = files(&rosters.join("chats"));
    let names: Vec<String> = csvs.iter().map(|p| p.file_stem().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["head-educators", "head-parents", "head-teachers", "stars-group-teachers", "stars-parents", "sun-group-teachers", "sun-parents", "teachers-unit"]);
    let mut parents = 0;
    for csv in csvs.iter().chain(&files(&rosters.join("inviters"))) {
        let rows = read_csv(csv);
        assert_eq!(rows[0][8], "Группа", "{}: the group's column is titled by the kindergarten's word", csv.display());
        for row in &rows[1..] {
            assert!(["учитель", "родитель (законный представитель)"].contains(&row[3].as_str()), "{}: platform role «{}»", csv.display(), row[3]);
            assert!(!children.iter().any(|(id, _)| *id == row[4]), "{}: the child {} is invited", csv.display(), row[4]);
            if row[3] == "родитель (законный представитель)" {
                assert!(children.iter().any(|(_, name)| *name == row[11]), "{}: a parent's row names the child «{}»", csv.display(), row[11]);
                parents += 1;
            }
        }
    }
    assert!(parents >= 6, "the parents' chats list the parents ({parents} rows)");
    for (sheet, rows) in xlsx_rows(&rosters.join("rosters.xlsx")) {
        assert_eq!(rows[0][8], "Группа", "sheet {sheet}");
        for row in &rows[1..] {
            assert!(!children.iter().any(|(id, _)| *id == row[4]), "sheet {sheet}: the child {} is invited", row[4]);
        }
    }
    let handout = plain(&pdf_text(&rosters.join("handouts/sun.pdf")));
    assert_has(&handout, &["Группа «Солнышко»: родители", "Чат для родителей (законных представителей)"], "the group's handout");

    let config: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("config/runtime.json")).unwrap()).unwrap();
    assert_eq!(config["institution"]["kind"], "preschool");
    for chat in config["chats"].as_array().unwrap() {
        let audience = chat["audience"].as_str().unwrap();
        assert!(!["students", "subject", "extracurricular", "students-council"].contains(&audience), "the chat {} is the children's", chat["id"]);
        assert_ne!(chat["quiet_hours_audience"], "students", "the chat {} follows the children's quiet hours", chat["id"]);
    }
    assert!(config["quiet_hours"]["students"].is_null(), "the children have no quiet hours: they are on no chat");
    assert!(config["chat_rules_markdown"].as_str().unwrap().contains("выбывшего воспитанника"));
}

/// The kindergarten's site has five guides: no students' guide is built, listed or linked.
#[test]
fn the_kindergarten_site_has_no_students_guide() {
    let out = build_examples();
    let site = out.path().join(ID).join("public/site");
    let mut names: Vec<String> = files(&site).iter().map(|p| p.strip_prefix(&site).unwrap().display().to_string()).filter(|n| !n.starts_with("documents/")).collect();
    names.sort();
    assert_eq!(names, ["admin.html", "admin.pdf", "curator.html", "curator.pdf", "head.html", "head.pdf", "index.html", "parent.html", "parent.pdf", "site.css", "teacher.html", "teacher.pdf"]);
    for page in files(&site).iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        let raw = std::fs::read_to_string(page).unwrap();
        assert!(!raw.contains("student.html") && !raw.contains("student.pdf"), "{} links a students' guide", page.display());
        assert!(!raw.contains("Памятка для воспитанника"), "{} lists a guide for the children", page.display());
    }
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    for stem in ["admin", "head", "curator", "teacher", "parent"] {
        assert!(index.contains(&format!("href=\"{stem}.html\"")), "the index does not link {stem}.html");
    }
    let config: serde_json::Value = serde_json::from_slice(&std::fs::read(out.path().join(ID).join("config/runtime.json")).unwrap()).unwrap();
    let roles: Vec<&str> = config["public_guides"]["guides"].as_array().unwrap().iter().map(|g| g["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["admin", "head", "curator", "teacher", "parent"]);
}

/// Text as a reader sees it: hyphenation points and line ends gone, no-break spaces as spaces.
fn plain(text: &str) -> String {
    fold(text).replace('\u{ad}', "").replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

