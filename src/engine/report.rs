//! The outcome page's facts: the route and why, the checklist filtered by the answers,
//! the contacts with dialable links, and the dates that follow (computed with chrono):
//! only those that can be worked out, and once per meeting how to get its dates.

use super::href::Href;
use super::journey::{holds, Answer, Journey, Section, Truth};
use super::model::{
    parse_ymd, ChecklistItem, Contact, DateKind, Decision, Organisation, Question, Questionnaire,
    Route,
};
use super::validate::placeholders;
use chrono::{Months, NaiveDate};

#[derive(Debug, Clone, PartialEq)]
pub struct Report<'a> {
    pub route: &'a Route,
    /// The route's summary, for the reader (staff, or someone from another organisation).
    pub summary: String,
    /// The reader is from another organisation.
    pub external: bool,
    /// The triage's answers that chose the route, each with its reason.
    pub reasons: Vec<Reason<'a>>,
    /// The route's own checklist, before the parts'.
    pub checklist: Vec<Item<'a>>,
    /// Each part in order: its decision, why, and its checklist (no item twice across
    /// the whole result: an item already listed in an earlier part is left out).
    pub parts: Vec<PartReport<'a>>,
    /// The route's contacts, then each decision's, each once, first to call first.
    pub contacts: Vec<ContactCard<'a>>,
    /// The dates that can be worked out today, in the content's order. A date that
    /// cannot (its meeting has no coming dates listed) is left out, not guessed.
    pub dates: Vec<DateLine>,
    /// Once for each meeting with a date that could not be worked out: how to get its
    /// dates, in the order the meetings are first named.
    pub meeting_notes: Vec<MeetingNote>,
    /// When the content the route went through was last reviewed: one entry for each
    /// set of questionnaires with the same review, in the route's order.
    pub reviews: Vec<Review<'a>>,
}

/// One part's decision on the result page.
#[derive(Debug, Clone, PartialEq)]
pub struct PartReport<'a> {
    pub part: &'a Questionnaire,
    pub decision: &'a Decision,
    pub title: String,
    pub summary: String,
    pub reasons: Vec<Reason<'a>>,
    pub checklist: Vec<Item<'a>>,
}

/// When some of the content was last reviewed, by whom, and when its law was checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Review<'a> {
    /// The ids of the questionnaires reviewed together, in the order the route met them.
    pub questionnaires: Vec<&'a str>,
    /// Their titles, in the same order.
    pub titles: Vec<&'a str>,
    pub reviewed: NaiveDate,
    /// A role, as the content gives it.
    pub reviewed_by: &'a str,
    pub law_checked: NaiveDate,
    /// The review was more than a year before today.
    pub overdue: bool,
}

impl Review<'_> {
    /// The review in words; `named`: say which content it is about (where the route went
    /// through content reviewed at different times).
    pub fn describe(&self, named: bool) -> String {
        let what = if named {
            let titles: Vec<String> = self.titles.iter().map(|t| format!("'{t}'")).collect();
            format!("The content for {}", titles.join(" and "))
        } else {
            "Content".to_string()
        };
        format!(
            "{what} last reviewed on {} by {}. The law it rests on was last checked on {}.",
            long_date(self.reviewed),
            self.reviewed_by.trim(),
            long_date(self.law_checked)
        )
    }

    /// The warning to give when the review is more than a year old.
    pub fn warning(&self) -> Option<&'static str> {
        self.overdue.then_some(
            "This guidance was last reviewed more than a year ago and may be out of date. Check it with the contacts above before you rely on it.",
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reason<'a> {
    pub question: &'a str,
    pub answer: &'a str,
    pub because: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item<'a> {
    pub id: &'a str,
    /// The item's words, with the person's details filled in.
    pub text: String,
    pub source: &'a str,
    /// The template's name and link, where the item names one (no link where the
    /// organisation has not published one).
    pub template: Option<(&'a str, Option<Href>)>,
    /// The public page the item names.
    pub link: Option<Href>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContactCard<'a> {
    pub role: &'a str,
    pub contact: &'a Contact,
    /// The number as shown, e.g. "01332 623700 extension 31121".
    pub phone_text: String,
    /// An RFC 3966 link, e.g. "tel:+441332623700;ext=31121".
    pub tel: Option<Href>,
    pub mailto: Option<Href>,
    pub website: Option<Href>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DateLine {
    pub id: String,
    pub label: String,
    pub value: DateValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DateValue {
    /// The next meeting on or after today.
    Meeting { date: NaiveDate, meeting: String },
    /// The last day to be on the agenda of the next meeting that can still be made.
    Deadline {
        deadline: NaiveDate,
        date: NaiveDate,
        meeting: String,
    },
    /// A clock starting today; `extended` where complex.
    Clock {
        due: NaiveDate,
        extended: Option<NaiveDate>,
    },
}

/// How to get a meeting's dates, where the organisation lists none still to come.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingNote {
    /// The meeting's id in the organisation's `[meetings.*]`.
    pub id: String,
    /// The meeting's name.
    pub name: String,
    /// The organisation's own words (the meeting's `cadence`), or where to look.
    pub text: String,
}

impl MeetingNote {
    fn new(org: &Organisation, id: &str) -> MeetingNote {
        let m = org.meetings.get(id);
        let name = m
            .map(|m| m.name.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string());
        let cadence = m.map(|m| m.cadence.trim()).unwrap_or_default();
        let intranet = org.intranet.trim();
        let text = if !cadence.is_empty() {
            cadence.to_string()
        } else if !intranet.is_empty() {
            format!("No coming dates are set in this Navigator: check {intranet}.")
        } else {
            "No coming dates are set in this Navigator: ask the contacts.".to_string()
        };
        MeetingNote {
            id: id.to_string(),
            name,
            text,
        }
    }

    /// The note in words, as the outcome page and the exported checklist show it.
    pub fn describe(&self) -> String {
        format!("{}: {}", self.name, self.text)
    }
}

impl DateValue {
    /// The date in words, as the outcome page and the exported checklist show it.
    pub fn describe(&self) -> String {
        match self {
            DateValue::Meeting { date, meeting } => format!("{} ({meeting})", long_date(*date)),
            DateValue::Deadline {
                deadline,
                date,
                meeting,
            } => {
                format!(
                    "{} for the {meeting} on {}",
                    long_date(*deadline),
                    long_date(*date)
                )
            }
            DateValue::Clock {
                due,
                extended: None,
            } => long_date(*due),
            DateValue::Clock {
                due,
                extended: Some(x),
            } => {
                format!(
                    "{}, or {} where the request is complex",
                    long_date(*due),
                    long_date(*x)
                )
            }
        }
    }
}

/// The result for a journey whose every part is decided; `None` while questions remain.
pub fn report<'a>(journey: &Journey<'a>, today: NaiveDate) -> Option<Report<'a>> {
    if !journey.complete() {
        return None;
    }
    let route = journey.route?;
    let bundle = journey.bundle;
    let org = &bundle.organisation;
    let external = journey.external();
    let pick = |staff: &str, ext: &str| -> String {
        let t = if external && !ext.trim().is_empty() {
            ext
        } else {
            staff
        };
        fill(t, journey)
    };
    let mut listed: Vec<&str> = Vec::new();
    let items = |list: &'a [ChecklistItem], listed: &mut Vec<&'a str>| -> Vec<Item<'a>> {
        list.iter()
            .filter(|i| holds(&i.when, &i.unless, &journey.facts) == Truth::Yes)
            .filter(|i| {
                let new = !listed.contains(&i.id.as_str());
                listed.push(&i.id);
                new
            })
            .map(|i| Item {
                id: &i.id,
                text: fill(&i.text, journey),
                source: &i.source,
                template: i
                    .template
                    .as_ref()
                    .and_then(|t| org.templates.get(t))
                    .map(|t| (t.name.as_str(), Href::web(&t.url).ok())),
                link: i.link.as_deref().and_then(|l| Href::web(l).ok()),
            })
            .collect()
    };
    let checklist = items(&route.checklist, &mut listed);
    let mut parts = Vec::new();
    for task in &journey.tasks {
        let Some(section) = &task.section else {
            continue;
        };
        let Some(decision) = section.decision else {
            continue;
        };
        parts.push(PartReport {
            part: task.part,
            decision,
            title: fill(&decision.title, journey),
            summary: pick(&decision.summary, &decision.summary_external),
            reasons: reasons(section),
            checklist: items(&decision.checklist, &mut listed),
        });
    }
    let decisions: Vec<&Decision> = parts.iter().map(|p| p.decision).collect();
    let mut roles: Vec<&str> = Vec::new();
    for role in route
        .contacts
        .iter()
        .chain(decisions.iter().flat_map(|d| d.contacts.iter()))
    {
        if !roles.contains(&role.as_str()) {
            roles.push(role);
        }
    }
    let contacts = roles
        .iter()
        .filter_map(|role| org.contacts.get_key_value(*role))
        .map(|(role, contact)| contact_card(org, role, contact))
        .collect();
    let mut dates: Vec<DateLine> = Vec::new();
    let mut meeting_notes: Vec<MeetingNote> = Vec::new();
    let rules = route
        .dates
        .iter()
        .chain(decisions.iter().flat_map(|d| d.dates.iter()));
    for rule in rules {
        if dates.iter().any(|d| d.id == rule.id) {
            continue;
        }
        let start = match rule.kind() {
            DateKind::Clock { from: Some(q), .. } => match journey.answer(q) {
                Some(Answer::Date(d)) => *d,
                _ => today,
            },
            _ => today,
        };
        match date_value(org, rule.kind(), start) {
            Ok(value) => dates.push(DateLine {
                id: rule.id.clone(),
                label: fill(&rule.label, journey),
                value,
            }),
            Err(meeting) => {
                if !meeting_notes.iter().any(|n| n.id == meeting) {
                    meeting_notes.push(MeetingNote::new(org, meeting));
                }
            }
        }
    }
    Some(Report {
        route,
        summary: pick(&route.summary, &route.summary_external),
        external,
        reasons: reasons(&journey.triage),
        checklist,
        parts,
        contacts,
        dates,
        meeting_notes,
        reviews: reviews(journey, today),
    })
}

/// The answers of a section that say why, each with the content's reason.
pub fn reasons<'a>(section: &Section<'a>) -> Vec<Reason<'a>> {
    let mut out = Vec::new();
    for (q, answer) in &section.asked {
        let chosen: Vec<&str> = match answer {
            Answer::Choice(id) => vec![id.as_str()],
            Answer::Choices(ids) => ids.iter().map(String::as_str).collect(),
            _ => continue,
        };
        for id in chosen {
            if let Some(o) = q.option(id).filter(|o| !o.because.trim().is_empty()) {
                out.push(Reason {
                    question: &q.short,
                    answer: &o.label,
                    because: &o.because,
                });
            }
        }
    }
    out
}

/// The answer as the person would say it: the option's label (labels), the text, the date.
pub fn shown(q: &Question, answer: &Answer) -> String {
    match answer {
        Answer::Choice(id) => q.option(id).map(|o| o.label.clone()).unwrap_or_default(),
        Answer::Choices(ids) => {
            let labels: Vec<&str> = ids
                .iter()
                .filter_map(|id| q.option(id))
                .map(|o| o.label.as_str())
                .collect();
            labels.join("; ")
        }
        Answer::Text(t) => t.clone(),
        Answer::Date(d) => long_date(*d),
    }
}

/// Fills `{question-id}` with the person's text or date answer (as text: the page
/// renders it as text, never as markup). An unanswered one is left as it is; the
/// exploration test proves none is.
pub fn fill(text: &str, journey: &Journey<'_>) -> String {
    let mut out = text.to_string();
    for p in placeholders(text) {
        let value = match journey.answer(p) {
            Some(Answer::Text(t)) => t.clone(),
            Some(Answer::Date(d)) => long_date(*d),
            _ => continue,
        };
        out = out.replace(&format!("{{{p}}}"), &value);
    }
    out
}

/// The reviews of the questionnaires the journey went through (the triage and each
/// part), those reviewed together (same date, reviewer and law check) as one.
pub fn reviews<'a>(journey: &Journey<'a>, today: NaiveDate) -> Vec<Review<'a>> {
    let files = std::iter::once(journey.triage.part).chain(journey.tasks.iter().map(|t| t.part));
    let mut out: Vec<Review<'a>> = Vec::new();
    for q in files {
        // Validation guarantees real dates; content that somehow has none says nothing.
        let (Some(reviewed), Some(law_checked)) =
            (parse_ymd(&q.reviewed), parse_ymd(&q.law_checked))
        else {
            continue;
        };
        let same = out.iter_mut().find(|r| {
            r.reviewed == reviewed && r.reviewed_by == q.reviewed_by && r.law_checked == law_checked
        });
        match same {
            Some(r) => {
                r.questionnaires.push(&q.id);
                r.titles.push(&q.title);
            }
            None => out.push(Review {
                questionnaires: vec![&q.id],
                titles: vec![&q.title],
                reviewed,
                reviewed_by: &q.reviewed_by,
                law_checked,
                overdue: overdue(reviewed, today),
            }),
        }
    }
    out
}

/// Whether a review on `reviewed` is more than a year before `today` (a review on the
/// same day a year before is not yet overdue).
pub fn overdue(reviewed: NaiveDate, today: NaiveDate) -> bool {
    today
        .checked_sub_months(Months::new(12))
        .is_some_and(|year_ago| reviewed < year_ago)
}

fn contact_card<'a>(org: &Organisation, role: &'a str, contact: &'a Contact) -> ContactCard<'a> {
    let number = if contact.phone.trim().is_empty() && !contact.extension.trim().is_empty() {
        org.switchboard.trim()
    } else {
        contact.phone.trim()
    };
    let ext = contact.extension.trim();
    let phone_text = match (number.is_empty(), ext.is_empty()) {
        (true, _) => String::new(),
        (false, true) => number.to_string(),
        (false, false) => format!("{number} extension {ext}"),
    };
    // Every link goes through the gate: what does not pass is shown as text, unlinked.
    let tel = Href::tel(number, ext).ok();
    ContactCard {
        role,
        contact,
        phone_text,
        tel,
        mailto: Href::mailto(contact.email.trim()).ok(),
        website: Href::web(contact.url.trim()).ok(),
    }
}

/// Meeting dates on or after `from`, in order. Dates that do not parse are skipped
/// (validation reports them).
fn coming(dates: &[String], from: NaiveDate) -> Vec<NaiveDate> {
    let mut v: Vec<NaiveDate> = dates
        .iter()
        .filter_map(|d| parse_ymd(d))
        .filter(|d| *d >= from)
        .collect();
    v.sort();
    v
}

/// The date a rule gives today (a clock counts from `today`), or, where it cannot be worked out (its meeting lists
/// no coming date that can still be made), the id of that meeting.
pub fn date_value<'k>(
    org: &Organisation,
    kind: DateKind<'k>,
    today: NaiveDate,
) -> Result<DateValue, &'k str> {
    match kind {
        DateKind::NextMeeting { meeting } => {
            let m = org.meetings.get(meeting).ok_or(meeting)?;
            match coming(&m.dates, today).first() {
                Some(date) => Ok(DateValue::Meeting {
                    date: *date,
                    meeting: m.name.clone(),
                }),
                None => Err(meeting),
            }
        }
        DateKind::AgendaDeadline {
            meeting,
            days_before,
        } => {
            let m = org.meetings.get(meeting).ok_or(meeting)?;
            let lead = chrono::Duration::days(i64::from(days_before));
            match coming(&m.dates, today)
                .into_iter()
                .find(|d| *d - lead >= today)
            {
                Some(date) => Ok(DateValue::Deadline {
                    deadline: date - lead,
                    date,
                    meeting: m.name.clone(),
                }),
                None => Err(meeting),
            }
        }
        DateKind::Clock {
            months,
            days,
            extend_months,
            ..
        } => {
            let due = add_months(today, months) + chrono::Duration::days(i64::from(days));
            let extended = (extend_months > 0).then(|| add_months(due, extend_months));
            Ok(DateValue::Clock { due, extended })
        }
    }
}

/// Calendar months, clamped to the month's last day (31 January + 1 month = 28/29 February).
fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}

/// "9 December 2026", the GOV.UK style.
pub fn long_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}
