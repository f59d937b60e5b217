//! `make bench-sign` (Rust part): the store agent's signing throughput. Over a fixed corpus of
//! events (2,000 by default: order events with JSON payloads of 290–530 bytes of JCS, built
//! deterministically), each event is taken from its fields to the signed event the ingest body
//! carries, in one process, two ways:
//! - **SDK**: `UnsignedEvent::new(fields)` (the sequencer's event rules, the payload's JCS hash)
//!   then `sign(&AgentSecretKey)` (the rules again, the signing hash, the signature), Ed25519 and
//!   hybrid (Ed25519 + ML-DSA-65);
//! - **by hand** (the limit): the payload canonicalised with `serde_json_canonicalizer` (the
//!   sequencer's own JCS crate), both hashes with `sha2` following the byte layout of
//!   docs/protocol.md, the signature with `ed25519-dalek` / `libcrux-ml-dsa` (the crate set-core
//!   signs with, rnd = 32 zero bytes: FIPS 204's deterministic variant) on keys expanded once, and
//!   the same `VesEvent` assembled. No rule is checked.
//!
//! Both paths' events are compared field by field (all of them, after timing): the by-hand
//! layout is only a fair limit if it signs the same bytes. A third row per scheme signs by hand
//! but expands the key from its seed per event, as `AgentSecretKey` (which holds seeds, not
//! expanded keys) does: it shows how much of the gap is the key expansion.
//!
//! It also writes the corpus to `--out` (`events.json`: the fields and payload of each event;
//! `keys.json`: the agent's test seeds and public keys; `signed.json`: the first signed events of
//! each scheme as set-core writes them; `rust.json`: its own figures) for
//! python/bench/bench_sign.py and wasm/bench/sign.mjs, which time their binding against the peer
//! library of their language on the same events. Times are this thread's CPU time (the machine is
//! shared; wall time where `/proc/thread-self/schedstat` is missing), medians of `--repeat` runs
//! (at most 3 for hybrid). The Ed25519 part also times `UnsignedEvent::new` alone against the
//! by-hand hashes alone, to tell the SDK's own work from the signature's; the hybrid part times
//! the ML-DSA-65 signature and the ML-DSA-65 key expansion alone (`rust.json` carries both, for
//! the bindings' runs to set beside their peers'), and the same two with RustCrypto `ml-dsa`
//! 0.1.2, the crate set-core used before (docs/adr/13-ml-dsa-crate.md). Not a test: throughput is reported, never
//! asserted; the outputs' equality is.

use std::fmt::Write as _;
use std::time::Instant;

use ed25519_dalek::Signer;
use libcrux_ml_dsa::ml_dsa_65::{self, MLDSA65SigningKey};
use ml_dsa::{MlDsa65, SigningKey};
use serde_json::{json, Value};
use set_core::encoding::{encode_hex, B256};
use set_core::ves::agent::{AgentSecretKey, AgentSigner, EventFields, UnsignedEvent};
use set_core::ves::{SignatureBundle, VesEvent};
use sha2::{Digest, Sha256};
// RFC 8032 test key 1 and the agent's ML-DSA-65 seed, as in every vector of the repository.
use set_vectors::{AGENT_ML_DSA_SEED, AGENT_SEED};
use uuid::Uuid;

/// How many signed events of each scheme `signed.json` carries for the bindings to compare with.
const SIGNED_SAMPLE: usize = 8;

struct Options {
    events: usize,
    hybrid_events: usize,
    repeat: usize,
    out: Option<std::path::PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut options = Options { events: 2_000, hybrid_events: 500, repeat: 5, out: None };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        let number = |text: String| text.parse::<usize>().map_err(|_| format!("{arg}: a number"));
        match arg.as_str() {
            "--events" => options.events = number(value()?)?,
            "--hybrid-events" => options.hybrid_events = number(value()?)?,
            "--repeat" => options.repeat = number(value()?)?,
            "--out" => options.out = Some(value()?.into()),
            other => {
                return Err(format!(
                    "unknown argument {other}; usage: set-bench-sign [--events N] [--hybrid-events M] [--repeat R] [--out DIR]"
                ))
            }
        }
    }
    options.hybrid_events = options.hybrid_events.min(options.events);
    Ok(options)
}

const ITEMS: [&str; 6] =
    ["Espresso beans 1 kg", "Oat milk 1 l", "Café crème capsules ×10", "Ceramic mug", "Filter papers", "Gift card"];
const TIERS: [&str; 3] = ["standard", "gold", "platinum"];
const CHANNELS: [&str; 3] = ["web", "pos", "app"];
const EVENT_TYPES: [&str; 3] = ["order.created", "order.paid", "order.shipped"];

/// Event `i` of the corpus: an order event of one to four lines, amounts as decimal strings
/// (as the protocol advises for money), one non-ASCII item name in six.
fn event_fields(i: usize) -> EventFields {
    let order = format!("ORD-2026-{:06}", 100_000 + i);
    let lines = 1 + i % 4;
    let mut total_cents = 0;
    let items: Vec<Value> = (0..lines)
        .map(|k| {
            let (qty, cents) = (1 + (i + k) % 5, 250 + (i * 37 + k * 101) % 4_000);
            total_cents += qty * cents;
            json!({
                "sku": format!("SKU-{:05}", (i * 7 + k * 13) % 10_000),
                "name": ITEMS[(i + k) % ITEMS.len()],
                "qty": qty,
                "unit_price": format!("{}.{:02}", cents / 100, cents % 100),
            })
        })
        .collect();
    let payload = json!({
        "order_id": order,
        "customer": {"id": format!("CUS-{:06}", (i * 7_919) % 1_000_000), "tier": TIERS[i % 3]},
        "channel": CHANNELS[i % 3],
        "currency": "EUR",
        "items": items,
        "total": format!("{}.{:02}", total_cents / 100, total_cents % 100),
        "tax_included": i.is_multiple_of(2),
        "shipping": {"method": "standard", "country": "DE", "postcode": format!("{:05}", 10_000 + (i * 37) % 89_999)},
    });
    EventFields {
        tenant_id: Uuid::from_u128(0xa),
        store_id: Uuid::from_u128(0x1),
        event_id: Uuid::from_u128(0xe000_0000 + i as u128),
        source_agent_id: Uuid::from_u128(0x2222),
        agent_key_id: 1,
        entity_type: "Order".into(),
        entity_id: order,
        event_type: EVENT_TYPES[i % EVENT_TYPES.len()].into(),
        created_at: format!(
            "2026-12-01T{:02}:{:02}:{:02}.{:03}Z",
            8 + (i / 3_600) % 12,
            (i / 60) % 60,
            i % 60,
            (i * 7) % 1_000
        ),
        payload,
    }
}

/// The fields as the bindings take them (snake_case keys, UUIDs as text).
fn fields_json(fields: &EventFields) -> Value {
    json!({
        "tenant_id": fields.tenant_id.to_string(),
        "store_id": fields.store_id.to_string(),
        "event_id": fields.event_id.to_string(),
        "source_agent_id": fields.source_agent_id.to_string(),
        "agent_key_id": fields.agent_key_id,
        "entity_type": fields.entity_type,
        "entity_id": fields.entity_id,
        "event_type": fields.event_type,
        "created_at": fields.created_at,
        "payload": fields.payload,
    })
}

/// The SDK path: build (rules + payload hash), then sign (rules + signing hash + signature) with
/// the key expanded per event (`sign`).
fn sdk(fields: Vec<EventFields>, key: &AgentSecretKey) -> Vec<VesEvent> {
    fields
        .into_iter()
        .map(|fields| UnsignedEvent::new(fields).and_then(|event| event.sign(key)).expect("a corpus event signs"))
        .collect()
}

/// The SDK path of an agent signing a stream: the key expanded once (`AgentSigner`), each event
/// built and signed with it (`sign_with`).
fn sdk_signer(fields: Vec<EventFields>, signer: &AgentSigner) -> Vec<VesEvent> {
    fields
        .into_iter()
        .map(|fields| {
            UnsignedEvent::new(fields).and_then(|event| event.sign_with(signer)).expect("a corpus event signs")
        })
        .collect()
}

/// The signing keys of the by-hand path.
struct HandKeys {
    ed25519: ed25519_dalek::SigningKey,
    ml_dsa_65: Option<MLDSA65SigningKey>,
}

/// FIPS 204's deterministic variant, as set-core signs: the signing randomness is 32 zero bytes.
const DETERMINISTIC: [u8; 32] = [0; 32];

impl HandKeys {
    fn from_seeds(ed25519_seed: &[u8; 32], ml_dsa_65_seed: Option<&[u8; 32]>) -> Self {
        HandKeys {
            ed25519: ed25519_dalek::SigningKey::from_bytes(ed25519_seed),
            ml_dsa_65: ml_dsa_65_seed.map(|seed| ml_dsa_65::generate_key_pair(*seed).signing_key),
        }
    }
}

/// The by-hand hashes: `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ JCS(payload))`, then
/// `SHA-256("VES_EVENTSIG_V1" ‖ u32be(1) ‖ tenant ‖ store ‖ event ‖ agent ‖ u32be(key_id) ‖
/// (u32be(len) ‖ utf8) × [entity_type, entity_id, event_type, created_at] ‖ u32be(0) ‖
/// payload_plain_hash ‖ 32 zero bytes)`.
fn hand_hashes(fields: &EventFields) -> ([u8; 32], [u8; 32]) {
    let jcs = serde_json_canonicalizer::to_string(&fields.payload).expect("a corpus payload canonicalises");
    let payload_plain_hash: [u8; 32] =
        Sha256::new().chain_update(b"VES_PAYLOAD_PLAIN_V1").chain_update(jcs.as_bytes()).finalize().into();
    let mut hasher = Sha256::new();
    hasher.update(b"VES_EVENTSIG_V1");
    hasher.update(1u32.to_be_bytes());
    for id in [&fields.tenant_id, &fields.store_id, &fields.event_id, &fields.source_agent_id] {
        hasher.update(id.as_bytes());
    }
    hasher.update(fields.agent_key_id.to_be_bytes());
    for text in [&fields.entity_type, &fields.entity_id, &fields.event_type, &fields.created_at] {
        hasher.update((text.len() as u32).to_be_bytes());
        hasher.update(text.as_bytes());
    }
    hasher.update(0u32.to_be_bytes());
    hasher.update(payload_plain_hash);
    hasher.update([0u8; 32]);
    (payload_plain_hash, hasher.finalize().into())
}

/// The by-hand path: [`hand_hashes`], the signatures, and the event laid out as the sequencer's
/// profiles expect.
fn by_hand(fields: EventFields, keys: &HandKeys) -> VesEvent {
    let (payload_plain_hash, signing_hash) = hand_hashes(&fields);
    let ed25519 = keys.ed25519.sign(&signing_hash).to_bytes();
    let ml_dsa_65 = keys.ml_dsa_65.as_ref().map(|key| {
        ml_dsa_65::sign(key, &signing_hash, &[], DETERMINISTIC).expect("an empty context").as_slice().to_vec()
    });
    let hybrid = ml_dsa_65.is_some();
    VesEvent {
        ves_version: 1,
        tenant_id: fields.tenant_id,
        store_id: fields.store_id,
        event_id: fields.event_id,
        source_agent_id: fields.source_agent_id,
        agent_key_id: fields.agent_key_id,
        entity_type: fields.entity_type,
        entity_id: fields.entity_id,
        event_type: fields.event_type,
        created_at: fields.created_at,
        payload_kind: 0,
        payload: Some(fields.payload),
        payload_plain_hash: B256::from(payload_plain_hash),
        payload_cipher_hash: B256::ZERO,
        agent_signature: ed25519,
        agent_signature_scheme: hybrid.then_some(3),
        agent_signature_bundle: hybrid
            .then_some(SignatureBundle { ed25519_signature: Some(ed25519), ml_dsa_65_signature: ml_dsa_65 }),
    }
}

/// This thread's CPU time in seconds (`/proc/thread-self/schedstat`: the machine is shared, and
/// other processes' load would otherwise count), `None` where the kernel has no such file.
fn thread_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds as f64 / 1e9)
}

/// The clock of every figure: this thread's CPU time, or wall time where that cannot be read.
#[derive(Clone, Copy)]
struct Clock {
    origin: Instant,
    cpu: bool,
}

impl Clock {
    fn new() -> Self {
        Clock { origin: Instant::now(), cpu: thread_cpu_seconds().is_some() }
    }

    fn seconds(self) -> f64 {
        if self.cpu {
            thread_cpu_seconds().unwrap_or(0.0)
        } else {
            self.origin.elapsed().as_secs_f64()
        }
    }

    fn name(self) -> &'static str {
        if self.cpu {
            "CPU time"
        } else {
            "wall time"
        }
    }
}

/// The median time of `repeat` runs of `run` on a fresh copy of `fields` (copied outside the
/// timing: both paths take the fields by value, as an agent building events does), with the
/// last run's output.
fn median<T>(
    clock: Clock,
    repeat: usize,
    fields: &[EventFields],
    run: impl Fn(Vec<EventFields>) -> Vec<T>,
) -> (f64, Vec<T>) {
    let mut last = Vec::new();
    let mut times: Vec<f64> = (0..repeat.max(1))
        .map(|_| {
            let copy = fields.to_vec();
            let start = clock.seconds();
            last = std::hint::black_box(run(copy));
            clock.seconds() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last)
}

/// One scheme's figures in events per second, and its table rows.
struct Measured {
    sdk: f64,
    sdk_seeds: f64,
    hand: f64,
    hand_seeds: f64,
    rows: Vec<(String, f64)>,
    /// Seconds per ML-DSA-65 signature and per key expansion, for a scheme with ML-DSA-65.
    ml_dsa_65: Option<(f64, f64)>,
}

/// One scheme: the SDK, by hand with keys expanded once and per event, their outputs compared;
/// with `breakdown`, also the SDK's `new` alone and the by-hand hashes alone.
fn measure(
    clock: Clock,
    scheme: &str,
    fields: &[EventFields],
    key: &AgentSecretKey,
    seeds: (&[u8; 32], Option<&[u8; 32]>),
    repeat: usize,
    breakdown: bool,
) -> Measured {
    eprintln!("signing {} events {scheme}…", fields.len());
    let keys = HandKeys::from_seeds(seeds.0, seeds.1);
    let signer = AgentSigner::new(key).expect("the test seeds make a key");
    let (sdk_time, ours) = median(clock, repeat, fields, |copy| sdk_signer(copy, &signer));
    let (sdk_seeds_time, ours_from_seeds) = median(clock, repeat, fields, |copy| sdk(copy, key));
    let (hand_time, theirs) =
        median(clock, repeat, fields, |copy| copy.into_iter().map(|f| by_hand(f, &keys)).collect());
    let (seeds_time, expanded_each) = median(clock, repeat, fields, |copy| {
        copy.into_iter().map(|f| by_hand(f, &HandKeys::from_seeds(seeds.0, seeds.1))).collect()
    });
    // The limit is only a limit if it produces the same signed events.
    assert_eq!((ours.len(), theirs.len(), expanded_each.len()), (fields.len(), fields.len(), fields.len()));
    assert_eq!(ours, ours_from_seeds, "`sign_with` and `sign` differ");
    for ((sdk_event, hand_event), expanded_event) in ours.iter().zip(&theirs).zip(&expanded_each) {
        assert_eq!(sdk_event, hand_event, "the by-hand path differs from set-core");
        assert_eq!(sdk_event, expanded_event, "the by-hand path differs from set-core");
    }
    let per_second = |seconds: f64| fields.len() as f64 / seconds;
    let (sdk, sdk_seeds) = (per_second(sdk_time), per_second(sdk_seeds_time));
    let (hand, hand_seeds) = (per_second(hand_time), per_second(seeds_time));
    let mut rows = vec![
        (format!("set-core `UnsignedEvent::new` + `sign_with(&AgentSigner)` (key expanded once), {scheme}"), sdk),
        (
            format!("set-core `UnsignedEvent::new` + `sign(&AgentSecretKey)` (key expanded per event), {scheme}"),
            sdk_seeds,
        ),
        (
            format!("by hand (serde_json_canonicalizer + sha2 + dalek/libcrux-ml-dsa), keys expanded once, {scheme}"),
            hand,
        ),
        (format!("by hand, keys expanded from the seeds per event (as `AgentSecretKey` signs), {scheme}"), hand_seeds),
    ];
    if breakdown {
        let (new_time, built) = median(clock, repeat, fields, |copy| {
            copy.into_iter().map(|f| UnsignedEvent::new(f).expect("a corpus event builds")).collect()
        });
        let (hashes_time, hashed) = median(clock, repeat, fields, |copy| copy.iter().map(hand_hashes).collect());
        for (event, (payload_hash, signing_hash)) in built.iter().zip(&hashed) {
            assert_eq!(event.payload_plain_hash.as_slice(), payload_hash);
            assert_eq!(event.signing_hash().expect("hashable").as_slice(), signing_hash);
        }
        rows.push((
            "(part) set-core `UnsignedEvent::new` alone: rules + payload hash, Ed25519 corpus".into(),
            per_second(new_time),
        ));
        rows.push((
            "(part) by hand, the two hashes alone: no signature, Ed25519 corpus".into(),
            per_second(hashes_time),
        ));
    }
    let mut ml_dsa_65 = None;
    if let Some(seed) = seeds.1 {
        // The ML-DSA-65 signature and key expansion alone (libcrux-ml-dsa, as both paths call
        // it): the part of a hybrid event no binding can make faster, and what the bindings' runs
        // compare their peers' ML-DSA-65 with. Then RustCrypto ml-dsa's, the crate set-core used
        // before, for the record.
        let hashes: Vec<[u8; 32]> = fields.iter().map(|f| hand_hashes(f).1).collect();
        let key = ml_dsa_65::generate_key_pair(*seed).signing_key;
        let (sign_time, _) = median(clock, repeat, fields, |copy| {
            hashes[..copy.len()]
                .iter()
                .map(|hash| ml_dsa_65::sign(&key, hash, &[], DETERMINISTIC).expect("an empty context").as_slice()[0])
                .collect()
        });
        let (expand_time, _) = median(clock, repeat, fields, |copy| {
            copy.iter().map(|_| ml_dsa_65::generate_key_pair(*seed).verification_key.as_slice()[0]).collect()
        });
        let old_key = SigningKey::<MlDsa65>::from_seed(&(*seed).into());
        let (old_sign_time, _) = median(clock, repeat, fields, |copy| {
            hashes[..copy.len()]
                .iter()
                .map(|hash| old_key.expanded_key().sign_deterministic(hash, &[]).expect("an empty context").encode()[0])
                .collect()
        });
        let (old_expand_time, _) = median(clock, repeat, fields, |copy| {
            copy.iter().map(|_| SigningKey::<MlDsa65>::from_seed(&(*seed).into()).as_seed()[0]).collect()
        });
        rows.push((
            "(part) ML-DSA-65 signature alone (libcrux-ml-dsa `sign`, rnd = 0, key expanded once)".into(),
            per_second(sign_time),
        ));
        rows.push((
            "(part) ML-DSA-65 key expanded from its seed alone (libcrux-ml-dsa `generate_key_pair`)".into(),
            per_second(expand_time),
        ));
        rows.push((
            "(part, before) ML-DSA-65 signature alone (ml-dsa 0.1.2 `sign_deterministic`)".into(),
            per_second(old_sign_time),
        ));
        rows.push((
            "(part, before) ML-DSA-65 key expanded from its seed alone (ml-dsa 0.1.2 `SigningKey::from_seed`)".into(),
            per_second(old_expand_time),
        ));
        ml_dsa_65 = Some((sign_time / fields.len() as f64, expand_time / fields.len() as f64));
    }
    Measured { sdk, sdk_seeds, hand, hand_seeds, rows, ml_dsa_65 }
}

fn main() -> std::process::ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return std::process::ExitCode::from(2);
        }
    };
    let fields: Vec<EventFields> = (0..options.events).map(event_fields).collect();
    let payload_bytes: Vec<usize> =
        fields.iter().map(|f| set_core::ves::canonical_json(&f.payload).expect("canonical").len()).collect();
    let (min, max) =
        (payload_bytes.iter().min().copied().unwrap_or(0), payload_bytes.iter().max().copied().unwrap_or(0));
    let mean = payload_bytes.iter().sum::<usize>() as f64 / payload_bytes.len().max(1) as f64;

    let clock = Clock::new();
    let ed25519_key = AgentSecretKey::Ed25519 { seed: AGENT_SEED };
    let hybrid_key = AgentSecretKey::Hybrid { ed25519_seed: AGENT_SEED, ml_dsa_65_seed: AGENT_ML_DSA_SEED };
    let hybrid_fields = &fields[..options.hybrid_events];
    let hybrid_repeat = options.repeat.min(3);
    let ed25519 = measure(clock, "Ed25519", &fields, &ed25519_key, (&AGENT_SEED, None), options.repeat, true);
    let hybrid_seeds = (&AGENT_SEED, Some(&AGENT_ML_DSA_SEED));
    let hybrid = measure(clock, "hybrid", hybrid_fields, &hybrid_key, hybrid_seeds, hybrid_repeat, false);

    let n = options.events;
    let mut table = String::new();
    let _ = writeln!(
        table,
        "| Rust, per event from its fields to the signed event ({n} events, hybrid the first {}; payload JCS {min}–{max} bytes, mean {mean:.0}; {}, median of {} / {hybrid_repeat} runs) | events/s | µs/event |",
        options.hybrid_events,
        clock.name(),
        options.repeat,
    );
    let _ = writeln!(table, "|---|--:|--:|");
    for (what, per_second) in ed25519.rows.iter().chain(&hybrid.rows) {
        let _ = writeln!(table, "| {what} | {per_second:.0} | {:.1} |", 1e6 / per_second);
    }
    let met = |ok: bool| if ok { "met" } else { "not met" };
    let _ = writeln!(table);
    let _ = writeln!(table, "| target: SDK at least at parity with by hand (SDK ÷ by hand, events/s) | this run | |");
    let _ = writeln!(table, "|---|--:|---|");
    for (scheme, figures) in [("Ed25519", &ed25519), ("hybrid", &hybrid)] {
        for (against, ours, peer) in [
            ("`sign_with`, against by hand with keys expanded once", figures.sdk, figures.hand),
            ("`sign`, against by hand with keys expanded per event", figures.sdk_seeds, figures.hand_seeds),
        ] {
            let ratio = ours / peer;
            let _ = writeln!(table, "| {scheme}, {against} | {ratio:.2} × | {} |", met(ratio >= 1.0));
        }
    }
    print!("{table}");
    if let Ok(path) = std::env::var("BENCH_MD") {
        if let Err(err) = std::fs::write(&path, &table) {
            eprintln!("cannot write {path}: {err}");
        }
    }
    if let Some(out) = &options.out {
        let figures = json!({
            "events": options.events,
            "hybrid_events": options.hybrid_events,
            "clock": clock.name(),
            "events_per_second": {
                "sdk_ed25519": ed25519.sdk, "by_hand_ed25519": ed25519.hand,
                "sdk_hybrid": hybrid.sdk, "by_hand_hybrid": hybrid.hand,
            },
            "ml_dsa_65_us": hybrid.ml_dsa_65.map(|(sign, expand)| json!({"sign": sign * 1e6, "from_seed": expand * 1e6})),
        });
        if let Err(err) = write_corpus(out, &fields, &ed25519_key, &hybrid_key, &figures) {
            eprintln!("cannot write the corpus to {}: {err}", out.display());
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}

fn write_corpus(
    out: &std::path::Path,
    fields: &[EventFields],
    ed25519_key: &AgentSecretKey,
    hybrid_key: &AgentSecretKey,
    figures: &Value,
) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    let events: Vec<Value> = fields.iter().map(fields_json).collect();
    let sample = &fields[..SIGNED_SAMPLE.min(fields.len())];
    let signed = |key: &AgentSecretKey| -> Vec<Value> {
        sdk(sample.to_vec(), key)
            .iter()
            .map(|event| serde_json::to_value(event).expect("an event's JSON form"))
            .collect()
    };
    let public = hybrid_key.public_key().expect("the test seeds make a key");
    let keys = json!({
        "ed25519_seed": encode_hex(&AGENT_SEED),
        "ml_dsa_65_seed": encode_hex(&AGENT_ML_DSA_SEED),
        "ed25519_public_key": public.ed25519().map(|key| encode_hex(key)),
        "ml_dsa_65_public_key": public.ml_dsa_65().map(encode_hex),
    });
    std::fs::write(out.join("events.json"), Value::from(events).to_string())?;
    std::fs::write(out.join("keys.json"), keys.to_string())?;
    std::fs::write(
        out.join("signed.json"),
        json!({"ed25519": signed(ed25519_key), "hybrid": signed(hybrid_key)}).to_string(),
    )?;
    std::fs::write(out.join("rust.json"), figures.to_string())
}
