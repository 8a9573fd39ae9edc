//! The Russian words the input may use where the data expects a code, and spelling folds:
//! a class list's «обучающийся» / «да», a messenger named in a chat's title, «ё» read as «е».

/// Who a class list's `role` names: `Some(true)` a student, `Some(false)` a parent (English
/// codes and the Russian words people write), `None` for anything else.
pub fn is_student_word(word: &str) -> Option<bool> {
    match word.to_lowercase().as_str() {
        "student" | "обучающийся" | "ученик" | "студент" => Some(true),
        "parent" | "родитель" => Some(false),
        _ => None,
    }
}

/// A yes/no cell of a class list: `yes`, `да`, `1` or `no`, `нет`, `0` (any case); `None`
/// for anything else.
pub fn yes_no(word: &str) -> Option<bool> {
    match word.to_lowercase().as_str() {
        "yes" | "да" | "1" => Some(true),
        "no" | "нет" | "0" => Some(false),
        _ => None,
    }
}

/// Whether a lower-case word names the MAX messenger (Latin, or its Cyrillic look-alike «мах»).
pub fn names_max(word: &str) -> bool {
    word == "max" || word == "мах"
}

/// Whether a lower-case word names VK («vk», «вконтакте»).
pub fn names_vk(word: &str) -> bool {
    word == "vk" || word == "вконтакте"
}

/// The word that starts a value `sferum-gen init` leaves for the user to fill in:
/// «ЗАПОЛНИТЕ: родительный падеж полного наименования».
pub const PLACEHOLDER: &str = "ЗАПОЛНИТЕ";

/// What a placeholder value asks for (the text after «ЗАПОЛНИТЕ:»), or `None` for a real value.
pub fn placeholder(value: &str) -> Option<&str> {
    let rest = value.trim_start().strip_prefix(PLACEHOLDER)?;
    Some(rest.trim_start_matches([':', ' ']).trim())
}

/// A city's name as a table lists it: without «г.» before it, in lower case, «ё» as «е».
pub fn bare_city(city: &str) -> String {
    fold_name(city.trim().trim_start_matches("г.").trim_start_matches("город "))
}

/// A name compared without case, «ё» and extra spaces.
pub fn fold_name(s: &str) -> String {
    s.to_lowercase().replace('ё', "е").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Cyrillic letters of `text`, each once, with the Latin letter it looks like (if any):
/// `е` → `Some('e')`. Empty when there are none.
pub fn look_alikes(text: &str) -> Vec<(char, Option<char>)> {
    const PAIRS: [(char, char); 22] = [
        ('а', 'a'), ('в', 'b'), ('е', 'e'), ('к', 'k'), ('м', 'm'), ('н', 'h'), ('о', 'o'), ('р', 'p'), ('с', 'c'), ('т', 't'), ('у', 'y'),
        ('х', 'x'), ('А', 'A'), ('В', 'B'), ('Е', 'E'), ('К', 'K'), ('М', 'M'), ('Н', 'H'), ('О', 'O'), ('Р', 'P'), ('С', 'C'), ('Т', 'T'),
    ];
    let mut out: Vec<(char, Option<char>)> = Vec::new();
    for c in text.chars() {
        if let Some((_, latin)) = PAIRS.iter().find(|(cyr, _)| *cyr == c) {
            if !out.contains(&(c, Some(*latin))) {
                out.push((c, Some(*latin)));
            }
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) && !out.contains(&(c, None)) {
            out.push((c, None));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_words_are_read() {
        assert_eq!(is_student_word("Ученик"), Some(true));
        assert_eq!(is_student_word("parent"), Some(false));
        assert_eq!(is_student_word("учитель"), None);
        assert_eq!(yes_no("ДА"), Some(true));
        assert_eq!(yes_no("0"), Some(false));
        assert_eq!(yes_no("может"), None);
        assert!(names_max("мах") && names_vk("вконтакте") && !names_vk("max"));
        assert_eq!(fold_name(" Сёмина  Ольга "), "семина ольга");
        assert_eq!(look_alikes("dеmо"), vec![('\u{0435}', Some('e')), ('\u{043E}', Some('o'))]);
        assert_eq!(look_alikes("шкoла").len(), 4, "ш, к, л and а named; the Latin o is fine");
        assert!(look_alikes("demo").is_empty());
    }
}
