//! Answers kept on this computer: the saved form, and what the browser's storage gave.
//!
//! The saved form is one line, `2|<saved at>|<location>`: the format's version, when it
//! was saved (`YYYY-MM-DDTHH:MM`, the browser's local time), and the answers in their one
//! written form (`route`, version 2). Earlier copies of the Navigator saved
//! `1|<saved at>|<version 1 form>` and, before that, the bare version 1 form (`#/…`);
//! both are still read (fixtures in `tests/fixtures/formats/`). Anything else is unreadable: it is kept aside, never
//! deleted, and never written over (see `Flow::open`).

use super::echo::echo;
use super::report::long_date;
use super::route::{self, Location};
use chrono::NaiveDate;
use std::fmt::Write;

/// The format written today.
pub const FORMAT: &str = "2";
/// The earlier format still read: the same line with the version 1 form.
const FORMAT_1: &str = "1";
/// Saved state longer than this is not read (a real one is well under 4 KB).
pub const MAX_SAVED: usize = 64 * 1024;

/// Answers read back from this computer.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// When they were saved, `YYYY-MM-DDTHH:MM`, if the saved form says (and it is a real time).
    pub at: Option<String>,
    pub location: Location,
}

/// What the browser's storage held when the Navigator started, after any unreadable
/// state was copied aside (the UI does the copying; this only says how it went).
#[derive(Debug, Clone, PartialEq)]
pub enum Kept {
    /// Nothing saved.
    Nothing,
    Saved(Saved),
    /// Something saved that cannot be read. `aside`: a copy was stored and read back.
    Unreadable {
        why: String,
        aside: bool,
    },
    /// The browser refused to let the Navigator read its storage, with its reason.
    Refused(String),
}

/// What the storage gave (`Err`: the browser refused to read it) as [`Kept`]. Saved state
/// that cannot be read is handed to `keep_aside`, which copies it aside and says whether
/// the copy was stored and read back. Blank saved state counts as nothing saved.
pub fn read(stored: Result<Option<String>, String>, keep_aside: impl FnOnce(&str) -> bool) -> Kept {
    match stored {
        Err(why) => Kept::Refused(why),
        Ok(None) => Kept::Nothing,
        Ok(Some(raw)) if raw.trim().is_empty() => Kept::Nothing,
        Ok(Some(raw)) => match decode(&raw) {
            Ok(saved) => Kept::Saved(saved),
            Err(why) => Kept::Unreadable {
                why,
                aside: keep_aside(&raw),
            },
        },
    }
}

/// The saved form of `location`, saved at `at` (`YYYY-MM-DDTHH:MM`).
pub fn encode(location: &Location, at: &str) -> String {
    let mut s = String::new();
    let _ = write!(s, "{FORMAT}|{at}|{location}");
    s
}

/// Reads the saved form. Never panics; the error is plain English.
pub fn decode(raw: &str) -> Result<Saved, String> {
    if raw.len() > MAX_SAVED {
        return Err(format!(
            "they are too large to be the Navigator's ({} KB)",
            raw.len() / 1024
        ));
    }
    let raw = raw.trim();
    if raw.starts_with('#') {
        // Saved by an earlier copy of the Navigator: the bare fragment.
        return match route::parse(raw)? {
            Some(location) => Ok(Saved { at: None, location }),
            None => Err("they are empty".into()),
        };
    }
    let mut parts = raw.splitn(3, '|');
    let (format, at, fragment) = (parts.next(), parts.next(), parts.next());
    match (format, at, fragment) {
        (Some(FORMAT | FORMAT_1), Some(at), Some(fragment)) => match route::parse(fragment)? {
            Some(location) => Ok(Saved {
                at: parse_time(at).map(|_| at.to_string()),
                location,
            }),
            None => Err("they hold no page or answers".into()),
        },
        (Some(f), Some(_), Some(_)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            Err(format!(
                "they were saved by another version of the Navigator (format {})",
                echo(f)
            ))
        }
        _ => Err(format!(
            "they are not in the Navigator's form ('{}')",
            echo(raw)
        )),
    }
}

/// `YYYY-MM-DDTHH:MM` with a real date and time: the date, and `HH:MM`.
pub fn parse_time(at: &str) -> Option<(NaiveDate, &str)> {
    let (date, time) = at.split_once('T')?;
    let date = super::model::parse_ymd(date)?;
    let hm: Vec<&str> = time.split(':').collect();
    let real = hm.len() == 2
        && hm
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && hm[0].parse::<u32>().is_ok_and(|h| h < 24)
        && hm[1].parse::<u32>().is_ok_and(|m| m < 60);
    real.then_some((date, time))
}

/// "25 November 2026 at 14:03", for the question "keep those or use the link's?".
pub fn describe_time(at: &str) -> Option<String> {
    let (date, time) = parse_time(at)?;
    Some(format!("{} at {time}", long_date(date)))
}
