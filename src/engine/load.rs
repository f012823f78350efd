//! Reads the content files (TOML) into a [`Bundle`] and validates it, reporting every
//! problem at once. Used by `build.rs` and by native tests and tools; the browser gets
//! the already-validated bundle as JSON and never links a TOML parser.
//!
//! Also compiled into `build.rs`; refers to its siblings only through `super::`.

use super::model::{Bundle, Organisation, Questionnaire};
use super::validate::{validate, Problem, ProblemKind, ORGANISATION_FILE};

/// One content file: its name (for messages) and its text.
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Parses the organisation file and the questionnaire files, then validates the whole.
/// Returns every problem found, parse errors and rule breaches together.
pub fn load(organisation: &str, questionnaires: &[Source<'_>]) -> Result<Bundle, Vec<Problem>> {
    let mut problems = Vec::new();
    let org = match toml::from_str::<Organisation>(organisation) {
        Ok(org) => org,
        Err(e) => {
            problems.push(parse_problem(ORGANISATION_FILE, organisation, &e));
            Organisation::default()
        }
    };
    let mut parsed = Vec::new();
    for src in questionnaires {
        match toml::from_str::<Questionnaire>(src.text) {
            Ok(mut q) => {
                q.file = src.name.to_string();
                parsed.push(q);
            }
            Err(e) => problems.push(parse_problem(src.name, src.text, &e)),
        }
    }
    let bundle = Bundle {
        questionnaires: parsed,
        organisation: org,
    };
    // Parse errors leave holes that would show up again as unknown ids: report only
    // the parse errors first, unless the organisation alone failed.
    if problems.is_empty() {
        problems = validate(&bundle);
    }
    if problems.is_empty() {
        Ok(bundle)
    } else {
        Err(problems)
    }
}

fn parse_problem(file: &str, text: &str, e: &toml::de::Error) -> Problem {
    let at = match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}")
        }
        None => String::new(),
    };
    Problem {
        file: file.to_string(),
        at,
        kind: ProblemKind::Parse,
        message: e.message().trim().to_string(),
    }
}

/// Loads a content folder: `organisation.toml` and every other `*.toml` as a questionnaire.
pub fn load_dir(dir: &std::path::Path) -> Result<Bundle, Vec<Problem>> {
    let unreadable = |name: &str, e: std::io::Error| Problem {
        file: name.to_string(),
        at: String::new(),
        kind: ProblemKind::Parse,
        message: format!("cannot be read: {e}"),
    };
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml") && n != ORGANISATION_FILE)
            .collect(),
        Err(e) => return Err(vec![unreadable(&dir.display().to_string(), e)]),
    };
    names.sort();
    let mut problems = Vec::new();
    let mut read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| {
            problems.push(unreadable(name, e));
            String::new()
        })
    };
    let org = read(ORGANISATION_FILE);
    let texts: Vec<String> = names.iter().map(|n| read(n)).collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let sources: Vec<Source> = names
        .iter()
        .zip(&texts)
        .map(|(name, text)| Source { name, text })
        .collect();
    load(&org, &sources)
}
