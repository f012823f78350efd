//! The result's dates as a calendar file (RFC 5545) that Outlook, Google and Apple
//! calendars import: one all-day event a date (for an agenda deadline, the deadline and
//! the meeting; for a clock, the due date, its extension in the description), CRLF line
//! ends, lines folded at 75 octets on character boundaries, TEXT escaped.
//!
//! It carries no answer the person typed, except where a date's label (content) names one.

use super::model::Organisation;
use super::report::{long_date, ContactCard, DateLine, DateValue, Report};
use chrono::NaiveDate;

/// The longest line, in octets, before folding (RFC 5545 section 3.1).
pub const LINE_OCTETS: usize = 75;

/// The calendar for the result's dates; `None` when no date can be worked out. `made_utc`
/// is the time it is made, `YYYYMMDDTHHMMSSZ` (each event's DTSTAMP).
pub fn ics(report: &Report<'_>, organisation: &Organisation, made_utc: &str) -> Option<String> {
    if report.dates.is_empty() {
        return None;
    }
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Data Sharing Navigator//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(&mut out, line);
    }
    let route = report.route.title.trim();
    let contact = report
        .contacts
        .first()
        .map(contact_line)
        .unwrap_or_default();
    let org = organisation.name.trim();
    for d in &report.dates {
        for e in events(d) {
            let stamp = if utc(made_utc) {
                made_utc.to_string()
            } else {
                format!("{}T000000Z", compact(e.day))
            };
            let description = format!(
                "Route: {route}.\n{}\n{contact}\nFrom the Data Sharing Navigator{}.",
                e.what,
                if org.is_empty() {
                    String::new()
                } else {
                    format!(" ({org})")
                }
            );
            let next = e.day.succ_opt().unwrap_or(e.day);
            for line in [
                "BEGIN:VEVENT".to_string(),
                format!(
                    "UID:{}-{}-{}-{}@data-sharing-navigator",
                    id(&report.route.id),
                    id(&d.id),
                    e.role,
                    compact(e.day)
                ),
                format!("DTSTAMP:{stamp}"),
                format!("DTSTART;VALUE=DATE:{}", compact(e.day)),
                format!("DTEND;VALUE=DATE:{}", compact(next)),
                format!("SUMMARY:{}", text(&e.summary)),
                format!("DESCRIPTION:{}", text(&description)),
                "TRANSP:TRANSPARENT".to_string(),
                "END:VEVENT".to_string(),
            ] {
                fold(&mut out, &line);
            }
        }
    }
    fold(&mut out, "END:VCALENDAR");
    Some(out)
}

struct Event {
    day: NaiveDate,
    /// `due`, `deadline` or `meeting`: which of a date's events (for the UID).
    role: &'static str,
    summary: String,
    what: String,
}

fn events(d: &DateLine) -> Vec<Event> {
    let label = d.label.trim();
    match &d.value {
        DateValue::Meeting { date, meeting } => vec![Event {
            day: *date,
            role: "meeting",
            summary: label.to_string(),
            what: format!("{label}: the {meeting} on {}.", long_date(*date)),
        }],
        DateValue::Deadline {
            deadline,
            date,
            meeting,
        } => vec![
            Event {
                day: *deadline,
                role: "deadline",
                summary: format!("Agenda deadline: {label}"),
                what: format!(
                    "{label}: the last day to be on the agenda of the {meeting} on {}.",
                    long_date(*date)
                ),
            },
            Event {
                day: *date,
                role: "meeting",
                summary: format!("{meeting} (agenda closes {})", long_date(*deadline)),
                what: format!("The {meeting}. {label}: {}.", long_date(*deadline)),
            },
        ],
        DateValue::Clock { due, extended } => vec![Event {
            day: *due,
            role: "due",
            summary: label.to_string(),
            what: match extended {
                None => format!("{label}: {}.", long_date(*due)),
                Some(x) => format!(
                    "{label}: {}. Where the request is complex, this can be extended to {}.",
                    long_date(*due),
                    long_date(*x)
                ),
            },
        }],
    }
}

fn contact_line(c: &ContactCard<'_>) -> String {
    let mut ways = vec![c.contact.name.trim().to_string()];
    if !c.phone_text.is_empty() {
        ways.push(format!("telephone {}", c.phone_text));
    }
    if c.mailto.is_some() {
        ways.push(format!("email {}", c.contact.email.trim()));
    }
    format!("Contact: {}.", ways.join(", "))
}

/// `YYYYMMDD`.
fn compact(d: NaiveDate) -> String {
    super::model::ymd(d).replace('-', "")
}

/// `YYYYMMDDTHHMMSSZ`.
fn utc(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit)
}

/// An id for a UID: `a-z`, `0-9` and `-` only.
fn id(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// RFC 5545 TEXT: `\` `;` `,` escaped, a line break as `\n`, other control characters left out.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.replace("\r\n", "\n").chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line folded at [`LINE_OCTETS`] octets (never inside a character),
/// each continuation starting with a space, every line ending CRLF.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}
