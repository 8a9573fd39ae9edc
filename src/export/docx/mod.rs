//! DOCX backend: the document as an editable Word file laid out like the PDF (ГОСТ Р 7.0.97),
//! built with docx-rs; timestamps and ids are fixed so the same document gives the same bytes.

mod body;
mod clauses;
mod inlines;
mod patch;
mod requisites;
mod styles;
mod table;

use std::io::Cursor;

use anyhow::{Result, anyhow};
use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Header, InstrPAGE, InstrText, PageMargin, Paragraph, Run, Table,
    TableCell, WidthType,
};

use super::Artifact;
use crate::document::Document;

/// A4 in twips (1/20 pt), the unit of page geometry in WordprocessingML.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// Margins: left 30 mm, right 10 mm, top and bottom 20 mm.
const MARGIN_LEFT: i32 = 1701;
const MARGIN_RIGHT: i32 = 567;
const MARGIN_TOP_BOTTOM: i32 = 1134;
/// The page number sits 12.5 mm from the top edge, above the 20 mm top margin.
const HEADER_DISTANCE: i32 = 709;
/// The width of the text between the margins; tables span it.
const TEXT_WIDTH: usize = (PAGE_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
/// The paragraph indent, 1.25 cm.
const INDENT: i32 = 709;
/// The mark of a draft at the top right of a page, as the PDF layout prints it.
fn draft_mark(flow: &mut Flow, mark: &str) -> Paragraph {
    flow.paragraph().align(AlignmentType::Right).add_run(Run::new().add_text(mark).bold().size(24))
}

/// One em of the 14 pt text in twips: the PDF layout measures its gaps in em.
const EM: u32 = 280;

/// Renders `doc` as a DOCX file; the same `Document` always gives the same bytes.
pub fn render_docx(doc: &Document) -> Result<Artifact> {
    let mut flow = Flow::default();
    // Numbers from page 2 at the top centre: a default header with a PAGE field and an
    // empty first-page header (docx-rs sets w:titlePg along with it).
    let mut page_number = Header::new();
    let mut first_page = Header::new();
    if let Some(mark) = &doc.draft {
        // A draft: its mark at the top right of every page, the first one included.
        page_number = page_number.add_paragraph(draft_mark(&mut flow, mark));
        first_page = first_page.add_paragraph(draft_mark(&mut flow, mark));
    }
    let page_number = page_number.add_paragraph(flow.paragraph().align(AlignmentType::Center).add_run(page_field()));
    let first_page = first_page.add_paragraph(flow.paragraph());
    requisites::front_matter(doc, &mut flow);
    body::markdown(&doc.body, &mut flow);
    if doc.signature.is_some() {
        // A signature never stands alone on a page: the end of the text goes with it.
        flow.keep_end_with_next();
    }
    requisites::back_matter(doc, &mut flow);

    // Core properties default to 1970; the document's own date is stable and meaningful.
    let date = format!("{:04}-{:02}-{:02}T00:00:00Z", doc.date.year, doc.date.month, doc.date.day);
    let margins = PageMargin::new()
        .left(MARGIN_LEFT)
        .right(MARGIN_RIGHT)
        .top(MARGIN_TOP_BOTTOM)
        .bottom(MARGIN_TOP_BOTTOM)
        .header(HEADER_DISTANCE)
        .footer(HEADER_DISTANCE)
        .gutter(0);
    let docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(margins)
        .header(page_number)
        .first_header(first_page)
        .created_at(&date)
        .updated_at(&date);
    let docx = styles::numbering(styles::styles(docx), &flow.ordered_lists);
    let header_tables = std::mem::take(&mut flow.header_tables);
    let docx = flow.pieces.into_iter().fold(docx, |docx, block| match block {
        Piece::Paragraph(p) => docx.add_paragraph(p),
        Piece::Table(t) => docx.add_table(t),
    });
    let mut parts = docx.build();
    patch::language(&mut parts.styles)?;
    patch::hyphenation(&mut parts.settings)?;
    patch::repeat_header_rows(&mut parts.document, &header_tables)?;
    // docx-rs stamps every archive entry with zip's default time, 1980-01-01, as long as
    // zip's `time` feature stays off (see Cargo.toml); tests/docx.rs checks it.
    let mut bytes = Cursor::new(Vec::new());
    parts.pack(&mut bytes).map_err(|e| anyhow!("cannot write the DOCX of {}: {e}", doc.ident))?;
    Ok(Artifact { path: doc.file("docx"), bytes: bytes.into_inner() })
}

/// A top-level piece of the document, in reading order.
enum Piece {
    Paragraph(Paragraph),
    Table(Table),
}

/// The document being built: its pieces, the paragraph ids handed out so far, the ordered
/// lists, each of which needs its own numbering instance to start from its number, and the
/// clause numbers seen.
#[derive(Default)]
struct Flow {
    pieces: Vec<Piece>,
    last_paragraph_id: u32,
    /// (level, start) of each ordered list; its instance id is `styles::FIRST_ORDERED + index`.
    ordered_lists: Vec<(usize, usize)>,
    clauses: clauses::ClauseNumbers,
    /// Tables so far, and which of them (by position) repeat their first row on every page.
    tables: usize,
    header_tables: Vec<usize>,
}

impl Flow {
    /// A new paragraph with the next id. docx-rs draws `w14:paraId` from a thread-local
    /// counter that it resets only when it packs a document, so after a render that stopped
    /// half-way its ids would depend on what the thread did before.
    fn paragraph(&mut self) -> Paragraph {
        self.last_paragraph_id += 1;
        Paragraph::new().id(format!("{:08X}", self.last_paragraph_id))
    }

    fn push(&mut self, p: Paragraph) {
        self.pieces.push(Piece::Paragraph(p));
    }

    fn push_table(&mut self, t: Table) {
        self.pieces.push(Piece::Table(t));
        self.tables += 1;
    }

    /// Adds a table whose first row is its head, repeated at the top of every page it runs onto.
    fn push_table_with_header(&mut self, t: Table) {
        self.header_tables.push(self.tables);
        self.push_table(t);
    }

    /// Keeps the end of the text on the page of what follows: the last paragraph whole
    /// (Word's «keep lines together») and with the next, and the paragraph before it with the
    /// last one, so at least its last two lines (Word's widow control) go along too.
    fn keep_end_with_next(&mut self) {
        let mut paragraphs = self.pieces.iter_mut().rev().map_while(|piece| match piece {
            Piece::Paragraph(p) => Some(p),
            Piece::Table(_) => None,
        });
        if let Some(last) = paragraphs.next() {
            *last = std::mem::take(last).keep_next(true).keep_lines(true);
        }
        if let Some(before) = paragraphs.next() {
            *before = std::mem::take(before).keep_next(true);
        }
    }

    /// The numbering instance of a new ordered list at `level` starting at `start`.
    fn ordered_list(&mut self, level: usize, start: u64) -> usize {
        self.ordered_lists.push((level, usize::try_from(start).unwrap_or(1)));
        styles::FIRST_ORDERED + self.ordered_lists.len() - 1
    }

    /// A table cell `width` twips wide holding `paragraphs`, or an empty one of ours: docx-rs
    /// would fill an empty cell while writing, with an id from its own counter.
    fn cell(&mut self, width: usize, mut paragraphs: Vec<Paragraph>) -> TableCell {
        if paragraphs.is_empty() {
            paragraphs.push(self.paragraph());
        }
        paragraphs.into_iter().fold(TableCell::new().width(width, WidthType::Dxa), TableCell::add_paragraph)
    }

    /// A paragraph of plain text (a requisite line), never markup.
    fn line(&mut self, text: &str, align: AlignmentType) -> Paragraph {
        self.paragraph().align(align).add_run(text_run(Run::new(), text))
    }
}

/// Adds `text` to `run` literally: line breaks become breaks and characters XML 1.0 forbids
/// are dropped (docx-rs escapes `<`, `&` and quotes but would write those through).
fn text_run(mut run: Run, text: &str) -> Run {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        let clean: String = line.chars().filter(|&c| allowed_in_xml(c)).collect();
        if !clean.is_empty() {
            run = run.add_text(clean);
        }
    }
    run
}

fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The current page number as a field, 12 pt like the PDF's; «2» stands until the word
/// processor computes it (the numbered header first shows on page 2).
fn page_field() -> Run {
    Run::new()
        .size(24)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("2")
        .add_field_char(FieldCharType::End, false)
}
