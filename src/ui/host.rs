//! Where on the page each Navigator draws: its host element and its shadow root.
//!
//! A page marks each place with the attribute `data-sharing-navigator` (several on one
//! page, each its own Navigator), or the one place with `id="data-sharing-navigator"`
//! (the earlier way, still read). A page may get that wrong (the id twice, on an `<img>`,
//! on an element that already has another script's shadow root), load the Navigator's
//! script twice, or mount one element twice. Whatever the page does, each place gets
//! exactly one Navigator, somewhere visible, and the page's author is told in the
//! console what was wrong; the loading messages ([`LOADING`]) go as soon as it draws.

use crate::ui::browser::{CONFIG_ID, HOST_ID};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{console, Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The attribute that marks an element for a Navigator; its value (optional) names it.
pub const MARK: &str = "data-sharing-navigator";
/// Set on each element a Navigator is drawn in.
pub const MOUNTED: &str = "data-dsn-mounted";
/// On a `<div>` the Navigator made itself because no element with the id could hold it.
pub const MADE: &str = "data-dsn-host";
/// The loading and could-not-start messages (www/build.mjs): removed once drawn.
pub const LOADING: &str = "[data-dsn-loading]";
/// On the host element when the Navigator has the page to itself (its own index.html).
pub const STANDALONE: &str = "data-dsn-standalone";
/// On a host whose (declarative) shadow root holds the build's prerendered start page.
pub const PRERENDERED: &str = "data-dsn-prerendered";
/// On a prerendered host the loader holds back while the app reads a link or kept answers.
pub const WAITING: &str = "data-dsn-waiting";
/// On a host whose shadow root the Navigator attached: reused after an unmount.
pub const OWN_SHADOW: &str = "data-dsn-shadow";
/// The class of the element the app is rendered in, inside the shadow root.
pub const ROOT_CLASS: &str = "dsn-app";

// The console messages for the page's author, with the element concerned as a second
// argument the console can show.
const ALREADY: &str = "Data Sharing Navigator: this element has a Navigator already, so nothing more was drawn in it.";
const CANNOT_HOLD: &str = "Data Sharing Navigator: cannot draw in this element (not a container like <div>, or it has a shadow root already). Use an empty <div>.";
const MADE_HERE: &str = "Data Sharing Navigator: drawn in this new <div data-dsn-host> instead.";
const SEVERAL: &str = "Data Sharing Navigator: several elements have id=\"data-sharing-navigator\"; drawn in this one, the others stay empty. Keep one, or mark each place with the data-sharing-navigator attribute.";

/// What a host page chose for one Navigator: by data attributes on its element, or by
/// the options of `DataSharingNavigator.mount(element, options)`. Values are checked
/// here for their form only; the engine checks `start` and `audience` against the
/// content ([`crate::engine::preset`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    /// The `data-sharing-navigator` value: names its storage (see `browser::Store`).
    pub name: Option<String>,
    /// `data-start`: the id of the route to start at.
    pub start: Option<String>,
    /// `data-audience`: `staff` or `external`.
    pub audience: Option<String>,
    /// `data-config`: the id of its settings block, in place of `navigator-config`.
    pub config: Option<String>,
}

impl Options {
    /// The element's data attributes, each overridden by the same field of `given` (a
    /// JS object: `{ name, start, audience, config }`), if it is one.
    pub fn read(el: &Element, given: &JsValue) -> Options {
        let pick = |attr: &str, field: &str| {
            let from_js = given
                .is_object()
                .then(|| js_sys::Reflect::get(given, &field.into()).ok())
                .flatten()
                .filter(|v| !v.is_undefined() && !v.is_null());
            let raw = match from_js {
                Some(v) => match v.as_string() {
                    Some(s) => Some(s),
                    None => {
                        warn(&format!("Data Sharing Navigator: the option \"{field}\" must be a string; it was ignored."));
                        None
                    }
                },
                None => el.get_attribute(attr),
            };
            raw.map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .and_then(|s| plain(&s, attr))
        };
        Options {
            name: pick(MARK, "name"),
            start: pick("data-start", "start"),
            audience: pick("data-audience", "audience"),
            config: pick("data-config", "config"),
        }
    }

    /// The settings block's id.
    pub fn config_id(&self) -> &str {
        self.config.as_deref().unwrap_or(CONFIG_ID)
    }
}

/// `value` if it is a plain name (letters, digits, `-`, `_`, `.`, `:`; at most 64), else
/// `None`, and the page's author is told.
fn plain(value: &str, attr: &str) -> Option<String> {
    let ok = value.len() <= 64
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
    if !ok {
        warn(&format!("Data Sharing Navigator: {attr} must be a plain name (letters, digits, - _ . :, at most 64 characters); it was ignored."));
    }
    ok.then(|| value.to_string())
}

fn warn(text: &str) {
    console::warn_1(&text.into());
}

/// The element a Navigator draws in, its shadow root, and the element inside it that
/// the app renders in: the prerendered one (`hydrate`) or a new one.
pub struct Host {
    pub element: Element,
    pub shadow: ShadowRoot,
    pub root: Element,
    pub hydrate: bool,
}

/// Every place on the page for a Navigator, in document order: the first element with
/// the id that can hold one (or a `<div>` made for it), then each element with the
/// attribute. With neither on the page, one `<div>` at the end of `<body>`.
pub fn places() -> Vec<Element> {
    let document = gloo::utils::document();
    let marked = all(&document, &format!("[{MARK}]"));
    let with_id = all(&document, "[id=\"data-sharing-navigator\"]");
    let mut places = Vec::new();
    if !with_id.is_empty() || marked.is_empty() {
        let mut held = None;
        for el in &with_id {
            if claim(el) {
                held = Some(el.clone());
                break;
            }
            console::warn_2(&CANNOT_HOLD.into(), el);
        }
        if let (Some(el), true) = (&held, with_id.len() > 1) {
            console::warn_2(&SEVERAL.into(), el);
        }
        let held = held.or_else(|| {
            let div = made(&document, with_id.first())?;
            if !with_id.is_empty() {
                console::warn_2(&MADE_HERE.into(), &div);
            }
            Some(div)
        });
        places.extend(held);
    }
    for el in marked {
        if !places.contains(&el) {
            places.push(el);
        }
    }
    places
}

/// Prepares `el` to draw in: `None` (and the author told) if it has a Navigator
/// already. An element that cannot hold one gets a `<div>` of the Navigator's own after it.
pub fn prepare(el: &Element, mounted: bool) -> Option<Host> {
    if mounted {
        console::info_2(&ALREADY.into(), el);
        return None;
    }
    let document = gloo::utils::document();
    let el = if claim(el) {
        el.clone()
    } else {
        console::warn_2(&CANNOT_HOLD.into(), el);
        let div = made(&document, Some(el))?;
        console::warn_2(&MADE_HERE.into(), &div);
        claim(&div).then_some(div)?
    };
    let shadow = el.shadow_root()?;
    // Held back by the loader (a link or kept answers to read: another page comes first),
    // the prerendered start page is not hydrated but drawn anew as the page to show: a
    // hydrated start page would be shown for a frame between the loader letting the host
    // go (`browser::live`, in the first render's effect) and the render of that page.
    let prerendered = el.has_attribute(PRERENDERED) && !el.has_attribute(WAITING);
    let _ = el.remove_attribute(PRERENDERED);
    // A child of the shadow root itself. (Not `:scope > .dsn-app`: in a ShadowRoot's
    // querySelector, `:scope` matches no element, so that never finds it.)
    let root = shadow
        .query_selector(&format!(".{ROOT_CLASS}"))
        .ok()
        .flatten()
        .filter(|r| {
            r.parent_node()
                .is_some_and(|p| p.is_same_node(Some(shadow.as_ref())))
        })
        .filter(|_| prerendered);
    let host = match root {
        // The build's prerendered start page, hydrated in place.
        Some(root) => Host {
            element: el.clone(),
            shadow,
            root,
            hydrate: true,
        },
        None => fresh(&document, &el, shadow)?,
    };
    let _ = host.element.set_attribute(MOUNTED, "");
    // The loading (or could-not-start) messages in this element, and those the loader
    // put elsewhere on the page.
    for el in all(&document, LOADING) {
        el.remove();
    }
    Some(host)
}

/// Whether `el` has (or now has) a shadow root the Navigator may draw in: the build's
/// prerendered one, its own left by an unmount, or a new one. Not another script's, and
/// not on an element that cannot have one (`<img>`, `<table>`…).
fn claim(el: &Element) -> bool {
    if el.shadow_root().is_some() {
        return el.has_attribute(PRERENDERED) || el.has_attribute(OWN_SHADOW);
    }
    let ok = el
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .is_ok();
    if ok {
        let _ = el.set_attribute(OWN_SHADOW, "");
    }
    ok
}

/// An empty shadow root made ready: the Navigator's styles and a new element to render in.
fn fresh(document: &Document, el: &Element, shadow: ShadowRoot) -> Option<Host> {
    while let Some(child) = shadow.first_child() {
        let _ = shadow.remove_child(&child);
    }
    crate::ui::browser::adopt_styles(document, &shadow);
    let root = document.create_element("div").ok()?;
    root.set_class_name(ROOT_CLASS);
    shadow.append_child(&root).ok()?;
    Some(Host {
        element: el.clone(),
        shadow,
        root,
        hydrate: false,
    })
}

/// The elements matching `selector`, in document order.
fn all(document: &Document, selector: &str) -> Vec<Element> {
    let Ok(list) = document.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|n| n.unchecked_into())
        .collect()
}

/// A `<div>` of the Navigator's own: just after `after` (the first element with the id,
/// which cannot hold it), else at the end of the body. With no such element it gets the
/// id itself; otherwise a mark of its own, and the first element's "standalone" mark.
fn made(document: &Document, after: Option<&Element>) -> Option<Element> {
    let div = document.create_element("div").ok()?;
    match after {
        Some(el) => {
            div.set_attribute(MADE, "").ok()?;
            if el.has_attribute(STANDALONE) {
                let _ = div.set_attribute(STANDALONE, "");
            }
            el.insert_adjacent_element("afterend", &div).ok()?;
        }
        None => {
            div.set_id(HOST_ID);
            document.body()?.append_child(&div).ok()?;
        }
    }
    Some(div)
}
