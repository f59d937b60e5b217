//! The real sequencer's captured exchanges (tests/captured) and the keys their `about` gives, for
//! the integration tests that replay them (`mod captures;` in each).
// Each test crate uses part of this module; the rest would warn as dead code there.
#![allow(dead_code)]

use serde_json::Value;

/// The legacy (Ed25519) profile's exchanges.
pub const LEGACY: &str = include_str!("../../../tests/captured/stateset-sequencer-0.2.7-exchanges.json");
/// The `hybrid` profile's exchanges.
pub const HYBRID: &str = include_str!("../../../tests/captured/stateset-sequencer-0.2.7-hybrid-exchanges.json");
/// The `pqc-strict` profile's exchanges.
pub const PQC_STRICT: &str = include_str!("../../../tests/captured/stateset-sequencer-0.2.7-pqc-strict-exchanges.json");

/// RFC 8032 test key 1: the agent's Ed25519 seed, and its public key.
pub const AGENT_ED25519_SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
pub const AGENT_ED25519: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
/// The agent's ML-DSA-65 seed (SHA-256 of `set-agent-ml-dsa-65`).
pub const AGENT_ML_DSA_SEED: &str = "576383b9fbed1f6f93e01ec78294c5792825fd66ec085a569f787422b815d74f";
/// RFC 8032 test key 2's public key: the sequencer's Ed25519 receipt key.
pub const SEQUENCER_ED25519: &str = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
/// The sequencer's ML-DSA-65 receipt seed.
pub const SEQUENCER_ML_DSA_SEED: &str = "697fa88e24970e15b6f007b95c50cd2fb81ae383cbaa5944fb3ef8e984e3c9e7";

/// A 32-byte seed from its hex.
pub fn seed(text: &str) -> [u8; 32] {
    set_core::encoding::decode_fixed::<32>("seed", text).unwrap()
}

/// The exchange `name` of `capture` (its request and response).
pub fn exchange(capture: &str, name: &str) -> Value {
    let capture: Value = serde_json::from_str(capture).unwrap();
    capture["exchanges"].as_array().unwrap().iter().find(|e| e["name"] == name).unwrap().clone()
}
