//! Python value ↔ core type conversions shared by the modules of this crate (no behaviour).

use alloy_primitives::{Address, U256};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use set_core::encoding::{decode_b256, decode_fixed, decode_hex, encode_hex, fixed_from_slice, B256};

use crate::error::{core_error, invalid_argument};

/// The text of a `str`, or `None` for any other type (a `str` that is not valid UTF-8, with
/// lone surrogates, is reported as an invalid argument).
pub(crate) fn text_of(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    match value.cast::<PyString>() {
        Ok(text) => {
            text.to_str().map(|s| Some(s.to_owned())).map_err(|_| invalid_argument(field, "a valid UTF-8 string"))
        }
        Err(_) => Ok(None),
    }
}

/// The bytes of a `bytes` / `bytearray` / `memoryview`, or `None` for any other type.
pub(crate) fn raw_bytes(value: &Bound<'_, PyAny>) -> Option<Vec<u8>> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Some(bytes.as_bytes().to_vec());
    }
    if let Ok(array) = value.cast::<PyByteArray>() {
        return Some(array.to_vec());
    }
    None
}

/// A 32-byte value from `bytes` / `bytearray` of length 32 or a hex string (`0x` optional).
pub(crate) fn b256(field: &str, value: &Bound<'_, PyAny>) -> PyResult<B256> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return fixed_from_slice::<32>(field, bytes.as_bytes()).map(B256::from).map_err(core_error);
    }
    if let Some(bytes) = raw_bytes(value) {
        return fixed_from_slice::<32>(field, &bytes).map(B256::from).map_err(core_error);
    }
    if let Some(text) = text_of(field, value)? {
        return decode_b256(field, &text).map_err(core_error);
    }
    Err(invalid_argument(field, "32 bytes or a hex string"))
}

/// Bytes from `bytes` / `bytearray` or a hex string (`0x` optional).
pub(crate) fn bytes_of(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Some(bytes) = raw_bytes(value) {
        return Ok(bytes);
    }
    if let Some(text) = text_of(field, value)? {
        return decode_hex(field, &text).map_err(core_error);
    }
    Err(invalid_argument(field, "bytes or a hex string"))
}

/// A 20-byte address from a hex string (`0x` optional, any case) or 20 bytes.
pub(crate) fn address(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Address> {
    if let Some(bytes) = raw_bytes(value) {
        return fixed_from_slice::<20>(field, &bytes).map(Address::from).map_err(core_error);
    }
    if let Some(text) = text_of(field, value)? {
        return decode_fixed::<20>(field, &text).map(Address::from).map_err(core_error);
    }
    Err(invalid_argument(field, "an address (hex string or 20 bytes)"))
}

/// Applies `item` to every element of a list, tuple or other iterable (but not of a `str` or
/// `bytes`, which are single values), naming elements `field[i]`.
pub(crate) fn list_of<T>(
    field: &str,
    value: &Bound<'_, PyAny>,
    expected: &str,
    item: impl Fn(&str, &Bound<'_, PyAny>) -> PyResult<T>,
) -> PyResult<Vec<T>> {
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyBytes>() || value.is_instance_of::<PyByteArray>()
    {
        return Err(invalid_argument(field, expected));
    }
    if let Ok(list) = value.cast::<PyList>() {
        return list.iter().enumerate().map(|(i, element)| item(&format!("{field}[{i}]"), &element)).collect();
    }
    let iterator = value.try_iter().map_err(|_| invalid_argument(field, expected))?;
    iterator
        .enumerate()
        .map(|(i, element)| {
            let element = element.map_err(|_| invalid_argument(field, expected))?;
            item(&format!("{field}[{i}]"), &element)
        })
        .collect()
}

/// A list of 32-byte values (each `bytes` or hex).
pub(crate) fn b256_list(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Vec<B256>> {
    list_of(field, value, "a list of 32-byte values (bytes or hex strings)", b256)
}

/// Leaves or hashes given either as a list, or as one `bytes` of N×32 bytes (returned as
/// `Err(bytes)` so that the core checks and splits it).
pub(crate) fn b256_list_or_packed(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Result<Vec<B256>, Vec<u8>>> {
    if let Some(bytes) = raw_bytes(value) {
        return Ok(Err(bytes));
    }
    b256_list(field, value).map(Ok)
}

fn is_int(value: &Bound<'_, PyAny>) -> bool {
    value.is_instance_of::<PyInt>()
}

/// A u64 from a Python `int` in 0..2^64.
pub(crate) fn u64_of(field: &str, value: &Bound<'_, PyAny>) -> PyResult<u64> {
    if !is_int(value) {
        return Err(invalid_argument(field, "an int"));
    }
    value.extract::<u64>().map_err(|_| invalid_argument(field, "an int from 0 to 2**64 - 1"))
}

/// A u32 from a Python `int` in 0..2^32.
pub(crate) fn u32_of(field: &str, value: &Bound<'_, PyAny>) -> PyResult<u32> {
    if !is_int(value) {
        return Err(invalid_argument(field, "an int"));
    }
    value.extract::<u32>().map_err(|_| invalid_argument(field, "an int from 0 to 2**32 - 1"))
}

/// A u8 from a Python `int` (an `IntEnum` member is an `int`).
pub(crate) fn u8_of(field: &str, value: &Bound<'_, PyAny>) -> PyResult<u8> {
    if !is_int(value) {
        return Err(invalid_argument(field, "an int"));
    }
    value.extract::<u8>().map_err(|_| invalid_argument(field, "an int from 0 to 255"))
}

/// A uint256 from a Python `int` in 0..2^256.
pub(crate) fn u256_of(field: &str, value: &Bound<'_, PyAny>) -> PyResult<U256> {
    if !is_int(value) {
        return Err(invalid_argument(field, "an int"));
    }
    let bytes = value
        .call_method1("to_bytes", (32, "big"))
        .map_err(|_| invalid_argument(field, "an int from 0 to 2**256 - 1"))?;
    let bytes = bytes.cast::<PyBytes>().map_err(|_| invalid_argument(field, "an int from 0 to 2**256 - 1"))?;
    Ok(U256::from_be_slice(bytes.as_bytes()))
}

/// A bool from a Python `bool`.
pub(crate) fn bool_of(field: &str, value: &Bound<'_, PyAny>) -> PyResult<bool> {
    value.cast::<PyBool>().map(|b| b.is_true()).map_err(|_| invalid_argument(field, "a bool"))
}

/// A uint256 as a Python `int`.
pub(crate) fn py_u256<'py>(py: Python<'py>, value: U256) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(small) = u128::try_from(value) {
        return Ok(small.into_pyobject(py)?.into_any());
    }
    let bytes = PyBytes::new(py, &value.to_be_bytes::<32>());
    py.get_type::<PyInt>().call_method1("from_bytes", (bytes, "big"))
}

/// Raw bytes as Python `bytes`.
pub(crate) fn py_bytes<'py>(py: Python<'py>, bytes: &[u8]) -> Bound<'py, PyBytes> {
    PyBytes::new(py, bytes)
}

/// An address as `0x`-lowercase hex text.
pub(crate) fn address_text(address: &Address) -> String {
    encode_hex(address.as_slice())
}

/// A list of hashes as a Python `list[bytes]`.
pub(crate) fn py_hash_list<'py>(py: Python<'py>, values: &[B256]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, values.iter().map(|value| PyBytes::new(py, value.as_slice())))
}

/// JSON text of `value`: a `str` (or `bytes`) is taken as JSON text, anything else is passed
/// through `json.dumps` (`allow_nan=False`).
pub(crate) fn json_text(field: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Some(text) = text_of(field, value)? {
        return Ok(text);
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return String::from_utf8(bytes.as_bytes().to_vec()).map_err(|_| invalid_argument(field, "UTF-8 JSON text"));
    }
    json_dumps(field, value)
}

/// `json.dumps(value, allow_nan=False, ensure_ascii=False)`: the JSON text of any
/// JSON-compatible Python value (a `str` is a JSON string here, not JSON text).
pub(crate) fn json_dumps(field: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    const EXPECTED: &str = "a JSON-compatible value (dict, list, str, int, finite float, bool or None)";
    let py = value.py();
    let kwargs = PyDict::new(py);
    kwargs.set_item("allow_nan", false)?;
    kwargs.set_item("ensure_ascii", false)?;
    let text = py
        .import("json")?
        .getattr("dumps")?
        .call((value,), Some(&kwargs))
        .map_err(|_| invalid_argument(field, EXPECTED))?;
    text_of(field, &text)?.ok_or_else(|| invalid_argument(field, EXPECTED))
}

/// A JSON-compatible Python value as the core's `serde_json::Value`: read straight from the
/// objects where that gives exactly the value `json.dumps` (`allow_nan=False`) would write and
/// the core would parse back, through `json_dumps` otherwise (which also answers the errors).
pub(crate) fn json_value(field: &str, value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    match json_value_read(value, 0) {
        Some(read) => Ok(read),
        None => set_core::ves::parse_json(field, &json_dumps(field, value)?).map_err(core_error),
    }
}

/// Deeper than this, the text path decides (the core's parser has a nesting limit, and
/// `json.dumps` refuses a value that contains itself).
const JSON_READ_DEPTH: usize = 64;

/// [`json_value`] read from the objects: `dict` with `str` keys, `list`, `tuple`, `str`, `int`
/// within 64 bits, finite `float`, `bool` and `None`, of those exact types (not subclasses,
/// which `json.dumps` may write differently). `None` for anything else, left to the text path:
/// other keys (`json.dumps` turns them into text), larger ints (the parser reads them as
/// doubles), NaN and infinities, strings with lone surrogates, deeper nesting.
fn json_value_read(value: &Bound<'_, PyAny>, depth: usize) -> Option<serde_json::Value> {
    use serde_json::{Map, Number, Value};
    if depth > JSON_READ_DEPTH {
        return None;
    }
    if let Ok(text) = value.cast_exact::<PyString>() {
        return text.to_str().ok().map(|text| Value::String(text.to_owned()));
    }
    if let Ok(dict) = value.cast_exact::<PyDict>() {
        let mut map = Map::new();
        for (key, item) in dict.iter() {
            let key = key.cast_exact::<PyString>().ok()?.to_str().ok()?;
            map.insert(key.to_owned(), json_value_read(&item, depth + 1)?);
        }
        return Some(Value::Object(map));
    }
    if let Ok(list) = value.cast_exact::<PyList>() {
        return list.iter().map(|item| json_value_read(&item, depth + 1)).collect::<Option<_>>().map(Value::Array);
    }
    if value.is_none() {
        return Some(Value::Null);
    }
    if let Ok(flag) = value.cast_exact::<PyBool>() {
        return Some(Value::Bool(flag.is_true()));
    }
    if value.is_exact_instance_of::<PyInt>() {
        // The parser reads an integer literal as u64 or i64 when it fits, as a double otherwise.
        return match value.extract::<i64>() {
            Ok(number) => Some(Value::Number(Number::from(number))),
            Err(_) => value.extract::<u64>().ok().map(|number| Value::Number(Number::from(number))),
        };
    }
    if let Ok(float) = value.cast_exact::<PyFloat>() {
        // `repr` round-trips and the parser rounds correctly: the same double, never an integer.
        return Number::from_f64(float.value()).map(Value::Number);
    }
    if let Ok(tuple) = value.cast_exact::<PyTuple>() {
        return tuple.iter().map(|item| json_value_read(&item, depth + 1)).collect::<Option<_>>().map(Value::Array);
    }
    None
}

/// A `serde_json::Value` produced by the core, as plain Python objects (dict, list, str, …).
pub(crate) fn py_json<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, Some(i)) => i.into_pyobject(py)?.into_any(),
            _ => PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(py_json(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, py_json(py, item)?)?;
            }
            dict.into_any()
        }
    })
}
