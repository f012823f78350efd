//! The routes drawn for reviewers (`navigator routes`, `dist/routes.html`): one
//! self-contained HTML page with each questionnaire as an SVG diagram, laid out here
//! (no Graphviz, no script), and the same nodes in words below each. Native only: none
//! of it goes into the browser's download.
//!
//! A diagram is a column of layers, top to bottom: the questionnaire's start, each
//! question in file order with its answers fanned out to its right, then the step that
//! picks the first decision (a part) or route (the triage) whose condition holds, with
//! those end nodes fanned out the same way. Every node shows its id.

use super::href::Href;
use super::model::{Bundle, Condition, Kind, Questionnaire};
use super::paths::describe;
use super::record::escape_html as e;
use super::report::Review;

/// A node's box, in the SVG's units (CSS pixels at full size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// Whether the two boxes share any area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
    fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// What a node stands for; it decides the node's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Start,
    Question,
    /// A question asked only when its condition holds (drawn dashed).
    Conditional,
    Answer,
    /// The step that picks the first decision or route whose condition holds.
    Pick,
    Decision,
    Route,
}

impl NodeKind {
    fn class(self) -> &'static str {
        match self {
            NodeKind::Start => "start",
            NodeKind::Question => "question",
            NodeKind::Conditional => "question conditional",
            NodeKind::Answer => "answer",
            NodeKind::Pick => "pick",
            NodeKind::Decision => "decision",
            NodeKind::Route => "route",
        }
    }
}

/// How one piece of a node's text is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Style {
    /// The node's id, in monospace.
    Id,
    Title,
    Text,
    /// A condition or an order ("1. When …"), in italics.
    Condition,
    Small,
    /// A part of a route: its id, linked to the part's own diagram.
    Part(String),
}

impl Style {
    /// Characters per line for a box's inner width, and the line's height.
    fn metrics(&self, inner: f64) -> (usize, f64) {
        // Conservative average glyph widths: monospace is 0.6 em exactly; sans-serif
        // text averages under 0.55 em.
        let (em, width, height) = match self {
            Style::Id | Style::Part(_) => (12.0, 0.61, 17.0),
            Style::Title => (15.0, 0.62, 20.0),
            Style::Text => (14.0, 0.54, 19.0),
            Style::Condition | Style::Small => (13.0, 0.54, 18.0),
        };
        (((inner / (em * width)) as usize).max(8), height)
    }
    fn class(&self) -> &'static str {
        match self {
            Style::Id => "id",
            Style::Part(_) => "id link",
            Style::Title => "title",
            Style::Text => "text",
            Style::Condition => "cond",
            Style::Small => "small",
        }
    }
}

/// A node's text, piece by piece, as given (before wrapping).
pub type Fields = Vec<(Style, String)>;

/// A node to add under another: its id, kind and text.
type Child = (String, NodeKind, Fields);

/// A node: its id (`question:triage-who`, `answer:triage-who=staff`,
/// `decision:project=research`, `route:project`…), its text as given and as wrapped
/// into its box, and the node it hangs from (an answer from its question, an end from
/// the pick).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub rect: Rect,
    pub fields: Fields,
    pub parent: Option<usize>,
    lines: Vec<(Style, String, f64)>,
}

/// An arrow through these points, its head at the last.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub points: Vec<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagram {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

const MARGIN: f64 = 16.0;
const LEFT_W: f64 = 420.0;
const BUS_X: f64 = 466.0;
const RIGHT_X: f64 = 490.0;
const RIGHT_W: f64 = 454.0;
const WIDTH: f64 = RIGHT_X + RIGHT_W + MARGIN;
const GAP: f64 = 34.0;
const FAN_GAP: f64 = 10.0;
const PAD: f64 = 10.0;

impl Diagram {
    /// Adds a node at (x, y), its text wrapped to width `w`; returns its index.
    fn add(
        &mut self,
        id: String,
        kind: NodeKind,
        (x, y, w): (f64, f64, f64),
        fields: Fields,
        parent: Option<usize>,
    ) -> usize {
        let mut lines = Vec::new();
        let mut h = PAD;
        for (style, text) in &fields {
            let (chars, height) = style.metrics(w - 2.0 * PAD);
            for line in wrap(text, chars) {
                h += height;
                lines.push((style.clone(), line, h - 5.0));
            }
        }
        let rect = Rect {
            x,
            y,
            w,
            h: h + PAD,
        };
        self.nodes.push(Node {
            id,
            kind,
            rect,
            fields,
            parent,
            lines,
        });
        self.nodes.len() - 1
    }

    fn rect(&self, i: usize) -> Rect {
        self.nodes[i].rect
    }

    /// A straight arrow down from one left-column node to the next.
    fn down(&mut self, from: usize, to: usize) {
        let (a, b) = (self.rect(from), self.rect(to));
        let x = a.x + a.w / 2.0;
        self.edges.push(Edge {
            points: vec![(x, a.bottom()), (x, b.y)],
        });
    }

    /// `children` stacked in the right column from the top of `parent`, each reached
    /// by an arrow from `parent`'s right side along a common line; returns the bottom.
    fn fan(&mut self, parent: usize, children: Vec<Child>) -> f64 {
        let p = self.rect(parent);
        let from = (p.x + p.w, p.y + 22.0);
        let mut y = p.y;
        for (id, kind, fields) in children {
            let i = self.add(id, kind, (RIGHT_X, y, RIGHT_W), fields, Some(parent));
            let r = self.rect(i);
            let mid = r.y + r.h.min(44.0) / 2.0;
            self.edges.push(Edge {
                points: vec![from, (BUS_X, from.1), (BUS_X, mid), (r.x, mid)],
            });
            y = r.bottom() + FAN_GAP;
        }
        (y - FAN_GAP).max(p.bottom())
    }
}

/// `text` in lines of at most `width` characters, broken at spaces (a longer word is
/// cut). Wrapped before escaping, so an entity is never cut.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        if line.is_empty() {
            line = word;
        } else if line.chars().count() + 1 + word.chars().count() <= width {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A condition in words, one fact a line: `lead` ("Asked only when") then each clause
/// of [`describe`], the later ones starting "and". Nothing when there is no condition.
fn condition(lead: &str, when: &Condition, unless: &Condition) -> Fields {
    if when.is_empty() && unless.is_empty() {
        return Vec::new();
    }
    let words = describe(when, unless);
    let mut out = vec![(Style::Condition, lead.to_string())];
    for (i, clause) in words.split(" and ").enumerate() {
        let and = if i == 0 { "" } else { "and " };
        out.push((Style::Condition, format!("{and}{clause}")));
    }
    out
}

/// What kind of answer a question takes, in words.
fn kind_words(q: &super::model::Question) -> String {
    match q.kind {
        Kind::Choice => "choose one".into(),
        Kind::Choices => "choose one or more".into(),
        Kind::Text => format!("a short text, at most {} characters", q.max_length()),
        Kind::Date if q.not_future => "a date, not in the future".into(),
        Kind::Date => "a date".into(),
    }
}

/// The diagram of one questionnaire (the triage or a part).
pub fn diagram(bundle: &Bundle, q: &Questionnaire) -> Diagram {
    let mut d = Diagram {
        width: WIDTH,
        ..Diagram::default()
    };
    let left = |y| (MARGIN, y, LEFT_W);
    let mut start_fields = vec![(Style::Id, q.id.clone()), (Style::Title, q.title.clone())];
    if !q.external_when.is_empty() {
        start_fields.push((
            Style::Condition,
            format!(
                "Speaks to another organisation when {}",
                describe(&q.external_when, &Condition::new())
            ),
        ));
    }
    let mut prev = d.add(
        format!("start:{}", q.id),
        NodeKind::Start,
        left(MARGIN),
        start_fields,
        None,
    );
    let mut y = d.rect(prev).bottom() + GAP;
    for question in &q.questions {
        let conditional = !(question.when.is_empty() && question.unless.is_empty());
        let mut fields = vec![
            (Style::Id, question.id.clone()),
            (Style::Text, question.text.clone()),
            (Style::Small, format!("Answer: {}", kind_words(question))),
        ];
        fields.extend(condition(
            "Asked only when",
            &question.when,
            &question.unless,
        ));
        let kind = if conditional {
            NodeKind::Conditional
        } else {
            NodeKind::Question
        };
        let n = d.add(
            format!("question:{}", question.id),
            kind,
            left(y),
            fields,
            None,
        );
        d.down(prev, n);
        let answers = question
            .options
            .iter()
            .map(|o| {
                let id = if o.exclusive {
                    format!("{} (only on its own)", o.id)
                } else {
                    o.id.clone()
                };
                (
                    format!("answer:{}={}", question.id, o.id),
                    NodeKind::Answer,
                    vec![(Style::Id, id), (Style::Text, o.label.clone())],
                )
            })
            .collect();
        y = d.fan(n, answers) + GAP;
        prev = n;
    }
    let (pick, ends): (String, Vec<_>) = if q.routes.is_empty() {
        let ends = q
            .decisions
            .iter()
            .enumerate()
            .map(|(i, dec)| {
                let mut fields = end(
                    format!("{} = {}", q.id, dec.id),
                    &dec.title,
                    i,
                    &dec.when,
                    &dec.unless,
                );
                fields.push((
                    Style::Small,
                    end_summary(dec.checklist.len(), &dec.contacts),
                ));
                (
                    format!("decision:{}={}", q.id, dec.id),
                    NodeKind::Decision,
                    fields,
                )
            })
            .collect();
        (
            format!(
                "The part's decision: the first of these {} whose condition holds",
                q.decisions.len()
            ),
            ends,
        )
    } else {
        let ends = q
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut fields = end(format!("route: {}", r.id), &r.title, i, &r.when, &r.unless);
                if r.parts.is_empty() {
                    fields.push((
                        Style::Small,
                        "No parts: straight to check your answers".into(),
                    ));
                } else {
                    fields.push((Style::Small, "Its parts, in order:".into()));
                }
                for (n, p) in r.parts.iter().enumerate() {
                    fields.push((
                        Style::Part(p.id().to_string()),
                        format!("{}. {}", n + 1, p.id()),
                    ));
                    if let Some(part) = bundle.part(p.id()) {
                        fields.push((Style::Text, part.title.clone()));
                    }
                    fields.extend(condition("Only when", p.when(), p.unless()));
                }
                if !r.checklist.is_empty() || !r.contacts.is_empty() {
                    fields.push((Style::Small, end_summary(r.checklist.len(), &r.contacts)));
                }
                (format!("route:{}", r.id), NodeKind::Route, fields)
            })
            .collect();
        (
            format!(
                "The route: the first of these {} whose condition holds",
                q.routes.len()
            ),
            ends,
        )
    };
    if !ends.is_empty() {
        let n = d.add(
            format!("pick:{}", q.id),
            NodeKind::Pick,
            left(y),
            vec![(Style::Title, pick)],
            None,
        );
        d.down(prev, n);
        y = d.fan(n, ends) + GAP;
    }
    d.height = y - GAP + MARGIN;
    d
}

/// The `i`th of the ends (a decision or a route): its id, its title, and "1. When" with
/// its condition, or "8. Otherwise".
fn end(id: String, title: &str, i: usize, when: &Condition, unless: &Condition) -> Fields {
    let mut fields = vec![(Style::Id, id), (Style::Title, title.to_string())];
    let lines = condition(&format!("{}. When", i + 1), when, unless);
    if lines.is_empty() {
        fields.push((
            Style::Condition,
            format!("{}. Otherwise (no condition)", i + 1),
        ));
    } else {
        fields.extend(lines);
    }
    fields
}

/// "7 checklist items · contacts: dsp_team, dpo".
fn end_summary(items: usize, contacts: &[String]) -> String {
    let items = match items {
        1 => "1 checklist item".to_string(),
        n => format!("{n} checklist items"),
    };
    if contacts.is_empty() {
        items
    } else {
        format!("{items} · contacts: {}", contacts.join(", "))
    }
}

/// The anchor of a questionnaire's section.
fn anchor(id: &str) -> String {
    format!("diagram-{}", e(id))
}

/// The page's one writer of a link: to a questionnaire's section, its target an
/// [`Href`] (through the gate), around `inner`, markup already escaped.
fn link(id: &str, inner: &str) -> String {
    let target = e(Href::anchor(&format!("diagram-{id}")).as_str());
    format!("<a href=\"{target}\">{inner}</a>")
}

/// The diagram as SVG; `label`: what it shows, for assistive technology.
pub fn svg(d: &Diagram, label: &str) -> String {
    let mut s = format!(
        "<svg class=\"diagram\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"group\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        e(label),
        w = d.width,
        h = d.height
    );
    for edge in &d.edges {
        let pts: Vec<String> = edge
            .points
            .iter()
            .map(|(x, y)| format!("{x},{y}"))
            .collect();
        s.push_str(&format!(
            "<polyline class=\"edge\" points=\"{}\"/>",
            pts.join(" ")
        ));
        if let [.., (x0, y0), (x1, y1)] = edge.points[..] {
            let len = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt().max(1.0);
            let (dx, dy) = ((x1 - x0) / len, (y1 - y0) / len);
            let (bx, by) = (x1 - 9.0 * dx, y1 - 9.0 * dy);
            s.push_str(&format!(
                "<polygon class=\"head\" points=\"{x1},{y1} {},{} {},{}\"/>\n",
                bx - 5.0 * dy,
                by + 5.0 * dx,
                bx + 5.0 * dy,
                by - 5.0 * dx
            ));
        }
    }
    for n in &d.nodes {
        let r = n.rect;
        s.push_str(&format!(
            "<g class=\"node {}\" data-id=\"{}\">\n",
            n.kind.class(),
            e(&n.id)
        ));
        let rx = match n.kind {
            NodeKind::Start | NodeKind::Answer => 14,
            _ => 4,
        };
        s.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{rx}\"/>",
            r.x, r.y, r.w, r.h
        ));
        if matches!(n.kind, NodeKind::Decision | NodeKind::Route) {
            s.push_str(&format!(
                "<rect class=\"inner\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"/>",
                r.x + 4.0,
                r.y + 4.0,
                r.w - 8.0,
                r.h - 8.0
            ));
        }
        s.push('\n');
        for (style, line, dy) in &n.lines {
            let (x, y) = (r.x + PAD, r.y + dy);
            let (class, line) = (style.class(), e(line));
            match style {
                Style::Part(id) => s.push_str(&link(
                    id,
                    &format!(
                        "<text class=\"{class}\" x=\"{x}\" y=\"{y}\" data-id=\"part:{}\">{line}</text>",
                        e(id)
                    ),
                )),
                _ => s.push_str(&format!(
                    "<text class=\"{class}\" x=\"{x}\" y=\"{y}\">{line}</text>"
                )),
            }
            s.push('\n');
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

/// The same nodes in words: a list in the diagram's order, each node's answers or ends
/// nested under it.
fn words(d: &Diagram) -> String {
    let item = |n: &Node| {
        let mut s = String::from("<li>");
        let mut prev: Option<&Style> = None;
        for (style, text) in &n.fields {
            // A new line for each field, except after the id or a part's link, and
            // within one condition.
            let inline = matches!(
                (prev, style),
                (None | Some(Style::Id | Style::Part(_)), _)
                    | (Some(Style::Condition), Style::Condition)
            );
            if !inline {
                s.push_str("<br>");
            }
            prev = Some(style);
            let text = e(text);
            s.push_str(&match style {
                Style::Id => format!("<code>{text}</code> "),
                Style::Title => format!("<strong>{text}</strong> "),
                Style::Condition => format!("<em>{text}</em> "),
                Style::Part(id) => format!("{} ", link(id, &format!("<code>{text}</code>"))),
                Style::Text | Style::Small => format!("{text} "),
            });
        }
        s
    };
    let mut s = String::from("<ol class=\"words\">\n");
    for (i, n) in d.nodes.iter().enumerate() {
        if n.parent.is_some() {
            continue;
        }
        s.push_str(&item(n));
        let children: Vec<&Node> = d.nodes.iter().filter(|c| c.parent == Some(i)).collect();
        if !children.is_empty() {
            s.push_str("\n<ul>\n");
            for c in children {
                s.push_str(&item(c));
                s.push_str("</li>\n");
            }
            s.push_str("</ul>");
        }
        s.push_str("</li>\n");
    }
    s.push_str("</ol>\n");
    s
}

/// The triage, then each part in the order the routes first name them (then any other).
fn in_order(bundle: &Bundle) -> Vec<&Questionnaire> {
    let mut out: Vec<&Questionnaire> = bundle.entry().into_iter().collect();
    let named = bundle
        .entry()
        .into_iter()
        .flat_map(|t| &t.routes)
        .flat_map(|r| &r.parts)
        .filter_map(|p| bundle.part(p.id()));
    for q in named.chain(&bundle.questionnaires) {
        if !out.iter().any(|o| o.id == q.id) {
            out.push(q);
        }
    }
    out
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #0b0c0c; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 1.0625rem; line-height: 1.45; }
main { max-width: 62em; margin: 0 auto; padding: 1.5em 1em 3em; }
h1 { font-size: 2rem; line-height: 1.15; margin: .4em 0 .3em; }
h2 { font-size: 1.5rem; line-height: 1.2; margin: 1.6em 0 .4em; padding-top: .5em; border-top: 2px solid #b1b4b6; }
h3 { font-size: 1.15rem; margin: 1.2em 0 .4em; }
p, li { max-width: 48em; }
.meta { color: #505a5f; margin: .2em 0; }
a { color: #1d70b8; }
code, .id { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
code { font-size: .9em; background: #f3f2f1; padding: 0 .2em; }
figure { margin: 1em 0; overflow-x: auto; }
svg.diagram { display: block; max-width: 100%; height: auto; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; fill: #0b0c0c; }
svg text.id { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; fill: #505a5f; }
svg text.title { font-size: 15px; font-weight: 700; }
svg text.text { font-size: 14px; }
svg text.cond { font-size: 13px; font-style: italic; fill: #4c2c92; }
svg text.small { font-size: 13px; fill: #505a5f; }
svg a text.link { fill: #1d70b8; text-decoration: underline; font-weight: 700; }
svg a:focus text.link { fill: #0b0c0c; }
.edge { fill: none; stroke: #505a5f; stroke-width: 1.5; }
.head { fill: #505a5f; }
.node rect { fill: #fff; stroke: #0b0c0c; stroke-width: 2; }
.start rect { fill: #f3f2f1; }
.conditional rect { stroke-dasharray: 7 4; }
.answer rect { fill: #f3f2f1; stroke: #b1b4b6; stroke-width: 1.5; }
.pick rect { fill: #fff7bf; stroke: #594d00; }
.decision rect { fill: #f3faf5; stroke: #00703c; stroke-width: 3; }
.route rect { fill: #f4f8fb; stroke: #1d70b8; stroke-width: 3; }
.node rect.inner { fill: none; stroke-width: 1; }
.legend { display: flex; flex-wrap: wrap; gap: .5em 1.5em; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: .5em; }
.legend svg { flex: none; }
ol.words > li { margin-bottom: .6em; }
ol.words ul { margin: .3em 0; }
nav ol { columns: 2; }
@page { size: A4; margin: 12mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  section.questionnaire { break-before: page; }
  h2, h3 { break-after: avoid; }
  li { break-inside: avoid; }
  figure { overflow: visible; }
  a { color: #0b0c0c; }
}
"#;

/// The page: a contents list, a legend, then each questionnaire's heading, dates,
/// diagram and the same in words.
pub fn page(bundle: &Bundle) -> String {
    let order = in_order(bundle);
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Data Sharing Navigator: the routes drawn (content {})</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>The Data Sharing Navigator&#39;s routes, drawn</h1>\n\
         <p>Every question, answer, part, route and decision of the Navigator, drawn from its content files (<code>src/content/</code>) when it was built. Each box shows its id in <code>monospace</code>: the id the content files, tests and records use.</p>\n\
         <p class=\"meta\">Content version <code>{}</code>.</p>\n",
        e(super::CONTENT_VERSION),
        e(super::CONTENT_VERSION)
    );
    s.push_str("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n");
    for q in &order {
        s.push_str(&format!(
            "<li>{} <code>{}</code></li>\n",
            link(&q.id, &e(&q.title)),
            e(&q.id)
        ));
    }
    s.push_str("</ol>\n</nav>\n");
    s.push_str(&legend());
    for q in order {
        let kind = if q.entry { "The triage" } else { "Part" };
        s.push_str(&format!(
            "<section class=\"questionnaire\" id=\"{}\" aria-labelledby=\"{}-h\">\n<h2 id=\"{}-h\">{kind}: {} <code>{}</code></h2>\n",
            anchor(&q.id),
            anchor(&q.id),
            anchor(&q.id),
            e(&q.title),
            e(&q.id)
        ));
        let file = if q.file.is_empty() {
            format!("{}.toml", q.id)
        } else {
            q.file.clone()
        };
        s.push_str(&format!(
            "<p class=\"meta\">File <code>src/content/{}</code>. {}</p>\n",
            e(&file),
            e(&review(q))
        ));
        let d = diagram(bundle, q);
        s.push_str(&format!(
            "<figure>\n{}<figcaption class=\"meta\">The diagram of <code>{}</code>; the same in words follows.</figcaption>\n</figure>\n",
            svg(&d, &format!("Diagram of {}", q.title)),
            e(&q.id)
        ));
        s.push_str(&format!(
            "<h3>{}: in words</h3>\n{}",
            e(&q.title),
            words(&d)
        ));
        s.push_str("</section>\n");
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

/// When the questionnaire was reviewed and its law checked, as the result page says it.
fn review(q: &Questionnaire) -> String {
    use super::model::parse_ymd;
    match (parse_ymd(&q.reviewed), parse_ymd(&q.law_checked)) {
        (Some(reviewed), Some(law_checked)) => Review {
            questionnaires: vec![&q.id],
            titles: vec![&q.title],
            reviewed,
            reviewed_by: &q.reviewed_by,
            law_checked,
            overdue: false,
        }
        .describe(false),
        _ => format!(
            "Reviewed {} by {}; law checked {}.",
            q.reviewed, q.reviewed_by, q.law_checked
        ),
    }
}

/// What each shape means, each drawn small.
fn legend() -> String {
    let items = [
        (
            NodeKind::Start,
            "Where a questionnaire starts: its id and title",
        ),
        (NodeKind::Question, "A question, asked every time"),
        (
            NodeKind::Conditional,
            "A question asked only when its condition holds (in italics); otherwise skipped",
        ),
        (NodeKind::Answer, "An answer a person can give"),
        (
            NodeKind::Pick,
            "The step that picks the first result whose condition holds, in the order numbered",
        ),
        (
            NodeKind::Decision,
            "A part's decision: a result, with its checklist and contacts",
        ),
        (
            NodeKind::Route,
            "A route: the parts that follow the triage (each links to its diagram)",
        ),
    ];
    let mut s = String::from("<h2 id=\"legend\">How to read the diagrams</h2>\n<p>Questions are asked from top to bottom, in the order of the file. Conditions name <em>facts</em>: a question&#39;s answer (<code>question-id = answer-id</code>) or a part&#39;s decision (<code>part-id = decision-id</code>). The arrows show the order.</p>\n<ul class=\"legend\">\n");
    for (kind, what) in items {
        let inner = if matches!(kind, NodeKind::Decision | NodeKind::Route) {
            "<rect class=\"inner\" x=\"6\" y=\"6\" width=\"40\" height=\"16\" rx=\"2\"/>"
        } else {
            ""
        };
        let rx = if matches!(kind, NodeKind::Start | NodeKind::Answer) {
            10
        } else {
            3
        };
        s.push_str(&format!(
            "<li><svg width=\"52\" height=\"28\" viewBox=\"0 0 52 28\" aria-hidden=\"true\"><g class=\"node {}\"><rect x=\"2\" y=\"2\" width=\"48\" height=\"24\" rx=\"{rx}\"/>{inner}</g></svg>{what}</li>\n",
            kind.class()
        ));
    }
    s.push_str("</ul>\n");
    s
}
