//! The outcome as a plain-text file the person can keep, print or send on themselves:
//! the answers, the route and why, the checklist with sources, contacts and dates.

use super::journey::{Answers, Journey};
use super::model::Bundle;
use super::report::{long_date, report, shown, Item};
use chrono::NaiveDate;
use std::fmt::Write;

fn items(s: &mut String, list: &[Item<'_>], n: &mut usize) {
    for i in list {
        *n += 1;
        let _ = writeln!(s, "{n}. [ ] {}", i.text);
        if let Some((name, url)) = &i.template {
            let at = url.as_ref().map(|u| format!(" ({u})")).unwrap_or_default();
            let _ = writeln!(s, "   Template: {name}{at}");
        }
        if let Some(link) = &i.link {
            let _ = writeln!(s, "   See: {link}");
        }
        let _ = writeln!(s, "   Source: {}", i.source);
    }
}

/// `None` until every part of the route is decided.
pub fn plain_text(bundle: &Bundle, answers: &Answers, today: NaiveDate) -> Option<String> {
    let j = Journey::new(bundle, answers)?;
    let r = report(&j, today)?;
    let mut s = String::new();
    let org = &bundle.organisation;
    // Writing to a String cannot fail.
    let _ = writeln!(s, "Data Sharing Navigator — {}", org.name);
    let _ = writeln!(s, "Worked out on {}\n", long_date(today));
    let _ = writeln!(s, "YOUR ROUTE: {}\n{}\n", r.route.title, r.summary);
    let _ = writeln!(s, "YOUR ANSWERS");
    let sections =
        std::iter::once(&j.triage).chain(j.tasks.iter().filter_map(|t| t.section.as_ref()));
    for section in sections {
        for (q, a) in &section.asked {
            let _ = writeln!(s, "- {}: {}", q.short, shown(q, a));
        }
    }
    if !r.reasons.is_empty() {
        let _ = writeln!(s, "\nWHY");
        for reason in &r.reasons {
            let _ = writeln!(
                s,
                "- {}: {}. {}",
                reason.question, reason.answer, reason.because
            );
        }
    }
    let _ = writeln!(s, "\nWHAT TO PREPARE");
    let mut n = 0;
    items(&mut s, &r.checklist, &mut n);
    for p in &r.parts {
        let _ = writeln!(
            s,
            "\n{}: {}\n{}",
            p.part.title.to_uppercase(),
            p.title,
            p.summary
        );
        for reason in &p.reasons {
            let _ = writeln!(
                s,
                "- {}: {}. {}",
                reason.question, reason.answer, reason.because
            );
        }
        items(&mut s, &p.checklist, &mut n);
    }
    let _ = writeln!(s, "\nWHO TO CONTACT");
    for c in &r.contacts {
        let mut ways = Vec::new();
        if !c.phone_text.is_empty() {
            ways.push(format!("telephone {}", c.phone_text));
        }
        if c.mailto.is_some() {
            ways.push(format!("email {}", c.contact.email.trim()));
        }
        if let Some(url) = &c.website {
            ways.push(format!("website {url}"));
        }
        let _ = writeln!(s, "- {}: {}", c.contact.name, ways.join("; "));
    }
    if !r.dates.is_empty() || !r.meeting_notes.is_empty() {
        let _ = writeln!(s, "\nDATES");
        for d in &r.dates {
            let _ = writeln!(s, "- {}: {}", d.label, d.value.describe());
        }
        for n in &r.meeting_notes {
            let _ = writeln!(s, "- {}", n.describe());
        }
    }
    if !r.reviews.is_empty() {
        let _ = writeln!(s, "\nABOUT THIS GUIDANCE");
        let named = r.reviews.len() > 1;
        for review in &r.reviews {
            if let Some(warning) = review.warning() {
                let _ = writeln!(s, "WARNING: {warning}");
            }
            let _ = writeln!(s, "- {}", review.describe(named));
        }
    }
    Some(s)
}
