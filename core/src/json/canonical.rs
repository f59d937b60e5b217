//! RFC 8785 (JCS) text of a `serde_json::Value`, byte for byte as `serde_json_canonicalizer`
//! 0.3.1 writes it.
//!
//! The sequencer hashes payloads with that crate, so any difference would be a different
//! `payload_plain_hash`. It is written out here instead of depending on the crate because the
//! crate goes through serde_json's generic `Serializer`/`Formatter` machinery and re-parses every
//! object key, which costs the npm package's wasm tens of kilobytes (of a 100 KB gzip budget). The crate stays a
//! dev-dependency: the tests below compare against it on generated values and on every vector.
//!
//! What the crate does, and so what this does:
//! - every number, integer or not, is cast to `f64` (`u64`/`i64` `as f64`, rounding to nearest,
//!   so integers beyond ±2^53 lose digits) and printed like ECMAScript's `Number.prototype.toString`
//!   with `ryu_js` (`-0` prints as `0`, `1e21` as `1e+21`, `1e-7` as `1e-7`);
//! - strings escape `"`, `\` and the C0 controls only: `\b \t \n \f \r` by name, the others as
//!   `\u00xx` in lower-case hex; U+007F, U+2028/U+2029 and everything else are written as UTF-8;
//! - object members are sorted by their keys' UTF-16 code units (not by code points: U+10000 and
//!   above, as surrogates D800–DBFF, sort before U+E000–U+FFFF); no whitespace anywhere.
//!
//! Plain recursive functions writing into one `String`, without `core::fmt`: formatting
//! machinery (and float `Display`) would bring back the code this module exists to avoid.

use alloc::string::String;
use alloc::vec::Vec;

use serde_json::Value;

/// The JCS text of `value`.
///
/// `None` only for a number without a finite `f64` value, which `serde_json` can hold only with
/// its `arbitrary_precision` feature (not enabled in this workspace); `serde_json_canonicalizer`
/// refuses those too.
pub(crate) fn canonical_json(value: &Value) -> Option<String> {
    // Most payloads are a few hundred bytes: one allocation instead of a run of doublings.
    let mut out = String::with_capacity(512);
    write_value(&mut out, value)?;
    Some(out)
}

fn write_value(out: &mut String, value: &Value) -> Option<()> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        // `as_f64` is exactly the crate's cast: `u64 as f64`, `i64 as f64`, or the float itself.
        Value::Number(number) => out.push_str(ryu_js::Buffer::new().format_finite(finite(number.as_f64()?)?)),
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_value(out, item)?;
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            // JCS orders members by their keys' UTF-16 code units. serde_json's map iterates in
            // code point order, which is the same order unless a key holds a character from
            // U+E000–U+FFFF where another holds one above U+FFFF at the same place: the common
            // case is written as the map iterates, without collecting and sorting the members.
            // Keys are unique, so an unstable sort gives the one order.
            let mut keys = map.keys();
            let in_order = keys.next().is_none_or(|first| {
                keys.try_fold(first, |previous, key| (utf16_cmp(previous, key).is_lt()).then_some(key)).is_some()
            });
            if in_order {
                write_members(out, map.iter())?;
            } else {
                let mut members: Vec<(&String, &Value)> = map.iter().collect();
                members.sort_unstable_by(|(a, _), (b, _)| utf16_cmp(a, b));
                write_members(out, members.into_iter())?;
            }
            out.push('}');
        }
    }
    Some(())
}

fn write_members<'a>(out: &mut String, members: impl Iterator<Item = (&'a String, &'a Value)>) -> Option<()> {
    for (index, (key, item)) in members.enumerate() {
        if index > 0 {
            out.push(',');
        }
        write_string(out, key);
        out.push(':');
        write_value(out, item)?;
    }
    Some(())
}

/// `a` and `b` compared by their UTF-16 code units, from their UTF-8 bytes. Byte order is code
/// point order, which UTF-16 order follows except between a character from U+E000–U+FFFF
/// (lead byte EE or EF) and one above U+FFFF (lead byte F0–F4, a surrogate pair D800–DBFF in
/// UTF-16, so first there). Where the strings first differ, both bytes are lead bytes or both
/// are inside characters of one lead byte (UTF-8 is self-synchronising), so those two lead
/// bytes decide which order applies.
fn utf16_cmp(a: &str, b: &str) -> core::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let Some(at) = a.iter().zip(b).position(|(x, y)| x != y) else { return a.len().cmp(&b.len()) };
    let (x, y) = (a[at], b[at]);
    let (bmp_high, supplementary) = (|byte: u8| matches!(byte, 0xee | 0xef), |byte: u8| byte >= 0xf0);
    if (bmp_high(x) && supplementary(y)) || (supplementary(x) && bmp_high(y)) {
        y.cmp(&x)
    } else {
        x.cmp(&y)
    }
}

/// `ryu_js::Buffer::format_finite` prints garbage for NaN and infinities; the crate refuses them.
fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

/// A JSON string as serde_json escapes it (the crate only changes `\/`, which serde_json never
/// writes).
fn write_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    // Runs of characters written as they are are copied whole; every escaped character is
    // ASCII, so the runs end on character boundaries.
    let mut run = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0c => "\\f",
            b'\r' => "\\r",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[run..at]);
        run = at + 1;
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(&text[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Map, Number};

    fn oracle(value: &Value) -> String {
        serde_json_canonicalizer::to_string(value).unwrap()
    }

    fn assert_like_oracle(value: &Value) {
        assert_eq!(canonical_json(value).as_deref(), Some(oracle(value).as_str()), "{value}");
    }

    /// Every value inside `value` (itself included).
    fn visit(value: &Value, check: &mut dyn FnMut(&Value)) {
        check(value);
        match value {
            Value::Array(items) => items.iter().for_each(|item| visit(item, check)),
            Value::Object(map) => map.values().for_each(|item| visit(item, check)),
            _ => {}
        }
    }

    #[test]
    fn rfc_8785_examples() {
        // RFC 8785 §3.2.2.3 / Appendix B: ECMAScript number serialisation.
        let numbers: &[(u64, &str)] = &[
            (0x0000000000000000, "0"),
            (0x8000000000000000, "0"),
            (0x0000000000000001, "5e-324"),
            (0x8000000000000001, "-5e-324"),
            (0x7fefffffffffffff, "1.7976931348623157e+308"),
            (0xffefffffffffffff, "-1.7976931348623157e+308"),
            (0x4340000000000000, "9007199254740992"),
            (0xc340000000000000, "-9007199254740992"),
            (0x4430000000000000, "295147905179352830000"),
            (0x44b52d02c7e14af5, "9.999999999999997e+22"),
            (0x44b52d02c7e14af6, "1e+23"),
            (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
            (0x444b1ae4d6e2ef4e, "999999999999999700000"),
            (0x444b1ae4d6e2ef4f, "999999999999999900000"),
            (0x444b1ae4d6e2ef50, "1e+21"),
            (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
            (0x3eb0c6f7a0b5ed8d, "0.000001"),
            (0x41b3de4355555553, "333333333.3333332"),
            (0x41b3de4355555554, "333333333.33333325"),
            (0x41b3de4355555555, "333333333.3333333"),
            (0x41b3de4355555556, "333333333.3333334"),
            (0x41b3de4355555557, "333333333.33333343"),
            (0xbecbf647612f3696, "-0.0000033333333333333333"),
            (0x43143ff3c1cb0959, "1424953923781206.2"),
        ];
        for &(bits, expected) in numbers {
            let value = Value::Number(Number::from_f64(f64::from_bits(bits)).unwrap());
            assert_eq!(canonical_json(&value).unwrap(), expected, "{bits:#x}");
            assert_like_oracle(&value);
        }

        // RFC 8785 §3.2.4: the sorting example (UTF-16 order, including a surrogate pair before U+FB33).
        let sorting = json!({
            "\u{20ac}": "Euro Sign",
            "\r": "Carriage Return",
            "\u{fb33}": "Hebrew Letter Dalet With Dagesh",
            "1": "One",
            "\u{1f600}": "Emoji: Grinning Face",
            "\u{80}": "Control",
            "\u{f6}": "Latin Small Letter O With Diaeresis"
        });
        assert_eq!(
            canonical_json(&sorting).unwrap(),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\
             \"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
             \"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        );
        assert_like_oracle(&sorting);

        // RFC 8785 §3.2.2 example input, as text (so `4.50` and `2e-3` are parsed like the sequencer does).
        let example: Value = serde_json::from_str(
            r#"{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
                "literals": [null, true, false]}"#,
        )
        .unwrap();
        assert_eq!(
            canonical_json(&example).unwrap(),
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\
             \"string\":\"\u{20ac}$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}"
        );
        assert_like_oracle(&example);
    }

    #[test]
    fn edge_cases_like_the_crate() {
        let cases = [
            json!(null),
            json!(true),
            json!(""),
            json!([]),
            json!({}),
            json!(-0.0),
            json!(1e21),
            json!(1e-7),
            json!(9007199254740993u64),
            json!(9007199254740991u64),
            json!(-9007199254740993i64),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(f64::MIN_POSITIVE / 3.0),
            json!("\u{0}\u{1f}\u{7f}\u{2028}\u{2029}/\"\\\u{8}\u{c}"),
            json!({"\u{e000}": 1, "\u{ffff}": 2, "\u{10000}": 3, "\u{10ffff}": 4, "\u{d7ff}": 5}),
            json!({"b": {"d": [1, {"z": null, "a": [[]]}], "c": {}}, "a": "x"}),
        ];
        for value in &cases {
            assert_like_oracle(value);
        }
    }

    #[test]
    fn every_value_of_the_vectors_like_the_crate() {
        let mut checked = 0;
        for text in
            [include_str!("../../../tests/vectors/ves.json"), include_str!("../../../tests/vectors/receipts.json")]
        {
            let document: Value = serde_json::from_str(text).unwrap();
            visit(&document, &mut |value| {
                assert_like_oracle(value);
                checked += 1;
            });
        }
        assert!(checked > 1000, "{checked}");

        // The payloads as the sequencer receives them (text), and the JCS the vectors state.
        let ves: Value = serde_json::from_str(include_str!("../../../tests/vectors/ves.json")).unwrap();
        let cases = ves["payload_plain_hash"]
            .as_array()
            .unwrap()
            .iter()
            .chain(ves["payload_plain_hash_salted"].as_array().unwrap());
        let mut payloads = 0;
        for case in cases {
            let payload: Value = serde_json::from_str(case["payload_json"].as_str().unwrap()).unwrap();
            assert_like_oracle(&payload);
            if let Some(jcs) = case["jcs"].as_str() {
                assert_eq!(canonical_json(&payload).unwrap(), jcs);
            }
            payloads += 1;
        }
        assert!(payloads > 5, "{payloads}");
    }

    /// Characters that stress escaping and the UTF-16 sort: controls, quote, backslash, DEL,
    /// U+2028, BMP characters above the surrogate range, and supplementary characters.
    fn chars() -> impl Strategy<Value = char> {
        prop_oneof![
            prop::sample::select(vec![
                '\0',
                '\u{8}',
                '\t',
                '\n',
                '\u{b}',
                '\u{c}',
                '\r',
                '\u{1f}',
                '"',
                '\\',
                '/',
                '\u{7f}',
                '\u{80}',
                '\u{2028}',
                '\u{2029}',
                '\u{d7ff}',
                '\u{e000}',
                '\u{fb33}',
                '\u{ff61}',
                '\u{fffd}',
                '\u{ffff}',
                '\u{10000}',
                '\u{1f600}',
                '\u{10ffff}',
                'a',
                'A',
                'z',
                '0',
            ]),
            any::<char>(),
            prop::char::range('\u{e000}', '\u{ffff}'),
            prop::char::range('\u{10000}', '\u{10ffff}'),
            prop::char::range('\0', '\u{7f}'),
        ]
    }

    fn strings() -> impl Strategy<Value = String> {
        prop::collection::vec(chars(), 0..6).prop_map(|chars| chars.into_iter().collect())
    }

    fn floats() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            // Subnormals.
            (1u64..(1 << 52)).prop_map(f64::from_bits),
            prop::sample::select(vec![
                0.0,
                -0.0,
                1e21,
                -1e21,
                1e-7,
                1e-6,
                9007199254740991.0,
                9007199254740992.0,
                9007199254740994.0,
                f64::MAX,
                f64::MIN,
                f64::MIN_POSITIVE,
                5e-324,
                0.1,
                1.5,
            ]),
            (-1e30..1e30f64),
        ]
    }

    fn numbers() -> impl Strategy<Value = Number> {
        prop_oneof![
            any::<u64>().prop_map(Number::from),
            any::<i64>().prop_map(Number::from),
            ((1u64 << 53) - 2..=(1u64 << 53) + 2).prop_map(Number::from),
            floats().prop_filter_map("finite", Number::from_f64),
        ]
    }

    fn values() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            numbers().prop_map(Value::Number),
            strings().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((strings(), inner), 0..8)
                    .prop_map(|members| Value::Object(members.into_iter().collect::<Map<String, Value>>())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn generated_values_canonicalise_like_the_crate(value in values()) {
            prop_assert_eq!(canonical_json(&value), Some(oracle(&value)));
        }

        #[test]
        fn generated_numbers_canonicalise_like_the_crate(number in numbers()) {
            let value = Value::Number(number);
            prop_assert_eq!(canonical_json(&value), Some(oracle(&value)));
        }

        /// The byte comparison the writer sorts keys with is the UTF-16 comparison.
        #[test]
        fn keys_compare_by_utf16_code_units(a in strings(), b in strings()) {
            prop_assert_eq!(utf16_cmp(&a, &b), a.encode_utf16().cmp(b.encode_utf16()));
            prop_assert_eq!(utf16_cmp(&a, &a), core::cmp::Ordering::Equal);
        }

        /// The payload size rule of the agent (`validate::oversized_payload_of_jcs_len`) relies
        /// on serde_json's compact text being at most 4 × the JCS text.
        #[test]
        fn compact_json_is_at_most_four_times_the_jcs_text(value in values()) {
            let jcs = canonical_json(&value).unwrap();
            prop_assert!(serde_json::to_vec(&value).unwrap().len() <= 4 * jcs.len());
        }
    }

    /// The numbers whose compact text outgrows their JCS text the most (3 bytes each), packed.
    #[test]
    fn compact_json_of_the_worst_numbers_stays_within_four_times_the_jcs_text() {
        for number in [-0.0, 0.0, 1.0, -1.0, 1e15] {
            let value = Value::Array(alloc::vec![json!(number); 1000]);
            let (compact, jcs) = (serde_json::to_vec(&value).unwrap().len(), canonical_json(&value).unwrap().len());
            assert!(compact <= 4 * jcs, "{number}: {compact} > 4 × {jcs}");
        }
        // `-0.0` is the worst: 4 bytes for JCS's 1 (the bound is tight up to the separators).
        let worst = Value::Array(alloc::vec![json!(-0.0); 1000]);
        assert_eq!(serde_json::to_vec(&worst).unwrap().len(), 4 * 1000 + 999 + 2);
        assert_eq!(canonical_json(&worst).unwrap().len(), 1000 + 999 + 2);
    }
}
