//! Build script: bundles every file under templates/ (except its README) into the binary, so
//! a template added to the folder is never forgotten in a hand-kept list.

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
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("templates.rs");
    std::fs::write(out, list).expect("OUT_DIR is writable");
}
