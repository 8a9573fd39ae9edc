//! `sferum-gen verify PATH... [--trust CA]... [--format json]`

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use sferum_gen::sign::verify::{load_anchors, verify_paths, Status};

use super::Format;
use sferum_gen::tr;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Signed PDFs, manifests (MANIFEST.sha256), or folders to search for both (e.g. out/).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// A trusted root certificate (PEM or DER); repeat for several. Without one, every
    /// intact signature is reported as untrusted.
    #[arg(long, value_name = "FILE")]
    trust: Vec<PathBuf>,
    /// How to print the report: `human` (one line per file) or `json`.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

pub fn run(args: &VerifyArgs) -> Result<ExitCode> {
    let anchors = load_anchors(&args.trust)?;
    let findings = verify_paths(&args.paths, &anchors)?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "files": findings }))?),
        Format::Human => {
            for f in &findings {
                let signer = f.signer.as_deref().map(|s| tr!("verify-signed-by", signer = s)).unwrap_or_default();
                println!("{:<9} {}: {}{signer}", f.status.word(), f.path.display(), f.detail);
            }
        }
    }
    let all_valid = !findings.is_empty() && findings.iter().all(|f| f.status == Status::Valid);
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
