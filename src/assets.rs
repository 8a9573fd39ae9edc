//! What the binary is made of, for incremental builds' digests.

/// SHA-256 of every source file the binary is made of (see src/build.rs): which build of the
/// tool made an output.
pub const SOURCE_DIGEST: &str = include_str!(concat!(env!("OUT_DIR"), "/source-digest.txt"));
