//! Build script: bundles every file under templates/ (except its README) into the binary, so
//! a template added to the folder is never forgotten in a hand-kept list; and digests the
//! sources the binary is made of, so that incremental builds rebuild everything when the tool
//! changes, not only when its version number does.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("templates/ is readable").map(|e| e.expect("a readable entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let templates = root.join("templates");
    println!("cargo:rerun-if-changed={}", templates.display());
    let mut found = Vec::new();
    files(&templates, &mut found);
    let mut list = String::from("&[\n");
    for path in &found {
        let name = path.strip_prefix(&templates).expect("under templates/").to_string_lossy().replace('\\', "/");
        if name == "README.md" {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        list.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    list.push(']');
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("templates.rs"), list).expect("OUT_DIR is writable");
    std::fs::write(out_dir.join("source-digest.txt"), source_digest(&root)).expect("OUT_DIR is writable");
}

/// SHA-256 over every file that goes into the binary (the code, templates, fonts, bundled
/// registry, schemas, the locked dependency versions), by relative path, in a fixed order.
fn source_digest(root: &Path) -> String {
    use sha2::{Digest, Sha256};
    let mut found = Vec::new();
    for dir in ["src", "templates", "assets", "schemas", "policies/_registry"] {
        println!("cargo:rerun-if-changed={dir}");
        files(&root.join(dir), &mut found);
    }
    found.extend(["Cargo.toml", "Cargo.lock"].map(|f| root.join(f)));
    let mut digest = Sha256::new();
    for path in &found {
        let bytes = std::fs::read(path).expect("a source file is readable");
        let name = path.strip_prefix(root).expect("under the crate").to_string_lossy().replace('\\', "/");
        digest.update((name.len() as u64).to_le_bytes());
        digest.update(name.as_bytes());
        digest.update((bytes.len() as u64).to_le_bytes());
        digest.update(&bytes);
    }
    format!("{:x}", digest.finalize())
}
