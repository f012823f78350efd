//! The calendar file (`engine::calendar::ics`): RFC 5545 structure, folding at 75 octets
//! with CRLF, TEXT escaping, all-day events ending the next day, one event a date (two
//! for an agenda deadline), stable unique UIDs, and no text answer but in a date's label.
//! Today is fixed to 2026-11-25; meeting dates are added to the built-in organisation.

#![cfg(not(target_arch = "wasm32"))]

use navigator::engine::calendar::{ics, text, LINE_OCTETS};
use navigator::engine::journey::{Answers, Journey};
use navigator::engine::model::{Bundle, Kind};
use navigator::engine::paths::cover;
use navigator::engine::report::{report, DateValue, Report};

const TODAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 11, 25) {
    Some(d) => d,
    None => panic!(),
};
const STAMP: &str = "20261125T140300Z";
const MARK: &str = "Zebrafish Quokka";

/// The built-in content with coming dates for every meeting.
fn bundle() -> Bundle {
    let mut b = navigator::builtin();
    for m in b.organisation.meetings.values_mut() {
        m.dates = vec![
            "2026-12-10".into(),
            "2027-01-14".into(),
            "2027-02-11".into(),
        ];
    }
    b
}

/// Every walk, its text answers set to [`MARK`].
fn walks(b: &Bundle) -> Vec<Answers> {
    cover(b)
        .into_iter()
        .map(|mut w| {
            for (q, a) in w.iter_mut() {
                if b.question(q).is_some_and(|q| q.kind == Kind::Text) {
                    *a = MARK.to_string();
                }
            }
            w
        })
        .collect()
}

/// Unfolds content lines (RFC 5545 section 3.1).
fn unfold(ics: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in ics.split("\r\n") {
        if let Some(rest) = line.strip_prefix(' ') {
            out.last_mut().expect("a line to continue").push_str(rest);
        } else if !line.is_empty() {
            out.push(line.to_string());
        }
    }
    out
}

fn unescape(t: &str) -> String {
    let mut out = String::new();
    let mut chars = t.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(c) => out.push(c),
                None => panic!("a lone backslash"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn events_expected(r: &Report<'_>) -> usize {
    r.dates
        .iter()
        .map(|d| match d.value {
            DateValue::Deadline { .. } => 2,
            _ => 1,
        })
        .sum()
}

fn check(cal: &str, r: &Report<'_>) {
    // Physical lines: CRLF only, at most 75 octets.
    assert!(cal.ends_with("\r\n"));
    for line in cal.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= LINE_OCTETS, "{} octets: {line}", line.len());
    }
    let lines = unfold(cal);
    assert_eq!(
        &lines[..5],
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Data Sharing Navigator//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH"
        ]
    );
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    // BEGIN and END balance, properly nested.
    let mut stack = Vec::new();
    for l in &lines {
        if let Some(what) = l.strip_prefix("BEGIN:") {
            stack.push(what.to_string());
        } else if let Some(what) = l.strip_prefix("END:") {
            assert_eq!(stack.pop().as_deref(), Some(what));
        }
    }
    assert!(stack.is_empty());
    let events: Vec<&[String]> = lines
        .split(|l| l == "BEGIN:VEVENT")
        .skip(1)
        .map(|e| &e[..e.iter().position(|l| l == "END:VEVENT").unwrap()])
        .collect();
    assert_eq!(events.len(), events_expected(r), "one event a date");
    let mut uids = std::collections::BTreeSet::new();
    for e in events {
        let get = |name: &str| -> &str {
            let found: Vec<&String> = e
                .iter()
                .filter(|l| l.split([':', ';']).next() == Some(name))
                .collect();
            assert_eq!(found.len(), 1, "{name} once in {e:?}");
            found[0].split_once(':').unwrap().1
        };
        let uid = get("UID");
        assert!(uid.ends_with("@data-sharing-navigator"), "{uid}");
        assert!(uids.insert(uid.to_string()), "UID {uid} twice");
        assert_eq!(get("DTSTAMP"), STAMP);
        assert_eq!(get("TRANSP"), "TRANSPARENT");
        assert!(e.iter().any(|l| l.starts_with("DTSTART;VALUE=DATE:")));
        assert!(e.iter().any(|l| l.starts_with("DTEND;VALUE=DATE:")));
        let day = |v: &str| chrono::NaiveDate::parse_from_str(v, "%Y%m%d").unwrap();
        let start = day(get("DTSTART"));
        assert_eq!(day(get("DTEND")), start.succ_opt().unwrap(), "all day");
        assert!(!get("SUMMARY").is_empty());
        let description = unescape(get("DESCRIPTION"));
        assert!(description.contains(&format!("Route: {}.", r.route.title.trim())));
        if let Some(c) = r.contacts.first() {
            assert!(description.contains(c.contact.name.trim()), "{description}");
            if c.mailto.is_some() {
                assert!(description.contains(c.contact.email.trim()));
            }
        }
        assert!(r.dates.iter().any(|d| d
            .value
            .describe()
            .contains(&navigator::engine::report::long_date(start))
            || matches!(d.value, DateValue::Clock { due, .. } if due == start)));
    }
}

#[test]
fn every_walk_with_dates_makes_a_calendar_to_the_rule() {
    let b = bundle();
    let mut with_dates = 0;
    let mut deadlines = 0;
    let mut extended = 0;
    for w in walks(&b) {
        let j = Journey::new(&b, &w).unwrap();
        let r = report(&j, TODAY).unwrap();
        let cal = ics(&r, &b.organisation, STAMP);
        if r.dates.is_empty() {
            assert!(cal.is_none());
            continue;
        }
        with_dates += 1;
        let cal = cal.unwrap();
        check(&cal, &r);
        // Stable: the same answers make the same file.
        assert_eq!(ics(&r, &b.organisation, STAMP).unwrap(), cal);
        // No text answer, except where a date's label names one.
        if cal.contains(MARK) || unfold(&cal).concat().contains(MARK) {
            assert!(r.dates.iter().any(|d| d.label.contains(MARK)));
        }
        for d in &r.dates {
            match d.value {
                DateValue::Deadline { .. } => deadlines += 1,
                DateValue::Clock {
                    extended: Some(_), ..
                } => {
                    extended += 1;
                    assert!(unescape(&unfold(&cal).concat()).contains("can be extended to"));
                }
                _ => {}
            }
        }
    }
    assert!(with_dates >= 5, "{with_dates} walks with dates");
    assert!(deadlines >= 1 && extended >= 1, "{deadlines} {extended}");
}

fn sar() -> Answers {
    [
        ("triage-who", "staff"),
        ("triage-task", "request"),
        ("request-who", "self"),
        ("request-self-who", "person"),
        ("request-self-identity", "known"),
        ("request-received", "2026-11-02"),
    ]
    .iter()
    .map(|(q, a)| (q.to_string(), a.to_string()))
    .collect()
}

#[test]
fn a_subject_access_request_gives_its_due_date() {
    let b = bundle();
    let j = Journey::new(&b, &sar()).unwrap();
    let r = report(&j, TODAY).unwrap();
    let cal = ics(&r, &b.organisation, STAMP).unwrap();
    let lines = unfold(&cal);
    assert!(
        lines.contains(&"DTSTART;VALUE=DATE:20261202".to_string()),
        "{cal}"
    );
    assert!(lines.contains(&"DTEND;VALUE=DATE:20261203".to_string()));
    assert!(lines
        .iter()
        .any(|l| l == "UID:request-subject-access-due-due-20261202@data-sharing-navigator"));
    // Another time of making changes only the stamp.
    let again = ics(&r, &b.organisation, "20270101T000000Z").unwrap();
    assert_eq!(again.replace("20270101T000000Z", STAMP), cal);
}

#[test]
fn a_bad_stamp_falls_back_to_the_day() {
    let b = bundle();
    let j = Journey::new(&b, &sar()).unwrap();
    let r = report(&j, TODAY).unwrap();
    let cal = ics(&r, &b.organisation, "now\r\nBEGIN:VEVENT").unwrap();
    assert!(unfold(&cal).contains(&"DTSTAMP:20261202T000000Z".to_string()));
    assert_eq!(cal.matches("BEGIN:VEVENT").count(), 1);
}

#[test]
fn no_dates_no_calendar() {
    let b = navigator::builtin();
    // A project whose meeting has no dates in the built-in content.
    let a = navigator::engine::route::parse("#/v2/outcome?triage-who=staff&triage-task=project&project-randomised=no&project-change-care=no&project-generalisable=no&project-standard=yes&project-title=Audit&project-identifiable=no&project-capacity=yes&project-leaves=no")
        .unwrap()
        .unwrap()
        .answers;
    let j = Journey::new(&b, &a).unwrap();
    let r = report(&j, TODAY).unwrap();
    assert!(
        r.dates.is_empty(),
        "no meeting dates in the built-in content"
    );
    assert!(ics(&r, &b.organisation, STAMP).is_none());
}

#[test]
fn text_is_escaped_and_long_lines_fold_on_character_boundaries() {
    assert_eq!(text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    assert_eq!(text("bell\u{7}"), "bell");
    let mut b = bundle();
    let routes = b.questionnaires.iter_mut().flat_map(|q| &mut q.routes);
    let route = routes.into_iter().find(|r| r.id == "request").unwrap();
    let title = format!("Requests, replies; back\\slash\nand {}", "é€😀".repeat(40));
    route.title = title.clone();
    let j = Journey::new(&b, &sar()).unwrap();
    let r = report(&j, TODAY).unwrap();
    let cal = ics(&r, &b.organisation, STAMP).unwrap();
    check(&cal, &r);
    let description = unfold(&cal)
        .into_iter()
        .find(|l| l.starts_with("DESCRIPTION:"))
        .unwrap();
    assert!(description.contains("Requests\\, replies\\; back\\\\slash\\nand é€😀"));
    assert!(unescape(&description).contains(&title));
    // Folded lines are many, each within 75 octets (checked above), none splitting a character.
    assert!(cal.lines().filter(|l| l.starts_with(' ')).count() > 5);
}
