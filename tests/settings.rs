//! Native tests of the page's settings: the bounded JSON parser (`engine::json`) and the
//! one validator (`engine::org::read_settings`), with the corpus of what careful testers
//! tried in `tests/corpus/settings.json`. They assert paths and facts, not wording.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use navigator::engine::echo::is_invisible;
use navigator::engine::json::{parse, parse_within, JsonErrorKind, Value, MAX_BYTES, MAX_DEPTH};
use navigator::engine::model::{Bundle, Organisation};
use navigator::engine::org::{read_settings, Settings, MAX_PROBLEMS};
use serde_json::Value as Json;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// `⟪TODAY+5Y+1D⟫` in a case is the date five years and a day after today (the browser's
/// corpus test reads it with the real today, as the page does).
fn relative_dates(block: &str) -> String {
    let date = today()
        .checked_add_months(chrono::Months::new(60))
        .and_then(|d| d.succ_opt())
        .unwrap();
    block.replace("⟪TODAY+5Y+1D⟫", &date.format("%Y-%m-%d").to_string())
}

/// The built-in organisation, as the page has it.
fn base() -> Organisation {
    let bundle: Bundle = serde_json::from_str(navigator::engine::CONTENT_JSON).unwrap();
    bundle.organisation
}

fn read(blocks: &[&str]) -> Settings {
    read_settings(&base(), blocks, today())
}

fn paths(s: &Settings) -> Vec<&str> {
    s.problems.iter().map(|p| p.path.as_str()).collect()
}

// ---- the JSON parser ----------------------------------------------------------------

#[test]
fn json_reads_every_kind_of_value() {
    let v = parse(r#" {"a": [1, -2.5e3, 0, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9"], "b": {}, "c": []} "#)
        .unwrap();
    let Value::Object(entries) = v else {
        panic!("not an object")
    };
    assert_eq!(entries.len(), 3);
    assert_eq!(
        entries[0].1,
        Value::Array(vec![
            Value::Number("1".into()),
            Value::Number("-2.5e3".into()),
            Value::Number("0".into()),
            Value::Bool(true),
            Value::Bool(false),
            Value::Null,
            Value::String("x\"\\/\u{8}\u{c}\n\r\té".into()),
        ])
    );
    assert_eq!(entries[1].1, Value::Object(vec![]));
    assert_eq!(parse("\"\"").unwrap(), Value::String(String::new()));
    assert_eq!(parse("0.5").unwrap(), Value::Number("0.5".into()));
}

#[test]
fn json_keeps_key_order_and_duplicates() {
    let v = parse(r#"{"b": 1, "a": 2, "b": 3}"#).unwrap();
    let Value::Object(entries) = v else {
        panic!("not an object")
    };
    let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["b", "a", "b"]);
}

#[test]
fn json_surrogate_pairs_and_lone_surrogates() {
    assert_eq!(
        parse(r#""\ud83c\udfe5""#).unwrap(),
        Value::String("\u{1F3E5}".into())
    );
    assert_eq!(
        parse(r#""\uD83C\uDFE5""#).unwrap(),
        Value::String("\u{1F3E5}".into())
    );
    for lone in [
        r#""\ud800""#,
        r#""\ud800x""#,
        r#""\udc00""#,
        r#""\ud800\u0041""#,
        r#""\ud800\ud800""#,
        r#""\ud83c"#,
    ] {
        let e = parse(lone).unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::Syntax, "{lone}");
    }
    for bad in [r#""\u12""#, r#""\u12G4""#, r#""\u""#, r#""\x41""#] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}

/// (text, line, column) of the first error.
#[test]
fn json_errors_say_the_line_and_column() {
    for (text, line, column) in [
        ("{\n  \"name\": \"X\",\n  \"a\": 1 \"b\": 2\n}", 3, 10),
        ("{\"a\": 1,}", 1, 9),
        ("[1, 2,]", 1, 7),
        ("{\n// comment\n}", 2, 1),
        ("{'a': 1}", 1, 2),
        ("{\"a\" 1}", 1, 6),
        ("{\"a\": }", 1, 7),
        ("[01]", 1, 2),
        ("[-]", 1, 3),
        ("[1.]", 1, 4),
        ("[1e]", 1, 4),
        ("{\"a\": 1} x", 1, 10),
        ("{\"a\": tru}", 1, 7),
        ("{\"a\": True}", 1, 7),
        ("{\"é\": x}", 1, 7),
        ("\"abc", 1, 1),
        ("\"a\u{1}\"", 1, 3),
        ("{", 1, 2),
        ("[1, 2", 1, 6),
        ("", 1, 1),
        ("   \n  ", 2, 3),
        ("\u{FEFF}{}", 1, 1),
    ] {
        let e = parse(text).expect_err(text);
        assert_eq!(
            (e.kind, e.line, e.column),
            (JsonErrorKind::Syntax, line, column),
            "{text:?}: {e}"
        );
        assert!(e
            .to_string()
            .starts_with(&format!("line {line}, column {column}: ")));
    }
}

#[test]
fn json_depth_is_limited_before_descending() {
    // A million levels, with no size limit: refused at level 17, without a stack frame each.
    let bomb = "[".repeat(1_000_000);
    let e = parse_within(&bomb, usize::MAX, MAX_DEPTH).unwrap_err();
    assert_eq!(e.kind, JsonErrorKind::TooDeep);
    assert_eq!((e.line, e.column), (1, MAX_DEPTH + 1));
    let objects = "{\"a\":".repeat(200_000);
    let e = parse_within(&objects, usize::MAX, MAX_DEPTH).unwrap_err();
    assert_eq!(e.kind, JsonErrorKind::TooDeep);
    // With the real limits: as deep as 64 KB allows.
    let e = parse(&"[".repeat(MAX_BYTES)).unwrap_err();
    assert_eq!(e.kind, JsonErrorKind::TooDeep);
    // Exactly MAX_DEPTH levels are read.
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
    let too = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_eq!(parse(&too).unwrap_err().kind, JsonErrorKind::TooDeep);
}

#[test]
fn json_size_is_limited_before_parsing() {
    let fits = format!("\"{}\"", "a".repeat(MAX_BYTES - 2));
    assert!(parse(&fits).is_ok());
    let over = format!("\"{}\"", "a".repeat(MAX_BYTES - 1));
    assert_eq!(parse(&over).unwrap_err().kind, JsonErrorKind::TooLarge);
    // Even a million-deep bomb is refused by size first when it is over the limit.
    assert_eq!(
        parse(&"[".repeat(1_000_000)).unwrap_err().kind,
        JsonErrorKind::TooLarge
    );
}

#[test]
fn json_never_panics_on_cut_or_odd_input() {
    let sample = "{\"name\": \"Tr\u{fc}st \\ud83c\\udfe5\", \"n\": [-0.5e+3, 1E-2, true, null], \"o\": {\"é\": \"\\u00e9\\n\"}}";
    assert!(parse(sample).is_ok());
    for (i, _) in sample.char_indices() {
        let _ = parse(&sample[..i]);
        let _ = parse(&sample[i..]);
    }
    for b in 0u8..=127 {
        let _ = parse(&(b as char).to_string());
        let _ = parse(&format!("[{}]", b as char));
        let _ = parse(&format!("\"\\{}\"", b as char));
    }
}

// ---- the settings rules ---------------------------------------------------------------

#[test]
fn no_block_is_the_built_in_settings() {
    let s = read(&[]);
    assert_eq!(s.organisation, base());
    assert!(s.problems.is_empty());
}

#[test]
fn two_blocks_use_neither() {
    let s = read(&[r#"{"name": "A"}"#, r#"{"name": "B"}"#]);
    assert_eq!(s.organisation, base());
    assert_eq!(paths(&s), [""]);
}

#[test]
fn a_misspelt_field_is_named_and_the_rest_applied() {
    let s = read(&[
        r#"{"contacts": {"dsp_team": {"emial": "a@example.nhs.uk", "phone": "01234 567890"}}}"#,
    ]);
    assert_eq!(paths(&s), ["contacts.dsp_team.emial"]);
    assert!(
        s.problems[0].message.contains("`email`"),
        "suggests the field"
    );
    let c = &s.organisation.contacts["dsp_team"];
    assert_eq!(c.phone, "01234 567890");
    assert_eq!(c.email, base().contacts["dsp_team"].email);
    let s = read(&[r#"{"templates": {"isa": {"href": "https://example.org/"}}}"#]);
    assert!(s.problems[0].message.contains("`url`"), "href means url");
}

#[test]
fn a_switchboard_is_judged_with_the_contacts_as_the_block_leaves_them() {
    // Refused: the extension-only contacts would be stranded.
    let s = read(&[r#"{"switchboard": ""}"#]);
    assert_eq!(paths(&s), ["switchboard"]);
    assert_eq!(s.organisation.switchboard, base().switchboard);
    // Taken: the same block gives each of them a phone.
    let s = read(&[r#"{"switchboard": "", "contacts": {
        "clinical_audit_team": {"phone": "01332 623701"},
        "research_team": {"phone": "01332 623702"}}}"#]);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert_eq!(s.organisation.switchboard, "");
}

#[test]
fn a_contact_left_unreachable_keeps_its_default() {
    let s = read(&[r#"{"contacts": {"cag": {"url": "", "name": "CAG"}}}"#]);
    assert_eq!(paths(&s), ["contacts.cag"]);
    assert_eq!(s.organisation.contacts["cag"], base().contacts["cag"]);
}

#[test]
fn problems_stop_at_the_limit() {
    let block = format!(
        "{{{}}}",
        (0..1000)
            .map(|i| format!("\"f{i}\": 1"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let s = read(&[&block]);
    assert_eq!(s.problems.len(), MAX_PROBLEMS + 1);
    assert_eq!(s.problems[MAX_PROBLEMS].path, "");
    assert_eq!(s.organisation, base());
}

#[test]
fn a_problem_displays_as_path_then_message() {
    let s = read(&[r#"{"name": 1}"#]);
    let shown = s.problems[0].to_string();
    assert!(shown.starts_with("name: "), "{shown}");
    let s = read(&["[]"]);
    assert_eq!(s.problems[0].to_string(), s.problems[0].message);
}

#[test]
fn dates_in_the_past_future_and_count() {
    let dates = |list: &str| {
        let s = read(&[&format!(
            r#"{{"meetings": {{"dsp_committee": {{"dates": {list}}}}}}}"#
        )]);
        (
            paths(&s).iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            s,
        )
    };
    let (p, s) = dates(r#"["2026-11-25"]"#);
    assert!(p.is_empty(), "today is not past");
    assert_eq!(
        s.organisation.meetings["dsp_committee"].dates,
        ["2026-11-25"]
    );
    let (p, _) = dates(r#"["2026-11-24"]"#);
    assert_eq!(p, ["meetings.dsp_committee.dates"]);
    let (p, _) = dates(r#"["2031-11-25"]"#);
    assert!(p.is_empty(), "five years ahead exactly is taken");
    let (p, _) = dates(r#"["2031-11-26", "2027-02-29", "2027-03-01"]"#);
    assert_eq!(
        p,
        [
            "meetings.dsp_committee.dates[0]",
            "meetings.dsp_committee.dates[1]"
        ]
    );
}

// ---- the corpus -------------------------------------------------------------------------

/// The value at `path` (`name`, `contacts.dsp_team.email`, `meetings.x.dates[2]`) in `org`.
fn at(org: &Organisation, path: &str) -> Option<Json> {
    let mut v = serde_json::to_value(org).unwrap();
    if path.is_empty() {
        return Some(v);
    }
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, Some(i.trim_end_matches(']').parse::<usize>().ok()?)),
            None => (part, None),
        };
        v = v.get(key)?.clone();
        if let Some(i) = index {
            v = v.get(i)?.clone();
        }
    }
    Some(v)
}

#[test]
fn corpus() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/settings.json"),
    )
    .unwrap();
    let cases: Vec<Json> = serde_json::from_str(&text).unwrap();
    assert!(cases.len() >= 70, "{} cases", cases.len());
    let base = base();
    let mut ids = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        assert!(ids.insert(id), "{id} twice");
        assert!(
            case["about"].as_str().is_some_and(|a| !a.is_empty()),
            "{id}"
        );
        let blocks: Vec<String> = case["blocks"]
            .as_array()
            .unwrap_or_else(|| panic!("{id}: blocks"))
            .iter()
            .map(|b| relative_dates(b.as_str().unwrap()))
            .collect();
        let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
        let s = read_settings(&base, &blocks, today());
        let found = paths(&s);
        let expect = &case["expect"];
        let problems: Vec<&str> = expect["problems"]
            .as_array()
            .unwrap_or_else(|| panic!("{id}: expect.problems"))
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let mut fail = |why: String| failures.push(format!("{id}: {why}"));
        if problems.is_empty() && !s.problems.is_empty() {
            fail(format!("expected no problem, got {:?}", s.problems));
        }
        for p in &problems {
            if !found.contains(p) {
                fail(format!("expected a problem at {p:?}, got {found:?}"));
            }
        }
        for (path, want) in expect["applied"].as_object().into_iter().flatten() {
            let got = at(&s.organisation, path);
            if got.as_ref() != Some(want) {
                fail(format!("{path} should be {want}, is {got:?}"));
            }
        }
        for path in expect["defaults"].as_array().into_iter().flatten() {
            let path = path.as_str().unwrap();
            let (got, want) = (at(&s.organisation, path), at(&base, path));
            if want.is_none() || got != want {
                fail(format!("{path} should keep {want:?}, is {got:?}"));
            }
        }
        for p in &s.problems {
            let n = p.message.chars().count();
            if n > 400 {
                fail(format!("a message of {n} characters: {p}"));
            }
            if let Some(c) = p.to_string().chars().find(|c| is_invisible(*c)) {
                fail(format!("a message with U+{:04X}: {p}", c as u32));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_empty_key_has_a_path_of_its_own() {
    let s = read(&[r#"{"": "x"}"#]);
    assert_eq!(paths(&s), ["\"\""]);
}

/// Random blocks made of the tokens settings are made of: nothing panics, and every
/// message stays short and visible.
#[test]
fn random_blocks_never_panic() {
    const TOKENS: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"name\"",
        "\"contacts\"",
        "\"dsp_team\"",
        "\"cag\"",
        "\"meetings\"",
        "\"dsp_committee\"",
        "\"dates\"",
        "\"templates\"",
        "\"isa\"",
        "\"url\"",
        "\"email\"",
        "\"phone\"",
        "\"extension\"",
        "\"switchboard\"",
        "\"\"",
        "\"2027-01-13\"",
        "\"2020-01-01\"",
        "\"https://example.org/\"",
        "\"javascript:x\"",
        "\"a@b.nhs.uk\"",
        "\"01234 567890\"",
        "\"\\u202e\"",
        "\"\\ud800\"",
        "null",
        "true",
        "1",
        "-0.5e3",
        " ",
        "\n",
        "\u{202e}",
        "é",
    ];
    let base = base();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..5000 {
        let mut block = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = 1 + (seed % 60) as usize;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            block.push_str(TOKENS[(seed % TOKENS.len() as u64) as usize]);
        }
        // Also the well-formed shape around it, so that the rules are reached.
        let wrapped = format!("{{\"contacts\": {{\"dsp_team\": {{\"email\": {block}}}}}}}");
        for text in [block.as_str(), wrapped.as_str()] {
            let s = read_settings(&base, &[text], today());
            for p in &s.problems {
                assert!(p.message.chars().count() <= 400, "{p}");
                assert!(!p.to_string().chars().any(is_invisible), "{p}");
            }
        }
    }
}

#[test]
fn the_built_in_content_reads_the_same_through_this_parser_as_through_serde_json() {
    let text = navigator::engine::CONTENT_JSON;
    let ours: navigator::engine::model::Bundle = navigator::engine::json::from_str(text).unwrap();
    assert_eq!(ours, navigator::builtin());
}
