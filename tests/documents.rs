//! The administration's documents beyond the regulation: what a user checks in each file
//! (requisites, declined names, order numbers and dates from the data).

mod common;

use common::*;

#[test]
fn orders_carry_requisites_and_declined_names() {
    let out = build_examples();
    let order = |id: &str, slug: &str| fold(&pdf_text(&out.path().join(id).join("restricted").join(format!("{slug}.pdf"))));

    let itep = order("itep", "order-platform");
    assert_has(&itep, &[
        "ПРИКАЗ",
        "25.10.2023",
        "№ 212 п",
        "г. Иркутск",
        "Об использовании ИКОП «Сферум» и учебного профиля VK Мессенджера",
        "ПРИКАЗЫВАЮ:",
        // The preamble: ст. 28 and 30 273-ФЗ and the councils' opinion (ч. 3 ст. 30).
        "В соответствии со статьями 28 и 30 Федерального закона от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации», Уставом Техникума, с учетом мнения совета обучающихся",
        // One order approves the act and both its appendices.
        "1. Утвердить Положение об использовании ИКОП «Сферум» и учебного профиля VK Мессенджера при реализации образовательных программ (приложение к настоящему приказу), в том числе правила общения в чатах (приложение № 1 к Положению) и форму заявления об отказе от использования платформы (приложение № 2 к Положению).",
        "2. Методисту Колчановой О.С. в срок до 01.11.2023 разместить Положение",
        "Преподавателям в срок до 30.11.2023",
        "Кураторам в срок до 01.12.2023",
        "Заместителю директора по учебной работе Орлову И.П. в срок до 10.11.2023",
        "8. Контроль за исполнением настоящего приказа возложить на Орлова Игоря Петровича, заместителя директора по учебной работе.",
        "Директор С.В. Суедина",
        "С приказом ознакомлены:",
        "О.С. Колчанова",
        "И.П. Орлов",
    ], "ИТЭП platform order");

    let admin = order("itep", "order-admin");
    assert_has(&admin, &[
        "16.10.2023",
        "№ 205 п",
        "О назначении администратора ИКОП «Сферум»",
        "1. Назначить администратором ИКОП «Сферум» Колчанову Ольгу Сергеевну, методиста.",
        "Колчановой О.С. – +7 900 000-00-01",
        "СФЕРУМ:Регистрация организации",
        "info@sferum.ru",
        "оставляю за собой",
    ], "ИТЭП admin order");

    // БПТ: additional admin in the accusative; the unnamed director of this draft leaves a
    // visible gap to fill in, never a signature without a name.
    let bpt = order("bpt", "order-admin");
    assert!(bpt.contains("Ершову Татьяну Игоревну, методиста"), "{bpt}");
    assert!(bpt.contains("Гусева Павла Олеговича, заведующего лабораторией"), "{bpt}");
    assert!(!bpt.contains("Директоров"), "a placeholder name is printed: {bpt}");
    assert!(bpt.contains("Директор ________________ И.О. Фамилия") || bpt.contains("Директор И.О. Фамилия"), "the gap for the unnamed signer: {bpt}");
    // A Порядок is approved by «Об утверждении Порядка …», on the adopting body's decision.
    let bpt_platform = order("bpt", "order-platform");
    assert_has(&bpt_platform, &[
        "Об утверждении Порядка применения сервисов взаимодействия",
        "на основании решения, принятого Советом ГАПОУ СО «БПТ» (протокол от 19.09.2024 № 8)",
    ], "БПТ platform order");

    // The MAX school approved its Положение by the head's signature: the order puts it into force.
    let school = order("school-max", "order-platform");
    assert_has(&school, &[
        "№ 121-о",
        "учебного профиля мессенджера MAX",
        "1. Ввести в действие Положение об использовании ИКОП «Сферум» и учебного профиля мессенджера MAX, утвержденное директором Учреждения 01.10.2025 (приложение к настоящему приказу), в том числе правила общения в чатах (приложение № 1 к Положению)",
        "с учетом мнения совета обучающихся (протокол от 25.09.2025 № 1) и совета родителей (законных представителей) несовершеннолетних обучающихся (протокол от 26.09.2025 № 1), на основании решения, принятого педагогическим советом БОУ г. Омска «СОШ № 200» (протокол от 29.09.2025 № 2)",
        "Классным руководителям в срок до 20.10.2025 создать на платформе чаты своих классов",
        "Контроль за исполнением настоящего приказа оставляю за собой.",
        "Директор М.О. Петренко",
    ], "school platform order");
    assert!(!school.contains("VK"), "a MAX order names VK");
}

#[cfg(unix)]
#[test]
fn restricted_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let out = build_examples();
    let dir = out.path().join("itep/restricted");
    assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    for e in std::fs::read_dir(&dir).unwrap() {
        let mode = e.unwrap().metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn registration_letter_and_sheets_carry_the_data() {
    let out = build_examples();
    let text = |id: &str, file: &str| fold(&pdf_text(&out.path().join(id).join(file)));

    let letter = text("bpt", "restricted/registration-letter.pdf");
    assert_has(&letter, &[
        "10.09.2024 № ________",
        "Службе технической поддержки",
        "info@sferum.ru",
        "О регистрации на ИКОП «Сферум»",
        "Государственное автономное профессиональное образовательное учреждение Саратовской области «Балаковский политехнический техникум» (далее – Техникум) просит зарегистрировать Техникум",
        "сокращенное наименование: ГАПОУ СО «БПТ»",
        "официальный сайт: https://bpt-balv.ru/",
        "от 10.09.2024 № 330 назначена Ершова Татьяна Игоревна, методист",
        "+7 900 000-00-12",
        "Директор ГАПОУ СО «БПТ»",
        "Исп. Т.И. Ершова",
    ], "БПТ letter");

    let sheet = text("itep", "restricted/acknowledgment-regulation.pdf");
    assert!(sheet.contains("ЛИСТ ОЗНАКОМЛЕНИЯ"), "{sheet}");
    assert!(sheet.contains("с Положением об использовании ИКОП «Сферум» и учебного профиля VK Мессенджера"), "{sheet}");
    assert!(sheet.contains(", утвержденным приказом от 25.10.2023 № 212 п"), "the sheet names the act by its approving order: {sheet}");
    // One row per staff member but the head, in the order of roles.yaml, the name pre-filled
    // after the room to sign (cells wrap inside their rows); then numbered spare rows.
    let rows = ["№ Должность Подпись подписи ознакомления", "1 методист О.С. Колчанова", "2 директора по И.П. Орлов", "4 преподаватель М.А. Шевченко 5 6 7 8 9"];
    let positions: Vec<usize> = rows.iter().map(|r| sheet.find(r).unwrap_or_else(|| panic!("ИТЭП sheet lacks «{r}»:\n{sheet}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "rows out of order: {positions:?}");
    let order_sheet = text("itep", "restricted/acknowledgment-order-platform.pdf");
    assert!(order_sheet.contains("с приказом от 25.10.2023 № 212 п «Об использовании ИКОП „Сферум“ и учебного профиля VK Мессенджера»"), "{order_sheet}");
    let admin_sheet = text("itep", "restricted/acknowledgment-order-admin.pdf");
    assert!(admin_sheet.contains("с приказом от 16.10.2023 № 205 п «О назначении администратора ИКОП „Сферум“»"), "{admin_sheet}");
    assert!(!sheet.contains("Суедина"), "the head is on the sheet: {sheet}");
    // БПТ's placeholder director is not on the sheet.
    assert!(!text("bpt", "restricted/acknowledgment-regulation.pdf").contains("Директоров"));
}

#[test]
fn public_forms_follow_the_rules_and_the_vocabulary() {
    let out = build_examples();
    let text = |id: &str, file: &str| fold(&pdf_text(&out.path().join(id).join(file)));

    let rules = text("school-max", "public/chat-rules.pdf");
    assert_has(&rules, &[
        "ПРАВИЛА",
        "общения в чатах Учреждения на ИКОП «Сферум»",
        "учебном профиле мессенджера MAX",
        // Appendix № 1 of the regulation, approved with it.
        "Приложение № 1 к Положению, утвержденному директором БОУ г. Омска «СОШ № 200» 01.10.2025",
        "с 21:00 до 07:30 по омскому времени (UTC+6)",
        // Moderation within ст. 43 273-ФЗ: delete, restrict sending for a time with notice.
        "Модератор вправе удалить из чата сообщение, нарушающее правила общения",
        "более двух раз после напоминания о них, модератор вправе, заранее уведомив участника, временно ограничить ему возможность направлять сообщения в чат на срок не более двух недель",
        "Ограничение не лишает участника возможности читать сообщения чата",
        "К обучающимся, осваивающим образовательную программу начального общего образования, ограничение возможности направлять сообщения не применяется",
        "в комиссию по урегулированию споров между участниками образовательных отношений",
        "удаляет из чатов родителей (законных представителей) выбывшего обучающегося",
    ], "school chat rules");
    let bpt_rules = text("bpt", "public/chat-rules.pdf");
    assert!(bpt_rules.contains("на срок не более одного месяца"), "{bpt_rules}");
    // A college has no primary pupils; no example blocks anyone or asks for an apology.
    assert!(!bpt_rules.contains("начального общего"), "{bpt_rules}");
    for t in [&rules, &bpt_rules] {
        for banned in ["заблокир", "блокиров", "извинени", "досрочно"] {
            assert!(!t.to_lowercase().contains(banned), "«{banned}» in the chat rules: {t}");
        }
    }

    let form = text("itep", "public/opt-out-form.pdf");
    assert_has(&form, &[
        "Приложение № 2 к Положению, утвержденному приказом ЧПОУ «ИТЭП» от 25.10.2023 № 212 п",
        "Директору ЧПОУ «ИТЭП» С.В. Суединой",
        "ЗАЯВЛЕНИЕ",
        "об отказе от использования ИКОП «Сферум»",
        // A college's adult student refuses for himself; a parent for a minor.
        "являясь (нужное подчеркнуть) совершеннолетним студентом / родителем (законным представителем) несовершеннолетнего студента",
        "(группа ________)",
        "учебного профиля VK Мессенджера для взаимодействия с Техникумом",
        "□ по телефону;",
        "□ по электронной почте;",
        "□ на личных встречах.",
    ], "ИТЭП opt-out form");
    let school_form = text("school-max", "public/opt-out-form.pdf");
    assert!(school_form.contains("(класс ________)") && school_form.contains("□ в письменной форме на бумажном носителе."), "{school_form}");
    assert!(school_form.contains("являясь родителем (законным представителем) обучающегося") && !school_form.contains("совершеннолетн"), "{school_form}");
}

/// The request e-mail, read back with Python's `email` package as a mail program would.
#[test]
fn registration_email_parses_with_python() {
    let out = build_examples();
    let eml = out.path().join("itep/restricted/registration-request.eml");
    let script = r#"
import email, sys
from email import policy
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=policy.default)
body = m.get_body(preferencelist=('plain',))
atts = list(m.iter_attachments())
print('SUBJECT', m['subject'])
print('TO', m['to'])
print('FROM', m['from'])
print('CHARSET', body.get_content_charset())
print('ATTACHMENTS', len(atts), ' '.join(a.get_content_type() for a in atts), ' '.join(a.get_filename() for a in atts))
print('PDF', atts[0].get_content()[:5].decode('ascii', 'replace'))
print('BODY', body.get_content().replace('\n', ' '))
"#;
    let o = std::process::Command::new("python3").args(["-c", script, eml.to_str().unwrap()]).output().expect("python3 runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report = String::from_utf8_lossy(&o.stdout);
    assert_has(&report, &[
        "SUBJECT СФЕРУМ:Регистрация организации",
        "TO info@sferum.ru",
        "FROM \"Колчанова О.С.\" <admin@example.invalid>",
        "CHARSET utf-8",
        "ATTACHMENTS 1 application/pdf Приказ_205_п_от_16.10.2023.pdf",
        "PDF %PDF-",
        "Колчанова Ольга Сергеевна, методист",
        "+7 900 000-00-01",
        "«Иркутский техникум экономики и права»",
    ], "the e-mail");
}

/// The editable copies carry the same requisites as the PDFs (text read from word/document.xml).
#[test]
fn docx_copies_carry_the_same_requisites() {
    let out = build_examples();
    let docx = |id: &str, file: &str| docx_text(&out.path().join(id).join(file));
    let checks: &[(&str, &str, &[&str])] = &[
        // The grif names the organisation's order, no person.
        ("itep", "public/regulation.docx", &["УТВЕРЖДЕНО", "приказом ЧПОУ «ИТЭП»", "от 25.10.2023 № 212 п", "УЧТЕНО МНЕНИЕ", "(далее – Техникум)"]),
        ("itep", "restricted/order-platform.docx", &["ПРИКАЗ", "25.10.2023", "№ 212 п", "Методисту Колчановой О.С. в срок до 01.11.2023", "Орлова Игоря Петровича", "С.В. Суедина"]),
        ("itep", "restricted/order-admin.docx", &["№ 205 п", "Колчанову Ольгу Сергеевну, методиста", "+7 900 000-00-01"]),
        ("bpt", "restricted/registration-letter.docx", &["10.09.2024", "Службе технической поддержки", "назначена Ершова Татьяна Игоревна", "Исп. Т.И. Ершова"]),
        ("bpt", "restricted/acknowledgment-regulation.docx", &["ЛИСТ ОЗНАКОМЛЕНИЯ", "Расшифровка подписи", "О.А. Троценко", "юрисконсульт"]),
        ("school-max", "public/chat-rules.docx", &["ПРАВИЛА", "Приложение № 1", "с 21:00 до 07:30", "более двух раз"]),
        ("school-max", "public/opt-out-form.docx", &["ЗАЯВЛЕНИЕ", "Приложение № 2", "Директору БОУ г. Омска «СОШ № 200»", "М.О. Петренко", "□ по телефону;"]),
    ];
    for (id, file, needles) in checks {
        let text = docx(id, file);
        for needle in *needles {
            assert!(text.contains(needle), "{id}/{file} lacks «{needle}»:\n{text}");
        }
    }
}

/// Every document of every example carries what the data says: checked from the model, so the
/// expectations follow the YAML rather than being typed twice.
#[test]
fn every_document_of_every_example_carries_its_data() {
    use sferum_gen::grammar::{Case, NameForms};
    use sferum_gen::model::OrderKind;
    let out = build_examples();
    let checked = sferum_gen::pipeline::check(&sferum_gen::config::CheckConfig::new(root().join("policies")));
    let catalog = checked.catalog.expect("examples are valid");
    for inst in &catalog.institutions {
        let dir = out.path().join(inst.id());
        let pdf = |file: &str| fold(&pdf_text(&dir.join(file)));
        let docx = |file: &str| docx_text(&dir.join(file));
        let both = |stem: &str| [pdf(&format!("{stem}.pdf")), docx(&format!("{stem}.docx"))];
        let must = |texts: &[String], needle: &str, what: &str| {
            for t in texts {
                assert!(t.contains(needle), "{}: {what} lacks «{needle}»:\n{t}", inst.id());
            }
        };
        let platform = inst.order_of_kind(OrderKind::RegulationApproval).unwrap();
        let appointment = inst.order_of_kind(OrderKind::AdminAppointment).unwrap();
        let admin = inst.admin().unwrap();
        let short = &inst.info.name.short.nom;

        let texts = both("restricted/order-platform");
        must(&texts, &platform.date.dotted(), "the platform order");
        must(&texts, &format!("№ {}", platform.number), "the platform order");
        for duty in &platform.duties {
            must(&texts, &format!("в срок до {}", duty.deadline.dotted()), "the platform order");
            if let Some(p) = duty.person.as_deref().and_then(|id| inst.person(id)) {
                must(&texts, &NameForms::of(p, Case::Dat).short, "the platform order");
            }
        }

        let texts = both("restricted/order-admin");
        must(&texts, &appointment.date.dotted(), "the admin order");
        must(&texts, &format!("№ {}", appointment.number), "the admin order");
        must(&texts, &NameForms::of(admin, Case::Acc).full, "the admin order");
        must(&texts, admin.phone.as_deref().unwrap(), "the admin order");
        for extra in appointment.additional_admins.iter().filter_map(|id| inst.person(id)) {
            must(&texts, &NameForms::of(extra, Case::Acc).full, "the admin order");
        }

        let texts = both("restricted/registration-letter");
        // The letter opens with the full name, its first letter capitalised.
        must(&texts, &capitalised(&inst.info.name.full.nom), "the letter");
        must(&texts, &NameForms::of(admin, Case::Nom).full, "the letter");
        must(&texts, admin.phone.as_deref().unwrap(), "the letter");

        // Everyone but the head reads the regulation and the platform order; the admin's
        // appointment is read by the people it names (tests/layout.rs checks who is left out).
        let staff: Vec<&str> = inst.roles.people.iter().filter(|p| p.id != inst.head().id).map(|p| p.id.as_str()).collect();
        let named: Vec<&str> = appointment.admin.iter().chain(&appointment.additional_admins).chain(&appointment.control).map(String::as_str).collect();
        for (sheet, signers) in [("acknowledgment-regulation", &staff), ("acknowledgment-order-platform", &staff), ("acknowledgment-order-admin", &named)] {
            let texts = both(&format!("restricted/{sheet}"));
            for p in signers.iter().filter_map(|id| inst.person(id)).filter(|p| !p.placeholder) {
                must(&texts, &p.surname, sheet);
            }
        }

        let texts = both("public/chat-rules");
        if let Some(q) = &inst.rules.quiet_hours {
            must(&texts, &format!("с {} до {}", q.from, q.to), "the chat rules");
        }

        let texts = both("public/opt-out-form");
        must(&texts, &format!("{} {short}", capitalised(&inst.head().post.dat)), "the opt-out form");
        if !inst.head().placeholder {
            must(&texts, &NameForms::of(inst.head(), Case::Dat).initials_first, "the opt-out form");
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
