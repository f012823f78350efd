//! Answers → the journey: the triage, the route it leads to, each part's status,
//! questions and decision. Built once from the answers, it is the one view of the
//! state that the pages, the result, the download and the tests all read.
//!
//! Answers are kept as text (the address, the saved state and the download all hold
//! text); each kind of question reads and checks its own ([`Question::read`]).

use super::model::{parse_ymd, Bundle, Condition, Decision, Kind, Question, Questionnaire, Route};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Answers keyed by question id, each in its written form: an option's id, several
/// option ids joined by `,`, a text, or a date `YYYY-MM-DD`.
pub type Answers = BTreeMap<String, String>;

/// An answer read by its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Choice(String),
    Choices(Vec<String>),
    Text(String),
    Date(NaiveDate),
}

/// Whether a text holds a character that should never be in an answer: control
/// characters and the invisible ones that can reorder or hide text.
pub fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

impl Question {
    /// Reads a written answer for this question: `Err` says, in plain English, why it
    /// cannot be used. (No date rule relative to today here: see [`Question::check_date`].)
    pub fn read(&self, written: &str) -> Result<Answer, String> {
        match self.kind {
            Kind::Choice => self
                .option(written)
                .map(|o| Answer::Choice(o.id.clone()))
                .ok_or_else(|| "it is not one of the question's answers".to_string()),
            Kind::Choices => {
                let chosen: Vec<&str> = written.split(',').collect();
                if chosen.iter().any(|c| self.option(c).is_none()) {
                    return Err("it is not one of the question's answers".into());
                }
                // In the question's order, each once.
                let ids: Vec<String> = self
                    .options
                    .iter()
                    .filter(|o| chosen.contains(&o.id.as_str()))
                    .map(|o| o.id.clone())
                    .collect();
                if ids.is_empty() || ids.len() != chosen.len() {
                    return Err("it names an answer twice, or none".into());
                }
                let exclusive = self
                    .options
                    .iter()
                    .any(|o| o.exclusive && ids.contains(&o.id));
                if exclusive && ids.len() > 1 {
                    return Err("it combines answers that cannot go together".into());
                }
                Ok(Answer::Choices(ids))
            }
            Kind::Text => match self.text_problem(written) {
                Some(TextProblem::Empty) => Err("it is empty".into()),
                Some(TextProblem::TooLong) => Err(format!(
                    "it is longer than {} characters",
                    self.max_length()
                )),
                Some(TextProblem::Hidden) => Err("it holds characters that cannot be shown".into()),
                None => Ok(Answer::Text(written.trim().to_string())),
            },
            Kind::Date => parse_ymd(written)
                .map(Answer::Date)
                .ok_or_else(|| "it is not a real date".to_string()),
        }
    }

    /// What is wrong with a text answer (trimmed), if anything: the one check behind
    /// both a typed answer and one read from an address or saved state.
    pub fn text_problem(&self, text: &str) -> Option<TextProblem> {
        let t = text.trim();
        if t.is_empty() {
            Some(TextProblem::Empty)
        } else if t.chars().count() > self.max_length() {
            Some(TextProblem::TooLong)
        } else if t.chars().any(unsafe_char) {
            Some(TextProblem::Hidden)
        } else {
            None
        }
    }

    /// A date answer's rule relative to today, if it breaks one.
    pub fn check_date(&self, date: NaiveDate, today: NaiveDate) -> Result<(), String> {
        if self.not_future && date > today {
            return Err("it is in the future".into());
        }
        Ok(())
    }
}

/// Why a text answer cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    Empty,
    TooLong,
    Hidden,
}

/// What the answers so far say about a fact (a question's answer, or a part's decision).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact<'a> {
    /// Given: the option ids chosen, or the decision's id (empty for text and dates).
    Given(Vec<&'a str>),
    /// Not asked on this journey, and never will be with these answers.
    Skipped,
    /// Not given yet: it may still be asked.
    Unknown,
}

/// Three-valued: a condition may not be decidable yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    Yes,
    No,
    NotYet,
}

pub type Facts<'a> = BTreeMap<&'a str, Fact<'a>>;

/// Whether `when` holds and `unless` does not, given the facts. A fact that is not
/// in `facts` at all was not asked on this journey ([`Fact::Skipped`]).
pub fn holds(when: &Condition, unless: &Condition, facts: &Facts<'_>) -> Truth {
    let mut truth = Truth::Yes;
    let terms = when
        .iter()
        .map(|t| (t, true))
        .chain(unless.iter().map(|t| (t, false)));
    for ((key, values), positive) in terms {
        let t = match facts.get(key.as_str()).unwrap_or(&Fact::Skipped) {
            Fact::Unknown => Truth::NotYet,
            Fact::Skipped => bool_truth(!positive),
            Fact::Given(given) => {
                let any = given.iter().any(|g| values.contains(g));
                bool_truth(any == positive)
            }
        };
        match t {
            Truth::No => return Truth::No,
            Truth::NotYet => truth = Truth::NotYet,
            Truth::Yes => {}
        }
    }
    truth
}

fn bool_truth(b: bool) -> Truth {
    if b {
        Truth::Yes
    } else {
        Truth::No
    }
}

/// One questionnaire walked: the questions asked so far with their answers, the one to
/// answer next, and (a part, once complete) its decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    pub part: &'a Questionnaire,
    pub asked: Vec<(&'a Question, Answer)>,
    /// The first question still to answer.
    pub next: Option<&'a Question>,
    pub decision: Option<&'a Decision>,
}

impl<'a> Section<'a> {
    /// Every question asked or to answer next, in order.
    pub fn sequence(&self) -> Vec<&'a Question> {
        self.asked
            .iter()
            .map(|(q, _)| *q)
            .chain(self.next)
            .collect()
    }

    pub fn complete(&self) -> bool {
        self.next.is_none() && (self.decision.is_some() || self.part.decisions.is_empty())
    }

    pub fn answer(&self, question: &str) -> Option<&Answer> {
        self.asked
            .iter()
            .find(|(q, _)| q.id == question)
            .map(|(_, a)| a)
    }
}

/// A task's status in the task list (the GOV.UK pattern).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    CannotStartYet,
    NotStarted,
    InProgress,
    Completed,
}

impl Status {
    /// A stable id for tests and the page's `data-status`.
    pub fn id(self) -> &'static str {
        match self {
            Status::CannotStartYet => "cannot-start-yet",
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Completed => "completed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::CannotStartYet => "Cannot start yet",
            Status::NotStarted => "Not started",
            Status::InProgress => "In progress",
            Status::Completed => "Completed",
        }
    }
}

/// A part of the route, as the task list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Task<'a> {
    pub part: &'a Questionnaire,
    pub status: Status,
    /// The part walked; `None` while it cannot start.
    pub section: Option<Section<'a>>,
}

/// Everything the answers decide.
#[derive(Debug, Clone, PartialEq)]
pub struct Journey<'a> {
    pub bundle: &'a Bundle,
    pub triage: Section<'a>,
    /// Once the triage is answered.
    pub route: Option<&'a Route>,
    /// The route's parts that apply, or may once earlier parts are done.
    pub tasks: Vec<Task<'a>>,
    pub facts: Facts<'a>,
}

/// Where to go in a journey.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step<'a> {
    Question(&'a Question),
    Tasks,
    Check,
}

impl<'a> Journey<'a> {
    /// Builds the journey for the answers. `None` only for a bundle without an entry
    /// questionnaire, which validation rules out.
    pub fn new(bundle: &'a Bundle, answers: &Answers) -> Option<Journey<'a>> {
        let entry = bundle.entry()?;
        let mut facts = Facts::new();
        let triage = section(entry, answers, &mut facts);
        let mut tasks = Vec::new();
        let route = if triage.complete() {
            entry
                .routes
                .iter()
                .find(|r| holds(&r.when, &r.unless, &facts) == Truth::Yes)
        } else {
            None
        };
        for pref in route.map(|r| r.parts.as_slice()).unwrap_or_default() {
            let Some(part) = bundle.part(pref.id()) else {
                continue;
            };
            let truth = match holds(pref.when(), pref.unless(), &facts) {
                Truth::Yes if needs_unknown(part, &facts) => Truth::NotYet,
                t => t,
            };
            match truth {
                Truth::No => {}
                Truth::NotYet => {
                    for q in &part.questions {
                        facts.insert(&q.id, Fact::Unknown);
                    }
                    facts.insert(&part.id, Fact::Unknown);
                    tasks.push(Task {
                        part,
                        status: Status::CannotStartYet,
                        section: None,
                    });
                }
                Truth::Yes => {
                    let s = section(part, answers, &mut facts);
                    let status = if s.complete() {
                        Status::Completed
                    } else if s.asked.is_empty() {
                        Status::NotStarted
                    } else {
                        Status::InProgress
                    };
                    tasks.push(Task {
                        part,
                        status,
                        section: Some(s),
                    });
                }
            }
        }
        Some(Journey {
            bundle,
            triage,
            route,
            tasks,
            facts,
        })
    }

    /// Every question answered and every part decided.
    pub fn complete(&self) -> bool {
        self.route.is_some() && self.tasks.iter().all(|t| t.status == Status::Completed)
    }

    /// Where the answers lead: the next triage question, the task list, or check your
    /// answers once everything is answered.
    pub fn resume(&self) -> Step<'a> {
        if let Some(q) = self.triage.next {
            return Step::Question(q);
        }
        if self.route.is_none() {
            // Content that routes nowhere (validation rules it out): the first question.
            return self
                .triage
                .sequence()
                .first()
                .map_or(Step::Check, |q| Step::Question(q));
        }
        if self.complete() {
            Step::Check
        } else {
            Step::Tasks
        }
    }

    /// The section a question is on (the triage or a part), with what comes before and
    /// after it there.
    pub fn section_of(&self, question: &str) -> Option<&Section<'a>> {
        std::iter::once(&self.triage)
            .chain(self.tasks.iter().filter_map(|t| t.section.as_ref()))
            .find(|s| s.sequence().iter().any(|q| q.id == question))
    }

    /// Whether the question is asked (or to be answered next) on this journey.
    pub fn reaches(&self, question: &str) -> bool {
        self.section_of(question).is_some()
    }

    /// The step after answering `question`: the next question of its section, else
    /// the task list (or, where the route has no parts, check your answers).
    pub fn after(&self, question: &str) -> Step<'a> {
        if let Some(s) = self.section_of(question) {
            let seq = s.sequence();
            if let Some(i) = seq.iter().position(|q| q.id == question) {
                if let Some(next) = seq.get(i + 1) {
                    return Step::Question(next);
                }
            }
        }
        match self.resume() {
            Step::Question(q) => Step::Question(q),
            _ if self.tasks.is_empty() && self.complete() => Step::Check,
            _ => Step::Tasks,
        }
    }

    /// The step before `question`: the previous question of its section; for a part's
    /// first question the task list; for the first question, `None` (the start page).
    pub fn before(&self, question: &str) -> Option<Step<'a>> {
        let s = self.section_of(question)?;
        let seq = s.sequence();
        let i = seq.iter().position(|q| q.id == question)?;
        match i.checked_sub(1) {
            Some(j) => Some(Step::Question(seq[j])),
            None if s.part.entry => None,
            None => Some(Step::Tasks),
        }
    }

    /// Where a part's link in the task list leads: its next question, or (done) its first.
    pub fn open(&self, part: &str) -> Option<&'a Question> {
        let s = self
            .tasks
            .iter()
            .find(|t| t.part.id == part)?
            .section
            .as_ref()?;
        s.next.or_else(|| s.sequence().first().copied())
    }

    /// The last triage question (the task list's Back).
    pub fn last_triage(&self) -> Option<&'a Question> {
        self.triage.sequence().last().copied()
    }

    /// The answers still live: those given on this journey, and those of questions that
    /// may yet be asked. Answers to questions these answers no longer reach are dropped.
    pub fn live(&self, answers: &Answers) -> Answers {
        answers
            .iter()
            .filter(|(q, _)| {
                matches!(
                    self.facts.get(q.as_str()),
                    Some(Fact::Given(_) | Fact::Unknown)
                )
            })
            .map(|(q, a)| (q.clone(), a.clone()))
            .collect()
    }

    /// The answer given to a question, read.
    pub fn answer(&self, question: &str) -> Option<&Answer> {
        std::iter::once(&self.triage)
            .chain(self.tasks.iter().filter_map(|t| t.section.as_ref()))
            .find_map(|s| s.answer(question))
    }

    /// Whether the person said they are from another organisation (the entry's
    /// `external_when`), so the result speaks to them.
    pub fn external(&self) -> bool {
        self.bundle.entry().is_some_and(|e| {
            !e.external_when.is_empty()
                && holds(&e.external_when, &Condition::new(), &self.facts) == Truth::Yes
        })
    }
}

/// Whether a part depends on a fact not known yet (an earlier part not finished):
/// it cannot start until then.
fn needs_unknown(part: &Questionnaire, facts: &Facts<'_>) -> bool {
    let own = |k: &str| part.questions.iter().any(|q| q.id == k);
    let conds = part
        .questions
        .iter()
        .flat_map(|q| [&q.when, &q.unless])
        .chain(part.decisions.iter().flat_map(|d| [&d.when, &d.unless]));
    conds
        .flat_map(|c| c.keys())
        .any(|k| !own(k) && facts.get(k.as_str()) == Some(&Fact::Unknown))
}

/// Walks one questionnaire's questions in order over the answers, recording each
/// question's fact (and, once complete, the part's decision) in `facts`.
pub fn section<'a>(
    part: &'a Questionnaire,
    answers: &Answers,
    facts: &mut Facts<'a>,
) -> Section<'a> {
    let mut asked = Vec::new();
    let mut next: Option<&'a Question> = None;
    let mut blocked = false;
    for q in &part.questions {
        if next.is_some() || blocked {
            facts.insert(&q.id, Fact::Unknown);
            continue;
        }
        match holds(&q.when, &q.unless, facts) {
            Truth::No => {
                facts.insert(&q.id, Fact::Skipped);
            }
            Truth::NotYet => {
                // Validation rules this out (a condition on a fact not yet asked).
                blocked = true;
                facts.insert(&q.id, Fact::Unknown);
            }
            Truth::Yes => match answers.get(&q.id).and_then(|w| q.read(w).ok()) {
                Some(answer) => {
                    let given = match &answer {
                        Answer::Choice(id) => option_ids(q, std::slice::from_ref(id)),
                        Answer::Choices(ids) => option_ids(q, ids),
                        Answer::Text(_) | Answer::Date(_) => Vec::new(),
                    };
                    facts.insert(&q.id, Fact::Given(given));
                    asked.push((q, answer));
                }
                None => {
                    facts.insert(&q.id, Fact::Unknown);
                    next = Some(q);
                }
            },
        }
    }
    let mut decision = None;
    if next.is_none() && !blocked && !part.decisions.is_empty() {
        decision = part
            .decisions
            .iter()
            .find(|d| holds(&d.when, &d.unless, facts) == Truth::Yes);
    }
    if !part.entry {
        let fact = match decision {
            Some(d) => Fact::Given(vec![d.id.as_str()]),
            None => Fact::Unknown,
        };
        facts.insert(&part.id, fact);
    }
    Section {
        part,
        asked,
        next,
        decision,
    }
}

/// The ids as borrowed from the question (so facts live as long as the bundle).
fn option_ids<'a>(q: &'a Question, ids: &[String]) -> Vec<&'a str> {
    q.options
        .iter()
        .filter(|o| ids.contains(&o.id))
        .map(|o| o.id.as_str())
        .collect()
}
