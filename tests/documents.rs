//! The administration's documents beyond the regulation: what a user checks in each file
//! (requisites, declined names, order numbers and dates from the data).

mod common;

use common::*;

#[test]
fn orders_carry_requisites_and_declined_names() {
    let out = build_examples();
    let order = |id: &str, slug: &str| fold(&pdf_text(&out.path().join(id).join("restricted").join(format!("{slug}.pdf"))));

    let itep = order("itep", "order-platform");
    for needle in [
        "ПРИКАЗ",
        "25.10.2023",
        "№ 212 п",
        "г. Иркутск",
        "Об использовании ИКОП «Сферум» и учебного профиля VK Мессенджера",
        "ПРИКАЗЫВАЮ:",
        "1. Утвердить Положение об использовании ИКОП «Сферум» и учебного профиля VK Мессенджера при реализации образовательных программ (приложение к настоящему приказу).",
        "от 29.12.2012 № 273-ФЗ",
        "2. Методисту Колчановой О.С. в срок до 01.11.2023 разместить Положение",
        "Преподавателям в срок до 30.11.2023",
        "Кураторам в срок до 01.12.2023",
        "Заместителю директора по учебной работе Орлову И.П. в срок до 10.11.2023",
        "8. Контроль за исполнением настоящего приказа возложить на Орлова Игоря Петровича, заместителя директора по учебной работе.",
        "Директор С.В. Суедина",
        "С приказом ознакомлены:",
        "О.С. Колчанова",
        "И.П. Орлов",
    ] {
        assert!(itep.contains(needle), "ИТЭП platform order lacks «{needle}»:\n{itep}");
    }

    let admin = order("itep", "order-admin");
    for needle in [
        "16.10.2023",
        "№ 205 п",
        "О назначении администратора ИКОП «Сферум»",
        "1. Назначить администратором ИКОП «Сферум» Колчанову Ольгу Сергеевну, методиста.",
        "Колчановой О.С. – +7 900 000-00-01",
        "СФЕРУМ:Регистрация организации",
        "info@sferum.ru",
        "оставляю за собой",
    ] {
        assert!(admin.contains(needle), "ИТЭП admin order lacks «{needle}»:\n{admin}");
    }

    // БПТ: additional admin in the accusative; the unnamed director signs by post only.
    let bpt = order("bpt", "order-admin");
    assert!(bpt.contains("Ершову Татьяну Игоревну, методиста"), "{bpt}");
    assert!(bpt.contains("Гусева Павла Олеговича, заведующего лабораторией"), "{bpt}");
    assert!(!bpt.contains("Директоров"), "a placeholder name is printed: {bpt}");

    // The MAX school approved its Положение by the head's signature: the order puts it into force.
    let school = order("school-max", "order-platform");
    for needle in [
        "№ 121-о",
        "учебного профиля мессенджера MAX",
        "1. Ввести в действие Положение об использовании ИКОП «Сферум» и учебного профиля мессенджера MAX, утвержденное директором Учреждения 01.10.2025",
        "Классным руководителям в срок до 20.10.2025 создать на платформе чаты своих классов",
        "Контроль за исполнением настоящего приказа оставляю за собой.",
        "Директор М.О. Петренко",
    ] {
        assert!(school.contains(needle), "school platform order lacks «{needle}»:\n{school}");
    }
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
