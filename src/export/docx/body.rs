//! The text: sanitised Markdown events (backend::markdown) → headings, justified paragraphs
//! (clauses and points numbered by Word), numbered and «–» lists, bordered tables.

use docx_rs::{IndentLevel, NumberingId, Paragraph, Run, SpecialIndentType};
use pulldown_cmark::{Event, Tag};

use super::inlines::{Inlines, inline_until_end, with_runs};
use super::styles::{BODY, BULLETS, CLAUSES, LIST, text_indent};
use super::{Flow, INDENT};

/// Adds the blocks of `markdown` to `flow`.
pub(super) fn markdown(markdown: &str, flow: &mut Flow) {
    let mut events = crate::export::markdown::events(markdown).into_iter();
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
            let mut inlines = inline_until_end(events, Inlines::default());
            let p = flow.paragraph().style(&format!("Heading{}", level as usize));
            // A numbered heading keeps the heading's own indent (none), not the clauses'.
            let level = if indent == 0 { clause_level(flow, &mut inlines, true) } else { None };
            let p = match level {
                Some(level) => numbered(p, level).indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None),
                None => p,
            };
            flow.push(with_runs(p, inlines.into_runs()));
        }
        Tag::List(start) => list(start, events, flow, 0),
        Tag::BlockQuote(_) => blocks(events, flow, indent + INDENT),
        Tag::Table(alignments) => super::table::table(&alignments, events, flow),
        // Paragraphs, code blocks and anything else that holds text.
        _ => {
            let mut inlines = inline_until_end(events, Inlines::default());
            let p = body_paragraph(flow, indent);
            let level = if indent == 0 { clause_level(flow, &mut inlines, false) } else { None };
            let p = match level {
                Some(level) => numbered(p, level),
                None => p,
            };
            flow.push(with_runs(p, inlines.into_runs()));
        }
    }
}

/// The level of the clause number that opens a top-level heading or paragraph (not one in a
/// list item or quote), taken out of its text for Word to number; none when the text opens
/// with no clause number in sequence.
fn clause_level(flow: &mut Flow, inlines: &mut Inlines, heading: bool) -> Option<usize> {
    let (level, len) = flow.clauses.take(inlines.leading_text(), heading)?;
    inlines.drop_leading(len);
    Some(level)
}

/// `p` numbered as a clause at `level` («%1.», «%1.%2.», …) of the document's one clause list.
fn numbered(p: Paragraph, level: usize) -> Paragraph {
    p.numbering(NumberingId::new(CLAUSES), IndentLevel::new(level))
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

