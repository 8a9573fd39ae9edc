//! Resolved settings of a run, built once by the CLI and passed by reference.

use std::path::PathBuf;

/// What `check` reads.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// A folder of institutions (with `_registry/`), or one institution's folder.
    pub input: PathBuf,
    /// Every institution is a draft (`--draft`): a person the data does not name may sign,
    /// shown as a gap «________ И.О. Фамилия», and every page is marked «ПРОЕКТ».
    pub draft: bool,
    /// A folder of changed templates (`--templates DIR`); without it, `_templates/` beside the
    /// institutions is used when it exists.
    pub templates: Option<PathBuf>,
    /// The day invite links are checked against, resolved once from the environment (`today()`).
    pub today: crate::model::Date,
}

impl CheckConfig {
    /// Checks `input` as final documents (no `--draft`), with the templates beside it, on
    /// the day `today()` resolves.
    pub fn new(input: impl Into<PathBuf>) -> Self {
        Self { input: input.into(), draft: false, templates: None, today: today() }
    }

    /// The overlay folder of this run, if there is one: `--templates`, else `_templates/` in
    /// the input folder (or beside it, when the input is one institution's folder).
    pub fn overlay(&self) -> Option<PathBuf> {
        if let Some(dir) = &self.templates {
            return Some(dir.clone());
        }
        let dir = crate::templates::OVERLAY_DIR;
        [Some(self.input.join(dir)), self.input.parent().map(|p| p.join(dir))]
            .into_iter()
            .flatten()
            .find(|p| p.is_dir() && (p.parent() == Some(self.input.as_path()) || self.input.join("institution.yaml").is_file()))
    }
}

/// What `build` reads and where it writes.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    pub check: CheckConfig,
    /// The output folder; each institution gets `<out>/<id>/`.
    pub out: PathBuf,
    /// Build only these institution ids (all when empty).
    pub only: Vec<String>,
    /// Build only the institutions of this shard (`--shard K/N`; all when `None`); combines
    /// with `only`.
    pub shard: Option<crate::plan::Shard>,
    /// SOURCE_DATE_EPOCH, when set: the timestamp of every PDF instead of its own date.
    pub source_date_epoch: Option<i64>,
    /// Write only the outputs of this visibility (all when `None`).
    pub visibility: Option<crate::document::Visibility>,
    /// Sign the official documents and the manifest (`build --sign`).
    pub signing: Option<crate::sign::SigningConfig>,
    /// Rebuild every selected institution, also those whose outputs are up to date (`--force`).
    pub force: bool,
}

/// The day invite links are checked against (their lifetime counts up to it): the date in
/// SFERUM_GEN_TODAY (YYYY-MM-DD) when set, else the day of SOURCE_DATE_EPOCH, else today (UTC).
pub fn today() -> crate::model::Date {
    use crate::model::Date;
    if let Some(d) = std::env::var("SFERUM_GEN_TODAY").ok().and_then(|v| Date::parse_iso(v.trim())) {
        return d;
    }
    let secs = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse::<i64>().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    });
    Date::from_days_since_epoch(secs.div_euclid(86_400))
}
