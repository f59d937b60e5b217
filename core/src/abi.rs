//! The ABI machinery shared by [`crate::registry`] and [`crate::paymaster`]: the
//! language-neutral decoded form ([`DecodedAbi`]), strict decoders, and [`AbiError`].
//!
//! Decoding is strict (canonical ABI only: clean padding, canonical offsets, valid bools and
//! addresses) but, like Solidity itself, accepts trailing bytes after the encoding, because
//! wallets append attribution suffixes to calldata. No decoder panics.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use alloc::{format, vec};

use alloy_primitives::{Address, Bytes, IntoLogData, B256, U256};
use alloy_sol_types::abi::AbiDecoderConfig;
use alloy_sol_types::{Panic, Revert, SolCall, SolEventInterface, SolInterface, SolType};

use crate::encoding::encode_hex;
use crate::registry::ISetRegistry;

mod recognise;
#[cfg(test)]
pub(crate) mod test_support;

pub use recognise::{recognise, recognise_log, AbiKind, AbiSource, Recognised};

// The OpenZeppelin functions both SetRegistry and SetPaymaster inherit, with the same selectors
// in each (both interface files declare them; the paymaster's tests decode these encodings as its
// own calls). Encoded through the registry's generated types, so no third copy of the ABI exists.

/// `transferOwnership(newOwner)` calldata (OpenZeppelin `Ownable`, owner only).
pub fn encode_transfer_ownership(new_owner: Address) -> Vec<u8> {
    ISetRegistry::transferOwnershipCall { newOwner: new_owner }.abi_encode()
}

/// `renounceOwnership()` calldata (OpenZeppelin `Ownable`, owner only).
pub fn encode_renounce_ownership() -> Vec<u8> {
    ISetRegistry::renounceOwnershipCall {}.abi_encode()
}

/// `upgradeToAndCall(newImplementation, data)` calldata (UUPS upgrade, owner only).
pub fn encode_upgrade_to_and_call(new_implementation: Address, data: &[u8]) -> Vec<u8> {
    ISetRegistry::upgradeToAndCallCall { newImplementation: new_implementation, data: Bytes::copy_from_slice(data) }
        .abi_encode()
}

// ---------------------------------------------------------------------------------------------
// Language-neutral decoded form
// ---------------------------------------------------------------------------------------------

/// One decoded ABI value, rendered for every language alike.
///
/// Scalars are text: unsigned integers in decimal, `bytes32` / `bytes` / `address` as `0x`
/// lowercase hex (addresses are not checksummed), `bool` as `true` / `false`, `string` as is.
/// Arrays are lists and structs are tuples of named fields in ABI order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AbiValue {
    /// A scalar rendered as text.
    Text(String),
    /// An array (`T[]`).
    List(Vec<AbiValue>),
    /// A struct, its fields in ABI order.
    Tuple(Vec<NamedValue>),
}

impl AbiValue {
    /// JSON form: a string, an array, or an object keyed by field name.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            AbiValue::Text(text) => serde_json::Value::String(text.clone()),
            AbiValue::List(items) => serde_json::Value::Array(items.iter().map(AbiValue::to_json).collect()),
            AbiValue::Tuple(fields) => named_values_to_json(fields),
        }
    }

    /// The text of a scalar, `None` for lists and tuples.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            AbiValue::Text(text) => Some(text),
            AbiValue::List(_) | AbiValue::Tuple(_) => None,
        }
    }
}

/// A named argument (or struct field, or return value) with its Solidity type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedValue {
    /// The ABI parameter name (`batchId`).
    pub name: String,
    /// The canonical Solidity type as it appears in signatures (`bytes32`, `uint64[]`,
    /// `(bytes32,uint64)` for structs).
    pub sol_type: String,
    /// The rendered value.
    pub value: AbiValue,
}

impl NamedValue {
    pub(crate) fn of<T: AbiRender>(name: &str, value: &T) -> Self {
        NamedValue { name: name.into(), sol_type: T::sol_type(), value: value.render() }
    }
}

/// A decoded call, return value, log or revert in a language-neutral form.
///
/// JSON shape (see [`DecodedAbi::to_json`]):
/// `{"name": "SequenceGap", "signature": "SequenceGap(uint64,uint64)", "args": {"expected": "11", "provided": "12"}}`,
/// plus `"inner": {…}` when a wrapped revert (`BatchCommitFailed`) was decoded recursively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedAbi {
    /// The function, event or error name (`commitBatch`, `BatchCommitted`, `Error`, `Panic`).
    pub name: String,
    /// The canonical signature (`SequenceGap(uint64,uint64)`). Return values use
    /// `getHeadSequence(bytes32,bytes32) returns (uint64)`.
    pub signature: String,
    /// The arguments (or return values) in ABI order.
    pub args: Vec<NamedValue>,
    /// The decoded revert wrapped in a `bytes` argument, for `BatchCommitFailed`.
    pub inner: Option<Box<DecodedAbi>>,
}

impl DecodedAbi {
    /// JSON form `{"name", "signature", "args": {name: value}}` (plus `"inner"` when present).
    ///
    /// JSON objects are unordered; [`DecodedAbi::args`] keeps the ABI order.
    pub fn to_json(&self) -> serde_json::Value {
        let mut object = serde_json::Map::new();
        object.insert("name".into(), serde_json::Value::String(self.name.clone()));
        object.insert("signature".into(), serde_json::Value::String(self.signature.clone()));
        object.insert("args".into(), named_values_to_json(&self.args));
        if let Some(inner) = &self.inner {
            object.insert("inner".into(), inner.to_json());
        }
        serde_json::Value::Object(object)
    }

    /// The value of the argument called `name`, if there is one.
    pub fn arg(&self, name: &str) -> Option<&AbiValue> {
        self.args.iter().find(|arg| arg.name == name).map(|arg| &arg.value)
    }
}

fn named_values_to_json(values: &[NamedValue]) -> serde_json::Value {
    serde_json::Value::Object(values.iter().map(|value| (value.name.clone(), value.value.to_json())).collect())
}

/// A Rust value produced by the ABI decoder that knows its Solidity type and rendering.
pub(crate) trait AbiRender {
    fn sol_type() -> String;
    fn render(&self) -> AbiValue;
}

/// A sol!-generated struct (call, return, event, error or user struct) as named values.
pub(crate) trait AbiArgs {
    fn named_args(&self) -> Vec<NamedValue>;
}

macro_rules! render_decimal {
    ($($ty:ty => $name:literal),* $(,)?) => {$(
        impl AbiRender for $ty {
            fn sol_type() -> String {
                $name.into()
            }
            fn render(&self) -> AbiValue {
                AbiValue::Text(self.to_string())
            }
        }
    )*};
}

render_decimal!(u8 => "uint8", u32 => "uint32", u64 => "uint64", u128 => "uint128", U256 => "uint256");

impl AbiRender for bool {
    fn sol_type() -> String {
        "bool".into()
    }
    fn render(&self) -> AbiValue {
        AbiValue::Text(self.to_string())
    }
}

impl AbiRender for B256 {
    fn sol_type() -> String {
        "bytes32".into()
    }
    fn render(&self) -> AbiValue {
        AbiValue::Text(encode_hex(self.as_slice()))
    }
}

impl AbiRender for Address {
    fn sol_type() -> String {
        "address".into()
    }
    fn render(&self) -> AbiValue {
        // Display would checksum; the neutral form is lowercase.
        AbiValue::Text(encode_hex(self.as_slice()))
    }
}

impl AbiRender for Bytes {
    fn sol_type() -> String {
        "bytes".into()
    }
    fn render(&self) -> AbiValue {
        AbiValue::Text(encode_hex(self))
    }
}

impl AbiRender for String {
    fn sol_type() -> String {
        "string".into()
    }
    fn render(&self) -> AbiValue {
        AbiValue::Text(self.clone())
    }
}

impl<T: AbiRender> AbiRender for Vec<T> {
    fn sol_type() -> String {
        format!("{}[]", T::sol_type())
    }
    fn render(&self) -> AbiValue {
        AbiValue::List(self.iter().map(AbiRender::render).collect())
    }
}

impl AbiArgs for Revert {
    fn named_args(&self) -> Vec<NamedValue> {
        vec![NamedValue::of("reason", &self.reason)]
    }
}

impl AbiArgs for Panic {
    fn named_args(&self) -> Vec<NamedValue> {
        vec![NamedValue::of("code", &self.code)]
    }
}

/// `(t1,t2,…)` from named values, as signatures spell tuples.
pub(crate) fn tuple_type(values: &[NamedValue]) -> String {
    let types: Vec<&str> = values.iter().map(|value| value.sol_type.as_str()).collect();
    format!("({})", types.join(","))
}

pub(crate) fn name_of_signature(signature: &str) -> &str {
    signature.split('(').next().unwrap_or(signature)
}

/// The decoded form of a call, event or error given its sol!-generated signature.
pub(crate) fn decoded_from<T: AbiArgs>(signature: &str, value: &T) -> DecodedAbi {
    DecodedAbi {
        name: name_of_signature(signature).into(),
        signature: signature.into(),
        args: value.named_args(),
        inner: None,
    }
}

/// The decoded form of a function's return values.
pub(crate) fn returns_decoded_from<T: AbiArgs>(call_signature: &str, value: &T) -> DecodedAbi {
    let args = value.named_args();
    DecodedAbi {
        name: name_of_signature(call_signature).into(),
        signature: format!("{call_signature} returns {}", tuple_type(&args)),
        args,
        inner: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding infrastructure shared with `paymaster`
// ---------------------------------------------------------------------------------------------

/// Bounds what a hostile length field can make the decoder allocate; the largest legitimate
/// input (a block's worth of calldata) decodes to far less.
const DECODE_MEMORY_LIMIT: usize = 64 << 20;

/// Strict canonical decoding, trailing bytes allowed (as Solidity allows them).
pub(crate) fn decoder_config() -> AbiDecoderConfig {
    AbiDecoderConfig::new().strict(true).validate_allow_trailing_bytes(true).memory_limit(DECODE_MEMORY_LIMIT)
}

/// ABI bytes that cannot be decoded: the failure every ABI decoder of this crate reports.
///
/// `what` names the input (`commitBatch calldata`, `revert data`, `log topics`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AbiError {
    /// Shorter than the fixed part of the encoding (selector, static head, topic0).
    #[error("{what}: expected at least {expected_at_least} bytes, got {actual}")]
    TooShort {
        /// What was being decoded.
        what: &'static str,
        /// The smallest length that could be valid (bytes, or topics for `log topics`).
        expected_at_least: usize,
        /// The length given.
        actual: usize,
    },
    /// The encoding points past the end of the data (a dynamic part is cut off).
    #[error("{what}: truncated ({actual} bytes end before the encoded values do)")]
    Truncated {
        /// What was being decoded.
        what: &'static str,
        /// The length given, in bytes.
        actual: usize,
    },
    /// The 4-byte selector is not one this decoder accepts.
    #[error("{what}: unknown selector 0x{}", hex::encode(selector))]
    UnknownSelector {
        /// What was being decoded.
        what: &'static str,
        /// The selector found.
        selector: [u8; 4],
    },
    /// topic0 is not the hash of any event of the contract.
    #[error("log: unknown event topic0 {topic0}")]
    UnknownEvent {
        /// The topic0 found.
        topic0: B256,
    },
    /// topic0 names a known event but the log has the wrong number of topics.
    #[error("log: {event} has {expected} topics, got {actual}")]
    TopicCount {
        /// The event signature.
        event: &'static str,
        /// Topics the event has (topic0 included).
        expected: usize,
        /// Topics given.
        actual: usize,
    },
    /// The bytes are not a valid (strict, canonical) ABI encoding of the expected values.
    #[error("{what}: invalid ABI encoding ({reason})")]
    Invalid {
        /// What was being decoded.
        what: &'static str,
        /// The decoder's explanation.
        reason: String,
    },
}

impl AbiError {
    /// Stable machine-readable code, the same string in every language binding.
    pub fn code(&self) -> &'static str {
        match self {
            AbiError::TooShort { .. } | AbiError::Truncated { .. } => "TRUNCATED",
            AbiError::UnknownSelector { .. } => "UNKNOWN_SELECTOR",
            AbiError::UnknownEvent { .. } => "UNKNOWN_EVENT",
            AbiError::TopicCount { .. } => "WRONG_TOPIC_COUNT",
            AbiError::Invalid { .. } => "INVALID_ABI",
        }
    }
}

pub(crate) fn abi_error(what: &'static str, actual: usize, error: alloy_sol_types::Error) -> AbiError {
    use alloy_sol_types::Error;
    // Reasons written here rather than by alloy's `Display`, which quotes type names with
    // `Debug` and would keep string escaping and its Unicode tables in the npm package's wasm.
    let reason = match error {
        Error::Overrun => return AbiError::Truncated { what, actual },
        Error::TypeCheckFail { expected_type, .. } => alloc::format!("a value does not fit {expected_type}"),
        Error::BufferNotEmpty => "bytes left after the encoded values".into(),
        Error::ReserMismatch => "not the canonical encoding of the values it holds".into(),
        Error::RecursionLimitExceeded(limit) => alloc::format!("nested more than {limit} levels"),
        Error::MemoryLimitExceeded(limit) => alloc::format!("decodes to more than {limit} bytes"),
        Error::Other(reason) => reason.into_owned(),
        _ => "not a valid encoding".into(),
    };
    AbiError::Invalid { what, reason }
}

pub(crate) fn selector_of(what: &'static str, data: &[u8]) -> Result<[u8; 4], AbiError> {
    data.first_chunk::<4>().copied().ok_or(AbiError::TooShort { what, expected_at_least: 4, actual: data.len() })
}

/// Decodes calldata of one specific function.
pub(crate) fn decode_call_as<C: SolCall + Default>(what: &'static str, data: &[u8]) -> Result<C, AbiError> {
    let selector = selector_of(what, data)?;
    if selector != C::SELECTOR {
        return Err(AbiError::UnknownSelector { what, selector });
    }
    // The default value has empty arrays, so its size is the smallest canonical encoding.
    let expected_at_least = 4 + C::default().abi_encoded_size();
    if data.len() < expected_at_least {
        return Err(AbiError::TooShort { what, expected_at_least, actual: data.len() });
    }
    C::abi_decode_with_config(data, decoder_config()).map_err(|e| abi_error(what, data.len(), e))
}

/// The smallest possible return data of `C`: exact for static returns, one offset word otherwise.
pub(crate) fn minimum_return_len<C: SolCall>() -> usize {
    <C::ReturnTuple<'static> as SolType>::ENCODED_SIZE.unwrap_or(32)
}

/// Decodes the return data of one specific function.
pub(crate) fn decode_returns_as<C: SolCall>(what: &'static str, data: &[u8]) -> Result<C::Return, AbiError> {
    let expected_at_least = minimum_return_len::<C>();
    if data.len() < expected_at_least {
        return Err(AbiError::TooShort { what, expected_at_least, actual: data.len() });
    }
    C::abi_decode_returns_with_config(data, decoder_config()).map_err(|e| abi_error(what, data.len(), e))
}

/// Decodes selector-prefixed data into one variant of a sol! interface enum (calls, errors).
pub(crate) fn decode_interface<I: SolInterface>(what: &'static str, data: &[u8]) -> Result<I, AbiError> {
    let selector = selector_of(what, data)?;
    if !I::valid_selector(selector) {
        return Err(AbiError::UnknownSelector { what, selector });
    }
    I::abi_decode_with_config(data, decoder_config()).map_err(|e| abi_error(what, data.len(), e))
}

/// Decodes a log after checking topic0 and the topic count against `shape`.
pub(crate) fn decode_log_as<E: SolEventInterface>(
    topics: &[B256],
    data: &[u8],
    shape: fn(&B256) -> Option<(&'static str, usize)>,
) -> Result<E, AbiError> {
    let topic0 = topics.first().ok_or(AbiError::TooShort { what: "log topics", expected_at_least: 1, actual: 0 })?;
    let (event, expected) = shape(topic0).ok_or(AbiError::UnknownEvent { topic0: *topic0 })?;
    if topics.len() != expected {
        return Err(AbiError::TopicCount { event, expected, actual: topics.len() });
    }
    E::decode_raw_log_with_config(topics, data, decoder_config()).map_err(|e| abi_error("log data", data.len(), e))
}

/// Implements [`AbiArgs`] / [`AbiRender`] for every item of a sol! interface, the public
/// `decoded()` of its calls, errors and events enums (and `to_log()` of the events), and the
/// dispatch functions `return_decoded` and `event_shape`, visible to the parent module (the
/// interface lives in a submodule of `registry` / `paymaster`, next to the calls, views, logs and
/// reverts using them).
///
/// Each item lists its fields by name. The `let Self { .. } = self` destructuring makes the
/// compiler reject a missing or misspelt field, the exhaustive `match`es reject a missing
/// variant, and the tests compare the rendered types against each item's `SIGNATURE`, which
/// catches fields listed out of ABI order.
macro_rules! abi_interface {
    // The functions, errors and events both contracts inherit from OpenZeppelin (`Ownable`,
    // `Initializable`, `ReentrancyGuardTransient`, `UUPSUpgradeable`, `ERC1967Utils`), declared
    // alike in both interface files, are added here rather than listed by each interface.
    (
        module $m:ident;
        structs { $($structs:tt)* }
        calls $calls:ident { $($call_items:tt)* }
        errors $errs:ident { $($error_items:tt)* }
        events $evts:ident { $($event_items:tt)* }
    ) => {
        $crate::abi::abi_interface! {
            @expand
            module $m;
            structs { $($structs)* }
            calls $calls {
                $($call_items)*
                owner => ownerCall {} -> ownerReturn { account }
                transferOwnership => transferOwnershipCall { newOwner } -> transferOwnershipReturn {}
                renounceOwnership => renounceOwnershipCall {} -> renounceOwnershipReturn {}
                upgradeToAndCall => upgradeToAndCallCall { newImplementation, data } -> upgradeToAndCallReturn {}
                proxiableUUID => proxiableUUIDCall {} -> proxiableUUIDReturn { slot }
                UPGRADE_INTERFACE_VERSION => UPGRADE_INTERFACE_VERSIONCall {} -> UPGRADE_INTERFACE_VERSIONReturn { version }
            }
            errors $errs {
                $($error_items)*
                OwnableUnauthorizedAccount { account }
                OwnableInvalidOwner { owner }
                ReentrancyGuardReentrantCall {}
                InvalidInitialization {}
                NotInitializing {}
                UUPSUnauthorizedCallContext {}
                UUPSUnsupportedProxiableUUID { slot }
                ERC1967InvalidImplementation { implementation }
                ERC1967NonPayable {}
            }
            events $evts {
                $($event_items)*
                Initialized { version }
                OwnershipTransferred { previousOwner, newOwner }
                Upgraded { implementation }
            }
        }
    };
    (
        @expand
        module $m:ident;
        structs { $( $s:ident { $($sf:ident),* $(,)? } )* }
        calls $calls:ident { $( $cv:ident => $call:ident { $($ca:ident),* $(,)? } -> $ret:ident { $($ra:ident),* $(,)? } )* }
        errors $errs:ident { $( $ev:ident { $($ea:ident),* $(,)? } )* }
        events $evts:ident { $( $lv:ident { $($la:ident),* $(,)? } )* }
    ) => {
        $crate::abi::abi_interface!(@args $( $m::$s { $($sf),* } )*);
        $(
            impl $crate::abi::AbiRender for $m::$s {
                fn sol_type() -> alloc::string::String {
                    $crate::abi::tuple_type(
                        &$crate::abi::AbiArgs::named_args(&<Self as Default>::default()),
                    )
                }
                fn render(&self) -> $crate::abi::AbiValue {
                    $crate::abi::AbiValue::Tuple($crate::abi::AbiArgs::named_args(self))
                }
            }
        )*
        $crate::abi::abi_interface!(@args $( $m::$call { $($ca),* } $m::$ret { $($ra),* } )*);
        $crate::abi::abi_interface!(@args $( $m::$ev { $($ea),* } )*);
        $crate::abi::abi_interface!(@args $( $m::$lv { $($la),* } )*);

        $crate::abi::abi_interface!(@decoded
            /// The language-neutral form: function name, signature and named arguments.
            $m::$calls: SolCall { $( $cv => $call )* }
        );

        pub(super) fn return_decoded(
            selector: [u8; 4],
            data: &[u8],
        ) -> Result<$crate::abi::DecodedAbi, $crate::abi::AbiError> {
            $(
                if selector == <$m::$call as alloy_sol_types::SolCall>::SELECTOR {
                    let what = "return data";
                    let expected_at_least = $crate::abi::minimum_return_len::<$m::$call>();
                    if data.len() < expected_at_least {
                        return Err($crate::abi::AbiError::TooShort {
                            what,
                            expected_at_least,
                            actual: data.len(),
                        });
                    }
                    let tuple = <<$m::$call as alloy_sol_types::SolCall>::ReturnTuple<'_> as alloy_sol_types::SolType>::abi_decode_sequence_with_config(
                        data,
                        $crate::abi::decoder_config(),
                    )
                    .map_err(|e| $crate::abi::abi_error(what, data.len(), e))?;
                    let returned = <$m::$ret>::from(tuple);
                    return Ok($crate::abi::returns_decoded_from(
                        <$m::$call as alloy_sol_types::SolCall>::SIGNATURE,
                        &returned,
                    ));
                }
            )*
            Err($crate::abi::AbiError::UnknownSelector { what: "function selector", selector })
        }

        $crate::abi::abi_interface!(@decoded
            /// The language-neutral form: error name, signature and named arguments.
            $m::$errs: SolError { $( $ev => $ev )* }
        );
        $crate::abi::abi_interface!(@decoded
            /// The language-neutral form: event name, signature and named arguments (indexed
            /// ones too).
            $m::$evts: SolEvent { $( $lv => $lv )* }
        );

        impl $m::$evts {
            /// The log this event is emitted as (the inverse of the module's `decode_log`).
            pub fn to_log(&self) -> $crate::abi::EncodedLog {
                $crate::abi::EncodedLog::from_log_data(self)
            }
        }

        /// The signature and topic count of the event whose topic0 is `topic0`.
        pub(super) fn event_shape(topic0: &alloy_primitives::B256) -> Option<(&'static str, usize)> {
            $(
                if *topic0 == <$m::$lv as alloy_sol_types::SolEvent>::SIGNATURE_HASH {
                    return Some((
                        <$m::$lv as alloy_sol_types::SolEvent>::SIGNATURE,
                        <<$m::$lv as alloy_sol_types::SolEvent>::TopicList as alloy_sol_types::TopicList>::COUNT,
                    ));
                }
            )*
            None
        }

        /// Every call, error and event decoded from its default value, with its `SIGNATURE`.
        #[cfg(test)]
        pub(super) fn every_item_from_default() -> alloc::vec::Vec<(&'static str, $crate::abi::DecodedAbi)> {
            alloc::vec![
                $( (
                    <$m::$call as alloy_sol_types::SolCall>::SIGNATURE,
                    $crate::abi::decoded_from("", &<$m::$call>::default()),
                ), )*
                $( (
                    <$m::$ev as alloy_sol_types::SolError>::SIGNATURE,
                    $crate::abi::decoded_from("", &<$m::$ev>::default()),
                ), )*
                $( (
                    <$m::$lv as alloy_sol_types::SolEvent>::SIGNATURE,
                    $crate::abi::decoded_from("", &<$m::$lv>::default()),
                ), )*
            ]
        }

        /// Every function's return values from their default value, with alloy's name of the
        /// return tuple type.
        #[cfg(test)]
        pub(super) fn every_return_from_default() -> alloc::vec::Vec<(&'static str, $crate::abi::DecodedAbi)> {
            alloc::vec![
                $( (
                    <<$m::$call as alloy_sol_types::SolCall>::ReturnTuple<'static> as alloy_sol_types::SolType>::SOL_NAME,
                    $crate::abi::returns_decoded_from(
                        <$m::$call as alloy_sol_types::SolCall>::SIGNATURE,
                        // Empty returns derive nothing, so start from the tuple's default.
                        &<$m::$ret>::from(<<<$m::$call as alloy_sol_types::SolCall>::ReturnTuple<'static> as alloy_sol_types::SolType>::RustType as Default>::default()),
                    ),
                ), )*
            ]
        }
    };
    (@decoded $(#[$doc:meta])* $m:ident :: $enum:ident: $trait:ident { $( $variant:ident => $item:ident )* }) => {
        impl $m::$enum {
            $(#[$doc])*
            pub fn decoded(&self) -> $crate::abi::DecodedAbi {
                match self {$(
                    $m::$enum::$variant(inner) => $crate::abi::decoded_from(
                        <$m::$item as alloy_sol_types::$trait>::SIGNATURE,
                        inner,
                    ),
                )*}
            }
        }
    };
    (@args $( $ty:path { $($field:ident),* } )*) => {$(
        impl $crate::abi::AbiArgs for $ty {
            #[allow(non_snake_case)]
            fn named_args(&self) -> alloc::vec::Vec<$crate::abi::NamedValue> {
                let Self { $($field),* } = self;
                alloc::vec![$( $crate::abi::NamedValue::of(stringify!($field), $field) ),*]
            }
        }
    )*};
}
pub(crate) use abi_interface;

/// A log as topics (topic0 = event signature hash, then indexed arguments) and data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EncodedLog {
    /// topic0 followed by the indexed arguments, each 32 bytes.
    pub topics: Vec<B256>,
    /// The ABI-encoded non-indexed arguments.
    pub data: Vec<u8>,
}

impl EncodedLog {
    pub(crate) fn from_log_data<E: IntoLogData>(event: &E) -> Self {
        let log = event.to_log_data();
        EncodedLog { topics: log.topics().to_vec(), data: log.data.to_vec() }
    }
}
