//! Rosters (restricted): who is invited into which chat, in which platform role, by whom.
//! Built from the model (chats.yaml, roles.yaml, the people lists, invites.yaml) as data; the
//! export stage turns them into files (their CSV format, written and read, is `csv`), and
//! `diff` compares two versions of the lists.

pub mod csv;
pub mod diff;
pub mod handout;
pub mod snapshot;
pub mod version;

use crate::render::{PlatformRole, Vocabulary};

/// The platform role of a listed person.
fn listed_role(member: Member) -> PlatformRole {
    match member {
        Member::Student => PlatformRole::Student,
        Member::Parent => PlatformRole::Parent,
    }
}

/// The listed member a roster's «Роль на платформе» names (the vocabulary's
/// `platform_roles`); `None` for staff.
pub fn member_of_role(vocabulary: &Vocabulary, role: &str) -> Option<Member> {
    [Member::Student, Member::Parent].into_iter().find(|m| vocabulary.platform_role(crate::model::Kind::School, listed_role(*m)) == role)
}

use crate::grammar::{Case, NameForms};
use crate::model::{Audience, GroupList, Institution, InviteChat, InviteLink, Kind, ListedPerson, Member, Person, Position};

/// One invited person in one chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    /// The person's id (roles.yaml for staff, the people list for students and parents).
    pub person_id: String,
    /// The role the platform gives them, as the vocabulary's `platform_roles` name it.
    pub platform_role: String,
    /// Who a listed person is (`None` for staff).
    pub member: Option<Member>,
    pub surname: String,
    pub name: String,
    pub patronymic: String,
    /// The group's name, for students and parents.
    pub group: String,
    /// `+79XXXXXXXXX` when the number is a Russian mobile, as written otherwise, or empty.
    pub phone: String,
    pub email: String,
    /// For a parent: the child's full name.
    pub child: String,
}

/// One chat's roster: the chat, who invites, the people, the invite link when known.
#[derive(Debug, Clone)]
pub struct ChatRoster {
    pub chat: InviteChat,
    /// «Соколова Д.В.»: who sends the invite link.
    pub inviter_name: String,
    pub rows: Vec<RosterRow>,
    pub link: Option<InviteLink>,
}

/// The rosters of an institution, in the order of its chats; empty when it has no people lists.
pub fn rosters(inst: &Institution, vocabulary: &Vocabulary) -> Vec<ChatRoster> {
    if inst.people.is_empty() {
        return Vec::new();
    }
    let teacher_word = vocabulary.platform_role(inst.info.kind, PlatformRole::Teacher);
    let staff_row = |p: &Person| RosterRow {
        person_id: p.id.clone(),
        platform_role: teacher_word.to_string(),
        member: None,
        surname: p.surname.clone(),
        name: p.name.clone(),
        patronymic: p.patronymic.clone().unwrap_or_default(),
        group: String::new(),
        phone: p.phone.as_deref().map(|raw| crate::model::normalise_phone(raw).unwrap_or_else(|| raw.to_string())).unwrap_or_default(),
        email: p.email.clone().unwrap_or_default(),
        child: String::new(),
    };
    let words = vocabulary.words_for(inst);
    let expired = |id: &str| inst.invites.as_ref().is_some_and(|i| i.expired.iter().any(|c| c == id));
    inst.invite_chats(&|key| vocabulary.chat_name(&words, key))
        .into_iter()
        .filter(|chat| !expired(&chat.id))
        .map(|chat| {
            let staff = |keep: &dyn Fn(&Person) -> bool| inst.roles.people.iter().filter(|p| p.id != chat.inviter && keep(p)).map(staff_row).collect::<Vec<_>>();
            let group = chat.group.as_deref().and_then(|g| inst.chats.groups.iter().find(|x| x.id == g));
            let list = chat.group.as_deref().and_then(|g| inst.people.iter().find(|l| l.group == g));
            let listed = |list: &GroupList, member: Member, council_only: bool| -> Vec<RosterRow> {
                let name = inst.chats.groups.iter().find(|g| g.id == list.group).map_or("", |g| g.name.as_str());
                list.people.iter().filter(|p| p.member == member && (!council_only || p.council)).map(|p| listed_row(vocabulary, inst.info.kind, p, list, name)).collect()
            };
            let rows = match chat.audience {
                Audience::Staff => staff(&|_| true),
                Audience::Deputies => staff(&|p| p.position == Position::Deputy),
                Audience::Teachers => staff(&|p| p.position.teaches()),
                Audience::Curators => staff(&|p| inst.chats.groups.iter().any(|g| g.curator == p.id)),
                Audience::GroupTeachers => staff(&|p| group.is_some_and(|g| g.curator != p.id && g.teachers.iter().any(|t| t.person == p.id))),
                Audience::ParentsCouncil => inst.people.iter().flat_map(|l| listed(l, Member::Parent, true)).collect(),
                Audience::StudentsCouncil => inst.people.iter().flat_map(|l| listed(l, Member::Student, true)).collect(),
                Audience::GroupStudents => list.map(|l| listed(l, Member::Student, false)).unwrap_or_default(),
                Audience::GroupParents => list.map(|l| listed(l, Member::Parent, false)).unwrap_or_default(),
            };
            let inviter_name = inst.person(&chat.inviter).map_or_else(|| chat.inviter.clone(), |p| NameForms::of(p, Case::Nom).short);
            let link = inst.invites.as_ref().and_then(|i| i.link(&chat.id)).cloned();
            ChatRoster { chat, inviter_name, rows, link }
        })
        .collect()
}

fn listed_row(vocabulary: &Vocabulary, kind: Kind, p: &ListedPerson, list: &GroupList, group_name: &str) -> RosterRow {
    let child = p.child.as_deref().and_then(|c| list.people.iter().find(|s| s.id == c)).map(ListedPerson::full_name).unwrap_or_default();
    RosterRow {
        person_id: p.id.clone(),
        platform_role: vocabulary.platform_role(kind, listed_role(p.member)).to_string(),
        member: Some(p.member),
        surname: p.surname.clone(),
        name: p.name.clone(),
        patronymic: p.patronymic.clone().unwrap_or_default(),
        group: group_name.to_string(),
        phone: p.phone.clone().unwrap_or_default(),
        email: p.email.clone().unwrap_or_default(),
        child,
    }
}

/// One inviter's share of the rosters: every chat they invite into.
#[derive(Debug, Clone)]
pub struct InviterRoster<'a> {
    pub inviter: &'a str,
    pub inviter_name: &'a str,
    pub chats: Vec<&'a ChatRoster>,
}

/// The rosters grouped by inviter, in the order each inviter first appears.
pub fn by_inviter(rosters: &[ChatRoster]) -> Vec<InviterRoster<'_>> {
    let mut out: Vec<InviterRoster> = Vec::new();
    for r in rosters {
        match out.iter_mut().find(|i| i.inviter == r.chat.inviter) {
            Some(i) => i.chats.push(r),
            None => out.push(InviterRoster { inviter: &r.chat.inviter, inviter_name: &r.inviter_name, chats: vec![r] }),
        }
    }
    out
}

/// The words of the roster files: the column titles, the workbook's title, the fallback
/// sheet name (from the template rosters/frame.txt).
#[derive(Debug, Clone)]
pub struct RosterWords {
    pub columns: Vec<String>,
    pub workbook_title: String,
    pub sheet: String,
}

/// Everything the roster files of an institution are made from, nothing exported: the
/// rosters, their words, the workbook's date and a handout per group.
pub struct Rosters {
    pub words: RosterWords,
    pub rosters: Vec<ChatRoster>,
    pub workbook_date: crate::model::Date,
    pub handouts: Vec<handout::Handout>,
}

/// The rosters of `inst` as data; `None` when it has no people lists.
pub fn render(ctx: &crate::render::RenderContext, inst: &Institution) -> anyhow::Result<Option<Rosters>> {
    let rosters = rosters(inst, &ctx.vocabulary);
    if rosters.is_empty() {
        return Ok(None);
    }
    let data = serde_json::json!({ "inst": { "short": inst.info.name.short.nom }, "v": ctx.vocabulary.words_for(inst) });
    let frame = ctx.templates.frame("rosters/frame.txt", &data)?;
    let words = RosterWords { columns: frame.lines("columns"), workbook_title: frame.line("workbook_title")?, sheet: frame.line("sheet")? };
    if words.columns.len() != csv::COLUMNS {
        anyhow::bail!("the template rosters/frame.txt gives {} columns, a roster has {}", words.columns.len(), csv::COLUMNS);
    }
    let handouts = handout::render_handouts(ctx, inst, &rosters)?;
    Ok(Some(Rosters { words, rosters, workbook_date: workbook_date(inst), handouts }))
}

/// The workbook's creation date: from the data (the admin's appointment), never the clock.
fn workbook_date(inst: &Institution) -> crate::model::Date {
    inst.order_of_kind(crate::model::OrderKind::AdminAppointment)
        .or_else(|| inst.appointments.orders.first())
        .map_or(crate::model::Date { year: 2000, month: 1, day: 1 }, |o| o.date)
}
