//! The shapes of the content: questionnaires (questions, options, routing, outcomes)
//! and the organisation's configuration. Read from TOML by the build and the native
//! loader, shipped to the browser as JSON. Nothing here knows about the web.
//!
//! This file is also compiled into `build.rs` (by `#[path]`), so it may refer only
//! to its sibling modules through `super::`.

use serde::{Deserialize, Serialize};

// Unknown fields are refused where content is written (the build, native tools and
// tests: `deny_unknown_fields`), not in the browser, which reads only what the build
// wrote: the check would only add code to the download.
use std::collections::BTreeMap;

/// Everything the Navigator knows: the questionnaires and the organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    pub questionnaires: Vec<Questionnaire>,
    pub organisation: Organisation,
}

/// One questionnaire: one data file in `src/content/`. The entry file (triage) asks
/// who and what, and its `routes` say which parts follow; every other file is a
/// part: a task in the route's task list, with its questions and its decisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Questionnaire {
    /// Short id, unique across the bundle. A part's id is also the fact its decision
    /// gives: `when = { anonymisation = "anonymous" }`.
    pub id: String,
    /// The part's name in the task list ("Who decides how the data is used").
    pub title: String,
    /// The questionnaire the whole Navigator starts at. Exactly one has it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub entry: bool,
    /// When the content was last reviewed, `YYYY-MM-DD`; shown on the result page, with
    /// a warning once it is more than a year old.
    pub reviewed: String,
    /// Who reviewed it, as a role ("the Information Governance lead").
    pub reviewed_by: String,
    /// When the law it rests on was last checked against the content, `YYYY-MM-DD`.
    pub law_checked: String,
    /// Where the content comes from, for the people who maintain it. Checked by the
    /// build but not shipped to the browser, which never shows it.
    #[serde(default, skip_serializing)]
    pub sources: Vec<String>,
    /// Asked in this order; a question whose `when`/`unless` does not hold is skipped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// A part's decisions: once its questions are answered, the first whose
    /// condition holds is the part's decision. The last should have no condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// The entry file's routes: after its questions, the first whose condition holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
    /// The entry file: when the person is from another organisation (the result then
    /// uses the `summary_external` texts, which speak to a requester).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub external_when: Condition,
    /// Set by the loader from the file name (anything written here is replaced).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
}

/// What kind of answer a question takes; each kind reads and checks its own input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One of the options (radios).
    #[default]
    Choice,
    /// One or more of the options (checkboxes); an `exclusive` option stands alone.
    Choices,
    /// A short text, at most `max_length` characters.
    Text,
    /// A date, as day, month and year.
    Date,
}

/// A condition on the facts given so far: every key must have one of its values.
/// A key is a question's id (the value an option's id) or a part's id (the value
/// one of its decisions' ids). For a `choices` question, one of the values chosen.
pub type Condition = BTreeMap<String, OneOrMany>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Question {
    /// Unique across the bundle; used in links and saved answers.
    pub id: String,
    #[serde(default, skip_serializing_if = "Kind::is_choice")]
    pub kind: Kind,
    /// The question, shown as the page heading and the fieldset legend.
    pub text: String,
    /// What the check-your-answers page calls this question.
    pub short: String,
    /// What the error summary and the question say when Continue is pressed with no
    /// answer, in the GOV.UK style: "Select what you want to do", "Enter the name of
    /// the organisation", "Enter the date the request was received".
    pub error: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hint: String,
    /// Asked only when this holds (and skipped otherwise).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub when: Condition,
    /// ... and when this does not.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unless: Condition,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<AnswerOption>,
    /// Text questions: the most characters accepted (100 when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Date questions: the date cannot be after today.
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_future: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct AnswerOption {
    /// Unique within its question.
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hint: String,
    /// Why this answer matters, shown on the result page ("why").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub because: String,
    /// `choices` questions: this option cannot be chosen with another ("None of these").
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive: bool,
}

/// A route: what the triage's answers lead to. Its parts are the task list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Route {
    pub id: String,
    /// The result page's heading: "Sharing data with another organisation".
    pub title: String,
    pub summary: String,
    /// Said instead of `summary` to someone from another organisation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary_external: String,
    /// The first route whose condition holds is taken; the last has none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub when: Condition,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unless: Condition,
    /// The parts, in the task list's order. A route with none goes straight from the
    /// triage to check your answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartRef>,
    /// Contacts, checklist and dates for the whole route, before the parts'.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<ChecklistItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateRule>,
}

/// A part in a route: `"anonymisation"`, or `{ id = "lawful-basis", when = … }` for a
/// part needed only when a condition holds (on the triage or earlier parts).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PartRef {
    Always(String),
    When {
        id: String,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        when: Condition,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        unless: Condition,
    },
}

/// The table form of a part in a route.
#[derive(Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
struct PartWhen {
    id: String,
    #[serde(default)]
    when: Condition,
    #[serde(default)]
    unless: Condition,
}

// By hand rather than `untagged`: serde's untagged enums buffer every value in a generic
// form first, which costs the browser's download kilobytes of code and gives poorer
// messages ("data did not match any variant").
impl<'de> Deserialize<'de> for PartRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = PartRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a part's id, or a table with `id` and `when` or `unless`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PartRef, E> {
                Ok(PartRef::Always(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<PartRef, E> {
                Ok(PartRef::Always(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<PartRef, A::Error> {
                let p = PartWhen::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(PartRef::When {
                    id: p.id,
                    when: p.when,
                    unless: p.unless,
                })
            }
        }
        d.deserialize_any(V)
    }
}

static NO_CONDITION: BTreeMap<String, OneOrMany> = BTreeMap::new();

impl PartRef {
    pub fn id(&self) -> &str {
        match self {
            PartRef::Always(id) | PartRef::When { id, .. } => id,
        }
    }
    pub fn when(&self) -> &Condition {
        match self {
            PartRef::Always(_) => &NO_CONDITION,
            PartRef::When { when, .. } => when,
        }
    }
    pub fn unless(&self) -> &Condition {
        match self {
            PartRef::Always(_) => &NO_CONDITION,
            PartRef::When { unless, .. } => unless,
        }
    }
}

/// A part's decision: what its answers mean, and what follows from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Decision {
    /// Unique within its part.
    pub id: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub when: Condition,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unless: Condition,
    pub title: String,
    pub summary: String,
    /// Said instead of `summary` to someone from another organisation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary_external: String,
    /// Contact roles, ids of `[contacts.*]` in the organisation file, first to call first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<ChecklistItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct ChecklistItem {
    /// Tests refer to items by it. The same id in two parts is the same item, shown
    /// once (in the first part that has it): give it the same text.
    pub id: String,
    pub text: String,
    /// Where the item comes from: the law or guidance it rests on, then a seed's section.
    pub source: String,
    /// A template link, by its id in the organisation's `[templates.*]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// A public page the item names (https), such as the HRA's decision tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Shown only when this holds ...
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub when: Condition,
    /// ... and this does not.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unless: Condition,
}

/// `when = { who = "staff" }` or `when = { who = ["staff", "external"] }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

// By hand rather than `untagged` (see `PartRef`).
impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer's id, or a list of them")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<OneOrMany, A::Error> {
                Vec::<String>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(OneOrMany::Many)
            }
        }
        d.deserialize_any(V)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Kind {
    fn is_choice(&self) -> bool {
        *self == Kind::Choice
    }
}

impl OneOrMany {
    /// Whether `v` is one of the values (without building a list).
    pub fn contains(&self, v: &str) -> bool {
        match self {
            OneOrMany::One(s) => s == v,
            OneOrMany::Many(list) => list.iter().any(|s| s == v),
        }
    }

    pub fn values(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// A date that follows from a decision or route, as written in the content: `kind` says
/// which, and only that kind's fields may be given (the validator checks).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct DateRule {
    pub id: String,
    pub label: String,
    pub kind: DateType,
    /// `next_meeting`, `agenda_deadline`: a meeting in the organisation's `[meetings.*]`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub meeting: String,
    /// `agenda_deadline`: how many days before the meeting the agenda closes.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub days_before: u32,
    /// `clock`: `months` and `days` from the date answered to the `from` question (today
    /// when there is none), and, where complex, `extend_months` more.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub months: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub days: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub extend_months: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateType {
    NextMeeting,
    AgendaDeadline,
    Clock,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A date rule read by its kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DateKind<'a> {
    /// The next meeting of a body listed in the organisation's `[meetings.*]`.
    NextMeeting { meeting: &'a str },
    /// The last day to get an item on a meeting's agenda, `days_before` the meeting.
    AgendaDeadline { meeting: &'a str, days_before: u32 },
    /// A response clock (see [`DateRule`]).
    Clock {
        months: u32,
        days: u32,
        extend_months: u32,
        from: Option<&'a str>,
    },
}

impl DateRule {
    pub fn kind(&self) -> DateKind<'_> {
        match self.kind {
            DateType::NextMeeting => DateKind::NextMeeting {
                meeting: &self.meeting,
            },
            DateType::AgendaDeadline => DateKind::AgendaDeadline {
                meeting: &self.meeting,
                days_before: self.days_before,
            },
            DateType::Clock => DateKind::Clock {
                months: self.months,
                days: self.days,
                extend_months: self.extend_months,
                from: self.from.as_deref(),
            },
        }
    }

    /// Fields given that this kind of date does not use (the validator refuses them).
    pub fn stray_fields(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        let meeting = matches!(self.kind, DateType::NextMeeting | DateType::AgendaDeadline);
        if !meeting && !self.meeting.is_empty() {
            v.push("meeting");
        }
        if self.kind != DateType::AgendaDeadline && self.days_before != 0 {
            v.push("days_before");
        }
        if self.kind != DateType::Clock {
            for (name, n) in [
                ("months", self.months),
                ("days", self.days),
                ("extend_months", self.extend_months),
            ] {
                if n != 0 {
                    v.push(name);
                }
            }
            if self.from.is_some() {
                v.push("from");
            }
        }
        v
    }
}

/// The organisation: who to call, when its committees meet, where its templates live.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Organisation {
    pub name: String,
    /// The staff intranet's name, where meeting dates are published.
    #[serde(default)]
    pub intranet: String,
    /// The switchboard number that extensions are reached through.
    #[serde(default)]
    pub switchboard: String,
    #[serde(default)]
    pub contacts: BTreeMap<String, Contact>,
    #[serde(default)]
    pub meetings: BTreeMap<String, Meeting>,
    #[serde(default)]
    pub templates: BTreeMap<String, Template>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Contact {
    pub name: String,
    /// What to contact them about.
    #[serde(default)]
    pub about: String,
    /// A full number, as dialled from outside.
    #[serde(default)]
    pub phone: String,
    /// An internal extension, reached through `phone` or else the switchboard.
    #[serde(default)]
    pub extension: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Meeting {
    pub name: String,
    /// How often it meets and where its dates are published, in words: shown once on
    /// an outcome whose dates for this meeting cannot be worked out.
    #[serde(default)]
    pub cadence: String,
    /// Meeting dates, `YYYY-MM-DD`.
    #[serde(default)]
    pub dates: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Template {
    pub name: String,
    /// Where to get it; empty when the organisation has not published a link.
    #[serde(default)]
    pub url: String,
}

impl Bundle {
    pub fn entry(&self) -> Option<&Questionnaire> {
        self.questionnaires.iter().find(|q| q.entry)
    }

    pub fn part(&self, id: &str) -> Option<&Questionnaire> {
        self.questionnaires.iter().find(|q| q.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questionnaires
            .iter()
            .flat_map(|q| q.questions.iter())
            .find(|q| q.id == id)
    }

    /// The questionnaire a question belongs to.
    pub fn part_of(&self, question: &str) -> Option<&Questionnaire> {
        self.questionnaires
            .iter()
            .find(|q| q.questions.iter().any(|x| x.id == question))
    }

    pub fn route(&self, id: &str) -> Option<&Route> {
        self.entry()?.routes.iter().find(|r| r.id == id)
    }
}

impl Questionnaire {
    pub fn decision(&self, id: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.id == id)
    }
}

impl Question {
    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|o| o.id == id)
    }

    /// The most characters a text answer may have.
    pub fn max_length(&self) -> usize {
        self.max_length.unwrap_or(100) as usize
    }
}

/// Writes a date `YYYY-MM-DD` (by hand, like [`parse_ymd`], to keep chrono's formatter
/// out of the browser's download).
pub fn ymd(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Reads a date written `YYYY-MM-DD`. (By hand rather than with chrono's formatter,
/// which would add tens of kilobytes to the browser's download.)
pub fn parse_ymd(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    chrono::NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}
