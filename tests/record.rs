//! The record a person downloads (`engine::record`): every walk of every route written
//! and opened back to the same answers with no differences; the person's text never
//! becomes markup; changes in the content are found; file names; the email draft; and the
//! bad-input corpus `tests/corpus/record.json` (plus a real record cut short at 50 points).
//!
//! Corpus inputs may write `⟪TEXT*N⟫` for TEXT repeated N times (`{i}` the index),
//! `⟪RECORD⟫` for a real record (the walk in [`sample`]) and `⟪BLOCK⟫` for its data
//! block's JSON; a case's `edit` pairs then replace the first occurrence of each `from`.

#![cfg(not(target_arch = "wasm32"))]

use navigator::engine::echo::is_invisible;
use navigator::engine::href::{check_email, MAX_MAILTO};
use navigator::engine::journey::{Answers, Journey};
use navigator::engine::model::{Bundle, Kind};
use navigator::engine::paths::cover;
use navigator::engine::record::{
    email_draft, file_name, open, record_html, Opened, BLOCK_ID, MAX_RECORD,
};
use navigator::engine::report::report;
use navigator::engine::CONTENT_VERSION;
use serde::Deserialize;

const TODAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 11, 25) {
    Some(d) => d,
    None => panic!(),
};
const MADE: &str = "2026-11-25T14:03";

/// A project walk with a text answer: the corpus's real record (the answers in their
/// written form in tests/corpus/record-sample.txt, which the browser's corpus test reads too).
fn sample() -> Answers {
    navigator::engine::route::parse(include_str!("corpus/record-sample.txt"))
        .expect("the sample reads")
        .expect("the sample has answers")
        .answers
}

fn ids(o: &Opened) -> Vec<String> {
    o.differences.iter().map(|d| d.id()).collect()
}

/// The data block's JSON in a record.
fn block(html: &str) -> &str {
    let open = format!("<script type=\"application/json\" id=\"{BLOCK_ID}\">");
    let start = html.find(&open).expect("the block") + open.len();
    let end = start + html[start..].find("</script>").expect("closed");
    &html[start..end]
}

/// A message may be at most 400 characters with no invisible character.
fn fair(message: &str) {
    assert!(message.chars().count() <= 400, "too long: {message}");
    assert!(
        !message.chars().any(is_invisible),
        "invisible character: {message:?}"
    );
}

#[test]
fn every_walk_opens_back_to_the_same_answers_with_no_differences() {
    let bundle = navigator::builtin();
    let walks = cover(&bundle);
    assert!(walks.len() > 20);
    let mut routes = std::collections::BTreeSet::new();
    for walk in &walks {
        let html = record_html(&bundle, walk, TODAY, MADE).expect("a complete walk");
        let o = open(&html, &bundle, TODAY).unwrap_or_else(|e| panic!("{e}: {walk:?}"));
        assert_eq!(&o.answers, walk);
        assert!(o.ignored.is_empty(), "{:?}", o.ignored);
        assert!(o.differences.is_empty(), "{:?}", ids(&o));
        assert_eq!(o.made.as_deref(), Some(MADE));
        assert_eq!(o.content, CONTENT_VERSION);
        assert_eq!(o.organisation, bundle.organisation.name);
        let j = Journey::new(&bundle, walk).unwrap();
        let r = report(&j, TODAY).unwrap();
        assert_eq!(o.route_id, r.route.id);
        assert_eq!(o.parts.len(), r.parts.len());
        routes.insert(o.route_id.clone());
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html
            .contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""));
        assert!(html.contains("@page { size: A4;"));
        assert_eq!(
            html.matches("<script").count(),
            1,
            "one script element: the data"
        );
        assert!(html.contains(CONTENT_VERSION));
        assert!(html.contains("Record made on 25 November 2026 at 14:03"));
        assert!(html.contains("Open a saved record"));
    }
    let all = bundle.entry().map_or(0, |e| e.routes.len());
    assert_eq!(routes.len(), all, "every route recorded: {routes:?}");
}

#[test]
fn an_incomplete_journey_has_no_record() {
    let bundle = navigator::builtin();
    let mut a = sample();
    a.remove("project-leaves");
    assert!(record_html(&bundle, &a, TODAY, MADE).is_none());
}

#[test]
fn a_record_made_with_a_bad_time_opens_with_no_time() {
    let bundle = navigator::builtin();
    let html = record_html(&bundle, &sample(), TODAY, "soon").unwrap();
    assert!(html.contains("Record made on 25 November 2026 with"));
    let o = open(&html, &bundle, TODAY).unwrap();
    assert_eq!(o.made, None);
    assert_eq!(o.answers, sample());
}

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

/// Everything outside the data block, and the tags in it.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        out.push(&rest[i..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn the_persons_text_and_the_settings_never_become_markup() {
    let mut bundle = navigator::builtin();
    bundle.organisation.name = format!("Trust {SCRIPT} \u{202E}gnp.exe\u{7} & 'co'");
    bundle.organisation.contacts.values_mut().for_each(|c| {
        c.name = format!("{IMG} team");
        c.about = "<b>bold</b>\u{0}".into();
    });
    let route = bundle
        .questionnaires
        .iter_mut()
        .find(|q| q.entry)
        .unwrap()
        .routes
        .iter_mut()
        .find(|r| r.id == "project")
        .unwrap();
    route.title = format!("Project {SCRIPT}");
    let mut a = sample();
    a.insert("project-title".into(), format!("{SCRIPT}{IMG}"));
    let html = record_html(&bundle, &a, TODAY, MADE).unwrap();
    let json = block(&html);
    assert!(!json.contains('<') && !json.contains('>'), "{json}");
    let outside = html.replace(json, "");
    assert_eq!(outside.to_ascii_lowercase().matches("<script").count(), 1);
    for tag in tags(&outside) {
        assert!(!tag.contains("onerror"), "{tag}");
        assert!(!tag.starts_with("<img") && !tag.starts_with("<b>"), "{tag}");
    }
    assert!(!html.contains('\u{202E}') || json.contains('\u{202E}'));
    assert!(!outside.contains('\u{202E}'));
    assert!(!outside.chars().any(|c| c.is_control() && c != '\n'));
    assert!(outside.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    ));
    // The block still reads back: the same answers, the text as typed.
    let o = open(&html, &bundle, TODAY).unwrap();
    assert_eq!(o.answers, a);
    assert!(o.differences.is_empty(), "{:?}", ids(&o));
    let title = o
        .questions
        .iter()
        .find(|q| q.id == "project-title")
        .unwrap();
    assert_eq!(title.answer, format!("{SCRIPT}{IMG}"));
    // Shown as text, invisible characters made visible.
    assert!(!o.organisation.chars().any(is_invisible));
}

/// A bundle changed by `f`, and what opening the sample record in it finds.
fn changed(f: impl FnOnce(&mut Bundle)) -> Opened {
    let bundle = navigator::builtin();
    let html = record_html(&bundle, &sample(), TODAY, MADE).unwrap();
    let mut today = bundle.clone();
    f(&mut today);
    open(&html, &today, TODAY).unwrap()
}

fn question<'a>(b: &'a mut Bundle, id: &str) -> &'a mut navigator::engine::model::Question {
    b.questionnaires
        .iter_mut()
        .flat_map(|q| q.questions.iter_mut())
        .find(|q| q.id == id)
        .unwrap()
}

fn part<'a>(b: &'a mut Bundle, id: &str) -> &'a mut navigator::engine::model::Questionnaire {
    b.questionnaires.iter_mut().find(|q| q.id == id).unwrap()
}

#[test]
fn a_reworded_question_is_found() {
    let o = changed(|b| question(b, "project-standard").text = "Reworded?".into());
    assert_eq!(ids(&o), ["reworded:project-standard"]);
    assert!(o.differences[0].describe().contains("Reworded?"));
    assert_eq!(o.answers, sample());
}

#[test]
fn a_reworded_answer_is_found() {
    let o = changed(|b| {
        let q = question(b, "project-standard");
        q.options.iter_mut().find(|o| o.id == "yes").unwrap().label = "Yes indeed".into();
    });
    assert_eq!(ids(&o), ["answer-reworded:project-standard"]);
}

#[test]
fn a_removed_option_is_found_and_its_answer_left_out() {
    let o = changed(|b| {
        question(b, "project-leaves")
            .options
            .retain(|o| o.id != "no")
    });
    let found = ids(&o);
    assert!(
        found.contains(&"answer-gone:project-leaves".to_string()),
        "{found:?}"
    );
    assert!(found.contains(&"unfinished".to_string()), "{found:?}");
    assert!(!o.answers.contains_key("project-leaves"));
    assert_eq!(
        o.ignored,
        [("project-leaves".to_string(), "no".to_string())]
    );
}

#[test]
fn a_removed_question_is_found() {
    let o = changed(|b| {
        part(b, "project")
            .questions
            .retain(|q| q.id != "project-capacity")
    });
    assert!(
        ids(&o).contains(&"question-gone:project-capacity".to_string()),
        "{:?}",
        ids(&o)
    );
}

#[test]
fn a_changed_decision_is_found() {
    let o = changed(|b| {
        let p = part(b, "project");
        let mut first = p.decisions.last().unwrap().clone();
        first.id = "changed".into();
        first.title = "Changed".into();
        first.when.clear();
        first.unless.clear();
        p.decisions.insert(0, first);
    });
    let found = ids(&o);
    assert!(
        found.contains(&"decision-changed:project".to_string()),
        "{found:?}"
    );
    let d = o
        .differences
        .iter()
        .find(|d| d.id() == "decision-changed:project")
        .unwrap();
    assert!(d.describe().contains("Changed"));
}

#[test]
fn changed_items_are_found() {
    let bundle = navigator::builtin();
    let j = Journey::new(&bundle, &sample()).unwrap();
    let r = report(&j, TODAY).unwrap();
    let item = r.parts[0].checklist[0].id.to_string();
    let other = r.parts[0].checklist[1].id.to_string();
    let o = changed(|b| {
        for d in &mut part(b, "project").decisions {
            for i in &mut d.checklist {
                if i.id == item {
                    i.text = "New words".into();
                }
            }
            d.checklist.retain(|i| i.id != other);
        }
    });
    let found = ids(&o);
    assert!(
        found.contains(&format!("item-reworded:{item}")),
        "{found:?}"
    );
    assert!(found.contains(&format!("item-gone:{other}")), "{found:?}");
    let o = changed(|b| {
        for d in &mut part(b, "project").decisions {
            let mut new = d.checklist[0].clone();
            new.id = "brand-new".into();
            new.when.clear();
            new.unless.clear();
            d.checklist.push(new);
        }
    });
    assert_eq!(ids(&o), ["item-added:brand-new"]);
}

#[test]
fn a_changed_route_is_found() {
    let o = changed(|b| {
        let routes = &mut b
            .questionnaires
            .iter_mut()
            .find(|q| q.entry)
            .unwrap()
            .routes;
        let project = routes.iter().position(|r| r.id == "project").unwrap();
        routes[project].id = "project-renamed".into();
        routes[project].title = "Renamed".into();
    });
    let found = ids(&o);
    assert!(found.contains(&"route-changed".to_string()), "{found:?}");
    let d = o
        .differences
        .iter()
        .find(|d| d.id() == "route-changed")
        .unwrap();
    assert!(d.describe().contains("Renamed"), "{}", d.describe());
}

#[test]
fn a_changed_contact_is_found() {
    let o = changed(|b| {
        let p = part(b, "project");
        for d in &mut p.decisions {
            d.contacts.push("siro".into());
        }
    });
    let found = ids(&o);
    assert_eq!(found, ["contact-added:siro"]);
}

#[test]
fn newer_content_with_the_same_result_is_said() {
    let bundle = navigator::builtin();
    let html = record_html(&bundle, &sample(), TODAY, MADE).unwrap();
    let old = html.replace(
        &format!("\"content\":\"{CONTENT_VERSION}\""),
        "\"content\":\"0123456789abcdef\"",
    );
    assert_ne!(old, html);
    let o = open(&old, &bundle, TODAY).unwrap();
    assert_eq!(ids(&o), ["newer-content"]);
    assert!(o.differences[0]
        .describe()
        .contains("the result is the same"));
}

#[test]
fn a_real_record_cut_short_anywhere_in_its_data_is_refused_fairly() {
    let bundle = navigator::builtin();
    let html = record_html(&bundle, &sample(), TODAY, MADE).unwrap();
    let end = html.find("</script>").unwrap();
    for k in 0..50 {
        let mut at = end * k / 50;
        while !html.is_char_boundary(at) {
            at -= 1;
        }
        let e = open(&html[..at], &bundle, TODAY).expect_err("cut short");
        fair(&e);
    }
    // Cut after the data block, it still opens (what a browser needs is there).
    assert!(open(&html[..end + "</script>".len()], &bundle, TODAY).is_ok());
}

#[test]
fn file_names() {
    let cases = [
        (
            "project",
            "2026-11-25T14:03",
            "html",
            "project-2026-11-25-1403.html",
        ),
        (
            "Sharing Data!",
            "2026-01-02T00:00",
            "ics",
            "sharing-data-2026-01-02-0000.ics",
        ),
        ("project", "2026-11-25", "html", "project-2026-11-25.html"),
        (
            "project",
            "2026-11-25T25:00",
            "html",
            "project-2026-11-25.html",
        ),
        ("", "", "", "result.html"),
        (
            "../../etc/passwd",
            "2026-02-30T10:00",
            ".HTML",
            "etc-passwd.html",
        ),
        ("x", "2026-11-25T14:03\u{202E}", "html", "x-2026-11-25.html"),
        ("é\u{0}—a", "€€€€€€€€€€", "h\u{202E}tml", "a.html"),
    ];
    for (route, made, ext, expected) in cases {
        let name = file_name(route, made, ext);
        assert_eq!(
            name,
            format!("data-sharing-navigator-{expected}"),
            "{route:?} {made:?} {ext:?}"
        );
    }
    let long = file_name(&"a".repeat(500), MADE, "html");
    assert!(long.len() < 120, "{long}");
}

/// Percent-decoding, for the tests.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_email_draft_carries_no_answer_the_person_typed() {
    let bundle = navigator::builtin();
    let mark = "Zebrafish Quokka";
    let walks: Vec<Answers> = cover(&bundle)
        .into_iter()
        .filter(|w| {
            w.keys()
                .any(|q| bundle.question(q).is_some_and(|q| q.kind == Kind::Text))
        })
        .map(|mut w| {
            for (q, a) in w.iter_mut() {
                if bundle.question(q).is_some_and(|q| q.kind == Kind::Text) {
                    *a = mark.to_string();
                }
            }
            w
        })
        .collect();
    assert!(walks.len() >= 2, "walks with a text answer");
    for w in &walks {
        let j = Journey::new(&bundle, w).unwrap();
        let r = report(&j, TODAY).unwrap();
        let name = file_name(&r.route.id, MADE, "html");
        for c in &r.contacts {
            let Some(href) = email_draft(&r, c, &name) else {
                assert!(c.mailto.is_none());
                continue;
            };
            let h = href.as_str();
            assert!(h.len() <= MAX_MAILTO, "{}", h.len());
            let (to, query) = h.strip_prefix("mailto:").unwrap().split_once('?').unwrap();
            check_email(to).unwrap();
            assert!(h.bytes().all(|b| b.is_ascii_graphic()), "{h}");
            let (subject, body) = query.split_once("&body=").unwrap();
            let subject = decode(subject.strip_prefix("subject=").unwrap());
            let body = decode(body);
            assert_eq!(
                subject,
                format!("Request to use or share data: {}", r.route.title)
            );
            assert!(body.contains(&name), "{body}");
            assert!(body.contains(c.contact.name.trim()));
            assert!(body.contains("\r\n"));
            assert!(!body.replace("\r\n", "").contains('\n'));
            assert!(body.to_lowercase().contains("patient information"));
            for p in &r.parts {
                assert!(body.contains(p.part.title.trim()), "{body}");
            }
            assert!(!subject.contains(mark) && !body.contains(mark), "{body}");
        }
    }
}

#[test]
fn a_long_email_draft_is_shortened_at_a_line() {
    use navigator::engine::href::Href;
    let body: String = (0..400)
        .map(|i| format!("Line {i} with ümlauts\n"))
        .collect();
    let h = Href::mailto_draft("dsp@nhs.net", "Subject", &body).unwrap();
    assert!(h.as_str().len() <= MAX_MAILTO);
    let decoded = decode(h.as_str().split_once("&body=").unwrap().1);
    assert!(decoded.ends_with("\r\n…"), "{decoded}");
    assert!(decoded.starts_with("Line 0 with ümlauts\r\n"));
    let long_subject = "ü".repeat(2000);
    let h = Href::mailto_draft("dsp@nhs.net", &long_subject, "Body").unwrap();
    assert!(h.as_str().len() <= MAX_MAILTO);
    assert!(Href::mailto_draft("not an address", "S", "B").is_err());
    assert!(Href::mailto_draft("a@b.com?cc=x@y.com", "S", "B").is_err());
}

// The corpus.

#[derive(Debug, Deserialize)]
struct Expect {
    ok: bool,
    #[serde(default)]
    error_contains: Option<String>,
    /// Each of these is among the differences.
    #[serde(default)]
    differences: Vec<String>,
    /// And there are no others.
    #[serde(default)]
    only: bool,
    /// How many answers can be used.
    #[serde(default)]
    answers: Option<usize>,
    #[serde(default)]
    ignored: Option<usize>,
}

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    #[allow(dead_code)]
    about: String,
    input: String,
    #[serde(default)]
    edit: Vec<(String, String)>,
    expect: Expect,
}

mod common;

/// Expands `⟪RECORD⟫`, `⟪BLOCK⟫` and `⟪TEXT*N⟫`.
fn expand(s: &str, record: &str) -> String {
    common::expand(
        &s.replace("⟪RECORD⟫", record)
            .replace("⟪BLOCK⟫", block(record)),
    )
}

#[test]
fn the_corpus() {
    let bundle = navigator::builtin();
    let record = record_html(&bundle, &sample(), TODAY, MADE).unwrap();
    let text = std::fs::read_to_string("tests/corpus/record.json").unwrap();
    let cases: Vec<Case> = serde_json::from_str(&text).unwrap();
    assert!(cases.len() >= 90, "{} cases", cases.len());
    let mut seen = std::collections::BTreeSet::new();
    let mut wrong = Vec::new();
    for c in &cases {
        assert!(seen.insert(c.id.clone()), "{} twice", c.id);
        let mut input = expand(&c.input, &record);
        for (from, to) in &c.edit {
            let from = expand(from, &record);
            assert!(
                input.contains(&from),
                "{}: edit {from:?} finds nothing",
                c.id
            );
            input = input.replacen(&from, &expand(to, &record), 1);
        }
        let e = &c.expect;
        match open(&input, &bundle, TODAY) {
            Ok(o) => {
                if !e.ok {
                    wrong.push(format!("{}: opened, expected an error", c.id));
                    continue;
                }
                let found = ids(&o);
                for d in &e.differences {
                    if !found.contains(d) {
                        wrong.push(format!("{}: no {d} in {found:?}", c.id));
                    }
                }
                if e.only && found.len() != e.differences.len() {
                    wrong.push(format!(
                        "{}: differences {found:?}, expected {:?}",
                        c.id, e.differences
                    ));
                }
                if let Some(n) = e.answers {
                    if o.answers.len() != n {
                        wrong.push(format!(
                            "{}: {} answers, expected {n}",
                            c.id,
                            o.answers.len()
                        ));
                    }
                }
                if let Some(n) = e.ignored {
                    if o.ignored.len() != n {
                        wrong.push(format!(
                            "{}: {} ignored, expected {n}",
                            c.id,
                            o.ignored.len()
                        ));
                    }
                }
                // What opens is usable, and every recorded string is bounded text.
                assert!(navigator::engine::flow::unusable(&bundle, &o.answers, TODAY).is_empty());
                for q in &o.questions {
                    for t in [&q.id, &q.text, &q.answer] {
                        assert!(
                            t.chars().count() <= 2001 && !t.chars().any(is_invisible),
                            "{}",
                            c.id
                        );
                    }
                }
                for d in &o.differences {
                    assert!(!d.describe().is_empty());
                }
            }
            Err(msg) => {
                fair(&msg);
                if e.ok {
                    wrong.push(format!("{}: refused ({msg}), expected to open", c.id));
                } else if let Some(want) = &e.error_contains {
                    if !msg.contains(want.as_str()) {
                        wrong.push(format!("{}: message {msg:?} lacks {want:?}", c.id));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn oversized_files_are_refused_before_any_work() {
    let bundle = navigator::builtin();
    let big = "<".repeat(MAX_RECORD + 1);
    let e = open(&big, &bundle, TODAY).unwrap_err();
    assert!(e.contains("too large"), "{e}");
    fair(&e);
}
