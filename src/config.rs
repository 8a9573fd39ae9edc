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
    /// The run's time, read from the environment once ([`Clock::from_env`]).
    pub clock: Clock,
}

impl CheckConfig {
    /// Checks `input` as final documents (no `--draft`), with the templates beside it, by the
    /// environment's clock ([`Clock::from_env`]; the system's when SOURCE_DATE_EPOCH is no
    /// number, which `build` refuses).
    pub fn new(input: impl Into<PathBuf>) -> Self {
        Self::with_clock(input, Clock::from_env().unwrap_or_else(|_| Clock::system()))
    }

    /// The same by `clock`, for a caller that has resolved the run's time itself.
    pub fn with_clock(input: impl Into<PathBuf>, clock: Clock) -> Self {
        Self { input: input.into(), draft: false, templates: None, clock }
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
    /// Write only the outputs of this visibility (all when `None`).
    pub visibility: Option<crate::document::Visibility>,
    /// Sign the official documents and the manifest (`build --sign`).
    pub signing: Option<crate::sign::SigningConfig>,
    /// Rebuild every selected institution, also those whose outputs are up to date (`--force`).
    pub force: bool,
}

/// The time of a run, resolved once when its config is made and read from there: no stage
/// asks the system clock or the environment for the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// SOURCE_DATE_EPOCH (reproducible-builds.org), when set: the timestamp of every PDF
    /// instead of its own date, and the signing time.
    pub source_date_epoch: Option<i64>,
    /// When the run started, in seconds since 1970-01-01 UTC: the signing time when neither
    /// SOURCE_DATE_EPOCH nor the institution's `signing.date` fixes it.
    pub now: i64,
    /// The day invite links are checked against (their lifetime counts up to it): the date in
    /// SFERUM_GEN_TODAY (YYYY-MM-DD) when set, else the day of SOURCE_DATE_EPOCH, else of `now`.
    pub today: crate::model::Date,
}

impl Clock {
    /// The system's clock, with nothing fixed.
    pub fn system() -> Self {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        Self { source_date_epoch: None, now, today: day_of(now) }
    }

    /// The system's clock as the environment fixes it (SOURCE_DATE_EPOCH, SFERUM_GEN_TODAY);
    /// a SOURCE_DATE_EPOCH that is not a whole number of seconds is refused with its value.
    pub fn from_env() -> Result<Self, String> {
        let mut clock = Self::system();
        if let Ok(v) = std::env::var("SOURCE_DATE_EPOCH") {
            let secs = v.trim().parse::<i64>().map_err(|_| v.clone())?;
            clock.source_date_epoch = Some(secs);
            clock.today = day_of(secs);
        }
        if let Some(d) = std::env::var("SFERUM_GEN_TODAY").ok().and_then(|v| crate::model::Date::parse_iso(v.trim())) {
            clock.today = d;
        }
        Ok(clock)
    }
}

/// The day (UTC) of a time in seconds since 1970.
fn day_of(secs: i64) -> crate::model::Date {
    crate::model::Date::from_days_since_epoch(secs.div_euclid(86_400))
}
