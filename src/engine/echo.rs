//! Echoing untrusted input back in a message: cut short, and made visible. A notice that
//! quotes a 2 MB address quotes its first few dozen characters; a control, right-to-left
//! or zero-width character is shown as `�` so that it cannot reorder or hide the text
//! around it. (The text is always rendered as text, never as markup.)
//!
//! Also compiled into `build.rs` (by `mod_build.rs`).

/// How many characters of an input a message quotes.
pub const ECHO_CHARS: usize = 40;

/// `s` cut to [`ECHO_CHARS`] characters (with `…`), invisible characters shown as `�`.
pub fn echo(s: &str) -> String {
    echo_within(s, ECHO_CHARS)
}

/// `s` cut to `max` characters (with `…`), invisible characters shown as `�`: untrusted
/// text made safe to show (a quote in a message, a string read from a record).
pub fn echo_within(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).map(visible).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

fn visible(c: char) -> char {
    if is_invisible(c) {
        '\u{FFFD}'
    } else {
        c
    }
}

/// Control characters and the format characters that reorder or hide text: bidirectional
/// embeddings, overrides and isolates, zero-width characters, the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{061C}'
            | '\u{00AD}')
}
