//! Russian typesetting ties: no-break spaces where a line must not break
//! («№ 341», «г. Омск», «далее – Техникум» never starts a line with the dash).

use crate::document::{Block, Document};

const NBSP: char = '\u{a0}';

/// Replaces the breakable spaces that Russian typography ties.
pub fn tie(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let tied = match c {
            // «№ 8»: the sign stays with its number.
            ' ' if prev == Some('№') => true,
            // « – »: the dash stays with the word before it.
            ' ' if next == Some('–') => true,
            // «+7 900 000-00-12», «10 000»: digit groups stay on one line.
            ' ' if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit()) => true,
            _ => false,
        };
        out.push(if tied { NBSP } else { c });
        prev = Some(c);
    }
    tie_town(&out)
}

/// «г. Омск»: the abbreviation stays with the name.
fn tie_town(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("г. ") {
        let starts_word = rest[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        out.push_str(&rest[..i]);
        out.push_str(if starts_word { "г.\u{a0}" } else { "г. " });
        rest = &rest[i + "г. ".len()..];
    }
    out.push_str(rest);
    out
}

/// Applies the Russian no-break ties to every text of the document.
pub fn typeset(mut doc: Document) -> Document {
    let blocks = |bs: &mut Vec<Block>| bs.iter_mut().flat_map(|b| b.lines.iter_mut()).for_each(|l| *l = tie(l));
    doc.header.iter_mut().for_each(|l| *l = tie(l));
    blocks(&mut doc.top_left);
    blocks(&mut doc.top_right);
    blocks(&mut doc.closing);
    doc.heading = tie(&doc.heading);
    doc.place_year = tie(&doc.place_year);
    doc.body = tie(&doc.body);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_numbers_towns_and_dashes() {
        assert_eq!(tie("от 20.09.2024 № 341"), "от 20.09.2024 №\u{a0}341");
        assert_eq!(tie("(далее – Техникум)"), "(далее\u{a0}– Техникум)");
        assert_eq!(tie("БОУ г. Омска и 2025 г. и слог. "), "БОУ г.\u{a0}Омска и 2025 г.\u{a0}и слог. ");
        assert_eq!(tie("- пункт списка"), "- пункт списка");
        assert_eq!(tie("тел. +7 900 000-00-12"), "тел. +7\u{a0}900\u{a0}000-00-12");
    }
}
