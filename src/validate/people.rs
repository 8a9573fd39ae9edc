//! People lists (`people/<group>.csv`): parsed with the csv crate and checked like the YAML,
//! every mistake at file:line:col with the column named and a hint.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::load::chars::{self, MAX_VALUE_CHARS};
use crate::load::{SourceMap, MAX_FILE_BYTES};
use crate::model::{normalise_phone, GroupList, Institution, ListedPerson, Member};
use crate::tr;

/// The columns a people list may have, in the order the hint shows them.
pub const COLUMNS: [&str; 9] = ["id", "role", "surname", "name", "patronymic", "child", "phone", "email", "council"];
const REQUIRED: [&str; 4] = ["id", "role", "surname", "name"];
const COLUMNS_HINT: &str = "csv-columns.hint";

/// Where each person id was first listed, across all the lists of an institution.
pub type SeenIds = HashMap<String, (PathBuf, usize)>;

/// Reads and checks one people list of `inst`; `None` when it has errors (all reported).
pub fn check_people_list(inst: &Institution, path: &Path, seen: &mut SeenIds, sources: &mut SourceMap, diags: &mut Diagnostics) -> Option<GroupList> {
    let group = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if !inst.chats.groups.iter().any(|g| g.id == group) {
        let known: Vec<&str> = inst.chats.groups.iter().map(|g| g.id.as_str()).collect();
        diags.push(
            Diagnostic::error("csv-unknown-group", tr!("csv-unknown-group", group = group))
                .at(path, None)
                .with_hint(tr!("csv-unknown-group.hint", groups = known.join(", "))),
        );
        return None;
    }
    let text: Arc<str> = if is_xlsx(path) { read_xlsx(path, diags)? } else { read_text(path, diags)? };
    // NFC, as every YAML value: a letter and its combining accent become one character.
    let text: Arc<str> = {
        use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
        if is_nfc_quick(text.chars()) == IsNormalized::Yes { text } else { text.nfc().collect::<String>().into() }
    };
    sources.insert(path, text.clone());
    // `,`, `;` (Excel in a Russian locale) or a tab, read off the header line.
    let delimiter = detect_delimiter(&text[header_offset(&text)..]);
    let separated = match delimiter {
        b';' => tr!("csv-separated.semicolons"),
        b'\t' => tr!("csv-separated.tabs"),
        _ => tr!("csv-separated.commas"),
    };
    let separated = separated.as_str();
    let lines = Lines::new(&text);
    let mut errors = Diagnostics::default();
    let err = |code: &'static str, span: Span, message: String, hint: String| Diagnostic::error(code, message).at(path, Some(span)).with_hint(hint);

    // `# invented: …` on a comment line before the header marks made-up example data.
    let invented = text
        .trim_start_matches('\u{feff}')
        .lines()
        .take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
        .any(|l| l.trim_start().trim_start_matches('#').trim_start().to_lowercase().starts_with("invented"));
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).comment(Some(b'#')).trim(csv::Trim::All).flexible(true).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(csv_error(path, &lines, &e, separated));
            return None;
        }
    };
    let header_start = header_offset(&text);
    let mut column = HashMap::new();
    let header_spans = lines.field_spans(header_start, delimiter);
    for (i, h) in headers.iter().enumerate() {
        let span = lines.field_span(&header_spans, header_start, i);
        let name = h.trim_start_matches('\u{feff}');
        if COLUMNS.contains(&name) {
            if column.insert(name.to_string(), i).is_some() {
                errors.push(err("csv-duplicate-column", span, tr!("csv-duplicate-column", name = name), tr!(COLUMNS_HINT)));
            }
        } else {
            let close = COLUMNS.iter().find(|c| super::edit_distance(c, &name.to_lowercase()) <= 2);
            let hint = close.map_or(tr!(COLUMNS_HINT), |c| tr!("csv-unknown-column.hint", column = *c, columns = tr!(COLUMNS_HINT)));
            errors.push(err("csv-unknown-column", span, tr!("csv-unknown-column", name = name, separated = separated), hint));
        }
    }
    let header_span = lines.line_span(header_start);
    for required in REQUIRED {
        if !column.contains_key(required) {
            errors.push(err("csv-missing-column", header_span, tr!("csv-missing-column", column = required, separated = separated), tr!(COLUMNS_HINT)));
        }
    }
    if errors.has_errors() {
        diags.extend(errors);
        return None;
    }

    let mut rows: Vec<(ListedPerson, HashMap<&'static str, Span>)> = Vec::new();
    // Ids of rows refused above: a parent pointing at one is not reported again.
    let mut refused: Vec<String> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(csv_error(path, &lines, &e, separated));
                continue;
            }
        };
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let line = lines.line_of(start);
        if record.len() != headers.len() {
            refused.extend(column.get("id").and_then(|i| record.get(*i)).map(str::to_string));
            errors.push(err(
                "csv-wrong-field-count",
                lines.line_span(start),
                tr!("csv-wrong-field-count", values = record.len(), columns = headers.len(), separated = separated),
                tr!("csv-wrong-field-count.hint"),
            ));
            continue;
        }
        let mut spans = HashMap::new();
        let field_spans = lines.field_spans(start, delimiter);
        let mut get = |name: &'static str| -> Option<String> {
            let i = *column.get(name)?;
            spans.insert(name, lines.field_span(&field_spans, start, i));
            Some(record.get(i).unwrap_or_default().to_string()).filter(|v| !v.is_empty())
        };
        let values: HashMap<&'static str, Option<String>> = COLUMNS.iter().map(|c| (*c, get(c))).collect();
        let span = |c: &str| spans.get(c).copied().unwrap_or_else(|| lines.line_span(start));
        let mut bad = false;
        // Every cell: no control, bidi, zero-width or undrawable character, no megabyte value.
        for column in COLUMNS {
            let Some(value) = values[column].as_deref() else { continue };
            if value.chars().count() > MAX_VALUE_CHARS {
                errors.push(err("value-too-long", span(column), tr!("value-too-long", field = column, limit = MAX_VALUE_CHARS), tr!("value-too-long.hint")));
                bad = true;
            } else if let Some((_, c, problem, severity)) = chars::first_problem(value, chars::Field::Name) {
                errors.push(chars::diagnostic(problem, severity, c, column).at(path, Some(chars::locate(&text, span(column), c))));
                bad = true;
            }
        }
        refused.extend(values["id"].clone());
        for required in REQUIRED {
            if values[required].is_none() {
                errors.push(err("csv-empty-value", span(required), tr!("csv-empty-value", column = required), tr!("csv-empty-value.hint")));
                bad = true;
            }
        }
        if bad {
            continue;
        }
        let id = values["id"].clone().unwrap_or_default();
        if !valid_id(&id) {
            errors.push(err("csv-bad-id", span("id"), tr!("csv-bad-id", id = id), tr!("csv-bad-id.hint")));
            continue;
        }
        let role = values["role"].clone().unwrap_or_default();
        let member = match crate::grammar::lexicon::is_student_word(&role) {
            Some(true) => Member::Student,
            Some(false) => Member::Parent,
            None => {
                errors.push(err("csv-bad-role", span("role"), tr!("csv-bad-role", role = role), tr!("csv-bad-role.hint")));
                continue;
            }
        };
        let phone = match &values["phone"] {
            None => None,
            Some(raw) => match normalise_phone(raw) {
                Some(p) => Some(p),
                None => {
                    errors.push(err("csv-bad-phone", span("phone"), tr!("csv-bad-phone", phone = raw), tr!("csv-bad-phone.hint")));
                    None
                }
            },
        };
        if let Some(email) = &values["email"] {
            if !valid_email(email) {
                errors.push(err("csv-bad-email", span("email"), tr!("csv-bad-email", email = email), tr!("csv-bad-email.hint")));
            }
        }
        let council = match values["council"].as_deref().map(|v| (v, crate::grammar::lexicon::yes_no(v))) {
            None | Some((_, Some(false))) => false,
            Some((_, Some(true))) => true,
            Some((other, None)) => {
                errors.push(err("csv-bad-value", span("council"), tr!("csv-bad-council", value = other), tr!("csv-bad-council.hint")));
                false
            }
        };
        let person = ListedPerson {
            id,
            member,
            surname: values["surname"].clone().unwrap_or_default(),
            name: values["name"].clone().unwrap_or_default(),
            patronymic: values["patronymic"].clone(),
            child: values["child"].clone(),
            phone,
            email: values["email"].clone(),
            council,
            line,
        };
        refused.pop();
        rows.push((person, spans));
    }

    // The first row of each name (with its role, child and phone) and the pupils' ids, so that
    // each row is checked against them in constant time.
    let mut first_of_name: HashMap<(Member, String, Option<&str>, Option<&str>), &ListedPerson> = HashMap::new();
    for (p, _) in &rows {
        first_of_name.entry((p.member, p.full_name(), p.child.as_deref(), p.phone.as_deref())).or_insert(p);
    }
    let students: HashSet<&str> = rows.iter().filter(|(p, _)| p.member == Member::Student).map(|(p, _)| p.id.as_str()).collect();
    let refused: HashSet<&str> = refused.iter().map(String::as_str).collect();
    for (person, spans) in &rows {
        let span = |c: &str| spans.get(c).copied().unwrap_or_else(|| lines.line_span(0));
        if let Some((file, first)) = seen.get(&person.id) {
            errors.push(err(
                "csv-duplicate-person",
                span("id"),
                tr!("csv-duplicate-person", id = person.id, first = format!("{}:{first}", file.display())),
                tr!("csv-duplicate-person.hint"),
            ));
            continue;
        }
        seen.insert(person.id.clone(), (path.to_path_buf(), person.line));
        let key = (person.member, person.full_name(), person.child.as_deref(), person.phone.as_deref());
        let twin = first_of_name.get(&key).filter(|p| p.line < person.line);
        if let Some(twin) = twin {
            errors.push(err(
                "csv-duplicate-person",
                span("surname"),
                tr!("csv-twin-person", name = person.full_name(), first = twin.id, line = twin.line, id = person.id),
                tr!("csv-twin-person.hint"),
            ));
        }
        // A preschool's children are listed only as those whom the parents represent: nobody
        // invites them, so their rows carry no contact and no council seat.
        if person.member == Member::Student && !inst.info.kind.learners_join() {
            for (column, given) in [("phone", person.phone.is_some()), ("email", person.email.is_some()), ("council", person.council)] {
                if given {
                    errors.push(err(
                        "child-invited",
                        span(column),
                        tr!("child-invited", column = column, id = person.id),
                        tr!("child-invited.hint"),
                    ));
                }
            }
        }
        match (person.member, &person.child) {
            (Member::Parent, None) => errors.push(err("csv-missing-child", span("child"), tr!("csv-missing-child"), tr!("csv-missing-child.hint"))),
            (Member::Parent, Some(child)) => {
                if !students.contains(child.as_str()) && !refused.contains(child.as_str()) {
                    errors.push(err(
                        "csv-unknown-student",
                        span("child"),
                        tr!("csv-unknown-student", child = child),
                        tr!("csv-unknown-student.hint", group = group),
                    ));
                }
            }
            (Member::Student, Some(child)) => errors.push(err("csv-unexpected-child", span("child"), tr!("csv-unexpected-child", child = child), tr!("csv-unexpected-child.hint"))),
            (Member::Student, None) => {}
        }
    }
    let clean = !errors.has_errors();
    diags.extend(errors);
    clean.then(|| GroupList { group, file: path.to_path_buf(), invented, people: rows.into_iter().map(|(p, _)| p).collect() })
}

fn read_text(path: &Path, diags: &mut Diagnostics) -> Option<Arc<str>> {
    let bytes = match crate::fs::read_input(path, MAX_FILE_BYTES as u64) {
        Ok(b) => b,
        Err(e) => {
            diags.push(crate::fs::input_diagnostic(path, &e, MAX_FILE_BYTES as u64, "list-too-large"));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(t) => Some(t.into()),
        Err(_) => {
            diags.push(
                Diagnostic::error("not-utf8", tr!("not-utf8", path = path)).at(path, None).with_hint(tr!("not-utf8.list-hint")),
            );
            None
        }
    }
}

fn csv_error(path: &Path, lines: &Lines, e: &csv::Error, separated: &str) -> Diagnostic {
    let start = e.position().map_or(0, |p| p.byte() as usize);
    Diagnostic::error("csv-syntax", tr!("csv-syntax", separated = separated, detail = e.to_string()))
        .at(path, Some(lines.line_span(start)))
        .with_hint(tr!("csv-syntax.hint"))
}

/// The separator of a list, from its header line (`text` starts there): the one of `,`, `;`
/// and tab that splits it into the most known column names; a comma when none does.
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let known = |d: char| header.split(d).filter(|f| COLUMNS.contains(&f.trim().trim_matches('"').trim_start_matches('\u{feff}'))).count();
    [(',', b','), (';', b';'), ('\t', b'\t')].into_iter().max_by_key(|(c, _)| (known(*c), *c == ',')).map_or(b',', |(_, d)| d)
}

/// Whether a people list is a workbook (its first sheet is read like a CSV file).
pub fn is_xlsx(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// The first sheet of a workbook as CSV text, one line per sheet row (row 1 is line 1), so
/// every check and every row number is the same as for a CSV list.
fn read_xlsx(path: &Path, diags: &mut Diagnostics) -> Option<Arc<str>> {
    use calamine::{Data, Reader};
    let bytes = match crate::fs::read_input(path, MAX_FILE_BYTES as u64) {
        Ok(b) => b,
        Err(e) => {
            diags.push(crate::fs::input_diagnostic(path, &e, MAX_FILE_BYTES as u64, "list-too-large"));
            return None;
        }
    };
    let unreadable = |e: &dyn std::fmt::Display| {
        Diagnostic::error("read-failed", tr!("xlsx-unreadable", path = path, reason = e.to_string()))
            .at(path, None)
            .with_hint(tr!("xlsx-unreadable.hint"))
    };
    if let Err(e) = bounded_zip(&bytes) {
        diags.push(match e {
            ZipCheck::TooLarge => Diagnostic::error("file-too-large", tr!("xlsx-expands-too-much", path = path, limit = MAX_XLSX_EXPANDED_BYTES / 1_048_576))
                .at(path, None)
                .with_hint(tr!("xlsx-expands-too-much.hint")),
            ZipCheck::Unreadable(reason) => unreadable(&reason),
        });
        return None;
    }
    // A workbook expands: the sheet's text is held to the limit a CSV list has.
    let too_large = |size: usize| crate::fs::input_diagnostic(path, &crate::fs::InputError::TooLarge(size as u64), MAX_FILE_BYTES as u64, "list-too-large");
    let mut book = match calamine::Xlsx::new(std::io::Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(unreadable(&e));
            return None;
        }
    };
    let Some(sheet) = book.sheet_names().into_iter().next() else {
        diags.push(unreadable(&tr!("xlsx-no-sheet")));
        return None;
    };
    let mut reader = match book.worksheet_cells_reader(&sheet) {
        Ok(r) => r,
        Err(e) => {
            diags.push(unreadable(&e));
            return None;
        }
    };
    // The cells one at a time, never as a dense sheet: one cell at row 4,000,000,000 (a
    // workbook of 1 KB) would make that rows × columns. Every row and every column costs the
    // text at least a byte, so a cell past the limit makes the list too large at once.
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    let mut size = 0usize;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => {
                diags.push(unreadable(&e));
                return None;
            }
        };
        let (row, col) = cell.get_position();
        let value = match Data::from(cell.get_value().clone()) {
            Data::Empty => continue,
            // A phone typed as a number is a whole number: no «.0», no exponent.
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            other => other.to_string(),
        };
        size = size.saturating_add(value.len() + 1);
        if let Some(over) = [row as usize, col as usize, size].into_iter().find(|n| *n > MAX_FILE_BYTES) {
            diags.push(too_large(over));
            return None;
        }
        cells.push((row, col, value));
    }
    // Rows in order, a cell written twice keeps its last value; columns start at the first
    // one used, every line as wide as the widest row.
    cells.sort_by_key(|&(row, col, _)| (row, col));
    let first_col = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let width = cells.iter().map(|c| (c.1 - first_col) as usize + 1).max().unwrap_or(0);
    let mut text = String::new();
    let mut next_line = 0usize;
    for row in cells.chunk_by(|a, b| a.0 == b.0) {
        let line = row[0].0 as usize;
        text.extend(std::iter::repeat_n('\n', line - next_line));
        next_line = line + 1;
        if text.len() + width > MAX_FILE_BYTES {
            diags.push(too_large(text.len() + width));
            return None;
        }
        let mut values = vec![""; width];
        for (_, col, value) in row {
            values[(col - first_col) as usize] = value;
        }
        if values.iter().all(|v| v.is_empty()) {
            text.push('\n');
            continue;
        }
        let mut row_writer = csv::WriterBuilder::new().from_writer(Vec::new());
        let written = row_writer.write_record(&values).map_err(|e| e.to_string()).and_then(|()| row_writer.into_inner().map_err(|e| e.to_string()));
        match written {
            Ok(bytes) => text.push_str(&String::from_utf8_lossy(&bytes)),
            Err(e) => {
                diags.push(unreadable(&e));
                return None;
            }
        }
    }
    Some(text.into())
}

/// The most a workbook's entries may expand to, together: a sheet of a 1 MiB list is far
/// smaller; a «zip bomb» (kilobytes that expand to gigabytes) is refused before calamine reads it.
const MAX_XLSX_EXPANDED_BYTES: u64 = 64 * 1024 * 1024;

/// Why a workbook's zip was refused.
enum ZipCheck {
    /// More than [`MAX_XLSX_EXPANDED_BYTES`] once expanded.
    TooLarge,
    Unreadable(String),
}

/// Expands every entry of the workbook's zip into nothing, counting: never more than
/// [`MAX_XLSX_EXPANDED_BYTES`] in all, whatever sizes the zip's directory claims.
fn bounded_zip(bytes: &[u8]) -> Result<(), ZipCheck> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| ZipCheck::Unreadable(e.to_string()))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| ZipCheck::Unreadable(e.to_string()))?;
        let left = MAX_XLSX_EXPANDED_BYTES - total;
        let read = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink()).map_err(|e| ZipCheck::Unreadable(e.to_string()))?;
        total += read;
        if total > MAX_XLSX_EXPANDED_BYTES {
            return Err(ZipCheck::TooLarge);
        }
    }
    Ok(())
}

/// Where the header line starts: after a BOM and any comment or blank lines.
fn header_offset(text: &str) -> usize {
    let mut offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    for line in text[offset..].split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('#') || t.is_empty() {
            offset += line.len();
        } else {
            break;
        }
    }
    offset
}

/// A list's text with where each of its lines starts, so that a line number is a binary
/// search and not a count of the line breaks before it (which made checking a long list
/// quadratic).
struct Lines<'a> {
    text: &'a str,
    /// The byte offset of each line's start, ascending; line 1 starts at 0.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines { text, starts: crate::load::line_starts(text) }
    }

    /// The 1-based line of byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|s| *s <= offset.min(self.text.len()))
    }

    fn span_of(&self, start: usize, end: usize) -> Span {
        let text = self.text;
        let start = start.min(text.len());
        let line = self.line_of(start);
        let line_start = self.starts[line - 1];
        // A byte-order mark is no column an editor shows.
        let col = text[line_start..start].chars().filter(|c| *c != '\u{feff}').count() + 1;
        Span { start, end: end.max(start).min(text.len()), line, col }
    }

    /// The span of the line starting at `start` (without its line break).
    fn line_span(&self, start: usize) -> Span {
        let text = self.text;
        let start = start.min(text.len());
        let end = text[start..].find(['\r', '\n']).map_or(text.len(), |i| start + i);
        self.span_of(start, end)
    }

    /// The spans of the fields of the record starting at `start`, quotes respected: one pass
    /// over the line, however many fields it has, each field's column counted on from the
    /// field before it.
    fn field_spans(&self, start: usize, delimiter: u8) -> Vec<Span> {
        let text = self.text;
        let bytes = text.as_bytes();
        let (mut i, mut quoted) = (start.min(text.len()), false);
        let mut field_start = i;
        let mut ranges = Vec::new();
        while i < bytes.len() {
            match bytes[i] {
                b'"' => quoted = !quoted,
                b if b == delimiter && !quoted => {
                    ranges.push(self.trimmed(field_start, i));
                    field_start = i + 1;
                }
                b'\n' | b'\r' if !quoted => break,
                _ => {}
            }
            i += 1;
        }
        ranges.push(self.trimmed(field_start, i));
        // (line, byte offset, column there): a quoted field may hold line breaks.
        let mut at = (0, 0, 0);
        ranges
            .into_iter()
            .map(|(s, e)| {
                let line = self.line_of(s);
                if at.0 != line || at.1 > s {
                    at = (line, self.starts[line - 1], 1);
                }
                at.2 += text[at.1..s].chars().filter(|c| *c != '\u{feff}').count();
                at.1 = s;
                Span { start: s, end: e.max(s).min(text.len()), line, col: at.2 }
            })
            .collect()
    }

    /// The span of field `index` among `spans` (the record's `field_spans`), or its line.
    fn field_span(&self, spans: &[Span], start: usize, index: usize) -> Span {
        spans.get(index).copied().unwrap_or_else(|| self.line_span(start))
    }

    /// The bytes of a field without its surrounding white space (at least one byte wide).
    fn trimmed(&self, start: usize, end: usize) -> (usize, usize) {
        let text = self.text;
        let raw = &text[start..end];
        let lead = raw.len() - raw.trim_start().len();
        let s = start + lead;
        let e = (s + raw.trim().len()).max(s + 1).min(text.len().max(s));
        (s.min(text.len()), e)
    }
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.len() <= 63
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn valid_email(s: &str) -> bool {
    super::email::valid_address(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook whose one sheet is `expanded` bytes of spaces, deflated.
    fn workbook(expanded: usize) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..expanded / block.len() {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_expands() {
        let bomb = workbook(MAX_XLSX_EXPANDED_BYTES as usize + (1 << 20));
        assert!(bomb.len() < MAX_FILE_BYTES, "the bomb passes the file size limit ({} bytes)", bomb.len());
        assert!(matches!(bounded_zip(&bomb), Err(ZipCheck::TooLarge)));
        assert!(bounded_zip(&workbook(1 << 20)).is_ok());

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("5a.xlsx");
        std::fs::write(&path, &bomb).unwrap();
        let mut diags = Diagnostics::default();
        assert!(read_xlsx(&path, &mut diags).is_none());
        let d = diags.iter().next().expect("a diagnostic");
        assert_eq!((d.code, d.file.as_deref()), ("file-too-large", Some(path.as_path())));
        assert!(d.message.contains("64"), "{}", d.message);
    }
}
