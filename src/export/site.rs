//! The onboarding site's files: each page in the site's shell, each guide's printable PDF,
//! the stylesheet, and in `documents/` the exported bytes of the public documents it links.

use anyhow::Result;
use serde_json::{json, Value};

use super::{html, pdf, Artifact, Options};
use crate::layout;
use crate::site::Site;

/// Every file of a site; `copies` are the exported (and, in a signed build, signed) files of
/// the documents the site carries, copied byte for byte into `documents/`.
pub fn site_files(opts: &Options, site: &Site, copies: &[Artifact]) -> Result<Vec<Artifact>> {
    let mut out = Vec::new();
    for copy in copies {
        let name = copy.path.file_name().expect("a document file has a name");
        out.push(Artifact { path: layout::site_copy(name), bytes: copy.bytes.clone() });
    }
    for page in &site.pages {
        let pdf = match &page.handout {
            Some(doc) => {
                let handout = pdf::render_pdf(opts, doc)?;
                let link = json!({ "href": format!("{}.pdf", page.stem), "kb": handout.bytes.len().div_ceil(1024) });
                out.push(handout);
                Some(link)
            }
            None => None,
        };
        let content = json!({ "title": page.title, "subtitle": page.subtitle, "body": html::markdown_to_html(&page.body), "pdf": pdf });
        out.push(Artifact { path: layout::site_page(page.stem).into(), bytes: shell(opts, site, page.stem, content)?.into_bytes() });
    }
    out.push(Artifact { path: layout::site_css(), bytes: opts.templates.text("site/site.css").as_bytes().to_vec() });
    Ok(out)
}

fn shell(opts: &Options, site: &Site, current: &str, page: Value) -> Result<String> {
    let page = json!({ "inst": site.data["inst"], "v": site.data["v"], "nav": site.nav, "current": current, "page": page });
    opts.templates.render("site/page.html", &page)
}
