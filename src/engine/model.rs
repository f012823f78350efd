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

/// One questionnaire: one data file in `src/content/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Short id, unique across the bundle.
    pub id: String,
    pub title: String,
    /// The questionnaire the whole Navigator starts at. Exactly one has it.
    #[serde(default)]
    pub entry: bool,
    /// The first question of this questionnaire.
    pub start: String,
    /// When the content was last reviewed, `YYYY-MM-DD`; shown on the outcome page, with
    /// a warning once it is more than a year old.
    pub reviewed: String,
    /// Who reviewed it, as a role ("the Information Governance lead").
    pub reviewed_by: String,
    /// When the law it rests on was last checked against the content, `YYYY-MM-DD`.
    pub law_checked: String,
    /// Where the content comes from, for the people who maintain it.
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// Set by the loader from the file name (anything written here is replaced).
    #[serde(default)]
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique across the bundle; used in links and saved answers.
    pub id: String,
    /// The question, shown as the page heading and the fieldset legend.
    pub text: String,
    /// What the check-your-answers page calls this question.
    pub short: String,
    /// What the error summary and the question say when Continue is pressed with no
    /// answer chosen, in the GOV.UK style: "Select what you want to do".
    pub error: String,
    #[serde(default)]
    pub hint: String,
    pub options: Vec<AnswerOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// Unique within its question.
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub hint: String,
    /// The id of the next question or of an outcome, anywhere in the bundle.
    pub next: String,
    /// Why this answer matters, shown on the outcome page ("the route reached and why").
    #[serde(default)]
    pub because: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Unique across the bundle.
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Contact roles, ids of `[contacts.*]` in the organisation file, first to call first.
    pub contacts: Vec<String>,
    pub checklist: Vec<ChecklistItem>,
    #[serde(default)]
    pub dates: Vec<DateRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Unique within its outcome; tests refer to items by it.
    pub id: String,
    pub text: String,
    /// Where the item comes from: a seed's section, or the law or guidance it rests on.
    pub source: String,
    /// A template link, by its id in the organisation's `[templates.*]`.
    #[serde(default)]
    pub template: Option<String>,
    /// Shown only when every listed question has one of the listed answers.
    #[serde(default)]
    pub when: BTreeMap<String, OneOrMany>,
}

/// `when = { who = "staff" }` or `when = { who = ["staff", "external"] }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn values(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// A date that follows from an outcome. (serde cannot refuse unknown fields here,
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
    /// A response clock that starts today: `months` (and, where complex, `extend_months` more).
    Clock {
        months: u32,
        #[serde(default)]
        extend_months: u32,
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

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questionnaires
            .iter()
            .flat_map(|q| q.questions.iter())
            .find(|q| q.id == id)
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.questionnaires
            .iter()
            .flat_map(|q| q.outcomes.iter())
            .find(|o| o.id == id)
    }

    /// The questionnaire a question or outcome belongs to.
    pub fn questionnaire_of(&self, id: &str) -> Option<&Questionnaire> {
        self.questionnaires.iter().find(|q| {
            q.questions.iter().any(|x| x.id == id) || q.outcomes.iter().any(|x| x.id == id)
        })
    }
}

impl Question {
    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|o| o.id == id)
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
