//! The one written form of a person's answers, shared by the link, the browser's storage
//! and the record file, and the page addresses the address bar shows.
//!
//! - **Version 2** (written today): `#/v2/<page>?<question>=<answer>&…`, where the page is
//!   `start`, `q/<id>`, `tasks`, `check` or `outcome`, ids and answers percent-encoded.
//! - **Version 1** (the first Navigator's links and saved state): the same without `v2/`.
//!   Read as version 2 (nothing else changed); `tests/fixtures/formats/` keeps examples.
//!   `v1/`, never written, is read as version 1; any other `v<digits>/` is another
//!   version, said as such.
//! - **A page address** (`#/q/<id>`, `#/check`…) names a page only: the address bar never
//!   holds answers, so the browser's history does not keep them after Start again.
//! - **A share link** ([`share`]) is the version 2 form with the text answers left out
//!   (names of people or organisations, which a link passed on should not carry) unless the
//!   person asks for them; choices and dates are kept, so the link still leads to the same
//!   route and, once the left-out questions are answered again, the same result. An answer
//!   to a question this content does not have is left out too (it could be text).
//!
//! Parsing never fails silently: what cannot be read is said in plain English, of "it",
//! so that it reads the same after "The link could not be read:" and "Your saved answers
//! could not be read:".

use super::echo::echo;
use super::flow::Page;
use super::href::Href;
use super::journey::Answers;
use super::model::{Bundle, Kind, Question};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub page: Page,
    pub answers: Answers,
}

/// The version of the written form made today.
pub const VERSION: u32 = 2;

/// The written form, version 2: `#/v2/<page>?<question>=<answer>&…`.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#/v{VERSION}/{}", page_path(&self.page))?;
        for (i, (q, a)) in self.answers.iter().enumerate() {
            let sep = if i == 0 { '?' } else { '&' };
            write!(f, "{sep}{}={}", encode(q), encode(a))?;
        }
        Ok(())
    }
}

fn page_path(page: &Page) -> String {
    match page {
        Page::Start => "start".into(),
        Page::Question(q) => format!("q/{}", encode(q)),
        Page::Tasks => "tasks".into(),
        Page::Check => "check".into(),
        Page::Outcome => "outcome".into(),
        Page::Record => "record".into(),
    }
}

/// Whether a fragment is in the written form with a version (`#/v2/…`, or another
/// version, to be told it cannot be read): the only fragment an embedded Navigator reads.
pub fn is_share(fragment: &str) -> bool {
    let s = fragment
        .trim()
        .trim_start_matches('#')
        .trim_start_matches('/');
    versioned(s.split('?').next().unwrap_or_default()).is_some()
}

/// `v<N>/…` at the start of a fragment's path: the version number and the rest.
fn versioned(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix('v')?;
    let (n, after) = rest.split_once('/').unwrap_or((rest, ""));
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some((n, after))
}

/// The address of a page, with no answers: what the address bar shows.
pub fn address(page: &Page) -> String {
    format!("#/{}", page_path(page))
}

/// A page's address as a link target (through the gate, like every link).
pub fn href(page: &Page) -> Href {
    Href::fragment(&address(page)).unwrap_or_else(|_| Href::start())
}

/// The questions whose answers are typed (names of people or organisations): a share
/// link leaves these out unless the person asks for them.
pub fn typed<'b>(bundle: &'b Bundle, answers: &Answers) -> Vec<&'b Question> {
    answers
        .keys()
        .filter_map(|q| bundle.question(q))
        .filter(|q| q.kind == Kind::Text)
        .collect()
}

/// The version 2 fragment of a share link for `location`, and the ids of the questions
/// whose answers were left out: the text answers, unless `include_text` (choices and dates
/// are always kept), and any answer to a question `bundle` does not have.
pub fn share(bundle: &Bundle, location: &Location, include_text: bool) -> (String, Vec<String>) {
    let (kept, left_out): (Answers, Answers) =
        location.answers.clone().into_iter().partition(|(q, _)| {
            bundle
                .question(q)
                .is_some_and(|q| include_text || q.kind != Kind::Text)
        });
    let shared = Location {
        page: location.page.clone(),
        answers: kept,
    };
    (shared.to_string(), left_out.into_keys().collect())
}

/// The longest fragment read (a real one is well under 4 KB).
pub const MAX_FRAGMENT: usize = 16 * 1024;
/// The most answers a fragment may hold.
pub const MAX_PAIRS: usize = 200;

/// Reads a fragment. `Ok(None)` for an empty one (no location given).
pub fn parse(fragment: &str) -> Result<Option<Location>, String> {
    if fragment.len() > MAX_FRAGMENT {
        return Err(format!(
            "it is too long to be the Navigator's ({} characters; at most {MAX_FRAGMENT})",
            fragment.chars().count()
        ));
    }
    let s = fragment.trim().trim_start_matches('#');
    if s.is_empty() || s == "/" {
        return Ok(None);
    }
    let (path, query) = s.split_once('?').unwrap_or((s, ""));
    let mut path = path.trim_start_matches('/');
    // `v<N>/`: the version; none is version 1, read as version 2 (only `v2/` was added).
    // Version 1 never wrote `v1/`, but one written by hand plainly means version 1.
    if let Some((n, after)) = versioned(path) {
        if n != VERSION.to_string() && n != "1" {
            return Err(format!(
                "it was made by another version of the Navigator (format {}); this one reads formats 1 and {VERSION}",
                echo(n)
            ));
        }
        path = after;
    }
    let page = match path.split_once('/') {
        None if path.is_empty() => return Err("it names no page".into()),
        None if path == "start" => Page::Start,
        None if path == "check" => Page::Check,
        None if path == "tasks" => Page::Tasks,
        None if path == "outcome" => Page::Outcome,
        None if path == "record" => Page::Record,
        Some(("q", id)) if !id.is_empty() => Page::Question(decode(id)?),
        _ => {
            return Err(format!(
                "it names a page ('{}') that the Navigator does not have",
                echo(path)
            ))
        }
    };
    let mut answers = Answers::new();
    let pairs = query.split('&').filter(|p| !p.is_empty());
    if pairs.clone().count() > MAX_PAIRS {
        return Err(format!(
            "it holds more answers than any route has ({}; at most {MAX_PAIRS})",
            pairs.count()
        ));
    }
    for pair in pairs {
        let Some((q, a)) = pair.split_once('=') else {
            return Err(format!(
                "part of it ('{}') is not a question and an answer",
                echo(pair)
            ));
        };
        let (q, a) = (decode(q)?, decode(a)?);
        if q.is_empty() || a.is_empty() {
            return Err(format!(
                "part of it ('{}') has an empty question or answer",
                echo(pair)
            ));
        }
        if answers.insert(q.clone(), a).is_some() {
            return Err(format!("it answers the question '{}' twice", echo(&q)));
        }
    }
    Ok(Some(Location { page, answers }))
}

fn encode(s: &str) -> String {
    super::href::percent_except(s, b"-_.")
}

fn decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("it has a broken escape near '{}'", echo(&s[i..])))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "it has characters that are not text".to_string())
}
