//! `sferum-gen check [PATH]`, and `check --forms` to review every name and post in the six cases.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use sferum_gen::config::CheckConfig;
use sferum_gen::model::Catalog;
use sferum_gen::pipeline;
use sferum_gen::validate::review_forms;

use super::{print_diagnostics, Format, InputArgs};

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
    let checked = pipeline::check(&CheckConfig { input: args.input.path.clone(), draft: args.input.draft, templates: args.input.templates.clone() });
    print_diagnostics(&checked, args.input.format);
    if checked.diagnostics.has_errors() {
        return Ok(ExitCode::from(1));
    }
    if let (true, Some(catalog)) = (args.forms, &checked.catalog) {
        print!("{}", forms_table(catalog));
    }
    if args.input.format == Format::Human {
        let n = checked.catalog.as_ref().map_or(0, |c| c.institutions.len());
        eprintln!("ok: {n} institution(s) valid");
    }
    Ok(ExitCode::SUCCESS)
}

/// The case labels, in the order of the forms.
const CASES: [&str; 6] = ["nom", "gen", "dat", "acc", "ins", "prep"];

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
                    (0, ..) => "written",
                    (_, false, _) => "derived",
                    (_, true, true) => "written, as derived",
                    (_, true, false) => "written",
                };
                let _ = writeln!(out, "    {case:<4}  {source:<19}  {}", item.forms[i]);
                if item.written[i] && !same && i > 0 {
                    let _ = writeln!(out, "    {:<4}  {:<19}  {}", "", "derived would be", item.derived[i]);
                }
            }
            if !item.guessed.is_empty() {
                let _ = writeln!(out, "    not in the dictionary (forms guessed from the ending): {}", item.guessed.join(", "));
            }
        }
        out.push('\n');
    }
    out
}
