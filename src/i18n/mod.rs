//! The words the tool says to people: every message, hint, summary and help text, in
//! Russian by default and in English on request, from Fluent files (`ru/*.ftl`, `en/*.ftl`).
//!
//! Code names a message by its id (`tr!("unknown-person", id = r)`); the words, their plural
//! forms and their word order live in the `.ftl` files. The language is chosen once per
//! process: `--lang`, else the locale variables (an English `LANG` gives English), else Russian.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::{langid, LanguageIdentifier};

/// A language the tool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// `ru` or `en` (also `ru-RU`, `en_US.UTF-8`, …); anything else is not a language we have.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.split(['-', '_', '.', '@']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of the POSIX locale variables, in their order of precedence: the first one
    /// set decides; an English locale gives English, any other (or none) Russian.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::parse(&v))
            .unwrap_or(Lang::Ru)
    }

    fn files(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::Ru => RU,
            Lang::En => EN,
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Ru => langid!("ru"),
            Lang::En => langid!("en"),
        }
    }
}

macro_rules! ftl_files {
    ($dir:literal: $($name:literal),+) => {
        &[$(($name, include_str!(concat!($dir, "/", $name)))),+]
    };
}

const RU: &[(&str, &str)] = ftl_files!("ru": "cli.ftl", "diag.ftl", "sign.ftl", "build.ftl", "merge.ftl");
const EN: &[(&str, &str)] = ftl_files!("en": "cli.ftl", "diag.ftl", "sign.ftl", "build.ftl", "merge.ftl");

static LANG: OnceLock<Lang> = OnceLock::new();

/// Chooses the language for the rest of the process; the first call wins.
pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The process's language (Russian until `set_lang` says otherwise).
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::Ru)
}

struct Bundles {
    ru: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

static BUNDLES: LazyLock<Bundles> = LazyLock::new(|| Bundles { ru: bundle(Lang::Ru), en: bundle(Lang::En) });

/// One language's messages. The files are part of the program, so a syntax error or a
/// duplicate id in them is a bug, caught by the tests.
fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.id()]);
    // No Unicode isolation marks around values: terminals and logs show them as garbage.
    bundle.set_use_isolating(false);
    for (name, text) in lang.files() {
        let resource = FluentResource::try_new((*text).to_string())
            .unwrap_or_else(|(_, errors)| panic!("i18n/{lang:?}/{name}: {errors:?}"));
        bundle.add_resource(resource).unwrap_or_else(|errors| panic!("i18n/{lang:?}/{name}: {errors:?}"));
    }
    bundle
}

fn bundle_of(lang: Lang) -> &'static FluentBundle<FluentResource> {
    match lang {
        Lang::Ru => &BUNDLES.ru,
        Lang::En => &BUNDLES.en,
    }
}

/// The arguments of one message.
#[derive(Default)]
pub struct Args(FluentArgs<'static>);

impl Args {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn set(&mut self, key: &'static str, value: impl ToArg) {
        self.0.set(key, value.to_arg());
    }
}

/// A value a message can show: numbers stay numbers (they choose the plural form), the rest
/// is text.
pub trait ToArg {
    fn to_arg(&self) -> FluentValue<'static>;
}

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> FluentValue<'static> {
        (**self).to_arg()
    }
}

impl ToArg for str {
    fn to_arg(&self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.to_string()))
    }
}

impl ToArg for String {
    fn to_arg(&self) -> FluentValue<'static> {
        self.as_str().to_arg()
    }
}

impl ToArg for Path {
    fn to_arg(&self) -> FluentValue<'static> {
        self.display().to_string().to_arg()
    }
}

impl ToArg for PathBuf {
    fn to_arg(&self) -> FluentValue<'static> {
        self.as_path().to_arg()
    }
}

impl ToArg for char {
    fn to_arg(&self) -> FluentValue<'static> {
        self.to_string().to_arg()
    }
}

macro_rules! number_args {
    ($($t:ty),+) => {
        $(impl ToArg for $t {
            fn to_arg(&self) -> FluentValue<'static> {
                FluentValue::from(*self)
            }
        })+
    };
}

number_args!(usize, u8, u16, u32, u64, i32, i64, f64);

/// The message `id` (or its attribute, `id.attr`) in the process's language.
pub fn text(id: &str, args: Option<&Args>) -> String {
    text_in(lang(), id, args)
}

/// The message `id` in `lang`. An id missing from the files is a bug the tests catch; at run
/// time it shows the id rather than nothing.
pub fn text_in(lang: Lang, id: &str, args: Option<&Args>) -> String {
    lookup(lang, id, args).unwrap_or_else(|| id.to_string())
}

/// The message `id` in the process's language, if the files have it.
pub fn try_text(id: &str, args: Option<&Args>) -> Option<String> {
    lookup(lang(), id, args)
}

fn lookup(lang: Lang, id: &str, args: Option<&Args>) -> Option<String> {
    let bundle = bundle_of(lang);
    let (name, attribute) = match id.split_once('.') {
        Some((name, attribute)) => (name, Some(attribute)),
        None => (id, None),
    };
    let message = bundle.get_message(name)?;
    let pattern = match attribute {
        Some(a) => message.get_attribute(a)?.value(),
        None => message.value()?,
    };
    let mut errors = vec![];
    let out = bundle.format_pattern(pattern, args.map(|a| &a.0), &mut errors);
    debug_assert!(errors.is_empty(), "message {id} ({lang:?}): {errors:?}");
    Some(out.into_owned())
}

/// Every message id (and `id.attribute`) of one language, for the tests.
pub fn ids(lang: Lang) -> Vec<String> {
    let mut ids = vec![];
    for (_, text) in lang.files() {
        let resource = FluentResource::try_new((*text).to_string()).expect("parsed above");
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                if m.value.is_some() {
                    ids.push(m.id.name.to_string());
                }
                ids.extend(m.attributes.iter().map(|a| format!("{}.{}", m.id.name, a.id.name)));
            }
        }
    }
    ids
}

/// A message in the process's language: `tr!("id")` or `tr!("id", name = value, …)`.
#[macro_export]
macro_rules! tr {
    ($id:expr) => {
        $crate::i18n::text($id, None)
    };
    ($id:expr, $($key:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::Args::new();
        $(args.set(stringify!($key), &$value);)+
        $crate::i18n::text($id, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_messages() {
        let mut ru = ids(Lang::Ru);
        let mut en = ids(Lang::En);
        ru.sort();
        en.sort();
        let only_ru: Vec<_> = ru.iter().filter(|i| !en.contains(i)).collect();
        let only_en: Vec<_> = en.iter().filter(|i| !ru.contains(i)).collect();
        assert!(only_ru.is_empty() && only_en.is_empty(), "only in ru: {only_ru:?}\nonly in en: {only_en:?}");
        assert!(ru.len() > 10);
    }

    #[test]
    fn russian_plurals_choose_their_form() {
        let n = |n: usize| {
            let mut a = Args::new();
            a.set("errors", n);
            a.set("warnings", 0usize);
            text_in(Lang::Ru, "diag-summary", Some(&a))
        };
        assert!(n(1).starts_with("1 ошибка"), "{}", n(1));
        assert!(n(3).starts_with("3 ошибки"), "{}", n(3));
        assert!(n(5).starts_with("5 ошибок"), "{}", n(5));
        assert!(n(21).starts_with("21 ошибка"), "{}", n(21));
    }

    #[test]
    fn locale_variables_choose_english_only_when_english() {
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("ru_RU.UTF-8"), Some(Lang::Ru));
        assert_eq!(Lang::parse("C.UTF-8"), None);
    }
}
