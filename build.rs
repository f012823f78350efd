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
    let out_dir = env::var("OUT_DIR").unwrap();
    let out = Path::new(&out_dir).join("content.json");
    match engine::load::load_dir(dir) {
        Ok(bundle) => {
            let json = serde_json::to_string(&bundle).unwrap();
            fs::write(&out, &json).unwrap();
            let (strings, shape) = engine::pack::pack(&bundle).unwrap_or_else(|e| {
                eprintln!("\nThe content in src/content cannot be packed: {e}\n");
                std::process::exit(1);
            });
            fs::write(Path::new(&out_dir).join("content.strings"), strings).unwrap();
            fs::write(Path::new(&out_dir).join("content.shape"), shape).unwrap();
            // The content's version, for records: a fingerprint of exactly what ships.
            // (The JSON form: the packed form is a function of it.)
            let version = format!("{:016x}", fnv1a(json.as_bytes()));
            fs::write(Path::new(&out_dir).join("content_version.txt"), version).unwrap();
        }
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

/// FNV-1a, 64 bits: a short fingerprint (not a security measure) that changes whenever
/// the built content does.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
