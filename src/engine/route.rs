//! The URL fragment (and the saved state, which uses the same form):
//! `#/q/<question>?<question>=<answer>&…`, with pages `start`, `q/<id>`, `tasks`, `check`, `outcome`.
//! Parsing never fails silently: what cannot be read is said in plain English.

use super::echo::echo;
use super::flow::Page;
use super::href::Href;
use super::journey::Answers;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub page: Page,
    pub answers: Answers,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.page {
            Page::Start => write!(f, "#/start")?,
            Page::Question(q) => write!(f, "#/q/{}", encode(q))?,
            Page::Tasks => write!(f, "#/tasks")?,
            Page::Check => write!(f, "#/check")?,
            Page::Outcome => write!(f, "#/outcome")?,
        }
        for (i, (q, a)) in self.answers.iter().enumerate() {
            let sep = if i == 0 { '?' } else { '&' };
            write!(f, "{sep}{}={}", encode(q), encode(a))?;
        }
        Ok(())
    }
}

impl Location {
    /// This location as a link target (through the gate, like every link).
    pub fn href(&self) -> Href {
        Href::fragment(&self.to_string()).unwrap_or_else(|_| Href::start())
    }
}

/// The longest fragment read (a real one is well under 4 KB).
pub const MAX_FRAGMENT: usize = 16 * 1024;
/// The most answers a fragment may hold.
pub const MAX_PAIRS: usize = 200;

/// Reads a fragment. `Ok(None)` for an empty one (no location given).
pub fn parse(fragment: &str) -> Result<Option<Location>, String> {
    if fragment.len() > MAX_FRAGMENT {
        return Err(format!(
            "it is too long to be a Navigator link ({} characters; at most {MAX_FRAGMENT})",
            fragment.chars().count()
        ));
    }
    let s = fragment.trim().trim_start_matches('#');
    if s.is_empty() || s == "/" {
        return Ok(None);
    }
    let (path, query) = s.split_once('?').unwrap_or((s, ""));
    let path = path.trim_start_matches('/');
    let page = match path.split_once('/') {
        None if path == "start" => Page::Start,
        None if path == "check" => Page::Check,
        None if path == "tasks" => Page::Tasks,
        None if path == "outcome" => Page::Outcome,
        Some(("q", id)) if !id.is_empty() => Page::Question(decode(id)?),
        _ => {
            return Err(format!(
                "the address names a page ('{}') that the Navigator does not have",
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
                "part of the address ('{}') is not a question and an answer",
                echo(pair)
            ));
        };
        let (q, a) = (decode(q)?, decode(a)?);
        if q.is_empty() || a.is_empty() {
            return Err(format!(
                "part of the address ('{}') has an empty question or answer",
                echo(pair)
            ));
        }
        if answers.insert(q.clone(), a).is_some() {
            return Err(format!(
                "the address answers the question '{}' twice",
                echo(&q)
            ));
        }
    }
    Ok(Some(Location { page, answers }))
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
                .ok_or_else(|| {
                    format!("the address has a broken escape near '{}'", echo(&s[i..]))
                })?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "the address has characters that are not text".to_string())
}
