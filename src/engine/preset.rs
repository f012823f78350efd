//! The answers a host page can give a Navigator before the person starts, by its
//! element's data attributes (README "Embedding"): the route to start at (`data-start`,
//! a route's id from triage.toml) and the audience (`data-audience`, `staff` or
//! `external`). Both are read from the content, never from a list in code: a route's
//! `when` gives its answers, and the entry's `external_when` says which answer makes a
//! person external (`staff` is that question's other option).
//!
//! The person sees them as answers (check your answers lists them, with Change); they
//! never replace answers the person gave (see `Flow::open`).

use crate::engine::journey::Answers;
use crate::engine::model::{Bundle, Condition, OneOrMany};

/// The answers for `start` and `audience`, and a plain message for each that the content
/// does not allow (for the host page's author, in the console).
pub fn preset(
    bundle: &Bundle,
    start: Option<&str>,
    audience: Option<&str>,
) -> (Answers, Vec<String>) {
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    let Some(entry) = bundle.entry() else {
        return (answers, problems);
    };
    if let Some(id) = start {
        let route = entry.routes.iter().find(|r| r.id == id);
        match route.and_then(|r| given(&r.when).filter(|_| r.unless.is_empty())) {
            Some(a) => answers.extend(a),
            None => {
                let known: Vec<&str> = entry
                    .routes
                    .iter()
                    .filter(|r| given(&r.when).is_some() && r.unless.is_empty())
                    .map(|r| r.id.as_str())
                    .collect();
                problems.push(format!(
                    "data-start=\"{id}\" is not a route the Navigator can start at; use one of: {}",
                    known.join(", ")
                ));
            }
        }
    }
    if let Some(who) = audience {
        match audience_answer(bundle, who) {
            Some((q, a)) => {
                answers.insert(q, a);
            }
            None => problems.push(format!(
                "data-audience=\"{who}\" is not an audience; use staff or external"
            )),
        }
    }
    (answers, problems)
}

/// The answers a condition of plain `question = "option"` pairs gives; `None` for an
/// empty condition or one that lists several options.
fn given(condition: &Condition) -> Option<Answers> {
    if condition.is_empty() {
        return None;
    }
    condition
        .iter()
        .map(|(q, want)| match want {
            OneOrMany::One(a) => Some((q.clone(), a.clone())),
            OneOrMany::Many(_) => None,
        })
        .collect()
}

/// `external`: the entry's `external_when` answer; `staff`: the other option of that
/// question, when it has exactly two.
fn audience_answer(bundle: &Bundle, who: &str) -> Option<(String, String)> {
    let entry = bundle.entry()?;
    let (q, external) = given(&entry.external_when)?.into_iter().next()?;
    match who {
        "external" => Some((q, external)),
        "staff" => {
            let question = bundle.question(&q)?;
            let [a, b] = question.options.as_slice() else {
                return None;
            };
            let other = if a.id == external { &b.id } else { &a.id };
            Some((q, other.clone()))
        }
        _ => None,
    }
}
