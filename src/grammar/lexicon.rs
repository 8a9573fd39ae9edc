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

/// A name compared without case, «ё» and extra spaces.
pub fn fold_name(s: &str) -> String {
    s.to_lowercase().replace('ё', "е").split_whitespace().collect::<Vec<_>>().join(" ")
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
    }
}
