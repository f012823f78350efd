//! Starting and stopping Navigators on a page: every place at start ([`mount`]), and the
//! JavaScript calls a host page makes later (README "Embedding"):
//!
//! ```js
//! await DataSharingNavigator.mount(element, { name, start, audience, config });
//! await DataSharingNavigator.unmount(element);
//! ```
//!
//! Each Navigator has its own state and its own place in storage. Whatever the page does
//! (mount one element twice, remove it mid-journey, unmount one it never mounted), the
//! page keeps working and its author is told in the console.

use crate::engine::flow::Notice;
use crate::ui::host::{self, Options, OWN_SHADOW, STANDALONE};
use crate::ui::{App, AppProps, Setup};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{console, Element};

struct Running {
    element: Element,
    handle: yew::AppHandle<App>,
    /// Its storage key: two Navigators with one key would overwrite each other.
    key: String,
}

thread_local! {
    static RUNNING: RefCell<Vec<Running>> = const { RefCell::new(Vec::new()) };
}

const NOT_ELEMENT: &str =
    "Data Sharing Navigator: mount() and unmount() take an element of this page, such as document.querySelector('#my-navigator').";
const NOT_MOUNTED: &str =
    "Data Sharing Navigator: unmount(): there is no Navigator in this element.";
const SAME_NAME: &str = "Data Sharing Navigator: another Navigator on this page keeps its answers under the same name, so both would read and overwrite the same answers. Give each element its own name: data-sharing-navigator=\"a-name\".";

/// Every place on the page (`host::places`), each with its own Navigator. The first one
/// marked standalone owns the address bar.
pub fn mount() {
    let mut standalone_taken = false;
    for el in host::places() {
        let standalone = !standalone_taken && el.has_attribute(STANDALONE);
        standalone_taken |= standalone;
        start(&el, &JsValue::UNDEFINED, standalone);
    }
}

/// `DataSharingNavigator.mount(element, options)`: a Navigator in `element`; `true` if
/// one was drawn.
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(element: JsValue, options: JsValue) -> bool {
    match element.dyn_into::<Element>() {
        Ok(el) => start(&el, &options, false),
        Err(other) => {
            console::error_2(&NOT_ELEMENT.into(), &other);
            false
        }
    }
}

/// `DataSharingNavigator.unmount(element)`: stops the Navigator in `element` and empties
/// it; its answers stay kept on this computer. `true` if there was one.
#[wasm_bindgen(js_name = unmount)]
pub fn unmount_js(element: JsValue) -> bool {
    let el = match element.dyn_into::<Element>() {
        Ok(el) => el,
        Err(other) => {
            console::error_2(&NOT_ELEMENT.into(), &other);
            return false;
        }
    };
    let running = RUNNING.with(|r| {
        let mut r = r.borrow_mut();
        let i = r.iter().position(|x| x.element == el)?;
        Some(r.remove(i))
    });
    let Some(running) = running else {
        console::info_2(&NOT_MOUNTED.into(), &el);
        return false;
    };
    running.handle.destroy();
    if let Some(shadow) = el.shadow_root() {
        while let Some(child) = shadow.first_child() {
            let _ = shadow.remove_child(&child);
        }
    }
    let _ = el.remove_attribute(host::MOUNTED);
    let _ = el.set_attribute(OWN_SHADOW, "");
    true
}

/// The elements with a running Navigator, for the loader's watch on elements removed
/// from the page (it tells the page's author; the Navigator keeps its state, so putting
/// the element back carries on).
#[wasm_bindgen(js_name = mounted)]
pub fn mounted_js() -> js_sys::Array {
    RUNNING.with(|r| {
        r.borrow()
            .iter()
            .map(|x| JsValue::from(&x.element))
            .collect()
    })
}

fn start(el: &Element, given: &JsValue, standalone: bool) -> bool {
    let mounted = RUNNING.with(|r| r.borrow().iter().any(|x| &x.element == el));
    let Some(found) = host::prepare(el, mounted) else {
        return false;
    };
    let options = Options::read(&found.element, given);
    let setup = match Setup::from_page(standalone, &options) {
        Ok(setup) => setup,
        Err(e) => {
            report_failure(&found.root, &e);
            return false;
        }
    };
    // Settings with problems are shown on the page; the page's author is told here too.
    for notice in &setup.notices {
        if let Notice::BadConfig(problems) = notice {
            let text = format!(
                "Data Sharing Navigator: the settings block \"{}\" has problems, so the built-in settings are used for those parts: {}.",
                options.config_id(),
                problems.join("; ")
            );
            console::warn_2(&text.into(), &found.element);
        }
    }
    let key = setup.store.key().to_string();
    if RUNNING.with(|r| r.borrow().iter().any(|x| x.key == key)) {
        console::warn_2(&SAME_NAME.into(), &found.element);
    }
    let setup = Setup {
        hydrate: found.hydrate,
        host: Some(found.element.clone()),
        ..setup
    };
    let props = AppProps {
        setup: Rc::new(setup),
    };
    let renderer = yew::Renderer::<App>::with_root_and_props(found.root.clone(), props);
    let handle = if found.hydrate {
        renderer.hydrate()
    } else {
        renderer.render()
    };
    RUNNING.with(|r| {
        r.borrow_mut().push(Running {
            element: found.element,
            handle,
            key,
        })
    });
    true
}

/// A plain message where the app would be: never a blank page.
fn report_failure(el: &Element, why: &str) {
    el.set_text_content(Some(&format!(
        "The Data Sharing Navigator could not start: {why}. Please reload the page; if that does not help, tell the team that runs this page."
    )));
}
