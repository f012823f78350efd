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
use state::{Msg, State};
use std::rc::Rc;
use yew::prelude::*;

/// The built-in content, decoded.
fn builtin() -> Result<Bundle, String> {
    crate::engine::builtin_bundle()
        .map_err(|e| format!("the built-in content could not be read ({e})"))
}

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
    /// Read the URL and saved answers at start (off in component tests and prerendering).
    pub restore: bool,
    /// Where this Navigator keeps its answers.
    pub store: browser::Store,
    /// Answers the host page gave (`data-start`, `data-audience`).
    pub preset: crate::engine::journey::Answers,
    /// The page holds this Navigator's start page prerendered (`navigator prerender`): the
    /// first render must be that page exactly, and what was read from the address and
    /// this computer follows at once (`Msg::Begin`).
    pub hydrate: bool,
    /// The element it draws in (told when the app runs: `browser::live`).
    pub host: Option<web_sys::Element>,
}

impl Setup {
    /// The built-in content, nothing read from any page: what the build prerenders, and
    /// what the component tests start from.
    pub fn builtin(today: NaiveDate) -> Result<Setup, String> {
        Ok(Setup::with(builtin()?, today))
    }

    fn with(bundle: Bundle, today: NaiveDate) -> Setup {
        Setup {
            bundle: Rc::new(bundle),
            notices: Vec::new(),
            today,
            standalone: false,
            restore: false,
            store: browser::Store::default(),
            preset: Default::default(),
            hydrate: false,
            host: None,
        }
    }

    /// The built-in bundle with the page's organisation settings, if any, laid over it,
    /// and the host page's options.
    pub fn from_page(standalone: bool, options: &host::Options) -> Result<Setup, String> {
        let mut bundle = builtin()?;
        let today = browser::today();
        let texts = browser::config_blocks(options.config_id());
        let blocks: Vec<&str> = texts.iter().map(String::as_str).collect();
        let settings = org::read_settings(&bundle.organisation, &blocks, today);
        bundle.organisation = settings.organisation;
        let (preset, problems) = crate::engine::preset::preset(
            &bundle,
            options.start.as_deref(),
            options.audience.as_deref(),
        );
        for p in problems {
            web_sys::console::warn_1(&format!("Data Sharing Navigator: {p}.").into());
        }
        let mut setup = Setup::with(bundle, today);
        if !settings.problems.is_empty() {
            setup.notices.push(Notice::BadConfig(
                settings.problems.iter().map(ToString::to_string).collect(),
            ));
        }
        setup.preset = preset;
        setup.standalone = standalone;
        setup.restore = true;
        setup.store = browser::Store::named(options.name.as_deref());
        Ok(setup)
    }

    /// The state to show: read from the address and this computer when `restore`.
    fn opened(&self) -> Flow {
        let mut flow = Flow::new(Rc::clone(&self.bundle), self.today);
        flow.notices = self.notices.clone();
        flow.preset = self.preset.clone();
        if self.restore {
            flow = self.restore(flow);
        }
        flow
    }

    fn initial_state(&self) -> State {
        // Hydrating, the first render is the prerendered page: nothing read yet.
        let flow = if self.hydrate {
            Flow::new(Rc::clone(&self.bundle), self.today)
        } else {
            self.opened()
        };
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
        if self.store.declined() {
            flow.keeping = Keeping::Declined;
        }
        let kept = keep::read(self.store.read_saved(), |raw| self.store.keep_aside(raw));
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

    // Once drawn (effects run in this order): a prerendered page takes what was read
    // from the address and this computer, before anything is written to either; then the
    // loader shows the page and replays what the person did before the app ran.
    {
        let dispatcher = state.dispatcher();
        let setup = Rc::clone(&setup);
        use_effect_with((), move |_| {
            if setup.hydrate {
                dispatcher.dispatch(Msg::Begin(Box::new(setup.opened())));
            }
            if let Some(host) = &setup.host {
                browser::live(host);
            }
        });
    }
    // The address bar and saved state follow the state. Kept answers are written only
    // while keeping is on, and removed only when the person asked (Start again).
    {
        let (standalone, restore) = (setup.standalone, setup.restore);
        let store = setup.store.clone();
        let prerendered = use_mut_ref(|| setup.hydrate);
        let dispatcher = state.dispatcher();
        let erased_seen = use_mut_ref(|| flow.erased);
        let declined_seen = use_mut_ref(|| flow.keeping == Keeping::Declined);
        use_effect_with(
            (flow.location(), flow.keeping.clone(), flow.erased),
            move |(location, keeping, erased)| {
                // Hydrating, the first state is the prerendered page's, not the person's.
                if !restore || std::mem::replace(&mut *prerendered.borrow_mut(), false) {
                    return;
                }
                let mut failed = None;
                if *erased_seen.borrow() != *erased {
                    *erased_seen.borrow_mut() = *erased;
                    failed = store.erase().err();
                }
                // The choice not to keep answers is remembered (it is not an answer).
                let declined = *keeping == Keeping::Declined;
                if *declined_seen.borrow() != declined {
                    *declined_seen.borrow_mut() = declined;
                    failed = failed.or(store.set_declined(declined).err());
                }
                // Written when the answers differ from the saved ones, so that "saved
                // at" is when they last changed.
                let saved = store
                    .read_saved()
                    .ok()
                    .flatten()
                    .and_then(|raw| keep::decode(&raw).ok());
                let changed = saved.is_none_or(|s| s.location.answers != location.answers);
                if *keeping == Keeping::On && !location.answers.is_empty() && changed {
                    let text = keep::encode(location, &browser::now_stamp());
                    failed = failed.or(store.write_saved(&text).err());
                }
                if let Some(why) = failed {
                    dispatcher.dispatch(Msg::Act(Action::StorageFailed(why)));
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
                    dispatcher.dispatch(Msg::Act(Action::Navigate {
                        address: route::parse(&browser::read_hash()),
                        ours: browser::is_ours(),
                    }))
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
        Callback::from(move |_: ()| state.dispatch(Msg::Act(action.clone())))
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(Msg::Act(action)))
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

#[cfg(target_arch = "wasm32")]
pub use mount::mount;

#[cfg(target_arch = "wasm32")]
pub mod mount;

/// The start page as HTML, rendered natively with Yew's server-side rendering, for the
/// build to put in the page (`navigator prerender`; www/build.mjs): it paints before the
/// WebAssembly runs, and the app then hydrates it (`host::PRERENDERED`). Nothing on it
/// depends on the person, the page's settings or the day: those follow at once
/// (`Msg::Begin`).
#[cfg(not(target_arch = "wasm32"))]
pub fn prerender(today: NaiveDate) -> Result<String, String> {
    let setup = Rc::new(Setup::builtin(today)?);
    let renderer = yew::LocalServerRenderer::<App>::with_props(AppProps { setup });
    Ok(futures::executor::block_on(renderer.render()))
}
