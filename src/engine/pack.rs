//! The built-in content in the compact form the browser reads: written by `build.rs`
//! ([`pack`]), read back by [`unpack`], one hand-written pass with no serde in the
//! download.
//!
//! Two parts:
//! - the **strings**: every distinct text of the bundle once, in the order first met,
//!   separated by NUL (the first is the empty text). Texts repeated across parts, often
//!   too far apart for deflate to see, are stored once;
//! - the **shape**: the bundle's fields in a fixed order, no names, as numbers (LEB128).
//!   A text is `0` for the next string not met before, or its index + 1.
//!
//! [`unpack`] is the inverse of [`pack`] (`tests/pack.rs` checks that it gives exactly
//! the bundle `serde_json` reads from the JSON form). This file is also compiled into
//! `build.rs`, so it refers only to its sibling modules through `super::`.

use super::model::{
    AnswerOption, Bundle, ChecklistItem, Condition, Contact, DateRule, DateType, Decision, Kind,
    Meeting, OneOrMany, Organisation, PartRef, Question, Questionnaire, Route, Template,
};
use std::collections::BTreeMap;

/// What separates the strings.
const SEP: char = '\0';

/// The bundle as (strings, shape); an error when a text holds the separator.
#[cfg(not(target_arch = "wasm32"))]
pub fn pack(b: &Bundle) -> Result<(String, Vec<u8>), String> {
    let mut w = Writer {
        strings: String::new(),
        index: std::collections::HashMap::from([(String::new(), 0)]),
        shape: Vec::new(),
        bad: None,
    };
    w.n(b.questionnaires.len());
    for q in &b.questionnaires {
        w.questionnaire(q);
    }
    w.organisation(&b.organisation);
    match w.bad {
        Some(text) => Err(format!(
            "a text of the content holds a NUL character, which the packed form cannot hold: {text:?}"
        )),
        None => Ok((w.strings, w.shape)),
    }
}

#[cfg(not(target_arch = "wasm32"))]
struct Writer {
    strings: String,
    index: std::collections::HashMap<String, usize>,
    shape: Vec<u8>,
    bad: Option<String>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Writer {
    fn n(&mut self, mut v: usize) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.shape.push(byte);
                return;
            }
            self.shape.push(byte | 0x80);
        }
    }
    fn b(&mut self, v: bool) {
        self.n(usize::from(v));
    }
    fn s(&mut self, v: &str) {
        if let Some(&i) = self.index.get(v) {
            self.n(i + 1);
            return;
        }
        if v.contains(SEP) {
            self.bad = Some(v.to_string());
        }
        self.index.insert(v.to_string(), self.index.len());
        self.strings.push(SEP);
        self.strings.push_str(v);
        self.n(0);
    }
    fn texts(&mut self, v: &[&str]) {
        for s in v {
            self.s(s);
        }
    }
    fn list(&mut self, v: &[String]) {
        self.n(v.len());
        for s in v {
            self.s(s);
        }
    }
    fn opt(&mut self, v: &Option<String>) {
        self.b(v.is_some());
        if let Some(s) = v {
            self.s(s);
        }
    }
    fn cond(&mut self, c: &Condition) {
        self.n(c.len());
        for (k, v) in c {
            self.s(k);
            match v {
                OneOrMany::One(s) => {
                    self.n(0);
                    self.s(s);
                }
                OneOrMany::Many(list) => {
                    self.n(list.len() + 1);
                    for s in list {
                        self.s(s);
                    }
                }
            }
        }
    }
    fn questionnaire(&mut self, q: &Questionnaire) {
        // `sources` is for the maintainers: the JSON form leaves it out too.
        self.texts(&[&q.id, &q.title]);
        self.b(q.entry);
        self.texts(&[&q.reviewed, &q.reviewed_by, &q.law_checked]);
        self.n(q.questions.len());
        for x in &q.questions {
            self.question(x);
        }
        self.n(q.decisions.len());
        for d in &q.decisions {
            self.decision(d);
        }
        self.n(q.routes.len());
        for r in &q.routes {
            self.route(r);
        }
        self.cond(&q.external_when);
        self.s(&q.file);
    }
    fn question(&mut self, q: &Question) {
        self.s(&q.id);
        self.n(match q.kind {
            Kind::Choice => 0,
            Kind::Choices => 1,
            Kind::Text => 2,
            Kind::Date => 3,
        });
        self.texts(&[&q.text, &q.short, &q.error, &q.hint]);
        self.cond(&q.when);
        self.cond(&q.unless);
        self.n(q.options.len());
        for o in &q.options {
            self.texts(&[&o.id, &o.label, &o.hint, &o.because]);
            self.b(o.exclusive);
        }
        self.n(q.max_length.map_or(0, |m| m as usize + 1));
        self.b(q.not_future);
    }
    fn route(&mut self, r: &Route) {
        self.texts(&[&r.id, &r.title, &r.summary, &r.summary_external]);
        self.cond(&r.when);
        self.cond(&r.unless);
        self.n(r.parts.len());
        for p in &r.parts {
            match p {
                PartRef::Always(id) => {
                    self.n(0);
                    self.s(id);
                }
                PartRef::When { id, when, unless } => {
                    self.n(1);
                    self.s(id);
                    self.cond(when);
                    self.cond(unless);
                }
            }
        }
        self.outcome(&r.contacts, &r.checklist, &r.dates);
    }
    fn decision(&mut self, d: &Decision) {
        self.s(&d.id);
        self.cond(&d.when);
        self.cond(&d.unless);
        self.texts(&[&d.title, &d.summary, &d.summary_external]);
        self.outcome(&d.contacts, &d.checklist, &d.dates);
    }
    fn outcome(&mut self, contacts: &[String], checklist: &[ChecklistItem], dates: &[DateRule]) {
        self.list(contacts);
        self.n(checklist.len());
        for c in checklist {
            self.texts(&[&c.id, &c.text, &c.source]);
            self.opt(&c.template);
            self.opt(&c.link);
            self.cond(&c.when);
            self.cond(&c.unless);
        }
        self.n(dates.len());
        for d in dates {
            self.texts(&[&d.id, &d.label]);
            self.n(match d.kind {
                DateType::NextMeeting => 0,
                DateType::AgendaDeadline => 1,
                DateType::Clock => 2,
            });
            self.s(&d.meeting);
            self.n(d.days_before as usize);
            self.n(d.months as usize);
            self.n(d.days as usize);
            self.n(d.extend_months as usize);
            self.opt(&d.from);
        }
    }
    fn organisation(&mut self, o: &Organisation) {
        self.texts(&[&o.name, &o.intranet, &o.switchboard]);
        self.n(o.contacts.len());
        for (id, c) in &o.contacts {
            for s in [
                id,
                &c.name,
                &c.about,
                &c.phone,
                &c.extension,
                &c.email,
                &c.url,
            ] {
                self.s(s);
            }
        }
        self.n(o.meetings.len());
        for (id, m) in &o.meetings {
            self.s(id);
            self.texts(&[&m.name, &m.cadence]);
            self.list(&m.dates);
        }
        self.n(o.templates.len());
        for (id, t) in &o.templates {
            self.s(id);
            self.texts(&[&t.name, &t.url]);
        }
    }
}

/// The bundle [`pack`] wrote; an error (never a panic) when the two parts do not fit
/// together.
pub fn unpack(strings: &str, shape: &[u8]) -> Result<Bundle, String> {
    let mut r = Reader {
        strings: strings.split(SEP).collect(),
        next: 1,
        shape,
        pos: 0,
        bad: false,
    };
    let questionnaires = r.list(Reader::questionnaire);
    let organisation = r.organisation();
    if r.bad || r.pos != shape.len() || r.next != r.strings.len() {
        return Err("the packed content does not fit together".to_string());
    }
    Ok(Bundle {
        questionnaires,
        organisation,
    })
}

struct Reader<'a> {
    strings: Vec<&'a str>,
    /// The next string not met before.
    next: usize,
    shape: &'a [u8],
    pos: usize,
    /// Set once anything does not fit; what is read after it is empty.
    bad: bool,
}

impl Reader<'_> {
    fn n(&mut self) -> usize {
        let mut v = 0usize;
        let mut shift = 0;
        loop {
            let Some(&byte) = self.shape.get(self.pos) else {
                self.bad = true;
                return 0;
            };
            self.pos += 1;
            if shift < usize::BITS {
                v |= usize::from(byte & 0x7f) << shift;
            }
            shift += 7;
            if byte < 0x80 {
                return v;
            }
        }
    }
    fn u32(&mut self) -> u32 {
        u32::try_from(self.n()).unwrap_or_else(|_| {
            self.bad = true;
            0
        })
    }
    fn b(&mut self) -> bool {
        self.n() != 0
    }
    fn s(&mut self) -> String {
        let i = match self.n() {
            0 => {
                self.next += 1;
                self.next - 1
            }
            k => k - 1,
        };
        match self.strings.get(i) {
            Some(s) => s.to_string(),
            None => {
                self.bad = true;
                String::new()
            }
        }
    }
    /// A list of `n()` items; stops early once anything does not fit.
    fn list<T>(&mut self, item: fn(&mut Self) -> T) -> Vec<T> {
        let n = self.n();
        let mut v = Vec::new();
        for _ in 0..n {
            if self.bad {
                break;
            }
            v.push(item(self));
        }
        v
    }
    fn opt(&mut self) -> Option<String> {
        self.b().then(|| self.s())
    }
    fn cond(&mut self) -> Condition {
        let mut c = BTreeMap::new();
        for _ in 0..self.n() {
            if self.bad {
                break;
            }
            let k = self.s();
            let v = match self.n() {
                0 => OneOrMany::One(self.s()),
                m => {
                    let mut list = Vec::new();
                    for _ in 1..m {
                        if self.bad {
                            break;
                        }
                        list.push(self.s());
                    }
                    OneOrMany::Many(list)
                }
            };
            c.insert(k, v);
        }
        c
    }
    fn questionnaire(&mut self) -> Questionnaire {
        Questionnaire {
            id: self.s(),
            title: self.s(),
            entry: self.b(),
            reviewed: self.s(),
            reviewed_by: self.s(),
            law_checked: self.s(),
            sources: Vec::new(),
            questions: self.list(Reader::question),
            decisions: self.list(Reader::decision),
            routes: self.list(Reader::route),
            external_when: self.cond(),
            file: self.s(),
        }
    }
    fn question(&mut self) -> Question {
        Question {
            id: self.s(),
            kind: match self.n() {
                0 => Kind::Choice,
                1 => Kind::Choices,
                2 => Kind::Text,
                _ => Kind::Date,
            },
            text: self.s(),
            short: self.s(),
            error: self.s(),
            hint: self.s(),
            when: self.cond(),
            unless: self.cond(),
            options: self.list(|r| AnswerOption {
                id: r.s(),
                label: r.s(),
                hint: r.s(),
                because: r.s(),
                exclusive: r.b(),
            }),
            max_length: match self.u32() {
                0 => None,
                m => Some(m - 1),
            },
            not_future: self.b(),
        }
    }
    fn part(&mut self) -> PartRef {
        if self.b() {
            PartRef::When {
                id: self.s(),
                when: self.cond(),
                unless: self.cond(),
            }
        } else {
            PartRef::Always(self.s())
        }
    }
    fn route(&mut self) -> Route {
        Route {
            id: self.s(),
            title: self.s(),
            summary: self.s(),
            summary_external: self.s(),
            when: self.cond(),
            unless: self.cond(),
            parts: self.list(Reader::part),
            contacts: self.list(Reader::s),
            checklist: self.list(Reader::item),
            dates: self.list(Reader::date),
        }
    }
    fn decision(&mut self) -> Decision {
        Decision {
            id: self.s(),
            when: self.cond(),
            unless: self.cond(),
            title: self.s(),
            summary: self.s(),
            summary_external: self.s(),
            contacts: self.list(Reader::s),
            checklist: self.list(Reader::item),
            dates: self.list(Reader::date),
        }
    }
    fn item(&mut self) -> ChecklistItem {
        ChecklistItem {
            id: self.s(),
            text: self.s(),
            source: self.s(),
            template: self.opt(),
            link: self.opt(),
            when: self.cond(),
            unless: self.cond(),
        }
    }
    fn date(&mut self) -> DateRule {
        DateRule {
            id: self.s(),
            label: self.s(),
            kind: match self.n() {
                0 => DateType::NextMeeting,
                1 => DateType::AgendaDeadline,
                _ => DateType::Clock,
            },
            meeting: self.s(),
            days_before: self.u32(),
            months: self.u32(),
            days: self.u32(),
            extend_months: self.u32(),
            from: self.opt(),
        }
    }
    /// A map of `n()` entries, each an id and its item.
    fn map<T>(&mut self, item: fn(&mut Self) -> T) -> BTreeMap<String, T> {
        let mut map = BTreeMap::new();
        for _ in 0..self.n() {
            if self.bad {
                break;
            }
            let id = self.s();
            map.insert(id, item(self));
        }
        map
    }
    fn organisation(&mut self) -> Organisation {
        Organisation {
            name: self.s(),
            intranet: self.s(),
            switchboard: self.s(),
            contacts: self.map(|r| Contact {
                name: r.s(),
                about: r.s(),
                phone: r.s(),
                extension: r.s(),
                email: r.s(),
                url: r.s(),
            }),
            meetings: self.map(|r| Meeting {
                name: r.s(),
                cadence: r.s(),
                dates: r.list(Reader::s),
            }),
            templates: self.map(|r| Template {
                name: r.s(),
                url: r.s(),
            }),
        }
    }
}
