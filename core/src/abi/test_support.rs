//! What the `registry` and `paymaster` tests check alike: selector and topic pins, the
//! OpenZeppelin items both contracts inherit, the decoded forms against the signatures, and the
//! inputs of the no-panic properties.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::B256;
use alloy_sol_types::{ContractError, SolCall, SolError, SolEvent, SolInterface};

use super::{name_of_signature, tuple_type, DecodedAbi};

/// A pinned selector or topic: the signature and hex written in the test, and what sol!
/// generated for the item.
pub(crate) struct Pin {
    signature: &'static str,
    expected_hex: &'static str,
    generated_signature: &'static str,
    generated: Vec<u8>,
}

/// The pin of function `C`: `call_pin::<ISetRegistry::pauseCall>("pause()", "0x8456cb59")`.
pub(crate) fn call_pin<C: SolCall>(signature: &'static str, expected_hex: &'static str) -> Pin {
    Pin { signature, expected_hex, generated_signature: C::SIGNATURE, generated: C::SELECTOR.to_vec() }
}

/// The pin of custom error `E`.
pub(crate) fn error_pin<E: SolError>(signature: &'static str, expected_hex: &'static str) -> Pin {
    Pin { signature, expected_hex, generated_signature: E::SIGNATURE, generated: E::SELECTOR.to_vec() }
}

/// The pin of event `E` (its topic0).
pub(crate) fn event_pin<E: SolEvent>(signature: &'static str, expected_hex: &'static str) -> Pin {
    Pin { signature, expected_hex, generated_signature: E::SIGNATURE, generated: E::SIGNATURE_HASH.to_vec() }
}

/// The pin rows `(functions, errors, events)` of what both contracts inherit from OpenZeppelin
/// (`Ownable`, `Initializable`, `ReentrancyGuardTransient`, `UUPSUpgradeable`, `ERC1967Utils`),
/// with the same selectors and topics in each interface `$m`; the events include
/// `ContractUpgraded`, which each contract declares and emits alike on an upgrade.
macro_rules! inherited_pins {
    ($m:ident) => {{
        use $crate::abi::test_support::{call_pin, error_pin, event_pin};
        (
            [
                call_pin::<$m::ownerCall>("owner()", "0x8da5cb5b"),
                call_pin::<$m::transferOwnershipCall>("transferOwnership(address)", "0xf2fde38b"),
                call_pin::<$m::renounceOwnershipCall>("renounceOwnership()", "0x715018a6"),
                call_pin::<$m::upgradeToAndCallCall>("upgradeToAndCall(address,bytes)", "0x4f1ef286"),
                call_pin::<$m::proxiableUUIDCall>("proxiableUUID()", "0x52d1902d"),
                call_pin::<$m::UPGRADE_INTERFACE_VERSIONCall>("UPGRADE_INTERFACE_VERSION()", "0xad3cb1cc"),
            ],
            [
                error_pin::<$m::OwnableUnauthorizedAccount>("OwnableUnauthorizedAccount(address)", "0x118cdaa7"),
                error_pin::<$m::OwnableInvalidOwner>("OwnableInvalidOwner(address)", "0x1e4fbdf7"),
                error_pin::<$m::InvalidInitialization>("InvalidInitialization()", "0xf92ee8a9"),
                error_pin::<$m::NotInitializing>("NotInitializing()", "0xd7e6bcf8"),
                error_pin::<$m::ReentrancyGuardReentrantCall>("ReentrancyGuardReentrantCall()", "0x3ee5aeb5"),
                error_pin::<$m::UUPSUnauthorizedCallContext>("UUPSUnauthorizedCallContext()", "0xe07c8dba"),
                error_pin::<$m::UUPSUnsupportedProxiableUUID>("UUPSUnsupportedProxiableUUID(bytes32)", "0xaa1d49a4"),
                error_pin::<$m::ERC1967InvalidImplementation>("ERC1967InvalidImplementation(address)", "0x4c9c8ce3"),
                error_pin::<$m::ERC1967NonPayable>("ERC1967NonPayable()", "0xb398979f"),
            ],
            [
                event_pin::<$m::ContractUpgraded>(
                    "ContractUpgraded(address,address)",
                    "0x2e4cc16c100f0b55e2df82ab0b1a7e294aa9cbd01b48fbaf622683fbc0507a49",
                ),
                event_pin::<$m::Initialized>(
                    "Initialized(uint64)",
                    "0xc7f505b2f371ae2175ee4913f4499e1f2633a7b5936321eed1cdaeb6115181d2",
                ),
                event_pin::<$m::OwnershipTransferred>(
                    "OwnershipTransferred(address,address)",
                    "0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0",
                ),
                event_pin::<$m::Upgraded>(
                    "Upgraded(address)",
                    "0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b",
                ),
            ],
        )
    }};
}
pub(crate) use inherited_pins;

/// Checks pins: the pinned signature equals the sol! one, and both `keccak256(signature)` and the
/// generated selector or topic start with the expected bytes.
pub(crate) fn check_pins(pins: &[Pin]) {
    for pin in pins {
        let signature = pin.signature;
        assert_eq!(signature, pin.generated_signature, "sol! signature differs from the pinned one");
        let expected = crate::encoding::decode_hex("pin", pin.expected_hex).unwrap();
        let hash = alloy_primitives::keccak256(signature.as_bytes());
        assert_eq!(&hash[..expected.len()], &expected[..], "keccak256({signature})");
        assert_eq!(pin.generated, expected, "generated constant of {signature}");
    }
}

/// Checks the decoded forms of an interface (`every_item_from_default`,
/// `every_return_from_default`): every item's fields rebuild its signature, so they are listed
/// in ABI order, and every return signature ends with the return tuple. alloy names a struct
/// inside a return tuple by its name; `structs` maps each such name to the tuple signatures
/// spell instead.
pub(crate) fn check_decoded_forms(
    items: Vec<(&str, DecodedAbi)>,
    returns: Vec<(&str, DecodedAbi)>,
    structs: &[(&str, String)],
) {
    for (signature, decoded) in items {
        assert_eq!(format!("{}{}", name_of_signature(signature), tuple_type(&decoded.args)), signature);
    }
    for (tuple_name, decoded) in returns {
        let expected = structs.iter().fold(String::from(tuple_name), |name, (s, tuple)| name.replace(s, tuple));
        assert!(decoded.signature.ends_with(&format!(" returns {expected}")), "{}", decoded.signature);
    }
}

/// A selector the decoders know (of a call of `C` or an error of `E`, `Error(string)` and
/// `Panic(uint256)` included), chosen by `pick`, followed by `tail`.
pub(crate) fn known_selector_with_tail<C: SolInterface, E: SolInterface>(pick: usize, tail: &[u8]) -> Vec<u8> {
    let selectors: Vec<[u8; 4]> = C::selectors().chain(ContractError::<E>::selectors()).collect();
    let mut data = selectors[pick % selectors.len()].to_vec();
    data.extend_from_slice(tail);
    data
}

/// `count` topics made from `seed`, topic0 replaced by `known` when there is one.
pub(crate) fn topics_from_seed(count: usize, seed: &[u8; 32], known: Option<B256>) -> Vec<B256> {
    let mut topics: Vec<B256> = (0..count).map(|i| B256::repeat_byte(seed[i])).collect();
    if let (Some(topic0), Some(first)) = (known, topics.first_mut()) {
        *first = topic0;
    }
    topics
}

/// The no-panic properties every ABI module's decoders share, as proptests of the calling test
/// module: any bytes, then a selector the module knows with any tail, through `$all` (which runs
/// every decoder of the module) and `$decode_return`; and any log, its topic0 `$known_topic` or
/// not, through `$decode_log`. `$calls` and `$errors` are the module's call and error interfaces,
/// `$picks` how many picks cover their selectors.
macro_rules! decoders_never_panic {
    (
        all: $all:path,
        decode_return: $decode_return:path,
        decode_log: $decode_log:path,
        calls: $calls:ty,
        errors: $errors:ty,
        picks: $picks:expr,
        known_topic: $known_topic:expr $(,)?
    ) => {
        proptest::proptest! {
            #[test]
            fn decoders_never_panic_on_random_bytes(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
                $all(&data);
            }

            #[test]
            fn decoders_never_panic_on_known_selectors_with_random_tails(
                pick in 0usize..$picks,
                tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
            ) {
                let data = $crate::abi::test_support::known_selector_with_tail::<$calls, $errors>(pick, &tail);
                $all(&data);
                let _ = $decode_return(&data[..4], &tail);
            }

            #[test]
            fn log_decoder_never_panics(
                topic_count in 0usize..5,
                known in proptest::prelude::any::<bool>(),
                seed in proptest::prelude::any::<[u8; 32]>(),
                data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            ) {
                let topics = $crate::abi::test_support::topics_from_seed(topic_count, &seed, known.then_some($known_topic));
                let _ = $decode_log(&topics, &data).map(|event| event.decoded().to_json());
            }
        }
    };
}
pub(crate) use decoders_never_panic;
