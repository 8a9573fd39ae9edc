//! Russian typesetting ties: no-break spaces where a line must not break
//! («№ 341», «г. Омск», «С.В. Суединой», «ГАПОУ СО «БПТ»»; «далее – Техникум» never starts
//! a line with the dash). Texts may be plain or Markdown: a dot escaped as `\.` counts as a dot.

use crate::document::Document;
use crate::model::Institution;

const NBSP: char = '\u{a0}';

/// Replaces the breakable spaces that Russian typography ties.
pub fn tie(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        if chars[i] != ' ' {
            continue;
        }
        let (prev, next) = (i.checked_sub(1).map(|p| chars[p]), chars.get(i + 1).copied());
        let tied = match (prev, next) {
            // «№ 8»: the sign stays with its number.
            (Some('№'), _) => true,
            // « – »: the dash stays with the word before it.
            (_, Some('–')) => true,
            // «+7 900 000-00-12», «10 000»: digit groups stay on one line.
            (Some(p), Some(n)) => p.is_ascii_digit() && n.is_ascii_digit(),
            _ => false,
        };
        if tied || after_town(&chars, i) || before_surname(&chars, i) || after_surname(&chars, i) {
            chars[i] = NBSP;
        }
    }
    chars.into_iter().collect()
}

/// Applies [`tie`] to every text of the document, and keeps the institution's short name and
/// abbreviation on one line wherever they occur («БОУ г. Омска «СОШ № 200»» is never split).
/// Ties only ever turn spaces into no-break spaces, so a typeset document may be typeset again.
pub fn typeset_for(doc: Document, inst: &Institution) -> Document {
    let names = names_of(inst);
    map_texts(doc, &|text| tie_phrases(&tie(text), &names))
}

/// [`tie`], and the institution's names kept on one line, for a text outside a document
/// (a site page).
pub fn tie_for(text: &str, inst: &Institution) -> String {
    tie_phrases(&tie(text), &names_of(inst))
}

/// The longest name kept on one line: a longer one would not fit a line of an 8 cm requisite
/// column («Директору БОУ г. Омска «СОШ № 200»») and would run over its edge.
const LONGEST_TIED_NAME: usize = 30;

/// The phrases of `inst` that never break: its short name and abbreviation, each also as
/// escaped Markdown (the form they take in a document's body).
fn names_of(inst: &Institution) -> Vec<String> {
    let names = &inst.info.name;
    let mut out = Vec::new();
    let tied = |n: &String| n.contains(' ') && n.chars().count() <= LONGEST_TIED_NAME;
    let mut forms: Vec<String> = names.short.all().map(String::from).to_vec();
    forms.dedup();
    for name in forms.iter().chain(&names.abbr).filter(|n| tied(n)) {
        let mut escaped = Vec::new();
        super::escape_markdown(name, &mut escaped).expect("writing to memory cannot fail");
        out.push(name.clone());
        out.push(String::from_utf8(escaped).expect("escaping keeps UTF-8"));
    }
    out.dedup();
    out
}

/// Every text of the document through `f`: header, requisites, heading, place, body, signature.
fn map_texts(mut doc: Document, f: &dyn Fn(&str) -> String) -> Document {
    let lines = |ls: &mut Vec<String>| ls.iter_mut().for_each(|l| *l = f(l));
    lines(&mut doc.header);
    for block in doc.top_left.iter_mut().chain(&mut doc.top_right).chain(&mut doc.closing) {
        lines(&mut block.lines);
    }
    doc.heading = f(&doc.heading);
    doc.place_year = f(&doc.place_year);
    doc.body = f(&doc.body);
    if let Some(s) = &mut doc.signature {
        s.post = f(&s.post);
        s.name = f(&s.name);
    }
    doc
}

/// Ties the spaces inside every occurrence of each phrase (a space in a phrase matches a space
/// or a no-break space in the text, which earlier ties may have put there).
fn tie_phrases(text: &str, phrases: &[String]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for phrase in phrases {
        let wanted: Vec<char> = phrase.chars().collect();
        if wanted.is_empty() || wanted.len() > chars.len() {
            continue;
        }
        let same = |a: char, b: char| a == b || (a == NBSP && b == ' ');
        let mut i = 0;
        while i + wanted.len() <= chars.len() {
            if chars[i..i + wanted.len()].iter().zip(&wanted).all(|(&c, &w)| same(c, w)) {
                chars[i..i + wanted.len()].iter_mut().filter(|c| **c == ' ').for_each(|c| *c = NBSP);
                i += wanted.len();
            } else {
                i += 1;
            }
        }
    }
    chars.into_iter().collect()
}

/// The space in «г. Омск»: the abbreviation stays with the name.
fn after_town(chars: &[char], space: usize) -> bool {
    let Some(dot) = dot_before(chars, space) else { return false };
    dot >= 1 && chars[dot - 1] == 'г' && !(dot >= 2 && chars[dot - 2].is_alphanumeric())
}

/// The space in «С.В. Суединой» (after the initials, before a capitalised word).
fn before_surname(chars: &[char], space: usize) -> bool {
    initials_end_at(chars, space) && capitalised_word_at(chars, space + 1)
}

/// The space in «Суединой С.В.» (after a capitalised word, before the initials), unless the
/// initials go with the surname after them («Методисту О.С. Колчановой»).
fn after_surname(chars: &[char], space: usize) -> bool {
    let word_start = chars[..space].iter().rposition(|c| !(c.is_alphabetic() || *c == '-')).map_or(0, |p| p + 1);
    let Some(end) = initial_at(chars, space + 1).and_then(|after| initial_at(chars, after)) else { return false };
    let initials_end_a_word = !chars.get(end).is_some_and(|c| c.is_alphanumeric());
    let surname_follows = chars.get(end) == Some(&' ') && capitalised_word_at(chars, end + 1);
    space > word_start && capitalised_word_at(chars, word_start) && initials_end_a_word && !surname_follows
}

/// Whether «X.Y.» ends just before `space`, starting a word (after a space, a bracket or a
/// quote, so «А.Б.В.» is no pair of initials).
fn initials_end_at(chars: &[char], space: usize) -> bool {
    (space.saturating_sub(6)..space.saturating_sub(3)).any(|start| {
        let before_ok = start == 0 || chars[start - 1].is_whitespace() || matches!(chars[start - 1], '(' | '«' | '"');
        before_ok && initial_at(chars, start).and_then(|after| initial_at(chars, after)) == Some(space)
    })
}

/// An initial at `at` («С.», «С\.»): a capital letter and a dot; where it ends.
fn initial_at(chars: &[char], at: usize) -> Option<usize> {
    chars.get(at).filter(|c| c.is_uppercase())?;
    let dot = if chars.get(at + 1) == Some(&'\\') { at + 2 } else { at + 1 };
    (chars.get(dot) == Some(&'.')).then_some(dot + 1)
}

/// Whether a capitalised word (a capital, then a lower-case letter) starts at `at`.
fn capitalised_word_at(chars: &[char], at: usize) -> bool {
    chars.get(at).is_some_and(|c| c.is_uppercase()) && chars.get(at + 1).is_some_and(|c| c.is_lowercase())
}

/// The index of the dot (escaped or not) just before `space`, if there is one.
fn dot_before(chars: &[char], space: usize) -> Option<usize> {
    let dot = space.checked_sub(1).filter(|&d| chars[d] == '.')?;
    Some(if dot >= 1 && chars[dot - 1] == '\\' { dot - 1 } else { dot })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_numbers_towns_and_dashes() {
        assert_eq!(tie("от 20.09.2024 № 341"), "от 20.09.2024 №\u{a0}341");
        assert_eq!(tie("(далее – Техникум)"), "(далее\u{a0}– Техникум)");
        assert_eq!(tie("БОУ г. Омска и 2025 г. и слог. "), "БОУ г.\u{a0}Омска и 2025 г.\u{a0}и слог. ");
        assert_eq!(tie(r"БОУ г\. Омска"), "БОУ г\\.\u{a0}Омска", "Markdown escapes the dot");
        assert_eq!(tie("- пункт списка"), "- пункт списка");
        assert_eq!(tie("тел. +7 900 000-00-12"), "тел. +7\u{a0}900\u{a0}000-00-12");
    }

    #[test]
    fn ties_initials_to_the_surname_on_either_side() {
        assert_eq!(tie("директор С.В. Суедина"), "директор С.В.\u{a0}Суедина");
        assert_eq!(tie("директора Суединой С.В. и"), "директора Суединой\u{a0}С.В. и");
        assert_eq!(tie("Исп. Т.И. Ершова"), "Исп. Т.И.\u{a0}Ершова");
        assert_eq!(tie(r"приказом Суединой С\.В\. от"), "приказом Суединой\u{a0}С\\.В\\. от");
        assert_eq!(tie(r"Методисту О\.С\. Колчановой"), "Методисту О\\.С\\.\u{a0}Колчановой");
        assert_eq!(tie("Иванова-Петрова А.Б."), "Иванова-Петрова\u{a0}А.Б.");
    }

    #[test]
    fn leaves_what_only_looks_like_initials() {
        // Abbreviations ending a sentence, lower-case words and a lone capital are not names.
        for text in ["по ФЗ. Настоящее", "т.е. Иванов", "в ИКОП В.А. и", "Статья А.Б.В. Текст", "Приказ Б.В.Г"] {
            assert_eq!(tie(text), text, "{text}");
        }
    }

    #[test]
    fn ties_phrases_in_plain_and_markdown_text() {
        let names = ["БОУ г. Омска «СОШ № 200»".to_string(), r"БОУ г\. Омска «СОШ № 200»".to_string(), "ГАПОУ СО «БПТ»".into()];
        let tied = tie_phrases(&tie("приказом БОУ г. Омска «СОШ № 200» и ГАПОУ СО «БПТ» от"), &names);
        assert_eq!(tied, "приказом БОУ\u{a0}г.\u{a0}Омска\u{a0}«СОШ\u{a0}№\u{a0}200» и ГАПОУ\u{a0}СО\u{a0}«БПТ» от");
        let markdown = tie_phrases(&tie(r"в БОУ г\. Омска «СОШ № 200»."), &names);
        assert_eq!(markdown, "в БОУ\u{a0}г\\.\u{a0}Омска\u{a0}«СОШ\u{a0}№\u{a0}200».");
        assert_eq!(tie_phrases("ГАПОУ СО", &names), "ГАПОУ СО", "a part of a name stays breakable");
    }
}
