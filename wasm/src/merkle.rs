//! The Merkle engine: `ves-sha256-v1` and `keccak-v1` trees, proofs and verification.

use set_core::encoding::B256;
use set_core::merkle::{self, ProofSet, Scheme};
use wasm_bindgen::prelude::*;

use crate::convert::{
    b256, b256_list, b256_list_any, b256_list_or_packed, get, hex, hex_array, split_by, u256_of, u64_list, u64_of,
};
use crate::error::{core_error, invalid_argument};

/// About the characters of proof text handed to JS at a time by `MerkleTree.proofs()`: far
/// under the engines' string limits (2^29 − 24 in V8), and the one buffer it takes in wasm
/// memory stays small.
const PROOF_TEXT_CHARS: usize = 1 << 22;

/// A sibling in the text (`0x` and 64 hex digits) and its separator.
const SIBLING_TEXT_CHARS: usize = 67;

fn scheme_of(scheme: &JsValue) -> Result<Scheme, JsValue> {
    let text = scheme.as_string().ok_or_else(|| invalid_argument("scheme", "\"ves-sha256-v1\" or \"keccak-v1\""))?;
    text.parse::<Scheme>().map_err(core_error)
}

/// A built Merkle tree.
#[wasm_bindgen(js_name = MerkleTree)]
pub struct JsMerkleTree {
    inner: merkle::MerkleTree,
}

#[wasm_bindgen(js_class = MerkleTree)]
impl JsMerkleTree {
    /// Builds the tree of `leaves` — an array of 32-byte hex strings or `Uint8Array`s, or one
    /// packed `Uint8Array` of N×32 bytes — under `scheme` (`"ves-sha256-v1"` or `"keccak-v1"`).
    ///
    /// # Errors
    /// `UNKNOWN_SCHEME`, `EMPTY_TREE`, `INVALID_HEX` / `WRONG_LENGTH` naming `leaves[i]`,
    /// `WRONG_LENGTH` for a packed array that is not a multiple of 32 bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(leaves: &JsValue, scheme: &JsValue) -> Result<JsMerkleTree, JsValue> {
        let scheme = scheme_of(scheme)?;
        let inner = match b256_list_or_packed("leaves", leaves)? {
            Ok(list) => merkle::MerkleTree::build(scheme, &list),
            Err(packed) => merkle::MerkleTree::build_packed(scheme, &packed),
        }
        .map_err(core_error)?;
        Ok(JsMerkleTree { inner })
    }

    /// The scheme id.
    #[wasm_bindgen(getter)]
    pub fn scheme(&self) -> String {
        self.inner.scheme().to_string()
    }

    /// The root, `0x` hex.
    #[wasm_bindgen(getter)]
    pub fn root(&self) -> JsValue {
        hex(self.inner.root().as_slice())
    }

    /// The depth (the length of every proof).
    #[wasm_bindgen(getter)]
    pub fn depth(&self) -> usize {
        self.inner.depth()
    }

    /// The number of leaves given (before padding).
    #[wasm_bindgen(getter, js_name = leafCount)]
    pub fn leaf_count(&self) -> usize {
        self.inner.leaf_count()
    }

    /// The proof of leaf `index` (siblings from the leaf up), as `0x` hex strings.
    ///
    /// # Errors
    /// `INDEX_OUT_OF_RANGE`; `INVALID_ARGUMENT` for a non-integer index.
    pub fn proof(&self, index: &JsValue) -> Result<js_sys::Array, JsValue> {
        let index = u64_of("index", index)?;
        // An index beyond usize is out of range too: let the core say so.
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        self.inner.proof(index).map(|proof| hex_array(&proof)).map_err(core_error)
    }

    /// Every proof at once: `proofs()[i]` is `proof(i)` (one empty proof per leaf of a
    /// one-leaf tree).
    ///
    /// # Errors
    /// None in practice: the ranges asked of the core lie within the tree.
    pub fn proofs(&self) -> Result<js_sys::Array, JsValue> {
        let tree = &self.inner;
        let (count, depth) = (tree.leaf_count(), tree.depth());
        // The core writes the proofs as hex text, each only as far as it differs from the one
        // before (`MerkleTree::proofs_hex_into`: ≈ 2 siblings per leaf), a few MB at a time.
        // The engine's `split` cuts it; each proof is its own siblings followed by the rest of
        // the previous proof. A few calls per proof instead of one string decode per sibling,
        // and every distinct sibling is one JS string however many proofs hold it.
        let per_text = (PROOF_TEXT_CHARS / (2 * SIBLING_TEXT_CHARS)).max(1);
        let proof_separator = js_sys::JsString::from(merkle::HEX_PROOF_SEPARATOR);
        let sibling_separator = js_sys::JsString::from(merkle::HEX_SIBLING_SEPARATOR);
        let all = js_sys::Array::new_with_length(count as u32);
        let mut text = String::new();
        let mut previous = js_sys::Array::new();
        for start in (0..count).step_by(per_text) {
            text.clear();
            tree.proofs_hex_into(start..count.min(start + per_text), &mut text).map_err(core_error)?;
            let proofs = split_by(&JsValue::from_str(&text), &proof_separator);
            for k in 0..proofs.length() {
                // A one-leaf tree's proof is the empty text, which `split` would make `[""]`.
                let mut proof = js_sys::Array::new();
                if depth > 0 {
                    proof = split_by(&proofs.get(k), &sibling_separator);
                    let written = proof.length();
                    if written < depth as u32 {
                        proof = proof.concat(&previous.slice(written, depth as u32));
                    }
                }
                all.set(start as u32 + k, proof.clone().into());
                previous = proof;
            }
        }
        Ok(all)
    }

    /// Every proof at once, packed: `leafCount × depth × 32` bytes, proof `i` first.
    #[wasm_bindgen(js_name = proofsPacked)]
    pub fn proofs_packed(&self) -> js_sys::Uint8Array {
        js_sys::Uint8Array::from(self.inner.proofs_packed().as_slice())
    }

    /// Every proof at once, kept in wasm memory: nothing is copied to JS until a proof is read,
    /// and `verifyProofSet` checks them where they are. The fastest form for bulk work.
    #[wasm_bindgen(js_name = proofSet)]
    pub fn proof_set(&self) -> JsProofSet {
        JsProofSet { inner: self.inner.proofs(), leaf_count: self.inner.leaf_count() }
    }
}

/// Every proof of a tree, held in wasm memory (see `MerkleTree.proofSet()`).
#[wasm_bindgen(js_name = ProofSet)]
pub struct JsProofSet {
    inner: ProofSet,
    leaf_count: usize,
}

#[wasm_bindgen(js_class = ProofSet)]
impl JsProofSet {
    /// The number of proofs (the tree's leaf count).
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.leaf_count
    }

    /// The length of every proof.
    #[wasm_bindgen(getter)]
    pub fn depth(&self) -> usize {
        self.inner.depth()
    }

    /// Proof `index` as `0x` hex strings.
    ///
    /// # Errors
    /// `INDEX_OUT_OF_RANGE`; `INVALID_ARGUMENT` for a non-integer index.
    pub fn get(&self, index: &JsValue) -> Result<js_sys::Array, JsValue> {
        let index = u64_of("index", index)?;
        match usize::try_from(index).ok().filter(|&i| i < self.leaf_count) {
            Some(i) => Ok(hex_array(self.inner.get(i).unwrap_or_default())),
            None => Err(core_error(merkle::MerkleError::IndexOutOfRange {
                field: "index".into(),
                index,
                leaf_count: self.leaf_count as u64,
            })),
        }
    }

    /// All proofs as bytes, as `MerkleTree.proofsPacked()` returns them.
    pub fn packed(&self) -> js_sys::Uint8Array {
        js_sys::Uint8Array::from(self.inner.to_packed().as_slice())
    }
}

/// Verifies one proof. Strict by default (`index < leafCount`, proof length = tree depth);
/// with `{ lenient: true }` it answers exactly what the on-chain `verifyInclusion` answers
/// (no leaf count, `leafCount` ignored, high index bits ignored).
///
/// Returns `false` for a well-formed proof that does not lead to `root`.
///
/// # Errors
/// `INDEX_OUT_OF_RANGE`, `PROOF_LENGTH_MISMATCH`, `PROOF_TOO_LONG`, `INVALID_LEAF_COUNT`,
/// `UNKNOWN_SCHEME`, hex errors naming the field.
#[wasm_bindgen(js_name = verifyProof)]
pub fn verify_proof(
    scheme: &JsValue,
    root: &JsValue,
    leaf: &JsValue,
    index: &JsValue,
    leaf_count: &JsValue,
    proof: &JsValue,
    options: &JsValue,
) -> Result<bool, JsValue> {
    let scheme = scheme_of(scheme)?;
    let root = b256("root", root)?;
    let leaf = b256("leaf", leaf)?;
    let proof = b256_list("proof", proof)?;
    if get(options, "lenient").as_bool() == Some(true) {
        let index = u256_of("index", index)?;
        return merkle::verify_lenient(scheme, &root, &leaf, index, &proof).map_err(core_error);
    }
    let index = u64_of("index", index)?;
    let leaf_count = u64_of("leafCount", leaf_count)?;
    merkle::verify(scheme, &root, &leaf, index, leaf_count, &proof).map_err(core_error)
}

/// Strictly verifies many proofs against one root: `leaves[k]` at `indices[k]` with
/// `proofs[k]`. `leaves` is an array or one packed `Uint8Array` of N×32 bytes; `indices` an
/// array or a `Uint32Array` / `BigUint64Array`; `proofs` an array of proofs or one packed
/// `Uint8Array` (as `proofsPacked()` returns it). Returns one boolean per leaf.
///
/// # Errors
/// `LENGTH_MISMATCH`, `PROOF_LENGTH_MISMATCH`, `INDEX_OUT_OF_RANGE` naming `indices[k]`,
/// `INVALID_LEAF_COUNT`, hex errors naming the field.
#[wasm_bindgen(js_name = verifyProofs)]
pub fn verify_proofs(
    scheme: &JsValue,
    root: &JsValue,
    leaf_count: &JsValue,
    leaves: &JsValue,
    indices: &JsValue,
    proofs: &JsValue,
) -> Result<js_sys::Array, JsValue> {
    let bulk = BulkInputs::of(scheme, root, leaf_count, leaves, indices)?;
    let depth = bulk.depth;
    let set = if let Some(packed) = proofs.dyn_ref::<js_sys::Uint8Array>() {
        ProofSet::from_packed(depth, &packed.to_vec())
    } else {
        let Some(proof_array) = proofs.dyn_ref::<js_sys::Array>() else {
            return Err(invalid_argument("proofs", "an array of proofs or a packed Uint8Array"));
        };
        let separate = proof_array
            .iter()
            .enumerate()
            .map(|(k, proof)| b256_list("proofs", &proof).or_else(|_| b256_list(&format!("proofs[{k}]"), &proof)))
            .collect::<Result<Vec<_>, JsValue>>()?;
        ProofSet::from_proofs(bulk.leaf_count, &separate)
    }
    .map_err(core_error)?;
    bulk.verify(&set)
}

/// The arguments `verifyProofs` and `verifyProofSet` share, converted.
struct BulkInputs {
    scheme: Scheme,
    root: B256,
    leaf_count: u64,
    depth: usize,
    leaves: Vec<B256>,
    indices: Vec<u64>,
}

impl BulkInputs {
    fn of(
        scheme: &JsValue,
        root: &JsValue,
        leaf_count: &JsValue,
        leaves: &JsValue,
        indices: &JsValue,
    ) -> Result<Self, JsValue> {
        let scheme = scheme_of(scheme)?;
        let root = b256("root", root)?;
        let leaf_count = u64_of("leafCount", leaf_count)?;
        // A bad leaf count is reported before the (possibly large) lists are converted.
        let depth = merkle::depth_for_leaf_count(leaf_count).map_err(core_error)?;
        let leaves = b256_list_any("leaves", leaves)?;
        let indices = u64_list("indices", indices)?;
        Ok(BulkInputs { scheme, root, leaf_count, depth, leaves, indices })
    }

    /// `merkle::verify_many` over `proofs`: one JS boolean per leaf.
    fn verify(&self, proofs: &ProofSet) -> Result<js_sys::Array, JsValue> {
        let answers =
            merkle::verify_many(self.scheme, &self.root, self.leaf_count, &self.leaves, &self.indices, proofs)
                .map_err(core_error)?;
        Ok(answers.into_iter().map(JsValue::from_bool).collect())
    }
}

/// `verifyProofs` over a `ProofSet` (from `MerkleTree.proofSet()`), without copying the proofs
/// across the JS boundary: `leaves[k]` at `indices[k]` with proof `k` of the set.
///
/// # Errors
/// As `verifyProofs`.
#[wasm_bindgen(js_name = verifyProofSet)]
pub fn verify_proof_set(
    scheme: &JsValue,
    root: &JsValue,
    leaf_count: &JsValue,
    leaves: &JsValue,
    indices: &JsValue,
    proofs: &JsProofSet,
) -> Result<js_sys::Array, JsValue> {
    BulkInputs::of(scheme, root, leaf_count, leaves, indices)?.verify(&proofs.inner)
}
