//! Walks every path of every questionnaire in the built-in content: no dead end, no
//! unreachable question or outcome, every ending with a checklist and a contact who can
//! be called or written to, every checklist item with a source. The compact table of
//! answers → outcome is compared with `tests/snapshots/paths.txt`; after a deliberate
//! content change, refresh it with `UPDATE_SNAPSHOTS=1 cargo test --test paths`.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use navigator::engine::paths::{all_paths, table};
use navigator::engine::report::report;
use navigator::engine::validate::edges;
use navigator::engine::walk::walk;
use std::collections::BTreeSet;

#[test]
fn every_path_ends_with_a_checklist_and_a_contact() {
    let bundle = navigator::builtin();
    let paths = all_paths(&bundle);
    assert!(!paths.is_empty());
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut seen = BTreeSet::new();
    for (answers, outcome) in &paths {
        let outcome = outcome
            .as_deref()
            .unwrap_or_else(|| panic!("dead end after {answers:?}"));
        let w = walk(&bundle, answers).unwrap();
        for (q, o) in &w.path {
            seen.insert(q.id.as_str());
            seen.insert(o.next.as_str());
        }
        let r = report(&bundle, &w, answers, today).expect("an outcome gives a report");
        assert_eq!(r.outcome.id, outcome);
        assert!(
            !r.checklist.is_empty(),
            "{outcome}: empty checklist after {answers:?}"
        );
        assert!(r.checklist.iter().all(|i| !i.item.source.trim().is_empty()));
        assert!(
            r.contacts
                .iter()
                .any(|c| c.tel.is_some() || c.mailto.is_some() || !c.contact.url.is_empty()),
            "{outcome}: no contact that can be reached"
        );
        assert!(
            answers.len() <= 20,
            "a path of {} questions is too long",
            answers.len()
        );
    }
    // Every question and outcome lies on some path.
    let nodes: BTreeSet<&str> = edges(&bundle).keys().copied().collect();
    let missed: Vec<_> = nodes.difference(&seen).collect();
    assert!(missed.is_empty(), "never reached: {missed:?}");
}

#[test]
fn paths_snapshot() {
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
        "the answers → outcome table changed; if that was meant, run UPDATE_SNAPSHOTS=1 cargo test --test paths\n--- want\n{want}\n--- got\n{got}"
    );
}
