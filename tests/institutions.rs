//! Institutions unlike the examples (issue 11): what their real acts say that the examples do
//! not — their own clauses in any section.

mod common;

use common::*;

/// A temporary `policies/` holding the registry and one bundled example, to edit and build.
fn example_copy(id: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("policies/_registry"), &policies.join("_registry"));
    copy_tree(&root().join("policies").join(id), &policies.join(id));
    (tmp, policies)
}

const HOSTILE: &str = r#"§ 9.9. *Ив* <script>alert(1)</script> #panic("x") [a](javascript:x)"#;

/// The institution's own clauses appear in their section, numbered in sequence with the
/// generated ones, and a hostile string among them stays inert text.
#[test]
fn extra_clauses_join_their_sections_numbered_and_literal() {
    let (tmp, policies) = example_copy("itep");
    let rules = policies.join("itep/rules.yaml");
    let mut text = std::fs::read_to_string(&rules).unwrap();
    text.push_str(&format!(
        "extra_clauses:\n  general:\n    - '{}'\n  final:\n    - Первый собственный пункт Техникума.\n    - Второй собственный пункт Техникума.\n",
        HOSTILE.replace('\'', "''")
    ));
    std::fs::write(&rules, text).unwrap();
    let out = tmp.path().join("out");
    build_ok(&policies, &out);

    let pdf = fold(&pdf_text(&out.join("itep/public/regulation.pdf")));
    let plain = |t: &str| t.replace(['\u{a0}', '\u{ad}'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
    let pdf = plain(&pdf);
    // The hostile clause closes section 1 with the next number, as text.
    let at = pdf.find(&plain(HOSTILE)).unwrap_or_else(|| panic!("the hostile clause is not literal:\n{pdf}"));
    let before = &pdf[..at];
    let number = before.trim_end().rsplit(' ').next().unwrap();
    assert!(number.starts_with("1.") && number.ends_with('.'), "the clause is numbered in section 1: «{number}»");
    let previous = &before[..before.trim_end().len() - number.len()];
    let n: u32 = number[2..number.len() - 1].parse().unwrap();
    assert!(previous.contains(&format!("1.{}. ", n - 1)), "1.{n} follows 1.{}", n - 1);
    assert!(pdf[at..].find("2. Термины").is_some(), "section 2 follows the extra clause");
    // The final section ends with both, in order and numbered on.
    let first = pdf.find("Первый собственный пункт Техникума.").unwrap();
    let second = pdf.find("Второй собственный пункт Техникума.").unwrap();
    assert!(first < second);
    let last = pdf[..first].trim_end().rsplit(' ').next().unwrap().to_string();
    let next = pdf[..second].trim_end().rsplit(' ').next().unwrap().to_string();
    let (section, k) = last.trim_end_matches('.').split_once('.').unwrap();
    assert_eq!(next, format!("{section}.{}.", k.parse::<u32>().unwrap() + 1), "the two clauses are numbered in sequence");

    // HTML and DOCX: the same text, nothing live.
    let html = std::fs::read_to_string(out.join("itep/public/regulation.html")).unwrap();
    assert!(!html.contains("<script") && !html.to_lowercase().contains("href=\"javascript"), "markup reached the HTML");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the clause is not in the HTML as text");
    let docx = docx_text(&out.join("itep/public/regulation.docx"));
    assert!(plain(&docx).contains(&plain(HOSTILE)), "the clause is not in the DOCX as text");
}

/// An institution without system channels: no document, order or memo mentions channels,
/// and the sentences around the dropped words stay whole.
#[test]
fn an_institution_without_channels_never_mentions_them() {
    let (tmp, policies) = example_copy("itep");
    let chats = policies.join("itep/chats.yaml");
    let text = std::fs::read_to_string(&chats).unwrap();
    let (head, rest) = text.split_once("channels:\n").unwrap();
    let rest = &rest[rest.find("management_chats:").unwrap()..];
    std::fs::write(&chats, format!("{head}{rest}")).unwrap();
    let out = tmp.path().join("out");
    build_ok(&policies, &out);
    let dir = out.join("itep");
    let mut texts = vec![];
    for file in ["public/regulation.pdf", "restricted/order-platform.pdf", "restricted/order-admin.pdf"] {
        texts.push((file.to_string(), fold(&pdf_text(&dir.join(file)))));
    }
    for page in ["admin", "head", "curator", "teacher", "student", "parent", "index"] {
        texts.push((format!("site/{page}.html"), std::fs::read_to_string(dir.join(format!("public/site/{page}.html"))).unwrap()));
    }
    for (file, text) in &texts {
        let lower = text.to_lowercase().replace("каналов связи", "");
        assert!(!lower.contains("канал") && !lower.contains("трансляции;"), "{file} mentions channels:\n{text}");
    }
    let (_, regulation) = &texts[0];
    assert!(regulation.contains("формирует структуру Техникума на платформе: подразделение «Команда ИТЭП» для педагогических работников и группы"), "{regulation}");
    let (_, order) = &texts[2];
    assert!(order.contains("подразделение «Команда ИТЭП» и группы;"), "{order}");
}

/// Besides the usual codes, an institution names its own channels for those who refuse the
/// platform; the regulation and the opt-out form print them as written.
#[test]
fn opt_out_channels_take_the_institutions_own_phrases() {
    let (tmp, policies) = example_copy("itep");
    let rules = policies.join("itep/rules.yaml");
    let text = std::fs::read_to_string(&rules).unwrap();
    let text = text.replace("channels: [phone, email, in-person]", "channels: [phone, {phrase: через старосту группы}]");
    assert!(text.contains("через старосту группы"), "the example's opt-out channels changed: update this test");
    std::fs::write(&rules, text).unwrap();
    let out = tmp.path().join("out");
    build_ok(&policies, &out);
    let regulation = fold(&pdf_text(&out.join("itep/public/regulation.pdf")));
    assert!(regulation.contains("взаимодействуют с ними по телефону или через старосту группы в порядке и сроки"), "{regulation}");
    let form = fold(&pdf_text(&out.join("itep/public/opt-out-form.pdf")));
    assert!(form.contains("□ по телефону;") && form.contains("□ через старосту группы."), "{form}");
    // A misspelt code is refused, not taken for a phrase.
    let text = std::fs::read_to_string(&rules).unwrap().replace("channels: [phone,", "channels: [phnoe,");
    std::fs::write(&rules, text).unwrap();
    let o = run(&["check", policies.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

/// A college that says «классный руководитель» and «учебная группа»: its own words replace the
/// kind's everywhere — documents, memos, config — and «куратор» appears nowhere; the platform's
/// role names cannot be replaced.
#[test]
fn an_institutions_own_words_replace_its_kinds_everywhere() {
    let (tmp, policies) = example_copy("itep");
    let info = policies.join("itep/institution.yaml");
    let words = "vocabulary:
  curator:
    {nom: классный руководитель, gen: классного руководителя, dat: классному руководителю, acc: классного руководителя,
     ins: классным руководителем, prep: классном руководителе, nom_pl: классные руководители, gen_pl: классных руководителей,
     dat_pl: классным руководителям, acc_pl: классных руководителей, ins_pl: классными руководителями, prep_pl: классных руководителях}
  unit:
    {nom: учебная группа, gen: учебной группы, dat: учебной группе, acc: учебную группу, ins: учебной группой, prep: учебной группе,
     nom_pl: учебные группы, gen_pl: учебных групп, dat_pl: учебным группам, acc_pl: учебные группы, ins_pl: учебными группами, prep_pl: учебных группах}
";
    let original = std::fs::read_to_string(&info).unwrap();
    std::fs::write(&info, format!("{original}{words}")).unwrap();
    // A people list, so that the rosters (CSV, XLSX, handouts) are built and scanned too.
    std::fs::create_dir_all(policies.join("itep/people")).unwrap();
    std::fs::write(
        policies.join("itep/people/ek-21.csv"),
        "id,role,surname,name,patronymic,child,phone,email,council\nek-s01,student,Орлов,Иван,Петрович,,,,\nek-p01,parent,Орлова,Анна,Сергеевна,ek-s01,,,\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    build_ok(&policies, &out);
    let mut scanned = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for e in walkdir::WalkDir::new(out.join("itep")).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let p = e.path();
        let text = match p.extension().and_then(|x| x.to_str()) {
            Some("pdf") => fold(&pdf_text(p)),
            Some("docx") => docx_text(p),
            Some("html" | "json" | "csv" | "eml" | "txt") => std::fs::read_to_string(p).unwrap(),
            Some("xlsx") => docx_part(&std::fs::read(p).unwrap(), "xl/sharedStrings.xml"),
            _ => continue,
        };
        assert!(!text.to_lowercase().contains("куратор"), "{}: «куратор» despite the institution's own word", p.display());
        scanned += 1;
        kinds.insert(p.extension().unwrap().to_string_lossy().into_owned());
    }
    assert!(scanned > 40, "only {scanned} files scanned");
    for kind in ["pdf", "docx", "html", "csv", "xlsx", "json", "eml"] {
        assert!(kinds.contains(kind), "no .{kind} output was scanned: {kinds:?}");
    }
    let workbook = docx_part(&std::fs::read(out.join("itep/restricted/rosters/rosters.xlsx")).unwrap(), "xl/sharedStrings.xml");
    assert!(workbook.contains("классный руководитель") || workbook.contains("классные руководители") || workbook.contains("Учебная группа"), "the workbook uses the institution's words: {workbook}");
    let regulation = fold(&pdf_text(&out.join("itep/public/regulation.pdf")));
    assert!(regulation.contains("Классные руководители:") && regulation.contains("прикрепляет классных руководителей к учебным группам"), "{regulation}");
    // The platform's role stays the platform's: «учитель» for every kind (issue 11).
    assert!(regulation.contains("в роли учителя"), "{regulation}");
    let guide = std::fs::read_to_string(out.join("itep/public/site/curator.html")).unwrap();
    assert!(guide.contains("классного руководителя"), "the memo's title follows the word");

    std::fs::write(&info, format!("{original}{words}  platform_teacher: {{nom: педагог}}\n")).unwrap();
    let o = run(&["check", policies.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "the platform's role name was replaced");
    assert!(stdout(&o).contains("unknown-key") && stdout(&o).contains("platform_teacher"), "{}", stdout(&o));
}

/// The rosters name the chats chats.yaml leaves unnamed from the institution's words too.
#[test]
fn roster_chat_names_follow_the_institutions_words() {
    let (tmp, policies) = example_copy("school-max");
    let info = policies.join("school-max/institution.yaml");
    let words = "vocabulary:
  curator:
    {nom: классный наставник, gen: классного наставника, dat: классному наставнику, acc: классного наставника,
     ins: классным наставником, prep: классном наставнике, nom_pl: классные наставники, gen_pl: классных наставников,
     dat_pl: классным наставникам, acc_pl: классных наставников, ins_pl: классными наставниками, prep_pl: классных наставниках}
";
    let original = std::fs::read_to_string(&info).unwrap();
    std::fs::write(&info, format!("{original}{words}")).unwrap();
    let out = tmp.path().join("out");
    build_ok(&policies, &out);
    let csv = std::fs::read_to_string(out.join("school-max/restricted/rosters/chats/head-class-teachers.csv")).unwrap();
    assert!(csv.contains(";Руководитель и классные наставники;"), "{csv}");
    assert!(!csv.contains("руководители"), "{csv}");
}

/// The institution's own terms close the regulation's list of terms, punctuated as a list
/// and printed literally.
#[test]
fn custom_definitions_close_the_list_of_terms() {
    let (tmp, policies) = example_copy("itep");
    let rules = policies.join("itep/rules.yaml");
    let mut text = std::fs::read_to_string(&rules).unwrap();
    text.push_str("definitions:\n  - {term: сетевая группа, meaning: группа педагогических работников нескольких образовательных организаций}\n  - {term: '*курсив*', meaning: '<b>не разметка</b>'}\n");
    std::fs::write(&rules, text).unwrap();
    let out = tmp.path().join("out");
    build_ok(&policies, &out);
    let pdf = fold(&pdf_text(&out.join("itep/public/regulation.pdf")));
    assert!(
        pdf.contains("управляет составом участников чата; – сетевая группа – группа педагогических работников нескольких образовательных организаций; – *курсив* – <b>не разметка</b>."),
        "{pdf}"
    );
    let html = std::fs::read_to_string(out.join("itep/public/regulation.html")).unwrap();
    assert!(html.contains("&lt;b&gt;не разметка&lt;/b&gt;") && !html.contains("<b>не разметка"), "markup reached the HTML");
}

/// What real acts say that the examples did not: chats the platform forms itself (nobody
/// «creates» them, each has its moderator), the unit the admin is appointed from, a short
/// name that declines, and a regulation on the platform alone that never names the messenger.
#[test]
fn platform_formed_chats_admin_unit_declined_short_name_and_an_unnamed_messenger() {
    let (tmp, policies) = example_copy("open-school");
    let chats = policies.join("open-school/chats.yaml");
    let text = std::fs::read_to_string(&chats).unwrap();
    let (head, _) = text.split_once("group_chats:\n").unwrap();
    let group_chats = "group_chats:
  - audience: students
    owner: platform
    moderator: curator
  - audience: parents
    owner: platform
    moderator: curator
  - audience: subject
    owner: teacher
";
    std::fs::write(&chats, format!("{head}{group_chats}")).unwrap();
    let info = policies.join("open-school/institution.yaml");
    let text = std::fs::read_to_string(&info).unwrap();
    let short = "  short: {nom: Открытая школа № 12, gen: Открытой школы № 12, dat: Открытой школе № 12, acc: Открытую школу № 12, ins: Открытой школой № 12, prep: Открытой школе № 12}";
    let text = text.replace("  short: МБОУ ОСОШ № 12", short);
    assert!(text.contains(short), "the example's short name changed: update this test");
    std::fs::write(&info, format!("{text}admin_unit: методической службы\nmessenger_named: false\n")).unwrap();
    let out = tmp.path().join("out");
    build_ok(&policies, &out);
    let dir = out.join("open-school");
    let regulation = fold(&pdf_text(&dir.join("public/regulation.pdf")));

    // Platform-formed chats: listed as formed by the platform, with their moderator; the
    // curators create none, so no sentence says they create chats.
    assert_has(&regulation, &["на платформе формируются следующие чаты", "модератором которого является классный руководитель класса"], "regulation");
    assert!(!regulation.contains("Классные руководители создают"), "nobody creates a chat the platform forms:\n{regulation}");
    assert!(regulation.contains("Учителя создают"), "the teachers still create their subject chats");
    assert!(regulation.contains("сформированного платформой, – работник, указанный в настоящем Положении"), "{regulation}");
    let rules = fold(&pdf_text(&dir.join("public/chat-rules.pdf")));
    assert!(rules.contains("сформированного платформой, – работник, указанный в Положении"), "{rules}");
    let guide = std::fs::read_to_string(dir.join("public/site/curator.html")).unwrap();
    assert!(guide.contains("Платформа сама формирует"), "the curator's memo says the platform forms the chat");
    assert!(!guide.contains("Создайте чат"), "the memo tells nobody to create a chat the platform forms");

    // The admin's unit.
    assert!(regulation.contains("из числа работников методической службы Школы"), "{regulation}");

    // The declined short name: the genitive after a noun, wherever the documents put it.
    let order = fold(&pdf_text(&dir.join("restricted/order-admin.pdf")));
    assert!(regulation.contains("Директор Открытой школы № 12") || regulation.contains("приказом Открытой школы № 12"), "{regulation}");
    let form = fold(&pdf_text(&dir.join("public/opt-out-form.pdf")));
    assert!(form.contains("Открытой школы № 12"), "{form}");
    for text in [&regulation, &order, &form] {
        assert!(!text.contains("приказом Открытая школа") && !text.contains("Директору Открытая школа"), "a nominative after a noun:\n{text}");
    }
    let index = std::fs::read_to_string(dir.join("public/site/index.html")).unwrap();
    assert!(index.contains("в Открытой школе № 12"), "the site's title takes the prepositional");

    // The messenger unnamed: no document names MAX, each says «мессенджера».
    for file in ["public/regulation.pdf", "public/chat-rules.pdf", "public/opt-out-form.pdf", "restricted/order-platform.pdf", "restricted/order-admin.pdf"] {
        let text = fold(&pdf_text(&dir.join(file)));
        assert!(!text.contains("MAX") && !text.contains("VK"), "{file} names the messenger:\n{text}");
    }
    assert!(regulation.contains("учебного профиля мессенджера"), "{regulation}");
    // The guides still name it: people need to know which app to open.
    let parent = std::fs::read_to_string(dir.join("public/site/parent.html")).unwrap();
    assert!(parent.contains("MAX"), "the parents' memo names the messenger");
}

/// A chat the platform forms needs a moderator, and only such a chat has one.
#[test]
fn a_platform_formed_chat_without_a_moderator_is_refused() {
    let (tmp, policies) = example_copy("open-school");
    let chats = policies.join("open-school/chats.yaml");
    let text = std::fs::read_to_string(&chats).unwrap().replace("  - audience: students\n    owner: curator\n", "  - audience: students\n    owner: platform\n");
    std::fs::write(&chats, &text).unwrap();
    let o = run(&["check", policies.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("chats.yaml") && stdout(&o).contains("moderator"), "{}", stdout(&o));
    drop(tmp);
}
