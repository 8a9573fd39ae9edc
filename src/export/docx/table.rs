//! Markdown tables (the acknowledgment sheets): single borders across the text width, a bold
//! centred head row that repeats on every page, rows at least 1 cm high to sign in by hand.

use docx_rs::{
    AlignmentType, HeightRule, Table, TableBorder, TableBorderPosition, TableBorders, TableLayoutType, TableRow,
    VAlignType, WidthType,
};
use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use super::inlines::{Inlines, inline_until_end, with_runs};
use super::{Flow, TEXT_WIDTH};

/// The least height of a row under the head, 1 cm in twips.
const ROW_HEIGHT: f32 = 567.0;

/// Adds the table whose events follow (up to its end) to `flow`.
pub(super) fn table<'a>(alignments: &[Alignment], events: &mut impl Iterator<Item = Event<'a>>, flow: &mut Flow) {
    let mut rows: Vec<Vec<Inlines>> = Vec::new();
    while let Some(event) = events.next() {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                // A GFM table always opens with its head row.
                let start = if rows.len() == 1 { Inlines::bold() } else { Inlines::default() };
                let cell = inline_until_end(events, start);
                rows.last_mut().expect("a cell is inside a row").push(cell);
            }
            Event::End(TagEnd::Table) => break,
            _ => {}
        }
    }
    if rows.is_empty() {
        return;
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let widths = column_widths(&rows, columns);
    let table_rows = rows
        .into_iter()
        .enumerate()
        .map(|(r, row)| {
            let mut cells: Vec<_> = row.into_iter().map(Some).collect();
            cells.resize_with(columns, || None);
            let cells = cells.into_iter().enumerate().map(|(c, inlines)| {
                let align = match alignments.get(c) {
                    _ if r == 0 => AlignmentType::Center,
                    Some(Alignment::Center) => AlignmentType::Center,
                    Some(Alignment::Right) => AlignmentType::Right,
                    _ => AlignmentType::Left,
                };
                let p = flow.paragraph().align(align);
                let p = with_runs(p, inlines.map(Inlines::into_runs).unwrap_or_default());
                flow.cell(widths[c], vec![p]).vertical_align(VAlignType::Center)
            });
            let row = TableRow::new(cells.collect()).cant_split();
            if r == 0 { row } else { row.row_height(ROW_HEIGHT).height_rule(HeightRule::AtLeast) }
        })
        .collect();
    let table = Table::new(table_rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(grid_borders());
    flow.push_table_with_header(table);
}

/// Single ½ pt lines around and between all cells.
fn grid_borders() -> TableBorders {
    use TableBorderPosition::*;
    [Top, Left, Bottom, Right, InsideH, InsideV]
        .into_iter()
        .fold(TableBorders::new(), |borders, position| borders.set(TableBorder::new(position).size(4)))
}

/// Column widths in proportion to their longest text (3–24 characters), so «№» stays narrow
/// and «Должность» wide; a column left blank to be filled in by hand (a date, a signature)
/// counts as twelve. Together they fill the text width.
fn column_widths(rows: &[Vec<Inlines>], columns: usize) -> Vec<usize> {
    let longest =
        |rows: &[Vec<Inlines>], c: usize| rows.iter().filter_map(|r| r.get(c)).map(|i| i.chars).max().unwrap_or(0);
    let weights: Vec<usize> = (0..columns)
        .map(|c| {
            let (head, body) = (longest(&rows[..1], c), longest(&rows[1..], c));
            let blank = rows.len() > 1 && body == 0;
            (if blank { head.max(12) } else { head.max(body) }).clamp(3, 24)
        })
        .collect();
    let total: usize = weights.iter().sum();
    let mut widths: Vec<usize> = weights.iter().map(|w| TEXT_WIDTH * w / total).collect();
    widths[columns - 1] += TEXT_WIDTH - widths.iter().sum::<usize>();
    widths
}
