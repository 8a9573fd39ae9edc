//! The templates shipped inside the binary (templates/ in the repository).

/// Every template file, by its path under templates/.
pub const FILES: &[(&str, &str)] = &[
    ("vocabulary.yaml", include_str!("../templates/vocabulary.yaml")),
    ("regulation/main.md", include_str!("../templates/regulation/main.md")),
    ("regulation/sections/general.md", include_str!("../templates/regulation/sections/general.md")),
    ("regulation/sections/terms.md", include_str!("../templates/regulation/sections/terms.md")),
    ("regulation/sections/purpose.md", include_str!("../templates/regulation/sections/purpose.md")),
    ("regulation/sections/distance_learning.md", include_str!("../templates/regulation/sections/distance_learning.md")),
    ("regulation/sections/support.md", include_str!("../templates/regulation/sections/support.md")),
    ("regulation/sections/eios.md", include_str!("../templates/regulation/sections/eios.md")),
    ("regulation/sections/organisation.md", include_str!("../templates/regulation/sections/organisation.md")),
    ("regulation/sections/rights.md", include_str!("../templates/regulation/sections/rights.md")),
    ("regulation/sections/ethics.md", include_str!("../templates/regulation/sections/ethics.md")),
    ("regulation/sections/_chat_rules.md", include_str!("../templates/regulation/sections/_chat_rules.md")),
    ("regulation/sections/opt_out.md", include_str!("../templates/regulation/sections/opt_out.md")),
    ("regulation/sections/personal_data.md", include_str!("../templates/regulation/sections/personal_data.md")),
    ("regulation/sections/final.md", include_str!("../templates/regulation/sections/final.md")),
    ("regulation/sections/_extra.md", include_str!("../templates/regulation/sections/_extra.md")),
    ("orders/platform.md", include_str!("../templates/orders/platform.md")),
    ("orders/admin.md", include_str!("../templates/orders/admin.md")),
    ("forms/chat-rules.md", include_str!("../templates/forms/chat-rules.md")),
    ("forms/opt-out.md", include_str!("../templates/forms/opt-out.md")),
    ("forms/admin-consent.md", include_str!("../templates/forms/admin-consent.md")),
    ("sheets/acknowledgment.md", include_str!("../templates/sheets/acknowledgment.md")),
    ("sheets/heading.txt", include_str!("../templates/sheets/heading.txt")),
    ("letters/registration.md", include_str!("../templates/letters/registration.md")),
    ("letters/registration-email.txt", include_str!("../templates/letters/registration-email.txt")),
    ("layout/page.html", include_str!("../templates/layout/page.html")),
    ("layout/style.css", include_str!("../templates/layout/style.css")),
    ("layout/gost.typ", include_str!("../templates/layout/gost.typ")),
    ("site/page.html", include_str!("../templates/site/page.html")),
    ("site/site.css", include_str!("../templates/site/site.css")),
    ("site/index.md", include_str!("../templates/site/index.md")),
    ("site/guides/admin.md", include_str!("../templates/site/guides/admin.md")),
    ("site/guides/head.md", include_str!("../templates/site/guides/head.md")),
    ("site/guides/curator.md", include_str!("../templates/site/guides/curator.md")),
    ("site/guides/teacher.md", include_str!("../templates/site/guides/teacher.md")),
    ("site/guides/student.md", include_str!("../templates/site/guides/student.md")),
    ("site/guides/parent.md", include_str!("../templates/site/guides/parent.md")),
    ("site/guides/_common.md", include_str!("../templates/site/guides/_common.md")),
    ("site/guides/_chat.md", include_str!("../templates/site/guides/_chat.md")),
    ("site/guides/_owner.md", include_str!("../templates/site/guides/_owner.md")),
    ("site/guides/_management.md", include_str!("../templates/site/guides/_management.md")),
    ("site/guides/_by.md", include_str!("../templates/site/guides/_by.md")),
    ("layout/handout.typ", include_str!("../templates/layout/handout.typ")),
];

/// The text of one bundled template.
pub fn get(name: &str) -> &'static str {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap_or_else(|| panic!("no bundled template `{name}`"))
}

/// The text templates (tera): Markdown (`.md`, values escaped) and plain text (`.txt`).
pub fn text() -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().copied().filter(|(n, _)| n.ends_with(".md") || n.ends_with(".txt"))
}
