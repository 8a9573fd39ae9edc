//! The one vocabulary table (templates/vocabulary.yaml): role, unit and messenger words by
//! institution kind and messenger, so a document cannot mix учитель and преподаватель.

use anyhow::{anyhow, bail, Result};
use serde_json::{Map, Value};

use crate::model::{Kind, Messenger};

const FORMS: [&str; 12] = ["nom", "gen", "dat", "acc", "ins", "prep", "nom_pl", "gen_pl", "dat_pl", "acc_pl", "ins_pl", "prep_pl"];
const CASES: [&str; 6] = ["nom", "gen", "dat", "acc", "ins", "prep"];

/// The parsed table, checked for completeness when loaded.
pub struct Vocabulary {
    kinds: Map<String, Value>,
    messengers: Map<String, Value>,
}

impl Vocabulary {
    /// The table bundled in the binary.
    pub fn bundled() -> Result<Self> {
        Self::parse(crate::templates::get("vocabulary.yaml"))
    }

    /// Parses and checks a table: every kind has the same words, each word all 12 forms.
    pub fn parse(text: &str) -> Result<Self> {
        let (value, _) = crate::load::parse_yaml(text).map_err(|d| anyhow!("vocabulary.yaml: {}", d.message))?;
        let take = |key: &str| -> Result<Map<String, Value>> {
            value.get(key).and_then(Value::as_object).cloned().ok_or_else(|| anyhow!("vocabulary.yaml: missing `{key}`"))
        };
        let (kinds, messengers) = (take("kinds")?, take("messengers")?);
        for kind in ["school", "college", "supplementary"] {
            let words = kinds.get(kind).and_then(Value::as_object).ok_or_else(|| anyhow!("vocabulary.yaml: missing kind `{kind}`"))?;
            for (word, forms) in words {
                match forms {
                    Value::String(_) => {}
                    Value::Object(f) => {
                        if let Some(missing) = FORMS.iter().find(|k| !f.get(**k).is_some_and(Value::is_string)) {
                            bail!("vocabulary.yaml: `{kind}.{word}` lacks the form `{missing}`");
                        }
                    }
                    _ => bail!("vocabulary.yaml: `{kind}.{word}` must be text or a table of forms"),
                }
            }
        }
        let reference: Vec<&String> = kinds["school"].as_object().map(|m| m.keys().collect()).unwrap_or_default();
        for kind in ["college", "supplementary"] {
            let keys: Vec<&String> = kinds[kind].as_object().map(|m| m.keys().collect()).unwrap_or_default();
            if keys.len() != reference.len() || reference.iter().any(|k| !keys.contains(k)) {
                bail!("vocabulary.yaml: kind `{kind}` must define the same words as `school`");
            }
        }
        for m in ["vk", "max"] {
            let forms = messengers.get(m).and_then(Value::as_object).ok_or_else(|| anyhow!("vocabulary.yaml: missing messenger `{m}`"))?;
            if let Some(missing) = CASES.iter().find(|k| !forms.get(**k).is_some_and(Value::is_string)) {
                bail!("vocabulary.yaml: messenger `{m}` lacks the form `{missing}`");
            }
        }
        Ok(Self { kinds, messengers })
    }

    /// The messenger's name in `case` (`nom`, `gen`, …): «VK Мессенджера», «мессенджера MAX».
    pub fn messenger(&self, messenger: Messenger, case: &str) -> &str {
        self.messengers[messenger_key(messenger)][case].as_str().expect("checked when loaded: every case is text")
    }

    /// The words for one kind and messenger, as the `v` object templates see.
    pub fn words(&self, kind: Kind, messenger: Messenger) -> Value {
        let mut words = self.kinds[kind_key(kind)].as_object().cloned().unwrap_or_default();
        words.insert("messenger".into(), self.messengers[messenger_key(messenger)].clone());
        Value::Object(words)
    }
}

pub fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::School => "school",
        Kind::College => "college",
        Kind::Supplementary => "supplementary",
    }
}

pub fn messenger_key(m: Messenger) -> &'static str {
    match m {
        Messenger::Vk => "vk",
        Messenger::Max => "max",
    }
}
