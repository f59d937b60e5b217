//! The pure parts of proof capture, and [`capture`] against the real anvil answers of
//! tests/captured/anvil-anchor-proof.json (made by devnet/l1's `capture-anchor-proof`).

use std::sync::atomic::{AtomicU64, Ordering};

use alloy::primitives::B256;
use serde_json::Value;
use set_core::anchor_proof::AnchorProof;
use set_core::receipt::ReceiptBundle;

use super::*;

fn captured() -> Value {
    serde_json::from_str(include_str!("../../../tests/captured/anvil-anchor-proof.json")).unwrap()
}

/// The commitment the capture committed: the bundle of the conformance case it names.
fn commitment() -> BundleCommitment {
    let case: Value =
        serde_json::from_str(include_str!("../../../tests/conformance/cases/valid-anchored.json")).unwrap();
    ReceiptBundle::from_value(case["bundle"].clone()).unwrap().commitment
}

fn registry() -> Address {
    captured()["l2"]["registry"].as_str().unwrap().parse().unwrap()
}

fn temp_store() -> ProofStore {
    let store = ProofStore::new(std::env::temp_dir().join(format!("set-anchor-proofs-{}", Uuid::new_v4())));
    store.create().unwrap();
    store
}

/// A node that answers with the captured block and `eth_getProof` (whatever is asked), or fails.
#[derive(Default)]
struct Recorded {
    fail: bool,
    block_reads: AtomicU64,
    proof_reads: AtomicU64,
}

impl ProofRead for Recorded {
    async fn block_json(&self, _: u64) -> Result<Value, ChainError> {
        self.block_reads.fetch_add(1, Ordering::Relaxed);
        if self.fail {
            return Err(ChainError::Rpc("connection refused".into()));
        }
        Ok(captured()["at_output"]["eth_getBlockByNumber"].clone())
    }

    async fn registry_proof_json(&self, _: &[B256], _: u64) -> Result<Value, ChainError> {
        self.proof_reads.fetch_add(1, Ordering::Relaxed);
        Ok(captured()["at_output"]["eth_getProof"].clone())
    }
}

#[test]
fn batch_ids_are_hyphenated_uuids_and_nothing_else() {
    let id = Uuid::from_u128(0xba7c_00a1);
    assert_eq!(parse_batch_id(&id.hyphenated().to_string()), Some(id));
    assert_eq!(parse_batch_id(&id.hyphenated().to_string().to_uppercase()), Some(id));
    for bad in [
        "",
        "../../etc/passwd",
        "00000000000000000000000000ba7c00a1",
        &id.simple().to_string(),
        &id.braced().to_string(),
        &id.urn().to_string(),
        &format!("{}x", id.hyphenated()),
        "0000000g-0000-0000-0000-0000ba7c00a1",
        "00000000-0000-0000-0000-0000ba7c00a1.json",
    ] {
        assert_eq!(parse_batch_id(bad), None, "{bad}");
    }
}

#[tokio::test]
async fn the_store_writes_atomically_and_reads_back_what_it_wrote() {
    let store = temp_store();
    let id = Uuid::new_v4();
    assert!(!store.contains(&id));
    assert_eq!(store.read(&id).await.unwrap(), None);
    store.write(&id, &serde_json::json!({"a": 1})).unwrap();
    store.write(&id, &serde_json::json!({"a": 2})).unwrap();
    assert!(store.contains(&id));
    assert_eq!(store.read(&id).await.unwrap().unwrap(), br#"{"a":2}"#);
    assert_eq!(store.path(&id).file_name().unwrap().to_str().unwrap(), format!("{}.json", id.hyphenated()));
    // Only the final file is left: the temporary one was renamed.
    let names: Vec<_> = std::fs::read_dir(store.dir()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // A directory that is gone: an error, no file.
    let gone = ProofStore::new(store.dir().join("missing"));
    assert!(gone.write(&id, &serde_json::json!({})).is_err());
    assert!(!gone.contains(&id));
    std::fs::remove_dir_all(store.dir()).unwrap();
}

#[test]
fn the_queue_retries_a_bounded_number_of_times_then_gives_up_for_good() {
    let mut queue = CaptureQueue::default();
    let (a, mut b) = (commitment(), commitment());
    b.batch_id = Uuid::from_u128(1);
    queue.offer(a.clone());
    queue.offer(a.clone());
    queue.offer(b.clone());
    assert_eq!(queue.len(), 2);
    assert_eq!(queue.due(1).len(), 1);
    for failures in 1..MAX_CAPTURE_ATTEMPTS {
        assert_eq!(queue.failed(&a.batch_id), AfterFailure::Retry { failures });
        // Offered again (still pending at the sequencer): the count is kept.
        queue.offer(a.clone());
    }
    assert_eq!(queue.failed(&a.batch_id), AfterFailure::Abandoned);
    queue.offer(a.clone());
    assert_eq!(queue.due(10), vec![b.clone()]);
    queue.captured(&b.batch_id);
    assert!(queue.is_empty());
}

#[tokio::test]
async fn a_captured_proof_is_the_cores_proof_and_holds_the_commitment() {
    let store = temp_store();
    let node = Recorded::default();
    let c = commitment();
    let results = capture(&node, &store, registry(), 7, std::slice::from_ref(&c)).await;
    assert!(matches!(results.as_slice(), [(id, Ok(()))] if *id == c.batch_id), "{results:?}");
    let text = store.read(&c.batch_id).await.unwrap().unwrap();
    let proof = AnchorProof::from_json(std::str::from_utf8(&text).unwrap()).unwrap();
    let at = &captured()["at_output"];
    let expected =
        build_anchor_proof(&at["eth_getBlockByNumber"], &at["eth_getProof"], registry(), &c.batch_id).unwrap();
    assert_eq!(proof, expected);
    assert_eq!(serde_json::from_slice::<Value>(&text).unwrap(), expected.to_value());
    verify_storage(&proof, &c, registry()).unwrap();
    std::fs::remove_dir_all(store.dir()).unwrap();
}

#[tokio::test]
async fn a_proof_that_does_not_hold_the_commitment_is_never_kept() {
    let store = temp_store();
    let node = Recorded::default();
    // Another batch: the answer has no proof of its slots.
    let mut other = commitment();
    other.batch_id = Uuid::from_u128(0xba7c_00a2);
    // The right batch with other roots (what the sequencer lists differs from the chain).
    let mut forged = commitment();
    forged.new_state_root = B256::repeat_byte(1);
    // At another registry.
    let results = capture(&node, &store, Address::repeat_byte(2), 7, &[commitment()]).await;
    assert!(matches!(&results[0].1, Err(CaptureError::Proof(e)) if e.code() == "INVALID_RPC_ANSWER"), "{results:?}");
    let results = capture(&node, &store, registry(), 7, &[other.clone(), forged.clone()]).await;
    for (result, code) in results.iter().zip(["INVALID_RPC_ANSWER", "PROOF_COMMITMENT_MISMATCH"]) {
        match &result.1 {
            Err(err @ CaptureError::Proof(proof)) => {
                assert_eq!(proof.code(), code, "{err}");
                assert_eq!(err.category(), "internal");
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(!store.contains(&other.batch_id) && !store.contains(&forged.batch_id));
    assert_eq!(std::fs::read_dir(store.dir()).unwrap().count(), 0);
    std::fs::remove_dir_all(store.dir()).unwrap();
}

#[tokio::test]
async fn one_block_read_per_capture_and_one_get_proof_per_sixteen_commitments() {
    let store = temp_store();
    let node = Recorded::default();
    let many: Vec<BundleCommitment> = (0..COMMITMENTS_PER_GET_PROOF as u128 + 1)
        .map(|i| BundleCommitment { batch_id: Uuid::from_u128(i + 1), ..commitment() })
        .collect();
    let results = capture(&node, &store, registry(), 7, &many).await;
    assert_eq!(results.len(), many.len());
    assert_eq!((node.block_reads.load(Ordering::Relaxed), node.proof_reads.load(Ordering::Relaxed)), (1, 2));
    // A node that fails: every commitment fails as an L2 connection error, nothing written.
    let down = Recorded { fail: true, ..Recorded::default() };
    let results = capture(&down, &store, registry(), 7, &[commitment()]).await;
    assert!(matches!(&results[0].1, Err(err @ CaptureError::Rpc(_)) if err.category() == "l2_connection"));
    assert_eq!(down.proof_reads.load(Ordering::Relaxed), 0);
    assert!(!store.contains(&commitment().batch_id));
    std::fs::remove_dir_all(store.dir()).unwrap();
}

#[test]
fn a_pending_commitment_is_read_as_the_bundle_states_it() {
    let c = commitment();
    let pending = PendingCommitment {
        batch_id: c.batch_id,
        tenant_id: Uuid::nil(),
        store_id: Uuid::nil(),
        prev_state_root: c.prev_state_root,
        new_state_root: c.new_state_root,
        events_root: c.merkle_root,
        sequence_start: c.sequence_start,
        sequence_end: c.sequence_end,
        event_count: c.leaf_count,
        committed_at: String::new(),
        chain_tx_hash: None,
    };
    assert_eq!(bundle_commitment(&pending), c);
}
