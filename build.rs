//! Loads and validates the content files at build time. A broken file fails the build
//! with every problem listed; a sound bundle is written as JSON for the browser, so no
//! TOML parser ships in the wasm.

#[allow(dead_code)]
#[path = "src/engine/mod_build.rs"]
mod engine;

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("src/content");
    println!("cargo:rerun-if-changed=src/content");
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            println!("cargo:rerun-if-changed={}", e.path().display());
        }
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("content.json");
    match engine::load::load_dir(dir) {
        Ok(bundle) => fs::write(&out, serde_json::to_string(&bundle).unwrap()).unwrap(),
        Err(problems) => {
            eprintln!(
                "\nThe content in src/content has {} problem(s):",
                problems.len()
            );
            for p in &problems {
                eprintln!("  - {p}");
            }
            eprintln!();
            std::process::exit(1);
        }
    }
}
