//! The record a person downloads and hands over: one self-contained HTML file that any
//! browser shows without the Navigator (and prints well on A4), with the answers in their
//! one written form inside it, so that the Navigator can open it again later.
//!
//! - [`record_html`] writes it: everything shown is escaped for HTML, and nothing in it
//!   can run or fetch (its own Content-Security-Policy allows no script and no request).
//!   The machine-readable part is an inert `<script type="application/json">` block,
//!   written by hand, in which `<`, `>` and `&` are escaped so it cannot end early.
//! - [`open`] reads a file someone chose: untrusted, possibly huge, cut short or changed.
//!   It keeps only the answers today's content can use, and says what has changed since
//!   the record was made ([`Difference`]). Errors are one plain-English fragment.
//! - [`file_name`] and [`email_draft`] name the file and draft the email that sends it.

use super::echo::{echo, echo_within, is_invisible};
use super::flow::{unusable, Page};
use super::href::Href;
use super::journey::{Answers, Journey, Section};
use super::json::{self, Value};
use super::keep::parse_time;
use super::model::{parse_ymd, ymd, Bundle};
use super::report::{long_date, report, shown, ContactCard, Item, Report};
use super::route::{self, Location};
use super::validate::placeholders;
use super::CONTENT_VERSION;
use chrono::NaiveDate;
use std::fmt::Write;

/// What the data block says it is.
pub const FORMAT: &str = "data-sharing-navigator-record";
/// The record's format version (there never was a version 1 of records).
pub const VERSION: u32 = 2;
/// The data block's `id`.
pub const BLOCK_ID: &str = "data-sharing-navigator-record";
/// The largest file [`open`] reads (a real record is well under 100 KB).
pub const MAX_RECORD: usize = 1024 * 1024;
/// The most characters of one recorded string kept; longer ones are cut (with `…`).
pub const MAX_FIELD: usize = 2000;
/// The most entries of one recorded list (questions, parts, checklist, contacts).
pub const MAX_ENTRIES: usize = 500;
/// How deep the data block's JSON may nest (it needs 3).
const MAX_DEPTH: usize = 8;

/// `data-sharing-navigator-<route id>-<YYYY-MM-DD>-<HHMM>.<ext>`, where `made_at` is
/// `YYYY-MM-DDTHH:MM`. The route id keeps only `a-z`, `0-9` and single `-`; a time that
/// is not one leaves out the time (and a date that is not one, the date).
pub fn file_name(route_id: &str, made_at: &str, ext: &str) -> String {
    let mut id = String::new();
    for c in route_id.chars().map(|c| c.to_ascii_lowercase()) {
        let c = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            c
        } else {
            '-'
        };
        if c == '-' && (id.is_empty() || id.ends_with('-')) {
            continue;
        }
        id.push(c);
        if id.len() >= 60 {
            break;
        }
    }
    let id = match id.trim_end_matches('-') {
        "" => "result",
        id => id,
    };
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(10)
        .collect::<String>()
        .to_ascii_lowercase();
    let ext = if ext.is_empty() { "html" } else { &ext };
    let when = match parse_time(made_at) {
        Some((d, hm)) => format!("-{}-{}{}", ymd(d), &hm[..2], &hm[3..]),
        None => match made_at.get(..10).and_then(parse_ymd) {
            Some(d) => format!("-{}", ymd(d)),
            None => String::new(),
        },
    };
    format!("data-sharing-navigator-{id}{when}.{ext}")
}

/// Text for HTML: `& < > " '` escaped, line breaks and tabs as spaces, every other
/// control or invisible character (bidirectional overrides, zero-width) as `�`.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_invisible(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A JSON value to write: just what the data block needs.
enum J {
    S(String),
    N(u32),
    A(Vec<J>),
    O(Vec<(&'static str, J)>),
    /// An object with keys from content (questionnaire ids).
    M(Vec<(String, J)>),
}

fn s(t: &str) -> J {
    J::S(t.to_string())
}

impl J {
    fn write(&self, out: &mut String) {
        match self {
            J::S(t) => json_string(out, t),
            J::N(n) => {
                let _ = write!(out, "{n}");
            }
            J::A(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            J::O(fields) => {
                let fields: Vec<(&str, &J)> = fields.iter().map(|(k, v)| (*k, v)).collect();
                object(out, &fields);
            }
            J::M(fields) => {
                let fields: Vec<(&str, &J)> = fields.iter().map(|(k, v)| (k.as_str(), v)).collect();
                object(out, &fields);
            }
        }
    }
}

fn object(out: &mut String, fields: &[(&str, &J)]) {
    out.push('{');
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(out, k);
        out.push(':');
        v.write(out);
    }
    out.push('}');
}

/// A JSON string that can sit inside a `<script>` element: `<`, `>`, `&`, U+2028 and
/// U+2029 written as `\u` escapes, so the text can never close the element or start a comment.
fn json_string(out: &mut String, t: &str) {
    out.push('"');
    for c in t.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #0b0c0c; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 1.1875rem; line-height: 1.45; }
main, footer { max-width: 40em; margin: 0 auto; padding: 0 1em; }
main { padding-top: 1.5em; padding-bottom: 3em; }
.org { font-weight: 700; margin: 0; padding-bottom: .4em; border-bottom: 10px solid #1d70b8; }
h1 { font-size: 2rem; line-height: 1.15; margin: .6em 0 .3em; }
h2 { font-size: 1.5rem; line-height: 1.2; margin: 1.6em 0 .5em; padding-top: .5em; border-top: 2px solid #b1b4b6; }
h3 { font-size: 1.2rem; margin: 1.2em 0 .4em; }
p, li, dd { max-width: 38em; }
.lead { font-size: 1.3rem; }
.meta { color: #505a5f; font-size: .9em; margin: .2em 0; }
.decision { border-left: 5px solid #1d70b8; padding: .3em 0 .3em .8em; font-weight: 700; }
.warning { border: 3px solid #d4351c; padding: .5em .8em; font-weight: 700; }
dl { margin: 0 0 1em; }
dt { font-weight: 700; margin-top: .7em; }
dd { margin: .1em 0 0; }
ol.checklist > li, ul.contacts > li { margin-bottom: .8em; }
ol.checklist p { margin: .1em 0; }
a { color: #1d70b8; overflow-wrap: anywhere; }
footer { color: #505a5f; font-size: .85em; border-top: 1px solid #b1b4b6; padding-top: .8em; padding-bottom: 2em; }
@page { size: A4; margin: 18mm 16mm 24mm; }
@media print {
  body { font-size: 11pt; }
  main, footer { max-width: none; padding: 0; }
  .part { break-before: page; }
  h2, h3, dt { break-after: avoid; }
  li, dd { break-inside: avoid; }
  a { color: #0b0c0c; text-decoration: none; }
  button, nav { display: none; }
  footer { position: fixed; bottom: -14mm; left: 0; right: 0; border: 0; padding: 0; font-size: 8pt; }
}
"#;

/// The record as one HTML document; `None` until every part of the route is decided
/// (like [`report`]). `made_at` is `YYYY-MM-DDTHH:MM`, the browser's local time.
pub fn record_html(
    bundle: &Bundle,
    answers: &Answers,
    today: NaiveDate,
    made_at: &str,
) -> Option<String> {
    let j = Journey::new(bundle, answers)?;
    let r = report(&j, today)?;
    let org = &bundle.organisation;
    let e = |t: &str| escape_html(t.trim());
    let made_at = parse_time(made_at);
    let made_words = match made_at {
        Some((d, hm)) => format!("{} at {hm}", long_date(d)),
        None => long_date(today),
    };
    let sections: Vec<&Section<'_>> = std::iter::once(&j.triage)
        .chain(j.tasks.iter().filter_map(|t| t.section.as_ref()))
        .collect();
    let reviewed = r.reviews.iter().map(|v| v.reviewed).max();
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Data sharing record: {} – made {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        e(&r.route.title),
        e(&made_words)
    );
    let _ = writeln!(h, "<p class=\"org\">{}</p>", e(&org.name));
    let _ = writeln!(h, "<h1>{}</h1>", e(&r.route.title));
    let _ = writeln!(
        h,
        "<p class=\"meta\">Record made on {} with the Data Sharing Navigator.</p>",
        e(&made_words)
    );
    let _ = writeln!(h, "<p class=\"lead\">{}</p>", e(&r.summary));
    if !r.reasons.is_empty() {
        let _ = writeln!(h, "<h2>Why</h2>");
        reasons_html(&mut h, &r.reasons);
    }
    let mut n = 0;
    if !r.checklist.is_empty() {
        let _ = writeln!(h, "<h2>What to prepare</h2>");
        items_html(&mut h, &r.checklist, &mut n);
    }
    let _ = writeln!(h, "<h2>Your answers</h2>");
    for section in sections.iter().filter(|s| !s.asked.is_empty()) {
        let _ = writeln!(h, "<h3>{}</h3>\n<dl>", e(&section.part.title));
        for (q, a) in &section.asked {
            let _ = writeln!(
                h,
                "<dt>{}</dt><dd dir=\"auto\">{}</dd>",
                e(&q.text),
                e(&shown(q, a))
            );
        }
        let _ = writeln!(h, "</dl>");
    }
    for p in &r.parts {
        let _ = writeln!(
            h,
            "<section class=\"part\">\n<h2>{}</h2>\n<p class=\"decision\">{}</p>\n<p>{}</p>",
            e(&p.part.title),
            e(&p.title),
            e(&p.summary)
        );
        if !p.reasons.is_empty() {
            let _ = writeln!(h, "<h3>Why</h3>");
            reasons_html(&mut h, &p.reasons);
        }
        if !p.checklist.is_empty() {
            let _ = writeln!(h, "<h3>What to do</h3>");
            items_html(&mut h, &p.checklist, &mut n);
        }
        let _ = writeln!(h, "</section>");
    }
    contacts_html(&mut h, &r.contacts);
    if !r.dates.is_empty() || !r.meeting_notes.is_empty() {
        let _ = writeln!(h, "<h2>Dates</h2>\n<ul>");
        for d in &r.dates {
            let _ = writeln!(
                h,
                "<li><strong>{}</strong>: {}</li>",
                e(&d.label),
                e(&d.value.describe())
            );
        }
        for m in &r.meeting_notes {
            let _ = writeln!(h, "<li>{}</li>", e(&m.describe()));
        }
        let _ = writeln!(h, "</ul>");
    }
    let _ = writeln!(h, "<h2>About this guidance</h2>");
    let named = r.reviews.len() > 1;
    for v in &r.reviews {
        if let Some(w) = v.warning() {
            let _ = writeln!(h, "<p class=\"warning\">{}</p>", e(w));
        }
        let _ = writeln!(h, "<p>{}</p>", e(&v.describe(named)));
    }
    let _ = writeln!(
        h,
        "<p>Content version {}.</p>\n<p>To see these answers in the Navigator again, or whether \
         anything has changed since, choose \u{201c}Open a saved record\u{201d} on the \
         Navigator\u{2019}s start page and pick this file.</p>\n</main>",
        e(CONTENT_VERSION)
    );
    let _ = writeln!(
        h,
        "<footer><p>Data Sharing Navigator, {}. Record made on {}. Content version {}{}.</p></footer>",
        e(&org.name),
        e(&made_words),
        e(CONTENT_VERSION),
        reviewed
            .map(|d| format!(", last reviewed on {}", long_date(d)))
            .unwrap_or_default()
    );
    let _ = write!(h, "<script type=\"application/json\" id=\"{BLOCK_ID}\">");
    let made = made_at.map(|(d, hm)| format!("{}T{hm}", ymd(d)));
    data(&j, &r, answers, made).write(&mut h);
    let _ = write!(h, "</script>\n</body>\n</html>\n");
    Some(h)
}

/// The data block: the answers in their one written form, and what the person saw.
fn data(j: &Journey<'_>, r: &Report<'_>, answers: &Answers, made: Option<String>) -> J {
    let location = Location {
        page: Page::Outcome,
        answers: j.live(answers),
    };
    let questionnaires = std::iter::once(j.triage.part).chain(j.tasks.iter().map(|t| t.part));
    let questions = std::iter::once(&j.triage)
        .chain(j.tasks.iter().filter_map(|t| t.section.as_ref()))
        .flat_map(|s| s.asked.iter())
        .map(|(q, a)| {
            J::O(vec![
                ("id", s(&q.id)),
                ("text", s(&q.text)),
                ("answer", J::S(shown(q, a))),
            ])
        })
        .collect();
    let items = r
        .checklist
        .iter()
        .chain(r.parts.iter().flat_map(|p| p.checklist.iter()))
        .map(|i| J::O(vec![("id", s(i.id)), ("text", s(&i.text))]))
        .collect();
    J::O(vec![
        ("format", s(FORMAT)),
        ("version", J::N(VERSION)),
        ("made", J::S(made.unwrap_or_default())),
        ("organisation", s(&j.bundle.organisation.name)),
        ("content", s(CONTENT_VERSION)),
        (
            "reviewed",
            J::M(
                questionnaires
                    .map(|q| (q.id.clone(), s(&q.reviewed)))
                    .collect(),
            ),
        ),
        ("answers", J::S(location.to_string())),
        ("questions", J::A(questions)),
        (
            "route",
            J::O(vec![("id", s(&r.route.id)), ("title", s(&r.route.title))]),
        ),
        (
            "parts",
            J::A(
                r.parts
                    .iter()
                    .map(|p| {
                        J::O(vec![
                            ("id", s(&p.part.id)),
                            ("title", s(&p.part.title)),
                            ("decision", s(&p.decision.id)),
                            ("decision_title", s(&p.title)),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("checklist", J::A(items)),
        (
            "contacts",
            J::A(r.contacts.iter().map(|c| s(c.role)).collect()),
        ),
    ])
}

fn reasons_html(h: &mut String, reasons: &[super::report::Reason<'_>]) {
    let _ = writeln!(h, "<ul>");
    for r in reasons {
        let _ = writeln!(
            h,
            "<li><strong>{}: {}.</strong> {}</li>",
            escape_html(r.question.trim()),
            escape_html(r.answer.trim()),
            escape_html(r.because.trim())
        );
    }
    let _ = writeln!(h, "</ul>");
}

/// The record's one writer of a link: its target an [`Href`] (through the gate), its
/// words text, both escaped.
fn anchor(href: &Href, words: &str) -> String {
    let target = escape_html(href.as_str());
    format!("<a href=\"{target}\">{}</a>", escape_html(words))
}

/// A link whose words are its address, so the address is there when printed.
fn link(href: &Href) -> String {
    anchor(href, href.as_str())
}

/// A way to reach a contact: linked where the link passed the gate, else as text.
fn way(h: &mut String, what: &str, words: &str, href: Option<&Href>) {
    if words.is_empty() {
        return;
    }
    let shown = match href {
        Some(href) => anchor(href, words),
        None => escape_html(words),
    };
    let _ = write!(h, "<br>{what}: {shown}");
}

fn items_html(h: &mut String, items: &[Item<'_>], n: &mut usize) {
    let _ = writeln!(h, "<ol class=\"checklist\" start=\"{}\">", *n + 1);
    for i in items {
        *n += 1;
        let _ = write!(h, "<li><p>{}</p>", escape_html(&i.text));
        if let Some((name, url)) = &i.template {
            let at = url
                .as_ref()
                .map(|u| format!(": {}", link(u)))
                .unwrap_or_default();
            let _ = write!(
                h,
                "<p class=\"meta\">Template: {}{at}</p>",
                escape_html(name)
            );
        }
        if let Some(l) = &i.link {
            let _ = write!(h, "<p class=\"meta\">See: {}</p>", link(l));
        }
        let _ = writeln!(
            h,
            "<p class=\"meta\">Source: {}</p></li>",
            escape_html(i.source.trim())
        );
    }
    let _ = writeln!(h, "</ol>");
}

fn contacts_html(h: &mut String, contacts: &[ContactCard<'_>]) {
    if contacts.is_empty() {
        return;
    }
    let _ = writeln!(h, "<h2>Who to contact</h2>\n<ul class=\"contacts\">");
    for c in contacts {
        let _ = write!(
            h,
            "<li><strong>{}</strong>",
            escape_html(c.contact.name.trim())
        );
        if !c.contact.about.trim().is_empty() {
            let _ = write!(h, "<br>{}", escape_html(c.contact.about.trim()));
        }
        way(h, "Telephone", &c.phone_text, c.tel.as_ref());
        way(h, "Email", c.contact.email.trim(), c.mailto.as_ref());
        if let Some(w) = &c.website {
            let _ = write!(h, "<br>Website: {}", link(w));
        }
        let _ = writeln!(h, "</li>");
    }
    let _ = writeln!(h, "</ul>");
}

/// A question as the record shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub id: String,
    pub text: String,
    /// The answer as the person saw it.
    pub answer: String,
}

/// A part's decision as the record shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedPart {
    pub id: String,
    pub title: String,
    pub decision: String,
    pub decision_title: String,
}

/// A record read back: what it recorded (text only, each string at most [`MAX_FIELD`]
/// characters, invisible characters shown as `�`), the answers today's content can use,
/// and what is different today.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// When it was made, `YYYY-MM-DDTHH:MM`, if it says (and that is a real time).
    pub made: Option<String>,
    pub organisation: String,
    /// The content version it was made with.
    pub content: String,
    /// The answers today's content can use.
    pub answers: Answers,
    /// The questions and answers as recorded, in the order asked.
    pub questions: Vec<Recorded>,
    pub route_id: String,
    pub route_title: String,
    pub parts: Vec<RecordedPart>,
    /// The checklist as recorded: (id, text).
    pub checklist: Vec<(String, String)>,
    /// The contacts' roles as recorded.
    pub contacts: Vec<String>,
    /// Answers left out: (question id, answer), as written in the record.
    pub ignored: Vec<(String, String)>,
    pub differences: Vec<Difference>,
}

/// Something different between the record and what today's content makes of its answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// A question is worded differently.
    Reworded {
        question: String,
        then: String,
        now: String,
    },
    /// An answer's words changed (the same answer).
    AnswerReworded {
        question: String,
        then: String,
        now: String,
    },
    /// A question no longer exists, or is no longer asked with these answers.
    QuestionGone {
        question: String,
        text: String,
    },
    /// An answer that no longer exists or cannot be read.
    AnswerGone {
        question: String,
        answer: String,
    },
    /// The answers lead to another route (`None`: to none yet).
    RouteChanged {
        then: String,
        now: Option<String>,
    },
    /// A part's decision is another (`part` its id, `title` its title).
    DecisionChanged {
        part: String,
        title: String,
        then: String,
        now: String,
    },
    PartAdded {
        part: String,
        title: String,
    },
    PartGone {
        part: String,
        title: String,
    },
    ItemAdded {
        id: String,
        text: String,
    },
    ItemGone {
        id: String,
        text: String,
    },
    ItemReworded {
        id: String,
        then: String,
        now: String,
    },
    ContactAdded {
        role: String,
        name: String,
    },
    ContactGone {
        role: String,
    },
    /// Today's content asks more questions before a result.
    Unfinished,
    /// The content changed, but nothing in this result did.
    NewerContent {
        then: String,
        now: String,
    },
}

impl Difference {
    /// A stable id for tests: `kind` or `kind:subject`.
    pub fn id(&self) -> String {
        use Difference::*;
        match self {
            Reworded { question, .. } => format!("reworded:{question}"),
            AnswerReworded { question, .. } => format!("answer-reworded:{question}"),
            QuestionGone { question, .. } => format!("question-gone:{question}"),
            AnswerGone { question, .. } => format!("answer-gone:{question}"),
            RouteChanged { .. } => "route-changed".into(),
            DecisionChanged { part, .. } => format!("decision-changed:{part}"),
            PartAdded { part, .. } => format!("part-added:{part}"),
            PartGone { part, .. } => format!("part-gone:{part}"),
            ItemAdded { id, .. } => format!("item-added:{id}"),
            ItemGone { id, .. } => format!("item-gone:{id}"),
            ItemReworded { id, .. } => format!("item-reworded:{id}"),
            ContactAdded { role, .. } => format!("contact-added:{role}"),
            ContactGone { role } => format!("contact-gone:{role}"),
            Unfinished => "unfinished".into(),
            NewerContent { .. } => "newer-content".into(),
        }
    }

    /// The difference in plain English.
    pub fn describe(&self) -> String {
        use Difference::*;
        match self {
            Reworded { then, now, .. } => {
                format!("The question \u{2018}{then}\u{2019} is now worded \u{2018}{now}\u{2019}.")
            }
            AnswerReworded { then, now, .. } => {
                format!("The answer \u{2018}{then}\u{2019} is now worded \u{2018}{now}\u{2019}.")
            }
            QuestionGone { text, question } => {
                let q = if text.is_empty() { question } else { text };
                format!("The question \u{2018}{q}\u{2019} is no longer asked, so its answer is not used.")
            }
            AnswerGone { answer, .. } => format!(
                "The answer \u{2018}{answer}\u{2019} can no longer be given, so it is left out: answer that question again."
            ),
            RouteChanged { then, now: Some(now) } => {
                format!("The answers now lead to \u{2018}{now}\u{2019}, not \u{2018}{then}\u{2019}.")
            }
            RouteChanged { then, now: None } => format!(
                "The answers no longer lead to \u{2018}{then}\u{2019}: more questions are needed to find the route."
            ),
            DecisionChanged {
                title, then, now, ..
            } => format!(
                "{title}: the result is now \u{2018}{now}\u{2019} (it was \u{2018}{then}\u{2019})."
            ),
            PartAdded { title, .. } => format!("The route now has a part \u{2018}{title}\u{2019}."),
            PartGone { title, .. } => {
                format!("The route no longer has the part \u{2018}{title}\u{2019}.")
            }
            ItemAdded { text, .. } => format!("New on the checklist: {text}"),
            ItemGone { text, .. } => format!("No longer on the checklist: {text}"),
            ItemReworded { now, .. } => format!("A checklist item is now worded: {now}"),
            ContactAdded { name, .. } => format!("A new contact for this result: {name}."),
            ContactGone { role } => {
                format!("A contact is no longer listed for this result ({role}).")
            }
            Unfinished => "Today\u{2019}s Navigator asks more questions before it can give a result: answer them to see what has changed.".into(),
            NewerContent { then, now } => format!(
                "The Navigator\u{2019}s content has changed since this record was made (version {then}; now {now}), but the result is the same."
            ),
        }
    }
}

fn not_record(why: &str) -> String {
    format!("this file is not a record from the Data Sharing Navigator ({why})")
}

fn damaged(why: &str) -> String {
    format!("the record in this file has been damaged or changed ({why})")
}

/// A recorded string as text to show: at most [`MAX_FIELD`] characters, invisible
/// characters as `�`.
fn clean(t: &str) -> String {
    echo_within(t, MAX_FIELD)
}

type Fields = [(String, Value)];

fn field<'v>(obj: &'v Fields, key: &str) -> Result<&'v Value, String> {
    let mut found = obj.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
    let v = found
        .next()
        .ok_or_else(|| damaged(&format!("it has no \u{2018}{key}\u{2019}")))?;
    if found.next().is_some() {
        return Err(damaged(&format!("it gives \u{2018}{key}\u{2019} twice")));
    }
    Ok(v)
}

fn string<'v>(obj: &'v Fields, key: &str) -> Result<&'v str, String> {
    match field(obj, key)? {
        Value::String(t) => Ok(t),
        v => Err(damaged(&format!(
            "its \u{2018}{key}\u{2019} is {}, not text",
            v.kind()
        ))),
    }
}

fn fields<'v>(v: &'v Value, what: &str) -> Result<&'v Fields, String> {
    match v {
        Value::Object(f) => Ok(f),
        v => Err(damaged(&format!("{what} is {}, not an object", v.kind()))),
    }
}

fn list<'v>(obj: &'v Fields, key: &str) -> Result<&'v [Value], String> {
    match field(obj, key)? {
        Value::Array(a) if a.len() > MAX_ENTRIES => Err(damaged(&format!(
            "its \u{2018}{key}\u{2019} lists {} entries; at most {MAX_ENTRIES}",
            a.len()
        ))),
        Value::Array(a) => Ok(a),
        v => Err(damaged(&format!(
            "its \u{2018}{key}\u{2019} is {}, not a list",
            v.kind()
        ))),
    }
}

/// Each entry of a list of objects, as the named text fields.
fn rows<const N: usize>(
    obj: &Fields,
    key: &str,
    names: [&str; N],
) -> Result<Vec<[String; N]>, String> {
    list(obj, key)?
        .iter()
        .map(|v| {
            let f = fields(v, &format!("an entry of its \u{2018}{key}\u{2019}"))?;
            let mut row: [String; N] = std::array::from_fn(|_| String::new());
            for (slot, name) in row.iter_mut().zip(names) {
                *slot = clean(string(f, name)?);
            }
            Ok(row)
        })
        .collect()
}

/// Finds the one data block by its id; its text.
fn block(text: &str) -> Result<&str, String> {
    let needle = format!("id=\"{BLOCK_ID}\"");
    let mut hits = text.match_indices(needle.as_str()).map(|(i, _)| i);
    let Some(at) = hits.next() else {
        return Err(not_record("it has no record in it"));
    };
    if hits.next().is_some() {
        return Err(
            "this file holds more than one record, so it has been changed: open the file the Navigator made"
                .into(),
        );
    }
    let start = text[..at]
        .rfind('<')
        .filter(|&s| !text[s..at].contains('>'));
    let end = text[at..].find('>').map(|i| at + i);
    let (Some(start), Some(end)) = (start, end) else {
        return Err(damaged("its data block is broken"));
    };
    let tag = &text[start..end];
    let script = tag
        .get(..7)
        .is_some_and(|t| t.eq_ignore_ascii_case("<script"));
    if !script || !tag.contains("type=\"application/json\"") || tag[1..].contains('<') {
        return Err(damaged("its data block is not marked as data"));
    }
    let body = &text[end + 1..];
    let close = body
        .as_bytes()
        .windows(8)
        .position(|w| w.eq_ignore_ascii_case(b"</script"))
        .ok_or_else(|| damaged("it is cut short: its data block never ends"))?;
    Ok(&body[..close])
}

/// Reads a record someone chose. Never panics; the error is one plain-English fragment
/// that quotes the file only through [`echo`].
pub fn open(text: &str, bundle: &Bundle, today: NaiveDate) -> Result<Opened, String> {
    if text.len() > MAX_RECORD {
        return Err(format!(
            "this file is too large to be a record from the Data Sharing Navigator ({} KB; a record is at most {} KB)",
            text.len() / 1024,
            MAX_RECORD / 1024
        ));
    }
    let body = block(text.trim_start_matches('\u{FEFF}'))?;
    let value = json::parse_within(body, MAX_RECORD, MAX_DEPTH).map_err(|e| {
        let why: String = e.to_string().chars().take(200).collect();
        damaged(&format!("it is not complete or not readable: {why}"))
    })?;
    let obj = fields(&value, "the record")?;
    match obj.iter().find(|(k, _)| k == "format").map(|(_, v)| v) {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(not_record(&format!(
                "it holds a \u{2018}{}\u{2019}",
                echo(f)
            )))
        }
        _ => return Err(not_record("its data block does not say it is a record")),
    }
    match field(obj, "version")? {
        Value::Number(n) if *n == VERSION.to_string() => {}
        Value::Number(n) => {
            return Err(format!(
                "this record was made by another version of the Navigator (format {}); this one opens format {VERSION}",
                echo(n)
            ))
        }
        v => return Err(damaged(&format!("its version is {}, not a number", v.kind()))),
    }
    let written = string(obj, "answers")?;
    let location = match route::parse(written) {
        Ok(Some(l)) => l,
        Ok(None) => return Err(damaged("it holds no answers")),
        Err(e) => return Err(damaged(&format!("its answers cannot be read: {e}"))),
    };
    let at = string(obj, "made")?;
    let made = parse_time(at).map(|_| at.to_string());
    let organisation = clean(string(obj, "organisation")?);
    let content = clean(string(obj, "content")?);
    for (_, v) in fields(field(obj, "reviewed")?, "its \u{2018}reviewed\u{2019}")? {
        if !matches!(v, Value::String(_)) {
            return Err(damaged(
                "a date in its \u{2018}reviewed\u{2019} is not text",
            ));
        }
    }
    let questions: Vec<Recorded> = rows(obj, "questions", ["id", "text", "answer"])?
        .into_iter()
        .map(|[id, text, answer]| Recorded { id, text, answer })
        .collect();
    let route = fields(field(obj, "route")?, "its \u{2018}route\u{2019}")?;
    let (route_id, route_title) = (clean(string(route, "id")?), clean(string(route, "title")?));
    let parts: Vec<RecordedPart> =
        rows(obj, "parts", ["id", "title", "decision", "decision_title"])?
            .into_iter()
            .map(|[id, title, decision, decision_title]| RecordedPart {
                id,
                title,
                decision,
                decision_title,
            })
            .collect();
    let checklist: Vec<(String, String)> = rows(obj, "checklist", ["id", "text"])?
        .into_iter()
        .map(|[id, text]| (id, text))
        .collect();
    let contacts = list(obj, "contacts")?
        .iter()
        .map(|v| match v {
            Value::String(t) => Ok(clean(t)),
            v => Err(damaged(&format!(
                "a contact in it is {}, not text",
                v.kind()
            ))),
        })
        .collect::<Result<Vec<String>, String>>()?;

    // Keep what today's content can use: answers it can read, on the route they lead to.
    let mut ignored = unusable(bundle, &location.answers, today);
    let mut answers: Answers = location
        .answers
        .iter()
        .filter(|(q, _)| !ignored.iter().any(|(i, _)| i == *q))
        .map(|(q, a)| (q.clone(), a.clone()))
        .collect();
    if let Some(j) = Journey::new(bundle, &answers) {
        let live = j.live(&answers);
        ignored.extend(
            answers
                .iter()
                .filter(|(q, _)| !live.contains_key(*q))
                .map(|(q, a)| (q.clone(), a.clone())),
        );
        answers = live;
    }
    let ignored: Vec<(String, String)> =
        ignored.iter().map(|(q, a)| (clean(q), clean(a))).collect();
    let mut opened = Opened {
        made,
        organisation,
        content,
        answers,
        questions,
        route_id,
        route_title,
        parts,
        checklist,
        contacts,
        ignored,
        differences: Vec::new(),
    };
    opened.differences = differences(bundle, today, &opened);
    Ok(opened)
}

/// What today's content makes differently of the record's usable answers.
fn differences(bundle: &Bundle, today: NaiveDate, rec: &Opened) -> Vec<Difference> {
    use Difference::*;
    let mut out = Vec::new();
    let recorded = |id: &str| rec.questions.iter().find(|q| q.id == id);
    let Some(j) = Journey::new(bundle, &rec.answers) else {
        return vec![Unfinished];
    };
    for (q, a) in &rec.ignored {
        let then = recorded(q);
        match bundle.question(q) {
            // Still asked: the answer is what cannot be used.
            Some(_) if j.reaches(q) => out.push(AnswerGone {
                question: q.clone(),
                answer: then.map_or_else(|| a.clone(), |r| r.answer.clone()),
            }),
            known => out.push(QuestionGone {
                question: q.clone(),
                text: then
                    .map(|r| r.text.clone())
                    .or_else(|| known.map(|k| k.text.clone()))
                    .unwrap_or_default(),
            }),
        }
    }
    for r in &rec.questions {
        let Some(q) = bundle.question(&r.id) else {
            if !rec.ignored.iter().any(|(i, _)| *i == r.id) {
                out.push(QuestionGone {
                    question: r.id.clone(),
                    text: r.text.clone(),
                });
            }
            continue;
        };
        if q.text.trim() != r.text.trim() {
            out.push(Reworded {
                question: r.id.clone(),
                then: r.text.clone(),
                now: q.text.clone(),
            });
        }
        if let Some(a) = j.answer(&r.id) {
            let now = shown(q, a);
            if now.trim() != r.answer.trim() {
                out.push(AnswerReworded {
                    question: r.id.clone(),
                    then: r.answer.clone(),
                    now,
                });
            }
        }
    }
    match j.route {
        None => out.push(RouteChanged {
            then: rec.route_title.clone(),
            now: None,
        }),
        Some(route) if route.id != rec.route_id => out.push(RouteChanged {
            then: rec.route_title.clone(),
            now: Some(route.title.clone()),
        }),
        Some(_) => {}
    }
    let Some(r) = report(&j, today) else {
        out.push(Unfinished);
        return out;
    };
    for p in &rec.parts {
        match r.parts.iter().find(|n| n.part.id == p.id) {
            None => out.push(PartGone {
                part: p.id.clone(),
                title: p.title.clone(),
            }),
            Some(n) if n.decision.id != p.decision => out.push(DecisionChanged {
                part: p.id.clone(),
                title: n.part.title.clone(),
                then: p.decision_title.clone(),
                now: n.title.clone(),
            }),
            Some(_) => {}
        }
    }
    for n in &r.parts {
        if !rec.parts.iter().any(|p| p.id == n.part.id) {
            out.push(PartAdded {
                part: n.part.id.clone(),
                title: n.part.title.clone(),
            });
        }
    }
    let items: Vec<&Item<'_>> = r
        .checklist
        .iter()
        .chain(r.parts.iter().flat_map(|p| p.checklist.iter()))
        .collect();
    for (id, text) in &rec.checklist {
        match items.iter().find(|i| i.id == id) {
            None => out.push(ItemGone {
                id: id.clone(),
                text: text.clone(),
            }),
            Some(i) if i.text.trim() != text.trim() => out.push(ItemReworded {
                id: id.clone(),
                then: text.clone(),
                now: i.text.clone(),
            }),
            Some(_) => {}
        }
    }
    for i in &items {
        if !rec.checklist.iter().any(|(id, _)| id == i.id) {
            out.push(ItemAdded {
                id: i.id.to_string(),
                text: i.text.clone(),
            });
        }
    }
    for role in &rec.contacts {
        if !r.contacts.iter().any(|c| c.role == role) {
            out.push(ContactGone { role: role.clone() });
        }
    }
    for c in &r.contacts {
        if !rec.contacts.iter().any(|role| role == c.role) {
            out.push(ContactAdded {
                role: c.role.to_string(),
                name: c.contact.name.clone(),
            });
        }
    }
    if out.is_empty() && rec.content != CONTENT_VERSION {
        out.push(NewerContent {
            then: rec.content.clone(),
            now: CONTENT_VERSION.to_string(),
        });
    }
    out
}

/// A draft email to `contact` that sends the record: the subject names the route, the
/// body greets the contact, names the route and each part's decision, asks for the
/// record file (`file_name`) to be attached, and reminds the person to add no patient
/// information. It carries nothing the person typed: a decision's title that names a
/// text answer says what the answer is about instead ("the project"). `None` when the
/// contact has no email address that passes the gate.
pub fn email_draft(
    report: &Report<'_>,
    contact: &ContactCard<'_>,
    file_name: &str,
) -> Option<Href> {
    let email = contact.mailto.as_ref()?;
    let address = email.as_str().strip_prefix("mailto:")?;
    let route = report.route.title.trim();
    let subject = format!("Request to use or share data: {route}");
    let mut body = format!("Dear {},\n\n", contact.contact.name.trim());
    let _ = writeln!(
        body,
        "I have used the Data Sharing Navigator. It says my request is: {route}."
    );
    if !report.parts.is_empty() {
        let _ = writeln!(body, "\nWhat it says for each part:");
        for p in &report.parts {
            let _ = writeln!(
                body,
                "- {} \u{2013} {}",
                p.part.title.trim(),
                without_answers(&p.decision.title, report)
            );
        }
    }
    let _ = write!(
        body,
        "\nThe record of my answers and the checklist is attached ({file_name}). \
         [Attach the file you downloaded before you send this email.]\n\n\
         Please do not add any patient information to this email.\n\n\
         Thank you.\n"
    );
    Href::mailto_draft(address, &subject, &body).ok()
}

/// Content text with each `{question-id}` replaced by what the answer is about
/// ("the project"), never by the answer itself.
fn without_answers(text: &str, report: &Report<'_>) -> String {
    let mut out = text.trim().to_string();
    for p in placeholders(text) {
        let about = report
            .parts
            .iter()
            .flat_map(|part| part.part.questions.iter())
            .find(|q| q.id == p)
            .map(|q| format!("the {}", q.short.trim().to_ascii_lowercase()))
            .unwrap_or_else(|| "it".to_string());
        out = out.replace(&format!("{{{p}}}"), &about);
    }
    // A title that starts with one reads as a sentence. (ASCII case, here and above: the
    // content's letters are ASCII (`tests/pack.rs`), and Unicode's case tables would add
    // tens of kilobytes to the browser's download.)
    let mut chars = out.chars();
    match chars.next() {
        Some(c) => std::iter::once(c.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => out,
    }
}
