//! Anchor proofs: evidence, checkable with no RPC trusted, that a commitment is in Set Chain's
//! state and that this state is committed to L1 (docs/bundle-format.md, "Anchor proof").
//!
//! Set Chain is an OP Stack L2. A bundle's `anchor.proof` carries, as OP withdrawals and
//! storage gateways do:
//!
//! 1. an L2 block header (its fields, enough to recompute its hash), the EIP-1186 proof of the
//!    SetRegistry proxy's account against the header's state root, and the proofs of the three
//!    storage slots that hold the commitment against the account's storage root;
//! 2. optionally the header's OP output root:
//!    `keccak256(version (32 zero bytes) ‖ state root ‖ L2ToL1MessagePasser storage root ‖ block hash)`,
//!    and where it was proposed on L1 (an `L2OutputOracle` output, or a dispute game).
//!
//! A verifier pins what it trusts ([`ProofTrust`]: L2 block hashes and/or L1 output roots, read
//! from its own nodes) and [`verify`] says how far the evidence goes: the commitment is in the
//! storage of the pinned registry at a trusted L2 block (`anchor_proof`), and that block is
//! committed by a trusted L1 output root (`output_root`).
//!
//! - this file: the model, the storage layout, the output root and [`AnchorProofError`];
//! - `header`: the L2 header and its RLP;
//! - `read`: `anchor.proof` and the trust fields from JSON, and back;
//! - `build`: `anchor.proof` from the JSON answers of `eth_getBlockByNumber` and `eth_getProof`;
//! - `bundle`: a bundle's proof attached and upgraded at the JSON level (the bindings' calls),
//!   and the requests a producer sends;
//! - `verify`: the checks (Merkle-Patricia proofs through alloy-trie's `verify_proof`, guarded);
//! - `shared`: one bulk call's verdicts, each distinct (proof, commitment) verified once;
//! - [`l1`]: the L2OutputOracle ABI, to read a proposal and build its L1 location.
//!
//! No I/O: the caller makes the RPC calls and hands their answers in.

mod build;
mod bundle;
mod header;
pub mod l1;
mod read;
mod shared;
mod verify;

#[cfg(test)]
mod tests;

pub use build::{build_anchor_proof, header_from_rpc, output_preimage_from_rpc};
pub use bundle::{
    attach_proof, attach_proof_json, proof_requests, proof_requests_json, upgrade_proof, upgrade_proof_json,
    L1OutputRead,
};
pub use header::L2Header;
pub(crate) use shared::SharedProofs;
pub use verify::{verify, verify_bundle, verify_bundle_json, verify_output, verify_storage, ProofCheck, ProofVerdict};

use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::{address, keccak256, Address, Bytes, B256, U256};
use uuid::Uuid;

use crate::abi::AbiError;
use crate::encoding::EncodingError;
use crate::receipt::ReceiptError;

/// The OP Stack's `L2ToL1MessagePasser` predeploy, whose storage root is part of the output root.
pub const L2_TO_L1_MESSAGE_PASSER: Address = address!("4200000000000000000000000000000000000016");

/// The storage slot of SetRegistry's `_commitments` mapping (`batchId => StoredCommitment`).
///
/// SetRegistry's own variables start at slot 0 (its OpenZeppelin parents keep theirs in ERC-7201
/// namespaced slots): `authorizedSequencers` 0, `_commitments` 1, `latestCommitment` 2,
/// `_config` 3, `_starkProofs` 4 (`forge inspect SetRegistry storageLayout`).
pub const COMMITMENTS_SLOT: u64 = 1;

/// The only output-root version there is: 32 zero bytes.
pub const OUTPUT_VERSION_V0: B256 = B256::ZERO;

/// How many storage proofs an `anchor.proof` carries: the commitment's three slots.
pub const COMMITMENT_SLOT_COUNT: usize = 3;

/// The most nodes one Merkle-Patricia proof may have: a 32-byte key is 64 nibbles, so a path has
/// at most 64 branch nodes and a leaf.
pub const MAX_PROOF_NODES: usize = 65;

/// The three storage slots of `batch_id`'s commitment in SetRegistry, in the order
/// `anchor.proof.storage_proof` lists them: `keccak256(batchId ‖ uint256(1))` (the events root),
/// `+ 1` (the new state root) and `+ 2` (the packed range, count, timestamp and
/// previous-state-root tag). `batchId` is the UUID right-padded to 32 bytes. These are the keys
/// to ask `eth_getProof` for.
pub fn commitment_slots(batch_id: &Uuid) -> [B256; COMMITMENT_SLOT_COUNT] {
    let mut preimage = [0u8; 64];
    preimage[..32].copy_from_slice(crate::ids::uuid_to_bytes32(batch_id).as_slice());
    preimage[56..].copy_from_slice(&COMMITMENTS_SLOT.to_be_bytes());
    let base = U256::from_be_bytes(keccak256(preimage).0);
    [0u64, 1, 2].map(|offset| B256::from(base.wrapping_add(U256::from(offset))))
}

/// The preimage of an OP output root (version 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OutputRootPreimage {
    /// The version: 32 zero bytes ([`OUTPUT_VERSION_V0`]).
    pub version: B256,
    /// The L2 block's state root.
    pub state_root: B256,
    /// The storage root of [`L2_TO_L1_MESSAGE_PASSER`] at that block.
    pub message_passer_storage_root: B256,
    /// The L2 block's hash.
    pub block_hash: B256,
}

impl OutputRootPreimage {
    /// `keccak256(version ‖ state_root ‖ message_passer_storage_root ‖ block_hash)`.
    pub fn output_root(&self) -> B256 {
        let mut preimage = [0u8; 128];
        preimage[..32].copy_from_slice(self.version.as_slice());
        preimage[32..64].copy_from_slice(self.state_root.as_slice());
        preimage[64..96].copy_from_slice(self.message_passer_storage_root.as_slice());
        preimage[96..].copy_from_slice(self.block_hash.as_slice());
        keccak256(preimage)
    }
}

/// Where an output root was proposed on L1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct L1Proposal {
    /// `l2-output-oracle` (an `L2OutputOracle` output) or `dispute-game-factory` (a game of a
    /// `DisputeGameFactory`); informational: the verifier relies on the pinned output roots.
    pub kind: String,
    /// The L1 chain id.
    pub chain_id: u64,
    /// The `L2OutputOracle` or `DisputeGameFactory` (written as lowercase `0x` hex).
    pub contract: Address,
    /// The output index (`getL2Output(index)`) or the game index (`gameAtIndex(index)`).
    pub index: u64,
    /// The L2 block number the proposal states; must be the header's.
    pub l2_block_number: u64,
    /// The L1 timestamp of the proposal, in seconds, when known.
    pub l1_timestamp: Option<u64>,
    /// The L1 block holding the proposal, when known.
    pub l1_block_number: Option<u64>,
}

/// The output-root part of an anchor proof: the preimage, the root it hashes to, and where it
/// was proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputProof {
    /// The preimage; its state root and block hash must be the header's.
    pub preimage: OutputRootPreimage,
    /// The output root, as proposed on L1.
    pub output_root: B256,
    /// Where it was proposed, when known.
    pub l1: Option<L1Proposal>,
}

/// The EIP-1186 proof of one storage slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageProof {
    /// The slot.
    pub key: B256,
    /// Its value, as 32 big-endian bytes (zero: the slot is empty and `proof` shows its absence).
    pub value: B256,
    /// The RLP-encoded trie nodes from the storage root down.
    pub proof: Vec<Bytes>,
}

/// `anchor.proof`: an L2 header, the EIP-1186 proof of the SetRegistry proxy's account and of
/// the commitment's three slots, and optionally the header's output root on L1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorProof {
    /// The L2 block the proofs are against.
    pub l2_header: L2Header,
    /// The account proven: the SetRegistry proxy.
    pub address: Address,
    /// Its nonce.
    pub nonce: u64,
    /// Its balance, in wei.
    pub balance: U256,
    /// Its storage root.
    pub storage_hash: B256,
    /// Its code hash.
    pub code_hash: B256,
    /// The RLP-encoded trie nodes from the header's state root down to the account.
    pub account_proof: Vec<Bytes>,
    /// The commitment's three slots, in [`commitment_slots`] order.
    pub storage_proof: Vec<StorageProof>,
    /// The header's output root and where it was proposed, once known.
    pub output: Option<OutputProof>,
}

/// What a verifier pins for anchor proofs: read from its own nodes, never from the bundle. Part of
/// [`crate::receipt::Trust`] (`trust.l2_block_hashes`, `trust.l1_output_roots`,
/// `trust.l1_chain_id`, `trust.l1_oracle`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProofTrust {
    /// L2 block hashes the verifier trusts (from a Set Chain node it believes).
    pub l2_block_hashes: Vec<B256>,
    /// Output roots read from the pinned `L2OutputOracle` (or dispute games) on L1.
    pub l1_output_roots: Vec<B256>,
    /// The L1 chain id; a proposal claimed on another chain fails `output_root`.
    pub l1_chain_id: Option<u64>,
    /// The `L2OutputOracle` or `DisputeGameFactory`; a proposal claimed at another contract fails
    /// `output_root`.
    pub l1_oracle: Option<Address>,
}

impl ProofTrust {
    /// Whether anything is pinned that an anchor proof can be checked against.
    pub fn pins_anything(&self) -> bool {
        !self.l2_block_hashes.is_empty() || !self.l1_output_roots.is_empty()
    }
}

/// A malformed anchor proof or RPC answer, or a proof that does not show what it must. Every
/// variant names the field at fault (`anchor.proof.account_proof[3]`,
/// `anchor.proof.storage_proof[2].value`, `eth_getProof.storageHash`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnchorProofError {
    /// A missing field or a field of the wrong JSON type.
    #[error("{field}: {reason}")]
    InvalidJson {
        /// Dotted path of the field.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// Bad hex or wrong length.
    #[error(transparent)]
    Encoding(#[from] EncodingError),
    /// Return data of an L1 contract that does not decode.
    #[error(transparent)]
    Abi(#[from] AbiError),
    /// An RPC answer handed to a builder is not about what was asked (another account or block,
    /// a missing slot, header fields that do not hash to the block's hash).
    #[error("{field}: {reason}")]
    RpcAnswer {
        /// The field of the answer at fault (`eth_getProof.address`).
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A trie node that does not decode, or that would take the path past a 32-byte key.
    #[error("{field}: malformed trie node ({reason})")]
    MalformedNode {
        /// The node (`anchor.proof.account_proof[3]`).
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A trie node that is not the one its parent (for the first node, the root) references: a
    /// changed node, or a proof against another root.
    #[error("{field}: not the node its parent references (root {root})")]
    NodeMismatch {
        /// The node (`anchor.proof.storage_proof[1].proof[0]`).
        field: String,
        /// The root the proof was checked against.
        root: B256,
    },
    /// The proof is sound but does not prove the stated value: it ends before the key's leaf,
    /// shows the key absent, or its leaf holds another value.
    #[error("{field}: {reason}")]
    ValueMismatch {
        /// The stated value, or the proof list.
        field: String,
        /// What the proof shows instead.
        reason: String,
    },
    /// The account proven is not the pinned SetRegistry.
    #[error("{field}: {found} is not the pinned registry {expected}")]
    WrongAccount {
        /// `anchor.proof.address`.
        field: String,
        /// The account proven (lowercase hex).
        found: String,
        /// The pinned registry (lowercase hex).
        expected: String,
    },
    /// A storage proof of another slot than the commitment's.
    #[error("{field}: not the commitment's slot {expected}")]
    WrongSlot {
        /// `anchor.proof.storage_proof[i].key`.
        field: String,
        /// The slot it must be.
        expected: B256,
    },
    /// The slot is empty at this block: the batch was not committed there (a proof taken before
    /// the commitment landed, or of another chain).
    #[error("{field}: the slot is empty at L2 block {block_number}: the batch is not committed there")]
    NotCommitted {
        /// `anchor.proof.storage_proof[i].value`.
        field: String,
        /// The header's block number.
        block_number: u64,
    },
    /// The slot holds something else than the bundle's commitment.
    #[error("{field}: {reason}")]
    CommitmentMismatch {
        /// `anchor.proof.storage_proof[i].value`.
        field: String,
        /// Which part differs.
        reason: String,
    },
    /// The L2 header is not one the verifier trusts: its hash is not pinned and no pinned output
    /// root commits to it.
    #[error("{field}: L2 block {hash} is not trusted ({reason})")]
    UntrustedHeader {
        /// `anchor.proof.l2_header`.
        field: String,
        /// The header's hash.
        hash: B256,
        /// Why: not pinned, or its output root is not.
        reason: String,
    },
    /// The output-root preimage does not match the header, or does not hash to the output root.
    #[error("{field}: {reason}")]
    OutputMismatch {
        /// `anchor.proof.output.state_root`, `.block_hash`, `.output_root`, `.l1.l2_block_number`.
        field: String,
        /// What differs.
        reason: String,
    },
    /// The output root is not one the verifier pinned.
    #[error("{field}: {root} is not a pinned L1 output root")]
    UntrustedOutputRoot {
        /// `anchor.proof.output.output_root`.
        field: String,
        /// The output root.
        root: B256,
    },
    /// The proposal is claimed on another L1 chain or contract than the pinned ones, or names
    /// none while one is pinned.
    #[error("{field}: {reason}")]
    WrongL1Location {
        /// `anchor.proof.output.l1.contract` or `.chain_id`.
        field: String,
        /// What differs.
        reason: String,
    },
    /// The bundle cannot take this evidence: it has no anchor section, is anchored at another
    /// registry, has no proof to upgrade, or already carries another proof (evidence is added,
    /// never replaced).
    #[error("{field}: {reason}")]
    NotAttachable {
        /// `anchor`, `anchor.registry` or `anchor.proof`.
        field: String,
        /// What is in the way.
        reason: String,
    },
    /// An output-root version other than 0.
    #[error("{field}: output root version {version} is not 0")]
    UnsupportedOutputVersion {
        /// `anchor.proof.output.version`.
        field: String,
        /// The version given.
        version: B256,
    },
}

impl AnchorProofError {
    /// Stable machine-readable code, the same string in every language binding.
    pub fn code(&self) -> &'static str {
        match self {
            AnchorProofError::InvalidJson { .. } => "INVALID_JSON",
            AnchorProofError::Encoding(inner) => inner.code(),
            AnchorProofError::Abi(inner) => inner.code(),
            AnchorProofError::RpcAnswer { .. } => "INVALID_RPC_ANSWER",
            AnchorProofError::MalformedNode { .. } => "PROOF_NODE_MALFORMED",
            AnchorProofError::NodeMismatch { .. } => "PROOF_NODE_MISMATCH",
            AnchorProofError::ValueMismatch { .. } => "PROOF_VALUE_MISMATCH",
            AnchorProofError::WrongAccount { .. } => "PROOF_WRONG_ACCOUNT",
            AnchorProofError::WrongSlot { .. } => "PROOF_WRONG_SLOT",
            AnchorProofError::NotCommitted { .. } => "PROOF_NOT_COMMITTED",
            AnchorProofError::CommitmentMismatch { .. } => "PROOF_COMMITMENT_MISMATCH",
            AnchorProofError::UntrustedHeader { .. } => "UNTRUSTED_L2_HEADER",
            AnchorProofError::OutputMismatch { .. } => "OUTPUT_ROOT_MISMATCH",
            AnchorProofError::UntrustedOutputRoot { .. } => "UNTRUSTED_OUTPUT_ROOT",
            AnchorProofError::WrongL1Location { .. } => "WRONG_L1_LOCATION",
            AnchorProofError::UnsupportedOutputVersion { .. } => "UNSUPPORTED_OUTPUT_VERSION",
            AnchorProofError::NotAttachable { .. } => "PROOF_NOT_ATTACHABLE",
        }
    }

    /// The dotted path of the input at fault; `l1` for undecodable L1 return data.
    pub fn field(&self) -> &str {
        match self {
            AnchorProofError::Encoding(inner) => inner.field(),
            AnchorProofError::Abi(_) => "l1",
            AnchorProofError::InvalidJson { field, .. }
            | AnchorProofError::RpcAnswer { field, .. }
            | AnchorProofError::MalformedNode { field, .. }
            | AnchorProofError::NodeMismatch { field, .. }
            | AnchorProofError::ValueMismatch { field, .. }
            | AnchorProofError::WrongAccount { field, .. }
            | AnchorProofError::WrongSlot { field, .. }
            | AnchorProofError::NotCommitted { field, .. }
            | AnchorProofError::CommitmentMismatch { field, .. }
            | AnchorProofError::UntrustedHeader { field, .. }
            | AnchorProofError::OutputMismatch { field, .. }
            | AnchorProofError::UntrustedOutputRoot { field, .. }
            | AnchorProofError::WrongL1Location { field, .. }
            | AnchorProofError::UnsupportedOutputVersion { field, .. }
            | AnchorProofError::NotAttachable { field, .. } => field,
        }
    }
}

/// Reading errors of `anchor.proof` inside a bundle are the bundle's: the same codes and paths.
impl From<AnchorProofError> for ReceiptError {
    fn from(err: AnchorProofError) -> Self {
        match err {
            AnchorProofError::Encoding(inner) => ReceiptError::Encoding(inner),
            AnchorProofError::InvalidJson { field, reason } => ReceiptError::InvalidJson { field, reason },
            // Not produced by reading; kept with its field if a caller converts one anyway.
            other => ReceiptError::InvalidJson {
                field: other.field().into(),
                reason: alloc::string::ToString::to_string(&other),
            },
        }
    }
}
