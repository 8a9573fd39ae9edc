//! JSON backend: machine-readable outputs, each checked against its bundled schema before
//! it is written, so a service never receives a file that breaks the contract.

use std::sync::LazyLock;

use anyhow::{bail, Result};
use serde_json::Value;

use super::Artifact;

static RUNTIME_SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(include_str!("../../schemas/runtime-config.schema.json")).expect("bundled schema is JSON");
    jsonschema::draft202012::new(&schema).expect("bundled schema compiles")
});

/// `config/runtime.json`, pretty-printed, after validation against runtime-config.schema.json.
pub fn render_runtime_json(config: &Value) -> Result<Artifact> {
    let errors: Vec<String> = RUNTIME_SCHEMA.iter_errors(config).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    if !errors.is_empty() {
        bail!("runtime.json breaks its schema: {}", errors.join("; "));
    }
    let mut bytes = serde_json::to_vec_pretty(config)?;
    bytes.push(b'\n');
    Ok(Artifact { path: crate::layout::RUNTIME_CONFIG.into(), bytes })
}
