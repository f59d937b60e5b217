//! The store agent's side (`set_core::ves::agent`, `agent_keys`): the registration of its key,
//! build an event, hash and sign it (or take a signature made elsewhere, checked first), the
//! ingest body and its answer, and a bundle
//! assembled from the sequencer's answers (`ReceiptBundle::from_sequencer`).

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use serde::Serialize;
use set_core::encoding::{encode_hex, fixed_from_slice, B256};
use set_core::receipt::{BundleAnchor, ReceiptBundle, Trust};
use set_core::sequencer;
use set_core::ves::agent::{self, AgentPublicKey, AgentSecretKey, AgentSigner, EventFields};
use set_core::ves::agent_keys;
use set_core::ves::{self, VesEvent};

use crate::convert::{
    address, b256, bytes_of, json_dumps, json_text, json_value, list_of, py_bytes, py_json, u32_of, u64_of,
};
use crate::error::{core_error, invalid_argument};
use crate::ids::uuid_of;

/// Any core value with a JSON form (an event, a receipt, a bundle), as plain Python objects.
pub(crate) fn py_serialized<'py>(py: Python<'py>, field: &str, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value).map_err(|_| invalid_argument(field, "a value with a JSON form"))?;
    py_json(py, &value)
}

/// A signed event as the dict `py_serialized` would make of it (the same keys, in the same
/// sorted order, and values), written directly: no intermediate `serde_json::Value` of the
/// whole event.
fn py_event<'py>(py: Python<'py>, event: &VesEvent) -> PyResult<Bound<'py, PyDict>> {
    let uuid = |id: &uuid::Uuid| {
        let mut buffer = uuid::Uuid::encode_buffer();
        PyString::new(py, id.hyphenated().encode_lower(&mut buffer))
    };
    let hex = |bytes: &[u8]| PyString::new(py, &encode_hex(bytes));
    let dict = PyDict::new(py);
    dict.set_item(intern!(py, "agent_key_id"), event.agent_key_id)?;
    dict.set_item(intern!(py, "agent_signature"), hex(&event.agent_signature))?;
    if let Some(bundle) = &event.agent_signature_bundle {
        let item = PyDict::new(py);
        if let Some(signature) = &bundle.ed25519_signature {
            item.set_item(intern!(py, "ed25519_signature"), hex(signature))?;
        }
        if let Some(signature) = &bundle.ml_dsa_65_signature {
            item.set_item(intern!(py, "ml_dsa_65_signature"), hex(signature))?;
        }
        dict.set_item(intern!(py, "agent_signature_bundle"), item)?;
    }
    if let Some(scheme) = event.agent_signature_scheme {
        dict.set_item(intern!(py, "agent_signature_scheme"), scheme)?;
    }
    dict.set_item(intern!(py, "created_at"), &event.created_at)?;
    dict.set_item(intern!(py, "entity_id"), &event.entity_id)?;
    dict.set_item(intern!(py, "entity_type"), &event.entity_type)?;
    dict.set_item(intern!(py, "event_id"), uuid(&event.event_id))?;
    dict.set_item(intern!(py, "event_type"), &event.event_type)?;
    if let Some(payload) = &event.payload {
        dict.set_item(intern!(py, "payload"), py_json(py, payload)?)?;
    }
    dict.set_item(intern!(py, "payload_cipher_hash"), hex(event.payload_cipher_hash.as_slice()))?;
    dict.set_item(intern!(py, "payload_kind"), event.payload_kind)?;
    dict.set_item(intern!(py, "payload_plain_hash"), hex(event.payload_plain_hash.as_slice()))?;
    dict.set_item(intern!(py, "source_agent_id"), uuid(&event.source_agent_id))?;
    dict.set_item(intern!(py, "store_id"), uuid(&event.store_id))?;
    dict.set_item(intern!(py, "tenant_id"), uuid(&event.tenant_id))?;
    dict.set_item(intern!(py, "ves_version"), event.ves_version)?;
    Ok(dict)
}

pub(crate) fn event_of(field: &str, event: &Bound<'_, PyAny>) -> PyResult<VesEvent> {
    VesEvent::from_json(&json_text(field, event)?).map_err(core_error)
}

pub(crate) fn events_of(field: &str, events: &Bound<'_, PyAny>) -> PyResult<Vec<VesEvent>> {
    list_of(field, events, "an iterable of events (dicts or JSON text)", |index, event| {
        Ok(event_of(&format!("{field}[{index}]"), event))
    })?
    .into_iter()
    .collect()
}

fn seed_of(field: &str, seed: Option<&Bound<'_, PyAny>>) -> PyResult<Option<[u8; 32]>> {
    seed.map(|seed| fixed_from_slice::<32>(field, &bytes_of(field, seed)?).map_err(core_error)).transpose()
}

/// The secret key the seeds given make: Ed25519 alone, ML-DSA-65 alone, or both (hybrid).
fn secret_key(
    ed25519_seed: Option<&Bound<'_, PyAny>>,
    ml_dsa_65_seed: Option<&Bound<'_, PyAny>>,
) -> PyResult<AgentSecretKey> {
    match (seed_of("ed25519_seed", ed25519_seed)?, seed_of("ml_dsa_65_seed", ml_dsa_65_seed)?) {
        (Some(ed25519_seed), Some(ml_dsa_65_seed)) => Ok(AgentSecretKey::Hybrid { ed25519_seed, ml_dsa_65_seed }),
        (Some(seed), None) => Ok(AgentSecretKey::Ed25519 { seed }),
        (None, Some(seed)) => Ok(AgentSecretKey::MlDsa65 { seed }),
        (None, None) => Err(invalid_argument("ed25519_seed", "an Ed25519 seed, an ML-DSA-65 seed, or both")),
    }
}

/// Hex text of a key given as bytes or hex (the core reads keys from hex).
fn key_text(field: &str, key: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    key.map(|key| Ok(encode_hex(&bytes_of(field, key)?))).transpose()
}

fn public_key_dict<'py>(py: Python<'py>, key: &AgentPublicKey) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("ed25519", key.ed25519().map(|key| py_bytes(py, key)))?;
    dict.set_item("ml_dsa_65", key.ml_dsa_65().map(|key| py_bytes(py, key)))?;
    Ok(dict)
}

/// An agent's key expanded once, for an agent that signs many events: give `ed25519_seed`
/// (profile `legacy`), both seeds (hybrid) or `ml_dsa_65_seed` alone, then pass it to
/// `UnsignedEvent.sign_with`. The expanded keys are overwritten with zeros when it is freed;
/// it never prints them. (The seeds given stay in the caller's `bytes`, which Python cannot
/// wipe.)
#[pyclass(module = "setchain._native", name = "AgentSigner", frozen)]
pub struct PyAgentSigner {
    signer: AgentSigner,
}

#[pymethods]
impl PyAgentSigner {
    /// Expands the seeds (32 bytes each, bytes or hex).
    ///
    /// # Errors
    /// `InvalidArgumentError` when no seed is given; `EncodingError` naming a bad seed.
    #[new]
    #[pyo3(signature = (*, ed25519_seed=None, ml_dsa_65_seed=None))]
    fn new(ed25519_seed: Option<&Bound<'_, PyAny>>, ml_dsa_65_seed: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let signer = AgentSigner::new(&secret_key(ed25519_seed, ml_dsa_65_seed)?).map_err(core_error)?;
        Ok(PyAgentSigner { signer })
    }

    /// The public key: `{"ed25519": bytes | None, "ml_dsa_65": bytes | None}`.
    fn public_key<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        public_key_dict(py, &self.signer.public_key())
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.signer)
    }
}

/// A VES event before it is signed: the fields the signing hash covers and the payload, checked
/// against the sequencer's own event rules when built (`ves_version` 1, `payload_kind` 0, a zero
/// `payload_cipher_hash` and the payload's hash are filled in).
#[pyclass(module = "setchain._native", name = "UnsignedEvent", frozen)]
pub struct PyUnsignedEvent {
    event: agent::UnsignedEvent,
}

#[pymethods]
impl PyUnsignedEvent {
    /// A plaintext event from the agent's fields. UUIDs as `str` or `uuid.UUID`; `created_at`
    /// RFC 3339 text (hashed verbatim); `payload` any JSON-compatible value.
    ///
    /// # Errors
    /// `AgentError` with the sequencer's code (`SCHEMA_VALIDATION`, `PAYLOAD_TOO_LARGE`, …) and
    /// the `field` it would reject; `IdError` naming a bad UUID.
    #[new]
    #[pyo3(signature = (*, tenant_id, store_id, event_id, source_agent_id, agent_key_id, entity_type, entity_id, event_type, created_at, payload))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        tenant_id: &Bound<'_, PyAny>,
        store_id: &Bound<'_, PyAny>,
        event_id: &Bound<'_, PyAny>,
        source_agent_id: &Bound<'_, PyAny>,
        agent_key_id: &Bound<'_, PyAny>,
        entity_type: String,
        entity_id: String,
        event_type: String,
        created_at: String,
        payload: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let fields = EventFields {
            tenant_id: uuid_of("tenant_id", tenant_id)?,
            store_id: uuid_of("store_id", store_id)?,
            event_id: uuid_of("event_id", event_id)?,
            source_agent_id: uuid_of("source_agent_id", source_agent_id)?,
            agent_key_id: u32_of("agent_key_id", agent_key_id)?,
            entity_type,
            entity_id,
            event_type,
            created_at,
            payload: json_value("payload", payload)?,
        };
        Ok(PyUnsignedEvent { event: agent::UnsignedEvent::new(fields).map_err(core_error)? })
    }

    /// An event from a dict or JSON text of its snake_case fields (a signed event's signatures,
    /// if present, are ignored), with the defaults of the constructor for what is missing.
    ///
    /// # Errors
    /// As the constructor; `VesError` for a field of the wrong type or form.
    #[staticmethod]
    fn from_json(event: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = json_text("event", event)?;
        Ok(PyUnsignedEvent { event: agent::UnsignedEvent::from_json(&text).map_err(core_error)? })
    }

    /// The event's id.
    #[getter]
    fn event_id(&self) -> uuid::Uuid {
        self.event.event_id
    }

    /// `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ JCS(payload))`, 32 bytes.
    #[getter]
    fn payload_plain_hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.event.payload_plain_hash.as_slice())
    }

    /// The event signing hash (32 bytes): what the agent signs, here or elsewhere.
    ///
    /// # Errors
    /// `VesError` (`FIELD_TOO_LONG`) for a string over 2^32 − 1 bytes.
    fn signing_hash<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        self.event.signing_hash().map(|hash| py_bytes(py, hash.as_slice())).map_err(core_error)
    }

    /// Signs with the agent's seeds (32 bytes or hex each): `ed25519_seed` alone (profile
    /// `legacy`), both (hybrid, scheme 3) or `ml_dsa_65_seed` alone (scheme 2); deterministic.
    /// Returns the signed event as a dict, the form `ingest_request` and `verify_receipt` take.
    ///
    /// # Errors
    /// `InvalidArgumentError` when no seed is given; `EncodingError` naming a bad seed.
    #[pyo3(signature = (*, ed25519_seed=None, ml_dsa_65_seed=None))]
    fn sign<'py>(
        &self,
        py: Python<'py>,
        ed25519_seed: Option<&Bound<'py, PyAny>>,
        ml_dsa_65_seed: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let key = secret_key(ed25519_seed, ml_dsa_65_seed)?;
        let signed = self.event.sign(&key).map_err(core_error)?;
        Ok(py_event(py, &signed)?.into_any())
    }

    /// `sign` with a key expanded once (`AgentSigner`): the same checks and the same bytes,
    /// without expanding the seeds for every event. Returns the signed event as a dict.
    ///
    /// # Errors
    /// `AgentError` as `sign`.
    fn sign_with<'py>(&self, py: Python<'py>, signer: &PyAgentSigner) -> PyResult<Bound<'py, PyAny>> {
        let signed = self.event.sign_with(&signer.signer).map_err(core_error)?;
        Ok(py_event(py, &signed)?.into_any())
    }

    /// The external-signer path: signatures of `signing_hash()` made elsewhere (WebCrypto, a
    /// platform keystore, an HSM), accepted only if they verify with the agent's public key
    /// (`ed25519_public_key` and/or `ml_dsa_65_public_key`, bytes or hex; both: hybrid). Returns
    /// the signed event as a dict.
    ///
    /// # Errors
    /// `AgentError`: `SIGNATURE_MISMATCH` / `MISSING_SIGNATURE` naming `ed25519_signature` or
    /// `ml_dsa_65_signature`; `VesError` / `EncodingError` for a bad key or signature length.
    #[pyo3(signature = (*, ed25519_public_key=None, ml_dsa_65_public_key=None, ed25519_signature=None, ml_dsa_65_signature=None))]
    fn attach_signatures<'py>(
        &self,
        py: Python<'py>,
        ed25519_public_key: Option<&Bound<'py, PyAny>>,
        ml_dsa_65_public_key: Option<&Bound<'py, PyAny>>,
        ed25519_signature: Option<&Bound<'py, PyAny>>,
        ml_dsa_65_signature: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let ed25519 = key_text("ed25519", ed25519_public_key)?;
        let ml_dsa_65 = key_text("ml_dsa_65", ml_dsa_65_public_key)?;
        let public_key = AgentPublicKey::from_hex(ed25519.as_deref(), ml_dsa_65.as_deref()).map_err(core_error)?;
        let ed25519_signature = ed25519_signature.map(|sig| bytes_of("ed25519_signature", sig)).transpose()?;
        let ml_dsa_65_signature = ml_dsa_65_signature.map(|sig| bytes_of("ml_dsa_65_signature", sig)).transpose()?;
        let signed = self
            .event
            .attach_signatures(&public_key, ed25519_signature.as_deref(), ml_dsa_65_signature.as_deref())
            .map_err(core_error)?;
        Ok(py_event(py, &signed)?.into_any())
    }

    fn __repr__(&self) -> String {
        format!("UnsignedEvent(event_id={}, event_type={:?})", self.event.event_id, self.event.event_type)
    }
}

/// The public key of the agent's seeds, as the sequencer registers it: `{"ed25519": bytes | None,
/// "ml_dsa_65": bytes | None}`.
///
/// # Errors
/// As `UnsignedEvent.sign` for the seeds.
#[pyfunction]
#[pyo3(signature = (*, ed25519_seed=None, ml_dsa_65_seed=None))]
pub fn agent_public_key<'py>(
    py: Python<'py>,
    ed25519_seed: Option<&Bound<'py, PyAny>>,
    ml_dsa_65_seed: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let key = secret_key(ed25519_seed, ml_dsa_65_seed)?.public_key().map_err(core_error)?;
    public_key_dict(py, &key)
}

/// The JSON text to `POST /api/v1/ves/events/ingest` for signed `events` (dicts or JSON text)
/// of `agent_id`, refused here when the sequencer would refuse the request or one of its events.
///
/// # Errors
/// `AgentError` naming `events`, `agentId` or `events[i].<field>` with the sequencer's code.
#[pyfunction]
pub fn ingest_request(agent_id: &Bound<'_, PyAny>, events: &Bound<'_, PyAny>) -> PyResult<String> {
    let agent_id = uuid_of("agent_id", agent_id)?;
    let events = events_of("events", events)?;
    Ok(agent::ingest_request(agent_id, &events).map_err(core_error)?.to_json())
}

/// The registration of the agent's key (`POST` to `path` before its first event), from its seeds
/// as `UnsignedEvent.sign` takes them: `ed25519_seed` alone (Ed25519), both (hybrid Ed25519 +
/// ML-DSA-65) or `ml_dsa_65_seed` alone (ML-DSA-65), the proof of possession included where the
/// server needs one, valid from `valid_from` to `valid_to` (RFC 3339 text, sent verbatim; `None`:
/// no bound); deterministic. Returns `{"path": "/api/v1/agents/keys", "body": str}`, the body the
/// exact JSON text to send.
///
/// # Errors
/// `InvalidArgumentError` when no seed is given; `EncodingError` naming a bad seed; `IdError`
/// naming a bad UUID; `AgentError` (`INVALID_TIMESTAMP`) naming `validFrom` or `validTo`.
#[pyfunction]
#[pyo3(signature = (tenant_id, agent_id, key_id, *, ed25519_seed=None, ml_dsa_65_seed=None, valid_from=None, valid_to=None))]
#[allow(clippy::too_many_arguments)]
pub fn key_registration_request<'py>(
    py: Python<'py>,
    tenant_id: &Bound<'py, PyAny>,
    agent_id: &Bound<'py, PyAny>,
    key_id: &Bound<'py, PyAny>,
    ed25519_seed: Option<&Bound<'py, PyAny>>,
    ml_dsa_65_seed: Option<&Bound<'py, PyAny>>,
    valid_from: Option<String>,
    valid_to: Option<String>,
) -> PyResult<Bound<'py, PyDict>> {
    let registration =
        registration_of(tenant_id, agent_id, key_id, ed25519_seed, ml_dsa_65_seed, valid_from, valid_to)?;
    let dict = PyDict::new(py);
    dict.set_item("path", agent_keys::AGENT_KEYS_PATH)?;
    dict.set_item("body", registration.to_json())?;
    Ok(dict)
}

/// The key registration core builds from Python arguments (shared by `key_registration_request`
/// and `Client.register_agent_key`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn registration_of(
    tenant_id: &Bound<'_, PyAny>,
    agent_id: &Bound<'_, PyAny>,
    key_id: &Bound<'_, PyAny>,
    ed25519_seed: Option<&Bound<'_, PyAny>>,
    ml_dsa_65_seed: Option<&Bound<'_, PyAny>>,
    valid_from: Option<String>,
    valid_to: Option<String>,
) -> PyResult<agent_keys::AgentKeyRegistration> {
    let (tenant_id, agent_id) = (uuid_of("tenant_id", tenant_id)?, uuid_of("agent_id", agent_id)?);
    let key_id = u32_of("key_id", key_id)?;
    let key = secret_key(ed25519_seed, ml_dsa_65_seed)?;
    agent_keys::key_registration_request(tenant_id, agent_id, key_id, &key, valid_from.as_deref(), valid_to.as_deref())
        .map_err(core_error)
}

/// Reads the server's 200 answer to a key registration (a dict or JSON text): `{"tenant_id":
/// UUID, "agent_id": UUID, "key_id": int, "key_algorithm": int, "message": str, "success":
/// bool}`.
///
/// # Errors
/// `AgentError` (`INVALID_JSON`, field `$`) for anything but that answer.
#[pyfunction]
pub fn read_key_registration_response<'py>(py: Python<'py>, body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let answer = agent_keys::read_key_registration_response(&json_text("body", body)?).map_err(core_error)?;
    let dict = PyDict::new(py);
    dict.set_item("tenant_id", answer.tenant_id)?;
    dict.set_item("agent_id", answer.agent_id)?;
    dict.set_item("key_id", answer.key_id)?;
    dict.set_item("key_algorithm", answer.key_algorithm)?;
    dict.set_item("message", answer.message)?;
    dict.set_item("success", answer.success)?;
    Ok(dict)
}

/// Reads the sequencer's answer to an ingest request of `sent` events: every receipt checked on
/// arrival against the sequencer keys pinned in `trust` (a dict or JSON text, as
/// `verify_receipt` takes). Returns `{"batch_id": UUID, "head_sequence": int, "accepted":
/// [{"event": dict, "receipt": dict}], "rejections": [{"event_id", "reason", "message"}]}`.
///
/// # Errors
/// `AgentError`: `RECEIPT_NOT_VERIFIED` naming `receipts[i]`, `UNEXPECTED_RECEIPT`;
/// `SequencerError` for an answer that does not parse; `ReceiptError` for a bad trust document.
#[pyfunction]
pub fn read_ingest_response<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    sent: &Bound<'py, PyAny>,
    trust: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let body = json_text("body", body)?;
    let sent = events_of("sent", sent)?;
    let trust = Trust::from_json(&json_text("trust", trust)?).map_err(core_error)?;
    let outcome = agent::read_ingest_response(&body, &sent, &trust).map_err(core_error)?;
    py_ingest_outcome(py, &outcome)
}

/// An ingest outcome as `read_ingest_response` and `Client.ingest` return it.
pub(crate) fn py_ingest_outcome<'py>(py: Python<'py>, outcome: &agent::IngestOutcome) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("batch_id", outcome.batch_id)?;
    dict.set_item("head_sequence", outcome.head_sequence)?;
    let accepted = pyo3::types::PyList::empty(py);
    for entry in &outcome.accepted {
        let item = PyDict::new(py);
        item.set_item("event", py_event(py, &entry.event)?)?;
        item.set_item("receipt", py_serialized(py, "receipt", &entry.receipt)?)?;
        accepted.append(item)?;
    }
    dict.set_item("accepted", accepted)?;
    dict.set_item("rejections", py_serialized(py, "rejections", &outcome.rejections)?)?;
    Ok(dict)
}

fn item<'py>(anchor: &Bound<'py, PyAny>, key: &str) -> PyResult<Bound<'py, PyAny>> {
    anchor.get_item(key).map_err(|_| invalid_argument(&format!("anchor.{key}"), "a value"))
}

/// The bundle's `anchor` from `{"chain_id", "registry", "tx_hash", "block_number", "block_hash",
/// "proof"?}`.
fn anchor_of(anchor: &Bound<'_, PyAny>) -> PyResult<BundleAnchor> {
    let proof = match anchor.get_item("proof") {
        Ok(proof) if !proof.is_none() => {
            Some(ves::parse_json("anchor.proof", &json_dumps("anchor.proof", &proof)?).map_err(core_error)?)
        }
        _ => None,
    };
    Ok(BundleAnchor {
        chain_id: u64_of("anchor.chain_id", &item(anchor, "chain_id")?)?,
        registry: address("anchor.registry", &item(anchor, "registry")?)?,
        tx_hash: b256("anchor.tx_hash", &item(anchor, "tx_hash")?)?,
        block_number: u64_of("anchor.block_number", &item(anchor, "block_number")?)?,
        block_hash: Some::<B256>(b256("anchor.block_hash", &item(anchor, "block_hash")?)?),
        proof,
    })
}

/// Assembles a `set-receipt-v2` bundle (a dict, what `verify_receipt` takes) from the signed
/// `event`, its ingest `receipt`, the `commitment` holding it (`GET
/// /api/v1/ves/commitments/{id}` or an item of the list), its `proof` (`GET
/// /api/v1/ves/proofs/{seq}`), each a dict or JSON text, and once anchored the `anchor`
/// (`{"chain_id", "registry", "tx_hash", "block_number", "block_hash"}`).
///
/// # Errors
/// `ReceiptError` (`PARTS_MISMATCH`) naming the part that does not belong (`receipt.event_id`,
/// `commitment.store_id`, `proof.leaf_index`, …); `SequencerError` for a part that does not parse.
#[pyfunction]
#[pyo3(signature = (event, receipt, commitment, proof, anchor=None))]
pub fn receipt_bundle_from_sequencer<'py>(
    py: Python<'py>,
    event: &Bound<'py, PyAny>,
    receipt: &Bound<'py, PyAny>,
    commitment: &Bound<'py, PyAny>,
    proof: &Bound<'py, PyAny>,
    anchor: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let event = event_of("event", event)?;
    let receipt = sequencer::parse_ingest_receipt(&json_text("receipt", receipt)?).map_err(core_error)?;
    let commitment = sequencer::parse_ves_commitment(&json_text("commitment", commitment)?).map_err(core_error)?;
    let proof = sequencer::parse_inclusion_proof(&json_text("proof", proof)?).map_err(core_error)?;
    let anchor = anchor.filter(|anchor| !anchor.is_none()).map(anchor_of).transpose()?;
    let bundle = ReceiptBundle::from_sequencer(event, &receipt, &commitment, &proof, anchor).map_err(core_error)?;
    py_serialized(py, "bundle", &bundle)
}

/// The commitment of the stream (`tenant_id`, `store_id`) whose range holds `sequence_number`,
/// among the sequencer's commitment list (`GET /api/v1/ves/commitments` answer, a dict or JSON
/// text); `None` when none does (not committed yet). The commitment as a dict, what
/// `receipt_bundle_from_sequencer` takes.
///
/// # Errors
/// `SequencerError` for a list that does not parse; `IdError` for a bad UUID.
#[pyfunction]
pub fn commitment_holding<'py>(
    py: Python<'py>,
    commitments: &Bound<'py, PyAny>,
    tenant_id: &Bound<'py, PyAny>,
    store_id: &Bound<'py, PyAny>,
    sequence_number: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let list = sequencer::parse_ves_commitment_list(&json_text("commitments", commitments)?).map_err(core_error)?;
    let (tenant_id, store_id) = (uuid_of("tenant_id", tenant_id)?, uuid_of("store_id", store_id)?);
    let sequence_number = u64_of("sequence_number", sequence_number)?;
    sequencer::commitment_holding(&list.commitments, &tenant_id, &store_id, sequence_number)
        .map(|commitment| py_serialized(py, "commitment", commitment))
        .transpose()
}

/// The `eth_getLogs` filter (its one parameter, a dict) for the `BatchCommitted` logs of the
/// stream at `registry`, from block `from_block` to `to_block` (`"latest"` when `None`).
///
/// # Errors
/// `EncodingError` naming `registry`; `IdError` for a bad UUID.
#[pyfunction]
#[pyo3(signature = (registry, tenant_id, store_id, from_block, to_block=None))]
pub fn batch_committed_filter<'py>(
    py: Python<'py>,
    registry: &Bound<'py, PyAny>,
    tenant_id: &Bound<'py, PyAny>,
    store_id: &Bound<'py, PyAny>,
    from_block: &Bound<'py, PyAny>,
    to_block: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let to_block = to_block.map(|block| u64_of("to_block", block)).transpose()?;
    let filter = set_core::registry::batch_committed_filter(
        &address("registry", registry)?,
        &uuid_of("tenant_id", tenant_id)?,
        &uuid_of("store_id", store_id)?,
        u64_of("from_block", from_block)?,
        to_block,
    );
    py_json(py, &filter)
}

/// Picks, from the `result` of an `eth_getLogs` answer to `batch_committed_filter` (the JSON
/// list, or its text), the `BatchCommitted` log of the stream whose range holds
/// `sequence_number`: `{"batch_id": UUID, "sequence_start", "sequence_end", "events_root",
/// "new_state_root", "transaction_hash", "block_number", "block_hash"}`, or `None` (not
/// anchored yet). Logs of other streams and removed logs are passed over.
///
/// # Errors
/// `RegistryError` (`INVALID_ABI`) for a result that is not a list of logs.
#[pyfunction]
pub fn commitment_holding_in_logs<'py>(
    py: Python<'py>,
    logs: &Bound<'py, PyAny>,
    tenant_id: &Bound<'py, PyAny>,
    store_id: &Bound<'py, PyAny>,
    sequence_number: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyDict>>> {
    let logs = ves::parse_json_value("logs", &json_text("logs", logs)?).map_err(core_error)?;
    let (tenant_id, store_id) = (uuid_of("tenant_id", tenant_id)?, uuid_of("store_id", store_id)?);
    let sequence_number = u64_of("sequence_number", sequence_number)?;
    let Some(found) = set_core::registry::commitment_holding_in_logs(&logs, &tenant_id, &store_id, sequence_number)
        .map_err(core_error)?
    else {
        return Ok(None);
    };
    let dict = PyDict::new(py);
    dict.set_item("batch_id", found.batch_id)?;
    dict.set_item("sequence_start", found.event.sequenceStart)?;
    dict.set_item("sequence_end", found.event.sequenceEnd)?;
    dict.set_item("events_root", py_bytes(py, found.event.eventsRoot.as_slice()))?;
    dict.set_item("new_state_root", py_bytes(py, found.event.newStateRoot.as_slice()))?;
    dict.set_item("transaction_hash", py_bytes(py, found.transaction_hash.as_slice()))?;
    dict.set_item("block_number", found.block_number)?;
    dict.set_item("block_hash", py_bytes(py, found.block_hash.as_slice()))?;
    Ok(Some(dict))
}
