//! The one place core errors become Python exceptions.
//!
//! The exception classes live in `setchain/_errors.py` (so that they can subclass both
//! `SetError` and `ValueError` and carry typed attributes); this module picks the class from
//! the core error's [`set_core::Error::module`] and passes the core's stable `code()`, its
//! `field()` (the dotted path of the input at fault, `None` where the core names none) and its
//! message.
//!
//! Python values of the wrong type or range (a float where an index is expected, a negative
//! sequence number) never reach the core: they are reported as `InvalidArgumentError` with the
//! binding-level code [`INVALID_ARGUMENT`] and module `"python"`.

use pyo3::prelude::*;

/// The code of a Python value of the wrong type or range, rejected before reaching the core.
pub const INVALID_ARGUMENT: &str = "INVALID_ARGUMENT";

/// The Python module defining the exception classes.
const ERRORS_MODULE: &str = "setchain._errors";

/// The exception class for errors of the core module `module` (one class per module;
/// `InputError` only for a module a newer core adds before this map knows it).
fn class_for(module: &str) -> &'static str {
    match module {
        "encoding" => "EncodingError",
        "ids" => "IdError",
        "merkle" => "MerkleError",
        "ves" => "VesError",
        "receipt" => "ReceiptError",
        "registry" => "RegistryError",
        "paymaster" => "PaymasterError",
        "sequencer" => "SequencerError",
        "anchoring" => "AnchoringError",
        "anchor_proof" => "AnchorProofError",
        "agent" => "AgentError",
        _ => "InputError",
    }
}

/// Instantiates `setchain._errors.<class>(message, code, module)`.
pub(crate) fn instantiate<'py>(
    py: Python<'py>,
    class: &str,
    args: impl pyo3::call::PyCallArgs<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    py.import(ERRORS_MODULE)?.getattr(class)?.call1(args)
}

fn set_error(class: &str, code: &str, module: &str, field: Option<&str>, message: &str) -> PyErr {
    Python::attach(|py| match instantiate(py, class, (message, code, module, field)) {
        Ok(instance) => PyErr::from_value(instance),
        Err(err) => err,
    })
}

/// Converts any core error (module errors convert into [`set_core::Error`]) to the matching
/// `setchain.SetError` subclass (all of which are also `ValueError`s).
pub fn core_error(error: impl Into<set_core::Error>) -> PyErr {
    let error: set_core::Error = error.into();
    set_error(class_for(error.module()), error.code(), error.module(), error.field(), &error.to_string())
}

/// A `set_client::ClientError` as `setchain.ClientError`: set-client's stable `code()` (core's own
/// code when core refused), `field()`, the HTTP `status()` of a sequencer's error answer, the URL
/// of the server that answered (sequencer or chain RPC) and, for a core refusal, the core module
/// (`module` is `"client"` otherwise).
pub fn client_error(error: set_client::ClientError) -> PyErr {
    let url = error.url().map(str::to_owned);
    let module = error.core_module().unwrap_or("client");
    let (code, field, status, message) =
        (error.code(), error.field().map(str::to_owned), error.status(), error.to_string());
    Python::attach(|py| match instantiate(py, "ClientError", (message, code, module, field, status, url)) {
        Ok(instance) => PyErr::from_value(instance),
        Err(err) => err,
    })
}

/// An `InvalidArgumentError` (code [`INVALID_ARGUMENT`]) for `field`.
pub fn invalid_argument(field: &str, expected: &str) -> PyErr {
    set_error("InvalidArgumentError", INVALID_ARGUMENT, "python", Some(field), &format!("{field}: expected {expected}"))
}

#[cfg(test)]
mod tests {
    use super::class_for;

    #[test]
    fn every_core_module_has_its_own_class() {
        let modules = [
            "encoding",
            "ids",
            "merkle",
            "ves",
            "receipt",
            "registry",
            "paymaster",
            "sequencer",
            "anchoring",
            "anchor_proof",
            "agent",
        ];
        let classes: Vec<&str> = modules.iter().map(|module| class_for(module)).collect();
        assert!(!classes.contains(&"InputError"), "{classes:?}");
        let mut distinct = classes.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), modules.len(), "{classes:?}");
    }
}
