//! invites.yaml: each link is an https link of the platform, names a chat the structure
//! has, and is younger than the institution's link lifetime.

use crate::diag::Diagnostic;
use crate::load::RawDoc;
use crate::model::{Date, Institution, InvitesFile};
use crate::tr;

/// How long an invite link lives when rules.yaml sets no `invite_links.lifetime_days`.
pub const DEFAULT_LIFETIME_DAYS: u32 = 30;

/// The hosts whose https links the platform's invite links use: Sferum's web client
/// (sferum.ru), VK Messenger (vk.me, web.vk.me) and MAX (max.ru, web.max.ru).
pub const PLATFORM_HOSTS: [&str; 6] = ["sferum.ru", "www.sferum.ru", "vk.me", "web.vk.me", "max.ru", "web.max.ru"];

/// Checks every link of invites.yaml against the institution's chats and `today`. An expired
/// link is a warning, not an error: its chat is returned, and that chat's roster and handout are
/// left out of the build while the documents still build.
pub fn check_invites(inst: &Institution, doc: &RawDoc, invites: &InvitesFile, today: Date) -> (Vec<Diagnostic>, Vec<String>) {
    let mut out = Vec::new();
    let mut expired = Vec::new();
    // Only the ids matter here: the keys stand in for the names.
    let chats = inst.invite_chats(&|key| key.to_string());
    let lifetime = inst.rules.invite_links.as_ref().map_or(DEFAULT_LIFETIME_DAYS, |l| l.lifetime_days);
    let whose = if inst.rules.invite_links.is_some() { tr!("invite-expired.rules") } else { tr!("invite-expired.default") };
    for (i, link) in invites.links.iter().enumerate() {
        let at = |field: &str| format!("/links/{i}/{field}");
        if !chats.iter().any(|c| c.id == link.chat) {
            let close = chats.iter().map(|c| c.id.as_str()).min_by_key(|c| super::edit_distance(c, &link.chat)).filter(|c| super::edit_distance(c, &link.chat) <= 3);
            let known: Vec<&str> = chats.iter().map(|c| c.id.as_str()).collect();
            let hint = match close {
                Some(c) => tr!("invite-unknown-chat.did-you-mean", chat = c, chats = known.join(", ")),
                None => tr!("invite-unknown-chat.hint", chats = known.join(", ")),
            };
            out.push(doc.error_at(&at("chat"), "invite-unknown-chat", tr!("invite-unknown-chat", chat = link.chat)).with_hint(hint));
        } else if let Some(first) = invites.links[..i].iter().position(|l| l.chat == link.chat) {
            out.push(
                doc.error_at(&at("chat"), "invite-duplicate-chat", tr!("invite-duplicate-chat", chat = link.chat, first = first + 1))
                    .with_hint(tr!("invite-duplicate-chat.hint")),
            );
        }
        if let Err(why) = check_link(&link.url) {
            out.push(
                doc.error_at(&at("url"), "invite-bad-link", tr!("invite-bad-link", url = link.url, why = why))
                    .with_hint(tr!("invite-bad-link.hint", hosts = PLATFORM_HOSTS.join(", "))),
            );
        }
        let age = today.days_since_epoch() - link.created.days_since_epoch();
        if age < 0 {
            out.push(
                doc.error_at(&at("created"), "invite-created-in-future", tr!("invite-created-in-future", created = link.created.dotted(), today = today.dotted()))
                    .with_hint(tr!("invite-created-in-future.hint")),
            );
        } else if age > i64::from(lifetime) {
            out.push(
                doc.warning_at(&at("created"), "invite-expired", tr!("invite-expired", created = link.created.dotted(), age = age, lifetime = lifetime, whose = whose))
                    .with_hint(tr!("invite-expired.hint")),
            );
            expired.push(link.chat.clone());
        }
    }
    (out, expired)
}

/// Why `url` is not an https link on one of the platform's hosts with an invite in it.
fn check_link(url: &str) -> Result<(), String> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(tr!("invite-bad-link.spaces"));
    }
    let Some(rest) = url.strip_prefix("https://") else {
        return Err(tr!("invite-bad-link.scheme"));
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    if host.contains('@') || host.contains(':') {
        return Err(tr!("invite-bad-link.userinfo"));
    }
    if !PLATFORM_HOSTS.contains(&host.to_ascii_lowercase().as_str()) {
        return Err(tr!("invite-bad-link.host", host = host));
    }
    if rest[end..].trim_matches(['/', '?', '#']).is_empty() {
        return Err(tr!("invite-bad-link.empty"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_link;

    #[test]
    fn platform_links_only() {
        for ok in ["https://sferum.ru/?invite=abc", "https://web.vk.me/join/AbC", "https://vk.me/join/x_y", "https://max.ru/join/abc"] {
            assert!(check_link(ok).is_ok(), "{ok}");
        }
        for bad in ["http://sferum.ru/?invite=a", "https://sferum.ru/", "https://sferum.ru.evil.example/join/a", "https://evil@sferum.ru/x", "javascript:alert(1)", "=HYPERLINK(\"https://sferum.ru/x\")", "https://vk.com/join/a"] {
            assert!(check_link(bad).is_err(), "{bad}");
        }
    }
}
