//! The invariants ARCHITECTURE.md writes down about untrusted input, held by reading the
//! source: data never becomes markup, and every `href` the UI writes comes from the
//! checked type `engine::href::Href`.

#![cfg(not(target_arch = "wasm32"))]

use std::fs;

fn ui_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["src/ui", "src/engine", "src/bin"] {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "rs") {
                out.push((p.display().to_string(), fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.push((
        "src/lib.rs".into(),
        fs::read_to_string("src/lib.rs").unwrap(),
    ));
    out
}

#[test]
fn no_string_reaches_an_html_sink() {
    // Yew renders text as text nodes; these are the ways to write markup from a string.
    let sinks = [
        "inner_html",
        "outer_html",
        "from_html_unchecked",
        "insert_adjacent_html",
        "document_write",
        ".write_1(",
        "eval(",
        "Function::new",
        "srcdoc",
    ];
    for (file, text) in ui_sources() {
        for sink in sinks {
            assert!(!text.contains(sink), "{file} uses {sink}");
        }
    }
}

#[test]
fn every_href_comes_from_the_checked_type() {
    // Only the two link components write the attribute, and only from their `Href` prop
    // (components that pass a link on take an `Href` prop, which the compiler holds);
    // in the record file, only `anchor(href: &Href, …)`, and in the routes drawn, only
    // `link(id, …)`, from the Href, escaped.
    let mut writers = 0;
    for (file, text) in ui_sources() {
        // The two files the engine writes HTML in (the record, the routes drawn) each
        // have one writer of a link, its target from an Href, escaped.
        let writer = if file.ends_with("record.rs") {
            Some("fn anchor(href: &Href, words: &str) -> String {\n    let target = escape_html(href.as_str());")
        } else if file.ends_with("diagram.rs") {
            Some("fn link(id: &str, inner: &str) -> String {\n    let target = e(Href::anchor(&format!(\"diagram-{id}\")).as_str());")
        } else {
            None
        };
        for (i, _) in text.match_indices("<a ") {
            let tag = &text[i..i + text[i..].find('>').unwrap_or(text.len() - i)];
            if let Some(writer) = writer {
                assert_eq!(
                    tag, "<a href=\\\"{target}\\\"",
                    "{file}: a link not written by its one writer"
                );
                assert!(text.contains(writer), "{file}: its link writer has changed");
                continue;
            }
            assert!(
                !tag.contains("href")
                    || tag.contains("href={p.href.to_string()}")
                    || tag.contains("href={href.to_string()}"),
                "{file}: a link's href comes from something other than an Href: {tag}"
            );
            writers += usize::from(tag.contains("href"));
        }
        assert!(
            !text.contains("set_attribute(\"href\"") && !text.contains("set_href"),
            "{file} sets an href by hand"
        );
        // `href: &Href` / `href: Href` are the only types an href is written from.
        if text.contains("href={href.to_string()}") {
            assert!(text.contains("href: &Href"), "{file}: link() takes an Href");
        }
    }
    assert_eq!(
        writers, 2,
        "link() and ActionLink are the only writers of href"
    );
    // And an Href can only be made through the gate: its field is private.
    let href = fs::read_to_string("src/engine/href.rs").unwrap();
    assert!(href.contains("pub struct Href(String);"));
}
