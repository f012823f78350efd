//! An organisation's own settings laid over the built-in default: a Trust embedding the
//! Navigator can change its contacts, meeting dates and template links without a rebuild.
//! Every problem is collected and said; what is wrong falls back to the default.

use super::model::Organisation;
use super::validate::{contact_problems, meeting_problems, template_problems, Problem};
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
    if org.name.trim().is_empty() {
        problems.push("name: it is empty, so the default is kept".to_string());
        org.name = base.name.clone();
    }
    set(&mut org.intranet, &patch.intranet);
    // A new switchboard must still reach every contact that has only an extension.
    set(&mut org.switchboard, &patch.switchboard);
    let stranded = org
        .contacts
        .iter()
        .any(|(id, c)| !contact_problems(&org.switchboard, id, c).is_empty());
    if stranded {
        problems.push(format!(
            "switchboard: '{}' leaves contacts with only an extension unreachable, so the default is kept",
            org.switchboard
        ));
        org.switchboard = base.switchboard.clone();
    }
    let switchboard = org.switchboard.clone();
    merge(
        &mut org.contacts,
        &patch.contacts,
        "contacts",
        &mut problems,
        |c, p| {
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
        },
        |id, c| contact_problems(&switchboard, id, c),
    );
    merge(
        &mut org.meetings,
        &patch.meetings,
        "meetings",
        &mut problems,
        |m, p| {
            set(&mut m.name, &p.name);
            set(&mut m.cadence, &p.cadence);
            if let Some(d) = &p.dates {
                m.dates = d.clone();
            }
        },
        meeting_problems,
    );
    merge(
        &mut org.templates,
        &patch.templates,
        "templates",
        &mut problems,
        |t, p| {
            set(&mut t.name, &p.name);
            set(&mut t.url, &p.url);
        },
        template_problems,
    );
    (org, problems)
}

/// Lays each patched entry over its default and keeps it only if it passes `check`;
/// an entry the Navigator does not use is ignored. Problems are added to `problems`.
fn merge<T: Clone, P>(
    entries: &mut BTreeMap<String, T>,
    patch: &BTreeMap<String, P>,
    section: &str,
    problems: &mut Vec<String>,
    lay: impl Fn(&mut T, &P),
    check: impl Fn(&str, &T) -> Vec<Problem>,
) {
    for (id, p) in patch {
        let Some(current) = entries.get(id) else {
            problems.push(format!(
                "{section}: '{id}' is not one the Navigator uses, so it was ignored"
            ));
            continue;
        };
        let mut next = current.clone();
        lay(&mut next, p);
        let found = check(id, &next);
        if found.is_empty() {
            entries.insert(id.clone(), next);
        } else {
            problems.extend(
                found
                    .iter()
                    .map(|f| format!("{}: {}, so the default is kept", f.at, f.message)),
            );
        }
    }
}
