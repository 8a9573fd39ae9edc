//! What an institution's outputs are made from, as one SHA-256: its input files, the registry
//! entries it cites, the templates its build read (with what they include, the layouts and the
//! vocabulary), the fonts, the tool, and the run's settings. Incremental builds skip an
//! institution whose digest is the one its outputs were built with.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::config::BuildConfig;
use crate::model::{Institution, LegalActs};
use crate::templates::Templates;

/// The part of every institution's digest that comes from the run: the tool (its version and
/// the digest of its sources), the fonts, and the settings that change output bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunDigest([u8; 32]);

impl RunDigest {
    /// The digest of this tool and `cfg` with the bundled fonts.
    pub fn of(cfg: &BuildConfig) -> Self {
        Self::with_fonts(cfg, &crate::fonts::FILES)
    }

    /// The same with other fonts (for tests: a changed font must rebuild everything).
    pub fn with_fonts(cfg: &BuildConfig, fonts: &[&[u8]]) -> Self {
        let mut h = Hasher::default();
        h.text("sferum-gen");
        h.text(env!("CARGO_PKG_VERSION"));
        h.text(crate::assets::SOURCE_DIGEST);
        for font in fonts {
            h.bytes(font);
        }
        h.text(&format!("draft={}", cfg.check.draft));
        h.text(&format!("visibility={:?}", cfg.visibility.map(|v| v.dir())));
        h.text(&format!("epoch={:?}", cfg.check.clock.source_date_epoch));
        match &cfg.signing {
            None => h.text("unsigned"),
            Some(s) => {
                h.text(&format!("signed allow_expired={}", s.allow_expired));
                for cert in std::iter::once(&s.identity.cert).chain(&s.identity.chain) {
                    h.bytes(&der::Encode::to_der(cert).unwrap_or_default());
                }
            }
        }
        Self(h.0.finalize().into())
    }
}

/// The digest (lowercase hex) of institution `inst` in this run, given the templates its
/// build reads (`uses`, as recorded by `templates::recording`).
pub fn institution(run: &RunDigest, inst: &Institution, registry: &LegalActs, templates: &Templates, uses: &BTreeSet<String>) -> Result<String> {
    let mut h = Hasher::default();
    h.bytes(&run.0);
    input_files(&mut h, &inst.dir)?;
    // Invite links judged expired today: their chats are left out of the rosters.
    for chat in inst.invites.iter().flat_map(|i| &i.expired) {
        h.text(chat);
    }
    h.bytes(&registry.digest_of(inst.acts_cited()));
    for name in templates.closure(uses) {
        h.text(&name);
        h.bytes(templates.digest(&name).expect("the closure names existing templates"));
    }
    Ok(format!("{:x}", h.0.finalize()))
}

/// Every file under the institution's folder, by relative path, in name order.
fn input_files(h: &mut Hasher, dir: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("failed to list `{}`", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).with_context(|| format!("failed to read `{}`", entry.path().display()))?;
        h.text(&entry.path().strip_prefix(dir).expect("under its folder").to_string_lossy());
        h.bytes(&bytes);
    }
    Ok(())
}

/// SHA-256 over length-prefixed parts, so that moving bytes between parts changes the digest.
#[derive(Default)]
struct Hasher(Sha256);

impl Hasher {
    fn bytes(&mut self, bytes: &[u8]) {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    fn text(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::CheckConfig;

    fn config() -> BuildConfig {
        let check = CheckConfig::new(concat!(env!("CARGO_MANIFEST_DIR"), "/policies"));
        BuildConfig { check, out: "out".into(), only: vec![], shard: None, visibility: None, signing: None, force: false }
    }

    /// The fonts are built into the binary, so no input edit can change them: a run with one
    /// byte of one font changed must give every institution another digest.
    #[test]
    fn a_changed_font_or_setting_changes_every_digest() {
        let cfg = config();
        let checked = crate::pipeline::check(&cfg.check);
        let (catalog, templates) = (checked.catalog.unwrap(), checked.templates.unwrap());
        let mut font = crate::fonts::FILES[0].to_vec();
        let middle = font.len() / 2;
        font[middle] ^= 1;
        let mut fonts = crate::fonts::FILES.to_vec();
        fonts[0] = &font;
        let public = BuildConfig { visibility: Some(crate::document::Visibility::Public), ..config() };
        let runs = [RunDigest::of(&cfg), RunDigest::with_fonts(&cfg, &fonts), RunDigest::of(&public)];
        assert_eq!(RunDigest::of(&cfg), RunDigest::with_fonts(&cfg, &crate::fonts::FILES), "the bundled fonts are the default");
        let uses = BTreeSet::from(["regulation/main.md".to_string()]);
        for inst in &catalog.institutions {
            let digests: BTreeSet<String> = runs.iter().map(|run| institution(run, inst, &catalog.registry, &templates, &uses).unwrap()).collect();
            assert_eq!(digests.len(), runs.len(), "{}: {digests:?}", inst.id());
            let again = institution(&runs[0], inst, &catalog.registry, &templates, &uses).unwrap();
            assert!(digests.contains(&again), "{}: the digest is a function of its inputs", inst.id());
        }
    }
}
