//! Answers → the path taken through the questionnaires and the step reached.

use super::model::{AnswerOption, Bundle, Outcome, Question};
use std::collections::BTreeMap;

/// Answers keyed by question id, each the id of the chosen option.
pub type Answers = BTreeMap<String, String>;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step<'a> {
    Question(&'a Question),
    Outcome(&'a Outcome),
}

impl Step<'_> {
    pub fn id(&self) -> &str {
        match self {
            Step::Question(q) => &q.id,
            Step::Outcome(o) => &o.id,
        }
    }
}

/// The result of following the answers from the start.
#[derive(Debug, Clone, PartialEq)]
pub struct Walk<'a> {
    /// The questions answered on the way, in order, with the answer given.
    pub path: Vec<(&'a Question, &'a AnswerOption)>,
    /// The first question without a (valid) answer, or the outcome reached.
    pub current: Step<'a>,
}

impl<'a> Walk<'a> {
    pub fn outcome(&self) -> Option<&'a Outcome> {
        match self.current {
            Step::Outcome(o) => Some(o),
            Step::Question(_) => None,
        }
    }

    /// Whether the question is answered on this path or is the one to answer next.
    pub fn reaches(&self, question: &str) -> bool {
        self.path.iter().any(|(q, _)| q.id == question) || self.current.id() == question
    }

    /// The answers that lie on the path; everything else no longer applies.
    pub fn answers(&self) -> Answers {
        self.path
            .iter()
            .map(|(q, o)| (q.id.clone(), o.id.clone()))
            .collect()
    }

    /// The question before `question` on the path, if any.
    pub fn before(&self, question: &str) -> Option<&'a Question> {
        let i = self
            .path
            .iter()
            .position(|(q, _)| q.id == question)
            .unwrap_or(self.path.len());
        i.checked_sub(1).map(|j| self.path[j].0)
    }
}

/// Follows the answers from the entry questionnaire's start. Stops at the first
/// question without a valid answer, or at an outcome. Never loops: a validated
/// bundle has no loops, and the walk stops after visiting every node once anyway.
///
/// Returns `None` only for a bundle without an entry, which validation rules out.
pub fn walk<'a>(bundle: &'a Bundle, answers: &Answers) -> Option<Walk<'a>> {
    let start = &bundle.entry()?.start;
    let mut question = bundle.question(start)?;
    let mut path = Vec::new();
    loop {
        let chosen = answers.get(&question.id).and_then(|a| question.option(a));
        let Some(option) = chosen else {
            return Some(Walk {
                path,
                current: Step::Question(question),
            });
        };
        path.push((question, option));
        if let Some(outcome) = bundle.outcome(&option.next) {
            return Some(Walk {
                path,
                current: Step::Outcome(outcome),
            });
        }
        match bundle.question(&option.next) {
            Some(next) if !path.iter().any(|(q, _)| q.id == next.id) => question = next,
            // An unknown step or a loop: stop at the last good question.
            _ => {
                path.pop();
                return Some(Walk {
                    path,
                    current: Step::Question(question),
                });
            }
        }
    }
}

/// Answers that cannot be used: a question this version does not have, or an answer
/// the question does not offer. Each as (question id, answer id).
pub fn unusable(bundle: &Bundle, answers: &Answers) -> Vec<(String, String)> {
    answers
        .iter()
        .filter(|(q, a)| bundle.question(q).and_then(|q| q.option(a)).is_none())
        .map(|(q, a)| (q.clone(), a.clone()))
        .collect()
}
