//! The pages, following the GOV.UK / NHS.UK patterns: start page, one question per page,
//! check your answers, the outcome, and the error summary and notices. They render what
//! they are given and emit actions; they decide nothing.

use crate::engine::echo::echo;
use crate::engine::flow::{
    Action, DatePart, Done, Flow, InputError, Keeping, Notice, Page, Source,
};
use crate::engine::href::{FileKind, Href};
use crate::engine::journey::{Journey, Status};
use crate::engine::model::{Kind, Question};
use crate::engine::record::Opened;
use crate::engine::report::{long_date, report, shown, Item, Reason, Report};
use crate::engine::route;
use crate::engine::{calendar, record};
use chrono::NaiveDate;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew::virtual_dom::{AttributeOrProperty, Attributes, VTag, VText};

use super::browser;

const APP: &str = "Data Sharing Navigator";

/// The document title for the page shown (standalone only).
pub fn title(flow: &Flow, journey: Option<&Journey<'_>>) -> String {
    let page = match &flow.page {
        Page::Start => return APP.to_string(),
        Page::Question(q) => flow
            .bundle
            .question(q)
            .map(|q| q.text.clone())
            .unwrap_or_default(),
        Page::Tasks => route_title(journey).unwrap_or_default(),
        Page::Check => "Check your answers".into(),
        Page::Outcome => route_title(journey).unwrap_or_default(),
        Page::Record => "A saved record".into(),
    };
    let error = if flow.error.is_some() { "Error: " } else { "" };
    format!("{error}{page} – {APP}")
}

/// What the page's live region says: the route, once the result is shown. The region
/// is always on the page, so the change is announced.
pub fn announcement(flow: &Flow, journey: Option<&Journey<'_>>) -> String {
    match flow.page {
        Page::Outcome => route_title(journey)
            .map(|t| format!("Your route: {t}"))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn route_title(journey: Option<&Journey<'_>>) -> Option<String> {
    journey?.route.map(|r| r.title.clone())
}

/// `<tag class="…">text</tag>`, the pages' commonest element, made in one function: each
/// element written out in `html!` is code of its own in the download.
fn el(tag: &'static str, class: &'static str, text: impl Into<AttrValue>) -> Html {
    el_of(tag, class, VText::new(text.into()).into())
}

#[inline(never)]
fn el_of(tag: &'static str, class: &'static str, child: Html) -> Html {
    let mut t = VTag::new(AttrValue::Static(tag));
    t.set_attributes(Attributes::Dynamic {
        keys: &["class"],
        values: Box::new([Some(AttributeOrProperty::Attribute(AttrValue::Static(
            class,
        )))]),
    });
    t.add_child(child);
    t.into()
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
    download: Option<String>,
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
    /// The id of what describes the link (a task's status).
    #[prop_or_default]
    describedby: Option<AttrValue>,
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
    html! { <a class={p.class.clone()} href={p.href.to_string()} aria-describedby={p.describedby.clone()} {onclick}>{p.children.clone()}</a> }
}

/// The start page: what the Navigator does, Start (or Continue and Start again when
/// answers are kept), opening a saved record, and what is kept on this computer.
pub fn start_page(flow: &Flow, dispatch: &Callback<Action>) -> Html {
    let start = dispatch.reform(|_: MouseEvent| Action::Start);
    let restart = dispatch.reform(|_: MouseEvent| Action::Restart);
    let organisation = flow.bundle.organisation.name.clone();
    html! {
        <>
            <h1 class="dsn-h1" id="dsn-heading" tabindex="-1">{"Find out how to use or share health and care data"}</h1>
            {el("p", "dsn-body dsn-lead", format!(
                "Answer a few questions about what you want to do with personal data held by {organisation}. You will get:"
            ))}
            <ul class="dsn-list dsn-list--bullet">
                <li>{"the route that applies, and why"}</li>
                <li>{"a checklist of what to prepare, with where each item comes from"}</li>
                <li>{"who to contact next"}</li>
                <li>{"the dates that follow, such as committee deadlines"}</li>
            </ul>
            {el("p", "dsn-body", "It takes about 5 minutes.")}
            {el("p", "dsn-body", "The result is guidance from the Trust's policies, not an approval: the contacts it gives you make the decisions.")}
            if flow.answers.is_empty() {
                <button type="button" class="dsn-button dsn-button--start" onclick={start}>
                    {"Start now"}
                    <svg class="dsn-button__arrow" aria-hidden="true" focusable="false" width="17.5" height="19" viewBox="0 0 33 40"><path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" /></svg>
                </button>
            } else {
                <div class="dsn-button-group">
                    <button type="button" class="dsn-button" onclick={start}>{"Continue where you left off"}</button>
                    <button type="button" class="dsn-button dsn-button--secondary" onclick={restart}>{"Start again"}</button>
                </div>
            }
            {open_record(dispatch)}
            {keeping_section(flow, dispatch)}
        </>
    }
}

/// "Open a saved record": a file picker and a place to drop the file. The file is read
/// in the page; nothing is uploaded.
fn open_record(dispatch: &Callback<Action>) -> Html {
    let read = |dispatch: &Callback<Action>, file: Option<web_sys::File>| {
        if let Some(file) = file {
            let dispatch = dispatch.clone();
            browser::read_file(file, move |text| dispatch.emit(Action::ReadRecord(text)));
        }
    };
    let onchange = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            read(&dispatch, input.files().and_then(|f| f.get(0)));
            input.set_value("");
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            read(&dispatch, file);
        })
    };
    html! {
        <div class="dsn-section dsn-drop" {ondragover} {ondrop}>
            {el("h2", "dsn-h2", "Open a saved record")}
            {el("p", "dsn-body", "If you or someone else downloaded a record from the Navigator, you can open it here to read it, see what has changed since it was made, and continue from it. The file is read on this computer: nothing is uploaded.")}
            <div class="dsn-form-group">
                <label class="dsn-label" for="dsn-record-file">{"Open a saved record"}</label>
                <div class="dsn-hint" id="dsn-record-file-hint">{"Choose the record's .html file, or drop it here"}</div>
                <input class="dsn-file-upload" type="file" id="dsn-record-file" accept=".html,.htm,text/html"
                    aria-describedby="dsn-record-file-hint" {onchange} />
            </div>
        </div>
    }
}

/// What is kept on this computer, and the person's controls over it.
fn keeping_section(flow: &Flow, dispatch: &Callback<Action>) -> Html {
    let off = dispatch.reform(|_: MouseEvent| Action::SetKeeping(false));
    let on = dispatch.reform(|_: MouseEvent| Action::SetKeeping(true));
    let delete = dispatch.reform(|_: MouseEvent| Action::Delete);
    let kept = !flow.answers.is_empty();
    html! {
        <section class="dsn-section dsn-inset" aria-labelledby="dsn-keeping-title">
            <h2 class="dsn-h2" id="dsn-keeping-title">{"Your answers on this computer"}</h2>
            {el("p", "dsn-body", "This tool runs entirely in your browser. Nothing you enter leaves this computer unless you send it yourself.")}
            {match &flow.keeping {
                Keeping::Off(why) => html! {
                    {el("p", "dsn-body", format!("Your answers are not being kept on this computer ({why}): they stay only while this page is open."))}
                },
                Keeping::Declined => html! {
                    <>
                        {el("p", "dsn-body", "You have turned keeping off: your answers stay only while this page is open. This browser remembers only that choice, not your answers.")}
                        <button type="button" class="dsn-button dsn-button--secondary" onclick={on}>{"Keep my answers on this computer"}</button>
                    </>
                },
                // Kept answers and a link's are both here: the choice above comes first.
                Keeping::Asking { .. } => html! {
                    {el("p", "dsn-body", "You have answers saved on this computer and other answers from a link or record on this page. Choose above which to keep; then you can stop keeping or delete them here.")}
                },
                Keeping::On => html! {
                    <>
                        {el("p", "dsn-body", "Your answers are kept in this browser's storage on this computer after every step, so that you can come back to them. They stay until you start again or delete them. On a shared computer, turn keeping off.")}
                        <div class="dsn-button-group">
                            <button type="button" class="dsn-button dsn-button--secondary" onclick={off}>{"Stop keeping my answers on this computer"}</button>
                            if kept {
                                <button type="button" class="dsn-button dsn-button--warning" onclick={delete}>{"Delete my answers from this computer"}</button>
                            }
                        </div>
                    </>
                },
            }}
        </section>
    }
}

/// The service name in the header: a link to the start page (answers kept).
pub fn home_link(dispatch: &Callback<Action>) -> Html {
    html! {
        <ActionLink class="dsn-header__name" href={Href::start()} action={Action::Home} dispatch={dispatch.clone()}>{"Data Sharing Navigator"}</ActionLink>
    }
}

/// "Start again", below every page after the first answer: every answer forgotten.
pub fn start_again(dispatch: &Callback<Action>) -> Html {
    let restart = dispatch.reform(|_: MouseEvent| Action::Restart);
    html! {
        <p class="dsn-body dsn-start-again dsn-no-print">
            <button type="button" class="dsn-link-button" onclick={restart}>{"Start again"}</button>
            {el("span", "dsn-hint", " (this clears your answers from this computer)")}
        </p>
    }
}

/// A record someone saved, read-only: made on its date, what it recorded, what differs
/// with today's content and what the result would be today, and a way to continue.
pub fn record_page(opened: &Opened, flow: &Flow, dispatch: &Callback<Action>) -> Html {
    let continue_ = dispatch.reform(|_: MouseEvent| Action::ContinueFromRecord);
    let close = dispatch.reform(|_: MouseEvent| Action::CloseRecord);
    let made = opened
        .made
        .as_deref()
        .and_then(crate::engine::keep::describe_time)
        .unwrap_or_else(|| "an unknown date".into());
    let today = Journey::new(&flow.bundle, &opened.answers);
    let result = today.as_ref().and_then(|j| report(j, flow.today));
    html! {
        <section class="dsn-record" data-record="read-only">
            {el("span", "dsn-caption", "A saved record (read only)")}
            <h1 class="dsn-h1" id="dsn-heading" tabindex="-1">{opened.route_title.clone()}</h1>
            {el("p", "dsn-body dsn-lead", format!("Made on {made} with the Navigator of {}.", opened.organisation))}
            {el("h2", "dsn-h2", "What has changed since")}
            if opened.differences.is_empty() {
                <p class="dsn-body" data-differences="none">{"Nothing: today's questions and rules give the same result."}</p>
            } else {
                <ul class="dsn-list dsn-list--bullet dsn-differences">
                    { for opened.differences.iter().map(|d| html! { <li data-difference={d.id()}>{d.describe()}</li> }) }
                </ul>
            }
            if let Some(r) = &result {
                <p class="dsn-body" data-today-route={r.route.id.clone()}>{format!("With today's content the route is: {}.", r.route.title)}</p>
                <ul class="dsn-list dsn-list--bullet">
                    { for r.parts.iter().map(|p| html! { <li data-today-decision={p.decision.id.clone()}>{format!("{}: {}", p.part.title, p.title)}</li> }) }
                </ul>
            } else {
                {el("p", "dsn-body", "With today's content, more questions must be answered before there is a result: continue from this record to answer them.")}
            }
            {el("h2", "dsn-h2", "The answers recorded")}
            <dl class="dsn-summary">
                { for opened.questions.iter().map(|q| html! {
                    <div class="dsn-summary__row" data-question={q.id.clone()}>
                        {el("dt", "dsn-summary__key", q.text.clone())}
                        {el("dd", "dsn-summary__value", q.answer.clone())}
                    </div>
                }) }
            </dl>
            if !opened.parts.is_empty() {
                {el("h2", "dsn-h2", "The decisions recorded")}
                <dl class="dsn-summary">
                    { for opened.parts.iter().map(|p| html! {
                        <div class="dsn-summary__row" data-part={p.id.clone()} data-decision={p.decision.clone()}>
                            {el("dt", "dsn-summary__key", p.title.clone())}
                            {el("dd", "dsn-summary__value", p.decision_title.clone())}
                        </div>
                    }) }
                </dl>
            }
            if !opened.checklist.is_empty() {
                {el("h2", "dsn-h2", "The checklist recorded")}
                <ol class="dsn-checklist">
                    { for opened.checklist.iter().map(|(id, text)| html! { <li class="dsn-checklist__item" data-item={id.clone()}>{text.clone()}</li> }) }
                </ol>
            }
            <div class="dsn-button-group dsn-no-print">
                <button type="button" class="dsn-button" onclick={continue_}>{"Continue from this record"}</button>
                <button type="button" class="dsn-button dsn-button--secondary" onclick={close}>{"Close the record"}</button>
            </div>
            {el("p", "dsn-hint", "Continuing makes a copy of these answers to change as your own; the file itself is not changed.")}
        </section>
    }
}

/// A confirmation of the person's own step (deleted, copied…), in the GOV.UK
/// notification banner's success style.
pub fn banner(done: &Done) -> Html {
    let text = match done {
        Done::Deleted => "Your answers have been deleted from this computer.".to_string(),
        Done::KeepingOff => {
            "Keeping is off: your answers were removed from this computer and will not be kept."
                .into()
        }
        Done::KeepingOn => {
            "Your answers will now be kept on this computer after every step.".into()
        }
        Done::Copied => "The link has been copied. Paste it where you want to send it.".into(),
        Done::NotCopied(why) => format!(
            "The link could not be copied ({why}). Select the link below and copy it yourself."
        ),
    };
    html! {
        <div class="dsn-banner" role="status" data-done={done.id()}>
            {el("p", "dsn-body dsn-banner__text", text)}
        </div>
    }
}

/// The id of the element the error summary's link moves focus to.
fn error_target(q: &Question, error: &InputError) -> String {
    match q.kind {
        Kind::Choice | Kind::Choices => q
            .options
            .first()
            .map(|o| format!("dsn-opt-{}", o.id))
            .unwrap_or_default(),
        Kind::Text => "dsn-text".into(),
        Kind::Date => format!(
            "dsn-date-{}",
            date_part_id(error.parts.first().copied().unwrap_or(DatePart::Day))
        ),
    }
}

fn date_part_id(p: DatePart) -> &'static str {
    match p {
        DatePart::Day => "day",
        DatePart::Month => "month",
        DatePart::Year => "year",
    }
}

fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// A choice question's options: radios, or checkboxes (an exclusive one after "or"),
/// each a labelled input with its hint.
fn options(q: &Question, draft: &crate::engine::flow::Draft, dispatch: &Callback<Action>) -> Html {
    let (many, kind) = match q.kind {
        Kind::Choices => (true, "checkbox"),
        _ => (false, "radio"),
    };
    html! {
        <div class={if many { "dsn-checkboxes" } else { "dsn-radios" }}>
            { for q.options.iter().map(|o| {
                let id = format!("dsn-opt-{}", o.id);
                let hint_id = format!("{id}-hint");
                let value = o.id.clone();
                let onchange = dispatch.reform(move |e: Event| {
                    if many {
                        Action::Toggle(value.clone(), e.target_unchecked_into::<HtmlInputElement>().checked())
                    } else {
                        Action::Select(value.clone())
                    }
                });
                let checked = if many {
                    draft.choices.contains(&o.id)
                } else {
                    draft.choice.as_deref() == Some(o.id.as_str())
                };
                html! {
                    <>
                    if many && o.exclusive && q.options.len() > 1 {
                        {el("div", "dsn-checkboxes__divider", "or")}
                    }
                    <div class={format!("dsn-{kind}")}>
                        <input class={format!("dsn-{kind}__input")} type={kind} id={id.clone()}
                            name={q.id.clone()} value={o.id.clone()} {checked}
                            aria-describedby={(!o.hint.is_empty()).then(|| hint_id.clone())}
                            {onchange} />
                        <label class={format!("dsn-{kind}__label")} for={id}>{o.label.clone()}</label>
                        if !o.hint.is_empty() {
                            <div id={hint_id} class={format!("dsn-hint dsn-{kind}__hint")}>{o.hint.clone()}</div>
                        }
                    </div>
                    </>
                }
            }) }
        </div>
    }
}

/// A question page, in the GOV.UK pattern: one question, its legend the page heading,
/// then radios, checkboxes, a text input or a date input by the question's kind.
pub fn question_page(q: &Question, flow: &Flow, dispatch: &Callback<Action>) -> Html {
    let onsubmit = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.emit(Action::Continue);
        })
    };
    let error = flow.error.as_ref();
    let target = error.map(|e| error_target(q, e)).unwrap_or_default();
    let focus_target = {
        let target = target.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            // The summary's link moves focus to the field, as a fragment link would.
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                if let Some(root) = el.closest(".dsn").ok().flatten() {
                    browser::focus_within(&root, &format!("#{target}"));
                }
            }
        })
    };
    let mut described = Vec::new();
    if !q.hint.is_empty() {
        described.push("dsn-hint");
    }
    if error.is_some() {
        described.push("dsn-error");
    }
    let back = back_href(flow);
    let draft = &flow.draft;
    let field = match q.kind {
        Kind::Choice | Kind::Choices => options(q, draft, dispatch),
        Kind::Text => {
            let oninput = dispatch.reform(|e: InputEvent| {
                Action::Text(e.target_unchecked_into::<HtmlInputElement>().value())
            });
            html! {
                <div class="dsn-text-field">
                    <label class="dsn-label" for="dsn-text">{q.short.clone()}</label>
                    <input class={classes!("dsn-input", error.map(|_| "dsn-input--error"))} type="text" id="dsn-text"
                        name={q.id.clone()} value={draft.text.clone()} spellcheck="false"
                        autocomplete="off" {oninput} />
                    {el("div", "dsn-hint", format!("Up to {} characters.", q.max_length()))}
                </div>
            }
        }
        Kind::Date => {
            let part = |p: DatePart, label: &'static str, value: &str, width: &'static str| {
                let id = format!("dsn-date-{}", date_part_id(p));
                let onchange = dispatch.reform(move |e: Event| Action::Date(p, input_value(&e)));
                let oninput = dispatch.reform(move |e: InputEvent| {
                    Action::Date(p, e.target_unchecked_into::<HtmlInputElement>().value())
                });
                let wrong = error.is_some_and(|e| e.parts.contains(&p));
                html! {
                    <div class="dsn-date-input__item">
                        <label class="dsn-label dsn-date-input__label" for={id.clone()}>{label}</label>
                        <input class={classes!("dsn-input", width, wrong.then_some("dsn-input--error"))} id={id.clone()}
                            name={id} type="text" inputmode="numeric" value={value.to_string()}
                            {onchange} {oninput} />
                    </div>
                }
            };
            html! {
                <div class="dsn-date-input">
                    {part(DatePart::Day, "Day", &draft.day, "dsn-input--width-2")}
                    {part(DatePart::Month, "Month", &draft.month, "dsn-input--width-2")}
                    {part(DatePart::Year, "Year", &draft.year, "dsn-input--width-4")}
                </div>
            }
        }
    };
    html! {
        <>
            <ActionLink class="dsn-back" href={back} action={Action::Back} dispatch={dispatch.clone()}>{"Back"}</ActionLink>
            if let Some(e) = error {
                <div class="dsn-error-summary" role="alert" tabindex="-1" aria-labelledby="dsn-error-title">
                    <h2 class="dsn-error-summary__title" id="dsn-error-title">{"There is a problem"}</h2>
                    <ul class="dsn-list dsn-error-summary__list">
                        <li>{link(&Href::anchor(&target), classes!(), false, None, Some(focus_target), html! {e.message.clone()})}</li>
                    </ul>
                </div>
            }
            <form class="dsn-form" {onsubmit} novalidate=true>
                <div class={classes!("dsn-form-group", error.map(|_| "dsn-form-group--error"))}>
                    <fieldset class="dsn-fieldset" aria-describedby={(!described.is_empty()).then(|| described.join(" "))}>
                        <legend class="dsn-legend">
                            <h1 class="dsn-h1" id="dsn-heading" tabindex="-1">{q.text.clone()}</h1>
                        </legend>
                        if !q.hint.is_empty() {
                            <div id="dsn-hint" class="dsn-hint">{q.hint.clone()}</div>
                        }
                        if let Some(e) = error {
                            <p id="dsn-error" class="dsn-error-message">
                                {el("span", "dsn-visually-hidden", "Error: ")}{e.message.clone()}
                            </p>
                        }
                        {field}
                    </fieldset>
                </div>
                <button type="submit" class="dsn-button">{"Continue"}</button>
            </form>
        </>
    }
}

/// Where the page's own Back link leads (the same place as [`Action::Back`]).
pub fn back_href(flow: &Flow) -> Href {
    route::href(&flow.clone().apply(Action::Back).page)
}

fn question_href(q: &str) -> Href {
    route::href(&Page::Question(q.to_string()))
}

/// The route's task list, in the GOV.UK pattern: each part with its status; a part
/// that cannot start yet is not a link.
pub fn tasks_page(j: &Journey<'_>, flow: &Flow, dispatch: &Callback<Action>) -> Html {
    let Some(route) = j.route else {
        return html! {};
    };
    let done = j
        .tasks
        .iter()
        .filter(|t| t.status == Status::Completed)
        .count();
    let complete = j.complete();
    let check_href = route::href(&Page::Check);
    // Each status has an id, so that its task's link is described by it (GOV.UK).
    let status = |s: Status, id: String| {
        let class = match s {
            Status::Completed => "dsn-task__status dsn-task__status--completed",
            Status::CannotStartYet => "dsn-task__status dsn-task__status--cannot",
            _ => "dsn-task__status dsn-task__status--todo",
        };
        html! { <span class={class} id={id}>{s.label()}</span> }
    };
    html! {
        <>
            <ActionLink class="dsn-back" href={back_href(flow)} action={Action::Back} dispatch={dispatch.clone()}>{"Back"}</ActionLink>
            {el("span", "dsn-caption", "Your route")}
            <h1 class="dsn-h1" id="dsn-heading" tabindex="-1">{route.title.clone()}</h1>
            {el("p", "dsn-body", format!("You have completed {done} of {} parts.", j.tasks.len()))}
            {el("p", "dsn-body", "Answer each part. You can come back to a part to change your answers. A part that depends on an earlier one cannot start until that part is done.")}
            <ul class="dsn-task-list">
                { for j.tasks.iter().map(|t| {
                    let id = format!("dsn-task-{}", t.part.id);
                    let status_id = format!("{id}-status");
                    let first = j.open(&t.part.id).map(|q| q.id.clone());
                    html! {
                        <li class="dsn-task" data-part={t.part.id.clone()} data-status={t.status.id()}>
                            <span class="dsn-task__name" id={id}>
                                if let (Some(first), false) = (first, t.status == Status::CannotStartYet) {
                                    <ActionLink href={question_href(&first)} action={Action::OpenPart(t.part.id.clone())} describedby={AttrValue::from(status_id.clone())} dispatch={dispatch.clone()}>{t.part.title.clone()}</ActionLink>
                                } else {
                                    {t.part.title.clone()}
                                }
                            </span>
                            {status(t.status, status_id)}
                        </li>
                    }
                }) }
                <li class="dsn-task" data-part="check" data-status={if complete { "not-started" } else { "cannot-start-yet" }}>
                    <span class="dsn-task__name">
                        if complete {
                            <ActionLink href={check_href} action={Action::CheckAnswers} describedby={AttrValue::from("dsn-task-check-status")} dispatch={dispatch.clone()}>{"Check your answers and get your result"}</ActionLink>
                        } else {
                            {"Check your answers and get your result"}
                        }
                    </span>
                    {status(if complete { Status::NotStarted } else { Status::CannotStartYet }, "dsn-task-check-status".into())}
                </li>
            </ul>
        </>
    }
}

/// Check your answers: every answer given, by part, each with a Change link.
pub fn check_page(j: &Journey<'_>, flow: &Flow, dispatch: &Callback<Action>) -> Html {
    let confirm = dispatch.reform(|_: MouseEvent| Action::Confirm);
    let sections =
        std::iter::once(&j.triage).chain(j.tasks.iter().filter_map(|t| t.section.as_ref()));
    html! {
        <>
            <ActionLink class="dsn-back" href={back_href(flow)} action={Action::Back} dispatch={dispatch.clone()}>{"Back"}</ActionLink>
            <h1 class="dsn-h1" id="dsn-heading" tabindex="-1">{"Check your answers"}</h1>
            { for sections.map(|s| html! {
                <>
                {el("h2", "dsn-h2", s.part.title.clone())}
                <dl class="dsn-summary" data-part={s.part.id.clone()}>
                    { for s.asked.iter().map(|(q, a)| html! {
                        <div class="dsn-summary__row" data-question={q.id.clone()}>
                            {el("dt", "dsn-summary__key", q.short.clone())}
                            {el("dd", "dsn-summary__value", shown(q, a))}
                            <dd class="dsn-summary__actions">
                                <ActionLink href={question_href(&q.id)} action={Action::Change(q.id.clone())} dispatch={dispatch.clone()}>
                                    {"Change"}{el("span", "dsn-visually-hidden", format!(" {}", q.short))}
                                </ActionLink>
                            </dd>
                        </div>
                    }) }
                </dl>
                </>
            }) }
            <button type="button" class="dsn-button" onclick={confirm}>{"Continue"}</button>
        </>
    }
}

fn reasons_list(reasons: &[Reason<'_>]) -> Html {
    if reasons.is_empty() {
        return html! {};
    }
    html! {
        <ul class="dsn-list dsn-list--bullet dsn-reasons">
            { for reasons.iter().map(|reason| html! {
                <li><strong>{format!("{}: {}. ", reason.question, reason.answer)}</strong>{reason.because}</li>
            }) }
        </ul>
    }
}

fn checklist(items: &[Item<'_>], start: usize) -> Html {
    if items.is_empty() {
        return html! {};
    }
    html! {
        <ol class="dsn-checklist" start={(start + 1).to_string()}>
            { for items.iter().map(|i| html! {
                <li class="dsn-checklist__item" data-item={i.id.to_string()}>
                    {el("span", "dsn-checklist__text", i.text.clone())}
                    if let Some((name, url)) = &i.template {
                        <span class="dsn-checklist__template">
                            if let Some(url) = url {
                                {"Template: "}{link(url, classes!(), true, None, None, html! {*name})}
                            } else {
                                {format!("Template: {name} (ask the contacts below for it)")}
                            }
                        </span>
                    }
                    if let Some(url) = &i.link {
                        <span class="dsn-checklist__template">{"See: "}{link(url, classes!(), true, None, None, html! {url.to_string()})}</span>
                    }
                    {el("span", "dsn-checklist__source", format!("Source: {}", i.source))}
                </li>
            }) }
        </ol>
    }
}

/// The result for the whole route: each part's decision and why, one checklist grouped
/// by part, the contacts in the order to call them, the dates, and how old the content is.
pub fn outcome_page(
    j: &Journey<'_>,
    flow: &Flow,
    today: NaiveDate,
    dispatch: &Callback<Action>,
) -> Html {
    let Some(r) = report(j, today) else {
        return html! {};
    };
    let back = route::href(&Page::Check);
    let mut n = r.checklist.len();
    let parts: Vec<Html> = r
        .parts
        .iter()
        .map(|p| {
            let start = n;
            n += p.checklist.len();
            html! {
                <section class="dsn-part" data-part={p.part.id.clone()} data-decision={p.decision.id.clone()}>
                    {el("h2", "dsn-h2", p.part.title.clone())}
                    {el("h3", "dsn-h3", p.title.clone())}
                    {el("p", "dsn-body", p.summary.clone())}
                    {reasons_list(&p.reasons)}
                    if !p.checklist.is_empty() {
                        {el("h4", "dsn-h4", "What to prepare")}
                        {checklist(&p.checklist, start)}
                    }
                </section>
            }
        })
        .collect();
    html! {
        <section class="dsn-outcome" data-outcome={r.route.id.clone()} data-audience={if r.external { "external" } else { "staff" }}>
            <ActionLink class="dsn-back dsn-no-print" href={back} action={Action::Back} dispatch={dispatch.clone()}>{"Back to your answers"}</ActionLink>
            <div class="dsn-panel">
                {el("p", "dsn-panel__caption", "Your route")}
                <h1 class="dsn-h1 dsn-panel__title" id="dsn-heading" tabindex="-1">{r.route.title.clone()}</h1>
            </div>
            {el("p", "dsn-body dsn-lead", r.summary.clone())}
            if !r.reasons.is_empty() {
                {el("h2", "dsn-h2", "Why")}
                {reasons_list(&r.reasons)}
            }
            if !r.checklist.is_empty() {
                {el("h2", "dsn-h2", "What to prepare")}
                {checklist(&r.checklist, 0)}
            }
            { for parts }
            {el("h2", "dsn-h2", "Who to contact")}
            <div class="dsn-contacts">
                { for r.contacts.iter().map(|c| html! {
                    <div class="dsn-contact" data-contact={c.role.to_string()}>
                        {el("h3", "dsn-h3", c.contact.name.clone())}
                        if !c.contact.about.is_empty() {
                            {el("p", "dsn-body", c.contact.about.clone())}
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
                {el("h2", "dsn-h2", "Dates")}
                if !r.dates.is_empty() {
                    <dl class="dsn-summary dsn-dates">
                        { for r.dates.iter().map(|d| html! {
                            <div class="dsn-summary__row" data-date={d.id.clone()}>
                                {el("dt", "dsn-summary__key", d.label.clone())}
                                {el("dd", "dsn-summary__value", d.value.describe())}
                            </div>
                        }) }
                    </dl>
                    {el("p", "dsn-hint", format!("Worked out on {}.", long_date(today)))}
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
                                {el("span", "dsn-visually-hidden", "Warning: ")}{warning}
                            </strong>
                        </div>
                    }
                    {el("p", "dsn-hint", review.describe(r.reviews.len() > 1))}
                </div>
            }) }
            {keep_and_send(&r, flow, dispatch)}
            {el("p", "dsn-print-footer", format!("Data Sharing Navigator, {}. Made on {}. Content version {}.",
                flow.bundle.organisation.name, long_date(today), crate::engine::CONTENT_VERSION))}
        </section>
    }
}

/// Keep or send the result: the record, a link, an email, the calendar, print.
fn keep_and_send(r: &Report<'_>, flow: &Flow, dispatch: &Callback<Action>) -> Html {
    let made = browser::now_stamp();
    let name = |ext: &str| record::file_name(&r.route.id, &made, ext);
    let record_name = name("html");
    let record = record::record_html(&flow.bundle, &flow.answers, flow.today, &made);
    let calendar = calendar::ics(r, &flow.bundle.organisation, &browser::now_utc_stamp());
    let email = r.contacts.iter().find_map(|c| {
        record::email_draft(r, c, &record_name).map(|href| (c.contact.name.clone(), href))
    });
    let (fragment, _) = route::share(
        &flow.bundle,
        &flow.location_at(Page::Outcome),
        flow.share_text,
    );
    let share_url = format!("{}{fragment}", browser::page_url());
    let copy = {
        let (dispatch, url) = (dispatch.clone(), share_url.clone());
        Callback::from(move |_: MouseEvent| {
            let dispatch = dispatch.clone();
            browser::copy(url.clone(), move |done| dispatch.emit(Action::Copied(done)));
        })
    };
    let toggle = dispatch.reform(|e: Event| {
        Action::ShareText(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    let restart = dispatch.reform(|_: MouseEvent| Action::Restart);
    let print = Callback::from(|_: MouseEvent| browser::print());
    let typed: Vec<String> = route::typed(&flow.bundle, &flow.answers)
        .iter()
        .map(|q| q.short.trim().to_ascii_lowercase())
        .collect();
    html! {
        <section class="dsn-section dsn-no-print" aria-labelledby="dsn-keep-send-title">
            <h2 class="dsn-h2" id="dsn-keep-send-title">{"Keep or send this result"}</h2>
            if let Some(record) = record {
                {el("h3", "dsn-h3", "Download a record")}
                {el("p", "dsn-body", "One file with your answers, each decision and why, the checklist with sources, contacts and dates. Anyone can read it in a web browser, and the Navigator can open it again (Open a saved record, on the start page).")}
                {el_of("p", "dsn-body", link(&Href::download(FileKind::Record, &record), classes!("dsn-button", "dsn-button--secondary", "dsn-download"), false,
                    Some(record_name.clone()), None, html! {"Download a record of this result"}))}
            }
            if let Some((contact, href)) = email {
                {el("h3", "dsn-h3", "Send it")}
                {el("p", "dsn-body", format!("The email opens in your mail program with a short summary and no patient information. Attach the record you downloaded ({record_name}) before you send it."))}
                {el_of("p", "dsn-body", link(&href, classes!("dsn-email"), false, None, None, html! {format!("Draft an email to {contact}")}))}
            }
            if let Some(ics) = calendar {
                {el("h3", "dsn-h3", "Add the dates to your calendar")}
                {el_of("p", "dsn-body", link(&Href::download(FileKind::Calendar, &ics), classes!("dsn-calendar"), false,
                    Some(name("ics")), None, html! {"Download the dates (calendar file)"}))}
            }
            {el("h3", "dsn-h3", "Share a link to these answers")}
            {el("p", "dsn-body", "The link holds your answers after the # sign, which browsers never send to a website. Opening it shows this result.")}
            if !typed.is_empty() {
                <div class="dsn-checkboxes">
                    <div class="dsn-checkbox">
                        <input class="dsn-checkbox__input" type="checkbox" id="dsn-share-text" checked={flow.share_text} onchange={toggle} aria-describedby="dsn-share-text-hint" />
                        <label class="dsn-checkbox__label" for="dsn-share-text">{"Include my typed answers in the link"}</label>
                        <div class="dsn-hint dsn-checkbox__hint" id="dsn-share-text-hint">{format!(
                            "Typed answers, such as names of people or organisations, are left out of the link unless you tick this: {}.",
                            typed.join(", ")
                        )}</div>
                    </div>
                </div>
            }
            <div class="dsn-form-group">
                <label class="dsn-label" for="dsn-share-link">{"Link to these answers"}</label>
                <input class="dsn-input dsn-input--wide" id="dsn-share-link" type="text" readonly=true value={share_url} />
            </div>
            <button type="button" class="dsn-button dsn-button--secondary" onclick={copy}>{"Copy a link to these answers"}</button>
            {el("h3", "dsn-h3", "Print")}
            <div class="dsn-button-group">
                <button type="button" class="dsn-button dsn-button--secondary" onclick={print}>{"Print this result"}</button>
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
            {el("p", "dsn-body", "This page shows the answers from the link or record you opened. Your saved answers are not changed until you choose.")}
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
            {el("h2", "dsn-notice__title", "Something could not be used")}
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
        Source::Record => "the record",
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
                Source::Record => "The record's other answers are used.",
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
        Notice::BadRecord(why) => format!(
            "The file could not be opened as a record: {why}. Nothing was changed: choose another file, or carry on."
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
            {el("p", "dsn-body", "Start again to go back to the first question.")}
            <button type="button" class="dsn-button" onclick={restart}>{"Start again"}</button>
        </>
    }
}
