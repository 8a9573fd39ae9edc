//! E-mail backend: an RFC 5322 message (UTF-8 text, one PDF attachment) built with
//! mail-builder. Boundary, Message-ID and Date come from the data, so the file is reproducible.

use anyhow::{Context, Result};
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::mime::MimePart;
use mail_builder::MessageBuilder;

use super::Artifact;
use crate::document::Email;

/// Builds `restricted/<slug>.eml` with `attachment` (a PDF) attached.
pub fn render_eml(email: &Email, attachment: &[u8]) -> Result<Artifact> {
    // `check` refuses control characters in every value; a header must never get one anyway
    // (a CR/LF would start a header of its own). mail-builder encodes the rest.
    let headers = [&email.from_name, &email.from_address, &email.to, &email.subject, &email.message_id, &email.attachment_name];
    if let Some(bad) = headers.iter().find(|v| v.chars().any(char::is_control)) {
        anyhow::bail!("an e-mail header value holds a control character: {bad:?}");
    }
    let seconds = email.date.days_since_epoch() * 86_400 + 9 * 3600;
    // A fixed boundary (it must not occur in the parts; base64 and QP text never contain it).
    let boundary = format!("sferum-gen-{}", email.message_id.replace(['@', '.'], "-"));
    let body = MimePart::new(
        ContentType::new("multipart/mixed").attribute("boundary", boundary),
        vec![
            MimePart::new("text/plain", email.body.as_str()),
            MimePart::new("application/pdf", attachment).attachment(email.attachment_name.as_str()),
        ],
    );
    let message = MessageBuilder::new()
        .from(Address::new_address(Some(email.from_name.as_str()), email.from_address.as_str()))
        .to(Address::new_address(None::<&str>, email.to.as_str()))
        .subject(email.subject.as_str())
        .date(seconds)
        .message_id(email.message_id.as_str())
        .body(body);
    let bytes = message.write_to_vec().context("cannot assemble the e-mail")?;
    Ok(Artifact { path: crate::layout::email(&email.slug), bytes })
}
