//! The start page the build prerenders (`navigator prerender`, www/build.mjs), which the
//! browser hydrates: Yew panics if the first render has another shape, so what is
//! prerendered must not depend on anything that can differ in the browser.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use navigator::ui::prerender;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_start_page_is_prerendered_with_its_start_button_and_nothing_that_runs() {
    let html = prerender(day(2026, 12, 6)).expect("the built-in content renders");
    assert!(html.contains(r#"data-page="start""#), "the start page");
    assert!(
        html.contains(r#"id="dsn-heading""#),
        "its heading, where focus goes"
    );
    assert_eq!(
        html.matches("dsn-button--start").count(),
        1,
        "one Start button"
    );
    assert!(html.contains(r#"type="file""#), "open a saved record");
    assert!(
        html.contains(r#"data-keeping="on""#),
        "keeping on until the browser says otherwise"
    );
    let lower = html.to_ascii_lowercase();
    for bad in ["<script", "<style", "<template", "<link", "javascript:"] {
        assert!(!lower.contains(bad), "{bad}");
    }
    assert!(!has_handler(&lower), "an event handler attribute");
    // Hydration needs Yew's component markers.
    assert!(html.contains("<!--<[navigator::ui::App]>-->"));
}

#[test]
fn the_prerendered_page_does_not_depend_on_the_day() {
    let a = prerender(day(2026, 12, 6)).unwrap();
    let b = prerender(day(2031, 2, 28)).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        a,
        prerender(day(2026, 12, 6)).unwrap(),
        "the same every time"
    );
}

/// Whether `html` has an attribute like ` onclick=`.
fn has_handler(html: &str) -> bool {
    html.match_indices(" on").any(|(i, _)| {
        let name: String = html[i + 3..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        !name.is_empty() && html[i + 3 + name.len()..].starts_with('=')
    })
}

#[test]
fn the_handler_check_finds_a_handler() {
    assert!(has_handler(r#"<a onclick="x">"#));
    assert!(!has_handler("<p>Turn on the light</p>"));
}
