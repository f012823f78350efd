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
    let mut s = Setup::from_page(false, &Default::default()).expect("the built-in content loads");
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
    let mut s = Setup::from_page(false, &Default::default())
        .expect("the Navigator starts whatever the configuration");
    script.remove();
    s.restore = false;
    s
}

/// Of the engine's walks, the answers of the first whose result meets `pred`.
fn walk_where(
    bundle: &navigator::engine::model::Bundle,
    today: chrono::NaiveDate,
    pred: impl Fn(&navigator::engine::report::Report<'_>) -> bool,
) -> Option<navigator::engine::journey::Answers> {
    navigator::engine::paths::cover(bundle)
        .into_iter()
        .find(|a| {
            navigator::engine::journey::Journey::new(bundle, a)
                .and_then(|j| navigator::engine::report::report(&j, today).map(|r| pred(&r)))
                .unwrap_or(false)
        })
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
    let entry = setup.bundle.entry().unwrap().questions[0].id.clone();
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

/// The page shown: the app's `data-page` (`start`, `question:<id>`, `tasks`, `check`, `outcome`).
fn page_id(root: &Element) -> String {
    find(root, ".dsn-main")
        .and_then(|m| m.get_attribute("data-page"))
        .unwrap_or_default()
}

/// Types `value` into an input as a person would: the value, then its `input` and `change` events.
fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap();
    input.set_value(value);
    for kind in ["input", "change"] {
        input
            .dispatch_event(
                &web_sys::Event::new_with_event_init_dict(kind, &{
                    let init = web_sys::EventInit::new();
                    init.set_bubbles(true);
                    init
                })
                .unwrap(),
            )
            .unwrap();
    }
}

/// The link whose text is `label`.
fn link(root: &Element, label: &str) -> Element {
    all(root, "a[href]")
        .into_iter()
        .find(|a| a.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no link '{label}' in {}", root.inner_html()))
}

/// The input a visible label names.
fn labelled(root: &Element, label: &str) -> Element {
    let l = all(root, "label")
        .into_iter()
        .find(|l| l.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no label '{label}'"));
    find(root, &format!("#{}", l.get_attribute("for").unwrap())).unwrap()
}

/// One step of an engine-made walk ([`navigator::engine::paths::clicks`]), by visible labels.
async fn take(root: &Element, click: &navigator::engine::paths::Click) {
    use navigator::engine::paths::Click;
    match click {
        Click::Start => click_el(&button(root, "Start now")),
        Click::Answer {
            legend,
            kind,
            choose,
            text,
            date,
            ..
        } => {
            assert_eq!(
                find(root, "h1#dsn-heading")
                    .unwrap()
                    .text_content()
                    .unwrap()
                    .trim(),
                legend.trim()
            );
            match *kind {
                "choice" | "choices" => {
                    for label in choose {
                        let input: HtmlInputElement = labelled(root, label).dyn_into().unwrap();
                        if !input.checked() {
                            input.click();
                            tick().await;
                        }
                    }
                }
                "text" => type_into(root, "#dsn-text", text),
                _ => {
                    type_into(root, "#dsn-date-day", &date[0]);
                    type_into(root, "#dsn-date-month", &date[1]);
                    type_into(root, "#dsn-date-year", &date[2]);
                }
            }
            tick().await;
            click_el(&button(root, "Continue"));
        }
        Click::Task { heading, part } => {
            assert_eq!(page_id(root), "tasks");
            assert_eq!(
                find(root, "h1#dsn-heading")
                    .unwrap()
                    .text_content()
                    .unwrap()
                    .trim(),
                heading.trim()
            );
            click_el(&link(root, part));
        }
        Click::CheckAnswers { .. } => {
            click_el(&link(root, "Check your answers and get your result"))
        }
        Click::Confirm => {
            assert_eq!(page_id(root), "check");
            click_el(&button(root, "Continue"));
        }
        Click::Result { heading, items, .. } => {
            assert_eq!(page_id(root), "outcome");
            assert_eq!(
                find(root, "h1#dsn-heading")
                    .unwrap()
                    .text_content()
                    .unwrap()
                    .trim(),
                heading.trim()
            );
            let shown: Vec<String> = all(root, "li[data-item]")
                .iter()
                .filter_map(|li| li.get_attribute("data-item"))
                .collect();
            assert_eq!(&shown, items);
        }
    }
    tick().await;
}

fn click_el(el: &Element) {
    click(el)
}

/// The engine's walks (every answer of every question between them), as clicks.
fn walks(
    bundle: &Rc<navigator::engine::model::Bundle>,
) -> Vec<Vec<navigator::engine::paths::Click>> {
    let today = navigator::ui::browser::today();
    navigator::engine::paths::cover(bundle)
        .iter()
        .map(|answers| navigator::engine::paths::clicks(bundle, answers, today))
        .collect()
}

/// Takes a walk's steps until `stop` holds for the next one; returns how many were taken.
async fn take_until(
    root: &Element,
    walk: &[navigator::engine::paths::Click],
    stop: impl Fn(&navigator::engine::paths::Click) -> bool,
) -> usize {
    for (i, c) in walk.iter().enumerate() {
        if stop(c) {
            return i;
        }
        take(root, c).await;
    }
    walk.len()
}

/// Answers every question with its first option (a text, a past date) until the result,
/// going through the task list part by part, then checks check your answers and the
/// result: checklist items with sources, contacts with links, a download.
#[wasm_bindgen_test]
async fn first_options_all_the_way_to_a_result_through_the_task_list() {
    let _turn = turn().await;
    let root = mount(setup()).await;
    click(&button(&root, "Start now"));
    tick().await;
    let mut saw_tasks = false;
    let mut saw_check = false;
    for _ in 0..200 {
        let page = page_id(&root);
        if page == "outcome" {
            break;
        } else if page.starts_with("question:") {
            if let Some(first) = find(&root, "input[type=radio], input[type=checkbox]") {
                if !first.dyn_ref::<HtmlInputElement>().unwrap().checked() {
                    click(&first);
                }
            } else if find(&root, "#dsn-text").is_some() {
                type_into(&root, "#dsn-text", "Example");
            } else {
                type_into(&root, "#dsn-date-day", "1");
                type_into(&root, "#dsn-date-month", "2");
                type_into(&root, "#dsn-date-year", "2020");
            }
            tick().await;
            click(&button(&root, "Continue"));
        } else if page == "tasks" {
            saw_tasks = true;
            let tasks = all(&root, "li.dsn-task");
            assert_eq!(
                tasks
                    .last()
                    .and_then(|t| t.get_attribute("data-part"))
                    .as_deref(),
                Some("check"),
                "the task list ends with checking the answers"
            );
            // The first part not completed that can start, else check your answers.
            let next = tasks
                .iter()
                .find(|t| {
                    t.get_attribute("data-status").as_deref() != Some("completed")
                        && find(t, "a[href]").is_some()
                })
                .and_then(|t| find(t, "a[href]"))
                .expect("a task to open");
            click(&next);
        } else if page == "check" {
            saw_check = true;
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
            assert_eq!(
                all(&root, "h2").len(),
                all(&root, "dl.dsn-summary[data-part]").len(),
                "an h2 per part"
            );
            click(&button(&root, "Continue"));
        } else {
            panic!("unexpected page {page}");
        }
        tick().await;
    }
    assert!(
        saw_tasks && saw_check,
        "went through the task list and check your answers"
    );
    let outcome = find(&root, "section[data-outcome]").expect("the result page");
    assert!(!all(&outcome, "section.dsn-part[data-part][data-decision]").is_empty());
    assert!(heading_has_focus().await, "the result's heading has focus");
    let status = find(&root, "[role=status]").expect("a live region");
    assert!(
        !status.text_content().unwrap_or_default().trim().is_empty(),
        "the result is announced"
    );
    // The record can be downloaded: a data: link made in the page, holding every item,
    // with a file name that says what it is and when.
    let download = find(&outcome, "a.dsn-download[download]").expect("a download link");
    let name = download.get_attribute("download").unwrap();
    assert!(
        name.starts_with("data-sharing-navigator-") && name.ends_with(".html"),
        "{name}"
    );
    let href = download.get_attribute("href").unwrap();
    let text = String::from(
        js_sys::decode_uri_component(
            href.strip_prefix("data:text/html;charset=utf-8,")
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
        // The record escapes its text for HTML: compare in the same form.
        let escaped = navigator::engine::record::escape_html(shown.trim());
        assert!(text.contains(&escaped), "the download lacks {shown}");
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

/// A checkbox question (from the engine's walks): nothing ticked is an error; an
/// exclusive option ("None of these") clears the others, and another clears it.
#[wasm_bindgen_test]
async fn a_checkbox_question() {
    use navigator::engine::paths::Click;
    let _turn = turn().await;
    let s = setup();
    let bundle = Rc::clone(&s.bundle);
    let walk = walks(&bundle)
        .into_iter()
        .find(|w| {
            w.iter().any(|c| {
                matches!(
                    c,
                    Click::Answer {
                        kind: "choices",
                        ..
                    }
                )
            })
        })
        .expect("a walk asks a checkbox question");
    let root = mount(s).await;
    let at = take_until(&root, &walk, |c| {
        matches!(
            c,
            Click::Answer {
                kind: "choices",
                ..
            }
        )
    })
    .await;
    let Click::Answer { question, .. } = &walk[at] else {
        unreachable!()
    };
    let q = bundle.question(question).unwrap();
    click(&button(&root, "Continue"));
    tick().await;
    let summary = find(&root, ".dsn-error-summary").expect("an error summary");
    assert_eq!(
        find(&summary, "a").unwrap().text_content().unwrap().trim(),
        q.error.trim()
    );
    let boxes = || -> Vec<HtmlInputElement> {
        all(&root, "input[type=checkbox]")
            .into_iter()
            .map(|e| e.dyn_into().unwrap())
            .collect()
    };
    assert_eq!(boxes().len(), q.options.len(), "a checkbox per option");
    if let Some(x) = q.options.iter().position(|o| o.exclusive) {
        let others: Vec<usize> = (0..q.options.len()).filter(|i| *i != x).collect();
        for i in others.iter().take(2) {
            boxes()[*i].click();
            tick().await;
        }
        boxes()[x].click();
        tick().await;
        assert!(
            boxes()
                .iter()
                .enumerate()
                .all(|(i, b)| b.checked() == (i == x)),
            "the exclusive option stands alone"
        );
        boxes()[others[0]].click();
        tick().await;
        assert!(!boxes()[x].checked(), "ticking another clears it");
    }
    // The walk's answer, then on.
    for b in boxes().iter().filter(|b| b.checked()) {
        b.click();
    }
    tick().await;
    take(&root, &walk[at]).await;
    assert_ne!(page_id(&root), format!("question:{question}"));
}

/// A date question (from the engine's walks): a date without its month says so, marks
/// only the month and links to it; a date that does not exist is refused.
#[wasm_bindgen_test]
async fn a_date_question_error() {
    use navigator::engine::paths::Click;
    let _turn = turn().await;
    let s = setup();
    let bundle = Rc::clone(&s.bundle);
    let Some(walk) = walks(&bundle).into_iter().find(|w| {
        w.iter()
            .any(|c| matches!(c, Click::Answer { kind: "date", .. }))
    }) else {
        return; // no date question in the content yet
    };
    let root = mount(s).await;
    let at = take_until(&root, &walk, |c| {
        matches!(c, Click::Answer { kind: "date", .. })
    })
    .await;
    let Click::Answer { question, .. } = &walk[at] else {
        unreachable!()
    };
    let short = bundle.question(question).unwrap().short.trim().to_string();
    type_into(&root, "#dsn-date-day", "12");
    type_into(&root, "#dsn-date-year", "2020");
    tick().await;
    click(&button(&root, "Continue"));
    tick().await;
    let summary = find(&root, ".dsn-error-summary").expect("an error summary");
    let a = find(&summary, "a").unwrap();
    assert_eq!(
        a.text_content().unwrap().trim(),
        format!("{short} must include a month")
    );
    assert_eq!(a.get_attribute("href").as_deref(), Some("#dsn-date-month"));
    let marked: Vec<String> = all(&root, ".dsn-date-input input.dsn-input--error")
        .iter()
        .map(|e| e.id())
        .collect();
    assert_eq!(marked, vec!["dsn-date-month".to_string()]);
    assert!(document()
        .active_element()
        .is_some_and(|e| e.class_list().contains("dsn-error-summary")));
    type_into(&root, "#dsn-date-day", "31");
    type_into(&root, "#dsn-date-month", "2");
    tick().await;
    click(&button(&root, "Continue"));
    tick().await;
    assert_eq!(
        find(&root, ".dsn-error-summary a")
            .unwrap()
            .text_content()
            .unwrap()
            .trim(),
        format!("{short} must be a real date")
    );
    take(&root, &walk[at]).await;
    assert_ne!(page_id(&root), format!("question:{question}"));
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
    // A walk whose result shows the R&D Governance Group's date, from the engine.
    let bundle = Rc::clone(&s.bundle);
    let answers = walk_where(&bundle, today, |r| {
        r.dates.iter().any(|d| d.id == "rd-governance-group")
    })
    .expect("a walk to a result with the R&D Governance Group's date");
    let walk = navigator::engine::paths::clicks(&bundle, &answers, today);
    let root = mount(s).await;
    for c in &walk {
        take(&root, c).await;
    }
    let date = find(&root, "[data-outcome] [data-date=rd-governance-group]").expect("the date row");
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
    // A walk whose result shows the clinical audit team, from the engine.
    let bundle = Rc::clone(&s.bundle);
    let today = navigator::ui::browser::today();
    let answers = walk_where(&bundle, today, |r| {
        r.contacts.iter().any(|c| c.role == "clinical_audit_team")
    })
    .expect("a walk to a result with the clinical audit team");
    let root = mount(s).await;
    for c in navigator::engine::paths::clicks(&bundle, &answers, today) {
        take(&root, &c).await;
    }
    assert!(find(&root, "[data-contact=clinical_audit_team]").is_some());
    for a in all(&root, "a[href]") {
        let href = a.get_attribute("href").unwrap();
        assert!(
            [
                "#",
                "https:",
                "http:",
                "mailto:",
                "tel:",
                "data:text/html;charset=utf-8,",
                "data:text/calendar;charset=utf-8,"
            ]
            .iter()
            .any(|s| href.starts_with(s)),
            "{href}"
        );
        assert!(!href.contains("bcc"), "{href}");
    }
}

#[wasm_bindgen_test]
async fn the_start_page_opens_records_and_says_what_is_kept_where() {
    let _turn = turn().await;
    let root = mount(setup()).await;
    // "Open a saved record": a labelled file input that takes an HTML file.
    let input = labelled(&root, "Open a saved record");
    assert_eq!(input.get_attribute("type").as_deref(), Some("file"));
    assert!(input.get_attribute("accept").unwrap().contains(".html"));
    let headings: Vec<String> = all(&root, "h2")
        .iter()
        .map(|h| h.text_content().unwrap_or_default())
        .collect();
    assert!(headings
        .iter()
        .any(|h| h == "Your answers on this computer"));
    // Keeping can be turned off, and the page says it.
    click(&button(&root, "Stop keeping my answers on this computer"));
    tick().await;
    let main = find(&root, ".dsn-main").unwrap();
    assert_eq!(
        main.get_attribute("data-keeping").as_deref(),
        Some("declined")
    );
    assert!(find(&root, "[data-done='keeping-off'][role=status]").is_some());
    click(&button(&root, "Keep my answers on this computer"));
    tick().await;
    assert_eq!(main.get_attribute("data-keeping").as_deref(), Some("on"));
}

#[wasm_bindgen_test]
async fn start_again_on_every_page_and_the_service_name_goes_home() {
    let _turn = turn().await;
    let setup = setup();
    let walk = walks(&setup.bundle)
        .into_iter()
        .max_by_key(|w| w.len())
        .expect("a walk");
    let first = format!("question:{}", setup.bundle.entry().unwrap().questions[0].id);
    let root = mount(setup).await;
    let mut asked = 0;
    for step in &walk {
        take(&root, step).await;
        tick().await;
        let page = page_id(&root);
        if page == "outcome" {
            break;
        }
        // Once there is an answer to forget (so not on the first question).
        if page != "start" && page != first {
            asked += 1;
            assert!(
                all(&root, "button")
                    .iter()
                    .any(|b| b.text_content().unwrap_or_default().trim() == "Start again"),
                "Start again on {page}"
            );
        }
    }
    assert!(asked > 1);
    // The header's service name is a link to the start page, which keeps the answers.
    click_el(&link(&root, "Data Sharing Navigator"));
    tick().await;
    assert_eq!(page_id(&root), "start");
    click(&button(&root, "Start again"));
    tick().await;
    assert!(all(&root, "button")
        .iter()
        .any(|b| b.text_content().unwrap_or_default().contains("Start now")));
}
