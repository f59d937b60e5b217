//! The cycle's proof capture ([`crate::proofs`]). Right before the sequencer is told about
//! commitments that became final, their anchor proofs are taken at the finality head the cycle
//! just read and written to the proof directory; a restarted daemon skips those already there.
//! Capturing never holds anchoring up: it runs under [`CAPTURE_BUDGET`], a failure is reported
//! (`PROOF_CAPTURE_FAILED`) and retried on later cycles, at most
//! [`crate::proofs::MAX_CAPTURE_ATTEMPTS`] times (`PROOF_CAPTURE_ABANDONED`), and the
//! notification goes out either way. Capturing first means a crash between the two never loses
//! a proof: the commitment is still pending, and the file already there.

use std::collections::HashSet;
use std::time::Duration;

use set_core::sequencer::PendingCommitment;
use uuid::Uuid;

use super::Anchor;
use crate::backends::{BlockRef, ChainRead, ProofRead, SequencerApi, Submit};
use crate::error::ChainError;
use crate::finality::Landing;
use crate::proofs::{
    bundle_commitment, capture, AfterFailure, CaptureError, CaptureQueue, ProofStore, CAPTURE_PER_CYCLE,
    MAX_CAPTURE_ATTEMPTS,
};

/// Longest a cycle spends capturing proofs; what is left is retried next cycle.
pub const CAPTURE_BUDGET: Duration = Duration::from_secs(10);

/// The proof directory and what is still to capture.
#[derive(Debug)]
pub(super) struct ProofCapture {
    store: ProofStore,
    queue: CaptureQueue,
}

impl ProofCapture {
    pub(super) fn new(dir: std::path::PathBuf) -> Self {
        ProofCapture { store: ProofStore::new(dir), queue: CaptureQueue::default() }
    }
}

impl<C: ChainRead + Submit + ProofRead, S: SequencerApi> Anchor<C, S> {
    /// Captures the proofs of the commitments of `pending` about to be notified (`final_now`)
    /// that are not on disk yet, and retries earlier failures, at `at` (the finality head: at or
    /// after every landing of `final_now`).
    pub(super) async fn capture_proofs(
        &mut self,
        pending: &[PendingCommitment],
        final_now: &[(Uuid, Landing)],
        at: &BlockRef,
    ) {
        let Some(mut proofs) = self.proofs.take() else {
            return;
        };
        let final_ids: HashSet<Uuid> = final_now.iter().map(|(id, _)| *id).collect();
        for c in pending.iter().filter(|c| final_ids.contains(&c.batch_id)) {
            if !proofs.store.contains(&c.batch_id) {
                proofs.queue.offer(bundle_commitment(c));
            }
        }
        let due = proofs.queue.due(CAPTURE_PER_CYCLE);
        if !due.is_empty() {
            let work = capture(&self.chain, &proofs.store, self.settings.registry, at.number, &due);
            let results = match tokio::time::timeout(CAPTURE_BUDGET, work).await {
                Ok(results) => results,
                Err(_) => {
                    // Files written before the budget ran out are captured; the rest is retried.
                    let late = || ChainError::Rpc(format!("capture took longer than {CAPTURE_BUDGET:?}"));
                    let outcome = |id| if proofs.store.contains(id) { Ok(()) } else { Err(CaptureError::Rpc(late())) };
                    due.iter().map(|c| (c.batch_id, outcome(&c.batch_id))).collect()
                }
            };
            for (batch_id, result) in results {
                match result {
                    Ok(()) => {
                        proofs.queue.captured(&batch_id);
                        self.health.lock().proofs_captured += 1;
                        tracing::info!(batch_id = %batch_id, block = at.number, "anchor proof captured");
                    }
                    Err(err) => {
                        self.health.lock().proof_capture_failures += 1;
                        self.report_capture_failure(batch_id, &err, proofs.queue.failed(&batch_id));
                    }
                }
            }
        }
        self.health.lock().proof_capture_backlog = proofs.queue.len() as u64;
        self.proofs = Some(proofs);
    }

    fn report_capture_failure(&self, batch_id: Uuid, err: &CaptureError, next: AfterFailure) {
        match next {
            AfterFailure::Retry { failures } => self.error(
                err.category(),
                "PROOF_CAPTURE_FAILED",
                format!("anchor proof of batch {batch_id}: {err} (attempt {failures} of {MAX_CAPTURE_ATTEMPTS})"),
                "Transient",
                true,
            ),
            AfterFailure::Abandoned => self.error(
                err.category(),
                "PROOF_CAPTURE_ABANDONED",
                format!("anchor proof of batch {batch_id} given up after {MAX_CAPTURE_ATTEMPTS} attempts: {err}"),
                "Critical",
                false,
            ),
        }
    }
}
