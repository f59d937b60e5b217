//! The crate-wide error: one variant per module error, for callers that span modules.
//!
//! Bindings map this enum once (JS `Error` subclasses, Python exceptions, uniffi errors);
//! [`Error::code`] is the stable string they expose and [`Error::module`] picks the class.

#[cfg(feature = "anchor-proof")]
use crate::anchor_proof::AnchorProofError;
use crate::anchoring::AnchorCheckError;
use crate::encoding::EncodingError;
use crate::ids::IdError;
use crate::merkle::MerkleError;
use crate::paymaster::PaymasterError;
use crate::receipt::ReceiptError;
use crate::registry::RegistryError;
use crate::sequencer::SequencerApiError;
use crate::ves::VesError;

/// Any error of `set-core`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
            Error::Sequencer(crate::sequencer::SequencerApiError::Encoding(e)) => Some(e.field()),
            #[cfg(feature = "anchor-proof")]
            Error::AnchorProof(e) => Some(e.field()),
            _ => None,
        }
    }

    /// The module the error comes from: `encoding`, `ids`, `merkle`, `ves`, `receipt`,
    /// `registry`, `paymaster`, `sequencer`, `anchoring` or `anchor_proof`.
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
            #[cfg(feature = "anchor-proof")]
            Error::AnchorProof(_) => "anchor_proof",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_modules_pass_through() {
        let err: Error = MerkleError::EmptyTree.into();
        assert_eq!((err.code(), err.module()), ("EMPTY_TREE", "merkle"));
        let err: Error = EncodingError::wrong_length("root", 32, 1).into();
        assert_eq!((err.code(), err.to_string().as_str()), ("WRONG_LENGTH", "root: expected 32 bytes, got 1"));
    }
}
