//! JSON text to `serde_json::Value`, with the answers of `serde_json::from_str` wrapped in
//! `serde_path_to_error`: the same documents accepted, the same values (numbers included), and
//! for a document that is not JSON an error at the same place (`… at line L column C`) and path.
//!
//! Why not `serde_json` itself: its deserializer, generic over readers and visitors and wrapped
//! in `serde_path_to_error`'s tracking, is most of the JSON code in the npm package's wasm
//! (budget 100 KB gzip, `wasm/README.md` "Size"); this reader is a few kilobytes. One reader
//! for every language means a receipt parses to the same numbers everywhere. The tests below
//! compare the two on hand-picked, generated and mutated documents.
//!
//! Rules reproduced (serde_json 1.0 with `float_roundtrip`, reading from `&str`):
//! - RFC 8259 grammar; whitespace is space, tab, CR and LF; nesting deeper than 127 containers
//!   is `recursion limit exceeded`;
//! - an integer without fraction or exponent that fits is a `u64` (`i64` if negative); `-0`
//!   and integers beyond 64 bits become `f64`; every other number is the correctly rounded
//!   `f64`, and one that rounds to infinity is `number out of range` (an exponent beyond `i32`
//!   gives 0 when the mantissa is zero or the exponent negative);
//! - strings: the JSON escapes, `\u` surrogate pairs (a lone surrogate is an error), no raw
//!   control characters;
//! - a key repeated in one object: the last value wins;
//! - positions count bytes: `column` is the byte offset in the line of the last byte read, or
//!   of the byte looked at for errors found by looking ahead;
//! - paths as `serde_path_to_error` prints them (`a.b[2]`), except that a problem between an
//!   object's entries or inside a key is at the object itself, where `serde_path_to_error` adds
//!   a `?` segment (ADR 09: the path names the innermost value known to be at fault).

use alloc::string::String;
use alloc::vec::Vec;

use serde_json::{Map, Number, Value};

const EOF_WHILE_PARSING_LIST: &str = "EOF while parsing a list";
const EOF_WHILE_PARSING_OBJECT: &str = "EOF while parsing an object";
const EOF_WHILE_PARSING_STRING: &str = "EOF while parsing a string";
const EOF_WHILE_PARSING_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_COMMA_OR_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_COMMA_OR_END: &str = "expected `,` or `}`";
const EXPECTED_SOME_IDENT: &str = "expected ident";
const EXPECTED_SOME_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const NUMBER_OUT_OF_RANGE: &str = "number out of range";
const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_MUST_BE_A_STRING: &str = "key must be a string";
const LONE_LEADING_SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING_CHARACTERS: &str = "trailing characters";
const UNEXPECTED_END_OF_HEX_ESCAPE: &str = "unexpected end of hex escape";
const RECURSION_LIMIT_EXCEEDED: &str = "recursion limit exceeded";

/// serde_json's default nesting limit.
const RECURSION_LIMIT: u8 = 128;

/// Why a text is not one JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// Where, as `serde_path_to_error` prints it: `.` for the document itself (a key `""` at the
    /// top is the empty path, not `.`).
    pub(crate) path: String,
    /// What, with serde_json's message.
    pub(crate) reason: String,
    /// The document was complete but more than whitespace followed it (`trailing characters`,
    /// which serde_json reports from `Deserializer::end`, outside any path).
    pub(crate) after_document: bool,
}

/// A parsed document and, when its top level is an object, the keys given again after their
/// first appearance, in order, each with the byte offset where a derived deserializer reports
/// it (after the key and the whitespace behind it) — for readers that refuse repeated fields as
/// a derived deserializer does (`duplicate field`).
pub(crate) struct Document {
    pub(crate) value: Value,
    pub(crate) repeated_top_level_keys: Vec<(String, usize)>,
}

/// Parses one JSON document (whitespace around it allowed).
///
/// # Errors
/// The first problem, as serde_json reports it.
pub(crate) fn parse(text: &str) -> Result<Document, SyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        index: 0,
        remaining_depth: RECURSION_LIMIT,
        path: Vec::new(),
        repeated_top_level_keys: Vec::new(),
    };
    let value = parser.value()?;
    if parser.skip_whitespace().is_some() {
        let mut error = parser.error_at(TRAILING_CHARACTERS, parser.index + 1);
        error.after_document = true;
        return Err(error);
    }
    Ok(Document { value, repeated_top_level_keys: parser.repeated_top_level_keys })
}

/// `message at line L column C`, serde_json's way of placing a problem at byte `offset` of `text`.
pub(crate) fn located(message: &str, text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line_start = before.iter().rposition(|&byte| byte == b'\n').map_or(0, |newline| newline + 1);
    let line = 1 + before[..line_start].iter().filter(|&&byte| byte == b'\n').count();
    alloc::format!("{message} at line {line} column {}", before.len() - line_start)
}

/// One step of the path to the value being read.
enum Segment {
    Index(usize),
    Key(String),
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    index: usize,
    remaining_depth: u8,
    path: Vec<Segment>,
    repeated_top_level_keys: Vec<(String, usize)>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.index).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek();
        if byte.is_some() {
            self.index += 1;
        }
        byte
    }

    fn skip_whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.index += 1;
        }
        self.peek()
    }

    /// A problem with the byte just read (serde_json's `error`).
    fn error<T>(&self, message: &str) -> Result<T, SyntaxError> {
        Err(self.error_at(message, self.index))
    }

    /// A problem with the byte looked at (serde_json's `peek_error`).
    fn peek_error<T>(&self, message: &str) -> Result<T, SyntaxError> {
        Err(self.error_at(message, self.index + 1))
    }

    #[cold]
    #[inline(never)]
    fn error_at(&self, message: &str, offset: usize) -> SyntaxError {
        let path = if self.path.is_empty() { String::from(".") } else { self.path_text() };
        SyntaxError { path, reason: located(message, self.text, offset), after_document: false }
    }

    fn path_text(&self) -> String {
        let mut text = String::new();
        for (position, segment) in self.path.iter().enumerate() {
            match segment {
                Segment::Index(index) => {
                    text.push_str(&alloc::format!("[{index}]"));
                }
                Segment::Key(key) => {
                    if position > 0 {
                        text.push('.');
                    }
                    text.push_str(key);
                }
            }
        }
        text
    }

    fn value(&mut self) -> Result<Value, SyntaxError> {
        let Some(first) = self.skip_whitespace() else {
            return self.peek_error(EOF_WHILE_PARSING_VALUE);
        };
        match first {
            b'n' => self.ident(b"null", Value::Null),
            b't' => self.ident(b"true", Value::Bool(true)),
            b'f' => self.ident(b"false", Value::Bool(false)),
            b'-' => {
                self.index += 1;
                self.number(false)
            }
            b'0'..=b'9' => self.number(true),
            b'"' => {
                self.index += 1;
                Ok(Value::String(self.string()?))
            }
            b'[' | b'{' => {
                self.remaining_depth -= 1;
                if self.remaining_depth == 0 {
                    return self.peek_error(RECURSION_LIMIT_EXCEEDED);
                }
                self.index += 1;
                let value = if first == b'[' { self.array() } else { self.object() };
                self.remaining_depth += 1;
                value
            }
            _ => self.peek_error(EXPECTED_SOME_VALUE),
        }
    }

    fn ident(&mut self, ident: &[u8], value: Value) -> Result<Value, SyntaxError> {
        self.index += 1;
        for expected in &ident[1..] {
            match self.next() {
                None => return self.error(EOF_WHILE_PARSING_VALUE),
                Some(byte) if byte != *expected => return self.error(EXPECTED_SOME_IDENT),
                Some(_) => {}
            }
        }
        Ok(value)
    }

    /// A number whose sign (if any) has been read.
    fn number(&mut self, positive: bool) -> Result<Value, SyntaxError> {
        let start = if positive { self.index } else { self.index - 1 };
        // The integer part: `Some(value)` while it fits a u64.
        let mut integer = match self.next() {
            None => return self.error(EOF_WHILE_PARSING_VALUE),
            Some(b'0') => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return self.peek_error(INVALID_NUMBER);
                }
                Some(0u64)
            }
            Some(digit @ b'1'..=b'9') => Some(u64::from(digit - b'0')),
            Some(_) => return self.error(INVALID_NUMBER),
        };
        let mut nonzero_digit = integer != Some(0);
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            self.index += 1;
            integer = integer.and_then(|value| value.checked_mul(10)?.checked_add(u64::from(digit - b'0')));
        }
        let mut is_float = integer.is_none();
        if self.peek() == Some(b'.') {
            is_float = true;
            self.index += 1;
            let fraction_start = self.index;
            while let Some(digit @ b'0'..=b'9') = self.peek() {
                nonzero_digit |= digit != b'0';
                self.index += 1;
            }
            if self.index == fraction_start {
                return match self.peek() {
                    Some(_) => self.peek_error(INVALID_NUMBER),
                    None => self.peek_error(EOF_WHILE_PARSING_VALUE),
                };
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            is_float = true;
            self.index += 1;
            let positive_exponent = match self.peek() {
                Some(b'+') => {
                    self.index += 1;
                    true
                }
                Some(b'-') => {
                    self.index += 1;
                    false
                }
                _ => true,
            };
            let mut exponent = match self.next() {
                None => return self.error(EOF_WHILE_PARSING_VALUE),
                Some(digit @ b'0'..=b'9') => Some(i32::from(digit - b'0')),
                Some(_) => return self.error(INVALID_NUMBER),
            };
            while let Some(digit @ b'0'..=b'9') = self.peek() {
                self.index += 1;
                exponent = exponent.and_then(|value| value.checked_mul(10)?.checked_add(i32::from(digit - b'0')));
                if exponent.is_none() {
                    // serde_json gives up on the value here: ±0 or out of range.
                    if nonzero_digit && positive_exponent {
                        return self.error(NUMBER_OUT_OF_RANGE);
                    }
                    while let Some(b'0'..=b'9') = self.peek() {
                        self.index += 1;
                    }
                    return Ok(float(if positive { 0.0 } else { -0.0 }));
                }
            }
        }
        match integer {
            Some(value) if !is_float => {
                if positive {
                    return Ok(Value::Number(Number::from(value)));
                }
                // serde_json's rule: `-0` and magnitudes beyond i64 become f64.
                let negated = (value as i64).wrapping_neg();
                Ok(if negated >= 0 { float(-(value as f64)) } else { Value::Number(Number::from(negated)) })
            }
            _ => {
                let literal = self.text.get(start..self.index).unwrap_or_default();
                match super::float::parse(literal) {
                    Some(magnitude) => Ok(float(if positive { magnitude } else { -magnitude })),
                    None => self.error(NUMBER_OUT_OF_RANGE),
                }
            }
        }
    }

    /// A string whose opening quote has been read.
    fn string(&mut self) -> Result<String, SyntaxError> {
        let mut out = String::new();
        let mut start = self.index;
        loop {
            while let Some(byte) = self.peek() {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.index += 1;
            }
            // Quote, backslash and control bytes are ASCII, so `start..index` is on char boundaries.
            out.push_str(self.text.get(start..self.index).unwrap_or_default());
            match self.next() {
                None => return self.error(EOF_WHILE_PARSING_STRING),
                Some(b'"') => return Ok(out),
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => return self.error(CONTROL_CHARACTER),
            }
            start = self.index;
        }
    }

    /// An escape whose backslash has been read.
    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let unescaped = match self.next() {
            None => return self.error(EOF_WHILE_PARSING_STRING),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => self.unicode_escape()?,
            Some(_) => return self.error(INVALID_ESCAPE),
        };
        out.push(unescaped);
        Ok(())
    }

    /// `\uXXXX`, and its low surrogate when it is a high one; `\u` has been read.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let high = self.hex_escape()?;
        if (0xDC00..=0xDFFF).contains(&high) {
            return self.error(LONE_LEADING_SURROGATE);
        }
        if !(0xD800..=0xDBFF).contains(&high) {
            return Ok(char::from_u32(u32::from(high)).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        for expected in [b'\\', b'u'] {
            match self.next() {
                None => return self.error(EOF_WHILE_PARSING_STRING),
                Some(byte) if byte != expected => return self.error(UNEXPECTED_END_OF_HEX_ESCAPE),
                Some(_) => {}
            }
        }
        let low = self.hex_escape()?;
        if !(0xDC00..=0xDFFF).contains(&low) {
            return self.error(LONE_LEADING_SURROGATE);
        }
        let code_point = 0x1_0000 + ((u32::from(high) - 0xD800) << 10 | (u32::from(low) - 0xDC00));
        Ok(char::from_u32(code_point).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    fn hex_escape(&mut self) -> Result<u16, SyntaxError> {
        let Some(digits) = self.bytes.get(self.index..self.index + 4) else {
            self.index = self.bytes.len();
            return self.error(EOF_WHILE_PARSING_STRING);
        };
        self.index += 4;
        let mut value = 0u16;
        for &digit in digits {
            let nibble = match digit {
                b'0'..=b'9' => digit - b'0',
                b'a'..=b'f' => digit - b'a' + 10,
                b'A'..=b'F' => digit - b'A' + 10,
                _ => return self.error(INVALID_ESCAPE),
            };
            value = value << 4 | u16::from(nibble);
        }
        Ok(value)
    }

    /// An array whose `[` has been read.
    fn array(&mut self) -> Result<Value, SyntaxError> {
        let mut items = Vec::new();
        loop {
            match self.skip_whitespace() {
                None => return self.peek_error(EOF_WHILE_PARSING_LIST),
                Some(b']') => {
                    self.index += 1;
                    return Ok(Value::Array(items));
                }
                Some(_) if items.is_empty() => {}
                Some(b',') => {
                    self.index += 1;
                    match self.skip_whitespace() {
                        Some(b']') => return self.peek_error(TRAILING_COMMA),
                        Some(_) => {}
                        None => return self.peek_error(EOF_WHILE_PARSING_VALUE),
                    }
                }
                Some(_) => return self.peek_error(EXPECTED_LIST_COMMA_OR_END),
            }
            self.path.push(Segment::Index(items.len()));
            items.push(self.value()?);
            self.path.pop();
        }
    }

    /// An object whose `{` has been read.
    fn object(&mut self) -> Result<Value, SyntaxError> {
        let top_level = self.path.is_empty();
        let mut entries = Map::new();
        let mut first = true;
        loop {
            match self.skip_whitespace() {
                None => return self.peek_error(EOF_WHILE_PARSING_OBJECT),
                Some(b'}') => {
                    self.index += 1;
                    return Ok(Value::Object(entries));
                }
                Some(b'"') if first => {}
                Some(_) if first => return self.peek_error(KEY_MUST_BE_A_STRING),
                Some(b',') => {
                    self.index += 1;
                    match self.skip_whitespace() {
                        Some(b'"') => {}
                        Some(b'}') => return self.peek_error(TRAILING_COMMA),
                        Some(_) => return self.peek_error(KEY_MUST_BE_A_STRING),
                        None => return self.peek_error(EOF_WHILE_PARSING_VALUE),
                    }
                }
                Some(_) => return self.peek_error(EXPECTED_OBJECT_COMMA_OR_END),
            }
            first = false;
            self.index += 1;
            let key = self.string()?;
            let after_key = self.skip_whitespace();
            if top_level && entries.contains_key(&key) {
                self.repeated_top_level_keys.push((key.clone(), self.index));
            }
            match after_key {
                Some(b':') => self.index += 1,
                Some(_) => return self.peek_error(EXPECTED_COLON),
                None => return self.peek_error(EOF_WHILE_PARSING_OBJECT),
            }
            self.path.push(Segment::Key(key));
            let value = self.value()?;
            if let Some(Segment::Key(key)) = self.path.pop() {
                entries.insert(key, value);
            }
        }
    }
}

fn float(value: f64) -> Value {
    // Finite by construction; serde_json's `Value` has no NaN or infinity.
    Number::from_f64(value).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use proptest::prelude::*;

    /// What serde_json (through `serde_path_to_error`) says: the value as serde_json prints it
    /// (which tells `1` from `1.0` and `-0.0` from `0.0`), or (path, message, after document).
    fn oracle(text: &str) -> Result<String, (String, String, bool)> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, Value>(&mut deserializer) {
            Err(err) => Err((without_unknown_key(&err.path().to_string()), err.into_inner().to_string(), false)),
            Ok(value) => match deserializer.end() {
                Ok(()) => Ok(value.to_string()),
                Err(err) => Err((".".into(), err.to_string(), true)),
            },
        }
    }

    /// `serde_path_to_error`'s path with its `?` segment (between an object's entries, or in a
    /// key) taken off: our reader names the object itself there.
    fn without_unknown_key(path: &str) -> String {
        match (path, path.strip_suffix(".?")) {
            ("?", _) => ".".into(),
            (_, Some(object)) => object.into(),
            _ => path.into(),
        }
    }

    fn ours(text: &str) -> Result<String, (String, String, bool)> {
        parse(text).map(|document| document.value.to_string()).map_err(|err| (err.path, err.reason, err.after_document))
    }

    fn assert_same(text: &str) {
        assert_eq!(ours(text), oracle(text), "input {text:?}");
    }

    #[test]
    fn agrees_with_serde_json_on_hand_picked_documents() {
        let cases = [
            "",
            " ",
            "\n\n  ",
            "null",
            " true ",
            "false",
            "nul",
            "nulx",
            "tru",
            "fals",
            "n",
            "x",
            "]",
            "}",
            ",",
            "0",
            "-0",
            "-",
            "-x",
            "00",
            "01",
            "-01",
            "0.",
            "0.x",
            "1.5",
            "-1.5",
            "1e",
            "1e+",
            "1e-",
            "1ex",
            "1E5",
            "1e-5",
            "0e0",
            "-0.0",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "1e309",
            "-1e309",
            "4.9e-324",
            "2.4e-324",
            "1e-400",
            "1e2147483647",
            "1e2147483648",
            "0e2147483648",
            "1e-2147483648",
            "-1e99999999999",
            "0.0e99999999999",
            "1.0000000000000000000000000000001",
            "9007199254740993",
            "0.1e-2147483647",
            "1.5e2147483647",
            "123456789012345678901.5e3",
            "1234567890123456789.1234567890123456789",
            "1.x",
            "[1.]",
            "[-]",
            "\"",
            "\"abc",
            "\"a\\",
            "\"\\x\"",
            "\"\\u\"",
            "\"\\u12\"",
            "\"\\u12",
            "\"\\u00e9\"",
            "\"\\uD83D\\uDE00\"",
            "\"\\uD83D\"",
            "\"\\uD83Dx\"",
            "\"\\uD83D\\x\"",
            "\"\\uD83D\\u0041\"",
            "\"\\uDE00\"",
            "\"\\uD83D",
            "\"\\uD83D\\",
            "\"\\uD83D\\u",
            "\"\\uZZZZ\"",
            "\"a\u{1}b\"",
            "\"tab\there\"",
            "\"é😀\"",
            "\"\\/\\b\\f\\n\\r\\t\"",
            "[",
            "[1",
            "[1,",
            "[1,]",
            "[1 2]",
            "[,1]",
            "[1,,2]",
            "[[]]",
            "[[],[[]]]",
            "[1]x",
            "[1] ",
            "[1],",
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":1",
            "{\"a\":1,",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{\"a\":1 \"b\":2}",
            "{1:2}",
            "{\"a\":1,2:3}",
            "{,}",
            "{\"a\":[1,{\"b\":x}]}",
            "{\"a\":{\"b\":[0,1,{\"c\":tru}]}}",
            "[{\"a\":1},{\"b\":[1,2,}]}]",
            "{\"a\":1,\"a\":2}",
            "{\"a\\u0000\":1}",
            "{\"k\":\"\\uDE00\"}",
            "{\"a.b\":{\"c\":nul}}",
            "{\"\":{\"\":[x]}}",
            "\n\n [\n 1,\n x]",
            "\r\n{\"a\":\n\t?}",
            "{\"a\":1}\n\n  x",
            "1 2",
            "\"a\" \"b\"",
            "[\"\u{7f}\", \"\u{2028}\"]",
        ];
        for text in cases {
            assert_same(text);
        }
    }

    #[test]
    fn nesting_limit_is_serde_jsons() {
        for depth in [126, 127, 128, 129, 300] {
            let arrays = "[".repeat(depth) + &"]".repeat(depth);
            assert_same(&arrays);
            let objects = "{\"k\":".repeat(depth) + "1" + &"}".repeat(depth);
            assert_same(&objects);
            let mixed = "[{\"k\":".repeat(depth / 2) + "0" + &"}]".repeat(depth / 2);
            assert_same(&mixed);
        }
    }

    #[test]
    fn reports_the_first_repeated_top_level_key() {
        let document = parse("{\"a\":{\"x\":1,\"x\":2},\"b\":1, \"b\" :2,\"a\":3}").unwrap();
        assert_eq!(document.repeated_top_level_keys, [("b".into(), 30), ("a".into(), 36)]);
        assert_eq!(document.value.to_string(), "{\"a\":3,\"b\":2}");
        assert!(parse("[{\"a\":1,\"a\":1}]").unwrap().repeated_top_level_keys.is_empty());
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let key = prop_oneof![Just("a".to_string()), Just("é".to_string()), "[a-c\\\\\"\u{0}-\u{1f}😀]{0,3}"];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<u64>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(|value| Number::from_f64(value).map_or(Value::Null, Value::Number)),
            "[a\\\\\"\u{0}-\u{1f}\u{7f}\u{2028}é😀]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 4, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec((key.clone(), inner), 0..4)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    /// Bytes that steer a JSON parser: structure, number and escape characters, whitespace.
    const MUTATIONS: &[&str] = &[
        "", "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\uD800", "-", "+", ".", "e", "0", "9", " ", "\n",
        "\u{1}", "n", "x", "é",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn agrees_with_serde_json_on_printed_values(value in json_value(), pretty in any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&value).unwrap() } else { value.to_string() };
            assert_same(&text);
        }

        #[test]
        fn agrees_with_serde_json_on_mutated_documents(
            value in json_value(),
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0..MUTATIONS.len(), 0usize..3), 1..4),
        ) {
            let mut text = serde_json::to_string_pretty(&value).unwrap();
            for (at, insert, remove) in edits {
                let mut position = at.index(text.len() + 1);
                while !text.is_char_boundary(position) {
                    position -= 1;
                }
                let mut end = position;
                for _ in 0..remove {
                    if let Some(ch) = text[end..].chars().next() {
                        end += ch.len_utf8();
                    }
                }
                text.replace_range(position..end, MUTATIONS[insert]);
            }
            assert_same(&text);
        }

        #[test]
        fn agrees_with_serde_json_on_number_literals(literal in "-?[0-9]{0,25}(\\.[0-9]{0,25})?([eE][-+]?[0-9]{0,12})?") {
            assert_same(&literal);
            assert_same(&alloc::format!("[{literal}]"));
        }
    }
}
