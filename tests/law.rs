//! What a regional reviewer checks (issue 10, ../shared/domain.md §5 and §12), read back from
//! the generated files of every example — the PDF (pdftotext), the HTML page and the DOCX
//! XML — and from the legal-acts registry as data of record.

mod common;

use std::path::Path;

use common::*;
use sferum_gen::model::{Catalog, Institution, Kind, Ownership, Programme};

fn catalog() -> Catalog {
    sferum_gen::pipeline::check(&sferum_gen::config::CheckConfig::new(root().join("policies"))).catalog.expect("the examples are valid")
}


/// A PDF's text without the page headers that pdftotext puts in the flow (the page number,
/// and a draft's mark «ПРОЕКТ»), so that phrases run on across a page break.
fn pdf_body(path: &Path) -> String {
    let text = pdf_text(path);
    let header = |l: &str| {
        let rest = l.replace("ПРОЕКТ", "");
        !l.trim().is_empty() && rest.trim().chars().all(|c| c.is_ascii_digit())
    };
    fold(&text.lines().filter(|l| !header(l)).collect::<Vec<_>>().join("\n"))
}

/// Hyphens dropped: a compound split at a line end («информационно-» / «коммуникационной»)
/// loses its hyphen when the lines are joined, so both sides compare without any.
fn norm(s: &str) -> String {
    s.replace(['-', '\u{ad}'], "")
}

/// Asserts that `text` contains every one of `needles`, hyphens aside.
fn has_all(text: &str, needles: &[&str], what: &str) {
    let t = norm(text);
    for needle in needles {
        assert!(t.contains(&norm(needle)), "{what} lacks «{needle}»:\n{text}");
    }
}

/// Whether `text` contains `needle`, hyphens aside.
fn has(text: &str, needle: &str) -> bool {
    norm(text).contains(&norm(needle))
}

/// The regulation of `inst` in each of its forms: PDF, HTML, DOCX.
fn regulation_forms(out: &Path, inst: &Institution) -> Vec<(String, String)> {
    let dir = out.join(inst.id()).join("public");
    vec![
        ("regulation.pdf".into(), pdf_body(&dir.join("regulation.pdf"))),
        ("regulation.html".into(), fold(&html_text(&dir.join("regulation.html")))),
        ("regulation.docx".into(), docx_text(&dir.join("regulation.docx"))),
    ]
}

/// The lawful content every regulation carries, in every form, following each institution's data.
#[test]
fn every_regulation_carries_what_the_law_requires() {
    let out = build_examples();
    let catalog = catalog();
    assert!(catalog.institutions.len() >= 6, "the three real-like and three new invented examples");
    for inst in &catalog.institutions {
        let id = inst.id();
        let college = inst.info.kind == Kind::College;
        let adults = inst.adult_learners();
        // A preschool's children never join the platform: its parents refuse for themselves and
        // on the child's behalf, and its children have development, not marks.
        let children_join = inst.info.kind.learners_join();
        for (form, text) in regulation_forms(out.path(), inst) {
            let what = format!("{id}/{form}");
            // ч. 3 ст. 30 273-ФЗ: the councils' opinion is shown on the act.
            has_all(&text, &["УЧТЕНО МНЕНИЕ"], &what);
            // Voluntary use and the right to refuse, with the form of Приложение № 2.
            has_all(&text, &[
                "Использование платформы",
                "является добровольным",
                "вправе отказаться от использования платформы",
                "по форме согласно приложению № 2",
                if children_join { "Образовательный процесс для" } else { "Образовательная деятельность в отношении воспитанника" },
                "осуществляется в обычных формах",
            ], &what);
            if !children_join {
                has_all(&text, &["вправе отказаться от использования платформы для себя и от имени воспитанника", "Воспитанники на платформе не регистрируются и в чатах не участвуют"], &what);
            }
            if adults {
                has_all(&text, &["Совершеннолетний", "вправе отказаться от использования платформы самостоятельно", "только с письменного согласия совершеннолетнего"], &what);
            }
            if college {
                assert!(has(&text, "несовершеннолетних студентов"), "{what}: a college's parents are those of minor students");
            }
            if inst.runs(Programme::Primary) || inst.runs(Programme::Basic) {
                has_all(&text, &["не достигшие возраста 14 лет, регистрируются на платформе"], &what);
            }
            // Personal data and child safety.
            has_all(&text, &[
                "является оператором персональных данных",
                "№ 152-ФЗ «О персональных данных»",
                if children_join { "отметки и результаты оценивания" } else { "сведения о развитии воспитанников" },
                "о состоянии их здоровья и о семейных обстоятельствах",
                "статья 152.1 Гражданского кодекса Российской Федерации",
                "№ 436-ФЗ «О защите детей от информации, причиняющей вред их здоровью и развитию»",
                "признаки травли",
                "сохраняет копию такой информации",
            ], &what);
            // ч. 8 ст. 10 149-ФЗ binds state and municipal institutions, as a ban.
            let ban = "запрещается передавать персональные данные граждан Российской Федерации и платежные документы посредством иностранных мессенджеров";
            assert_eq!(has(&text, ban), inst.info.ownership != Ownership::Private, "{what}: the foreign-messenger ban follows the ownership");
            if inst.info.ownership != Ownership::Private {
                assert!(has(&text, "часть 8 статьи 10 Федерального закона от 27.07.2006 № 149-ФЗ"), "{what}");
            }
            // Moderation within ст. 43 273-ФЗ.
            if inst.rules.moderation.is_some() && inst.rules.sections.ethics {
                has_all(&text, &["временно ограничить ему возможность направлять сообщения", "не является мерой дисциплинарного взыскания", "комиссию по урегулированию споров"], &what);
            }
            assert_eq!(
                has(&text, "ограничение возможности направлять сообщения не применяется"),
                inst.runs(Programme::Primary) && inst.rules.moderation.is_some() && inst.rules.sections.ethics,
                "{what}: only primary pupils are exempt from restriction"
            );
            if !inst.runs(Programme::Primary) {
                assert!(!has(&text, "начального общего"), "{what}: no clause about primary pupils without primary programmes");
            }
            // The appendices approved with the act.
            if inst.rules.sections.ethics {
                assert!(has(&text, "(приложение № 1 к настоящему"), "{what}: the chat rules are its Приложение № 1");
            }
            // Local time named after the zone, never the IANA id.
            assert!(has(&text, "по ") && regex_like_local_time(&text), "{what}: «по …скому времени (UTC…)»");
            assert!(!has(&text, &inst.info.time_zone), "{what}: the IANA zone id in human text");
            for banned in ["заблокир", "блокиров", "разблокир", "извинени", "структурное подразделение", "структурного подразделения"] {
                assert!(!text.to_lowercase().contains(banned), "{what}: «{banned}»");
            }
        }
    }
}

/// «по омскому времени (UTC+6)»: an adjective in -ому before «времени», then the offset.
fn regex_like_local_time(text: &str) -> bool {
    text.match_indices(" времени (UTC").any(|(at, _)| text[..at].rsplit(' ').next().is_some_and(|w| w.ends_with("скому") || w.ends_with("ому")))
}

/// The appendices, the orders and the consent form, in every example.
#[test]
fn appendices_orders_and_the_consent_form_follow_the_law() {
    let out = build_examples();
    let catalog = catalog();
    for inst in &catalog.institutions {
        let id = inst.id();
        let dir = out.path().join(id);
        let pdf = |file: &str| pdf_body(&dir.join(file));
        let word = if inst.info.document.doc_type == sferum_gen::model::DocumentType::Poryadok { "Порядку" } else { "Положению" };

        let rules = pdf("public/chat-rules.pdf");
        has_all(&rules, &["Приложение № 1", &format!("к {word},")], &format!("{id} chat rules"));
        let form = pdf("public/opt-out-form.pdf");
        has_all(&form, &["Приложение № 2", &format!("к {word},"), "ЗАЯВЛЕНИЕ"], &format!("{id} opt-out form"));
        assert!(has(&form, "совершеннолетним") == inst.adult_learners(), "{id}: the adult student's own refusal on the form");
        // Addressee: «Директору <организации> И.О. Фамилии».
        let head = inst.head();
        if !head.placeholder {
            let name = sferum_gen::grammar::NameForms::of(head, sferum_gen::grammar::Case::Dat).initials_first;
            assert!(has(&form, &format!("{} {name}", inst.info.name.short.r#gen)), "{id}: the addressee «… {name}»:\n{form}");
        }

        let order = pdf("restricted/order-platform.pdf");
        has_all(&order, &["В соответствии со статьями 28 и 30 Федерального закона от 29.12.2012 № 273-ФЗ", "(приложение № 1 к", "(приложение № 2 к"], &format!("{id} platform order"));
        if let Some(a) = &inst.info.document.approval.adopted {
            assert!(has(&order, &format!("на основании решения, принятого {}", a.body)), "{id}: the adopting body's protocol in the preamble:\n{order}");
        }
        if inst.info.document.approval.considered.as_ref().is_some_and(|c| !c.is_empty()) {
            assert!(has(&order, "с учетом мнения"), "{id}: the councils' opinion in the preamble");
        }
        assert!(has(&order, "под роспись") && !has(&order, "под подпись"), "{id}: acknowledgment «под роспись»");
        if inst.info.document.replaces.is_some() {
            assert!(has(&order, "Признать утратившим силу"), "{id}: the new edition voids the old act");
        }
        // The acknowledgment sheet names the order by its own heading.
        let heading = if word == "Порядку" { "«Об утверждении Порядка" } else { "«Об использовании ИКОП „Сферум“" };
        let platform_order = inst.order_of_kind(sferum_gen::model::OrderKind::RegulationApproval).unwrap();
        let sheet = pdf("restricted/acknowledgment-order-platform.pdf");
        assert!(has(&sheet, &format!("с приказом от {} № {} {heading}", platform_order.date.dotted(), platform_order.number)), "{id}: the sheet's heading:\n{sheet}");

        let admin_order = pdf("restricted/order-admin.pdf");
        assert!(has(&admin_order, "с письменного согласия работника от"), "{id}: the consent to the extra duties:\n{admin_order}");
        let consent = pdf("restricted/admin-consent.pdf");
        let admin = inst.admin().unwrap();
        has_all(&consent, &[
            "СОГЛАСИЕ",
            "в соответствии со статьей 9 Федерального закона от 27.07.2006 № 152-ФЗ",
            &sferum_gen::grammar::NameForms::of(admin, sferum_gen::grammar::Case::Nom).full,
            admin.phone.as_deref().unwrap(),
            "оператору информационно-коммуникационной образовательной платформы «Сферум»",
            "вправе отозвать согласие",
        ], &format!("{id} consent form"));
        assert!(!dir.join("public/admin-consent.pdf").exists(), "{id}: the consent form is restricted");
    }
}

/// The registry is data of record: every entry names its source, the titles are the acts' own,
/// an entry without a confirmed title prints none, and what the documents print is the registry's.
#[test]
fn the_registry_is_data_of_record() {
    let text = std::fs::read_to_string(root().join("policies/_registry/legal-acts.yaml")).unwrap();
    let (value, _) = sferum_gen::load::parse_yaml(&text).expect("the registry parses");
    let acts = value["acts"].as_array().unwrap();
    for act in acts {
        let source = act["source"].as_str().unwrap_or_default();
        assert!(!source.trim().is_empty(), "{} has no `source`", act["id"]);
    }
    let catalog = catalog();
    let registry = &catalog.registry;
    // Titles as ../shared/domain.md §5 gives them (the ones the issue found wrong, and new acts).
    for (id, title) in [
        ("pp-1241", "О федеральной государственной информационной системе «Моя школа» и внесении изменения в подпункт «а» пункта 2 Положения об инфраструктуре, обеспечивающей информационно-технологическое взаимодействие информационных систем, используемых для предоставления государственных и муниципальных услуг и исполнения государственных и муниципальных функций в электронной форме"),
        ("minpros-r-210", "Об утверждении Методологии мотивирующего мониторинга деятельности органов исполнительной власти субъектов Российской Федерации, осуществляющих государственное управление в сфере образования"),
        ("minpros-letter-04-127", "О направлении методических рекомендаций"),
        ("minpros-letter-04-643", "О направлении информации"),
        ("mincifry-542-1", "О мероприятиях по созданию элементов ФГИС «Моя школа», обеспечивающих реализацию ее функций, и мероприятиях по созданию ФГИС «Моя школа»"),
        ("rp-1880-r", "Об организации, обеспечивающей создание и функционирование многофункционального сервиса обмена информацией"),
        ("fz-436", "О защите детей от информации, причиняющей вред их здоровью и развитию"),
    ] {
        assert_eq!(registry.get(id).and_then(|a| a.title.as_deref()), Some(title), "{id}");
    }
    for id in ["sp-2-4-3648-20", "sanpin-1-2-3685-21"] {
        assert!(registry.get(id).is_some_and(|a| a.title.is_some()), "{id}: the sanitary rules are in the registry");
    }
    // Statuses as of a date: ПП № 1678 from 01.09.2024, № 816 until then, ПП № 2040 spent.
    use sferum_gen::model::{ActStanding, ActStatus, Date};
    let on = |s: &str| Date::parse_iso(s).unwrap();
    assert!(matches!(registry.get("pp-1678").unwrap().standing_on(on("2024-08-31")), ActStanding::NotYetInForce(_)));
    assert_eq!(registry.get("pp-1678").unwrap().standing_on(on("2024-09-01")), ActStanding::InForce);
    assert_eq!(registry.get("minobrnauki-816").unwrap().standing_on(on("2023-10-25")), ActStanding::InForce);
    assert!(matches!(registry.get("minobrnauki-816").unwrap().standing_on(on("2024-09-01")), ActStanding::Ended { status: ActStatus::Repealed, .. }));
    assert!(matches!(registry.get("pp-2040").unwrap().standing_on(on("2023-01-01")), ActStanding::Ended { status: ActStatus::Spent, .. }));

    // What the documents print is the registry's: each cited act's own title, or none.
    let out = build_examples();
    let vocabulary = sferum_gen::render::Vocabulary::bundled().unwrap();
    let mut untitled = 0;
    for inst in &catalog.institutions {
        let info = &inst.info;
        for (form, text) in regulation_forms(out.path(), inst) {
            for c in info.legal_basis.iter().chain(&info.recommendations).chain(&info.upcoming) {
                let act = registry.get(&c.act).unwrap();
                let case = if act.is_letter() { "ins" } else { "nom" };
                let printed = sferum_gen::render::citation(&vocabulary, act, case);
                assert!(has(&text.to_lowercase(), &printed.to_lowercase()), "{}/{form}: «{printed}» is not printed as the registry has it", inst.id());
                match &act.title {
                    Some(title) => assert!(printed.contains(&title.replace('«', "„").replace('»', "“"))),
                    None => {
                        // The citation ends with the number: no title, invented or not.
                        let (text, number) = (norm(&text), norm(act.number.as_deref().unwrap()));
                        let after = &text[text.find(&number).unwrap() + number.len()..];
                        assert!(!after.trim_start().starts_with('«'), "{}/{form}: a title after {number}", inst.id());
                        untitled += 1;
                    }
                }
            }
            // Letters never stand in the legal basis.
            let basis = &text[text.find("Правовую основу").unwrap()..];
            let basis = &basis[..basis.find(". ").unwrap_or(basis.len())];
            assert!(!basis.contains("письмо"), "{}/{form}: a letter in the legal basis: {basis}", inst.id());
        }
    }
    assert!(untitled > 0, "an example cites an act without a confirmed title");
}

/// A registry entry without `source` is refused.
#[test]
fn a_registry_entry_without_a_source_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    std::fs::create_dir_all(policies.join("_registry")).unwrap();
    copy_tree(&root().join("policies/itep"), &policies.join("itep"));
    let registry = std::fs::read_to_string(root().join("policies/_registry/legal-acts.yaml")).unwrap();
    let first = registry.find("    source:").unwrap();
    let end = first + registry[first..].find('\n').unwrap() + 1;
    std::fs::write(policies.join("_registry/legal-acts.yaml"), format!("{}{}", &registry[..first], &registry[end..])).unwrap();
    let o = run(&["check", policies.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(report["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "missing-field" && d["message"].as_str().unwrap().contains("source")), "{report:#}");
}

/// The new examples are invented and exercise what the three old ones cannot.
#[test]
fn the_new_examples_cover_other_institutions() {
    let out = build_examples();
    for id in ["ddt-raduga", "open-school", "college-edition"] {
        for file in ["institution.yaml", "roles.yaml", "appointments.yaml", "chats.yaml", "rules.yaml"] {
            let text = std::fs::read_to_string(root().join("policies").join(id).join(file)).unwrap();
            assert!(has(&text, "# invented"), "{id}/{file} is not marked # invented");
        }
    }
    let text = |id: &str, file: &str| pdf_body(&out.path().join(id).join(file));
    // Supplementary: the staff word is the institution's, the platform role stays «учитель».
    let ddt = text("ddt-raduga", "public/regulation.pdf");
    has_all(&ddt, &["Педагоги дополнительного образования", "в роли учителя", "дополнительных общеобразовательных программ"], "ДДТ");
    // The open school: adults, no primary pupils.
    let open = text("open-school", "public/regulation.pdf");
    has_all(&open, &["Совершеннолетний обучающийся вправе отказаться", "родители (законные представители) несовершеннолетних обучающихся"], "open school");
    assert!(!has(&open, "начального общего"), "{open}");
    // The college's new edition.
    let college = text("college-edition", "public/regulation.pdf");
    has_all(&college, &["УЧТЕНО МНЕНИЕ", "студенческого совета ГБПОУ НСО «НКСС»", "утрачивает силу Положение об использовании информационно-коммуникационной образовательной платформы «Сферум», утвержденное приказом ГБПОУ НСО «НКСС» от 20.11.2023 № 214-од", "Председатель"], "college");
}

/// A signer the data does not name: a final build refuses (see the `placeholder-signer`
/// fixture); a draft prints a visible gap and «ПРОЕКТ» on every page of every form.
#[test]
fn drafts_show_the_gap_and_the_mark_on_every_page() {
    // The bundled БПТ is a draft in its data: its source does not name the director.
    let out = build_examples();
    let bpt = out.path().join("bpt");
    for file in ["public/regulation.pdf", "restricted/order-platform.pdf", "restricted/order-admin.pdf", "public/chat-rules.pdf", "restricted/acknowledgment-regulation.pdf"] {
        let pages = pdf_pages(&bpt.join(file));
        assert!(pages.iter().all(|p| p.contains("ПРОЕКТ")), "bpt/{file}: a page without «ПРОЕКТ»");
    }
    let order = fold(&pdf_text(&bpt.join("restricted/order-admin.pdf")));
    // The order's signature requisite: the post, the room to sign, «И.О. Фамилия» to fill in.
    assert!(order.contains("Директор И.О. Фамилия"), "the unnamed director's gap:\n{order}");
    for file in ["public/regulation.docx", "restricted/order-admin.docx"] {
        let bytes = std::fs::read(bpt.join(file)).unwrap();
        for header in ["word/header1.xml", "word/header2.xml"] {
            assert!(docx_part(&bytes, header).contains("ПРОЕКТ"), "bpt/{file}: {header} has no «ПРОЕКТ»");
        }
    }
    assert!(std::fs::read_to_string(bpt.join("public/regulation.html")).unwrap().contains("<p class=\"draft-mark\">ПРОЕКТ</p>"));
    // A final document carries no mark.
    let itep = out.path().join("itep");
    assert!(!pdf_text(&itep.join("public/regulation.pdf")).contains("ПРОЕКТ"));
    assert!(!std::fs::read_to_string(itep.join("public/regulation.html")).unwrap().contains("<p class=\"draft-mark\">"));

    // `--draft` lets any institution with an unnamed signer build as a draft.
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("tests/fixtures/valid"), &policies);
    std::fs::copy(root().join("tests/fixtures/broken/placeholder-signer/demo/roles.yaml"), policies.join("demo/roles.yaml")).unwrap();
    let dir = tmp.path().join("out");
    let o = run(&["build", policies.to_str().unwrap(), "--out", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "a final build refuses an unnamed signer");
    assert!(!dir.exists(), "nothing is written");
    let o = run(&["build", policies.to_str().unwrap(), "--out", dir.to_str().unwrap(), "--draft"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let order = fold(&pdf_text(&dir.join("demo/restricted/order-platform.pdf")));
    assert!(order.contains("ПРОЕКТ") && order.contains("Директор И.О. Фамилия"), "{order}");
}
