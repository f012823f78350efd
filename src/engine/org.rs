//! An organisation's own settings laid over the built-in default: a Trust embedding the
//! Navigator can change its contacts, meeting dates and template links without a rebuild.
//! Every problem is collected and said; what is wrong falls back to the default.

use super::model::{Contact, Meeting, Organisation, Template};
use super::validate::validate_organisation;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgPatch {
    pub name: Option<String>,
    pub intranet: Option<String>,
    pub switchboard: Option<String>,
    #[serde(default)]
    pub contacts: BTreeMap<String, ContactPatch>,
    #[serde(default)]
    pub meetings: BTreeMap<String, MeetingPatch>,
    #[serde(default)]
    pub templates: BTreeMap<String, TemplatePatch>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactPatch {
    pub name: Option<String>,
    pub about: Option<String>,
    pub phone: Option<String>,
    pub extension: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingPatch {
    pub name: Option<String>,
    pub cadence: Option<String>,
    pub dates: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplatePatch {
    pub name: Option<String>,
    pub url: Option<String>,
}

fn set(field: &mut String, value: &Option<String>) {
    if let Some(v) = value {
        *field = v.clone();
    }
}

/// Lays `patch` over `base`. Returns the organisation to use and, in plain English,
/// every part of the patch that could not be used (that part keeps the default).
pub fn apply(base: &Organisation, patch: &OrgPatch) -> (Organisation, Vec<String>) {
    let mut org = base.clone();
    let mut problems = Vec::new();
    set(&mut org.name, &patch.name);
    set(&mut org.intranet, &patch.intranet);
    set(&mut org.switchboard, &patch.switchboard);
    for (id, p) in &patch.contacts {
        let Some(c) = org.contacts.get_mut(id) else {
            problems.push(format!(
                "contacts: '{id}' is not a contact the Navigator uses, so it was ignored"
            ));
            continue;
        };
        let c: &mut Contact = c;
        for (field, value) in [
            (&mut c.name, &p.name),
            (&mut c.about, &p.about),
            (&mut c.phone, &p.phone),
            (&mut c.extension, &p.extension),
            (&mut c.email, &p.email),
            (&mut c.url, &p.url),
        ] {
            set(field, value);
        }
    }
    for (id, p) in &patch.meetings {
        let Some(m) = org.meetings.get_mut(id) else {
            problems.push(format!(
                "meetings: '{id}' is not a meeting the Navigator uses, so it was ignored"
            ));
            continue;
        };
        let m: &mut Meeting = m;
        set(&mut m.name, &p.name);
        set(&mut m.cadence, &p.cadence);
        if let Some(d) = &p.dates {
            m.dates = d.clone();
        }
    }
    for (id, p) in &patch.templates {
        let Some(t) = org.templates.get_mut(id) else {
            problems.push(format!(
                "templates: '{id}' is not a template the Navigator uses, so it was ignored"
            ));
            continue;
        };
        let t: &mut Template = t;
        set(&mut t.name, &p.name);
        set(&mut t.url, &p.url);
    }
    // What breaks a rule goes back to the default, entry by entry.
    for problem in validate_organisation(&org) {
        problems.push(
            format!("{}: {}", problem.at, problem.message)
                .trim_start_matches(": ")
                .to_string(),
        );
        let id = problem
            .at
            .split('\'')
            .nth(1)
            .unwrap_or_default()
            .to_string();
        if problem.at.starts_with("contact") {
            if let Some(c) = base.contacts.get(&id) {
                org.contacts.insert(id, c.clone());
            }
        } else if problem.at.starts_with("meeting") {
            if let Some(m) = base.meetings.get(&id) {
                org.meetings.insert(id, m.clone());
            }
        } else if problem.at.starts_with("template") {
            if let Some(t) = base.templates.get(&id) {
                org.templates.insert(id, t.clone());
            }
        } else {
            org.name = base.name.clone();
        }
    }
    (org, problems)
}
