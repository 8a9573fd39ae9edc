//! The typed input model: what the validated YAML means. Knows nothing of templates or formats.

mod date;
mod files;
mod invite_chats;
mod people;

pub use date::Date;
pub use files::*;
pub use invite_chats::{group_chat_id, subject_chat_id, Audience, InviteChat, TEACHERS_UNIT_ID};
pub use people::*;

use std::path::PathBuf;

/// Every institution of a run plus the shared registry, references checked.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub registry: LegalActs,
    pub institutions: Vec<Institution>,
}

/// One institution: the five input files of its folder.
#[derive(Debug, Clone)]
pub struct Institution {
    pub dir: PathBuf,
    pub info: InstitutionFile,
    pub roles: RolesFile,
    pub appointments: AppointmentsFile,
    pub chats: ChatsFile,
    pub rules: RulesFile,
    /// The people lists (`people/<group>.csv`), one per group that has one, in groups order.
    pub people: Vec<GroupList>,
    /// invites.yaml, when the admin has pasted the platform's invite links.
    pub invites: Option<InvitesFile>,
    /// SHA-256 (hex) over the institution's input files and the registry entries it cites, in
    /// a fixed order: runtime services compare it to see that their config changed.
    pub inputs_sha256: String,
}

impl Institution {
    pub fn id(&self) -> &str {
        &self.info.id
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.roles.people.iter().find(|p| p.id == id)
    }

    pub fn order(&self, id: &str) -> Option<&Order> {
        self.appointments.orders.iter().find(|o| o.id == id)
    }

    /// The ids of the registry acts the institution's documents cite: its legal basis,
    /// recommendations and upcoming acts, and the laws every regulation cites; sorted.
    pub fn acts_cited(&self) -> std::collections::BTreeSet<&str> {
        let info = &self.info;
        let listed = info.legal_basis.iter().chain(&info.recommendations).chain(&info.upcoming).map(|c| c.act.as_str());
        listed.chain(LegalActs::REQUIRED).collect()
    }

    /// The head (exactly one is guaranteed by validation).
    pub fn head(&self) -> &Person {
        self.find_head().expect("validated: one head")
    }

    /// The head, if roles.yaml names one: for the rules that run before validation is done.
    pub fn find_head(&self) -> Option<&Person> {
        self.roles.people.iter().find(|p| p.position == Position::Head)
    }

    /// The platform admin named by the admin-appointment order, if there is one.
    pub fn admin(&self) -> Option<&Person> {
        self.person(self.order_of_kind(OrderKind::AdminAppointment)?.admin.as_deref()?)
    }

    /// The first order of `kind` (validation guarantees one of each kind).
    pub fn order_of_kind(&self, kind: OrderKind) -> Option<&Order> {
        self.appointments.orders.iter().find(|o| o.kind == kind)
    }

    /// The programmes the institution runs: as its data says, else the usual ones of its kind.
    pub fn programmes(&self) -> Vec<Programme> {
        if !self.info.programmes.is_empty() {
            return self.info.programmes.clone();
        }
        match self.info.kind {
            Kind::School => vec![Programme::Primary, Programme::Basic, Programme::Secondary],
            Kind::College => vec![Programme::Spo],
            Kind::Supplementary => vec![Programme::Supplementary],
            Kind::Preschool => vec![Programme::Preschool],
        }
    }

    /// Whether the institution runs `programme`.
    pub fn runs(&self, programme: Programme) -> bool {
        self.programmes().contains(&programme)
    }

    /// Whether learners can be adults: as the data says, else colleges' can.
    pub fn adult_learners(&self) -> bool {
        self.info.adult_learners.unwrap_or(self.info.kind == Kind::College)
    }
}
