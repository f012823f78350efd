//! Keeping, deleting and moving about (issue 6): what the person's own steps on this
//! computer do to their answers, and the defects found when the pages were tried as a
//! new user would. Native, on the sound fixture and the built-in content.

#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use navigator::engine::flow::{Action, Done, Flow, Keeping, Notice, Page};
use navigator::engine::keep::{self, Kept};
use navigator::engine::route::{self, Location};
use std::rc::Rc;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn run(f: Flow, actions: &[Action]) -> Flow {
    actions.iter().cloned().fold(f, Flow::apply)
}

/// A complete set of answers from the engine's own walks (the first that ends at a result).
fn complete() -> Flow {
    let b = Rc::new(navigator::builtin());
    let walk = navigator::engine::paths::cover(&b)
        .into_iter()
        .next()
        .expect("a walk");
    let f = Flow::new(Rc::clone(&b), today());
    f.open(
        Ok(Some(Location {
            page: Page::Outcome,
            answers: walk,
        })),
        Kept::Nothing,
    )
}

fn kept(f: &Flow) -> Kept {
    keep::read(
        Ok(Some(keep::encode(&f.location(), "2026-11-25T10:00"))),
        |_| true,
    )
}

#[test]
fn delete_forgets_every_answer_here_and_on_this_computer_and_says_so() {
    let f = complete();
    assert_eq!(f.page, Page::Outcome);
    let erased = f.erased;
    let f = run(f, &[Action::Delete]);
    assert!(f.answers.is_empty());
    assert_eq!(f.page, Page::Start);
    assert_eq!(
        f.erased,
        erased + 1,
        "the UI is told to remove what it stored"
    );
    assert_eq!(f.done, Some(Done::Deleted));
    // The confirmation goes at the next step.
    assert_eq!(run(f, &[Action::Start]).done, None);
}

#[test]
fn keeping_can_be_turned_off_and_on_and_off_removes_what_was_kept() {
    let f = complete();
    let erased = f.erased;
    let off = run(f.clone(), &[Action::SetKeeping(false)]);
    assert_eq!(off.keeping, Keeping::Declined);
    assert_eq!(off.erased, erased + 1, "what was kept is removed");
    assert_eq!(off.answers, f.answers, "the answers stay on the page");
    assert_eq!(off.done, Some(Done::KeepingOff));
    let on = run(off, &[Action::SetKeeping(true)]);
    assert_eq!(on.keeping, Keeping::On);
    assert_eq!(on.done, Some(Done::KeepingOn));
    // A browser that refuses storage stays off whatever is asked.
    let refused = Flow::new(Rc::new(navigator::builtin()), today())
        .open(Ok(None), Kept::Refused("no storage".into()));
    let still = run(refused, &[Action::SetKeeping(true)]);
    assert!(matches!(still.keeping, Keeping::Off(_)));
}

#[test]
fn a_bookmark_of_the_start_page_keeps_the_saved_answers() {
    let f = complete();
    for address in ["#/start", "#/v2/start", "#/", ""] {
        let opened = Flow::new(Rc::clone(&f.bundle), today()).open(route::parse(address), kept(&f));
        assert_eq!(
            opened.answers, f.answers,
            "{address}: the saved answers are kept"
        );
        assert_eq!(opened.page, Page::Start, "{address}");
        assert_eq!(opened.keeping, Keeping::On, "{address}");
        assert!(opened.notices.is_empty(), "{address}: {:?}", opened.notices);
        // Continue goes where they lead.
        assert_eq!(run(opened, &[Action::Start]).page, Page::Check);
    }
}

#[test]
fn browser_back_from_check_your_answers_shows_the_answer_chosen() {
    let f = run(complete(), &[Action::Back]);
    assert_eq!(f.page, Page::Check);
    let j = f.journey().unwrap();
    let asked: Vec<String> = std::iter::once(&j.triage)
        .chain(j.tasks.iter().filter_map(|t| t.section.as_ref()))
        .flat_map(|s| s.asked.iter().map(|(q, _)| q.id.clone()))
        .collect();
    assert!(asked.len() > 2);
    for q in asked {
        // The browser's Back or Forward to a question (a history entry the Navigator
        // wrote: a page address, no answers) shows it with its answer, as Change does.
        let by_browser = run(
            f.clone(),
            &[Action::Navigate {
                address: route::parse(&route::address(&Page::Question(q.clone()))),
                ours: true,
            }],
        );
        let by_change = run(f.clone(), &[Action::Change(q.clone())]);
        assert_eq!(by_browser.page, Page::Question(q.clone()));
        assert_ne!(
            by_browser.draft,
            Default::default(),
            "{q}: the answer is shown"
        );
        assert_eq!(by_browser.draft, by_change.draft, "{q}");
        assert_eq!(by_browser.answers, f.answers, "{q}: no answer changes");
    }
}

#[test]
fn after_start_again_the_old_result_cannot_come_back() {
    let f = complete();
    let f = run(f, &[Action::Restart]);
    assert!(f.answers.is_empty());
    // The browser's Back to the old result's page: the address names a page only.
    let back = run(
        f,
        &[Action::Navigate {
            address: route::parse(&route::address(&Page::Outcome)),
            ours: true,
        }],
    );
    assert_eq!(back.page, Page::Start);
    assert!(back.answers.is_empty(), "nothing comes back");
}

#[test]
fn the_address_bar_never_holds_answers() {
    let f = complete();
    for page in [
        Page::Start,
        Page::Tasks,
        Page::Check,
        Page::Outcome,
        f.page.clone(),
    ] {
        let address = route::address(&page);
        assert!(!address.contains('?'), "{address}");
        let read = route::parse(&address).unwrap().unwrap();
        assert_eq!(read.page, page);
        assert!(read.answers.is_empty());
    }
}

#[test]
fn a_file_that_is_not_a_record_is_refused_and_nothing_changes() {
    let f = complete();
    for text in [
        Ok(String::new()),
        Ok("<html><body>hello</body></html>".to_string()),
        Err("the browser could not read the file".to_string()),
    ] {
        let after = run(f.clone(), &[Action::ReadRecord(text)]);
        assert_eq!(after.answers, f.answers);
        assert_eq!(after.page, f.page);
        assert!(after.record.is_none());
        assert_eq!(
            after
                .notices
                .iter()
                .filter(|n| matches!(n, Notice::BadRecord(_)))
                .count(),
            1
        );
    }
}

#[test]
fn a_reload_opens_its_page_over_what_was_kept_and_says_nothing_when_it_cannot() {
    // The page reloaded on an entry the Navigator wrote (a page address): opened as
    // Back and Forward are (the UI does this when the entry is its own).
    let reload = |kept: Kept, page: Page, keeping: Keeping| {
        let mut f = Flow::new(Rc::new(navigator::builtin()), today());
        f.keeping = keeping;
        f.open(Ok(None), kept).apply(Action::Navigate {
            address: route::parse(&route::address(&page)),
            ours: true,
        })
    };
    let done = complete();
    // Answers kept: the same page again.
    let f = reload(kept(&done), Page::Outcome, Keeping::On);
    assert_eq!(f.page, Page::Outcome);
    assert_eq!(f.answers, done.answers);
    // Keeping off, nothing kept: the start page, with no notice about a link.
    let f = reload(Kept::Nothing, Page::Check, Keeping::Declined);
    assert_eq!(f.page, Page::Start);
    assert!(f.notices.is_empty(), "{:?}", f.notices);
    assert_eq!(f.keeping, Keeping::Declined);
    // A bookmark of the same page (not an entry the Navigator wrote) is told it moved.
    let bookmark = Flow::new(Rc::new(navigator::builtin()), today())
        .open(route::parse("#/check"), Kept::Nothing);
    assert_eq!(bookmark.page, Page::Start);
    assert_eq!(bookmark.notices, [Notice::Moved]);
}

#[test]
fn the_record_page_is_shown_only_while_a_record_is_open() {
    // No address opens it: a link to it with answers is moved to where they lead.
    let f = complete();
    let link = route::parse(&format!(
        "#/v2/record?{}",
        f.location().to_string().split_once('?').unwrap().1
    ));
    let opened = Flow::new(Rc::clone(&f.bundle), today()).open(link, Kept::Nothing);
    assert_ne!(opened.page, Page::Record);
    assert!(opened.notices.contains(&Notice::Moved));
    // Back to its address after it was closed: the start page.
    let back = run(
        f,
        &[Action::Navigate {
            address: route::parse("#/record"),
            ours: true,
        }],
    );
    assert_eq!(back.page, Page::Start);
}

#[test]
fn keeping_cannot_be_turned_off_while_asking_about_a_link() {
    // Kept answers and a colleague's link with others: the page asks.
    let mine = complete();
    let other = navigator::engine::paths::cover(&mine.bundle)
        .into_iter()
        .find(|a| *a != mine.answers)
        .unwrap();
    let link = Location {
        page: Page::Outcome,
        answers: other,
    };
    let f = Flow::new(Rc::clone(&mine.bundle), today())
        .open(route::parse(&link.to_string()), kept(&mine));
    assert!(matches!(f.keeping, Keeping::Asking { .. }));
    let erased = f.erased;
    // Stopping keeping now would remove the kept answers behind the question: nothing.
    let after = run(f, &[Action::SetKeeping(false)]);
    assert!(matches!(after.keeping, Keeping::Asking { .. }));
    assert_eq!(after.erased, erased, "nothing removed");
}

#[test]
fn embedded_the_navigator_reads_only_a_versioned_fragment() {
    // Any other fragment belongs to the host page (its own anchors and routes).
    for ours in [
        "#/v2/outcome?triage-who=staff",
        "#/v2/start",
        "#v2",
        "#/v3/outcome",
    ] {
        assert!(route::is_share(ours), "{ours}");
    }
    for host in [
        "",
        "#top",
        "#/start",
        "#/outcome?triage-who=staff",
        "#/vx/a",
        "#/v/a",
        "#video",
    ] {
        assert!(!route::is_share(host), "{host}");
    }
}
