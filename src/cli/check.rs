//! `sferum-gen check [PATH]`, and `check --forms` to review every name and post in the six cases.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use sferum_gen::config::CheckConfig;
use sferum_gen::model::Catalog;
use sferum_gen::pipeline;
use sferum_gen::validate::review_forms;

use super::{print_diagnostics, DiagnosticFormat, InputArgs};
use sferum_gen::tr;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Also print every institution's names (full, self-reference, short) and every post in the
    /// six cases, marking which forms the data writes and which are derived from the nominative.
    #[arg(long, conflicts_with = "format")]
    forms: bool,
}

pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let checked = pipeline::check(&CheckConfig { draft: args.input.draft, templates: args.input.templates.clone(), ..CheckConfig::new(args.input.path.clone()) });
    print_diagnostics(&checked, args.input.format, &args.input.path);
    if checked.diagnostics.has_errors() {
        return Ok(ExitCode::from(1));
    }
    if let (true, Some(catalog)) = (args.forms, &checked.catalog) {
        print!("{}", forms_table(catalog));
    }
    if args.input.format == DiagnosticFormat::Human {
        let n = checked.catalog.as_ref().map_or(0, |c| c.institutions.len());
        eprintln!("{}", tr!("cli-check-ok", count = n));
    }
    Ok(ExitCode::SUCCESS)
}

/// The cases, in the order of the forms (message ids of their labels).
const CASES: [&str; 6] = ["forms-case.nom", "forms-case.gen", "forms-case.dat", "forms-case.acc", "forms-case.ins", "forms-case.prep"];

/// One block per institution, one per name or post, one line per case: the case, where the form
/// comes from (`written` in the data, `derived` from the nominative) and the form. A written
/// form the dictionary derives alike is marked so (it can go); one it derives otherwise is
/// followed by the derived form.
fn forms_table(catalog: &Catalog) -> String {
    let mut out = String::new();
    for inst in &catalog.institutions {
        let _ = writeln!(out, "{} ({})", inst.id(), inst.dir.display());
        for item in review_forms(inst) {
            let _ = writeln!(out, "  {}", item.field);
            for (i, case) in CASES.iter().enumerate() {
                let same = item.forms[i] == item.derived[i];
                let source = match (i, item.written[i], same) {
                    (0, ..) => tr!("forms-source.written"),
                    (_, false, _) => tr!("forms-source.derived"),
                    (_, true, true) => tr!("forms-source.as-derived"),
                    (_, true, false) => tr!("forms-source.written"),
                };
                let _ = writeln!(out, "    {:<4}  {source:<26}  {}", tr!(case), item.forms[i]);
                if item.written[i] && !same && i > 0 {
                    let _ = writeln!(out, "    {:<4}  {:<26}  {}", "", tr!("forms-source.would-be"), item.derived[i]);
                }
            }
            if !item.guessed.is_empty() {
                let _ = writeln!(out, "    {}", tr!("forms-guessed", words = item.guessed.join(", ")));
            }
        }
        out.push('\n');
    }
    out
}
