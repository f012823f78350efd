//! An organisation's own settings laid over the built-in default: a Trust embedding the
//! Navigator can change its name, contacts, meeting dates and template links without a
//! rebuild, with a JSON block in its intranet page. This is the one validator for that
//! block, used by the page and by `navigator settings FILE` alike, with the same words.
//!
//! The block is read with the bounded parser in [`super::json`], then checked field by
//! field. Every problem is collected (up to [`MAX_PROBLEMS`]), each with the JSON path of
//! the field it is about (`contacts.dsp_team.email`, `meetings.dsp_committee.dates[2]`),
//! in plain English that ends by saying what happens. What is wrong keeps the built-in
//! value; the rest is applied:
//!
//! - no block: the built-in settings, no problem; two or more: none of them is used;
//! - a block that is too large, not JSON, too deep, or not an object: the built-in settings;
//! - an unknown field or id is reported (with the closest known name) and ignored; a key
//!   given twice in one object is reported, and **the first** is used;
//! - every field is text in quotes (`dates`: a list of them), within a length limit, with
//!   no control, right-to-left or invisible characters; a `name` may not be empty; markup
//!   is not refused, because the Navigator always shows these as text;
//! - links, emails, phone numbers and extensions pass the checks in [`super::href`]; an
//!   empty text clears an optional field;
//! - a contact, meeting or template is laid over its default field by field and kept only
//!   if the result passes the content validator's checks (a contact must stay reachable);
//!   a switchboard that would strand a contact reached only by extension is refused;
//! - meeting dates are real `YYYY-MM-DD` dates, at most [`MAX_DATES`], none more than
//!   [`MAX_YEARS_AHEAD`] years after today, and not all in the past; otherwise the
//!   meeting keeps its built-in dates.
//!
//! Pure: no web imports. `today` is passed in.

use super::echo::{echo, is_invisible};
use super::href;
use super::json::{self, Value};
use super::model::{parse_ymd, Contact, Organisation};
use super::validate::{contact_problems, meeting_problems, template_problems, Problem};
use chrono::{Months, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The most problems collected from one page; after that, one last problem says there are more.
pub const MAX_PROBLEMS: usize = 200;
/// The most dates one meeting may list.
pub const MAX_DATES: usize = 60;
/// How far ahead a meeting date may be.
pub const MAX_YEARS_AHEAD: u32 = 5;

/// Longest texts, in characters.
pub const MAX_NAME: usize = 120;
pub const MAX_INTRANET: usize = 60;
pub const MAX_ABOUT: usize = 600;
pub const MAX_CADENCE: usize = 400;
pub const MAX_PHONE: usize = 30;
pub const MAX_EXTENSION: usize = 10;

/// One thing in the settings that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsProblem {
    /// The JSON path of the field, like `contacts.dsp_team.email`; empty for the whole block.
    pub path: String,
    /// Plain English, ending with what happens instead.
    pub message: String,
}

impl fmt::Display for SettingsProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// The organisation to use, and every problem found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub organisation: Organisation,
    pub problems: Vec<SettingsProblem>,
}

/// Lays the page's settings over `base`. `blocks`: the text of every settings block found
/// on the page (normally 0 or 1). `today` decides which meeting dates are past.
pub fn read_settings(base: &Organisation, blocks: &[&str], today: NaiveDate) -> Settings {
    let mut r = Report::default();
    let organisation = match blocks {
        [] => base.clone(),
        [text] => read_block(base, text, today, &mut r),
        many => {
            r.add(
                String::new(),
                format!(
                    "the page has {} settings blocks and the Navigator cannot tell which is meant, so the built-in settings are used",
                    many.len()
                ),
            );
            base.clone()
        }
    };
    let mut problems = r.list;
    if r.more {
        problems.push(SettingsProblem {
            path: String::new(),
            message: "… and more problems not listed".into(),
        });
    }
    Settings {
        organisation,
        problems,
    }
}

#[derive(Default)]
struct Report {
    list: Vec<SettingsProblem>,
    more: bool,
}

impl Report {
    fn add(&mut self, path: String, message: String) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(SettingsProblem { path, message });
        } else {
            self.more = true;
        }
    }
}

const TOP_FIELDS: &[&str] = &[
    "name",
    "intranet",
    "switchboard",
    "contacts",
    "meetings",
    "templates",
];
const CONTACT_FIELDS: &[&str] = &["name", "about", "phone", "extension", "email", "url"];
const MEETING_FIELDS: &[&str] = &["name", "cadence", "dates"];
const TEMPLATE_FIELDS: &[&str] = &["name", "url"];

/// Words people use for a field, and the field they mean.
const ALIASES: &[(&str, &str)] = &[
    ("href", "url"),
    ("link", "url"),
    ("web", "url"),
    ("website", "url"),
    ("homepage", "url"),
    ("address", "url"),
    ("mail", "email"),
    ("e-mail", "email"),
    ("mailto", "email"),
    ("tel", "phone"),
    ("telephone", "phone"),
    ("number", "phone"),
    ("ext", "extension"),
    ("title", "name"),
    ("description", "about"),
    ("date", "dates"),
    ("frequency", "cadence"),
];

/// `prefix.key`, the key made safe to show.
fn join(prefix: &str, key: &str) -> String {
    let key = if key.is_empty() {
        "\"\"".to_string()
    } else {
        echo(key)
    };
    if prefix.is_empty() {
        key
    } else {
        format!("{prefix}.{key}")
    }
}

/// The known names of an object's entries, first given first; a key given twice and an
/// unknown key are reported (by `unknown`) and left out.
fn pick<'v>(
    entries: &'v [(String, Value)],
    prefix: &str,
    known: &[&str],
    r: &mut Report,
    unknown: impl Fn(&str) -> String,
) -> Vec<(&'v str, &'v Value)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (key, value) in entries {
        let path = join(prefix, key);
        if !seen.insert(key.as_str()) {
            r.add(
                path,
                "is given twice in the same object, so the first is used and this one is ignored"
                    .into(),
            );
        } else if known.contains(&key.as_str()) {
            out.push((key.as_str(), value));
        } else {
            r.add(path, unknown(key));
        }
    }
    out
}

fn unknown_field(known: &'static [&'static str]) -> impl Fn(&str) -> String {
    move |key| match suggest(key, known, true) {
        Some(s) => format!(
            "`{}` is not a setting the Navigator knows (did you mean `{s}`?), so it is ignored",
            echo(key)
        ),
        None => format!(
            "`{}` is not a setting the Navigator knows (here it knows {}), so it is ignored",
            echo(key),
            list(known)
        ),
    }
}

fn unknown_id<'k>(what: &'static str, known: &'k [&'k str]) -> impl Fn(&str) -> String + 'k {
    move |key| {
        let hint = match suggest(key, known, false) {
            Some(s) => format!(" (did you mean `{s}`?)"),
            None if list(known).len() <= 100 => format!(" (its {what}s are {})", list(known)),
            None => String::new(),
        };
        format!(
            "the Navigator has no {what} `{}`{hint}, so these settings are ignored",
            echo(key)
        )
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The known name `key` most likely means: same but for case, a common other word for it
/// (`href` for `url`), or within a small edit distance.
fn suggest<'k>(key: &str, known: &[&'k str], aliases: bool) -> Option<&'k str> {
    let lower = key.trim().to_ascii_lowercase();
    if lower.chars().count() > 40 {
        return None;
    }
    if let Some(k) = known.iter().find(|k| **k == lower) {
        return Some(k);
    }
    if aliases {
        if let Some((_, k)) = ALIASES.iter().find(|(alias, _)| *alias == lower) {
            if let Some(k) = known.iter().find(|x| *x == k) {
                return Some(k);
            }
        }
    }
    let limit = if lower.chars().count() <= 4 { 1 } else { 2 };
    known
        .iter()
        .map(|k| (distance(&lower, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Edit distance with adjacent transpositions (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        d[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        d[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[at(i - 1, j)] + 1)
                .min(d[at(i, j - 1)] + 1)
                .min(d[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[at(i - 2, j - 2)] + 1);
            }
            d[at(i, j)] = v;
        }
    }
    d[at(a.len(), b.len())]
}

/// What a text field must be, beyond text within its length.
#[derive(Clone, Copy, PartialEq)]
enum Rule {
    /// Any text (may be empty).
    Plain,
    /// Not empty.
    Name,
    /// Empty, or one that passes the check in `href`.
    Phone,
    Extension,
    Email,
    Web,
}

const KEPT: &str = "so the built-in value is kept";

/// The text `value` holds, if it is text the field can take; otherwise reported.
fn text(value: &Value, path: &str, max: usize, rule: Rule, r: &mut Report) -> Option<String> {
    let Value::String(s) = value else {
        r.add(
            path.to_string(),
            format!("should be text in quotes, not {}, {KEPT}", value.kind()),
        );
        return None;
    };
    let count = s.chars().count();
    if count > max {
        r.add(
            path.to_string(),
            format!("is {count} characters long; at most {max} are allowed, {KEPT}"),
        );
        return None;
    }
    if s.chars().any(is_invisible) {
        r.add(
            path.to_string(),
            format!(
                "'{}' has a control, right-to-left or invisible character in it (shown as \u{FFFD}), {KEPT}",
                echo(s)
            ),
        );
        return None;
    }
    if s.trim().is_empty() {
        if rule == Rule::Name {
            r.add(
                path.to_string(),
                format!("is empty, and a name is needed, {KEPT}"),
            );
            return None;
        }
        return Some(if rule == Rule::Plain {
            s.clone()
        } else {
            String::new()
        });
    }
    let checked = match rule {
        Rule::Plain | Rule::Name => Ok(()),
        Rule::Phone => href::check_phone(s),
        Rule::Extension => href::check_extension(s),
        Rule::Email => href::check_email(s),
        Rule::Web => href::check_web(s),
    };
    match checked {
        Ok(()) => Some(s.clone()),
        Err(why) => {
            r.add(path.to_string(), format!("{why}, {KEPT}"));
            None
        }
    }
}

/// The entries of an object, or a report that `value` is not one.
fn object<'v>(
    value: &'v Value,
    path: &str,
    like: &str,
    kept: &str,
    r: &mut Report,
) -> Option<&'v [(String, Value)]> {
    match value {
        Value::Object(entries) => Some(entries),
        other => {
            r.add(
                path.to_string(),
                format!(
                    "should be an object in {{ }}, like {like}, not {}, so {kept}",
                    other.kind()
                ),
            );
            None
        }
    }
}

fn read_block(base: &Organisation, block: &str, today: NaiveDate, r: &mut Report) -> Organisation {
    let value = match json::parse(block) {
        Ok(v) => v,
        Err(e) => {
            r.add(
                String::new(),
                format!("the settings could not be read as JSON ({e}), so the built-in settings are used"),
            );
            return base.clone();
        }
    };
    let Value::Object(entries) = &value else {
        r.add(
            String::new(),
            format!(
                "the settings should be one object in {{ }}, not {}, so the built-in settings are used",
                value.kind()
            ),
        );
        return base.clone();
    };

    let mut org = base.clone();
    let mut switchboard = None;
    let mut contacts = Vec::new();
    for (key, value) in pick(entries, "", TOP_FIELDS, r, unknown_field(TOP_FIELDS)) {
        let path = key.to_string();
        match key {
            "name" => {
                if let Some(v) = text(value, &path, MAX_NAME, Rule::Name, r) {
                    org.name = v;
                }
            }
            "intranet" => {
                if let Some(v) = text(value, &path, MAX_INTRANET, Rule::Plain, r) {
                    org.intranet = v;
                }
            }
            "switchboard" => switchboard = text(value, &path, MAX_PHONE, Rule::Phone, r),
            "contacts" => contacts = read_contacts(base, value, r),
            "meetings" => read_meetings(&mut org, value, today, r),
            _ => read_templates(&mut org, value, r),
        }
    }

    // A new switchboard must still reach every contact that has only an extension,
    // counting the contacts as these settings would leave them.
    if let Some(sb) = switchboard {
        let stranded: Vec<&str> = base
            .contacts
            .iter()
            .filter_map(|(id, default)| {
                let proposed = contacts
                    .iter()
                    .find(|(cid, _, _)| cid == id)
                    .map(|(_, _, c)| c)
                    .filter(|c| contact_problems(&sb, id, c).is_empty());
                let c = proposed.unwrap_or(default);
                (!contact_problems(&sb, id, c).is_empty()).then_some(id.as_str())
            })
            .collect();
        if stranded.is_empty() {
            org.switchboard = sb;
        } else {
            r.add(
                "switchboard".into(),
                format!(
                    "{} would leave {} with only an extension and no number to dial it through, {KEPT}",
                    if sb.is_empty() {
                        "no switchboard".to_string()
                    } else {
                        format!("'{}'", echo(&sb))
                    },
                    if stranded.len() == 1 { "a contact" } else { "contacts" },
                ),
            );
        }
    }
    for (id, path, contact) in contacts {
        let found = contact_problems(&org.switchboard, &id, &contact);
        if found.is_empty() {
            org.contacts.insert(id, contact);
        } else {
            refuse(r, &path, &found, "contact");
        }
    }
    org
}

/// Reports an entry the content validator refuses as a whole.
fn refuse(r: &mut Report, path: &str, found: &[Problem], what: &str) {
    for p in found {
        let said = if p.message.starts_with("has ") {
            format!("with these settings the {what} {}", p.message)
        } else {
            p.message.clone()
        };
        r.add(
            path.to_string(),
            format!("{said}, so the built-in {what} is kept"),
        );
    }
}

/// One entry of a section (`contacts`, `meetings`, `templates`) that the block sets.
struct Entry<'v, T> {
    id: String,
    path: String,
    /// The built-in entry, to lay the block's fields over.
    default: T,
    /// The block's fields for it that the Navigator knows, each once.
    fields: Vec<(&'v str, &'v Value)>,
}

/// The entries a section of the block sets: each must be an object, name an entry in
/// `defaults`, and hold only `known` fields; what is not is reported and left out.
/// `what` names one entry in messages ("contact"); `like` shows one entry's object.
fn entries<'v, T: Clone>(
    defaults: &BTreeMap<String, T>,
    value: &'v Value,
    section: &str,
    (what, like): (&'static str, &str),
    known: &'static [&'static str],
    r: &mut Report,
) -> Vec<Entry<'v, T>> {
    let first = defaults.keys().next().map(String::as_str).unwrap_or("id");
    let Some(items) = object(
        value,
        section,
        &format!("{{\"{first}\": {like}}}"),
        &format!("the built-in {section} are kept"),
        r,
    ) else {
        return Vec::new();
    };
    let ids: Vec<&str> = defaults.keys().map(String::as_str).collect();
    let mut out = Vec::new();
    for (id, value) in pick(items, section, &ids, r, unknown_id(what, &ids)) {
        let path = join(section, id);
        let Some(default) = defaults.get(id) else {
            continue;
        };
        let kept = format!("the built-in {what} is kept");
        let Some(fields) = object(value, &path, like, &kept, r) else {
            continue;
        };
        let fields = pick(fields, &path, known, r, unknown_field(known));
        out.push(Entry {
            id: id.to_string(),
            path,
            default: default.clone(),
            fields,
        });
    }
    out
}

/// Each contact's settings laid over its default, field by field: (id, path, contact).
/// Whether each is kept is decided once the switchboard is known.
fn read_contacts(
    base: &Organisation,
    value: &Value,
    r: &mut Report,
) -> Vec<(String, String, Contact)> {
    let mut out = Vec::new();
    let like = ("contact", "{\"email\": \"…\"}");
    for e in entries(&base.contacts, value, "contacts", like, CONTACT_FIELDS, r) {
        let mut c = e.default;
        for (field, value) in e.fields {
            let fpath = join(&e.path, field);
            let (slot, max, rule) = match field {
                "name" => (&mut c.name, MAX_NAME, Rule::Name),
                "about" => (&mut c.about, MAX_ABOUT, Rule::Plain),
                "phone" => (&mut c.phone, MAX_PHONE, Rule::Phone),
                "extension" => (&mut c.extension, MAX_EXTENSION, Rule::Extension),
                "email" => (&mut c.email, href::MAX_EMAIL, Rule::Email),
                _ => (&mut c.url, href::MAX_URL, Rule::Web),
            };
            if let Some(v) = text(value, &fpath, max, rule, r) {
                *slot = v;
            }
        }
        out.push((e.id, e.path, c));
    }
    out
}

fn read_meetings(org: &mut Organisation, value: &Value, today: NaiveDate, r: &mut Report) {
    let like = ("meeting", "{\"dates\": [\"2027-01-13\"]}");
    for e in entries(&org.meetings, value, "meetings", like, MEETING_FIELDS, r) {
        let (path, mut m) = (e.path, e.default);
        // The name first: the message about past dates uses it.
        for (field, value) in &e.fields {
            let fpath = join(&path, field);
            match *field {
                "name" => {
                    if let Some(v) = text(value, &fpath, MAX_NAME, Rule::Name, r) {
                        m.name = v;
                    }
                }
                "cadence" => {
                    if let Some(v) = text(value, &fpath, MAX_CADENCE, Rule::Plain, r) {
                        m.cadence = v;
                    }
                }
                _ => {}
            }
        }
        if let Some((_, value)) = e.fields.iter().find(|(f, _)| *f == "dates") {
            if let Some(d) = dates(value, &join(&path, "dates"), &m.name, today, r) {
                m.dates = d;
            }
        }
        let found = meeting_problems(&e.id, &m);
        if found.is_empty() {
            org.meetings.insert(e.id, m);
        } else {
            refuse(r, &path, &found, "meeting");
        }
    }
}

const DATES_KEPT: &str = "so the built-in dates are kept";

/// The dates given for a meeting, if every one can be used.
fn dates(
    value: &Value,
    path: &str,
    meeting: &str,
    today: NaiveDate,
    r: &mut Report,
) -> Option<Vec<String>> {
    let Value::Array(items) = value else {
        r.add(
            path.to_string(),
            format!(
                "should be a list of dates in [ ], like [\"2027-01-13\"], not {}, {DATES_KEPT}",
                value.kind()
            ),
        );
        return None;
    };
    if items.len() > MAX_DATES {
        r.add(
            path.to_string(),
            format!(
                "has {} dates; at most {MAX_DATES} are read, {DATES_KEPT}",
                items.len()
            ),
        );
        return None;
    }
    let latest = today
        .checked_add_months(Months::new(12 * MAX_YEARS_AHEAD))
        .unwrap_or(NaiveDate::MAX);
    let mut out = Vec::new();
    let mut all_good = true;
    let mut last = None;
    for (i, item) in items.iter().enumerate() {
        let ipath = format!("{path}[{i}]");
        let Value::String(s) = item else {
            r.add(
                ipath,
                format!(
                    "should be a date in quotes, like \"2027-01-13\", not {}, {DATES_KEPT}",
                    item.kind()
                ),
            );
            all_good = false;
            continue;
        };
        match parse_ymd(s) {
            None => {
                r.add(
                    ipath,
                    format!(
                        "'{}' is not a real date written YYYY-MM-DD (like 2027-01-13), {DATES_KEPT}",
                        echo(s)
                    ),
                );
                all_good = false;
            }
            Some(d) if d > latest => {
                r.add(
                    ipath,
                    format!(
                        "'{s}' is more than {MAX_YEARS_AHEAD} years away (check the year), {DATES_KEPT}"
                    ),
                );
                all_good = false;
            }
            Some(d) => {
                if last.is_none_or(|(l, _)| d > l) {
                    last = Some((d, s.as_str()));
                }
                out.push(s.clone());
            }
        }
    }
    if !all_good {
        return None;
    }
    if let Some((_, last)) = last.filter(|(l, _)| *l < today) {
        // `meeting` is the built-in name or one that passed `text` (short, nothing invisible).
        r.add(
            path.to_string(),
            format!(
                "every date for the {meeting} is in the past (the last is {last}), {DATES_KEPT}"
            ),
        );
        return None;
    }
    Some(out)
}

fn read_templates(org: &mut Organisation, value: &Value, r: &mut Report) {
    let like = ("template", "{\"url\": \"https://…\"}");
    for e in entries(&org.templates, value, "templates", like, TEMPLATE_FIELDS, r) {
        let (path, mut t) = (e.path, e.default);
        for (field, value) in e.fields {
            let fpath = join(&path, field);
            if field == "name" {
                if let Some(v) = text(value, &fpath, MAX_NAME, Rule::Name, r) {
                    t.name = v;
                }
            } else if let Some(v) = text(value, &fpath, href::MAX_URL, Rule::Web, r) {
                t.url = v;
            }
        }
        let found = template_problems(&e.id, &t);
        if found.is_empty() {
            org.templates.insert(e.id, t);
        } else {
            refuse(r, &path, &found, "template");
        }
    }
}
