//! Stage 4, plan: which artifacts each institution gets.

use crate::model::Catalog;

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

/// The jobs for the selected institutions (all when `only` is empty): kind by kind, and
/// within a kind in catalog order. Documents of one kind share most of their layout, so
/// compiling them one after another lets typst reuse its memoised work across institutions
/// (see `backend::pdf::evict_caches`). Every job writes its own files, so the order changes
/// no output byte.
pub fn plan(catalog: &Catalog, only: &[String]) -> Vec<Job> {
    let selected: Vec<usize> = catalog
        .institutions
        .iter()
        .enumerate()
        .filter(|(_, inst)| only.is_empty() || only.iter().any(|id| id == inst.id()))
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
