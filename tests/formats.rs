//! Every written form of answers the Navigator has made, earlier and current
//! (tests/fixtures/formats/*.toml, described in its README), read back exactly; each
//! written again today (version 2) reads back the same. Share links: text answers left
//! out unless asked for, and short. (Round trips of any answers through the link and the
//! storage line, and the share link with any answers, are properties in tests/fuzz.rs.)

#![cfg(not(target_arch = "wasm32"))]

use navigator::engine::flow::{unusable, Page};
use navigator::engine::journey::{Answers, Journey};
use navigator::engine::keep;
use navigator::engine::model::{Bundle, Kind};
use navigator::engine::paths;
use navigator::engine::route::{self, Location};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

const TODAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 11, 25) {
    Some(d) => d,
    None => panic!(),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    #[allow(dead_code)]
    about: String,
    read_by: String,
    version: u32,
    input: String,
    page: String,
    #[serde(default)]
    saved_at: Option<String>,
    answers: Answers,
    #[serde(default)]
    unusable: BTreeMap<String, String>,
}

fn fixtures() -> Vec<(String, Fixture)> {
    let dir = Path::new("tests/fixtures/formats");
    let mut out: Vec<(String, Fixture)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let f = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, f)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Reads a fixture's input as its reader does: (location, saved at).
fn read(name: &str, f: &Fixture) -> (Location, Option<String>) {
    match f.read_by.as_str() {
        "link" => {
            let loc = route::parse(&f.input)
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .unwrap_or_else(|| panic!("{name}: no location"));
            (loc, None)
        }
        "stored" => {
            let saved = keep::decode(&f.input).unwrap_or_else(|e| panic!("{name}: {e}"));
            (saved.location, saved.at)
        }
        other => panic!("{name}: read_by is link or stored, not {other}"),
    }
}

#[test]
fn every_version_of_the_written_form_has_a_fixture() {
    let all = fixtures();
    let has = |read_by: &str, version: u32, bare: bool| {
        all.iter().any(|(_, f)| {
            f.read_by == read_by && f.version == version && f.input.starts_with('#') == bare
        })
    };
    assert!(has("link", 1, true), "a version 1 link");
    assert!(has("link", 2, true), "a version 2 link");
    assert!(has("stored", 1, false), "the version 1 storage line");
    assert!(has("stored", 1, true), "the bare version 1 fragment, saved");
    assert!(has("stored", 2, false), "the version 2 storage line");
    for (name, f) in &all {
        match (f.read_by.as_str(), f.version) {
            ("link", 2) if !f.answers.is_empty() => {
                assert!(f.input.starts_with("#/v2/"), "{name}: written as version 2")
            }
            ("stored", 2) => assert!(f.input.starts_with("2|"), "{name}: format 2"),
            ("link", 1) => assert!(!f.input.contains("/v"), "{name}: no version in it"),
            _ => {}
        }
    }
}

#[test]
fn every_fixture_reads_back_exactly() {
    let bundle = navigator::builtin();
    let all = fixtures();
    assert!(all.len() >= 8, "{} fixtures", all.len());
    for (name, f) in &all {
        let (loc, at) = read(name, f);
        assert_eq!(loc.page.id(), f.page, "{name}: page");
        assert_eq!(loc.answers, f.answers, "{name}: answers");
        assert_eq!(at, f.saved_at, "{name}: saved at");
        // What a content change made unusable is exactly what the flow reports.
        let reported: BTreeMap<String, String> =
            unusable(&bundle, &loc.answers, TODAY).into_iter().collect();
        assert_eq!(reported, f.unusable, "{name}: unusable answers");
        // The rest are real answers on one route.
        let usable: Answers = loc
            .answers
            .iter()
            .filter(|(q, _)| !f.unusable.contains_key(*q))
            .map(|(q, a)| (q.clone(), a.clone()))
            .collect();
        let j = Journey::new(&bundle, &usable).unwrap();
        assert_eq!(
            j.live(&usable),
            usable,
            "{name}: every usable answer on the route"
        );
    }
}

#[test]
fn every_fixture_written_again_today_reads_back_the_same() {
    for (name, f) in fixtures() {
        let (loc, at) = read(&name, &f);
        let link = loc.to_string();
        assert!(link.starts_with("#/v2/"), "{name}: {link}");
        assert_eq!(route::parse(&link).unwrap(), Some(loc.clone()), "{name}");
        let line = keep::encode(&loc, at.as_deref().unwrap_or("2026-11-25T14:03"));
        assert!(line.starts_with("2|"), "{name}: {line}");
        let saved = keep::decode(&line).unwrap();
        assert_eq!(saved.location, loc, "{name}: stored");
        // Written again, it is written the same: version 2 is its own fixed point.
        assert_eq!(saved.location.to_string(), link, "{name}");
        if f.version == 2 && f.read_by == "link" && !f.answers.is_empty() {
            assert_eq!(link, f.input, "{name}: today's form is written as it was");
        }
        if f.version == 2 && f.read_by == "stored" {
            assert_eq!(line, f.input, "{name}: today's line is written as it was");
        }
    }
}

#[test]
fn another_version_or_no_page_is_said_plainly() {
    let link = |s: &str| route::parse(s).unwrap_err();
    let saved = |s: &str| keep::decode(s).unwrap_err();
    for (input, says) in [
        (
            "#/v3/outcome?triage-who=staff",
            "another version of the Navigator (format 3); this one reads formats 1 and 2",
        ),
        ("#/v0/check", "(format 0)"),
        ("#/v99999999/check", "(format 99999999)"),
        ("#/v2", "it names no page"),
        ("#/v2/", "it names no page"),
        ("#/v2?triage-who=staff", "it names no page"),
        ("#/v2/v2/check", "it names a page ('v2/check')"),
    ] {
        assert!(link(input).contains(says), "{input}: {}", link(input));
    }
    // Version 1 never wrote `v1/`; written by hand it plainly means version 1.
    let v1 = route::parse("#/v1/check?triage-who=staff")
        .unwrap()
        .unwrap();
    assert_eq!(Some(v1), route::parse("#/check?triage-who=staff").unwrap());
    for (input, says) in [
        (
            "3|2026-11-20T09:30|#/v3/check?triage-who=staff",
            "saved by another version of the Navigator (format 3)",
        ),
        (
            "99999999|2026-11-20T09:30|#/v2/check",
            "saved by another version of the Navigator (format 99999999)",
        ),
        (
            "2|2026-11-20T09:30|#/v3/check",
            "another version of the Navigator (format 3)",
        ),
        ("2|2026-11-20T09:30|", "they hold no page or answers"),
    ] {
        assert!(saved(input).contains(says), "{input}: {}", saved(input));
    }
    // What is said of saved answers reads right after "Your saved answers could not be
    // read:": it never calls them an address or a link.
    let long = format!("2|2026-11-20T09:30|#/v2/check?a={}", "b".repeat(17_000));
    for input in [
        "2|2026-11-20T09:30|#/v2/che",
        "2|2026-11-20T09:30|#/v2",
        "2|2026-11-20T09:30|#/v2/check?triage-who=staff&triage-ta",
        "2|2026-11-20T09:30|#/v2/check?triage-who=staff&triage-who=staff",
        "2|2026-11-20T09:30|#/v2/check?triage-who=%2",
        "2|2026-11-20T09:30|#/v2/check?triage-who=%FF",
        "2|2026-11-20T09:30|#/v2/check?=staff",
        long.as_str(),
    ] {
        let why = saved(input);
        assert!(
            !why.contains("address") && !why.contains("link"),
            "{input}: {why}"
        );
    }
}

// --- Share links -----------------------------------------------------------------------

/// The walks (between them every answer of every question), each ending on its result.
fn walks(bundle: &Bundle) -> Vec<Location> {
    paths::cover(bundle)
        .into_iter()
        .map(|answers| Location {
            page: Page::Outcome,
            answers,
        })
        .collect()
}

fn is_text(bundle: &Bundle, q: &str) -> bool {
    bundle.question(q).is_some_and(|q| q.kind == Kind::Text)
}

#[test]
fn a_share_link_leaves_out_text_answers_unless_asked() {
    let bundle = navigator::builtin();
    let mut walk = walks(&bundle)
        .into_iter()
        .find(|w| w.answers.keys().any(|q| is_text(&bundle, q)))
        .expect("a walk with a text answer");
    let text_q: Vec<String> = walk
        .answers
        .keys()
        .filter(|q| is_text(&bundle, q))
        .cloned()
        .collect();
    let name = "Dr Zoë Okonkwo, St Mary's & St John's";
    for q in &text_q {
        walk.answers.insert(q.clone(), name.into());
    }
    assert!(
        walk.answers.keys().any(|q| !is_text(&bundle, q)),
        "the walk has choices too"
    );

    let (fragment, left_out) = route::share(&bundle, &walk, false);
    assert_eq!(
        left_out, text_q,
        "the left-out list names the text questions"
    );
    let read = route::parse(&fragment).unwrap().unwrap();
    assert_eq!(read.page, walk.page);
    for q in &text_q {
        assert!(!read.answers.contains_key(q), "{q} is left out");
        assert!(!fragment.contains(&format!("{q}=")), "{fragment}");
    }
    for trace in ["Okonkwo", "Zo%C3%AB", "Mary", "%26"] {
        assert!(
            !fragment.contains(trace),
            "no trace of the text: {fragment}"
        );
    }
    let mut choices = walk.answers.clone();
    choices.retain(|q, _| !is_text(&bundle, q));
    assert_eq!(read.answers, choices, "choices and dates are kept");

    let (fragment, left_out) = route::share(&bundle, &walk, true);
    assert!(left_out.is_empty());
    assert!(fragment.starts_with("#/v2/outcome?"));
    assert_eq!(route::parse(&fragment).unwrap(), Some(walk));
}

#[test]
fn a_share_link_keeps_dates_and_leaves_out_unknown_questions() {
    let bundle = navigator::builtin();
    let walk = walks(&bundle)
        .into_iter()
        .find(|w| {
            w.answers
                .keys()
                .any(|q| bundle.question(q).is_some_and(|q| q.kind == Kind::Date))
        })
        .expect("a walk with a date answer");
    let mut with_unknown = walk.clone();
    with_unknown
        .answers
        .insert("no-such-question".into(), "Ada".into());
    let (fragment, left_out) = route::share(&bundle, &with_unknown, true);
    assert_eq!(left_out, ["no-such-question"]);
    assert_eq!(route::parse(&fragment).unwrap(), Some(walk));
}

#[test]
fn a_share_link_for_the_longest_walk_stays_short() {
    let bundle = navigator::builtin();
    let all = walks(&bundle);
    let longest = all
        .iter()
        .max_by_key(|w| route::share(&bundle, w, true).0.len())
        .unwrap();
    let (with_text, _) = route::share(&bundle, longest, true);
    let (without, _) = route::share(&bundle, longest, false);
    // The same walk with every text answer as long as it may be, in plain letters.
    let mut full = longest.clone();
    for (q, a) in full.answers.iter_mut() {
        if let Some(question) = bundle.question(q).filter(|q| q.kind == Kind::Text) {
            *a = "x".repeat(question.max_length());
        }
    }
    let (full_text, _) = route::share(&bundle, &full, true);
    println!(
        "share link for the longest walk ({} answers): {} characters with text answers, {} without, {} with every text answer at its longest",
        longest.answers.len(),
        with_text.len(),
        without.len(),
        full_text.len()
    );
    for f in [&with_text, &without, &full_text] {
        assert!(f.len() <= 2000, "{} characters: {f}", f.len());
    }
}
