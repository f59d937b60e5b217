//! # set-python
//!
//! The Python binding of the Set SDK, published to PyPI as `setchain` (native module
//! `setchain._native`, re-exported by the pure-Python package in `python/setchain/`).
//!
//! This crate only converts: Python values in (`bytes` or hex strings, `int`s, UUIDs, dicts or
//! JSON text), `set-core` calls, Python values out (`bytes` for hashes and calldata, `int`,
//! `uuid.UUID`, small frozen classes). Every behaviour, check and error message comes from
//! `set-core`; errors cross as subclasses of `setchain.SetError` carrying the core's stable
//! `code` and `field` (see [`error`]). Bulk calls (Merkle proofs, `verify_receipts`) release the
//! GIL while the core works. `setchain.Client` ([`client`]) is the Rust client `set-client` under
//! this binding: every call blocks on the extension's tokio runtime with the GIL released.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use pyo3::prelude::*;

pub mod abi;
pub mod agent;
pub mod anchor_proof;
pub mod client;
pub mod error;
pub mod ids;
pub mod merkle;
pub mod paymaster;
pub mod pq;
pub mod registry;
pub mod ves;

mod convert;

/// The native module `setchain._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // ids
    m.add_function(wrap_pyfunction!(ids::uuid_to_bytes32, m)?)?;
    m.add_function(wrap_pyfunction!(ids::bytes32_to_uuid, m)?)?;
    m.add_function(wrap_pyfunction!(ids::tenant_store_key, m)?)?;
    m.add_function(wrap_pyfunction!(ids::stream_id, m)?)?;
    // merkle
    m.add_class::<merkle::PyMerkleTree>()?;
    m.add_class::<merkle::PyProofSet>()?;
    m.add_function(wrap_pyfunction!(merkle::verify_proof, m)?)?;
    m.add_function(wrap_pyfunction!(merkle::verify_proofs, m)?)?;
    // ves and receipts
    m.add_class::<ves::PyVerdict>()?;
    m.add_function(wrap_pyfunction!(ves::payload_plain_hash, m)?)?;
    m.add_function(wrap_pyfunction!(ves::payload_plain_hash_json, m)?)?;
    m.add_function(wrap_pyfunction!(ves::payload_plain_hash_salted, m)?)?;
    m.add_function(wrap_pyfunction!(ves::canonical_json, m)?)?;
    m.add_function(wrap_pyfunction!(ves::event_signing_hash, m)?)?;
    m.add_function(wrap_pyfunction!(ves::leaf_hash, m)?)?;
    m.add_function(wrap_pyfunction!(ves::receipt_hash, m)?)?;
    m.add_function(wrap_pyfunction!(ves::state_root, m)?)?;
    m.add_function(wrap_pyfunction!(ves::pad_leaf, m)?)?;
    m.add_function(wrap_pyfunction!(ves::node_hash, m)?)?;
    m.add_function(wrap_pyfunction!(ves::verify_receipt, m)?)?;
    m.add_function(wrap_pyfunction!(ves::verify_receipts, m)?)?;
    m.add_class::<anchor_proof::PyAnchorProofVerdict>()?;
    m.add_function(wrap_pyfunction!(anchor_proof::verify_anchor_proof, m)?)?;
    m.add_function(wrap_pyfunction!(anchor_proof::anchor_proof_requests, m)?)?;
    m.add_function(wrap_pyfunction!(anchor_proof::attach_anchor_proof, m)?)?;
    m.add_function(wrap_pyfunction!(anchor_proof::upgrade_anchor_proof, m)?)?;
    // the store agent's side
    m.add_class::<agent::PyUnsignedEvent>()?;
    m.add_class::<agent::PyAgentSigner>()?;
    m.add_function(wrap_pyfunction!(agent::agent_public_key, m)?)?;
    m.add_function(wrap_pyfunction!(agent::key_registration_request, m)?)?;
    m.add_function(wrap_pyfunction!(agent::read_key_registration_response, m)?)?;
    m.add_function(wrap_pyfunction!(agent::ingest_request, m)?)?;
    m.add_function(wrap_pyfunction!(agent::read_ingest_response, m)?)?;
    m.add_function(wrap_pyfunction!(agent::receipt_bundle_from_sequencer, m)?)?;
    m.add_function(wrap_pyfunction!(agent::commitment_holding, m)?)?;
    m.add_function(wrap_pyfunction!(agent::batch_committed_filter, m)?)?;
    m.add_function(wrap_pyfunction!(agent::commitment_holding_in_logs, m)?)?;
    // contracts
    m.add_function(wrap_pyfunction!(abi::encode_transfer_ownership, m)?)?;
    m.add_function(wrap_pyfunction!(abi::encode_renounce_ownership, m)?)?;
    m.add_function(wrap_pyfunction!(abi::encode_upgrade_to_and_call, m)?)?;
    registry::register(m)?;
    paymaster::register(m)?;
    pq::register(m)?;
    client::register(m)?;
    Ok(())
}
