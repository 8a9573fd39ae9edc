//! `sferum-gen roster diff OLD NEW [--institution DIR] [--csv FILE]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::{Args, Subcommand};

use sferum_gen::roster::diff::{diff, to_csv, to_text, DiffWords};
use sferum_gen::roster::snapshot::Snapshot;
use sferum_gen::roster::version::{is_output_folder, load_version};

use super::{print_diagnostics, Format};
use sferum_gen::tr;

#[derive(Debug, Args)]
pub struct RosterArgs {
    #[command(subcommand)]
    command: RosterCommand,
}

#[derive(Debug, Subcommand)]
enum RosterCommand {
    /// Compare two versions of an institution's people lists: who joins, who leaves, who
    /// changes group, and the chats each leaver (and, per rules.yaml, their parents) must be
    /// removed from.
    ///
    /// OLD and NEW are institution folders (with institution.yaml and people/), or two
    /// people folders read with the YAML of --institution DIR, or two build output folders
    /// of one institution (`out/<id>/` built at two git revisions, e.g. CI artifacts: read
    /// from restricted/rosters/chats/*.csv and config/runtime.json). Both must be of one
    /// kind. Prints text; --csv also writes the changes as CSV (UTF-8 with BOM, `;`). Exit
    /// code 1 when either version is invalid, 2 when a folder cannot be read (a malformed
    /// roster CSV is named file:line).
    Diff(DiffArgs),
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The earlier version: an institution folder, a people folder or a build output folder.
    old: PathBuf,
    /// The later version: an institution folder, a people folder or a build output folder.
    new: PathBuf,
    /// The institution folder whose YAML (chats, rules) reads two people folders.
    #[arg(long, value_name = "DIR")]
    institution: Option<PathBuf>,
    /// Also write the changes and removals as CSV to FILE (restricted: personal data).
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// How to print diagnostics: `human` (with source snippets) or `json` (for CI).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

pub fn run(args: &RosterArgs) -> Result<ExitCode> {
    let RosterCommand::Diff(args) = &args.command;
    let (old_out, new_out) = (is_output_folder(&args.old), is_output_folder(&args.new));
    if old_out != new_out {
        let (output, source) = if old_out { (&args.old, &args.new) } else { (&args.new, &args.old) };
        bail!(tr!("roster-mixed-folders", output = output, source = source));
    }
    if old_out {
        if args.institution.is_some() {
            bail!(tr!("roster-institution-with-output"));
        }
        return print_diff(&Snapshot::of_output(&args.old)?, &Snapshot::of_output(&args.new)?, args.csv.as_deref());
    }
    let (old, new) = (load_version(&args.old, args.institution.as_deref())?, load_version(&args.new, args.institution.as_deref())?);
    for v in [&old, &new] {
        if !v.checked.diagnostics.is_empty() {
            print_diagnostics(&v.checked, args.format, &args.new);
        }
    }
    let (Some(a), Some(b)) = (&old.institution, &new.institution) else {
        eprintln!("{}", tr!("roster-nothing-compared"));
        return Ok(ExitCode::from(1));
    };
    let vocabulary = sferum_gen::render::Vocabulary::bundled()?;
    print_diff(&Snapshot::of_institution(a, &vocabulary), &Snapshot::of_institution(b, &vocabulary), args.csv.as_deref())
}

/// Prints the diff and, with `--csv FILE`, writes it there too.
fn print_diff(old: &Snapshot, new: &Snapshot, csv: Option<&Path>) -> Result<ExitCode> {
    let d = diff(old, new);
    let words = DiffWords::new(&sferum_gen::templates::Templates::bundled()?)?;
    print!("{}", to_text(&d, &words));
    if let Some(path) = csv {
        sferum_gen::fs::write(path, &to_csv(&d, &words)?)?;
        // The CSV holds personal data: readable by its owner only.
        sferum_gen::fs::owner_only(path, 0o600)?;
    }
    Ok(ExitCode::SUCCESS)
}
