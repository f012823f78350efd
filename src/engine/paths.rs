//! Paths through the content for people and tests: a summary of every route's paths
//! (from [`super::explore`]), walks that between them give every answer of every
//! question (the end-to-end tests click through these), and a Graphviz drawing.

use super::explore::{explore, samples};
use super::journey::{Answers, Journey};
use super::model::{Bundle, Condition, Question};
use std::collections::BTreeMap;

/// The question a journey asks next: the triage's, else the first part's with one.
pub fn next_question<'a>(j: &Journey<'a>) -> Option<&'a Question> {
    j.triage.next.or_else(|| {
        j.tasks
            .iter()
            .find_map(|t| t.section.as_ref().and_then(|s| s.next))
    })
}

/// One line per route: how many paths each part has and how many distinct states
/// the route ends in.
pub fn table(bundle: &Bundle) -> Vec<String> {
    let e = explore(bundle);
    let mut out: Vec<String> = e
        .routes
        .iter()
        .map(|r| {
            let parts: Vec<String> = r
                .parts
                .iter()
                .map(|(p, n, s)| format!("{p}: {n} paths → {s} states"))
                .collect();
            format!(
                "{}: triage {} paths | {} | {} endings",
                r.route,
                r.triage_paths,
                parts.join(" | "),
                r.ends
            )
        })
        .collect();
    out.extend(e.problems.iter().map(|p| format!("PROBLEM {p}")));
    out
}

/// Complete journeys that between them choose every answer of every question at least
/// once: each walk picks, at each question, an answer not given yet if there is one,
/// else any (by a fixed pseudo-random sequence, so the walks are the same every run).
/// A walk is kept only when it gives an answer no earlier walk gave; after 100 walks in
/// a row give nothing new, each answer still missing gets a walk found for it by search.
pub fn cover(bundle: &Bundle) -> Vec<Answers> {
    let mut used: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut walks: Vec<Answers> = Vec::new();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| -> usize {
        // xorshift64*
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        (seed.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    };
    let mut idle = 0;
    while idle < 100 && walks.len() < 1000 {
        let mut answers = Answers::new();
        let mut fresh = false;
        for _ in 0..200 {
            let Some(j) = Journey::new(bundle, &answers) else {
                break;
            };
            let Some(q) = next_question(&j) else { break };
            let options = samples(q);
            let unused: Vec<&String> = options
                .iter()
                .filter(|w| !used.contains_key(&(q.id.clone(), (*w).clone())))
                .collect();
            let pick = if unused.is_empty() {
                options[next(options.len())].clone()
            } else {
                unused[next(unused.len())].clone()
            };
            fresh |= !used.contains_key(&(q.id.clone(), pick.clone()));
            answers.insert(q.id.clone(), pick);
        }
        if fresh {
            for (q, a) in &answers {
                *used.entry((q.clone(), a.clone())).or_insert(0) += 1;
            }
            idle = 0;
            walks.push(answers);
        } else {
            idle += 1;
        }
    }
    // Then, for each answer still not given, a walk that gives it: depth first, cutting
    // off every branch where its question can no longer be asked.
    let pairs: Vec<(&Question, String)> = bundle
        .questionnaires
        .iter()
        .flat_map(|p| &p.questions)
        .flat_map(|q| samples(q).into_iter().map(move |w| (q, w)))
        .collect();
    for (q, w) in pairs {
        if used.contains_key(&(q.id.clone(), w.clone())) {
            continue;
        }
        let Some(walk) = reach(bundle, q, &w) else {
            continue;
        };
        for (k, v) in &walk {
            *used.entry((k.clone(), v.clone())).or_insert(0) += 1;
        }
        walks.push(walk);
    }
    walks
}

/// A complete walk that answers `target` with `written`, if one is found.
fn reach(bundle: &Bundle, target: &Question, written: &str) -> Option<Answers> {
    let mut stack = vec![Answers::new()];
    let mut nodes = 0;
    while let Some(answers) = stack.pop() {
        nodes += 1;
        if nodes > 50_000 {
            return None;
        }
        let j = Journey::new(bundle, &answers)?;
        let Some(q) = next_question(&j) else { continue };
        if q.id == target.id {
            // Found: give the answer, then the first answer to everything after.
            let mut a = answers.clone();
            a.insert(q.id.clone(), written.to_string());
            for _ in 0..200 {
                let j = Journey::new(bundle, &a)?;
                match next_question(&j) {
                    Some(n) => {
                        let first = samples(n).into_iter().next()?;
                        a.insert(n.id.clone(), first);
                    }
                    None => return j.complete().then_some(a),
                }
            }
            return None;
        }
        // Cut: the target was skipped, or its part is not on this route.
        match j.facts.get(target.id.as_str()) {
            Some(super::journey::Fact::Skipped) => continue,
            None if j.route.is_some() => continue,
            _ => {}
        }
        for w in samples(q).into_iter().rev() {
            let mut a = answers.clone();
            a.insert(q.id.clone(), w);
            stack.push(a);
        }
    }
    None
}

/// A condition in words: `a = x or y and not b = z`.
pub fn describe(c: &Condition, unless: &Condition) -> String {
    let mut parts: Vec<String> = c
        .iter()
        .map(|(k, v)| format!("{k} = {}", v.values().join(" or ")))
        .collect();
    parts.extend(
        unless
            .iter()
            .map(|(k, v)| format!("not {k} = {}", v.values().join(" or "))),
    );
    parts.join(" and ")
}

/// The routes, parts, questions and decisions in Graphviz dot:
/// `navigator graph | dot -Tsvg > graph.svg`.
pub fn graphviz(bundle: &Bundle) -> String {
    let mut s =
        String::from("digraph navigator {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n");
    let esc = |t: &str| t.replace('\\', "\\\\").replace('"', "\\\"");
    for q in &bundle.questionnaires {
        s.push_str(&format!(
            "  subgraph \"cluster_{}\" {{\n    label=\"{} ({})\";\n",
            esc(&q.id),
            esc(&q.title),
            esc(&q.id)
        ));
        let mut prev: Option<String> = None;
        for question in &q.questions {
            s.push_str(&format!(
                "    \"{}\" [shape=box,label=\"{}\\n{}\"];\n",
                esc(&question.id),
                esc(&question.short),
                esc(&question.id)
            ));
            if let Some(p) = &prev {
                s.push_str(&format!(
                    "    \"{}\" -> \"{}\" [label=\"{}\"];\n",
                    esc(p),
                    esc(&question.id),
                    esc(&describe(&question.when, &question.unless))
                ));
            }
            prev = Some(question.id.clone());
        }
        for d in &q.decisions {
            let node = format!("{}/{}", q.id, d.id);
            s.push_str(&format!(
                "    \"{}\" [shape=doubleoctagon,label=\"{}\\n{}\"];\n",
                esc(&node),
                esc(&d.title),
                esc(&node)
            ));
            if let Some(p) = &prev {
                s.push_str(&format!(
                    "    \"{}\" -> \"{}\" [label=\"{}\"];\n",
                    esc(p),
                    esc(&node),
                    esc(&describe(&d.when, &d.unless))
                ));
            }
        }
        s.push_str("  }\n");
        for r in &q.routes {
            let node = format!("route:{}", r.id);
            s.push_str(&format!(
                "  \"{}\" [shape=ellipse,label=\"{}\\n{}\"];\n",
                esc(&node),
                esc(&r.title),
                esc(&node)
            ));
            if let Some(last) = q.questions.last() {
                s.push_str(&format!(
                    "  \"{}\" -> \"{}\" [label=\"{}\"];\n",
                    esc(&last.id),
                    esc(&node),
                    esc(&describe(&r.when, &r.unless))
                ));
            }
            let mut from = node.clone();
            for p in &r.parts {
                if let Some(first) = bundle.part(p.id()).and_then(|x| x.questions.first()) {
                    s.push_str(&format!(
                        "  \"{}\" -> \"{}\" [style=dashed,label=\"{}\"];\n",
                        esc(&from),
                        esc(&first.id),
                        esc(&describe(p.when(), p.unless()))
                    ));
                    from = first.id.clone();
                }
            }
        }
    }
    s.push_str("}\n");
    s
}

/// One step a person takes on a walk, as they see it: the page, its heading, and what
/// they choose, type or click (by its visible label).
#[derive(Debug, Clone, PartialEq)]
pub enum Click {
    Start,
    /// A question: its legend, kind, and the labels to choose (radios, checkboxes), or
    /// the text to type, or the date's day, month and year.
    Answer {
        question: String,
        legend: String,
        kind: &'static str,
        choose: Vec<String>,
        text: String,
        date: [String; 3],
    },
    /// The task list: its heading (the route's title) and the part to open.
    Task {
        heading: String,
        part: String,
    },
    /// The task list with every part done: "Check your answers and get your result".
    CheckAnswers {
        heading: String,
    },
    /// Check your answers: Continue.
    Confirm,
    /// The result: the route's title, and each part's decision title.
    Result {
        heading: String,
        decisions: Vec<String>,
        items: Vec<String>,
    },
}

/// The steps a person takes through the Navigator's pages to give these answers, by
/// running the same [`Flow`](super::flow::Flow) the pages run.
pub fn clicks(
    bundle: &std::rc::Rc<Bundle>,
    answers: &Answers,
    today: chrono::NaiveDate,
) -> Vec<Click> {
    use super::flow::{Action, DatePart, Flow, Page};
    use super::model::Kind;
    let mut flow = Flow::new(std::rc::Rc::clone(bundle), today).apply(Action::Start);
    let mut out = vec![Click::Start];
    for _ in 0..400 {
        let j = Journey::new(bundle, &flow.answers);
        let Some(j) = j else { break };
        let heading = j.route.map(|r| r.title.clone()).unwrap_or_default();
        let action = match flow.page.clone() {
            Page::Question(qid) => {
                let Some(q) = bundle.question(&qid) else {
                    break;
                };
                let Some(w) = answers.get(&qid) else { break };
                let mut click = Click::Answer {
                    question: qid.clone(),
                    legend: q.text.clone(),
                    kind: match q.kind {
                        Kind::Choice => "choice",
                        Kind::Choices => "choices",
                        Kind::Text => "text",
                        Kind::Date => "date",
                    },
                    choose: Vec::new(),
                    text: String::new(),
                    date: Default::default(),
                };
                let mut actions = Vec::new();
                if let Click::Answer {
                    choose, text, date, ..
                } = &mut click
                {
                    match q.kind {
                        Kind::Choice => {
                            choose.extend(q.option(w).map(|o| o.label.clone()));
                            actions.push(Action::Select(w.clone()));
                        }
                        Kind::Choices => {
                            for id in w.split(',') {
                                choose.extend(q.option(id).map(|o| o.label.clone()));
                                actions.push(Action::Toggle(id.to_string(), true));
                            }
                        }
                        Kind::Text => {
                            *text = w.clone();
                            actions.push(Action::Text(w.clone()));
                        }
                        Kind::Date => {
                            let parts: Vec<&str> = w.split('-').collect();
                            if parts.len() == 3 {
                                let trim = |s: &str| s.trim_start_matches('0').to_string();
                                *date = [trim(parts[2]), trim(parts[1]), parts[0].to_string()];
                                actions.push(Action::Date(DatePart::Day, date[0].clone()));
                                actions.push(Action::Date(DatePart::Month, date[1].clone()));
                                actions.push(Action::Date(DatePart::Year, date[2].clone()));
                            }
                        }
                    }
                }
                out.push(click);
                for a in actions {
                    flow = flow.apply(a);
                }
                Action::Continue
            }
            Page::Tasks => {
                if j.complete() {
                    out.push(Click::CheckAnswers { heading });
                    Action::CheckAnswers
                } else {
                    let Some(t) = j
                        .tasks
                        .iter()
                        .find(|t| t.section.as_ref().is_some_and(|s| s.next.is_some()))
                    else {
                        break;
                    };
                    out.push(Click::Task {
                        heading,
                        part: t.part.title.clone(),
                    });
                    Action::OpenPart(t.part.id.clone())
                }
            }
            Page::Check => {
                out.push(Click::Confirm);
                Action::Confirm
            }
            Page::Outcome => {
                let r = super::report::report(&j, today);
                let (decisions, items) = r
                    .map(|r| {
                        let d = r.parts.iter().map(|p| p.title.clone()).collect();
                        let i = r
                            .checklist
                            .iter()
                            .chain(r.parts.iter().flat_map(|p| p.checklist.iter()))
                            .map(|i| i.id.to_string())
                            .collect();
                        (d, i)
                    })
                    .unwrap_or_default();
                out.push(Click::Result {
                    heading,
                    decisions,
                    items,
                });
                break;
            }
            Page::Start | Page::Record => break,
        };
        let before = (flow.page.clone(), flow.answers.len());
        flow = flow.apply(action);
        if flow.error.is_some()
            || (flow.page.clone(), flow.answers.len()) == before
                && !matches!(flow.page, Page::Question(_))
        {
            break;
        }
    }
    out
}
