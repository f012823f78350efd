//! The bad-input corpus (tests/corpus/*.json), run natively through the engine's
//! decoders: every address and stored state a careful tester tried, each with what must
//! happen (the notices, the page, whether answers are kept, nothing lost). The same files
//! drive the end-to-end tests in the real page (tests/e2e/corpus.test.mjs).
//!
//! Inputs may write `⟪TEXT*N⟫` for TEXT repeated N times (`{i}` in TEXT is the index).

#![cfg(not(target_arch = "wasm32"))]

use navigator::engine::flow::{Action, Flow, Keeping, Page};
use navigator::engine::journey::Answers;
use navigator::engine::keep;
use navigator::engine::route;

const TODAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 11, 25) {
    Some(d) => d,
    None => panic!(),
};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::rc::Rc;

#[derive(Debug, Deserialize)]
struct Expect {
    notices: Vec<String>,
    page: String,
    keeping: String,
    answers: String,
    #[serde(default)]
    aside: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    #[allow(dead_code)]
    about: String,
    #[serde(default)]
    address: String,
    kept: Option<String>,
    /// How the browser's storage misbehaves: `read-throws`, `denied`, `write-throws`.
    #[serde(default)]
    storage: Option<String>,
    /// How many earlier unreadable states are already kept aside (of 5 places).
    #[serde(default)]
    pre_aside: usize,
    expect: Expect,
}

mod common;
use common::expand;

fn cases(file: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(format!("tests/corpus/{file}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// What the page would do for the case, with the browser's storage simulated.
fn run(case: &Case) -> (Flow, Option<bool>) {
    let bundle = Rc::new(navigator::builtin());
    let storage = case.storage.as_deref();
    let raw = case.kept.as_deref().map(expand);
    let stored = match storage {
        Some("read-throws") | Some("denied") => Err("the browser refused".to_string()),
        _ => Ok(raw),
    };
    let mut aside = None;
    let kept = keep::read(stored, |_| {
        let ok = storage != Some("write-throws") && case.pre_aside < 5;
        aside = Some(ok);
        ok
    });
    let mut flow = Flow::new(bundle, TODAY).open(route::parse(&expand(&case.address)), kept);
    // The page writes when the answers differ from the saved ones; here the write fails.
    let saved = case
        .kept
        .as_deref()
        .map(expand)
        .and_then(|raw| keep::decode(&raw).ok())
        .map(|s| s.location.answers);
    if storage == Some("write-throws") && flow.keeping == Keeping::On {
        if flow.answers.is_empty() {
            // Nothing is written until the person answers: answer the first question.
            flow = flow.apply(Action::Start);
            let Page::Question(q) = flow.page.clone() else {
                panic!("{}: Start shows a question", case.id)
            };
            let first = flow.bundle.question(&q).unwrap().options[0].id.clone();
            flow = flow.apply(Action::Select(first)).apply(Action::Continue);
        }
        if saved.as_ref() != Some(&flow.answers) {
            flow = flow.apply(Action::StorageFailed("the browser refused".into()));
        }
    }
    (flow, aside)
}

/// The kept answers as the Navigator reads them, opened with no address.
fn kept_answers(case: &Case) -> Answers {
    let raw = case.kept.as_deref().map(expand);
    let kept = keep::read(Ok(raw), |_| true);
    Flow::new(Rc::new(navigator::builtin()), TODAY)
        .open(Ok(None), kept)
        .answers
}

fn check(case: &Case) -> Vec<String> {
    let (flow, aside) = run(case);
    let e = &case.expect;
    let mut wrong = Vec::new();
    let notices: BTreeSet<&str> = flow.notices.iter().map(|n| n.id()).collect();
    let expected: BTreeSet<&str> = e.notices.iter().map(String::as_str).collect();
    if notices != expected {
        wrong.push(format!("notices {notices:?}, expected {expected:?}"));
    }
    if flow.page.id() != e.page {
        wrong.push(format!("page {}, expected {}", flow.page.id(), e.page));
    }
    if flow.keeping.id() != e.keeping {
        wrong.push(format!(
            "keeping {}, expected {}",
            flow.keeping.id(),
            e.keeping
        ));
    }
    let kept = kept_answers(case);
    let answers_ok = match e.answers.as_str() {
        "kept" => flow.answers == kept && !kept.is_empty(),
        "none" => flow.answers.is_empty(),
        "some" => !flow.answers.is_empty(),
        "link" => !flow.answers.is_empty() && flow.answers != kept,
        other => panic!("{}: unknown answers expectation {other}", case.id),
    };
    if !answers_ok {
        wrong.push(format!(
            "answers {:?}, expected {}",
            flow.answers, e.answers
        ));
    }
    // Nothing lost: kept answers are shown, or held while the person is asked, or the
    // browser would not let them be touched at all.
    if !kept.is_empty() {
        let held = match &flow.keeping {
            Keeping::Asking { kept: k, .. } => *k == kept,
            Keeping::Off(_) | Keeping::Declined => true,
            Keeping::On => flow.answers == kept,
        };
        if !held {
            wrong.push("the kept answers are neither shown nor held".into());
        }
    }
    if e.aside.is_some() && aside != e.aside {
        wrong.push(format!("kept aside {aside:?}, expected {:?}", e.aside));
    }
    wrong
}

fn run_group(file: &str, at_least: usize) {
    let cases = cases(file);
    assert!(
        cases.len() >= at_least,
        "{file} has {} cases, fewer than {at_least}",
        cases.len()
    );
    let mut ids = BTreeSet::new();
    let mut failures = Vec::new();
    for case in &cases {
        assert!(
            ids.insert(case.id.as_str()),
            "duplicate case id {}",
            case.id
        );
        let wrong = check(case);
        if !wrong.is_empty() {
            failures.push(format!("{}: {}", case.id, wrong.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases in {file} went wrong:\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}

#[test]
fn every_address_case() {
    run_group("address.json", 160);
}

#[test]
fn every_stored_state_case() {
    run_group("stored.json", 90);
}

#[test]
fn kept_answers_survive_a_link_until_the_person_chooses() {
    let bundle = Rc::new(navigator::builtin());
    let kept = kept_sharing();
    let link = route::parse("#/outcome?triage-who=external&triage-task=other");
    let f = Flow::new(bundle, TODAY).open(link, kept);
    assert_eq!(f.page, Page::Outcome);
    let Keeping::Asking { kept, at } = &f.keeping else {
        panic!("asks: {:?}", f.keeping)
    };
    assert_eq!(at.as_deref(), Some("2026-11-20T09:30"));
    assert_eq!(kept.get("triage-who").map(String::as_str), Some("staff"));
    // Answering on while asking changes what is shown, not what is kept.
    let g = f.clone().apply(Action::Back).apply(Action::Back);
    assert!(matches!(g.keeping, Keeping::Asking { .. }));
    // Keep mine: the kept answers, on the start page offering to continue.
    let k = f.clone().apply(Action::KeepSaved);
    assert_eq!(k.keeping, Keeping::On);
    assert_eq!(k.page, Page::Start);
    assert_eq!(
        k.answers.get("triage-who").map(String::as_str),
        Some("staff")
    );
    // Use the link's: keeping is on again, with the link's answers (the UI then saves them).
    let u = f.clone().apply(Action::UseLink);
    assert_eq!(u.keeping, Keeping::On);
    assert_eq!(
        u.answers.get("triage-who").map(String::as_str),
        Some("external")
    );
    // Start again: the person asked for everything to go.
    let r = f.apply(Action::Restart);
    assert!(r.answers.is_empty());
    assert_eq!(r.erased, 1);
}

/// Answers kept on 20 November for the sharing route.
fn kept_sharing() -> keep::Kept {
    keep::read(Ok(Some(SHARING_KEPT.into())), |_| true)
}

const SHARING_KEPT: &str = "1|2026-11-20T09:30|#/check?triage-who=staff&triage-task=other";

#[test]
fn back_and_forward_move_between_pages_and_never_change_answers() {
    let bundle = Rc::new(navigator::builtin());
    let kept = kept_sharing();
    let f = Flow::new(bundle, TODAY).open(Ok(None), kept);
    // One of the Navigator's own history entries, from before an answer was changed.
    let back = f.clone().apply(Action::Navigate {
        address: route::parse("#/q/triage-task?triage-who=external"),
        ours: true,
    });
    assert_eq!(back.page, Page::Question("triage-task".into()));
    assert_eq!(back.answers, f.answers, "Back keeps every answer");
    assert_eq!(back.keeping, Keeping::On);
    assert!(back.notices.is_empty());
    // The same address pasted in (not ours) is a colleague's link: the person is asked.
    let pasted = f.apply(Action::Navigate {
        address: route::parse("#/q/triage-task?triage-who=external"),
        ours: false,
    });
    assert!(matches!(pasted.keeping, Keeping::Asking { .. }));
}

#[test]
fn the_saved_form_round_trips_and_reads_the_first_versions_form() {
    let loc = route::parse("#/check?triage-who=staff&triage-task=other")
        .unwrap()
        .unwrap();
    let text = keep::encode(&loc, "2026-11-25T14:03");
    let saved = keep::decode(&text).unwrap();
    assert_eq!(saved.location, loc);
    assert_eq!(saved.at.as_deref(), Some("2026-11-25T14:03"));
    assert_eq!(
        keep::describe_time("2026-11-25T14:03").as_deref(),
        Some("25 November 2026 at 14:03")
    );
    let legacy = keep::decode("#/check?triage-who=staff&triage-task=other").unwrap();
    assert_eq!((legacy.location, legacy.at), (loc, None));
}

#[test]
fn the_way_out_of_a_notice_keeps_the_answers() {
    let bundle = Rc::new(navigator::builtin());
    let kept = kept_sharing();
    let f = Flow::new(bundle, TODAY).open(route::parse("#/q/no-such-question"), kept);
    assert!(!f.notices.is_empty());
    let home = f.clone().apply(Action::Home);
    assert_eq!(home.page, Page::Start);
    assert!(home.notices.is_empty());
    assert_eq!(home.answers, f.answers, "the answers stay");
    assert_eq!(
        home.erased, f.erased,
        "nothing is removed from this computer"
    );
}
