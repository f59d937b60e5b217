//! The Set SDK's main job, end to end and offline: agents sign commerce events,
//! a (simulated) sequencer orders them, receipts them and commits the batch, and
//! a checkout page verifies one order's `set-receipt-v1` bundle.
//!
//! Run with `make demo` (or `cargo run -p set-core --example receipt_demo --features signing`).

use serde_json::json;
use set_core::encoding::{encode_hex, B256};
use set_core::receipt::{self, BundleCommitment, BundleProof, ReceiptBundle, SequencerReceipt, Trust};
use set_core::ves::agent::{AgentSecretKey, EventFields, UnsignedEvent};
use set_core::ves::{self, signing};
use uuid::Uuid;

/// RFC 8032 test keys, so the output is reproducible. Never use these for real.
const AGENT_SEED: [u8; 32] = [
    0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49, 0xc5,
    0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60,
];
const SEQUENCER_SEED: [u8; 32] = [
    0x4c, 0xcd, 0x08, 0x9b, 0x28, 0xff, 0x96, 0xda, 0x9d, 0xb6, 0xc3, 0x46, 0xec, 0x11, 0x4e, 0x0f, 0x5b, 0x8a, 0x31,
    0x9f, 0x35, 0xab, 0xa6, 0x24, 0xda, 0x8c, 0xf6, 0xed, 0x4f, 0xb8, 0xa6, 0xfb,
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tenant = Uuid::parse_str("6513270e-269e-4d37-b2a7-4de452e6b438")?;
    let store = Uuid::parse_str("d23f0824-128b-4f33-8c5c-7fd0a6a3a450")?;
    let agent = Uuid::parse_str("9531985d-5d9d-49f8-9818-e811892f902b")?;
    let samples = [
        (
            "Order",
            "ORD-1001",
            "order.created",
            json!({"order_id": "ORD-1001", "amount_cents": 4999, "currency": "USD"}),
        ),
        (
            "Payment",
            "PAY-88",
            "payment.captured",
            json!({"order_id": "ORD-1001", "amount_cents": 4999, "method": "card"}),
        ),
        (
            "InventoryItem",
            "SKU-WIDGET",
            "inventory.adjusted",
            json!({"sku": "WIDGET", "delta": -1, "location_bin": "A-12"}),
        ),
        (
            "Order",
            "ORD-1002",
            "order.created",
            json!({"order_id": "ORD-1002", "amount_cents": 1250, "currency": "USD"}),
        ),
        ("Return", "RMA-7", "return.requested", json!({"order_id": "ORD-0997", "reason": "damaged"})),
    ];

    println!("1. The agent signs {} commerce events (Ed25519 over the VES v1 signing hash)", samples.len());
    let agent_key = AgentSecretKey::Ed25519 { seed: AGENT_SEED };
    let mut events = Vec::new();
    for (i, (entity_type, entity_id, event_type, payload)) in samples.into_iter().enumerate() {
        let fields = EventFields {
            tenant_id: tenant,
            store_id: store,
            event_id: Uuid::from_u128(0x1000 + i as u128),
            source_agent_id: agent,
            agent_key_id: 1,
            entity_type: entity_type.into(),
            entity_id: entity_id.into(),
            event_type: event_type.into(),
            created_at: format!("2026-11-22T10:0{i}:00Z"),
            payload,
        };
        let event = UnsignedEvent::new(fields)?.sign(&agent_key)?;
        println!("   seq {} {:<20} {}", i + 1, event.event_type, event.entity_id);
        events.push(event);
    }

    println!("2. The sequencer assigns sequence numbers 1..={}, signs receipts and commits the batch", events.len());
    let leaves = events.iter().enumerate().map(|(i, e)| e.leaf_hash(i as u64 + 1)).collect::<Result<Vec<_>, _>>()?;
    let batch = ves::commit_batch(&tenant, &store, &B256::ZERO, 1, &leaves)?;
    println!("   merkle_root    {}", batch.merkle_root);
    println!("   new_state_root {}", batch.new_state_root);

    let order = 0usize;
    let sequence_number = order as u64 + 1;
    let receipt_hash = events[order].receipt_hash(sequence_number)?;
    let bundle = ReceiptBundle {
        format: receipt::FORMAT.into(),
        event: events[order].clone(),
        receipt: SequencerReceipt {
            sequencer_id: Uuid::from_u128(0x5e9a),
            sequence_number,
            receipt_hash,
            signature_alg: "ed25519".into(),
            sequencer_signature: Some(signing::sign(&SEQUENCER_SEED, &receipt_hash)),
            receipt_signature_scheme: None,
            receipt_signature_bundle: None,
        },
        commitment: BundleCommitment::from_batch(Uuid::from_u128(0xba7c4), &batch),
        proof: BundleProof { leaf_index: order as u64, proof_path: batch.tree.proof(order)? },
        anchor: None,
    };
    let bundle_json = bundle.to_json();
    println!(
        "3. The checkout keeps a set-receipt-v2 bundle for {} ({} bytes of JSON)",
        bundle.event.entity_id,
        bundle_json.len()
    );

    let trust = Trust {
        sequencer_public_keys: vec![signing::public_key(&SEQUENCER_SEED)],
        agent_public_key: Some(signing::public_key(&AGENT_SEED)),
        ..Trust::default()
    };
    println!(
        "4. …and verifies it offline against the pinned sequencer key {}",
        encode_hex(&trust.sequencer_public_keys[0])
    );
    let verdict = receipt::verify_receipt(&ReceiptBundle::from_json(&bundle_json)?, &trust)?;
    print_verdict(&verdict);

    println!("5. A tampered copy (amount changed after signing) is caught:");
    let mut tampered = bundle.clone();
    tampered.event.payload = Some(json!({"order_id": "ORD-1001", "amount_cents": 1, "currency": "USD"}));
    let tampered_verdict = receipt::verify_receipt(&tampered, &trust)?;
    print_verdict(&tampered_verdict);

    if verdict.valid && !tampered_verdict.valid {
        println!("OK: receipt verified; tampering detected.");
        Ok(())
    } else {
        Err("the demo's expectations were not met".into())
    }
}

fn print_verdict(verdict: &receipt::Verdict) {
    for (check, status) in &verdict.checks {
        let reason = match status {
            receipt::CheckStatus::Fail(reason) => format!("  ({reason})"),
            _ => String::new(),
        };
        println!("   {:<20} {}{}", check.name(), status.as_str(), reason);
    }
    println!("   valid: {}", verdict.valid);
}
