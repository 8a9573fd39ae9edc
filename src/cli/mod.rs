//! The command line: arguments (clap derive), one file per subcommand, output at the edge.

mod build;
mod check;
mod roster;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use sferum_gen::diag::{render_json, render_terminal};
use sferum_gen::pipeline::Checked;

/// Turns an institution's YAML data into the documents it needs for the Sferum platform
/// (ИКОП «Сферум» and the educational profile in VK Messenger or MAX).
#[derive(Debug, Parser)]
#[command(name = "sferum-gen", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

const AFTER_HELP: &str = "\
Examples:
  sferum-gen check                   check every institution under policies/
  sferum-gen build                   build every institution into out/
  sferum-gen build --only itep       build one institution
  sferum-gen check --format json     diagnostics as JSON, for CI
  sferum-gen serve --port 8000       the onboarding sites at http://127.0.0.1:8000/
  sferum-gen roster diff old/ new/   who joins, leaves, moves; chats to remove leavers from

Exit codes: 0 ok (warnings allowed), 1 invalid input, 2 usage or internal error.";

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the YAML of every institution and report every mistake at file:line:col.
    ///
    /// Writes nothing. Exit code 0 when the data is valid (warnings allowed), 1 when it is
    /// not, 2 on a usage or internal error.
    Check(check::CheckArgs),
    /// Check, then build each institution's documents into the output folder.
    ///
    /// Every institution gets out/<id>/public/ (regulation, chat rules, opt-out form as PDF/A,
    /// HTML and DOCX) and out/<id>/restricted/ (orders, registration letter and e-mail,
    /// acknowledgment sheets: personal data, owner-only files). The build is all or nothing:
    /// on any error the output folder is left exactly as it was.
    Build(build::BuildArgs),
    /// Build the onboarding sites and serve them on 127.0.0.1, rebuilding on every change.
    ///
    /// For methodologists checking the guides while they edit the data: open the printed
    /// address, edit a YAML file, reload the page. A broken edit is reported and the last good
    /// build stays served. Writes only to a temporary folder.
    Serve(serve::ServeArgs),
    /// Invite rosters: compare two versions of the people lists (`roster diff OLD NEW`).
    Roster(roster::RosterArgs),
}

/// Options shared by the subcommands that read input.
#[derive(Debug, Args)]
struct InputArgs {
    /// A folder of institutions (each a folder of YAML files, plus _registry/), or one institution's folder.
    #[arg(default_value = "policies")]
    path: PathBuf,
    /// How to print diagnostics: `human` (with source snippets) or `json` (for CI).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// Parses arguments, runs the command, prints once, and maps the outcome to an exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Roster(args) => roster::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Prints the diagnostics of a check in the chosen format (JSON to stdout, text to stderr).
fn print_diagnostics(checked: &Checked, format: Format) {
    match format {
        Format::Json => print!("{}", render_json(&checked.diagnostics)),
        Format::Human => eprint!("{}", render_terminal(&checked.diagnostics, &checked.sources)),
    }
}
