//! The onboarding site (issue 5): `public/site/` of an institution, a folder a methodologist
//! uploads as is. An index page, one step-by-step guide per role (HTML page and printable
//! PDF handout), one stylesheet, and copies of the regulation, the chat rules and the
//! opt-out form, so that every link stays inside the folder.
//!
//! Guide texts are tera Markdown (`templates/site/`), escaped like every document; pages are
//! drawn by the sanitising Markdown backend inside `templates/site/page.html`.

use anyhow::Result;
use serde_json::{json, Value};

use crate::document::{Document, Layout, Visibility};
use crate::model::{Institution, LegalActs, Position};
use crate::render::{base_context, framed, Form, RenderContext};


/// The guides, in the order the index lists them: file stem and who the guide is for.
pub const GUIDES: [&str; 6] = ["admin", "head", "curator", "teacher", STUDENT_GUIDE, "parent"];

/// The students' guide, which only institutions whose learners join the platform have.
const STUDENT_GUIDE: &str = "student";

/// The guides of `inst`, in menu order: a preschool's children never join the platform, so
/// it has no students' guide (nor a link to one).
pub fn guides(inst: &Institution) -> Vec<&'static str> {
    GUIDES.into_iter().filter(|g| *g != STUDENT_GUIDE || inst.info.kind.learners_join()).collect()
}

/// The public documents the site carries copies of in `documents/` (their file stems), so
/// that every link stays inside the folder. The export stage copies their exported bytes.
pub const COPIES: [&str; 3] = ["regulation", "chat-rules", "opt-out-form"];

/// The onboarding site of one institution as data, nothing compiled: the context every page
/// shares, the navigation, and each page with its printable guide.
pub struct Site {
    pub data: Value,
    pub nav: Value,
    pub pages: Vec<Page>,
}

/// One page of the site: its stem (a guide's, or `index`), titles, Markdown body, and the
/// guide as a printable document (the index has none).
pub struct Page {
    pub stem: &'static str,
    pub title: String,
    pub subtitle: String,
    pub body: String,
    pub handout: Option<Document>,
}

/// The site of `inst` as data.
pub fn render(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<Site> {
    let date = crate::render::approval_date(inst);
    let texts = site_texts(ctx, inst, registry)?;
    let mut pages = Vec::new();
    for page in texts.pages {
        let (stem, frame) = (page.stem, &page.frame);
        let (body, handout) = if stem == "index" {
            (page.body, None)
        } else {
            // A guide is no act to sign: never a draft.
            let form = Form { slug: &format!("site/{stem}"), visibility: Visibility::Public, layout: Layout::Form, body: page.body, date };
            let doc = Document { draft: None, ..framed(ctx, inst, frame, form)? };
            (doc.body.clone(), Some(doc))
        };
        let title = frame.optional_line("page_title").unwrap_or_default();
        let subtitle = frame.optional_line("subtitle").unwrap_or_default();
        pages.push(Page { stem, title, subtitle, body, handout });
    }
    Ok(Site { data: texts.data, nav: texts.nav, pages })
}

/// One page of the site as text: its stem (a guide's, or `index`), its frame (titles, the
/// printable form) and its Markdown body.
struct SitePage {
    stem: &'static str,
    frame: crate::templates::Frame,
    body: String,
}

/// The site's texts before anything is compiled: the context every page shares, the
/// navigation, and each page.
struct SiteTexts {
    data: Value,
    nav: Value,
    pages: Vec<SitePage>,
}

/// Renders the site's frames and Markdown, for `render`.
fn site_texts(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<SiteTexts> {
    let mut data = base_context(ctx, inst, registry, crate::render::approval_date(inst))?;
    data["site"] = site_data(inst);
    // The guides always name the messenger the chats open in, even when the documents do not.
    data["v"]["messenger"] = ctx.vocabulary.words(inst.info.kind, inst.info.messenger)["messenger"].clone();
    // Each page's titles come from the site's frame, rendered for that page.
    let mut frames = Vec::new();
    for stem in guides(inst).into_iter().chain(["index"]) {
        data["site"]["role"] = json!(stem);
        frames.push((stem, ctx.templates.frame("site/frame.txt", &data)?));
    }
    let guides: Vec<Value> = frames
        .iter()
        .filter(|(stem, _)| *stem != "index")
        .map(|(stem, f)| json!({ "stem": stem, "title": f.optional_line("title").unwrap_or_default(), "href": format!("{stem}.html") }))
        .collect();
    data["site"]["guides"] = json!(guides);
    let nav: Vec<Value> = frames
        .iter()
        .map(|(stem, f)| json!({ "stem": stem, "href": format!("{stem}.html"), "label": f.optional_line("nav").unwrap_or_default() }))
        .collect();
    // The index first in the navigation.
    let nav = Value::Array(nav.last().into_iter().chain(&nav[..nav.len() - 1]).cloned().collect());
    let mut pages = Vec::new();
    for (stem, frame) in frames {
        data["site"]["role"] = json!(stem);
        let body = if stem == "index" {
            crate::render::tie_for(&ctx.templates.render("site/index.md", &data)?, inst)
        } else {
            ctx.templates.render(&format!("site/guides/{stem}.md"), &data)?
        };
        pages.push(SitePage { stem, frame, body });
    }
    Ok(SiteTexts { data, nav, pages })
}

/// What the guide templates see under `site` (documented in templates/README.md).
fn site_data(inst: &Institution) -> Value {
    let admin = inst.admin().map(|p| p.id.as_str());
    let head = inst.head().id.as_str();
    let role_of = |id: &str| -> &'static str {
        if Some(id) == admin {
            "admin"
        } else if id == head {
            "head"
        } else if inst.person(id).is_some_and(|p| p.position == Position::Deputy) {
            "deputy"
        } else {
            "other"
        }
    };
    let underscore = |s: &str| s.replace('-', "_");
    let c = &inst.chats;
    json!({
        "role": "index",
        "channels": c.channels.iter().map(|ch| json!({ "audience": underscore(ch.audience.key()), "name": ch.name, "by": role_of(&ch.owner) })).collect::<Vec<_>>(),
        "management": c.management_chats.iter().map(|m| json!({ "with": underscore(m.with_whom.key()), "name": m.name, "by": role_of(&m.owner) })).collect::<Vec<_>>(),
        "group_chats": c.group_chats.iter().map(|g| json!({ "audience": underscore(g.audience.key()), "owner": g.owner, "moderator": g.moderator })).collect::<Vec<_>>(),
        "support": crate::render::SUPPORT_ADDRESS,
        "invite_period": inst.rules.invite_links.as_ref().map(|l| crate::grammar::period_genitive(l.lifetime_days)),
    })
}
