//! config/runtime.json and out/index.json: the contract for runtime services and CI.

mod common;

use common::*;

fn python(args: &[&str]) -> (bool, String) {
    let o = std::process::Command::new("python3").args(args).current_dir(root()).output().expect("python3 runs");
    (o.status.success(), format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)))
}

#[test]
fn runtime_config_validates_with_an_independent_validator_and_holds_no_personal_data() {
    let out = build_examples();
    let checked = sferum_gen::pipeline::check(&sferum_gen::config::CheckConfig::new(root().join("policies")));
    let catalog = checked.catalog.expect("examples are valid");
    let validate = "import json,sys\nfrom jsonschema import Draft202012Validator as V\nschema=json.load(open(sys.argv[1]))\nV.check_schema(schema)\nerrors=[e.message for e in V(schema).iter_errors(json.load(open(sys.argv[2])))]\nprint('\\n'.join(errors) or 'valid')\nsys.exit(1 if errors else 0)";
    for inst in &catalog.institutions {
        let path = out.path().join(inst.id()).join("config/runtime.json");
        let (ok, report) = python(&["-c", validate, "schemas/runtime-config.schema.json", path.to_str().unwrap()]);
        assert!(ok, "{}: {report}", inst.id());

        let text = std::fs::read_to_string(&path).unwrap();
        let config: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(config["institution"]["id"], inst.id());
        assert_eq!(config["inputs_sha256"], inst.inputs_sha256.as_str());
        for person in &inst.roles.people {
            for value in person.phone.iter().chain(&person.email) {
                assert!(!text.contains(value.as_str()), "{}: {value} is in runtime.json", inst.id());
            }
        }
        // The only address is the platform's public support; the only URL its instructions.
        assert!(text.contains("info@sferum.ru"));
        assert!(!text.replace("info@sferum.ru", "").contains('@'), "{}: an e-mail other than the platform's support", inst.id());
        let urls: Vec<&str> = text.match_indices("http").map(|(i, _)| &text[i..i + text[i..].find('"').unwrap()]).collect();
        assert_eq!(urls, ["https://sferum.ru/?p=instructions"], "{}: unexpected links", inst.id());
        // The guides of the onboarding site are where runtime.json says, relative to out/<id>/.
        let guides = config["public_guides"]["guides"].as_array().unwrap();
        let roles: Vec<&str> = guides.iter().map(|g| g["role"].as_str().unwrap()).collect();
        assert_eq!(roles, sferum_gen::site::guides(inst), "{}", inst.id());
        let preschool = inst.info.kind == sferum_gen::model::Kind::Preschool;
        let all = ["admin", "head", "curator", "teacher", "student", "parent"];
        assert_eq!(roles, all.into_iter().filter(|r| !preschool || *r != "student").collect::<Vec<_>>(), "{}: a preschool has no students' guide", inst.id());
        let paths = std::iter::once(&config["public_guides"]["index"]).chain(guides.iter().flat_map(|g| [&g["html"], &g["pdf"]]));
        for p in paths {
            let file = out.path().join(inst.id()).join(p.as_str().unwrap());
            assert!(file.is_file(), "{}: runtime.json names {} but it is not there", inst.id(), file.display());
        }
        // Group chats come from the templates, one per group (a subject chat per subject teacher).
        let chats = config["chats"].as_array().unwrap();
        for g in &inst.chats.groups {
            // Every group has the chat of each template: a preschool's is its parents' (its children are on no chat).
            for t in &inst.chats.group_chats {
                if t.audience != sferum_gen::model::GroupAudience::Subject {
                    assert!(chats.iter().any(|c| c["id"] == format!("{}-{}", g.id, t.audience) && c["moderator_id"] == g.curator.as_str()), "{}", inst.id());
                }
            }
            let subject_chats = inst.chats.group_chats.iter().any(|t| t.audience == sferum_gen::model::GroupAudience::Subject);
            for t in g.teachers.iter().filter(|_| subject_chats) {
                assert!(chats.iter().any(|c| c["subject"] == t.subject.as_str() && c["moderator_id"] == t.person.as_str()), "{}", inst.id());
            }
        }
    }
}

#[test]
fn the_consumer_answers_inside_and_outside_quiet_hours() {
    let out = build_examples();
    let ask = |id: &str, chat: &str, when: &str| {
        let config = out.path().join(id).join("config/runtime.json");
        let (ok, answer) = python(&["examples/quiet_hours.py", config.to_str().unwrap(), chat, when]);
        assert!(ok, "{answer}");
        answer.trim().to_string()
    };
    // ИТЭП: 22:00–06:00, Asia/Irkutsk (UTC+8). The parents' chat of group ЭК-21.
    assert_eq!(ask("itep", "ek-21-parents", "21:30"), "yes");
    assert!(ask("itep", "ek-21-parents", "22:00").starts_with("no: quiet hours 22:00–06:00 (Asia/Irkutsk)"));
    assert!(ask("itep", "ek-21-parents", "23:59").starts_with("no"), "before midnight");
    assert!(ask("itep", "ek-21-parents", "05:59").starts_with("no"), "after midnight");
    assert_eq!(ask("itep", "ek-21-parents", "06:00"), "yes");
    // The same moments given in UTC: 13:59Z is 21:59 in Irkutsk, 14:30Z is 22:30.
    assert_eq!(ask("itep", "ek-21-parents", "2023-10-25T13:59:00Z"), "yes");
    assert!(ask("itep", "ek-21-parents", "2023-10-25T14:30:00+00:00").starts_with("no"));
    // The school: 21:00–07:30 in Asia/Omsk, so 21:30 is already quiet there.
    assert!(ask("school-max", "3a-parents", "21:30").starts_with("no: quiet hours 21:00–07:30 (Asia/Omsk)"));
    assert_eq!(ask("school-max", "3a-parents", "07:30"), "yes");
}

#[test]
fn the_index_lists_every_artifact_with_its_digest() {
    let out = build_examples();
    let index: serde_json::Value = serde_json::from_slice(&std::fs::read(out.path().join("index.json")).unwrap()).unwrap();
    let mut listed = 0;
    for id in ["bpt", "itep", "school-max"] {
        let files = hashes(&out.path().join(id));
        for (file, digest) in &files {
            assert_eq!(index["institutions"][id]["files"][file]["sha256"], digest.as_str(), "{id}/{file}");
        }
        listed += index["institutions"][id]["files"].as_object().unwrap().len();
        assert_eq!(index["institutions"][id]["files"].as_object().unwrap().len(), files.len());
    }
    // 25 document files and 20 site files per institution, and the school's rosters.
    assert_eq!(listed, 3 * 45 + 19, "and the school's rosters");
}

#[test]
fn the_inputs_digest_follows_the_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    copy_tree(&root().join("policies"), &policies);
    let digest = |dir: &std::path::Path| {
        let checked = sferum_gen::pipeline::check(&sferum_gen::config::CheckConfig::new(dir.to_path_buf()));
        checked.catalog.unwrap().institutions.iter().map(|i| (i.id().to_string(), i.inputs_sha256.clone())).collect::<Vec<_>>()
    };
    let before = digest(&policies);
    let rules = policies.join("itep/rules.yaml");
    let text = std::fs::read_to_string(&rules).unwrap().replace("from: \"22:00\"", "from: \"21:00\"");
    std::fs::write(&rules, text).unwrap();
    let after = digest(&policies);
    for ((id, a), (_, b)) in before.iter().zip(&after) {
        assert_eq!(a == b, id != "itep", "{id}: the digest must change only for the edited institution");
    }
}
