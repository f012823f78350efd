#![cfg(not(target_arch = "wasm32"))]
//! Journey tests as data: `tests/journeys/*.toml`, each journey a full set of answers
//! (the case studies of seed 003 and every request route) and the facts its result
//! must and must not contain: route, decisions, checklist items, contacts in order,
//! dates, text. Node tests use the same file: answers so far, and what comes next
//! (`next`), with the task list's statuses (`tasks`, `not_tasks`), as smart-answers
//! tests its flows node by node. Ids and facts, not wording.

use navigator::engine::journey::{Answers, Journey};
use navigator::engine::model::{parse_ymd, Bundle};
use navigator::engine::report::{report, DateValue, Report};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    journeys: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    #[serde(default)]
    about: String,
    #[serde(default)]
    today: Option<String>,
    answers: BTreeMap<String, String>,
    expect: Expect,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// A node test (answers so far, not a whole journey): the question asked next, or
    /// `tasks` (the task list: every part that can start is done or waits) or `result`.
    #[serde(default)]
    next: Option<String>,
    /// The task list: part → status id (`not-started`, `in-progress`, `completed`,
    /// `cannot-start-yet`).
    #[serde(default)]
    tasks: BTreeMap<String, String>,
    /// Parts that must not be in the task list (not needed with these answers).
    #[serde(default)]
    not_tasks: Vec<String>,
    #[serde(default)]
    route: String,
    #[serde(default)]
    decisions: BTreeMap<String, String>,
    #[serde(default)]
    items: Vec<String>,
    #[serde(default)]
    not_items: Vec<String>,
    #[serde(default)]
    contacts: Vec<String>,
    #[serde(default)]
    not_contacts: Vec<String>,
    #[serde(default)]
    dates: BTreeMap<String, String>,
    #[serde(default)]
    text: Vec<String>,
    #[serde(default)]
    not_text: Vec<String>,
}

/// Everything the result page says, as text.
fn all_text(r: &Report<'_>) -> String {
    let mut s = Vec::new();
    let groups = std::iter::once((&r.route.title, &r.summary, &r.reasons, &r.checklist)).chain(
        r.parts
            .iter()
            .map(|p| (&p.title, &p.summary, &p.reasons, &p.checklist)),
    );
    for (title, summary, reasons, items) in groups {
        s.push(format!("{title}\n{summary}"));
        for reason in reasons {
            s.push(format!(
                "{} {} {}",
                reason.question, reason.answer, reason.because
            ));
        }
        for i in items {
            s.push(format!("{}\n{}", i.text, i.source));
        }
    }
    for c in &r.contacts {
        s.push(format!("{} {}", c.contact.name, c.contact.about));
    }
    for d in &r.dates {
        s.push(format!("{} {}", d.label, d.value.describe()));
    }
    for n in &r.meeting_notes {
        s.push(n.describe());
    }
    s.join("\n")
}

fn first_date(v: &DateValue) -> chrono::NaiveDate {
    match v {
        DateValue::Meeting { date, .. } => *date,
        DateValue::Deadline { deadline, .. } => *deadline,
        DateValue::Clock { due, .. } => *due,
    }
}

fn check(bundle: &Bundle, file: &str, case: &Case) -> Vec<String> {
    let mut bad = Vec::new();
    let mut fail = |m: String| bad.push(format!("{file}: journey '{}': {m}", case.id));
    let today = case
        .today
        .as_deref()
        .map(|t| parse_ymd(t).expect("today is YYYY-MM-DD"))
        .unwrap_or_else(|| parse_ymd("2026-11-25").unwrap());
    let answers: Answers = case.answers.clone();
    let Some(j) = Journey::new(bundle, &answers) else {
        fail("no journey".into());
        return bad;
    };
    let live = j.live(&answers);
    for q in answers.keys() {
        if !live.contains_key(q) {
            fail(format!("answer '{q}' is not asked on this journey"));
        }
    }
    let e = &case.expect;
    let next = match navigator::engine::paths::next_question(&j) {
        Some(q) => q.id.clone(),
        None if j.complete() => "result".into(),
        None => "tasks".into(),
    };
    if let Some(want) = &e.next {
        if *want != next {
            fail(format!("next is '{next}', expected '{want}'"));
        }
    }
    for (part, status) in &e.tasks {
        match j.tasks.iter().find(|t| t.part.id == *part) {
            Some(t) if t.status.id() == status => {}
            Some(t) => fail(format!(
                "part '{part}' is {}, expected {status}",
                t.status.id()
            )),
            None => fail(format!("part '{part}' is not in the task list")),
        }
    }
    for part in &e.not_tasks {
        if j.tasks.iter().any(|t| t.part.id == *part) {
            fail(format!("part '{part}' is in the task list but must not be"));
        }
    }
    if e.next.as_deref().is_some_and(|n| n != "result") {
        return bad;
    }
    let Some(r) = report(&j, today) else {
        let next = navigator::engine::paths::next_question(&j)
            .map(|q| q.id.clone())
            .unwrap_or_else(|| "(none: a part cannot start or has no decision)".into());
        fail(format!("the journey is not complete: next question {next}"));
        return bad;
    };
    if r.route.id != e.route {
        fail(format!("route is '{}', expected '{}'", r.route.id, e.route));
    }
    let decisions: BTreeMap<String, String> = r
        .parts
        .iter()
        .map(|p| (p.part.id.clone(), p.decision.id.clone()))
        .collect();
    for (part, d) in &e.decisions {
        match decisions.get(part) {
            Some(got) if got == d => {}
            got => fail(format!("part '{part}' decided {got:?}, expected '{d}'")),
        }
    }
    let items: Vec<&str> = r
        .checklist
        .iter()
        .chain(r.parts.iter().flat_map(|p| p.checklist.iter()))
        .map(|i| i.id)
        .collect();
    for i in &e.items {
        if !items.contains(&i.as_str()) {
            fail(format!(
                "item '{i}' is missing (shown: {})",
                items.join(", ")
            ));
        }
    }
    for i in &e.not_items {
        if items.contains(&i.as_str()) {
            fail(format!("item '{i}' is shown but must not be"));
        }
    }
    let contacts: Vec<&str> = r.contacts.iter().map(|c| c.role).collect();
    let mut at = 0;
    for c in &e.contacts {
        match contacts.iter().position(|x| x == c) {
            Some(i) if i >= at => at = i,
            Some(_) => fail(format!(
                "contact '{c}' is out of order ({})",
                contacts.join(", ")
            )),
            None => fail(format!(
                "contact '{c}' is missing ({})",
                contacts.join(", ")
            )),
        }
    }
    for c in &e.not_contacts {
        if contacts.contains(&c.as_str()) {
            fail(format!("contact '{c}' is shown but must not be"));
        }
    }
    for (id, date) in &e.dates {
        let want = parse_ymd(date).expect("dates are YYYY-MM-DD");
        match r.dates.iter().find(|d| d.id == *id) {
            Some(d) if first_date(&d.value) == want => {}
            Some(d) => fail(format!(
                "date '{id}' is {}, expected {date}",
                first_date(&d.value)
            )),
            None => fail(format!("date '{id}' is not shown")),
        }
    }
    let text = all_text(&r);
    for t in &e.text {
        if !text.contains(t.as_str()) {
            fail(format!("the result does not say '{t}'"));
        }
    }
    for t in &e.not_text {
        if text.contains(t.as_str()) {
            fail(format!("the result says '{t}' but must not"));
        }
    }
    let _ = &case.about;
    bad
}

#[test]
fn every_journey_gives_the_facts_it_must() {
    // The built-in content, as the build validated it.
    let bundle = navigator::builtin();
    let dir = Path::new("tests/journeys");
    let mut bad = Vec::new();
    let mut count = 0;
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/journeys")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let file: File = match toml::from_str(&text) {
            Ok(f) => f,
            Err(e) => {
                bad.push(format!("{name}: {e}"));
                continue;
            }
        };
        for case in &file.journeys {
            count += 1;
            bad.extend(check(&bundle, &name, case));
        }
    }
    assert!(
        bad.is_empty(),
        "{} problem(s):\n{}",
        bad.len(),
        bad.join("\n")
    );
    assert!(count > 0, "no journeys in tests/journeys");
    eprintln!("{count} journeys checked");
}
