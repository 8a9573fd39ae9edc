//! The text: sanitised Markdown events (backend::markdown) → headings, justified paragraphs,
//! numbered and «–» lists, bordered tables and formatted runs.

use docx_rs::{
    AlignmentType, BreakType, IndentLevel, NumberingId, Paragraph, Run, Table, TableBorder, TableBorderPosition,
    TableBorders, TableLayoutType, TableRow, WidthType,
};
use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use super::styles::{BODY, BULLETS, LIST, text_indent};
use super::{Flow, INDENT, TEXT_WIDTH, text_run};

/// Adds the blocks of `markdown` to `flow`.
pub(super) fn markdown(markdown: &str, flow: &mut Flow) {
    let mut events = crate::backend::markdown::events(markdown).into_iter();
    blocks(&mut events, flow, 0);
}

/// Blocks until the end of the enclosing container (or of the text), `indent` twips from the margin.
fn blocks<'a>(events: &mut impl Iterator<Item = Event<'a>>, flow: &mut Flow, indent: i32) {
    while let Some(event) = events.next() {
        match event {
            Event::Start(tag) => block(tag, events, flow, indent),
            Event::End(_) => return,
            Event::Rule => {
                let p = body_paragraph(flow, indent).add_run(Run::new().add_text("* * *"));
                flow.push(p);
            }
            _ => {}
        }
    }
}

fn block<'a>(tag: Tag<'a>, events: &mut impl Iterator<Item = Event<'a>>, flow: &mut Flow, indent: i32) {
    match tag {
        Tag::Heading { level, .. } => {
            let p = flow.paragraph().style(&format!("Heading{}", level as usize));
            flow.push(with_runs(p, inline_until_end(events, Inlines::default()).into_runs()));
        }
        Tag::List(start) => list(start, events, flow, 0),
        Tag::BlockQuote(_) => blocks(events, flow, indent + INDENT),
        Tag::Table(alignments) => table(&alignments, events, flow),
        // Paragraphs, code blocks and anything else that holds text.
        _ => {
            let p = body_paragraph(flow, indent);
            flow.push(with_runs(p, inline_until_end(events, Inlines::default()).into_runs()));
        }
    }
}

fn body_paragraph(flow: &mut Flow, indent: i32) -> Paragraph {
    let p = flow.paragraph().style(BODY);
    if indent > 0 { p.indent(Some(indent), None, None, None) } else { p }
}

/// The items of a list; the first paragraph of each carries the list's number or «–».
fn list<'a>(start: Option<u64>, events: &mut impl Iterator<Item = Event<'a>>, flow: &mut Flow, level: usize) {
    // Word numbering has nine levels; deeper lists stay on the last.
    let level = level.min(8);
    let numbering = match start {
        Some(n) => flow.ordered_list(level, n),
        None => BULLETS,
    };
    while let Some(event) = events.next() {
        match event {
            Event::Start(Tag::Item) => item(numbering, level, events, flow),
            Event::End(_) => return,
            _ => {}
        }
    }
}

/// One list item: tight items hold inline events directly, loose ones hold paragraphs;
/// either may hold a nested list or another block.
fn item<'a>(numbering: usize, level: usize, events: &mut impl Iterator<Item = Event<'a>>, flow: &mut Flow) {
    let mut item = ListItem { numbering: Some(numbering), level, inlines: Inlines::default() };
    while let Some(event) = events.next() {
        let Some(event) = item.inlines.take(event) else { continue };
        match event {
            Event::Start(Tag::Paragraph) => {
                item.inlines = inline_until_end(events, std::mem::take(&mut item.inlines));
                item.flush(flow);
            }
            Event::Start(Tag::List(start)) => {
                item.flush(flow);
                list(start, events, flow, level + 1);
            }
            Event::Start(tag) => {
                item.flush(flow);
                block(tag, events, flow, text_indent(level));
            }
            Event::End(_) => break,
            _ => {}
        }
    }
    item.flush(flow);
}

/// The list item being written; its first paragraph has the marker, later ones align with its text.
struct ListItem {
    numbering: Option<usize>,
    level: usize,
    inlines: Inlines,
}

impl ListItem {
    fn flush(&mut self, flow: &mut Flow) {
        let runs = std::mem::take(&mut self.inlines).into_runs();
        if runs.is_empty() && self.numbering.is_none() {
            return;
        }
        let p = flow.paragraph().style(LIST);
        let p = match self.numbering.take() {
            Some(id) => p.numbering(NumberingId::new(id), IndentLevel::new(self.level)),
            None => p.indent(Some(text_indent(self.level)), None, None, None),
        };
        flow.push(with_runs(p, runs));
    }
}

/// A Markdown table with single borders across the text width; the head row is bold and centred.
fn table<'a>(alignments: &[Alignment], events: &mut impl Iterator<Item = Event<'a>>, flow: &mut Flow) {
    let mut rows: Vec<Vec<Inlines>> = Vec::new();
    while let Some(event) = events.next() {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                // A GFM table always opens with its head row.
                let start = Inlines { bold: u32::from(rows.len() == 1), ..Inlines::default() };
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
                flow.cell(widths[c], vec![p])
            });
            TableRow::new(cells.collect())
        })
        .collect();
    let table = Table::new(table_rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(grid_borders());
    flow.push_table(table);
}

/// Single ½ pt lines around and between all cells.
fn grid_borders() -> TableBorders {
    use TableBorderPosition::*;
    [Top, Left, Bottom, Right, InsideH, InsideV]
        .into_iter()
        .fold(TableBorders::new(), |borders, position| borders.set(TableBorder::new(position).size(4)))
}

/// Column widths in proportion to their longest text (3–24 characters), so «№» stays narrow
/// and «ФИО» wide; a column left blank to be filled in by hand (a date, a signature) counts
/// as twelve. Together they fill the text width.
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

/// Inline events up to the end of the enclosing block.
fn inline_until_end<'a>(events: &mut impl Iterator<Item = Event<'a>>, mut inlines: Inlines) -> Inlines {
    // Containers this writer does not know (none with the enabled extensions) keep their text.
    let mut unknown = 0usize;
    for event in events.by_ref() {
        match inlines.take(event) {
            Some(Event::Start(_)) => unknown += 1,
            Some(Event::End(_)) if unknown > 0 => unknown -= 1,
            Some(Event::End(_)) => break,
            _ => {}
        }
    }
    inlines
}

fn with_runs(p: Paragraph, runs: Vec<Run>) -> Paragraph {
    runs.into_iter().fold(p, Paragraph::add_run)
}

/// Runs of formatted text, and the formatting open at the current event.
#[derive(Default)]
struct Inlines {
    runs: Vec<Run>,
    bold: u32,
    italic: u32,
    strike: u32,
    /// Open links: the target and the text shown so far.
    links: Vec<(String, String)>,
    /// Characters of text taken (to size table columns).
    chars: usize,
    /// Text not yet written into a run, with the formatting it had (bold, italic, strike):
    /// the parser splits text at escapes, and one run per stretch reads better in Word.
    pending: Option<(String, (bool, bool, bool))>,
}

impl Inlines {
    /// Takes an inline event; gives back any other event (a block starting or ending).
    fn take<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                self.flush();
                self.runs.push(Run::new().add_break(BreakType::TextWrapping));
            }
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => self.strike += 1,
            Event::End(TagEnd::Strikethrough) => self.strike = self.strike.saturating_sub(1),
            // A link is its text and, when the text does not already show it, its address:
            // a printed and signed document has nothing to click.
            Event::Start(Tag::Link { dest_url, .. }) => self.links.push((dest_url.into_string(), String::new())),
            Event::End(TagEnd::Link) => {
                if let Some((url, shown)) = self.links.pop() {
                    let address = url.strip_prefix("mailto:").unwrap_or(&url);
                    if !address.is_empty() && shown.trim() != address {
                        self.text(&format!(" ({address})"));
                    }
                }
            }
            other => return Some(other),
        }
        None
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        for (_, shown) in &mut self.links {
            shown.push_str(text);
        }
        self.chars += text.chars().count();
        let format = (self.bold > 0, self.italic > 0, self.strike > 0);
        match &mut self.pending {
            Some((buffer, f)) if *f == format => buffer.push_str(text),
            _ => {
                self.flush();
                self.pending = Some((text.to_string(), format));
            }
        }
    }

    /// Writes the pending text as one run.
    fn flush(&mut self) {
        if let Some((text, (bold, italic, strike))) = self.pending.take() {
            let mut run = Run::new();
            if bold {
                run = run.bold();
            }
            if italic {
                run = run.italic();
            }
            if strike {
                run = run.strike();
            }
            self.runs.push(text_run(run, &text));
        }
    }

    /// The finished runs, pending text included.
    fn into_runs(mut self) -> Vec<Run> {
        self.flush();
        self.runs
    }
}
