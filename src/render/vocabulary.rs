//! The one vocabulary table (templates/vocabulary.yaml): role, unit and messenger words by
//! institution kind and messenger, so a document cannot mix учитель and преподаватель.

use anyhow::{anyhow, bail, Result};
use serde_json::{Map, Value};

use crate::model::{Council, DocumentType, Institution, Kind, Messenger, OptOutCode, Programme};

/// The roles the platform itself knows, as the rosters name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlatformRole {
    Teacher,
    Student,
    Parent,
}

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
    platform_roles: Map<String, Value>,
    document_types: Map<String, Value>,
    marks: Map<String, Value>,
    citations: Map<String, Value>,
}

/// The schema every vocabulary table is checked against (the one editors use too).
static SCHEMA: std::sync::LazyLock<jsonschema::Validator> = std::sync::LazyLock::new(|| {
    let schema: Value = serde_json::from_str(include_str!("../../schemas/vocabulary.schema.json")).expect("the bundled schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the bundled vocabulary schema compiles")
});

impl Vocabulary {
    /// The table bundled in the binary.
    pub fn bundled() -> Result<Self> {
        Self::parse(crate::templates::bundled("vocabulary.yaml"))
    }

    /// Parses a table and checks it against schemas/vocabulary.schema.json: every kind has the
    /// same words, each word all 12 forms, every messenger its cases and facts. A table that
    /// fails is an error naming the place, never a panic later.
    pub fn parse(text: &str) -> Result<Self> {
        let (value, _) = crate::load::parse_yaml(text).map_err(|d| anyhow!("vocabulary.yaml: {}", d.message))?;
        if let Some(e) = SCHEMA.iter_errors(&value).next() {
            let at = crate::validate::field_name(e.instance_path().as_str());
            bail!("vocabulary.yaml: `{at}`: {e} (see schemas/vocabulary.schema.json)");
        }
        let take = |key: &str| value[key].as_object().cloned().unwrap_or_default();
        let (kinds, messengers, acts, time_zones) = (take("kinds"), take("messengers"), take("acts"), take("time_zones"));
        let (councils, programmes, opt_out_channels, chat_names) = (take("councils"), take("programmes"), take("opt_out_channels"), take("chat_names"));
        let (platform_roles, document_types, marks, citations) = (take("platform_roles"), take("document_types"), take("marks"), take("citations"));
        Ok(Self { kinds, messengers, acts, time_zones, councils, programmes, opt_out_channels, chat_names, platform_roles, document_types, marks, citations })
    }

    /// The messenger's name in `case` (`nom`, `gen`, …): «VK Мессенджера», «мессенджера MAX».
    pub fn messenger(&self, messenger: Messenger, case: &str) -> &str {
        self.messengers[messenger_key(messenger)][case].as_str().expect("checked when loaded: every case is text")
    }

    /// The words of a messenger the documents do not name: «мессенджера».
    pub fn unnamed_messenger(&self) -> &Value {
        &self.messengers["unnamed"]
    }

    /// The type word of a legal act in `case` (`nom` or `ins`): «постановление Правительства …».
    pub fn act_type(&self, act_type: &str, case: &str) -> &str {
        self.acts[act_type][case].as_str().expect("checked when loaded: every act type has its forms")
    }

    /// «по омскому времени» for an IANA zone, «по местному времени» for one not in the table.
    pub fn local_time(&self, zone: &str) -> &str {
        self.time_zones.get(zone).or_else(|| self.time_zones.get("default")).and_then(Value::as_str).expect("checked when loaded: a default exists")
    }

    /// A council's name in the genitive for an institution of `kind`: «совета обучающихся»;
    /// the kind's own name where the table gives one (a kindergarten's parents' council).
    pub fn council(&self, council: Council, kind: Kind) -> &str {
        let key = match council {
            Council::Students => "students",
            Council::Parents => "parents",
        };
        let own = self.councils.get("kinds").and_then(|k| k.get(kind_key(kind))).and_then(|k| k.get(key)).and_then(Value::as_str);
        own.unwrap_or_else(|| self.councils[key].as_str().expect("checked when loaded"))
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
        if programmes.contains(&Programme::Preschool) {
            phrases.push(word("preschool").to_string());
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
    /// a group chat's audience), with `{word}` filled from the institution's `words`
    /// ([`Vocabulary::words_for`]).
    pub fn chat_name(&self, words: &Value, key: &str) -> String {
        let pattern = self.chat_names.get(key).and_then(Value::as_str).unwrap_or(key);
        let mut name = pattern.to_string();
        while let Some(start) = name.find('{') {
            let Some(len) = name[start..].find('}') else { break };
            let (word, form) = name[start + 1..start + len].split_once('.').unwrap_or((&name[start + 1..start + len], "nom"));
            let text = words[word][form].as_str().unwrap_or_default().to_string();
            name.replace_range(start..=start + len, &text);
        }
        name
    }

    /// A platform role's name in the rosters (the platform's word, never the institution's).
    pub fn platform_role(&self, kind: Kind, role: PlatformRole) -> &str {
        let value = match role {
            PlatformRole::Teacher => &self.kinds[kind_key(kind)]["platform_teacher"]["nom"],
            PlatformRole::Student => &self.platform_roles["student"],
            PlatformRole::Parent => &self.platform_roles["parent"],
        };
        value.as_str().expect("checked when loaded")
    }

    /// The words of a document type: `word` and `this` in six cases, the participles.
    pub fn document_type(&self, t: DocumentType) -> &Value {
        &self.document_types[match t {
            DocumentType::Polozhenie => "polozhenie",
            DocumentType::Poryadok => "poryadok",
        }]
    }

    /// The word before a legal act's date: «от».
    pub fn citation_date_word(&self) -> &str {
        self.citations["date"].as_str().expect("checked when loaded")
    }

    /// A mark of the form: `draft` («ПРОЕКТ»), `unnamed_signer` («И.О. Фамилия»).
    pub fn mark(&self, key: &str) -> &str {
        self.marks[key].as_str().expect("checked when loaded")
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
        Kind::Preschool => "preschool",
    }
}

pub fn messenger_key(m: Messenger) -> &'static str {
    match m {
        Messenger::Vk => "vk",
        Messenger::Max => "max",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_lacking_a_form_is_an_error_naming_it() {
        let bundled = crate::templates::bundled("vocabulary.yaml");
        assert!(Vocabulary::parse(bundled).is_ok());
        let broken = bundled.replacen("      ins_pl: учителями\n", "", 1);
        assert_ne!(broken, bundled, "the bundled table changed: update this test");
        let error = Vocabulary::parse(&broken).err().expect("a missing form is refused").to_string();
        assert!(error.contains("kinds.school") && error.contains("ins_pl"), "{error}");
    }
}
