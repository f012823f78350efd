//! The thin binary. In the browser it mounts the app; natively it is a tool for the
//! people who maintain the content: `check`, `graph` (Graphviz) and `paths`.

#[cfg(target_arch = "wasm32")]
fn main() {
    navigator::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.get(1).map(String::as_str).unwrap_or("src/content");
    let bundle = match navigator::engine::load::load_dir(std::path::Path::new(dir)) {
        Ok(b) => b,
        Err(problems) => {
            eprintln!("{dir} has {} problem(s):", problems.len());
            for p in problems {
                eprintln!("  - {p}");
            }
            std::process::exit(1);
        }
    };
    match args.first().map(String::as_str) {
        Some("check") => println!("{dir}: no problems"),
        Some("graph") => print!("{}", navigator::engine::paths::graphviz(&bundle)),
        Some("paths") => {
            for line in navigator::engine::paths::table(&bundle) {
                println!("{line}");
            }
        }
        _ => {
            eprintln!("usage: navigator check|graph|paths [content folder]");
            std::process::exit(2);
        }
    }
}
