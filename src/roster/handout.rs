//! Invite handouts (restricted): per group, a page per chat with its name, what it is for,
//! the chat rules in short, and the invite link as a QR code (qrcode crate) when known.

use anyhow::{anyhow, Result};
use qrcode::{Color, EcLevel, QrCode};
use serde_json::{json, Value};

use super::ChatRoster;
use crate::model::{Audience, Institution};
use crate::render::RenderContext;
use crate::templates::Frame;

/// One group's handout as data, for the handout layout: `restricted/rosters/handouts/<group>.pdf`.
pub struct Handout {
    /// The group's id (the file stem).
    pub group: String,
    /// What templates/layout/handout.typ reads.
    pub page: Value,
    /// A stable identifier for the PDF.
    pub ident: String,
    /// The PDF's timestamp unless SOURCE_DATE_EPOCH is set.
    pub date: crate::model::Date,
}

/// The handout of every group that has a people list. Its words are the template
/// rosters/handout.txt's.
pub fn render_handouts(ctx: &RenderContext, inst: &Institution, rosters: &[ChatRoster]) -> Result<Vec<Handout>> {
    let mut out = Vec::new();
    let rules = &inst.rules;
    let mut data = json!({
        "inst": { "short": inst.info.name.short.nom, "local_time": ctx.vocabulary.local_time(&inst.info.time_zone) },
        "v": ctx.vocabulary.words_for(inst),
        "rules": { "quiet_hours": rules.quiet_hours },
    });
    for list in &inst.people {
        let Some(group) = inst.chats.groups.iter().find(|g| g.id == list.group) else { continue };
        data["group"] = json!({ "name": group.name });
        let mut chats = Vec::new();
        let mut page = None;
        for r in rosters.iter().filter(|r| r.chat.group.as_deref() == Some(group.id.as_str()) && r.chat.audience != Audience::GroupTeachers) {
            data["chat"] = json!({ "parents": r.chat.audience == Audience::GroupParents, "subject": r.chat.subject });
            let frame = ctx.templates.frame("rosters/handout.txt", &data)?;
            chats.push(chat_page(&frame, r)?);
            page = Some(frame);
        }
        let Some(frame) = page else { continue };
        let page = json!({
            "title": frame.line("title")?,
            "institution": inst.info.name.full.nom,
            "inviter_label": frame.line("inviter_label")?,
            "rules_heading": frame.line("rules_heading")?,
            "rules_note": frame.line("rules_note")?,
            "how_to_join": frame.line("how_to_join")?,
            "no_link": frame.line("no_link")?,
            "chats": chats,
        });
        let ident = format!("{}/handout-{}", inst.id(), group.id);
        out.push(Handout { group: group.id.clone(), page, ident, date: super::workbook_date(inst) });
    }
    Ok(out)
}

fn chat_page(frame: &Frame, r: &ChatRoster) -> Result<Value> {
    let qr = match &r.link {
        Some(link) => Some(qr_runs(&link.url)?),
        None => None,
    };
    Ok(json!({
        "name": r.chat.name,
        "purpose": frame.line("purpose")?,
        "inviter": r.inviter_name,
        "rules": frame.lines("rule"),
        "link": r.link.as_ref().map(|l| l.url.clone()),
        "qr": qr,
    }))
}

/// The QR code of `text` as dark runs `{size, runs: [[row, column, length]…]}`, so the layout
/// draws one rectangle per run and scanners see no seams between modules.
fn qr_runs(text: &str) -> Result<Value> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| anyhow!("QR code of an invite link: {e}"))?;
    let size = code.width();
    let colors = code.to_colors();
    let mut runs = Vec::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if colors[y * size + x] == Color::Dark {
                let start = x;
                while x < size && colors[y * size + x] == Color::Dark {
                    x += 1;
                }
                runs.push([y, start, x - start]);
            } else {
                x += 1;
            }
        }
    }
    Ok(json!({ "size": size, "runs": runs }))
}
