//! JSON-Schema validation of each raw document, errors mapped to file:line:col.

use chrono::Datelike;
use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Registry, Validator};
use serde_json::Value;

use crate::diag::Diagnostic;
use crate::discover::FileKind;
use crate::load::RawDoc;
use crate::tr;

const COMMON_ID: &str = "https://sferum-gen.invalid/schemas/common.schema.json";

/// The schema texts, compiled into the binary (the same files editors use from schemas/).
pub fn schema_text(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Institution => include_str!("../../schemas/institution.schema.json"),
        FileKind::Roles => include_str!("../../schemas/roles.schema.json"),
        FileKind::Appointments => include_str!("../../schemas/appointments.schema.json"),
        FileKind::Chats => include_str!("../../schemas/chats.schema.json"),
        FileKind::Rules => include_str!("../../schemas/rules.schema.json"),
        FileKind::LegalActs => include_str!("../../schemas/legal-acts.schema.json"),
        FileKind::Invites => include_str!("../../schemas/invites.schema.json"),
    }
}

static COMMON: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(include_str!("../../schemas/common.schema.json")).expect("common schema is JSON"));

static REGISTRY: LazyLock<Registry<'static>> = LazyLock::new(|| {
    Registry::new().add(COMMON_ID, &*COMMON).expect("common schema registers").prepare().expect("registry prepares")
});

struct Compiled {
    schema: Value,
    validator: Validator,
}

fn compile(kind: FileKind) -> Compiled {
    let schema: Value = serde_json::from_str(schema_text(kind)).expect("bundled schema is JSON");
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .with_registry(&REGISTRY)
        .build(&schema)
        .expect("bundled schema compiles");
    Compiled { schema, validator }
}

static COMPILED: LazyLock<Vec<(FileKind, Compiled)>> = LazyLock::new(|| {
    [FileKind::Institution, FileKind::Roles, FileKind::Appointments, FileKind::Chats, FileKind::Rules, FileKind::LegalActs, FileKind::Invites]
        .into_iter()
        .map(|k| (k, compile(k)))
        .collect()
});

fn compiled(kind: FileKind) -> &'static Compiled {
    &COMPILED.iter().find(|(k, _)| *k == kind).expect("every kind has a schema").1
}

/// Validates one document against its schema; every violation becomes a diagnostic.
pub fn check_schema(doc: &RawDoc) -> Vec<Diagnostic> {
    let c = compiled(doc.kind);
    let errors: Vec<_> = c.validator.iter_errors(&doc.value).collect();
    // A misspelt key also makes the real key "missing"; report it once, as the misspelling.
    let misspelt: Vec<String> = errors
        .iter()
        .filter_map(|e| match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let pointer = e.instance_path().as_str();
                let known = known_keys(&c.schema, pointer);
                Some(unexpected.iter().filter_map(|u| suggestion(u, &known)).map(|k| format!("{pointer}/{k}")).collect::<Vec<_>>())
            }
            _ => None,
        })
        .flatten()
        .collect();
    // A value `init` left to fill in is reported as such, once, instead of by its form.
    let mut placeholders = Vec::new();
    find_placeholders(&doc.value, String::new(), &mut placeholders);
    let mut out: Vec<Diagnostic> = placeholders
        .iter()
        .map(|(pointer, what)| {
            Diagnostic::error("not-filled", tr!("not-filled", field = field_name(pointer), what = what.as_str()))
                .at(&doc.path, doc.spans.value(pointer))
                .with_hint(tr!("not-filled.hint"))
        })
        .collect();
    out.extend(
        errors
            .iter()
            .filter(|e| match e.kind() {
                ValidationErrorKind::Required { property } => {
                    let child = format!("{}/{}", e.instance_path().as_str(), property.as_str().unwrap_or_default());
                    !misspelt.contains(&child)
                }
                _ => true,
            })
            .filter(|e| !placeholders.iter().any(|(p, _)| p == e.instance_path().as_str()))
            .map(|e| to_diagnostic(doc, &c.schema, e)),
    );
    out
}

/// The values that are still `init`'s placeholders, by pointer, with what to write there.
fn find_placeholders(value: &Value, pointer: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) => {
            if let Some(what) = crate::grammar::lexicon::placeholder(s) {
                out.push((pointer, what.to_string()));
            }
        }
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| find_placeholders(v, format!("{pointer}/{i}"), out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| find_placeholders(v, format!("{pointer}/{}", crate::load::escape_pointer(k)), out)),
        _ => {}
    }
}

fn to_diagnostic(doc: &RawDoc, schema: &Value, e: &jsonschema::ValidationError) -> Diagnostic {
    let pointer = e.instance_path().as_str().to_string();
    let field = field_name(&pointer);
    let described = describe(schema, &pointer).map(|d| tr!("schema-described", field = field, description = d));
    let description = described.as_deref();
    let (code, message, span_pointer, hint): (&'static str, String, String, Option<String>) = match e.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default().to_string();
            let child = format!("{pointer}/{name}");
            let hint = Some(match (describe(schema, &child), describe(schema, &pointer)) {
                (Some(d), _) => tr!("missing-field.add", name = name, description = d),
                (None, Some(parent)) => tr!("missing-field.add", name = name, description = tr!("schema-described", field = field, description = parent)),
                (None, None) => tr!("missing-field.hint", name = name),
            });
            let message = if pointer.is_empty() { tr!("missing-field", name = name) } else { tr!("missing-field-in", name = name, field = field) };
            ("missing-field", message, pointer.clone(), hint)
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
            if doc.kind == FileKind::Rules && pointer == "/moderation" && unexpected.iter().any(|k| UNLAWFUL_SANCTIONS.contains(&k.as_str())) =>
        {
            let key = unexpected.iter().find(|k| UNLAWFUL_SANCTIONS.contains(&k.as_str())).cloned().unwrap_or_default();
            (
                "unlawful-sanction",
                tr!("unlawful-sanction", key = key),
                format!("{pointer}/{}", crate::load::escape_pointer(&key)),
                Some(tr!("unlawful-sanction.hint")),
            )
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let first = unexpected.first().cloned().unwrap_or_default();
            let known = known_keys(schema, &pointer);
            let hint = match (suggestion(&first, &known), known.is_empty()) {
                (_, true) => tr!("unknown-key.no-keys"),
                (Some(s), false) => tr!("unknown-key.did-you-mean", key = s, keys = known.join(", ")),
                (None, false) => tr!("unknown-key.hint", keys = known.join(", ")),
            };
            (
                "unknown-key",
                if pointer.is_empty() { tr!("unknown-key", key = first) } else { tr!("unknown-key-in", key = first, field = field) },
                format!("{pointer}/{}", crate::load::escape_pointer(&first)),
                Some(hint),
            )
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => tr!(&format!("json-{t}")),
                TypeKind::Multiple(ts) => ts.iter().map(|t| tr!(&format!("json-{t}"))).collect::<Vec<_>>().join(&tr!("json-or")),
            };
            let found = tr!(json_type(e.instance()));
            ("wrong-type", tr!("wrong-type", field = field, expected = expected, found = found), pointer.clone(), description.map(str::to_string))
        }
        ValidationErrorKind::Enum { options } => {
            let names: Vec<String> = options.as_array().map(|a| a.iter().map(plain).collect()).unwrap_or_default();
            let got = plain(e.instance());
            let meant = super::loose_match(&got, names.iter().map(String::as_str)).or_else(|| suggestion(&got, &names).and_then(|s| names.iter().find(|n| **n == s).map(String::as_str)));
            let hint = match (meant, description) {
                (Some(m), Some(d)) => Some(tr!("did-you-mean-then", value = m, then = d)),
                (Some(m), None) => Some(tr!("did-you-mean", value = m)),
                (None, d) => d.map(str::to_string),
            };
            let expected: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            ("unknown-value", tr!("unknown-value", field = field, value = got, expected = expected.join(", ")), pointer.clone(), hint)
        }
        ValidationErrorKind::Constant { expected_value } => (
            "unknown-value",
            tr!("unknown-value-constant", field = field, value = plain(expected_value)),
            pointer.clone(),
            description.map(str::to_string),
        ),
        ValidationErrorKind::Pattern { .. } => {
            let got = plain(e.instance());
            // An id typed in the Russian layout: name the letters that only look Latin.
            let alike = crate::grammar::lexicon::look_alikes(&got);
            let hint = if alike.is_empty() {
                description.map(str::to_string)
            } else {
                let named: Vec<String> = alike
                    .iter()
                    .map(|(c, latin)| {
                        let code = format!("U+{:04X}", *c as u32);
                        match latin {
                            Some(l) => tr!("look-alike.latin", letter = *c, code = code, latin = *l),
                            None => tr!("look-alike.cyrillic", letter = *c, code = code),
                        }
                    })
                    .collect();
                Some(tr!("look-alike.hint", letters = named.join("; "), description = description.unwrap_or_default()).trim_end().to_string())
            };
            ("bad-format", tr!("bad-format", field = field, value = got), pointer.clone(), hint)
        }
        ValidationErrorKind::Format { format } => {
            let got = plain(e.instance());
            match (format.as_str(), missing_day(&got)) {
                // Written right, but no such day: say so rather than «not a valid date».
                ("date", Some(days)) => (
                    "bad-format",
                    tr!("no-such-day", field = field, value = got, days = days),
                    pointer.clone(),
                    Some(tr!("no-such-day.hint")),
                ),
                ("date", None) => ("bad-format", tr!("bad-date", field = field, value = got), pointer.clone(), Some(tr!("bad-date.hint"))),
                _ => ("bad-format", tr!("bad-format-named", field = field, value = got, format = format.as_str()), pointer.clone(), Some(tr!("bad-format-named.hint", format = format.as_str()))),
            }
        }
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::ExclusiveMinimum { limit } => {
            let got = plain(e.instance());
            ("out-of-range", tr!("out-of-range.below", field = field, value = got, limit = limit.to_string()), pointer.clone(), description.map(str::to_string))
        }
        ValidationErrorKind::Maximum { limit } | ValidationErrorKind::ExclusiveMaximum { limit } => {
            let got = plain(e.instance());
            ("out-of-range", tr!("out-of-range.above", field = field, value = got, limit = limit.to_string()), pointer.clone(), description.map(str::to_string))
        }
        ValidationErrorKind::MinItems { limit } => (
            "too-few-items",
            tr!("too-few-items", field = field, limit = *limit),
            pointer.clone(),
            Some(description.map_or_else(|| tr!("too-few-items.hint"), str::to_string)),
        ),
        ValidationErrorKind::MinLength { .. } => ("empty-value", tr!("empty-value", field = field), pointer.clone(), description.map(str::to_string)),
        ValidationErrorKind::MaxLength { limit } => {
            ("too-long", tr!("too-long", field = field, limit = *limit), pointer.clone(), description.map(str::to_string))
        }
        ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::AnyOf { .. } => (
            "wrong-shape",
            tr!("wrong-shape", field = field),
            pointer.clone(),
            description.map(str::to_string).or_else(|| Some(tr!("wrong-shape.hint"))),
        ),
        _ => ("schema-violation", tr!("schema-violation", field = field, detail = e.to_string()), pointer.clone(), description.map(str::to_string)),
    };
    let span = if matches!(code, "unknown-key" | "unlawful-sanction") { doc.spans.key(&span_pointer) } else { doc.spans.value(&span_pointer) };
    let mut d = Diagnostic::error(code, message).at(&doc.path, span);
    d.hint = hint;
    d
}

/// Keys of `moderation` in rules.yaml that would make the moderator impose a sanction outside
/// ст. 43 273-ФЗ (blocking, conditions of an apology or a vote); the schema has no room for them.
const UNLAWFUL_SANCTIONS: [&str; 7] = ["block_days", "early_unblock", "block", "ban", "apology", "vote", "exclude"];

/// `people[2].post.gen` from `/people/2/post/gen`.
pub fn field_name(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        if seg.chars().all(|c| c.is_ascii_digit()) && !seg.is_empty() {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg);
        }
    }
    if out.is_empty() { tr!("field-document") } else { out }
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.chars().take(80).collect(),
        other => other.to_string(),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "json-found-null",
        Value::Bool(_) => "json-boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "json-integer",
        Value::Number(_) => "json-number",
        Value::String(_) => "json-string",
        Value::Array(_) => "json-array",
        Value::Object(_) => "json-object",
    }
}

/// The sub-schema that describes the value at `pointer`, following `properties`, `items` and `$ref`.
fn subschema<'a>(schema: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = resolve(schema);
    for seg in pointer.split('/').skip(1) {
        node = if seg.chars().all(|c| c.is_ascii_digit()) && !seg.is_empty() {
            resolve(node.get("items")?)
        } else {
            let props = node.get("properties").or_else(|| first_branch(node)?.get("properties"))?;
            resolve(props.get(seg)?)
        };
    }
    Some(node)
}

fn first_branch(node: &Value) -> Option<&Value> {
    node.get("oneOf").or_else(|| node.get("allOf"))?.as_array()?.first().map(resolve)
}

/// The schema a node stands for: its `$ref` (into common.schema.json) followed, so that its
/// properties are known even when the node also carries its own description.
fn resolve(node: &Value) -> &Value {
    match node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("common.schema.json#")) {
        Some(path) => COMMON.pointer(path).map(resolve).unwrap_or(node),
        None => node,
    }
}

/// The description written on the field itself (not the shared `$defs` wording such as
/// «One line of text.», which tells a user nothing about the field).
fn describe<'a>(schema: &'a Value, pointer: &str) -> Option<&'a str> {
    let (parent, last) = pointer.rsplit_once('/')?;
    let parent = subschema(schema, parent)?;
    let node = if last.chars().all(|c| c.is_ascii_digit()) && !last.is_empty() {
        parent.get("items")?
    } else {
        parent.get("properties").or_else(|| first_branch(parent)?.get("properties"))?.get(last)?
    };
    // The descriptions are the editors' tooltips, in Russian; each keeps its English text
    // beside it (`x-description-en`), and the message files say which one to show.
    node.get(tr!("schema-description-key").as_str()).or_else(|| node.get("description")).and_then(Value::as_str)
}

fn known_keys(schema: &Value, pointer: &str) -> Vec<String> {
    let Some(node) = subschema(schema, pointer) else { return Vec::new() };
    let props = node.get("properties").or_else(|| first_branch(node).and_then(|b| b.get("properties")));
    props.and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

/// For a date written as YYYY-MM-DD whose day its month does not have (2026-09-31,
/// 2025-02-29), the number of days of that month.
fn missing_day(text: &str) -> Option<u32> {
    let mut parts = text.splitn(3, '-');
    let (y, m, d): (i32, u32, u32) = (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    if text.len() != 10 || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let next = if m == 12 { chrono::NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { chrono::NaiveDate::from_ymd_opt(y, m + 1, 1) }?;
    let days = next.pred_opt()?.day0() + 1;
    (d > days).then_some(days)
}

/// The known key closest to a misspelt one (edit distance at most 2).
fn suggestion(word: &str, known: &[String]) -> Option<String> {
    known.iter().map(|k| (super::edit_distance(word, k), k)).filter(|(d, _)| *d <= 2).min().map(|(_, k)| k.clone())
}
