//! Walks every path of every route, part by part, to prove the content has no dead end,
//! no question, decision, item or part that no answers reach, and no result without a
//! checklist or a contact. Run by the validator (so by the build) and by the tests.
//!
//! The number of whole journeys is the product of each part's paths, so the parts are
//! walked separately: for each route, the facts that later parts can name are carried
//! from one part to the next as a set of distinct states, and each part is walked once
//! from each state. Linking is proved by construction: a part can only name facts
//! given before it (checked by the validator), and those are exactly what a state holds.
//!
//! Also compiled into `build.rs`; refers to its siblings only through `super::`.

use super::journey::{holds, section, Answers, Fact, Facts, Truth};
use super::model::{Bundle, Condition, Kind, Question, Questionnaire, Route};
use super::validate::{placeholders, Problem, ProblemKind};
use std::collections::{BTreeMap, BTreeSet};

/// The most paths walked through one part from one state before giving up (and saying so).
pub const MAX_PATHS: usize = 100_000;

/// What exploring found.
#[derive(Debug, Default)]
pub struct Exploration {
    pub problems: Vec<Problem>,
    /// For each route: the paths walked through each part (summed over the states it
    /// was walked from), and the distinct states at the end.
    pub routes: Vec<RouteStats>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct RouteStats {
    pub route: String,
    /// The triage's paths that lead to this route.
    pub triage_paths: usize,
    /// (part, paths walked, states after it).
    pub parts: Vec<(String, usize, usize)>,
    pub ends: usize,
}

/// The written answers that walking offers a question: every option, each option alone
/// and all the non-exclusive ones together, a sample text, a sample date.
pub fn samples(q: &Question) -> Vec<String> {
    match q.kind {
        Kind::Choice => q.options.iter().map(|o| o.id.clone()).collect(),
        Kind::Choices => {
            let mut v: Vec<String> = q.options.iter().map(|o| o.id.clone()).collect();
            let all: Vec<&str> = q
                .options
                .iter()
                .filter(|o| !o.exclusive)
                .map(|o| o.id.as_str())
                .collect();
            if all.len() > 1 {
                v.push(all.join(","));
            }
            v
        }
        Kind::Text => vec!["Example Organisation".into()],
        Kind::Date => vec!["2026-11-02".into()],
    }
}

#[derive(Clone)]
struct State<'a> {
    /// The answers given so far: the triage's in full, each part's own while it is
    /// walked; afterwards only which text and date questions were answered (all that
    /// later placeholders need).
    answers: Answers,
    facts: Facts<'a>,
    items: bool,
    contacts: bool,
}

#[derive(Default)]
struct Seen<'a> {
    questions: BTreeSet<&'a str>,
    /// (part, decision)
    decisions: BTreeSet<(&'a str, &'a str)>,
    /// (file, route (true) or decision, its id, item id)
    items: BTreeSet<(&'a str, bool, &'a str, &'a str)>,
    routes: BTreeSet<&'a str>,
    problems: Vec<Problem>,
}

impl Seen<'_> {
    fn problem(&mut self, file: &str, at: String, kind: ProblemKind, message: String) {
        if self.problems.len() < 50 {
            self.problems.push(Problem {
                file: file.into(),
                at,
                kind,
                message,
            });
        }
    }
}

/// Answers written as `q=a, …`, for messages.
fn example(answers: &Answers) -> String {
    let v: Vec<String> = answers.iter().map(|(q, a)| format!("{q}={a}")).collect();
    v.join(", ")
}

pub fn explore(bundle: &Bundle) -> Exploration {
    let mut out = Exploration::default();
    let Some(entry) = bundle.entry() else {
        return out;
    };
    let mut seen = Seen::default();

    // The triage: every path, grouped by the route it leads to.
    let mut by_route: BTreeMap<&str, Vec<State>> = BTreeMap::new();
    let mut stack = vec![Answers::new()];
    while let Some(answers) = stack.pop() {
        let mut facts = Facts::new();
        let s = section(entry, &answers, &mut facts);
        if let Some(q) = s.next {
            for w in samples(q) {
                let mut a = answers.clone();
                a.insert(q.id.clone(), w);
                stack.push(a);
            }
            continue;
        }
        seen.questions
            .extend(s.asked.iter().map(|(q, _)| q.id.as_str()));
        match entry
            .routes
            .iter()
            .find(|r| holds(&r.when, &r.unless, &facts) == Truth::Yes)
        {
            Some(r) => by_route.entry(&r.id).or_default().push(State {
                answers,
                facts,
                items: false,
                contacts: false,
            }),
            None => seen.problem(
                &entry.file,
                String::new(),
                ProblemKind::DeadEnd,
                format!("no route is taken after {}", example(&answers)),
            ),
        }
    }

    for route in &entry.routes {
        let Some(states) = by_route.remove(route.id.as_str()) else {
            continue;
        };
        seen.routes.insert(&route.id);
        let stats = walk_route(bundle, entry, route, states, &mut seen);
        out.routes.push(stats);
    }

    // What no answers reach.
    for q in &bundle.questionnaires {
        for question in &q.questions {
            if !seen.questions.contains(question.id.as_str()) {
                seen.problem(
                    &q.file,
                    format!("question '{}'", question.id),
                    ProblemKind::Unreachable,
                    "no answers lead to this question (its condition never holds, or its part is never needed)".into(),
                );
            }
        }
        for d in &q.decisions {
            if !seen.decisions.contains(&(q.id.as_str(), d.id.as_str())) {
                seen.problem(
                    &q.file,
                    format!("decision '{}'", d.id),
                    ProblemKind::Unreachable,
                    "no answers lead to this decision: its condition never holds where it is reached (an earlier decision takes those answers first)".into(),
                );
            }
        }
        for r in &q.routes {
            if !seen.routes.contains(r.id.as_str()) {
                seen.problem(
                    &q.file,
                    format!("route '{}'", r.id),
                    ProblemKind::Unreachable,
                    "no triage answers lead to this route".into(),
                );
            }
        }
        let endings = q
            .decisions
            .iter()
            .map(|d| (false, d.id.as_str(), &d.checklist))
            .chain(q.routes.iter().map(|r| (true, r.id.as_str(), &r.checklist)));
        for (is_route, id, items) in endings {
            for item in items {
                if !seen
                    .items
                    .contains(&(q.file.as_str(), is_route, id, item.id.as_str()))
                {
                    let what = if is_route { "route" } else { "decision" };
                    seen.problem(
                        &q.file,
                        format!("{what} '{id}' / checklist '{}'", item.id),
                        ProblemKind::BadCondition,
                        "the item's condition never holds on any path".into(),
                    );
                }
            }
        }
    }
    out.problems = seen.problems;
    out
}

/// The keys a part (its entry in the route, its questions, decisions and items) names.
fn keys_of<'a>(route: &'a Route, part: Option<&'a Questionnaire>, i: usize) -> BTreeSet<&'a str> {
    let mut conds: Vec<&Condition> = vec![route.parts[i].when(), route.parts[i].unless()];
    if let Some(p) = part {
        for q in &p.questions {
            conds.extend([&q.when, &q.unless]);
        }
        for d in &p.decisions {
            conds.extend([&d.when, &d.unless]);
            for item in &d.checklist {
                conds.extend([&item.when, &item.unless]);
            }
        }
    }
    conds
        .into_iter()
        .flat_map(|c| c.keys())
        .map(String::as_str)
        .collect()
}

fn walk_route<'a>(
    bundle: &'a Bundle,
    entry: &'a Questionnaire,
    route: &'a Route,
    mut states: Vec<State<'a>>,
    seen: &mut Seen<'a>,
) -> RouteStats {
    let mut stats = RouteStats {
        route: route.id.clone(),
        triage_paths: states.len(),
        ..RouteStats::default()
    };
    let parts: Vec<Option<&Questionnaire>> =
        route.parts.iter().map(|p| bundle.part(p.id())).collect();
    // What each point onwards still names: the route's own items, and every later part.
    let mut later: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); parts.len() + 1];
    let route_keys: BTreeSet<&str> = route
        .checklist
        .iter()
        .flat_map(|i| i.when.keys().chain(i.unless.keys()))
        .map(String::as_str)
        .collect();
    later[parts.len()] = route_keys;
    for i in (0..parts.len()).rev() {
        let mut k = later[i + 1].clone();
        k.extend(keys_of(route, parts[i], i));
        later[i] = k;
    }
    states = dedupe(states, &later[0]);
    let mut needed = vec![false; parts.len()];
    for (i, part) in parts.iter().enumerate() {
        let Some(part) = part else { continue };
        let pref = &route.parts[i];
        let mut next_states = Vec::new();
        let mut paths = 0;
        // A part's paths depend only on the facts it names: walk it once for each
        // distinct set of those, and apply what it adds to every state in the set.
        let own_keys = keys_of(route, Some(part), i);
        let mut groups: BTreeMap<Vec<Fact>, Vec<usize>> = BTreeMap::new();
        for (n, state) in states.iter().enumerate() {
            if holds(pref.when(), pref.unless(), &state.facts) != Truth::Yes {
                next_states.push(state.clone());
                continue;
            }
            needed[i] = true;
            groups
                .entry(signature(&state.facts, &own_keys))
                .or_default()
                .push(n);
        }
        for members in groups.values() {
            let leaves = walk_part(part, &states[members[0]], seen);
            paths += leaves.len();
            // Leaves that differ only in facts no later part names are one.
            let mut kept = BTreeSet::new();
            let leaves: Vec<&Leaf> = leaves
                .iter()
                .filter(|l| {
                    let sig: Vec<&Fact> = l
                        .facts
                        .iter()
                        .filter(|(k, _)| later[i + 1].contains(k))
                        .map(|(_, f)| f)
                        .collect();
                    kept.insert((sig, l.items, l.contacts, l.details.clone()))
                })
                .collect();
            for &n in members {
                let state = &states[n];
                for leaf in &leaves {
                    let mut answers = state.answers.clone();
                    answers.extend(leaf.details.iter().map(|k| (k.to_string(), String::new())));
                    let mut facts = state.facts.clone();
                    facts.extend(leaf.facts.iter().map(|(k, v)| (*k, v.clone())));
                    next_states.push(State {
                        answers,
                        facts,
                        items: state.items || leaf.items,
                        contacts: state.contacts || leaf.contacts,
                    });
                }
            }
        }
        states = dedupe(next_states, &later[i + 1]);
        stats.parts.push((part.id.clone(), paths, states.len()));
    }
    for (i, n) in needed.iter().enumerate() {
        if !n {
            seen.problem(
                &entry.file,
                format!("route '{}' / part '{}'", route.id, route.parts[i].id()),
                ProblemKind::Unreachable,
                "the part's condition never holds on this route".into(),
            );
        }
    }
    // The route's own items, and what every ending has.
    let at = format!("route '{}'", route.id);
    for state in &states {
        let mut items = state.items;
        for item in &route.checklist {
            if holds(&item.when, &item.unless, &state.facts) == Truth::Yes {
                seen.items.insert((&entry.file, true, &route.id, &item.id));
                items = true;
            }
        }
        if !items {
            seen.problem(
                &entry.file,
                at.clone(),
                ProblemKind::NoChecklist,
                format!(
                    "the result has no checklist item after {}",
                    example(&state.answers)
                ),
            );
        }
        if !state.contacts && route.contacts.is_empty() {
            seen.problem(
                &entry.file,
                at.clone(),
                ProblemKind::NoContact,
                format!(
                    "the result names no contact after {}",
                    example(&state.answers)
                ),
            );
        }
    }
    stats.ends = states.len();
    stats
}

/// Where one path through a part ends: its own answers, the facts it adds (its
/// questions' and its decision), and whether it gave a checklist item and a contact.
struct Leaf<'a> {
    /// The text and date questions answered (for later placeholders).
    details: Vec<&'a str>,
    facts: Vec<(&'a str, Fact<'a>)>,
    items: bool,
    contacts: bool,
}

/// Walks every path through one part from one state.
fn walk_part<'a>(part: &'a Questionnaire, state: &State<'a>, seen: &mut Seen<'a>) -> Vec<Leaf<'a>> {
    let mut out = Vec::new();
    // Depth first, each node the next question to consider and the facts so far (the
    // same rules as `journey::section`, without walking from the start at every node).
    let choices: Vec<Vec<(String, Vec<&'a str>)>> = part
        .questions
        .iter()
        .map(|q| {
            samples(q)
                .into_iter()
                .map(|w| {
                    let given = match q.kind {
                        Kind::Choice | Kind::Choices => q
                            .options
                            .iter()
                            .filter(|o| w.split(',').any(|x| x == o.id))
                            .map(|o| o.id.as_str())
                            .collect(),
                        Kind::Text | Kind::Date => Vec::new(),
                    };
                    (w, given)
                })
                .collect()
        })
        .collect();
    // The placeholders each decision's own texts name (its items' are read when shown).
    let fixed_names: BTreeMap<&str, Vec<&str>> = part
        .decisions
        .iter()
        .map(|d| {
            let texts = [&d.title, &d.summary, &d.summary_external]
                .into_iter()
                .map(String::as_str)
                .chain(d.dates.iter().map(|r| r.label.as_str()));
            (d.id.as_str(), texts.flat_map(placeholders).collect())
        })
        .collect();
    // (question index, sample index) for each answer given on this path.
    type Own = Vec<(usize, usize)>;
    let written = |own: &Own| -> Answers {
        own.iter()
            .map(|&(q, w)| (part.questions[q].id.clone(), choices[q][w].0.clone()))
            .collect()
    };
    let mut stack: Vec<(usize, Facts<'a>, Own)> = vec![(0, state.facts.clone(), Vec::new())];
    while let Some((start, mut facts, own)) = stack.pop() {
        if out.len() >= MAX_PATHS {
            seen.problem(
                &part.file,
                String::new(),
                ProblemKind::TooManyPaths,
                format!("more than {MAX_PATHS} combinations of answers: split the part, or ask fewer questions of everyone"),
            );
            break;
        }
        let mut branched = false;
        for (i, q) in part.questions.iter().enumerate().skip(start) {
            match holds(&q.when, &q.unless, &facts) {
                Truth::No => {
                    facts.insert(&q.id, Fact::Skipped);
                }
                // Validation rules this out (a condition on a fact not asked before).
                Truth::NotYet => {
                    facts.insert(&q.id, Fact::Unknown);
                }
                Truth::Yes => {
                    for (n, (_, given)) in choices[i].iter().enumerate() {
                        let mut f = facts.clone();
                        f.insert(&q.id, Fact::Given(given.clone()));
                        let mut a = own.clone();
                        a.push((i, n));
                        stack.push((i + 1, f, a));
                    }
                    branched = true;
                    break;
                }
            }
        }
        if branched {
            continue;
        }
        let d = part
            .decisions
            .iter()
            .find(|d| holds(&d.when, &d.unless, &facts) == Truth::Yes);
        if let Some(d) = d {
            facts.insert(&part.id, Fact::Given(vec![d.id.as_str()]));
        }
        seen.questions
            .extend(own.iter().map(|&(q, _)| part.questions[q].id.as_str()));
        let Some(d) = d else {
            let mut all = state.answers.clone();
            all.extend(written(&own));
            seen.problem(
                &part.file,
                String::new(),
                ProblemKind::DeadEnd,
                format!("no decision holds after {}", example(&all)),
            );
            continue;
        };
        seen.decisions.insert((&part.id, &d.id));
        let mut named: Vec<&str> = Vec::new();
        if let Some(fixed) = fixed_names.get(d.id.as_str()) {
            named.extend(fixed.iter().copied());
        }
        let mut items = false;
        for item in &d.checklist {
            if holds(&item.when, &item.unless, &facts) == Truth::Yes {
                seen.items.insert((&part.file, false, &d.id, &item.id));
                if item.text.contains('{') {
                    named.extend(placeholders(&item.text));
                }
                items = true;
            }
        }
        {
            for p in named {
                let answered = own.iter().any(|&(q, _)| part.questions[q].id == p);
                if !answered && !state.answers.contains_key(p) {
                    seen.problem(
                        &part.file,
                        format!("decision '{}'", d.id),
                        ProblemKind::BadPlaceholder,
                        format!("'{{{p}}}' has no answer after {}", example(&written(&own))),
                    );
                }
            }
        }
        let added = part
            .questions
            .iter()
            .map(|q| q.id.as_str())
            .chain(std::iter::once(part.id.as_str()))
            .filter_map(|k| facts.get(k).map(|f| (k, f.clone())))
            .collect();
        let details = own
            .iter()
            .map(|&(q, _)| &part.questions[q])
            .filter(|q| matches!(q.kind, Kind::Text | Kind::Date))
            .map(|q| q.id.as_str())
            .collect();
        out.push(Leaf {
            details,
            facts: added,
            items,
            contacts: !d.contacts.is_empty(),
        });
    }
    out
}

/// The facts named by `keys` (a fact not given counts as skipped), to compare.
fn signature<'a>(facts: &Facts<'a>, keys: &BTreeSet<&'a str>) -> Vec<Fact<'a>> {
    keys.iter()
        .map(|k| facts.get(k).cloned().unwrap_or(Fact::Skipped))
        .collect()
}

/// One state for each distinct set of the facts still to be named (and whether a
/// checklist item and a contact have been given yet), holding only those facts.
fn dedupe<'a>(states: Vec<State<'a>>, keys: &BTreeSet<&str>) -> Vec<State<'a>> {
    let mut seen = BTreeSet::new();
    states
        .into_iter()
        .filter_map(|mut s| {
            let sig = signature(&s.facts, keys);
            if !seen.insert((sig, s.items, s.contacts)) {
                return None;
            }
            s.facts.retain(|k, _| keys.contains(k));
            Some(s)
        })
        .collect()
}
