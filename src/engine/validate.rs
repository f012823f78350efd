//! Checks a whole bundle and reports every problem at once, each with the file and
//! the id it concerns (in the manner of cargo-deny's config loading).
//!
//! Also compiled into `build.rs`, so a broken content file fails the build with the
//! full list. Refers to its siblings only through `super::`.

use super::href;
use super::model::{
    Bundle, ChecklistItem, Condition, Contact, DateKind, DateRule, Kind, Meeting, Organisation,
    Question, Questionnaire, Template,
};
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
    /// A route names a part that is not one.
    UnknownPart,
    /// Something in the wrong kind of file or question (routes in a part, options on a
    /// date question...).
    Structure,
    /// A question, decision, checklist item or part that no answers ever reach.
    Unreachable,
    /// Answers after which no decision (or route) holds.
    DeadEnd,
    /// More answer combinations than the check can walk: split the part.
    TooManyPaths,
    NoDecision,
    /// A `{placeholder}` that names no text or date question asked before it.
    BadPlaceholder,
    /// The same checklist item id in two files with different words.
    ItemMismatch,
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
    /// A condition that names an unknown question or answer, a fact not known by then,
    /// or (found by exploring) one that never holds.
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
    check_ids(bundle, &mut c);
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
    for q in &bundle.questionnaires {
        check_file(bundle, q, &mut c);
    }
    if let Some(entry) = bundle.entry() {
        check_routes(bundle, entry, &mut c);
    }
    check_shared_items(bundle, &mut c);
    // Only content that passes the rules above is explored: its paths, dead ends and
    // conditions that never hold.
    if c.0.is_empty() {
        for p in super::explore::explore(bundle).problems {
            c.0.push(p);
        }
    }
    c.0.sort();
    c.0.dedup();
    c.0
}

/// Ids: questionnaires, questions and routes unique across the bundle; questions and
/// parts share one namespace (both are facts a condition can name).
fn check_ids(bundle: &Bundle, c: &mut Collector) {
    let mut seen: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    let routes = bundle
        .entry()
        .map(|e| e.routes.as_slice())
        .unwrap_or_default();
    let ids = bundle
        .questionnaires
        .iter()
        .map(|q| ("questionnaire", q.id.as_str(), q.file.as_str()))
        .chain(bundle.questionnaires.iter().flat_map(|q| {
            q.questions
                .iter()
                .map(move |x| ("question", x.id.as_str(), q.file.as_str()))
        }));
    for (what, id, file) in ids {
        if id.trim().is_empty() {
            c.add(
                file,
                format!("a {what}"),
                ProblemKind::Empty,
                "`id` is empty".into(),
            );
        } else if let Some((other_what, other)) = seen.insert(id, (what, file)) {
            c.add(
                file,
                format!("{what} '{id}'"),
                ProblemKind::DuplicateId,
                format!("id '{id}' is already used by a {other_what} in {other}"),
            );
        }
    }
    let mut route_ids = BTreeSet::new();
    for r in routes {
        if !route_ids.insert(r.id.as_str()) {
            c.add(
                bundle.entry().map(|e| e.file.as_str()).unwrap_or_default(),
                format!("route '{}'", r.id),
                ProblemKind::DuplicateId,
                format!("route id '{}' is used twice", r.id),
            );
        }
    }
}

/// Where a fact may be named: the facts known by then.
struct Known<'a> {
    /// Question ids and part ids, each with the answers (option or decision ids) it may have.
    facts: BTreeMap<&'a str, Vec<&'a str>>,
    /// Text and date questions (for placeholders and clocks).
    details: BTreeMap<&'a str, Kind>,
}

impl<'a> Known<'a> {
    fn add_question(&mut self, q: &'a Question) {
        match q.kind {
            Kind::Choice | Kind::Choices => {
                self.facts
                    .insert(&q.id, q.options.iter().map(|o| o.id.as_str()).collect());
            }
            Kind::Text | Kind::Date => {
                self.details.insert(&q.id, q.kind);
            }
        }
    }
    fn add_part(&mut self, p: &'a Questionnaire, with_decision: bool) {
        for q in &p.questions {
            self.add_question(q);
        }
        if with_decision {
            self.facts
                .insert(&p.id, p.decisions.iter().map(|d| d.id.as_str()).collect());
        }
    }
}

/// The facts a part may rely on: the triage's, and those of the parts that come before
/// it in a route that includes it, unless they come after it in another (there the
/// fact would be named before it is asked). A fact whose part a route does not include
/// is simply not given on that route. `None` when no route includes the part.
fn known_before<'a>(bundle: &'a Bundle, part: &str) -> Option<Known<'a>> {
    let entry = bundle.entry()?;
    let mut before: BTreeSet<&str> = BTreeSet::new();
    let mut after: BTreeSet<&str> = BTreeSet::new();
    let mut included = false;
    for r in &entry.routes {
        if let Some(i) = r.parts.iter().position(|p| p.id() == part) {
            included = true;
            before.extend(r.parts[..i].iter().map(|p| p.id()));
            after.extend(r.parts[i + 1..].iter().map(|p| p.id()));
        }
    }
    if !included {
        return None;
    }
    let mut k = Known {
        facts: BTreeMap::new(),
        details: BTreeMap::new(),
    };
    k.add_part(entry, false);
    for p in &bundle.questionnaires {
        if before.contains(p.id.as_str()) && !after.contains(p.id.as_str()) {
            k.add_part(p, true);
        }
    }
    Some(k)
}

fn check_condition(
    cond: &Condition,
    name: &str,
    known: &Known<'_>,
    bundle: &Bundle,
    file: &str,
    at: &str,
    c: &mut Collector,
) {
    for (key, values) in cond {
        match known.facts.get(key.as_str()) {
            Some(allowed) => {
                for v in values.values() {
                    if !allowed.contains(&v) {
                        c.add(
                            file,
                            at.to_string(),
                            ProblemKind::BadCondition,
                            format!("`{name}` names answer '{v}', which '{key}' does not have"),
                        );
                    }
                }
            }
            None => {
                let why = if known.details.contains_key(key.as_str()) {
                    "is a text or date question: a condition can only name a choice or a part's decision"
                } else if bundle.question(key).is_some() || bundle.part(key).is_some() {
                    "is not asked before this point on every route that reaches it"
                } else {
                    "is neither a question nor a part"
                };
                c.add(
                    file,
                    at.to_string(),
                    ProblemKind::BadCondition,
                    format!("`{name}` names '{key}', which {why}"),
                );
            }
        }
    }
}

/// `{question-id}` placeholders in a text.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                out.push(&after[..j]);
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out
}

fn check_text(text: &str, known: &Known<'_>, file: &str, at: &str, c: &mut Collector) {
    for p in placeholders(text) {
        if !known.details.contains_key(p) {
            c.add(
                file,
                at.to_string(),
                ProblemKind::BadPlaceholder,
                format!("the placeholder '{{{p}}}' names no text or date question asked before it"),
            );
        }
    }
}

fn check_file(bundle: &Bundle, q: &Questionnaire, c: &mut Collector) {
    let file = q.file.as_str();
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
    if q.questions.is_empty() {
        c.add(
            file,
            String::new(),
            ProblemKind::Empty,
            "has no questions".into(),
        );
    }
    let mut known = if q.entry {
        if !q.decisions.is_empty() {
            c.add(
                file,
                String::new(),
                ProblemKind::Structure,
                "the entry file has routes, not decisions".into(),
            );
        }
        if q.routes.is_empty() {
            c.add(
                file,
                String::new(),
                ProblemKind::Structure,
                "the entry file has no routes".into(),
            );
        }
        Known {
            facts: BTreeMap::new(),
            details: BTreeMap::new(),
        }
    } else {
        if !q.routes.is_empty() {
            c.add(
                file,
                String::new(),
                ProblemKind::Structure,
                "only the entry file has routes".into(),
            );
        }
        if q.decisions.is_empty() {
            c.add(
                file,
                String::new(),
                ProblemKind::NoDecision,
                "a part needs at least one decision".into(),
            );
        }
        if !q.external_when.is_empty() {
            c.add(
                file,
                String::new(),
                ProblemKind::Structure,
                "only the entry file says `external_when`".into(),
            );
        }
        match known_before(bundle, &q.id) {
            Some(k) => k,
            None => {
                c.add(
                    file,
                    String::new(),
                    ProblemKind::Unreachable,
                    format!("no route includes the part '{}'", q.id),
                );
                return;
            }
        }
    };
    for question in &q.questions {
        let at = format!("question '{}'", question.id);
        c.empty(file, &at, "text", &question.text);
        c.empty(file, &at, "short", &question.short);
        c.empty(file, &at, "error", &question.error);
        check_condition(&question.when, "when", &known, bundle, file, &at, c);
        check_condition(&question.unless, "unless", &known, bundle, file, &at, c);
        let choice = matches!(question.kind, Kind::Choice | Kind::Choices);
        if choice && question.options.len() < 2 {
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
        if !choice && !question.options.is_empty() {
            c.add(
                file,
                at.clone(),
                ProblemKind::Structure,
                "a text or date question has no options".into(),
            );
        }
        if question.max_length.is_some() && question.kind != Kind::Text {
            c.add(
                file,
                at.clone(),
                ProblemKind::Structure,
                "`max_length` is for text questions only".into(),
            );
        }
        if question.max_length.is_some_and(|n| n == 0 || n > 500) {
            c.add(
                file,
                at.clone(),
                ProblemKind::Structure,
                "`max_length` must be from 1 to 500".into(),
            );
        }
        if question.not_future && question.kind != Kind::Date {
            c.add(
                file,
                at.clone(),
                ProblemKind::BadDate,
                "`not_future` is a date rule, but this is not a date question".into(),
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
            if o.id.contains(',') {
                c.add(
                    file,
                    oat.clone(),
                    ProblemKind::Structure,
                    "an option id cannot hold a comma".into(),
                );
            }
            if o.exclusive && question.kind != Kind::Choices {
                c.add(
                    file,
                    oat,
                    ProblemKind::Structure,
                    "`exclusive` is for `choices` questions only".into(),
                );
            }
        }
        known.add_question(question);
    }
    let mut decision_ids = BTreeSet::new();
    for d in &q.decisions {
        let at = format!("decision '{}'", d.id);
        if !decision_ids.insert(d.id.as_str()) {
            c.add(
                file,
                at.clone(),
                ProblemKind::DuplicateId,
                format!("decision id '{}' is used twice in this part", d.id),
            );
        }
        check_condition(&d.when, "when", &known, bundle, file, &at, c);
        check_condition(&d.unless, "unless", &known, bundle, file, &at, c);
        check_ending(
            bundle,
            &d.title,
            &d.summary,
            &d.summary_external,
            &d.contacts,
            &d.checklist,
            &d.dates,
            &known,
            file,
            &at,
            c,
        );
        if d.checklist.is_empty() {
            c.add(
                file,
                at.clone(),
                ProblemKind::NoChecklist,
                "has no checklist items".into(),
            );
        }
        if d.contacts.is_empty() {
            c.add(file, at, ProblemKind::NoContact, "names no contact".into());
        }
    }
}

/// What a decision or a route says and lists: texts, contacts, items, dates.
#[allow(clippy::too_many_arguments)]
fn check_ending(
    bundle: &Bundle,
    title: &str,
    summary: &str,
    summary_external: &str,
    contacts: &[String],
    checklist: &[ChecklistItem],
    dates: &[DateRule],
    known: &Known<'_>,
    file: &str,
    at: &str,
    c: &mut Collector,
) {
    let org = &bundle.organisation;
    c.empty(file, at, "title", title);
    c.empty(file, at, "summary", summary);
    for t in [title, summary, summary_external] {
        check_text(t, known, file, at, c);
    }
    for role in contacts {
        if !org.contacts.contains_key(role) {
            c.add(
                file,
                at.to_string(),
                ProblemKind::UnknownContact,
                format!("contact '{role}' is not in {ORGANISATION_FILE} [contacts]"),
            );
        }
    }
    let mut item_ids = BTreeSet::new();
    for item in checklist {
        let iat = format!("{at} / checklist '{}'", item.id);
        if !item_ids.insert(item.id.as_str()) {
            c.add(
                file,
                iat.clone(),
                ProblemKind::DuplicateId,
                format!("checklist id '{}' is used twice here", item.id),
            );
        }
        c.empty(file, &iat, "id", &item.id);
        c.empty(file, &iat, "text", &item.text);
        c.empty(file, &iat, "source", &item.source);
        check_text(&item.text, known, file, &iat, c);
        check_condition(&item.when, "when", known, bundle, file, &iat, c);
        check_condition(&item.unless, "unless", known, bundle, file, &iat, c);
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
        if let Some(l) = &item.link {
            if let Err(why) = href::check_web(l) {
                c.add(
                    file,
                    iat.clone(),
                    ProblemKind::BadLink,
                    format!("link '{l}' cannot be used: {why}"),
                );
            }
        }
    }
    let mut date_ids = BTreeSet::new();
    for d in dates {
        let dat = format!("{at} / date '{}'", d.id);
        if !date_ids.insert(d.id.as_str()) {
            c.add(
                file,
                dat.clone(),
                ProblemKind::DuplicateId,
                format!("date id '{}' is used twice here", d.id),
            );
        }
        c.empty(file, &dat, "label", &d.label);
        check_text(&d.label, known, file, &dat, c);
        for field in d.stray_fields() {
            c.add(
                file,
                dat.clone(),
                ProblemKind::Structure,
                format!("`{field}` does not apply to a date of this kind"),
            );
        }
        match d.kind() {
            DateKind::NextMeeting { meeting } | DateKind::AgendaDeadline { meeting, .. } => {
                if !org.meetings.contains_key(meeting) {
                    c.add(
                        file,
                        dat,
                        ProblemKind::UnknownMeeting,
                        format!("meeting '{meeting}' is not in {ORGANISATION_FILE} [meetings]"),
                    );
                }
            }
            DateKind::Clock {
                months, days, from, ..
            } => {
                if months == 0 && days == 0 {
                    c.add(
                        file,
                        dat.clone(),
                        ProblemKind::BadDate,
                        "a clock of 0 months and 0 days".into(),
                    );
                }
                if let Some(f) = from {
                    if known.details.get(f) != Some(&Kind::Date) {
                        c.add(file, dat, ProblemKind::BadDate, format!("the clock counts from '{f}', which is not a date question asked before it"));
                    }
                }
            }
        }
    }
}

/// The same checklist item id in two places that can both be on one result is one item,
/// shown once: its words must be the same everywhere. (Decisions of one part never
/// meet, so they may give an id different words.)
fn check_shared_items(bundle: &Bundle, c: &mut Collector) {
    // id → (owner, where, text, source)
    let mut first: BTreeMap<&str, (String, String, &str, &str)> = BTreeMap::new();
    for q in &bundle.questionnaires {
        let owners = q
            .decisions
            .iter()
            .map(|d| (q.id.clone(), format!("decision '{}'", d.id), &d.checklist))
            .chain(q.routes.iter().map(|r| {
                (
                    format!("route {}", r.id),
                    format!("route '{}'", r.id),
                    &r.checklist,
                )
            }));
        for (owner, at, items) in owners {
            for item in items {
                match first.get(item.id.as_str()) {
                    None => {
                        first.insert(
                            &item.id,
                            (
                                owner.clone(),
                                format!("{}: {at}", q.file),
                                &item.text,
                                &item.source,
                            ),
                        );
                    }
                    Some((o, w, text, source))
                        if *o != owner && (*text != item.text || *source != item.source) =>
                    {
                        c.add(
                            &q.file,
                            format!("{at} / checklist '{}'", item.id),
                            ProblemKind::ItemMismatch,
                            format!("the item id is also used in {w} with other words or another source: one id is one item, so give it the same text and source, or another id"),
                        );
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

fn check_routes(bundle: &Bundle, entry: &Questionnaire, c: &mut Collector) {
    let file = entry.file.as_str();
    let mut known = Known {
        facts: BTreeMap::new(),
        details: BTreeMap::new(),
    };
    known.add_part(entry, false);
    check_condition(
        &entry.external_when,
        "external_when",
        &known,
        bundle,
        file,
        "",
        c,
    );
    for (i, r) in entry.routes.iter().enumerate() {
        let at = format!("route '{}'", r.id);
        check_condition(&r.when, "when", &known, bundle, file, &at, c);
        check_condition(&r.unless, "unless", &known, bundle, file, &at, c);
        if i + 1 == entry.routes.len() && !(r.when.is_empty() && r.unless.is_empty()) {
            c.add(file, at.clone(), ProblemKind::BadCondition, "the last route has a condition: give the last one none, so every answer leads somewhere".into());
        }
        let mut inner = Known {
            facts: known.facts.clone(),
            details: known.details.clone(),
        };
        let mut seen = BTreeSet::new();
        for p in &r.parts {
            let pat = format!("{at} / part '{}'", p.id());
            check_condition(p.when(), "when", &inner, bundle, file, &pat, c);
            check_condition(p.unless(), "unless", &inner, bundle, file, &pat, c);
            if !seen.insert(p.id()) {
                c.add(
                    file,
                    pat.clone(),
                    ProblemKind::DuplicateId,
                    "the part is listed twice".into(),
                );
            }
            match bundle.part(p.id()) {
                Some(part) if !part.entry => inner.add_part(part, true),
                _ => c.add(
                    file,
                    pat,
                    ProblemKind::UnknownPart,
                    format!(
                        "'{}' is not a part (a content file other than the entry)",
                        p.id()
                    ),
                ),
            }
        }
        // Check your answers lists the route's questions by their short names: two the
        // same would be two rows (and two "Change" links) no one can tell apart.
        let mut shorts: BTreeMap<&str, &str> = BTreeMap::new();
        let questions = entry.questions.iter().chain(
            r.parts
                .iter()
                .filter_map(|p| bundle.part(p.id()))
                .flat_map(|p| p.questions.iter()),
        );
        for q in questions {
            if let Some(other) = shorts.insert(q.short.trim(), &q.id) {
                c.add(file, at.clone(), ProblemKind::DuplicateId, format!("questions '{other}' and '{}' have the same short name '{}': check your answers could not tell them apart", q.id, q.short.trim()));
            }
        }
        // The route's own texts come first on the result, but may name any of its facts.
        check_ending(
            bundle,
            &r.title,
            &r.summary,
            &r.summary_external,
            &r.contacts,
            &r.checklist,
            &r.dates,
            &inner,
            file,
            &at,
            c,
        );
        if r.parts.is_empty() && (r.checklist.is_empty() || r.contacts.is_empty()) {
            c.add(
                file,
                at,
                ProblemKind::NoChecklist,
                "a route with no parts needs its own checklist and contacts".into(),
            );
        }
    }
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
