//! `sferum-gen init DIR`: a new institution's folder to start from, with no example's people
//! or wording. On a terminal it asks about ten questions; without one it takes the same
//! answers as flags. Whatever is not answered (and the self-reference) is left as a placeholder
//! «ЗАПОЛНИТЕ: …» that `check` reports until it is filled in. Names and posts are written in
//! the nominative only: validation derives their other cases.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use clap::{Args, ValueEnum};
use serde_json::{json, Map, Value};

use sferum_gen::grammar::lexicon::PLACEHOLDER;
use sferum_gen::templates::Templates;
use sferum_gen::tr;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new institution's folder (beside the others, e.g. policies/my-school); it must not
    /// exist yet. Its name is the institution's id.
    dir: PathBuf,
    /// The kind of institution.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// The messenger of the educational profile.
    #[arg(long, value_enum)]
    messenger: Option<MessengerArg>,
    /// Who founded it: state (federal or regional), municipal, private.
    #[arg(long, value_enum)]
    ownership: Option<OwnershipArg>,
    /// The full name as in the charter, in the nominative.
    #[arg(long, value_name = "TEXT")]
    full_name: Option<String>,
    /// The short name as in the charter.
    #[arg(long, value_name = "TEXT")]
    short_name: Option<String>,
    /// The city as documents print it (г. Омск).
    #[arg(long, value_name = "TEXT")]
    city: Option<String>,
    /// The IANA time zone (Asia/Omsk); suggested from the city when left out.
    #[arg(long, value_name = "ZONE")]
    time_zone: Option<String>,
    /// The head: «Фамилия Имя Отчество».
    #[arg(long, value_name = "NAME")]
    head: Option<String>,
    /// The head's gender: female or male.
    #[arg(long, value_enum)]
    head_gender: Option<GenderArg>,
    /// The head's post in the nominative (директор, заведующий).
    #[arg(long, value_name = "TEXT")]
    head_post: Option<String>,
    /// The platform administrator: «Фамилия Имя Отчество».
    #[arg(long, value_name = "NAME")]
    admin: Option<String>,
    /// The administrator's gender: female or male.
    #[arg(long, value_enum)]
    admin_gender: Option<GenderArg>,
    /// The administrator's post in the nominative (учитель информатики).
    #[arg(long, value_name = "TEXT")]
    admin_post: Option<String>,
    /// The administrator's mobile number (the platform gives the admin rights to it).
    #[arg(long, value_name = "PHONE")]
    admin_phone: Option<String>,
    /// The administrator's e-mail (the registration request is sent from it).
    #[arg(long, value_name = "EMAIL")]
    admin_email: Option<String>,
    /// How the regulation is approved: by an order of the head, or by the head's signature.
    #[arg(long, value_enum)]
    approval: Option<ApprovalArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    School,
    College,
    Supplementary,
    Preschool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum MessengerArg {
    Vk,
    Max,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OwnershipArg {
    State,
    Municipal,
    Private,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum GenderArg {
    Female,
    Male,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ApprovalArg {
    Order,
    Head,
}

/// The key of a clap value (`school`, `vk`, …).
fn key<T: ValueEnum>(v: &T) -> String {
    v.to_possible_value().map(|p| p.get_name().to_string()).unwrap_or_default()
}

/// Asks on the terminal, or returns `None` without one.
struct Asker {
    terminal: bool,
}

impl Asker {
    fn text(&self, prompt: &str, default: Option<&str>) -> Result<Option<String>> {
        if !self.terminal {
            return Ok(None);
        }
        let mut input = dialoguer::Input::<String>::new().with_prompt(prompt).allow_empty(true);
        if let Some(d) = default {
            input = input.default(d.to_string());
        }
        let answer = input.interact_text().map_err(|e| anyhow!("{e}"))?;
        Ok(Some(answer.trim().to_string()).filter(|a| !a.is_empty()))
    }

    fn choose<T: ValueEnum + Clone>(&self, prompt: &str) -> Result<Option<T>> {
        if !self.terminal {
            return Ok(None);
        }
        let options = T::value_variants();
        let names: Vec<String> = options.iter().map(key).collect();
        let picked = dialoguer::Select::new().with_prompt(prompt).items(&names).default(0).interact().map_err(|e| anyhow!("{e}"))?;
        Ok(options.get(picked).cloned())
    }
}

pub fn run(args: &InitArgs) -> Result<ExitCode> {
    if args.dir.exists() {
        eprintln!("{}: {}", tr!("cli-error"), tr!("init-exists", dir = args.dir));
        eprintln!("  = {}", tr!("diag-hint", hint = tr!("init-exists.hint")));
        return Ok(ExitCode::from(1));
    }
    let id = args.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        eprintln!("{}: {}", tr!("cli-error"), tr!("init-bad-id", id = id));
        eprintln!("  = {}", tr!("diag-hint", hint = tr!("init-bad-id.hint")));
        return Ok(ExitCode::from(1));
    }
    let ask = Asker { terminal: std::io::stdin().is_terminal() && std::io::stderr().is_terminal() };
    let templates = Templates::bundled()?;
    // The questions and the placeholders for what is left unanswered (templates/init/questions.txt).
    let words = templates.frame("init/questions.txt", &json!({}))?;
    let question = |k: &str| words.lines(k).first().cloned().unwrap_or_default();
    let mut a = Map::new();
    let mut put = |name: &str, question_key: &str, value: Option<String>| {
        let text = value.unwrap_or_else(|| format!("{PLACEHOLDER}: {}", words.lines(question_key).get(1).cloned().unwrap_or_default()));
        a.insert(name.to_string(), Value::String(serde_json::to_string(&text).expect("a string encodes")));
    };
    put("id", "id", Some(id.clone()));
    let kind = choose(args.kind, &ask, &question("kind"))?;
    put("kind", "kind", kind.as_ref().map(key));
    let messenger = choose(args.messenger, &ask, &question("messenger"))?;
    put("messenger", "messenger", messenger.as_ref().map(key));
    let ownership = choose(args.ownership, &ask, &question("ownership"))?;
    put("ownership", "ownership", ownership.as_ref().map(key));
    for field in ["full_name", "short_name"] {
        let given = if field == "full_name" { &args.full_name } else { &args.short_name };
        put(field, field, or_ask(given, &ask, &question(field))?);
    }
    let city = or_ask(&args.city, &ask, &question("city"))?;
    let suggested = city.as_deref().map(|c| suggest_zone(&templates, c)).transpose()?;
    let zone = match &args.time_zone {
        Some(z) => Some(z.clone()),
        None => ask.text(&question("time_zone"), suggested.as_deref())?.or(suggested),
    };
    put("city", "city", city);
    put("time_zone", "time_zone", zone);
    for (who, name, gender, post) in [("head", &args.head, args.head_gender, &args.head_post), ("admin", &args.admin, args.admin_gender, &args.admin_post)] {
        let full = or_ask(name, &ask, &question(who))?;
        let mut parts = full.as_deref().unwrap_or_default().split_whitespace().map(str::to_string);
        for part in ["surname", "name", "patronymic"] {
            put(&format!("{who}_{part}"), who, parts.next());
        }
        let gender = choose(gender, &ask, &question(&format!("{who}_gender")))?;
        put(&format!("{who}_gender"), &format!("{who}_gender"), gender.as_ref().map(key));
        let post = match post {
            Some(p) => Some(p.clone()),
            None => ask.text(&question(&format!("{who}_post")), Some(&question(&format!("default_{who}_post"))))?,
        };
        put(&format!("{who}_post"), &format!("{who}_post"), post);
    }
    put("admin_phone", "admin_phone", or_ask(&args.admin_phone, &ask, &question("admin_phone"))?);
    put("admin_email", "admin_email", or_ask(&args.admin_email, &ask, &question("admin_email"))?);
    let approval = choose(args.approval, &ask, &question("approval"))?;
    a.insert("approval_by_order".into(), json!(!matches!(approval, Some(ApprovalArg::Head))));

    let data = json!({ "a": a });
    let parent = args.dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(parent).with_context(|| tr!("cli-creating", path = parent))?;
    // Written into a temporary folder beside, then renamed: never half a folder.
    let tmp = tempfile::Builder::new().prefix(".init-").tempdir_in(parent)?;
    for file in ["institution", "roles", "appointments", "chats", "rules"] {
        let text = templates.render(&format!("init/{file}.yaml.txt"), &data)?;
        std::fs::write(tmp.path().join(format!("{file}.yaml")), text.trim_start()).with_context(|| tr!("cli-writing", path = format!("{file}.yaml")))?;
    }
    std::fs::rename(tmp.keep(), &args.dir).with_context(|| tr!("cli-creating", path = args.dir))?;
    eprintln!("{}", tr!("init-created", dir = args.dir, placeholder = PLACEHOLDER));
    Ok(ExitCode::SUCCESS)
}

fn choose<T: ValueEnum + Clone>(given: Option<T>, ask: &Asker, prompt: &str) -> Result<Option<T>> {
    match given {
        Some(v) => Ok(Some(v)),
        None => ask.choose(prompt),
    }
}

fn or_ask(given: &Option<String>, ask: &Asker, prompt: &str) -> Result<Option<String>> {
    match given {
        Some(v) => Ok(Some(v.clone())),
        None => ask.text(prompt, None),
    }
}

/// The time zone of a city from templates/init/cities.txt; Moscow time when it is not listed.
fn suggest_zone(templates: &Templates, city: &str) -> Result<String> {
    let frame = templates.frame("init/cities.txt", &json!({}))?;
    use sferum_gen::grammar::lexicon::bare_city;
    let bare = bare_city(city);
    Ok(frame.parts().into_iter().find(|(_, cities)| cities.iter().any(|c| bare_city(c) == bare)).map_or("Europe/Moscow".to_string(), |(zone, _)| zone))
}
