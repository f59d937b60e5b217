//! The one place core errors become JS errors.
//!
//! Every error thrown by this package is a `SetError` — a subclass of JS `Error` defined by the
//! package's entry modules and handed to the wasm side by [`register_error_class`] — with a
//! stable `code` (the core's `code()`, e.g. `WRONG_LENGTH`, `INDEX_OUT_OF_RANGE`), a `module`
//! (`merkle`, `ids`, …), the `field` at fault (the core's `field()`, e.g.
//! `receipt.receipt_hash`; absent where the core names none) and the core's message.
//!
//! Input that is not even of the right JS type (a number where a string is expected, a
//! non-integer index) is reported with the binding-level code [`INVALID_ARGUMENT`], module
//! `"wasm"`: the core never sees such values.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

/// The code of a JS value of the wrong type or range, rejected before reaching the core.
pub const INVALID_ARGUMENT: &str = "INVALID_ARGUMENT";

thread_local! {
    // The JS class errors are built from; wasm runs on one thread per instance.
    static ERROR_CLASS: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    // The `JSON.stringify` replacer of the entries (see `crate::convert::json_text`).
    static JSON_REPLACER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Called once by each package entry with its `SetError` class (`class SetError extends
/// Error`), so that `instanceof SetError` holds for every error this package throws, and with
/// the `JSON.stringify` replacer that writes a `bigint` as its decimal string (a JS function:
/// a Rust closure would cost the checkout page's download more than the rest of this file). Not
/// part of the public JS API.
#[wasm_bindgen(js_name = __registerErrorClass)]
pub fn register_error_class(class: js_sys::Function, json_replacer: Option<js_sys::Function>) {
    ERROR_CLASS.with(|slot| *slot.borrow_mut() = Some(class));
    JSON_REPLACER.with(|slot| *slot.borrow_mut() = json_replacer);
}

/// The replacer an entry registered, if any (the raw wasm-bindgen glue registers none).
pub(crate) fn json_replacer() -> Option<js_sys::Function> {
    JSON_REPLACER.with(|slot| slot.borrow().clone())
}

/// Builds the `SetError` thrown to JS: an instance of the registered class, or a plain `Error`
/// named `SetError` if no entry registered one (the raw wasm-bindgen glue used directly).
fn set_error(code: &str, module: &str, field: Option<&str>, message: &str) -> JsValue {
    let registered = ERROR_CLASS.with(|slot| slot.borrow().clone());
    let error: js_sys::Error = registered
        .and_then(|class| js_sys::Reflect::construct(&class, &js_sys::Array::of1(&JsValue::from_str(message))).ok())
        .map(JsCast::unchecked_into)
        .unwrap_or_else(|| js_sys::Error::new(message));
    error.set_name("SetError");
    let object: &JsValue = error.as_ref();
    // Setting a property on a fresh Error object cannot fail; ignore the Result either way.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str("code"), &JsValue::from_str(code));
    let _ = js_sys::Reflect::set(object, &JsValue::from_str("module"), &JsValue::from_str(module));
    if let Some(field) = field {
        let _ = js_sys::Reflect::set(object, &JsValue::from_str("field"), &JsValue::from_str(field));
    }
    error.into()
}

/// Converts any core error (module errors convert into [`set_core::Error`]) to a `SetError`.
pub fn core_error(error: impl Into<set_core::Error>) -> JsValue {
    // Only the conversion is generic: one copy of the rest, not one per module error type.
    set_core_error(error.into())
}

#[inline(never)]
fn set_core_error(error: set_core::Error) -> JsValue {
    set_error(error.code(), error.module(), error.field(), &error.to_string())
}

/// A `SetError` with code [`INVALID_ARGUMENT`] for `field`.
pub fn invalid_argument(field: &str, expected: &str) -> JsValue {
    set_error(INVALID_ARGUMENT, "wasm", Some(field), &format!("{field}: expected {expected}"))
}
