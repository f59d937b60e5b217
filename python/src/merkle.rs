//! The Merkle engine: `ves-sha256-v1` and `keccak-v1` trees, proofs and verification.
//!
//! Bulk calls (building a tree, gathering every proof, verifying many proofs) convert their
//! inputs while holding the GIL and then release it for the hashing, so other Python threads
//! run meanwhile.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyList, PyModule};
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
    /// set reads this tree's stored levels: nothing is copied until a form is asked for.
    fn proofs(slf: &Bound<'_, Self>) -> PyProofSet {
        PyProofSet { tree: slf.clone().unbind(), gathered: PyOnceLock::new() }
    }
}

fn hex_of(bytes: &[u8]) -> String {
    set_core::encoding::encode_hex(bytes).trim_start_matches("0x").to_owned()
}

/// The proofs of every leaf of a tree. A read-only sequence of `list[bytes]`; pass it straight
/// back to `verify_proofs` to avoid any conversion.
///
/// It holds the tree, not copies: the flat Rust form is gathered the first time
/// `verify_proofs` or `packed()` needs it, and the lists are made from the tree's nodes.
#[pyclass(module = "setchain._native", name = "ProofSet", frozen, sequence)]
pub struct PyProofSet {
    tree: Py<PyMerkleTree>,
    gathered: PyOnceLock<ProofSet>,
}

impl PyProofSet {
    fn tree(&self) -> &merkle::MerkleTree {
        &self.tree.get().inner
    }

    /// The flat form, gathered once (the GIL released meanwhile).
    fn gathered(&self, py: Python<'_>) -> &ProofSet {
        self.gathered.get_or_init(py, || py.detach(|| self.tree().proofs()))
    }

    fn proof_at<'py>(&self, py: Python<'py>, index: usize) -> PyResult<Bound<'py, PyList>> {
        let proof = self.tree().proof(index).map_err(core_error)?;
        py_hash_list(py, &proof)
    }
}

#[pymethods]
impl PyProofSet {
    fn __len__(&self) -> usize {
        self.tree().leaf_count()
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: isize) -> PyResult<Bound<'py, PyList>> {
        let leaf_count = self.tree().leaf_count();
        let resolved = if index < 0 { index.checked_add_unsigned(leaf_count) } else { Some(index) };
        match resolved.and_then(|i| usize::try_from(i).ok()).filter(|&i| i < leaf_count) {
            Some(i) => self.proof_at(py, i),
            None => Err(pyo3::exceptions::PyIndexError::new_err("ProofSet index out of range")),
        }
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.to_list(py)?.try_iter()?.into_any())
    }

    fn __repr__(&self) -> String {
        format!("ProofSet(leaf_count={}, depth={})", self.tree().leaf_count(), self.tree().depth())
    }

    /// Siblings per proof (the tree depth).
    #[getter]
    fn depth(&self) -> usize {
        self.tree().depth()
    }

    /// Every proof as a `list[list[bytes]]`.
    fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        // One `bytes` per stored node (the root excepted: no proof holds it), shared by every
        // proof that holds that sibling, the way a script's proofs refer to the levels it
        // built. `bytes` is immutable, so the lists compare and behave exactly as with a copy
        // each; at 2^16 leaves this is 2^17 objects instead of 2^20.
        let tree = self.tree();
        let _paused = CollectorPaused::new(py)?;
        let stored = &tree.nodes()[..tree.nodes().len().saturating_sub(1)];
        let nodes: Vec<Bound<'py, PyBytes>> = stored.iter().map(|node| py_bytes(py, node.as_slice())).collect();
        // Neighbouring proofs share most siblings: each list starts as a C-level copy of the
        // previous one, and only the levels whose node differs are replaced.
        let mut proofs: Vec<Bound<'py, PyList>> = Vec::with_capacity(tree.leaf_count());
        let mut previous = vec![usize::MAX; tree.depth()];
        for index in 0..tree.leaf_count() {
            let positions = tree.proof_positions(index).map_err(core_error)?;
            let list = match proofs.last() {
                Some(last) => {
                    let copy = last.get_slice(0, previous.len());
                    for (level, (position, earlier)) in positions.zip(previous.iter_mut()).enumerate() {
                        if position != *earlier {
                            copy.set_item(level, &nodes[position])?;
                            *earlier = position;
                        }
                    }
                    copy
                }
                None => {
                    let positions: Vec<usize> = positions.collect();
                    previous.copy_from_slice(&positions);
                    PyList::new(py, positions.iter().map(|&position| &nodes[position]))?
                }
            };
            proofs.push(list);
        }
        PyList::new(py, proofs)
    }

    /// Every proof packed back to back: `leaf_count × depth × 32` bytes, proof 0 first (the
    /// form `verify_proofs` also accepts).
    fn packed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        // Straight from the tree into the `bytes`, gathered or not: one buffer instead of two.
        let tree = self.tree();
        let len = tree.leaf_count() * tree.depth() * 32;
        PyBytes::new_with(py, len, |out| {
            tree.write_proofs_packed(out);
            Ok(())
        })
    }
}

/// Python's cyclic garbage collector paused while this lives, resumed on drop if it ran before.
///
/// Creating 2^16 lists runs the collector dozens of times, each pass walking every tracked
/// object: about a third of `to_list()` at 2^16 (65.7 → 40.2 ms measured). The lists hold
/// only `bytes`, so no cycle can form while they are built, and no Python code runs meanwhile
/// (the GIL is held throughout).
struct CollectorPaused<'py> {
    gc: Bound<'py, PyModule>,
    was_enabled: bool,
}

impl<'py> CollectorPaused<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?;
        let was_enabled = gc.call_method0("isenabled")?.is_truthy()?;
        if was_enabled {
            gc.call_method0("disable")?;
        }
        Ok(CollectorPaused { gc, was_enabled })
    }
}

impl Drop for CollectorPaused<'_> {
    fn drop(&mut self) {
        if self.was_enabled {
            // `gc.enable()` cannot fail; there is nowhere to report it from a drop anyway.
            let _ = self.gc.call_method0("enable");
        }
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
        let set = set.get().gathered(py);
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
