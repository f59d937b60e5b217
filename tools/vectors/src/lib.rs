//! Builds the cross-language test vectors in `tests/vectors/` from `set-core`.
//!
//! Every file is a pure function of the core: `cargo run -p set-vectors` rewrites
//! them, `cargo run -p set-vectors -- --check` (and the `vectors_are_current`
//! test) fails if a checked-in file differs from what the core produces now.

use serde_json::{json, Value};
use set_core::encoding::{encode_hex, B256};
use set_core::ids;
use set_core::merkle::{self, MerkleTree, Scheme};
use set_core::receipt::{self, ReceiptBundle};
use set_core::ves::{self, VesEvent};
use uuid::Uuid;

mod abi;
mod conformance;

pub use conformance::case_files as conformance_cases;

/// RFC 8032 test key 1: the agent in every signed vector.
pub const AGENT_SEED: [u8; 32] = hex32("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
/// RFC 8032 test key 2: the sequencer in every signed vector.
pub const SEQUENCER_SEED: [u8; 32] = hex32("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

/// The agent's ML-DSA-65 seed (in `agent.json` and the conformance suite): SHA-256 of
/// `set-agent-ml-dsa-65`, as in the captured hybrid and pqc-strict exchanges.
pub const AGENT_ML_DSA_SEED: [u8; 32] = hex32("576383b9fbed1f6f93e01ec78294c5792825fd66ec085a569f787422b815d74f");
/// The sequencer's ML-DSA-65 receipt seed of the captured hybrid and pqc-strict exchanges.
pub const SEQUENCER_ML_DSA_SEED: [u8; 32] = hex32("697fa88e24970e15b6f007b95c50cd2fb81ae383cbaa5944fb3ef8e984e3c9e7");

/// 32 bytes from 64 lowercase hex digits, at compile time (panics on anything else).
pub const fn hex32(text: &str) -> [u8; 32] {
    let bytes = text.as_bytes();
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = nibble(bytes[2 * i]) << 4 | nibble(bytes[2 * i + 1]);
        i += 1;
    }
    out
}

const fn nibble(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => panic!("not lowercase hex"),
    }
}

/// The CPU time the calling thread has run, in seconds (Linux: `/proc/thread-self/schedstat`, in
/// ns), or `None` where the kernel does not say. The clock of the benchmark tools (they take the
/// test keys from this crate too): other processes of a shared machine do not count in it.
pub fn thread_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds as f64 / 1e9)
}

fn hex(bytes: impl AsRef<[u8]>) -> Value {
    Value::String(encode_hex(bytes.as_ref()))
}

fn hex_list(items: &[B256]) -> Value {
    Value::Array(items.iter().map(hex).collect())
}

/// Every vector file: (file name, contents).
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        ("ids.json", ids_vectors()),
        ("merkle.json", merkle_vectors()),
        ("ves.json", ves_vectors()),
        ("receipts.json", receipt_vectors()),
        ("registry.json", abi::registry_vectors()),
        ("paymaster.json", abi::paymaster_vectors()),
        ("agent.json", agent_vectors()),
        ("anchor-proof.json", conformance::anchor_proof_vector()),
    ]
}

/// The files under `tests/` (`vectors/…`, `conformance/cases/…`) that differ from what the core
/// produces now, are missing, or (conformance cases) should no longer exist.
pub fn stale_files(tests: &std::path::Path) -> Vec<String> {
    let mut expected: Vec<(String, String)> =
        all().into_iter().map(|(name, value)| (format!("vectors/{name}"), render(&value))).collect();
    let cases: Vec<(String, String)> = conformance_cases()
        .into_iter()
        .map(|(name, value)| (format!("conformance/cases/{name}"), render(&value)))
        .collect();
    let mut stale: Vec<String> = std::fs::read_dir(tests.join("conformance/cases"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .map(|name| format!("conformance/cases/{name}"))
        .filter(|name| !cases.iter().any(|(case, _)| case == name))
        .collect();
    expected.extend(cases);
    for (name, text) in expected {
        if std::fs::read_to_string(tests.join(&name)).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    stale
}

/// The file text for a vector value: pretty JSON with a trailing newline.
pub fn render(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a Value always serialises");
    text.push('\n');
    text
}

/// Events built from their fields and signed with each kind of agent key: what every binding must
/// reproduce byte for byte (`ves::agent`).
fn agent_vectors() -> Value {
    use set_core::ves::agent::{AgentSecretKey, UnsignedEvent};
    let inputs = [
        json!({
            "tenant_id": "00000000-0000-0000-0000-000000000001", "store_id": "00000000-0000-0000-0000-000000000002",
            "event_id": "11111111-1111-1111-1111-111111111111", "source_agent_id": "22222222-2222-2222-2222-222222222222",
            "agent_key_id": 1, "entity_type": "Order", "entity_id": "ORD-1", "event_type": "order.created",
            "created_at": "2026-01-02T03:04:05Z",
            "payload": {"order_id": "ORD-1", "lines": [{"sku": "A-1", "quantity": 2}], "total_minor": 1999, "note": "café ☕"},
        }),
        json!({
            "tenant_id": "6513270e-269e-4d37-b2a7-4de452e6b438", "store_id": "d23f0824-128b-4f33-8c5c-7fd0a6a3a450",
            "event_id": "36f675cc-81e7-4ef5-a8e2-5d940ed90475", "source_agent_id": "9531985d-5d9d-49f8-9818-e811892f902b",
            "agent_key_id": 7, "entity_type": "InventoryItem", "entity_id": "WIDGET-001", "event_type": "inventory.adjusted",
            "created_at": "2026-11-22T10:00:00.123+01:00",
            "payload": {"delta": -3, "value": 1.0, "big": 9007199254740993u64},
        }),
    ];
    let keys = [
        ("ed25519", AgentSecretKey::Ed25519 { seed: AGENT_SEED }),
        ("hybrid", AgentSecretKey::Hybrid { ed25519_seed: AGENT_SEED, ml_dsa_65_seed: AGENT_ML_DSA_SEED }),
        ("ml_dsa_65", AgentSecretKey::MlDsa65 { seed: AGENT_ML_DSA_SEED }),
    ];
    let events: Vec<Value> = inputs
        .iter()
        .map(|input| {
            let unsigned = UnsignedEvent::from_json(&input.to_string()).expect("valid vector event");
            let signed: serde_json::Map<String, Value> = keys
                .iter()
                .map(|(name, key)| {
                    let event = unsigned.sign(key).expect("signs");
                    (name.to_string(), serde_json::to_value(&event).expect("serialises"))
                })
                .collect();
            json!({
                "fields": input,
                "payload_plain_hash": hex(unsigned.payload_plain_hash),
                "event_signing_hash": hex(unsigned.signing_hash().expect("hashes")),
                "signed": signed,
            })
        })
        .collect();
    let public_keys: serde_json::Map<String, Value> = keys
        .iter()
        .map(|(name, key)| {
            let public = key.public_key().expect("ml-dsa is built");
            let value = json!({
                "ed25519": public.ed25519().map(hex),
                "ml_dsa_65": public.ml_dsa_65().map(hex),
            });
            (name.to_string(), value)
        })
        .collect();
    json!({
        "keys": {
            "ed25519_seed": hex(AGENT_SEED),
            "ml_dsa_65_seed": hex(AGENT_ML_DSA_SEED),
            "public_keys": public_keys,
        },
        "events": events,
        "key_registrations": key_registration_vectors(&keys),
    })
}

/// The registration of each kind of agent key (`ves::agent_keys`), with the proof of possession
/// the server needs: the exact body text every binding must build from the seeds of `keys`
/// (named by `key`), and the server's 200 answer to it. A distinct key id per case, so that a
/// binding dropping the key id fails; the last case (the Ed25519 key again, id 4) has a validity
/// window, sent verbatim.
fn key_registration_vectors(keys: &[(&str, set_core::ves::agent::AgentSecretKey)]) -> Vec<Value> {
    use set_core::ves::agent_keys::{key_registration_request, AgentKeyRegistered, AGENT_KEYS_PATH};
    let tenant_id = Uuid::parse_str("00000000-0000-0000-0000-000000000001").expect("UUID");
    let agent_id = Uuid::parse_str("22222222-2222-2222-2222-222222222222").expect("UUID");
    let windowed = (&keys[0], (Some("2026-01-01T00:00:00Z"), Some("2027-01-01T00:00:00.5+01:00")));
    keys.iter()
        .map(|key| (key, (None, None)))
        .chain([windowed])
        .zip(1u32..)
        .map(|(((name, key), (valid_from, valid_to)), key_id)| {
            let registration = key_registration_request(tenant_id, agent_id, key_id, key, valid_from, valid_to)
                .expect("ml-dsa is built, the window is RFC 3339");
            json!({
                "key": name,
                "tenant_id": tenant_id,
                "agent_id": agent_id,
                "key_id": key_id,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "path": AGENT_KEYS_PATH,
                "body": registration.to_json(),
                "answer": AgentKeyRegistered::to(&registration).to_value(),
            })
        })
        .collect()
}

fn ids_vectors() -> Value {
    let uuids = [
        "00000000-0000-0000-0000-000000000001",
        "00000000-0000-0000-0000-000000000002",
        "123e4567-e89b-12d3-a456-426614174000",
        "d982e688-bc8e-4cb3-ba26-b7777a98c526",
        "6513270e-269e-4d37-b2a7-4de452e6b438",
        "00000000-0000-0000-0000-000000000000",
    ];
    let uuid_to_bytes32: Vec<Value> = uuids
        .iter()
        .map(|text| {
            let id = Uuid::parse_str(text).unwrap();
            json!({"uuid": text, "bytes32": hex(ids::uuid_to_bytes32(&id))})
        })
        .collect();
    let pairs = [(uuids[0], uuids[1]), (uuids[4], "d23f0824-128b-4f33-8c5c-7fd0a6a3a450")];
    let stream_keys: Vec<Value> = pairs
        .iter()
        .map(|(tenant, store)| {
            let (t, s) = (Uuid::parse_str(tenant).unwrap(), Uuid::parse_str(store).unwrap());
            json!({
                "tenant_id": tenant, "store_id": store,
                "tenant_store_key": hex(ids::tenant_store_key(&ids::uuid_to_bytes32(&t), &ids::uuid_to_bytes32(&s))),
                "stream_id": hex(ids::stream_id(&t, &s)),
            })
        })
        .collect();
    let invalid_bytes32 = [
        ("0x0000000000000000000000000000000100000000000000000000000000000001", "NOT_PADDED_UUID"),
        ("0x00000000000000000000000000000001", "WRONG_LENGTH"),
        ("0xzz00000000000000000000000000000100000000000000000000000000000000", "INVALID_HEX"),
    ];
    let invalid_uuids = ["not-a-uuid", "00000000-0000-0000-0000-00000000000", ""];
    json!({
        "description": "UUID <-> bytes32 (16 UUID bytes then 16 zero bytes), tenantStoreKey = keccak256(tenant32 || store32), stream_id = SHA-256(\"VES_STREAM_V1\" || tenant16 || store16).",
        "uuid_to_bytes32": uuid_to_bytes32,
        "stream_keys": stream_keys,
        "invalid_bytes32": invalid_bytes32.iter().map(|(text, code)| json!({"bytes32": text, "error_code": code})).collect::<Vec<_>>(),
        "invalid_uuids": invalid_uuids.iter().map(|text| json!({"uuid": text, "error_code": "INVALID_UUID"})).collect::<Vec<_>>(),
    })
}

/// Leaf `i` of the Merkle vectors: `keccak256(abi.encode(uint256(i)))`, easy to rebuild in Solidity.
fn vector_leaf(i: u64) -> B256 {
    let mut word = [0u8; 32];
    word[24..].copy_from_slice(&i.to_be_bytes());
    alloy_primitives::keccak256(word)
}

fn merkle_vectors() -> Value {
    let sizes: Vec<u64> = (1..=17).chain([64, 100, 1000]).collect();
    let mut trees = Vec::new();
    let mut negative = Vec::new();
    for &n in &sizes {
        let leaves: Vec<B256> = (0..n).map(vector_leaf).collect();
        let mut per_scheme = serde_json::Map::new();
        for scheme in Scheme::ALL {
            let tree = MerkleTree::build(scheme, &leaves).unwrap();
            let mut chosen: Vec<u64> = vec![0, n / 2, n - 1];
            if n > 2 {
                chosen.push(1);
            }
            chosen.sort_unstable();
            chosen.dedup();
            let proofs: Vec<Value> = chosen
                .iter()
                .map(|&i| json!({"index": i, "proof": hex_list(&tree.proof(i as usize).unwrap())}))
                .collect();
            per_scheme
                .insert(scheme.id().into(), json!({"root": hex(tree.root()), "depth": tree.depth(), "proofs": proofs}));
            if [2, 3, 5, 8, 17, 100].contains(&n) {
                negative.extend(negative_cases(scheme, &tree, &leaves));
            }
        }
        trees.push(json!({
            "leaf_count": n,
            "padded_leaf_count": n.next_power_of_two(),
            "leaves": hex_list(&leaves),
            "schemes": per_scheme,
        }));
    }
    let reference: Vec<Value> = (1u8..=8)
        .map(|n| {
            let leaves: Vec<B256> = (1..=n).map(B256::repeat_byte).collect();
            let tree = MerkleTree::build(Scheme::VesSha256V1, &leaves).unwrap();
            json!({"leaf_count": n, "root": hex(tree.root())})
        })
        .collect();
    json!({
        "description": "Both Merkle schemes over leaf i = keccak256(abi.encode(uint256(i))). Strict verification takes (root, leaf, index, leaf_count, proof). Negative cases: expect 'invalid' (verifies to false), or 'error' with a stable error_code. 'lenient' says what SetRegistry.verifyInclusion-style verification (index bits past the proof ignored, no count) answers.",
        "schemes": Scheme::ALL.iter().map(|s| json!({"id": s.id(), "pad_leaf": hex(s.pad_leaf())})).collect::<Vec<_>>(),
        "trees": trees,
        "negative": negative,
        "ves_reference_synthetic": {
            "description": "The sequencer's synthetic trees (reference vectors 5.4.3, docs/protocol.md#543-synthetic-trees): leaf i = 32 bytes equal to i+1, ves-sha256-v1 roots.",
            "cases": reference,
        },
    })
}

fn negative_cases(scheme: Scheme, tree: &MerkleTree, leaves: &[B256]) -> Vec<Value> {
    let n = leaves.len() as u64;
    let index = n - 1;
    let proof = tree.proof(index as usize).unwrap();
    let root = tree.root();
    let case = |name: &str, leaf: B256, idx: u64, proof: &[B256], count: u64| {
        let outcome = match merkle::verify(scheme, &root, &leaf, idx, count, proof) {
            Ok(true) => json!({"expect": "valid"}),
            Ok(false) => json!({"expect": "invalid"}),
            Err(err) => json!({"expect": "error", "error_code": err.code()}),
        };
        let lenient = merkle::verify_lenient(scheme, &root, &leaf, alloy_primitives::U256::from(idx), proof)
            .map(Value::Bool)
            .unwrap_or(Value::Null);
        let mut value = json!({
            "name": name, "scheme": scheme.id(), "root": hex(root), "leaf": hex(leaf),
            "index": idx, "leaf_count": count, "proof": hex_list(proof), "lenient": lenient,
        });
        value.as_object_mut().unwrap().extend(outcome.as_object().unwrap().clone());
        value
    };
    let mut wrong_sibling = proof.clone();
    wrong_sibling[0].0[31] ^= 1;
    let mut over_long = proof.clone();
    over_long.push(root);
    let mut out = vec![
        case("valid", leaves[index as usize], index, &proof, n),
        case("wrong_sibling", leaves[index as usize], index, &wrong_sibling, n),
        case("wrong_leaf", leaves[0], index, &proof, n),
        case("wrong_index", leaves[index as usize], index - 1, &proof, n),
        case("index_at_leaf_count", leaves[index as usize], n, &proof, n),
        case("index_past_padding", leaves[index as usize], index + n.next_power_of_two(), &proof, n),
        case("truncated_proof", leaves[index as usize], index, &proof[..proof.len() - 1], n),
        case("over_long_proof", leaves[index as usize], index, &over_long, n),
        case("proof_longer_than_64", leaves[index as usize], index, &vec![root; 65], n),
        case("zero_leaf_count", leaves[index as usize], index, &proof, 0),
    ];
    out.retain(|c| !(c["name"] == "wrong_index" && index == 0));
    out
}

/// The three signed events of the three-event batch (reference vectors 5.4.4,
/// docs/protocol.md#544-three-event-batch).
fn reference_batch_events() -> Vec<VesEvent> {
    (1..=3u64)
        .map(|k| {
            let mut event = VesEvent {
                ves_version: 1,
                tenant_id: Uuid::from_u128(1),
                store_id: Uuid::from_u128(2),
                event_id: Uuid::parse_str(&format!("aaaaaaaa-0000-4000-8000-00000000000{k}")).unwrap(),
                source_agent_id: Uuid::parse_str("22222222-2222-2222-2222-222222222222").unwrap(),
                agent_key_id: 1,
                entity_type: "InventoryItem".into(),
                entity_id: format!("WIDGET-00{k}"),
                event_type: "Adjusted".into(),
                created_at: format!("2025-01-01T00:00:0{k}Z"),
                payload_kind: 0,
                payload: Some(json!({"delta": 10 * k})),
                payload_plain_hash: B256::ZERO,
                payload_cipher_hash: B256::ZERO,
                agent_signature: [0; 64],
                agent_signature_scheme: None,
                agent_signature_bundle: None,
            };
            event.sign(&AGENT_SEED).unwrap();
            event
        })
        .collect()
}

fn ves_vectors() -> Value {
    let payloads = [
        r#"{"delta":100}"#,
        r#"{"delta":100,"reason":"test"}"#,
        r#"{"delta":100,"reason":"shipment_receive","location_bin":"A-12"}"#,
        r#"{"items":[1,2,3],"meta":{"version":1}}"#,
        r#"{"value":1.0,"count":100}"#,
        r#"{"n":9007199254740993}"#,
        r#"{"n":18446744073709551615}"#,
        r#"{"a":3,"😀":2,"｡":1}"#,
        r#"{"x":1e21,"y":1e-7,"z":0.000001,"w":-0.0}"#,
        r#"{"s":"caf\u00e9 \"q\" \n"}"#,
    ];
    let payload_hashes: Vec<Value> = payloads
        .iter()
        .map(|text| {
            let value: Value = serde_json::from_str(text).unwrap();
            json!({
                "payload_json": text,
                "jcs": ves::canonical_json(&value).unwrap(),
                "payload_plain_hash": hex(ves::payload_plain_hash_json(text).unwrap()),
            })
        })
        .collect();
    let salt: [u8; 16] = std::array::from_fn(|i| i as u8 + 1);
    let events: Vec<Value> = reference_batch_events()
        .iter()
        .enumerate()
        .map(|(i, event)| {
            let seq = i as u64 + 1;
            json!({
                "event": event,
                "sequence_number": seq,
                "event_signing_hash": hex(event.signing_hash().unwrap()),
                "leaf_hash": hex(event.leaf_hash(seq).unwrap()),
                "receipt_hash": hex(event.receipt_hash(seq).unwrap()),
                "receipt_signature": hex(ves::signing::sign(&SEQUENCER_SEED, &event.receipt_hash(seq).unwrap())),
            })
        })
        .collect();
    let leaves: Vec<B256> =
        reference_batch_events().iter().enumerate().map(|(i, e)| e.leaf_hash(i as u64 + 1).unwrap()).collect();
    let batch = ves::commit_batch(&Uuid::from_u128(1), &Uuid::from_u128(2), &B256::ZERO, 1, &leaves).unwrap();
    let stream = ids::stream_id(&Uuid::from_u128(1), &Uuid::from_u128(2));
    let n3 =
        MerkleTree::build(Scheme::VesSha256V1, &(1u8..=3).map(B256::repeat_byte).collect::<Vec<_>>()).unwrap().root();
    let n5 =
        MerkleTree::build(Scheme::VesSha256V1, &(1u8..=5).map(B256::repeat_byte).collect::<Vec<_>>()).unwrap().root();
    let root1 = ves::state_root(&stream, &B256::ZERO, &n3, 1, 3, 3);
    let root2 = ves::state_root(&stream, &root1, &n5, 4, 8, 5);
    json!({
        "description": "VES v1 hashes (docs/protocol.md#ves-v1-hashes; events = the three-event batch of docs/protocol.md#544-three-event-batch). Agent key = RFC 8032 test key 1, sequencer key = RFC 8032 test key 2. JCS rounds integers beyond 2^53 like the sequencer.",
        "keys": {
            "agent_secret_seed": hex(AGENT_SEED), "agent_public_key": hex(ves::signing::public_key(&AGENT_SEED)),
            "sequencer_secret_seed": hex(SEQUENCER_SEED), "sequencer_public_key": hex(ves::signing::public_key(&SEQUENCER_SEED)),
        },
        "constants": {"pad_leaf": hex(ves::pad_leaf()), "node_pad_pad": hex(ves::node_hash(&ves::pad_leaf(), &ves::pad_leaf()))},
        "payload_plain_hash": payload_hashes,
        "payload_plain_hash_salted": [{
            "salt": hex(salt), "payload_json": r#"{"delta":100,"reason":"test"}"#,
            "payload_plain_hash": hex(ves::payload_plain_hash_salted(&salt, &json!({"delta":100,"reason":"test"})).unwrap()),
        }],
        "events": events,
        "batch": {
            "tenant_id": Uuid::from_u128(1), "store_id": Uuid::from_u128(2), "stream_id": hex(stream),
            "prev_state_root": hex(B256::ZERO), "sequence_start": 1, "sequence_end": 3, "leaf_count": 3,
            "merkle_root": hex(batch.merkle_root), "new_state_root": hex(batch.new_state_root),
            "proofs": (0..3).map(|i| hex_list(&batch.tree.proof(i).unwrap())).collect::<Vec<_>>(),
        },
        "state_roots": [
            {"stream_id": hex(stream), "prev_state_root": hex(B256::ZERO), "merkle_root": hex(n3), "sequence_start": 1, "sequence_end": 3, "leaf_count": 3, "new_state_root": hex(root1)},
            {"stream_id": hex(stream), "prev_state_root": hex(root1), "merkle_root": hex(n5), "sequence_start": 4, "sequence_end": 8, "leaf_count": 5, "new_state_root": hex(root2)},
        ],
    })
}

/// A valid bundle for event `k` of the reference batch, signed by the test sequencer.
fn reference_bundle(k: usize) -> ReceiptBundle {
    let events = reference_batch_events();
    let leaves: Vec<B256> = events.iter().enumerate().map(|(i, e)| e.leaf_hash(i as u64 + 1).unwrap()).collect();
    let batch = ves::commit_batch(&Uuid::from_u128(1), &Uuid::from_u128(2), &B256::ZERO, 1, &leaves).unwrap();
    let seq = k as u64 + 1;
    let receipt_hash = events[k].receipt_hash(seq).unwrap();
    ReceiptBundle {
        format: receipt::FORMAT.into(),
        event: events[k].clone(),
        receipt: receipt::SequencerReceipt {
            sequencer_id: Uuid::parse_str("5e9ae3c1-0000-4000-8000-000000000001").unwrap(),
            sequence_number: seq,
            receipt_hash,
            signature_alg: "ed25519".into(),
            sequencer_signature: Some(ves::signing::sign(&SEQUENCER_SEED, &receipt_hash)),
            receipt_signature_scheme: None,
            receipt_signature_bundle: None,
        },
        commitment: receipt::BundleCommitment::from_batch(
            Uuid::parse_str("a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b").unwrap(),
            &batch,
        ),
        proof: receipt::BundleProof { leaf_index: k as u64, proof_path: batch.tree.proof(k).unwrap() },
        anchor: Some(receipt::BundleAnchor {
            chain_id: 84532001,
            registry: alloy_primitives::Address::repeat_byte(0x5e),
            tx_hash: B256::repeat_byte(0xab),
            block_number: 1234,
            block_hash: Some(B256::repeat_byte(0xbc)),
            proof: None,
        }),
    }
}

fn receipt_vectors() -> Value {
    let trust = json!({
        "sequencer_public_keys": [hex(ves::signing::public_key(&SEQUENCER_SEED))],
        "agent_public_key": hex(ves::signing::public_key(&AGENT_SEED)),
    });
    let valid_bundle = serde_json::to_value(reference_bundle(1)).unwrap();
    let verdict_of = |bundle: &Value, trust: &Value| -> Value {
        match receipt::verify_receipt_json(&bundle.to_string(), &trust.to_string()) {
            Ok(verdict) => json!({"verdict": verdict.to_json()}),
            Err(err) => {
                json!({"error_code": err.code(), "error_field": err.field()})
            }
        }
    };
    let mut valid = Vec::new();
    for k in 0..3 {
        let bundle = serde_json::to_value(reference_bundle(k)).unwrap();
        valid.push(json!({"name": format!("reference_event_{}", k + 1), "bundle": bundle, "trust": trust, "expected": verdict_of(&bundle, &trust)}));
    }
    let mut onchain_trust = trust.clone();
    onchain_trust["chain_id"] = json!(84532001);
    onchain_trust["registry"] = hex(alloy_primitives::Address::repeat_byte(0x5e));
    let c = &valid_bundle["commitment"];
    onchain_trust["onchain"] = json!({"events_root": c["merkle_root"], "new_state_root": c["new_state_root"], "sequence_start": 1, "sequence_end": 3, "event_count": 3});
    valid.push(json!({"name": "with_onchain_record", "bundle": valid_bundle, "trust": onchain_trust, "expected": verdict_of(&valid_bundle, &onchain_trust)}));
    let mut without_0x = valid_bundle.clone();
    strip_0x(&mut without_0x);
    valid.push(json!({"name": "hex_without_0x_as_the_sequencer_emits", "bundle": without_0x, "trust": trust, "expected": verdict_of(&without_0x, &trust)}));

    // Each case is the valid bundle with one edit applied.
    type Edit = (&'static str, fn(&mut Value));
    let edited = |edits: &[Edit]| -> Vec<Value> {
        edits
            .iter()
            .map(|(name, edit)| {
                let mut bundle = valid_bundle.clone();
                edit(&mut bundle);
                json!({"name": name, "bundle": bundle, "trust": trust, "expected": verdict_of(&bundle, &trust)})
            })
            .collect()
    };
    let tamperings: [Edit; 13] = [
        ("payload_changed", |b| b["event"]["payload"]["delta"] = json!(21)),
        ("created_at_changed", |b| b["event"]["created_at"] = json!("2025-01-01T00:00:09Z")),
        ("agent_signature_flipped", |b| flip_hex(&mut b["event"]["agent_signature"])),
        ("receipt_hash_flipped", |b| flip_hex(&mut b["receipt"]["receipt_hash"])),
        ("sequencer_signature_flipped", |b| flip_hex(&mut b["receipt"]["sequencer_signature"])),
        ("sequencer_signature_empty", |b| {
            b["receipt"]["sequencer_signature"] = json!("");
            b["receipt"]["signature_alg"] = json!("none");
        }),
        ("sequence_number_changed", |b| b["receipt"]["sequence_number"] = json!(3)),
        ("leaf_index_changed", |b| b["proof"]["leaf_index"] = json!(0)),
        ("proof_sibling_flipped", |b| flip_hex(&mut b["proof"]["proof_path"][0])),
        ("proof_truncated", |b| {
            b["proof"]["proof_path"].as_array_mut().unwrap().pop();
        }),
        ("merkle_root_flipped", |b| flip_hex(&mut b["commitment"]["merkle_root"])),
        ("prev_state_root_flipped", |b| flip_hex(&mut b["commitment"]["prev_state_root"])),
        ("new_state_root_flipped", |b| flip_hex(&mut b["commitment"]["new_state_root"])),
    ];
    let mut tampered = edited(&tamperings);
    let mut wrong_onchain = onchain_trust.clone();
    flip_hex(&mut wrong_onchain["onchain"]["events_root"]);
    tampered.push(json!({"name": "onchain_events_root_differs", "bundle": valid_bundle, "trust": wrong_onchain, "expected": verdict_of(&valid_bundle, &wrong_onchain)}));
    let wrong_key = json!({"sequencer_public_keys": [hex(ves::signing::public_key(&AGENT_SEED))]});
    tampered.push(json!({"name": "wrong_sequencer_key_pinned", "bundle": valid_bundle, "trust": wrong_key, "expected": verdict_of(&valid_bundle, &wrong_key)}));

    let malformations: [Edit; 8] = [
        ("bad_hex", |b| b["receipt"]["receipt_hash"] = json!("0xzz")),
        ("short_root", |b| b["commitment"]["merkle_root"] = json!("0xabcd")),
        ("bad_uuid", |b| b["event"]["tenant_id"] = json!("tenant-1")),
        ("missing_field", |b| {
            b["receipt"].as_object_mut().unwrap().remove("receipt_hash");
        }),
        ("wrong_type", |b| b["commitment"]["leaf_count"] = json!("3")),
        ("unknown_format", |b| b["format"] = json!("set-receipt-v9")),
        ("odd_length_signature", |b| b["event"]["agent_signature"] = json!("0xabc")),
        ("proof_sibling_not_hex", |b| b["proof"]["proof_path"][1] = json!("nothex")),
    ];
    let malformed = edited(&malformations);
    json!({
        "description": "set-receipt-v2 bundles (docs/bundle-format.md). 'expected' is either {verdict: {valid, level, checks, reasons}} or {error_code, error_field}. Reasons are human text: compare the set of keys, not the strings. The conformance suite (tests/conformance/) covers far more cases; these are the bindings' smoke vectors.",
        "valid": valid,
        "tampered": tampered,
        "malformed": malformed,
    })
}

fn flip_hex(value: &mut Value) {
    let text = value.as_str().unwrap().to_string();
    let last = text.chars().last().unwrap();
    let flipped = if last == '0' { '1' } else { '0' };
    *value = Value::String(format!("{}{}", &text[..text.len() - 1], flipped));
}

pub(crate) fn strip_0x(value: &mut Value) {
    match value {
        Value::String(text) if text.starts_with("0x") => *text = text[2..].to_string(),
        Value::Array(items) => items.iter_mut().for_each(strip_0x),
        Value::Object(map) => map.iter_mut().filter(|(k, _)| k.as_str() != "payload").for_each(|(_, v)| strip_0x(v)),
        _ => {}
    }
}
