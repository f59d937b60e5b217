//! Clean streams for the audit's tests and benchmarks (`cfg(test)` and the `fixtures` feature):
//! signed order events, committed as the sequencer commits them, each commitment anchored in a
//! `BatchCommitted` log of its own block, and the registry's head after the last one, so that
//! [`audit_stream`](super::audit_stream) finds nothing until a test breaks one place. Not for
//! production: the agent signs with a seed handed over in the clear.

use alloc::format;
use alloc::vec;
use alloc::vec::Vec;

use alloy_primitives::B256;
use serde_json::Value;
use uuid::Uuid;

use super::{AgentKey, AuditInput, SequencedEvent};
use crate::ids::uuid_to_bytes32;
use crate::registry::{BatchCommittedLog, TenantStoreSummary};
use crate::sequencer::VesCommitment;
use crate::ves::{self, VesEvent};
use crate::Error;

/// When the events are created and committed (RFC 3339).
const CREATED_AT: &str = "2026-12-07T00:00:00Z";
/// When the commitments are anchored (RFC 3339).
const ANCHORED_AT: &str = "2026-12-07T00:00:01Z";
/// The chain the commitments are anchored on.
const CHAIN_ID: u64 = 84_532_001;
/// The block of the first commitment's log; commitment `i` is in block `FIRST_BLOCK + i`.
const FIRST_BLOCK: u64 = 10;

/// The agent's Ed25519 public key of `agent_seed`.
pub fn agent_public_key(agent_seed: &[u8; 32]) -> [u8; 32] {
    ed25519_dalek::SigningKey::from_bytes(agent_seed).verifying_key().to_bytes()
}

/// Order `n` of the stream (`tenant`, `store`): a plaintext `Order` event `ORD-{n}`
/// (`order.created`, event id `0xe000 + n`), with `payload`, signed with Ed25519 by `agent`
/// (key id 1) with `agent_seed`.
///
/// # Errors
/// [`Error::Ves`] for a payload that cannot be hashed (JCS).
pub fn signed_order(
    tenant: Uuid,
    store: Uuid,
    agent: Uuid,
    agent_seed: &[u8; 32],
    n: u64,
    payload: Value,
) -> Result<VesEvent, Error> {
    let mut event = VesEvent {
        ves_version: ves::VES_VERSION,
        tenant_id: tenant,
        store_id: store,
        event_id: Uuid::from_u128(0xe000 + u128::from(n)),
        source_agent_id: agent,
        agent_key_id: 1,
        entity_type: "Order".into(),
        entity_id: format!("ORD-{n}"),
        event_type: "order.created".into(),
        created_at: CREATED_AT.into(),
        payload_kind: 0,
        payload_plain_hash: ves::payload_plain_hash(&payload)?,
        payload: Some(payload),
        payload_cipher_hash: B256::ZERO,
        agent_signature: [0; 64],
        agent_signature_scheme: None,
        agent_signature_bundle: None,
    };
    let hash = event.signing_hash()?;
    event.agent_signature =
        ed25519_dalek::Signer::sign(&ed25519_dalek::SigningKey::from_bytes(agent_seed), hash.as_slice()).to_bytes();
    Ok(event)
}

/// One stream as `set-client` gathers it for an audit: the export, the sequencer's commitments,
/// the registry's logs and head, and the agent's pinned key.
#[derive(Debug, Clone)]
pub struct CleanStream {
    /// The stream's tenant.
    pub tenant: Uuid,
    /// The stream's store.
    pub store: Uuid,
    /// Events 1.., in order.
    pub events: Vec<SequencedEvent>,
    /// The sequencer's commitments, all anchored.
    pub sequencer: Vec<VesCommitment>,
    /// The registry's `BatchCommitted` logs, one a commitment, in block order.
    pub onchain: Vec<BatchCommittedLog>,
    /// The registry's head after the last log (the default when there is none).
    pub head: TenantStoreSummary,
    /// The agent's Ed25519 key, for its id and key id 1.
    pub agent_keys: Vec<AgentKey>,
}

impl CleanStream {
    /// Orders 1 to the sum of `sizes` (see [`signed_order`], payload `payload(n)`), committed in
    /// runs of `sizes` (a run past the last event is cut short), commitment `i` with batch id
    /// `0xb000 + i`, anchored in block `10 + i`.
    ///
    /// # Errors
    /// [`Error::Ves`] for a payload that cannot be hashed; [`Error::Merkle`] for a run too large
    /// for one tree.
    pub fn build(
        tenant: Uuid,
        store: Uuid,
        agent: Uuid,
        agent_seed: &[u8; 32],
        sizes: &[u64],
        payload: impl Fn(u64) -> Value,
    ) -> Result<Self, Error> {
        let total: u64 = sizes.iter().sum();
        let events = (1..=total)
            .map(|n| {
                Ok(SequencedEvent {
                    sequence_number: n,
                    event: signed_order(tenant, store, agent, agent_seed, n, payload(n))?,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let (mut sequencer, mut onchain) = (Vec::new(), Vec::new());
        let (mut rest, mut prev) = (&events[..], B256::ZERO);
        for (i, size) in (0u128..).zip(sizes) {
            let (run, tail) = rest.split_at(usize::try_from(*size).unwrap_or(usize::MAX).min(rest.len()));
            rest = tail;
            let Some(first) = run.first() else { continue };
            let start = first.sequence_number;
            let leaves = run.iter().map(|e| e.event.leaf_hash(e.sequence_number)).collect::<Result<Vec<B256>, _>>()?;
            let batch = ves::commit_batch(&tenant, &store, &prev, start, &leaves)?;
            let batch_id = Uuid::from_u128(0xb000 + i);
            let tx = uuid_to_bytes32(&Uuid::from_u128(0x7a000 + i));
            let block_number = FIRST_BLOCK + i as u64;
            sequencer.push(VesCommitment {
                batch_id,
                tenant_id: tenant,
                store_id: store,
                ves_version: ves::VES_VERSION,
                tree_depth: batch.tree.depth() as u32,
                leaf_count: u64::from(batch.leaf_count),
                padded_leaf_count: batch.tree.padded_leaf_count() as u64,
                merkle_root: batch.merkle_root,
                prev_state_root: prev,
                new_state_root: batch.new_state_root,
                sequence_start: start,
                sequence_end: batch.sequence_end,
                committed_at: CREATED_AT.into(),
                chain_id: Some(CHAIN_ID),
                chain_tx_hash: Some(tx),
                chain_block_number: Some(block_number),
                anchored_at: Some(ANCHORED_AT.into()),
                is_anchored: Some(true),
            });
            onchain.push(BatchCommittedLog {
                batch_id: uuid_to_bytes32(&batch_id),
                events_root: batch.merkle_root,
                new_state_root: batch.new_state_root,
                sequence_start: start,
                sequence_end: batch.sequence_end,
                event_count: batch.leaf_count,
                block_number,
                block_hash: uuid_to_bytes32(&Uuid::from_u128(0xb10c_0000 + i)),
                transaction_hash: tx,
                log_index: Some(0),
            });
            prev = batch.new_state_root;
        }
        let head = onchain.last().map_or_else(TenantStoreSummary::default, |last| TenantStoreSummary {
            latest_batch_id: last.batch_id,
            current_state_root: last.new_state_root,
            current_head_sequence: last.sequence_end,
            has_latest_proof: false,
        });
        let key = AgentKey {
            agent_id: Some(agent),
            key_id: Some(1),
            ed25519: Some(agent_public_key(agent_seed)),
            ml_dsa_65: None,
        };
        Ok(CleanStream { tenant, store, events, sequencer, onchain, head, agent_keys: vec![key] })
    }

    /// What the audit of the whole stream reads: every part, the head and the agent's key.
    pub fn input(&self) -> AuditInput<'_> {
        AuditInput {
            tenant_id: self.tenant,
            store_id: self.store,
            onchain: &self.onchain,
            head: Some(&self.head),
            sequencer: &self.sequencer,
            events: Some(&self.events),
            agent_keys: &self.agent_keys,
        }
    }
}
