//! E-mail addresses in the data: each must be one bare RFC 5322 addr-spec (parsed by the
//! `email_address` crate, with a dotted domain), since one of them becomes the `From:` of the
//! registration e-mail. A display name, `<…>`, a comma (a second address) or a line break
//! (a second header) is refused at its line.

use crate::diag::Diagnostic;
use crate::load::RawDoc;
use crate::tr;

/// Whether `s` is one bare address: `local@domain.tld`, no display text, no domain literal.
pub fn valid_address(s: &str) -> bool {
    let options = email_address::Options { minimum_sub_domains: 2, allow_domain_literal: false, allow_display_text: false };
    !s.chars().any(|c| c.is_control() || c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '"'))
        && email_address::EmailAddress::parse_with_options(s, options).is_ok()
}

/// Every value under an `email` key of `doc` that is not one bare address.
pub fn check_addresses(doc: &RawDoc) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    walk(&doc.value, String::new(), &mut |pointer, value| {
        if pointer.ends_with("/email") && !valid_address(value) {
            found.push(doc.error_at(pointer, "bad-email", tr!("bad-email", email = value)).with_hint(tr!("bad-email.hint")));
        }
    });
    found
}

/// Calls `f` with the JSON pointer and text of every string under `value` (`pointer` is the
/// pointer of `value` itself).
pub(super) fn walk(value: &serde_json::Value, pointer: String, f: &mut dyn FnMut(&str, &str)) {
    walk_in(value, &mut { pointer }, f);
}

/// [`walk`] with one pointer buffer, grown and cut back as it descends.
fn walk_in(value: &serde_json::Value, pointer: &mut String, f: &mut dyn FnMut(&str, &str)) {
    use std::fmt::Write;
    let len = pointer.len();
    match value {
        serde_json::Value::String(s) => f(pointer, s),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let _ = write!(pointer, "/{i}");
                walk_in(v, pointer, f);
                pointer.truncate(len);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                pointer.push('/');
                pointer.push_str(&crate::load::escape_pointer(k));
                walk_in(v, pointer, f);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::valid_address;

    #[test]
    fn only_bare_addresses_pass() {
        for good in ["admin@example.invalid", "o.petrov+sferum@school1.edu.ru", "a_b@mail.ru"] {
            assert!(valid_address(good), "{good}");
        }
        for bad in [
            "admin@example.invalid\r\nBcc: x@example.invalid",
            "Admin <admin@example.invalid>",
            "<admin@example.invalid>",
            "admin@example.invalid>",
            "admin@example.invalid, x@example.invalid",
            "admin@localhost",
            "admin@[127.0.0.1]",
            "admin",
            "@example.invalid",
            "a b@example.invalid",
            "\"quoted\"@example.invalid",
        ] {
            assert!(!valid_address(bad), "{bad:?}");
        }
    }
}
