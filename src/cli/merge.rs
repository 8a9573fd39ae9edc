//! `sferum-gen merge SHARD... [--out DIR]`

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use sferum_gen::merge::{merge, MergeConfig};
use sferum_gen::tr;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The output folders of `build --shard K/N`, each with its index.json.
    #[arg(required = true, value_name = "DIR")]
    shards: Vec<PathBuf>,
    /// The folder to assemble: new, empty, or the result of a previous merge (replaced).
    #[arg(long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
}

/// Merges; a refusal comes back as the error, printed once with exit code 2.
pub fn run(args: &MergeArgs) -> Result<ExitCode> {
    let cfg = MergeConfig { shards: args.shards.clone(), out: args.out.clone() };
    let summary = merge(&cfg)?;
    eprintln!("{}", tr!("cli-merged", institutions = summary.institutions, shards = summary.shards, files = summary.files, out = cfg.out));
    Ok(ExitCode::SUCCESS)
}
