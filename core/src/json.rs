//! Reading a parsed `serde_json::Value` field by field into plain structs.
//!
//! Receipt bundles, trust documents and events arrive as JSON text that [`parse`] turns into a
//! `Value` once; their parts (receipt, commitment, proof, event, …) are then read by the
//! readers that [`json_struct!`] generates from one declaration per struct, instead of a derived
//! deserializer per struct (each costs tens of kilobytes in the npm package's wasm, whose budget
//! is 100 KB gzip; `docs/adr/08-wasm-size-two-modules.md`).
//!
//! What callers may rely on is the error's **code and field path** (ADR 09,
//! `docs/adr/09-error-codes-and-paths-are-the-contract.md`); message text is for people and may
//! change. The readers accept the documents a derived deserializer accepts, with the same values,
//! and name the same field for the first problem — `receipt::tests` and `ves::tests` check that
//! against the derived deserializers (kept as the oracle under `cfg(test)`) on every field of the
//! reference bundles replaced by every kind of JSON value. One deliberate difference: a struct is
//! a JSON object; serde's other form, the array of its fields in declaration order, was never
//! part of any format and is refused.
//!
//! Rules:
//! - a struct is read from an object: keys in the map's order (sorted), unknown keys ignored, a
//!   key given twice through an alias is a `duplicate field`, then the first required field that
//!   is absent, in declaration order, is reported at its own path (`receipt.receipt_hash`:
//!   missing), where serde names the struct;
//! - paths are `a.b[2].c`; the document itself is `.` here and `$` once named under a prefix.

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
    // inlined copy would cost code in the npm package's wasm (budget: 100 KB gzip).
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

/// What kind of JSON value `value` is, for messages: `null`, `a boolean`, `a number`, …
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cold]
#[inline(never)]
fn invalid_type(path: &str, value: &Value, expected: &str) -> JsonError {
    JsonError::new(path, format!("expected {expected}, found {}", kind(value)))
}

/// A field's name, its aliases, and whether it is optional (may be absent).
pub(crate) type Field = (&'static str, &'static [&'static str], bool);

/// A struct's shape: its fields in declaration order.
pub(crate) struct Struct {
    /// `(name, aliases, optional)`: an optional field may be absent.
    pub(crate) fields: &'static [Field],
}

/// What [`Struct::read`] calls for every field present: `(field name, field path, value)`,
/// the name being the declared one even when the document used an alias.
///
/// A `dyn` callback, not a generic one: one copy of [`Struct::read`] serves every struct
/// (generic, it was compiled again into each reader: wasm size).
pub(crate) type FieldReader<'a, 'v> = dyn FnMut(&'static str, &str, &'v Value) -> Result<(), JsonError> + 'a;

impl Struct {
    /// Reads the struct at `path`: calls `field(name, field_path, value)` for every field
    /// present, in key order, and stops at the first error. Then reports the first required
    /// field that is absent (in declaration order): on `Ok`, every required field was given to
    /// `field`, so the caller may take absent ones as a default that is never used.
    #[inline(never)]
    pub(crate) fn read<'v>(
        &self,
        path: &str,
        value: &'v Value,
        field: &mut FieldReader<'_, 'v>,
    ) -> Result<(), JsonError> {
        let Value::Object(map) = value else {
            return Err(invalid_type(path, value, "an object"));
        };
        // At most 64 fields (15 today): one bit each.
        let mut seen: u64 = 0;
        for (key, item) in map {
            let Some(index) = self.position(key) else {
                continue;
            };
            let name = self.fields[index].0;
            if seen & (1 << index) != 0 {
                return Err(JsonError::new(path, format!("duplicate field `{name}`")));
            }
            seen |= 1 << index;
            field(name, &key_path(path, key), item)?;
        }
        for (index, (name, _, optional)) in self.fields.iter().enumerate() {
            if !optional && seen & (1 << index) == 0 {
                // Named by the field's own path (serde_path_to_error names the struct).
                return Err(JsonError::new(&key_path(path, name), "missing".into()));
            }
        }
        Ok(())
    }

    /// The index of the field named `key` or one of its aliases.
    fn position(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|(name, aliases, _)| *name == key || aliases.contains(&key))
    }
}

/// Declares a raw struct read from a JSON object, with its [`Struct`] shape and its reader,
/// from one list of fields, so that a field cannot be read into the wrong place:
///
/// ```ignore
/// json_struct! {
///     #[derive(Default)]
///     struct RawProof {
///         leaf_index: RawU64 = RawU64::read, required;
///         proof_path: Vec<String> = json::string_list, required, alias "proofPath";
///     }
/// }
/// ```
///
/// Each field names its type, its reader (`fn(path, &Value) -> Result<type, JsonError>`),
/// `required` or `optional`, and any aliases. The struct needs `Default` (absent optional fields
/// keep it). Under `cfg(test)` every alias is also given to serde, for the derived oracle.
macro_rules! json_struct {
    (
        $(#[$meta:meta])*
        struct $name:ident {
            $( $field:ident : $type:ty = $reader:expr, $presence:ident $(, alias $alias:literal)* ; )*
        }
    ) => {
        $(#[$meta])*
        struct $name {
            $( $(#[cfg_attr(test, serde(alias = $alias))])* $field: $type, )*
        }

        impl $name {
            /// The fields, in declaration order.
            const SHAPE: $crate::json::Struct = $crate::json::Struct {
                fields: &[ $( (stringify!($field), &[$($alias),*], $crate::json::json_struct!(@optional $presence)), )* ],
            };

            /// Reads the struct at `path` (`""` for the document itself).
            #[inline(never)]
            fn read(path: &str, value: &serde_json::Value) -> Result<Self, $crate::json::JsonError> {
                let mut raw = Self::default();
                Self::SHAPE.read(path, value, &mut |name, path, value| {
                    $( if name == stringify!($field) {
                        raw.$field = ($reader)(path, value)?;
                        return Ok(());
                    } )*
                    Ok(())
                })?;
                Ok(raw)
            }
        }
    };
    (@optional required) => { false };
    (@optional optional) => { true };
}
pub(crate) use json_struct;

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

/// Any JSON value, kept as it is.
pub(crate) fn any(_path: &str, value: &Value) -> Result<Value, JsonError> {
    Ok(value.clone())
}

/// An `Option<Value>` field: `null` is `None`.
pub(crate) fn optional_value(_path: &str, value: &Value) -> Result<Option<Value>, JsonError> {
    Ok(match value {
        Value::Null => None,
        other => Some(other.clone()),
    })
}

/// An optional struct: `null` is `None`, anything else is read by `read`.
pub(crate) fn optional<T>(
    read: fn(&str, &Value) -> Result<T, JsonError>,
) -> impl Fn(&str, &Value) -> Result<Option<T>, JsonError> {
    move |path, value| if value.is_null() { Ok(None) } else { read(path, value).map(Some) }
}

/// A list of structs, each read by `read` at its own path (`a[2]`).
#[cfg(feature = "anchor-proof")]
pub(crate) fn list<T>(
    read: fn(&str, &Value) -> Result<T, JsonError>,
) -> impl Fn(&str, &Value) -> Result<Vec<T>, JsonError> {
    move |path, value| match value {
        Value::Array(items) => items.iter().enumerate().map(|(i, item)| read(&index_path(path, i), item)).collect(),
        other => Err(invalid_type(path, other, "an array")),
    }
}

/// A `Vec<String>` field.
#[inline(never)]
pub(crate) fn string_list(path: &str, value: &Value) -> Result<Vec<String>, JsonError> {
    match value {
        Value::Array(items) => items.iter().enumerate().map(|(i, item)| string(&index_path(path, i), item)).collect(),
        other => Err(invalid_type(path, other, "an array")),
    }
}

/// A `u32` field: an integer from 0 to 2^32 − 1.
#[inline(never)]
pub(crate) fn u32(path: &str, value: &Value) -> Result<u32, JsonError> {
    value
        .as_u64()
        .and_then(|number| u32::try_from(number).ok())
        .ok_or_else(|| invalid_type(path, value, "an integer from 0 to 4294967295"))
}

/// An `Option<u32>` field: `null` is `None`.
#[inline(never)]
pub(crate) fn optional_u32(path: &str, value: &Value) -> Result<Option<u32>, JsonError> {
    match value {
        Value::Null => Ok(None),
        other => u32(path, other).map(Some),
    }
}

/// A `u64` given as a JSON number or a decimal string (`#[serde(untagged)] enum RawU64`):
/// `Ok(Ok(number))` or `Ok(Err(text))`.
#[inline(never)]
pub(crate) fn u64_or_text(path: &str, value: &Value) -> Result<Result<u64, String>, JsonError> {
    match (value, value.as_u64()) {
        (_, Some(number)) => Ok(Ok(number)),
        (Value::String(text), _) => Ok(Err(text.clone())),
        _ => Err(invalid_type(path, value, "an unsigned 64-bit integer or a decimal string")),
    }
}

/// The oracle check: `read` accepts what `serde_path_to_error` over the derived `Deserialize` of
/// the same struct accepts, with the same value, and names the same path for the first problem —
/// on `documents` and on every document obtained by changing one place of one of them (a field
/// removed, replaced by each kind of JSON value, added under each of `extra_keys`). Messages are
/// not compared (ADR 09). The one deliberate difference: where a struct is given as an array,
/// which serde reads as its fields in order, `read` refuses the array itself.
#[cfg(test)]
pub(crate) fn assert_reads_as_serde<T>(
    documents: &[Value],
    extra_keys: &[&str],
    read: impl Fn(&str, &Value) -> Result<T, JsonError>,
) -> usize
where
    T: serde::de::DeserializeOwned + PartialEq + core::fmt::Debug,
{
    let mut checked = 0;
    for document in documents {
        for variant in core::iter::once(document.clone()).chain(mutations(document, extra_keys)) {
            let expected = serde_path_to_error::deserialize::<_, T>(variant.clone()).map_err(|err| {
                // A missing field is named by its own path here, by its struct's in serde.
                let path = err.path().to_string();
                let message = err.inner().to_string();
                match message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`')) {
                    Some(name) => key_path(if path == "." { "" } else { &path }, name),
                    None => path,
                }
            });
            let actual = read("", &variant).map_err(|err| (err.path().to_string(), err.reason));
            match (actual, expected) {
                (Ok(ours), Ok(theirs)) => assert_eq!(ours, theirs, "on {variant}"),
                (Err((ours, _)), Err(theirs)) if ours == theirs => {}
                (Err((ours, reason)), theirs) => {
                    // An array where a struct belongs: serde reads its items as the fields, then
                    // fails inside it, fails later or accepts the document.
                    assert!(
                        value_at(&variant, &ours).is_some_and(Value::is_array)
                            && reason == "expected an object, found an array",
                        "on {variant}: ours {ours:?} ({reason}), serde's {theirs:?}"
                    );
                }
                (Ok(ours), Err(theirs)) => panic!("on {variant}: ours {ours:?}, serde's error at {theirs:?}"),
            }
            checked += 1;
        }
    }
    checked
}

/// The value at a path as `JsonError::path` prints it (`.` for the document, `a.b[2]`).
#[cfg(test)]
fn value_at<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    if path == "." {
        return Some(value);
    }
    let mut current = value;
    for part in path.split('.') {
        let (key, indices) = part.split_once('[').map_or((part, ""), |(key, rest)| (key, rest));
        if !key.is_empty() {
            current = current.get(key)?;
        }
        for index in indices.split('[').filter(|index| !index.is_empty()) {
            current = current.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(current)
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
fn mutations(value: &Value, extra_keys: &[&str]) -> Vec<Value> {
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
                    Some(item) => mutations(item, extra_keys),
                    None => samples(),
                };
                for replacement in replacements {
                    let mut changed = map.clone();
                    changed.insert(key.clone(), replacement);
                    out.push(Value::Object(changed));
                }
            }
            // The struct as the array of its values, which serde would read field by field.
            out.push(Value::Array(map.values().cloned().collect()));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                for replacement in mutations(item, extra_keys) {
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
