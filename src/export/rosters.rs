//! The roster files of an institution: a CSV per chat and per inviter, the workbook, and a
//! handout PDF per group.

use anyhow::Result;

use super::{pdf, xlsx, Artifact, Options};
use crate::layout;
use crate::roster::{by_inviter, csv, Rosters};

pub fn roster_files(opts: &Options, r: &Rosters) -> Result<Vec<Artifact>> {
    let mut out = Vec::new();
    for chat in &r.rosters {
        out.push(Artifact { path: layout::roster_chat(&chat.chat.id), bytes: csv::chat_csv(&r.words, chat)? });
    }
    let inviters = by_inviter(&r.rosters);
    for i in &inviters {
        out.push(Artifact { path: layout::roster_inviter(i.inviter), bytes: csv::inviter_csv(&r.words, i)? });
    }
    out.push(xlsx::rosters_xlsx(&r.words, &inviters, r.workbook_date)?);
    for h in &r.handouts {
        out.push(pdf::render_handout(opts, &h.page, layout::handout(&h.group), &h.ident, h.date)?);
    }
    Ok(out)
}
