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
    matches!(c, '\n' | '\t') || FONTS.iter().all(|f| f.info().coverage.contains(c as u32))
}
