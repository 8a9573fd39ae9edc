//! Every output path under out/<id>/ and its visibility, in one place: renderers and the
//! export stage name files through these functions, never by string literals.
//!
//! ```text
//! public/      <slug>.{pdf,docx,html}, site/ (pages, guides' PDFs, site.css, documents/)
//! restricted/  <slug>.{pdf,docx}, <slug>.eml, rosters/ (chats/, inviters/, rosters.xlsx, handouts/)
//! config/      runtime.json
//! ```

use std::path::{Path, PathBuf};

use crate::document::Visibility;

/// The folder of public outputs (published on the site).
pub const PUBLIC: &str = "public";
/// The folder of restricted outputs (personal data: owner-only permissions).
pub const RESTRICTED: &str = "restricted";
/// The folder of machine-readable configuration for runtime services.
pub const CONFIG: &str = "config";

/// The folder of `visibility`'s outputs.
pub fn dir(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Public => PUBLIC,
        Visibility::Restricted => RESTRICTED,
    }
}

/// The visibility of an output path: `None` for config/ (neither published nor personal).
pub fn visibility_of(path: &Path) -> Option<Visibility> {
    [Visibility::Public, Visibility::Restricted].into_iter().find(|v| path.starts_with(dir(*v)))
}

/// A document's file in one of its forms: `<visibility>/<slug>.<extension>`.
pub fn document(visibility: Visibility, slug: &str, extension: &str) -> PathBuf {
    format!("{}/{slug}.{extension}", dir(visibility)).into()
}

/// An e-mail message (always restricted: it carries contacts): `restricted/<slug>.eml`.
pub fn email(slug: &str) -> PathBuf {
    document(Visibility::Restricted, slug, "eml")
}

/// The runtime config for services.
pub const RUNTIME_CONFIG: &str = "config/runtime.json";

/// The onboarding site's folder.
pub const SITE_DIR: &str = "public/site";

/// A site page (a guide's, or the index for `"index"`).
pub fn site_page(stem: &str) -> String {
    format!("{SITE_DIR}/{stem}.html")
}

/// A guide's printable PDF.
pub fn site_pdf(stem: &str) -> String {
    format!("{SITE_DIR}/{stem}.pdf")
}

/// The site's stylesheet.
pub fn site_css() -> PathBuf {
    format!("{SITE_DIR}/site.css").into()
}

/// The site's copy of an exported public file (`regulation.pdf`, …).
pub fn site_copy(file_name: &std::ffi::OsStr) -> PathBuf {
    Path::new(SITE_DIR).join("documents").join(file_name)
}

/// The folder of one roster CSV per chat.
pub const ROSTER_CHATS_DIR: &str = "restricted/rosters/chats";

/// One chat's roster.
pub fn roster_chat(chat: &str) -> PathBuf {
    format!("{ROSTER_CHATS_DIR}/{chat}.csv").into()
}

/// Everyone one person invites.
pub fn roster_inviter(person: &str) -> PathBuf {
    format!("{RESTRICTED}/rosters/inviters/{person}.csv").into()
}

/// The rosters' workbook.
pub const ROSTER_WORKBOOK: &str = "restricted/rosters/rosters.xlsx";

/// A group's invite handout.
pub fn handout(group: &str) -> PathBuf {
    format!("{RESTRICTED}/rosters/handouts/{group}.pdf").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_lies_under_its_visibility() {
        assert_eq!(visibility_of(&document(Visibility::Public, "regulation", "pdf")), Some(Visibility::Public));
        assert_eq!(visibility_of(&email("registration-request")), Some(Visibility::Restricted));
        assert_eq!(visibility_of(Path::new(&site_page("admin"))), Some(Visibility::Public));
        assert_eq!(visibility_of(&site_copy("regulation.pdf".as_ref())), Some(Visibility::Public));
        for restricted in [roster_chat("c"), roster_inviter("p"), handout("g"), ROSTER_WORKBOOK.into()] {
            assert_eq!(visibility_of(&restricted), Some(Visibility::Restricted), "{}", restricted.display());
        }
        assert_eq!(visibility_of(Path::new(RUNTIME_CONFIG)), None);
        // A file named like a folder is not inside it.
        assert_eq!(visibility_of(Path::new("publicity/x.pdf")), None);
    }
}
