//! Decoded ABI values (calls, returns, logs, reverts) as Python objects.
//!
//! The generic decoders return the core's language-neutral form as a dict
//! `{"name", "signature", "args"}` (values as text: decimal integers, `0x` hex), identical to the
//! `decoded` objects of `tests/vectors/`. Reverts become exception instances (`RegistryRevert`,
//! `PaymasterRevert`) carrying the error's name, signature and arguments.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use set_core::abi::{self, DecodedAbi};

use crate::convert::{address, bytes_of, py_bytes, py_json};
use crate::error::instantiate;

/// The language-neutral decoded form as a dict.
pub(crate) fn decoded_dict<'py>(py: Python<'py>, decoded: &DecodedAbi) -> PyResult<Bound<'py, PyAny>> {
    py_json(py, &decoded.to_json())
}

/// A revert exception of class `class` (`RegistryRevert` / `PaymasterRevert`) for `decoded`,
/// with `data` the raw revert data (`None` for a nested revert).
pub(crate) fn revert_exception<'py>(
    py: Python<'py>,
    class: &str,
    decoded: &DecodedAbi,
    data: Option<&[u8]>,
) -> PyResult<Bound<'py, PyAny>> {
    let arguments = PyDict::new(py);
    for arg in &decoded.args {
        arguments.set_item(&arg.name, py_json(py, &arg.value.to_json())?)?;
    }
    let inner = match &decoded.inner {
        Some(inner) => Some(revert_exception(py, class, inner, None)?),
        None => None,
    };
    let data = data.map(|data| py_bytes(py, data));
    instantiate(py, class, (decoded.name.as_str(), decoded.signature.as_str(), arguments, data, inner))
}

/// `transferOwnership(newOwner)` calldata (OpenZeppelin `Ownable`; same selector on SetRegistry
/// and SetPaymaster).
///
/// # Errors
/// `EncodingError` / `InvalidArgumentError` naming `new_owner`.
#[pyfunction]
pub fn encode_transfer_ownership<'py>(py: Python<'py>, new_owner: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    Ok(py_bytes(py, &abi::encode_transfer_ownership(address("new_owner", new_owner)?)))
}

/// `renounceOwnership()` calldata (OpenZeppelin `Ownable`).
#[pyfunction]
pub fn encode_renounce_ownership(py: Python<'_>) -> Bound<'_, PyBytes> {
    py_bytes(py, &abi::encode_renounce_ownership())
}

/// `upgradeToAndCall(newImplementation, data)` calldata (UUPS upgrade, owner only).
///
/// # Errors
/// `EncodingError` / `InvalidArgumentError` naming the field.
#[pyfunction]
pub fn encode_upgrade_to_and_call<'py>(
    py: Python<'py>,
    new_implementation: &Bound<'py, PyAny>,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let calldata =
        abi::encode_upgrade_to_and_call(address("new_implementation", new_implementation)?, &bytes_of("data", data)?);
    Ok(py_bytes(py, &calldata))
}
