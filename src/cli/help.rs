//! `--help` and command-line errors in the user's language.
//!
//! clap's derive gives the command tree (its doc comments are the developers' notes); every
//! text a user reads is replaced here from the Fluent files: `cli-<path>` is a command's
//! summary (`.long` its full description), `cli-<path>--<arg>` or, for options shared by
//! several commands, `cli-arg-<arg>` an argument's help. clap's own words (Usage, Options,
//! `[default: …]`, its error messages) are replaced too.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use sferum_gen::i18n::{self, Lang};
use sferum_gen::tr;

/// The language asked for with `--lang X` or `--lang=X`, read before clap parses anything, so
/// that `--help` is already in it.
pub fn lang_from_args(args: &[OsString]) -> Option<Lang> {
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(w) = words.next() {
        if w == "--" {
            break;
        }
        if let Some(v) = w.strip_prefix("--lang=") {
            return Lang::parse(v);
        }
        if w == "--lang" {
            return words.next().and_then(Lang::parse);
        }
    }
    None
}

/// The command tree with every user-facing text in the process's language.
pub fn localise(cmd: Command) -> Command {
    let mut cmd = localise_command(cmd, &[]);
    cmd.build();
    with_usage(cmd)
}

fn localise_command(mut cmd: Command, path: &[String]) -> Command {
    let key = key_of(path);
    if let Some(about) = i18n::try_text(&key, None) {
        cmd = cmd.about(about);
    }
    // Without a long text of its own, `--help` shows the summary (not the doc comment).
    cmd = match i18n::try_text(&format!("{key}.long"), None) {
        Some(long) => cmd.long_about(long),
        None => cmd.long_about(None::<&str>),
    };
    if path.is_empty() {
        cmd = cmd.after_help(tr!("cli.examples")).version(env!("CARGO_PKG_VERSION"));
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version").short('V').long("version").action(ArgAction::Version).help(tr!("cli-version")).help_heading(tr!("cli-heading-options")),
        );
    }
    cmd = cmd
        .help_template(format!("{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}\n", tr!("cli-usage")))
        .subcommand_help_heading(tr!("cli-heading-commands"))
        .subcommand_value_name(tr!("cli-value-command"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(tr!("cli-help")).help_heading(tr!("cli-heading-options")));
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        if id == "help" || id == "version" {
            continue;
        }
        let arg_key = format!("{key}--{id}");
        cmd = cmd.mut_arg(&id, |a| localise_arg(a, &arg_key, &id));
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let mut sub_path = path.to_vec();
        sub_path.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |s| localise_command(s, &sub_path));
    }
    cmd
}

/// An argument's help text, heading, placeholder, default and choices, all from the files.
fn localise_arg(mut arg: Arg, key: &str, id: &str) -> Arg {
    let help = i18n::try_text(key, None).or_else(|| i18n::try_text(&format!("cli-arg-{id}"), None));
    let mut extra = vec![];
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    let takes_values = arg.get_action().takes_values();
    if takes_values && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        extra.push(tr!("cli-default", value = quoted(&defaults)));
        arg = arg.hide_default_value(true);
    }
    let choices: Vec<String> = arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
    if takes_values && !choices.is_empty() && !arg.is_hide_possible_values_set() {
        extra.push(tr!("cli-choices", values = quoted(&choices)));
        arg = arg.hide_possible_values(true);
    }
    if let Some(mut help) = help {
        if !extra.is_empty() {
            help = format!("{help} ({})", extra.join("; "));
        }
        arg = arg.help(help).long_help(None::<&str>);
    }
    let names: Option<Vec<String>> = arg.get_value_names().map(|ns| ns.iter().map(|n| n.to_string()).collect());
    if let Some(names) = names {
        let local: Vec<String> = names.iter().map(|n| i18n::try_text(&format!("cli-value-{}", n.to_lowercase()), None).unwrap_or_else(|| n.clone())).collect();
        arg = arg.value_names(local);
    }
    let heading = if arg.is_positional() { tr!("cli-heading-arguments") } else { tr!("cli-heading-options") };
    arg.help_heading(heading)
}

/// Values as the user types them: `human`, `json`.
fn quoted(values: &[String]) -> String {
    values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}

fn key_of(path: &[String]) -> String {
    if path.is_empty() { "cli".to_string() } else { format!("cli-{}", path.join("-")) }
}

/// clap writes `[OPTIONS]` into every usage line; the built tree's usage is rendered once and
/// set with that placeholder in the user's language.
fn with_usage(mut cmd: Command) -> Command {
    let usage = plain_usage(&mut cmd);
    cmd = cmd.override_usage(usage);
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, with_usage);
    }
    cmd
}

fn plain_usage(cmd: &mut Command) -> String {
    let rendered = cmd.render_usage().to_string();
    let usage = rendered.split_once(':').map_or(rendered.as_str(), |(_, u)| u).trim();
    usage.replace("[OPTIONS]", &tr!("cli-value-options"))
}

/// Reports a command-line mistake in the user's language and returns the exit code (2), or
/// prints the help or version that was asked for (0).
pub fn report(e: clap::Error) -> std::process::ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
        let _ = e.print();
        let code = if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand { 2 } else { 0 };
        return std::process::ExitCode::from(code);
    }
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let message = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => tr!("cli-error-missing-value", arg = arg),
        ErrorKind::InvalidValue if get(ContextKind::ValidValue).is_empty() => tr!("cli-error-invalid-value", arg = arg, value = value),
        ErrorKind::InvalidValue => tr!("cli-error-invalid-value-choices", arg = arg, value = value, valid = get(ContextKind::ValidValue)),
        ErrorKind::UnknownArgument => tr!("cli-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => tr!("cli-error-unknown-command", name = get(ContextKind::InvalidSubcommand)),
        ErrorKind::MissingRequiredArgument => tr!("cli-error-missing-argument", arg = arg),
        ErrorKind::MissingSubcommand => tr!("cli-error-missing-command"),
        ErrorKind::ArgumentConflict => tr!("cli-error-conflict", arg = arg, other = get(ContextKind::PriorArg)),
        ErrorKind::TooManyValues => tr!("cli-error-too-many", arg = arg, value = value),
        // A value our own parser refused (e.g. `--shard 4/3`) carries the reason.
        ErrorKind::ValueValidation => match std::error::Error::source(&e) {
            Some(reason) => tr!("cli-error-invalid-value-reason", arg = arg, value = value, reason = reason.to_string()),
            None => tr!("cli-error-invalid-value", arg = arg, value = value),
        },
        _ => tr!("cli-error-other", detail = e.kind().to_string()),
    };
    let mut out = format!("{}: {message}\n", tr!("cli-error"));
    let suggested = [get(ContextKind::SuggestedArg), get(ContextKind::SuggestedSubcommand), get(ContextKind::SuggestedValue)];
    if let Some(s) = suggested.iter().find(|s| !s.is_empty()) {
        out.push_str(&format!("  {}\n", tr!("cli-error-suggestion", value = s.as_str())));
    }
    out.push_str(&format!("\n{}\n", tr!("cli-error-more")));
    eprint!("{out}");
    std::process::ExitCode::from(2)
}
