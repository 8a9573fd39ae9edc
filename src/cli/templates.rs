//! `sferum-gen templates export DIR`: the built-in templates, written out as the start of an
//! overlay (`_templates/` beside the institutions, or `--templates DIR`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};

use sferum_gen::templates::Templates;
use sferum_gen::tr;

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    #[command(subcommand)]
    command: TemplatesCommand,
}

#[derive(Debug, Subcommand)]
enum TemplatesCommand {
    /// Write every built-in template into DIR (which must not exist yet or be empty), to start
    /// an overlay from: keep the files you change, delete the others. Put the folder beside the
    /// institutions as `_templates/` (e.g. policies/_templates/), or pass `--templates DIR`
    /// to check, build and serve.
    Export {
        /// The folder to create.
        dir: PathBuf,
    },
}

pub fn run(args: &TemplatesArgs) -> Result<ExitCode> {
    match &args.command {
        TemplatesCommand::Export { dir } => {
            if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
                eprintln!("{}: {}", tr!("cli-error"), tr!("templates-not-empty", dir = dir));
                return Ok(ExitCode::from(1));
            }
            let written = Templates::export(dir)?;
            eprintln!("{}", tr!("templates-written", count = written.len(), dir = dir));
            Ok(ExitCode::SUCCESS)
        }
    }
}
