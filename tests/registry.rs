//! The legal-acts registry is built into the binary (issue 12): one institution's folder
//! checks and builds anywhere on its own, and a `_registry/` beside the institutions extends
//! the built-in registry or overrides its entries by id.

mod common;

use common::*;

#[test]
fn one_institution_folder_builds_anywhere_without_a_registry_beside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let alone = tmp.path().join("somewhere/itep");
    copy_tree(&root().join("policies/itep"), &alone);
    assert!(!tmp.path().join("somewhere/_registry").exists());
    let o = run(&["check", alone.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = tmp.path().join("out");
    build_ok(&alone, &out);
    let text = fold(&pdf_text(&out.join("itep/public/regulation.pdf")));
    // The built-in registry's entries are cited.
    assert!(text.contains("от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"), "{text}");
}

#[test]
fn a_registry_beside_the_institutions_extends_and_overrides_the_built_in_one() {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("policies/itep"), &policies.join("itep"));
    std::fs::create_dir_all(policies.join("_registry")).unwrap();
    // A regional act of its own, cited by the institution, and a built-in entry given another
    // (test-only) title: only these two entries are in the local file.
    std::fs::write(
        policies.join("_registry/legal-acts.yaml"),
        "acts:
  - id: region-order-1
    type: ministry-order
    issuer: Министерства образования области
    number: '100'
    date: 2022-01-15
    title: Об использовании платформы в образовательных организациях области
    source: test fixture
    status: in_force
  - id: fz-436
    type: federal-law
    number: 436-ФЗ
    date: 2010-12-29
    title: О защите детей от информации (заголовок из локального реестра)
    source: test fixture
    status: in_force
",
    )
    .unwrap();
    let info = policies.join("itep/institution.yaml");
    let text = std::fs::read_to_string(&info).unwrap();
    std::fs::write(&info, text.replacen("legal_basis:\n", "legal_basis:\n  - act: region-order-1\n", 1)).unwrap();
    let out = tmp.path().join("out");
    build_ok(&policies, &out);
    let text = fold(&pdf_text(&out.join("itep/public/regulation.pdf")));
    assert!(text.contains("Об использовании платформы в образовательных организациях области"), "the local act is cited:\n{text}");
    assert!(text.contains("заголовок из локального реестра"), "the local entry overrides the built-in one:\n{text}");
    assert!(text.contains("№ 273-ФЗ «Об образовании в Российской Федерации»"), "the built-in entries stay:\n{text}");

    // An id twice in the local file is still an error at its line.
    let registry = policies.join("_registry/legal-acts.yaml");
    let local = std::fs::read_to_string(&registry).unwrap();
    std::fs::write(&registry, local.replace("  - id: fz-436", "  - id: region-order-1")).unwrap();
    let o = run(&["check", policies.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("duplicate-id") && stderr(&o).contains("_registry/legal-acts.yaml:10:"), "{}", stderr(&o));
}
