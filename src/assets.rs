//! Files built into the binary that more than one stage reads.

/// The fonts shipped in assets/fonts (SIL OFL 1.1, see the licence file there): the PDF
/// backend draws with them, and incremental builds digest them.
pub const FONTS: [&[u8]; 4] = [
    include_bytes!("../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// SHA-256 of every source file the binary is made of (see src/build.rs): which build of the
/// tool made an output.
pub const SOURCE_DIGEST: &str = include_str!(concat!(env!("OUT_DIR"), "/source-digest.txt"));
