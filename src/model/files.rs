//! One struct per input file, mirroring the JSON Schemas in schemas/.

use serde::{Deserialize, Deserializer};

use super::Date;

/// An enum of the fixed values a schema allows: each variant is read from, and printed as,
/// its key in the YAML, so no code compares strings or falls back on an unknown one.
macro_rules! keyed {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
        pub enum $name {
            $(#[serde(rename = $key)] $variant),+
        }

        impl $name {
            /// The value as written in the YAML.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

/// A name or post in the six cases. The data writes its nominative (a string), or an object
/// with the nominative and any other forms written by hand; validation derives the forms left
/// out from the nominative, so that after it every form is filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CaseForms {
    pub nom: String,
    pub r#gen: String,
    pub dat: String,
    pub acc: String,
    pub ins: String,
    pub prep: String,
    /// Which forms the data wrote, in the order nom, gen, dat, acc, ins, prep.
    #[serde(skip)]
    pub written: [bool; 6],
}

impl CaseForms {
    /// The six forms in the order nom, gen, dat, acc, ins, prep.
    pub fn all(&self) -> [&str; 6] {
        [&self.nom, &self.r#gen, &self.dat, &self.acc, &self.ins, &self.prep]
    }

    /// The six forms to fill in, in the same order.
    pub fn all_mut(&mut self) -> [&mut String; 6] {
        [&mut self.nom, &mut self.r#gen, &mut self.dat, &mut self.acc, &mut self.ins, &mut self.prep]
    }
}

impl<'de> Deserialize<'de> for CaseForms {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Nominative(String),
            Written { nom: String, r#gen: Option<String>, dat: Option<String>, acc: Option<String>, ins: Option<String>, prep: Option<String> },
        }
        Ok(match Raw::deserialize(d)? {
            Raw::Nominative(nom) => CaseForms { nom, written: [true, false, false, false, false, false], ..CaseForms::default() },
            Raw::Written { nom, r#gen, dat, acc, ins, prep } => {
                let others = [r#gen, dat, acc, ins, prep];
                let written = [true, others[0].is_some(), others[1].is_some(), others[2].is_some(), others[3].is_some(), others[4].is_some()];
                let [r#gen, dat, acc, ins, prep] = others.map(Option::unwrap_or_default);
                CaseForms { nom, r#gen, dat, acc, ins, prep, written }
            }
        })
    }
}

/// A registration number written as text or as a bare integer in YAML.
fn number_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Int(u64),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Text(s) => s,
        Raw::Int(i) => i.to_string(),
    })
}

fn optional_number_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    number_text(d).map(Some)
}

#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    School,
    College,
    Supplementary,
    /// A kindergarten (детский сад, ДОУ): its children never join the platform; its chats are
    /// staff chats and the parents' chats of its groups.
    Preschool,
}

impl Kind {
    /// Whether the institution's learners themselves join the platform and its chats; a
    /// preschool's children never do, only their parents.
    pub fn learners_join(self) -> bool {
        self != Kind::Preschool
    }

    /// Whether the institution can have a students' council (ч. 3 ст. 30 273-ФЗ); a preschool
    /// has none, only the parents' council.
    pub fn has_students_council(self) -> bool {
        self != Kind::Preschool
    }
}

/// Who founded the institution: ч. 8 ст. 10 149-ФЗ binds state and municipal ones.
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Ownership {
    State,
    Municipal,
    Private,
}

/// A kind of educational programme an institution runs.
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Programme {
    /// начальное общее образование
    Primary,
    /// основное общее образование
    Basic,
    /// среднее общее образование
    Secondary,
    /// среднее профессиональное образование
    Spo,
    /// дополнительные общеобразовательные программы
    Supplementary,
    /// образовательная программа дошкольного образования
    Preschool,
}

#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Messenger {
    Vk,
    Max,
}

#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DocumentType {
    Polozhenie,
    Poryadok,
}

/// institution.yaml
#[derive(Debug, Clone, Deserialize)]
pub struct InstitutionFile {
    pub id: String,
    pub kind: Kind,
    pub ownership: Ownership,
    /// The programmes the institution runs; empty means the usual ones of its kind.
    #[serde(default)]
    pub programmes: Vec<Programme>,
    /// Whether its learners can be adults; by default colleges' can, others' cannot.
    pub adult_learners: Option<bool>,
    /// The institution's own words (all twelve forms each) in place of its kind's.
    #[serde(default)]
    pub vocabulary: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    pub messenger: Messenger,
    /// Whether documents name the messenger (default yes); `false` makes a regulation on the
    /// platform alone, which says «учебный профиль мессенджера» without naming it.
    #[serde(default)]
    pub messenger_named: Option<bool>,
    pub founder: Option<String>,
    pub name: Names,
    /// The unit the platform admin is appointed from, in the genitive («методической службы»).
    #[serde(default)]
    pub admin_unit: Option<String>,
    pub city: String,
    pub time_zone: String,
    pub site: Option<String>,
    #[serde(default)]
    pub eios: Vec<EiosElement>,
    pub distance: Option<Distance>,
    pub contacts: Option<Contacts>,
    pub region: Option<String>,
    pub document: DocumentSpec,
    pub legal_basis: Vec<Citation>,
    /// Letters whose methodological recommendations the act takes into account.
    #[serde(default)]
    pub recommendations: Vec<Citation>,
    /// Acts already adopted that apply only after the document's date.
    #[serde(default)]
    pub upcoming: Vec<Citation>,
    /// A draft: a person the data does not name may sign (a visible gap), and every page is
    /// marked «ПРОЕКТ».
    #[serde(default)]
    pub draft: bool,
    /// Who signs which documents with `build --sign`.
    pub signing: Option<SigningSpec>,
}

/// `signing:` in institution.yaml: the signer, the signed documents and the signing date.
#[derive(Debug, Clone, Deserialize)]
pub struct SigningSpec {
    /// Person id of the signer (default: the head).
    pub signer: Option<String>,
    /// File stems of the signed documents (default: the regulation and both orders).
    pub documents: Option<Vec<String>>,
    /// The signing date, unless SOURCE_DATE_EPOCH is set.
    pub date: Option<Date>,
}

/// The institution's official (not personal) contacts and registration numbers.
#[derive(Debug, Clone, Deserialize, serde::Serialize, Default)]
pub struct Contacts {
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub inn: Option<String>,
    pub ogrn: Option<String>,
}

/// The institution's names; each in the six cases (see [`CaseForms`]).
#[derive(Debug, Clone, Deserialize)]
pub struct Names {
    /// The full official name.
    pub full: CaseForms,
    /// The short name: an abbreviation («ЧПОУ «ИТЭП»») reads the same in every case.
    pub short: CaseForms,
    pub abbr: Option<String>,
    /// The self-reference after «далее –», capitalised («Техникум»).
    #[serde(rename = "self")]
    pub self_ref: CaseForms,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct EiosElement {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, Default)]
pub struct Distance {
    #[serde(default)]
    pub spo_exception: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DocumentSpec {
    #[serde(rename = "type")]
    pub doc_type: DocumentType,
    pub title: Option<String>,
    pub approval: Approval,
    pub author: Option<String>,
    /// The previous act on the platform that this new edition replaces.
    pub replaces: Option<PreviousAct>,
}

/// An act the new edition declares void: its type, heading and approving order.
#[derive(Debug, Clone, Deserialize)]
pub struct PreviousAct {
    #[serde(rename = "type")]
    pub doc_type: DocumentType,
    pub title: String,
    pub order: Protocol,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Approval {
    pub adopted: Option<Adoption>,
    /// The councils' opinions taken into account; `None` when the data says nothing.
    pub considered: Option<Vec<Opinion>>,
    pub approved: Approved,
    #[serde(default)]
    pub visas: Vec<Visa>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Adoption {
    pub body: String,
    pub protocol: Protocol,
    /// The body's chair, who signs its mark.
    pub chair: Option<String>,
}

/// A council whose opinion an act takes into account (ч. 3 ст. 30 273-ФЗ).
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Council {
    Students,
    Parents,
}

/// «Учтено мнение совета обучающихся (протокол от … № …)».
#[derive(Debug, Clone, Deserialize)]
pub struct Opinion {
    pub council: Council,
    /// The council's own name in the genitive; the vocabulary's by default.
    pub name: Option<String>,
    /// Not yet known: printed with blanks to fill in by hand.
    pub protocol: Option<Protocol>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Protocol {
    #[serde(deserialize_with = "number_text")]
    pub number: String,
    pub date: Date,
}

/// УТВЕРЖДЕНО by an order of the head, or УТВЕРЖДАЮ signed by the head.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "by", rename_all = "lowercase")]
pub enum Approved {
    Order { order: String },
    Head { date: Date, order: Option<String> },
}

/// A visa of internal approval: an official's signature under the act.
#[derive(Debug, Clone, Deserialize)]
pub struct Visa {
    pub person: String,
    pub date: Date,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Citation {
    pub act: String,
    pub date: Option<Date>,
}

/// roles.yaml
#[derive(Debug, Clone, Deserialize)]
pub struct RolesFile {
    pub people: Vec<Person>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    Head,
    Deputy,
    Teacher,
    Master,
    Psychologist,
    SocialPedagogue,
    Methodist,
    LabHead,
    Librarian,
    Lawyer,
    ItSpecialist,
    Other,
}

impl Position {
    /// Whether an institution of `kind` has this position.
    pub fn exists_in(self, kind: Kind) -> bool {
        match self {
            Position::Master | Position::LabHead => kind == Kind::College,
            _ => true,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Position::Head => "head",
            Position::Deputy => "deputy",
            Position::Teacher => "teacher",
            Position::Master => "master",
            Position::Psychologist => "psychologist",
            Position::SocialPedagogue => "social-pedagogue",
            Position::Methodist => "methodist",
            Position::LabHead => "lab-head",
            Position::Librarian => "librarian",
            Position::Lawyer => "lawyer",
            Position::ItSpecialist => "it-specialist",
            Position::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Person {
    pub id: String,
    pub surname: String,
    pub name: String,
    pub patronymic: Option<String>,
    pub gender: Gender,
    pub position: Position,
    pub post: CaseForms,
    pub declension: Option<NameOverrides>,
    /// A stand-in name: documents print the position only.
    #[serde(default)]
    pub placeholder: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Explicit forms of a full name where automatic declension is wrong.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct NameOverrides {
    pub r#gen: Option<String>,
    pub dat: Option<String>,
    pub acc: Option<String>,
    pub ins: Option<String>,
    pub prep: Option<String>,
}

/// appointments.yaml
#[derive(Debug, Clone, Deserialize, Default)]
pub struct AppointmentsFile {
    pub orders: Vec<Order>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum OrderKind {
    RegulationApproval,
    AdminAppointment,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Order {
    pub id: String,
    pub kind: OrderKind,
    #[serde(deserialize_with = "number_text")]
    pub number: String,
    pub date: Date,
    pub signer: String,
    pub admin: Option<String>,
    #[serde(default)]
    pub additional_admins: Vec<String>,
    #[serde(default)]
    pub duties: Vec<Duty>,
    pub control: Option<String>,
    /// Admin appointment: the employee's written consent to the extra duties and their terms.
    pub consent: Option<AdminConsent>,
}

/// The written consent to the admin's extra duties (ст. 60.2 ТК РФ) and how they are paid or
/// written into the job description (ст. 151 ТК РФ).
#[derive(Debug, Clone, Deserialize)]
pub struct AdminConsent {
    pub date: Date,
    pub pay: Option<String>,
    pub job_description: Option<String>,
}

/// One point of the order on platform use: a task, who does it, by when.
#[derive(Debug, Clone, Deserialize)]
pub struct Duty {
    pub task: Task,
    pub person: Option<String>,
    pub group: Option<DutyGroup>,
    pub deadline: Date,
}

keyed! {
    /// What a point of the order on platform use asks for.
    Task {
        PublishRegulation = "publish-regulation",
        BuildStructure = "build-structure",
        InviteStaff = "invite-staff",
        VerifyTeachers = "verify-teachers",
        CreateGroupChats = "create-group-chats",
        InformParents = "inform-parents",
        AcknowledgeStaff = "acknowledge-staff",
        RevokeUnusedLinks = "revoke-unused-links",
    }
}

keyed! {
    /// Who does a point of the order when no one person is named.
    DutyGroup {
        Curators = "curators",
        Teachers = "teachers",
        Deputies = "deputies",
    }
}

keyed! {
    /// Who a system channel is for.
    ChannelAudience {
        Everyone = "everyone",
        Staff = "staff",
        Parents = "parents",
        Students = "students",
    }
}

keyed! {
    /// Who the head's management chat is with.
    With {
        Deputies = "deputies",
        Teachers = "teachers",
        Curators = "curators",
        ParentsCouncil = "parents-council",
        StudentsCouncil = "students-council",
        Other = "other",
    }
}

keyed! {
    /// Who a chat of every group is for.
    GroupAudience {
        Students = "students",
        Parents = "parents",
        GroupTeachers = "group-teachers",
        Subject = "subject",
        Extracurricular = "extracurricular",
    }
}

keyed! {
    /// Who creates a chat of every group (`platform`: the platform forms it, nobody creates it).
    ChatOwner {
        Curator = "curator",
        Teacher = "teacher",
        Platform = "platform",
    }
}

/// chats.yaml
#[derive(Debug, Clone, Deserialize, Default)]
pub struct ChatsFile {
    pub teachers_unit: String,
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub management_chats: Vec<ManagementChat>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub group_chats: Vec<GroupChat>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Channel {
    pub id: String,
    pub audience: ChannelAudience,
    pub name: String,
    pub owner: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ManagementChat {
    pub id: String,
    #[serde(rename = "with")]
    pub with_whom: With,
    pub name: Option<String>,
    pub owner: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub curator: String,
    #[serde(default)]
    pub teachers: Vec<SubjectTeacher>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SubjectTeacher {
    pub person: String,
    pub subject: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct GroupChat {
    pub audience: GroupAudience,
    pub owner: ChatOwner,
    /// Who moderates a chat the platform forms (`owner: platform`): curator or teacher.
    #[serde(default)]
    pub moderator: Option<ChatOwner>,
}

/// rules.yaml
#[derive(Debug, Clone, Deserialize, Default)]
pub struct RulesFile {
    #[serde(default)]
    pub sections: Sections,
    pub quiet_hours: Option<QuietHours>,
    pub moderation: Option<Moderation>,
    #[serde(default)]
    pub offboarding: Offboarding,
    pub opt_out: Option<OptOut>,
    pub invite_links: Option<InviteLinks>,
    /// The institution's own clauses, by section.
    #[serde(default)]
    pub extra_clauses: ExtraClauses,
    /// The institution's own terms, added to the regulation's list of terms.
    #[serde(default)]
    pub definitions: Vec<Definition>,
}

/// A term of the institution's own and what it means.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Definition {
    pub term: String,
    pub meaning: String,
}

/// The institution's own clauses of each section of the regulation, in their order.
#[derive(Debug, Clone, Deserialize, serde::Serialize, Default)]
#[serde(default)]
pub struct ExtraClauses {
    pub general: Vec<String>,
    pub terms: Vec<String>,
    pub purpose: Vec<String>,
    pub distance_learning: Vec<String>,
    pub support: Vec<String>,
    pub eios: Vec<String>,
    pub organisation: Vec<String>,
    pub rights: Vec<String>,
    pub ethics: Vec<String>,
    pub opt_out: Vec<String>,
    pub personal_data: Vec<String>,
    pub r#final: Vec<String>,
}

/// Which clause modules are on; defaults follow the schema.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Sections {
    pub terms: bool,
    pub purpose: bool,
    pub distance_learning: bool,
    pub support: bool,
    pub eios: bool,
    pub organisation: bool,
    pub rights: bool,
    pub ethics: bool,
    pub opt_out: bool,
}

impl Default for Sections {
    fn default() -> Self {
        Self {
            terms: true,
            purpose: true,
            distance_learning: false,
            support: false,
            eios: false,
            organisation: true,
            rights: true,
            ethics: true,
            opt_out: true,
        }
    }
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct QuietHours {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
/// A moderator's powers beyond deleting a message that breaks the rules (ст. 43 273-ФЗ: no
/// sanction): with notice, a temporary restriction of sending messages after repeated breaches.
pub struct Moderation {
    pub restrict_after: u32,
    pub restrict_max_days: u32,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, Default)]
pub struct Offboarding {
    #[serde(default)]
    pub remove_parents: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OptOut {
    pub channels: Vec<OptOutChannel>,
}

/// How those who refused the platform are kept informed: a usual channel by its code, or the
/// institution's own phrase.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OptOutChannel {
    Code(OptOutCode),
    Phrase { phrase: String },
}

keyed! {
    /// The usual channels, worded by the vocabulary (`opt_out_channels`).
    OptOutCode {
        Phone = "phone",
        Email = "email",
        InPerson = "in-person",
        Paper = "paper",
        EJournal = "e-journal",
    }
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct InviteLinks {
    pub lifetime_days: u32,
}

/// policies/_registry/legal-acts.yaml
#[derive(Debug, Clone, Deserialize, Default)]
pub struct LegalActs {
    pub checked_on: Option<Date>,
    pub acts: Vec<LegalAct>,
}

/// The registry of record, built into the binary (policies/_registry/legal-acts.yaml).
const BUNDLED_REGISTRY: &str = include_str!("../../policies/_registry/legal-acts.yaml");

impl LegalActs {
    /// The registry built into the binary; a test keeps it valid against its schema.
    pub fn bundled() -> Self {
        let (value, _) = crate::load::parse_yaml(BUNDLED_REGISTRY).expect("the bundled registry is YAML");
        serde_json::from_value(value).expect("the bundled registry matches the model")
    }

    /// This registry with `local`'s entries in place of those with the same id, and its new
    /// ones after them; `local`'s `checked_on` when it gives one.
    pub fn overlaid_by(mut self, local: LegalActs) -> Self {
        for act in local.acts {
            match self.acts.iter_mut().find(|a| a.id == act.id) {
                Some(slot) => *slot = act,
                None => self.acts.push(act),
            }
        }
        self.checked_on = local.checked_on.or(self.checked_on);
        self
    }

    /// Federal laws every regulation cites in its text; the registry must hold them.
    pub const REQUIRED: [&str; 4] = ["fz-273", "fz-149", "fz-152", "fz-436"];

    pub fn get(&self, id: &str) -> Option<&LegalAct> {
        self.acts.iter().find(|a| a.id == id)
    }

    /// SHA-256 over the entries of `ids` as they are (a missing id counts too), in the order
    /// given: what an institution's documents take from the registry.
    pub fn digest_of<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        let mut digest = Sha256::new();
        for id in ids {
            let entry = serde_json::to_vec(&self.get(id)).expect("an act serialises");
            digest.update((id.len() as u64).to_le_bytes());
            digest.update(id.as_bytes());
            digest.update((entry.len() as u64).to_le_bytes());
            digest.update(&entry);
        }
        digest.finalize().into()
    }
}

#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ActType {
    Constitution,
    FederalLaw,
    GovernmentDecree,
    GovernmentDirective,
    MinistryOrder,
    MinistryLetter,
    MinistryDirective,
    SanitaryRules,
    SanitaryNorms,
    Standard,
}

#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ActStatus {
    InForce,
    /// Repealed or superseded by another act (`replaced_by`).
    Repealed,
    /// Its term ran out or its purpose was fulfilled (an experiment that ended).
    Spent,
}

/// One entry of the registry: an act as it is printed, with when it applies.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct LegalAct {
    pub id: String,
    #[serde(rename = "type")]
    pub act_type: ActType,
    pub issuer: Option<String>,
    #[serde(default, deserialize_with = "optional_number_text")]
    pub number: Option<String>,
    pub date: Option<Date>,
    /// The act's own title, only when confirmed (see `source`); without it the act is
    /// cited by type, date and number only.
    pub title: Option<String>,
    /// Where the title (or the absence of a confirmed one) was checked.
    pub source: String,
    /// The status as of the registry's `checked_on`.
    pub status: ActStatus,
    /// The first day the act applies, when later than its date (ПП № 1678: 01.09.2024).
    pub in_force_from: Option<Date>,
    /// The last day the act applied (repealed or spent acts), or the end of a limited term.
    pub in_force_until: Option<Date>,
    pub replaced_by: Option<String>,
    pub note: Option<String>,
}

/// Whether an act can be relied on at a given date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActStanding {
    InForce,
    NotYetInForce(Date),
    Ended { status: ActStatus, last_day: Date },
}

impl LegalAct {
    /// The act's standing on `date`: judged by its dates, not by today's status.
    pub fn standing_on(&self, date: Date) -> ActStanding {
        if let Some(from) = self.in_force_from.or(self.date)
            && date < from
        {
            return ActStanding::NotYetInForce(from);
        }
        match self.in_force_until {
            Some(last_day) if date > last_day => {
                let status = if self.status == ActStatus::InForce { ActStatus::Spent } else { self.status };
                ActStanding::Ended { status, last_day }
            }
            _ => ActStanding::InForce,
        }
    }

    /// A letter: methodological recommendations, never a legal basis.
    pub fn is_letter(&self) -> bool {
        self.act_type == ActType::MinistryLetter
    }
}
