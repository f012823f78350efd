//! Every path through the questionnaires, for tests and for drawing the graph.

use super::model::Bundle;
use super::report::applies;
use super::walk::{walk, Answers, Step};

/// Every complete set of answers, with the outcome it reaches, in a stable order.
/// Bounded by the graph having no loops (validation); a walk that stops short of an
/// outcome is returned with `None`, which tests treat as a dead end.
pub fn all_paths(bundle: &Bundle) -> Vec<(Answers, Option<String>)> {
    let mut out = Vec::new();
    let mut stack = vec![Answers::new()];
    let limit = 100_000;
    while let Some(answers) = stack.pop() {
        if out.len() >= limit {
            break;
        }
        match walk(bundle, &answers).map(|w| w.current) {
            // An answer given here but not accepted: a dead end.
            Some(Step::Question(q)) if answers.contains_key(&q.id) => out.push((answers, None)),
            Some(Step::Question(q)) => {
                for o in q.options.iter().rev() {
                    let mut next = answers.clone();
                    next.insert(q.id.clone(), o.id.clone());
                    stack.push(next);
                }
            }
            Some(Step::Outcome(o)) => out.push((answers, Some(o.id.clone()))),
            None => out.push((answers, None)),
        }
    }
    out
}

/// One line per path: the answers in the order asked, then the outcome and the ids of
/// the checklist items, contacts and dates it shows. A compact snapshot of the content's logic.
pub fn table(bundle: &Bundle) -> Vec<String> {
    all_paths(bundle)
        .into_iter()
        .map(|(answers, outcome)| {
            let asked = walk(bundle, &answers)
                .map(|w| {
                    w.path
                        .iter()
                        .map(|(q, o)| format!("{}={}", q.id, o.id))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            match outcome.as_deref().and_then(|o| bundle.outcome(o)) {
                Some(o) => {
                    let items: Vec<&str> = o
                        .checklist
                        .iter()
                        .filter(|i| applies(i, &answers))
                        .map(|i| i.id.as_str())
                        .collect();
                    let dates: Vec<&str> = o.dates.iter().map(|d| d.id.as_str()).collect();
                    format!(
                        "{asked} -> {} | items: {} | contacts: {} | dates: {}",
                        o.id,
                        items.join(","),
                        o.contacts.join(","),
                        dates.join(",")
                    )
                }
                None => format!("{asked} -> DEAD END"),
            }
        })
        .collect()
}

/// The routing graph in Graphviz dot: `navigator graph | dot -Tsvg > graph.svg`.
pub fn graphviz(bundle: &Bundle) -> String {
    let mut s =
        String::from("digraph navigator {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n");
    let esc = |t: &str| t.replace('\\', "\\\\").replace('"', "\\\"");
    for q in &bundle.questionnaires {
        s.push_str(&format!(
            "  subgraph \"cluster_{}\" {{\n    label=\"{}\";\n",
            esc(&q.id),
            esc(&q.title)
        ));
        for question in &q.questions {
            s.push_str(&format!(
                "    \"{}\" [shape=box,label=\"{}\"];\n",
                esc(&question.id),
                esc(&question.short)
            ));
        }
        for o in &q.outcomes {
            s.push_str(&format!(
                "    \"{}\" [shape=doubleoctagon,label=\"{}\"];\n",
                esc(&o.id),
                esc(&o.title)
            ));
        }
        s.push_str("  }\n");
    }
    for q in bundle.questionnaires.iter().flat_map(|q| &q.questions) {
        for o in &q.options {
            s.push_str(&format!(
                "  \"{}\" -> \"{}\" [label=\"{}\"];\n",
                esc(&q.id),
                esc(&o.next),
                esc(&o.id)
            ));
        }
    }
    s.push_str("}\n");
    s
}
