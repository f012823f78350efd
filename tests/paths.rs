//! Walks every path of every route in the built-in content, part by part (see
//! `engine::explore`): no dead end, no question, decision, item or part that no answers
//! reach, every ending with a checklist and a contact. Then follows engine-made walks
//! that between them give every answer of every question, through the result: a contact
//! who can be called or written to, every item with a source, every `{placeholder}`
//! filled, no item twice. It must stay fast: all of it in well under a second.
//! The per-route table is compared with `tests/snapshots/paths.txt`; after a deliberate
//! content change, refresh it with `UPDATE_SNAPSHOTS=1 cargo test --test paths`.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use navigator::engine::explore::explore;
use navigator::engine::journey::Journey;
use navigator::engine::paths::{cover, table};
use navigator::engine::report::report;
use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The tests here run one at a time, so that the timing below is not of three at once.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

#[test]
fn every_path_of_every_route_is_sound_and_fast() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let bundle = navigator::builtin();
    // The best of three, so that a busy machine does not fail the budget.
    let mut took = Duration::MAX;
    let mut e = explore(&bundle);
    for _ in 0..3 {
        let t = Instant::now();
        e = explore(&bundle);
        took = took.min(t.elapsed());
    }
    assert!(e.problems.is_empty(), "{:#?}", e.problems);
    let routes: BTreeSet<&str> = e.routes.iter().map(|r| r.route.as_str()).collect();
    let declared: BTreeSet<&str> = bundle
        .entry()
        .unwrap()
        .routes
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(routes, declared, "every route is walked");
    // Debug builds are several times slower than release; the budget is for both.
    eprintln!("exploring every route took {took:?}");
    assert!(took.as_millis() < 1000, "exploring took {took:?}");
}

#[test]
fn walks_that_give_every_answer_end_in_a_full_result() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let bundle = navigator::builtin();
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let walks = cover(&bundle);
    let mut answered: BTreeSet<(String, String)> = BTreeSet::new();
    for answers in &walks {
        let j = Journey::new(&bundle, answers).unwrap();
        assert!(j.complete(), "incomplete walk {answers:?}");
        let r = report(&j, today).expect("a complete journey has a result");
        let items: Vec<_> = r
            .checklist
            .iter()
            .chain(r.parts.iter().flat_map(|p| p.checklist.iter()))
            .collect();
        assert!(!items.is_empty(), "no checklist after {answers:?}");
        let mut ids = BTreeSet::new();
        let mut texts = BTreeSet::new();
        for i in &items {
            assert!(!i.source.trim().is_empty(), "{} has no source", i.id);
            assert!(ids.insert(i.id), "item {} twice after {answers:?}", i.id);
            assert!(
                texts.insert(i.text.as_str()),
                "the words of {} twice after {answers:?}",
                i.id
            );
            assert!(
                !i.text.contains('{'),
                "unfilled placeholder in {}: {}",
                i.id,
                i.text
            );
        }
        for p in &r.parts {
            assert!(
                !p.title.contains('{') && !p.summary.contains('{'),
                "{}",
                p.title
            );
        }
        assert!(r.dates.iter().all(|d| !d.label.contains('{')));
        assert!(
            r.contacts
                .iter()
                .any(|c| c.tel.is_some() || c.mailto.is_some() || c.website.is_some()),
            "no contact that can be reached after {answers:?}"
        );
        for (q, a) in answers {
            for one in a.split(',') {
                answered.insert((q.clone(), one.to_string()));
            }
        }
    }
    // Every option of every question is given on some walk.
    for q in bundle.questionnaires.iter().flat_map(|q| &q.questions) {
        for o in &q.options {
            assert!(
                answered.contains(&(q.id.clone(), o.id.clone())),
                "no walk answers {} with {}",
                q.id,
                o.id
            );
        }
    }
}

#[test]
fn paths_snapshot() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let bundle = navigator::builtin();
    let got = table(&bundle).join("\n") + "\n";
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/paths.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&file, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        want == got,
        "the per-route table changed; if that was meant, run UPDATE_SNAPSHOTS=1 cargo test --test paths\n--- want\n{want}\n--- got\n{got}"
    );
}
