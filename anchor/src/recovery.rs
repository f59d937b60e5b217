//! Finding the transaction of a batch that is on-chain but whose transaction this process does
//! not know (an earlier process sent it, or a standby took over), at any age.
//!
//! The registry stores each batch's block timestamp (`getBatchCommitments(..).timestamp`), and
//! block timestamps never decrease along the chain. So the first block whose timestamp is at
//! least the batch's is found by bisection over block numbers (`eth_getBlockByNumber`, about
//! log2(height) calls: 25 at 30 million blocks), and the `BatchCommitted` log is then read from
//! that block on, in chunks of [`LOG_CHUNK`] blocks, while the blocks still carry that
//! timestamp — on an OP Stack chain (one block per 2 s, strictly increasing timestamps) that is
//! one `eth_getLogs` over one block. Nothing depends on how long ago the batch landed.
//!
//! The alternative, asking the sequencer for the transaction hashes it accepted, would depend
//! on a sequencer answer that does not exist for a batch that was never notified; the chain
//! alone always has it.

use alloy::primitives::B256;

use crate::backends::{BlockRef, ChainRead, CommitLog};
use crate::error::ChainError;

/// Blocks per `eth_getLogs` (providers commonly refuse much more).
pub const LOG_CHUNK: u64 = 1_000;

/// At most this many chunks of equal-timestamp blocks are read (dev chains only: `anvil_mine`
/// without an interval gives thousands of blocks one timestamp).
pub const MAX_CHUNKS: u64 = 64;

/// The first block number `n <= latest.number` with `timestamp(n) >= timestamp`, or `None` if
/// even `latest` is older.
///
/// # Errors
/// [`ChainError`] of a block read; a missing block below `latest` is [`ChainError::Rpc`].
pub async fn first_block_at_or_after<C: ChainRead>(
    chain: &C,
    timestamp: u64,
    latest: &BlockRef,
) -> Result<Option<u64>, ChainError> {
    if latest.timestamp < timestamp {
        return Ok(None);
    }
    // Invariant: the answer is in lo..=hi, and timestamp(hi) >= timestamp.
    let (mut lo, mut hi) = (0u64, latest.number);
    // Bounded: the range halves each round (65 rounds cover u64).
    for _ in 0..65 {
        if lo >= hi {
            return Ok(Some(hi));
        }
        let mid = lo + (hi - lo) / 2;
        let block =
            chain.block_at(mid).await?.ok_or_else(|| ChainError::Rpc(format!("block {mid} missing below the head")))?;
        if block.timestamp >= timestamp {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(Some(hi))
}

/// The canonical `BatchCommitted` log of `batch_id`, committed in a block with `timestamp`.
///
/// # Errors
/// [`ChainError`] of a read.
pub async fn find_commit<C: ChainRead>(
    chain: &C,
    batch_id: B256,
    timestamp: u64,
    latest: &BlockRef,
) -> Result<Option<CommitLog>, ChainError> {
    let Some(mut from) = first_block_at_or_after(chain, timestamp, latest).await? else {
        return Ok(None);
    };
    for _ in 0..MAX_CHUNKS {
        let to = from.saturating_add(LOG_CHUNK - 1).min(latest.number);
        let logs = chain.commit_logs(batch_id, from, to).await?;
        if let Some(log) = logs.last() {
            return Ok(Some(*log));
        }
        if to >= latest.number {
            return Ok(None);
        }
        // Go on only while the blocks still carry the batch's timestamp.
        match chain.block_at(to + 1).await? {
            Some(next) if next.timestamp <= timestamp => from = to + 1,
            _ => return Ok(None),
        }
    }
    Ok(None)
}
