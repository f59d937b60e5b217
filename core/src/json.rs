//! Reading a parsed `serde_json::Value` field by field, with the paths and messages of
//! `serde_path_to_error` over `#[derive(Deserialize)]` structs.
//!
//! Receipt bundles and trust documents arrive as JSON text that `serde_json` parses into a
//! `Value` once; their parts (receipt, commitment, proof, event, …) are then read here by plain
//! functions instead of a derived deserializer per struct. Derived deserializers are generic:
//! wrapped in `serde_path_to_error`'s tracking, each struct costs tens of kilobytes in the npm
//! package's wasm (issue #4). The answers are the same as the derived ones — the same fields
//! accepted, the same first error, the same path and message — which `receipt::tests` and
//! `ves::tests` check against the derived deserializers (kept as the oracle under `cfg(test)`)
//! on every field of the reference bundles replaced by every kind of JSON value.
//!
//! Rules reproduced (serde 1, serde_json 1 without `preserve_order`, serde_path_to_error 0.1):
//! - a struct is read from an object (keys in the map's order, which is sorted; unknown keys
//!   ignored; a key given twice through an alias is `duplicate field`; then `missing field` in
//!   declaration order) or from an array (fields in declaration order, `invalid length`);
//! - anything else is `invalid type: <what>, expected <what was expected>` (serde_json's
//!   wording of the value: `null`, ``boolean `true` ``, ``integer `5` ``,
//!   ``floating point `1.5` ``, `string "x"`, `sequence`, `map`);
//! - paths are `a.b[2].c`, `.` for the document itself.

pub(crate) mod canonical;
mod float;
pub(crate) mod parse;

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde_json::Value;

/// The first problem found: where (as `serde_path_to_error` prints a path) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    path: String,
    /// serde's message.
    pub(crate) reason: String,
}

impl JsonError {
    // Not inlined, nor any of the error builders below: errors are the rare path, and each
    // inlined copy would cost code in the npm package's wasm (issue #4).
    #[cold]
    #[inline(never)]
    fn new(path: &str, reason: String) -> Self {
        JsonError { path: path.to_string(), reason }
    }

    /// The path as `serde_path_to_error::Path` displays it: `.` for the document itself.
    pub(crate) fn path(&self) -> &str {
        if self.path.is_empty() {
            "."
        } else {
            &self.path
        }
    }
}

/// The path of `key` inside the struct or map at `path`.
#[inline(never)]
pub(crate) fn key_path(path: &str, key: &str) -> String {
    let mut out = String::with_capacity(path.len() + 1 + key.len());
    if !path.is_empty() {
        out.push_str(path);
        out.push('.');
    }
    out.push_str(key);
    out
}

/// The field a problem at `path` (as `serde_path_to_error` prints it, `.` for the document
/// itself) names under `prefix`: `prefix.path`, `prefix` for the document itself, and without a
/// prefix the bare path, `$` for the document. Every JSON error of the crate is named this way.
pub(crate) fn field_name(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path == ".") {
        (true, true) => "$".into(),
        (false, true) => prefix.into(),
        _ => key_path(prefix, path),
    }
}

/// The path of item `index` of the sequence at `path`.
#[inline(never)]
pub(crate) fn index_path(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// How serde_json names a value it did not expect.
pub(crate) fn unexpected(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{}`", serde_float(n.as_f64().unwrap_or_default())),
        // Not `{n}`: serde_json's `Number` display would keep its float printer in the wasm.
        Value::Number(n) => match n.as_u64() {
            Some(unsigned) => format!("integer `{unsigned}`"),
            None => format!("integer `{}`", n.as_i64().unwrap_or_default()),
        },
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// A float as serde_json's messages print it (its `Number` display: shortest round-trip digits;
/// plain up to 16 digits before the point and from `0.0000`, otherwise `1.5e+25`). Built from
/// `ryu_js`'s digits, the same shortest digits, because serde_json's printer would add its code
/// and tables to the wasm for this one message.
fn serde_float(value: f64) -> String {
    let mut buffer = ryu_js::Buffer::new();
    // "1.5", "123", "0.000001", "1e+21", "1.5e-7" (JavaScript's notation).
    let printed = buffer.format_finite(value.abs());
    let (mantissa, exponent) = printed.split_once('e').unwrap_or((printed, "0"));
    let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = String::from(integer);
    digits.push_str(fraction);
    let significant = digits.trim_start_matches('0');
    // The point sits `point` digits after the first significant one.
    let point = integer.len() as i64 + exponent.parse::<i64>().unwrap_or(0) - (digits.len() - significant.len()) as i64;
    let significant = significant.trim_end_matches('0');
    let length = significant.len() as i64;
    let mut text = String::from(if value.is_sign_negative() { "-" } else { "" });
    let zeros = |count: i64| core::iter::repeat_n('0', count.max(0) as usize);
    if significant.is_empty() {
        text.push_str("0.0");
    } else if length <= point && point <= 16 {
        text.push_str(significant);
        text.extend(zeros(point - length));
        text.push_str(".0");
    } else if 0 < point && point <= 16 {
        text.push_str(&significant[..point as usize]);
        text.push('.');
        text.push_str(&significant[point as usize..]);
    } else if -5 < point && point <= 0 {
        text.push_str("0.");
        text.extend(zeros(-point));
        text.push_str(significant);
    } else {
        text.push_str(&significant[..1]);
        if length > 1 {
            text.push('.');
            text.push_str(&significant[1..]);
        }
        text.push_str(if point > 0 { "e+" } else { "e" });
        text.push_str(&alloc::format!("{}", point - 1));
    }
    text
}

#[cold]
#[inline(never)]
fn invalid_type(path: &str, value: &Value, expected: &str) -> JsonError {
    JsonError::new(path, format!("invalid type: {}, expected {expected}", unexpected(value)))
}

/// A field's name, its aliases, and whether it is optional (`#[serde(default)]`, may be absent).
pub(crate) type Field = (&'static str, &'static [&'static str], bool);

/// A struct's shape: its name (for messages) and fields in declaration order.
pub(crate) struct Struct {
    /// The Rust name serde reports (`RawReceipt`).
    pub(crate) name: &'static str,
    /// `(name, aliases, optional)`: an optional field (`#[serde(default)]`) may be absent.
    pub(crate) fields: &'static [Field],
}

/// What [`Struct::read`] calls for every field present: `(index, field_path, value)`.
///
/// A `dyn` callback, not a generic one: one copy of [`Struct::read`] serves every struct
/// (generic, it was compiled again into each reader — issue #4's wasm size).
pub(crate) type FieldReader<'a, 'v> = dyn FnMut(usize, &str, &'v Value) -> Result<(), JsonError> + 'a;

impl Struct {
    /// Reads the struct at `path`: calls `field(index, field_path, value)` for every field
    /// present, in the order a derived deserializer visits them, and stops at the first error.
    /// Then reports the first required field that is absent (`missing field`, in declaration
    /// order, as a derived deserializer does): on `Ok`, every required field was given to
    /// `field`, so the caller may take absent ones as a default that is never used.
    #[inline(never)]
    pub(crate) fn read<'v>(
        &self,
        path: &str,
        value: &'v Value,
        field: &mut FieldReader<'_, 'v>,
    ) -> Result<(), JsonError> {
        match value {
            Value::Object(map) => {
                // At most 64 fields (15 today): one bit each.
                let mut seen: u64 = 0;
                for (key, item) in map {
                    let Some(index) = self.position(key) else {
                        continue;
                    };
                    if seen & (1 << index) != 0 {
                        return Err(JsonError::new(path, format!("duplicate field `{}`", self.fields[index].0)));
                    }
                    seen |= 1 << index;
                    field(index, &key_path(path, key), item)?;
                }
                for (index, (name, _, optional)) in self.fields.iter().enumerate() {
                    if !optional && seen & (1 << index) == 0 {
                        return Err(JsonError::new(path, format!("missing field `{name}`")));
                    }
                }
                Ok(())
            }
            Value::Array(items) => {
                for (index, (_, _, optional)) in self.fields.iter().enumerate() {
                    match items.get(index) {
                        Some(item) => field(index, &index_path(path, index), item)?,
                        None if *optional => {}
                        None => {
                            return Err(JsonError::new(
                                path,
                                format!(
                                    "invalid length {index}, expected struct {} with {} elements",
                                    self.name,
                                    self.fields.len()
                                ),
                            ))
                        }
                    }
                }
                if items.len() > self.fields.len() {
                    return Err(JsonError::new(
                        path,
                        format!("invalid length {}, expected fewer elements in array", items.len()),
                    ));
                }
                Ok(())
            }
            other => Err(invalid_type(path, other, &format!("struct {}", self.name))),
        }
    }

    /// The index of the field named `key` or one of its aliases.
    fn position(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|(name, aliases, _)| *name == key || aliases.contains(&key))
    }
}

/// A `String` field.
#[inline(never)]
pub(crate) fn string(path: &str, value: &Value) -> Result<String, JsonError> {
    match value {
        Value::String(text) => Ok(text.clone()),
        other => Err(invalid_type(path, other, "a string")),
    }
}

/// An `Option<String>` field: `null` is `None`.
#[inline(never)]
pub(crate) fn optional_string(path: &str, value: &Value) -> Result<Option<String>, JsonError> {
    match value {
        Value::Null => Ok(None),
        other => string(path, other).map(Some),
    }
}

/// An `Option<Value>` field: `null` is `None`.
pub(crate) fn optional_value(value: &Value) -> Option<Value> {
    match value {
        Value::Null => None,
        other => Some(other.clone()),
    }
}

/// A `Vec<String>` field.
#[inline(never)]
pub(crate) fn string_list(path: &str, value: &Value) -> Result<Vec<String>, JsonError> {
    match value {
        Value::Array(items) => items.iter().enumerate().map(|(i, item)| string(&index_path(path, i), item)).collect(),
        other => Err(invalid_type(path, other, "a sequence")),
    }
}

/// A `u32` field.
#[inline(never)]
pub(crate) fn u32(path: &str, value: &Value) -> Result<u32, JsonError> {
    let Value::Number(n) = value else {
        return Err(invalid_type(path, value, "u32"));
    };
    if let Some(u) = n.as_u64() {
        return u32::try_from(u)
            .map_err(|_| JsonError::new(path, format!("invalid value: integer `{u}`, expected u32")));
    }
    match n.as_i64() {
        Some(i) => Err(JsonError::new(path, format!("invalid value: integer `{i}`, expected u32"))),
        None => Err(invalid_type(path, value, "u32")),
    }
}

/// A `u64` given as a JSON number or a decimal string (`#[serde(untagged)] enum RawU64`):
/// `Ok(Ok(number))` or `Ok(Err(text))`.
#[inline(never)]
pub(crate) fn u64_or_text(path: &str, value: &Value) -> Result<Result<u64, String>, JsonError> {
    match (value, value.as_u64()) {
        (_, Some(number)) => Ok(Ok(number)),
        (Value::String(text), _) => Ok(Err(text.clone())),
        _ => Err(JsonError::new(path, "data did not match any variant of untagged enum RawU64".into())),
    }
}

/// The oracle check: `read` answers exactly as `serde_path_to_error` over the derived
/// `Deserialize` of the same struct, on `documents` and on every document obtained by changing
/// one place of one of them (a field removed, replaced by each kind of JSON value, added under
/// each of `extra_keys`; an object turned into the array of its values, shortened, lengthened).
#[cfg(test)]
pub(crate) fn assert_reads_as_serde<T>(
    documents: &[Value],
    extra_keys: &[&str],
    shapes: &[&Struct],
    read: impl Fn(&str, &Value) -> Result<T, JsonError>,
) -> usize
where
    T: serde::de::DeserializeOwned + PartialEq + core::fmt::Debug,
{
    let mut checked = 0;
    for document in documents {
        for variant in core::iter::once(document.clone()).chain(mutations(document, extra_keys, shapes)) {
            let expected = serde_path_to_error::deserialize::<_, T>(variant.clone())
                .map_err(|err| (err.path().to_string(), err.into_inner().to_string()));
            let actual = read("", &variant).map_err(|err| (err.path().to_string(), err.reason));
            assert_eq!(actual, expected, "on {variant}");
            checked += 1;
        }
    }
    checked
}

#[cfg(test)]
fn samples() -> Vec<Value> {
    serde_json::from_str(
        r#"[null, true, false, 0, 1, 5, -1, -5, 4294967295, 4294967296, 18446744073709551615,
            -9223372036854775808, 1.5, 1.0, -0.0, 1e300, "", "x", "12", "0x12", "-1", "1.5", [], ["a"],
            ["a", 1], [1], [null], {}, {"a": 1}, {"format": "set-receipt-v1"}]"#,
    )
    .unwrap_or_default()
}

#[cfg(test)]
fn mutations(value: &Value, extra_keys: &[&str], shapes: &[&Struct]) -> Vec<Value> {
    let mut out = samples();
    match value {
        Value::Object(map) => {
            let mut keys: Vec<String> = map.keys().cloned().collect();
            keys.extend(extra_keys.iter().map(|k| k.to_string()));
            for key in keys {
                let mut removed = map.clone();
                if removed.remove(&key).is_some() {
                    out.push(Value::Object(removed));
                }
                let replacements = match map.get(&key) {
                    Some(item) => mutations(item, extra_keys, shapes),
                    None => samples(),
                };
                for replacement in replacements {
                    let mut changed = map.clone();
                    changed.insert(key.clone(), replacement);
                    out.push(Value::Object(changed));
                }
            }
            // A struct may be given as the array of its fields: in map order, shortened, lengthened.
            let values: Vec<Value> = map.values().cloned().collect();
            for n in 0..=values.len() {
                out.push(Value::Array(values[..n].to_vec()));
            }
            let mut longer = values;
            longer.push(Value::Null);
            out.push(Value::Array(longer));
            // … and in declaration order, for every shape this object has the fields of.
            for shape in shapes {
                let ordered: Vec<Value> =
                    shape.fields.iter().map_while(|(name, _, _)| map.get(*name).cloned()).collect();
                if ordered.is_empty() {
                    continue;
                }
                for n in 0..=ordered.len() {
                    out.push(Value::Array(ordered[..n].to_vec()));
                }
                let mut longer = ordered;
                longer.push(Value::Null);
                out.push(Value::Array(longer));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                for replacement in mutations(item, extra_keys, shapes) {
                    let mut changed = items.clone();
                    changed[i] = replacement;
                    out.push(Value::Array(changed));
                }
            }
            out.push(Value::Array(items.iter().skip(1).cloned().collect()));
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod serde_float_tests {
    use super::*;
    use proptest::prelude::*;

    /// How serde_json's own message prints the float.
    fn expected(value: f64) -> String {
        let message = serde_json::from_value::<u32>(serde_json::json!(value)).unwrap_err().to_string();
        message.trim_start_matches("invalid type: floating point `").trim_end_matches("`, expected u32").to_string()
    }

    #[test]
    fn prints_floats_as_serde_json_messages_do() {
        for value in [
            0.0,
            -0.0,
            1.0,
            1.5,
            -2.25,
            1e21,
            1e22,
            1e-7,
            1e-6,
            1e300,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            123456.789,
            1e15,
            1e16,
            1e17,
        ] {
            assert_eq!(serde_float(value), expected(value), "{value}");
        }
    }

    proptest! {
        #[test]
        fn prints_any_float_as_serde_json_messages_do(bits in any::<u64>()) {
            let value = f64::from_bits(bits);
            prop_assume!(value.is_finite());
            prop_assert_eq!(serde_float(value), expected(value));
        }
    }
}
