//! Personal data in free text (issue 14): every string of the institution's five files that a
//! public document, the onboarding site or config/ prints is scanned. A known personal value
//! of the institution in it — a phone or e-mail of roles.yaml or of a people list, the name of
//! a student or parent from a people list, an invite link of invites.yaml or its code — is an
//! error; anything shaped like a phone, an e-mail address or an invite link is a warning. The
//! build-time scan of public bytes (tests/examples.rs) stays the second line.
//!
//! Not flagged: a value in the field it belongs to (a person's `phone` and `email` in
//! roles.yaml), the institution's official `contacts` (public by definition, so a person's
//! phone or e-mail equal to them is not personal), and fields only restricted outputs print
//! (an order's `control` and `consent`, a group's name). Staff names are left alone: officials sign the
//! public documents, and a teacher who is also a parent in a people list is named as staff.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diag::{Diagnostic, Span};
use crate::discover::FileKind;
use crate::load::{RawDoc, SourceMap};
use crate::model::Institution;
use crate::tr;

/// What kind of personal value a hit is (the message's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Phone,
    Email,
    Name,
    InviteLink,
    InviteToken,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Name => "name",
            Kind::InviteLink => "invite-link",
            Kind::InviteToken => "invite-token",
        }
    }
}

/// One known personal value: how it is searched for, and where it is written (`roles.yaml:16`).
#[derive(Debug, Clone)]
struct Known {
    kind: Kind,
    /// Phones: the last ten digits; e-mails: lower case; names: normalised words; links and
    /// tokens: as written.
    needle: String,
    source: String,
}

/// The shortest invite code that is searched for on its own (shorter ones are ordinary words).
const MIN_TOKEN_CHARS: usize = 6;

/// The fewest digits of a phone that identify it.
const MIN_PHONE_DIGITS: usize = 7;

/// The hosts of invite links: the platform's (see `invites.rs`) and the usual messengers'.
const INVITE_HOSTS: [&str; 5] = ["vk.com", "m.vk.com", "t.me", "telegram.me", "chat.whatsapp.com"];

/// The institution's known personal values, indexed for lookup, and the official contacts
/// that are not personal.
#[derive(Default)]
struct Scanner {
    known: Vec<Known>,
    /// Each phone, e-mail and invite code by its needle.
    index: HashMap<(Kind, String), usize>,
    /// The names by their first word.
    names: HashMap<String, Vec<usize>>,
    links: Vec<usize>,
    /// Whether any invite code is known (else values are not cut into tokens).
    tokens: bool,
    official_phone: Option<String>,
    official_emails: Vec<String>,
}

/// The scan of an institution whose files are all valid: the errors and warnings of every
/// string that reaches `public/` or `config/`.
pub fn check_free_text(inst: &Institution, docs: &BTreeMap<FileKind, RawDoc>, sources: &SourceMap) -> Vec<Diagnostic> {
    let scanner = Scanner::new(inst, docs);
    let mut out = Vec::new();
    for kind in FileKind::INSTITUTION_FILES {
        let Some(doc) = docs.get(&kind) else { continue };
        let text = sources.text(&doc.path).unwrap_or_default();
        super::email::walk(&doc.value, String::new(), &mut |pointer, value| {
            if !reaches_public(kind, pointer) {
                return;
            }
            let hits = scanner.known_in(value);
            let shapes = scanner.shapes_in(value);
            if hits.is_empty() && shapes.is_empty() {
                return;
            }
            let field = super::field_name(pointer);
            let at = |range: (usize, usize)| locate(text, doc.spans.exact(pointer).or_else(|| doc.spans.value(pointer)), &value[range.0..range.1]);
            for (range, known) in &hits {
                out.push(
                    Diagnostic::error("personal-data-in-public", tr!("personal-data-in-public", field = field, kind = known.kind.key(), source = known.source))
                        .at(&doc.path, at(*range))
                        .with_hint(tr!("personal-data-in-public.hint")),
                );
            }
            for (range, kind) in shapes {
                if !hits.iter().any(|(r, _)| r.0 < range.1 && range.0 < r.1) {
                    out.push(
                        Diagnostic::warning("personal-data-shape", tr!("personal-data-shape", field = field, kind = kind.key()))
                            .at(&doc.path, at(range))
                            .with_hint(tr!("personal-data-shape.hint")),
                    );
                }
            }
        });
    }
    out
}

/// Whether the value at `pointer` of a file of `kind` is printed where anyone may read it:
/// not a person's own contact, not an official contact, not an order's restricted parts.
fn reaches_public(kind: FileKind, pointer: &str) -> bool {
    let parts: Vec<&str> = pointer.split('/').skip(1).collect();
    match (kind, parts.as_slice()) {
        (FileKind::Roles, ["people", _, "phone" | "email"]) => false,
        (FileKind::Institution, ["contacts", ..]) => false,
        (FileKind::Appointments, ["orders", _, "control" | "consent", ..]) => false,
        // A group's name is printed on its rosters and handouts only (config/ has its id).
        (FileKind::Chats, ["groups", _, "name"]) => false,
        _ => true,
    }
}

/// The span of `found` written raw in the value that starts at `at` (so the column is the
/// hit's own), or the value's span when it is not written raw (escaped, folded).
fn locate(text: &str, at: Option<Span>, found: &str) -> Option<Span> {
    let at = at?;
    let start = at.start.min(text.len());
    let mut limit = (start + 4 * found.len().max(64) + 4 * (at.end.saturating_sub(at.start))).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let line_end = text[start..limit].find('\n').map_or(limit, |i| start + i);
    match text[start..line_end].find(found) {
        Some(i) => Some(crate::load::chars::span_at(text, start + i, found.len())),
        None => Some(at),
    }
}

impl Scanner {
    fn new(inst: &Institution, docs: &BTreeMap<FileKind, RawDoc>) -> Self {
        let contacts = inst.info.contacts.as_ref();
        let mut scanner = Scanner::with_contacts(contacts.and_then(|c| c.phone.as_deref()), contacts.and_then(|c| c.email.as_deref()));
        let relative = |path: &Path| path.strip_prefix(&inst.dir).unwrap_or(path).to_string_lossy().into_owned();
        let line_of = |kind: FileKind, pointer: &str| docs.get(&kind).and_then(|d| d.spans.exact(pointer)).map_or(0, |s| s.line);

        let roles = FileKind::Roles.file_name();
        for (i, person) in inst.roles.people.iter().enumerate() {
            for (field, value, kind) in [("phone", &person.phone, Kind::Phone), ("email", &person.email, Kind::Email)] {
                if let Some(value) = value {
                    let source = format!("{roles}:{}", line_of(FileKind::Roles, &format!("/people/{i}/{field}")));
                    scanner.add(kind, value, source);
                }
            }
        }
        // A person of roles.yaml who is also in a people list (a teacher and a parent) is
        // named as staff: officials sign public documents.
        let staff: Vec<String> = inst.roles.people.iter().map(|p| words(&format!("{} {}", p.surname, p.name))).collect();
        for list in &inst.people {
            let file = relative(&list.file);
            for p in &list.people {
                let source = format!("{file}:{}", p.line);
                for (kind, value) in [(Kind::Phone, &p.phone), (Kind::Email, &p.email)] {
                    if let Some(value) = value {
                        scanner.add(kind, value, source.clone());
                    }
                }
                if !staff.contains(&words(&format!("{} {}", p.surname, p.name))) {
                    for form in name_forms(&p.surname, &p.name, p.patronymic.as_deref()) {
                        scanner.add(Kind::Name, &form, source.clone());
                    }
                }
            }
        }
        let invites = FileKind::Invites.file_name();
        for (i, link) in inst.invites.iter().flat_map(|f| f.links.iter()).enumerate() {
            let source = format!("{invites}:{}", line_of(FileKind::Invites, &format!("/links/{i}/url")));
            scanner.add(Kind::InviteLink, &link.url, source.clone());
            if let Some(token) = link.url.rsplit(['/', '=', '?', '#']).find(|t| !t.is_empty()) {
                scanner.add(Kind::InviteToken, token, source);
            }
        }
        scanner
    }

    /// A scanner that knows nothing yet, with the institution's official phone and e-mail
    /// (and the platform's support address) as not personal.
    fn with_contacts(phone: Option<&str>, email: Option<&str>) -> Self {
        let mut official_emails = vec![crate::render::SUPPORT_ADDRESS.to_string()];
        official_emails.extend(email.map(str::to_lowercase));
        Scanner { official_phone: phone.and_then(phone_key), official_emails, ..Scanner::default() }
    }

    /// Adds a known value, normalised for its kind; a value too short to tell, or an official
    /// contact, is not added.
    fn add(&mut self, kind: Kind, value: &str, source: String) {
        let needle = match kind {
            Kind::Phone => match phone_key(value) {
                Some(key) if Some(&key) != self.official_phone.as_ref() => key,
                _ => return,
            },
            Kind::Email => {
                let lower = value.trim().to_lowercase();
                if lower.is_empty() || self.official_emails.contains(&lower) {
                    return;
                }
                lower
            }
            Kind::Name => words(value),
            Kind::InviteLink => value.trim().to_string(),
            Kind::InviteToken if value.chars().count() >= MIN_TOKEN_CHARS => value.to_string(),
            Kind::InviteToken => return,
        };
        if needle.is_empty() || self.index.contains_key(&(kind, needle.clone())) {
            return;
        }
        let i = self.known.len();
        self.index.insert((kind, needle.clone()), i);
        match kind {
            Kind::Name => self.names.entry(needle.split(' ').next().unwrap_or_default().to_string()).or_default().push(i),
            Kind::InviteLink => self.links.push(i),
            Kind::InviteToken => self.tokens = true,
            _ => {}
        }
        self.known.push(Known { kind, needle, source });
    }

    /// Every known value in `value`: its byte range there and which one it is (a link's code
    /// inside the link is one hit, the link).
    fn known_in(&self, value: &str) -> Vec<((usize, usize), &Known)> {
        let mut found: Vec<((usize, usize), usize)> = Vec::new();
        let lookup = |kind: Kind, needle: &str| self.index.get(&(kind, needle.to_string())).copied();
        for run in phone_runs(value) {
            let digits = run.digits.as_bytes();
            let hit = (MIN_PHONE_DIGITS..=10.min(digits.len())).rev().find_map(|n| digits.windows(n).find_map(|w| lookup(Kind::Phone, std::str::from_utf8(w).unwrap_or_default())));
            found.extend(hit.map(|i| (run.range, i)));
        }
        let emails = if value.contains('@') { Some(spans_of(value, |c| c == '@' || is_email_char(c))) } else { None };
        for range in emails.into_iter().flatten().filter(|r| value[r.0..r.1].contains('@')) {
            found.extend(lookup(Kind::Email, &value[range.0..range.1].to_lowercase()).map(|i| (range, i)));
        }
        if !self.names.is_empty() {
            let words = WordIndex::new(value);
            for (at, (word, _)) in words.words.iter().enumerate() {
                for &i in self.names.get(word).into_iter().flatten() {
                    found.extend(words.run_at(at, &self.known[i].needle).map(|range| (range, i)));
                }
            }
        }
        for &i in &self.links {
            found.extend(value.find(&self.known[i].needle).map(|at| ((at, at + self.known[i].needle.len()), i)));
        }
        let tokens = if self.tokens { Some(spans_of(value, is_token_char)) } else { None };
        for range in tokens.into_iter().flatten() {
            found.extend(lookup(Kind::InviteToken, &value[range.0..range.1]).map(|i| (range, i)));
        }
        // The longest of the hits at one place (a full name over the name without the
        // patronymic, a link over its code).
        found.sort_by_key(|((start, end), _)| (*start, std::cmp::Reverse(*end)));
        let mut hits: Vec<((usize, usize), &Known)> = Vec::new();
        for (range, i) in found {
            if !hits.iter().any(|(r, _)| r.0 <= range.0 && range.1 <= r.1) {
                hits.push((range, &self.known[i]));
            }
        }
        hits
    }

    /// Everything in `value` shaped like a phone, an e-mail address or an invite link, other
    /// than the institution's official contacts and the platform's support address.
    fn shapes_in(&self, value: &str) -> Vec<((usize, usize), Kind)> {
        let mut out: Vec<((usize, usize), Kind)> = phone_runs(value)
            .into_iter()
            .filter(|r| r.phone_shaped && Some(&r.key) != self.official_phone.as_ref())
            .map(|r| (r.range, Kind::Phone))
            .collect();
        let mut at = 0;
        for (piece, address) in crate::export::urls::split_addresses(value) {
            let range = (at, at + piece.len());
            at += piece.len();
            if !address {
                continue;
            }
            let lower = piece.to_lowercase();
            let web = lower.starts_with("http://") || lower.starts_with("https://");
            if !web && lower.contains('@') {
                if !self.official_emails.contains(&lower) {
                    out.push((range, Kind::Email));
                }
            } else if invite_shaped(&lower) {
                out.push((range, Kind::InviteLink));
            }
        }
        out.sort_by_key(|(r, _)| *r);
        out
    }
}

/// The digits that identify a phone: its last ten (the number without the country code), or
/// all of a shorter one; `None` below [`MIN_PHONE_DIGITS`].
fn phone_key(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= MIN_PHONE_DIGITS).then(|| digits[digits.len().saturating_sub(10)..].to_string())
}

/// A stretch of a value made of digits and the characters phones are written with.
struct PhoneRun {
    range: (usize, usize),
    digits: String,
    /// [`phone_key`] of the run.
    key: String,
    /// `+7 900 123-45-67`, `8 (900) 123 45 67`, `+375 29 123-45-67`, `900 123-45-67`.
    phone_shaped: bool,
}

/// The stretches of digits, `+`, brackets, dashes, dots and spaces in `value` that hold a
/// digit, trimmed to start at a digit, `+` or `(` and end at a digit.
fn phone_runs(value: &str) -> Vec<PhoneRun> {
    let is_part = |c: char| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | '.' | ' ' | '\u{a0}' | '\u{2011}');
    let mut out = Vec::new();
    let mut chars = value.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_part(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek().filter(|(_, c)| is_part(*c)) {
            end = i + c.len_utf8();
            chars.next();
        }
        let run = &value[start..end];
        let (Some(first), Some(last)) = (run.find(|c: char| c.is_ascii_digit() || c == '+' || c == '('), run.rfind(|c: char| c.is_ascii_digit())) else { continue };
        if first > last {
            continue;
        }
        let range = (start + first, start + last + 1);
        let text = &value[range.0..range.1];
        // Glued to a letter (`ИНН7701…`, `id123…`), it is not a phone written out.
        let glued = value[..range.0].chars().next_back().is_some_and(crate::grammar::is_alphanumeric) || value[range.1..].chars().next().is_some_and(crate::grammar::is_alphanumeric);
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let separated = text.chars().any(|c| !c.is_ascii_digit() && c != '+');
        let phone_shaped = !glued
            && match (text.starts_with('+'), digits.len()) {
                (true, 11..=15) => true,
                (false, 11) => digits.starts_with(['7', '8']),
                // A bare ten-digit number is an INN as often as a phone: only written out.
                (false, 10) => digits.starts_with('9') && separated,
                _ => false,
            };
        let key = digits[digits.len().saturating_sub(10)..].to_string();
        out.push(PhoneRun { range, digits, key, phone_shaped });
    }
    out
}

/// Whether a web address (lower case) is an invite into a chat: on a platform's or
/// messenger's host, with `join`, `invite` or Telegram's `+` in its path or query.
fn invite_shaped(address: &str) -> bool {
    let rest = address.trim_start_matches("https://").trim_start_matches("http://");
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].rsplit('@').next().unwrap_or_default().split(':').next().unwrap_or_default();
    let known = super::PLATFORM_HOSTS.contains(&host) || INVITE_HOSTS.contains(&host);
    let path = &rest[end..];
    known && (path.contains("join") || path.contains("invite") || path.starts_with("/+"))
}

fn is_email_char(c: char) -> bool {
    crate::grammar::is_alphanumeric(c) || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_token_char(c: char) -> bool {
    crate::grammar::is_alphanumeric(c) || matches!(c, '_' | '-')
}

/// The byte ranges of the runs of characters `part` says yes to, a sentence's full stop at
/// the end left out (`name@example.ru.`).
fn spans_of(value: &str, part: fn(char) -> bool) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = None;
    value.char_indices().chain(std::iter::once((value.len(), ' '))).filter_map(move |(i, c)| match (part(c) && i < value.len(), start) {
        (true, None) => {
            start = Some(i);
            None
        }
        (false, Some(s)) => {
            start = None;
            let end = s + value[s..i].trim_end_matches('.').len();
            (end > s).then_some((s, end))
        }
        _ => None,
    })
}

/// A name normalised for comparison: lower case, `ё` as `е`, every run of characters other
/// than letters, digits and hyphens one space.
fn words(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(|c: char| !(crate::grammar::is_alphanumeric(c) || c == '-')).filter(|w| w.chars().any(crate::grammar::is_alphanumeric)) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&crate::grammar::lexicon::fold_name(w));
    }
    out
}

/// The ways a listed person's name is written: «Фамилия Имя», «Имя Фамилия», with the
/// patronymic, and with initials («Фамилия И. О.», «И. О. Фамилия»), each normalised. A single
/// word (a first name alone) is never one: it would match ordinary words and namesakes.
fn name_forms(surname: &str, name: &str, patronymic: Option<&str>) -> Vec<String> {
    let (s, n) = (words(surname), words(name));
    if s.chars().count() < 2 || n.chars().count() < 2 {
        return Vec::new();
    }
    let mut forms = vec![format!("{s} {n}"), format!("{n} {s}")];
    if let Some(p) = patronymic.map(words).filter(|p| p.chars().count() >= 2) {
        let initial = |w: &str| w.chars().next().map(String::from).unwrap_or_default();
        let (ni, pi) = (initial(&n), initial(&p));
        forms.extend([format!("{s} {n} {p}"), format!("{n} {p} {s}"), format!("{s} {ni} {pi}"), format!("{ni} {pi} {s}")]);
    }
    forms
}

/// A value's words ([`words`]) with the byte range each comes from, to find a name as whole
/// words and point at it.
struct WordIndex {
    words: Vec<(String, (usize, usize))>,
}

impl WordIndex {
    fn new(value: &str) -> Self {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in value.char_indices().chain(std::iter::once((value.len(), ' '))) {
            let part = crate::grammar::is_alphanumeric(c) || c == '-';
            match (part, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let w = self::words(&value[s..i]);
                    if !w.is_empty() {
                        words.push((w, (s, i)));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        Self { words }
    }

    /// The byte range of the words from the `at`-th on when they are `needle` (normalised
    /// words, one space apart).
    fn run_at(&self, at: usize, needle: &str) -> Option<(usize, usize)> {
        let wanted: Vec<&str> = needle.split(' ').collect();
        let run = self.words.get(at..at + wanted.len())?;
        run.iter().zip(&wanted).all(|((a, _), b)| a == b).then(|| (run[0].1 .0, run[run.len() - 1].1 .1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanner(known: &[(Kind, &str)]) -> Scanner {
        let mut s = Scanner::with_contacts(Some("+7 (343) 210-00-00"), Some("School@example.invalid"));
        for (kind, value) in known {
            s.add(*kind, value, "x:1".into());
        }
        s
    }

    fn found(s: &Scanner, value: &str) -> Vec<(&'static str, String)> {
        s.known_in(value).into_iter().map(|(r, k)| (k.kind.key(), value[r.0..r.1].to_string())).collect()
    }

    fn shapes(s: &Scanner, value: &str) -> Vec<(&'static str, String)> {
        s.shapes_in(value).into_iter().map(|(r, k)| (k.key(), value[r.0..r.1].to_string())).collect()
    }

    #[test]
    fn known_values_are_found_as_written_elsewhere() {
        let mut s = scanner(&[(Kind::Phone, "+79000001001"), (Kind::Email, "Smirnova@Example.invalid"), (Kind::InviteLink, "https://web.vk.me/join/demoTeachers"), (Kind::InviteToken, "demoTeachers")]);
        for form in name_forms("Смирнов", "Павел", Some("Андреевич")) {
            s.add(Kind::Name, &form, "x:2".into());
        }
        assert_eq!(found(&s, "Чат 5А, звоните 8 (900) 000-10-01"), [("phone", "8 (900) 000-10-01".to_string())]);
        assert_eq!(found(&s, "пишите SMIRNOVA@example.invalid."), [("email", "SMIRNOVA@example.invalid".to_string())]);
        assert_eq!(found(&s, "староста Павел Смирнов"), [("name", "Павел Смирнов".to_string())]);
        assert_eq!(found(&s, "староста СМИРНОВ П. А."), [("name", "СМИРНОВ П. А".to_string())]);
        assert_eq!(found(&s, "ссылка https://web.vk.me/join/demoTeachers"), [("invite-link", "https://web.vk.me/join/demoTeachers".to_string())]);
        assert_eq!(found(&s, "код demoTeachers"), [("invite-token", "demoTeachers".to_string())]);
        // Whole words and whole addresses only: no match inside another word or address.
        for clean in ["Смирнова Павла", "Смирнов", "Павел", "xsmirnova@example.invalid", "smirnova@example.invalid.ru", "demoTeachersClub", "+7 900 000-10-0"] {
            assert_eq!(found(&s, clean), [], "{clean}");
        }
    }

    #[test]
    fn shapes_warn_but_official_contacts_do_not() {
        let s = scanner(&[]);
        assert_eq!(shapes(&s, "тел. +7 912 345-67-89"), [("phone", "+7 912 345-67-89".to_string())]);
        assert_eq!(shapes(&s, "тел. 8 (912) 345 67 89 или 912 345-67-89"), [("phone", "8 (912) 345 67 89".to_string()), ("phone", "912 345-67-89".to_string())]);
        assert_eq!(shapes(&s, "почта ivanov@mail.example"), [("email", "ivanov@mail.example".to_string())]);
        assert_eq!(shapes(&s, "вступайте: https://t.me/+AbCdEf и sferum.ru/?invite=xyz"), [("invite-link", "https://t.me/+AbCdEf".to_string()), ("invite-link", "sferum.ru/?invite=xyz".to_string())]);
        for clean in [
            "тел. +7 (343) 210-00-00",
            "school@example.invalid",
            "поддержка info@sferum.ru",
            "https://sferum.ru/?p=instructions",
            "ИНН 9102012345, ОГРН 1027700000000",
            "с 01.09.2025 по 31.05.2026, приказ № 273-ФЗ",
            "Школа № 1",
        ] {
            assert_eq!(shapes(&s, clean), [], "{clean}");
        }
    }

    #[test]
    fn only_fields_that_reach_public_outputs_are_scanned() {
        assert!(!reaches_public(FileKind::Roles, "/people/1/phone"));
        assert!(reaches_public(FileKind::Roles, "/people/0/surname"));
        assert!(!reaches_public(FileKind::Institution, "/contacts/email"));
        assert!(!reaches_public(FileKind::Appointments, "/orders/1/consent/pay"));
        assert!(reaches_public(FileKind::Chats, "/groups/0/teachers/0/subject"));
        assert!(!reaches_public(FileKind::Chats, "/groups/0/name"));
    }
}
