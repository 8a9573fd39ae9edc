//! The command line: arguments (clap derive), one file per subcommand, output at the edge.

mod build;
mod check;
mod help;
mod init;
mod merge;
mod roster;
mod serve;
mod sign;
mod templates;
mod verify;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use sferum_gen::diag::{render_json, render_sarif, render_terminal};
use sferum_gen::pipeline::Checked;
use sferum_gen::tr;

/// Turns an institution's YAML data into the documents it needs for the Sferum platform
/// (ИКОП «Сферум» and the educational profile in VK Messenger or MAX).
#[derive(Debug, Parser)]
#[command(name = "sferum-gen", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of messages and help: `ru` (the default) or `en`; without it, an English
    /// LANG (or LC_ALL, LC_MESSAGES) gives English.
    #[arg(long, global = true, value_parser = ["ru", "en"], value_name = "LANG")]
    lang: Option<String>,
}


#[derive(Debug, Subcommand)]
enum Command {
    /// Check the YAML of every institution and report every mistake at file:line:col.
    ///
    /// Writes nothing. Exit code 0 when the data is valid (warnings allowed), 1 when it is
    /// not, 2 on a usage or internal error.
    Check(check::CheckArgs),
    /// Start a new institution: a folder with its five YAML files, no example's people or
    /// wording. On a terminal it asks about ten questions; without one it takes them as flags.
    /// Whatever is left unanswered, and the self-reference, is a placeholder «ЗАПОЛНИТЕ: …» that
    /// `check` reports until it is filled in; names and posts are asked in the nominative only
    /// (`check --forms` shows the other cases). It never writes into an existing folder.
    Init(init::InitArgs),
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
    /// address and edit a YAML file or a template; the page in the browser reloads by itself.
    /// A broken edit is reported here and in a banner over the page, and the last good build
    /// stays served. A busy port is reported before building. Writes only to a temporary folder.
    Serve(serve::ServeArgs),
    /// Invite rosters: compare two versions of the people lists (`roster diff OLD NEW`).
    Roster(roster::RosterArgs),
    /// Build again with signatures: like `build --sign`.
    ///
    /// Builds are reproducible, so instead of altering files already in the output folder,
    /// `sign` renders the signed documents again from the sources, with the visible signature
    /// mark in their signature block, signs them (PAdES) and writes the signed manifest; the
    /// output folder is replaced atomically, as by `build`. Which documents are signed, by whom
    /// and on which date comes from `signing:` in institution.yaml (default: the head signs the
    /// regulation and both orders).
    Sign(build::BuildArgs),
    /// Check the signatures of built documents: every signed PDF (byte range, digest, signature
    /// value, chain to a --trust anchor) and every signed MANIFEST.sha256 with its files.
    ///
    /// Prints one line per file: valid, tampered, unsigned or untrusted. Exit code 0 only when
    /// every file is valid (an unsigned PDF counts as valid when its folder's signed manifest covers it).
    Verify(verify::VerifyArgs),
    /// The templates of every document, guide and roster: `templates export DIR` writes the
    /// built-in set out, to change as an overlay (any file in `_templates/` beside the
    /// institutions, or in `--templates DIR`, replaces the built-in one of the same path).
    Templates(templates::TemplatesArgs),
    /// Assemble one output folder from the outputs of `build --shard K/N` (e.g. the artifacts
    /// of N CI jobs): the same files and index.json as one build of every institution.
    Merge(merge::MergeArgs),
}

/// Options shared by the subcommands that read input.
#[derive(Debug, Args)]
struct InputArgs {
    /// A folder of institutions (each a folder of YAML files, plus _registry/), or one institution's folder.
    #[arg(default_value = "policies")]
    path: PathBuf,
    /// How to print diagnostics: `human` (with source snippets), `json` (for CI) or `sarif`
    /// (SARIF 2.1.0, for code scanning).
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    format: DiagnosticFormat,
    /// Treat every institution as a draft: a signer the data does not name (placeholder: true)
    /// is printed as a gap «________ И.О. Фамилия», and every page of every form is marked
    /// «ПРОЕКТ». Without it such a signer is an error. (An institution may also set `draft: true`.)
    #[arg(long)]
    draft: bool,
    /// A folder of changed templates: any file there replaces the built-in template of the
    /// same path (`sferum-gen templates export DIR` writes the built-in set to start from).
    /// Without it, `_templates/` beside the institutions is used when it exists.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

/// How a report (`verify`, `roster diff`) is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// How the diagnostics of `check`, `build` and `sign` are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiagnosticFormat {
    Human,
    Json,
    Sarif,
}

impl From<Format> for DiagnosticFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Human => DiagnosticFormat::Human,
            Format::Json => DiagnosticFormat::Json,
        }
    }
}

/// Parses arguments, runs the command, prints once, and maps the outcome to an exit code.
pub fn run() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    sferum_gen::i18n::set_lang(help::lang_from_args(&argv).unwrap_or_else(sferum_gen::i18n::Lang::from_env));
    let matches = match help::localise(Cli::command()).try_get_matches_from(argv) {
        Ok(m) => m,
        Err(e) => return help::report(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return help::report(e),
    };
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Roster(args) => roster::run(&args),
        Command::Sign(mut args) => {
            args.signing.sign = true;
            build::run(&args)
        }
        Command::Verify(args) => verify::run(&args),
        Command::Templates(args) => templates::run(&args),
        Command::Merge(args) => merge::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}: {e:#}", tr!("cli-error"));
            ExitCode::from(2)
        }
    }
}

/// Prints the diagnostics of a check in the chosen format (JSON and SARIF to stdout, text to
/// stderr); SARIF names files relative to `root`, the input folder.
fn print_diagnostics(checked: &Checked, format: impl Into<DiagnosticFormat>, root: &Path) {
    match format.into() {
        DiagnosticFormat::Json => print!("{}", render_json(&checked.diagnostics)),
        DiagnosticFormat::Sarif => print!("{}", render_sarif(&checked.diagnostics, &checked.sources, root)),
        DiagnosticFormat::Human => eprint!("{}", render_terminal(&checked.diagnostics, &checked.sources)),
    }
}

/// Prints a diagnostic raised before any input was read (e.g. a refused signing key) and
/// returns exit code 1: nothing was written.
fn refuse(diagnostic: sferum_gen::diag::Diagnostic, format: DiagnosticFormat, root: &Path) -> ExitCode {
    let diagnostics: sferum_gen::diag::Diagnostics = std::iter::once(diagnostic).collect();
    match format {
        DiagnosticFormat::Json => print!("{}", render_json(&diagnostics)),
        DiagnosticFormat::Sarif => print!("{}", render_sarif(&diagnostics, &sferum_gen::load::SourceMap::default(), root)),
        DiagnosticFormat::Human => {
            eprint!("{}", render_terminal(&diagnostics, &sferum_gen::load::SourceMap::default()));
            eprintln!("{}", tr!("cli-nothing-written-one"));
        }
    }
    ExitCode::from(1)
}
