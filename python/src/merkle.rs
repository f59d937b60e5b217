//! The Merkle engine: `ves-sha256-v1` and `keccak-v1` trees, proofs and verification.
//!
//! Bulk calls (building a tree, gathering every proof, verifying many proofs) convert their
//! inputs while holding the GIL and then release it for the hashing, so other Python threads
//! run meanwhile.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};
use set_core::encoding::B256;
use set_core::merkle::{self, ProofSet, Scheme};

use crate::convert::{
    b256, b256_list, b256_list_or_packed, bool_of, list_of, py_bytes, py_hash_list, raw_bytes, text_of, u256_of, u64_of,
};
use crate::error::{core_error, invalid_argument};

const SCHEMES: &str = "\"ves-sha256-v1\" or \"keccak-v1\"";

fn scheme_of(scheme: &Bound<'_, PyAny>) -> PyResult<Scheme> {
    let text = text_of("scheme", scheme)?.ok_or_else(|| invalid_argument("scheme", SCHEMES))?;
    text.parse::<Scheme>().map_err(core_error)
}

/// A built Merkle tree: leaves in order, padded to a power of two with the scheme's pad leaf.
#[pyclass(module = "setchain._native", name = "MerkleTree", frozen)]
pub struct PyMerkleTree {
    inner: merkle::MerkleTree,
}

#[pymethods]
impl PyMerkleTree {
    /// Builds the tree of `leaves` — a list of 32-byte `bytes` / hex strings, or one `bytes`
    /// of N×32 — under `scheme` (`"ves-sha256-v1"`, the default, or `"keccak-v1"`). The GIL
    /// is released while hashing.
    ///
    /// # Errors
    /// `MerkleError` (`UNKNOWN_SCHEME`, `EMPTY_TREE`, `WRONG_LENGTH` for packed bytes that are
    /// not a multiple of 32), `EncodingError` naming `leaves[i]`.
    #[new]
    #[pyo3(signature = (leaves, scheme = None), text_signature = "(leaves, scheme='ves-sha256-v1')")]
    fn new(py: Python<'_>, leaves: &Bound<'_, PyAny>, scheme: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let scheme = match scheme {
            Some(scheme) => scheme_of(scheme)?,
            None => Scheme::VesSha256V1,
        };
        let inner = match b256_list_or_packed("leaves", leaves)? {
            Ok(list) => py.detach(|| merkle::MerkleTree::build(scheme, &list)),
            Err(packed) => py.detach(|| merkle::MerkleTree::build_packed(scheme, &packed)),
        }
        .map_err(core_error)?;
        Ok(PyMerkleTree { inner })
    }

    /// The scheme id.
    #[getter]
    fn scheme(&self) -> &'static str {
        self.inner.scheme().id()
    }

    /// The root (32 bytes).
    #[getter]
    fn root<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.inner.root().as_slice())
    }

    /// The depth: the length of every proof.
    #[getter]
    fn depth(&self) -> usize {
        self.inner.depth()
    }

    /// The number of leaves given (before padding).
    #[getter]
    fn leaf_count(&self) -> usize {
        self.inner.leaf_count()
    }

    fn __len__(&self) -> usize {
        self.inner.leaf_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "MerkleTree(scheme={:?}, leaf_count={}, root=0x{})",
            self.inner.scheme().id(),
            self.inner.leaf_count(),
            hex_of(self.inner.root().as_slice())
        )
    }

    /// The proof of leaf `index`: its siblings from the leaf up.
    ///
    /// # Errors
    /// `MerkleError` (`INDEX_OUT_OF_RANGE`); `InvalidArgumentError` for a non-int index.
    fn proof<'py>(&self, py: Python<'py>, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let index = u64_of("index", index)?;
        // An index beyond usize is out of range too: let the core say so.
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        let proof = self.inner.proof(index).map_err(core_error)?;
        py_hash_list(py, &proof)
    }

    /// Every proof at once, as a [`PyProofSet`] (a sequence: `proofs()[i] == proof(i)`). The
    /// GIL is released while gathering.
    fn proofs(&self, py: Python<'_>) -> PyProofSet {
        let inner = py.detach(|| self.inner.proofs());
        PyProofSet { inner, leaf_count: self.inner.leaf_count() }
    }
}

fn hex_of(bytes: &[u8]) -> String {
    set_core::encoding::encode_hex(bytes).trim_start_matches("0x").to_owned()
}

/// The proofs of every leaf of a tree, stored flat in Rust. A read-only sequence of
/// `list[bytes]`; pass it straight back to `verify_proofs` to avoid any conversion.
#[pyclass(module = "setchain._native", name = "ProofSet", frozen, sequence)]
pub struct PyProofSet {
    inner: ProofSet,
    leaf_count: usize,
}

impl PyProofSet {
    fn proof_at<'py>(&self, py: Python<'py>, index: usize) -> PyResult<Bound<'py, PyList>> {
        let empty: &[B256] = &[];
        py_hash_list(py, self.inner.get(index).unwrap_or(empty))
    }
}

#[pymethods]
impl PyProofSet {
    fn __len__(&self) -> usize {
        self.leaf_count
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: isize) -> PyResult<Bound<'py, PyList>> {
        let resolved = if index < 0 { index.checked_add_unsigned(self.leaf_count) } else { Some(index) };
        match resolved.and_then(|i| usize::try_from(i).ok()).filter(|&i| i < self.leaf_count) {
            Some(i) => self.proof_at(py, i),
            None => Err(pyo3::exceptions::PyIndexError::new_err("ProofSet index out of range")),
        }
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.to_list(py)?.try_iter()?.into_any())
    }

    fn __repr__(&self) -> String {
        format!("ProofSet(leaf_count={}, depth={})", self.leaf_count, self.inner.depth())
    }

    /// Siblings per proof (the tree depth).
    #[getter]
    fn depth(&self) -> usize {
        self.inner.depth()
    }

    /// Every proof as a `list[list[bytes]]`.
    fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        // Neighbouring proofs of a tree share most siblings (leaves i − 1 and i differ only
        // below the lowest bit in which their indices differ). Each list starts as a copy of
        // the previous one (one C-level slice), and only the siblings that differ get a new
        // `bytes`; the others are the same objects. `bytes` is immutable, so the lists compare
        // and behave exactly as with a copy each; at 2^16 leaves this creates ≈ 2 objects per
        // proof instead of 16.
        let mut previous: Option<(&[B256], Bound<'py, PyList>)> = None;
        let mut proofs = Vec::with_capacity(self.leaf_count);
        for i in 0..self.leaf_count {
            let proof = self.inner.get(i).unwrap_or_default();
            let list = match &previous {
                Some((earlier, list)) if earlier.len() == proof.len() => {
                    let copy = list.get_slice(0, proof.len());
                    for (level, (node, old)) in proof.iter().zip(*earlier).enumerate() {
                        if node != old {
                            copy.set_item(level, py_bytes(py, node.as_slice()))?;
                        }
                    }
                    copy
                }
                _ => py_hash_list(py, proof)?,
            };
            proofs.push(list.clone());
            previous = Some((proof, list));
        }
        PyList::new(py, proofs)
    }

    /// Every proof packed back to back: `leaf_count × depth × 32` bytes, proof 0 first (the
    /// form `verify_proofs` also accepts).
    fn packed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let flat = self.inner.as_flat();
        PyBytes::new_with(py, flat.len() * 32, |out| {
            for (chunk, node) in out.chunks_exact_mut(32).zip(flat) {
                chunk.copy_from_slice(node.as_slice());
            }
            Ok(())
        })
    }
}

/// Verifies one proof. Strict by default: `index < leaf_count` and the proof length equals
/// the tree depth. With `lenient=True` it answers exactly what the on-chain
/// `verifyInclusion` answers (no leaf count: pass `None`; high index bits ignored).
///
/// Returns `False` for a well-formed proof that does not lead to `root`.
///
/// # Errors
/// `MerkleError` (`INDEX_OUT_OF_RANGE`, `PROOF_LENGTH_MISMATCH`, `PROOF_TOO_LONG`,
/// `INVALID_LEAF_COUNT`, `UNKNOWN_SCHEME`), `EncodingError` naming the field.
#[pyfunction]
#[pyo3(
    signature = (root, leaf, index, leaf_count, proof, *, scheme = None, lenient = None),
    text_signature = "(root, leaf, index, leaf_count, proof, *, scheme='ves-sha256-v1', lenient=False)"
)]
pub fn verify_proof(
    root: &Bound<'_, PyAny>,
    leaf: &Bound<'_, PyAny>,
    index: &Bound<'_, PyAny>,
    leaf_count: &Bound<'_, PyAny>,
    proof: &Bound<'_, PyAny>,
    scheme: Option<&Bound<'_, PyAny>>,
    lenient: Option<&Bound<'_, PyAny>>,
) -> PyResult<bool> {
    let scheme = match scheme {
        Some(scheme) => scheme_of(scheme)?,
        None => Scheme::VesSha256V1,
    };
    let lenient = match lenient {
        Some(lenient) => bool_of("lenient", lenient)?,
        None => false,
    };
    let root = b256("root", root)?;
    let leaf = b256("leaf", leaf)?;
    let proof = b256_list("proof", proof)?;
    if lenient {
        let index = u256_of("index", index)?;
        return merkle::verify_lenient(scheme, &root, &leaf, index, &proof).map_err(core_error);
    }
    let index = u64_of("index", index)?;
    if leaf_count.is_none() {
        return Err(invalid_argument("leaf_count", "an int (None only with lenient=True)"));
    }
    let leaf_count = u64_of("leaf_count", leaf_count)?;
    merkle::verify(scheme, &root, &leaf, index, leaf_count, &proof).map_err(core_error)
}

/// Strictly verifies many proofs against one root: `leaves[k]` at `indices[k]` with
/// `proofs[k]` (`indices` defaults to `0, 1, …`). `leaves` is a list or one packed `bytes`;
/// `proofs` a `ProofSet`, a list of proofs, or packed bytes (`ProofSet.packed()`). Returns one
/// bool per leaf. The GIL is released while hashing.
///
/// # Errors
/// `MerkleError` (`LENGTH_MISMATCH`, `PROOF_LENGTH_MISMATCH` naming `proofs[k]`,
/// `INDEX_OUT_OF_RANGE` naming `indices[k]`, `INVALID_LEAF_COUNT`), `EncodingError`.
#[pyfunction]
#[pyo3(
    signature = (root, leaf_count, leaves, proofs, indices = None, *, scheme = None),
    text_signature = "(root, leaf_count, leaves, proofs, indices=None, *, scheme='ves-sha256-v1')"
)]
pub fn verify_proofs<'py>(
    py: Python<'py>,
    root: &Bound<'py, PyAny>,
    leaf_count: &Bound<'py, PyAny>,
    leaves: &Bound<'py, PyAny>,
    proofs: &Bound<'py, PyAny>,
    indices: Option<&Bound<'py, PyAny>>,
    scheme: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let scheme = match scheme {
        Some(scheme) => scheme_of(scheme)?,
        None => Scheme::VesSha256V1,
    };
    let root = b256("root", root)?;
    let leaf_count = u64_of("leaf_count", leaf_count)?;
    let depth = merkle::depth_for_leaf_count(leaf_count).map_err(core_error)?;
    let leaves = match b256_list_or_packed("leaves", leaves)? {
        Ok(list) => list,
        Err(packed) => merkle::split_packed("leaves", &packed).map_err(core_error)?,
    };
    let indices: Vec<u64> = match indices {
        Some(indices) if !indices.is_none() => list_of("indices", indices, "a list of ints", u64_of)?,
        _ => (0..leaves.len() as u64).collect(),
    };
    let answers = if let Ok(set) = proofs.cast::<PyProofSet>() {
        let set = &set.get().inner;
        py.detach(|| merkle::verify_many(scheme, &root, leaf_count, &leaves, &indices, set))
    } else {
        let set = match raw_bytes(proofs) {
            Some(packed) => ProofSet::from_packed(depth, &packed),
            None => {
                let separate = list_of("proofs", proofs, "a ProofSet, a list of proofs or packed bytes", b256_list)?;
                ProofSet::from_proofs(leaf_count, &separate)
            }
        }
        .map_err(core_error)?;
        py.detach(|| merkle::verify_many(scheme, &root, leaf_count, &leaves, &indices, &set))
    }
    .map_err(core_error)?;
    PyList::new(py, answers)
}
