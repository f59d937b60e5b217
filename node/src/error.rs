//! The one place core errors become JS errors, and the JS functions the package's entry hands
//! over at load time.
//!
//! Every error this package throws is a `SetError` (the class of `set-error.cjs`, the same file
//! as in `@setchain/core`) with the stable `code` (the core's `code()`, e.g. `WRONG_LENGTH`,
//! `INVALID_JSON`), the `module` (`receipt`, `ves`, …), the `field` at fault (the core's
//! `field()`, e.g. `receipt.receipt_hash`; absent where the core names none) and the core's
//! message: the properties `@setchain/core` gives, so a caller can switch packages.
//!
//! A JS value of the wrong type (a number where a bundle is expected) is reported with the
//! binding-level code [`INVALID_ARGUMENT`], module `"node"`: the core never sees such values.

use napi::bindgen_prelude::{Function, FunctionRef, Unknown};
use napi::{Env, JsValue, Result};
use napi_derive::napi;

/// The code of a JS value of the wrong type or range, rejected before reaching the core.
pub const INVALID_ARGUMENT: &str = "INVALID_ARGUMENT";

/// The module name of [`INVALID_ARGUMENT`] errors.
const MODULE: &str = "node";

/// The JS functions the entry registered with this Node environment (one per main thread or
/// worker: napi instance data).
pub(crate) struct Registered {
    /// `class SetError extends Error`.
    pub(crate) set_error: FunctionRef<String, Unknown<'static>>,
    /// The entry's `jsonText(value)`: `JSON.stringify(value)`; `[text]` when only
    /// `JSON.stringify(value, bigintAsText)` takes it (a `bigint` in it); `undefined` when
    /// neither does (a cycle, a function).
    pub(crate) json_text: FunctionRef<Unknown<'static>, Unknown<'static>>,
    /// `JSON.parse`.
    pub(crate) json_parse: FunctionRef<String, Unknown<'static>>,
}

/// Called once by the package's entry (`index.js`) with its `SetError` class, its `jsonText`
/// helper and `JSON.parse`. Not part of the public JS API.
///
/// # Errors
/// A napi failure storing the references.
#[napi(js_name = "__register")]
pub fn register(
    env: &Env,
    set_error: Function<String, Unknown<'static>>,
    json_text: Function<Unknown<'static>, Unknown<'static>>,
    json_parse: Function<String, Unknown<'static>>,
) -> Result<()> {
    let registered = Registered {
        set_error: set_error.create_ref()?,
        json_text: json_text.create_ref()?,
        json_parse: json_parse.create_ref()?,
    };
    env.set_instance_data(registered, (), |_| {})
}

/// What the entry registered.
///
/// # Errors
/// A plain `Error` when nothing was: the `.node` file loaded directly, not through `index.js`.
pub(crate) fn registered(env: &Env) -> Result<&'static Registered> {
    match env.get_instance_data::<Registered>()? {
        Some(registered) => Ok(registered),
        None => Err(napi::Error::from_reason(
            "@setchain/core-native: load the package (its index.js), not the .node file directly",
        )),
    }
}

/// A `SetError` object (not thrown): an instance of the registered class, or a plain `Error`
/// named `SetError` if none was registered.
pub(crate) fn set_error<'env>(
    env: &'env Env,
    code: &str,
    module: &str,
    field: Option<&str>,
    message: &str,
) -> Result<Unknown<'env>> {
    let error = match env.get_instance_data::<Registered>()? {
        Some(registered) => registered.set_error.borrow_back(env)?.new_instance(message.to_owned())?,
        None => env.create_error(napi::Error::from_reason(message))?.to_unknown(),
    };
    let mut object = error.coerce_to_object()?;
    object.set("name", "SetError")?;
    object.set("code", code)?;
    object.set("module", module)?;
    if let Some(field) = field {
        object.set("field", field)?;
    }
    Ok(object.to_unknown())
}

/// A core error (module errors convert into [`set_core::Error`]) as a `SetError` object.
pub(crate) fn core_error_value(env: &Env, error: impl Into<set_core::Error>) -> Result<Unknown<'_>> {
    let error = error.into();
    set_error(env, error.code(), error.module(), error.field(), &error.to_string())
}

/// A core error, to throw (`Err(core_error(env, e))`).
pub(crate) fn core_error(env: &Env, error: impl Into<set_core::Error>) -> napi::Error {
    thrown(core_error_value(env, error))
}

/// A `SetError` with code [`INVALID_ARGUMENT`] for `field`, to throw.
pub(crate) fn invalid_argument(env: &Env, field: &str, expected: &str) -> napi::Error {
    thrown(set_error(env, INVALID_ARGUMENT, MODULE, Some(field), &format!("{field}: expected {expected}")))
}

/// The JS error to throw: napi-rs throws the referenced object itself.
fn thrown(error: Result<Unknown<'_>>) -> napi::Error {
    match error {
        Ok(object) => napi::Error::from(object),
        Err(failure) => failure,
    }
}
