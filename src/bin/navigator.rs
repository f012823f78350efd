//! The thin binary. In the browser it mounts the app; natively it is a tool for the
//! people who maintain the content: `check`, `graph` (Graphviz), `routes` (the routes
//! drawn as one HTML page, `dist/routes.html`) and `paths`, and for an
//! intranet editor: `settings FILE...` checks a settings block before it goes on a page;
//! for the build: `prerender`, the start page as HTML.

#[cfg(target_arch = "wasm32")]
fn main() {
    navigator::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str = "usage: navigator check|graph|routes|paths|walks [content folder]\n       navigator settings [--today YYYY-MM-DD] FILE...\n       navigator record MADE(YYYY-MM-DDTHH:MM) ANSWERS(#/v2/…)\n       navigator prerender   (the start page as HTML, for the build)";

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("settings") {
        std::process::exit(settings(&args[1..]));
    }
    if args.first().map(String::as_str) == Some("prerender") {
        match navigator::ui::prerender(system_today()) {
            Ok(html) => print!("{html}"),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        return;
    }
    if args.first().map(String::as_str) == Some("record") {
        std::process::exit(record(&args[1..]));
    }
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
        Some("routes") => print!("{}", navigator::engine::diagram::page(&bundle)),
        Some("walks") => println!("{}", walks(bundle)),
        Some("paths") => {
            for line in navigator::engine::paths::table(&bundle) {
                println!("{line}");
            }
        }
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}

/// `record MADE ANSWERS`: the record file the page would download for these answers (in
/// their written form), made at MADE, with the built-in content: for tests and for
/// trying a change of content on a real record.
#[cfg(not(target_arch = "wasm32"))]
fn record(args: &[String]) -> i32 {
    let [made, answers] = args else {
        eprintln!("{USAGE}");
        return 2;
    };
    let location = match navigator::engine::route::parse(answers) {
        Ok(Some(l)) => l,
        Ok(None) => {
            eprintln!("no answers given");
            return 2;
        }
        Err(e) => {
            eprintln!("the answers could not be read: {e}");
            return 2;
        }
    };
    let Some(today) = made.get(..10).and_then(navigator::engine::model::parse_ymd) else {
        eprintln!("MADE must be YYYY-MM-DDTHH:MM");
        return 2;
    };
    let bundle = navigator::builtin();
    match navigator::engine::record::record_html(&bundle, &location.answers, today, made) {
        Some(html) => {
            print!("{html}");
            0
        }
        None => {
            eprintln!("these answers do not reach a result yet");
            1
        }
    }
}

/// `walks`: walks that between them give every answer of every question, each as the
/// steps a person takes (by visible labels), as JSON for the end-to-end tests.
#[cfg(not(target_arch = "wasm32"))]
fn walks(bundle: navigator::engine::model::Bundle) -> String {
    use navigator::engine::paths::{clicks, cover, Click};
    use serde_json::{json, Value};
    let today = system_today();
    let bundle = std::rc::Rc::new(bundle);
    let walks: Vec<Value> = cover(&bundle)
        .iter()
        .map(|answers| {
            let steps: Vec<Value> = clicks(&bundle, answers, today)
                .into_iter()
                .map(|c| match c {
                    Click::Start => json!({"page": "start", "click": "Start now"}),
                    Click::Answer { question, legend, kind, choose, text, date } => json!({
                        "page": "question", "question": question, "legend": legend, "kind": kind,
                        "choose": choose, "text": text, "date": date,
                    }),
                    Click::Task { heading, part } => json!({"page": "tasks", "heading": heading, "click": part}),
                    Click::CheckAnswers { heading } => json!({"page": "tasks", "heading": heading, "click": "Check your answers and get your result"}),
                    Click::Confirm => json!({"page": "check", "click": "Continue"}),
                    Click::Result { heading, decisions, items } => json!({"page": "outcome", "heading": heading, "decisions": decisions, "items": items}),
                })
                .collect();
            json!({"answers": answers, "steps": steps})
        })
        .collect();
    serde_json::to_string_pretty(&walks).unwrap_or_default()
}

/// `settings [--today YYYY-MM-DD] FILE...`: each file is read as one settings block of
/// one page (so two files are two blocks, as on a page that has two), laid over the
/// built-in organisation. Prints every problem, or "no problems". Exit 1 if any, 2 if
/// the command itself is wrong.
#[cfg(not(target_arch = "wasm32"))]
fn settings(args: &[String]) -> i32 {
    use navigator::engine::{model::parse_ymd, model::Bundle, org::read_settings};
    let mut today = None;
    let mut files = Vec::new();
    let mut rest = args.iter();
    while let Some(a) = rest.next() {
        if a == "--today" {
            match rest.next().and_then(|d| parse_ymd(d)) {
                Some(d) => today = Some(d),
                None => {
                    eprintln!("--today needs a date written YYYY-MM-DD\n{USAGE}");
                    return 2;
                }
            }
        } else {
            files.push(a.as_str());
        }
    }
    if files.is_empty() {
        eprintln!("{USAGE}");
        return 2;
    }
    let mut texts = Vec::new();
    for f in &files {
        match std::fs::read(f) {
            Ok(bytes) => texts.push(String::from_utf8_lossy(&bytes).into_owned()),
            Err(e) => {
                eprintln!("{f}: cannot be read ({e})");
                return 2;
            }
        }
    }
    let bundle: Bundle = match serde_json::from_str(navigator::engine::CONTENT_JSON) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("the built-in content could not be read ({e})");
            return 2;
        }
    };
    let today = today.unwrap_or_else(system_today);
    let blocks: Vec<&str> = texts.iter().map(String::as_str).collect();
    let settings = read_settings(&bundle.organisation, &blocks, today);
    if settings.problems.is_empty() {
        println!("{}: no problems", files.join(", "));
        0
    } else {
        for p in &settings.problems {
            println!("{p}");
        }
        1
    }
}

/// Today's date (UTC) from the system clock, without chrono's `clock` feature.
#[cfg(not(target_arch = "wasm32"))]
fn system_today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days)))
        .unwrap_or_default()
}
