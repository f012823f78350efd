//! The one gate for link targets. Every `href` the Navigator renders is an [`Href`], and
//! an `Href` can only be made here, by a constructor that checks its input:
//!
//! - [`Href::web`]: `https:` or `http:` with a host (intranet addresses are often plain
//!   http); nothing else from data (`javascript:`, `data:`, `vbscript:`, `file:`, `//host`,
//!   disguised with case, spaces or control characters) gets through;
//! - [`Href::mailto`]: exactly one well-formed email address, no header fields;
//! - [`Href::tel`]: a well-formed telephone number and extension;
//! - [`Href::fragment`]: a location inside the Navigator (`#/…`, as `route` writes it);
//! - [`Href::download`]: a file made in the page (the record, a calendar), by its kind;
//! - [`Href::mailto_draft`]: an email to one well-formed address with a subject and body
//!   the Navigator wrote (RFC 6068), at most [`MAX_MAILTO`] characters.
//!
//! The checks are plain functions too ([`check_web`], [`check_email`], [`check_phone`],
//! [`check_extension`]), so the content validator, the settings validator and the page
//! all refuse the same things with the same words.
//!
//! Also compiled into `build.rs` (by `mod_build.rs`): refers to siblings only by `super::`.

use super::echo::echo;

/// A link target that passed the gate. There is no other way to make one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Href(String);

/// The longest web address accepted (browsers take more; no real link needs it).
pub const MAX_URL: usize = 2000;
/// The longest email address (RFC 5321's path limit).
pub const MAX_EMAIL: usize = 254;
/// The longest `mailto:` draft: some mail programs drop longer links.
pub const MAX_MAILTO: usize = 1800;

impl Href {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A web address from data. The scheme is written in lower case in the result.
    pub fn web(url: &str) -> Result<Href, String> {
        check_web(url)?;
        let (scheme, rest) = url.split_once(':').unwrap_or_default();
        Ok(Href(format!("{}:{rest}", scheme.to_ascii_lowercase())))
    }

    /// `mailto:` one address, with no `?` header fields (no subject, cc or bcc from data).
    pub fn mailto(email: &str) -> Result<Href, String> {
        check_email(email)?;
        Ok(Href(format!("mailto:{}", email.trim())))
    }

    /// A draft email (RFC 6068): `mailto:<address>?subject=…&body=…`, the address checked
    /// like [`Href::mailto`], the subject and body percent-encoded (every byte but letters,
    /// digits and `-._~`), line breaks as `%0D%0A`. Control characters are left out. When
    /// the whole would be longer than [`MAX_MAILTO`], the body is shortened at a line
    /// boundary and ends with `…` (then, if need be, the subject), so an escape is never cut.
    pub fn mailto_draft(email: &str, subject: &str, body: &str) -> Result<Href, String> {
        let email = email.trim();
        check_email(email)?;
        let clean = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_control() || *c == '\n')
                .collect()
        };
        let mut subject: String = clean(&subject.replace(['\r', '\n'], " "));
        let body = clean(&body.replace("\r\n", "\n").replace('\r', "\n"));
        let mut lines: Vec<&str> = body.split('\n').collect();
        let make = |subject: &str, body: &str| {
            format!(
                "mailto:{email}?subject={}&body={}",
                percent(subject),
                percent(&body.replace('\n', "\r\n"))
            )
        };
        let mut cut = false;
        loop {
            let mut text = lines.join("\n");
            if cut {
                text.push_str(if lines.is_empty() { "…" } else { "\n…" });
            }
            let href = make(&subject, &text);
            if href.len() <= MAX_MAILTO {
                return Ok(Href(href));
            }
            cut = true;
            if lines.pop().is_none() {
                // Even with no body it is too long: shorten the subject.
                let mut shorter = subject.trim_end_matches('…').to_string();
                if shorter.pop().is_none() {
                    return Err("the email address is too long for a draft email".into());
                }
                subject = format!("{shorter}…");
            }
        }
    }

    /// An RFC 3966 link: "01332 623700", "31121" → `tel:+441332623700;ext=31121`.
    pub fn tel(number: &str, extension: &str) -> Result<Href, String> {
        check_phone(number)?;
        check_extension(extension)?;
        let mut t = format!("tel:{}", international(number));
        let ext = digits(extension);
        if !ext.is_empty() {
            t.push_str(";ext=");
            t.push_str(&ext);
        }
        Ok(Href(t))
    }

    /// A location inside the Navigator, as `route` writes it: `#/` then letters, digits
    /// and `-_.%/?=&` only (everything else is percent-encoded by the writer).
    pub fn fragment(fragment: &str) -> Result<Href, String> {
        let ok = fragment.starts_with("#/")
            && fragment.len() <= 64 * 1024
            && fragment[1..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.%/?=&".contains(&b));
        if ok {
            Ok(Href(fragment.to_string()))
        } else {
            Err(format!(
                "'{}' is not a location in the Navigator",
                echo(fragment)
            ))
        }
    }

    /// An element of the page itself, by id (the error summary's link to the first
    /// answer): letters, digits, `-` and `_` only; anything else makes the page's top.
    pub fn anchor(id: &str) -> Href {
        if !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b))
        {
            Href(format!("#{id}"))
        } else {
            Href("#".into())
        }
    }

    /// The Navigator's start page.
    pub fn start() -> Href {
        Href("#/start".into())
    }

    /// A file made in the page, for a link with a `download` name: a record (an HTML
    /// document whose own policy lets nothing run) or a calendar. Never a script.
    pub fn download(kind: FileKind, text: &str) -> Href {
        Href(format!(
            "data:{};charset=utf-8,{}",
            kind.mime(),
            percent(text)
        ))
    }
}

/// The kinds of file the Navigator makes for a person to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The record: a self-contained HTML document (`record::record_html`).
    Record,
    /// Dates for a calendar (`calendar::ics`).
    Calendar,
}

impl FileKind {
    fn mime(self) -> &'static str {
        match self {
            FileKind::Record => "text/html",
            FileKind::Calendar => "text/calendar",
        }
    }
}

impl std::fmt::Display for Href {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why `url` is not a web address the Navigator will link to, if it is not.
pub fn check_web(url: &str) -> Result<(), String> {
    let shown = echo(url);
    if url.is_empty() {
        return Err("the web address is empty".into());
    }
    if url.len() > MAX_URL {
        return Err(format!(
            "the web address '{shown}' is too long ({} characters; at most {MAX_URL})",
            url.chars().count()
        ));
    }
    if url
        .chars()
        .any(|c| !c.is_ascii() || c.is_ascii_control() || c == ' ')
    {
        return Err(format!(
            "'{shown}' has spaces, control characters or letters outside plain ASCII (write them %-encoded)"
        ));
    }
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        r
    } else if let Some(r) = lower.strip_prefix("http://") {
        r
    } else {
        return Err(format!(
            "'{shown}' is not a web address starting https:// or http://"
        ));
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.contains('@') {
        return Err(format!(
            "'{shown}' has a user name or password in it (before '@'), which a link must not have"
        ));
    }
    // host, then an optional ":port"; an IPv6 host is written in brackets.
    let (host, port) = match authority.strip_prefix('[').and_then(|a| a.split_once(']')) {
        Some((inner, after)) => (&authority[..inner.len() + 2], after.strip_prefix(':')),
        None => match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        },
    };
    let port_ok =
        port.is_none_or(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    let rest_ok = authority.len() == host.len() + port.map_or(0, |p| p.len() + 1);
    if !port_ok || !rest_ok {
        return Err(format!("'{shown}' has a port that is not a number"));
    }
    if !valid_host(host) {
        return Err(format!("'{shown}' does not name a web server"));
    }
    let bytes = tail.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = tail.get(i + 1..i + 3).unwrap_or("");
            if hex.len() != 2 || !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                return Err(format!("'{shown}' has a broken %-escape"));
            }
            i += 3;
            continue;
        }
        if b"\"<>\\^`{|}".contains(&b) {
            return Err(format!(
                "'{shown}' has a character a web address cannot have ('{}')",
                b as char
            ));
        }
        i += 1;
    }
    Ok(())
}

fn valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty()
            && inner.contains(':')
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Why `email` is not one well-formed address, if it is not. Stricter than RFC 5322 on
/// purpose: no quoted parts, no `?`, `&`, `%`, `,`, `;` or spaces, so that a `mailto:`
/// made from it can never carry a second recipient or a header field.
pub fn check_email(email: &str) -> Result<(), String> {
    let shown = echo(email);
    let bad = || format!("'{shown}' is not one email address (like name@nhs.net)");
    if email.len() > MAX_EMAIL {
        return Err(format!(
            "the email address '{shown}' is too long (at most {MAX_EMAIL} characters)"
        ));
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(bad());
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._+-'".contains(&b));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && valid_host(domain)
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
    if local_ok && domain_ok {
        Ok(())
    } else {
        Err(bad())
    }
}

/// Why `number` is not a telephone number, if it is not: digits and spaces, an optional
/// leading `+`, and between 3 and 15 digits (the international maximum).
pub fn check_phone(number: &str) -> Result<(), String> {
    let shown = echo(number);
    let n = number.trim();
    let body = n.strip_prefix('+').unwrap_or(n);
    if !body.bytes().all(|b| b.is_ascii_digit() || b == b' ') {
        return Err(format!(
            "'{shown}' is not a telephone number: use only digits and spaces, with + at the start for an international number"
        ));
    }
    let count = digits(body).len();
    if !(3..=15).contains(&count) {
        return Err(format!(
            "'{shown}' is not a telephone number: it has {count} digits (3 to 15)"
        ));
    }
    Ok(())
}

/// Why `ext` is not an extension, if it is not: empty, or up to 8 digits.
pub fn check_extension(ext: &str) -> Result<(), String> {
    let e = ext.trim();
    if e.len() <= 8 && e.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(format!(
            "'{}' is not an extension: use up to 8 digits",
            echo(ext)
        ))
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// A UK number in international form for a `tel:` link: "01332 623700" → "+441332623700".
pub fn international(number: &str) -> String {
    let d = digits(number);
    if number.trim_start().starts_with('+') {
        format!("+{d}")
    } else if let Some(rest) = d.strip_prefix('0') {
        format!("+44{rest}")
    } else {
        d
    }
}

/// Every byte but letters, digits and `-._~` as `%XX` (RFC 3986's unreserved characters).
fn percent(s: &str) -> String {
    percent_except(s, b"-._~")
}

/// Every byte but letters, digits and those in `keep` as `%XX`. (`route` keeps `-_.`:
/// its fragments pass [`Href::fragment`], which has no `~`.)
pub fn percent_except(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
