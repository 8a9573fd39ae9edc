//! Clause numbers as Word numbering: the render stage writes the numbers into the text
//! («2.», «2.3.», «2.3.1.»; see render::numbering); here they are recognised, in their
//! sequence, and taken out of the text, so that Word numbers the paragraphs itself and a
//! clause inserted while editing renumbers the rest.

/// The numbers seen so far, one per level; level 0 is a regulation's section heading or an
/// order's point, whichever the document starts with.
#[derive(Default)]
pub(super) struct ClauseNumbers {
    counters: Vec<u32>,
    /// Whether level 0 is headings (sections) rather than paragraphs (points); set by the first.
    sections: Option<bool>,
}

impl ClauseNumbers {
    /// The level of the number that opens `text` (a heading's or a top-level paragraph's)
    /// and the length of that number with its space, when it is the next in the sequence;
    /// a number out of sequence is ordinary text.
    pub(super) fn take(&mut self, text: &str, heading: bool) -> Option<(usize, usize)> {
        let (numbers, len) = leading_number(text)?;
        let depth = numbers.len() - 1;
        if (heading && depth > 0) || (depth == 0 && self.sections.is_some_and(|s| s != heading)) {
            return None;
        }
        let next = self.counters.get(depth).map_or(1, |n| n + 1);
        if self.counters.get(..depth)? != &numbers[..depth] || numbers[depth] != next {
            return None;
        }
        self.sections.get_or_insert(heading);
        self.counters.truncate(depth);
        self.counters.push(next);
        Some((depth, len))
    }
}

/// «2.3.1. » at the start of `text`: the numbers and the byte length with the space after them.
fn leading_number(text: &str) -> Option<(Vec<u32>, usize)> {
    let mut numbers = Vec::new();
    let mut rest = text;
    loop {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits == 0 || digits > 3 || !rest[digits..].starts_with('.') {
            return None;
        }
        numbers.push(rest[..digits].parse().ok()?);
        rest = &rest[digits + 1..];
        if let Some(space) = rest.chars().next().filter(|c| *c == ' ' || *c == '\u{a0}') {
            let len = text.len() - rest.len() + space.len_utf8();
            return (numbers.len() <= 9).then_some((numbers, len));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_sections_clauses_and_sub_clauses() {
        let mut n = ClauseNumbers::default();
        assert_eq!(n.take("1. Общие положения", true), Some((0, 3)));
        assert_eq!(n.take("1.1. Текст", false), Some((1, 5)));
        assert_eq!(n.take("1.1.1. Подпункт", false), Some((2, 7)));
        assert_eq!(n.take("1.2. Текст", false), Some((1, 5)));
        assert_eq!(n.take("2. Термины", true), Some((0, 3)));
        assert_eq!(n.take("2.1. Текст", false), Some((1, 5)));
    }

    #[test]
    fn numbers_out_of_sequence_are_text() {
        let mut n = ClauseNumbers::default();
        assert_eq!(n.take("1.1. До раздела", false), None);
        assert_eq!(n.take("1. Раздел", true), Some((0, 3)));
        assert_eq!(n.take("1.3. Пропуск", false), None);
        assert_eq!(n.take("2. Абзац, а разделы – заголовки", false), None);
        assert_eq!(n.take("1.1. Пункт", false), Some((1, 5)));
        assert_eq!(n.take("2.1. Раздела 2 еще нет", false), None);
        assert_eq!(n.take("12.10.2025 – дата", false), None);
        assert_eq!(n.take("1.2.без пробела", false), None);
    }

    #[test]
    fn order_points_are_paragraphs() {
        let mut n = ClauseNumbers::default();
        assert_eq!(n.take("Преамбула.", false), None);
        assert_eq!(n.take("1. Назначить", false), Some((0, 3)));
        assert_eq!(n.take("1.1. Подпункт", false), Some((1, 5)));
        assert_eq!(n.take("2.\u{a0}Контроль", false), Some((0, 4)));
        assert_eq!(n.take("3. Заголовок", true), None, "points are paragraphs, not headings");
    }
}
