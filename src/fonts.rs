//! The fonts built into the binary (assets/fonts, SIL OFL 1.1): the PDF backend lays out with
//! them, and `check` asks them whether they can draw every printed character.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::Font;

/// The font files shipped in assets/fonts.
pub const FILES: [&[u8]; 4] = [
    include_bytes!("../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Every face of every file, parsed once.
pub static FONTS: LazyLock<Vec<Font>> = LazyLock::new(|| FILES.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect());

/// Whether every bundled face has a glyph for `c` (a value may be printed in any of them:
/// bold in a heading, italic in a note), so a PDF never needs a missing glyph. Line breaks
/// and tabs are layout, not glyphs.
pub fn can_draw(c: char) -> bool {
    match COMMON.get(c as usize) {
        Some(known) => *known,
        None => every_face_has(c),
    }
}

/// The answer for the first 2,048 code points (Latin, Greek, Cyrillic, punctuation), worked out
/// once: `check` asks about every character of every value.
static COMMON: LazyLock<Vec<bool>> = LazyLock::new(|| (0..0x800u32).map(|c| char::from_u32(c).is_some_and(every_face_has)).collect());

fn every_face_has(c: char) -> bool {
    matches!(c, '\n' | '\t') || FONTS.iter().all(|f| f.info().coverage.contains(c as u32))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_table_answers_as_the_fonts_do() {
        for c in ['а', 'Ё', '№', '«', 'A', '\t', '\u{0301}', '\u{7f}', '\u{5d0}', '😀', '中'] {
            assert_eq!(super::can_draw(c), super::every_face_has(c), "{c:?}");
        }
        assert!(super::can_draw('Ж') && super::can_draw('№'));
        assert!(!super::can_draw('😀'));
    }
}
