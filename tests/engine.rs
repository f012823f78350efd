//! Native tests of the pure core: the loader and validator on fixtures, routing and the
//! flow's transitions, the outcome's facts and dates. They assert ids and facts, not wording.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use navigator::engine::flow::{Action, Flow, Notice, Page};
use navigator::engine::keep::Kept;
use navigator::engine::load::{load, load_dir, Source};
use navigator::engine::model::Bundle;
use navigator::engine::org::read_settings;
use navigator::engine::report::{report, DateLine, DateValue, MeetingNote};
use navigator::engine::route::{parse, Location};
use navigator::engine::validate::{Problem, ProblemKind};
use navigator::engine::walk::{walk, Answers};
use std::path::Path;
use std::rc::Rc;

fn fixture(name: &str) -> Result<Bundle, Vec<Problem>> {
    load_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
}

fn sound() -> Bundle {
    fixture("sound").unwrap_or_else(|p| panic!("sound fixture has problems: {p:#?}"))
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

// ---- validation -------------------------------------------------------------------

/// Every problem in the broken fixture is reported at once, each with its file and id.
#[test]
fn broken_fixture_reports_every_problem_at_once() {
    let problems = fixture("broken").expect_err("the broken fixture must not load");
    let got: Vec<(String, String, ProblemKind)> = problems
        .iter()
        .map(|p| (p.file.clone(), p.at.clone(), p.kind))
        .collect();
    use ProblemKind::*;
    let expect = [
        ("main.toml", "question 'q1' / option 'a'", UnknownNext),
        ("main.toml", "question 'q2' / option 'a'", DuplicateId),
        ("main.toml", "outcome 'q1'", DuplicateId),
        ("main.toml", "question 'island'", Unreachable),
        ("main.toml", "question 'island'", TooFewOptions),
        ("main.toml", "question 'q3'", Loop),
        ("main.toml", "outcome 'q1'", NoChecklist),
        ("main.toml", "outcome 'q1'", NoContact),
        ("main.toml", "outcome 'end'", UnknownContact),
        ("main.toml", "outcome 'end' / checklist 'item'", Empty),
        (
            "main.toml",
            "outcome 'end' / checklist 'item'",
            UnknownTemplate,
        ),
        (
            "main.toml",
            "outcome 'end' / checklist 'item'",
            BadCondition,
        ),
        ("main.toml", "outcome 'end' / date 'd'", UnknownMeeting),
        ("organisation.toml", "contact 'silent'", BadContact),
        ("organisation.toml", "meeting 'board'", BadDate),
    ];
    for (file, at, kind) in expect {
        assert!(
            got.iter()
                .any(|(f, a, k)| f == file && a == at && *k == kind),
            "expected {kind:?} at {file}: {at}; got:\n{}",
            problems
                .iter()
                .map(|p| format!("  {p} [{:?}]", p.kind))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    // No knock-on noise: the duplicate id 'q1' does not make q1's successors look unreachable.
    let unreachable: Vec<&str> = problems
        .iter()
        .filter(|p| p.kind == Unreachable)
        .map(|p| p.at.as_str())
        .collect();
    assert_eq!(unreachable, ["question 'island'"]);
    // The `when` names both an unknown answer and a question never asked on the way.
    let when = problems.iter().filter(|p| p.kind == BadCondition).count();
    assert_eq!(when, 2, "{problems:#?}");
    // Messages name the ids they concern.
    let loop_msg = &problems.iter().find(|p| p.kind == Loop).unwrap().message;
    assert!(
        loop_msg.contains("q2") && loop_msg.contains("q3"),
        "{loop_msg}"
    );
}

#[test]
fn parse_errors_in_several_files_are_all_reported_with_lines() {
    let problems = fixture("unparsable").expect_err("must not load");
    let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, ["one.toml", "two.toml"], "{problems:#?}");
    assert!(problems.iter().all(|p| p.kind == ProblemKind::Parse));
    assert!(
        problems.iter().all(|p| p.at.starts_with("line ")),
        "{problems:#?}"
    );
    assert!(
        problems[0].message.contains("colour"),
        "{}",
        problems[0].message
    );
}

/// One mutation of the sound fixture per rule: (file, text to replace, replacement, kind, where).
#[test]
fn each_rule_on_its_own() {
    use ProblemKind::*;
    let cases: &[(&str, &str, &str, ProblemKind, &str)] = &[
        (
            "b-project.toml",
            "next = \"done-audit\"",
            "next = \"done-audti\"",
            UnknownNext,
            "question 'kind' / option 'no'",
        ),
        (
            "b-project.toml",
            "next = \"done-audit\"",
            "next = \"kind\"",
            Loop,
            "question 'kind'",
        ),
        (
            "b-project.toml",
            "id = \"consent\"",
            "id = \"who\"",
            DuplicateId,
            "question 'who'",
        ),
        ("a-entry.toml", "entry = true", "entry = false", Entry, ""),
        (
            "a-entry.toml",
            "reviewed = \"2026-01-02\"",
            "reviewed = \"2026-02-30\"",
            BadDate,
            "",
        ),
        (
            "a-entry.toml",
            "reviewed = \"2026-01-02\"",
            "reviewed = \"\"",
            Empty,
            "",
        ),
        (
            "b-project.toml",
            "reviewed_by = \"Fixture reviewer\"",
            "reviewed_by = \" \"",
            Empty,
            "",
        ),
        (
            "b-project.toml",
            "law_checked = \"2026-01-03\"",
            "law_checked = \"3 January 2026\"",
            BadDate,
            "",
        ),
        (
            "b-project.toml",
            "law_checked = \"2026-01-03\"",
            "law_checked = \"\"",
            Empty,
            "",
        ),
        (
            "a-entry.toml",
            "error = \"Select who you are\"",
            "error = \" \"",
            Empty,
            "question 'who'",
        ),
        (
            "a-entry.toml",
            "contacts = [\"team\"]",
            "contacts = []",
            NoContact,
            "outcome 'done-other'",
        ),
        (
            "a-entry.toml",
            "contacts = [\"team\"]",
            "contacts = [\"tema\"]",
            UnknownContact,
            "outcome 'done-other'",
        ),
        (
            "a-entry.toml",
            "source = \"Fixture 1\"",
            "source = \" \"",
            Empty,
            "outcome 'done-other' / checklist 'ask'",
        ),
        (
            "a-entry.toml",
            "months = 1\n",
            "months = 0\n",
            BadDate,
            "outcome 'done-other' / date 'reply'",
        ),
        (
            "b-project.toml",
            "meeting = \"board\"\n  [[outcomes.dates]]",
            "meeting = \"bored\"\n  [[outcomes.dates]]",
            UnknownMeeting,
            "outcome 'done-audit' / date 'board'",
        ),
        (
            "b-project.toml",
            "template = \"plan\"",
            "template = \"plane\"",
            UnknownTemplate,
            "outcome 'done-audit' / checklist 'plan'",
        ),
        (
            "b-project.toml",
            "when = { consent = \"no\" }",
            "when = { consent = \"maybe\" }",
            BadCondition,
            "outcome 'done-research' / checklist 's251'",
        ),
        (
            "b-project.toml",
            "next = \"done-audit\"",
            "next = \"done-research\"",
            Unreachable,
            "outcome 'done-audit'",
        ),
        (
            "organisation.toml",
            "email = \"ig@example.nhs.uk\"",
            "email = \"ig.example.nhs.uk\"",
            BadContact,
            "contact 'team'",
        ),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sound");
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
    for (file, from, to, kind, at) in cases {
        let mut texts: Vec<(String, String)> =
            ["a-entry.toml", "b-project.toml", "organisation.toml"]
                .iter()
                .map(|n| (n.to_string(), read(n)))
                .collect();
        let t = &mut texts.iter_mut().find(|(n, _)| n == file).unwrap().1;
        assert!(t.contains(from), "case text not found: {from}");
        *t = t.replacen(from, to, 1);
        let org = texts
            .iter()
            .find(|(n, _)| n == "organisation.toml")
            .unwrap()
            .1
            .clone();
        let sources: Vec<Source> = texts
            .iter()
            .filter(|(n, _)| n != "organisation.toml")
            .map(|(name, text)| Source { name, text })
            .collect();
        let problems = load(&org, &sources).expect_err(&format!("{kind:?} not detected"));
        assert!(
            problems.iter().any(|p| p.kind == *kind && p.at == *at),
            "{kind:?} at '{at}' expected; got {problems:#?}"
        );
    }
}

#[test]
fn builtin_content_is_sound() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/content");
    let from_toml = load_dir(&dir).unwrap_or_else(|p| panic!("{p:#?}"));
    // What the browser gets (the JSON build.rs wrote) is the same bundle.
    assert_eq!(navigator::builtin(), from_toml);
}

// ---- walking and the flow -----------------------------------------------------------

#[test]
fn walk_follows_answers_and_stops_at_the_first_unanswered() {
    let b = sound();
    let w = walk(&b, &answers(&[("who", "staff")])).unwrap();
    assert_eq!(w.current.id(), "kind");
    let w = walk(
        &b,
        &answers(&[("who", "staff"), ("kind", "yes"), ("consent", "no")]),
    )
    .unwrap();
    assert_eq!(w.outcome().map(|o| o.id.as_str()), Some("done-research"));
    // An answer the question does not offer counts as no answer.
    let w = walk(&b, &answers(&[("who", "staff"), ("kind", "perhaps")])).unwrap();
    assert_eq!(w.current.id(), "kind");
}

fn flow() -> Flow {
    Flow::new(Rc::new(sound()))
}

fn run(f: Flow, actions: &[Action]) -> Flow {
    actions.iter().cloned().fold(f, Flow::apply)
}

fn sel(o: &str) -> Action {
    Action::Select(o.into())
}

#[test]
fn continue_without_an_answer_is_an_error_and_stays() {
    let f = run(flow(), &[Action::Start, Action::Continue]);
    assert_eq!(f.page, Page::Question("who".into()));
    assert!(f.missing);
    let f = f.apply(sel("staff"));
    assert!(!f.missing, "choosing clears the error");
    let f = f.apply(Action::Continue);
    assert_eq!(f.page, Page::Question("kind".into()));
}

#[test]
fn back_keeps_the_answer() {
    let f = run(
        flow(),
        &[Action::Start, sel("staff"), Action::Continue, Action::Back],
    );
    assert_eq!(f.page, Page::Question("who".into()));
    assert_eq!(f.draft.as_deref(), Some("staff"));
    // Continue again goes to the next question in order, its answer kept.
    let f = run(f, &[Action::Back]);
    assert_eq!(f.page, Page::Start);
}

#[test]
fn full_route_then_change_drops_only_what_no_longer_applies() {
    let f = run(
        flow(),
        &[
            Action::Start,
            sel("staff"),
            Action::Continue,
            sel("yes"),
            Action::Continue,
            sel("no"),
            Action::Continue,
        ],
    );
    assert_eq!(f.page, Page::Check);
    assert_eq!(
        f.answers,
        answers(&[("who", "staff"), ("kind", "yes"), ("consent", "no")])
    );
    // Changing 'kind' to 'no' ends at the audit: 'consent' no longer applies, 'who' stays.
    let f = run(
        f,
        &[Action::Change("kind".into()), sel("no"), Action::Continue],
    );
    assert_eq!(f.page, Page::Check);
    assert_eq!(f.answers, answers(&[("who", "staff"), ("kind", "no")]));
    // Changing back asks the now-unanswered question, then returns to check.
    let f = run(
        f,
        &[Action::Change("kind".into()), sel("yes"), Action::Continue],
    );
    assert_eq!(f.page, Page::Question("consent".into()));
    let f = run(f, &[sel("yes"), Action::Continue]);
    assert_eq!(f.page, Page::Check);
    let f = f.apply(Action::Confirm);
    assert_eq!(f.page, Page::Outcome);
    let f = f.apply(Action::Restart);
    assert_eq!((f.page.clone(), f.answers.len()), (Page::Start, 0));
}

#[test]
fn loading_a_tampered_location_keeps_what_is_usable_and_says_what_is_not() {
    let loc = Location {
        page: Page::Outcome,
        answers: answers(&[("who", "staff"), ("kind", "sideways"), ("nosuch", "x")]),
    };
    let f = flow().open(Ok(Some(loc)), Kept::Nothing);
    assert_eq!(f.answers, answers(&[("who", "staff")]));
    assert_eq!(
        f.page,
        Page::Question("kind".into()),
        "the outcome is not reached, so the next question shows"
    );
    assert!(f.notices.contains(&Notice::Ignored(
        navigator::engine::flow::Source::Link,
        vec![
            ("kind".into(), "sideways".into()),
            ("nosuch".into(), "x".into())
        ]
    )));
    assert!(f.notices.contains(&Notice::Moved));
    // A question the answers do not lead to is not shown: the start page, and a word why.
    let f = flow().open(
        Ok(Some(Location {
            page: Page::Question("consent".into()),
            answers: answers(&[]),
        })),
        Kept::Nothing,
    );
    assert_eq!(f.page, Page::Start);
    assert!(f.notices.contains(&Notice::Moved));
}

#[test]
fn change_of_an_unreached_question_is_refused() {
    let f = run(flow(), &[Action::Start, Action::Change("consent".into())]);
    assert_eq!(f.page, Page::Question("who".into()));
    assert!(!f.changing);
}

// ---- the URL ------------------------------------------------------------------------

#[test]
fn locations_round_trip_and_bad_ones_are_explained() {
    let loc = Location {
        page: Page::Question("kind".into()),
        answers: answers(&[("who", "staff"), ("odd id", "a&b=c")]),
    };
    let s = loc.to_string();
    assert_eq!(parse(&s).unwrap(), Some(loc));
    assert_eq!(parse("").unwrap(), None);
    assert_eq!(parse("#/check").unwrap().unwrap().page, Page::Check);
    for bad in [
        "#/nowhere",
        "#/q/",
        "#/start?who",
        "#/start?who=a&who=b",
        "#/start?who=%ZZ",
        "#/start?=x",
    ] {
        let e = parse(bad).expect_err(bad);
        assert!(!e.is_empty());
    }
}

// ---- the outcome --------------------------------------------------------------------

#[test]
fn report_filters_the_checklist_by_the_answers() {
    let b = sound();
    let with = answers(&[("who", "staff"), ("kind", "yes"), ("consent", "no")]);
    let w = walk(&b, &with).unwrap();
    let r = report(&b, &w, &with, day("2026-01-01")).unwrap();
    let ids: Vec<&str> = r.checklist.iter().map(|i| i.item.id.as_str()).collect();
    assert_eq!(ids, ["protocol", "s251"]);
    let without = answers(&[("who", "staff"), ("kind", "yes"), ("consent", "yes")]);
    let w = walk(&b, &without).unwrap();
    let r = report(&b, &w, &without, day("2026-01-01")).unwrap();
    let ids: Vec<&str> = r.checklist.iter().map(|i| i.item.id.as_str()).collect();
    assert_eq!(ids, ["protocol"]);
    assert_eq!(r.reasons.len(), 1, "one answer on the path gives a reason");
    let roles: Vec<&str> = r.contacts.iter().map(|c| c.role).collect();
    assert_eq!(roles, ["team", "web"]);
}

#[test]
fn contacts_get_dialable_links_through_the_switchboard() {
    let b = sound();
    let a = answers(&[("who", "other")]);
    let w = walk(&b, &a).unwrap();
    let r = report(&b, &w, &a, day("2026-01-01")).unwrap();
    let team = &r.contacts[0];
    assert_eq!(
        team.tel.as_ref().map(|h| h.as_str()),
        Some("tel:+441234567890;ext=123")
    );
    assert_eq!(
        team.mailto.as_ref().map(|h| h.as_str()),
        Some("mailto:ig@example.nhs.uk")
    );
}

fn dates_on(today: &str, a: &[(&str, &str)]) -> Vec<DateValue> {
    let b = sound();
    let a = answers(a);
    let w = walk(&b, &a).unwrap();
    report(&b, &w, &a, day(today))
        .unwrap()
        .dates
        .into_iter()
        .map(|d| d.value)
        .collect()
}

fn dates_and_notes_on(today: &str, a: &[(&str, &str)]) -> (Vec<DateLine>, Vec<MeetingNote>) {
    let b = sound();
    let a = answers(a);
    let w = walk(&b, &a).unwrap();
    let r = report(&b, &w, &a, day(today)).unwrap();
    (r.dates, r.meeting_notes)
}

#[test]
fn meeting_dates_and_agenda_deadlines() {
    let audit = [("who", "staff"), ("kind", "no")];
    // Board meets 14 Jan, 11 Feb, 11 Mar 2026; agenda closes 7 days before.
    let v = dates_on("2026-01-07", &audit);
    assert!(matches!(&v[0], DateValue::Meeting { date, .. } if *date == day("2026-01-14")));
    assert!(
        matches!(&v[1], DateValue::Deadline { deadline, date, .. } if *deadline == day("2026-01-07") && *date == day("2026-01-14"))
    );
    // A day later January's agenda has closed: February's deadline applies.
    let v = dates_on("2026-01-08", &audit);
    assert!(matches!(&v[0], DateValue::Meeting { date, .. } if *date == day("2026-01-14")));
    assert!(
        matches!(&v[1], DateValue::Deadline { deadline, .. } if *deadline == day("2026-02-04"))
    );
    // After the last agenda deadline: the meeting is still known, the deadline is not
    // invented, and the board's note says once how to get its dates.
    let (v, notes) = dates_and_notes_on("2026-03-05", &audit);
    assert_eq!(
        v.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["board"]
    );
    assert!(matches!(&v[0].value, DateValue::Meeting { date, .. } if *date == day("2026-03-11")));
    assert_eq!(
        notes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
        ["board"]
    );
    // After the last listed meeting: no date at all, and one note for the meeting, in its
    // own words (the cadence), not one per date.
    let (v, notes) = dates_and_notes_on("2026-03-12", &audit);
    assert!(v.is_empty(), "{v:?}");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].id, "board");
    assert_eq!(
        notes[0].text,
        sound().organisation.meetings["board"].cadence
    );
    // Where every date can be worked out there is no note.
    assert!(dates_and_notes_on("2026-01-07", &audit).1.is_empty());
}

#[test]
fn a_meeting_without_cadence_says_where_to_look() {
    let mut b = sound();
    b.organisation
        .meetings
        .get_mut("board")
        .unwrap()
        .cadence
        .clear();
    let a = answers(&[("who", "staff"), ("kind", "no")]);
    let w = walk(&b, &a).unwrap();
    let r = report(&b, &w, &a, day("2026-03-12")).unwrap();
    assert_eq!(r.meeting_notes.len(), 1);
    assert!(
        r.meeting_notes[0].text.contains(&b.organisation.intranet),
        "{:?}",
        r.meeting_notes
    );
}

#[test]
fn response_clock_counts_calendar_months_and_clamps_to_month_end() {
    let other = [("who", "other")];
    let v = dates_on("2026-03-03", &other);
    assert_eq!(
        v[0],
        DateValue::Clock {
            due: day("2026-04-03"),
            extended: Some(day("2026-06-03"))
        }
    );
    let v = dates_on("2026-01-31", &other);
    assert_eq!(
        v[0],
        DateValue::Clock {
            due: day("2026-02-28"),
            extended: Some(day("2026-04-28"))
        }
    );
}

// ---- how old the content is ------------------------------------------------------------

fn reviews_on(b: &Bundle, today: &str, a: &[(&str, &str)]) -> Vec<(Vec<String>, bool)> {
    let a = answers(a);
    let w = walk(b, &a).unwrap();
    report(b, &w, &a, day(today))
        .unwrap()
        .reviews
        .iter()
        .map(|r| {
            (
                r.questionnaires.iter().map(|q| q.to_string()).collect(),
                r.overdue,
            )
        })
        .collect()
}

/// The fixture's files were reviewed on 2 January 2026.
#[test]
fn a_review_within_a_year_is_shown_without_a_warning() {
    let b = sound();
    let audit = [("who", "staff"), ("kind", "no")];
    // The route goes through both files, reviewed together: one review.
    assert_eq!(
        reviews_on(&b, "2026-06-01", &audit),
        [(vec!["a".to_string(), "b".to_string()], false)]
    );
    // A year to the day is not yet more than a year.
    assert_eq!(
        reviews_on(&b, "2027-01-02", &audit),
        [(vec!["a".to_string(), "b".to_string()], false)]
    );
    // Only the files the route went through.
    assert_eq!(
        reviews_on(&b, "2026-06-01", &[("who", "other")]),
        [(vec!["a".to_string()], false)]
    );
    let a = answers(&audit);
    let w = walk(&b, &a).unwrap();
    let r = report(&b, &w, &a, day("2026-06-01")).unwrap();
    assert_eq!(r.reviews[0].reviewed, day("2026-01-02"));
    assert_eq!(r.reviews[0].law_checked, day("2026-01-03"));
    assert_eq!(r.reviews[0].reviewed_by, "Fixture reviewer");
    assert!(r.reviews[0].warning().is_none());
    let text = navigator::engine::export::plain_text(&b, &a, day("2026-06-01")).unwrap();
    assert!(text.contains("Fixture reviewer") && text.contains("2 January 2026"));
    assert!(!text.contains("WARNING"));
}

#[test]
fn a_review_more_than_a_year_old_is_warned_about() {
    let b = sound();
    let audit = [("who", "staff"), ("kind", "no")];
    assert_eq!(
        reviews_on(&b, "2027-01-03", &audit),
        [(vec!["a".to_string(), "b".to_string()], true)]
    );
    let a = answers(&audit);
    let w = walk(&b, &a).unwrap();
    let r = report(&b, &w, &a, day("2027-01-03")).unwrap();
    assert!(r.reviews[0].warning().is_some());
    let text = navigator::engine::export::plain_text(&b, &a, day("2027-01-03")).unwrap();
    assert!(text.contains("WARNING"), "{text}");
    // Files reviewed at different times are shown apart, each with its own age.
    let mut b = b;
    b.questionnaires
        .iter_mut()
        .find(|q| q.id == "b")
        .unwrap()
        .reviewed = "2026-12-01".into();
    assert_eq!(
        reviews_on(&b, "2027-01-03", &audit),
        [
            (vec!["a".to_string()], true),
            (vec!["b".to_string()], false)
        ]
    );
}

// ---- organisation configuration ------------------------------------------------------

#[test]
fn organisation_patch_keeps_defaults_where_the_patch_is_wrong() {
    let base = sound().organisation;
    let today = day("2026-11-25");
    let read = |base: &navigator::engine::model::Organisation, block: &str| {
        read_settings(base, &[block], today)
    };
    let s = read(
        &base,
        r#"{"name": "Other Trust",
            "contacts": {"team": {"email": "not-an-email"}, "nobody": {"name": "X"}},
            "meetings": {"board": {"dates": ["2027-01-13"]}}}"#,
    );
    let org = &s.organisation;
    assert_eq!(org.name, "Other Trust");
    assert_eq!(org.meetings["board"].dates, ["2027-01-13"]);
    assert_eq!(
        org.contacts["team"], base.contacts["team"],
        "a bad contact field falls back to the default"
    );
    let mut paths: Vec<&str> = s.problems.iter().map(|p| p.path.as_str()).collect();
    paths.sort();
    assert_eq!(paths, ["contacts.nobody", "contacts.team.email"], "{s:#?}");
    // A switchboard that strands an extension-only contact is refused; one that does not is taken.
    let mut base = base;
    base.contacts.get_mut("team").unwrap().email.clear();
    let s = read(&base, r#"{"switchboard": ""}"#);
    assert_eq!(s.organisation.switchboard, base.switchboard);
    assert_eq!(s.problems.len(), 1, "{s:#?}");
    assert_eq!(s.problems[0].path, "switchboard");
    let s = read(&base, r#"{"switchboard": "01999 000000"}"#);
    assert_eq!(s.organisation.switchboard, "01999 000000");
    // An empty name keeps the default.
    let s = read(&base, r#"{"name": " "}"#);
    assert_eq!(s.organisation.name, base.name);
    // Unknown fields are reported with the field's name and ignored.
    let s = read(&base, r#"{"contact": {}}"#);
    assert_eq!(s.organisation, base);
    assert_eq!(s.problems[0].path, "contact");
}

// ---- export -------------------------------------------------------------------------

#[test]
fn the_exported_checklist_holds_every_fact_of_the_outcome() {
    let b = sound();
    let a = answers(&[("who", "staff"), ("kind", "no")]);
    let text = navigator::engine::export::plain_text(&b, &a, day("2026-01-07")).unwrap();
    let outcome = b.outcome("done-audit").unwrap();
    assert!(text.contains(&outcome.title));
    for item in &outcome.checklist {
        assert!(
            text.contains(&item.text) && text.contains(&item.source),
            "{}",
            item.id
        );
    }
    assert!(
        text.contains("https://example.org/plan.docx"),
        "the template link"
    );
    assert!(text.contains("01234 567890 extension 123") && text.contains("ig@example.nhs.uk"));
    assert!(text.contains("14 January 2026"), "the next meeting");
    assert!(text.contains("7 January 2026"), "the agenda deadline");
    let cadence = &b.organisation.meetings["board"].cadence;
    assert!(
        !text.contains(cadence.as_str()),
        "no note while every date is known"
    );
    // After the last meeting: no dates, and the note once.
    let later = navigator::engine::export::plain_text(&b, &a, day("2026-03-12")).unwrap();
    assert_eq!(later.matches(cadence.as_str()).count(), 1, "{later}");
    assert!(!later.contains("11 March 2026"), "no past meeting is shown");
    // Not before an outcome.
    assert!(navigator::engine::export::plain_text(
        &b,
        &answers(&[("who", "staff")]),
        day("2026-01-07")
    )
    .is_none());
}
