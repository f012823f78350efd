//! The Navigator's state and every transition, as plain data: the UI's reducer only
//! calls [`Flow::apply`]. The URL and saved state are read from and written to it
//! through [`crate::engine::route`].

use super::journey::{Answers, Journey, Step, TextProblem};
use super::keep::Kept;
use super::model::{Bundle, Kind, Question};
use super::record::{self, Opened};
use super::report::long_date;
use super::route::Location;
use chrono::NaiveDate;
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Start,
    Question(String),
    /// The route's task list: its parts and their status.
    Tasks,
    Check,
    Outcome,
    /// A record someone saved, opened read-only (`Flow::record`).
    Record,
}

impl Page {
    /// A stable id for the page, for tests and the page's `data-page`: `start`,
    /// `question:<id>`, `tasks`, `check`, `outcome`.
    pub fn id(&self) -> String {
        match self {
            Page::Start => "start".into(),
            Page::Question(q) => format!("question:{q}"),
            Page::Tasks => "tasks".into(),
            Page::Check => "check".into(),
            Page::Outcome => "outcome".into(),
            Page::Record => "record".into(),
        }
    }
}

/// Where answers came from, for what a notice says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Link,
    Saved,
    /// A record file someone opened.
    Record,
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
    /// A file chosen as a record could not be opened.
    BadRecord(String),
}

impl Notice {
    /// A stable id for each kind, for tests and the page's `data-notice`.
    pub fn id(&self) -> &'static str {
        match self {
            Notice::Ignored(Source::Link, _) => "ignored-link",
            Notice::Ignored(Source::Saved, _) => "ignored-saved",
            Notice::Ignored(Source::Record, _) => "ignored-record",
            Notice::OffRoute(Source::Link, _) => "off-route-link",
            Notice::OffRoute(Source::Saved, _) => "off-route-saved",
            Notice::OffRoute(Source::Record, _) => "off-route-record",
            Notice::Moved => "moved",
            Notice::BadLink(_) => "bad-link",
            Notice::BadSaved { aside: true, .. } => "bad-saved",
            Notice::BadSaved { aside: false, .. } => "bad-saved-not-aside",
            Notice::StorageRefused(_) => "storage-refused",
            Notice::NotSaved(_) => "not-saved",
            Notice::BadConfig(_) => "bad-config",
            Notice::BadRecord(_) => "bad-record",
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
    /// The person turned keeping off (a shared computer): nothing is written, what was
    /// kept is removed, and the choice itself is remembered on this computer.
    Declined,
}

impl Keeping {
    /// A stable id, for tests and the page's `data-keeping`: `on`, `asking`, `off`.
    pub fn id(&self) -> &'static str {
        match self {
            Keeping::On => "on",
            Keeping::Asking { .. } => "asking",
            Keeping::Off(_) => "off",
            Keeping::Declined => "declined",
        }
    }
}

/// What a person's own step on this computer did, confirmed in a banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Their answers were deleted from this computer (and from the page).
    Deleted,
    /// Keeping was turned off: what was kept is gone, nothing more is written.
    KeepingOff,
    /// Keeping was turned on: the answers are kept after every step.
    KeepingOn,
    /// The link to the answers was copied.
    Copied,
    /// The link could not be copied (the browser's reason): it is shown to copy by hand.
    NotCopied(String),
}

impl Done {
    /// A stable id, for tests and the banner's `data-done`.
    pub fn id(&self) -> &'static str {
        match self {
            Done::Deleted => "deleted",
            Done::KeepingOff => "keeping-off",
            Done::KeepingOn => "keeping-on",
            Done::Copied => "copied",
            Done::NotCopied(_) => "not-copied",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub bundle: Rc<Bundle>,
    pub page: Page,
    pub answers: Answers,
    /// What is entered on the question page, before Continue.
    pub draft: Draft,
    /// Continue was pressed and the answer cannot be used: what to say.
    pub error: Option<InputError>,
    /// Today, for date answers that cannot be in the future.
    pub today: NaiveDate,
    /// Came from check your answers: after answering, return there as soon as possible.
    pub changing: bool,
    pub notices: Vec<Notice>,
    /// Bumped on every page change, so the UI knows when to move focus.
    pub turn: u32,
    pub keeping: Keeping,
    /// Bumped when the person asks for their kept answers to be removed (Start again,
    /// Delete, turning keeping off).
    pub erased: u32,
    /// What the person's last step on this computer did (deleted, copied…).
    pub done: Option<Done>,
    /// A share link includes text answers (names of people or organisations): only
    /// when the person ticks it.
    pub share_text: bool,
    /// The record opened to read (`Page::Record`), kept apart from the answers until the
    /// person continues from it.
    pub record: Option<Rc<Opened>>,
    /// Answers the host page gave this Navigator (`engine::preset`: the route to start
    /// at, the audience): Start begins with them when the person has none of their own.
    pub preset: Answers,
}

/// What is entered on a question page, before Continue: one field for each kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub choice: Option<String>,
    pub choices: Vec<String>,
    pub text: String,
    pub day: String,
    pub month: String,
    pub year: String,
}

/// Which part of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Day,
    Month,
    Year,
}

/// Why an answer cannot be used, in the GOV.UK style, and which fields to mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub message: String,
    /// For a date: the parts in error (the first gets the error summary's link).
    pub parts: Vec<DatePart>,
}

impl InputError {
    fn new(message: String) -> Self {
        InputError {
            message,
            parts: Vec::new(),
        }
    }
}

impl Draft {
    /// The draft for a question from its written answer.
    fn from_answer(q: &Question, written: Option<&String>) -> Draft {
        let mut d = Draft::default();
        let Some(w) = written else { return d };
        match q.kind {
            Kind::Choice => d.choice = Some(w.clone()),
            Kind::Choices => d.choices = w.split(',').map(str::to_string).collect(),
            Kind::Text => d.text = w.clone(),
            Kind::Date => {
                if let Some(date) = super::model::parse_ymd(w) {
                    use chrono::Datelike;
                    d.day = date.day().to_string();
                    d.month = date.month().to_string();
                    d.year = date.year().to_string();
                }
            }
        }
        d
    }

    /// The answer as written, or what to say (GOV.UK error messages) when it cannot be used.
    pub fn read(&self, q: &Question, today: NaiveDate) -> Result<String, InputError> {
        let short = q.short.trim();
        match q.kind {
            Kind::Choice => self
                .choice
                .clone()
                .filter(|c| q.option(c).is_some())
                .ok_or_else(|| InputError::new(q.error.clone())),
            Kind::Choices => {
                let chosen: Vec<&str> = q
                    .options
                    .iter()
                    .filter(|o| self.choices.contains(&o.id))
                    .map(|o| o.id.as_str())
                    .collect();
                if chosen.is_empty() {
                    return Err(InputError::new(q.error.clone()));
                }
                let w = chosen.join(",");
                q.read(&w)
                    .map(|_| w)
                    .map_err(|_| InputError::new(q.error.clone()))
            }
            Kind::Text => match q.text_problem(&self.text) {
                Some(TextProblem::Empty) => Err(InputError::new(q.error.clone())),
                Some(TextProblem::TooLong) => Err(InputError::new(format!(
                    "{short} must be {} characters or fewer",
                    q.max_length()
                ))),
                Some(TextProblem::Hidden) => Err(InputError::new(format!(
                    "{short} must not contain hidden or control characters"
                ))),
                None => Ok(self.text.trim().to_string()),
            },
            Kind::Date => self.read_date(q, today),
        }
    }

    fn read_date(&self, q: &Question, today: NaiveDate) -> Result<String, InputError> {
        let short = q.short.trim();
        let fields = [
            (DatePart::Day, "day", self.day.trim()),
            (DatePart::Month, "month", self.month.trim()),
            (DatePart::Year, "year", self.year.trim()),
        ];
        let missing: Vec<_> = fields.iter().filter(|f| f.2.is_empty()).collect();
        if missing.len() == 3 {
            return Err(InputError {
                message: q.error.clone(),
                parts: vec![DatePart::Day, DatePart::Month, DatePart::Year],
            });
        }
        if !missing.is_empty() {
            let names: Vec<&str> = missing.iter().map(|f| f.1).collect();
            return Err(InputError {
                message: format!("{short} must include a {}", names.join(" and ")),
                parts: missing.iter().map(|f| f.0).collect(),
            });
        }
        let number = |s: &str| -> Option<u32> {
            (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (d, m, y) = (
            number(fields[0].2),
            number(fields[1].2),
            number(fields[2].2),
        );
        if fields[2].2.len() != 4 && y.is_some() {
            return Err(InputError {
                message: "Year must include 4 numbers".into(),
                parts: vec![DatePart::Year],
            });
        }
        let date = match (d, m, y) {
            (Some(d), Some(m), Some(y)) => NaiveDate::from_ymd_opt(y as i32, m, d),
            _ => None,
        };
        let Some(date) = date.filter(|d| {
            use chrono::Datelike;
            d.year() >= 1900
        }) else {
            return Err(InputError {
                message: format!("{short} must be a real date"),
                parts: vec![DatePart::Day, DatePart::Month, DatePart::Year],
            });
        };
        if q.check_date(date, today).is_err() {
            return Err(InputError {
                message: format!(
                    "{short} must be today or in the past (today is {})",
                    long_date(today)
                ),
                parts: vec![DatePart::Day, DatePart::Month, DatePart::Year],
            });
        }
        Ok(super::model::ymd(date))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Start, or continue where the answers lead.
    Start,
    /// A radio chosen.
    Select(String),
    /// A checkbox ticked (`true`) or cleared. Ticking an exclusive one ("None of these")
    /// clears the others, and ticking another clears it.
    Toggle(String, bool),
    /// The text typed.
    Text(String),
    /// A part of a date typed.
    Date(DatePart, String),
    Continue,
    /// From the task list: go to a part.
    OpenPart(String),
    /// To the task list.
    ShowTasks,
    /// From the task list, once every part is done: check your answers.
    CheckAnswers,
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
    /// Delete my answers from this computer: like Start again, and says it was done.
    Delete,
    /// Keep the answers on this computer (`true`), or stop and remove what was kept.
    SetKeeping(bool),
    /// Include text answers in the share link.
    ShareText(bool),
    /// The share link was copied, or why not.
    Copied(Result<(), String>),
    /// A file chosen as a record, as text (or why the browser could not read it).
    ReadRecord(Result<String, String>),
    /// Continue from the open record as one's own copy of its answers.
    ContinueFromRecord,
    /// Close the open record.
    CloseRecord,
}

impl Flow {
    pub fn new(bundle: Rc<Bundle>, today: NaiveDate) -> Self {
        Flow {
            bundle,
            page: Page::Start,
            answers: Answers::new(),
            draft: Draft::default(),
            error: None,
            today,
            changing: false,
            notices: Vec::new(),
            turn: 0,
            keeping: Keeping::On,
            erased: 0,
            done: None,
            share_text: false,
            record: None,
            preset: Answers::new(),
        }
    }

    pub fn location(&self) -> Location {
        self.location_at(self.page.clone())
    }

    /// The answers with another page (a share link opens at the result).
    pub fn location_at(&self, page: Page) -> Location {
        Location {
            page,
            answers: self.answers.clone(),
        }
    }

    fn go(&mut self, page: Page) {
        self.done = None;
        self.draft = match &page {
            Page::Question(q) => self
                .bundle
                .question(q)
                .map(|question| Draft::from_answer(question, self.answers.get(q)))
                .unwrap_or_default(),
            _ => Draft::default(),
        };
        self.page = page;
        self.error = None;
        self.turn = self.turn.wrapping_add(1);
    }

    /// The journey the answers make: the one view of the state the pages read.
    pub fn journey(&self) -> Option<Journey<'_>> {
        Journey::new(&self.bundle, &self.answers)
    }

    /// Where the answers lead: the first unanswered triage question, the task list, or
    /// check your answers.
    fn resume_page(&self) -> Page {
        match self.journey().map(|j| j.resume()) {
            Some(step) => page_of(step),
            None => Page::Start,
        }
    }

    pub fn apply(mut self, action: Action) -> Self {
        let bundle = Rc::clone(&self.bundle);
        match action {
            Action::Start => {
                if self.answers.is_empty() {
                    self.answers = self.preset.clone();
                }
                let page = self.resume_page();
                self.go(page);
            }
            Action::Select(option) => {
                self.draft.choice = Some(option);
                self.error = None;
            }
            Action::Toggle(option, on) => {
                let q = match &self.page {
                    Page::Question(q) => bundle.question(q),
                    _ => None,
                };
                if let Some(q) = q {
                    let exclusive = |id: &str| q.option(id).is_some_and(|o| o.exclusive);
                    self.draft.choices.retain(|c| *c != option);
                    if on {
                        if exclusive(&option) {
                            self.draft.choices.clear();
                        } else {
                            self.draft.choices.retain(|c| !exclusive(c));
                        }
                        self.draft.choices.push(option);
                    }
                }
            }
            Action::Text(text) => self.draft.text = text,
            Action::Date(part, value) => match part {
                DatePart::Day => self.draft.day = value,
                DatePart::Month => self.draft.month = value,
                DatePart::Year => self.draft.year = value,
            },
            Action::Continue => {
                let Page::Question(qid) = self.page.clone() else {
                    return self;
                };
                let Some(q) = bundle.question(&qid) else {
                    return self;
                };
                let written = match self.draft.read(q, self.today) {
                    Ok(w) => w,
                    Err(e) => {
                        self.error = Some(e);
                        self.turn = self.turn.wrapping_add(1);
                        return self;
                    }
                };
                self.answers.insert(qid.clone(), written);
                let Some(j) = Journey::new(&bundle, &self.answers) else {
                    return self;
                };
                // Drop the answers that no longer apply.
                self.answers = j.live(&self.answers);
                // Changing an answer from check your answers: back there as soon as
                // everything is answered; else the next question this part still needs,
                // or the task list (another part may now be needed).
                let next = match (self.changing, j.section_of(&qid).and_then(|s| s.next)) {
                    (true, _) if j.complete() => Page::Check,
                    (true, Some(q)) => Page::Question(q.id.clone()),
                    (true, None) => Page::Tasks,
                    (false, _) => page_of(j.after(&qid)),
                };
                if next == Page::Check {
                    self.changing = false;
                }
                self.go(next);
            }
            Action::OpenPart(part) => {
                let q = self
                    .journey()
                    .and_then(|j| j.open(&part))
                    .map(|q| q.id.clone());
                if let Some(q) = q {
                    self.changing = false;
                    self.go(Page::Question(q));
                }
            }
            Action::ShowTasks => {
                if self.journey().is_some_and(|j| !j.tasks.is_empty()) {
                    self.changing = false;
                    self.go(Page::Tasks);
                }
            }
            Action::CheckAnswers => {
                if self.journey().is_some_and(|j| j.complete()) {
                    self.go(Page::Check);
                }
            }
            Action::Back => {
                let page = match self.journey() {
                    None => Page::Start,
                    Some(j) => match &self.page {
                        Page::Question(q) => j.before(q).map_or(Page::Start, page_of),
                        Page::Tasks => j
                            .last_triage()
                            .map_or(Page::Start, |q| Page::Question(q.id.clone())),
                        Page::Check if !j.tasks.is_empty() => Page::Tasks,
                        Page::Check => j
                            .last_triage()
                            .map_or(Page::Start, |q| Page::Question(q.id.clone())),
                        Page::Outcome => Page::Check,
                        Page::Start | Page::Record => Page::Start,
                    },
                };
                self.changing = false;
                self.go(page);
            }
            Action::Change(qid) => {
                if self.journey().is_some_and(|j| j.reaches(&qid)) {
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
            Action::Restart => self.restart(),
            Action::Delete => {
                self.restart();
                self.done = Some(Done::Deleted);
            }
            Action::SetKeeping(on) => match (&self.keeping, on) {
                (Keeping::Declined, true) => {
                    self.keeping = Keeping::On;
                    self.done = Some(Done::KeepingOn);
                }
                // Not while asking about a link: the kept answers it holds are
                // removed only once the person has chosen.
                (Keeping::On, false) => {
                    self.keeping = Keeping::Declined;
                    self.erased = self.erased.wrapping_add(1);
                    self.done = Some(Done::KeepingOff);
                }
                _ => {}
            },
            Action::ShareText(on) => self.share_text = on,
            Action::ReadRecord(text) => {
                let opened = text.and_then(|t| record::open(&t, &bundle, self.today));
                match opened {
                    Ok(opened) => {
                        self.notices.clear();
                        self.record = Some(Rc::new(opened));
                        self.go(Page::Record);
                    }
                    Err(why) => {
                        self.notices.retain(|n| !matches!(n, Notice::BadRecord(_)));
                        self.notices.push(Notice::BadRecord(why));
                        self.turn = self.turn.wrapping_add(1);
                    }
                }
            }
            Action::ContinueFromRecord => {
                if let Some(opened) = self.record.take() {
                    let current = self.answers.clone();
                    let link = Location {
                        page: Page::Outcome,
                        answers: opened.answers.clone(),
                    };
                    self.follow(Source::Record, link, current, None, false, true);
                }
            }
            Action::CloseRecord => {
                self.record = None;
                self.go(Page::Start);
            }
            Action::Copied(result) => {
                self.done = Some(match result {
                    Ok(()) => Done::Copied,
                    Err(why) => Done::NotCopied(why),
                })
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

    /// Start again: every answer forgotten, on the page and on this computer.
    fn restart(&mut self) {
        self.answers.clear();
        self.changing = false;
        self.notices.clear();
        self.share_text = false;
        self.erased = self.erased.wrapping_add(1);
        if matches!(self.keeping, Keeping::Asking { .. }) {
            self.keeping = Keeping::On;
        }
        self.go(Page::Start);
    }

    /// Shows `location`, whose answers `usable` has already checked: keeps those on the
    /// route, and never shows a page the answers do not lead to.
    fn load(&mut self, location: Location) {
        let Some(j) = Journey::new(&self.bundle, &location.answers) else {
            return;
        };
        self.answers = j.live(&location.answers);
        let page = if shows(&j, &location.page, false) {
            location.page
        } else {
            self.notices.push(Notice::Moved);
            self.resume_page()
        };
        self.changing = false;
        self.go(page);
    }

    /// The answers this content can use, after saying which it cannot.
    fn usable(&mut self, from: Source, mut answers: Answers) -> Answers {
        let ignored = unusable(&self.bundle, &answers, self.today);
        for (q, _) in &ignored {
            answers.remove(q);
        }
        if !ignored.is_empty() {
            self.notices.push(Notice::Ignored(from, ignored));
        }
        let on_route = Journey::new(&self.bundle, &answers)
            .map(|j| j.live(&answers))
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
        let record_open = self.record.is_some();
        if self
            .journey()
            .is_some_and(|j| shows(&j, &page, record_open))
        {
            return page;
        }
        if say {
            self.notices.push(Notice::Moved);
        }
        Page::Start
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
            self.follow(Source::Link, link, kept_answers, at, false, true);
        }
        self
    }

    /// Shows `link` over the `kept` answers: a link with no usable answers, or the same
    /// ones, moves between pages; one with other answers is shown and, when `ask` and
    /// answers are being kept, the person is asked before it replaces the kept ones.
    /// `ours`: a history entry the Navigator wrote, whose answers are not read at all.
    fn follow(
        &mut self,
        from: Source,
        link: Location,
        kept: Answers,
        at: Option<String>,
        ours: bool,
        ask: bool,
    ) {
        let usable = if ours {
            Answers::new()
        } else {
            self.usable(from, link.answers)
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
                self.follow(Source::Link, location, current, None, ours, ask);
            }
            Ok(None) => {}
            Err(why) => self.notices.push(Notice::BadLink(why)),
        }
    }
}

/// The page for a step of the journey.
fn page_of(step: Step<'_>) -> Page {
    match step {
        Step::Question(q) => Page::Question(q.id.clone()),
        Step::Tasks => Page::Tasks,
        Step::Check => Page::Check,
    }
}

/// Whether the journey can show the page: a question it reaches, the task list of a
/// route with parts, check your answers and the result once everything is decided, and
/// the record page while a record is open (a record comes from its file, never a link).
fn shows(j: &Journey<'_>, page: &Page, record_open: bool) -> bool {
    match page {
        Page::Start => true,
        Page::Question(q) => j.reaches(q),
        Page::Tasks => j.route.is_some() && !j.tasks.is_empty(),
        Page::Check | Page::Outcome => j.complete(),
        Page::Record => record_open,
    }
}

/// Answers that cannot be used: a question this version does not have, or an answer
/// the question cannot read (not one of its options, a text too long, a date in the
/// future where that makes no sense). Each as (question id, answer).
pub fn unusable(bundle: &Bundle, answers: &Answers, today: NaiveDate) -> Vec<(String, String)> {
    answers
        .iter()
        .filter(|(q, a)| {
            let Some(q) = bundle.question(q) else {
                return true;
            };
            match q.read(a) {
                Ok(super::journey::Answer::Date(d)) => q.check_date(d, today).is_err(),
                Ok(_) => false,
                Err(_) => true,
            }
        })
        .map(|(q, a)| (q.clone(), a.clone()))
        .collect()
}
