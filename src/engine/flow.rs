//! The Navigator's state and every transition, as plain data: the UI's reducer only
//! calls [`Flow::apply`]. The URL and saved state are read from and written to it
//! through [`crate::engine::route`].

use super::keep::Kept;
use super::model::Bundle;
use super::route::Location;
use super::walk::{unusable, walk, Answers, Step};
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Start,
    Question(String),
    Check,
    Outcome,
}

impl Page {
    /// A stable id for the page, for tests and the page's `data-page`: `start`,
    /// `question:<id>`, `check`, `outcome`.
    pub fn id(&self) -> String {
        match self {
            Page::Start => "start".into(),
            Page::Question(q) => format!("question:{q}"),
            Page::Check => "check".into(),
            Page::Outcome => "outcome".into(),
        }
    }
}

/// Where answers came from, for what a notice says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Link,
    Saved,
}

/// Something about the input that the person should know: shown as a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Answers from a link or saved state that this version cannot use, as (question, answer).
    Ignored(Source, Vec<(String, String)>),
    /// The link asked for a page the answers do not lead to; the person was taken to the right one.
    Moved,
    /// The link could not be read at all.
    BadLink(String),
    /// Saved answers could not be read. `aside`: a copy was stored and read back, so the
    /// Navigator may save over the original; otherwise it saves nothing.
    BadSaved { why: String, aside: bool },
    /// The browser would not let the Navigator read what it saved: nothing is written.
    StorageRefused(String),
    /// Answers from a link or saved state that do not apply to the route their other
    /// answers take (say, answers from two routes): how many were left out.
    OffRoute(Source, usize),
    /// The browser would not keep the answers (quota full, storage switched off…).
    NotSaved(String),
    /// The page's organisation settings could not all be used.
    BadConfig(Vec<String>),
}

impl Notice {
    /// A stable id for each kind, for tests and the page's `data-notice`.
    pub fn id(&self) -> &'static str {
        match self {
            Notice::Ignored(Source::Link, _) => "ignored-link",
            Notice::Ignored(Source::Saved, _) => "ignored-saved",
            Notice::OffRoute(Source::Link, _) => "off-route-link",
            Notice::OffRoute(Source::Saved, _) => "off-route-saved",
            Notice::Moved => "moved",
            Notice::BadLink(_) => "bad-link",
            Notice::BadSaved { aside: true, .. } => "bad-saved",
            Notice::BadSaved { aside: false, .. } => "bad-saved-not-aside",
            Notice::StorageRefused(_) => "storage-refused",
            Notice::NotSaved(_) => "not-saved",
            Notice::BadConfig(_) => "bad-config",
        }
    }
}

/// Whether the answers are kept on this computer. Answers kept there are removed only
/// by the person (Start again); nothing from outside writes over them without asking.
#[derive(Debug, Clone, PartialEq)]
pub enum Keeping {
    /// Written after every step.
    On,
    /// A link with other answers is shown; the kept answers (saved `at`) are untouched
    /// until the person chooses to keep them or to use the link's.
    Asking { kept: Answers, at: Option<String> },
    /// The browser will not keep them (its reason): nothing is written.
    Off(String),
}

impl Keeping {
    /// A stable id, for tests and the page's `data-keeping`: `on`, `asking`, `off`.
    pub fn id(&self) -> &'static str {
        match self {
            Keeping::On => "on",
            Keeping::Asking { .. } => "asking",
            Keeping::Off(_) => "off",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub bundle: Rc<Bundle>,
    pub page: Page,
    pub answers: Answers,
    /// The option selected on the question page, before Continue.
    pub draft: Option<String>,
    /// Continue was pressed with nothing chosen.
    pub missing: bool,
    /// Came from check your answers: after answering, return there as soon as possible.
    pub changing: bool,
    pub notices: Vec<Notice>,
    /// Bumped on every page change, so the UI knows when to move focus.
    pub turn: u32,
    pub keeping: Keeping,
    /// Bumped when the person asks for their kept answers to be removed (Start again).
    pub erased: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Start, or continue where the answers lead.
    Start,
    Select(String),
    Continue,
    Back,
    /// From check your answers: change the answer to this question.
    Change(String),
    /// From check your answers to the outcome.
    Confirm,
    /// Forget every answer and go to the start page.
    Restart,
    /// The address changed while the Navigator was open. `ours`: a history entry the
    /// Navigator made (Back, Forward), which moves between pages and never changes the
    /// answers; otherwise a link pasted or opened in this tab.
    Navigate {
        address: Result<Option<Location>, String>,
        ours: bool,
    },
    /// Asked whether a link may replace the kept answers: keep the kept ones.
    KeepSaved,
    /// ... or use the link's (they are then saved over the kept ones).
    UseLink,
    /// The browser refused to store the answers, with its reason.
    StorageFailed(String),
    DismissNotices,
    /// To the start page, leaving the answers as they are (the way out of a notice: a bad
    /// link is no reason to lose what was kept).
    Home,
}

impl Flow {
    pub fn new(bundle: Rc<Bundle>) -> Self {
        Flow {
            bundle,
            page: Page::Start,
            answers: Answers::new(),
            draft: None,
            missing: false,
            changing: false,
            notices: Vec::new(),
            turn: 0,
            keeping: Keeping::On,
            erased: 0,
        }
    }

    pub fn location(&self) -> Location {
        Location {
            page: self.page.clone(),
            answers: self.answers.clone(),
        }
    }

    fn go(&mut self, page: Page) {
        self.draft = match &page {
            Page::Question(q) => self.answers.get(q).cloned(),
            _ => None,
        };
        self.page = page;
        self.missing = false;
        self.turn = self.turn.wrapping_add(1);
    }

    /// Where the answers lead: the first unanswered question, or check your answers.
    fn resume_page(&self) -> Page {
        match walk(&self.bundle, &self.answers).map(|w| w.current) {
            Some(Step::Question(q)) => Page::Question(q.id.clone()),
            Some(Step::Outcome(_)) => Page::Check,
            None => Page::Start,
        }
    }

    pub fn apply(mut self, action: Action) -> Self {
        let bundle = Rc::clone(&self.bundle);
        match action {
            Action::Start => {
                let page = self.resume_page();
                self.go(page);
            }
            Action::Select(option) => {
                self.draft = Some(option);
                self.missing = false;
            }
            Action::Continue => {
                let Page::Question(qid) = self.page.clone() else {
                    return self;
                };
                let chosen = self
                    .draft
                    .clone()
                    .filter(|d| bundle.question(&qid).and_then(|q| q.option(d)).is_some());
                let Some(option) = chosen else {
                    self.missing = true;
                    self.turn = self.turn.wrapping_add(1);
                    return self;
                };
                self.answers.insert(qid.clone(), option.clone());
                let Some(w) = walk(&bundle, &self.answers) else {
                    return self;
                };
                // Drop the answers that no longer apply.
                self.answers = w.answers();
                let next = if self.changing {
                    match w.current {
                        Step::Question(q) => Page::Question(q.id.clone()),
                        Step::Outcome(_) => Page::Check,
                    }
                } else {
                    let next = bundle
                        .question(&qid)
                        .and_then(|q| q.option(&option))
                        .map(|o| o.next.clone())
                        .unwrap_or_default();
                    if bundle.question(&next).is_some() {
                        Page::Question(next)
                    } else {
                        Page::Check
                    }
                };
                if next == Page::Check {
                    self.changing = false;
                }
                self.go(next);
            }
            Action::Back => {
                let w = walk(&bundle, &self.answers);
                let page = match (&self.page, &w) {
                    (Page::Question(q), Some(w)) => match w.before(q) {
                        Some(prev) => Page::Question(prev.id.clone()),
                        None => Page::Start,
                    },
                    (Page::Check, Some(w)) => match w.path.last() {
                        Some((q, _)) => Page::Question(q.id.clone()),
                        None => Page::Start,
                    },
                    (Page::Outcome, _) => Page::Check,
                    _ => Page::Start,
                };
                self.changing = false;
                self.go(page);
            }
            Action::Change(qid) => {
                if walk(&bundle, &self.answers).is_some_and(|w| w.reaches(&qid)) {
                    self.changing = true;
                    self.go(Page::Question(qid));
                }
            }
            Action::Confirm => {
                let page = match self.resume_page() {
                    Page::Check => Page::Outcome,
                    other => other,
                };
                self.go(page);
            }
            Action::Restart => {
                self.answers.clear();
                self.changing = false;
                self.notices.clear();
                self.erased = self.erased.wrapping_add(1);
                if matches!(self.keeping, Keeping::Asking { .. }) {
                    self.keeping = Keeping::On;
                }
                self.go(Page::Start);
            }
            Action::Navigate { address, ours } => self.navigate(address, ours),
            Action::KeepSaved => {
                if let Keeping::Asking { kept, .. } =
                    std::mem::replace(&mut self.keeping, Keeping::On)
                {
                    // What was said about the link no longer applies.
                    self.notices.retain(|n| {
                        !matches!(
                            n,
                            Notice::Ignored(Source::Link, _) | Notice::Moved | Notice::BadLink(_)
                        )
                    });
                    self.load(Location {
                        page: Page::Start,
                        answers: kept,
                    });
                }
            }
            Action::UseLink => {
                if matches!(self.keeping, Keeping::Asking { .. }) {
                    self.keeping = Keeping::On;
                }
            }
            Action::StorageFailed(why) => {
                if !matches!(self.keeping, Keeping::Off(_)) {
                    self.keeping = Keeping::Off(why.clone());
                    self.notices.push(Notice::NotSaved(why));
                }
            }
            Action::DismissNotices => self.notices.clear(),
            Action::Home => {
                self.notices.clear();
                self.changing = false;
                self.go(Page::Start);
            }
        }
        self
    }

    /// Shows `location`, whose answers `usable` has already checked: keeps those on the
    /// route, and never shows a page the answers do not lead to.
    fn load(&mut self, location: Location) {
        let Some(w) = walk(&self.bundle, &location.answers) else {
            return;
        };
        self.answers = w.answers();
        let page = match location.page {
            Page::Start => Page::Start,
            Page::Question(q) if w.reaches(&q) => Page::Question(q),
            Page::Check | Page::Outcome if w.outcome().is_some() => location.page,
            _ => {
                self.notices.push(Notice::Moved);
                self.resume_page()
            }
        };
        self.changing = false;
        self.go(page);
    }

    /// The answers this content can use, after saying which it cannot.
    fn usable(&mut self, from: Source, mut answers: Answers) -> Answers {
        let ignored = unusable(&self.bundle, &answers);
        for (q, _) in &ignored {
            answers.remove(q);
        }
        if !ignored.is_empty() {
            self.notices.push(Notice::Ignored(from, ignored));
        }
        let on_route = walk(&self.bundle, &answers)
            .map(|w| w.answers())
            .unwrap_or_default();
        let off = answers.len() - on_route.len();
        if off > 0 {
            self.notices.push(Notice::OffRoute(from, off));
        }
        on_route
    }

    /// A page the current answers can show: `page` if they lead to it, else the start
    /// page (offering to continue), saying so when `say`.
    fn reachable(&mut self, page: Page, say: bool) -> Page {
        let w = walk(&self.bundle, &self.answers);
        match (&page, &w) {
            (Page::Start, _) => Page::Start,
            (Page::Question(q), Some(w)) if w.reaches(q) => page,
            (Page::Check | Page::Outcome, Some(w)) if w.outcome().is_some() => page,
            _ => {
                if say {
                    self.notices.push(Notice::Moved);
                }
                Page::Start
            }
        }
    }

    /// The Navigator opens: the address (if it names one) and what this computer kept.
    /// Kept answers are never replaced without asking: an address with the same answers
    /// continues; one with other answers is shown and the person is asked; one with no
    /// answers (a bookmark) opens its page over the kept answers, or the start page.
    pub fn open(mut self, address: Result<Option<Location>, String>, kept: Kept) -> Self {
        let (saved, at) = match kept {
            Kept::Nothing => (None, None),
            Kept::Saved(s) => (Some(s.location), s.at),
            Kept::Unreadable { why, aside } => {
                self.notices.push(Notice::BadSaved {
                    why: why.clone(),
                    aside,
                });
                if !aside {
                    self.keeping = Keeping::Off(format!(
                        "what was saved before could not be read ({why}) and could not be kept aside, so the Navigator will not save over it"
                    ));
                }
                (None, None)
            }
            Kept::Refused(why) => {
                self.notices.push(Notice::StorageRefused(why.clone()));
                self.keeping = Keeping::Off(why);
                (None, None)
            }
        };
        let kept_answers = saved
            .map(|l| self.usable(Source::Saved, l.answers))
            .unwrap_or_default();
        let address = match address {
            Ok(a) => a,
            Err(why) => {
                self.notices.push(Notice::BadLink(why));
                None
            }
        };
        self.answers = kept_answers.clone();
        if let Some(link) = address {
            self.follow(link, kept_answers, at, false, true);
        }
        self
    }

    /// Shows `link` over the `kept` answers: a link with no usable answers, or the same
    /// ones, moves between pages; one with other answers is shown and, when `ask` and
    /// answers are being kept, the person is asked before it replaces the kept ones.
    /// `ours`: a history entry the Navigator wrote, whose answers are not read at all.
    fn follow(&mut self, link: Location, kept: Answers, at: Option<String>, ours: bool, ask: bool) {
        let usable = if ours {
            Answers::new()
        } else {
            self.usable(Source::Link, link.answers)
        };
        if usable.is_empty() || usable == kept {
            self.answers = kept;
            self.changing = false;
            let page = self.reachable(link.page, !ours);
            self.go(page);
            return;
        }
        self.load(Location {
            page: link.page,
            answers: usable,
        });
        if ask && self.keeping == Keeping::On && !kept.is_empty() && self.answers != kept {
            self.keeping = Keeping::Asking { kept, at };
        }
    }

    /// The address changed while open (see [`Action::Navigate`]). Back and Forward
    /// move between pages over the current answers; a pasted link is followed as at
    /// start (while already asking about a link, the question stays as it was).
    fn navigate(&mut self, address: Result<Option<Location>, String>, ours: bool) {
        match address {
            Ok(Some(location)) => {
                let ask = !matches!(self.keeping, Keeping::Asking { .. });
                let current = self.answers.clone();
                self.follow(location, current, None, ours, ask);
            }
            Ok(None) => {}
            Err(why) => self.notices.push(Notice::BadLink(why)),
        }
    }
}
