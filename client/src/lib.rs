//! `set-client`: one async client for the stateset sequencer and Set Chain, so a store agent or a
//! back office does not hand-write the I/O.
//!
//! The client does the I/O only; every rule is set-core's: the ingest body
//! ([`set_core::ves::agent::ingest_request`]), the ingest answer with each receipt verified on
//! arrival against the pinned sequencer keys ([`set_core::ves::agent::read_ingest_response`]),
//! the commitment holding an event ([`set_core::sequencer::commitment_holding`],
//! [`set_core::registry::commitment_holding_in_logs`]), the bundle refusing parts that do not
//! belong together ([`set_core::receipt::ReceiptBundle::from_sequencer`]) and the verdict
//! ([`set_core::receipt::verify_receipt`]), the stream audit ([`set_core::audit::audit_stream`]).
//!
//! | Call | Sequencer | Chain |
//! |---|---|---|
//! | [`Client::ingest`] | `POST /api/v1/ves/events/ingest` (retried on transport errors and 5xx) | — |
//! | [`Client::register_agent_key`] | `POST /api/v1/agents/keys` (once) | — |
//! | [`Client::create_commitment`] | `POST /api/v1/ves/commitments` (once) | — |
//! | [`Client::wait_for_commitment`] | `GET /api/v1/ves/commitments?tenant_id=&store_id=`, `GET …/{id}` | `eth_getLogs` (`BatchCommitted` of the pinned registry) |
//! | [`Client::wait_until_anchored`] | `GET /api/v1/ves/commitments/{id}` | — |
//! | [`Client::bundle`] | `GET /api/v1/ves/commitments/{id}`, `GET /api/v1/ves/proofs/{seq}` | `eth_getLogs`, `eth_getTransactionReceipt` |
//! | [`Client::verify_online`] | — | `eth_chainId`, `eth_call getBatchCommitment` at the pinned registry |
//! | [`Client::audit_stream`] | `GET /api/v1/ves/commitments?tenant_id=&store_id=`, `GET …/{id}` per log | `eth_chainId`, `eth_blockNumber`, `eth_getLogs` paged by block ranges, `eth_call getTenantStoreSummary` |
//!
//! What is trusted comes from the configuration's `set-trust-root-v1` document only, never from
//! an answer or a bundle: the chain is read at the pinned registry, on an RPC whose `eth_chainId`
//! is the pinned chain id, and the block hash of an anchor comes from the chain, not the
//! sequencer.

#![deny(missing_docs)]

mod audit;
mod chain;
mod config;
mod error;
mod http;
mod sequencer;

use std::future::Future;
use std::time::Duration;

use reqwest::Method;
use set_core::encoding::Address;
use set_core::ids::uuid_to_bytes32;
use set_core::receipt::{verify_receipt, BundleAnchor, ReceiptBundle, Verdict};
use set_core::registry::{self, LocatedCommitment};
use set_core::sequencer::{self as wire, CommitmentRequest, IngestReceipt, VesCommitment};
use set_core::ves::agent::{self, IngestOutcome};
use set_core::ves::agent_keys::{AgentKeyRegistered, AgentKeyRegistration, AGENT_KEYS_PATH};
use set_core::ves::VesEvent;
use uuid::Uuid;

pub use audit::AuditProgress;
pub use config::{Auth, ClientConfig, RetryPolicy};
pub use error::ClientError;
pub use set_http::install_tls_provider;

use chain::ChainRpc;
use sequencer::SequencerHttp;

/// The client: a sequencer and a chain RPC, for one pinned network. Cheap to clone (the HTTP
/// connection pools are shared).
#[derive(Debug, Clone)]
pub struct Client {
    config: ClientConfig,
    sequencer: SequencerHttp,
    chain: ChainRpc,
}

impl Client {
    /// A client for `config`. Nothing is sent yet.
    ///
    /// # Errors
    /// [`ClientError::Config`] when the trust root pins no chain id or registry (naming
    /// `trust.chain_id` or `trust.registry`), an entry of
    /// [`ClientConfig::extra_root_certificates`] is not a certificate (naming
    /// `extra_root_certificates`), or the HTTP client cannot be built (naming `http_client`).
    pub fn new(config: ClientConfig) -> Result<Self, ClientError> {
        config.pinned()?;
        // One HTTP client (one TLS setup, one connection pool) for both sides.
        let http = http::http_client(&config)?;
        let sequencer = SequencerHttp::new(&config, http.clone());
        let chain = ChainRpc::new(&config, http);
        Ok(Client { config, sequencer, chain })
    }

    /// The configuration the client was built with.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Sends `events` (signed, all of one stream and one agent: the body names
    /// `events[0].source_agent_id`) in one ingest request and returns the sequencer's answer,
    /// every receipt verified on arrival against the pinned sequencer keys, and the events it
    /// rejected with its reasons ([`IngestOutcome::rejections`]).
    ///
    /// Transport errors and 5xx answers are retried under [`ClientConfig::retry`]: safe, because
    /// the sequencer answers an event it already sequenced with its stored receipt (a replay)
    /// rather than sequencing it again; such a receipt is in [`IngestOutcome::accepted`] like a
    /// new one.
    ///
    /// # Errors
    /// [`ClientError::Request`] when core refuses the request before it is sent (the sequencer
    /// would refuse it whole or reject an event); [`ClientError::SequencerStatus`] for an error
    /// answer (401 for a wrong credential, 400 with the server's code);
    /// [`ClientError::SequencerUnreachable`]; [`ClientError::IngestAnswer`] when a receipt does
    /// not verify or names an event not sent.
    pub async fn ingest(&self, events: &[VesEvent]) -> Result<IngestOutcome, ClientError> {
        let agent_id = events.first().map_or(Uuid::nil(), |event| event.source_agent_id);
        let request = agent::ingest_request(agent_id, events).map_err(ClientError::Request)?;
        let answer = self.sequencer.send(Method::POST, wire::INGEST_PATH, Some(&request.to_json())).await?;
        agent::read_ingest_response(&answer, events, &self.config.trust)
            .map_err(|error| ClientError::IngestAnswer { url: self.sequencer.url(wire::INGEST_PATH), error })
    }

    /// `POST /api/v1/agents/keys`: registers an agent's public key with the sequencer, which
    /// then accepts that agent's events signed with it. Build `registration` with core's
    /// `key_registration_request` (`set_core::ves::agent_keys`, feature `signing`), which adds
    /// the proof of possession an ML-DSA-65 key needs. Sent once, not retried.
    ///
    /// # Errors
    /// [`ClientError::SequencerStatus`] (400 with the server's reason for a key it refuses, 401
    /// for a wrong credential), [`ClientError::SequencerUnreachable`],
    /// [`ClientError::SequencerAnswer`].
    pub async fn register_agent_key(
        &self,
        registration: &AgentKeyRegistration,
    ) -> Result<AgentKeyRegistered, ClientError> {
        let body = registration.to_json();
        self.sequencer.post_once(AGENT_KEYS_PATH, &body, wire::parse_agent_key_registered).await
    }

    /// `POST /api/v1/ves/commitments`: commits the stream's events
    /// `sequence_start..=sequence_end` into one batch and returns it (what an operator does; the
    /// anchor then puts it on-chain). Sent once, not retried: after a lost answer, find the
    /// batch with [`Client::wait_for_commitment`] rather than committing again.
    ///
    /// # Errors
    /// [`ClientError::SequencerStatus`] (400 with the server's code for a range it refuses),
    /// [`ClientError::SequencerUnreachable`], [`ClientError::SequencerAnswer`].
    pub async fn create_commitment(&self, request: &CommitmentRequest) -> Result<VesCommitment, ClientError> {
        self.sequencer.post_once(wire::VES_COMMITMENTS_PATH, &request.to_json(), wire::parse_ves_commitment).await
    }

    /// `GET /api/v1/ves/commitments/{batch_id}`: one commitment, with its chain fields once the
    /// anchor has notified the sequencer.
    ///
    /// # Errors
    /// [`ClientError::SequencerStatus`] (404 for an unknown id), [`ClientError::SequencerUnreachable`],
    /// [`ClientError::SequencerAnswer`].
    pub async fn commitment(&self, batch_id: &Uuid) -> Result<VesCommitment, ClientError> {
        self.sequencer.get(&wire::ves_commitment_path(batch_id), wire::parse_ves_commitment).await
    }

    /// Waits until a commitment of the stream (`tenant_id`, `store_id`) holds `sequence_number`
    /// and returns it. Each poll reads the sequencer's list of the stream's commitments, which
    /// holds only those not anchored yet; when the commitment is not there, the pinned registry's
    /// `BatchCommitted` logs are searched too (an anchor may have been quicker than the poll) and
    /// the commitment they name is read from the sequencer. Polls back off under
    /// [`ClientConfig::poll`].
    ///
    /// # Errors
    /// [`ClientError::Timeout`] after `timeout`; any error of a poll ends the wait (the requests
    /// themselves are retried under [`ClientConfig::retry`]).
    pub async fn wait_for_commitment(
        &self,
        tenant_id: &Uuid,
        store_id: &Uuid,
        sequence_number: u64,
        timeout: Duration,
    ) -> Result<VesCommitment, ClientError> {
        let what = format!(
            "sequencer {}: a commitment of {tenant_id}/{store_id} holding sequence number {sequence_number}",
            self.sequencer.url("")
        );
        self.poll(what, timeout, || async move {
            let path = wire::ves_commitment_list_path(tenant_id, store_id);
            let list = self.sequencer.get(&path, wire::parse_ves_commitment_list).await?;
            if let Some(found) = wire::commitment_holding(&list.commitments, tenant_id, store_id, sequence_number) {
                return Ok(Some(found.clone()));
            }
            match self.locate_on_chain(tenant_id, store_id, sequence_number).await? {
                Some(located) => self.commitment(&located.batch_id).await.map(Some),
                None => Ok(None),
            }
        })
        .await
    }

    /// Waits until the sequencer reports commitment `batch_id` anchored (its chain tx hash set,
    /// which the anchor does once the transaction is final) and returns it.
    ///
    /// # Errors
    /// [`ClientError::Timeout`] after `timeout`; the errors of [`Client::commitment`].
    pub async fn wait_until_anchored(&self, batch_id: &Uuid, timeout: Duration) -> Result<VesCommitment, ClientError> {
        let what = format!("sequencer {}: commitment {batch_id} anchored", self.sequencer.url(""));
        self.poll(what, timeout, || async move {
            let commitment = self.commitment(batch_id).await?;
            Ok(commitment.chain_tx_hash.is_some().then_some(commitment))
        })
        .await
    }

    /// The receipt bundle of `event` (sequenced with `receipt`), anchored: the commitment holding
    /// it is found in the pinned registry's `BatchCommitted` logs (from
    /// [`ClientConfig::logs_from_block`]), read from the sequencer with the event's inclusion
    /// proof, and the anchor's block hash is the chain's (`eth_getTransactionReceipt` of the
    /// log's transaction). Core assembles it and refuses parts that do not belong together.
    ///
    /// # Errors
    /// [`ClientError::NotAnchored`] when no log holds the event yet; [`ClientError::Receipt`]
    /// (`PARTS_MISMATCH` naming the part) when the sequencer's commitment or proof is not the
    /// event's; [`ClientError::AnchorTransaction`]; the sequencer's and the chain's errors.
    pub async fn bundle(&self, event: &VesEvent, receipt: &IngestReceipt) -> Result<ReceiptBundle, ClientError> {
        let sequence_number = receipt.sequence_number;
        let located = self
            .locate_on_chain(&event.tenant_id, &event.store_id, sequence_number)
            .await?
            .ok_or_else(|| ClientError::NotAnchored { url: self.chain.url().to_owned(), sequence_number })?;
        let commitment = self.commitment(&located.batch_id).await?;
        self.assemble(event, receipt, &commitment, located.transaction_hash).await
    }

    /// As [`Client::bundle`], for a `commitment` already in hand that carries its chain tx hash
    /// (what [`Client::wait_until_anchored`] returns): no log search. The block hash is still the
    /// chain's.
    ///
    /// # Errors
    /// [`ClientError::NotAnchored`] for a commitment without a tx hash; otherwise as
    /// [`Client::bundle`].
    pub async fn bundle_with_commitment(
        &self,
        event: &VesEvent,
        receipt: &IngestReceipt,
        commitment: &VesCommitment,
    ) -> Result<ReceiptBundle, ClientError> {
        let tx_hash = commitment.chain_tx_hash.ok_or_else(|| ClientError::NotAnchored {
            url: self.sequencer.url(&wire::ves_commitment_path(&commitment.batch_id)),
            sequence_number: receipt.sequence_number,
        })?;
        self.assemble(event, receipt, commitment, tx_hash).await
    }

    /// Verifies `bundle` at the strongest level an RPC read allows (`anchored`): the RPC's
    /// `eth_chainId` must be the pinned chain id, the commitment is read with
    /// `getBatchCommitment` from the **pinned** registry (never the one the bundle names), and
    /// core checks the bundle against the trust root with that record (and against the agent's
    /// keys when [`ClientConfig::trust`] pins them; otherwise `agent_signature` is skipped, which
    /// `anchored` does not need). A bundle anchored at
    /// another registry or chain gets a verdict that is not valid (its `anchor` check fails).
    ///
    /// # Errors
    /// [`ClientError::WrongChain`]; [`ClientError::ChainRpc`]; [`ClientError::ChainAnswer`] for
    /// a return value that does not decode; [`ClientError::Receipt`] for a trust root core
    /// refuses.
    pub async fn verify_online(&self, bundle: &ReceiptBundle) -> Result<Verdict, ClientError> {
        let registry = self.pinned_chain().await?;
        let call = registry::encode_get_batch_commitment(uuid_to_bytes32(&bundle.commitment.batch_id));
        let returned = self.chain.call(registry, call).await?;
        let onchain = registry::decode_get_batch_commitment(&returned).map_err(|error| ClientError::ChainAnswer {
            url: self.chain.url().to_owned(),
            method: "eth_call",
            error,
        })?;
        let mut trust = self.config.trust.clone();
        trust.onchain = Some(onchain);
        verify_receipt(bundle, &trust).map_err(ClientError::Receipt)
    }

    /// The pinned registry's own answer on `bundle`'s inclusion proof: `verifyVesInclusion` of
    /// its batch id, event leaf, proof path and leaf index, called on a node whose `eth_chainId`
    /// is the pinned chain id. A second opinion beside [`Client::verify_online`]: the contract
    /// recomputes the root from the proof and compares it with the commitment it stores.
    ///
    /// # Errors
    /// [`ClientError::WrongChain`]; [`ClientError::ChainRpc`]; [`ClientError::ChainAnswer`] for
    /// a return value that does not decode; [`ClientError::Receipt`] for an event whose leaf
    /// cannot be computed.
    pub async fn contract_accepts_inclusion(&self, bundle: &ReceiptBundle) -> Result<bool, ClientError> {
        let registry = self.pinned_chain().await?;
        let leaf =
            bundle.event.leaf_hash(bundle.receipt.sequence_number).map_err(|err| ClientError::Receipt(err.into()))?;
        let call = registry::encode_verify_ves_inclusion(
            uuid_to_bytes32(&bundle.commitment.batch_id),
            leaf,
            &bundle.proof.proof_path,
            registry::U256::from(bundle.proof.leaf_index),
        );
        let returned = self.chain.call(registry, call).await?;
        registry::decode_verify_ves_inclusion(&returned).map_err(|error| ClientError::ChainAnswer {
            url: self.chain.url().to_owned(),
            method: "eth_call",
            error,
        })
    }

    /// The pinned registry, once the RPC's `eth_chainId` is the pinned chain id.
    async fn pinned_chain(&self) -> Result<Address, ClientError> {
        let (chain_id, registry) = self.config.pinned()?;
        let served = self.chain.chain_id().await?;
        if served != chain_id {
            return Err(ClientError::WrongChain { url: self.chain.url().to_owned(), served, pinned: chain_id });
        }
        Ok(registry)
    }

    /// The `BatchCommitted` log of the pinned registry whose range holds the event.
    async fn locate_on_chain(
        &self,
        tenant_id: &Uuid,
        store_id: &Uuid,
        sequence_number: u64,
    ) -> Result<Option<LocatedCommitment>, ClientError> {
        let (_, registry) = self.config.pinned()?;
        let filter =
            registry::batch_committed_filter(&registry, tenant_id, store_id, self.config.logs_from_block, None);
        let logs = self.chain.logs(filter).await?;
        registry::commitment_holding_in_logs(&logs, tenant_id, store_id, sequence_number).map_err(|error| {
            ClientError::ChainAnswer { url: self.chain.url().to_owned(), method: "eth_getLogs", error }
        })
    }

    /// The proof from the sequencer, the block from the chain, the bundle from core.
    async fn assemble(
        &self,
        event: &VesEvent,
        receipt: &IngestReceipt,
        commitment: &VesCommitment,
        tx_hash: set_core::encoding::B256,
    ) -> Result<ReceiptBundle, ClientError> {
        let (chain_id, registry) = self.config.pinned()?;
        let path =
            wire::ves_proof_path(receipt.sequence_number, &event.tenant_id, &event.store_id, &commitment.batch_id);
        let proof = self.sequencer.get(&path, wire::parse_inclusion_proof).await?;
        let landed = self.chain.landed(tx_hash).await?;
        let anchor = BundleAnchor {
            chain_id,
            registry,
            tx_hash,
            block_number: landed.block_number,
            block_hash: Some(landed.block_hash),
            proof: None,
        };
        ReceiptBundle::from_sequencer(event.clone(), receipt, commitment, &proof, Some(anchor))
            .map_err(ClientError::Receipt)
    }

    /// Calls `probe` until it answers `Some`, pausing under [`ClientConfig::poll`], for at most
    /// `timeout`.
    async fn poll<T, F, Fut>(&self, what: String, timeout: Duration, mut probe: F) -> Result<T, ClientError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Option<T>, ClientError>>,
    {
        let started = tokio::time::Instant::now();
        let mut attempt = 1;
        loop {
            if let Some(found) = probe().await? {
                return Ok(found);
            }
            let waited = started.elapsed();
            if waited >= timeout {
                return Err(ClientError::Timeout { what, waited });
            }
            tokio::time::sleep(self.config.poll.backoff(attempt).min(timeout - waited)).await;
            attempt = attempt.saturating_add(1);
        }
    }
}
