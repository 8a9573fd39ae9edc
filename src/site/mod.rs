//! The onboarding site (issue 5): `public/site/` of an institution, a folder a methodologist
//! uploads as is. An index page, one step-by-step guide per role (HTML page and printable
//! PDF handout), one stylesheet, and copies of the regulation, the chat rules and the
//! opt-out form, so that every link stays inside the folder.
//!
//! Guide texts are tera Markdown (`templates/site/`), escaped like every document; pages are
//! drawn by the sanitising Markdown backend inside `templates/site/page.html`.

use anyhow::Result;
use serde_json::{json, Value};

use crate::backend::{html, pdf, Artifact};
use crate::document::{Document, Layout, Visibility};
use crate::model::{Institution, LegalActs, Position};
use crate::render::{base_context, framed, render_chat_rules, render_opt_out_form, render_regulation, Form, RenderContext};

/// The site's folder under out/<id>/.
pub const DIR: &str = "public/site";

/// The guides, in the order the index lists them: file stem and who the guide is for.
pub const GUIDES: [&str; 6] = ["admin", "head", "curator", "teacher", STUDENT_GUIDE, "parent"];

/// The students' guide, which only institutions whose learners join the platform have.
const STUDENT_GUIDE: &str = "student";

/// The guides of `inst`, in menu order: a preschool's children never join the platform, so
/// it has no students' guide (nor a link to one).
pub fn guides(inst: &Institution) -> Vec<&'static str> {
    GUIDES.into_iter().filter(|g| *g != STUDENT_GUIDE || inst.info.kind.learners_join()).collect()
}

/// The published path of a guide page (or of the index for `"index"`), relative to out/<id>/.
pub fn page_path(stem: &str) -> String {
    format!("{DIR}/{stem}.html")
}

/// Whether an artifact is a copy of a document that has its own job (not counted twice).
pub fn is_copy(path: &std::path::Path) -> bool {
    path.starts_with(format!("{DIR}/documents"))
}

/// Every file of the site of `inst`.
pub fn render_site(ctx: &RenderContext, inst: &Institution, registry: &LegalActs, epoch: Option<i64>) -> Result<Vec<Artifact>> {
    let mut out = Vec::new();
    // Copies of the public documents in documents/, so the site needs nothing outside its folder.
    for doc in [render_regulation(ctx, inst, registry)?, render_chat_rules(ctx, inst, registry)?, render_opt_out_form(ctx, inst, registry)?] {
        for mut a in [html::render_html(&ctx.templates, &doc)?, pdf::render_pdf(&ctx.templates, &doc, epoch)?] {
            a.path = std::path::Path::new(DIR).join("documents").join(a.path.file_name().expect("a document file has a name"));
            out.push(a);
        }
    }
    let date = crate::render::approval_date(inst);
    let texts = site_texts(ctx, inst, registry)?;
    for page in &texts.pages {
        let (stem, frame) = (page.stem, &page.frame);
        let (body, pdf) = if stem == "index" {
            (page.body.clone(), None)
        } else {
            // A guide is no act to sign: never a draft.
            let form = Form { slug: &format!("site/{stem}"), visibility: Visibility::Public, layout: Layout::Form, body: page.body.clone(), date };
            let doc = Document { draft: None, ..framed(ctx, inst, frame, form)? };
            let handout = pdf::render_pdf(&ctx.templates, &doc, epoch)?;
            let pdf = json!({ "href": format!("{stem}.pdf"), "kb": handout.bytes.len().div_ceil(1024) });
            out.push(handout);
            (doc.body, Some(pdf))
        };
        let page = json!({
            "title": frame.optional_line("page_title").unwrap_or_default(),
            "subtitle": frame.optional_line("subtitle").unwrap_or_default(),
            "body": html::markdown_to_html(&body),
            "pdf": pdf,
        });
        out.push(Artifact { path: page_path(stem).into(), bytes: shell(ctx, &texts.data, &texts.nav, stem, page)?.into_bytes() });
    }
    out.push(Artifact { path: format!("{DIR}/site.css").into(), bytes: ctx.templates.text("site/site.css").as_bytes().to_vec() });
    Ok(out)
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

/// Renders the site's frames and Markdown: `render_site` lays them out, `check` renders them
/// to find an overlay template that does not render.
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

/// The site's texts rendered, nothing compiled: `check` runs it to find a template of an
/// overlay that does not render.
pub fn render_site_texts(ctx: &RenderContext, inst: &Institution, registry: &LegalActs) -> Result<()> {
    site_texts(ctx, inst, registry).map(drop)
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

fn shell(ctx: &RenderContext, data: &Value, nav: &Value, current: &str, page: Value) -> Result<String> {
    let page = json!({ "inst": data["inst"], "v": data["v"], "nav": nav, "current": current, "page": page });
    ctx.templates.render("site/page.html", &page)
}
