//! A host page's options (`data-start`, `data-audience`: `engine::preset`): read from the
//! content, shown as answers, never over the person's own.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use navigator::engine::flow::{Action, Flow, Page};
use navigator::engine::journey::Journey;
use navigator::engine::keep::Kept;
use navigator::engine::preset::preset;
use std::rc::Rc;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

#[test]
fn every_route_with_a_plain_condition_can_be_started_at_and_leads_to_that_route() {
    let bundle = navigator::builtin();
    let entry = bundle.entry().unwrap();
    let mut started = 0;
    for route in &entry.routes {
        let (answers, problems) = preset(&bundle, Some(&route.id), None);
        if route.when.is_empty() {
            assert_eq!(
                problems.len(),
                1,
                "{}: the fallback route cannot be started at",
                route.id
            );
            continue;
        }
        assert!(problems.is_empty(), "{}: {problems:?}", route.id);
        // With an audience too, the triage is fully answered and picks this route.
        let (who, _) = preset(&bundle, None, Some("staff"));
        let mut all = answers.clone();
        all.extend(who);
        let j = Journey::new(&bundle, &all).expect("a journey");
        assert_eq!(
            j.route.map(|r| r.id.as_str()),
            Some(route.id.as_str()),
            "{}",
            route.id
        );
        started += 1;
    }
    assert!(started >= 7, "the routes of the triage");
}

#[test]
fn the_audience_is_the_question_external_when_names() {
    let bundle = navigator::builtin();
    let entry = bundle.entry().unwrap();
    let (q, _) = entry.external_when.iter().next().unwrap();
    let (ext, p1) = preset(&bundle, None, Some("external"));
    let (staff, p2) = preset(&bundle, None, Some("staff"));
    assert!(p1.is_empty() && p2.is_empty());
    assert_eq!(ext.keys().collect::<Vec<_>>(), vec![q]);
    assert_eq!(staff.keys().collect::<Vec<_>>(), vec![q]);
    assert_ne!(ext[q], staff[q]);
    let j = Journey::new(&bundle, &ext).expect("a journey");
    assert!(j.external(), "external_when holds");
}

#[test]
fn unknown_options_are_refused_with_a_message_and_give_nothing() {
    let bundle = navigator::builtin();
    for (start, audience) in [
        (Some("nope"), None),
        (None, Some("everyone")),
        (Some(""), Some("")),
    ] {
        let (answers, problems) = preset(&bundle, start, audience);
        assert!(answers.is_empty(), "{start:?} {audience:?}");
        assert_eq!(
            problems.len(),
            start.is_some() as usize + audience.is_some() as usize
        );
    }
}

#[test]
fn start_begins_with_the_preset_but_never_over_the_persons_answers() {
    let bundle = Rc::new(navigator::builtin());
    let (given, _) = preset(&bundle, Some("sharing"), Some("external"));
    let mut flow = Flow::new(Rc::clone(&bundle), today()).open(Ok(None), Kept::Nothing);
    flow.preset = given.clone();
    assert!(
        flow.answers.is_empty(),
        "the start page offers Start now, not Continue"
    );
    let flow = flow.apply(Action::Start);
    for (q, a) in &given {
        assert_eq!(flow.answers.get(q), Some(a), "{q}");
    }
    assert!(
        matches!(&flow.page, Page::Question(q) if !given.contains_key(q))
            || flow.page == Page::Tasks,
        "the first page is past the given answers: {:?}",
        flow.page
    );
    // Start again forgets the answers; Start then gives the preset again.
    let flow = flow.apply(Action::Restart).apply(Action::Start);
    assert_eq!(flow.answers.len(), given.len());
    // The person's own answers win.
    let mut own = Flow::new(Rc::clone(&bundle), today());
    own.preset = given.clone();
    own.answers.insert("triage-who".into(), "staff".into());
    let own = own.apply(Action::Start);
    assert_eq!(
        own.answers.get("triage-who").map(String::as_str),
        Some("staff")
    );
    assert!(!own.answers.contains_key("triage-task"));
}
