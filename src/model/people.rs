//! The restricted inputs of rosters: people lists (`people/<group>.csv`) and invite links
//! (`invites.yaml`). Both hold personal data; neither reaches a public output.

use std::path::PathBuf;

use serde::Deserialize;

use super::Date;

/// Who a person in a people list is on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Member {
    Student,
    Parent,
}

impl Member {
    pub fn key(self) -> &'static str {
        match self {
            Member::Student => "student",
            Member::Parent => "parent",
        }
    }
}

/// One row of a people list, validated: the phone is normalised to `+79XXXXXXXXX`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedPerson {
    pub id: String,
    pub member: Member,
    pub surname: String,
    pub name: String,
    pub patronymic: Option<String>,
    /// For a parent: the id of their child (a student of the same list).
    pub child: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// A member of the parents' or students' council.
    pub council: bool,
    /// The 1-based line of the row in its file.
    pub line: usize,
}

impl ListedPerson {
    /// «Фамилия Имя Отчество».
    pub fn full_name(&self) -> String {
        let mut s = format!("{} {}", self.surname, self.name);
        if let Some(p) = &self.patronymic {
            s.push(' ');
            s.push_str(p);
        }
        s
    }
}

/// The people list of one group: `people/<group>.csv`.
#[derive(Debug, Clone)]
pub struct GroupList {
    pub group: String,
    pub file: PathBuf,
    /// The file says its people are invented (`# invented` on a comment line).
    pub invented: bool,
    pub people: Vec<ListedPerson>,
}

impl GroupList {
    pub fn students(&self) -> impl Iterator<Item = &ListedPerson> {
        self.people.iter().filter(|p| p.member == Member::Student)
    }

    pub fn parents(&self) -> impl Iterator<Item = &ListedPerson> {
        self.people.iter().filter(|p| p.member == Member::Parent)
    }
}

/// invites.yaml: the invite links the platform created, pasted in by the admin.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct InvitesFile {
    /// The links are invented (the bundled examples): no warning when git tracks the file.
    #[serde(default)]
    pub invented: bool,
    #[serde(default)]
    pub links: Vec<InviteLink>,
    /// The chats whose link has expired (filled in by validation): their rosters and handouts
    /// are left out, so no dead link is handed out.
    #[serde(skip)]
    pub expired: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InviteLink {
    /// The chat's id (as in config/runtime.json: `teachers-unit`, `3a-students`, `3a-subject-admin`…).
    pub chat: String,
    pub url: String,
    pub created: Date,
}

impl InvitesFile {
    pub fn link(&self, chat: &str) -> Option<&InviteLink> {
        self.links.iter().find(|l| l.chat == chat)
    }
}

/// A Russian mobile number in any common notation (`+7 900 123-45-67`, `8 (900) 123 45 67`,
/// `89001234567`, `9001234567`) as `+79001234567`; `None` when it is not one.
pub fn normalise_phone(raw: &str) -> Option<String> {
    let mut digits = String::new();
    for (i, c) in raw.trim().chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => {}
            ' ' | '-' | '(' | ')' | '.' | '\u{a0}' => {}
            _ => return None,
        }
    }
    let plus = raw.trim().starts_with('+');
    let national = match digits.len() {
        11 if digits.starts_with('7') => &digits[1..],
        11 if digits.starts_with('8') && !plus => &digits[1..],
        10 if !plus => &digits[..],
        _ => return None,
    };
    national.starts_with('9').then(|| format!("+7{national}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_mobiles_in_common_notations() {
        for raw in ["+7 900 123-45-67", "8 (900) 123-45-67", "89001234567", "+79001234567", "900 123 45 67", "+7(900)123-45-67"] {
            assert_eq!(normalise_phone(raw).as_deref(), Some("+79001234567"), "{raw}");
        }
        for raw in ["+7 800 555-35-35", "+8 900 123-45-67", "8 900 123-45-6", "+375 29 123-45-67", "900-ABC", "", "+7 900 123-45-67 доб. 1", "=1+2"] {
            assert_eq!(normalise_phone(raw), None, "{raw}");
        }
    }
}
