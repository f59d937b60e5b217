//! The async client (feature `client`): set-client's [`set_client::Client`] for Kotlin coroutines
//! (`suspend fun`) and Swift `async`, run on tokio through uniffi's `async_runtime = "tokio"`.
//!
//! Only conversion happens here. Events, receipts, commitments and bundles cross as the same JSON
//! text as the rest of the binding (what `signEvent`, `readIngestResponse` and
//! `receiptBundleFromSequencer` take and return), verdicts as [`Verdict`]; every request, retry,
//! poll, check and trust rule is set-client's and the core's. A failed call is
//! [`SetError::Client`] with `ClientError::code()`'s code, the HTTP status, the field and the URL
//! of the server concerned; input this crate cannot read (an event or bundle that is not JSON) is
//! the error the other functions give for it (`SetError::Ves`, `SetError::Receipt`, …).

use std::sync::Arc;
use std::time::Duration;

use set_client::{Client, ClientConfig, ClientError};
use set_core::audit::SequencedEvent;
use set_core::ids::parse_uuid;
use set_core::receipt::ReceiptBundle;
use set_core::sequencer::{self, CommitmentRequest, VesCommitment};
use set_core::ves::VesEvent;

use crate::agent::{events, outcome_json};
use crate::error::{core_error, SetError};
use crate::receipt::Verdict;

/// The sequencer credential, sent on every request in the form the sequencer reads.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Auth {
    /// No credential (a sequencer with authentication off).
    None,
    /// An API key (`ss_…`) as `Authorization: ApiKey <key>`.
    ApiKey {
        /// The key.
        key: String,
    },
    /// An API key in the `X-API-Key` header.
    XApiKey {
        /// The key.
        key: String,
    },
    /// A JWT as `Authorization: Bearer <jwt>` (an API key sent this way gets 401).
    BearerJwt {
        /// The token.
        jwt: String,
    },
}

// Written by hand so that a log of the options never shows the secret.
impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.to_client(), f)
    }
}

impl Auth {
    fn to_client(&self) -> set_client::Auth {
        match self {
            Auth::None => set_client::Auth::None,
            Auth::ApiKey { key } => set_client::Auth::ApiKey(key.clone()),
            Auth::XApiKey { key } => set_client::Auth::XApiKey(key.clone()),
            Auth::BearerJwt { jwt } => set_client::Auth::BearerJwt(jwt.clone()),
        }
    }
}

/// Time-outs, retries and polling; every field left `None` keeps set-client's default.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct ClientOptions {
    /// Longest wait for one HTTP request (default 20 s).
    #[uniffi(default = None)]
    pub request_timeout: Option<Duration>,
    /// Longest wait to connect (default 5 s).
    #[uniffi(default = None)]
    pub connect_timeout: Option<Duration>,
    /// Tries of one sequencer request in all, the first included (default 5); only transport
    /// errors and 5xx answers are retried.
    #[uniffi(default = None)]
    pub retry_max_attempts: Option<u32>,
    /// Pause before the first retry, doubling after (default 200 ms).
    #[uniffi(default = None)]
    pub retry_initial_backoff: Option<Duration>,
    /// Longest pause between two tries (default 5 s).
    #[uniffi(default = None)]
    pub retry_max_backoff: Option<Duration>,
    /// First pause of the `wait*` calls' polling, doubling after (default 250 ms).
    #[uniffi(default = None)]
    pub poll_initial_backoff: Option<Duration>,
    /// Longest pause between two polls (default 5 s).
    #[uniffi(default = None)]
    pub poll_max_backoff: Option<Duration>,
    /// First block `bundle` searches for `BatchCommitted` logs: the registry's deployment block
    /// (default 0).
    #[uniffi(default = None)]
    pub logs_from_block: Option<u64>,
    /// Root certificates trusted besides the Mozilla set compiled into the library (the
    /// platform's store is not read): each one certificate in DER, or PEM text (as bytes) with
    /// one or more `CERTIFICATE` blocks. For a private deployment or a TLS-inspecting proxy; an
    /// entry that is not a certificate is `SetError.Client` `CONFIG` naming
    /// `extra_root_certificates`.
    #[uniffi(default = [])]
    pub extra_root_certificates: Vec<Vec<u8>>,
}

impl ClientOptions {
    fn apply(&self, config: &mut ClientConfig) {
        let set = |target: &mut Duration, value: Option<Duration>| *target = value.unwrap_or(*target);
        set(&mut config.request_timeout, self.request_timeout);
        set(&mut config.connect_timeout, self.connect_timeout);
        set(&mut config.retry.initial_backoff, self.retry_initial_backoff);
        set(&mut config.retry.max_backoff, self.retry_max_backoff);
        set(&mut config.poll.initial_backoff, self.poll_initial_backoff);
        set(&mut config.poll.max_backoff, self.poll_max_backoff);
        config.retry.max_attempts = self.retry_max_attempts.unwrap_or(config.retry.max_attempts);
        config.logs_from_block = self.logs_from_block.unwrap_or(config.logs_from_block);
        config.extra_root_certificates.clone_from(&self.extra_root_certificates);
    }
}

/// One pinned network's sequencer and chain RPC. Kotlin: `SetClient(…)` with `suspend` methods
/// (call them from a coroutine; close it with `close()` or `use`); Swift: `async throws` methods.
/// The trust root is the only source of trust: the chain is read at its registry, on an RPC whose
/// `eth_chainId` is its chain id, and every receipt is verified against its sequencer keys.
#[derive(Debug, uniffi::Object)]
pub struct SetClient {
    client: Client,
}

fn uuid(field: &str, text: &str) -> Result<uuid::Uuid, SetError> {
    parse_uuid(field, text).map_err(core_error)
}

fn event(event_json: &str) -> Result<VesEvent, SetError> {
    VesEvent::from_json(event_json).map_err(core_error)
}

fn commitment_json(commitment: &VesCommitment) -> String {
    // A commitment read from the sequencer's JSON always has a JSON form.
    serde_json::to_string(commitment).unwrap_or_default()
}

#[uniffi::export(async_runtime = "tokio")]
impl SetClient {
    /// A client for the network of `trust_root_json` (a `set-trust-root-v1` document, which must
    /// pin `chain_id` and `registry`), the sequencer at `sequencer_url` (`http://host:port`) and
    /// the Set Chain JSON-RPC at `chain_rpc_url`; either may be null for a client of one side
    /// (a call that needs the other is then `CONFIG` naming it). Nothing is sent yet.
    ///
    /// # Errors
    /// `SetError.Client`: `CONFIG` naming `sequencer_url` (also when both are null),
    /// `chain_rpc_url`, `trust.chain_id` or `trust.registry`, or the core's code and field for a
    /// trust root it refuses.
    #[uniffi::constructor(default(options = None))]
    pub fn new(
        trust_root_json: String,
        sequencer_url: Option<String>,
        chain_rpc_url: Option<String>,
        auth: Auth,
        options: Option<ClientOptions>,
    ) -> Result<Arc<Self>, SetError> {
        let trust = trust_root_json.as_str();
        let mut config = match (sequencer_url.as_deref(), chain_rpc_url.as_deref()) {
            (Some(sequencer), Some(rpc)) => ClientConfig::new(trust, sequencer, rpc, auth.to_client()),
            (Some(sequencer), None) => ClientConfig::sequencer_only(trust, sequencer, auth.to_client()),
            (None, Some(rpc)) => ClientConfig::chain_only(trust, rpc),
            (None, None) => Err(ClientError::Config {
                field: "sequencer_url",
                reason: "neither a sequencer URL nor a chain RPC URL was given".into(),
            }),
        }?;
        options.unwrap_or_default().apply(&mut config);
        Ok(Arc::new(SetClient { client: Client::new(config)? }))
    }

    /// Sends signed events (JSON text each, as `signEvent` returns them; one stream, one agent)
    /// in one `POST /api/v1/ves/events/ingest`, every receipt verified on arrival against the
    /// pinned sequencer keys. Returns `{"batch_id", "head_sequence", "accepted": [{"event",
    /// "receipt"}], "rejections": [{"event_id", "reason", "message"}]}` as JSON text, as
    /// `readIngestResponse`. Retried on transport errors and 5xx: the sequencer answers an
    /// event it already sequenced with its stored receipt.
    ///
    /// # Errors
    /// `SetError.Client`: `SEQUENCER_STATUS` (with `status`), `SEQUENCER_UNREACHABLE`,
    /// `RECEIPT_NOT_VERIFIED`, or the sequencer's own code for a request refused before it is
    /// sent (`INVALID_FIELD_VALUE` naming `events`); `SetError.Ves` for an event that is not JSON.
    pub async fn ingest(&self, events_json: Vec<String>) -> Result<String, SetError> {
        let outcome = self.client.ingest(&events(&events_json)?).await?;
        Ok(outcome_json(&outcome))
    }

    /// `POST /api/v1/ves/commitments`: commits the stream's events
    /// `sequence_start..=sequence_end` into one batch, as an operator does; returns it (JSON
    /// text). Sent once, not retried: after a lost answer, find the batch with
    /// `waitForCommitment` rather than committing again.
    ///
    /// # Errors
    /// `SetError.Client` (`SEQUENCER_STATUS` 400 with the server's code for a range it refuses,
    /// …); `SetError.Id` for a bad UUID.
    pub async fn create_commitment(
        &self,
        tenant_id: String,
        store_id: String,
        sequence_start: u64,
        sequence_end: u64,
    ) -> Result<String, SetError> {
        let request = CommitmentRequest {
            tenant_id: uuid("tenant_id", &tenant_id)?,
            store_id: uuid("store_id", &store_id)?,
            sequence_start,
            sequence_end,
        };
        let commitment = self.client.create_commitment(&request).await?;
        Ok(commitment_json(&commitment))
    }

    /// Audits the stream (`tenant_id`, `store_id`) end to end (set-client's `audit_stream`):
    /// both histories contiguous from 1, the state roots chained, every on-chain commitment the
    /// sequencer's, the registry's head the last one, and with `events_json` (an export: a JSON
    /// array of `{"sequence_number", "event"}`) each events root, payload hash and, with an
    /// agent key in the trust root, each signature. Returns the `set-stream-audit-v1` report
    /// (JSON text: `ok`, `summary`, `findings` with their codes and evidence) with its table for
    /// people under `"table"`.
    ///
    /// # Errors
    /// `SetError.Client` for a server that fails (`WRONG_CHAIN`, `CHAIN_RPC`, …) or an export
    /// the core refuses (`WRONG_STREAM`, `DUPLICATE_SEQUENCE_NUMBER`); `SetError.Id` for a bad
    /// UUID.
    pub async fn audit_stream(
        &self,
        tenant_id: String,
        store_id: String,
        events_json: Option<String>,
    ) -> Result<String, SetError> {
        let (tenant_id, store_id) = (uuid("tenant_id", &tenant_id)?, uuid("store_id", &store_id)?);
        let events = events_json.map(|text| SequencedEvent::list_from_json(&text)).transpose().map_err(core_error)?;
        let report = self.client.audit_stream(&tenant_id, &store_id, events.as_deref()).await?;
        let mut value = report.to_json();
        value["table"] = report.to_table().into();
        Ok(value.to_string())
    }

    /// `GET /api/v1/ves/commitments/{batch_id}`: the commitment (JSON text, the sequencer's
    /// shape), with its chain fields once anchored.
    ///
    /// # Errors
    /// `SetError.Client` (`SEQUENCER_STATUS` 404 for an unknown id, …); `SetError.Id` for a bad
    /// UUID.
    pub async fn commitment(&self, batch_id: String) -> Result<String, SetError> {
        let commitment = self.client.commitment(&uuid("batch_id", &batch_id)?).await?;
        Ok(commitment_json(&commitment))
    }

    /// Waits, for at most `timeout`, until a commitment of the stream (`tenant_id`, `store_id`)
    /// holds `sequence_number`; returns it (JSON text). Looks in the sequencer's list and in the
    /// pinned registry's `BatchCommitted` logs.
    ///
    /// # Errors
    /// `SetError.Client` (`TIMEOUT`, or the error of a poll); `SetError.Id` for a bad UUID.
    pub async fn wait_for_commitment(
        &self,
        tenant_id: String,
        store_id: String,
        sequence_number: u64,
        timeout: Duration,
    ) -> Result<String, SetError> {
        let (tenant_id, store_id) = (uuid("tenant_id", &tenant_id)?, uuid("store_id", &store_id)?);
        let commitment = self.client.wait_for_commitment(&tenant_id, &store_id, sequence_number, timeout).await?;
        Ok(commitment_json(&commitment))
    }

    /// Waits, for at most `timeout`, until the sequencer reports commitment `batch_id` anchored
    /// (its `chain_tx_hash` set); returns it (JSON text).
    ///
    /// # Errors
    /// `SetError.Client` (`TIMEOUT`, or the error of a poll); `SetError.Id` for a bad UUID.
    pub async fn wait_until_anchored(&self, batch_id: String, timeout: Duration) -> Result<String, SetError> {
        let commitment = self.client.wait_until_anchored(&uuid("batch_id", &batch_id)?, timeout).await?;
        Ok(commitment_json(&commitment))
    }

    /// The anchored `set-receipt-v2` bundle (JSON text) of `event_json` sequenced with
    /// `receipt_json` (an `accepted` entry of `ingest`): the commitment found in the pinned
    /// registry's logs, the proof from the sequencer, the block hash from the chain.
    ///
    /// # Errors
    /// `SetError.Client`: `NOT_ANCHORED` when no log holds the event yet, `PARTS_MISMATCH`
    /// naming the part that does not belong (`receipt.event_id`), the servers' errors;
    /// `SetError.Ves` / `SetError.Sequencer` for an event or receipt that does not parse.
    pub async fn bundle(&self, event_json: String, receipt_json: String) -> Result<String, SetError> {
        let receipt = sequencer::parse_ingest_receipt(&receipt_json).map_err(core_error)?;
        let bundle = self.client.bundle(&event(&event_json)?, &receipt).await?;
        Ok(bundle.to_json())
    }

    /// As [`SetClient::bundle`] for a commitment already in hand (JSON text, what
    /// `waitUntilAnchored` returns): no log search; the block hash is still the chain's.
    ///
    /// # Errors
    /// As [`SetClient::bundle`]; `NOT_ANCHORED` for a commitment without `chain_tx_hash`.
    pub async fn bundle_with_commitment(
        &self,
        event_json: String,
        receipt_json: String,
        commitment_json: String,
    ) -> Result<String, SetError> {
        let receipt = sequencer::parse_ingest_receipt(&receipt_json).map_err(core_error)?;
        let commitment = sequencer::parse_ves_commitment(&commitment_json).map_err(core_error)?;
        let bundle = self.client.bundle_with_commitment(&event(&event_json)?, &receipt, &commitment).await?;
        Ok(bundle.to_json())
    }

    /// Verifies a bundle (JSON text) at the strongest level an RPC read allows (`anchored`, or
    /// `anchored-l2-proof` / `anchored-l1` with an anchor proof the trust root pins): the RPC must
    /// serve the pinned chain id, the commitment is read from the pinned registry (never the one
    /// the bundle names), and the core checks the bundle against the trust root (and the agent's
    /// keys when it pins them). A bundle anchored elsewhere gets a verdict that is not valid.
    ///
    /// # Errors
    /// `SetError.Client`: `WRONG_CHAIN`, `CHAIN_RPC`, `INVALID_ABI` for a return value that does
    /// not decode; `SetError.Receipt` for a bundle that does not parse.
    pub async fn verify_online(&self, bundle_json: String) -> Result<Verdict, SetError> {
        let bundle = ReceiptBundle::from_json(&bundle_json).map_err(core_error)?;
        Ok(self.client.verify_online(&bundle).await?.into())
    }

    /// The pinned registry's own answer on a bundle's (JSON text) inclusion proof:
    /// `verifyVesInclusion`, called on an RPC that serves the pinned chain id. `true` when the
    /// contract recomputes the root it stores from the proof; a second opinion beside
    /// `verifyOnline`.
    ///
    /// # Errors
    /// `SetError.Client`: `WRONG_CHAIN`, `CHAIN_RPC`, `INVALID_ABI` for a return value that does
    /// not decode; `SetError.Receipt` for a bundle that does not parse.
    pub async fn contract_accepts_inclusion(&self, bundle_json: String) -> Result<bool, SetError> {
        let bundle = ReceiptBundle::from_json(&bundle_json).map_err(core_error)?;
        Ok(self.client.contract_accepts_inclusion(&bundle).await?)
    }
}
