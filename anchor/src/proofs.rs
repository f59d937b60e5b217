//! Anchor proofs captured by the anchor (`--proof-dir`, `SET_ANCHOR_PROOF_DIR`): once a commitment
//! is final, the EIP-1186 proof of its three SetRegistry slots against a final L2 header, built and
//! checked by `set_core::anchor_proof`, kept as `<dir>/<batch_id>.json` (the `anchor.proof` value a
//! bundle carries) and served by `GET /proofs/{batch_id}`.
//!
//! The proof is taken at the finality head the cycle just read, not at the landing block: a
//! commitment's slots are written once and never change (the registry refuses a second commit of
//! a batch id), so a proof at any block at or after the landing holds the commitment, and a full
//! node keeps the recent state it needs — no archive node, now or on a retry cycles later.
//!
//! - [`ProofStore`]: the directory, one file per batch id, written atomically;
//! - [`CaptureQueue`]: what is still to capture and how often it failed (bounded retries);
//! - [`capture`]: reads, builds, checks and stores a set of proofs at one block.

use std::collections::{BTreeMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use alloy::primitives::Address;
use set_core::anchor_proof::{build_anchor_proof, commitment_slots, verify_storage, AnchorProofError};
use set_core::receipt::BundleCommitment;
use set_core::sequencer::PendingCommitment;
use uuid::Uuid;

use crate::backends::ProofRead;
use crate::error::ChainError;

/// Failed attempts after which a commitment's proof is given up (`PROOF_CAPTURE_ABANDONED`).
pub const MAX_CAPTURE_ATTEMPTS: u32 = 5;

/// Most proofs captured in one cycle; the rest wait for the next cycle.
pub const CAPTURE_PER_CYCLE: usize = 64;

/// Commitments per `eth_getProof` call (three slots each): one call proves them all, with one
/// account proof, and stays far below the nodes' limits on keys per call.
pub const COMMITMENTS_PER_GET_PROOF: usize = 16;

/// The batch id of `GET /proofs/{batch_id}`: a UUID in its hyphenated form (36 characters,
/// either case). Anything else is refused, so a path never names a file outside the directory.
pub fn parse_batch_id(text: &str) -> Option<Uuid> {
    if text.len() != 36 {
        return None;
    }
    Uuid::try_parse(text).ok()
}

/// The commitment as a bundle states it, which a proof is checked against before it is kept.
pub fn bundle_commitment(c: &PendingCommitment) -> BundleCommitment {
    BundleCommitment {
        batch_id: c.batch_id,
        sequence_start: c.sequence_start,
        sequence_end: c.sequence_end,
        leaf_count: c.event_count,
        merkle_root: c.events_root,
        prev_state_root: c.prev_state_root,
        new_state_root: c.new_state_root,
    }
}

/// The proof directory: `<dir>/<batch_id>.json`, batch ids hyphenated lowercase.
#[derive(Debug, Clone)]
pub struct ProofStore {
    dir: PathBuf,
}

impl ProofStore {
    /// A store in `dir` (no I/O; [`ProofStore::create`] makes the directory).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        ProofStore { dir: dir.into() }
    }

    /// Creates the directory if needed (at start, so a bad path stops the daemon at once).
    ///
    /// # Errors
    /// The I/O error.
    pub fn create(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of `batch_id`'s proof.
    pub fn path(&self, batch_id: &Uuid) -> PathBuf {
        self.dir.join(format!("{}.json", batch_id.hyphenated()))
    }

    /// Whether `batch_id`'s proof is on disk (a restarted daemon does not capture it again).
    pub fn contains(&self, batch_id: &Uuid) -> bool {
        self.path(batch_id).is_file()
    }

    /// The stored JSON text of `batch_id`'s proof, `None` when it is not captured.
    ///
    /// # Errors
    /// An I/O error other than a missing file.
    pub async fn read(&self, batch_id: &Uuid) -> std::io::Result<Option<Vec<u8>>> {
        match tokio::fs::read(self.path(batch_id)).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// Writes `proof` as `batch_id`'s file atomically: a temporary file in the same directory,
    /// flushed to disk, then renamed over the final name, so a reader (or a crash) never sees a
    /// partial file.
    ///
    /// # Errors
    /// The I/O error; the temporary file is removed.
    pub fn write(&self, batch_id: &Uuid, proof: &serde_json::Value) -> std::io::Result<()> {
        let tmp = self.dir.join(format!(".{}.json.{}.tmp", batch_id.hyphenated(), std::process::id()));
        let written = (|| {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(proof.to_string().as_bytes())?;
            file.sync_all()?;
            std::fs::rename(&tmp, self.path(batch_id))
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        } else if let Ok(dir) = std::fs::File::open(&self.dir) {
            // The rename itself survives a power loss only once the directory is synced.
            let _ = dir.sync_all();
        }
        written
    }
}

/// Why one proof was not captured.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    /// The node did not answer `eth_getBlockByNumber` or `eth_getProof`.
    #[error("rpc: {0}")]
    Rpc(#[from] ChainError),
    /// The core refused the answers or the proof does not hold this commitment.
    #[error("{code}: {0}", code = .0.code())]
    Proof(#[from] AnchorProofError),
    /// The file could not be written.
    #[error("write: {0}")]
    Write(#[from] std::io::Error),
}

impl CaptureError {
    /// The `/errors` category: `l2_connection` for the node, `internal` otherwise.
    pub fn category(&self) -> &'static str {
        match self {
            CaptureError::Rpc(_) => "l2_connection",
            CaptureError::Proof(_) | CaptureError::Write(_) => "internal",
        }
    }
}

/// What a failed attempt leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Tried again on a later cycle.
    Retry {
        /// Failed attempts so far.
        failures: u32,
    },
    /// [`MAX_CAPTURE_ATTEMPTS`] reached: given up.
    Abandoned,
}

/// The proofs still to capture, in batch-id order, each with its failed attempts. It lives in
/// memory: a commitment notified while its capture was failing, and then the process stopped, is
/// not captured by the next process (the sequencer no longer lists it).
#[derive(Debug, Default)]
pub struct CaptureQueue {
    waiting: BTreeMap<Uuid, (BundleCommitment, u32)>,
    abandoned: HashSet<Uuid>,
}

impl CaptureQueue {
    /// Adds `commitment` unless it is already waiting or was abandoned.
    pub fn offer(&mut self, commitment: BundleCommitment) {
        if !self.abandoned.contains(&commitment.batch_id) {
            self.waiting.entry(commitment.batch_id).or_insert((commitment, 0));
        }
    }

    /// Up to `limit` commitments to capture now.
    pub fn due(&self, limit: usize) -> Vec<BundleCommitment> {
        self.waiting.values().take(limit).map(|(c, _)| c.clone()).collect()
    }

    /// `batch_id`'s proof is stored: it leaves the queue.
    pub fn captured(&mut self, batch_id: &Uuid) {
        self.waiting.remove(batch_id);
    }

    /// Counts a failed attempt of `batch_id`.
    pub fn failed(&mut self, batch_id: &Uuid) -> AfterFailure {
        let Some((_, failures)) = self.waiting.get_mut(batch_id) else {
            return AfterFailure::Abandoned;
        };
        *failures += 1;
        if *failures < MAX_CAPTURE_ATTEMPTS {
            return AfterFailure::Retry { failures: *failures };
        }
        self.waiting.remove(batch_id);
        self.abandoned.insert(*batch_id);
        AfterFailure::Abandoned
    }

    /// Commitments waiting.
    pub fn len(&self) -> usize {
        self.waiting.len()
    }

    /// Whether none waits.
    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }
}

/// The outcome of one [`capture`] per commitment, in input order.
pub type CaptureResults = Vec<(Uuid, Result<(), CaptureError>)>;

/// Captures the proofs of `commitments` at block `at` (final, and at or after each landing):
/// one `eth_getBlockByNumber`, one `eth_getProof` per [`COMMITMENTS_PER_GET_PROOF`], each proof
/// built by the core, checked to hold exactly this commitment in `registry`'s storage
/// (`verify_storage`: a proof of an empty slot or of other values is never kept), then written.
pub async fn capture<R: ProofRead>(
    source: &R,
    store: &ProofStore,
    registry: Address,
    at: u64,
    commitments: &[BundleCommitment],
) -> CaptureResults {
    let block = match source.block_json(at).await {
        Ok(block) => block,
        Err(err) => {
            let message = err.to_string();
            return commitments
                .iter()
                .map(|c| (c.batch_id, Err(CaptureError::Rpc(ChainError::Rpc(message.clone())))))
                .collect();
        }
    };
    let mut results = Vec::with_capacity(commitments.len());
    for chunk in commitments.chunks(COMMITMENTS_PER_GET_PROOF) {
        let keys: Vec<_> = chunk.iter().flat_map(|c| commitment_slots(&c.batch_id)).collect();
        let answer = match source.registry_proof_json(&keys, at).await {
            Ok(answer) => answer,
            Err(err) => {
                let message = err.to_string();
                results.extend(
                    chunk.iter().map(|c| (c.batch_id, Err(CaptureError::Rpc(ChainError::Rpc(message.clone()))))),
                );
                continue;
            }
        };
        for c in chunk {
            let checked = build_anchor_proof(&block, &answer, registry, &c.batch_id)
                .and_then(|proof| verify_storage(&proof, c, registry).map(|()| proof));
            let stored = match checked {
                Ok(proof) => store.write(&c.batch_id, &proof.to_value()).map_err(CaptureError::Write),
                Err(err) => Err(CaptureError::Proof(err)),
            };
            results.push((c.batch_id, stored));
        }
    }
    results
}

#[cfg(test)]
mod tests;
