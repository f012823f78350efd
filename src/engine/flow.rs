//! The Navigator's state and every transition, as plain data: the UI's reducer only
//! calls [`Flow::apply`]. The URL and saved state are read from and written to it
//! through [`crate::engine::route`].

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

/// Something about the input that the person should know: shown as a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Answers from a link or saved state that this version cannot use, as (question, answer).
    Ignored(Vec<(String, String)>),
    /// The link asked for a page the answers do not lead to; the person was taken to the right one.
    Moved,
    /// The link could not be read at all.
    BadLink(String),
    /// Saved answers could not be read; what was there is kept aside, not deleted.
    BadSaved(String),
    /// The page's organisation configuration could not be used.
    BadConfig(Vec<String>),
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
    /// A location from the URL (a link, or the browser's back button).
    Load(Location),
    /// Something the person should know, found outside the flow (a bad link, say).
    Notify(Notice),
    DismissNotices,
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
                self.go(Page::Start);
            }
            Action::Notify(notice) => {
                if !self.notices.contains(&notice) {
                    self.notices.push(notice);
                }
            }
            Action::DismissNotices => self.notices.clear(),
            Action::Load(location) => self.load(location),
        }
        self
    }

    /// Takes a location from outside (URL or saved state): keeps every usable answer,
    /// says what was ignored, and never shows a page the answers do not lead to.
    fn load(&mut self, location: Location) {
        let bundle = Rc::clone(&self.bundle);
        let ignored = unusable(&bundle, &location.answers);
        let mut answers = location.answers;
        for (q, _) in &ignored {
            answers.remove(q);
        }
        let Some(w) = walk(&bundle, &answers) else {
            return;
        };
        self.answers = w.answers();
        if !ignored.is_empty() {
            self.notices.push(Notice::Ignored(ignored));
        }
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
}
