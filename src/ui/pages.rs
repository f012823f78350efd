//! The pages, following the GOV.UK / NHS.UK patterns: start page, one question per page,
//! check your answers, the outcome, and the error summary and notices. They render what
//! they are given and emit actions; they decide nothing.

use crate::engine::echo::echo;
use crate::engine::flow::{Action, Flow, Keeping, Notice, Page, Source};
use crate::engine::href::Href;
use crate::engine::model::{Bundle, Question};
use crate::engine::report::{long_date, report};
use crate::engine::route::Location;
use crate::engine::walk::{walk, Answers};
use chrono::NaiveDate;
use std::rc::Rc;
use yew::prelude::*;

use super::browser;

const APP: &str = "Data Sharing Navigator";

/// The document title for the page shown (standalone only).
pub fn title(flow: &Flow) -> String {
    let page = match &flow.page {
        Page::Start => return APP.to_string(),
        Page::Question(q) => flow
            .bundle
            .question(q)
            .map(|q| q.text.clone())
            .unwrap_or_default(),
        Page::Check => "Check your answers".into(),
        Page::Outcome => outcome_title(flow).unwrap_or_default(),
    };
    let error = if flow.missing { "Error: " } else { "" };
    format!("{error}{page} – {APP}")
}

/// What the page's live region says: the route, once the outcome is shown. The region
/// is always on the page, so the change is announced.
pub fn announcement(flow: &Flow) -> String {
    match flow.page {
        Page::Outcome => outcome_title(flow)
            .map(|t| format!("Your route: {t}"))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn outcome_title(flow: &Flow) -> Option<String> {
    walk(&flow.bundle, &flow.answers)?
        .outcome()
        .map(|o| o.title.clone())
}

/// A link that works as a link (new tab, copy address) and, clicked, sends an action.
/// A link. Its target is an [`Href`], so only what passed the gate in `engine::href`
/// can become an `href`: this function and [`ActionLink`] are the only places in the UI
/// that write the attribute (tests/invariants.rs holds that). `external`: opens another
/// site, with `rel="noopener noreferrer"`.
fn link(
    href: &Href,
    class: Classes,
    external: bool,
    download: Option<&'static str>,
    onclick: Option<Callback<MouseEvent>>,
    children: Html,
) -> Html {
    let rel = external.then_some("noopener noreferrer");
    html! {
        <a {class} href={href.to_string()} {rel} {download} {onclick}>{children}</a>
    }
}

#[derive(Properties, PartialEq)]
struct ActionLinkProps {
    href: Href,
    action: Action,
    dispatch: Callback<Action>,
    #[prop_or_default]
    class: Classes,
    children: Html,
}

#[function_component(ActionLink)]
fn action_link(p: &ActionLinkProps) -> Html {
    let onclick = {
        let (dispatch, action) = (p.dispatch.clone(), p.action.clone());
        Callback::from(move |e: MouseEvent| {
            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                return; // let the browser open it elsewhere
            }
            e.prevent_default();
            dispatch.emit(action.clone());
        })
    };
    html! { <a class={p.class.clone()} href={p.href.to_string()} {onclick}>{p.children.clone()}</a> }
}

#[derive(Properties, PartialEq)]
pub struct StartProps {
    pub organisation: String,
    pub has_answers: bool,
    pub keeping: Keeping,
    pub on_start: Callback<()>,
    pub on_restart: Callback<()>,
}

#[function_component(StartPage)]
pub fn start_page(p: &StartProps) -> Html {
    let start = p.on_start.reform(|_: MouseEvent| ());
    let restart = p.on_restart.reform(|_: MouseEvent| ());
    html! {
        <>
            <h1 class="dsn-h1" id="dsn-heading" tabindex="-1">{"Find out how to use or share health and care data"}</h1>
            <p class="dsn-body dsn-lead">{format!(
                "Answer a few questions about what you want to do with personal data held by {}. You will get:",
                p.organisation
            )}</p>
            <ul class="dsn-list dsn-list--bullet">
                <li>{"the route that applies, and why"}</li>
                <li>{"a checklist of what to prepare, with where each item comes from"}</li>
                <li>{"who to contact next"}</li>
                <li>{"the dates that follow, such as committee deadlines"}</li>
            </ul>
            <p class="dsn-body">{"It takes about 5 minutes."}</p>
            <p class="dsn-body">{"The result is guidance from the Trust's policies, not an approval: the contacts it gives you make the decisions."}</p>
            <div class="dsn-inset">
                <p class="dsn-body">{"This tool runs entirely in your browser. Nothing you enter leaves this computer. "}
                    if let Keeping::Off(why) = &p.keeping {
                        {format!("Your answers are not being kept on this computer ({why}): they stay only while this page is open.")}
                    } else {
                        {"Your answers are kept in this browser so you can come back to them; "}<strong>{"Start again"}</strong>{" clears them."}
                    }
                </p>
            </div>
            if p.has_answers {
                <div class="dsn-button-group">
                    <button type="button" class="dsn-button" onclick={start}>{"Continue where you left off"}</button>
                    <button type="button" class="dsn-button dsn-button--secondary" onclick={restart}>{"Start again"}</button>
                </div>
            } else {
                <button type="button" class="dsn-button dsn-button--start" onclick={start}>
                    {"Start now"}
                    <svg class="dsn-button__arrow" aria-hidden="true" focusable="false" width="17.5" height="19" viewBox="0 0 33 40"><path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" /></svg>
                </button>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub question: Question,
    pub draft: Option<String>,
    pub missing: bool,
    pub back_href: Href,
    pub dispatch: Callback<Action>,
}

#[function_component(QuestionPage)]
pub fn question_page(p: &QuestionProps) -> Html {
    let q = &p.question;
    let onsubmit = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.emit(Action::Continue);
        })
    };
    let first = q
        .options
        .first()
        .map(|o| format!("dsn-opt-{}", o.id))
        .unwrap_or_default();
    let focus_first = {
        let first = first.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            // The summary's link moves focus to the first radio, as a fragment link would.
            if let Some(target) = e.target_dyn_into::<web_sys::Element>() {
                if let Some(root) = target.closest(".dsn").ok().flatten() {
                    browser::focus_within(&root, &format!("#{first}"));
                }
            }
        })
    };
    let mut described = Vec::new();
    if !q.hint.is_empty() {
        described.push("dsn-hint");
    }
    if p.missing {
        described.push("dsn-error");
    }
    html! {
        <>
            <ActionLink class="dsn-back" href={p.back_href.clone()} action={Action::Back} dispatch={p.dispatch.clone()}>{"Back"}</ActionLink>
            if p.missing {
                <div class="dsn-error-summary" role="alert" tabindex="-1" aria-labelledby="dsn-error-title">
                    <h2 class="dsn-error-summary__title" id="dsn-error-title">{"There is a problem"}</h2>
                    <ul class="dsn-list dsn-error-summary__list">
                        <li>{link(&Href::anchor(&first), classes!(), false, None, Some(focus_first), html! {q.error.clone()})}</li>
                    </ul>
                </div>
            }
            <form class="dsn-form" {onsubmit} novalidate=true>
                <div class={classes!("dsn-form-group", p.missing.then_some("dsn-form-group--error"))}>
                    <fieldset class="dsn-fieldset" aria-describedby={(!described.is_empty()).then(|| described.join(" "))}>
                        <legend class="dsn-legend">
                            <h1 class="dsn-h1" id="dsn-heading" tabindex="-1">{q.text.clone()}</h1>
                        </legend>
                        if !q.hint.is_empty() {
                            <div id="dsn-hint" class="dsn-hint">{q.hint.clone()}</div>
                        }
                        if p.missing {
                            <p id="dsn-error" class="dsn-error-message">
                                <span class="dsn-visually-hidden">{"Error: "}</span>{q.error.clone()}
                            </p>
                        }
                        <div class="dsn-radios">
                            { for q.options.iter().map(|o| {
                                let id = format!("dsn-opt-{}", o.id);
                                let hint_id = format!("{id}-hint");
                                let onchange = {
                                    let (dispatch, value) = (p.dispatch.clone(), o.id.clone());
                                    Callback::from(move |_: Event| dispatch.emit(Action::Select(value.clone())))
                                };
                                html! {
                                    <div class="dsn-radio">
                                        <input class="dsn-radio__input" type="radio" id={id.clone()}
                                            name={q.id.clone()} value={o.id.clone()}
                                            checked={p.draft.as_deref() == Some(o.id.as_str())}
                                            aria-describedby={(!o.hint.is_empty()).then(|| hint_id.clone())}
                                            {onchange} />
                                        <label class="dsn-radio__label" for={id}>{o.label.clone()}</label>
                                        if !o.hint.is_empty() {
                                            <div id={hint_id} class="dsn-hint dsn-radio__hint">{o.hint.clone()}</div>
                                        }
                                    </div>
                                }
                            }) }
                        </div>
                    </fieldset>
                </div>
                <button type="submit" class="dsn-button">{"Continue"}</button>
            </form>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckProps {
    pub bundle: Rc<Bundle>,
    pub answers: Answers,
    pub back_href: Href,
    pub dispatch: Callback<Action>,
}

#[function_component(CheckPage)]
pub fn check_page(p: &CheckProps) -> Html {
    let Some(w) = walk(&p.bundle, &p.answers) else {
        return html! {};
    };
    let confirm = p.dispatch.reform(|_: MouseEvent| Action::Confirm);
    html! {
        <>
            <ActionLink class="dsn-back" href={p.back_href.clone()} action={Action::Back} dispatch={p.dispatch.clone()}>{"Back"}</ActionLink>
            <h1 class="dsn-h1" id="dsn-heading" tabindex="-1">{"Check your answers"}</h1>
            <dl class="dsn-summary">
                { for w.path.iter().map(|(q, o)| {
                    let href = Location { page: Page::Question(q.id.clone()), answers: p.answers.clone() }.href();
                    html! {
                        <div class="dsn-summary__row" data-question={q.id.clone()}>
                            <dt class="dsn-summary__key">{q.short.clone()}</dt>
                            <dd class="dsn-summary__value">{o.label.clone()}</dd>
                            <dd class="dsn-summary__actions">
                                <ActionLink href={href} action={Action::Change(q.id.clone())} dispatch={p.dispatch.clone()}>
                                    {"Change"}<span class="dsn-visually-hidden">{format!(" {}", q.short)}</span>
                                </ActionLink>
                            </dd>
                        </div>
                    }
                }) }
            </dl>
            <button type="button" class="dsn-button" onclick={confirm}>{"Continue"}</button>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct OutcomeProps {
    pub bundle: Rc<Bundle>,
    pub answers: Answers,
    pub today: NaiveDate,
    pub dispatch: Callback<Action>,
}

#[function_component(OutcomePage)]
pub fn outcome_page(p: &OutcomeProps) -> Html {
    let Some(w) = walk(&p.bundle, &p.answers) else {
        return html! {};
    };
    let Some(r) = report(&p.bundle, &w, &p.answers, p.today) else {
        return html! {};
    };
    let restart = p.dispatch.reform(|_: MouseEvent| Action::Restart);
    let print = Callback::from(|_: MouseEvent| browser::print());
    let back = Location {
        page: Page::Check,
        answers: p.answers.clone(),
    }
    .href();
    html! {
        <section class="dsn-outcome" data-outcome={r.outcome.id.clone()}>
            <ActionLink class="dsn-back dsn-no-print" href={back} action={Action::Back} dispatch={p.dispatch.clone()}>{"Back to your answers"}</ActionLink>
            <div class="dsn-panel">
                <p class="dsn-panel__caption">{"Your route"}</p>
                <h1 class="dsn-h1 dsn-panel__title" id="dsn-heading" tabindex="-1">{r.outcome.title.clone()}</h1>
            </div>
            <p class="dsn-body dsn-lead">{r.outcome.summary.clone()}</p>
            if !r.reasons.is_empty() {
                <h2 class="dsn-h2">{"Why"}</h2>
                <ul class="dsn-list dsn-list--bullet dsn-reasons">
                    { for r.reasons.iter().map(|reason| html! {
                        <li><strong>{format!("{}: {}. ", reason.question, reason.answer)}</strong>{reason.because}</li>
                    }) }
                </ul>
            }
            <h2 class="dsn-h2">{"What to prepare"}</h2>
            <ol class="dsn-checklist">
                { for r.checklist.iter().map(|i| html! {
                    <li class="dsn-checklist__item" data-item={i.item.id.clone()}>
                        <span class="dsn-checklist__text">{i.item.text.clone()}</span>
                        if let Some((name, url)) = &i.template {
                            <span class="dsn-checklist__template">
                                if let Some(url) = url {
                                    {"Template: "}{link(url, classes!(), true, None, None, html! {*name})}
                                } else {
                                    {format!("Template: {name} (ask the contacts below for it)")}
                                }
                            </span>
                        }
                        <span class="dsn-checklist__source">{format!("Source: {}", i.item.source)}</span>
                    </li>
                }) }
            </ol>
            <h2 class="dsn-h2">{"Who to contact"}</h2>
            <div class="dsn-contacts">
                { for r.contacts.iter().map(|c| html! {
                    <div class="dsn-contact" data-contact={c.role.to_string()}>
                        <h3 class="dsn-h3">{c.contact.name.clone()}</h3>
                        if !c.contact.about.is_empty() {
                            <p class="dsn-body">{c.contact.about.clone()}</p>
                        }
                        <ul class="dsn-list">
                            if let Some(tel) = &c.tel {
                                <li>{"Telephone: "}{link(tel, classes!(), false, None, None, html! {c.phone_text.clone()})}</li>
                            }
                            if let Some(mailto) = &c.mailto {
                                <li>{"Email: "}{link(mailto, classes!(), false, None, None, html! {c.contact.email.trim().to_string()})}</li>
                            }
                            if let Some(url) = &c.website {
                                <li>{"Website: "}{link(url, classes!(), true, None, None, html! {url.to_string()})}</li>
                            }
                        </ul>
                    </div>
                }) }
            </div>
            if !r.dates.is_empty() || !r.meeting_notes.is_empty() {
                <h2 class="dsn-h2">{"Dates"}</h2>
                if !r.dates.is_empty() {
                    <dl class="dsn-summary dsn-dates">
                        { for r.dates.iter().map(|d| html! {
                            <div class="dsn-summary__row" data-date={d.id.clone()}>
                                <dt class="dsn-summary__key">{d.label.clone()}</dt>
                                <dd class="dsn-summary__value">{d.value.describe()}</dd>
                            </div>
                        }) }
                    </dl>
                    <p class="dsn-hint">{format!("Worked out on {}.", long_date(p.today))}</p>
                }
                { for r.meeting_notes.iter().map(|n| html! {
                    <p class="dsn-body dsn-meeting-note" data-meeting-note={n.id.clone()}>{n.describe()}</p>
                }) }
            }
            { for r.reviews.iter().map(|review| html! {
                <div class="dsn-review" data-review={review.questionnaires.join(" ")}>
                    if let Some(warning) = review.warning() {
                        <div class="dsn-warning-text" data-overdue="true">
                            <span class="dsn-warning-text__icon" aria-hidden="true">{"!"}</span>
                            <strong class="dsn-warning-text__text">
                                <span class="dsn-visually-hidden">{"Warning: "}</span>{warning}
                            </strong>
                        </div>
                    }
                    <p class="dsn-hint">{review.describe(r.reviews.len() > 1)}</p>
                </div>
            }) }
            <div class="dsn-button-group dsn-no-print">
                if let Some(text) = crate::engine::export::plain_text(&p.bundle, &p.answers, p.today) {
                    {link(&Href::download(&text), classes!("dsn-button", "dsn-button--secondary", "dsn-download"), false,
                        Some("data-sharing-navigator-checklist.txt"), None, html! {"Download the checklist (text file)"})}
                }
                <button type="button" class="dsn-button dsn-button--secondary" onclick={print}>{"Print or save this page"}</button>
                <button type="button" class="dsn-button dsn-button--secondary" onclick={restart}>{"Start again"}</button>
            </div>
        </section>
    }
}

/// A link with other answers than the ones kept on this computer (saved `at`): nothing
/// is written over the kept answers until the person chooses.
pub fn keep_or_use(at: Option<&str>, dispatch: &Callback<Action>) -> Html {
    let keep = dispatch.reform(|_: MouseEvent| Action::KeepSaved);
    let use_link = dispatch.reform(|_: MouseEvent| Action::UseLink);
    let when = at
        .and_then(crate::engine::keep::describe_time)
        .map(|t| format!(" from {t}"))
        .unwrap_or_default();
    html! {
        <div class="dsn-notice dsn-notice--question" role="region" aria-labelledby="dsn-keep-title" data-asking="keep-or-use">
            <h2 class="dsn-notice__title" id="dsn-keep-title">{format!("You have answers saved on this computer{when}")}</h2>
            <p class="dsn-body">{"This page shows the answers from the link you opened. Your saved answers are not changed until you choose."}</p>
            <div class="dsn-button-group">
                <button type="button" class="dsn-button dsn-button--secondary" onclick={keep}>{"Keep my saved answers"}</button>
                <button type="button" class="dsn-button dsn-button--secondary" onclick={use_link}>{"Use the link's answers"}</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<Notice>,
    pub dispatch: Callback<Action>,
}

/// At most this many notices, and this many items within one, are listed.
const SHOWN: usize = 5;

/// The first [`SHOWN`] of `items`, then "and N more …" (all already echoed safely).
fn at_most(items: Vec<String>, what: &str) -> String {
    let more = items.len().saturating_sub(SHOWN);
    let mut text: Vec<String> = items.into_iter().take(SHOWN).collect();
    if more > 0 {
        text.push(format!("and {more} more {what}"));
    }
    text.join("; ")
}

/// Problems with a link, saved answers or the page's configuration, in plain English,
/// with a way back to the start page that keeps the answers (only Start again removes them). Short whatever the input: quotes are cut to a few
/// dozen characters, and at most a handful of notices are listed.
#[function_component(Notices)]
pub fn notices(p: &NoticesProps) -> Html {
    if p.notices.is_empty() {
        return html! {};
    }
    let home = p.dispatch.reform(|_: MouseEvent| Action::Home);
    let dismiss = p.dispatch.reform(|_: MouseEvent| Action::DismissNotices);
    let more = p.notices.len().saturating_sub(SHOWN);
    html! {
        <div class="dsn-notice" role="alert">
            <h2 class="dsn-notice__title">{"Something could not be used"}</h2>
            <ul class="dsn-list dsn-list--bullet">
                { for p.notices.iter().take(SHOWN).map(|n| html! { <li data-notice={n.id()}>{notice_text(n)}</li> }) }
                if more > 0 {
                    <li>{format!("and {more} more problems")}</li>
                }
            </ul>
            <div class="dsn-button-group">
                <button type="button" class="dsn-button dsn-button--secondary" onclick={dismiss}>{"Carry on"}</button>
                <button type="button" class="dsn-button dsn-button--secondary" onclick={home}>{"Go to the start page"}</button>
            </div>
        </div>
    }
}

/// Where answers a notice is about came from, in words.
fn whose(from: Source) -> &'static str {
    match from {
        Source::Link => "the link",
        Source::Saved => "your saved answers",
    }
}

fn notice_text(n: &Notice) -> String {
    match n {
        Notice::Ignored(from, pairs) => {
            let list = pairs
                .iter()
                .map(|(q, a)| format!("'{}' = '{}'", echo(q), echo(a)))
                .collect();
            let rest = match from {
                Source::Link => "The link's other answers are shown.",
                Source::Saved => "Your other saved answers are kept.",
            };
            let whose = whose(*from);
            format!(
                "Some answers in {whose} were left out because this version of the Navigator does not have those questions or answers: {}. {rest}",
                at_most(list, "answers")
            )
        }
        Notice::OffRoute(from, n) => {
            let whose = whose(*from);
            format!("{n} answer(s) in {whose} did not apply to the route the other answers take, so they were left out.")
        }
        Notice::Moved => "The link pointed to a step your answers do not lead to, so you have been taken to the next step that applies.".into(),
        Notice::BadLink(why) => format!("The link could not be read: {why}. Nothing was changed by it."),
        Notice::BadSaved { why, aside: true } => format!(
            "Your saved answers could not be read: {why}. A copy has been kept aside in this browser, so nothing is lost; you can start again."
        ),
        Notice::BadSaved { why, aside: false } => format!(
            "Your saved answers could not be read: {why}. They could not be copied aside either, so the Navigator leaves them as they are and will not save your new answers on this computer."
        ),
        Notice::StorageRefused(why) => format!(
            "Your saved answers could not be read: {why}. The Navigator will not save over them, so your new answers are kept only while this page is open."
        ),
        Notice::NotSaved(why) => format!(
            "Your answers could not be saved on this computer: {why}. They are kept only while this page is open."
        ),
        Notice::BadConfig(problems) => format!(
            "This page's organisation settings have problems, so the built-in settings are used for those parts: {}.",
            at_most(problems.clone(), "problems")
        ),
    }
}

#[derive(Properties, PartialEq)]
pub struct ProblemProps {
    pub on_restart: Callback<()>,
}

/// Shown if a page cannot be drawn from the state (should not happen: the flow only
/// ever shows reachable pages), never a blank page.
#[function_component(ProblemPage)]
pub fn problem_page(p: &ProblemProps) -> Html {
    let restart = p.on_restart.reform(|_: MouseEvent| ());
    html! {
        <>
            <h1 class="dsn-h1" id="dsn-heading" tabindex="-1">{"Sorry, this step could not be shown"}</h1>
            <p class="dsn-body">{"Start again to go back to the first question."}</p>
            <button type="button" class="dsn-button" onclick={restart}>{"Start again"}</button>
        </>
    }
}
