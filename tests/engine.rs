//! Native tests of the pure core: the loader and validator on fixtures (one deliberately
//! broken fixture per rule), the journey and the flow's transitions (task list, facts
//! given once, each kind of question and its errors), the result's facts and dates.
//! They assert ids and facts, not wording.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use navigator::engine::flow::{Action, DatePart, Flow, Notice, Page};
use navigator::engine::journey::{Answers, Journey, Status};
use navigator::engine::keep::Kept;
use navigator::engine::load::{load, load_dir, Source};
use navigator::engine::model::Bundle;
use navigator::engine::org::read_settings;
use navigator::engine::report::{report, DateValue, Report};
use navigator::engine::route::{parse, Location};
use navigator::engine::validate::{Problem, ProblemKind};
use std::path::Path;
use std::rc::Rc;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn sound() -> Bundle {
    load_dir(&dir().join("sound")).unwrap_or_else(|p| panic!("sound fixture has problems: {p:#?}"))
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(q, a)| (q.to_string(), a.to_string()))
        .collect()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The sound fixture's files, as text, with `edits` applied: (file, find, replace).
fn mutated(edits: &[(&str, &str, &str)]) -> Result<Bundle, Vec<Problem>> {
    let read = |f: &str| std::fs::read_to_string(dir().join("sound").join(f)).unwrap();
    let mut files: Vec<(String, String)> = ["entry.toml", "data.toml", "basis.toml"]
        .iter()
        .map(|f| (f.to_string(), read(f)))
        .collect();
    let mut org = read("organisation.toml");
    for (file, find, replace) in edits {
        if *file == "organisation.toml" {
            assert!(org.contains(find), "{find:?} is not in {file}");
            org = org.replacen(find, replace, 1);
            continue;
        }
        match files.iter_mut().find(|(n, _)| n == file) {
            Some((_, text)) => {
                assert!(text.contains(find), "{find:?} is not in {file}");
                *text = text.replacen(find, replace, 1);
            }
            None => files.push((file.to_string(), replace.to_string())),
        }
    }
    let sources: Vec<Source> = files
        .iter()
        .map(|(n, t)| Source { name: n, text: t })
        .collect();
    load(&org, &sources)
}

// ---- validation -------------------------------------------------------------------

#[test]
fn builtin_content_is_sound() {
    let bundle = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/content"));
    assert!(bundle.is_ok(), "{:#?}", bundle.err());
}

/// One deliberately broken fixture per rule: each gives its own kind of problem, in the
/// file and at the place it concerns.
#[test]
fn each_rule_on_its_own() {
    use ProblemKind::*;
    let orphan = "id = \"orphan\"\ntitle = \"Orphan\"\nreviewed = \"2026-01-01\"\nreviewed_by = \"x\"\nlaw_checked = \"2026-01-01\"\n[[questions]]\nid = \"orphan-q\"\ntext = \"Q?\"\nshort = \"Q\"\nerror = \"Select Q\"\n  [[questions.options]]\n  id = \"a\"\n  label = \"A\"\n  [[questions.options]]\n  id = \"b\"\n  label = \"B\"\n[[decisions]]\nid = \"d\"\ntitle = \"D\"\nsummary = \"D\"\ncontacts = [\"team\"]\n  [[decisions.checklist]]\n  id = \"i\"\n  text = \"I\"\n  source = \"S\"\n";
    #[rustfmt::skip]
    type Edits<'a> = Vec<(&'a str, &'a str, &'a str)>;
    let cases: Vec<(&str, Edits, ProblemKind, &str, &str)> = vec![
        ("a question id used twice", vec![("basis.toml", "id = \"basis-purpose\"", "id = \"data-org\"")], DuplicateId, "basis.toml", "question 'data-org'"),
        ("no entry", vec![("entry.toml", "entry = true", "entry = false")], Entry, "content", ""),
        ("a route names no part", vec![("entry.toml", "parts = [\"data\"", "parts = [\"nope\"")], UnknownPart, "entry.toml", "route 'share' / part 'nope'"),
        ("a condition names an unknown question", vec![("data.toml", "when = { data-ids = \"none\" }", "when = { nope = \"none\" }")], BadCondition, "data.toml", "decision 'anonymous'"),
        ("a condition names an unknown answer", vec![("data.toml", "when = { data-ids = \"none\" }", "when = { data-ids = \"nobody\" }")], BadCondition, "data.toml", "decision 'anonymous'"),
        ("a fact used before it can be asked", vec![("data.toml", "kind = \"choices\"", "kind = \"choices\"\nwhen = { basis-purpose = \"care\" }")], BadCondition, "data.toml", "question 'data-ids'"),
        ("a condition on a text question", vec![("data.toml", "when = { data-ids = \"none\" }", "when = { data-org = \"x\" }")], BadCondition, "data.toml", "decision 'anonymous'"),
        ("a part no route includes", vec![("orphan.toml", "", orphan)], Unreachable, "orphan.toml", ""),
        ("a question no answers reach", vec![("basis.toml", "short = \"Purpose\"", "short = \"Purpose\"\nwhen = { task = \"ask\" }")], Unreachable, "basis.toml", "question 'basis-purpose'"),
        ("a decision no answers reach", vec![("basis.toml", "when = { basis-purpose = \"care\" }", "when = { task = \"ask\" }")], Unreachable, "basis.toml", "decision 'care'"),
        ("an item whose condition never holds", vec![("basis.toml", "when = { who = \"other\" }", "when = { task = \"ask\" }")], BadCondition, "basis.toml", "decision 'care' / checklist 'tell-them'"),
        ("a path with no decision", vec![("basis.toml", "[[decisions]]\nid = \"research\"\n", "[[decisions]]\nid = \"research\"\nwhen = { who = \"staff\" }\n")], DeadEnd, "basis.toml", ""),
        ("a part never needed on its route", vec![("entry.toml", "unless = { data = \"anonymous\" }", "when = { task = \"ask\" }")], Unreachable, "entry.toml", "route 'share' / part 'basis'"),
        ("a placeholder with no question", vec![("data.toml", "summary = \"No lawful basis is needed.\"", "summary = \"For {nope}.\"")], BadPlaceholder, "data.toml", "decision 'anonymous'"),
        ("a placeholder on a choice question", vec![("data.toml", "summary = \"No lawful basis is needed.\"", "summary = \"For {data-ids}.\"")], BadPlaceholder, "data.toml", "decision 'anonymous'"),
        ("a date rule on a question that is not a date", vec![("data.toml", "kind = \"choices\"", "kind = \"choices\"\nnot_future = true")], BadDate, "data.toml", "question 'data-ids'"),
        ("a clock from a question that is not a date", vec![("data.toml", "from = \"data-received\"", "from = \"data-org\"")], BadDate, "data.toml", "decision 'anonymous' / date 'answer-by'"),
        ("options on a text question", vec![("data.toml", "max_length = 20", "max_length = 20\noptions = [{ id = \"a\", label = \"A\" }]")], Structure, "data.toml", "question 'data-org'"),
        ("max_length on a date question", vec![("data.toml", "not_future = true", "not_future = true\nmax_length = 10")], Structure, "data.toml", "question 'data-received'"),
        ("a choice with one option", vec![("entry.toml", "  [[questions.options]]\n  id = \"ask\"\n  label = \"Ask\"\n", "")], TooFewOptions, "entry.toml", "question 'task'"),
        ("a decision with no checklist", vec![("basis.toml", "  [[decisions.checklist]]\n  id = \"approvals\"\n  text = \"Get approvals.\"\n  source = \"Law\"\n", "")], NoChecklist, "basis.toml", "decision 'research'"),
        ("a decision with no contact", vec![("basis.toml", "contacts = [\"web\"]", "contacts = []")], NoContact, "basis.toml", "decision 'research'"),
        ("an unknown contact", vec![("basis.toml", "contacts = [\"web\"]", "contacts = [\"nobody\"]")], UnknownContact, "basis.toml", "decision 'research'"),
        ("an unknown template", vec![("data.toml", "template = \"plan\"", "template = \"nope\"")], UnknownTemplate, "data.toml", "decision 'personal' / checklist 'plan'"),
        ("an unknown meeting", vec![("data.toml", "meeting = \"board\"", "meeting = \"nope\"")], UnknownMeeting, "data.toml", "decision 'personal' / date 'board'"),
        ("a link that is not https", vec![("basis.toml", "text = \"Get approvals.\"", "text = \"Get approvals.\"\n  link = \"javascript:alert(1)\"")], BadLink, "basis.toml", "decision 'research' / checklist 'approvals'"),
        ("one item id with two texts", vec![("basis.toml", "text = \"Share the least data.\"", "text = \"Share less.\"")], ItemMismatch, "basis.toml", "decision 'care' / checklist 'least-data'"),
        ("a review date that is not a date", vec![("basis.toml", "reviewed = \"2025-06-01\"", "reviewed = \"2025-02-30\"")], BadDate, "basis.toml", ""),
        ("an empty question text", vec![("basis.toml", "text = \"What is the data for?\"", "text = \" \"")], Empty, "basis.toml", "question 'basis-purpose'"),
        ("two questions on a route with one short name", vec![("basis.toml", "short = \"Purpose\"", "short = \"Organisation\"")], DuplicateId, "entry.toml", "route 'share'"),
        ("routes in a part", vec![("basis.toml", "[[decisions]]\nid = \"care\"", "[[routes]]\nid = \"x\"\ntitle = \"X\"\nsummary = \"X\"\n[[decisions]]\nid = \"care\"")], Structure, "basis.toml", ""),
    ];
    for (name, edits, kind, file, at) in cases {
        let problems = mutated(&edits).expect_err(name);
        assert!(
            problems
                .iter()
                .any(|p| p.kind == kind && p.file == file && p.at == at),
            "{name}: expected {kind:?} in {file} at {at:?}, got {problems:#?}"
        );
    }
}

/// Several problems in several files are all reported at once, each with its file.
#[test]
fn every_problem_is_reported_at_once() {
    let problems = mutated(&[
        (
            "basis.toml",
            "contacts = [\"web\"]",
            "contacts = [\"nobody\"]",
        ),
        ("data.toml", "template = \"plan\"", "template = \"nope\""),
        (
            "entry.toml",
            "error = \"Select what you want to do\"",
            "error = \"\"",
        ),
    ])
    .unwrap_err();
    let kinds: Vec<ProblemKind> = problems.iter().map(|p| p.kind).collect();
    for k in [
        ProblemKind::UnknownContact,
        ProblemKind::UnknownTemplate,
        ProblemKind::Empty,
    ] {
        assert!(kinds.contains(&k), "{k:?} missing: {problems:#?}");
    }
    let files: std::collections::BTreeSet<&str> =
        problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files.len(), 3, "{problems:#?}");
}

#[test]
fn parse_errors_in_several_files_are_all_reported_with_lines() {
    let problems = load_dir(&dir().join("unparsable")).expect_err("must not load");
    let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, ["one.toml", "two.toml"], "{problems:#?}");
    assert!(problems.iter().all(|p| p.kind == ProblemKind::Parse));
    assert!(
        problems.iter().all(|p| p.at.starts_with("line ")),
        "{problems:#?}"
    );
}

// ---- the journey ------------------------------------------------------------------

#[test]
fn the_task_list_shows_each_part_with_its_status() {
    let b = sound();
    let status = |a: &[(&str, &str)]| -> Vec<(String, Status)> {
        Journey::new(&b, &answers(a))
            .unwrap()
            .tasks
            .iter()
            .map(|t| (t.part.id.clone(), t.status))
            .collect()
    };
    let s = |v: &[(&str, Status)]| -> Vec<(String, Status)> {
        v.iter().map(|(p, st)| (p.to_string(), *st)).collect()
    };
    use Status::*;
    // The basis part depends on the data part's decision: it cannot start yet.
    assert_eq!(
        status(&[("who", "staff"), ("task", "share")]),
        s(&[("data", NotStarted), ("basis", CannotStartYet)])
    );
    assert_eq!(
        status(&[
            ("who", "staff"),
            ("task", "share"),
            ("data-org", "Derby City Council")
        ]),
        s(&[("data", InProgress), ("basis", CannotStartYet)])
    );
    let personal = [
        ("who", "staff"),
        ("task", "share"),
        ("data-org", "X"),
        ("data-ids", "name"),
        ("data-received", "2026-01-02"),
    ];
    assert_eq!(
        status(&personal),
        s(&[("data", Completed), ("basis", NotStarted)])
    );
    // A fact given once is never asked again: anonymous data needs no lawful basis part.
    let anonymous = [
        ("who", "staff"),
        ("task", "share"),
        ("data-org", "X"),
        ("data-ids", "none"),
        ("data-received", "2026-01-02"),
    ];
    assert_eq!(status(&anonymous), s(&[("data", Completed)]));
    assert!(Journey::new(&b, &answers(&anonymous)).unwrap().complete());
    // A route with no parts is complete after the triage.
    assert!(
        Journey::new(&b, &answers(&[("who", "staff"), ("task", "ask")]))
            .unwrap()
            .complete()
    );
}

#[test]
fn answers_no_longer_reached_are_dropped_and_pending_ones_kept() {
    let b = sound();
    let all = answers(&[
        ("who", "staff"),
        ("task", "share"),
        ("data-org", "X"),
        ("data-ids", "name"),
        ("data-received", "2026-01-02"),
        ("basis-purpose", "care"),
    ]);
    let j = Journey::new(&b, &all).unwrap();
    assert_eq!(j.live(&all), all);
    // Anonymous data: the basis part's answer no longer applies.
    let mut anon = all.clone();
    anon.insert("data-ids".into(), "none".into());
    let live = Journey::new(&b, &anon).unwrap().live(&anon);
    assert!(!live.contains_key("basis-purpose"), "{live:?}");
    // While the data part is unfinished, the basis part's answer waits.
    let mut pending = all.clone();
    pending.remove("data-ids");
    let live = Journey::new(&b, &pending).unwrap().live(&pending);
    assert!(live.contains_key("basis-purpose"), "{live:?}");
    // Another route: every part's answers go.
    let mut ask = all.clone();
    ask.insert("task".into(), "ask".into());
    assert_eq!(
        Journey::new(&b, &ask).unwrap().live(&ask),
        answers(&[("who", "staff"), ("task", "ask")])
    );
}

// ---- the flow ---------------------------------------------------------------------

fn flow() -> Flow {
    Flow::new(Rc::new(sound()), day("2026-01-07"))
}

fn run(f: Flow, actions: &[Action]) -> Flow {
    actions.iter().cloned().fold(f, Flow::apply)
}

fn sel(o: &str) -> Action {
    Action::Select(o.into())
}

fn q(id: &str) -> Page {
    Page::Question(id.into())
}

#[test]
fn through_the_task_list_to_the_result_and_back() {
    let f = run(flow(), &[Action::Start]);
    assert_eq!(f.page, q("who"));
    let f = run(
        f,
        &[
            sel("staff"),
            Action::Continue,
            sel("share"),
            Action::Continue,
        ],
    );
    assert_eq!(f.page, Page::Tasks, "the triage leads to the task list");
    // A part that cannot start yet does not open.
    assert_eq!(
        run(f.clone(), &[Action::OpenPart("basis".into())]).page,
        Page::Tasks
    );
    let f = run(f, &[Action::OpenPart("data".into())]);
    assert_eq!(f.page, q("data-org"));
    let f = run(
        f,
        &[
            Action::Text("  Derby City Council ".into()),
            Action::Continue,
        ],
    );
    assert_eq!(f.answers["data-org"], "Derby City Council", "trimmed");
    let f = run(
        f,
        &[
            Action::Toggle("name".into(), true),
            Action::Toggle("nhs-number".into(), true),
            Action::Continue,
        ],
    );
    assert_eq!(f.answers["data-ids"], "name,nhs-number");
    let f = run(
        f,
        &[
            Action::Date(DatePart::Day, "2".into()),
            Action::Date(DatePart::Month, "1".into()),
            Action::Date(DatePart::Year, "2026".into()),
            Action::Continue,
        ],
    );
    assert_eq!(f.error, None);
    assert_eq!(f.answers["data-received"], "2026-01-02");
    assert_eq!(
        f.page,
        Page::Tasks,
        "a finished part goes back to the task list"
    );
    // Back from the task list: the last triage question, with its answer.
    let back = run(f.clone(), &[Action::Back]);
    assert_eq!(back.page, q("task"));
    assert_eq!(back.draft.choice.as_deref(), Some("share"));
    // Back from a part's first question: the task list. From a later one: the one before, filled in.
    let g = run(f.clone(), &[Action::OpenPart("data".into())]);
    assert_eq!(
        g.page,
        q("data-org"),
        "a finished part opens at its first question"
    );
    assert_eq!(g.draft.text, "Derby City Council");
    assert_eq!(run(g.clone(), &[Action::Back]).page, Page::Tasks);
    let g = run(g, &[Action::Continue, Action::Continue]);
    assert_eq!(g.page, q("data-received"));
    assert_eq!(
        (
            g.draft.day.as_str(),
            g.draft.month.as_str(),
            g.draft.year.as_str()
        ),
        ("2", "1", "2026")
    );
    let g = run(g, &[Action::Back]);
    assert_eq!(g.draft.choices, ["name", "nhs-number"]);
    // Check your answers only once every part is done.
    assert_eq!(run(f.clone(), &[Action::CheckAnswers]).page, Page::Tasks);
    let f = run(
        f,
        &[
            Action::OpenPart("basis".into()),
            sel("care"),
            Action::Continue,
        ],
    );
    assert_eq!(f.page, Page::Tasks);
    let f = run(f, &[Action::CheckAnswers]);
    assert_eq!(f.page, Page::Check);
    assert_eq!(run(f.clone(), &[Action::Back]).page, Page::Tasks);
    let f = run(f, &[Action::Confirm]);
    assert_eq!(f.page, Page::Outcome);
    // Change an answer that removes a part: straight back to check your answers, the
    // part's answers gone.
    let f = run(
        f,
        &[
            Action::Back,
            Action::Change("data-ids".into()),
            Action::Toggle("none".into(), true),
        ],
    );
    assert_eq!(
        f.draft.choices,
        ["none"],
        "an exclusive answer clears the others"
    );
    let f = run(f, &[Action::Continue]);
    assert_eq!(f.page, Page::Check);
    assert!(!f.answers.contains_key("basis-purpose"));
    // Ticking another clears the exclusive one.
    let f = run(
        f,
        &[
            Action::Change("data-ids".into()),
            Action::Toggle("name".into(), true),
        ],
    );
    assert_eq!(f.draft.choices, ["name"]);
    // Now the basis part is needed again: the task list, not check your answers.
    let f = run(f, &[Action::Continue]);
    assert_eq!(f.page, Page::Tasks);
}

#[test]
fn each_kind_of_question_says_what_is_wrong() {
    let to = |page: &str| {
        let mut f = run(
            flow(),
            &[
                Action::Start,
                sel("staff"),
                Action::Continue,
                sel("share"),
                Action::Continue,
                Action::OpenPart("data".into()),
            ],
        );
        if page != "data-org" {
            f = run(f, &[Action::Text("X".into()), Action::Continue]);
        }
        if page == "data-received" {
            f = run(f, &[Action::Toggle("name".into(), true), Action::Continue]);
        }
        assert_eq!(f.page, q(page));
        f
    };
    let error = |f: &Flow| {
        f.error
            .as_ref()
            .map(|e| e.message.clone())
            .unwrap_or_default()
    };
    let qs = sound();
    let question = |id: &str| qs.question(id).unwrap().clone();
    // Nothing given: the question's own message.
    for id in ["data-org", "data-ids", "data-received"] {
        let f = run(to(id), &[Action::Continue]);
        assert_eq!(f.page, q(id), "stays");
        assert_eq!(error(&f), question(id).error, "{id}");
    }
    // Too long a text.
    let f = run(
        to("data-org"),
        &[Action::Text("x".repeat(21)), Action::Continue],
    );
    assert_eq!(error(&f), "Organisation must be 20 characters or fewer");
    // Hidden characters.
    let f = run(
        to("data-org"),
        &[Action::Text("a\u{202E}b".into()), Action::Continue],
    );
    assert!(error(&f).contains("hidden"), "{}", error(&f));
    // Dates: a part missing, not a real date, a two-digit year, in the future.
    let date = |d: &str, m: &str, y: &str| {
        let f = run(
            to("data-received"),
            &[
                Action::Date(DatePart::Day, d.into()),
                Action::Date(DatePart::Month, m.into()),
                Action::Date(DatePart::Year, y.into()),
                Action::Continue,
            ],
        );
        (error(&f), f.error.map(|e| e.parts).unwrap_or_default())
    };
    assert_eq!(
        date("2", "", "2026"),
        (
            "Date received must include a month".into(),
            vec![DatePart::Month]
        )
    );
    assert_eq!(
        date("", "", "2026").0,
        "Date received must include a day and month"
    );
    assert_eq!(
        date("30", "2", "2026").0,
        "Date received must be a real date"
    );
    assert_eq!(
        date("x", "2", "2026").0,
        "Date received must be a real date"
    );
    assert_eq!(
        date("3", "2", "26"),
        ("Year must include 4 numbers".into(), vec![DatePart::Year])
    );
    assert!(
        date("8", "1", "2026")
            .0
            .starts_with("Date received must be today or in the past"),
        "tomorrow"
    );
    assert_eq!(date("7", "1", "2026").0, "", "today is fine");
    // A choice not offered cannot be continued with.
    let f = run(
        to("data-ids"),
        &[Action::Toggle("nobody".into(), true), Action::Continue],
    );
    assert_eq!(error(&f), question("data-ids").error);
}

#[test]
fn a_tampered_location_keeps_what_is_usable_and_says_what_is_not() {
    let b = Rc::new(sound());
    let open = |address: &str| {
        Flow::new(Rc::clone(&b), day("2026-01-07")).open(parse(address), Kept::Nothing)
    };
    // Unknown question, unknown answer, a future date, a text too long: each left out.
    let f = open(&format!(
        "#/tasks?who=staff&task=share&nope=1&data-ids=name,nobody&data-received=2027-01-01&data-org={}",
        "x".repeat(30)
    ));
    let ignored: Vec<String> = f
        .notices
        .iter()
        .filter_map(|n| match n {
            Notice::Ignored(_, pairs) => {
                Some(pairs.iter().map(|(q, _)| q.clone()).collect::<Vec<_>>())
            }
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(ignored, ["data-ids", "data-org", "data-received", "nope"]);
    assert_eq!(f.page, Page::Tasks);
    assert_eq!(f.answers, answers(&[("who", "staff"), ("task", "share")]));
    // A page the answers do not lead to: moved to where they do.
    let f = open("#/outcome?who=staff&task=share");
    assert!(f.notices.contains(&Notice::Moved));
    assert_eq!(f.page, Page::Tasks);
    // An answer for another route: left out, and said.
    let f = open("#/check?who=staff&task=ask&basis-purpose=care");
    assert!(
        f.notices
            .iter()
            .any(|n| matches!(n, Notice::OffRoute(_, 1))),
        "{:?}",
        f.notices
    );
    assert_eq!(f.page, Page::Check);
    // Round trip of a location with every kind of answer.
    let l = Location {
        page: Page::Tasks,
        answers: answers(&[
            ("data-org", "Derby & Co, 50% «x»"),
            ("data-ids", "name,nhs-number"),
        ]),
    };
    assert_eq!(parse(&l.to_string()), Ok(Some(l)));
}

// ---- the result -------------------------------------------------------------------

fn result<'a>(b: &'a Bundle, a: &Answers, today: &str) -> Report<'a> {
    let j = Journey::new(b, a).unwrap();
    // The report borrows the bundle only: rebuild it from a journey that lives as long.
    let r = report(&j, day(today)).expect("complete");
    // Safety of lifetimes: Report<'a> holds references into `b`, not into `j`.
    r
}

const PERSONAL: [(&str, &str); 6] = [
    ("who", "staff"),
    ("task", "share"),
    ("data-org", "Derby City Council"),
    ("data-ids", "name"),
    ("data-received", "2026-01-02"),
    ("basis-purpose", "care"),
];

#[test]
fn one_result_for_the_whole_route() {
    let b = sound();
    let r = result(&b, &answers(&PERSONAL), "2026-01-07");
    assert_eq!(r.route.id, "share");
    let decisions: Vec<(&str, &str)> = r
        .parts
        .iter()
        .map(|p| (p.part.id.as_str(), p.decision.id.as_str()))
        .collect();
    assert_eq!(decisions, [("data", "personal"), ("basis", "care")]);
    // No item twice: 'least-data' is listed in the first part that has it only.
    let items: Vec<Vec<&str>> = r
        .parts
        .iter()
        .map(|p| p.checklist.iter().map(|i| i.id).collect())
        .collect();
    assert_eq!(items, [vec!["least-data", "plan"], vec![]]);
    // Contacts: the route's, then each decision's, each once, in order.
    let contacts: Vec<&str> = r.contacts.iter().map(|c| c.role).collect();
    assert_eq!(contacts, ["team", "web"]);
    // Why: the triage's reasons, then each part's.
    assert_eq!(r.reasons.len(), 2);
    assert_eq!(
        r.parts[0].reasons.len(),
        1,
        "the reason of the identifier chosen"
    );
    assert_eq!(r.summary, "Staff summary.");
    let team = &r.contacts[0];
    assert_eq!(
        team.tel.as_ref().map(|h| h.as_str()),
        Some("tel:+441234567890;ext=123")
    );
    // Someone from another organisation: the result speaks to them.
    let mut ext = answers(&PERSONAL);
    ext.insert("who".into(), "other".into());
    let r = result(&b, &ext, "2026-01-07");
    assert!(r.external);
    assert_eq!(r.summary, "External summary.");
    assert!(r.parts[1].checklist.iter().any(|i| i.id == "tell-them"));
}

#[test]
fn details_fill_the_result_and_clocks_count_from_the_date_given() {
    let b = sound();
    let anon = answers(&[
        ("who", "staff"),
        ("task", "share"),
        ("data-org", "Derby City Council"),
        ("data-ids", "none"),
        ("data-received", "2026-01-31"),
    ]);
    let r = result(&b, &anon, "2026-02-02");
    assert_eq!(r.parts[0].title, "Anonymous data for Derby City Council");
    assert_eq!(
        r.parts[0].checklist[0].text,
        "Check with Derby City Council that it cannot re-identify anyone."
    );
    let d = &r.dates[0];
    assert_eq!(d.label, "Answer Derby City Council by");
    // One calendar month from 31 January: the end of February.
    assert_eq!(
        d.value,
        DateValue::Clock {
            due: day("2026-02-28"),
            extended: None
        }
    );
    // A text answer is text: markup in it stays as it was typed.
    let mut markup = anon.clone();
    markup.insert("data-org".into(), "<b>Co</b>".into());
    assert_eq!(
        result(&b, &markup, "2026-02-02").parts[0].title,
        "Anonymous data for <b>Co</b>"
    );
}

#[test]
fn meeting_dates_agenda_deadlines_and_a_clock_from_today() {
    let b = sound();
    let a = answers(&PERSONAL);
    let dates = |today: &str| result(&b, &a, today).dates;
    // Board meets 14 Jan, 11 Feb, 11 Mar 2026; agenda closes 7 days before.
    let v = dates("2026-01-07");
    assert!(matches!(&v[0].value, DateValue::Meeting { date, .. } if *date == day("2026-01-14")));
    assert!(
        matches!(&v[1].value, DateValue::Deadline { deadline, date, .. } if *deadline == day("2026-01-07") && *date == day("2026-01-14"))
    );
    let v = dates("2026-01-08");
    assert!(
        matches!(&v[1].value, DateValue::Deadline { deadline, .. } if *deadline == day("2026-02-04"))
    );
    // After the last meeting: no date is invented, and the meeting's note is given once.
    let r = result(&b, &a, "2026-03-12");
    assert!(r.dates.is_empty());
    assert_eq!(r.meeting_notes.len(), 1);
    assert_eq!(
        r.meeting_notes[0].text,
        b.organisation.meetings["board"].cadence
    );
    // A route's clock from today.
    let r = result(
        &b,
        &answers(&[("who", "staff"), ("task", "ask")]),
        "2026-03-03",
    );
    assert_eq!(
        r.dates[0].value,
        DateValue::Clock {
            due: day("2026-04-03"),
            extended: Some(day("2026-06-03"))
        }
    );
}

#[test]
fn reviews_are_shown_and_warned_about_after_a_year() {
    let b = sound();
    let r = result(&b, &answers(&PERSONAL), "2026-06-01");
    let got: Vec<(Vec<&str>, bool)> = r
        .reviews
        .iter()
        .map(|v| (v.questionnaires.clone(), v.overdue))
        .collect();
    assert_eq!(
        got,
        [(vec!["entry", "data"], false), (vec!["basis"], false)]
    );
    let r = result(&b, &answers(&PERSONAL), "2026-06-02");
    assert!(r.reviews[1].overdue, "basis was reviewed on 1 June 2025");
    assert!(r.reviews[1].warning().is_some());
}

#[test]
fn the_record_holds_every_fact_of_the_result() {
    let b = sound();
    let a = answers(&PERSONAL);
    let made = "2026-01-07T10:00";
    let text = navigator::engine::record::record_html(&b, &a, day("2026-01-07"), made).unwrap();
    for fact in [
        "Sharing",
        "Personal data",
        "Direct care",
        "Share the least data.",
        "Fill in the plan.",
        "https://example.org/plan.docx",
        "01234 567890 extension 123",
        "ig@example.nhs.uk",
        "14 January 2026",
        "7 January 2026",
        "Derby City Council",
        "Name",
    ] {
        assert!(text.contains(fact), "{fact} missing:\n{text}");
    }
    // Once in what is read (the machine-readable block also lists it).
    let read = text.split("<script").next().unwrap();
    assert_eq!(
        read.matches("Share the least data.").count(),
        1,
        "no item twice"
    );
    assert!(navigator::engine::record::record_html(
        &b,
        &answers(&[("who", "staff")]),
        day("2026-01-07"),
        made
    )
    .is_none());
}

// ---- organisation configuration ------------------------------------------------------

#[test]
fn organisation_patch_keeps_defaults_where_the_patch_is_wrong() {
    let base = sound().organisation;
    let s = read_settings(
        &base,
        &[
            r#"{"name": "Other Trust", "contacts": {"team": {"email": "not-an-email"}, "nobody": {"name": "X"}}, "meetings": {"board": {"dates": ["2027-01-13"]}}}"#,
        ],
        day("2026-11-25"),
    );
    assert_eq!(s.organisation.name, "Other Trust");
    assert_eq!(s.organisation.meetings["board"].dates, ["2027-01-13"]);
    assert_eq!(s.organisation.contacts["team"], base.contacts["team"]);
    let mut paths: Vec<&str> = s.problems.iter().map(|p| p.path.as_str()).collect();
    paths.sort();
    assert_eq!(paths, ["contacts.nobody", "contacts.team.email"]);
}
