//! The requisites around the text, per layout: header, approval or addressee blocks, the
//! type word and heading, date line and place above; the signature and closing blocks below.

use docx_rs::{
    AlignmentType, BreakType, LineSpacing, Paragraph, Run, Table, TableCell, TableCellMargins, TableLayoutType,
    TableRow, VAlignType, WidthType,
};

use super::{EM, Flow, TEXT_WIDTH, text_run};
use crate::document::{Block, DateLine, Document, Layout};

/// The right requisite column (УТВЕРЖДЕНО, the addressee) is 8 cm wide, like the PDF's.
const RIGHT_COLUMN: usize = 4536;
/// The 1 cm gap the PDF leaves between the requisite columns.
const GUTTER: usize = 567;
/// An order's or a letter's heading is at most 10 cm wide.
const HEADING_WIDTH: i32 = 5669;

/// Adds everything above the text.
pub(super) fn front_matter(doc: &Document, flow: &mut Flow) {
    let count = doc.header.len();
    for (i, text) in doc.header.iter().enumerate() {
        let line = flow.line(text, AlignmentType::Center);
        flow.push(if i + 1 == count { line.line_spacing(LineSpacing::new().after(EM)) } else { line });
    }
    match doc.layout {
        Layout::Regulation | Layout::Form => {
            requisite_columns(flow, Vec::new(), &doc.top_left, &doc.top_right);
            if !doc.type_word.is_empty() || !doc.heading.is_empty() {
                let title = title(flow, &doc.type_word, &doc.heading);
                flow.push(title);
            }
            place(flow, &doc.place_year);
        }
        Layout::Order => {
            requisite_columns(flow, Vec::new(), &doc.top_left, &doc.top_right);
            type_word(flow, &doc.type_word);
            if let Some(line) = &doc.date_line {
                date_row(flow, line);
            }
            place(flow, &doc.place_year);
            left_heading(flow, &doc.heading);
        }
        Layout::Letter => {
            let date = doc.date_line.iter().map(|l| format!("{} {}", l.date, numbered(&l.number)));
            let first_left = date.chain([doc.place_year.clone()]).filter(|l| !l.is_empty()).collect();
            requisite_columns(flow, first_left, &doc.top_left, &doc.top_right);
            type_word(flow, &doc.type_word);
            left_heading(flow, &doc.heading);
        }
    }
}

/// Adds everything after the text: the signature row, then the closing blocks.
pub(super) fn back_matter(doc: &Document, flow: &mut Flow) {
    let gap = LineSpacing::new().before(2 * EM);
    if let Some(signature) = &doc.signature {
        let post = flow.line(&signature.post, AlignmentType::Left).line_spacing(gap.clone());
        let name = flow.line(&signature.name, AlignmentType::Right).line_spacing(gap.clone());
        let post_width = TEXT_WIDTH * 3 / 5;
        // The name stands level with the last line of a post that wraps.
        let widths = vec![post_width, TEXT_WIDTH - post_width];
        let name_cell = flow.cell(widths[1], vec![name]).vertical_align(VAlignType::Bottom);
        let post_cell = flow.cell(widths[0], vec![post]);
        flow.push_table(borderless_row(widths, vec![post_cell, name_cell]));
    }
    let mut lines = block_lines(flow, &doc.closing);
    if let Some(first) = lines.first_mut() {
        *first = std::mem::take(first).line_spacing(gap);
    }
    lines.into_iter().for_each(|p| flow.push(p));
}

/// ПРИНЯТО on the left and УТВЕРЖДЕНО (or the addressee) on the right, in a table without
/// borders; `first_left` lines (a letter's date line and place) open the left column.
fn requisite_columns(flow: &mut Flow, first_left: Vec<String>, left: &[Block], right: &[Block]) {
    if first_left.is_empty() && left.is_empty() && right.is_empty() {
        return;
    }
    let mut left_lines: Vec<Paragraph> = first_left.iter().map(|l| flow.line(l, AlignmentType::Left)).collect();
    if let Some(last) = left_lines.last_mut().filter(|_| !left.is_empty()) {
        *last = std::mem::take(last).line_spacing(LineSpacing::new().after(EM));
    }
    left_lines.extend(block_lines(flow, left));
    let right_lines = block_lines(flow, right);
    let widths = vec![TEXT_WIDTH - RIGHT_COLUMN, RIGHT_COLUMN];
    let mut left_cell = flow.cell(widths[0], left_lines);
    left_cell.property = left_cell.property.margin_right(GUTTER, WidthType::Dxa);
    let right_cell = flow.cell(widths[1], right_lines);
    flow.push_table(borderless_row(widths, vec![left_cell, right_cell]));
}

/// The lines of requisite blocks, left-aligned, one em between blocks.
fn block_lines(flow: &mut Flow, blocks: &[Block]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        let count = block.lines.len();
        for (i, text) in block.lines.iter().enumerate() {
            let line = flow.line(text, AlignmentType::Left);
            let between_blocks = i + 1 == count && b + 1 < blocks.len();
            out.push(if between_blocks { line.line_spacing(LineSpacing::new().after(EM)) } else { line });
        }
    }
    out
}

/// The type word and the heading as one centred bold `heading 1` paragraph, the level the
/// PDF gives them, so the title opens the navigation pane.
fn title(flow: &mut Flow, type_word: &str, heading: &str) -> Paragraph {
    let mut run = text_run(Run::new(), type_word);
    if !type_word.is_empty() && !heading.is_empty() {
        run = run.add_break(BreakType::TextWrapping);
    }
    flow.paragraph().style("Heading1").add_run(text_run(run, heading))
}

/// An order's or a letter's heading («О …»): bold on the left, at most 10 cm wide like the PDF's.
fn left_heading(flow: &mut Flow, heading: &str) {
    if !heading.is_empty() {
        let right_indent = TEXT_WIDTH as i32 - HEADING_WIDTH;
        let p = title(flow, "", heading).align(AlignmentType::Left).indent(None, None, Some(right_indent), None);
        flow.push(p);
    }
}

/// ПРИКАЗ, centred and bold, kept with the lines under it.
fn type_word(flow: &mut Flow, word: &str) {
    if word.is_empty() {
        return;
    }
    let spacing = LineSpacing::new().before(EM * 6 / 5).after(EM * 4 / 5);
    let p = flow.paragraph().align(AlignmentType::Center).keep_next(true).line_spacing(spacing);
    flow.push(p.add_run(text_run(Run::new().bold(), word)));
}

/// «25.10.2023» on the left and «№ 212 п» on the right of one borderless row.
fn date_row(flow: &mut Flow, line: &DateLine) {
    let date = flow.line(&line.date, AlignmentType::Left).keep_next(true);
    let number = flow.line(&numbered(&line.number), AlignmentType::Right).keep_next(true);
    let widths = vec![TEXT_WIDTH / 2, TEXT_WIDTH - TEXT_WIDTH / 2];
    let cells = vec![flow.cell(widths[0], vec![date]), flow.cell(widths[1], vec![number])];
    flow.push_table(borderless_row(widths, cells));
}

/// «г. Иркутск, 2023», centred.
fn place(flow: &mut Flow, text: &str) {
    if !text.is_empty() {
        let line = flow.line(text, AlignmentType::Center).line_spacing(LineSpacing::new().after(EM / 2));
        flow.push(line);
    }
}

/// The registration number with its sign, tied to it unless the data already carries it.
fn numbered(number: &str) -> String {
    if number.starts_with('№') { number.to_string() } else { format!("№\u{a0}{number}") }
}

/// A one-row table without borders or cell padding, as wide as the text.
fn borderless_row(widths: Vec<usize>, cells: Vec<TableCell>) -> Table {
    Table::new(vec![TableRow::new(cells)])
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .clear_all_border()
}
