//! The demo's sample business: two tenants, three stores, each with its own point-of-sale agent
//! signing orders, payments, inventory moves and returns as VES v1 events.

use serde_json::json;
use set_core::encoding::B256;
use set_core::sequencer::IngestRequest;
use set_core::ves::{SignatureBundle, VesEvent};
use uuid::Uuid;

/// A store's event stream and the agent that signs for it.
pub struct Store {
    /// Human name for the summary.
    pub name: &'static str,
    /// Tenant display name.
    pub tenant_name: &'static str,
    pub tenant_id: Uuid,
    pub store_id: Uuid,
    /// The agent's Ed25519 seed (a fixed demo key per store).
    pub agent_seed: [u8; 32],
    /// The agent's ML-DSA-65 seed (FIPS 204 key generation from 32 bytes), for the hybrid
    /// profile, where the agent signs with both keys.
    pub agent_ml_dsa_seed: [u8; 32],
    pub agent_id: Uuid,
    /// First order number, so the order ids of the three stores differ.
    pub first_order: u32,
    pub catalogue: &'static [(&'static str, u64)],
    pub currency: &'static str,
}

const ACME: Uuid = Uuid::from_u128(0x0a3e_0000_0000_4000_8000_0000_0000_0001);
const BLUE_HARBOR: Uuid = Uuid::from_u128(0x0b1e_0000_0000_4000_8000_0000_0000_0002);

/// The three stores of the demo: two of Acme Outdoor (web shop and a retail store), one of Blue
/// Harbor Coffee.
pub fn stores() -> Vec<Store> {
    vec![
        Store {
            name: "acme-web",
            tenant_name: "Acme Outdoor",
            tenant_id: ACME,
            store_id: Uuid::from_u128(0x5701_0000_0000_4000_8000_0000_0000_0001),
            agent_seed: [0xa1; 32],
            agent_ml_dsa_seed: [0xd1; 32],
            agent_id: Uuid::from_u128(0xa6e0_0000_0000_4000_8000_0000_0000_0001),
            first_order: 1001,
            catalogue: &[("TENT-2P", 24_900), ("STOVE-TI", 8_950), ("HEADLAMP-400", 3_999), ("PACK-45L", 17_500)],
            currency: "USD",
        },
        Store {
            name: "acme-sf-retail",
            tenant_name: "Acme Outdoor",
            tenant_id: ACME,
            store_id: Uuid::from_u128(0x5701_0000_0000_4000_8000_0000_0000_0002),
            agent_seed: [0xa2; 32],
            agent_ml_dsa_seed: [0xd2; 32],
            agent_id: Uuid::from_u128(0xa6e0_0000_0000_4000_8000_0000_0000_0002),
            first_order: 2001,
            catalogue: &[("BOOT-TRAIL-42", 15_900), ("SOCK-MERINO", 2_400), ("JACKET-RAIN", 21_000)],
            currency: "USD",
        },
        Store {
            name: "blueharbor-cafe",
            tenant_name: "Blue Harbor Coffee",
            tenant_id: BLUE_HARBOR,
            store_id: Uuid::from_u128(0x5701_0000_0000_4000_8000_0000_0000_0003),
            agent_seed: [0xb3; 32],
            agent_ml_dsa_seed: [0xd3; 32],
            agent_id: Uuid::from_u128(0xa6e0_0000_0000_4000_8000_0000_0000_0003),
            first_order: 501,
            catalogue: &[("BEANS-ETHIOPIA-250G", 1_450), ("GRINDER-HAND", 6_900), ("MUG-CERAMIC", 1_800)],
            currency: "EUR",
        },
    ]
}

/// The sequencer's security profile the demo runs (the dev sequencer's `--security-profile`),
/// which decides how the agents register their keys and sign their events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Profile {
    /// Ed25519 agent keys and signatures, Ed25519 receipts.
    Legacy,
    /// Ed25519 + ML-DSA-65 agent keys (registered with proofs of possession), every event
    /// signed with both (scheme 3), receipts signed with both.
    Hybrid,
}

impl Profile {
    /// The name the dev sequencer's `--security-profile` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Legacy => "legacy",
            Profile::Hybrid => "hybrid",
        }
    }
}

/// Orders per store; every fourth order is returned.
pub const ORDERS_PER_STORE: u32 = 8;

/// The events of `store`'s orders whose 0-based numbers are in `orders`, in the order they
/// happen, signed by the store's agent as `profile` wants ([`sign`]). For each order:
/// `order.created`, `payment.captured`, `inventory.adjusted`, and for every fourth order
/// `return.requested`. `created_at` is `now` plus a few seconds per order.
pub fn store_events(
    store: &Store,
    now: std::time::SystemTime,
    orders: std::ops::Range<u32>,
    profile: Profile,
) -> Result<Vec<VesEvent>, set_core::ves::VesError> {
    let mut events = Vec::new();
    let mut tick = 4 * u64::from(orders.start);
    let mut push = |entity_type: &str, entity_id: String, event_type: &str, payload: serde_json::Value| {
        let created_at = set_anchor::timefmt::rfc3339(now + std::time::Duration::from_secs(tick));
        tick += 1;
        let mut event = VesEvent {
            ves_version: 1,
            tenant_id: store.tenant_id,
            store_id: store.store_id,
            event_id: Uuid::new_v4(),
            source_agent_id: store.agent_id,
            agent_key_id: 1,
            entity_type: entity_type.into(),
            entity_id,
            event_type: event_type.into(),
            created_at,
            payload_kind: 0,
            payload: Some(payload),
            payload_plain_hash: B256::ZERO,
            payload_cipher_hash: B256::ZERO,
            agent_signature: [0; 64],
            agent_signature_scheme: None,
            agent_signature_bundle: None,
        };
        sign(&mut event, store, profile).map(|()| events.push(event))
    };
    for n in orders {
        let order_id = format!("ORD-{}", store.first_order + n);
        let (sku, unit_price) = store.catalogue[n as usize % store.catalogue.len()];
        let quantity = 1 + u64::from(n % 3);
        let total = unit_price * quantity;
        push(
            "Order",
            order_id.clone(),
            "order.created",
            json!({
                "order_id": order_id,
                "customer_id": format!("cus_{:04}", 17 * n + 3),
                "currency": store.currency,
                "lines": [{"sku": sku, "quantity": quantity, "unit_price_minor": unit_price}],
                "total_minor": total,
                "channel": if store.name.ends_with("web") { "web" } else { "pos" },
            }),
        )?;
        push(
            "Payment",
            format!("PAY-{}", store.first_order + n),
            "payment.captured",
            json!({"order_id": order_id, "amount_minor": total, "currency": store.currency, "method": "card", "psp_reference": format!("psp_{:08x}", 0x5e7c_0000 + n)}),
        )?;
        push(
            "InventoryItem",
            sku.to_owned(),
            "inventory.adjusted",
            json!({"sku": sku, "location": store.name, "delta": -(quantity as i64), "reason": "sale", "order_id": order_id}),
        )?;
        if n % 4 == 3 {
            push(
                "Return",
                format!("RET-{}", store.first_order + n),
                "return.requested",
                json!({"order_id": order_id, "sku": sku, "quantity": 1, "reason": "wrong size", "refund_minor": unit_price}),
            )?;
        }
    }
    Ok(events)
}

/// Signs `event` with `store`'s agent keys. Legacy: Ed25519 in `agent_signature`. Hybrid: as the
/// real server expects scheme 3 — `agent_signature_scheme` 3 and `agent_signature_bundle` with the
/// Ed25519 and the ML-DSA-65 signature over the same signing hash; `agent_signature` keeps the
/// Ed25519 one, since only it enters the Merkle leaf.
fn sign(event: &mut VesEvent, store: &Store, profile: Profile) -> Result<(), set_core::ves::VesError> {
    event.sign(&store.agent_seed)?;
    if profile == Profile::Hybrid {
        let ml_dsa_65 = set_core::pq::signing::sign(&store.agent_ml_dsa_seed, &event.signing_hash()?);
        event.agent_signature_scheme = Some(3);
        event.agent_signature_bundle = Some(SignatureBundle {
            ed25519_signature: Some(event.agent_signature),
            ml_dsa_65_signature: Some(ml_dsa_65),
        });
    }
    Ok(())
}

/// The body of `POST /api/v1/ves/events/ingest` for `events` of `agent_id`. The signature
/// bundles' halves go as arrays of byte values, the real server's wire form (it reads them as
/// serde's `Vec<u8>`), not as the `0x` hex a receipt bundle keeps.
pub fn ingest_body(agent_id: Uuid, events: &[VesEvent]) -> String {
    IngestRequest { agent_id, events: events.to_vec() }.to_json()
}

/// Events per commitment: each store's stream is committed in commitments of this many events.
pub const EVENTS_PER_COMMITMENT: u64 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_store_signs_verifiable_events_with_its_own_agent_key() {
        let now = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_795_000_000);
        let stores = stores();
        assert_eq!(stores.iter().map(|s| s.tenant_id).collect::<std::collections::BTreeSet<_>>().len(), 2);
        for store in &stores {
            let events = store_events(store, now, 0..ORDERS_PER_STORE, Profile::Legacy).expect("sign");
            // 3 events per order, plus a return for every fourth order.
            assert_eq!(events.len() as u32, 3 * ORDERS_PER_STORE + ORDERS_PER_STORE / 4);
            let key = set_core::ves::signing::public_key(&store.agent_seed);
            for event in &events {
                assert_eq!(event.verify_agent_signature(&key), Ok(true), "{}", event.entity_id);
                assert_eq!(event.payload_matches(), Ok(Some(true)));
            }
            let other = set_core::ves::signing::public_key(&[0u8; 32]);
            assert_eq!(events[0].verify_agent_signature(&other), Ok(false));
            assert_eq!(events.iter().filter(|e| e.event_type == "order.created").count() as u32, ORDERS_PER_STORE);
        }
    }

    #[test]
    fn hybrid_events_pass_the_sequencers_scheme_3_checks_with_the_registered_hybrid_key() {
        use set_core::ves::agent_keys::{check_registration, AgentKeyRegistration};
        use set_core::ves::profile::SecurityProfile;
        use set_core::ves::validate::{check_event, parse_ingest_request, Rejection};
        let now = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_795_000_000);
        let clock = set_core::ves::rfc3339::parse_rfc3339("2026-11-19T00:00:00Z").expect("time");
        let store = &stores()[1];
        let registration = AgentKeyRegistration::hybrid(
            store.tenant_id,
            store.agent_id,
            1,
            &store.agent_seed,
            &store.agent_ml_dsa_seed,
        );
        let key = check_registration(&registration, SecurityProfile::Hybrid).expect("hybrid key registers");
        let events = store_events(store, now, 0..2, Profile::Hybrid).expect("sign");
        let body: serde_json::Value = serde_json::from_str(&ingest_body(store.agent_id, &events)).expect("json");
        // The wire form the real server reads: byte arrays, not hex.
        let ml_dsa = &body["events"][0]["agent_signature_bundle"]["ml_dsa_65_signature"];
        assert_eq!(ml_dsa.as_array().map(Vec::len), Some(set_core::pq::ML_DSA_65_SIGNATURE_LENGTH));
        let received = parse_ingest_request(&body.to_string()).expect("parses as the server does");
        for event in &received.events {
            assert_eq!(event.event.agent_signature_scheme, Some(3));
            assert_eq!(check_event(event, Some(&key), clock, SecurityProfile::Hybrid), Ok(()));
        }
        // Its ML-DSA-65 half flipped, the first event is refused: the half is really checked.
        let mut forged = received.events[0].clone();
        if let Some(signature) =
            forged.event.agent_signature_bundle.as_mut().and_then(|b| b.ml_dsa_65_signature.as_mut())
        {
            signature[100] ^= 1;
        }
        assert!(matches!(
            check_event(&forged, Some(&key), clock, SecurityProfile::Hybrid),
            Err(Rejection::InvalidSignature(_))
        ));
    }
}
