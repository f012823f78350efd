//! Component tests in a real browser (headless Chromium via wasm-bindgen-test-runner):
//! what a person sees and does, by ids and roles, not wording.
#![cfg(target_arch = "wasm32")]

use navigator::engine::flow::Notice;
use navigator::ui::{App, AppProps, Setup};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn tick() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn document() -> web_sys::Document {
    gloo::utils::document()
}

thread_local! {
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The runner interleaves async tests, and focus is one per document: each test holds
/// this turn while it runs, so no other test's app can move focus under it.
struct Turn;

impl Drop for Turn {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(false));
    }
}

async fn turn() -> Turn {
    while BUSY.with(|b| b.replace(true)) {
        tick().await;
    }
    // Apps left by earlier tests go, so that only this test's app is in the page.
    for el in all(&document().document_element().unwrap(), ".dsn-test-root") {
        el.remove();
    }
    Turn
}

/// Mounts a fresh app in its own element and returns that element.
async fn mount(setup: Setup) -> Element {
    let root = document().create_element("div").unwrap();
    root.set_class_name("dsn-test-root");
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            setup: Rc::new(setup),
        },
    )
    .render();
    tick().await;
    root
}

fn setup() -> Setup {
    let mut s = Setup::from_page(false).expect("the built-in content loads");
    s.restore = false;
    s
}

/// A setup read from a page that carries `json` as its organisation configuration.
fn setup_with_config(json: &str) -> Setup {
    let script = document().create_element("script").unwrap();
    script.set_attribute("type", "application/json").unwrap();
    script.set_id("navigator-config");
    script.set_text_content(Some(json));
    document().body().unwrap().append_child(&script).unwrap();
    let mut s = Setup::from_page(false).expect("the Navigator starts whatever the configuration");
    script.remove();
    s.restore = false;
    s
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>().unwrap().click();
}

/// The button whose text is `label` (content-independent UI labels only).
fn button(root: &Element, label: &str) -> Element {
    all(root, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no button '{label}' in {}", root.inner_html()))
}

/// Waits (up to a second) for focus to reach the page's heading: rendering and effects
/// are asynchronous, and a loaded machine can be slow.
async fn heading_has_focus() -> bool {
    for _ in 0..50 {
        if document().active_element().map(|e| e.id()) == Some("dsn-heading".into()) {
            return true;
        }
        tick().await;
    }
    false
}

fn question_id(root: &Element) -> String {
    find(root, "input[type=radio]")
        .map(|r| r.get_attribute("name").unwrap())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn start_then_question_with_focus_on_the_heading() {
    let _turn = turn().await;
    let setup = setup();
    let entry = setup.bundle.entry().unwrap().start.clone();
    let root = mount(setup).await;
    assert!(find(&root, "h1#dsn-heading").is_some());
    // The live region is there from the start (empty), so a later change is announced.
    let status = find(&root, "[role=status]").expect("a live region from the start");
    assert_eq!(status.text_content().unwrap_or_default().trim(), "");
    click(&button(&root, "Start now"));
    tick().await;
    assert_eq!(question_id(&root), entry);
    assert!(
        heading_has_focus().await,
        "focus moves to the question's heading"
    );
    // The legend holds the heading: the question labels the radio group.
    assert!(find(&root, "fieldset > legend > h1#dsn-heading").is_some());
    // Every radio has a label.
    for r in all(&root, "input[type=radio]") {
        assert!(
            find(&root, &format!("label[for='{}']", r.id())).is_some(),
            "{} has no label",
            r.id()
        );
    }
}

#[wasm_bindgen_test]
async fn continue_with_nothing_chosen_shows_the_error_summary() {
    let _turn = turn().await;
    let s = setup();
    let bundle = Rc::clone(&s.bundle);
    let root = mount(s).await;
    click(&button(&root, "Start now"));
    tick().await;
    let q = question_id(&root);
    click(&button(&root, "Continue"));
    tick().await;
    let summary = find(&root, ".dsn-error-summary").expect("an error summary");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    // Both say the question's own error, from the content.
    let error = &bundle
        .question(&q)
        .expect("the question is in the content")
        .error;
    let link = find(&summary, "a").expect("the summary's link");
    assert_eq!(link.text_content().unwrap_or_default().trim(), error.trim());
    let message = find(&root, ".dsn-form-group--error .dsn-error-message").expect("the message");
    assert_eq!(
        message.text_content().unwrap_or_default().trim(),
        format!("Error: {}", error.trim())
    );
    assert_eq!(question_id(&root), q, "stays on the question");
    assert!(document()
        .active_element()
        .is_some_and(|e| e.class_list().contains("dsn-error-summary")));
    // Choosing an answer and continuing moves on.
    click(&find(&root, "input[type=radio]").unwrap());
    tick().await;
    assert!(
        find(&root, ".dsn-error-summary").is_none(),
        "choosing clears the error"
    );
    click(&button(&root, "Continue"));
    tick().await;
    assert_ne!(question_id(&root), q);
}

#[wasm_bindgen_test]
async fn back_keeps_the_answer() {
    let _turn = turn().await;
    let root = mount(setup()).await;
    click(&button(&root, "Start now"));
    tick().await;
    let first = find(&root, "input[type=radio]").unwrap();
    let chosen = first.id();
    click(&first);
    tick().await;
    click(&button(&root, "Continue"));
    tick().await;
    click(&find(&root, "a.dsn-back").unwrap());
    tick().await;
    let input: HtmlInputElement = find(&root, &format!("#{chosen}"))
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(input.checked(), "the answer is still selected after Back");
    assert!(heading_has_focus().await);
}

/// Answers every question with its first option until an outcome, then checks the
/// check-answers and outcome pages: checklist items with sources, contacts with links.
#[wasm_bindgen_test]
async fn first_options_all_the_way_to_an_outcome() {
    let _turn = turn().await;
    let root = mount(setup()).await;
    click(&button(&root, "Start now"));
    tick().await;
    for _ in 0..20 {
        let Some(radio) = find(&root, "input[type=radio]") else {
            break;
        };
        click(&radio);
        tick().await;
        click(&button(&root, "Continue"));
        tick().await;
    }
    assert!(
        !all(&root, "[data-question]").is_empty(),
        "check your answers lists the answers"
    );
    let change = all(&root, "[data-question] a");
    assert!(
        !change.is_empty()
            && change
                .iter()
                .all(|a| a.text_content().unwrap().starts_with("Change"))
    );
    click(&button(&root, "Continue"));
    tick().await;
    let outcome = find(&root, "section[data-outcome]").expect("the outcome page");
    assert!(heading_has_focus().await, "the outcome heading has focus");
    let status = find(&root, "[role=status]").expect("a live region");
    assert!(
        !status.text_content().unwrap_or_default().trim().is_empty(),
        "the outcome is announced"
    );
    // The checklist can be downloaded: a data: link made in the page, holding every item.
    let download = find(&outcome, "a[download]").expect("a download link");
    let href = download.get_attribute("href").unwrap();
    let text = String::from(
        js_sys::decode_uri_component(
            href.strip_prefix("data:text/plain;charset=utf-8,")
                .expect("a data: link"),
        )
        .unwrap(),
    );
    let items = all(&outcome, "li[data-item]");
    for item in &items {
        let shown = item
            .query_selector(".dsn-checklist__text")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert!(text.contains(shown.trim()), "the download lacks {shown}");
    }
    assert!(!items.is_empty());
    assert!(items
        .iter()
        .all(|i| find(i, ".dsn-checklist__source").is_some()));
    let contacts = all(&outcome, "[data-contact]");
    assert!(!contacts.is_empty());
    assert!(contacts.iter().all(|c| find(
        c,
        "a[href^='tel:'], a[href^='mailto:'], a[href^='https:']"
    )
    .is_some()));
}

#[wasm_bindgen_test]
async fn a_malformed_page_configuration_is_reported_and_the_app_still_works() {
    let _turn = turn().await;
    let s = setup_with_config("{ \"meetings\": { oops");
    assert!(
        matches!(s.notices.as_slice(), [Notice::BadConfig(_)]),
        "{:?}",
        s.notices
    );
    let root = mount(s).await;
    assert!(find(&root, ".dsn-notice[role=alert]").is_some());
    click(&button(&root, "Start now"));
    tick().await;
    assert!(find(&root, "input[type=radio]").is_some());
}

/// A page's configuration sets the R&D Governance Group's dates; the audit outcome
/// shows the next one, worked out from today.
#[wasm_bindgen_test]
async fn a_page_configuration_sets_meeting_dates() {
    let _turn = turn().await;
    let today = navigator::ui::browser::today();
    let next = today + chrono::Duration::days(10);
    let later = today + chrono::Duration::days(40);
    let s = setup_with_config(&format!(
        r#"{{"name": "Configured Trust", "meetings": {{"rd_governance_group": {{"dates": ["{later}", "{next}"]}}}}}}"#
    ));
    assert!(s.notices.is_empty(), "{:?}", s.notices);
    assert_eq!(s.bundle.organisation.name, "Configured Trust");
    // The answers that reach the audit outcome, found from the content, not written here.
    let (answers, _) = navigator::engine::paths::all_paths(&s.bundle)
        .into_iter()
        .find(|(_, o)| o.as_deref() == Some("clinical-audit"))
        .expect("a path to the audit outcome");
    let bundle = Rc::clone(&s.bundle);
    let root = mount(s).await;
    click(&button(&root, "Start now"));
    tick().await;
    let w = navigator::engine::walk::walk(&bundle, &answers).unwrap();
    for (q, o) in &w.path {
        click(&find(&root, &format!("input[name='{}'][value='{}']", q.id, o.id)).unwrap());
        tick().await;
        click(&button(&root, "Continue"));
        tick().await;
    }
    click(&button(&root, "Continue"));
    tick().await;
    let date = find(
        &root,
        "[data-outcome=clinical-audit] [data-date=rd-governance-group]",
    )
    .expect("the date row");
    let text = date.text_content().unwrap();
    assert!(
        text.contains(&navigator::engine::report::long_date(next)),
        "{text}"
    );
}

/// However much is wrong, the notices stay short: at most five listed, then a count; a
/// settings block with hundreds of problems says a handful and how many more.
#[wasm_bindgen_test]
async fn notices_are_short_whatever_the_input() {
    let _turn = turn().await;
    let unknown: Vec<String> = (0..300).map(|i| format!("\"field{i}\": 1")).collect();
    let mut s = setup_with_config(&format!("{{{}}}", unknown.join(",")));
    for i in 0..7 {
        s.notices.push(Notice::BadLink(format!("problem {i}")));
    }
    let root = mount(s).await;
    let notice = find(&root, ".dsn-notice[role=alert]").expect("a notice");
    assert_eq!(
        all(&notice, "li[data-notice]").len(),
        5,
        "five notices listed"
    );
    let text = notice.text_content().unwrap_or_default();
    assert!(text.contains("and 3 more problems"), "{text}");
    assert!(
        text.len() < 3000,
        "the notice is short ({} characters)",
        text.len()
    );
}

/// The settings' links pass the gate: a `javascript:` template or contact link is refused
/// (and said), and no link on any page has a scheme other than the ones allowed.
#[wasm_bindgen_test]
async fn no_link_from_the_settings_can_run_script() {
    let _turn = turn().await;
    let s = setup_with_config(
        r#"{ "templates": { "clinical_audit_plan": { "url": " JavaScript:alert(1)" } },
             "contacts": { "clinical_audit_team": { "url": "java\tscript:alert(2)", "email": "a@b.nhs.uk?bcc=x@y.com" } } }"#,
    );
    assert!(matches!(s.notices.as_slice(), [Notice::BadConfig(p)] if p.len() >= 3));
    let root = mount(s).await;
    click(&button(&root, "Start now"));
    tick().await;
    for answer in ["staff", "project", "no", "no", "no", "yes"] {
        let radio = find(&root, &format!("input[type=radio][value=\"{answer}\"]")).unwrap();
        click(&radio);
        tick().await;
        click(&button(&root, "Continue"));
        tick().await;
    }
    click(&button(&root, "Continue"));
    tick().await;
    assert!(find(&root, "section[data-outcome=\"clinical-audit\"]").is_some());
    for a in all(&root, "a[href]") {
        let href = a.get_attribute("href").unwrap();
        assert!(
            ["#", "https:", "http:", "mailto:", "tel:", "data:text/plain"]
                .iter()
                .any(|s| href.starts_with(s)),
            "{href}"
        );
        assert!(!href.contains("bcc"), "{href}");
    }
}
