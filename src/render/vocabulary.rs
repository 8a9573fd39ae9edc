//! The one vocabulary table (templates/vocabulary.yaml): role, unit and messenger words by
//! institution kind and messenger, so a document cannot mix учитель and преподаватель.

use anyhow::{anyhow, bail, Result};
use serde_json::{Map, Value};

use crate::model::{Council, Institution, Kind, Messenger, OptOutCode, Programme};

const FORMS: [&str; 12] = ["nom", "gen", "dat", "acc", "ins", "prep", "nom_pl", "gen_pl", "dat_pl", "acc_pl", "ins_pl", "prep_pl"];
const CASES: [&str; 6] = ["nom", "gen", "dat", "acc", "ins", "prep"];

/// The parsed table, checked for completeness when loaded.
pub struct Vocabulary {
    kinds: Map<String, Value>,
    messengers: Map<String, Value>,
    acts: Map<String, Value>,
    time_zones: Map<String, Value>,
    councils: Map<String, Value>,
    programmes: Map<String, Value>,
    opt_out_channels: Map<String, Value>,
    chat_names: Map<String, Value>,
}

/// The chats whose default names the vocabulary gives (chats.yaml may name them itself).
pub const CHAT_NAME_KEYS: [&str; 9] =
    ["deputies", "teachers", "curators", "parents-council", "students-council", "students", "parents", "group-teachers", "extracurricular"];

/// The registry's act types that are named by a type word (the rest by their title).
pub const ACT_TYPES: [&str; 8] = [
    "federal-law",
    "government-decree",
    "government-directive",
    "ministry-order",
    "ministry-letter",
    "ministry-directive",
    "sanitary-rules",
    "sanitary-norms",
];

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
        let (kinds, messengers, acts, time_zones, councils) = (take("kinds")?, take("messengers")?, take("acts")?, take("time_zones")?, take("councils")?);
        let programmes = take("programmes")?;
        let opt_out_channels = take("opt_out_channels")?;
        let chat_names = take("chat_names")?;
        if let Some(key) = CHAT_NAME_KEYS.iter().find(|k| !chat_names.get(**k).is_some_and(Value::is_string)) {
            bail!("vocabulary.yaml: `chat_names` lacks `{key}`");
        }
        if let Some(missing) = OptOutCode::ALL.iter().find(|c| !opt_out_channels.get(c.key()).is_some_and(Value::is_string)) {
            bail!("vocabulary.yaml: `opt_out_channels` lacks `{}`", missing.key());
        }
        let text = |v: Option<&Value>| v.is_some_and(Value::is_string);
        let levels = programmes.get("levels").and_then(Value::as_object);
        if !["general", "spo", "supplementary"].iter().all(|k| text(programmes.get(*k)))
            || !programmes["general"].as_str().is_some_and(|g| g.contains("{}"))
            || !levels.is_some_and(|l| ["primary", "basic", "secondary"].iter().all(|k| text(l.get(*k))))
        {
            bail!("vocabulary.yaml: `programmes` needs `general` (with `{{}}`), `levels` (primary, basic, secondary), `spo` and `supplementary`");
        }
        if !["students", "parents"].iter().all(|c| councils.get(*c).is_some_and(Value::is_string)) {
            bail!("vocabulary.yaml: `councils` needs the names `students` and `parents`");
        }
        if !time_zones.values().all(Value::is_string) || !time_zones.contains_key("default") {
            bail!("vocabulary.yaml: `time_zones` maps zones to phrases and needs a `default`");
        }
        for t in ACT_TYPES {
            let forms = acts.get(t).and_then(Value::as_object).ok_or_else(|| anyhow!("vocabulary.yaml: missing act type `{t}`"))?;
            if let Some(missing) = ["nom", "ins"].iter().find(|k| !forms.get(**k).is_some_and(Value::is_string)) {
                bail!("vocabulary.yaml: act type `{t}` lacks the form `{missing}`");
            }
        }
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
            let facts = forms.get("facts").and_then(Value::as_object).ok_or_else(|| anyhow!("vocabulary.yaml: messenger `{m}` lacks `facts`"))?;
            if let Some(missing) = ["profile", "account", "no_ads", "video_calls", "site"].iter().find(|k| !facts.get(**k).is_some_and(Value::is_string)) {
                bail!("vocabulary.yaml: messenger `{m}` lacks the fact `{missing}`");
            }
            if !facts.get("primary_email_code").is_some_and(Value::is_boolean) {
                bail!("vocabulary.yaml: messenger `{m}` lacks the fact `primary_email_code` (true or false)");
            }
        }
        Ok(Self { kinds, messengers, acts, time_zones, councils, programmes, opt_out_channels, chat_names })
    }

    /// The messenger's name in `case` (`nom`, `gen`, …): «VK Мессенджера», «мессенджера MAX».
    pub fn messenger(&self, messenger: Messenger, case: &str) -> &str {
        self.messengers[messenger_key(messenger)][case].as_str().expect("checked when loaded: every case is text")
    }

    /// The type word of a legal act in `case` (`nom` or `ins`): «постановление Правительства …».
    pub fn act_type(&self, act_type: &str, case: &str) -> &str {
        self.acts[act_type][case].as_str().expect("checked when loaded: every act type has its forms")
    }

    /// «по омскому времени» for an IANA zone, «по местному времени» for one not in the table.
    pub fn local_time(&self, zone: &str) -> &str {
        self.time_zones.get(zone).or_else(|| self.time_zones.get("default")).and_then(Value::as_str).expect("checked when loaded: a default exists")
    }

    /// A council's name in the genitive: «совета обучающихся».
    pub fn council(&self, council: Council) -> &str {
        let key = match council {
            Council::Students => "students",
            Council::Parents => "parents",
        };
        self.councils[key].as_str().expect("checked when loaded")
    }

    /// The programmes in the genitive after «при реализации»: «образовательных программ
    /// основного общего и среднего общего образования, дополнительных общеобразовательных программ».
    pub fn programmes(&self, programmes: &[Programme]) -> String {
        let word = |key: &str| self.programmes[key].as_str().expect("checked when loaded");
        let level = |key: &str| self.programmes["levels"][key].as_str().expect("checked when loaded");
        let general: Vec<&str> = [(Programme::Primary, "primary"), (Programme::Basic, "basic"), (Programme::Secondary, "secondary")]
            .iter()
            .filter(|(p, _)| programmes.contains(p))
            .map(|(_, key)| level(key))
            .collect();
        let mut phrases = Vec::new();
        if !general.is_empty() {
            phrases.push(word("general").replace("{}", &crate::grammar::join_and(&general)));
        }
        if programmes.contains(&Programme::Spo) {
            phrases.push(word("spo").to_string());
        }
        if programmes.contains(&Programme::Supplementary) {
            phrases.push(word("supplementary").to_string());
        }
        crate::grammar::join_and(&phrases.iter().map(String::as_str).collect::<Vec<_>>())
    }

    /// A usual channel for those who refused the platform: «по телефону».
    pub fn opt_out_channel(&self, code: OptOutCode) -> &str {
        self.opt_out_channels[code.key()].as_str().expect("checked when loaded")
    }

    /// The words of `inst`: its kind's and messenger's, with the institution's own words in
    /// place of the kind's (validated: the same keys, all twelve forms).
    pub fn words_for(&self, inst: &Institution) -> Value {
        let mut words = self.words(inst.info.kind, inst.info.messenger);
        for (word, forms) in &inst.info.vocabulary {
            words[word.as_str()] = serde_json::to_value(forms).expect("strings serialise");
        }
        words
    }

    /// The name of a chat chats.yaml leaves unnamed, by its key (a management chat's `with`,
    /// a group chat's audience), with `{word}` filled from the institution's words.
    pub fn chat_name(&self, inst: &Institution, key: &str) -> String {
        let pattern = self.chat_names.get(key).and_then(Value::as_str).unwrap_or(key);
        let words = self.words_for(inst);
        let mut name = pattern.to_string();
        while let Some(start) = name.find('{') {
            let Some(len) = name[start..].find('}') else { break };
            let (word, form) = name[start + 1..start + len].split_once('.').unwrap_or((&name[start + 1..start + len], "nom"));
            let text = words[word][form].as_str().unwrap_or_default().to_string();
            name.replace_range(start..=start + len, &text);
        }
        name
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
