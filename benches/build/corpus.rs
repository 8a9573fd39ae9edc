//! A region-like corpus: `count` institutions copied from the examples, each with its own id,
//! name, order numbers and people (head included), so that no two institutions' documents are
//! the same text and typst's caches are reused only where the layouts truly repeat.

use std::path::Path;

use super::tree::copy_tree;

const MALE_SURNAMES: [&str; 20] = [
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
    "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
];
const MALE_NAMES: [&str; 10] = ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Евгений", "Иван", "Михаил", "Артём"];
const FEMALE_NAMES: [&str; 10] = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария", "Юлия", "Марина"];
const PATRONYMIC_STEMS: [&str; 10] = ["Александров", "Сергеев", "Дмитриев", "Андреев", "Алексеев", "Максимов", "Евгеньев", "Иванов", "Михайлов", "Петров"];

/// Writes the registry and `count` institutions under `to`, round-robin over the examples in
/// `policies`; the same `count` always gives the same corpus.
pub fn region_corpus(policies: &Path, to: &Path, count: usize) {
    copy_tree(&policies.join("_registry"), &to.join("_registry"));
    let mut examples: Vec<String> = std::fs::read_dir(policies)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('_'))
        .collect();
    examples.sort();
    for i in 0..count {
        let example = &examples[i % examples.len()];
        let copy = i / examples.len() + 1;
        let id = format!("{example}-{copy:05}");
        let dir = to.join(&id);
        copy_tree(&policies.join(example), &dir);
        vary(&dir, example, &id, copy, i);
    }
}

/// Gives the copy in `dir` its own id, name (numbered «№ copy»), order numbers and people.
fn vary(dir: &Path, example: &str, id: &str, copy: usize, seed: usize) {
    let institution = dir.join("institution.yaml");
    let text = std::fs::read_to_string(&institution).unwrap();
    let names: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| ["  full: ", "  short: ", "  abbr: "].iter().find_map(|k| l.strip_prefix(k)))
        .map(|name| (name.to_string(), numbered(name, copy)))
        .collect();
    let text = text.replace(&format!("id: {example}\n"), &format!("id: {id}\n"));
    std::fs::write(&institution, text).unwrap();
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let mut text = replace_once(&std::fs::read_to_string(path).unwrap(), &names);
        match path.file_name().and_then(|f| f.to_str()) {
            Some("appointments.yaml") => text = renumber_orders(&text, copy),
            Some("roles.yaml") => text = rename_people(&text, seed),
            _ => {}
        }
        std::fs::write(path, text).unwrap();
    }
}

/// The institution's name with its own number: «№ 200» becomes «№ copy»; a name without a
/// number gets one before its closing quotes («Родничок» → «Родничок № 7»).
fn numbered(name: &str, copy: usize) -> String {
    if let Some(at) = name.find("№ ") {
        let rest = &name[at + "№ ".len()..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        return format!("{}№ {copy}{}", &name[..at], &rest[digits..]);
    }
    let stem = name.trim_end_matches('»');
    format!("{stem} № {copy}{}", &name[stem.len()..])
}

/// Replaces every occurrence of each pair's first string by its second in one pass, longest
/// first, so that a replaced name is not replaced again inside a longer one.
fn replace_once(text: &str, pairs: &[(String, String)]) -> String {
    let mut pairs: Vec<&(String, String)> = pairs.iter().collect();
    pairs.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match pairs.iter().find(|(from, _)| rest.starts_with(from.as_str())) {
            Some((from, to)) => {
                out.push_str(to);
                rest = &rest[from.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// Order numbers (`number: 341`, `number: 212 п`) shifted by the copy's number.
pub fn renumber_orders(text: &str, copy: usize) -> String {
    let lines = text.lines().map(|line| {
        let Some(at) = line.find("number: ") else { return line.to_string() };
        let value = &line[at + "number: ".len()..];
        let digits = value.chars().take_while(char::is_ascii_digit).count();
        match value[..digits].parse::<usize>() {
            Ok(n) => format!("{}{}{}", &line[..at + "number: ".len()], n + copy, &value[digits..]),
            Err(_) => line.to_string(),
        }
    });
    lines.collect::<Vec<_>>().join("\n") + "\n"
}

/// Every person of roles.yaml gets a surname, name and patronymic of their gender from the
/// lists above, chosen by the institution's and the person's position.
fn rename_people(text: &str, seed: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut block: Vec<String> = Vec::new();
    let mut person = 0;
    let flush = |block: &mut Vec<String>, out: &mut Vec<String>, person: &mut usize| {
        if block.is_empty() {
            return;
        }
        let female = block.iter().any(|l| l.trim() == "gender: female");
        let pick = seed * 7 + *person * 3;
        for line in block.drain(..) {
            let indent = &line[..line.len() - line.trim_start().len()];
            let replaced = match line.trim_start().split_once(": ") {
                Some(("surname", _)) => {
                    let s = MALE_SURNAMES[pick % MALE_SURNAMES.len()];
                    Some(if female { format!("{s}а") } else { s.to_string() })
                }
                Some(("name", _)) => Some((if female { FEMALE_NAMES } else { MALE_NAMES })[(pick / 3) % 10].to_string()),
                Some(("patronymic", _)) => {
                    let stem = PATRONYMIC_STEMS[(pick / 5) % 10];
                    Some(format!("{stem}{}", if female { "на" } else { "ич" }))
                }
                _ => None,
            };
            match replaced {
                Some(value) => out.push(format!("{indent}{}: {value}", line.trim_start().split_once(": ").unwrap().0)),
                None => out.push(line),
            }
        }
        *person += 1;
    };
    for line in text.lines() {
        if line.trim_start().starts_with("- id:") || !line.starts_with(' ') {
            flush(&mut block, &mut out, &mut person);
        }
        if line.starts_with(' ') {
            block.push(line.to_string());
        } else {
            out.push(line.to_string());
        }
    }
    flush(&mut block, &mut out, &mut person);
    out.join("\n") + "\n"
}
