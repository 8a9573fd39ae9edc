//! XLSX backend for rosters: one workbook, a sheet per inviter (rust_xlsxwriter). Every
//! cell is written as a string, so a value like `=HYPERLINK(…)` is text, never a formula.
//! The creation date is fixed (the zip entries carry a fixed time too): builds are byte-identical.

use anyhow::{anyhow, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use crate::roster::csv::cells;
use crate::roster::RosterWords;
use super::Artifact;
use crate::model::Date;
use crate::roster::InviterRoster;

/// The workbook's path under out/<id>/.

/// `restricted/rosters/rosters.xlsx`: a sheet per inviter, named after them.
pub fn rosters_xlsx(words: &RosterWords, inviters: &[InviterRoster], created: Date) -> Result<Artifact> {
    let mut workbook = Workbook::new();
    let stamp = ExcelDateTime::from_ymd(created.year as u16, created.month, created.day).map_err(|e| anyhow!("workbook date: {e}"))?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&stamp).set_title(&words.workbook_title));
    let bold = Format::new().set_bold();
    let mut names: Vec<String> = Vec::new();
    for inviter in inviters {
        let sheet = workbook.add_worksheet();
        let name = sheet_name(inviter.inviter_name, &words.sheet, &names);
        sheet.set_name(&name).map_err(|e| anyhow!("sheet name `{name}`: {e}"))?;
        names.push(name);
        for (col, title) in words.columns.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, title, &bold).map_err(|e| anyhow!("{e}"))?;
        }
        let mut row = 1u32;
        for chat in &inviter.chats {
            for r in &chat.rows {
                for (col, value) in cells(chat, r).iter().enumerate() {
                    // The cells are text already made inert for CSV; XLSX needs no apostrophe.
                    let plain = value.strip_prefix('\'').filter(|v| v.starts_with(['=', '+', '-', '@', '\t', '\r'])).unwrap_or(value);
                    sheet.write_string(row, col as u16, plain).map_err(|e| anyhow!("{e}"))?;
                }
                row += 1;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(|e| anyhow!("{e}"))?;
        sheet.autofit();
    }
    let bytes = workbook.save_to_buffer().map_err(|e| anyhow!("writing the rosters workbook: {e}"))?;
    Ok(Artifact { path: crate::layout::ROSTER_WORKBOOK.into(), bytes })
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
fn sheet_name(wanted: &str, fallback: &str, taken: &[String]) -> String {
    let clean: String = wanted.chars().map(|c| if "[]:*?/\\'".contains(c) { ' ' } else { c }).collect::<String>().trim().chars().take(28).collect();
    let base = if clean.is_empty() { fallback.to_string() } else { clean };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}
