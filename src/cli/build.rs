//! `sferum-gen build [PATH] [--out DIR] [--only ID]... [--shard K/N]`

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use sferum_gen::config::{BuildConfig, CheckConfig, Clock};
use sferum_gen::document::Visibility;
use sferum_gen::pipeline::{self, BuildError, Progress};
use sferum_gen::plan::Shard;

use super::{print_diagnostics, DiagnosticFormat, InputArgs};
use sferum_gen::tr;

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output folder; each institution is written to <DIR>/<id>/.
    #[arg(long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Build only this institution (by its id); repeat to build several.
    #[arg(long, value_name = "ID")]
    only: Vec<String>,
    /// Build only part K of N of the institutions (e.g. `--shard 2/4` in the second of four CI
    /// jobs), chosen by a hash of each id; `sferum-gen merge` joins the parts' outputs.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// Write only the public outputs (out/<id>/public/: regulation, chat rules, opt-out form),
    /// e.g. on a server that publishes the site and must hold no personal data.
    #[arg(long, conflicts_with = "restricted")]
    public: bool,
    /// Write only the restricted outputs (out/<id>/restricted/: orders, letter, e-mail, sheets).
    #[arg(long)]
    restricted: bool,
    /// Rebuild every institution, also those whose inputs have not changed since their
    /// outputs were built (by default those are skipped and their outputs kept).
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    pub signing: super::sign::SigningArgs,
}

pub fn run(args: &BuildArgs) -> Result<ExitCode> {
    let signing = match args.signing.resolve(args.input.path.clone()) {
        Ok(s) => s,
        Err(diagnostic) => return Ok(super::refuse(diagnostic, args.input.format, &args.input.path)),
    };
    let cfg = BuildConfig {
        check: CheckConfig {
            draft: args.input.draft,
            templates: args.input.templates.clone(),
            ..CheckConfig::with_clock(args.input.path.clone(), Clock::from_env().map_err(|value| anyhow::anyhow!(tr!("cli-bad-epoch", value = value)))?)
        },
        out: args.out.clone(),
        only: args.only.clone(),
        shard: args.shard,
        visibility: match (args.public, args.restricted) {
            (true, _) => Some(Visibility::Public),
            (_, true) => Some(Visibility::Restricted),
            _ => None,
        },
        signing,
        force: args.force,
    };
    let bar = Bar::new();
    let (checked, outcome) = pipeline::build(&cfg, &bar)?;
    print_diagnostics(&checked, args.input.format, &args.input.path);
    match outcome {
        Ok(summary) => {
            if args.input.format == DiagnosticFormat::Human {
                let seconds = format!("{:.2}", summary.elapsed.as_secs_f64());
                let line = tr!(
                    "cli-built",
                    institutions = summary.institutions,
                    unchanged = summary.unchanged,
                    documents = summary.documents,
                    files = summary.files,
                    out = cfg.out,
                    seconds = seconds
                );
                eprintln!("{line}");
            }
            if summary.failed.is_empty() {
                return Ok(ExitCode::SUCCESS);
            }
            eprintln!("{}", tr!("cli-not-built", count = summary.failed.len(), ids = summary.failed.join(", ")));
            Ok(ExitCode::from(1))
        }
        Err(BuildError::Invalid) => {
            eprintln!("{}", tr!("cli-nothing-written"));
            Ok(ExitCode::from(1))
        }
        Err(BuildError::UnknownInstitution { id, known }) => {
            let shown: Vec<&str> = known.iter().take(20).map(String::as_str).collect();
            let mut list = shown.join(", ");
            if known.len() > shown.len() {
                list = tr!("cli-unknown-institution-more", shown = list, more = known.len() - shown.len());
            }
            eprintln!("{}: {}", tr!("cli-error"), tr!("cli-unknown-institution", id = id, known = list));
            Ok(ExitCode::from(2))
        }
    }
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
struct Bar(Option<ProgressBar>);

impl Bar {
    fn new() -> Self {
        Self(std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(ProgressStyle::with_template(&format!("{{bar:30}} {{pos}}/{{len}} {}  {{msg}}", tr!("cli-progress"))).expect("valid template"));
            bar
        }))
    }
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        if let Some(b) = &self.0 {
            b.set_length(total as u64);
        }
    }

    fn advance(&self, label: &str) {
        if let Some(b) = &self.0 {
            b.set_message(label.to_string());
            b.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
