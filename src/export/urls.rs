//! Addresses in running text (web addresses and e-mail addresses), which every backend keeps
//! on one line: a broken address cannot be typed back from paper.

/// `text` cut into pieces, each marked `true` when it is an address: `http://…`, `https://…`,
/// a bare domain with or without a path (`sferum.ru/?p=instructions`) or `name@domain.tld`.
/// Punctuation that ends a sentence stays outside the address.
pub fn split_addresses(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    // Every address holds a dot or a colon (its domain, or `http:`).
    if !text.contains(['.', ':']) {
        out.extend((!text.is_empty()).then_some((text, false)));
        return out;
    }
    let mut plain_from = 0;
    let mut at = 0;
    while at < text.len() {
        match address_at(text, at) {
            Some(end) => {
                if plain_from < at {
                    out.push((&text[plain_from..at], false));
                }
                out.push((&text[at..end], true));
                (plain_from, at) = (end, end);
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain_from < text.len() {
        out.push((&text[plain_from..], false));
    }
    out
}

/// The end of the address that starts at byte `at` of `text`, if one does.
fn address_at(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].chars().next_back();
    if before.is_some_and(|c| crate::grammar::is_alphanumeric(c) || matches!(c, '.' | '-' | '_' | '@' | '/' | '+')) {
        return None;
    }
    let rest = &text[at..];
    let end = at + rest.find(|c: char| c.is_whitespace() || matches!(c, '«' | '»' | '"' | '<' | '>' | '(' | ')')).unwrap_or(rest.len());
    let candidate = text[at..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    if !candidate.contains(['.', ':']) {
        return None;
    }
    let lower = candidate.to_ascii_lowercase();
    let web = ["http://", "https://"].iter().any(|p| lower.starts_with(p) && lower.len() > p.len());
    let bare = candidate.is_ascii() && is_domain(candidate.split(['/', '?', '#']).next().unwrap_or_default());
    let mail = candidate.split_once('@').is_some_and(|(name, domain)| {
        !name.is_empty() && is_domain(domain) && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
    });
    (web || bare || mail).then_some(at + candidate.len())
}

/// `sferum.ru`, `bpt-balv.ru`, `www.example.ru`: labels of ASCII letters, digits and hyphens,
/// the last one (the zone) of two letters or more.
fn is_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let zone = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && zone.len() >= 2
        && zone.chars().all(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_web_and_mail_addresses_without_trailing_punctuation() {
        assert_eq!(
            split_addresses("сайт: https://bpt-balv.ru/, почта info@sferum.ru."),
            [("сайт: ", false), ("https://bpt-balv.ru/", true), (", почта ", false), ("info@sferum.ru", true), (".", false)]
        );
        assert_eq!(split_addresses("(www.example.ru)"), [("(", false), ("www.example.ru", true), (")", false)]);
        assert_eq!(split_addresses("«https://sferum.ru»"), [("«", false), ("https://sferum.ru", true), ("»", false)]);
        assert_eq!(
            split_addresses("по адресу sferum.ru/?p=parents_students, на сайте prof-sferum.ru."),
            [("по адресу ", false), ("sferum.ru/?p=parents_students", true), (", на сайте ", false), ("prof-sferum.ru", true), (".", false)]
        );
    }

    #[test]
    fn leaves_plain_text_alone() {
        for text in ["", "ИКОП «Сферум»", "СФЕРУМ:Регистрация организации", "http:// и @ и a@b", "12.10.2025", "https://", "т.е. и т.д.", "ст. 28.1", "a.b"] {
            let pieces = split_addresses(text);
            assert!(pieces.iter().all(|(_, address)| !address), "{text}: {pieces:?}");
            assert_eq!(pieces.iter().map(|(t, _)| *t).collect::<String>(), text);
        }
    }
}
