//! Stage 4, plan: which institutions this run builds (`--only`, `--shard`, and only those
//! whose inputs changed since their outputs were built) and which artifacts each one gets.

pub mod digest;

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use anyhow::Result;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::document::Visibility;
use crate::index::Index;
use crate::model::{Catalog, Institution};
use crate::tr;

/// The kinds of document the build can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Regulation,
    PlatformOrder,
    /// The appointment order, and the registration e-mail that carries it.
    AdminOrder,
    RegistrationLetter,
    /// The admin's separate consent to passing their mobile number to the platform operator.
    AdminConsent,
    ChatRules,
    OptOutForm,
    /// One sheet per document the staff read.
    Acknowledgments,
    /// config/runtime.json for runtime services.
    RuntimeConfig,
    /// The onboarding site public/site/: index, guides per role (HTML and PDF).
    Site,
    /// Invite rosters and handouts (restricted), when the institution has people lists.
    Rosters,
}

impl DocumentKind {
    /// Every document an institution gets, in build order.
    pub const ALL: [DocumentKind; 11] = [
        DocumentKind::Regulation,
        DocumentKind::PlatformOrder,
        DocumentKind::AdminOrder,
        DocumentKind::RegistrationLetter,
        DocumentKind::AdminConsent,
        DocumentKind::ChatRules,
        DocumentKind::OptOutForm,
        DocumentKind::Acknowledgments,
        DocumentKind::RuntimeConfig,
        DocumentKind::Site,
        DocumentKind::Rosters,
    ];

    /// The folder the kind's files go to: public or restricted, `None` for config/ (which a
    /// build of one visibility leaves out). A build of one visibility renders only its kinds.
    pub fn visibility(self) -> Option<Visibility> {
        match self {
            DocumentKind::Regulation | DocumentKind::ChatRules | DocumentKind::OptOutForm | DocumentKind::Site => Some(Visibility::Public),
            DocumentKind::PlatformOrder
            | DocumentKind::AdminOrder
            | DocumentKind::RegistrationLetter
            | DocumentKind::AdminConsent
            | DocumentKind::Acknowledgments
            | DocumentKind::Rosters => Some(Visibility::Restricted),
            DocumentKind::RuntimeConfig => None,
        }
    }

    /// How the document is named in messages.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Regulation => "the regulation",
            DocumentKind::PlatformOrder => "the order on platform use",
            DocumentKind::AdminOrder => "the order appointing the admin",
            DocumentKind::RegistrationLetter => "the registration letter",
            DocumentKind::AdminConsent => "the admin's consent form",
            DocumentKind::ChatRules => "the chat rules",
            DocumentKind::OptOutForm => "the opt-out form",
            DocumentKind::Acknowledgments => "the acknowledgment sheets",
            DocumentKind::RuntimeConfig => "the runtime config",
            DocumentKind::Site => "the onboarding site",
            DocumentKind::Rosters => "the invite rosters",
        }
    }
}

/// One document of one institution to render, by index into the catalog.
#[derive(Debug, Clone, Copy)]
pub struct Job {
    pub institution: usize,
    pub kind: DocumentKind,
}

/// The jobs for the selected institutions: those named by `only` (all when it is empty)
/// that fall in `shard` (all when `None`), kind by kind, and within a kind in catalog order.
/// Documents of one kind share most of their layout, so compiling them one after another
/// lets typst reuse its memoised work across institutions (see `export::pdf::evict_caches`).
/// Every job writes its own files, so the order changes no output byte.
pub fn plan(catalog: &Catalog, only: &[String], shard: Option<Shard>) -> Vec<Job> {
    let selected: Vec<usize> = catalog
        .institutions
        .iter()
        .enumerate()
        .filter(|(_, inst)| only.is_empty() || only.iter().any(|id| id == inst.id()))
        .filter(|(_, inst)| shard.is_none_or(|s| in_shard(inst.id(), s)))
        .map(|(i, _)| i)
        .collect();
    DocumentKind::ALL.iter().flat_map(|&kind| selected.iter().map(move |&institution| Job { institution, kind })).collect()
}

/// The institutions the jobs touch, by catalog index, in catalog order.
pub fn institutions(jobs: &[Job]) -> Vec<usize> {
    let mut out: Vec<usize> = jobs.iter().map(|j| j.institution).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Of `institutions` (catalog indices), those whose outputs in `out` are up to date: the
/// output folder's `previous` index records the digest each was built with and the templates
/// its build read; one is up to date when `digest` of it with those templates gives the same,
/// and its folder still holds every listed file at its listed size.
pub fn unchanged<F>(catalog: &Catalog, institutions: &[usize], previous: Option<&Index>, out: &Path, digest: F) -> Result<BTreeSet<usize>>
where
    F: Fn(&Institution, &BTreeSet<String>) -> Result<String> + Sync,
{
    let Some(previous) = previous else { return Ok(BTreeSet::new()) };
    let verdicts: Vec<Result<Option<usize>>> = institutions
        .par_iter()
        .map(|&i| {
            let inst = &catalog.institutions[i];
            let Some(entry) = previous.institutions.get(inst.id()) else { return Ok(None) };
            let Some(built_from) = &entry.digest else { return Ok(None) };
            let same = *built_from == digest(inst, &entry.templates)? && entry.present_in(&out.join(inst.id()));
            Ok(same.then_some(i))
        })
        .collect();
    verdicts.into_iter().filter_map(Result::transpose).collect()
}

/// One of N parts of the institutions (`build --shard K/N`), so that N CI jobs build a region
/// side by side and `merge` puts their outputs together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, from 1 to `count`.
    pub index: u64,
    /// How many parts.
    pub count: u64,
}

/// Whether institution `id` belongs to `shard`: the first 8 bytes of the SHA-256 of the id's
/// UTF-8 bytes, read as a big-endian number, modulo N, equal K − 1. The rule depends on the id
/// alone, so it gives the same partition on every run, machine and version of the tool, and
/// the N shards are disjoint and together hold every institution.
pub fn in_shard(id: &str, shard: Shard) -> bool {
    let digest = Sha256::digest(id.as_bytes());
    let first = u64::from_be_bytes(digest[..8].try_into().expect("SHA-256 has 32 bytes"));
    first % shard.count == shard.index - 1
}

/// Why a `K/N` is not a shard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardError(String);

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ShardError {}

impl FromStr for Shard {
    type Err = ShardError;

    /// Parses `K/N`: two whole numbers with 1 ≤ K ≤ N.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parsed = s.split_once('/').and_then(|(k, n)| Some((k.trim().parse::<u64>().ok()?, n.trim().parse::<u64>().ok()?)));
        match parsed {
            None => Err(ShardError(tr!("shard-not-k-of-n"))),
            Some((_, 0)) => Err(ShardError(tr!("shard-no-parts"))),
            Some((k, n)) if k == 0 || k > n => Err(ShardError(tr!("shard-out-of-range", count = n))),
            Some((index, count)) => Ok(Shard { index, count }),
        }
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(s: &str) -> Shard {
        s.parse().unwrap()
    }

    #[test]
    fn k_of_n_parses_and_everything_else_is_refused() {
        assert_eq!(shard("2/3"), Shard { index: 2, count: 3 });
        assert_eq!(shard("1/1"), Shard { index: 1, count: 1 });
        assert_eq!(shard("3/3").to_string(), "3/3");
        for bad in ["0/3", "4/3", "x/y", "1/0", "0/0", "3", "", "1/3/5", "-1/3", "1.5/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad} parsed");
        }
    }

    #[test]
    fn the_partition_is_fixed_by_the_sha256_of_the_id() {
        // Computed apart from this code (Python's hashlib): they pin the rule, so a change to it
        // (which would move institutions between CI jobs) fails here.
        let first = |id: &str| u64::from_be_bytes(Sha256::digest(id.as_bytes())[..8].try_into().unwrap());
        for (id, expected) in PINNED {
            assert_eq!(format!("{:016x}", first(id)), *expected, "{id}");
        }
        for n in 1..=7u64 {
            for (id, _) in PINNED {
                let holders: Vec<u64> = (1..=n).filter(|k| in_shard(id, Shard { index: *k, count: n })).collect();
                assert_eq!(holders, [first(id) % n + 1], "{id} in {n} shards");
            }
        }
    }

    /// The first 8 bytes of SHA-256 of each example's id.
    const PINNED: &[(&str, &str)] = &[
        ("itep", "9cf89ec7f42dedf1"),
        ("bpt", "c3711e602070c4c9"),
        ("school-max", "6363e29713796933"),
        ("ddt-raduga", "9312710e698bf878"),
        ("open-school", "1349635672dd8a6b"),
        ("college-edition", "dd8956595f3e85c5"),
        ("detsad-rodnichok", "335a3a991cf423ab"),
    ];
}
