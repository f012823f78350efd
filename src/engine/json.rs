//! A small, strict, bounded JSON parser (RFC 8259) for text the Navigator does not control:
//! an intranet page's settings block. No dependencies, no recursion without a bound, no
//! panics on any input.
//!
//! - at most [`MAX_BYTES`] of text, checked before anything is read;
//! - at most [`MAX_DEPTH`] objects and arrays inside one another, checked *before* going a
//!   level deeper, so a million `[` is an error and never a stack overflow;
//! - nothing JSON does not allow: no comments, no trailing commas, no single quotes, no
//!   leading zeros, no byte-order mark, nothing after the value but whitespace;
//! - every string escape, `\uXXXX` surrogate pairs included (a lone surrogate is an error);
//! - an object keeps its keys in order, duplicates included, so that a caller can say
//!   that a key was given twice.
//!
//! Every error says where, by line and column (counted in characters, from 1), and what
//! was expected, in plain English.

use super::echo::echo;
use std::fmt;

/// The most text [`parse`] reads.
pub const MAX_BYTES: usize = 64 * 1024;
/// The most objects and arrays inside one another (the outermost counts as 1).
pub const MAX_DEPTH: usize = 16;

/// A JSON value. Objects keep their keys in the order given, duplicates included.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number, as written (it has passed JSON's grammar).
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// What kind of value this is, in words for a message: "null", "a number", …
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "true or false",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Array(_) => "a list in [ ]",
            Value::Object(_) => "an object in { }",
        }
    }
}

/// What went wrong, for tests and callers that act on it; the message says it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// More than [`MAX_BYTES`] of text.
    TooLarge,
    /// More than [`MAX_DEPTH`] levels of objects and arrays.
    TooDeep,
    /// Anything else that is not JSON.
    Syntax,
}

/// Why a text is not JSON the Navigator will read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub kind: JsonErrorKind,
    /// 1-based; 0 when the error is about the whole text (too large).
    pub line: usize,
    /// 1-based, in characters; 0 when the error is about the whole text.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for JsonError {}

/// Reads `text` as one JSON value, within [`MAX_BYTES`] and [`MAX_DEPTH`].
pub fn parse(text: &str) -> Result<Value, JsonError> {
    parse_within(text, MAX_BYTES, MAX_DEPTH)
}

/// [`parse`] with other limits (tests use it to show that depth alone stops a bomb).
pub fn parse_within(text: &str, max_bytes: usize, max_depth: usize) -> Result<Value, JsonError> {
    if text.len() > max_bytes {
        return Err(JsonError {
            kind: JsonErrorKind::TooLarge,
            line: 0,
            column: 0,
            message: format!(
                "the text is {} bytes long; at most {max_bytes} bytes are read",
                text.len()
            ),
        });
    }
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        max_depth,
    };
    if text.starts_with('\u{FEFF}') {
        return Err(
            p.error("the text starts with an invisible byte-order mark (U+FEFF); remove it")
        );
    }
    p.skip_whitespace();
    if p.peek().is_none() {
        return Err(p.error("there is no value: the text is empty or only spaces"));
    }
    let value = p.value(0)?;
    p.skip_whitespace();
    match p.peek() {
        None => Ok(value),
        Some(b) => Err(p.unexpected(b, "there is more after the end of the value")),
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    max_depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Line and column (both from 1, the column in characters) of byte `pos`.
    fn place(&self, pos: usize) -> (usize, usize) {
        let before = self.bytes.get(..pos).unwrap_or(self.bytes);
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + before
            .get(line_start..)
            .unwrap_or(&[])
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        (line, column)
    }

    fn error_at(&self, pos: usize, kind: JsonErrorKind, message: String) -> JsonError {
        let (line, column) = self.place(pos);
        JsonError {
            kind,
            line,
            column,
            message,
        }
    }

    fn error(&self, message: &str) -> JsonError {
        self.error_at(self.pos, JsonErrorKind::Syntax, message.to_string())
    }

    /// An error about the byte `b` found at the current position, where `expected` was.
    /// Common mistakes get their own words.
    fn unexpected(&self, b: u8, expected: &str) -> JsonError {
        let message = match b {
            b'/' => "comments are not allowed in JSON".to_string(),
            b'\'' => "text must be in double quotes (\"), not single quotes".to_string(),
            _ => format!("{expected}; found '{}'", echo(self.rest_word())),
        };
        self.error_at(self.pos, JsonErrorKind::Syntax, message)
    }

    /// The characters from here up to the next space or punctuation, for a message.
    fn rest_word(&self) -> &str {
        let rest = self.text.get(self.pos..).unwrap_or("");
        let end = rest
            .char_indices()
            .find(|&(i, c)| i > 0 && (c.is_ascii_whitespace() || ",:[]{}\"".contains(c)))
            .map_or(rest.len(), |(i, _)| i);
        rest.get(..end).unwrap_or("")
    }

    fn end_error(&self, what: &str) -> JsonError {
        self.error(&format!("the text ends {what}"))
    }

    /// One value; `depth` is how many objects and arrays it is inside.
    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        match self.peek() {
            None => Err(self.end_error("where a value was expected")),
            Some(b'{') => {
                self.deeper(depth)?;
                self.object(depth + 1)
            }
            Some(b'[') => {
                self.deeper(depth)?;
                self.array(depth + 1)
            }
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b) => Err(self.unexpected(
                b,
                "expected a value: text in double quotes, a number, true, false, null, an object or a list",
            )),
        }
    }

    /// Refuses to open one more object or array when `depth` are open already.
    fn deeper(&self, depth: usize) -> Result<(), JsonError> {
        if depth >= self.max_depth {
            Err(self.error_at(
                self.pos,
                JsonErrorKind::TooDeep,
                format!(
                    "objects and lists are nested more than {} deep",
                    self.max_depth
                ),
            ))
        } else {
            Ok(())
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) == Some(word.as_bytes()) {
            let next = self.bytes.get(end).copied();
            if !next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
                self.pos = end;
                return Ok(value);
            }
        }
        Err(self.error_at(
            self.pos,
            JsonErrorKind::Syntax,
            format!(
                "'{}' is not a value (did you mean {word}, or text in double quotes?)",
                echo(self.rest_word())
            ),
        ))
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1; // '{'
        let mut entries = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(entries));
        }
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') => {
                    return Err(self.error("there is a ',' before '}'; remove the last comma"))
                }
                None => return Err(self.end_error("before the object is closed with '}'")),
                Some(b) => {
                    return Err(self.unexpected(b, "expected a name in double quotes"));
                }
            }
            let key = self.string()?;
            self.skip_whitespace();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.end_error("before the object is closed with '}'")),
                Some(b) => {
                    return Err(self.unexpected(b, "expected ':' after the name"));
                }
            }
            self.skip_whitespace();
            let value = self.value(depth)?;
            entries.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(entries));
                }
                None => return Err(self.end_error("before the object is closed with '}'")),
                Some(b) => {
                    return Err(self.unexpected(b, "expected ',' or '}' after an entry"));
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_whitespace();
            if self.peek() == Some(b']') {
                return Err(self.error("there is a ',' before ']'; remove the last comma"));
            }
            items.push(self.value(depth)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.end_error("before the list is closed with ']'")),
                Some(b) => {
                    return Err(self.unexpected(b, "expected ',' or ']' after an item"));
                }
            }
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1; // '"'
        let mut out = String::new();
        loop {
            let start = self.pos;
            while self
                .peek()
                .is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20)
            {
                self.pos += 1;
            }
            // `start` and `pos` are next to ASCII bytes (or the ends), so on char boundaries.
            out.push_str(self.text.get(start..self.pos).unwrap_or(""));
            match self.peek() {
                None => {
                    return Err(self.error_at(
                        open,
                        JsonErrorKind::Syntax,
                        "this text in quotes is never closed with '\"'".into(),
                    ))
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => {
                    return Err(self.error(
                        "a control character (such as a line break or tab) inside text in quotes must be written as an escape like \\n or \\t",
                    ))
                }
            }
        }
    }

    /// One escape, at a backslash; leaves `pos` after it.
    fn escape(&mut self) -> Result<char, JsonError> {
        let at = self.pos;
        self.pos += 1; // '\\'
        let Some(b) = self.peek() else {
            return Err(self.end_error("inside text in quotes"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{C}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4(at)?;
                match first {
                    0xD800..=0xDBFF => {
                        let low_at = self.pos;
                        let low = if self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u") {
                            self.pos += 2;
                            Some(self.hex4(low_at)?)
                        } else {
                            None
                        };
                        match low {
                            Some(low @ 0xDC00..=0xDFFF) => {
                                let code = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00);
                                char::from_u32(code).ok_or_else(|| self.lone_surrogate(at))?
                            }
                            _ => return Err(self.lone_surrogate(at)),
                        }
                    }
                    0xDC00..=0xDFFF => return Err(self.lone_surrogate(at)),
                    _ => char::from_u32(first).ok_or_else(|| self.lone_surrogate(at))?,
                }
            }
            _ => {
                let found: String = self
                    .text
                    .get(at + 1..)
                    .and_then(|r| r.chars().next())
                    .map(String::from)
                    .unwrap_or_default();
                return Err(self.error_at(
                    at,
                    JsonErrorKind::Syntax,
                    format!(
                        "'\\{}' is not an escape JSON knows (use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)",
                        echo(&found)
                    ),
                ));
            }
        };
        Ok(c)
    }

    fn lone_surrogate(&self, at: usize) -> JsonError {
        self.error_at(
            at,
            JsonErrorKind::Syntax,
            "a \\u escape here is half of a pair (a lone surrogate) and is not a character".into(),
        )
    }

    /// The four hex digits after `\u`; `at` is the backslash, for the message.
    fn hex4(&mut self, at: usize) -> Result<u32, JsonError> {
        let digits = self.bytes.get(self.pos..self.pos + 4);
        let value = digits.and_then(|d| {
            d.iter().try_fold(0u32, |acc, &b| {
                char::from(b).to_digit(16).map(|v| acc * 16 + v)
            })
        });
        match value {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => Err(self.error_at(
                at,
                JsonErrorKind::Syntax,
                "a \\u escape needs four hex digits (0-9, a-f), like \\u00e9".into(),
            )),
        }
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.error_at(
                        start,
                        JsonErrorKind::Syntax,
                        "a number cannot start with 0 followed by more digits".into(),
                    ));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("expected a digit after '-'")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.error("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.error("expected a digit in the number's exponent"));
            }
            self.digits();
        }
        // Kept as written: settings hold no numbers, so a number is only ever reported
        // as the wrong type (and parsing floats would add kilobytes to the download).
        let text = self.text.get(start..self.pos).unwrap_or("");
        Ok(Value::Number(text.to_string()))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }
}

/// A parsed value is a serde data source, so the built-in content can be read into the
/// model with this parser (about ten times faster in the browser than building JS objects
/// and walking them across the wasm boundary).
impl<'de> serde::de::Deserializer<'de> for Value {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        // Kept small: it is instantiated once for every shape of the content, so the
        // work that does not depend on the shape lives in plain functions below.
        match self {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(b),
            Value::Number(n) => match whole_number(&n)? {
                Ok(u) => v.visit_u64(u),
                Err(i) => v.visit_i64(i),
            },
            Value::String(s) => v.visit_string(s),
            Value::Array(items) => v.visit_seq(Items(items.into_iter())),
            Value::Object(entries) => v.visit_map(Entries {
                iter: entries.into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self {
            Value::Null => v.visit_none(),
            other => v.visit_some(other),
        }
    }

    /// An enum written as a string is its unit variant ("choices"); others as usual.
    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Self::Error> {
        use serde::de::IntoDeserializer;
        match self {
            Value::String(s) => v.visit_enum(s.into_deserializer()),
            other => other.deserialize_any(v),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// A JSON number as a whole number: `Ok` unsigned, `Err` negative.
fn whole_number(n: &str) -> Result<Result<u64, i64>, serde::de::value::Error> {
    use serde::de::Error;
    match n.parse::<u64>() {
        Ok(u) => Ok(Ok(u)),
        Err(_) => match n.parse::<i64>() {
            Ok(i) => Ok(Err(i)),
            Err(_) => Err(serde::de::value::Error::custom(format!(
                "the number {} is not a whole number",
                echo(n)
            ))),
        },
    }
}

/// An array's items, one at a time (smaller than serde's general-purpose `SeqDeserializer`).
struct Items(std::vec::IntoIter<Value>);

impl<'de> serde::de::SeqAccess<'de> for Items {
    type Error = serde::de::value::Error;
    fn next_element_seed<T: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        self.0.next().map(|v| seed.deserialize(v)).transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// An object's entries, one at a time.
struct Entries {
    iter: std::vec::IntoIter<(String, Value)>,
    value: Option<Value>,
}

impl<'de> serde::de::MapAccess<'de> for Entries {
    type Error = serde::de::value::Error;
    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        match self.iter.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(Value::String(k)).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        seed.deserialize(self.value.take().unwrap_or(Value::Null))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

impl<'de> serde::de::IntoDeserializer<'de, serde::de::value::Error> for Value {
    type Deserializer = Value;
    fn into_deserializer(self) -> Value {
        self
    }
}

/// `text` as a `T`, read with this parser: for trusted text of any size (the built-in
/// content, written by the build), nested at most 64 deep.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = parse_within(text, usize::MAX, 64).map_err(|e| e.to_string())?;
    T::deserialize(value).map_err(|e| e.to_string())
}
