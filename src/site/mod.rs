//! The onboarding site (issue 5): `public/site/` of an institution, a folder a methodologist
//! uploads as is. An index page, one step-by-step guide per role (HTML page and printable
//! PDF handout), one stylesheet, and copies of the regulation, the chat rules and the
//! opt-out form, so that every link stays inside the folder.
//!
//! Guide texts are tera Markdown (`templates/site/`), escaped like every document; pages are
//! drawn by the sanitising Markdown backend inside `templates/site/page.html`.

use std::sync::LazyLock;

use anyhow::{anyhow, Result};
use serde_json::{json, Value};
use tera::{Context, Tera};

use crate::backend::{html, pdf, Artifact};
use crate::document::{Document, Layout, Visibility};
use crate::model::{Institution, LegalActs, Position};
use crate::render::{base_context, render_chat_rules, render_opt_out_form, render_regulation, typeset_for, RenderContext};

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

static SHELL: LazyLock<Tera> = LazyLock::new(|| {
    let mut tera = Tera::new();
    tera.add_raw_template("site/page.html", crate::templates::get("site/page.html")).expect("bundled site/page.html compiles");
    tera
});

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
        for mut a in [html::render_html(&doc)?, pdf::render_pdf(&doc, epoch)?] {
            a.path = std::path::Path::new(DIR).join("documents").join(a.path.file_name().expect("a document file has a name"));
            out.push(a);
        }
    }
    let date = crate::render::approval_date(inst);
    let mut data = base_context(ctx, inst, registry, date);
    data["site"] = site_data(inst, &data);
    let nav = navigation(&data);
    for (n, stem) in guides(inst).iter().enumerate() {
        data["site"]["role"] = json!(stem);
        let title = data["site"]["guides"][n]["title"].as_str().expect("every guide has a title").to_string();
        let body = ctx.markdown.render(&format!("site/guides/{stem}.md"), &data)?;
        let doc = typeset_for(Document {
            slug: format!("site/{stem}"),
            visibility: Visibility::Public,
            layout: Layout::Form,
            header: crate::render::organisation_lines(inst),
            top_left: vec![],
            top_right: vec![],
            type_word: "ПАМЯТКА".into(),
            heading: format!("{title} по работе в ИКОП «Сферум»"),
            date_line: None,
            place_year: inst.info.city.clone(),
            body,
            signature: None,
            closing: vec![],
            date,
            ident: format!("{}/site/{stem}", inst.info.id),
            // A guide is no act to sign: never a draft.
            draft: false,
        }, inst);
        let handout = pdf::render_pdf(&doc, epoch)?;
        let page = json!({
            "title": format!("Памятка {title}"),
            "subtitle": format!("{} · ИКОП «Сферум» и {}", inst.info.name.short, ctx.vocabulary.messenger(inst.info.messenger, "nom")),
            "body": html::markdown_to_html(&doc.body),
            "pdf": { "href": format!("{stem}.pdf"), "kb": handout.bytes.len().div_ceil(1024) },
        });
        out.push(Artifact { path: page_path(stem).into(), bytes: shell(&data, &nav, stem, page)?.into_bytes() });
        out.push(handout);
    }
    data["site"]["role"] = json!("index");
    let body = crate::render::tie_for(&ctx.markdown.render("site/index.md", &data)?, inst);
    let page = json!({
        "title": format!("ИКОП «Сферум» в {}", inst.info.name.short),
        "subtitle": inst.info.name.full.nom,
        "body": html::markdown_to_html(&body),
        "pdf": null,
    });
    out.push(Artifact { path: page_path("index").into(), bytes: shell(&data, &nav, "index", page)?.into_bytes() });
    out.push(Artifact { path: format!("{DIR}/site.css").into(), bytes: crate::templates::get("site/site.css").as_bytes().to_vec() });
    Ok(out)
}

/// What the guide templates see under `site` (documented in templates/README.md).
fn site_data(inst: &Institution, base: &Value) -> Value {
    let v = &base["v"];
    let word = |w: &str, case: &str| v[w][case].as_str().unwrap_or_default().to_string();
    let titles = [
        "для администратора".to_string(),
        "для руководителя и администрации".to_string(),
        format!("для {}", word("curator", "gen")),
        format!("для {}", word("teacher", "gen")),
        format!("для {}", word("student", "gen")),
        format!("для {}", word("parent", "gen_pl")),
    ];
    let stems = guides(inst);
    let guides: Vec<Value> = GUIDES.iter().zip(&titles).filter(|(stem, _)| stems.contains(stem)).map(|(stem, t)| json!({ "stem": stem, "title": t, "href": format!("{stem}.html") })).collect();
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
        "guides": guides,
        "channels": c.channels.iter().map(|ch| json!({ "audience": underscore(ch.audience.key()), "name": ch.name, "by": role_of(&ch.owner) })).collect::<Vec<_>>(),
        "management": c.management_chats.iter().map(|m| json!({ "with": underscore(m.with_whom.key()), "name": m.name, "by": role_of(&m.owner) })).collect::<Vec<_>>(),
        "group_chats": c.group_chats.iter().map(|g| json!({ "audience": underscore(g.audience.key()), "owner": g.owner })).collect::<Vec<_>>(),
        "support": crate::render::SUPPORT_ADDRESS,
        "invite_period": inst.rules.invite_links.as_ref().map(|l| crate::grammar::period_genitive(l.lifetime_days)),
    })
}

fn navigation(data: &Value) -> Value {
    let mut nav = vec![json!({ "stem": "index", "href": "index.html", "label": "Главная" })];
    for g in data["site"]["guides"].as_array().into_iter().flatten() {
        nav.push(json!({ "stem": g["stem"], "href": g["href"], "label": format!("Памятка {}", g["title"].as_str().unwrap_or_default()) }));
    }
    Value::Array(nav)
}

fn shell(data: &Value, nav: &Value, current: &str, page: Value) -> Result<String> {
    let ctx = Context::from_serialize(&json!({
        "inst": data["inst"],
        "v": data["v"],
        "nav": nav,
        "current": current,
        "page": page,
    }))
    .map_err(|e| anyhow!("cannot build the site page context: {e}"))?;
    SHELL.render("site/page.html", &ctx).map_err(|e| anyhow!("site/page.html failed: {e}"))
}
