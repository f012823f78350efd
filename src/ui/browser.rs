//! The browser: the host element and its shadow root, the URL fragment, saved state,
//! the page's configuration and the clock. Every call tolerates a browser that says no
//! (storage switched off, say): the Navigator then works without that feature.

use chrono::NaiveDate;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Where saved answers live, in the same form as the URL fragment.
pub const STORAGE_KEY: &str = "data-sharing-navigator";
// Beside it, in each Navigator's [`Store`]: `…:keeping` (`off` while the person has
// turned keeping off: a setting, not their answers) and `…:unreadable` (saved state that
// could not be read, moved aside rather than deleted).
/// The element the Navigator mounts in; created at the end of `<body>` if absent.
pub const HOST_ID: &str = "data-sharing-navigator";
/// A `<script type="application/json">` with the organisation's own settings.
pub const CONFIG_ID: &str = "navigator-config";

pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// The text of every settings block on the page: `<script type="application/json">`
/// elements with the documented id, and nothing else. Any other element with that id
/// (a `<div>` that someone could post on an intranet page) is ignored, and the host
/// page's author is told in the console.
///
/// `id` is [`CONFIG_ID`] or the one a host page named (`data-config`), already checked
/// to be a plain id ([`crate::ui::host::Options`]). None found under a name the page gave
/// is the page's mistake: its author is told, and the Trust's own settings are used.
pub fn config_blocks(id: &str) -> Vec<String> {
    let document = gloo::utils::document();
    let mut blocks = Vec::new();
    let Ok(all) = document.query_selector_all(&format!("[id=\"{id}\"]")) else {
        return blocks;
    };
    if all.length() == 0 && id != CONFIG_ID {
        web_sys::console::warn_1(&wasm_bindgen::JsValue::from_str(&format!(
            "Data Sharing Navigator: data-config=\"{id}\" names no element on this page, so the built-in settings are used. Add <script type=\"application/json\" id=\"{id}\">…</script>."
        )));
    }
    for i in 0..all.length() {
        let Some(el) = all.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let is_block = el.tag_name().eq_ignore_ascii_case("script")
            && el
                .get_attribute("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
        if is_block {
            blocks.push(el.text_content().unwrap_or_default());
        } else {
            web_sys::console::warn_1(&wasm_bindgen::JsValue::from_str(&format!(
                "Data Sharing Navigator: an element <{}> has the id \"{id}\" but is not a <script type=\"application/json\">, so it was not read as settings.",
                el.tag_name().to_ascii_lowercase()
            )));
        }
    }
    blocks
}

pub fn read_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Puts `hash` in the address bar: a new history entry when the page changes (so the
/// browser's Back button steps back), a replacement otherwise.
///
/// Every entry the Navigator writes carries [`HISTORY_MARK`] as its state, so that Back
/// and Forward can be told from a link pasted into the tab (see `Action::Navigate`).
pub fn write_hash(hash: &str) {
    let current = read_hash();
    let Ok(history) = gloo::utils::window().history() else {
        return;
    };
    let mark = wasm_bindgen::JsValue::from_str(HISTORY_MARK);
    if current == hash && is_ours() {
        return;
    }
    let page_of = |h: &str| h.split('?').next().unwrap_or_default().to_string();
    // A fragment that is not the Navigator's own (say the page was opened at
    // `#top`) is replaced, so that Back does not stop on it for nothing.
    // A link opened in the tab (not an entry the Navigator wrote) is replaced too, so
    // that its answers do not stay in the browser's history.
    let push = is_ours() && page_of(&current) != page_of(hash);
    let _ = if push {
        history.push_state_with_url(&mark, "", Some(hash))
    } else {
        history.replace_state_with_url(&mark, "", Some(hash))
    };
}

/// The state the Navigator puts on its own history entries.
pub const HISTORY_MARK: &str = "data-sharing-navigator";

/// Whether the current history entry is one the Navigator wrote.
pub fn is_ours() -> bool {
    gloo::utils::window()
        .history()
        .and_then(|h| h.state())
        .ok()
        .and_then(|s| s.as_string())
        .is_some_and(|s| s == HISTORY_MARK)
}

/// The browser's storage, or why it cannot be had (switched off, a sandboxed frame…).
fn storage() -> Result<web_sys::Storage, String> {
    match gloo::utils::window().local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser has no storage for web pages".into()),
        Err(e) => Err(reason(
            &e,
            "the browser does not allow this page to use its storage",
        )),
    }
}

/// The browser's own words for an error, cut short, or `fallback`.
fn reason(e: &wasm_bindgen::JsValue, fallback: &str) -> String {
    let text = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .filter(|m| !m.trim().is_empty());
    match text {
        Some(m) => format!("{fallback} ({})", crate::engine::echo::echo(&m)),
        None => fallback.to_string(),
    }
}

/// One Navigator's place in the browser's storage. The first (or only) Navigator on a
/// page uses [`STORAGE_KEY`], as every earlier version did; another one, named by its
/// element's `data-sharing-navigator` value, uses `STORAGE_KEY@name`, so that several on
/// one page never read or overwrite each other's answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    key: String,
}

impl Default for Store {
    fn default() -> Self {
        Store {
            key: STORAGE_KEY.to_string(),
        }
    }
}

impl Store {
    /// The store of the Navigator named `name` (`None`: the page's default one).
    pub fn named(name: Option<&str>) -> Store {
        match name {
            Some(n) => Store {
                key: format!("{STORAGE_KEY}@{n}"),
            },
            None => Store::default(),
        }
    }

    /// The key of the saved answers.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// `data-sharing-navigator:keeping` for the default store (as before), else
    /// `data-sharing-navigator@name:keeping`.
    fn sub(&self, what: &str) -> String {
        format!("{}:{what}", self.key)
    }

    /// What is saved: `Ok(None)` when nothing is, `Err` when the browser refuses to say.
    pub fn read_saved(&self) -> Result<Option<String>, String> {
        storage()?
            .get_item(&self.key)
            .map_err(|e| reason(&e, "the browser refused to read its storage"))
    }

    /// Saves `value`; `Err` with the browser's reason when it refuses (quota full, say).
    pub fn write_saved(&self, value: &str) -> Result<(), String> {
        storage()?
            .set_item(&self.key, value)
            .map_err(|e| reason(&e, "the browser refused to store them"))
    }

    fn aside_key(&self, slot: usize) -> String {
        let first = self.sub("unreadable");
        if slot == 0 {
            first
        } else {
            format!("{first}:{}", slot + 1)
        }
    }

    /// Keeps unreadable saved state aside so that nothing the person had is lost: in the
    /// first free slot (never over an earlier one), or where the same text already is.
    /// `true` only once the copy has been stored and read back.
    pub fn keep_aside(&self, raw: &str) -> bool {
        let Ok(s) = storage() else {
            return false;
        };
        for slot in 0..ASIDE_SLOTS {
            let key = self.aside_key(slot);
            match s.get_item(&key) {
                Ok(Some(existing)) if existing == raw => return true,
                Ok(Some(_)) => continue,
                Ok(None) => {
                    return s.set_item(&key, raw).is_ok()
                        && s.get_item(&key).ok().flatten().as_deref() == Some(raw);
                }
                Err(_) => return false,
            }
        }
        false
    }

    /// Removes everything this Navigator stored on this computer (Start again).
    pub fn erase(&self) -> Result<(), String> {
        let s = storage()?;
        let mut result = s
            .remove_item(&self.key)
            .map_err(|e| reason(&e, "the browser refused to remove them"));
        for slot in 0..ASIDE_SLOTS {
            if let Err(e) = s.remove_item(&self.aside_key(slot)) {
                result = Err(reason(&e, "the browser refused to remove them"));
            }
        }
        result
    }

    /// Whether the person turned keeping off on this computer.
    pub fn declined(&self) -> bool {
        storage()
            .ok()
            .and_then(|s| s.get_item(&self.sub("keeping")).ok().flatten())
            .is_some_and(|v| v == "off")
    }

    /// Remembers that keeping is off (`true`), or forgets it.
    pub fn set_declined(&self, off: bool) -> Result<(), String> {
        let s = storage()?;
        let key = self.sub("keeping");
        let done = if off {
            s.set_item(&key, "off")
        } else {
            s.remove_item(&key)
        };
        done.map_err(|e| reason(&e, "the browser refused to store the choice"))
    }
}

/// How many unreadable saved states are kept aside, at most.
const ASIDE_SLOTS: usize = 5;

/// Now in UTC as `YYYYMMDDTHHMMSSZ` (a calendar file's time stamp).
pub fn now_utc_stamp() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        d.get_utc_full_year(),
        d.get_utc_month() + 1,
        d.get_utc_date(),
        d.get_utc_hours(),
        d.get_utc_minutes(),
        d.get_utc_seconds()
    )
}

/// The address of the page the Navigator is on, without its fragment: where a share
/// link points (the page that embeds it, or its own).
pub fn page_url() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Puts `text` on the clipboard; `done` gets `Err` with the browser's reason if it
/// would not (no clipboard, permission refused).
pub fn copy(text: String, done: impl FnOnce(Result<(), String>) + 'static) {
    // Not every page has a clipboard (an older browser, a page not served securely).
    let navigator = gloo::utils::window().navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| c.is_object());
    let Some(clipboard) = clipboard else {
        done(Err(
            "this browser does not let pages use the clipboard".into()
        ));
        return;
    };
    let promise = clipboard
        .unchecked_into::<web_sys::Clipboard>()
        .write_text(&text);
    settle(promise, "the browser did not allow copying", move |r| {
        done(r.map(|_| ()))
    });
}

/// Waits for `promise`, then gives `done` its value or the browser's reason (`refused`
/// when it gives none).
fn settle(
    promise: js_sys::Promise,
    refused: &'static str,
    done: impl FnOnce(Result<wasm_bindgen::JsValue, String>) + 'static,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = wasm_bindgen_futures::JsFuture::from(promise).await;
        done(result.map_err(|e| reason(&e, refused)));
    });
}

/// The largest file read as a record; a bigger one is refused before it is read.
pub const MAX_FILE: f64 = 1024.0 * 1024.0;

/// Reads a file the person chose, as text, in the page (nothing is uploaded). `done`
/// gets the text, or why it could not be read.
pub fn read_file(file: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    if file.size() > MAX_FILE {
        // In tenths of a megabyte, by integers: formatting a float adds kilobytes.
        let tenths = (file.size() / (1024.0 * 1024.0 / 10.0) + 0.5) as u64;
        done(Err(format!(
            "the file is too large to be a record ({}.{} MB; a record is well under 1 MB)",
            tenths / 10,
            tenths % 10
        )));
        return;
    }
    settle(
        file.text(),
        "the browser could not read the file",
        move |r| done(r.map(|v| v.as_string().unwrap_or_default())),
    );
}

/// Now, in the browser's local time, as `YYYY-MM-DDTHH:MM`.
pub fn now_stamp() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
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

/// The Navigator's styles (www/navigator.css), as the page's loader gives them
/// (`__dsnLoader.css`: in the single file, read from its data block, where they cost
/// almost nothing beside the prerendered page's copy; in the hostable build, in
/// dsn-start.js). Not compiled in: that would be a second copy in the download.
fn styles() -> Option<String> {
    let window = gloo::utils::window();
    let css = js_sys::Reflect::get(&window, &"__dsnLoader".into())
        .and_then(|l| js_sys::Reflect::get(&l, &"css".into()))
        .ok()
        .and_then(|c| c.as_string());
    if css.is_none() {
        web_sys::console::warn_1(
            &"Data Sharing Navigator: its style sheet was not given by the page's loader, so it is drawn without its styles. Use the loader from dist/ as it is.".into(),
        );
    }
    css
}

thread_local! {
    /// The Navigator's styles as one constructed style sheet, shared by every Navigator
    /// on the page.
    static SHEET: Option<(String, Option<web_sys::CssStyleSheet>)> = styles().map(|css| {
        let sheet = web_sys::CssStyleSheet::new().ok().filter(|sheet| sheet.replace_sync(&css).is_ok());
        (css, sheet)
    });
}

/// Gives a new shadow root the Navigator's styles: as a constructed style sheet, which a
/// page's Content-Security-Policy does not block (`style-src 'self'` blocks a `<style>`
/// element made by script); in a browser without them, as a `<style>` element.
pub fn adopt_styles(document: &web_sys::Document, shadow: &web_sys::ShadowRoot) {
    SHEET.with(|styles| {
        let Some((css, sheet)) = styles else { return };
        let adopted = sheet.as_ref().and_then(|sheet| {
            let list = js_sys::Array::of1(sheet);
            js_sys::Reflect::set(shadow, &"adoptedStyleSheets".into(), &list).ok()
        });
        if adopted != Some(true) {
            if let Ok(style) = document.create_element("style") {
                style.set_text_content(Some(css));
                let _ = shadow.append_child(&style);
            }
        }
    });
}

/// Tells the page's loader (www/build.mjs) that the Navigator in `host` now runs: it
/// shows a prerendered page it was holding back, and replays what the person clicked or
/// chose before the app was ready, so that a Start pressed early is not lost.
pub fn live(host: &Element) {
    let window = gloo::utils::window();
    let hook = js_sys::Reflect::get(&window, &"__dsnLoader".into())
        .and_then(|l| js_sys::Reflect::get(&l, &"live".into()))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match hook {
        Some(f) => {
            let _ = f.call1(&wasm_bindgen::JsValue::NULL, host);
        }
        None => {
            let _ = host.remove_attribute(crate::ui::host::WAITING);
        }
    }
}
