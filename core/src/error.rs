//! The crate-wide error: one variant per module error, for callers that span modules.
//!
//! Bindings map this enum once (JS `Error` subclasses, Python exceptions, uniffi errors);
//! [`Error::code`] is the stable string they expose and [`Error::module`] picks the class.
//! [`CODES`] lists every code, so that a binding's tests can check they cover them.

#[cfg(feature = "anchor-proof")]
use crate::anchor_proof::AnchorProofError;
use crate::anchoring::AnchorCheckError;
use crate::audit::AuditError;
use crate::encoding::EncodingError;
use crate::ids::IdError;
use crate::merkle::MerkleError;
use crate::paymaster::PaymasterError;
use crate::receipt::ReceiptError;
use crate::registry::RegistryError;
use crate::sequencer::SequencerApiError;
use crate::ves::agent::AgentError;
use crate::ves::VesError;

/// Every code [`Error::code`] can return, once each (a code shared by several modules, like
/// `INVALID_JSON` or `WRONG_LENGTH`, is listed once), in module order. The unit tests build every
/// variant of every module error and check that its code is here.
pub const CODES: &[&str] = &[
    // encoding
    "INVALID_HEX",
    "WRONG_LENGTH",
    // ids
    "INVALID_UUID",
    "NOT_PADDED_UUID",
    // merkle
    "EMPTY_TREE",
    "TOO_MANY_LEAVES",
    "INVALID_LEAF_COUNT",
    "UNKNOWN_SCHEME",
    "INDEX_OUT_OF_RANGE",
    "PROOF_TOO_LONG",
    "PROOF_LENGTH_MISMATCH",
    "LENGTH_MISMATCH",
    // ves
    "INVALID_JSON",
    "CANONICALIZATION_FAILED",
    "INVALID_PUBLIC_KEY",
    "FIELD_TOO_LONG",
    // receipt
    "UNSUPPORTED_FORMAT",
    "NETWORK_NOT_PINNED",
    "PARTS_MISMATCH",
    // agent (ves::agent: the store agent's side)
    "UNSUPPORTED_VERSION",
    "SCHEMA_VALIDATION",
    "INVALID_PAYLOAD_HASH",
    "INVALID_FIELD_VALUE",
    "PAYLOAD_TOO_LARGE",
    "MISSING_SIGNATURE",
    "SIGNATURE_MISMATCH",
    "ML_DSA_NOT_SUPPORTED",
    "RECEIPT_NOT_VERIFIED",
    "UNEXPECTED_RECEIPT",
    "INVALID_TIMESTAMP",
    // abi (registry, paymaster)
    "TRUNCATED",
    "UNKNOWN_SELECTOR",
    "UNKNOWN_EVENT",
    "WRONG_TOPIC_COUNT",
    "INVALID_ABI",
    // paymaster
    "INVALID_OPERATION_TYPE",
    // anchoring
    "STATE_ROOT_MISMATCH",
    "INVALID_RANGE",
    "BROKEN_CHAIN",
    "SEQUENCE_GAP",
    "ONCHAIN_MISMATCH",
    // audit (the stream audit's unusable inputs; its findings have codes of their own)
    "WRONG_STREAM",
    "DUPLICATE_SEQUENCE_NUMBER",
    // anchor_proof (feature `anchor-proof`; listed without it too: the codes are the contract)
    "INVALID_RPC_ANSWER",
    "PROOF_NODE_MALFORMED",
    "PROOF_NODE_MISMATCH",
    "PROOF_VALUE_MISMATCH",
    "PROOF_WRONG_ACCOUNT",
    "PROOF_WRONG_SLOT",
    "PROOF_NOT_COMMITTED",
    "PROOF_COMMITMENT_MISMATCH",
    "UNTRUSTED_L2_HEADER",
    "OUTPUT_ROOT_MISMATCH",
    "UNTRUSTED_OUTPUT_ROOT",
    "WRONG_L1_LOCATION",
    "UNSUPPORTED_OUTPUT_VERSION",
    "PROOF_NOT_ATTACHABLE",
];

/// How many codes, at the end of [`CODES`], only the `anchor-proof` feature's errors return.
const ANCHOR_PROOF_CODE_COUNT: usize = 14;

/// The codes of [`CODES`] that only the `anchor-proof` feature's errors return (its last
/// entries; a unit test checks they are exactly those).
pub const ANCHOR_PROOF_CODES: &[&str] = CODES.split_at(CODES.len() - ANCHOR_PROOF_CODE_COUNT).1;

/// Any error of `set-core`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Hex or length.
    #[error(transparent)]
    Encoding(#[from] EncodingError),
    /// Identifiers.
    #[error(transparent)]
    Id(#[from] IdError),
    /// Merkle trees and proofs.
    #[error(transparent)]
    Merkle(#[from] MerkleError),
    /// VES hashing and events.
    #[error(transparent)]
    Ves(#[from] VesError),
    /// Receipt bundles.
    #[error(transparent)]
    Receipt(#[from] ReceiptError),
    /// SetRegistry ABI.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// SetPaymaster ABI and decisions.
    #[error(transparent)]
    Paymaster(#[from] PaymasterError),
    /// Sequencer JSON.
    #[error(transparent)]
    Sequencer(#[from] SequencerApiError),
    /// Anchor checks of pending commitments.
    #[error(transparent)]
    Anchoring(#[from] AnchorCheckError),
    /// The store agent's side (`ves::agent`): building, signing, sending events.
    #[error(transparent)]
    Agent(#[from] AgentError),
    /// The stream audit's input (`audit`).
    #[error(transparent)]
    Audit(#[from] AuditError),
    /// Anchor proofs (feature `anchor-proof`).
    #[cfg(feature = "anchor-proof")]
    #[error(transparent)]
    AnchorProof(#[from] AnchorProofError),
}

impl Error {
    /// Stable machine-readable code (`WRONG_LENGTH`, `INDEX_OUT_OF_RANGE`, …), the same in every language.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Encoding(e) => e.code(),
            Error::Id(e) => e.code(),
            Error::Merkle(e) => e.code(),
            Error::Ves(e) => e.code(),
            Error::Receipt(e) => e.code(),
            Error::Registry(e) => e.code(),
            Error::Paymaster(e) => e.code(),
            Error::Sequencer(e) => e.code(),
            Error::Anchoring(e) => e.code(),
            Error::Agent(e) => e.code(),
            Error::Audit(e) => e.code(),
            #[cfg(feature = "anchor-proof")]
            Error::AnchorProof(e) => e.code(),
        }
    }

    /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`,
    /// `proof[3]`), where the error is about one input. With [`Error::code`] this is what callers
    /// may rely on in every language (ADR 09); the message is for people.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Encoding(e) => Some(e.field()),
            Error::Id(e) => Some(e.field()),
            Error::Merkle(e) => e.field(),
            Error::Ves(e) => Some(e.field()),
            Error::Receipt(e) => Some(e.field()),
            Error::Agent(e) => Some(e.field()),
            Error::Audit(e) => e.field(),
            Error::Sequencer(crate::sequencer::SequencerApiError::Encoding(e)) => Some(e.field()),
            #[cfg(feature = "anchor-proof")]
            Error::AnchorProof(e) => Some(e.field()),
            _ => None,
        }
    }

    /// The module the error comes from: `encoding`, `ids`, `merkle`, `ves`, `receipt`,
    /// `registry`, `paymaster`, `sequencer`, `anchoring`, `agent`, `audit` or `anchor_proof`.
    pub fn module(&self) -> &'static str {
        match self {
            Error::Encoding(_) => "encoding",
            Error::Id(_) => "ids",
            Error::Merkle(_) => "merkle",
            Error::Ves(_) => "ves",
            Error::Receipt(_) => "receipt",
            Error::Registry(_) => "registry",
            Error::Paymaster(_) => "paymaster",
            Error::Sequencer(_) => "sequencer",
            Error::Anchoring(_) => "anchoring",
            Error::Agent(_) => "agent",
            Error::Audit(_) => "audit",
            #[cfg(feature = "anchor-proof")]
            Error::AnchorProof(_) => "anchor_proof",
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::String;
    use alloc::vec::Vec;

    use super::*;
    use crate::abi::AbiError;
    use crate::encoding::B256;

    #[test]
    fn codes_and_modules_pass_through() {
        let err: Error = MerkleError::EmptyTree.into();
        assert_eq!((err.code(), err.module()), ("EMPTY_TREE", "merkle"));
        let err: Error = EncodingError::wrong_length("root", 32, 1).into();
        assert_eq!((err.code(), err.to_string().as_str()), ("WRONG_LENGTH", "root: expected 32 bytes, got 1"));
    }

    // One value of every variant of every module error. Each list is checked by an exhaustive
    // `match` without a wildcard, so a new variant does not compile until it is listed here
    // (and then its code must be in `CODES`).

    fn text() -> String {
        String::from("x")
    }

    fn encoding_errors() -> Vec<EncodingError> {
        let all = alloc::vec![
            EncodingError::InvalidHex { field: text(), reason: text() },
            EncodingError::wrong_length("x", 32, 1),
        ];
        for err in &all {
            match err {
                EncodingError::InvalidHex { .. } | EncodingError::WrongLength { .. } => {}
            }
        }
        all
    }

    fn id_errors() -> Vec<IdError> {
        let mut all = alloc::vec![
            IdError::InvalidUuid { field: text(), reason: text() },
            IdError::NotPaddedUuid { field: text() }
        ];
        all.extend(encoding_errors().into_iter().map(IdError::Encoding));
        for err in &all {
            match err {
                IdError::InvalidUuid { .. } | IdError::NotPaddedUuid { .. } | IdError::Encoding(_) => {}
            }
        }
        all
    }

    fn merkle_errors() -> Vec<MerkleError> {
        let all = alloc::vec![
            MerkleError::EmptyTree,
            MerkleError::TooManyLeaves { leaf_count: 1 },
            MerkleError::ZeroLeafCount,
            MerkleError::UnknownScheme { scheme: text() },
            MerkleError::IndexOutOfRange { field: text(), index: 1, leaf_count: 1 },
            MerkleError::ProofTooLong { field: text(), length: 65 },
            MerkleError::ProofLengthMismatch { field: text(), expected: 1, actual: 2, leaf_count: 2 },
            MerkleError::PackedLength { field: text(), actual: 1 },
            MerkleError::CountMismatch { field: text(), expected: 1, actual: 2 },
        ];
        for err in &all {
            match err {
                MerkleError::EmptyTree
                | MerkleError::TooManyLeaves { .. }
                | MerkleError::ZeroLeafCount
                | MerkleError::UnknownScheme { .. }
                | MerkleError::IndexOutOfRange { .. }
                | MerkleError::ProofTooLong { .. }
                | MerkleError::ProofLengthMismatch { .. }
                | MerkleError::PackedLength { .. }
                | MerkleError::CountMismatch { .. } => {}
            }
        }
        all
    }

    fn ves_errors() -> Vec<VesError> {
        let mut all = alloc::vec![
            VesError::InvalidJson { field: text(), reason: text() },
            VesError::Canonicalization { reason: text() },
            VesError::InvalidPublicKey { field: text() },
            VesError::FieldTooLong { field: text(), length: 1 },
        ];
        all.extend(encoding_errors().into_iter().map(VesError::Encoding));
        all.extend(id_errors().into_iter().map(VesError::Id));
        for err in &all {
            match err {
                VesError::InvalidJson { .. }
                | VesError::Canonicalization { .. }
                | VesError::InvalidPublicKey { .. }
                | VesError::FieldTooLong { .. }
                | VesError::Encoding(_)
                | VesError::Id(_) => {}
            }
        }
        all
    }

    fn receipt_errors() -> Vec<ReceiptError> {
        let mut all = alloc::vec![
            ReceiptError::InvalidJson { field: text(), reason: text() },
            ReceiptError::UnsupportedFormat { field: text(), found: text() },
            ReceiptError::NetworkNotPinned { field: text() },
            ReceiptError::OnchainData { reason: text() },
            ReceiptError::PartsMismatch { field: text(), reason: text() },
        ];
        all.extend(encoding_errors().into_iter().map(ReceiptError::Encoding));
        all.extend(id_errors().into_iter().map(ReceiptError::Id));
        all.extend(ves_errors().into_iter().map(ReceiptError::Ves));
        for err in &all {
            match err {
                ReceiptError::InvalidJson { .. }
                | ReceiptError::UnsupportedFormat { .. }
                | ReceiptError::NetworkNotPinned { .. }
                | ReceiptError::Encoding(_)
                | ReceiptError::Id(_)
                | ReceiptError::Ves(_)
                | ReceiptError::OnchainData { .. }
                | ReceiptError::PartsMismatch { .. } => {}
            }
        }
        all
    }

    fn abi_errors() -> Vec<AbiError> {
        let all = alloc::vec![
            AbiError::TooShort { what: "x", expected_at_least: 4, actual: 1 },
            AbiError::Truncated { what: "x", actual: 1 },
            AbiError::UnknownSelector { what: "x", selector: [0; 4] },
            AbiError::UnknownEvent { topic0: B256::ZERO },
            AbiError::TopicCount { event: "x", expected: 2, actual: 1 },
            AbiError::Invalid { what: "x", reason: text() },
        ];
        for err in &all {
            match err {
                AbiError::TooShort { .. }
                | AbiError::Truncated { .. }
                | AbiError::UnknownSelector { .. }
                | AbiError::UnknownEvent { .. }
                | AbiError::TopicCount { .. }
                | AbiError::Invalid { .. } => {}
            }
        }
        all
    }

    fn registry_errors() -> Vec<RegistryError> {
        let all: Vec<RegistryError> = abi_errors().into_iter().map(RegistryError::Abi).collect();
        for err in &all {
            match err {
                RegistryError::Abi(_) => {}
            }
        }
        all
    }

    fn paymaster_errors() -> Vec<PaymasterError> {
        let mut all = alloc::vec![
            PaymasterError::InvalidOperationType { value: 7 },
            PaymasterError::LengthMismatch { what: "x", expected: 1, actual: 2 },
        ];
        all.extend(abi_errors().into_iter().map(PaymasterError::Abi));
        for err in &all {
            match err {
                PaymasterError::Abi(_)
                | PaymasterError::InvalidOperationType { .. }
                | PaymasterError::LengthMismatch { .. } => {}
            }
        }
        all
    }

    fn sequencer_errors() -> Vec<SequencerApiError> {
        let mut all = alloc::vec![SequencerApiError::Json { what: "x", reason: text(), line: 1, column: 1 }];
        all.extend(encoding_errors().into_iter().map(SequencerApiError::Encoding));
        for err in &all {
            match err {
                SequencerApiError::Json { .. } | SequencerApiError::Encoding(_) => {}
            }
        }
        all
    }

    #[cfg(feature = "anchor-proof")]
    fn anchor_proof_errors() -> Vec<crate::anchor_proof::AnchorProofError> {
        use crate::anchor_proof::AnchorProofError as E;
        let field = || String::from("anchor.proof");
        let reason = || String::from("r");
        let all = alloc::vec![
            E::InvalidJson { field: field(), reason: reason() },
            E::Encoding(EncodingError::InvalidHex { field: field(), reason: reason() }),
            E::Abi(abi_errors().remove(0)),
            E::RpcAnswer { field: field(), reason: reason() },
            E::MalformedNode { field: field(), reason: reason() },
            E::NodeMismatch { field: field(), root: B256::ZERO },
            E::ValueMismatch { field: field(), reason: reason() },
            E::WrongAccount { field: field(), found: reason(), expected: reason() },
            E::WrongSlot { field: field(), expected: B256::ZERO },
            E::NotCommitted { field: field(), block_number: 1 },
            E::CommitmentMismatch { field: field(), reason: reason() },
            E::UntrustedHeader { field: field(), hash: B256::ZERO, reason: reason() },
            E::OutputMismatch { field: field(), reason: reason() },
            E::UntrustedOutputRoot { field: field(), root: B256::ZERO },
            E::WrongL1Location { field: field(), reason: reason() },
            E::UnsupportedOutputVersion { field: field(), version: B256::ZERO },
            E::NotAttachable { field: field(), reason: reason() },
        ];
        for err in &all {
            match err {
                E::InvalidJson { .. }
                | E::Encoding(_)
                | E::Abi(_)
                | E::RpcAnswer { .. }
                | E::MalformedNode { .. }
                | E::NodeMismatch { .. }
                | E::ValueMismatch { .. }
                | E::WrongAccount { .. }
                | E::WrongSlot { .. }
                | E::NotCommitted { .. }
                | E::CommitmentMismatch { .. }
                | E::UntrustedHeader { .. }
                | E::OutputMismatch { .. }
                | E::UntrustedOutputRoot { .. }
                | E::WrongL1Location { .. }
                | E::UnsupportedOutputVersion { .. }
                | E::NotAttachable { .. } => {}
            }
        }
        all
    }

    fn anchoring_errors() -> Vec<AnchorCheckError> {
        let batch_id = uuid::Uuid::nil();
        let all = alloc::vec![
            AnchorCheckError::StateRootMismatch { batch_id, provided: B256::ZERO, recomputed: B256::ZERO },
            AnchorCheckError::InvalidRange { batch_id, sequence_start: 2, sequence_end: 1, event_count: 1 },
            AnchorCheckError::BrokenChain { batch_id, expected: B256::ZERO, provided: B256::ZERO },
            AnchorCheckError::SequenceGap { batch_id, expected: 2, provided: 3 },
            AnchorCheckError::OnchainMismatch {
                batch_id,
                field: "events_root",
                onchain: alloc::boxed::Box::new(crate::registry::OnchainCommitment::default()),
            },
        ];
        for err in &all {
            match err {
                AnchorCheckError::StateRootMismatch { .. }
                | AnchorCheckError::InvalidRange { .. }
                | AnchorCheckError::BrokenChain { .. }
                | AnchorCheckError::SequenceGap { .. }
                | AnchorCheckError::OnchainMismatch { .. } => {}
            }
        }
        all
    }

    fn audit_errors() -> Vec<AuditError> {
        let all = alloc::vec![
            AuditError::WrongStream { field: text() },
            AuditError::DuplicateSequenceNumber { field: text(), sequence_number: 1 },
            AuditError::InvalidAgentKey { field: text() },
            AuditError::Event { field: text(), error: VesError::FieldTooLong { field: text(), length: 1 } },
            AuditError::Merkle(MerkleError::EmptyTree),
        ];
        for err in &all {
            match err {
                AuditError::WrongStream { .. }
                | AuditError::DuplicateSequenceNumber { .. }
                | AuditError::InvalidAgentKey { .. }
                | AuditError::Event { .. }
                | AuditError::Merkle(_) => {}
            }
        }
        all
    }

    /// One error of every variant of every module, as [`Error`]s.
    /// Every agent error the crate produces: a `Rule` carries only the rejections of the rules
    /// that need no key (`validate::check_event_fields`).
    fn agent_errors() -> Vec<AgentError> {
        use crate::ves::validate::{IngestRequestError, Rejection};
        let event_id = uuid::Uuid::nil();
        let rule = |rejection| AgentError::Rule { field: text(), rejection };
        let request = |error| AgentError::Request { field: text(), error };
        let mut all = alloc::vec![
            rule(Rejection::UnsupportedVersion { got: 2 }),
            rule(Rejection::Schema { field: "created_at", message: "x" }),
            rule(Rejection::InvalidPayloadHash),
            request(IngestRequestError::Empty),
            request(IngestRequestError::PayloadTooLarge { event_id, size: 1 }),
            AgentError::MissingSignature { field: text(), key: "Ed25519" },
            AgentError::SignatureMismatch { field: text() },
            AgentError::MlDsaNotSupported { field: text() },
            AgentError::ReceiptNotVerified { field: text(), reason: text() },
            AgentError::UnexpectedReceipt { field: text(), event_id },
            AgentError::InvalidTimestamp { field: text(), reason: crate::ves::rfc3339::Rfc3339Error::TooShort },
        ];
        all.extend(ves_errors().into_iter().map(AgentError::Ves));
        all.extend(sequencer_errors().into_iter().map(AgentError::Sequencer));
        all.extend(receipt_errors().into_iter().map(AgentError::Receipt));
        for err in &all {
            match err {
                AgentError::Rule { .. }
                | AgentError::Request { .. }
                | AgentError::MissingSignature { .. }
                | AgentError::SignatureMismatch { .. }
                | AgentError::MlDsaNotSupported { .. }
                | AgentError::ReceiptNotVerified { .. }
                | AgentError::UnexpectedReceipt { .. }
                | AgentError::InvalidTimestamp { .. }
                | AgentError::Ves(_)
                | AgentError::Sequencer(_)
                | AgentError::Receipt(_) => {}
            }
        }
        all
    }

    fn every_error() -> Vec<Error> {
        let mut all: Vec<Error> = Vec::new();
        all.extend(encoding_errors().into_iter().map(Error::Encoding));
        all.extend(id_errors().into_iter().map(Error::Id));
        all.extend(merkle_errors().into_iter().map(Error::Merkle));
        all.extend(ves_errors().into_iter().map(Error::Ves));
        all.extend(receipt_errors().into_iter().map(Error::Receipt));
        all.extend(registry_errors().into_iter().map(Error::Registry));
        all.extend(paymaster_errors().into_iter().map(Error::Paymaster));
        all.extend(sequencer_errors().into_iter().map(Error::Sequencer));
        all.extend(anchoring_errors().into_iter().map(Error::Anchoring));
        all.extend(agent_errors().into_iter().map(Error::Agent));
        all.extend(audit_errors().into_iter().map(Error::Audit));
        #[cfg(feature = "anchor-proof")]
        all.extend(anchor_proof_errors().into_iter().map(Error::AnchorProof));
        for err in &all {
            match err {
                Error::Encoding(_)
                | Error::Id(_)
                | Error::Merkle(_)
                | Error::Ves(_)
                | Error::Receipt(_)
                | Error::Registry(_)
                | Error::Paymaster(_)
                | Error::Sequencer(_)
                | Error::Anchoring(_)
                | Error::Agent(_)
                | Error::Audit(_) => {}
                #[cfg(feature = "anchor-proof")]
                Error::AnchorProof(_) => {}
            }
        }
        all
    }

    #[cfg(feature = "anchor-proof")]
    #[test]
    fn the_anchor_proof_codes_are_those_only_anchor_proof_errors_return() {
        let all = every_error();
        let of_others: Vec<&str> =
            all.iter().filter(|err| !matches!(err, Error::AnchorProof(_))).map(Error::code).collect();
        let mut only_anchor_proofs: Vec<&str> = anchor_proof_errors()
            .iter()
            .map(crate::anchor_proof::AnchorProofError::code)
            .filter(|code| !of_others.contains(code))
            .collect();
        only_anchor_proofs.dedup();
        assert_eq!(only_anchor_proofs, ANCHOR_PROOF_CODES);
    }

    #[test]
    fn every_variant_returns_a_listed_code() {
        for err in every_error() {
            assert!(CODES.contains(&err.code()), "{err:?}: code {} is not in CODES", err.code());
        }
    }

    #[test]
    fn every_listed_code_is_returned_by_some_variant_and_listed_once() {
        let returned: Vec<&str> = every_error().iter().map(Error::code).collect();
        for (i, code) in CODES.iter().enumerate() {
            let feature_off = !cfg!(feature = "anchor-proof") && ANCHOR_PROOF_CODES.contains(code);
            assert!(feature_off || returned.contains(code), "{code} is in CODES but no variant returns it");
            assert!(!CODES[..i].contains(code), "{code} is listed twice");
            let upper_snake = code.starts_with(|c: char| c.is_ascii_uppercase())
                && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
            assert!(upper_snake, "{code}: not UPPER_SNAKE");
        }
    }
}
