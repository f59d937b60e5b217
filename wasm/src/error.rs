//! The one place core errors become JS errors.
//!
//! Every error thrown by this package is a JS `Error` with `name = "SetError"`, a stable
//! `code` (the core's `code()`, e.g. `WRONG_LENGTH`, `INDEX_OUT_OF_RANGE`), a `module`
//! (`merkle`, `ids`, …) and the core's message, which names the offending field.
//!
//! Input that is not even of the right JS type (a number where a string is expected, a
//! non-integer index) is reported with the binding-level code [`INVALID_ARGUMENT`], module
//! `"wasm"`: the core never sees such values.

use wasm_bindgen::JsValue;

/// The code of a JS value of the wrong type or range, rejected before reaching the core.
pub const INVALID_ARGUMENT: &str = "INVALID_ARGUMENT";

/// Builds the `SetError` thrown to JS.
fn set_error(code: &str, module: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("SetError");
    let object: &JsValue = error.as_ref();
    // Setting a property on a fresh Error object cannot fail; ignore the Result either way.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str("code"), &JsValue::from_str(code));
    let _ = js_sys::Reflect::set(object, &JsValue::from_str("module"), &JsValue::from_str(module));
    error.into()
}

/// Converts any core error (module errors convert into [`set_core::Error`]) to a `SetError`.
pub fn core_error(error: impl Into<set_core::Error>) -> JsValue {
    let error: set_core::Error = error.into();
    set_error(error.code(), error.module(), &error.to_string())
}

/// A `SetError` with code [`INVALID_ARGUMENT`] for `field`.
pub fn invalid_argument(field: &str, expected: &str) -> JsValue {
    set_error(INVALID_ARGUMENT, "wasm", &format!("{field}: expected {expected}"))
}
