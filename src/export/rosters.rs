//! The roster files of an institution: a CSV per chat and per inviter, the workbook, and a
//! handout PDF per group.

use anyhow::Result;

use super::{csv, pdf, xlsx, Artifact, Options};
use crate::roster::{by_inviter, Rosters};

pub fn roster_files(opts: &Options, r: &Rosters) -> Result<Vec<Artifact>> {
    let mut out = Vec::new();
    for chat in &r.rosters {
        out.push(csv::chat_csv(&r.words, chat)?);
    }
    let inviters = by_inviter(&r.rosters);
    for i in &inviters {
        out.push(csv::inviter_csv(&r.words, i)?);
    }
    out.push(xlsx::rosters_xlsx(&r.words, &inviters, r.workbook_date)?);
    for h in &r.handouts {
        let path = format!("restricted/rosters/handouts/{}.pdf", h.group).into();
        out.push(pdf::render_handout(opts.templates, &h.page, path, &h.ident, h.date, opts.epoch)?);
    }
    Ok(out)
}
