//! Where on the page the Navigator draws: the host element and its shadow root.
//!
//! The page marks the place with `id="data-sharing-navigator"`. A page may get that
//! wrong (the id twice, on an `<img>`, on an element that already has a shadow root of
//! another script's), or load the Navigator's script twice. Whatever the page does, the
//! Navigator draws exactly once, somewhere visible, and tells the page's author in the
//! console what was wrong; the loading messages ([`LOADING`]) go as soon as it draws.

use crate::ui::browser::HOST_ID;
use wasm_bindgen::JsCast;
use web_sys::{console, Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// Set on the element the Navigator has drawn in: the page-wide marker of "one Navigator
/// per page". (The loader has the same rule for a second copy of the script, to skip
/// loading the WebAssembly twice; a future version with several instances changes both.)
pub const MOUNTED: &str = "data-dsn-mounted";
/// On a `<div>` the Navigator made itself because no element with the id could hold it.
pub const MADE: &str = "data-dsn-host";
/// The loading and could-not-start messages (www/build.mjs): removed once drawn.
pub const LOADING: &str = "[data-dsn-loading]";
/// On the host element when the Navigator has the page to itself (its own index.html).
pub const STANDALONE: &str = "data-dsn-standalone";

// The console messages for the page's author: fixed text (no formatting code in the
// wasm), with the element concerned as a second argument the console can show.
const ALREADY: &str = "Data Sharing Navigator: already on this page, so this copy draws nothing. Load its script once.";
const CANNOT_HOLD: &str = "Data Sharing Navigator: cannot draw in this element with id=\"data-sharing-navigator\" (not a container like <div>, or it has a shadow root already). Use an empty <div> with that id.";
const MADE_HERE: &str = "Data Sharing Navigator: drawn in this new <div data-dsn-host> instead.";
const SEVERAL: &str = "Data Sharing Navigator: several elements have id=\"data-sharing-navigator\"; drawn in this one, the others stay empty. Keep one.";

/// The element the Navigator draws in, with its new shadow root.
pub struct Host {
    pub element: Element,
    pub shadow: ShadowRoot,
}

/// Finds (or makes) the host and attaches the shadow root; `None` if a Navigator is
/// already on the page, or (never expected) no element at all can take a shadow root.
pub fn find() -> Option<Host> {
    let document = gloo::utils::document();
    if let Ok(Some(el)) = document.query_selector("[data-dsn-mounted]") {
        console::info_2(&ALREADY.into(), &el);
        return None;
    }
    // Every element with the id, in document order (`getElementById` finds the first).
    let candidates = all(&document, "[id=\"data-sharing-navigator\"]");
    let mut host = None;
    for el in &candidates {
        match attach(el) {
            Some(shadow) => {
                if candidates.len() > 1 {
                    console::warn_2(&SEVERAL.into(), el);
                }
                host = Some(Host {
                    element: el.clone(),
                    shadow,
                });
                break;
            }
            None => console::warn_2(&CANNOT_HOLD.into(), el),
        }
    }
    let host = match host {
        Some(host) => host,
        None => {
            let host = made(&document, candidates.first())?;
            if !candidates.is_empty() {
                console::warn_2(&MADE_HERE.into(), &host.element);
            }
            host
        }
    };
    let _ = host.element.set_attribute(MOUNTED, "");
    // The loading (or could-not-start) messages, wherever they are: in the host (hidden
    // by the shadow root anyway), in other elements with the id, or where the loader
    // put them.
    for el in all(&document, LOADING) {
        el.remove();
    }
    Some(host)
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

/// A new open shadow root on `el`, unless it has one already (another script's: the
/// Navigator's own is marked [`MOUNTED`]) or cannot have one (not a container, or a
/// closed shadow root).
fn attach(el: &Element) -> Option<ShadowRoot> {
    if el.shadow_root().is_some() {
        return None;
    }
    el.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .ok()
}

/// A `<div>` of the Navigator's own: just after `after` (the first element with the id,
/// which cannot hold it), else at the end of the body. With no such
/// element it gets the id itself; otherwise a mark of its own, and the first element's
/// "standalone" mark, if any.
fn made(document: &Document, after: Option<&Element>) -> Option<Host> {
    let div = document.create_element("div").ok()?;
    match after {
        Some(_) => div.set_attribute(MADE, "").ok()?,
        // None on the page: one at the end, as if the page had it.
        None => div.set_id(HOST_ID),
    }
    match after {
        Some(el) => {
            if el.has_attribute(STANDALONE) {
                let _ = div.set_attribute(STANDALONE, "");
            }
            el.insert_adjacent_element("afterend", &div).ok()?;
        }
        None => {
            document.body()?.append_child(&div).ok()?;
        }
    }
    attach(&div).map(|shadow| Host {
        element: div,
        shadow,
    })
}
