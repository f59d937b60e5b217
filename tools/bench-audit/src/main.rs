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
use set_core::audit::fixture::CleanStream;
use set_core::audit::{audit_stream, AgentKey, AuditInput, AuditReport};
use set_core::encoding::B256;
use set_core::merkle::{MerkleTree, Scheme};
use set_core::ves;
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

/// Stream `index` (its own store) of `events` orders, committed in runs of `per_commitment`,
/// every commitment anchored.
fn stream(index: u64, events: u64, per_commitment: u64) -> CleanStream {
    let (tenant, store) = (Uuid::from_u128(0x7e4a47), Uuid::from_u128(0x5701e + u128::from(index)));
    let agent = Uuid::from_u128(0xa9e47);
    let sizes = vec![per_commitment; events.div_ceil(per_commitment) as usize];
    CleanStream::build(tenant, store, agent, &AGENT_SEED, &sizes, |n| {
        json!({
            "order_id": format!("ORD-{n:06}"),
            "lines": [{"sku": format!("SKU-{}", n % 97), "qty": 1 + n % 5, "unit_cents": 250 + n % 1000}],
            "currency": "USD",
            "total_cents": (1 + n % 5) * (250 + n % 1000),
        })
    })
    .expect("a clean stream")
}

fn audit(stream: &CleanStream, keys: &[AgentKey]) -> AuditReport {
    let report = audit_stream(&AuditInput { agent_keys: keys, ..stream.input() }).expect("audit");
    assert!(report.ok(), "{}", report.to_table());
    report
}

/// The hashing an audit of the events cannot avoid, directly with core's functions; the roots,
/// so the work is not optimised away.
fn hashing_limit(stream: &CleanStream, per_commitment: usize) -> Vec<B256> {
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

    let streams: Vec<CleanStream> =
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
