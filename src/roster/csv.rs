//! The CSV format of rosters and their diffs, written and read here alone: UTF-8 with a BOM
//! and `;` between values, as Excel in a Russian locale opens it (Cyrillic intact, one value
//! per cell); CRLF line ends.

use anyhow::Result;

use super::{ChatRoster, InviterRoster, RosterRow, RosterWords};

/// How many columns every roster has (their titles are the template rosters/frame.txt's).
pub const COLUMNS: usize = 12;

/// The UTF-8 byte-order mark Excel needs to read a CSV file as UTF-8.
pub const BOM: &[u8] = "\u{feff}".as_bytes();

/// The cells of one row: values from the input are made inert for spreadsheets.
pub fn cells(chat: &ChatRoster, row: &RosterRow) -> [String; COLUMNS] {
    [
        chat.chat.id.clone(),
        inert(&chat.chat.name),
        inert(&chat.inviter_name),
        row.platform_role.to_string(),
        row.person_id.clone(),
        inert(&row.surname),
        inert(&row.name),
        inert(&row.patronymic),
        inert(&row.group),
        // A validated +79XXXXXXXXX, or a staff phone as written: inert like any text.
        if row.phone.starts_with("+7") && row.phone[1..].chars().all(|c| c.is_ascii_digit()) { row.phone.clone() } else { inert(&row.phone) },
        inert(&row.email),
        inert(&row.child),
    ]
}

/// A value a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+…`, `-…`, `@…`) gets a
/// leading apostrophe, so it shows as the text it is (OWASP's advice on CSV injection).
pub fn inert(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// The value `inert` made of `value`, read back: the guarding apostrophe goes.
pub fn uninert(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => value,
    }
}

/// A CSV file of `header` and `rows`: BOM, `;`, CRLF.
pub fn write<R, S>(header: &[String], rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>>
where
    R: IntoIterator<Item = S>,
    S: AsRef<[u8]>,
{
    let mut writer = ::csv::WriterBuilder::new().delimiter(b';').terminator(::csv::Terminator::CRLF).from_writer(BOM.to_vec());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("writing a CSV file: {e}"))
}

/// One chat's roster: everyone invited into it.
pub fn chat_csv(words: &RosterWords, chat: &ChatRoster) -> Result<Vec<u8>> {
    write(&words.columns, chat.rows.iter().map(|r| cells(chat, r)))
}

/// Everyone one person invites, chat by chat.
pub fn inviter_csv(words: &RosterWords, inviter: &InviterRoster) -> Result<Vec<u8>> {
    write(&words.columns, inviter.chats.iter().flat_map(|c| c.rows.iter().map(move |r| cells(c, r))))
}

/// The text of a CSV file this module wrote, without its BOM.
pub fn body(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// A reader of the records (header included) of a file's `body`.
pub fn reader(body: &[u8]) -> ::csv::Reader<&[u8]> {
    ::csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(body)
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formulas_become_text() {
        assert_eq!(inert("=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")");
        assert_eq!(inert("+7 900"), "'+7 900");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("Иванов"), "Иванов");
        for v in ["=HYPERLINK(1)", "+7 900", "-1", "@SUM(A1)", "Иванов", "'quoted"] {
            assert_eq!(super::uninert(&inert(v)), v);
        }
    }
}
