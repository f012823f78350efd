//! The browser: the host element and its shadow root, the URL fragment, saved state,
//! the page's configuration and the clock. Every call tolerates a browser that says no
//! (storage switched off, say): the Navigator then works without that feature.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Where saved answers live, in the same form as the URL fragment.
pub const STORAGE_KEY: &str = "data-sharing-navigator";
/// Saved state that could not be read is moved here rather than deleted.
pub const UNREADABLE_KEY: &str = "data-sharing-navigator:unreadable";
/// The element the Navigator mounts in; created at the end of `<body>` if absent.
pub const HOST_ID: &str = "data-sharing-navigator";
/// A `<script type="application/json">` with the organisation's own settings.
pub const CONFIG_ID: &str = "navigator-config";

pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// Parses JSON with the browser's own parser, then into `T`; the error in plain words.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "it is not valid JSON".into())
    })?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// The text of the page's configuration element, if it has one.
pub fn config_text() -> Option<String> {
    gloo::utils::document()
        .get_element_by_id(CONFIG_ID)
        .and_then(|e| e.text_content())
}

pub fn read_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Puts `hash` in the address bar: a new history entry when the page changes (so the
/// browser's Back button steps back), a replacement otherwise.
pub fn write_hash(hash: &str) {
    let current = read_hash();
    if current == hash {
        return;
    }
    let page_of = |h: &str| h.split('?').next().unwrap_or_default().to_string();
    if let Ok(history) = gloo::utils::window().history() {
        // A fragment that is not the Navigator's own (say the page was opened at
        // `#top`) is replaced, so that Back does not stop on it for nothing.
        let ours = matches!(crate::engine::route::parse(&current), Ok(Some(_)));
        let push = ours && page_of(&current) != page_of(hash);
        let _ = if push {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash))
        } else {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash))
        };
    }
}

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

pub fn load_saved() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok().flatten()
}

pub fn save(value: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match value {
            Some(v) => s.set_item(STORAGE_KEY, v),
            None => s.remove_item(STORAGE_KEY),
        };
    }
}

/// Keeps unreadable saved state aside so nothing the person had is lost.
pub fn keep_unreadable(raw: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(UNREADABLE_KEY, raw);
    }
}

/// Moves keyboard and screen-reader focus to the first element matching `selector`.
pub fn focus_within(root: &Element, selector: &str) {
    if let Ok(Some(el)) = root.query_selector(selector) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}

pub fn set_title(title: &str) {
    gloo::utils::document().set_title(title);
}

pub fn print() {
    let _ = gloo::utils::window().print();
}
