//! Inline Markdown (text, emphasis, links, breaks) gathered into formatted runs.

use docx_rs::{BreakType, Paragraph, Run};
use pulldown_cmark::{Event, Tag, TagEnd};

use super::text_run;

/// Inline events up to the end of the enclosing block.
pub(super) fn inline_until_end<'a>(events: &mut impl Iterator<Item = Event<'a>>, mut inlines: Inlines) -> Inlines {
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

pub(super) fn with_runs(p: Paragraph, runs: Vec<Run>) -> Paragraph {
    runs.into_iter().fold(p, Paragraph::add_run)
}

/// Bold, italic, strike-through.
type Format = (bool, bool, bool);

/// A stretch of text in one format, or a line break.
enum Segment {
    Text(String, Format),
    Break,
}

/// The text of a block as formatted segments, and the formatting open at the current event.
#[derive(Default)]
pub(super) struct Inlines {
    segments: Vec<Segment>,
    bold: u32,
    italic: u32,
    strike: u32,
    /// Open links: the target and the text shown so far.
    links: Vec<(String, String)>,
    /// Characters of text taken (to size table columns).
    pub(super) chars: usize,
}

impl Inlines {
    /// Inlines that start bold (a table's head row).
    pub(super) fn bold() -> Self {
        Self { bold: 1, ..Self::default() }
    }

    /// Takes an inline event; gives back any other event (a block starting or ending).
    pub(super) fn take<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.segments.push(Segment::Break),
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

    /// Adds text, joined to the stretch before it when the format is the same: the parser
    /// splits text at escapes, and one run per stretch reads better in Word.
    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        for (_, shown) in &mut self.links {
            shown.push_str(text);
        }
        self.chars += text.chars().count();
        let format = (self.bold > 0, self.italic > 0, self.strike > 0);
        match self.segments.last_mut() {
            Some(Segment::Text(stretch, f)) if *f == format => stretch.push_str(text),
            _ => self.segments.push(Segment::Text(text.to_string(), format)),
        }
    }

    /// The text the block opens with, up to its first change of format or break.
    pub(super) fn leading_text(&self) -> &str {
        match self.segments.first() {
            Some(Segment::Text(text, _)) => text,
            _ => "",
        }
    }

    /// Drops the first `len` bytes of the leading text (a number that Word will show instead).
    pub(super) fn drop_leading(&mut self, len: usize) {
        if let Some(Segment::Text(text, _)) = self.segments.first_mut() {
            text.drain(..len.min(text.len()));
            if text.is_empty() {
                self.segments.remove(0);
            }
        }
    }

    /// The finished runs.
    pub(super) fn into_runs(self) -> Vec<Run> {
        self.segments
            .into_iter()
            .map(|segment| match segment {
                Segment::Break => Run::new().add_break(BreakType::TextWrapping),
                Segment::Text(text, (bold, italic, strike)) => {
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
                    text_run(run, &text)
                }
            })
            .collect()
    }
}
