//! `make bench-audit`: the stream audit's throughput (`set_core::audit::audit_stream`).
//!
//! One stream of 100,000 events in 1,000 commitments of 100 (by default), built
//! deterministically here and signed with the repository's test agent seed (`set-vectors`),
//! committed by `commit_batch` as the sequencer does, with the matching `BatchCommitted` logs
//! and registry head, so the audit finds nothing (asserted). Timed, each the median of
//! `--repeat` runs:
//!
//! - **limit**: the hashing an audit of the events cannot avoid, done directly with core's
//!   functions: per event the payload hash (JCS + SHA-256), the signing hash and the leaf, then
//!   each commitment's tree (`MerkleTree::build`);
//! - **audit**: `audit_stream` with the export and no agent key (the same hashing plus the
//!   history checks, the lookups and the report), as a share of the limit (target ≥ 50 %);
//! - **audit + signatures**: the same with the agent's key pinned (one Ed25519 verification per
//!   event on top), for information;
//! - **2 threads**: several streams (4 of 25,000 events by default) audited one after the other
//!   on one thread, then split over 2 threads; the speed-up is the ratio of the wall times.
//!
//! Single-thread figures are this thread's CPU time (the machine is shared; wall time where
//! `/proc/thread-self/schedstat` is missing); the 2-thread comparison is wall time (CPU time
//! would add the threads up). Not a test: throughput is reported, never asserted.

use std::time::Instant;

use serde_json::json;
use set_core::audit::{audit_stream, AgentKey, AuditInput, AuditReport, SequencedEvent};
use set_core::encoding::B256;
use set_core::ids::uuid_to_bytes32;
use set_core::merkle::{MerkleTree, Scheme};
use set_core::registry::{BatchCommittedLog, TenantStoreSummary};
use set_core::sequencer::VesCommitment;
use set_core::ves::{self, VesEvent};
// RFC 8032 test key 1, as in every vector of the repository.
use set_vectors::{thread_cpu_seconds, AGENT_SEED};
use uuid::Uuid;

struct Options {
    events: u64,
    per_commitment: u64,
    streams: u64,
    stream_events: u64,
    repeat: usize,
}

fn options() -> Result<Options, String> {
    let mut options = Options { events: 100_000, per_commitment: 100, streams: 4, stream_events: 25_000, repeat: 5 };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
        let number = value.parse::<u64>().map_err(|_| format!("{arg}: a number"))?;
        match arg.as_str() {
            "--events" => options.events = number,
            "--per-commitment" => options.per_commitment = number,
            "--streams" => options.streams = number,
            "--stream-events" => options.stream_events = number,
            "--repeat" => options.repeat = usize::try_from(number).map_err(|_| "--repeat: too large")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if options.per_commitment == 0 || options.repeat == 0 {
        return Err("--per-commitment and --repeat must be at least 1".into());
    }
    Ok(options)
}

/// One stream's inputs, as `set-client` would gather them.
struct Stream {
    tenant: Uuid,
    store: Uuid,
    events: Vec<SequencedEvent>,
    sequencer: Vec<VesCommitment>,
    onchain: Vec<BatchCommittedLog>,
    head: TenantStoreSummary,
}

fn order(tenant: Uuid, store: Uuid, agent: Uuid, n: u64) -> VesEvent {
    let payload = json!({
        "order_id": format!("ORD-{n:06}"),
        "lines": [{"sku": format!("SKU-{}", n % 97), "qty": 1 + n % 5, "unit_cents": 250 + n % 1000}],
        "currency": "USD",
        "total_cents": (1 + n % 5) * (250 + n % 1000),
    });
    let mut event = VesEvent {
        ves_version: 1,
        tenant_id: tenant,
        store_id: store,
        event_id: Uuid::from_u128(0xe000_0000_0000_0000 + u128::from(n)),
        source_agent_id: agent,
        agent_key_id: 1,
        entity_type: "Order".into(),
        entity_id: format!("ORD-{n:06}"),
        event_type: "order.created".into(),
        created_at: "2026-12-07T00:00:00Z".into(),
        payload_kind: 0,
        payload: Some(payload),
        payload_plain_hash: B256::ZERO,
        payload_cipher_hash: B256::ZERO,
        agent_signature: [0; 64],
        agent_signature_scheme: None,
        agent_signature_bundle: None,
    };
    event.sign(&AGENT_SEED).expect("sign");
    event
}

fn stream(index: u64, events: u64, per_commitment: u64) -> Stream {
    let (tenant, store) = (Uuid::from_u128(0x7e4a47), Uuid::from_u128(0x5701e + u128::from(index)));
    let agent = Uuid::from_u128(0xa9e47);
    let events: Vec<SequencedEvent> =
        (1..=events).map(|n| SequencedEvent { sequence_number: n, event: order(tenant, store, agent, n) }).collect();
    let (mut sequencer, mut onchain) = (Vec::new(), Vec::new());
    let mut prev = B256::ZERO;
    for (i, chunk) in events.chunks(per_commitment as usize).enumerate() {
        let start = chunk[0].sequence_number;
        let leaves: Vec<B256> = chunk.iter().map(|e| e.event.leaf_hash(e.sequence_number).expect("leaf")).collect();
        let batch = ves::commit_batch(&tenant, &store, &prev, start, &leaves).expect("batch");
        let batch_id = Uuid::from_u128(0xb000_0000 + i as u128);
        let tx = uuid_to_bytes32(&Uuid::from_u128(0x7a000 + i as u128));
        sequencer.push(VesCommitment {
            batch_id,
            tenant_id: tenant,
            store_id: store,
            ves_version: 1,
            tree_depth: batch.tree.depth() as u32,
            leaf_count: chunk.len() as u64,
            padded_leaf_count: batch.tree.padded_leaf_count() as u64,
            merkle_root: batch.merkle_root,
            prev_state_root: prev,
            new_state_root: batch.new_state_root,
            sequence_start: start,
            sequence_end: batch.sequence_end,
            committed_at: "2026-12-07T00:00:00Z".into(),
            chain_id: Some(84_532_001),
            chain_tx_hash: Some(tx),
            chain_block_number: Some(100 + i as u64),
            anchored_at: Some("2026-12-07T00:00:02Z".into()),
            is_anchored: Some(true),
        });
        onchain.push(BatchCommittedLog {
            batch_id: uuid_to_bytes32(&batch_id),
            events_root: batch.merkle_root,
            new_state_root: batch.new_state_root,
            sequence_start: start,
            sequence_end: batch.sequence_end,
            event_count: batch.leaf_count,
            block_number: 100 + i as u64,
            block_hash: B256::repeat_byte(0xb1),
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
    Stream { tenant, store, events, sequencer, onchain, head }
}

fn audit(stream: &Stream, keys: &[AgentKey]) -> AuditReport {
    let input = AuditInput {
        tenant_id: stream.tenant,
        store_id: stream.store,
        onchain: &stream.onchain,
        head: Some(&stream.head),
        sequencer: &stream.sequencer,
        events: Some(&stream.events),
        agent_keys: keys,
    };
    let report = audit_stream(&input).expect("audit");
    assert!(report.ok(), "{}", report.to_table());
    report
}

/// The hashing an audit of the events cannot avoid, directly with core's functions; the roots,
/// so the work is not optimised away.
fn hashing_limit(stream: &Stream, per_commitment: usize) -> Vec<B256> {
    let mut leaves = Vec::with_capacity(per_commitment);
    let mut roots = Vec::new();
    for chunk in stream.events.chunks(per_commitment) {
        leaves.clear();
        for item in chunk {
            let event = &item.event;
            let payload = event.payload.as_ref().expect("payload");
            let payload_hash = ves::payload_plain_hash(payload).expect("payload hash");
            assert_eq!(payload_hash, event.payload_plain_hash);
            let signing_hash = event.signing_hash().expect("signing hash");
            leaves.push(ves::leaf_hash(
                &event.tenant_id,
                &event.store_id,
                item.sequence_number,
                &signing_hash,
                &event.agent_signature,
            ));
        }
        roots.push(MerkleTree::build(Scheme::VesSha256V1, &leaves).expect("tree").root());
    }
    roots
}

/// The median over `repeat` runs of `work`, in this thread's CPU seconds (or wall seconds).
fn median_cpu<T>(repeat: usize, mut work: impl FnMut() -> T) -> (f64, &'static str) {
    let mut times = Vec::with_capacity(repeat);
    let mut clock = "CPU";
    for _ in 0..repeat {
        let (cpu, wall) = (thread_cpu_seconds(), Instant::now());
        std::hint::black_box(work());
        times.push(match (cpu, thread_cpu_seconds()) {
            (Some(before), Some(after)) => after - before,
            _ => {
                clock = "wall";
                wall.elapsed().as_secs_f64()
            }
        });
    }
    (median(times), clock)
}

fn median_wall(repeat: usize, mut work: impl FnMut()) -> f64 {
    let times = (0..repeat)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed().as_secs_f64()
        })
        .collect();
    median(times)
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let options = options().unwrap_or_else(|err| {
        eprintln!("bench-audit: {err}\nusage: set-bench-audit [--events N] [--per-commitment N] [--streams N] [--stream-events N] [--repeat N]");
        std::process::exit(2);
    });
    let per_commitment = options.per_commitment as usize;
    let built = Instant::now();
    let one = stream(0, options.events, options.per_commitment);
    let keys = [AgentKey { ed25519: Some(ves::signing::public_key(&AGENT_SEED)), ..AgentKey::default() }];
    println!(
        "stream audit: {} events in {} commitments of {} (built and signed in {:.1} s), median of {} runs",
        options.events,
        one.onchain.len(),
        options.per_commitment,
        built.elapsed().as_secs_f64(),
        options.repeat
    );
    let roots = hashing_limit(&one, per_commitment);
    assert!(roots.iter().zip(&one.onchain).all(|(root, log)| *root == log.events_root));
    let events = options.events as f64;
    let (limit, clock) = median_cpu(options.repeat, || hashing_limit(&one, per_commitment));
    let (plain, _) = median_cpu(options.repeat, || audit(&one, &[]));
    let report = audit(&one, &keys);
    assert_eq!(report.summary.agent_signatures_checked as u64, options.events);
    let (signed, _) = median_cpu(options.repeat.min(3), || audit(&one, &keys));
    println!();
    println!("| one stream, 1 thread ({clock} time) | seconds | events/s | share of the limit |");
    println!("|---|---:|---:|---:|");
    println!(
        "| hashing limit (payload hash + signing hash + leaf + tree, by hand) | {limit:.3} | {:.0} | 100 % |",
        events / limit
    );
    println!(
        "| `audit_stream`, export, no agent key | {plain:.3} | {:.0} | {:.0} % |",
        events / plain,
        100.0 * limit / plain
    );
    println!(
        "| `audit_stream`, export + Ed25519 agent key | {signed:.3} | {:.0} | {:.0} % |",
        events / signed,
        100.0 * limit / signed
    );
    drop(one);

    let streams: Vec<Stream> =
        (1..=options.streams).map(|i| stream(i, options.stream_events, options.per_commitment)).collect();
    let sequential = median_wall(options.repeat, || {
        for stream in &streams {
            audit(stream, &[]);
        }
    });
    let parallel = median_wall(options.repeat, || {
        let (left, right) = streams.split_at(streams.len().div_ceil(2));
        std::thread::scope(|scope| {
            let other = scope.spawn(|| right.iter().for_each(|stream| drop(audit(stream, &[]))));
            left.iter().for_each(|stream| drop(audit(stream, &[])));
            other.join().expect("thread");
        });
    });
    let total = (options.streams * options.stream_events) as f64;
    println!();
    println!(
        "| {} streams of {} events, no agent key (wall time) | seconds | events/s | speed-up |",
        options.streams, options.stream_events
    );
    println!("|---|---:|---:|---:|");
    println!("| 1 thread, one stream after the other | {sequential:.3} | {:.0} | 1.00 |", total / sequential);
    println!(
        "| 2 threads, half the streams each | {parallel:.3} | {:.0} | {:.2} |",
        total / parallel,
        sequential / parallel
    );
}
