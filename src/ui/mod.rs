//! The thin UI: Yew function components that render what the engine decides and send
//! it [`Action`]s. No policy here: routing, checklists, contacts and dates all come
//! from the engine and the content.

pub mod browser;
pub mod host;
pub mod pages;
pub mod state;

use crate::engine::flow::{Action, Flow, Keeping, Notice, Page};
use crate::engine::keep;
use crate::engine::model::Bundle;
use crate::engine::org;
use crate::engine::route;
use chrono::NaiveDate;
use gloo::events::EventListener;
use state::State;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The Navigator's own styles, scoped inside its shadow root.
pub const CSS: &str = include_str!("../../www/navigator.css");

/// What the page gives the app when it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    pub bundle: Rc<Bundle>,
    /// Problems with the page's configuration, shown as a notice.
    pub notices: Vec<Notice>,
    pub today: NaiveDate,
    /// The Navigator owns the page (its own index.html): it may use the address bar
    /// and the title. Embedded in another page, it leaves both alone.
    pub standalone: bool,
    /// Read the URL and saved answers at start (off in component tests).
    pub restore: bool,
}

impl Setup {
    /// The built-in bundle with the page's organisation settings, if any, laid over it.
    pub fn from_page(standalone: bool) -> Result<Setup, String> {
        let mut bundle: Bundle = crate::engine::builtin_bundle()
            .map_err(|e| format!("the built-in content could not be read ({e})"))?;
        let mut notices = Vec::new();
        let texts = browser::config_blocks();
        let blocks: Vec<&str> = texts.iter().map(String::as_str).collect();
        let today = browser::today();
        let settings = org::read_settings(&bundle.organisation, &blocks, today);
        bundle.organisation = settings.organisation;
        if !settings.problems.is_empty() {
            notices.push(Notice::BadConfig(
                settings.problems.iter().map(ToString::to_string).collect(),
            ));
        }
        Ok(Setup {
            bundle: Rc::new(bundle),
            notices,
            today,
            standalone,
            restore: true,
        })
    }

    fn initial_state(&self) -> State {
        let mut flow = Flow::new(Rc::clone(&self.bundle), self.today);
        flow.notices = self.notices.clone();
        if self.restore {
            flow = self.restore(flow);
        }
        State {
            flow,
            today: self.today,
        }
    }

    /// The address and what this computer kept, read once; the engine decides what to
    /// show (`Flow::open`). Saved state that cannot be read is copied aside first, and
    /// the engine is told whether that worked.
    fn restore(&self, mut flow: Flow) -> Flow {
        let hash = browser::read_hash();
        // Embedded, only a share link (the written form, `#/v2/…`) is the Navigator's:
        // any other fragment belongs to the host page.
        let address = if self.standalone || route::is_share(&hash) {
            route::parse(&hash)
        } else {
            Ok(None)
        };
        if browser::declined() {
            flow.keeping = Keeping::Declined;
        }
        let kept = keep::read(browser::read_saved(), browser::keep_aside);
        // A history entry the Navigator wrote (the page reloaded, a tab restored) names a
        // page only: opened as Back and Forward are, over what was kept, saying nothing
        // if the answers no longer lead there (with keeping off, none were kept).
        if self.standalone && browser::is_ours() {
            return flow.open(Ok(None), kept).apply(Action::Navigate {
                address,
                ours: true,
            });
        }
        flow.open(address, kept)
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub setup: Rc<Setup>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let setup = Rc::clone(&props.setup);
    let state = use_reducer({
        let setup = Rc::clone(&setup);
        move || setup.initial_state()
    });
    let root = use_node_ref();
    let flow = &state.flow;
    // The one view of the state, built once for this render: every page reads it.
    let journey = flow.journey();

    // The address bar and saved state follow the state. Kept answers are written only
    // while keeping is on, and removed only when the person asked (Start again).
    {
        let (standalone, restore) = (setup.standalone, setup.restore);
        let dispatcher = state.dispatcher();
        let erased_seen = use_mut_ref(|| flow.erased);
        let declined_seen = use_mut_ref(|| flow.keeping == Keeping::Declined);
        use_effect_with(
            (flow.location(), flow.keeping.clone(), flow.erased),
            move |(location, keeping, erased)| {
                if !restore {
                    return;
                }
                let mut failed = None;
                if *erased_seen.borrow() != *erased {
                    *erased_seen.borrow_mut() = *erased;
                    failed = browser::erase().err();
                }
                // The choice not to keep answers is remembered (it is not an answer).
                let declined = *keeping == Keeping::Declined;
                if *declined_seen.borrow() != declined {
                    *declined_seen.borrow_mut() = declined;
                    failed = failed.or(browser::set_declined(declined).err());
                }
                // Written when the answers differ from the saved ones, so that "saved
                // at" is when they last changed.
                let saved = browser::read_saved()
                    .ok()
                    .flatten()
                    .and_then(|raw| keep::decode(&raw).ok());
                let changed = saved.is_none_or(|s| s.location.answers != location.answers);
                if *keeping == Keeping::On && !location.answers.is_empty() && changed {
                    let text = keep::encode(location, &browser::now_stamp());
                    failed = failed.or(browser::write_saved(&text).err());
                }
                if let Some(why) = failed {
                    dispatcher.dispatch(Action::StorageFailed(why));
                }
                if standalone {
                    browser::write_hash(&route::address(&location.page));
                }
            },
        );
    }
    // The browser's Back and Forward buttons, and links pasted into the same tab.
    {
        let dispatcher = state.dispatcher();
        let listen = setup.standalone && setup.restore;
        use_effect_with((), move |_| {
            let listener = listen.then(|| {
                EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                    dispatcher.dispatch(Action::Navigate {
                        address: route::parse(&browser::read_hash()),
                        ours: browser::is_ours(),
                    })
                })
            });
            move || drop(listener)
        });
    }
    // Focus moves to the new page's heading (or the error summary) on every step, but
    // not when the Navigator first appears: a host page keeps its own focus and scroll.
    {
        let root = root.clone();
        let missing = flow.error.is_some();
        let standalone = setup.standalone;
        let title = pages::title(flow, journey.as_ref());
        let first = use_mut_ref(|| true);
        use_effect_with(flow.turn, move |_| {
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            if let Some(el) = root.cast::<web_sys::Element>().filter(|_| !first) {
                let target = if missing {
                    ".dsn-error-summary"
                } else {
                    "#dsn-heading"
                };
                browser::focus_within(&el, target);
            }
            if standalone {
                browser::set_title(&title);
            }
        });
    }

    let send = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(action.clone()))
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let page = match (&flow.page, &journey) {
        (Page::Start, _) => pages::start_page(flow, &dispatch),
        (Page::Record, _) => match &flow.record {
            Some(opened) => pages::record_page(opened, flow, &dispatch),
            None => pages::start_page(flow, &dispatch),
        },
        (Page::Question(id), _) => match flow.bundle.question(id) {
            Some(q) => pages::question_page(q, flow, &dispatch),
            None => html! { <pages::ProblemPage on_restart={send(Action::Restart)} /> },
        },
        (Page::Tasks, Some(j)) => pages::tasks_page(j, flow, &dispatch),
        (Page::Check, Some(j)) => pages::check_page(j, flow, &dispatch),
        (Page::Outcome, Some(j)) => pages::outcome_page(j, flow, state.today, &dispatch),
        _ => html! { <pages::ProblemPage on_restart={send(Action::Restart)} /> },
    };
    html! {
        <div class="dsn" ref={root} lang="en-GB">
            <header class="dsn-header">
                {pages::home_link(&dispatch)}
                <span class="dsn-header__org">{flow.bundle.organisation.name.clone()}</span>
            </header>
            <div class="dsn-main" data-page={flow.page.id()} data-keeping={flow.keeping.id()}>
                if let Some(done) = &flow.done {
                    {pages::banner(done)}
                }
                <pages::Notices notices={flow.notices.clone()} dispatch={dispatch.clone()} />
                if let Keeping::Asking { at, .. } = &flow.keeping {
                    {pages::keep_or_use(at.as_deref(), &dispatch)}
                }
                {page}
                if !matches!(flow.page, Page::Start | Page::Outcome) && !flow.answers.is_empty() {
                    {pages::start_again(&dispatch)}
                }
            </div>
            <div role="status" class="dsn-visually-hidden">{pages::announcement(flow, journey.as_ref())}</div>
        </div>
    }
}

/// Where the Back link points, as a real link (it works in a new tab too).
/// Mounts the Navigator into `#data-sharing-navigator` (see [`host`] for a page that gets
/// it wrong), inside a shadow root so that the host page's styles and the Navigator's
/// never meet. Draws nothing if a Navigator is already on the page.
pub fn mount() {
    let Some(host::Host {
        element: host,
        shadow,
    }) = host::find()
    else {
        return;
    };
    let document = gloo::utils::document();
    let standalone = host.has_attribute(host::STANDALONE);
    let style = document.create_element("style").expect("a style element");
    style.set_text_content(Some(CSS));
    let root = document.create_element("div").expect("a div");
    let _ = shadow.append_child(&style);
    let _ = shadow.append_child(&root);
    match Setup::from_page(standalone) {
        Ok(setup) => {
            yew::Renderer::<App>::with_root_and_props(
                root,
                AppProps {
                    setup: Rc::new(setup),
                },
            )
            .render();
        }
        Err(e) => report_failure(&root, &e),
    }
}

/// A plain message where the app would be: never a blank page.
fn report_failure(el: &web_sys::Element, why: &str) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        el.set_inner_text(&format!(
            "The Data Sharing Navigator could not start: {why}. Please reload the page; if that does not help, tell the team that runs this page."
        ));
    }
}
