//! A hermetic Typst world: bundled fonts, the layout template, the document as JSON data,
//! and a fixed `today()`, so the same input gives the same PDF bytes on any machine.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// What every compile shares: the standard library, the font book and the fonts.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    layout: Source,
    /// The layout of the invite handouts (templates/layout/handout.typ).
    handout: Source,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = crate::fonts::FONTS.clone();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        layout: Source::new(file_id(LAYOUT_PATH), crate::templates::bundled("layout/gost.typ").to_string()),
        handout: Source::new(file_id(HANDOUT_PATH), crate::templates::bundled("layout/handout.typ").to_string()),
        fonts,
    }
});

/// Fixed virtual paths: file ids are interned for the life of the process, so reuse them.
const LAYOUT_PATH: &str = "/gost.typ";
const HANDOUT_PATH: &str = "/handout.typ";
pub const DATA_PATH: &str = "/data.json";

fn file_id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("valid virtual path")).intern()
}

/// One document's world: a layout as main file, its data as `/data.json`.
pub struct DocumentWorld {
    data: Bytes,
    today: Datetime,
    main: Source,
}

impl DocumentWorld {
    /// The ГОСТ layout as main file: the built-in one, or `overlay` (an overlay's text of it).
    pub fn new(data: Vec<u8>, today: Datetime, overlay: Option<&str>) -> Self {
        let main = overlay.map_or_else(|| SHARED.layout.clone(), |text| Source::new(file_id(LAYOUT_PATH), text.to_string()));
        Self { data: Bytes::new(data), today, main }
    }

    /// A world whose main file is the handout layout instead of the ГОСТ one.
    pub fn handout(data: Vec<u8>, today: Datetime, overlay: Option<&str>) -> Self {
        let main = overlay.map_or_else(|| SHARED.handout.clone(), |text| Source::new(file_id(HANDOUT_PATH), text.to_string()));
        Self { data: Bytes::new(data), today, main }
    }

    fn main_source(&self) -> &Source {
        &self.main
    }

    /// «line:column» of an error's span in the main file, for an error in a layout.
    pub fn place(&self, span: typst::syntax::DiagSpan) -> Option<(usize, usize)> {
        use typst::WorldExt;
        let range = self.range(span)?;
        let lines = self.main.lines();
        Some((lines.byte_to_line(range.start)? + 1, lines.byte_to_column(range.start)? + 1))
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main_source().id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main_source().id() {
            Ok(self.main_source().clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id(DATA_PATH) {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
