//! The store on its own: writes, reads, and everything still there after reopening the file.

use super::*;
use set_core::ves::validate::{parse_ingest_request, ReceivedIngest};

struct TempDb(std::path::PathBuf);

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

fn temp_db() -> TempDb {
    TempDb(std::env::temp_dir().join(format!("set-dev-sequencer-store-{}.db", Uuid::new_v4())))
}

fn captured_request() -> ReceivedIngest {
    let capture: serde_json::Value =
        serde_json::from_str(include_str!("../../../../tests/captured/stateset-sequencer-0.2.7-exchanges.json"))
            .expect("capture");
    let exchange =
        capture["exchanges"].as_array().into_iter().flatten().find(|e| e["name"] == "ingest 3 signed events");
    parse_ingest_request(&exchange.expect("exchange")["request"].to_string()).expect("request")
}

fn job(request: &ReceivedIngest, checks: Vec<Result<(), Rejection>>) -> IngestJob {
    let first = &request.events[0].event;
    IngestJob {
        tenant_id: first.tenant_id,
        store_id: first.store_id,
        events: request.events.clone(),
        checks,
        signer: ReceiptSigner { seed: [5; 32], sequencer_id: Uuid::from_u128(7) },
    }
}

fn commitment_request(request: &ReceivedIngest, start: u64, end: u64) -> CommitmentRequest {
    let first = &request.events[0].event;
    CommitmentRequest { tenant_id: first.tenant_id, store_id: first.store_id, sequence_start: start, sequence_end: end }
}

#[tokio::test]
async fn everything_written_is_read_back_after_reopening() {
    let db = temp_db();
    let request = captured_request();
    let (tenant, agent) = (request.events[0].event.tenant_id, request.agent_id);
    let key = AgentKey {
        public_key: [9; 32],
        valid_from: Some(Timestamp::from_unix(1, 2)),
        valid_to: Some(Timestamp::from_unix(-3, 999_999_999)),
    };
    let (first, batch_id, tx_hash) = {
        let store = Store::open(&db.0).expect("open");
        assert!(store.register_key(tenant, agent, 1, key.clone()).await.expect("register"));
        assert!(!store
            .register_key(tenant, agent, 1, AgentKey { public_key: [1; 32], ..key.clone() })
            .await
            .expect("again"));
        // The third event's check failed: two are sequenced.
        let refused = Err(set_core::ves::validate::Rejection::InvalidPayloadHash);
        let first = store.ingest(job(&request, vec![Ok(()), Ok(()), refused])).await.expect("ingest");
        assert_eq!(
            (first.events_accepted, first.sequence_start, first.sequence_end, first.head_sequence),
            (2, Some(1), Some(2), 2)
        );
        assert_eq!(first.rejections.len(), 1);
        let commitment =
            store.commit(commitment_request(&request, 1, 2), Utc::now()).await.expect("commit").expect("created");
        let mark = AnchorMark {
            chain_tx_hash: B256::repeat_byte(0xab),
            chain_id: 84_532_001,
            block_number: Some(12),
            at: Utc::now(),
        };
        assert_eq!(store.mark_anchored(commitment.batch_id, mark).await.expect("mark"), Anchoring::Anchored);
        (first, commitment.batch_id, mark.chain_tx_hash)
    };
    // Reopened: the key, the events and their receipts, the head, the commitment and its mark.
    let store = Store::open(&db.0).expect("reopen");
    let keys = store.agent_keys(tenant, vec![(agent, 1), (agent, 2)]).await.expect("keys");
    assert_eq!((keys.len(), keys.get(&(agent, 1))), (1, Some(&key)));
    let replay = store.ingest(job(&request, vec![Ok(()); 3])).await.expect("replay and the third");
    assert_eq!((replay.events_accepted, replay.sequence_start, replay.head_sequence), (1, Some(3), 3));
    for (before, after) in first.receipts.iter().zip(&replay.receipts) {
        assert_eq!(
            (before.sequence_number, before.receipt_hash, before.sequencer_signature),
            (after.sequence_number, after.receipt_hash, after.sequencer_signature)
        );
        // Stored to the microsecond: a prefix of the first answer's time, same offset.
        let (full, stored) = (&before.sequenced_at, &after.sequenced_at);
        assert!(full.starts_with(stored.trim_end_matches("+00:00").trim_end_matches('0')), "{full} / {stored}");
    }
    let stored = store.commitment(batch_id).await.expect("read").expect("kept");
    assert_eq!(
        (stored.chain_tx_hash, stored.chain_id, stored.chain_block_number),
        (Some(tx_hash), Some(84_532_001), Some(12))
    );
    assert!(stored.anchored_at.is_some());
    assert_eq!(store.pending(10).await.expect("pending").len(), 0);
    let again = AnchorMark { chain_tx_hash: B256::repeat_byte(0xcd), chain_id: 1, block_number: None, at: Utc::now() };
    assert_eq!(
        store.mark_anchored(batch_id, again).await.expect("mark"),
        Anchoring::AlreadyAnchored { same_hash: false }
    );
    assert_eq!(store.mark_anchored(Uuid::nil(), again).await.expect("mark"), Anchoring::NotFound);
    // The next commitment chains from the stored one.
    let next = store.commit(commitment_request(&request, 3, 3), Utc::now()).await.expect("commit").expect("created");
    assert_eq!(next.prev_state_root, stored.new_state_root);
    assert_eq!(store.leaves(next.tenant_id, next.store_id, 1, 3).await.expect("leaves").len(), 3);
}

#[tokio::test]
async fn pending_is_oldest_first_across_streams_and_put_commitment_overwrites() {
    let db = temp_db();
    let store = Store::open(&db.0).expect("open");
    let request = captured_request();
    store.ingest(job(&request, vec![Ok(()); 3])).await.expect("ingest");
    let t0 = Utc::now();
    let a = store.commit(commitment_request(&request, 1, 1), t0).await.expect("commit").expect("a");
    // Later in time but shorter text (fewer fraction digits): the order is by time.
    let t1 = (t0 + chrono::Duration::seconds(1)).trunc_subsecs(0);
    let b = store.commit(commitment_request(&request, 2, 3), t1).await.expect("commit").expect("b");
    let pending = store.pending(10).await.expect("pending");
    assert_eq!(pending.iter().map(|c| c.batch_id).collect::<Vec<_>>(), vec![a.batch_id, b.batch_id]);
    assert_eq!(store.pending(1).await.expect("pending").len(), 1);
    let mut tampered = b.clone();
    tampered.new_state_root = B256::repeat_byte(0x11);
    store.put_commitment(tampered).await.expect("put");
    let read = store.commitment(b.batch_id).await.expect("read").expect("there");
    assert_eq!(read.new_state_root, B256::repeat_byte(0x11));
    assert_eq!(store.unanchored(b.tenant_id, b.store_id).await.expect("list").len(), 2);
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_refused() {
    let db = temp_db();
    std::fs::write(&db.0, b"{\"streams\": {}, \"commitments\": []}").expect("write");
    let err = Store::open(&db.0).err().expect("refused");
    assert!(err.to_string().starts_with(&format!("store {}", db.0.display())), "{err}");
}
