//! The cycle against an in-memory chain and sequencer: finality, reorgs, mismatches, recovery at
//! any age, standby takeover, the fee cap and the number of reads per cycle. No anvil.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use alloy::primitives::B256;
use clap::Parser;
use set_core::anchoring::StreamHead;
use set_core::registry::{self, CommitBatchArgs, OnchainCommitment};
use set_core::sequencer::{AnchorNotification, AnchoredOutcome, PendingCommitment};
use uuid::Uuid;

use super::*;
use crate::backends::{CommitLog, ProofRead, SubmitFailure};
use crate::config::AnchorConfig;
use crate::txmgr::{Landed, Mined, SendConfig, SendFailure};

#[derive(Debug, Clone)]
struct Block {
    hash: B256,
    timestamp: u64,
    /// (args, tx hash) committed in this block.
    commits: Vec<(CommitBatchArgs, B256)>,
}

#[derive(Debug, Default)]
struct ChainState {
    blocks: Vec<Block>,
    safe_lag: u64,
    /// Distinguishes block hashes across reorgs.
    salt: u64,
    calls: u64,
    block_reads: u64,
    log_reads: u64,
    proof_reads: u64,
    sent_txs: u64,
    fee_cap: bool,
}

impl ChainState {
    fn push_block(&mut self, commits: Vec<(CommitBatchArgs, B256)>) -> (u64, B256) {
        self.salt += 1;
        let number = self.blocks.len() as u64;
        let mut hash = [0u8; 32];
        hash[..8].copy_from_slice(&number.to_be_bytes());
        hash[8..16].copy_from_slice(&self.salt.to_be_bytes());
        let hash = B256::from(hash);
        // One block per 2 s, like an OP Stack chain.
        self.blocks.push(Block { hash, timestamp: 1_700_000_000 + 2 * number, commits });
        (number, hash)
    }

    fn index_of(&self, at: &BlockRef) -> Result<usize, ChainError> {
        let i = at.number as usize;
        match self.blocks.get(i) {
            Some(b) if b.hash == at.hash => Ok(i),
            _ => Err(ChainError::BlockGone(at.hash)),
        }
    }

    fn record(&self, upto: usize, id: B256) -> OnchainCommitment {
        for block in &self.blocks[..=upto] {
            for (args, _) in &block.commits {
                if args.batch_id == id {
                    return OnchainCommitment {
                        events_root: args.events_root,
                        new_state_root: args.new_state_root,
                        sequence_start: args.sequence_start,
                        sequence_end: args.sequence_end,
                        event_count: args.event_count,
                        timestamp: block.timestamp,
                    };
                }
            }
        }
        OnchainCommitment::default()
    }

    fn head(&self, upto: usize, tenant: B256, store: B256) -> StreamHead {
        let mut head = StreamHead::GENESIS;
        for block in &self.blocks[..=upto] {
            for (args, _) in &block.commits {
                if (args.tenant_id, args.store_id) == (tenant, store) {
                    head = StreamHead { state_root: args.new_state_root, head_sequence: args.sequence_end };
                }
            }
        }
        head
    }

    fn block_ref(&self, i: usize) -> BlockRef {
        BlockRef { number: i as u64, hash: self.blocks[i].hash, timestamp: self.blocks[i].timestamp }
    }
}

/// An in-memory chain whose `submit` mines at once (the contract's checks included).
#[derive(Debug, Clone, Default)]
struct FakeChain(Arc<Mutex<ChainState>>);

impl FakeChain {
    fn new(safe_lag: u64) -> Self {
        let chain = FakeChain::default();
        {
            let mut s = chain.0.lock().unwrap();
            s.safe_lag = safe_lag;
            s.push_block(Vec::new());
        }
        chain
    }

    fn mine(&self, blocks: u64) {
        let mut s = self.0.lock().unwrap();
        for _ in 0..blocks {
            s.push_block(Vec::new());
        }
    }

    /// Replaces the last `depth` blocks with empty ones (like `anvil_reorg`).
    fn reorg(&self, depth: u64) {
        let mut s = self.0.lock().unwrap();
        let keep = s.blocks.len() - depth as usize;
        s.blocks.truncate(keep);
        for _ in 0..depth {
            s.push_block(Vec::new());
        }
    }

    /// Commits `args` in a new block as another process would; returns the tx hash.
    fn commit_directly(&self, args: CommitBatchArgs) -> B256 {
        let mut s = self.0.lock().unwrap();
        let tx = B256::repeat_byte(0xEE);
        s.push_block(vec![(args, tx)]);
        tx
    }

    /// How many blocks carry a commit of `id`.
    fn commits_of(&self, id: &Uuid) -> usize {
        let word = uuid_to_bytes32(id);
        let s = self.0.lock().unwrap();
        s.blocks.iter().flat_map(|b| &b.commits).filter(|(a, _)| a.batch_id == word).count()
    }

    fn tx_of(&self, id: &Uuid) -> Option<B256> {
        let word = uuid_to_bytes32(id);
        let s = self.0.lock().unwrap();
        s.blocks.iter().flat_map(|b| &b.commits).find(|(a, _)| a.batch_id == word).map(|(_, tx)| *tx)
    }

    fn safe_number(&self) -> u64 {
        let s = self.0.lock().unwrap();
        (s.blocks.len() as u64 - 1).saturating_sub(s.safe_lag)
    }

    fn block_of_tx(&self, tx: B256) -> Option<u64> {
        let s = self.0.lock().unwrap();
        s.blocks.iter().position(|b| b.commits.iter().any(|(_, t)| *t == tx)).map(|i| i as u64)
    }
}

impl ChainRead for FakeChain {
    fn chain_id(&self) -> u64 {
        84_532_001
    }

    fn rpc_calls(&self) -> u64 {
        self.0.lock().unwrap().calls
    }

    async fn head(&self, tag: HeadTag) -> Result<BlockRef, ChainError> {
        let mut s = self.0.lock().unwrap();
        s.calls += 1;
        let latest = s.blocks.len() - 1;
        let i = match tag {
            HeadTag::Latest => latest,
            HeadTag::Safe => latest.saturating_sub(s.safe_lag as usize),
            HeadTag::Finalized => latest.saturating_sub(2 * s.safe_lag as usize),
        };
        Ok(s.block_ref(i))
    }

    async fn block_at(&self, number: u64) -> Result<Option<BlockRef>, ChainError> {
        let mut s = self.0.lock().unwrap();
        s.calls += 1;
        s.block_reads += 1;
        Ok(((number as usize) < s.blocks.len()).then(|| s.block_ref(number as usize)))
    }

    async fn commitments_at(&self, ids: &[B256], at: &BlockRef) -> Result<Vec<OnchainCommitment>, ChainError> {
        let mut s = self.0.lock().unwrap();
        s.calls += 1;
        let upto = s.index_of(at)?;
        Ok(ids.iter().map(|id| s.record(upto, *id)).collect())
    }

    async fn heads_at(&self, streams: &[(B256, B256)], at: &BlockRef) -> Result<Vec<StreamHead>, ChainError> {
        let mut s = self.0.lock().unwrap();
        s.calls += 2;
        let upto = s.index_of(at)?;
        Ok(streams.iter().map(|(t, st)| s.head(upto, *t, *st)).collect())
    }

    async fn commit_logs(&self, batch_id: B256, from: u64, to: u64) -> Result<Vec<CommitLog>, ChainError> {
        let mut s = self.0.lock().unwrap();
        s.calls += 1;
        s.log_reads += 1;
        assert!(to - from < 10_000, "unbounded log range {from}..={to}");
        let mut out = Vec::new();
        for n in from..=to.min(s.blocks.len() as u64 - 1) {
            let block = &s.blocks[n as usize];
            for (args, tx) in &block.commits {
                if args.batch_id == batch_id {
                    out.push(CommitLog { tx_hash: *tx, block_number: n, block_hash: block.hash });
                }
            }
        }
        Ok(out)
    }
}

/// The in-memory chain keeps no state trie: every proof read fails, as on a node without
/// `eth_getProof`.
impl ProofRead for FakeChain {
    async fn block_json(&self, _: u64) -> Result<serde_json::Value, ChainError> {
        self.0.lock().unwrap().proof_reads += 1;
        Err(ChainError::Rpc("the method eth_getProof does not exist".into()))
    }

    async fn registry_proof_json(&self, _: &[B256], _: u64) -> Result<serde_json::Value, ChainError> {
        self.0.lock().unwrap().proof_reads += 1;
        Err(ChainError::Rpc("the method eth_getProof does not exist".into()))
    }
}

impl Submit for FakeChain {
    fn sender(&self) -> String {
        "fake".into()
    }

    async fn submit(&self, data: Vec<u8>, _config: SendConfig) -> Result<Landed, SubmitFailure> {
        let batches = match registry::decode_commit_batch(&data) {
            Ok(one) => vec![one],
            Err(_) => registry::decode_commit_batches(&data).expect("calldata"),
        };
        let mut s = self.0.lock().unwrap();
        if s.fee_cap {
            return Err(SubmitFailure::Send(SendFailure::FeeCap { fee_wei: 10, cap_wei: 1 }));
        }
        let latest = s.blocks.len() - 1;
        // The contract's checks, so a duplicate or a broken chain cannot land.
        let mut heads: BTreeMap<(B256, B256), StreamHead> = BTreeMap::new();
        for args in &batches {
            let key = (args.tenant_id, args.store_id);
            let head = *heads.entry(key).or_insert_with(|| s.head(latest, key.0, key.1));
            let exists = s.record(latest, args.batch_id).exists();
            let continues = args.prev_state_root == head.state_root
                && (head.is_genesis() || args.sequence_start == head.head_sequence + 1);
            if exists || !continues {
                return Err(SubmitFailure::Refused { decoded: None, reason: "contract check".into() });
            }
            heads.insert(key, StreamHead { state_root: args.new_state_root, head_sequence: args.sequence_end });
        }
        s.sent_txs += 1;
        let tx = B256::from(U256Like(s.sent_txs).word());
        let commits = batches.into_iter().map(|a| (a, tx)).collect();
        let (block_number, block_hash) = s.push_block(commits);
        let mined = Mined { tx_hash: tx, block_number, block_hash, gas_used: 100_000, success: true };
        Ok(Landed { mined, broadcasts: 1, bumps: 0 })
    }
}

struct U256Like(u64);

impl U256Like {
    fn word(&self) -> [u8; 32] {
        let mut word = [0xAA; 32];
        word[24..].copy_from_slice(&self.0.to_be_bytes());
        word
    }
}

#[derive(Debug, Default)]
struct SequencerState {
    pending: Vec<PendingCommitment>,
    notified: Vec<(Uuid, AnchorNotification)>,
}

#[derive(Debug, Clone, Default)]
struct FakeSequencer(Arc<Mutex<SequencerState>>);

impl SequencerApi for FakeSequencer {
    async fn pending_page(&self, limit: u32) -> Result<Vec<PendingCommitment>, SequencerClientError> {
        Ok(self.0.lock().unwrap().pending.iter().take(limit as usize).cloned().collect())
    }

    async fn notify(
        &self,
        batch_id: &Uuid,
        note: &AnchorNotification,
    ) -> Result<AnchoredOutcome, SequencerClientError> {
        let mut s = self.0.lock().unwrap();
        s.pending.retain(|c| c.batch_id != *batch_id);
        s.notified.push((*batch_id, note.clone()));
        Ok(AnchoredOutcome::Anchored {
            batch_id: *batch_id,
            chain_tx_hash: note.chain_tx_hash,
            chain_id: note.chain_id,
            block_number: note.block_number,
        })
    }
}

/// `count` chained commitments of one stream, 2 events each.
fn stream(tenant: u128, count: usize) -> Vec<PendingCommitment> {
    set_core::anchoring::fixture::pending_chain(tenant, tenant + 1000, &vec![2; count]).unwrap()
}

/// `count` commitments of a stream whose first commitment (not returned) is already on `chain`
/// and final, so they are sent together (a new stream's first commitment goes alone).
fn established_stream(chain: &FakeChain, tenant: u128, count: usize) -> Vec<PendingCommitment> {
    let mut commitments = stream(tenant, count + 1);
    let first = commitments.remove(0);
    chain.commit_directly(commit_args(&first));
    let safe_lag = chain.0.lock().unwrap().safe_lag;
    chain.mine(safe_lag + 1);
    commitments
}

fn settings(extra: &[&str]) -> Settings {
    let mut args = vec![
        "set-anchor",
        "--set-registry-address",
        "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        "--sequencer-private-key",
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "--min-events-for-anchor",
        "0",
    ];
    if !extra.contains(&"--max-retries") {
        args.extend(["--max-retries", "1"]);
    }
    args.extend_from_slice(extra);
    AnchorConfig::try_parse_from(args).unwrap().validate().unwrap()
}

fn anchor(chain: &FakeChain, sequencer: &FakeSequencer, extra: &[&str]) -> Anchor<FakeChain, FakeSequencer> {
    let settings = settings(extra);
    let health = HealthState::new(settings.interval());
    Anchor::new(settings, chain.clone(), sequencer.clone(), health)
}

fn sequencer_with(commitments: &[PendingCommitment]) -> FakeSequencer {
    let sequencer = FakeSequencer::default();
    sequencer.0.lock().unwrap().pending = commitments.to_vec();
    sequencer
}

fn notified(sequencer: &FakeSequencer) -> Vec<(Uuid, AnchorNotification)> {
    sequencer.0.lock().unwrap().notified.clone()
}

#[tokio::test]
async fn notifies_only_once_the_landing_block_is_under_the_safe_head() {
    let chain = FakeChain::new(3);
    let commitments = established_stream(&chain, 1, 3);
    let sequencer = sequencer_with(&commitments);
    let mut anchor = anchor(&chain, &sequencer, &[]);
    let outcome = anchor.cycle().await;
    assert!(outcome.chain_ok && !outcome.failed, "{outcome:?}");
    assert_eq!(outcome.awaiting_finality, 3);
    assert_eq!(anchor.tracker().counts()[Stage::ALL.iter().position(|s| *s == Stage::Landed).unwrap()], 3);
    for _ in 0..3 {
        assert!(notified(&sequencer).is_empty(), "notified before the safe head reached the block");
        anchor.cycle().await;
        chain.mine(1);
    }
    anchor.cycle().await;
    let notes = notified(&sequencer);
    assert_eq!(notes.len(), 3);
    for (id, note) in &notes {
        let tx = chain.tx_of(id).unwrap();
        assert_eq!(note.chain_tx_hash, tx);
        assert!(note.block_number.unwrap() <= chain.safe_number());
        assert_eq!(chain.commits_of(id), 1);
    }
    assert_eq!(anchor.tracker().transitions.notified, 3);
}

#[tokio::test]
async fn a_reorged_landing_is_sent_again_and_notified_once_safe() {
    for depth in [1u64, 3, 10] {
        let chain = FakeChain::new(12);
        let commitments = established_stream(&chain, 2, 2);
        let sequencer = sequencer_with(&commitments);
        let mut anchor = anchor(&chain, &sequencer, &[]);
        anchor.cycle().await;
        chain.mine(depth - 1);
        let first_tx = chain.tx_of(&commitments[0].batch_id).unwrap();
        chain.reorg(depth);
        assert_eq!(chain.commits_of(&commitments[0].batch_id), 0);
        let outcome = anchor.cycle().await;
        assert!(!outcome.failed, "{outcome:?}");
        assert_eq!(anchor.tracker().transitions.reorged, 2, "depth {depth}");
        let second_tx = chain.tx_of(&commitments[0].batch_id).unwrap();
        assert_ne!(first_tx, second_tx);
        for _ in 0..20 {
            chain.mine(1);
            anchor.cycle().await;
            for (_, note) in notified(&sequencer) {
                assert!(note.block_number.unwrap() <= chain.safe_number());
            }
        }
        let notes = notified(&sequencer);
        assert_eq!(notes.len(), 2, "depth {depth}");
        for (id, note) in notes {
            assert_eq!(chain.commits_of(&id), 1);
            assert_eq!(Some(note.chain_tx_hash), chain.tx_of(&id));
        }
    }
}

#[tokio::test]
async fn a_batch_on_chain_with_other_roots_is_an_alert_never_a_notification() {
    let chain = FakeChain::new(1);
    let commitments = stream(3, 2);
    let mut forged = commit_args(&commitments[0]);
    forged.events_root = B256::repeat_byte(0x66);
    forged.new_state_root = B256::repeat_byte(0x67);
    chain.commit_directly(forged);
    chain.mine(3);
    let sequencer = sequencer_with(&commitments);
    let mut anchor = anchor(&chain, &sequencer, &[]);
    for _ in 0..3 {
        anchor.cycle().await;
        chain.mine(2);
    }
    assert!(notified(&sequencer).is_empty());
    assert_eq!(anchor.tracker().get(&commitments[0].batch_id).unwrap().stage, Stage::Mismatch);
    let stats = anchor.health.lock();
    let alerts: Vec<&crate::health::ErrorRecord> =
        stats.recent_errors.iter().filter(|e| e.error_code == "ONCHAIN_MISMATCH").collect();
    assert_eq!(alerts.len(), 1, "reported once");
    assert!(alerts[0].message.contains(&commitments[0].batch_id.to_string()));
    // The next commitment does not continue the forged head: refused, not sent.
    assert_eq!(chain.commits_of(&commitments[1].batch_id), 0);
}

#[tokio::test]
async fn a_batch_landed_a_million_blocks_ago_is_found_with_a_bisection_and_one_log_read() {
    let chain = FakeChain::new(2);
    let commitments = stream(4, 1);
    let tx = chain.commit_directly(commit_args(&commitments[0]));
    chain.mine(1_000_000);
    let sequencer = sequencer_with(&commitments);
    let mut anchor = anchor(&chain, &sequencer, &[]);
    anchor.cycle().await;
    let notes = notified(&sequencer);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].1.chain_tx_hash, tx);
    assert_eq!(notes[0].1.block_number, chain.block_of_tx(tx));
    let s = chain.0.lock().unwrap();
    // log2(1e6) ≈ 20 block reads for the bisection, one for the canonical check; one log read.
    assert!(s.block_reads <= 22, "{} block reads", s.block_reads);
    assert_eq!(s.log_reads, 1);
}

#[tokio::test]
async fn reads_per_cycle_do_not_grow_with_the_number_of_streams() {
    let mut calls = Vec::new();
    for streams in [10u128, 100] {
        let chain = FakeChain::new(2);
        let all: Vec<PendingCommitment> = (0..streams).flat_map(|t| stream(100 + t, 2)).collect();
        let sequencer = sequencer_with(&all);
        // A standby only reads: the calls of one cycle's view.
        let mut anchor = anchor(&chain, &sequencer, &["--standby"]);
        anchor.cycle().await;
        calls.push(chain.rpc_calls());
    }
    assert_eq!(calls[0], calls[1], "{calls:?}");
    assert_eq!(calls[0], 5, "latest, safe, commitments, roots, sequences");
}

#[tokio::test(start_paused = true)]
async fn a_standby_takes_over_when_a_commitment_stays_actionable() {
    let chain = FakeChain::new(1);
    let commitments = stream(5, 2);
    let sequencer = sequencer_with(&commitments);
    let mut standby = anchor(&chain, &sequencer, &["--standby", "--takeover-after-secs", "10"]);
    assert_eq!(standby.role(), Role::Standby);
    for _ in 0..3 {
        standby.cycle().await;
        tokio::time::advance(Duration::from_secs(4)).await;
        assert_eq!(chain.commits_of(&commitments[0].batch_id), 0, "a standby sent");
    }
    // 12 s after the commitments became actionable: takeover, and the same cycle's successor sends.
    standby.cycle().await;
    assert_eq!(standby.role(), Role::Active);
    assert_eq!(standby.health.lock().takeovers, 1);
    standby.cycle().await;
    assert_eq!(chain.commits_of(&commitments[0].batch_id), 1);
}

#[tokio::test(start_paused = true)]
async fn a_standby_does_not_take_over_from_an_active_instance_that_keeps_up() {
    let chain = FakeChain::new(1);
    let commitments = stream(6, 4);
    let sequencer = FakeSequencer::default();
    let mut active = anchor(&chain, &sequencer, &[]);
    let mut standby = anchor(&chain, &sequencer, &["--standby", "--takeover-after-secs", "10"]);
    for c in &commitments {
        sequencer.0.lock().unwrap().pending.push(c.clone());
        for _ in 0..3 {
            standby.cycle().await;
            active.cycle().await;
            chain.mine(1);
            tokio::time::advance(Duration::from_secs(3)).await;
        }
    }
    assert_eq!(standby.role(), Role::Standby);
    assert_eq!(notified(&sequencer).len(), 4);
}

#[tokio::test]
async fn a_new_streams_later_commitments_wait_until_its_first_is_final() {
    let chain = FakeChain::new(3);
    let commitments = stream(9, 2);
    let sequencer = sequencer_with(&commitments[..1]);
    let mut anchor = anchor(&chain, &sequencer, &[]);
    anchor.cycle().await;
    assert_eq!(chain.commits_of(&commitments[0].batch_id), 1);
    // The second commitment arrives while the first is landed but not final: not sent, so a
    // reorg of the first's block cannot leave the second as the stream's first batch.
    sequencer.0.lock().unwrap().pending.push(commitments[1].clone());
    for _ in 0..2 {
        chain.mine(1);
        anchor.cycle().await;
        assert_eq!(chain.commits_of(&commitments[1].batch_id), 0);
    }
    chain.mine(1);
    anchor.cycle().await;
    assert_eq!(chain.commits_of(&commitments[1].batch_id), 1);
}

#[tokio::test]
async fn a_new_stream_pending_whole_sends_its_first_commitment_alone() {
    // All three pending at once, room for all in one transaction: only the first is sent, so no
    // later nonce of ours carries the stream's later commitments before its first is final (a
    // lost publish or a reorg of the first would let such a transaction found the stream).
    let chain = FakeChain::new(3);
    let commitments = stream(11, 3);
    let sequencer = sequencer_with(&commitments);
    let mut anchor = anchor(&chain, &sequencer, &["--max-commitments-per-tx", "8"]);
    anchor.cycle().await;
    assert_eq!(chain.commits_of(&commitments[0].batch_id), 1);
    assert_eq!(chain.commits_of(&commitments[1].batch_id), 0);
    assert_eq!(chain.commits_of(&commitments[2].batch_id), 0);
    for _ in 0..3 {
        chain.mine(1);
        anchor.cycle().await;
    }
    // Once the first is final, the rest go together.
    assert_eq!(chain.commits_of(&commitments[1].batch_id), 1);
    assert_eq!(chain.commits_of(&commitments[2].batch_id), 1);
}

#[tokio::test]
async fn a_fee_over_the_cap_is_a_skip_not_a_failure() {
    let chain = FakeChain::new(1);
    chain.0.lock().unwrap().fee_cap = true;
    let commitments = stream(7, 1);
    let sequencer = sequencer_with(&commitments);
    let mut anchor = anchor(&chain, &sequencer, &[]);
    let outcome = anchor.cycle().await;
    assert!(outcome.fee_cap_skip && !outcome.failed, "{outcome:?}");
    assert_eq!(anchor.health.lock().gas_price_skips, 1);
    assert_eq!(anchor.tracker().get(&commitments[0].batch_id).unwrap().stage, Stage::Pending);
}

#[tokio::test]
async fn unsafe_finality_notifies_after_n_confirmations() {
    let chain = FakeChain::new(100);
    let commitments = stream(8, 1);
    let sequencer = sequencer_with(&commitments);
    let mut anchor = anchor(&chain, &sequencer, &["--finality", "unsafe", "--confirmations", "3"]);
    anchor.cycle().await;
    chain.mine(1);
    anchor.cycle().await;
    assert!(notified(&sequencer).is_empty());
    chain.mine(1);
    anchor.cycle().await;
    assert_eq!(notified(&sequencer).len(), 1);
}

#[tokio::test]
async fn a_shutdown_ends_the_back_off_of_an_unreachable_sequencer() {
    #[derive(Debug, Clone)]
    struct Down;
    impl SequencerApi for Down {
        async fn pending_page(&self, _: u32) -> Result<Vec<PendingCommitment>, SequencerClientError> {
            Err(SequencerClientError::Transport("down".into()))
        }
        async fn notify(&self, _: &Uuid, _: &AnchorNotification) -> Result<AnchoredOutcome, SequencerClientError> {
            Err(SequencerClientError::Transport("down".into()))
        }
    }
    let settings = settings(&["--max-retries", "5", "--retry-delay-secs", "30"]);
    let health = HealthState::new(settings.interval());
    let token = CancellationToken::new();
    let mut anchor = Anchor::new(settings, FakeChain::new(1), Down, health).with_shutdown(token.clone());
    token.cancel();
    let started = std::time::Instant::now();
    let outcome =
        tokio::time::timeout(Duration::from_secs(5), anchor.cycle()).await.expect("back-off ignored shutdown");
    assert!(outcome.failed);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_failing_proof_capture_never_holds_a_notification_and_is_given_up_after_bounded_retries() {
    let dir = std::env::temp_dir().join(format!("set-anchor-proofs-{}", Uuid::new_v4()));
    let chain = FakeChain::new(0);
    let commitments = established_stream(&chain, 7, 3);
    let sequencer = sequencer_with(&commitments);
    let mut anchor = anchor(&chain, &sequencer, &["--proof-dir", dir.to_str().unwrap()]);
    anchor.cycle().await;
    chain.mine(1);
    let outcome = anchor.cycle().await;
    // Notified in the cycle whose capture failed.
    assert_eq!(notified(&sequencer).len(), 3, "{outcome:?}");
    assert_eq!(anchor.health.lock().proof_capture_backlog, 3);
    for _ in 0..10 {
        chain.mine(1);
        anchor.cycle().await;
    }
    let stats = anchor.health.lock().clone();
    let codes: Vec<&str> = stats.recent_errors.iter().map(|e| e.error_code.as_str()).collect();
    let count = |code: &str| codes.iter().filter(|c| **c == code).count();
    assert_eq!(count("PROOF_CAPTURE_FAILED"), 3 * (crate::proofs::MAX_CAPTURE_ATTEMPTS as usize - 1));
    assert_eq!(count("PROOF_CAPTURE_ABANDONED"), 3);
    assert_eq!(stats.proof_capture_failures, 3 * u64::from(crate::proofs::MAX_CAPTURE_ATTEMPTS));
    assert_eq!((stats.proof_capture_backlog, stats.proofs_captured), (0, 0));
    // One block read per attempt (all three commitments at once), then nothing more.
    assert_eq!(chain.0.lock().unwrap().proof_reads, u64::from(crate::proofs::MAX_CAPTURE_ATTEMPTS));
    assert!(stats.recent_errors.iter().all(|e| e.error_code != "PROOF_CAPTURE_FAILED" || e.is_retryable));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn without_a_proof_dir_nothing_is_captured() {
    let chain = FakeChain::new(0);
    let sequencer = sequencer_with(&stream(8, 2));
    let mut anchor = anchor(&chain, &sequencer, &[]);
    for _ in 0..3 {
        anchor.cycle().await;
        chain.mine(1);
    }
    assert_eq!(notified(&sequencer).len(), 2);
    assert_eq!(chain.0.lock().unwrap().proof_reads, 0);
}

#[tokio::test]
async fn a_proof_already_on_disk_is_not_captured_again() {
    let dir = std::env::temp_dir().join(format!("set-anchor-proofs-{}", Uuid::new_v4()));
    let chain = FakeChain::new(0);
    let commitments = established_stream(&chain, 9, 2);
    let store = crate::proofs::ProofStore::new(&dir);
    store.create().unwrap();
    store.write(&commitments[0].batch_id, &serde_json::json!({"kept": true})).unwrap();
    let sequencer = sequencer_with(&commitments);
    let mut anchor = anchor(&chain, &sequencer, &["--proof-dir", dir.to_str().unwrap()]);
    anchor.cycle().await;
    chain.mine(1);
    anchor.cycle().await;
    assert_eq!(notified(&sequencer).len(), 2);
    // Only the second one was tried (one failed attempt), the first one's file is untouched.
    assert_eq!(anchor.health.lock().proof_capture_failures, 1);
    assert_eq!(std::fs::read(store.path(&commitments[0].batch_id)).unwrap(), br#"{"kept":true}"#);
    let _ = std::fs::remove_dir_all(&dir);
}
