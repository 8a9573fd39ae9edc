//! Resolved settings of a run, built once by the CLI and passed by reference.

use std::path::PathBuf;

/// What `check` reads.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// A folder of institutions (with `_registry/`), or one institution's folder.
    pub input: PathBuf,
}

/// What `build` reads and where it writes.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    pub check: CheckConfig,
    /// The output folder; each institution gets `<out>/<id>/`.
    pub out: PathBuf,
    /// Build only these institution ids (all when empty).
    pub only: Vec<String>,
    /// SOURCE_DATE_EPOCH, when set: the timestamp of every PDF instead of its own date.
    pub source_date_epoch: Option<i64>,
    /// Write only the outputs of this visibility (all when `None`).
    pub visibility: Option<crate::document::Visibility>,
    /// Sign the official documents and the manifest (`build --sign`).
    pub signing: Option<crate::sign::SigningConfig>,
}
