//! The DOCX styles and list definitions: Times New Roman 14 pt, justified body text with a
//! 1.25 cm indent, centred bold headings Word lists in its navigation pane, «–» and 1. lists.

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Level, LevelJc, LevelOverride, LevelSuffixType, LevelText, LineSpacing,
    LineSpacingType, NumberFormat, Numbering, RunFonts, SpecialIndentType, Start, Style, StyleType,
};

use super::{EM, INDENT};

/// Body paragraphs: justified, first line indented 1.25 cm.
pub(super) const BODY: &str = "BodyText";
/// List items and the paragraphs that continue them: justified, indented by the numbering.
pub(super) const LIST: &str = "ListParagraph";
/// The numbering instance (and its definition) of «–» lists; id 1 is docx-rs's built-in list.
pub(super) const BULLETS: usize = 2;
/// The definition every ordered list instance refers to.
const DECIMAL: usize = 3;
/// The numbering instance of clauses and points (sections «1.», clauses «1.1.», sub-clauses
/// «1.1.1.»; an order's points «1.», «1.1.»): one per document, so they count on across it.
pub(super) const CLAUSES: usize = 3;
/// The definition of the clause levels.
const CLAUSE_LEVELS: usize = 4;
/// The first numbering instance id of ordered lists; each list gets the next one.
pub(super) const FIRST_ORDERED: usize = 4;
/// How far each nested list level moves right (1 cm) and how far its text stands from the marker.
const LEVEL_STEP: i32 = 567;
const MARKER_GAP: i32 = 425;

/// Adds the document defaults and the paragraph styles.
pub(super) fn styles(docx: Docx) -> Docx {
    let font = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("Times New Roman");
    // Single spacing and no gap between paragraphs: the PDF sets paragraph spacing equal to
    // its leading, so paragraphs there are separated by the indent alone.
    let single = LineSpacing::new().line(240).line_rule(LineSpacingType::Auto).before(0).after(0);
    let body = Style::new(BODY, StyleType::Paragraph)
        .name("Body Text")
        .based_on("Normal")
        .next(BODY)
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None);
    let list =
        Style::new(LIST, StyleType::Paragraph).name("List Paragraph").based_on("Normal").align(AlignmentType::Both);
    let docx = docx.default_fonts(font).default_size(28).default_line_spacing(single).add_style(body).add_style(list);
    (1..=6).fold(docx, |docx, level| docx.add_style(heading(level)))
}

/// `heading N` (Word's built-in name, so Word shows it localised and in the navigation pane):
/// centred bold with the PDF's gaps, 1.2 em above and 0.8 em below.
fn heading(level: usize) -> Style {
    let mut style = Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .based_on("Normal")
        .next(BODY)
        .bold()
        .align(AlignmentType::Center)
        .outline_lvl(level - 1)
        .line_spacing(LineSpacing::new().before(EM * 6 / 5).after(EM * 4 / 5));
    style.paragraph_property = style.paragraph_property.keep_next(true);
    style
}

/// Adds the «–» list, the decimal list, the clause numbering and one instance per ordered
/// list, restarting at its own start number (`(level, start)` pairs in instance order).
pub(super) fn numbering(docx: Docx, ordered_lists: &[(usize, usize)]) -> Docx {
    let bullets = (0..9).fold(AbstractNumbering::new(BULLETS), |n, l| n.add_level(level(l, "bullet", "–".into())));
    let decimal =
        (0..9).fold(AbstractNumbering::new(DECIMAL), |n, l| n.add_level(level(l, "decimal", format!("%{}.", l + 1))));
    let clauses = (0..9).fold(AbstractNumbering::new(CLAUSE_LEVELS), |n, l| n.add_level(clause_level(l)));
    let docx = docx
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(decimal)
        .add_abstract_numbering(clauses)
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .add_numbering(Numbering::new(CLAUSES, CLAUSE_LEVELS));
    ordered_lists.iter().enumerate().fold(docx, |docx, (i, &(level, start))| {
        docx.add_numbering(
            Numbering::new(FIRST_ORDERED + i, DECIMAL).add_override(LevelOverride::new(level).start(start)),
        )
    })
}

/// One list level: the marker at the paragraph indent (plus a step per level), the text and
/// its wrapped lines after it, as the PDF's `list(indent: 1.25cm)` places them.
fn level(level: usize, format: &str, text: String) -> Level {
    Level::new(level, Start::new(1), NumberFormat::new(format), LevelText::new(text), LevelJc::new("left")).indent(
        Some(text_indent(level)),
        Some(SpecialIndentType::Hanging(MARKER_GAP)),
        None,
        None,
    )
}

/// A clause level: «%1.», «%1.%2.», «%1.%2.%3.» …, then a space, laid out like a body
/// paragraph (first line indented 1.25 cm, the rest from the margin), as the PDF sets clauses.
fn clause_level(level: usize) -> Level {
    let text: Vec<String> = (1..=level + 1).map(|l| format!("%{l}.")).collect();
    Level::new(level, Start::new(1), NumberFormat::new("decimal"), LevelText::new(text.concat()), LevelJc::new("left"))
        .indent(Some(0), Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .suffix(LevelSuffixType::Space)
}

/// Where the text of a list item at `level` starts; continuation paragraphs align with it.
pub(super) fn text_indent(level: usize) -> i32 {
    INDENT + LEVEL_STEP * level as i32 + MARKER_GAP
}
