//! One Merkle engine, two schemes: `ves-sha256-v1` (the sequencer's tree) and `keccak-v1`.
//!
//! Both schemes (docs/protocol.md#merkle-trees) share one shape: leaves in order, padded to the next
//! power of two with the scheme's pad leaf; level k+1 element j is
//! `node(level_k[2j], level_k[2j+1])`; a proof lists the siblings bottom-up and
//! bit d of the leaf index says whether the running hash is the left (0) or
//! right (1) child at level d. One leaf ⇒ root = leaf, depth 0, empty proof.
//!
//! The tree keeps every level in one flat vector (`2·padded − 1` nodes, one
//! allocation), so a proof is a gather of `depth` nodes and all proofs together
//! cost `N·depth` copies and no hashing.
//!
//! Verification is strict by default ([`verify`]: the leaf count is known, the
//! index must be below it and the proof exactly as long as the tree is deep).
//! [`verify_lenient`] reproduces the on-chain `SetRegistry.verifyInclusion` rule
//! (index bits past the proof length ignored, no count) for interoperability checks.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use alloy_primitives::B256;

mod hex_text;
pub use hex_text::{push_proof_hex, HEX_PROOF_SEPARATOR, HEX_SIBLING_SEPARATOR};

/// The longest proof any function here accepts: a tree of 2^64 leaves.
pub const MAX_PROOF_LENGTH: usize = 64;

/// Domain prefix of a VES inner node.
pub const DOMAIN_NODE: &[u8] = set_node_hash::DOMAIN_NODE;
/// Domain of the VES padding leaf.
pub const DOMAIN_PAD_LEAF: &[u8] = b"VES_PAD_LEAF_V1";
/// Preimage of the keccak padding leaf.
pub const KECCAK_PAD_PREIMAGE: &[u8] = b"SET_PAD_LEAF_V1";

/// `SHA-256(DOMAIN_PAD_LEAF)`, the `ves-sha256-v1` pad leaf.
const VES_PAD_LEAF: B256 = alloy_primitives::b256!("d9dd0e003ba5370a698013c48ed69c6c41d9ebc1236d44b280c52ceacfdad524");
/// `keccak256(KECCAK_PAD_PREIMAGE)`, the `keccak-v1` pad leaf.
const KECCAK_PAD_LEAF: B256 =
    alloy_primitives::b256!("404e19ea6d7d719f5973a04ccdd4574dcdec1d69866c857955ddb94591c0204a");

/// A Merkle scheme: the node hash and the pad leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scheme {
    /// `node = SHA-256("VES_NODE_V1" ‖ l ‖ r)`, pad = `SHA-256("VES_PAD_LEAF_V1")`.
    /// The sequencer's tree: the roots it commits, and so the roots on-chain.
    VesSha256V1,
    /// `node = keccak256(l ‖ r)`, pad = `keccak256("SET_PAD_LEAF_V1")`.
    /// Verifiable on-chain by `SetRegistry.verifyInclusion`.
    KeccakV1,
}

impl Scheme {
    /// Every scheme, in a stable order.
    pub const ALL: [Scheme; 2] = [Scheme::VesSha256V1, Scheme::KeccakV1];

    /// The scheme's id string, the same in every language: `ves-sha256-v1` or `keccak-v1`.
    pub const fn id(self) -> &'static str {
        match self {
            Scheme::VesSha256V1 => "ves-sha256-v1",
            Scheme::KeccakV1 => "keccak-v1",
        }
    }

    /// The leaf that fills positions `leaf_count..padded_leaf_count`: `SHA-256("VES_PAD_LEAF_V1")`
    /// or `keccak256("SET_PAD_LEAF_V1")`.
    ///
    /// Constants rather than hashes computed here: a call to `keccak256` would pull a second
    /// Keccak implementation (alloy's, with `sha3` and `digest`) into the npm package beside
    /// `set-node-hash`'s. The test `pad_leaves_match_their_definitions` hashes the preimages.
    pub const fn pad_leaf(self) -> B256 {
        match self {
            Scheme::VesSha256V1 => VES_PAD_LEAF,
            Scheme::KeccakV1 => KECCAK_PAD_LEAF,
        }
    }

    /// The inner-node hash of `left` and `right`.
    ///
    /// ```
    /// use set_core::merkle::Scheme;
    /// use set_core::encoding::B256;
    /// let pad = Scheme::VesSha256V1.pad_leaf();
    /// assert_eq!(
    ///     Scheme::VesSha256V1.node(&pad, &pad).to_string(),
    ///     "0x36e827d1c00aca28d1fa881d0d92c155592bc4aff0324e7b72cdecbb0993b24c"
    /// );
    /// ```
    pub fn node(self, left: &B256, right: &B256) -> B256 {
        match self {
            Scheme::VesSha256V1 => VesNode.node(left, right),
            Scheme::KeccakV1 => KeccakNode::new().node(left, right),
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Scheme {
    type Err = MerkleError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Scheme::ALL
            .into_iter()
            .find(|scheme| scheme.id() == text)
            .ok_or_else(|| MerkleError::UnknownScheme { scheme: text.into() })
    }
}

/// A Merkle input that cannot be built or checked.
///
/// A well-formed proof that simply does not lead to the root is not an error:
/// the verifiers return `Ok(false)` for it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MerkleError {
    /// A tree needs at least one leaf.
    #[error("leaves: at least one leaf is required")]
    EmptyTree,
    /// More leaves than this platform can address once padded.
    #[error("leaves: {leaf_count} leaves is more than this platform can hold")]
    TooManyLeaves {
        /// The number of leaves given.
        leaf_count: u64,
    },
    /// A leaf count of zero describes no tree.
    #[error("leaf_count: must be at least 1")]
    ZeroLeafCount,
    /// A scheme id other than `ves-sha256-v1` or `keccak-v1`.
    #[error("scheme: unknown Merkle scheme \"{scheme}\" (expected \"ves-sha256-v1\" or \"keccak-v1\")")]
    UnknownScheme {
        /// The id that was given.
        scheme: String,
    },
    /// A leaf index at or past the leaf count.
    #[error("{field}: index {index} is out of range for {leaf_count} leaves")]
    IndexOutOfRange {
        /// The input that was wrong (`index`, `indices[3]`).
        field: String,
        /// The index given.
        index: u64,
        /// The number of leaves in the tree.
        leaf_count: u64,
    },
    /// A proof longer than [`MAX_PROOF_LENGTH`].
    #[error("{field}: proof has {length} siblings, more than the maximum of {MAX_PROOF_LENGTH}")]
    ProofTooLong {
        /// The input that was wrong.
        field: String,
        /// Its length.
        length: usize,
    },
    /// Strict verification: the proof length must equal the tree depth.
    #[error("{field}: proof has {actual} siblings but a tree of {leaf_count} leaves has depth {expected}")]
    ProofLengthMismatch {
        /// The input that was wrong.
        field: String,
        /// The depth of the tree.
        expected: usize,
        /// The proof's length.
        actual: usize,
        /// The leaf count the depth comes from.
        leaf_count: u64,
    },
    /// Packed bytes whose length is not a multiple of 32.
    #[error("{field}: {actual} bytes is not a whole number of 32-byte hashes")]
    PackedLength {
        /// The input that was wrong.
        field: String,
        /// Its length in bytes.
        actual: usize,
    },
    /// Two parallel lists of different lengths.
    #[error("{field}: has {actual} items but {expected} were expected")]
    CountMismatch {
        /// The input that was wrong.
        field: String,
        /// The length of the list it must match.
        expected: usize,
        /// Its length.
        actual: usize,
    },
}

impl MerkleError {
    /// Stable machine-readable code, the same string in every language binding.
    pub fn code(&self) -> &'static str {
        match self {
            MerkleError::EmptyTree => "EMPTY_TREE",
            MerkleError::TooManyLeaves { .. } => "TOO_MANY_LEAVES",
            MerkleError::ZeroLeafCount => "INVALID_LEAF_COUNT",
            MerkleError::UnknownScheme { .. } => "UNKNOWN_SCHEME",
            MerkleError::IndexOutOfRange { .. } => "INDEX_OUT_OF_RANGE",
            MerkleError::ProofTooLong { .. } => "PROOF_TOO_LONG",
            MerkleError::ProofLengthMismatch { .. } => "PROOF_LENGTH_MISMATCH",
            MerkleError::PackedLength { .. } => "WRONG_LENGTH",
            MerkleError::CountMismatch { .. } => "LENGTH_MISMATCH",
        }
    }

    /// The input at fault, for the errors about one input (`index`, `proof`, `leaves`, …).
    pub fn field(&self) -> Option<&str> {
        match self {
            MerkleError::IndexOutOfRange { field, .. }
            | MerkleError::ProofTooLong { field, .. }
            | MerkleError::ProofLengthMismatch { field, .. }
            | MerkleError::PackedLength { field, .. }
            | MerkleError::CountMismatch { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// The depth of a tree of `leaf_count` leaves: `log2(next_power_of_two(leaf_count))`.
///
/// ```
/// use set_core::merkle::depth_for_leaf_count;
/// assert_eq!(depth_for_leaf_count(1).unwrap(), 0);
/// assert_eq!(depth_for_leaf_count(3).unwrap(), 2);
/// assert_eq!(depth_for_leaf_count(1 << 20).unwrap(), 20);
/// ```
///
/// # Errors
/// [`MerkleError::ZeroLeafCount`] for 0.
pub fn depth_for_leaf_count(leaf_count: u64) -> Result<usize, MerkleError> {
    if leaf_count == 0 {
        return Err(MerkleError::ZeroLeafCount);
    }
    Ok(match leaf_count.checked_next_power_of_two() {
        Some(padded) => padded.trailing_zeros() as usize,
        None => 64,
    })
}

/// Splits hashes packed back to back (`N × 32` bytes) into a list, the cheapest form to pass
/// across a language boundary (bindings accept packed leaves for bulk verification).
///
/// ```
/// use set_core::merkle::split_packed;
/// let hashes = split_packed("leaves", &[7u8; 64]).unwrap();
/// assert_eq!(hashes.len(), 2);
/// assert!(split_packed("leaves", &[0u8; 33]).is_err());
/// ```
///
/// # Errors
/// [`MerkleError::PackedLength`] naming `field` if the length is not a multiple of 32.
pub fn split_packed(field: &str, packed: &[u8]) -> Result<Vec<B256>, MerkleError> {
    let (chunks, rest) = packed.as_chunks::<32>();
    if !rest.is_empty() {
        return Err(MerkleError::PackedLength { field: field.into(), actual: packed.len() });
    }
    Ok(chunks.iter().map(|chunk| B256::from(*chunk)).collect())
}

/// Hashes two children into their parent. Implemented once per scheme so the
/// build and verify loops are monomorphised with the hash inlined.
trait NodeHash: Copy {
    fn node(&self, left: &B256, right: &B256) -> B256;
}

/// `SHA-256("VES_NODE_V1" ‖ l ‖ r)`, two raw compressions (in `set-node-hash`, see ADR 04).
#[derive(Clone, Copy)]
struct VesNode;

impl NodeHash for VesNode {
    #[inline]
    fn node(&self, left: &B256, right: &B256) -> B256 {
        B256::from(set_node_hash::ves_node(&left.0, &right.0))
    }
}

/// `keccak256(l ‖ r)`, one Keccak-f\[1600\] permutation (in `set-node-hash`, see ADR 04).
#[derive(Clone, Copy)]
struct KeccakNode;

impl KeccakNode {
    fn new() -> Self {
        KeccakNode
    }
}

impl NodeHash for KeccakNode {
    #[inline]
    fn node(&self, left: &B256, right: &B256) -> B256 {
        B256::from(set_node_hash::keccak_node(&left.0, &right.0))
    }
}

/// Calls `body` with the node hasher of `scheme`, so generic loops are
/// compiled once per scheme instead of dispatching per node.
macro_rules! with_node_hash {
    ($scheme:expr, |$hasher:ident| $body:expr) => {
        match $scheme {
            Scheme::VesSha256V1 => {
                let $hasher = VesNode;
                $body
            }
            Scheme::KeccakV1 => {
                let $hasher = KeccakNode::new();
                $body
            }
        }
    };
}

/// A built Merkle tree: every level, leaves first, in one flat vector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerkleTree {
    scheme: Scheme,
    leaf_count: usize,
    depth: usize,
    /// Level 0 (padded leaves), level 1, …, the root; `2·padded − 1` nodes.
    nodes: Vec<B256>,
}

impl MerkleTree {
    /// Builds the tree of `leaves` (already-hashed 32-byte leaves, in order).
    ///
    /// ```
    /// use set_core::merkle::{MerkleTree, Scheme};
    /// use set_core::encoding::B256;
    /// let leaves: Vec<B256> = (1u8..=2).map(B256::repeat_byte).collect();
    /// let tree = MerkleTree::build(Scheme::VesSha256V1, &leaves)?;
    /// assert_eq!((tree.leaf_count(), tree.depth()), (2, 1));
    /// assert_eq!(
    ///     tree.root().to_string(),
    ///     "0x5186fbc7094f70b9fc71bcf269fda0530c1c2bd675de918ef39562a6f18752fd"
    /// );
    /// # Ok::<(), set_core::merkle::MerkleError>(())
    /// ```
    ///
    /// # Errors
    /// [`MerkleError::EmptyTree`] for no leaves; [`MerkleError::TooManyLeaves`]
    /// if the padded tree cannot be addressed on this platform.
    pub fn build(scheme: Scheme, leaves: &[B256]) -> Result<Self, MerkleError> {
        Self::build_from(scheme, leaves.len(), |level0| level0.copy_from_slice(leaves))
    }

    /// Builds the tree from leaves packed back to back (`N × 32` bytes), the
    /// cheapest form to pass across a language boundary.
    ///
    /// # Errors
    /// [`MerkleError::PackedLength`] if the length is not a multiple of 32, and
    /// the errors of [`MerkleTree::build`].
    pub fn build_packed(scheme: Scheme, packed: &[u8]) -> Result<Self, MerkleError> {
        let (chunks, rest) = packed.as_chunks::<32>();
        if !rest.is_empty() {
            return Err(MerkleError::PackedLength { field: "leaves".into(), actual: packed.len() });
        }
        Self::build_from(scheme, chunks.len(), |level0| {
            for (slot, chunk) in level0.iter_mut().zip(chunks) {
                *slot = B256::from(*chunk);
            }
        })
    }

    fn build_from(
        scheme: Scheme,
        leaf_count: usize,
        fill_leaves: impl FnOnce(&mut [B256]),
    ) -> Result<Self, MerkleError> {
        let mut tree = MerkleTree { scheme, leaf_count: 0, depth: 0, nodes: Vec::new() };
        tree.fill(scheme, leaf_count, fill_leaves)?;
        Ok(tree)
    }

    /// Rebuilds this tree over new `leaves`, reusing its allocation.
    ///
    /// For services that build tree after tree: a fresh `2·padded·32`-byte buffer
    /// costs page faults comparable to the hashing itself (see core/BENCHMARKS.md).
    ///
    /// # Errors
    /// As [`MerkleTree::build`]; on error the tree is left empty of leaves and must be rebuilt.
    pub fn rebuild(&mut self, scheme: Scheme, leaves: &[B256]) -> Result<(), MerkleError> {
        self.fill(scheme, leaves.len(), |level0| level0.copy_from_slice(leaves))
    }

    fn fill(
        &mut self,
        scheme: Scheme,
        leaf_count: usize,
        fill_leaves: impl FnOnce(&mut [B256]),
    ) -> Result<(), MerkleError> {
        self.leaf_count = 0;
        self.depth = 0;
        self.nodes.clear();
        if leaf_count == 0 {
            return Err(MerkleError::EmptyTree);
        }
        let too_many = || MerkleError::TooManyLeaves { leaf_count: leaf_count as u64 };
        let padded = leaf_count.checked_next_power_of_two().ok_or_else(too_many)?;
        let total = padded.checked_mul(2).ok_or_else(too_many)? - 1;

        self.nodes.resize(total, B256::ZERO);
        fill_leaves(&mut self.nodes[..leaf_count]);
        self.nodes[leaf_count..padded].fill(scheme.pad_leaf());
        with_node_hash!(scheme, |hasher| hash_levels(hasher, &mut self.nodes, padded));
        self.scheme = scheme;
        self.leaf_count = leaf_count;
        self.depth = padded.trailing_zeros() as usize;
        Ok(())
    }

    /// The scheme this tree was built with.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The root.
    pub fn root(&self) -> B256 {
        // `build_from` never creates an empty tree, so the last node is the root.
        self.nodes.last().copied().unwrap_or_default()
    }

    /// The depth: proof length, `log2(padded_leaf_count)`.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The number of leaves given (unpadded).
    pub fn leaf_count(&self) -> usize {
        self.leaf_count
    }

    /// The number of leaves after padding to a power of two.
    pub fn padded_leaf_count(&self) -> usize {
        1 << self.depth
    }

    /// The leaves, unpadded.
    pub fn leaves(&self) -> &[B256] {
        &self.nodes[..self.leaf_count]
    }

    /// The proof of leaf `index`: siblings bottom-up, `depth` of them.
    ///
    /// # Errors
    /// [`MerkleError::IndexOutOfRange`] if `index ≥ leaf_count`.
    pub fn proof(&self, index: usize) -> Result<Vec<B256>, MerkleError> {
        Ok(self.proof_positions(index)?.map(|position| self.nodes[position]).collect())
    }

    /// Every leaf's proof in one call: `leaf_count × depth` siblings, copied
    /// from the stored levels with no hashing.
    pub fn proofs(&self) -> ProofSet {
        let mut set = ProofSet::default();
        self.proofs_into(&mut set);
        set
    }

    /// Like [`MerkleTree::proofs`], refilling `set` and reusing its allocation.
    ///
    /// For callers that emit proofs batch after batch: a fresh `N·depth·32`-byte
    /// buffer costs more in page faults than the copying itself.
    pub fn proofs_into(&self, set: &mut ProofSet) {
        set.depth = self.depth;
        set.siblings.clear();
        set.siblings.reserve(self.leaf_count * self.depth);
        for index in 0..self.leaf_count {
            let fresh = self.fresh_levels(index);
            self.gather_proof(index, fresh, |sibling| set.siblings.push(sibling));
            if fresh < self.depth {
                let previous = set.siblings.len() - fresh - self.depth;
                set.siblings.extend_from_within(previous + fresh..previous + self.depth);
            }
        }
    }

    /// Every proof at once as bytes, proof after proof (`leaf_count × depth × 32`): what
    /// [`ProofSet::to_packed`] gives for [`MerkleTree::proofs`], without the intermediate set.
    pub fn proofs_packed(&self) -> Vec<u8> {
        let mut packed = vec![0; self.leaf_count * self.depth * 32];
        self.write_proofs_packed(&mut packed);
        packed
    }

    /// Writes what [`MerkleTree::proofs_packed`] returns into `out`, for a binding that owns the
    /// buffer (a Python `bytes`, a JS `Uint8Array`): one buffer, no copy. Writes
    /// `min(out.len(), leaf_count × depth × 32)` bytes, whole proofs only.
    pub fn write_proofs_packed(&self, out: &mut [u8]) {
        let proof_bytes = self.depth * 32;
        if proof_bytes == 0 {
            return;
        }
        for (index, offset) in (0..self.leaf_count).zip((0..out.len() / proof_bytes).map(|i| i * proof_bytes)) {
            let fresh = self.fresh_levels(index);
            let mut at = offset;
            self.gather_proof(index, fresh, |sibling| {
                out[at..at + 32].copy_from_slice(sibling.as_slice());
                at += 32;
            });
            if fresh < self.depth {
                let previous = offset - proof_bytes;
                out.copy_within(previous + fresh * 32..previous + proof_bytes, at);
            }
        }
    }

    /// How many of leaf `index`'s siblings, from the bottom, differ from leaf `index − 1`'s.
    ///
    /// `index` and `index − 1` differ only in bits `0..=trailing_zeros(index)`, so above that
    /// level both proofs hold the same siblings. Writing all proofs then costs ≈ 2 node reads
    /// per leaf plus one contiguous copy of the previous proof's upper part, instead of `depth`
    /// scattered reads per leaf (about 3× faster in the size-optimised wasm build).
    fn fresh_levels(&self, index: usize) -> usize {
        if index == 0 {
            self.depth
        } else {
            (index.trailing_zeros() as usize + 1).min(self.depth)
        }
    }

    /// Emits the `levels` lowest siblings of leaf `index`'s proof, bottom-up.
    fn gather_proof(&self, index: usize, levels: usize, mut emit: impl FnMut(B256)) {
        for position in self.sibling_positions(index).take(levels) {
            emit(self.nodes[position]);
        }
    }

    /// Every node: level 0 (the padded leaves) first, then each level above, the root last
    /// (`2 · padded_leaf_count − 1` nodes). [`MerkleTree::proof_positions`] points into it.
    pub fn nodes(&self) -> &[B256] {
        &self.nodes
    }

    /// Where leaf `index`'s proof is stored: the positions in [`MerkleTree::nodes`] of its
    /// siblings, bottom-up (`depth` of them). For bindings that hand out proofs as lists of
    /// shared node objects: one object per node instead of one per sibling of every proof.
    ///
    /// # Errors
    /// [`MerkleError::IndexOutOfRange`] if `index ≥ leaf_count`.
    pub fn proof_positions(&self, index: usize) -> Result<impl Iterator<Item = usize> + '_, MerkleError> {
        if index >= self.leaf_count {
            return Err(MerkleError::IndexOutOfRange {
                field: "index".into(),
                index: index as u64,
                leaf_count: self.leaf_count as u64,
            });
        }
        Ok(self.sibling_positions(index))
    }

    fn sibling_positions(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let mut level_start = 0;
        let mut level_len = self.padded_leaf_count();
        let mut position = index;
        (0..self.depth).map(move |_| {
            let sibling = level_start + (position ^ 1);
            level_start += level_len;
            level_len /= 2;
            position /= 2;
            sibling
        })
    }
}

/// Fills levels 1.. of `nodes` from level 0 (`padded` leaves).
fn hash_levels<H: NodeHash>(hasher: H, nodes: &mut [B256], padded: usize) {
    let mut level_start = 0;
    let mut level_len = padded;
    while level_len > 1 {
        let (below, above) = nodes.split_at_mut(level_start + level_len);
        let children = &below[level_start..];
        for (parent, pair) in above.iter_mut().zip(children.chunks_exact(2)) {
            *parent = hasher.node(&pair[0], &pair[1]);
        }
        level_start += level_len;
        level_len /= 2;
    }
}

/// Proofs of many leaves of one tree, stored flat: proof `i` is
/// `siblings[i·depth .. (i+1)·depth]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProofSet {
    depth: usize,
    siblings: Vec<B256>,
}

impl ProofSet {
    /// Wraps flat siblings as proofs of `depth` siblings each.
    ///
    /// # Errors
    /// [`MerkleError::ProofTooLong`] if `depth > 64`; [`MerkleError::CountMismatch`]
    /// if `siblings.len()` is not a multiple of `depth` (or not empty when `depth` is 0).
    pub fn from_flat(depth: usize, siblings: Vec<B256>) -> Result<Self, MerkleError> {
        if depth > MAX_PROOF_LENGTH {
            return Err(MerkleError::ProofTooLong { field: "depth".into(), length: depth });
        }
        // `is_multiple_of(0)` holds only for 0: a depth-0 set must be empty.
        let whole = siblings.len().is_multiple_of(depth);
        if !whole {
            return Err(MerkleError::CountMismatch {
                field: "proofs".into(),
                expected: siblings.len().next_multiple_of(depth.max(1)),
                actual: siblings.len(),
            });
        }
        Ok(ProofSet { depth, siblings })
    }

    /// Collects separate proofs (one list of siblings each) for a tree of `leaf_count` leaves.
    ///
    /// # Errors
    /// [`MerkleError::ZeroLeafCount`]; [`MerkleError::ProofLengthMismatch`] naming `proofs[k]`
    /// for the first proof whose length is not the tree depth.
    pub fn from_proofs<P: AsRef<[B256]>>(leaf_count: u64, proofs: &[P]) -> Result<Self, MerkleError> {
        let depth = depth_for_leaf_count(leaf_count)?;
        let mut siblings = Vec::with_capacity(proofs.len() * depth);
        for (k, proof) in proofs.iter().enumerate() {
            let proof = proof.as_ref();
            if proof.len() != depth {
                return Err(MerkleError::ProofLengthMismatch {
                    field: alloc::format!("proofs[{k}]"),
                    expected: depth,
                    actual: proof.len(),
                    leaf_count,
                });
            }
            siblings.extend_from_slice(proof);
        }
        Ok(ProofSet { depth, siblings })
    }

    /// Like [`ProofSet::from_flat`], from packed bytes (`count × depth × 32`).
    ///
    /// # Errors
    /// [`MerkleError::PackedLength`] and the errors of [`ProofSet::from_flat`].
    pub fn from_packed(depth: usize, packed: &[u8]) -> Result<Self, MerkleError> {
        let (chunks, rest) = packed.as_chunks::<32>();
        if !rest.is_empty() {
            return Err(MerkleError::PackedLength { field: "proofs".into(), actual: packed.len() });
        }
        Self::from_flat(depth, chunks.iter().map(|chunk| B256::from(*chunk)).collect())
    }

    /// Siblings per proof.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The number of proofs. A depth-0 set (one-leaf tree) reports 0; pair it with its leaf count.
    pub fn len(&self) -> usize {
        self.siblings.len().checked_div(self.depth).unwrap_or(0)
    }

    /// True when the set holds no siblings.
    pub fn is_empty(&self) -> bool {
        self.siblings.is_empty()
    }

    /// Proof `i`, or `None` past the end.
    pub fn get(&self, i: usize) -> Option<&[B256]> {
        let start = i.checked_mul(self.depth)?;
        self.siblings.get(start..start.checked_add(self.depth)?)
    }

    /// All siblings, proof after proof.
    pub fn as_flat(&self) -> &[B256] {
        &self.siblings
    }

    /// Consumes the set, returning the flat siblings.
    pub fn into_flat(self) -> Vec<B256> {
        self.siblings
    }

    /// The siblings as bytes, proof after proof (`len() × depth() × 32`): the packed form
    /// [`ProofSet::from_packed`] reads, and the cheapest to hand across a language boundary.
    pub fn to_packed(&self) -> Vec<u8> {
        let mut packed = Vec::with_capacity(self.siblings.len() * 32);
        for node in &self.siblings {
            packed.extend_from_slice(node.as_slice());
        }
        packed
    }
}

mod verify;
pub use verify::{root_from_proof, verify, verify_lenient, verify_many};

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{b256, keccak256, U256};
    use sha2::{Digest, Sha256};

    #[test]
    fn verify_many_answers_exactly_as_independent_verification() {
        // Shared folds must never let a tampered proof borrow an honest proof's answer.
        for scheme in [Scheme::KeccakV1, Scheme::VesSha256V1] {
            let leaves = synthetic(37);
            let tree = MerkleTree::build(scheme, &leaves).unwrap();
            let n = leaves.len() as u64;
            let mut batch_leaves = leaves.clone();
            let mut indices: Vec<u64> = (0..n).collect();
            let mut proofs: Vec<Vec<B256>> = (0..leaves.len()).map(|i| tree.proof(i).unwrap()).collect();
            // A wrong leaf; a flipped sibling at the top and at the bottom; an honest and a
            // tampered duplicate of index 0; a proof for the right leaf at the wrong index.
            batch_leaves[9] = B256::repeat_byte(0xee);
            let top = tree.depth() - 1;
            proofs[5][top].0[0] ^= 1;
            proofs[6][0].0[31] ^= 1;
            batch_leaves.push(leaves[0]);
            indices.push(0);
            proofs.push(tree.proof(0).unwrap());
            batch_leaves.push(leaves[0]);
            indices.push(0);
            let mut tampered = tree.proof(0).unwrap();
            tampered[top].0[7] ^= 0x40;
            proofs.push(tampered);
            batch_leaves.push(leaves[3]);
            indices.push(2);
            proofs.push(tree.proof(3).unwrap());
            let set = ProofSet::from_proofs(n, &proofs).unwrap();
            let answers = verify_many(scheme, &tree.root(), n, &batch_leaves, &indices, &set).unwrap();
            let expected: Vec<bool> = (0..batch_leaves.len())
                .map(|k| verify(scheme, &tree.root(), &batch_leaves[k], indices[k], n, &proofs[k]).unwrap())
                .collect();
            assert_eq!(answers, expected, "{scheme}");
            assert_eq!(expected.iter().filter(|ok| !**ok).count(), 5, "{scheme}: the five tampered entries fail");
        }
    }

    #[test]
    fn proof_positions_point_into_the_stored_levels_and_refuse_a_padding_leaf() {
        let leaves: Vec<B256> = (1..=5u8).map(B256::repeat_byte).collect();
        let tree = MerkleTree::build(Scheme::KeccakV1, &leaves).unwrap();
        assert_eq!(tree.nodes().len(), 15);
        assert_eq!(tree.nodes()[14], tree.root());
        // Leaf 4's siblings: the pad leaf 5, node (6, 7) of level 1, node (0..4) of level 2.
        assert_eq!(tree.proof_positions(4).unwrap().collect::<Vec<_>>(), [5, 11, 12]);
        for (i, leaf) in leaves.iter().enumerate() {
            let proof: Vec<B256> = tree.proof_positions(i).unwrap().map(|p| tree.nodes()[p]).collect();
            assert!(verify(Scheme::KeccakV1, &tree.root(), leaf, i as u64, 5, &proof).unwrap());
        }
        let err = tree.proof_positions(5).err().expect("a padding leaf has no proof");
        assert_eq!(err.code(), "INDEX_OUT_OF_RANGE");
    }

    #[test]
    fn write_proofs_packed_fills_whole_proofs_only() {
        let leaves: Vec<B256> = (1..=5u8).map(B256::repeat_byte).collect();
        let tree = MerkleTree::build(Scheme::KeccakV1, &leaves).unwrap();
        let all = tree.proofs_packed();
        assert_eq!(all.len(), 5 * 3 * 32);
        let mut short = vec![0xee; 3 * 32 + 40];
        tree.write_proofs_packed(&mut short);
        assert_eq!(short[..96], all[..96]);
        assert!(short[96..].iter().all(|&byte| byte == 0xee), "no partial proof is written");
    }

    #[test]
    fn proof_set_packed_round_trip() {
        let leaves: Vec<B256> = (1..=5u8).map(B256::repeat_byte).collect();
        let tree = MerkleTree::build(Scheme::KeccakV1, &leaves).unwrap();
        let set = tree.proofs();
        let packed = set.to_packed();
        assert_eq!(packed.len(), 5 * tree.depth() * 32);
        assert_eq!(ProofSet::from_packed(tree.depth(), &packed).unwrap(), set);
        assert_eq!(tree.proofs_packed(), packed);
    }

    #[test]
    fn split_packed_names_the_field_of_a_ragged_length() {
        let hashes = split_packed("leaves", &[1u8; 96]).unwrap();
        assert_eq!(hashes, alloc::vec![B256::repeat_byte(1); 3]);
        assert_eq!(split_packed("leaves", &[]).unwrap(), Vec::<B256>::new());
        let err = split_packed("leaves", &[0u8; 65]).unwrap_err();
        assert_eq!(
            (err.code(), err.to_string().as_str()),
            ("WRONG_LENGTH", "leaves: 65 bytes is not a whole number of 32-byte hashes")
        );
    }

    fn synthetic(n: u8) -> Vec<B256> {
        (1..=n).map(B256::repeat_byte).collect()
    }

    #[test]
    fn fast_node_hashes_match_the_generic_hashers() {
        let (left, right) =
            (B256::repeat_byte(0xa5), b256!("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
        let mut preimage = Vec::from(DOMAIN_NODE);
        preimage.extend_from_slice(left.as_slice());
        preimage.extend_from_slice(right.as_slice());
        let expected = B256::from(<[u8; 32]>::from(Sha256::digest(&preimage)));
        assert_eq!(Scheme::VesSha256V1.node(&left, &right), expected);
        assert_eq!(Scheme::KeccakV1.node(&left, &right), keccak256([left.as_slice(), right.as_slice()].concat()));
    }

    #[test]
    fn ves_roots_match_reference_5_4_3() {
        let expected = [
            b256!("0101010101010101010101010101010101010101010101010101010101010101"),
            b256!("5186fbc7094f70b9fc71bcf269fda0530c1c2bd675de918ef39562a6f18752fd"),
            b256!("b273075c5260995967a3e717440e9e12c103e1e500da892e0e100c629314bcbe"),
            b256!("429043e174b008c6a2f691c5ad90373a167437460768175f96227316ad47274d"),
            b256!("16ffa07750ff1edd7f23eae647b13057f0b7c6e13f1c8b99798c60bc869090e4"),
            b256!("bddf2ea0b5390b121c203612c2d4e4bb1be9d014968391e5cbee87ed928d0d37"),
            b256!("9dba9464c5c22d1959f18552da45b4af2555a204fbde0dd9fe968eba9a483229"),
            b256!("9c83bd32eb12427d8705672918dd66c7b47b456b1c72875dd648d6ee24074f29"),
        ];
        for (n, root) in (1u8..=8).zip(expected) {
            let tree = MerkleTree::build(Scheme::VesSha256V1, &synthetic(n)).unwrap();
            assert_eq!(tree.root(), root, "n = {n}");
        }
    }

    #[test]
    fn ves_proofs_match_reference_5_4_3_for_five_leaves() {
        let tree = MerkleTree::build(Scheme::VesSha256V1, &synthetic(5)).unwrap();
        assert_eq!(tree.depth(), 3);
        assert_eq!(
            tree.proof(4).unwrap(),
            vec![
                Scheme::VesSha256V1.pad_leaf(),
                b256!("36e827d1c00aca28d1fa881d0d92c155592bc4aff0324e7b72cdecbb0993b24c"),
                b256!("429043e174b008c6a2f691c5ad90373a167437460768175f96227316ad47274d"),
            ]
        );
        assert_eq!(
            tree.proof(0).unwrap(),
            vec![
                B256::repeat_byte(2),
                b256!("7180b3941a5bcaa5378202e9f9efadb7b6539314062f41219b7ccea62d5ce2c6"),
                b256!("4fd46952c1616a14efefb730faea518d864b7865428bd624472f1a528906f283"),
            ]
        );
    }

    #[test]
    fn pad_leaves_match_their_definitions() {
        use sha2::Digest;
        let sha256 = B256::from(<[u8; 32]>::from(sha2::Sha256::digest(DOMAIN_PAD_LEAF)));
        assert_eq!(Scheme::VesSha256V1.pad_leaf(), sha256);
        assert_eq!(Scheme::KeccakV1.pad_leaf(), keccak256(KECCAK_PAD_PREIMAGE));
        assert_eq!(DOMAIN_PAD_LEAF, b"VES_PAD_LEAF_V1");
        assert_eq!(KECCAK_PAD_PREIMAGE, b"SET_PAD_LEAF_V1");
    }

    #[test]
    fn keccak_roots_match_reference_5_4_6() {
        let root = |n| MerkleTree::build(Scheme::KeccakV1, &synthetic(n)).unwrap().root();
        assert_eq!(root(2), b256!("346d8c96a2454213fcc0daff3c96ad0398148181b9fa6488f7ae2c0af5b20aa0"));
        assert_eq!(root(4), b256!("99976d3b1539e7cfaca77649ac7536fec61db00fb0835634915b4d542fff06ae"));
    }

    #[test]
    fn keccak_proofs_match_the_registry_reference_1_14() {
        let leaves: Vec<B256> = (0..4).map(|i| keccak256(format!("event{i}"))).collect();
        let tree = MerkleTree::build(Scheme::KeccakV1, &leaves).unwrap();
        assert_eq!(tree.root(), b256!("982da11ea2b81c3c7095754d352c88d9fd186dd12c8d1fb3a9f2f3c716bd57f5"));
        let h23 = b256!("fc643927a6f7bbabdccee858aff312e0ac3c45c13d1460e91ce728b91f025b83");
        assert_eq!(tree.proof(0).unwrap(), vec![leaves[1], h23]);
    }

    #[test]
    fn one_leaf_tree_is_the_leaf_with_an_empty_proof() {
        let leaf = B256::repeat_byte(7);
        for scheme in Scheme::ALL {
            let tree = MerkleTree::build(scheme, &[leaf]).unwrap();
            assert_eq!((tree.root(), tree.depth(), tree.proof(0).unwrap()), (leaf, 0, vec![]));
            assert_eq!(verify(scheme, &leaf, &leaf, 0, 1, &[]), Ok(true));
            let all = tree.proofs();
            assert_eq!(verify_many(scheme, &leaf, 1, &[leaf], &[0], &all), Ok(vec![true]));
        }
    }

    #[test]
    fn all_proofs_equal_single_proofs_and_verify() {
        for scheme in Scheme::ALL {
            for n in [1u8, 2, 3, 5, 8, 17, 64, 100, 255] {
                let leaves = synthetic(n);
                let tree = MerkleTree::build(scheme, &leaves).unwrap();
                let all = tree.proofs();
                assert_eq!(tree.proofs_packed(), all.to_packed());
                let indices: Vec<u64> = (0..u64::from(n)).collect();
                for (i, leaf) in leaves.iter().enumerate() {
                    let single = tree.proof(i).unwrap();
                    assert_eq!(all.get(i).unwrap(), single.as_slice());
                    assert_eq!(verify(scheme, &tree.root(), leaf, i as u64, n.into(), &single), Ok(true));
                }
                let verdicts = verify_many(scheme, &tree.root(), n.into(), &leaves, &indices, &all).unwrap();
                assert!(verdicts.iter().all(|&ok| ok));
                // Rebuilding a bigger tree of the other scheme in place gives the same tree.
                let mut rebuilt = MerkleTree::build(Scheme::KeccakV1, &synthetic(40)).unwrap();
                rebuilt.rebuild(scheme, &leaves).unwrap();
                assert_eq!(rebuilt, tree);
                assert_eq!(rebuilt.rebuild(scheme, &[]), Err(MerkleError::EmptyTree));
                assert_eq!((rebuilt.leaf_count(), rebuilt.depth(), rebuilt.proofs().len()), (0, 0, 0));
                // Refilling a set left over from a bigger tree gives the same proofs.
                let mut reused = MerkleTree::build(scheme, &synthetic(40)).unwrap().proofs();
                tree.proofs_into(&mut reused);
                assert_eq!(reused, all);
            }
        }
    }

    #[test]
    fn packed_build_equals_list_build() {
        let leaves = synthetic(9);
        let packed: Vec<u8> = leaves.iter().flat_map(|leaf| leaf.0).collect();
        for scheme in Scheme::ALL {
            assert_eq!(MerkleTree::build_packed(scheme, &packed).unwrap(), MerkleTree::build(scheme, &leaves).unwrap());
        }
        assert_eq!(MerkleTree::build_packed(Scheme::KeccakV1, &packed[1..]).unwrap_err().code(), "WRONG_LENGTH");
    }

    #[test]
    fn rejects_empty_tree_and_bad_indices() {
        assert_eq!(MerkleTree::build(Scheme::KeccakV1, &[]), Err(MerkleError::EmptyTree));
        assert_eq!(MerkleTree::build_packed(Scheme::KeccakV1, &[]), Err(MerkleError::EmptyTree));
        let tree = MerkleTree::build(Scheme::KeccakV1, &synthetic(3)).unwrap();
        assert_eq!(tree.proof(3).unwrap_err().code(), "INDEX_OUT_OF_RANGE");
        assert_eq!(tree.proof(usize::MAX).unwrap_err().code(), "INDEX_OUT_OF_RANGE");
    }

    #[test]
    fn strict_verification_rejects_index_past_leaf_count_and_wrong_lengths() {
        let leaves = synthetic(3);
        let tree = MerkleTree::build(Scheme::VesSha256V1, &leaves).unwrap();
        let proof = tree.proof(2).unwrap();
        let root = tree.root();
        let strict = |index, count, proof: &[B256]| verify(Scheme::VesSha256V1, &root, &leaves[2], index, count, proof);
        assert_eq!(strict(3, 3, &proof).unwrap_err().code(), "INDEX_OUT_OF_RANGE");
        assert_eq!(strict(2, 0, &proof).unwrap_err().code(), "INVALID_LEAF_COUNT");
        assert_eq!(strict(2, 3, &proof[..1]).unwrap_err().code(), "PROOF_LENGTH_MISMATCH");
        let long = [proof.clone(), vec![B256::ZERO]].concat();
        assert_eq!(strict(2, 3, &long).unwrap_err().code(), "PROOF_LENGTH_MISMATCH");
        assert_eq!(strict(2, 3, &vec![B256::ZERO; 65]).unwrap_err().code(), "PROOF_TOO_LONG");
        // A wrong sibling or a wrong in-range index is a clean "no".
        let mut bad = proof.clone();
        bad[0] = B256::repeat_byte(0xee);
        assert_eq!(strict(2, 3, &bad), Ok(false));
        assert_eq!(strict(1, 3, &proof), Ok(false));
    }

    #[test]
    fn lenient_verification_ignores_index_bits_past_the_proof_like_the_contract() {
        let leaves = synthetic(4);
        let tree = MerkleTree::build(Scheme::KeccakV1, &leaves).unwrap();
        let proof = tree.proof(0).unwrap();
        let lenient = |index: U256| verify_lenient(Scheme::KeccakV1, &tree.root(), &leaves[0], index, &proof);
        assert_eq!(lenient(U256::from(0)), Ok(true));
        assert_eq!(lenient(U256::from(4)), Ok(true));
        assert_eq!(lenient(U256::MAX - U256::from(3)), Ok(true));
        assert_eq!(lenient(U256::from(1)), Ok(false));
        // …and accepts an internal node with a shorter proof, as the contract does.
        let h01 = Scheme::KeccakV1.node(&leaves[0], &leaves[1]);
        assert_eq!(verify_lenient(Scheme::KeccakV1, &tree.root(), &h01, U256::ZERO, &proof[1..]), Ok(true));
    }

    #[test]
    fn verify_many_reports_structural_problems_by_field() {
        let leaves = synthetic(4);
        let tree = MerkleTree::build(Scheme::KeccakV1, &leaves).unwrap();
        let proofs = tree.proofs();
        let root = tree.root();
        let many = |count, indices: &[u64], proofs: &ProofSet| {
            verify_many(Scheme::KeccakV1, &root, count, &leaves, indices, proofs)
        };
        assert_eq!(many(4, &[0, 1, 2], &proofs).unwrap_err().code(), "LENGTH_MISMATCH");
        let err = many(4, &[0, 1, 2, 9], &proofs).unwrap_err();
        assert_eq!(err, MerkleError::IndexOutOfRange { field: "indices[3]".into(), index: 9, leaf_count: 4 });
        assert_eq!(many(5, &[0, 1, 2, 3], &proofs).unwrap_err().code(), "PROOF_LENGTH_MISMATCH");
        assert_eq!(many(4, &[0, 1, 3, 2], &proofs), Ok(vec![true, true, false, false]));
    }

    #[test]
    fn proof_sets_round_trip_through_packed_bytes() {
        let tree = MerkleTree::build(Scheme::VesSha256V1, &synthetic(6)).unwrap();
        let proofs = tree.proofs();
        let packed: Vec<u8> = proofs.as_flat().iter().flat_map(|s| s.0).collect();
        assert_eq!(ProofSet::from_packed(3, &packed).unwrap(), proofs);
        assert_eq!(ProofSet::from_packed(3, &packed[..31]).unwrap_err().code(), "WRONG_LENGTH");
        assert_eq!(ProofSet::from_packed(4, &packed).unwrap_err().code(), "LENGTH_MISMATCH");
        assert_eq!(ProofSet::from_flat(65, vec![]).unwrap_err().code(), "PROOF_TOO_LONG");
        assert_eq!(proofs.len(), 6);
        assert!(proofs.get(6).is_none());
        let separate: Vec<Vec<B256>> = (0..6).map(|i| tree.proof(i).unwrap()).collect();
        assert_eq!(ProofSet::from_proofs(6, &separate).unwrap(), proofs);
        let mut short = separate.clone();
        short[4].pop();
        let err = ProofSet::from_proofs(6, &short).unwrap_err();
        assert_eq!(
            err,
            MerkleError::ProofLengthMismatch { field: "proofs[4]".into(), expected: 3, actual: 2, leaf_count: 6 }
        );
        assert!(proofs.get(usize::MAX).is_none());
    }

    #[test]
    fn scheme_ids_round_trip() {
        for scheme in Scheme::ALL {
            assert_eq!(scheme.id().parse::<Scheme>(), Ok(scheme));
        }
        assert_eq!("sha256".parse::<Scheme>().unwrap_err().code(), "UNKNOWN_SCHEME");
    }

    #[test]
    fn depth_handles_the_extremes() {
        assert_eq!(depth_for_leaf_count(0), Err(MerkleError::ZeroLeafCount));
        assert_eq!(depth_for_leaf_count(u64::MAX), Ok(64));
        assert_eq!(depth_for_leaf_count(1 << 63), Ok(63));
        assert_eq!(depth_for_leaf_count((1 << 63) + 1), Ok(64));
    }
}
