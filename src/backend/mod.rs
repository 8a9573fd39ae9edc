//! Output backends: each turns a `Document` into the bytes of one file format.
//! Backends write nothing; `emit` alone touches the output folder.

pub mod csv;
pub mod docx;
pub mod eml;
pub mod html;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod urls;
pub mod xlsx;

use std::path::PathBuf;

/// One output file: its path under out/<id>/ and its bytes.
#[derive(Debug, Clone)]
pub struct Artifact {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}
