//! The shapes of the content: questionnaires (questions, options, routing, outcomes)
//! and the organisation's configuration. Read from TOML by the build and the native
//! loader, shipped to the browser as JSON. Nothing here knows about the web.
//!
//! This file is also compiled into `build.rs` (by `#[path]`), so it may refer only
//! to its sibling modules through `super::`.

use serde::{Deserialize, Serialize};
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
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Short id, unique across the bundle. A part's id is also the fact its decision
    /// gives: `when = { anonymisation = "anonymous" }`.
    pub id: String,
    /// The part's name in the task list ("Who decides how the data is used").
    pub title: String,
    /// The questionnaire the whole Navigator starts at. Exactly one has it.
    #[serde(default)]
    pub entry: bool,
    /// When the content was last reviewed, `YYYY-MM-DD`; shown on the result page, with
    /// a warning once it is more than a year old.
    pub reviewed: String,
    /// Who reviewed it, as a role ("the Information Governance lead").
    pub reviewed_by: String,
    /// When the law it rests on was last checked against the content, `YYYY-MM-DD`.
    pub law_checked: String,
    /// Where the content comes from, for the people who maintain it.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Asked in this order; a question whose `when`/`unless` does not hold is skipped.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// A part's decisions: once its questions are answered, the first whose
    /// condition holds is the part's decision. The last should have no condition.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// The entry file's routes: after its questions, the first whose condition holds.
    #[serde(default)]
    pub routes: Vec<Route>,
    /// The entry file: when the person is from another organisation (the result then
    /// uses the `summary_external` texts, which speak to a requester).
    #[serde(default)]
    pub external_when: Condition,
    /// Set by the loader from the file name (anything written here is replaced).
    #[serde(default)]
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
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique across the bundle; used in links and saved answers.
    pub id: String,
    #[serde(default)]
    pub kind: Kind,
    /// The question, shown as the page heading and the fieldset legend.
    pub text: String,
    /// What the check-your-answers page calls this question.
    pub short: String,
    /// What the error summary and the question say when Continue is pressed with no
    /// answer, in the GOV.UK style: "Select what you want to do", "Enter the name of
    /// the organisation", "Enter the date the request was received".
    pub error: String,
    #[serde(default)]
    pub hint: String,
    /// Asked only when this holds (and skipped otherwise).
    #[serde(default)]
    pub when: Condition,
    /// ... and when this does not.
    #[serde(default)]
    pub unless: Condition,
    #[serde(default)]
    pub options: Vec<AnswerOption>,
    /// Text questions: the most characters accepted (100 when not given).
    #[serde(default)]
    pub max_length: Option<u32>,
    /// Date questions: the date cannot be after today.
    #[serde(default)]
    pub not_future: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// Unique within its question.
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub hint: String,
    /// Why this answer matters, shown on the result page ("why").
    #[serde(default)]
    pub because: String,
    /// `choices` questions: this option cannot be chosen with another ("None of these").
    #[serde(default)]
    pub exclusive: bool,
}

/// A route: what the triage's answers lead to. Its parts are the task list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub id: String,
    /// The result page's heading: "Sharing data with another organisation".
    pub title: String,
    pub summary: String,
    /// Said instead of `summary` to someone from another organisation.
    #[serde(default)]
    pub summary_external: String,
    /// The first route whose condition holds is taken; the last has none.
    #[serde(default)]
    pub when: Condition,
    #[serde(default)]
    pub unless: Condition,
    /// The parts, in the task list's order. A route with none goes straight from the
    /// triage to check your answers.
    #[serde(default)]
    pub parts: Vec<PartRef>,
    /// Contacts, checklist and dates for the whole route, before the parts'.
    #[serde(default)]
    pub contacts: Vec<String>,
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
    #[serde(default)]
    pub dates: Vec<DateRule>,
}

/// A part in a route: `"anonymisation"`, or `{ id = "lawful-basis", when = … }` for a
/// part needed only when a condition holds (on the triage or earlier parts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PartRef {
    Always(String),
    When {
        id: String,
        #[serde(default)]
        when: Condition,
        #[serde(default)]
        unless: Condition,
    },
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
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Unique within its part.
    pub id: String,
    #[serde(default)]
    pub when: Condition,
    #[serde(default)]
    pub unless: Condition,
    pub title: String,
    pub summary: String,
    /// Said instead of `summary` to someone from another organisation.
    #[serde(default)]
    pub summary_external: String,
    /// Contact roles, ids of `[contacts.*]` in the organisation file, first to call first.
    #[serde(default)]
    pub contacts: Vec<String>,
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
    #[serde(default)]
    pub dates: Vec<DateRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Tests refer to items by it. The same id in two parts is the same item, shown
    /// once (in the first part that has it): give it the same text.
    pub id: String,
    pub text: String,
    /// Where the item comes from: the law or guidance it rests on, then a seed's section.
    pub source: String,
    /// A template link, by its id in the organisation's `[templates.*]`.
    #[serde(default)]
    pub template: Option<String>,
    /// A public page the item names (https), such as the HRA's decision tool.
    #[serde(default)]
    pub link: Option<String>,
    /// Shown only when this holds ...
    #[serde(default)]
    pub when: Condition,
    /// ... and this does not.
    #[serde(default)]
    pub unless: Condition,
}

/// `when = { who = "staff" }` or `when = { who = ["staff", "external"] }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
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

/// A date that follows from a decision or route. (serde cannot refuse unknown fields here,
/// because of the flattened `kind`; the validator checks what matters.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateRule {
    pub id: String,
    pub label: String,
    #[serde(flatten)]
    pub kind: DateKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateKind {
    /// The next meeting of a body listed in the organisation's `[meetings.*]`.
    NextMeeting { meeting: String },
    /// The last day to get an item on a meeting's agenda, `days_before` the meeting.
    AgendaDeadline { meeting: String, days_before: u32 },
    /// A response clock: `months` and `days` from the date answered to the `from`
    /// question (today when there is none), and, where complex, `extend_months` more.
    Clock {
        #[serde(default)]
        months: u32,
        #[serde(default)]
        days: u32,
        #[serde(default)]
        extend_months: u32,
        #[serde(default)]
        from: Option<String>,
    },
}

/// The organisation: who to call, when its committees meet, where its templates live.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
