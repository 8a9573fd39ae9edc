//! `sferum-gen check [PATH]`

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use sferum_gen::config::CheckConfig;
use sferum_gen::pipeline;

use super::{print_diagnostics, Format, InputArgs};
use sferum_gen::tr;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
}

pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let checked = pipeline::check(&CheckConfig { input: args.input.path.clone(), draft: args.input.draft, templates: args.input.templates.clone() });
    print_diagnostics(&checked, args.input.format);
    if checked.diagnostics.has_errors() {
        return Ok(ExitCode::from(1));
    }
    if args.input.format == Format::Human {
        let n = checked.catalog.as_ref().map_or(0, |c| c.institutions.len());
        eprintln!("{}", tr!("cli-check-ok", count = n));
    }
    Ok(ExitCode::SUCCESS)
}
