//! The routes drawn (`engine::diagram`, `navigator routes`, `dist/routes.html`): every id
//! of the content is on the page, no node of a diagram overlaps another, the SVG's tags
//! are balanced, nothing on the page can run, and the content's text is never markup.

#![cfg(not(target_arch = "wasm32"))]

use navigator::engine::diagram::{diagram, page, NodeKind};
use navigator::engine::model::{Bundle, OneOrMany};

/// Every tag's name and attribute names, in order (a small scanner: enough for the
/// page this module writes, which has no comments or CDATA).
fn tags(html: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("every tag is closed");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let name = tag
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        // Attribute names: what precedes each `=` outside quotes.
        let mut attrs = Vec::new();
        let mut quoted = false;
        let mut word = String::new();
        for c in tag.chars() {
            match c {
                '"' => quoted = !quoted,
                '=' if !quoted => attrs.push(std::mem::take(&mut word)),
                c if c.is_whitespace() && !quoted => word.clear(),
                c if !quoted => word.push(c),
                _ => {}
            }
        }
        out.push((name.to_ascii_lowercase(), attrs));
    }
    out
}

#[test]
fn every_id_of_the_content_is_on_the_page() {
    let bundle = navigator::builtin();
    let html = page(&bundle);
    let has = |what: &str| {
        assert!(
            html.contains(&format!("data-id=\"{what}\"")),
            "no node {what}"
        )
    };
    let triage = bundle.entry().expect("an entry");
    for q in &bundle.questionnaires {
        assert!(
            html.contains(&format!("id=\"diagram-{}\"", q.id)),
            "no section for {}",
            q.id
        );
        has(&format!("start:{}", q.id));
        for question in &q.questions {
            has(&format!("question:{}", question.id));
            assert!(html.contains(&format!(">{}</text>", question.id)));
            for o in &question.options {
                has(&format!("answer:{}={}", question.id, o.id));
            }
        }
        for d in &q.decisions {
            has(&format!("decision:{}={}", q.id, d.id));
            assert!(html.contains(&format!(">{} = {}</text>", q.id, d.id)));
        }
    }
    for r in &triage.routes {
        has(&format!("route:{}", r.id));
        assert!(html.contains(&format!(">route: {}</text>", r.id)));
        for p in &r.parts {
            has(&format!("part:{}", p.id()));
            assert!(html.contains(&format!("href=\"#diagram-{}\"", p.id())));
        }
    }
}

#[test]
fn nothing_on_the_page_runs_or_fetches() {
    let html = page(&navigator::builtin());
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(html.contains("http-equiv=\"Content-Security-Policy\""));
    assert!(html.contains("default-src 'none'"));
    assert!(html.contains("<html lang=\"en-GB\">"));
    for (name, attrs) in tags(&html) {
        for a in &attrs {
            let a = a.to_ascii_lowercase();
            assert!(!a.starts_with("on"), "<{name}> has a handler {a}");
            assert!(a != "src" && a != "srcset", "<{name}> loads something");
        }
        assert!(
            !matches!(
                name.as_str(),
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "link"
                    | "img"
                    | "image"
                    | "use"
                    | "foreignobject"
            ),
            "<{name}>"
        );
    }
    // Links go only within the page.
    for part in html.split("href=\"").skip(1) {
        assert!(
            part.starts_with('#'),
            "a link leaves the page: {}",
            &part[..part.len().min(40)]
        );
    }
}

#[test]
fn the_svg_tags_are_balanced() {
    let html = page(&navigator::builtin());
    let mut open: Vec<String> = Vec::new();
    let nested = [
        "svg", "g", "text", "a", "section", "figure", "ol", "ul", "li",
    ];
    for (name, _) in tags(&html) {
        if let Some(closed) = name.strip_prefix('/') {
            if nested.contains(&closed) {
                assert_eq!(
                    open.pop().as_deref(),
                    Some(closed),
                    "</{closed}> closes another tag"
                );
            }
        } else if nested.contains(&name.as_str()) {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "left open: {open:?}");
    let count = |s: &str| html.matches(s).count();
    assert_eq!(count("<svg"), count("</svg>"));
    assert_eq!(count("<g "), count("</g>"));
    assert_eq!(count("<text "), count("</text>"));
}

#[test]
fn no_node_overlaps_another_and_each_is_inside_its_diagram() {
    let bundle = navigator::builtin();
    for q in &bundle.questionnaires {
        let d = diagram(&bundle, q);
        for (i, a) in d.nodes.iter().enumerate() {
            let r = a.rect;
            assert!(r.x >= 0.0 && r.y >= 0.0, "{} starts outside", a.id);
            assert!(
                r.x + r.w <= d.width && r.y + r.h <= d.height,
                "{} ends outside",
                a.id
            );
            for b in &d.nodes[i + 1..] {
                assert!(
                    !a.rect.overlaps(&b.rect),
                    "{}: {} overlaps {}",
                    q.id,
                    a.id,
                    b.id
                );
            }
        }
        for edge in &d.edges {
            for (x, y) in &edge.points {
                assert!(*x >= 0.0 && *x <= d.width && *y >= 0.0 && *y <= d.height);
            }
        }
        // One node per question, answer, and decision or route, a start and a pick.
        let ends = q.decisions.len() + q.routes.len();
        let answers: usize = q.questions.iter().map(|x| x.options.len()).sum();
        assert_eq!(
            d.nodes.len(),
            1 + q.questions.len() + answers + ends + usize::from(ends > 0)
        );
        let kinds = |k: NodeKind| d.nodes.iter().filter(|n| n.kind == k).count();
        assert_eq!(kinds(NodeKind::Decision), q.decisions.len());
        assert_eq!(kinds(NodeKind::Route), q.routes.len());
    }
}

#[test]
fn the_content_text_is_never_markup() {
    let mut bundle: Bundle = navigator::builtin();
    let evil = "<script>alert(1)</script> \"quoted\" & 'single' <img src=x onerror=alert(2)>";
    let triage = bundle
        .questionnaires
        .iter_mut()
        .find(|q| q.entry)
        .expect("an entry");
    triage.title = evil.into();
    triage.routes[0].title = evil.into();
    triage.questions[0].text = evil.into();
    triage.questions[0].options[0].label = evil.into();
    // An id, too: ids are checked by the validator, but the page must not rely on it.
    triage.questions[0].options[1].id = "x\"><script>alert(3)</script>".into();
    let part = bundle
        .questionnaires
        .iter_mut()
        .find(|q| !q.entry && !q.decisions.is_empty())
        .expect("a part");
    part.decisions[0].title = evil.into();
    part.decisions[0]
        .when
        .insert("<b>key</b>".into(), OneOrMany::One("\"value\"".into()));
    part.reviewed_by = evil.into();
    let html = page(&bundle);
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>"));
    assert!(!html.contains("\"quoted\""));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;quoted&quot; &amp; &#39;single&#39;"));
    for (name, attrs) in tags(&html) {
        assert!(
            !attrs
                .iter()
                .any(|a| a.to_ascii_lowercase().starts_with("on")),
            "<{name}> has a handler"
        );
    }
}
