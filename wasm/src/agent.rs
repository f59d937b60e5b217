//! The store agent's side (`set_core::ves::agent`), in the `full` module (entry
//! `@setchain/core/agent`, the same module as `@setchain/core/full`): the registration of its key,
//! build an event, hash and sign it (or take a signature made elsewhere, checked first), the ingest body and its answer,
//! and a bundle assembled from the sequencer's answers (`ReceiptBundle::from_sequencer`).

use set_core::encoding::encode_hex;
use set_core::ids::parse_uuid;
use set_core::receipt::{BundleAnchor, ReceiptBundle, Trust};
use set_core::sequencer;
use set_core::ves::agent::{self, AgentPublicKey, AgentSecretKey};

/// The core's signer, named apart from the JS class that wraps it.
type CoreSigner = agent::AgentSigner;
use set_core::ves::agent_keys;
use set_core::ves::{self, VesEvent};
use wasm_bindgen::prelude::*;

use crate::convert::{
    address, b256, bigint, bytes, fixed, get, hex, json_text, json_value, set, u32_of, u64_of, Payload,
};
use crate::error::{core_error, invalid_argument};
use crate::ids::uuid_text;

/// A core value's JSON form as a plain JS value.
fn js_json(field: &str, value: Result<serde_json::Value, serde_json::Error>) -> Result<JsValue, JsValue> {
    json_value(&value.map_err(|_| invalid_argument(field, "a value with a JSON form"))?)
}

fn event_of(field: &str, event: &JsValue) -> Result<VesEvent, JsValue> {
    VesEvent::from_json(&json_text(field, event, Payload::OfEvent)?).map_err(core_error)
}

fn events_of(field: &str, events: &JsValue) -> Result<Vec<VesEvent>, JsValue> {
    if !js_sys::Array::is_array(events) {
        return Err(invalid_argument(field, "an array of events (objects or JSON text)"));
    }
    js_sys::Array::unchecked_from_js_ref(events)
        .iter()
        .enumerate()
        .map(|(index, event)| event_of(&format!("{field}[{index}]"), &event))
        .collect()
}

/// An optional value: `undefined` and `null` are absent.
pub(crate) fn present(value: JsValue) -> Option<JsValue> {
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

/// The secret key of `{ ed25519Seed?, mlDsa65Seed? }` (32 bytes each, hex or `Uint8Array`):
/// Ed25519 alone, ML-DSA-65 alone, or both (hybrid).
fn secret_key(keys: &JsValue) -> Result<AgentSecretKey, JsValue> {
    let seed = |key: &str| present(get(keys, key)).map(|seed| fixed::<32>(&format!("keys.{key}"), &seed)).transpose();
    match (seed("ed25519Seed")?, seed("mlDsa65Seed")?) {
        (Some(ed25519_seed), Some(ml_dsa_65_seed)) => Ok(AgentSecretKey::Hybrid { ed25519_seed, ml_dsa_65_seed }),
        (Some(seed), None) => Ok(AgentSecretKey::Ed25519 { seed }),
        (None, Some(seed)) => Ok(AgentSecretKey::MlDsa65 { seed }),
        (None, None) => Err(invalid_argument("keys", "{ ed25519Seed }, { mlDsa65Seed } or both")),
    }
}

fn public_key_object(key: &AgentPublicKey) -> JsValue {
    let object = js_sys::Object::new();
    set(&object, "ed25519", key.ed25519().map_or(JsValue::NULL, |key| hex(key)));
    set(&object, "mlDsa65", key.ml_dsa_65().map_or(JsValue::NULL, hex));
    object.into()
}

/// An agent's key expanded once, for an agent that signs many events: pass it to
/// `UnsignedEvent.signWith`. Its expanded keys are overwritten with zeros by `free()`.
#[wasm_bindgen]
pub struct AgentSigner {
    signer: CoreSigner,
}

#[wasm_bindgen]
impl AgentSigner {
    /// Expands the agent's seeds `{ ed25519Seed?, mlDsa65Seed? }` (as `sign` takes them).
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` (`keys`) without a seed; `WRONG_LENGTH` / `INVALID_HEX` naming a seed.
    #[wasm_bindgen(constructor)]
    pub fn new(keys: &JsValue) -> Result<AgentSigner, JsValue> {
        Ok(AgentSigner { signer: CoreSigner::new(&secret_key(keys)?).map_err(core_error)? })
    }

    /// The public key, `{ ed25519, mlDsa65 }` (`0x` hex or `null`).
    #[wasm_bindgen(js_name = publicKey)]
    pub fn public_key(&self) -> JsValue {
        public_key_object(&self.signer.public_key())
    }
}

/// A VES event before it is signed: the fields the signing hash covers and the payload, checked
/// against the sequencer's own event rules when built.
#[wasm_bindgen]
pub struct UnsignedEvent {
    event: agent::UnsignedEvent,
}

#[wasm_bindgen]
impl UnsignedEvent {
    /// From the agent's fields (an object or JSON text with the snake_case keys of a signed
    /// event, UUIDs as text); `ves_version` 1, `payload_kind` 0, a zero `payload_cipher_hash` and
    /// the payload's hash are filled in when absent; signatures, if present, are ignored.
    ///
    /// # Errors
    /// The sequencer's codes (`SCHEMA_VALIDATION`, `UNSUPPORTED_VERSION`, `INVALID_PAYLOAD_HASH`,
    /// `PAYLOAD_TOO_LARGE`) naming the field; `INVALID_UUID`, `INVALID_JSON`, hex codes.
    #[wasm_bindgen(constructor)]
    pub fn new(fields: &JsValue) -> Result<UnsignedEvent, JsValue> {
        let text = json_text("fields", fields, Payload::OfEvent)?;
        Ok(UnsignedEvent { event: agent::UnsignedEvent::from_json(&text).map_err(core_error)? })
    }

    /// The event's id.
    #[wasm_bindgen(getter, js_name = eventId)]
    pub fn event_id(&self) -> String {
        self.event.event_id.to_string()
    }

    /// `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ JCS(payload))`, `0x` hex.
    #[wasm_bindgen(getter, js_name = payloadPlainHash)]
    pub fn payload_plain_hash(&self) -> JsValue {
        hex(self.event.payload_plain_hash.as_slice())
    }

    /// The event signing hash (`0x` hex, 32 bytes): what the agent signs, here or elsewhere.
    ///
    /// # Errors
    /// `FIELD_TOO_LONG` for a string over 2^32 − 1 bytes.
    #[wasm_bindgen(js_name = signingHash)]
    pub fn signing_hash(&self) -> Result<JsValue, JsValue> {
        self.event.signing_hash().map(|hash| hex(hash.as_slice())).map_err(core_error)
    }

    /// Signs with the agent's seeds `{ ed25519Seed?, mlDsa65Seed? }`: Ed25519 alone (profile
    /// `legacy`), both (hybrid, scheme 3) or ML-DSA-65 alone (scheme 2); deterministic. Returns
    /// the signed event (a plain object, snake_case, `0x` hex).
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` (`keys`) without a seed; `WRONG_LENGTH` / `INVALID_HEX` naming a seed.
    pub fn sign(&self, keys: &JsValue) -> Result<JsValue, JsValue> {
        let signed = self.event.sign(&secret_key(keys)?).map_err(core_error)?;
        js_json("event", serde_json::to_value(&signed))
    }

    /// `sign` with a key expanded once (`AgentSigner`): the same checks and the same bytes,
    /// without expanding the seeds for every event.
    ///
    /// # Errors
    /// The sequencer's codes, as `sign`.
    #[wasm_bindgen(js_name = signWith)]
    pub fn sign_with(&self, signer: &AgentSigner) -> Result<JsValue, JsValue> {
        let signed = self.event.sign_with(&signer.signer).map_err(core_error)?;
        js_json("event", serde_json::to_value(&signed))
    }

    /// The external-signer path: signatures of `signingHash()` made elsewhere (WebCrypto, a
    /// platform keystore, an HSM), `{ ed25519Signature?, mlDsa65Signature? }`, accepted only if
    /// they verify with the agent's public key `{ ed25519?, mlDsa65? }` (both: hybrid). Returns
    /// the signed event.
    ///
    /// # Errors
    /// `SIGNATURE_MISMATCH` / `MISSING_SIGNATURE` naming `ed25519_signature` or
    /// `ml_dsa_65_signature`; hex and length codes for a bad key or signature.
    #[wasm_bindgen(js_name = attachSignatures)]
    pub fn attach_signatures(&self, public_key: &JsValue, signatures: &JsValue) -> Result<JsValue, JsValue> {
        let key_text = |key: &str, field: &str| {
            present(get(public_key, key)).map(|key| bytes(field, &key).map(|key| encode_hex(&key))).transpose()
        };
        let (ed25519, ml_dsa_65) = (key_text("ed25519", "ed25519")?, key_text("mlDsa65", "ml_dsa_65")?);
        let public_key = AgentPublicKey::from_hex(ed25519.as_deref(), ml_dsa_65.as_deref()).map_err(core_error)?;
        let signature = |key: &str, field: &str| {
            present(get(signatures, key)).map(|signature| bytes(field, &signature)).transpose()
        };
        let ed25519_signature = signature("ed25519Signature", "ed25519_signature")?;
        let ml_dsa_65_signature = signature("mlDsa65Signature", "ml_dsa_65_signature")?;
        let signed = self
            .event
            .attach_signatures(&public_key, ed25519_signature.as_deref(), ml_dsa_65_signature.as_deref())
            .map_err(core_error)?;
        js_json("event", serde_json::to_value(&signed))
    }
}

/// The public key of the agent's seeds `{ ed25519Seed?, mlDsa65Seed? }`, as the sequencer
/// registers it: `{ ed25519: hex | null, mlDsa65: hex | null }`.
///
/// # Errors
/// As `UnsignedEvent.sign` for the seeds.
#[wasm_bindgen(js_name = agentPublicKey)]
pub fn agent_public_key(keys: &JsValue) -> Result<JsValue, JsValue> {
    Ok(public_key_object(&secret_key(keys)?.public_key().map_err(core_error)?))
}

/// The JSON text to `POST /api/v1/ves/events/ingest` for signed `events` of `agentId`, refused
/// here when the sequencer would refuse the request or one of its events.
///
/// # Errors
/// The sequencer's codes (`INVALID_FIELD_VALUE`, `PAYLOAD_TOO_LARGE`, `SCHEMA_VALIDATION`)
/// naming `events`, `agentId` or `events[i].<field>`.
#[wasm_bindgen(js_name = ingestRequest)]
pub fn ingest_request(agent_id: &JsValue, events: &JsValue) -> Result<String, JsValue> {
    let agent_id = parse_uuid("agentId", &uuid_text("agentId", agent_id)?).map_err(core_error)?;
    let events = events_of("events", events)?;
    Ok(agent::ingest_request(agent_id, &events).map_err(core_error)?.to_json())
}

/// The registration of the agent's key, to `POST` before its first event: `{ path, body }`, the
/// endpoint (`/api/v1/agents/keys`) and the exact JSON text to send, from the seeds `{
/// ed25519Seed?, mlDsa65Seed? }` as `sign` takes them (Ed25519, hybrid or ML-DSA-65), the proof
/// of possession included where the server needs one, valid within `validity` (`{ validFrom?,
/// validTo? }`, RFC 3339 text sent verbatim; absent: no bound); deterministic.
///
/// # Errors
/// `INVALID_ARGUMENT` naming `keys` (no seed), `keyId` or `validity.validFrom` / `.validTo` (not
/// a string); `WRONG_LENGTH` / `INVALID_HEX` naming the seed; `INVALID_UUID` naming `tenantId` or
/// `agentId`; `INVALID_TIMESTAMP` naming `validFrom` or `validTo`.
#[wasm_bindgen(js_name = keyRegistrationRequest)]
pub fn key_registration_request(
    tenant_id: &JsValue,
    agent_id: &JsValue,
    key_id: &JsValue,
    keys: &JsValue,
    validity: &JsValue,
) -> Result<JsValue, JsValue> {
    let tenant_id = parse_uuid("tenantId", &uuid_text("tenantId", tenant_id)?).map_err(core_error)?;
    let agent_id = parse_uuid("agentId", &uuid_text("agentId", agent_id)?).map_err(core_error)?;
    let key_id = u32_of("keyId", key_id)?;
    let bound = |key: &str| {
        present(get(validity, key))
            .map(|value| value.as_string().ok_or_else(|| invalid_argument(&format!("validity.{key}"), "RFC 3339 text")))
            .transpose()
    };
    let (valid_from, valid_to) = (bound("validFrom")?, bound("validTo")?);
    let key = secret_key(keys)?;
    let registration = agent_keys::key_registration_request(
        tenant_id,
        agent_id,
        key_id,
        &key,
        valid_from.as_deref(),
        valid_to.as_deref(),
    )
    .map_err(core_error)?;
    let object = js_sys::Object::new();
    set(&object, "path", JsValue::from_str(agent_keys::AGENT_KEYS_PATH));
    set(&object, "body", JsValue::from_str(&registration.to_json()));
    Ok(object.into())
}

/// Reads the server's 200 answer (JSON text or object) to a key registration: `{ agentId,
/// keyAlgorithm, keyId, message, success, tenantId }`, as the server sends it.
///
/// # Errors
/// `INVALID_JSON` (field `$`) for anything but that answer.
#[wasm_bindgen(js_name = readKeyRegistrationResponse)]
pub fn read_key_registration_response(body: &JsValue) -> Result<JsValue, JsValue> {
    let body = json_text("body", body, Payload::Absent)?;
    let answer = agent_keys::read_key_registration_response(&body).map_err(core_error)?;
    js_json("answer", serde_json::to_value(&answer))
}

/// Reads the sequencer's answer (JSON text or object) to an ingest request of `sent` events,
/// each receipt checked on arrival against the sequencer keys pinned in `trust` (as
/// `verifyReceipt` takes it): `{ batchId, headSequence: bigint, accepted: [{ event, receipt }],
/// rejections: [{ event_id, reason, message }] }`.
///
/// # Errors
/// `RECEIPT_NOT_VERIFIED` naming `receipts[i]`, `UNEXPECTED_RECEIPT`; `INVALID_JSON` for an
/// answer that does not parse; the trust document's codes.
#[wasm_bindgen(js_name = readIngestResponse)]
pub fn read_ingest_response(body: &JsValue, sent: &JsValue, trust: &JsValue) -> Result<JsValue, JsValue> {
    let body = json_text("body", body, Payload::Absent)?;
    let sent = events_of("sent", sent)?;
    let trust = Trust::from_json(&json_text("trust", trust, Payload::Absent)?).map_err(core_error)?;
    let outcome = agent::read_ingest_response(&body, &sent, &trust).map_err(core_error)?;
    let accepted = js_sys::Array::new();
    for entry in &outcome.accepted {
        let item = js_sys::Object::new();
        set(&item, "event", js_json("event", serde_json::to_value(&entry.event))?);
        set(&item, "receipt", js_json("receipt", serde_json::to_value(&entry.receipt))?);
        accepted.push(&item);
    }
    let object = js_sys::Object::new();
    set(&object, "batchId", JsValue::from_str(&outcome.batch_id.to_string()));
    set(&object, "headSequence", bigint(outcome.head_sequence));
    set(&object, "accepted", accepted.into());
    set(&object, "rejections", js_json("rejections", serde_json::to_value(&outcome.rejections))?);
    Ok(object.into())
}

/// The bundle's `anchor` from `{ chain_id, registry, tx_hash, block_number, block_hash, proof? }`.
fn anchor_of(anchor: &JsValue) -> Result<BundleAnchor, JsValue> {
    let item = |key: &str| get(anchor, key);
    let proof = match present(item("proof")) {
        Some(proof) => Some(
            ves::parse_json("anchor.proof", &json_text("anchor.proof", &proof, Payload::Absent)?)
                .map_err(core_error)?,
        ),
        None => None,
    };
    Ok(BundleAnchor {
        chain_id: u64_of("anchor.chain_id", &item("chain_id"))?,
        registry: address("anchor.registry", &item("registry"))?,
        tx_hash: b256("anchor.tx_hash", &item("tx_hash"))?,
        block_number: u64_of("anchor.block_number", &item("block_number"))?,
        block_hash: Some(b256("anchor.block_hash", &item("block_hash"))?),
        proof,
    })
}

/// Assembles a `set-receipt-v2` bundle (a plain object, what `verifyReceipt` takes) from the
/// signed `event`, its ingest `receipt`, the `commitment` holding it, its `proof` (each an
/// object or JSON text, as the sequencer answered) and, once anchored, the `anchor`.
///
/// # Errors
/// `PARTS_MISMATCH` naming the part that does not belong (`receipt.event_id`,
/// `commitment.store_id`, `proof.leaf_index`, …); `INVALID_JSON` / hex codes for a part that
/// does not parse.
#[wasm_bindgen(js_name = receiptBundleFromSequencer)]
pub fn receipt_bundle_from_sequencer(
    event: &JsValue,
    receipt: &JsValue,
    commitment: &JsValue,
    proof: &JsValue,
    anchor: JsValue,
) -> Result<JsValue, JsValue> {
    let event = event_of("event", event)?;
    let receipt = json_text("receipt", receipt, Payload::Absent)?;
    let receipt = sequencer::parse_ingest_receipt(&receipt).map_err(core_error)?;
    let commitment = json_text("commitment", commitment, Payload::Absent)?;
    let commitment = sequencer::parse_ves_commitment(&commitment).map_err(core_error)?;
    let proof = sequencer::parse_inclusion_proof(&json_text("proof", proof, Payload::Absent)?).map_err(core_error)?;
    let anchor = present(anchor).as_ref().map(anchor_of).transpose()?;
    let bundle = ReceiptBundle::from_sequencer(event, &receipt, &commitment, &proof, anchor).map_err(core_error)?;
    js_json("bundle", serde_json::to_value(&bundle))
}

/// The commitment of the stream (`tenantId`, `storeId`) whose range holds `sequenceNumber`,
/// among the sequencer's commitment list (its `GET /api/v1/ves/commitments` answer, an object
/// or JSON text); `null` when none does (not committed yet).
///
/// # Errors
/// `INVALID_JSON` / hex codes for a list that does not parse; `INVALID_UUID`.
#[wasm_bindgen(js_name = commitmentHolding)]
pub fn commitment_holding(
    commitments: &JsValue,
    tenant_id: &JsValue,
    store_id: &JsValue,
    sequence_number: &JsValue,
) -> Result<JsValue, JsValue> {
    let list = json_text("commitments", commitments, Payload::Absent)?;
    let list = sequencer::parse_ves_commitment_list(&list).map_err(core_error)?;
    let (tenant_id, store_id) = (
        parse_uuid("tenantId", &uuid_text("tenantId", tenant_id)?).map_err(core_error)?,
        parse_uuid("storeId", &uuid_text("storeId", store_id)?).map_err(core_error)?,
    );
    let sequence_number = u64_of("sequenceNumber", sequence_number)?;
    match sequencer::commitment_holding(&list.commitments, &tenant_id, &store_id, sequence_number) {
        Some(commitment) => js_json("commitment", serde_json::to_value(commitment)),
        None => Ok(JsValue::NULL),
    }
}

/// The `eth_getLogs` filter (its one parameter) for the `BatchCommitted` logs of the stream at
/// `registry`, from block `fromBlock` to `toBlock` (`"latest"` when absent).
///
/// # Errors
/// Hex codes naming `registry`; `INVALID_UUID`; `INVALID_ARGUMENT` for a bad block number.
#[wasm_bindgen(js_name = batchCommittedFilter)]
pub fn batch_committed_filter(
    registry: &JsValue,
    tenant_id: &JsValue,
    store_id: &JsValue,
    from_block: &JsValue,
    to_block: JsValue,
) -> Result<JsValue, JsValue> {
    let to_block = present(to_block).map(|block| u64_of("toBlock", &block)).transpose()?;
    let filter = set_core::registry::batch_committed_filter(
        &address("registry", registry)?,
        &parse_uuid("tenantId", &uuid_text("tenantId", tenant_id)?).map_err(core_error)?,
        &parse_uuid("storeId", &uuid_text("storeId", store_id)?).map_err(core_error)?,
        u64_of("fromBlock", from_block)?,
        to_block,
    );
    json_value(&filter)
}

/// Picks, from the `result` of an `eth_getLogs` answer to `batchCommittedFilter` (an array or
/// its JSON text), the `BatchCommitted` log of the stream whose range holds `sequenceNumber`:
/// `{ batchId, sequenceStart, sequenceEnd, eventsRoot, newStateRoot, transactionHash,
/// blockNumber, blockHash }` (u64 as `bigint`), or `null` (not anchored yet).
///
/// # Errors
/// `INVALID_ABI` for a result that is not an array of logs.
#[wasm_bindgen(js_name = commitmentHoldingInLogs)]
pub fn commitment_holding_in_logs(
    logs: &JsValue,
    tenant_id: &JsValue,
    store_id: &JsValue,
    sequence_number: &JsValue,
) -> Result<JsValue, JsValue> {
    let logs = ves::parse_json_value("logs", &json_text("logs", logs, Payload::Absent)?).map_err(core_error)?;
    let (tenant_id, store_id) = (
        parse_uuid("tenantId", &uuid_text("tenantId", tenant_id)?).map_err(core_error)?,
        parse_uuid("storeId", &uuid_text("storeId", store_id)?).map_err(core_error)?,
    );
    let sequence_number = u64_of("sequenceNumber", sequence_number)?;
    let Some(found) = set_core::registry::commitment_holding_in_logs(&logs, &tenant_id, &store_id, sequence_number)
        .map_err(core_error)?
    else {
        return Ok(JsValue::NULL);
    };
    let object = js_sys::Object::new();
    set(&object, "batchId", JsValue::from_str(&found.batch_id.to_string()));
    set(&object, "sequenceStart", bigint(found.event.sequenceStart));
    set(&object, "sequenceEnd", bigint(found.event.sequenceEnd));
    set(&object, "eventsRoot", hex(found.event.eventsRoot.as_slice()));
    set(&object, "newStateRoot", hex(found.event.newStateRoot.as_slice()));
    set(&object, "transactionHash", hex(found.transaction_hash.as_slice()));
    set(&object, "blockNumber", bigint(found.block_number));
    set(&object, "blockHash", hex(found.block_hash.as_slice()));
    Ok(object.into())
}
