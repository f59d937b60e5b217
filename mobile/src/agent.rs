//! The store agent's side (`set_core::ves::agent`, `agent_keys`): the registration of its key,
//! build an event from its fields, hash and sign it (or take signatures made elsewhere — Android Keystore, iOS CryptoKit — checked first), the
//! ingest body and its answer, and a bundle assembled from the sequencer's answers.
//!
//! Events, answers and bundles are JSON text (the sequencer's shapes); keys, seeds, signatures
//! and hashes are hex (`0x` optional in, `0x` out).

use set_core::encoding::{decode_fixed, fixed_from_slice};
use set_core::receipt::{BundleAnchor as CoreAnchor, ReceiptBundle, Trust};
use set_core::sequencer;
use std::sync::Arc;

use set_core::ves::agent::{self, AgentPublicKey as CorePublicKey, AgentSecretKey, UnsignedEvent};
use set_core::ves::agent_keys;
use set_core::ves::VesEvent;

use crate::convert::{b256, bytes, hex_bytes};
use crate::error::{core_error, SetError};

/// An agent's public key as the sequencer registers it: either half or both (hybrid), `0x` hex.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgentPublicKey {
    /// The Ed25519 key (32 bytes), if the agent has one.
    pub ed25519: Option<String>,
    /// The ML-DSA-65 key (1952 bytes), if the agent has one.
    pub ml_dsa_65: Option<String>,
}

/// Where a commitment was anchored, for a `set-receipt-v2` bundle.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BundleAnchor {
    /// Chain id (Set Chain: 84532001).
    pub chain_id: u64,
    /// The SetRegistry address, hex.
    pub registry: String,
    /// The anchoring transaction, hex.
    pub tx_hash: String,
    /// Its block.
    pub block_number: u64,
    /// That block's hash, hex.
    pub block_hash: String,
}

fn unsigned(fields_json: &str) -> Result<UnsignedEvent, SetError> {
    UnsignedEvent::from_json(fields_json).map_err(core_error)
}

fn signed_json(event: &VesEvent) -> String {
    // A signed event is strings, numbers and the payload: it always has a JSON form.
    serde_json::to_string(event).unwrap_or_default()
}

pub(crate) fn events(events_json: &[String]) -> Result<Vec<VesEvent>, SetError> {
    events_json.iter().map(|text| VesEvent::from_json(text).map_err(core_error)).collect()
}

fn seed(field: &str, text: Option<String>) -> Result<Option<[u8; 32]>, SetError> {
    text.map(|text| fixed_from_slice::<32>(field, &bytes(field, &text)?).map_err(core_error)).transpose()
}

/// The key of the seeds given: Ed25519 alone, ML-DSA-65 alone, or both (hybrid).
fn secret_key(ed25519_seed: Option<String>, ml_dsa_65_seed: Option<String>) -> Result<AgentSecretKey, SetError> {
    match (seed("ed25519_seed", ed25519_seed)?, seed("ml_dsa_65_seed", ml_dsa_65_seed)?) {
        (Some(ed25519_seed), Some(ml_dsa_65_seed)) => Ok(AgentSecretKey::Hybrid { ed25519_seed, ml_dsa_65_seed }),
        (Some(seed), None) => Ok(AgentSecretKey::Ed25519 { seed }),
        (None, Some(seed)) => Ok(AgentSecretKey::MlDsa65 { seed }),
        // No key at all: named as the core names a missing field of a document.
        (None, None) => Err(core_error(set_core::ves::VesError::InvalidJson {
            field: "ed25519_seed".into(),
            reason: "an Ed25519 seed, an ML-DSA-65 seed, or both".into(),
        })),
    }
}

/// The event signing hash (`0x` hex) of an event built from the agent's fields (JSON text with
/// the snake_case keys of a signed event; `ves_version` 1, `payload_kind` 0, a zero cipher hash
/// and the payload's hash filled in when absent), checked against the sequencer's rules.
///
/// # Errors
/// `SetError.Agent` with the sequencer's code (`SCHEMA_VALIDATION`, `UNSUPPORTED_VERSION`,
/// `INVALID_PAYLOAD_HASH`, `PAYLOAD_TOO_LARGE`) naming the field; `SetError.Ves` for bad JSON.
#[uniffi::export]
pub fn unsigned_event_signing_hash(fields_json: String) -> Result<String, SetError> {
    let hash = unsigned(&fields_json)?.signing_hash().map_err(core_error)?;
    Ok(hex_bytes(hash.as_slice()))
}

/// The event of the agent's fields signed with its seeds (32 bytes hex each): Ed25519 alone,
/// both (hybrid) or ML-DSA-65 alone; deterministic. Returns the signed event's JSON text.
///
/// # Errors
/// As [`unsigned_event_signing_hash`]; `SetError.Encoding` naming a bad seed.
#[uniffi::export]
pub fn sign_event(
    fields_json: String,
    ed25519_seed: Option<String>,
    ml_dsa_65_seed: Option<String>,
) -> Result<String, SetError> {
    let event = unsigned(&fields_json)?;
    let signed = event.sign(&secret_key(ed25519_seed, ml_dsa_65_seed)?).map_err(core_error)?;
    Ok(signed_json(&signed))
}

/// An agent's key expanded once, for an agent that signs many events: the same bytes as
/// [`sign_event`] without expanding the seeds for every event. Its expanded keys are overwritten
/// with zeros when it is destroyed (Kotlin `close()`, Swift deinit).
#[derive(Debug, uniffi::Object)]
pub struct AgentSigner {
    signer: agent::AgentSigner,
}

#[uniffi::export]
impl AgentSigner {
    /// Expands the seeds (32 bytes hex each): Ed25519 alone, both (hybrid) or ML-DSA-65 alone.
    ///
    /// # Errors
    /// As [`sign_event`] for the seeds.
    #[uniffi::constructor]
    pub fn new(ed25519_seed: Option<String>, ml_dsa_65_seed: Option<String>) -> Result<Arc<Self>, SetError> {
        let signer = agent::AgentSigner::new(&secret_key(ed25519_seed, ml_dsa_65_seed)?).map_err(core_error)?;
        Ok(Arc::new(AgentSigner { signer }))
    }

    /// The event of the agent's fields (as [`sign_event`] takes them) signed with this key.
    ///
    /// # Errors
    /// As [`unsigned_event_signing_hash`].
    pub fn sign(&self, fields_json: String) -> Result<String, SetError> {
        let signed = unsigned(&fields_json)?.sign_with(&self.signer).map_err(core_error)?;
        Ok(signed_json(&signed))
    }

    /// The public key, as the sequencer registers it.
    pub fn public_key(&self) -> AgentPublicKey {
        public_key_record(&self.signer.public_key())
    }
}

/// The core's public key as the binding's record (`0x` hex).
fn public_key_record(key: &CorePublicKey) -> AgentPublicKey {
    AgentPublicKey { ed25519: key.ed25519().map(|key| hex_bytes(key)), ml_dsa_65: key.ml_dsa_65().map(hex_bytes) }
}

/// The external-signer path: signatures of the event's signing hash made elsewhere, accepted
/// only if they verify with the agent's `public_key`. Returns the signed event's JSON text.
///
/// # Errors
/// `SetError.Agent`: `SIGNATURE_MISMATCH` / `MISSING_SIGNATURE` naming `ed25519_signature` or
/// `ml_dsa_65_signature`; `SetError.Ves` / `SetError.Encoding` for a bad key or length.
#[uniffi::export]
pub fn attach_signatures(
    fields_json: String,
    public_key: AgentPublicKey,
    ed25519_signature: Option<String>,
    ml_dsa_65_signature: Option<String>,
) -> Result<String, SetError> {
    let event = unsigned(&fields_json)?;
    let key =
        CorePublicKey::from_hex(public_key.ed25519.as_deref(), public_key.ml_dsa_65.as_deref()).map_err(core_error)?;
    let ed25519_signature = ed25519_signature.map(|text| bytes("ed25519_signature", &text)).transpose()?;
    let ml_dsa_65_signature = ml_dsa_65_signature.map(|text| bytes("ml_dsa_65_signature", &text)).transpose()?;
    let signed = event
        .attach_signatures(&key, ed25519_signature.as_deref(), ml_dsa_65_signature.as_deref())
        .map_err(core_error)?;
    Ok(signed_json(&signed))
}

/// The public key of the agent's seeds, as the sequencer registers it.
///
/// # Errors
/// As [`sign_event`] for the seeds.
#[uniffi::export]
pub fn agent_public_key(
    ed25519_seed: Option<String>,
    ml_dsa_65_seed: Option<String>,
) -> Result<AgentPublicKey, SetError> {
    let key = secret_key(ed25519_seed, ml_dsa_65_seed)?.public_key().map_err(core_error)?;
    Ok(public_key_record(&key))
}

/// The registration of an agent's key: where to `POST` it and the exact JSON text to send.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct KeyRegistrationRequest {
    /// The endpoint, `/api/v1/agents/keys`.
    pub path: String,
    /// The request body (JSON text), byte for byte what every binding builds from the same seeds.
    pub body: String,
}

/// The server's 200 answer to a key registration.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgentKeyRegistered {
    /// The tenant (UUID text).
    pub tenant_id: String,
    /// The agent (UUID text).
    pub agent_id: String,
    /// The key id.
    pub key_id: u32,
    /// The key algorithm as sent: 0 (absent, Ed25519), 5 (hybrid), 3 (ML-DSA-65).
    pub key_algorithm: i32,
    /// `Agent key registered successfully`.
    pub message: String,
    /// Always `true`.
    pub success: bool,
}

/// The registration of the agent's key (`POST` before its first event), from its seeds (32 bytes
/// hex each) as [`sign_event`] takes them: Ed25519 alone, both (hybrid) or ML-DSA-65 alone, the
/// proof of possession included where the server needs one, valid from `valid_from` to
/// `valid_to` (RFC 3339, sent verbatim; `None`: no bound); deterministic.
///
/// # Errors
/// `SetError.Id` naming `tenantId` or `agentId`; as [`sign_event`] for the seeds;
/// `SetError.Agent` (`INVALID_TIMESTAMP`) naming `validFrom` or `validTo`.
#[uniffi::export]
pub fn key_registration_request(
    tenant_id: String,
    agent_id: String,
    key_id: u32,
    ed25519_seed: Option<String>,
    ml_dsa_65_seed: Option<String>,
    valid_from: Option<String>,
    valid_to: Option<String>,
) -> Result<KeyRegistrationRequest, SetError> {
    let tenant_id = set_core::ids::parse_uuid("tenantId", &tenant_id).map_err(core_error)?;
    let agent_id = set_core::ids::parse_uuid("agentId", &agent_id).map_err(core_error)?;
    let key = secret_key(ed25519_seed, ml_dsa_65_seed)?;
    let (valid_from, valid_to) = (valid_from.as_deref(), valid_to.as_deref());
    let registration = agent_keys::key_registration_request(tenant_id, agent_id, key_id, &key, valid_from, valid_to)
        .map_err(core_error)?;
    Ok(KeyRegistrationRequest { path: agent_keys::AGENT_KEYS_PATH.into(), body: registration.to_json() })
}

/// Reads the server's 200 answer (JSON text) to a key registration.
///
/// # Errors
/// `SetError.Agent` (`INVALID_JSON`, field `$`) for anything but that answer.
#[uniffi::export]
pub fn read_key_registration_response(body: String) -> Result<AgentKeyRegistered, SetError> {
    let answer = agent_keys::read_key_registration_response(&body).map_err(core_error)?;
    Ok(AgentKeyRegistered {
        tenant_id: answer.tenant_id.to_string(),
        agent_id: answer.agent_id.to_string(),
        key_id: answer.key_id,
        key_algorithm: answer.key_algorithm,
        message: answer.message,
        success: answer.success,
    })
}

/// The JSON text to `POST /api/v1/ves/events/ingest` for signed events (JSON text each) of
/// `agent_id`, refused here when the sequencer would refuse the request or one of its events.
///
/// # Errors
/// `SetError.Agent` with the sequencer's code naming `events`, `agentId` or `events[i].<field>`.
#[uniffi::export]
pub fn ingest_request(agent_id: String, events_json: Vec<String>) -> Result<String, SetError> {
    let agent_id = set_core::ids::parse_uuid("agentId", &agent_id).map_err(core_error)?;
    Ok(agent::ingest_request(agent_id, &events(&events_json)?).map_err(core_error)?.to_json())
}

/// Reads the sequencer's answer to an ingest request of `sent` events (JSON text each), every
/// receipt checked on arrival against the sequencer keys of the trust document `trust_json`.
/// Returns `{"batch_id", "head_sequence", "accepted": [{"event", "receipt"}], "rejections"}` as
/// JSON text.
///
/// # Errors
/// `SetError.Agent`: `RECEIPT_NOT_VERIFIED` naming `receipts[i]`, `UNEXPECTED_RECEIPT`, or the
/// answer's parse error; `SetError.Receipt` for a bad trust document.
#[uniffi::export]
pub fn read_ingest_response(body: String, sent_json: Vec<String>, trust_json: String) -> Result<String, SetError> {
    let trust = Trust::from_json(&trust_json).map_err(core_error)?;
    let outcome = agent::read_ingest_response(&body, &events(&sent_json)?, &trust).map_err(core_error)?;
    Ok(outcome_json(&outcome))
}

/// The ingest outcome as the binding's JSON text: `{"batch_id", "head_sequence", "accepted":
/// [{"event", "receipt"}], "rejections"}` (also what `SetClient.ingest` returns).
pub(crate) fn outcome_json(outcome: &agent::IngestOutcome) -> String {
    let accepted: Vec<serde_json::Value> = outcome
        .accepted
        .iter()
        .map(|entry| serde_json::json!({ "event": entry.event, "receipt": entry.receipt }))
        .collect();
    let answer = serde_json::json!({
        "batch_id": outcome.batch_id,
        "head_sequence": outcome.head_sequence,
        "accepted": accepted,
        "rejections": outcome.rejections,
    });
    answer.to_string()
}

/// A `set-receipt-v2` bundle (JSON text, what `verifyReceipt` takes) from the signed event, its
/// ingest receipt, the commitment holding it and its proof (each JSON text, as the sequencer
/// answered) and, once anchored, the `anchor`.
///
/// # Errors
/// `SetError.Receipt` (`PARTS_MISMATCH`) naming the part that does not belong;
/// `SetError.Sequencer` for a part that does not parse.
#[uniffi::export]
pub fn receipt_bundle_from_sequencer(
    event_json: String,
    receipt_json: String,
    commitment_json: String,
    proof_json: String,
    anchor: Option<BundleAnchor>,
) -> Result<String, SetError> {
    let event = VesEvent::from_json(&event_json).map_err(core_error)?;
    let receipt = sequencer::parse_ingest_receipt(&receipt_json).map_err(core_error)?;
    let commitment = sequencer::parse_ves_commitment(&commitment_json).map_err(core_error)?;
    let proof = sequencer::parse_inclusion_proof(&proof_json).map_err(core_error)?;
    let anchor = match anchor {
        Some(anchor) => Some(CoreAnchor {
            chain_id: anchor.chain_id,
            registry: decode_fixed::<20>("anchor.registry", &anchor.registry).map_err(core_error)?.into(),
            tx_hash: b256("anchor.tx_hash", &anchor.tx_hash)?,
            block_number: anchor.block_number,
            block_hash: Some(b256("anchor.block_hash", &anchor.block_hash)?),
            proof: None,
        }),
        None => None,
    };
    let bundle = ReceiptBundle::from_sequencer(event, &receipt, &commitment, &proof, anchor).map_err(core_error)?;
    Ok(bundle.to_json())
}

/// The commitment of the stream (`tenant_id`, `store_id`) whose range holds `sequence_number`,
/// among the sequencer's commitment list (the JSON text of its `GET /api/v1/ves/commitments`
/// answer), as JSON text; `None` when none does (not committed yet).
///
/// # Errors
/// `SetError.Sequencer` for a list that does not parse; `SetError.Id` for a bad UUID.
#[uniffi::export]
pub fn commitment_holding(
    commitments_json: String,
    tenant_id: String,
    store_id: String,
    sequence_number: u64,
) -> Result<Option<String>, SetError> {
    let list = sequencer::parse_ves_commitment_list(&commitments_json).map_err(core_error)?;
    let tenant_id = set_core::ids::parse_uuid("tenant_id", &tenant_id).map_err(core_error)?;
    let store_id = set_core::ids::parse_uuid("store_id", &store_id).map_err(core_error)?;
    let found = sequencer::commitment_holding(&list.commitments, &tenant_id, &store_id, sequence_number);
    // A commitment read from JSON always has a JSON form.
    Ok(found.map(|commitment| serde_json::to_string(commitment).unwrap_or_default()))
}

/// The `eth_getLogs` filter (its one parameter, JSON text) for the `BatchCommitted` logs of the
/// stream at `registry`, from block `from_block` to `to_block` (`"latest"` when `None`).
///
/// # Errors
/// `SetError.Encoding` naming `registry`; `SetError.Id` for a bad UUID.
#[uniffi::export]
pub fn batch_committed_filter(
    registry: String,
    tenant_id: String,
    store_id: String,
    from_block: u64,
    to_block: Option<u64>,
) -> Result<String, SetError> {
    let filter = set_core::registry::batch_committed_filter(
        &decode_fixed::<20>("registry", &registry).map_err(core_error)?.into(),
        &set_core::ids::parse_uuid("tenant_id", &tenant_id).map_err(core_error)?,
        &set_core::ids::parse_uuid("store_id", &store_id).map_err(core_error)?,
        from_block,
        to_block,
    );
    Ok(filter.to_string())
}

/// The `BatchCommitted` log of a stream that holds a sequence number, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LocatedCommitment {
    /// The commitment's id (the sequencer's `batch_id`).
    pub batch_id: String,
    /// Its first sequence number.
    pub sequence_start: u64,
    /// Its last sequence number.
    pub sequence_end: u64,
    /// Its Merkle root, hex.
    pub events_root: String,
    /// Its state root, hex.
    pub new_state_root: String,
    /// The transaction that committed it (a bundle's `anchor.tx_hash`), hex.
    pub transaction_hash: String,
    /// Its block.
    pub block_number: u64,
    /// Its block's hash, hex.
    pub block_hash: String,
}

/// Picks, from the `result` of an `eth_getLogs` answer to [`batch_committed_filter`] (JSON
/// text), the `BatchCommitted` log of the stream whose range holds `sequence_number`; `None`
/// when no log does (not anchored yet).
///
/// # Errors
/// `SetError.Registry` (`INVALID_ABI`) for a result that is not an array of logs;
/// `SetError.Ves` (`INVALID_JSON`) for text that is not JSON.
#[uniffi::export]
pub fn commitment_holding_in_logs(
    logs_json: String,
    tenant_id: String,
    store_id: String,
    sequence_number: u64,
) -> Result<Option<LocatedCommitment>, SetError> {
    let logs = set_core::ves::parse_json_value("logs", &logs_json).map_err(core_error)?;
    let tenant_id = set_core::ids::parse_uuid("tenant_id", &tenant_id).map_err(core_error)?;
    let store_id = set_core::ids::parse_uuid("store_id", &store_id).map_err(core_error)?;
    let found = set_core::registry::commitment_holding_in_logs(&logs, &tenant_id, &store_id, sequence_number)
        .map_err(core_error)?;
    Ok(found.map(|found| LocatedCommitment {
        batch_id: found.batch_id.to_string(),
        sequence_start: found.event.sequenceStart,
        sequence_end: found.event.sequenceEnd,
        events_root: hex_bytes(found.event.eventsRoot.as_slice()),
        new_state_root: hex_bytes(found.event.newStateRoot.as_slice()),
        transaction_hash: hex_bytes(found.transaction_hash.as_slice()),
        block_number: found.block_number,
        block_hash: hex_bytes(found.block_hash.as_slice()),
    }))
}
