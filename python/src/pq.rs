//! ML-DSA-65 (FIPS 204) verification: the post-quantum half of the sequencer's `hybrid` and
//! `pqc-strict` receipt signatures (`set_core::pq`). The GIL is released while verifying.

use pyo3::prelude::*;
use set_core::encoding::fixed_from_slice;
use set_core::pq::{self, MlDsaOutcome, ML_DSA_65_PUBLIC_KEY_LENGTH, ML_DSA_65_SIGNATURE_LENGTH};

use crate::convert::{b256, bytes_of};
use crate::error::core_error;

/// The public key and the signature, each of its ML-DSA-65 length.
type KeyAndSignature = ([u8; ML_DSA_65_PUBLIC_KEY_LENGTH], [u8; ML_DSA_65_SIGNATURE_LENGTH]);

fn key_and_signature(public_key: &Bound<'_, PyAny>, signature: &Bound<'_, PyAny>) -> PyResult<KeyAndSignature> {
    let key = fixed_from_slice("public_key", &bytes_of("public_key", public_key)?).map_err(core_error)?;
    let signature = fixed_from_slice("signature", &bytes_of("signature", signature)?).map_err(core_error)?;
    Ok((key, signature))
}

/// `Valid` is `True`. This package is built with ML-DSA-65 (python/Cargo.toml), so the core never
/// answers `Unsupported` here; were it to, nothing was verified and the answer is `False`.
fn verified(outcome: MlDsaOutcome) -> bool {
    outcome == MlDsaOutcome::Valid
}

/// Whether `signature` (3309 bytes) is a pure ML-DSA-65 signature with an empty context of the
/// 32-byte `message` by `public_key` (1952 bytes): how the sequencer signs receipt hashes and
/// event signing hashes. Each argument is `bytes`, `bytearray` or hex text (`0x` optional).
///
/// # Errors
/// `EncodingError` (`WRONG_LENGTH`, `INVALID_HEX`) naming `public_key`, `message` or `signature`.
#[pyfunction]
pub fn verify_ml_dsa_65(
    py: Python<'_>,
    public_key: &Bound<'_, PyAny>,
    message: &Bound<'_, PyAny>,
    signature: &Bound<'_, PyAny>,
) -> PyResult<bool> {
    let message = b256("message", message)?;
    let (key, signature) = key_and_signature(public_key, signature)?;
    Ok(py.detach(|| verified(pq::verify_ml_dsa_65(&key, &message, &signature))))
}

/// FIPS 204 `ML-DSA.Verify` for ML-DSA-65: whether `signature` (3309 bytes) signs `message` (any
/// length) under the context string `context` (at most 255 bytes; `False` for a longer one, with
/// which nothing can be signed) by `public_key` (1952 bytes). Each argument is `bytes`,
/// `bytearray` or hex text (`0x` optional).
///
/// # Errors
/// `EncodingError` (`WRONG_LENGTH`, `INVALID_HEX`) naming `public_key`, `message`, `context` or
/// `signature`.
#[pyfunction]
pub fn verify_ml_dsa_65_with_context(
    py: Python<'_>,
    public_key: &Bound<'_, PyAny>,
    message: &Bound<'_, PyAny>,
    context: &Bound<'_, PyAny>,
    signature: &Bound<'_, PyAny>,
) -> PyResult<bool> {
    let message = bytes_of("message", message)?;
    let context = bytes_of("context", context)?;
    let (key, signature) = key_and_signature(public_key, signature)?;
    Ok(py.detach(|| verified(pq::verify_ml_dsa_65_with_context(&key, &message, &context, &signature))))
}

/// Registers this module's functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(verify_ml_dsa_65, m)?)?;
    m.add_function(wrap_pyfunction!(verify_ml_dsa_65_with_context, m)?)?;
    Ok(())
}
