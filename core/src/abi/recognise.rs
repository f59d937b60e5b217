//! Bytes of unknown origin, recognised: calldata or revert data of SetRegistry or SetPaymaster,
//! or a log of either, decoded with the contract's own decoder. For tools that are handed hex
//! (a block explorer's input field, an RPC error, a log) without being told what it is.

use alloc::string::ToString;

use alloy_primitives::B256;

use super::{AbiError, DecodedAbi};
use crate::paymaster::{self, PaymasterError, PaymasterRevert};
use crate::registry::{self, RegistryError, RegistryRevert};

/// The contract whose ABI recognised the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AbiSource {
    /// SetRegistry. The OpenZeppelin functions, errors and events both contracts inherit
    /// (`owner()`, `transferOwnership`, `OwnableUnauthorizedAccount`, `Initialized`, …) have the
    /// same encoding in each and are reported as SetRegistry's.
    SetRegistry,
    /// SetPaymaster.
    SetPaymaster,
    /// Solidity's own `Error(string)` or `Panic(uint256)`, which any contract may revert with.
    Solidity,
}

impl AbiSource {
    /// `SetRegistry`, `SetPaymaster` or `Solidity`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AbiSource::SetRegistry => "SetRegistry",
            AbiSource::SetPaymaster => "SetPaymaster",
            AbiSource::Solidity => "Solidity",
        }
    }
}

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AbiKind {
    /// Calldata of a function.
    Call,
    /// Revert data (a custom error, `Error(string)`, `Panic(uint256)`).
    Revert,
    /// An event log (topics and data).
    Log,
}

impl AbiKind {
    /// `call`, `revert` or `log`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AbiKind::Call => "call",
            AbiKind::Revert => "revert",
            AbiKind::Log => "log",
        }
    }
}

/// Bytes recognised and decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    /// Whose ABI.
    pub source: AbiSource,
    /// Calldata, revert data or a log.
    pub kind: AbiKind,
    /// The decoded form, as every decoder of this crate gives it.
    pub decoded: DecodedAbi,
}

impl Recognised {
    /// `{"contract": "SetRegistry", "kind": "call", "decoded": {name, signature, args}}`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut object = serde_json::Map::new();
        object.insert("contract".into(), self.source.as_str().into());
        object.insert("kind".into(), self.kind.as_str().into());
        object.insert("decoded".into(), self.decoded.to_json());
        serde_json::Value::Object(object)
    }
}

/// Recognises selector-prefixed `data` as calldata of SetRegistry, then of SetPaymaster, then as
/// revert data of SetRegistry, then of SetPaymaster (custom errors, `Error(string)`,
/// `Panic(uint256)`), and decodes it. A function selector and an error selector of these
/// contracts never coincide (the tests check every pair), so the order only decides who
/// reports the OpenZeppelin items both contracts share.
///
/// # Errors
/// [`AbiError::TooShort`] (`TRUNCATED`) under 4 bytes; [`AbiError::UnknownSelector`] when no
/// function or error of either contract has the selector; the decoder's
/// [`AbiError::Truncated`] / [`AbiError::Invalid`] when the selector is known but its arguments
/// do not decode (the first decoder that knows the selector reports).
pub fn recognise(data: &[u8]) -> Result<Recognised, AbiError> {
    let selector = super::selector_of("calldata or revert data", data)?;
    let call = |source, decoded| Recognised { source, kind: AbiKind::Call, decoded };
    match registry::decode_call(data).map_err(registry_abi) {
        Ok(decoded) => return Ok(call(AbiSource::SetRegistry, decoded.decoded())),
        Err(AbiError::UnknownSelector { .. }) => {}
        Err(other) => return Err(other),
    }
    match paymaster::decode_call(data).map_err(paymaster_abi) {
        Ok(decoded) => return Ok(call(AbiSource::SetPaymaster, decoded.decoded())),
        Err(AbiError::UnknownSelector { .. }) => {}
        Err(other) => return Err(other),
    }
    let revert = |source, decoded| Recognised { source, kind: AbiKind::Revert, decoded };
    match registry::decode_revert(data).map_err(registry_abi) {
        Ok(RegistryRevert::Reason(_) | RegistryRevert::Panic(_)) | Err(AbiError::UnknownSelector { .. }) => {}
        Ok(decoded) => return Ok(revert(AbiSource::SetRegistry, decoded.decoded())),
        Err(other) => return Err(other),
    }
    match paymaster::decode_revert(data).map_err(paymaster_abi) {
        Ok(decoded @ (PaymasterRevert::Reason(_) | PaymasterRevert::Panic(_))) => {
            Ok(revert(AbiSource::Solidity, decoded.decoded()))
        }
        Ok(decoded) => Ok(revert(AbiSource::SetPaymaster, decoded.decoded())),
        Err(AbiError::UnknownSelector { .. }) => {
            Err(AbiError::UnknownSelector { what: "calldata or revert data", selector })
        }
        Err(other) => Err(other),
    }
}

/// Recognises a log (topic0 first) as an event of SetRegistry, then of SetPaymaster, and
/// decodes it.
///
/// # Errors
/// [`AbiError::TooShort`] without topics; [`AbiError::UnknownEvent`] when topic0 is no event of
/// either contract; the decoder's [`AbiError::TopicCount`], [`AbiError::Truncated`] or
/// [`AbiError::Invalid`] when it is one but the log does not decode.
pub fn recognise_log(topics: &[B256], data: &[u8]) -> Result<Recognised, AbiError> {
    let log = |source, decoded| Recognised { source, kind: AbiKind::Log, decoded };
    match registry::decode_log(topics, data).map_err(registry_abi) {
        Ok(event) => return Ok(log(AbiSource::SetRegistry, event.decoded())),
        Err(AbiError::UnknownEvent { .. }) => {}
        Err(other) => return Err(other),
    }
    paymaster::decode_log(topics, data)
        .map_err(paymaster_abi)
        .map(|event| log(AbiSource::SetPaymaster, event.decoded()))
}

fn registry_abi(error: RegistryError) -> AbiError {
    match error {
        RegistryError::Abi(inner) => inner,
    }
}

/// The paymaster's decoders of calls, reverts and logs only fail with [`PaymasterError::Abi`];
/// anything else is reported as invalid ABI rather than dropped.
fn paymaster_abi(error: PaymasterError) -> AbiError {
    match error {
        PaymasterError::Abi(inner) => inner,
        other => AbiError::Invalid { what: "calldata or revert data", reason: other.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::String;
    use alloc::vec::Vec;

    use super::*;
    use crate::encoding::decode_hex;

    fn vectors(name: &str) -> serde_json::Value {
        let text = match name {
            "registry" => include_str!("../../../tests/vectors/registry.json"),
            _ => include_str!("../../../tests/vectors/paymaster.json"),
        };
        serde_json::from_str(text).unwrap_or_default()
    }

    fn hex(text: &serde_json::Value) -> Vec<u8> {
        decode_hex("data", text.as_str().unwrap_or_default()).unwrap_or_default()
    }

    fn topics(log: &serde_json::Value) -> Vec<B256> {
        log["topics"].as_array().into_iter().flatten().map(|topic| B256::from_slice(&hex(topic))).collect()
    }

    #[test]
    fn every_call_revert_and_log_of_the_vectors_is_recognised_as_its_own_decoder_decodes_it() {
        let mut seen = 0;
        for (name, source) in [("registry", AbiSource::SetRegistry), ("paymaster", AbiSource::SetPaymaster)] {
            let vectors = vectors(name);
            for case in vectors["calldata"].as_array().into_iter().flatten() {
                let recognised = recognise(&hex(&case["calldata"])).expect("calldata");
                assert_eq!(recognised.kind, AbiKind::Call);
                assert_eq!(recognised.decoded.to_json(), case["decoded"], "{name}: {case}");
                // The paymaster's vectors include the OpenZeppelin calls, which the registry reports.
                let shared = ["owner", "transferOwnership", "renounceOwnership", "upgradeToAndCall"];
                if !shared.contains(&recognised.decoded.name.as_str()) {
                    assert_eq!(recognised.source, source, "{case}");
                }
                seen += 1;
            }
            for case in vectors["reverts"].as_array().into_iter().flatten() {
                let recognised = recognise(&hex(&case["data"])).expect("revert");
                assert_eq!(recognised.kind, AbiKind::Revert, "{case}");
                assert_eq!(recognised.decoded.to_json(), case["decoded"], "{name}: {case}");
                if ["Error", "Panic"].contains(&recognised.decoded.name.as_str()) {
                    assert_eq!(recognised.source, AbiSource::Solidity);
                }
                seen += 1;
            }
            for case in vectors["logs"].as_array().into_iter().flatten() {
                let recognised = recognise_log(&topics(case), &hex(&case["data"])).expect("log");
                assert_eq!((recognised.kind, recognised.decoded.to_json()), (AbiKind::Log, case["decoded"].clone()));
                if !["Initialized", "OwnershipTransferred"].contains(&recognised.decoded.name.as_str()) {
                    assert_eq!(recognised.source, source, "{case}");
                }
                seen += 1;
            }
        }
        assert!(seen >= 60, "{seen}");
    }

    #[test]
    fn unknown_short_and_broken_input_keeps_the_decoders_codes() {
        let unknown = recognise(&[0xde, 0xad, 0xbe, 0xef, 0, 0]).expect_err("unknown");
        assert_eq!(
            unknown,
            AbiError::UnknownSelector { what: "calldata or revert data", selector: [0xde, 0xad, 0xbe, 0xef] }
        );
        assert_eq!(recognise(&[0xd3, 0x8f]).map_err(|e| e.code()), Err("TRUNCATED"));
        // commitBatch's selector with its arguments cut: the registry's decoder says why.
        assert_eq!(recognise(&[0xd3, 0x8f, 0x6b, 0x8b, 0]).map_err(|e| e.code()), Err("TRUNCATED"));
        assert_eq!(recognise_log(&[], &[]).map_err(|e| e.code()), Err("TRUNCATED"));
        assert_eq!(recognise_log(&[B256::repeat_byte(7)], &[]).map_err(|e| e.code()), Err("UNKNOWN_EVENT"));
        let json = recognise(&hex(&vectors("registry")["calldata"][0]["calldata"])).expect("call").to_json();
        assert_eq!((json["contract"].as_str(), json["kind"].as_str()), (Some("SetRegistry"), Some("call")));
    }

    #[test]
    fn no_function_selector_of_either_contract_is_also_an_error_selector() {
        let functions: Vec<[u8; 4]> =
            registry::RegistryCall::SELECTORS.iter().chain(paymaster::PaymasterCall::SELECTORS).copied().collect();
        let errors: Vec<[u8; 4]> = registry::ISetRegistry::ISetRegistryErrors::SELECTORS
            .iter()
            .chain(paymaster::ISetPaymaster::ISetPaymasterErrors::SELECTORS)
            .copied()
            .chain([[0x08, 0xc3, 0x79, 0xa0], [0x4e, 0x48, 0x7b, 0x71]])
            .collect();
        let clashes: Vec<String> = functions
            .iter()
            .filter(|selector| errors.contains(selector))
            .map(|s| crate::encoding::encode_hex(s))
            .collect();
        assert!(clashes.is_empty(), "{clashes:?}");
        assert!(functions.len() > 60 && errors.len() > 30, "{} {}", functions.len(), errors.len());
    }
}
