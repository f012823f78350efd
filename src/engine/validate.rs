//! Checks a whole bundle and reports every problem at once, each with the file and
//! the id it concerns (in the manner of cargo-deny's config loading).
//!
//! Also compiled into `build.rs`, so a broken content file fails the build with the
//! full list. Refers to its siblings only through `super::`.

use super::href;
use super::model::{Bundle, Contact, DateKind, Meeting, Organisation, Template};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// What kind of problem; tests assert these, not the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    /// The file could not be read as TOML of the expected shape.
    Parse,
    DuplicateId,
    /// No questionnaire, or more than one, is marked `entry = true`.
    Entry,
    /// A `start` or `next` that names neither a question nor an outcome.
    UnknownNext,
    Unreachable,
    Loop,
    TooFewOptions,
    NoChecklist,
    NoContact,
    UnknownContact,
    /// A contact with no way to reach them, or a number or address that is not one.
    BadContact,
    /// A link that does not pass the gate in `href.rs` (not https/http, say).
    BadLink,
    UnknownMeeting,
    UnknownTemplate,
    /// A `when` that names an unknown question or answer, or a question never asked before the outcome.
    BadCondition,
    BadDate,
    /// A required text is empty, or a checklist item has no source.
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    /// Where in the file: `question 'who' / option 'staff'`.
    pub at: String,
    pub kind: ProblemKind,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.at, self.message)
        }
    }
}

/// Where the organisation's configuration is said to come from in messages.
pub const ORGANISATION_FILE: &str = "organisation.toml";

struct Collector(Vec<Problem>);

impl Collector {
    fn add(&mut self, file: &str, at: String, kind: ProblemKind, message: String) {
        self.0.push(Problem {
            file: file.to_string(),
            at,
            kind,
            message,
        });
    }
    fn empty(&mut self, file: &str, at: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(
                file,
                at.to_string(),
                ProblemKind::Empty,
                format!("`{field}` is empty"),
            );
        }
    }
}

/// Every problem in the bundle, sorted by file. Empty when the bundle is sound.
pub fn validate(bundle: &Bundle) -> Vec<Problem> {
    let mut c = Collector(Vec::new());
    check_organisation(&bundle.organisation, &mut c);

    // Ids: questions and outcomes share one namespace across all files.
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let mut quest_ids = BTreeSet::new();
    for q in &bundle.questionnaires {
        let file = q.file.as_str();
        if !quest_ids.insert(q.id.as_str()) {
            c.add(
                file,
                String::new(),
                ProblemKind::DuplicateId,
                format!("questionnaire id '{}' is used by another file too", q.id),
            );
        }
        c.empty(file, "", "title", &q.title);
        c.empty(file, "", "reviewed_by", &q.reviewed_by);
        for (field, value) in [("reviewed", &q.reviewed), ("law_checked", &q.law_checked)] {
            if value.trim().is_empty() {
                c.empty(file, "", field, value);
            } else if super::model::parse_ymd(value).is_none() {
                c.add(
                    file,
                    String::new(),
                    ProblemKind::BadDate,
                    format!("`{field}` '{value}' is not a real date written YYYY-MM-DD"),
                );
            }
        }
        let ids = q
            .questions
            .iter()
            .map(|x| ("question", x.id.as_str()))
            .chain(q.outcomes.iter().map(|x| ("outcome", x.id.as_str())));
        for (what, id) in ids {
            if id.trim().is_empty() {
                c.add(
                    file,
                    format!("a {what}"),
                    ProblemKind::Empty,
                    "`id` is empty".into(),
                );
            } else if let Some(other) = seen.insert(id, file) {
                c.add(
                    file,
                    format!("{what} '{id}'"),
                    ProblemKind::DuplicateId,
                    format!("id '{id}' is already used in {other}"),
                );
            }
        }
    }

    let entries: Vec<_> = bundle.questionnaires.iter().filter(|q| q.entry).collect();
    if entries.len() != 1 {
        let files: Vec<_> = entries.iter().map(|q| q.file.as_str()).collect();
        c.add(
            "content",
            String::new(),
            ProblemKind::Entry,
            format!(
                "exactly one questionnaire must say `entry = true`; found {} ({})",
                entries.len(),
                files.join(", ")
            ),
        );
    }

    let is_node = |id: &str| bundle.question(id).is_some() || bundle.outcome(id).is_some();
    let org = &bundle.organisation;
    for q in &bundle.questionnaires {
        let file = q.file.as_str();
        if !q.questions.iter().any(|x| x.id == q.start) {
            c.add(
                file,
                String::new(),
                ProblemKind::UnknownNext,
                format!("start '{}' is not a question of this file", q.start),
            );
        }
        for question in &q.questions {
            let at = format!("question '{}'", question.id);
            c.empty(file, &at, "text", &question.text);
            c.empty(file, &at, "short", &question.short);
            c.empty(file, &at, "error", &question.error);
            if question.options.len() < 2 {
                c.add(
                    file,
                    at.clone(),
                    ProblemKind::TooFewOptions,
                    format!(
                        "has {} option(s); a question needs at least two",
                        question.options.len()
                    ),
                );
            }
            let mut opt_ids = BTreeSet::new();
            for o in &question.options {
                let oat = format!("{at} / option '{}'", o.id);
                if !opt_ids.insert(o.id.as_str()) {
                    c.add(
                        file,
                        oat.clone(),
                        ProblemKind::DuplicateId,
                        format!("option id '{}' is used twice in this question", o.id),
                    );
                }
                c.empty(file, &oat, "id", &o.id);
                c.empty(file, &oat, "label", &o.label);
                if !is_node(&o.next) {
                    c.add(
                        file,
                        oat,
                        ProblemKind::UnknownNext,
                        format!(
                            "next step '{}' is neither a question nor an outcome",
                            o.next
                        ),
                    );
                }
            }
        }
        for outcome in &q.outcomes {
            let at = format!("outcome '{}'", outcome.id);
            c.empty(file, &at, "title", &outcome.title);
            c.empty(file, &at, "summary", &outcome.summary);
            if outcome.checklist.is_empty() {
                c.add(
                    file,
                    at.clone(),
                    ProblemKind::NoChecklist,
                    "has no checklist items".into(),
                );
            }
            if outcome.contacts.is_empty() {
                c.add(
                    file,
                    at.clone(),
                    ProblemKind::NoContact,
                    "names no contact".into(),
                );
            }
            for role in &outcome.contacts {
                if !org.contacts.contains_key(role) {
                    c.add(
                        file,
                        at.clone(),
                        ProblemKind::UnknownContact,
                        format!("contact '{role}' is not in {ORGANISATION_FILE} [contacts]"),
                    );
                }
            }
            let mut item_ids = BTreeSet::new();
            for item in &outcome.checklist {
                let iat = format!("{at} / checklist '{}'", item.id);
                if !item_ids.insert(item.id.as_str()) {
                    c.add(
                        file,
                        iat.clone(),
                        ProblemKind::DuplicateId,
                        format!("checklist id '{}' is used twice in this outcome", item.id),
                    );
                }
                c.empty(file, &iat, "id", &item.id);
                c.empty(file, &iat, "text", &item.text);
                c.empty(file, &iat, "source", &item.source);
                if let Some(t) = &item.template {
                    if !org.templates.contains_key(t) {
                        c.add(
                            file,
                            iat.clone(),
                            ProblemKind::UnknownTemplate,
                            format!("template '{t}' is not in {ORGANISATION_FILE} [templates]"),
                        );
                    }
                }
                for (qid, answers) in &item.when {
                    match bundle.question(qid) {
                        None => c.add(
                            file,
                            iat.clone(),
                            ProblemKind::BadCondition,
                            format!("`when` names question '{qid}', which does not exist"),
                        ),
                        Some(question) => {
                            for a in answers.values() {
                                if question.option(a).is_none() {
                                    c.add(file, iat.clone(), ProblemKind::BadCondition, format!("`when` names answer '{a}', which question '{qid}' does not have"));
                                }
                            }
                        }
                    }
                }
            }
            let mut date_ids = BTreeSet::new();
            for d in &outcome.dates {
                let dat = format!("{at} / date '{}'", d.id);
                if !date_ids.insert(d.id.as_str()) {
                    c.add(
                        file,
                        dat.clone(),
                        ProblemKind::DuplicateId,
                        format!("date id '{}' is used twice in this outcome", d.id),
                    );
                }
                c.empty(file, &dat, "label", &d.label);
                match &d.kind {
                    DateKind::NextMeeting { meeting }
                    | DateKind::AgendaDeadline { meeting, .. } => {
                        if !org.meetings.contains_key(meeting) {
                            c.add(
                                file,
                                dat,
                                ProblemKind::UnknownMeeting,
                                format!(
                                    "meeting '{meeting}' is not in {ORGANISATION_FILE} [meetings]"
                                ),
                            );
                        }
                    }
                    DateKind::Clock { months, .. } => {
                        if *months == 0 {
                            c.add(
                                file,
                                dat,
                                ProblemKind::BadDate,
                                "a clock of 0 months".into(),
                            );
                        }
                    }
                }
            }
        }
    }

    check_graph(bundle, &mut c);
    c.0.sort();
    c.0.dedup();
    c.0
}

/// The routing graph: every node id and the ids it leads to.
pub fn edges(bundle: &Bundle) -> BTreeMap<&str, Vec<&str>> {
    let mut g: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for q in &bundle.questionnaires {
        for question in &q.questions {
            let mut next: Vec<&str> = question.options.iter().map(|o| o.next.as_str()).collect();
            next.dedup();
            g.insert(question.id.as_str(), next);
        }
        for o in &q.outcomes {
            // A duplicate id is reported as such; it must not also wipe a question's edges.
            g.entry(o.id.as_str()).or_default();
        }
    }
    g
}

fn check_graph(bundle: &Bundle, c: &mut Collector) {
    let g = edges(bundle);
    let file_of = |id: &str| {
        bundle
            .questionnaire_of(id)
            .map(|q| q.file.clone())
            .unwrap_or_default()
    };
    let what = |id: &str| {
        if bundle.outcome(id).is_some() {
            "outcome"
        } else {
            "question"
        }
    };

    // Reachability from the entry's start.
    let mut reached = BTreeSet::new();
    if let Some(entry) = bundle.entry() {
        let mut stack = vec![entry.start.as_str()];
        while let Some(n) = stack.pop() {
            if reached.insert(n) {
                if let Some(next) = g.get(n) {
                    stack.extend(next.iter().copied());
                }
            }
        }
        for id in g.keys() {
            if !reached.contains(id) {
                c.add(
                    &file_of(id),
                    format!("{} '{id}'", what(id)),
                    ProblemKind::Unreachable,
                    format!("no path from the start ('{}') leads here", entry.start),
                );
            }
        }
    }

    // Loops: depth-first search with colours, reporting each cycle once.
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        White,
        Grey,
        Black,
    }
    let mut colour: BTreeMap<&str, Colour> = g.keys().map(|k| (*k, Colour::White)).collect();
    for &root in g.keys() {
        if colour[root] != Colour::White {
            continue;
        }
        // Iterative DFS: (node, index of next child to visit).
        let mut stack: Vec<(&str, usize)> = vec![(root, 0)];
        colour.insert(root, Colour::Grey);
        while let Some((node, i)) = stack.pop() {
            let children = &g[node];
            if i < children.len() {
                stack.push((node, i + 1));
                let child = children[i];
                match colour.get(child).copied() {
                    Some(Colour::White) => {
                        colour.insert(child, Colour::Grey);
                        stack.push((child, 0));
                    }
                    Some(Colour::Grey) => {
                        let start = stack.iter().position(|(n, _)| *n == child).unwrap_or(0);
                        let mut cycle: Vec<&str> = stack[start..].iter().map(|(n, _)| *n).collect();
                        cycle.push(child);
                        c.add(
                            &file_of(node),
                            format!("question '{node}'"),
                            ProblemKind::Loop,
                            format!("the routing goes round in a loop: {}", cycle.join(" → ")),
                        );
                    }
                    _ => {}
                }
            } else {
                colour.insert(node, Colour::Black);
            }
        }
    }

    // A `when` must name a question that can be asked before its outcome.
    for q in &bundle.questionnaires {
        for outcome in &q.outcomes {
            // Only questions someone can actually be asked count.
            let before: BTreeSet<&str> = ancestors(&g, &outcome.id)
                .into_iter()
                .filter(|n| reached.contains(n))
                .collect();
            for item in &outcome.checklist {
                for qid in item.when.keys() {
                    if bundle.question(qid).is_some() && !before.contains(qid.as_str()) {
                        c.add(
                            &q.file,
                            format!("outcome '{}' / checklist '{}'", outcome.id, item.id),
                            ProblemKind::BadCondition,
                            format!("`when` names question '{qid}', which is never asked on the way to this outcome"),
                        );
                    }
                }
            }
        }
    }
}

/// The nodes from which `target` can be reached.
pub fn ancestors<'a>(g: &BTreeMap<&'a str, Vec<&'a str>>, target: &str) -> BTreeSet<&'a str> {
    let mut out = BTreeSet::new();
    let mut frontier = vec![target.to_string()];
    while let Some(t) = frontier.pop() {
        for (n, next) in g {
            if next.iter().any(|x| *x == t) && out.insert(*n) {
                frontier.push(n.to_string());
            }
        }
    }
    out
}

fn check_organisation(org: &Organisation, c: &mut Collector) {
    c.empty(ORGANISATION_FILE, "", "name", &org.name);
    for (id, contact) in &org.contacts {
        c.0.extend(contact_problems(&org.switchboard, id, contact));
    }
    for (id, m) in &org.meetings {
        c.0.extend(meeting_problems(id, m));
    }
    for (id, t) in &org.templates {
        c.0.extend(template_problems(id, t));
    }
}

/// One contact's problems; `switchboard` is how an extension is reached.
pub fn contact_problems(switchboard: &str, id: &str, contact: &Contact) -> Vec<Problem> {
    let (file, at) = (ORGANISATION_FILE, format!("contact '{id}'"));
    let mut c = Collector(Vec::new());
    c.empty(file, &at, "name", &contact.name);
    let has_phone = !contact.phone.trim().is_empty()
        || (!contact.extension.trim().is_empty() && !switchboard.trim().is_empty());
    if !has_phone && contact.email.trim().is_empty() && contact.url.trim().is_empty() {
        c.add(
            file,
            at.clone(),
            ProblemKind::BadContact,
            "has no phone number, email or web address (an extension needs the organisation's `switchboard`)".into(),
        );
    }
    type Check = fn(&str) -> Result<(), String>;
    let checks: [(&str, &String, Check); 4] = [
        ("phone", &contact.phone, href::check_phone),
        ("extension", &contact.extension, href::check_extension),
        ("email", &contact.email, href::check_email),
        ("url", &contact.url, href::check_web),
    ];
    for (field, value, check) in checks {
        if value.trim().is_empty() {
            continue;
        }
        if let Err(why) = check(value) {
            c.add(
                file,
                at.clone(),
                if field == "url" {
                    ProblemKind::BadLink
                } else {
                    ProblemKind::BadContact
                },
                format!("`{field}`: {why}"),
            );
        }
    }
    c.0
}

pub fn meeting_problems(id: &str, m: &Meeting) -> Vec<Problem> {
    let (file, at) = (ORGANISATION_FILE, format!("meeting '{id}'"));
    let mut c = Collector(Vec::new());
    c.empty(file, &at, "name", &m.name);
    for d in &m.dates {
        if super::model::parse_ymd(d).is_none() {
            c.add(
                file,
                at.clone(),
                ProblemKind::BadDate,
                format!("date '{d}' is not a real date written YYYY-MM-DD"),
            );
        }
    }
    c.0
}

pub fn template_problems(id: &str, t: &Template) -> Vec<Problem> {
    let mut c = Collector(Vec::new());
    let at = format!("template '{id}'");
    c.empty(ORGANISATION_FILE, &at, "name", &t.name);
    if !t.url.trim().is_empty() {
        if let Err(why) = href::check_web(&t.url) {
            c.add(
                ORGANISATION_FILE,
                at,
                ProblemKind::BadLink,
                format!("`url`: {why}"),
            );
        }
    }
    c.0
}
