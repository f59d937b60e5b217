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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use alloy::primitives::B256;
    use set_core::registry::OnchainCommitment;

    use super::{find_commit, LOG_CHUNK};
    use set_core::anchoring::StreamHead;

    use crate::backends::{BlockRef, ChainRead, CommitLog, HeadTag};
    use crate::error::ChainError;

    /// A chain of `height + 1` blocks with timestamps from `timestamp_of`, one `BatchCommitted`
    /// log of `batch` in block `commit_block`; counts the reads.
    struct SyntheticChain {
        height: u64,
        timestamp_of: fn(u64) -> u64,
        batch: B256,
        commit_block: u64,
        block_reads: AtomicU64,
        log_reads: AtomicU64,
    }

    impl SyntheticChain {
        fn block(&self, number: u64) -> BlockRef {
            BlockRef {
                number,
                hash: B256::with_last_byte((number % 251) as u8),
                timestamp: (self.timestamp_of)(number),
            }
        }
    }

    impl ChainRead for SyntheticChain {
        fn chain_id(&self) -> u64 {
            84_532_001
        }
        async fn head(&self, _tag: HeadTag) -> Result<BlockRef, ChainError> {
            Ok(self.block(self.height))
        }
        async fn block_at(&self, number: u64) -> Result<Option<BlockRef>, ChainError> {
            self.block_reads.fetch_add(1, Ordering::Relaxed);
            Ok((number <= self.height).then(|| self.block(number)))
        }
        async fn commitments_at(&self, _ids: &[B256], _at: &BlockRef) -> Result<Vec<OnchainCommitment>, ChainError> {
            unreachable!("recovery reads no commitments")
        }
        async fn heads_at(&self, _streams: &[(B256, B256)], _at: &BlockRef) -> Result<Vec<StreamHead>, ChainError> {
            unreachable!("recovery reads no heads")
        }
        async fn commit_logs(&self, batch: B256, from: u64, to: u64) -> Result<Vec<CommitLog>, ChainError> {
            self.log_reads.fetch_add(1, Ordering::Relaxed);
            assert!(to - from < LOG_CHUNK, "a log read of more than {LOG_CHUNK} blocks");
            let here = batch == self.batch && (from..=to).contains(&self.commit_block);
            Ok(here
                .then(|| CommitLog {
                    tx_hash: B256::repeat_byte(0x77),
                    block_number: self.commit_block,
                    block_hash: self.block(self.commit_block).hash,
                })
                .into_iter()
                .collect())
        }
    }

    fn chain(height: u64, timestamp_of: fn(u64) -> u64, commit_block: u64) -> SyntheticChain {
        SyntheticChain {
            height,
            timestamp_of,
            batch: B256::repeat_byte(0xba),
            commit_block,
            block_reads: AtomicU64::new(0),
            log_reads: AtomicU64::new(0),
        }
    }

    /// An OP Stack chain: one block per 2 s from a genesis at 1,700,000,000.
    fn op_stack(number: u64) -> u64 {
        1_700_000_000 + 2 * number
    }

    #[tokio::test]
    async fn a_commit_thirty_million_blocks_old_is_found_with_a_bisection_and_one_log_read() {
        // Far past any fixed log window (the old one was 50,000 blocks, about 28 hours).
        let chain = chain(30_000_000, op_stack, 1_234);
        let latest = chain.block(chain.height);
        let found = find_commit(&chain, chain.batch, op_stack(1_234), &latest).await.unwrap();
        assert_eq!(found.map(|log| log.block_number), Some(1_234));
        let block_reads = chain.block_reads.load(Ordering::Relaxed);
        assert!(block_reads <= 26, "{block_reads} block reads: log2(30 million) is under 25");
        assert_eq!(chain.log_reads.load(Ordering::Relaxed), 1);
    }

    #[tokio::test]
    async fn a_commit_sixty_thousand_blocks_behind_the_head_is_found() {
        let chain = chain(80_000, op_stack, 19_999);
        let latest = chain.block(chain.height);
        let found = find_commit(&chain, chain.batch, op_stack(19_999), &latest).await.unwrap();
        assert_eq!(found.map(|log| (log.block_number, log.tx_hash)), Some((19_999, B256::repeat_byte(0x77))));
    }

    #[tokio::test]
    async fn equal_timestamps_are_read_chunk_by_chunk_and_a_batch_not_there_is_none() {
        // A dev chain after anvil_mine without an interval: 5,000 blocks share one timestamp.
        fn flat(number: u64) -> u64 {
            if number < 5_000 {
                1_700_000_000
            } else {
                1_700_000_000 + number
            }
        }
        let chain = chain(6_000, flat, 3_500);
        let latest = chain.block(chain.height);
        let found = find_commit(&chain, chain.batch, flat(3_500), &latest).await.unwrap();
        assert_eq!(found.map(|log| log.block_number), Some(3_500));
        assert_eq!(chain.log_reads.load(Ordering::Relaxed), 4, "blocks 0-999, …, 3000-3999");
        let other = find_commit(&chain, B256::repeat_byte(0x01), flat(3_500), &latest).await.unwrap();
        assert_eq!(other, None);
        // A batch stamped after the head is not on this chain yet.
        assert_eq!(find_commit(&chain, chain.batch, flat(6_000) + 1, &latest).await.unwrap(), None);
    }
}
