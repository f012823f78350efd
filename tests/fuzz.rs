//! Property tests (proptest) of the decoders of untrusted input: the address, the stored
//! state, the settings block, a record file someone opens, and what the Navigator does
//! with them at start. For any
//! input: no panic, a message that is short and shows no invisible character, and the
//! answers kept on this computer are never lost. And of writing: any answers make a link
//! and a storage line that read back the same, and a share link reads back and carries no
//! text answer unless asked to.
//!
//! A quick run is part of `cargo test` (256 cases a property). A long run (20,000 cases a
//! property: about a minute on a 2-core machine; the README keeps the counts):
//!   PROPTEST_CASES=20000 cargo test --release --test fuzz
//! Any failing input proptest finds is kept in tests/fuzz.proptest-regressions and
//! becomes a case of tests/corpus/*.json.

#![cfg(not(target_arch = "wasm32"))]

use navigator::engine::echo::is_invisible;
use navigator::engine::flow::{Flow, Keeping, Page};
use navigator::engine::journey::Answers;
use navigator::engine::model::Kind;
use navigator::engine::{json, keep, org, record, route};
use proptest::prelude::*;
use std::rc::Rc;
use std::sync::OnceLock;

const TODAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 11, 25) {
    Some(d) => d,
    None => panic!(),
};

/// The built-in bundle and two real records (a project with a text answer, a subject
/// access request with a date), made once.
fn real() -> &'static (navigator::engine::model::Bundle, [String; 2]) {
    static REAL: OnceLock<(navigator::engine::model::Bundle, [String; 2])> = OnceLock::new();
    REAL.get_or_init(|| {
        let bundle = navigator::builtin();
        let walk = |w: &str| {
            route::parse(w)
                .unwrap()
                .unwrap()
                .answers
        };
        let project = walk("#/v2/outcome?triage-who=staff&triage-task=project&project-randomised=no&project-change-care=no&project-generalisable=no&project-standard=yes&project-title=Falls%20audit&project-identifiable=no&project-capacity=yes&project-leaves=no");
        let sar = walk("#/v2/outcome?triage-who=staff&triage-task=request&request-who=self&request-self-who=person&request-self-identity=known&request-received=2026-11-02");
        let make = |a| record::record_html(&bundle, a, TODAY, "2026-11-25T14:03").unwrap();
        let records = [make(&project), make(&sar)];
        (bundle, records)
    })
}

/// `len` bytes of `text` from `at`, widened or narrowed to character boundaries.
fn span(text: &str, at: prop::sample::Index, len: usize) -> (usize, usize) {
    let mut start = at.index(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (start, end)
}

/// A piece of a real record (any slice of it, on character boundaries), a piece a
/// tester would add, or noise.
fn record_piece() -> impl Strategy<Value = String> {
    let slice = (0usize..2, any::<prop::sample::Index>(), 0usize..400).prop_map(|(r, at, len)| {
        let (start, end) = span(&real().1[r], at, len);
        real().1[r][start..end].to_string()
    });
    prop_oneof![
        3 => slice,
        1 => Just(format!("<script type=\"application/json\" id=\"{}\">", record::BLOCK_ID)),
        1 => Just("</script>".to_string()),
        1 => Just(format!("{{\"format\":\"{}\",", record::FORMAT)),
        1 => Just("\"version\":2,".to_string()),
        1 => Just("\"version\":3,".to_string()),
        1 => Just("\"answers\":\"#/v2/outcome?triage-who=staff\\u0026triage-task=project\",".to_string()),
        1 => Just("\"questions\":[{\"id\":\"project-title\",\"text\":\"t\",\"answer\":\"a\"}],".to_string()),
        1 => Just("\"made\":\"\",\"organisation\":\"\",\"content\":\"\",\"reviewed\":{},".to_string()),
        1 => Just("\"route\":{\"id\":\"project\",\"title\":\"x\"},\"parts\":[],\"checklist\":[],\"contacts\":[]}".to_string()),
        1 => Just("\\u003c".to_string()),
        1 => Just("\\ud800".to_string()),
        1 => Just("\u{FEFF}".to_string()),
        1 => Just("\r\n".to_string()),
        1 => Just("[[[[[[[[[[[[[[[[[[[[".to_string()),
        1 => piece(),
    ]
}

fn record_messy() -> impl Strategy<Value = String> {
    prop::collection::vec(record_piece(), 0..12).prop_map(|v| v.concat())
}

/// What `record::open` gives is fair: a short visible message, or answers all usable,
/// on the route they lead to, with every difference said in words.
fn opens_fairly(text: &str) -> Result<(), TestCaseError> {
    let bundle = &real().0;
    match record::open(text, bundle, TODAY) {
        Err(e) => fair(&e)?,
        Ok(o) => {
            prop_assert!(navigator::engine::flow::unusable(bundle, &o.answers, TODAY).is_empty());
            let j = navigator::engine::journey::Journey::new(bundle, &o.answers).unwrap();
            prop_assert_eq!(j.live(&o.answers), o.answers.clone());
            for d in &o.differences {
                prop_assert!(!d.describe().is_empty() && !d.id().is_empty());
            }
            for q in &o.questions {
                prop_assert!(
                    !q.text.chars().any(is_invisible) && !q.answer.chars().any(is_invisible)
                );
            }
        }
    }
    Ok(())
}

/// Pieces a tester would combine: real ids and answers, separators, escapes, markup,
/// invisible and right-to-left characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("#/".to_string()),
        Just("q/".to_string()),
        Just("start".to_string()),
        Just("check".to_string()),
        Just("outcome".to_string()),
        Just("?".to_string()),
        Just("&".to_string()),
        Just("=".to_string()),
        Just("|".to_string()),
        Just("1|2026-11-20T09:30|".to_string()),
        Just("#/v2/".to_string()),
        Just("v2/".to_string()),
        Just("v3/".to_string()),
        Just("v1/".to_string()),
        Just("v".to_string()),
        Just("2|".to_string()),
        Just("2|2026-11-20T09:30|".to_string()),
        Just("3|".to_string()),
        Just("sharing-org".to_string()),
        Just("project-title".to_string()),
        Just("triage-who".to_string()),
        Just("triage-task".to_string()),
        Just("project-randomised".to_string()),
        Just("staff".to_string()),
        Just("external".to_string()),
        Just("project".to_string()),
        Just("sharing".to_string()),
        Just("yes".to_string()),
        Just("no".to_string()),
        Just("%".to_string()),
        Just("%E2%80%AE".to_string()),
        Just("%00".to_string()),
        Just("%ZZ".to_string()),
        Just("%FF".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("javascript:".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{0}".to_string()),
        Just("#".to_string()),
        Just("/".to_string()),
        Just("+".to_string()),
        Just(" ".to_string()),
        Just(",".to_string()),
        Just("%41".to_string()),
        Just("é".to_string()),
        Just("日本".to_string()),
        Just("שלום".to_string()),
        Just("مرحبا".to_string()),
        Just("\u{200F}".to_string()),
        Just("😀".to_string()),
        "[a-z-]{1,12}",
        any::<String>(),
    ]
}

fn messy() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

/// The built-in content, read once.
fn bundle() -> &'static navigator::engine::model::Bundle {
    static BUNDLE: std::sync::OnceLock<navigator::engine::model::Bundle> =
        std::sync::OnceLock::new();
    BUNDLE.get_or_init(navigator::builtin)
}

/// A few pieces, never empty: an id or an answer as anyone might write one.
fn word() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..4)
        .prop_map(|v| v.concat())
        .prop_filter("never empty", |a| !a.is_empty())
}

/// A question id: a real one (text ones among them) or any other.
fn question_id() -> impl Strategy<Value = String> {
    let ids: Vec<String> = bundle()
        .questionnaires
        .iter()
        .flat_map(|q| q.questions.iter().map(|x| x.id.clone()))
        .collect();
    prop_oneof![3 => prop::sample::select(ids), 1 => word()]
}

/// Answers as a location holds them (an id and an answer are never empty).
fn answers() -> impl Strategy<Value = Answers> {
    prop::collection::btree_map(question_id(), word(), 0..30)
}

fn page() -> impl Strategy<Value = Page> {
    prop_oneof![
        Just(Page::Start),
        Just(Page::Tasks),
        Just(Page::Check),
        Just(Page::Outcome),
        question_id().prop_map(Page::Question),
    ]
}

/// A real time `YYYY-MM-DDTHH:MM`.
fn time() -> impl Strategy<Value = String> {
    (1900u32..2200, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60)
        .prop_map(|(y, mo, d, h, mi)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}"))
}

/// What a message may be: short, and every character visible.
fn fair(message: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        message.chars().count() <= 400,
        "message too long: {} chars",
        message.chars().count()
    );
    prop_assert!(
        !message.chars().any(is_invisible),
        "message shows an invisible character: {message:?}"
    );
    Ok(())
}

proptest! {
    #[test]
    fn an_address_never_panics_and_explains_itself(s in messy()) {
        match route::parse(&s) {
            Ok(Some(loc)) => {
                // What was read is written back in a form that reads the same.
                prop_assert_eq!(route::parse(&loc.to_string()).unwrap(), Some(loc));
            }
            Ok(None) => {}
            Err(e) => fair(&e)?,
        }
    }

    #[test]
    fn a_stored_state_never_panics_and_explains_itself(s in messy()) {
        match keep::decode(&s) {
            Ok(saved) => {
                let again = keep::decode(&keep::encode(&saved.location, "2026-11-25T10:00")).unwrap();
                prop_assert_eq!(again.location, saved.location);
            }
            Err(e) => fair(&e)?,
        }
    }

    #[test]
    fn the_navigator_never_loses_kept_answers(address in messy(), stored in messy()) {
        let bundle = Rc::new(navigator::builtin());
        let good = "1|2026-11-20T09:30|#/check?triage-who=staff&triage-task=other";
        for kept_text in [stored.as_str(), good] {
            let kept = keep::read(Ok(Some(kept_text.to_string())), |_| true);
            // The kept answers, as the Navigator reads them with no address.
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
            let before = Flow::new(Rc::clone(&bundle), today).open(Ok(None), kept.clone()).answers;
            let f = Flow::new(Rc::clone(&bundle), today).open(route::parse(&address), kept);
            // The page shown is one the answers lead to.
            let j = f.journey().unwrap();
            match &f.page {
                Page::Question(q) => prop_assert!(j.reaches(q)),
                Page::Tasks => prop_assert!(!j.tasks.is_empty()),
                Page::Check | Page::Outcome => prop_assert!(j.complete()),
                Page::Start | Page::Record => {}
            }
            // Kept answers are shown, or held while the person is asked.
            if !before.is_empty() {
                let held = match &f.keeping {
                    Keeping::Asking { kept, .. } => *kept == before,
                    Keeping::On => f.answers == before,
                    Keeping::Off(_) | Keeping::Declined => true,
                };
                prop_assert!(held, "kept answers lost for address {:?}", address);
            }
        }
    }

    #[test]
    fn any_answers_make_a_link_that_reads_back_the_same(page in page(), answers in answers()) {
        let loc = route::Location { page, answers };
        let link = loc.to_string();
        prop_assert!(link.starts_with("#/v2/"));
        prop_assert!(link.is_ascii(), "written in ASCII: {}", link);
        if link.len() <= route::MAX_FRAGMENT {
            prop_assert_eq!(route::parse(&link), Ok(Some(loc)));
        } else {
            // Longer than any real one (16 KB): refused, and said.
            fair(&route::parse(&link).unwrap_err())?;
        }
    }

    #[test]
    fn any_answers_make_a_storage_line_that_reads_back_the_same(
        page in page(), answers in answers(), at in time()
    ) {
        let loc = route::Location { page, answers };
        let line = keep::encode(&loc, &at);
        prop_assert!(line.starts_with("2|"));
        match keep::decode(&line) {
            Ok(saved) => {
                prop_assert_eq!(saved.location, loc);
                prop_assert_eq!(saved.at, Some(at));
            }
            Err(e) => {
                prop_assert!(loc.to_string().len() > route::MAX_FRAGMENT, "{}", e);
                fair(&e)?;
            }
        }
    }

    #[test]
    fn a_share_link_reads_back_and_carries_no_text_unless_asked(
        page in page(), answers in answers(), include_text in any::<bool>()
    ) {
        let bundle = bundle();
        let location = route::Location { page, answers };
        let (fragment, left_out) = route::share(bundle, &location, include_text);
        let is_text = |q: &str| bundle.question(q).is_none_or(|q| q.kind == Kind::Text);
        match route::parse(&fragment) {
            Ok(Some(shared)) => {
                prop_assert_eq!(&shared.page, &location.page);
                // What was shared and what was left out are the answers, each once.
                let mut all: Vec<&String> = shared.answers.keys().chain(&left_out).collect();
                all.sort();
                prop_assert_eq!(all, location.answers.keys().collect::<Vec<_>>());
                for (q, a) in &shared.answers {
                    prop_assert_eq!(Some(a), location.answers.get(q));
                    prop_assert!(include_text || !is_text(q), "text answer {} shared", q);
                }
                prop_assert!(left_out.iter().all(|q| is_text(q)));
                if include_text {
                    prop_assert!(left_out.iter().all(|q| bundle.question(q).is_none()));
                }
            }
            // Only a location too long for any link can fail to read back.
            Ok(None) => prop_assert!(false, "a share link always names a page"),
            Err(e) => {
                prop_assert!(fragment.len() > route::MAX_FRAGMENT, "{}: {}", e, fragment);
                fair(&e)?;
            }
        }
    }

    #[test]
    fn json_never_panics(s in messy(), depth in 0usize..40) {
        let nested = format!("{}{}{}", "[".repeat(depth), s, "]".repeat(depth));
        for text in [s.as_str(), nested.as_str()] {
            if let Err(e) = json::parse(text) {
                fair(&e.to_string())?;
            }
        }
    }

    #[test]
    fn a_settings_block_never_panics_and_every_link_passes_the_gate(
        name in messy(), url in messy(), email in messy(), phone in messy(), date in messy()
    ) {
        let q = |s: &str| serde_json::to_string(s).unwrap();
        let (name, url, email, phone, date) = (q(&name), q(&url), q(&email), q(&phone), q(&date));
        let block = format!(
            r#"{{"name": {name}, "contacts": {{"dsp_team": {{"url": {url}, "email": {email}, "phone": {phone}}}}},
               "templates": {{"isa": {{"url": {url}}}}}, "meetings": {{"dsp_committee": {{"dates": [{date}]}}}}}}"#
        );
        let base = navigator::builtin().organisation;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let s = org::read_settings(&base, &[block.as_str()], today);
        for p in &s.problems {
            fair(&p.message)?;
        }
        for c in s.organisation.contacts.values() {
            prop_assert!(c.url.is_empty() || navigator::engine::href::Href::web(&c.url).is_ok());
            prop_assert!(c.email.is_empty() || navigator::engine::href::check_email(&c.email).is_ok());
        }
        for t in s.organisation.templates.values() {
            prop_assert!(t.url.is_empty() || navigator::engine::href::Href::web(&t.url).is_ok());
        }
    }

    #[test]
    fn record_pieces_never_panic_and_open_fairly(s in record_messy()) {
        opens_fairly(&s)?;
    }

    #[test]
    fn record_changed_anywhere_never_panics_and_opens_fairly(
        r in 0usize..2, at in any::<prop::sample::Index>(), cut in 0usize..200, noise in record_messy()
    ) {
        let text = &real().1[r];
        let (start, end) = span(text, at, cut);
        let changed = format!("{}{noise}{}", &text[..start], &text[end..]);
        opens_fairly(&changed)?;
    }
}
