//! The stream audit's I/O: the stream's `BatchCommitted` logs paged by block ranges, the
//! registry's head at the last block paged, the sequencer's commitments of the stream; then
//! set-core's `audit::audit_stream` on them.

use set_core::audit::{self, AgentKey, AuditInput, AuditReport, SequencedEvent};
use set_core::ids::{bytes32_to_uuid, uuid_to_bytes32};
use set_core::registry::{self, BatchCommittedLog, TenantStoreSummary};
use set_core::sequencer::{self as wire, VesCommitment};
use uuid::Uuid;

use crate::{Client, ClientError};

/// How far a stream audit has got, for a progress display
/// ([`Client::audit_stream_observed`]). The long parts of a long stream's audit are the log
/// pages and one sequencer request per anchored commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuditProgress {
    /// The chain's `BatchCommitted` logs: `done` of `total` block pages read.
    LogPages {
        /// Pages read.
        done: u64,
        /// Pages to read.
        total: u64,
    },
    /// The sequencer's record of each anchored commitment: `done` of `total` logs looked up.
    Commitments {
        /// Logs looked up.
        done: usize,
        /// Logs to look up.
        total: usize,
    },
    /// Everything is read; set-core is checking.
    Checking,
}

impl Client {
    /// Audits the stream (`tenant_id`, `store_id`) end to end, with the agent keys the trust
    /// root pins (for any agent; none pinned: signatures not checked): see
    /// [`Client::audit_stream_with_keys`].
    ///
    /// # Errors
    /// As [`Client::audit_stream_with_keys`].
    pub async fn audit_stream(
        &self,
        tenant_id: &Uuid,
        store_id: &Uuid,
        events: Option<&[SequencedEvent]>,
    ) -> Result<AuditReport, ClientError> {
        self.audit_stream_with_keys(tenant_id, store_id, events, &self.pinned_agent_keys()).await
    }

    /// The agent keys [`Client::audit_stream`] checks signatures with: the trust root's agent
    /// key (Ed25519 and/or ML-DSA-65), for any agent; empty when it pins none.
    pub fn pinned_agent_keys(&self) -> Vec<AgentKey> {
        let trust = &self.config.trust;
        if trust.agent_public_key.is_none() && trust.agent_ml_dsa_65_public_key.is_none() {
            return Vec::new();
        }
        vec![AgentKey {
            ed25519: trust.agent_public_key,
            ml_dsa_65: trust.agent_ml_dsa_65_public_key.clone(),
            ..AgentKey::default()
        }]
    }

    /// Audits the stream (`tenant_id`, `store_id`): gathers what set-core's
    /// [`audit::audit_stream`] reads and returns its report, every gap, fork or mismatch a
    /// finding with its evidence.
    ///
    /// 1. `eth_chainId` must be the pinned chain; `eth_blockNumber` fixes the last block read.
    /// 2. `eth_getLogs` of the pinned registry's `BatchCommitted` logs of the stream, from
    ///    [`crate::ClientConfig::logs_from_block`] to that block, in pages of at most
    ///    [`crate::ClientConfig::logs_page_blocks`] blocks.
    /// 3. `eth_call getTenantStoreSummary` at that block: the registry's head of the stream.
    /// 4. `GET /api/v1/ves/commitments?tenant_id=&store_id=` (the unanchored ones) and
    ///    `GET /api/v1/ves/commitments/{id}` for each log's batch id not listed (a 404 leaves the
    ///    log without a record: the finding `NOT_IN_SEQUENCER`).
    ///
    /// `events` (an export with the sequence numbers) adds the event checks; `agent_keys` the
    /// signature checks.
    ///
    /// # Errors
    /// [`ClientError::WrongChain`]; [`ClientError::ChainRpc`] (a log page's failure names its
    /// blocks); [`ClientError::ChainAnswer`] for logs or a head that do not decode; the
    /// sequencer's errors; [`ClientError::Audit`] for an export or a key core refuses;
    /// [`ClientError::Config`] for `logs_page_blocks` 0.
    pub async fn audit_stream_with_keys(
        &self,
        tenant_id: &Uuid,
        store_id: &Uuid,
        events: Option<&[SequencedEvent]>,
        agent_keys: &[AgentKey],
    ) -> Result<AuditReport, ClientError> {
        self.audit_stream_observed(tenant_id, store_id, events, agent_keys, &|_| {}).await
    }

    /// As [`Client::audit_stream_with_keys`], telling `progress` how far it has got (after each
    /// log page, after each commitment looked up, and before the checks), for a progress bar.
    ///
    /// # Errors
    /// As [`Client::audit_stream_with_keys`].
    pub async fn audit_stream_observed(
        &self,
        tenant_id: &Uuid,
        store_id: &Uuid,
        events: Option<&[SequencedEvent]>,
        agent_keys: &[AgentKey],
        progress: &(dyn Fn(AuditProgress) + Send + Sync),
    ) -> Result<AuditReport, ClientError> {
        self.pinned_chain().await?;
        let last_block = self.chain.block_number().await?;
        let onchain = self.stream_logs(tenant_id, store_id, last_block, progress).await?;
        let head = self.stream_head(tenant_id, store_id, last_block).await?;
        let sequencer = self.sequencer_commitments(tenant_id, store_id, &onchain, progress).await?;
        progress(AuditProgress::Checking);
        let input = AuditInput {
            tenant_id: *tenant_id,
            store_id: *store_id,
            onchain: &onchain,
            head: Some(&head),
            sequencer: &sequencer,
            events,
            agent_keys,
        };
        audit::audit_stream(&input).map_err(ClientError::Audit)
    }

    /// The stream's `BatchCommitted` logs up to `last_block`, page by page, in block order.
    async fn stream_logs(
        &self,
        tenant_id: &Uuid,
        store_id: &Uuid,
        last_block: u64,
        progress: &(dyn Fn(AuditProgress) + Send + Sync),
    ) -> Result<Vec<BatchCommittedLog>, ClientError> {
        let (_, registry) = self.config.pinned()?;
        let page = self.config.logs_page_blocks;
        if page == 0 {
            return Err(ClientError::Config { field: "logs_page_blocks", reason: "must be at least 1".into() });
        }
        let mut logs = Vec::new();
        let mut from = self.config.logs_from_block;
        let total = last_block.checked_sub(from).map_or(0, |blocks| blocks / page + 1);
        let mut done = 0;
        while from <= last_block {
            let to = from.saturating_add(page - 1).min(last_block);
            let filter = registry::batch_committed_filter(&registry, tenant_id, store_id, from, Some(to));
            let answer = self.chain.logs(filter).await.map_err(|err| match err {
                ClientError::ChainRpc { url, method, reason } => {
                    ClientError::ChainRpc { url, method, reason: format!("blocks {from}..={to}: {reason}") }
                }
                other => other,
            })?;
            let page_logs = registry::batch_committed_logs(&answer, tenant_id, store_id).map_err(|error| {
                ClientError::ChainAnswer { url: self.chain.url().to_owned(), method: "eth_getLogs", error }
            })?;
            logs.extend(page_logs);
            done += 1;
            progress(AuditProgress::LogPages { done, total });
            match to.checked_add(1) {
                Some(next) => from = next,
                None => break,
            }
        }
        Ok(logs)
    }

    /// `getTenantStoreSummary` of the stream at block `number`.
    async fn stream_head(
        &self,
        tenant_id: &Uuid,
        store_id: &Uuid,
        number: u64,
    ) -> Result<TenantStoreSummary, ClientError> {
        let (_, registry) = self.config.pinned()?;
        let call = registry::encode_get_tenant_store_summary(uuid_to_bytes32(tenant_id), uuid_to_bytes32(store_id));
        let returned = self.chain.call_at(registry, call, number).await?;
        registry::decode_get_tenant_store_summary(&returned).map_err(|error| ClientError::ChainAnswer {
            url: self.chain.url().to_owned(),
            method: "eth_call",
            error,
        })
    }

    /// The sequencer's unanchored commitments of the stream, and its record of each log's batch.
    async fn sequencer_commitments(
        &self,
        tenant_id: &Uuid,
        store_id: &Uuid,
        onchain: &[BatchCommittedLog],
        progress: &(dyn Fn(AuditProgress) + Send + Sync),
    ) -> Result<Vec<VesCommitment>, ClientError> {
        let path = wire::ves_commitment_list_path(tenant_id, store_id);
        let mut commitments = self.sequencer.get(&path, wire::parse_ves_commitment_list).await?.commitments;
        let total = onchain.len();
        for (done, log) in onchain.iter().enumerate() {
            progress(AuditProgress::Commitments { done, total });
            // A batch id that is not a padded UUID cannot be one of the sequencer's.
            let Ok(batch_id) = bytes32_to_uuid("batch_id", &log.batch_id) else { continue };
            if commitments.iter().any(|commitment| commitment.batch_id == batch_id) {
                continue;
            }
            match self.commitment(&batch_id).await {
                Ok(commitment) => commitments.push(commitment),
                Err(ClientError::SequencerStatus { status: 404, .. }) => {}
                Err(err) => return Err(err),
            }
        }
        progress(AuditProgress::Commitments { done: total, total });
        Ok(commitments)
    }
}
