//! The transaction manager, after OP Stack's `op-service/txmgr`: what to do next is decided by a
//! pure state machine ([`SendState`]) from what was published, what the node answered and what
//! was mined, with the time passed in (`now`); [`send`] is the small async driver that carries
//! the decisions out against a [`TxBackend`].
//!
//! Rules:
//! - **Nonce**: `eth_getTransactionCount(latest)` before every send, so a reorged, dropped or
//!   foreign transaction never leaves a stale local nonce behind, and a stuck transaction of ours
//!   is replaced rather than queued behind.
//! - **Fees**: EIP-1559 suggestion, tip ≥ the floor, both fees ≤ the cap. A suggestion over twice
//!   the cap is a *skip* ([`Start::FeeCapExceeded`]), not a failure.
//! - **Resubmission**: no receipt within `resubmit_after` → both fees bumped (≥ 10 %, at least
//!   +1 wei, or the new suggestion if higher); when the cap leaves no room, the same transaction
//!   is published again. Every hash published is watched; whichever is mined wins.
//! - **Node answers**: `already known` counts as published; `underpriced` before anything was
//!   accepted bumps at once; `nonce too low` before anything was accepted means another
//!   transaction took the nonce ([`SendError::NonceTaken`]), and after three such answers too.
//!   No answer at all (a transport error) may hide an accepted transaction: its hash is watched
//!   and the next resubmission publishes again; an error answer on the first publish ends the
//!   send ([`SendError::Refused`]).
//! - **Landing**: the first receipt of any published hash ends the send; finality is the
//!   cycle's business, not the manager's. A receipt with status 0 is [`SendError::Reverted`].
//! - **Gap**: before each resubmission the account's nonce is read again; below ours for two
//!   resubmission periods means an earlier transaction of ours left the chain and was not
//!   returned to the pool ([`SendError::NonceGap`]): the cycle starts over from the chain.

use std::future::Future;
use std::time::Duration;

use alloy::primitives::B256;
use tokio::time::Instant;

use crate::error::ChainError;

/// Fee parameters of the transaction manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeePolicy {
    /// Floor on the priority fee, wei.
    pub min_priority_fee: u128,
    /// Cap on `maxFeePerGas`, wei (None = none).
    pub max_fee_cap: Option<u128>,
    /// Bump per resubmission, percent (≥ 10).
    pub bump_percent: u64,
}

/// EIP-1559 fees of one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fees {
    /// `maxFeePerGas`, wei.
    pub max_fee: u128,
    /// `maxPriorityFeePerGas`, wei.
    pub priority_fee: u128,
}

/// Applies the floor and the cap to suggested fees: tip ≥ floor, max fee ≥ tip, both ≤ cap.
pub fn initial_fees(suggested: Fees, policy: &FeePolicy) -> Fees {
    let priority_fee = suggested.priority_fee.max(policy.min_priority_fee);
    let max_fee = suggested.max_fee.max(priority_fee);
    clamp(Fees { max_fee, priority_fee }, policy.max_fee_cap)
}

fn clamp(fees: Fees, cap: Option<u128>) -> Fees {
    match cap {
        Some(cap) => Fees { max_fee: fees.max_fee.min(cap), priority_fee: fees.priority_fee.min(cap) },
        None => fees,
    }
}

/// The fees of a replacement: each at least `old × (1 + percent/100)` rounded up and at least
/// `old + 1`, at least the new suggestion, then capped. Returns `None` when the cap leaves no
/// room for a valid replacement (the caller re-publishes the old transaction).
pub fn bump_fees(old: Fees, suggested: Fees, policy: &FeePolicy) -> Option<Fees> {
    let bump = |value: u128| {
        let raised = value.saturating_mul(100 + u128::from(policy.bump_percent)).div_ceil(100);
        raised.max(value.saturating_add(1))
    };
    let priority_fee = bump(old.priority_fee).max(suggested.priority_fee);
    let max_fee = bump(old.max_fee).max(suggested.max_fee).max(priority_fee);
    let bumped = clamp(Fees { max_fee, priority_fee }, policy.max_fee_cap);
    let enough = |new: u128, old: u128| new.saturating_mul(100) >= old.saturating_mul(110) && new > old;
    (enough(bumped.max_fee, old.max_fee) && enough(bumped.priority_fee, old.priority_fee)).then_some(bumped)
}

/// How a node answered `eth_sendRawTransaction`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishResult {
    /// Accepted into the pool.
    Accepted,
    /// The node already has this exact transaction.
    AlreadyKnown,
    /// The nonce is already used on-chain.
    NonceTooLow,
    /// A transaction with this nonce and higher fees is pending.
    Underpriced,
    /// The node refused it for another reason (an error answer: insufficient funds, …).
    Failed(String),
    /// No answer (transport error, timeout, a 5xx from a proxy): the node may have taken it.
    Unknown(String),
}

impl PublishResult {
    /// Classifies a node's error message the way geth, reth, op-geth and anvil word them.
    pub fn from_error_message(message: &str) -> Self {
        let text = message.to_lowercase();
        if text.contains("already known") || text.contains("already imported") {
            PublishResult::AlreadyKnown
        } else if text.contains("nonce too low") {
            PublishResult::NonceTooLow
        } else if text.contains("underpriced") {
            PublishResult::Underpriced
        } else {
            PublishResult::Failed(message.to_owned())
        }
    }
}

/// A receipt of one of our transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mined {
    /// The transaction.
    pub tx_hash: B256,
    /// Its block.
    pub block_number: u64,
    /// The hash of that block (a reorg changes it).
    pub block_hash: B256,
    /// Gas used.
    pub gas_used: u64,
    /// Receipt status 1.
    pub success: bool,
}

/// Timing of one send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendConfig {
    /// Fees.
    pub policy: FeePolicy,
    /// Publish again (bumped) when nothing is mined within this time.
    pub resubmit_after: Duration,
    /// Longest wait for a receipt; then the send is abandoned (it may still land: the next
    /// cycle reads the chain).
    pub timeout: Duration,
    /// Pause between receipt polls.
    pub poll: Duration,
}

/// A landed transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Landed {
    /// The receipt that ended the send.
    pub mined: Mined,
    /// Publishes that the node accepted or already knew (1 + replacements).
    pub broadcasts: u64,
    /// Replacements with bumped fees.
    pub bumps: u64,
}

/// Why a send ended without a successful receipt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Mined with status 0.
    #[error("transaction {} reverted on-chain", .0.tx_hash)]
    Reverted(Mined),
    /// No receipt within the timeout.
    #[error("transaction not mined within {0:?}")]
    Timeout(Duration),
    /// The nonce was taken by another transaction.
    #[error("nonce {0} already used by another transaction")]
    NonceTaken(u64),
    /// The node refused the first publish.
    #[error("publish refused: {0}")]
    Refused(String),
    /// The account's `latest` nonce stayed below ours: an earlier transaction of ours left the
    /// chain (a reorg that did not return it to the pool), so ours can never be mined.
    #[error("nonce {nonce} waits behind a gap: the account's nonce is {latest}")]
    NonceGap {
        /// Our nonce.
        nonce: u64,
        /// The account's `latest` nonce.
        latest: u64,
    },
}

/// The outcome of [`SendState::start`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// Go on (boxed: the state is much larger than the skip).
    Send(Box<SendState>),
    /// The suggested fee is over twice the cap: nothing is sent this cycle.
    FeeCapExceeded {
        /// Half the suggested `maxFeePerGas` (about the base fee), wei.
        fee_wei: u128,
        /// The cap, wei.
        cap_wei: u128,
    },
}

/// What the driver does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Sign and publish with these fees (the first attempt).
    Publish(Fees),
    /// Nothing mined in time: get a fresh suggestion, [`SendState::bump`], publish the result.
    Bump,
    /// Poll the receipts of [`SendState::hashes`], then ask again after this pause.
    Poll(Duration),
    /// Stop: landed.
    Done(Landed),
    /// Stop: failed.
    Fail(SendError),
}

/// Decisions of one send, as a pure function of what happened and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendState {
    config: SendConfig,
    nonce: u64,
    deadline: Instant,
    fees: Fees,
    /// Hashes the node accepted (or already knew), oldest first.
    hashes: Vec<B256>,
    last_publish: Option<Instant>,
    /// The last publish was refused as underpriced before anything was accepted.
    bump_now: bool,
    nonce_too_low: u32,
    refused: Option<String>,
    broadcasts: u64,
    bumps: u64,
    mined: Option<Mined>,
    /// Since when the account's nonce is below ours, and its value.
    gap: Option<(Instant, u64)>,
}

impl SendState {
    /// Starts a send at `now` with the node's `suggested` fees and the account's `nonce`.
    pub fn start(now: Instant, config: SendConfig, nonce: u64, suggested: Fees) -> Start {
        if let Some(cap) = config.policy.max_fee_cap {
            // The suggestion is about 2 × base fee + tip: over twice the cap cannot be mined soon.
            if suggested.max_fee / 2 > cap {
                return Start::FeeCapExceeded { fee_wei: suggested.max_fee / 2, cap_wei: cap };
            }
        }
        Start::Send(Box::new(SendState {
            config,
            nonce,
            deadline: now + config.timeout,
            fees: initial_fees(suggested, &config.policy),
            hashes: Vec::new(),
            last_publish: None,
            bump_now: false,
            nonce_too_low: 0,
            refused: None,
            broadcasts: 0,
            bumps: 0,
            mined: None,
            gap: None,
        }))
    }

    /// The nonce every attempt uses.
    pub fn nonce(&self) -> u64 {
        self.nonce
    }

    /// Hashes to watch for a receipt.
    pub fn hashes(&self) -> &[B256] {
        &self.hashes
    }

    /// Records the node's answer to publishing `hash` at `now`.
    pub fn published(&mut self, hash: B256, result: PublishResult, now: Instant) {
        self.last_publish = Some(now);
        self.bump_now = false;
        match result {
            PublishResult::Accepted | PublishResult::AlreadyKnown => {
                if result == PublishResult::Accepted {
                    self.broadcasts += 1;
                }
                if !self.hashes.contains(&hash) {
                    self.hashes.push(hash);
                }
            }
            PublishResult::NonceTooLow => self.nonce_too_low += 1,
            PublishResult::Underpriced => self.bump_now = self.hashes.is_empty(),
            PublishResult::Failed(message) => {
                if self.hashes.is_empty() {
                    self.refused = Some(message);
                }
            }
            PublishResult::Unknown(_) => {
                // The answer may have been lost after the node took it: watch it, and publish
                // again (bumped) at the next resubmission.
                if !self.hashes.contains(&hash) {
                    self.hashes.push(hash);
                }
            }
        }
    }

    /// Records the account's `latest` nonce read at `now` (before each resubmission). Our nonce
    /// was `latest` when the send started, so a lower value means an earlier transaction of ours
    /// left the chain: nodes that return reorged transactions to the pool close the gap within
    /// a block or two; when it lasts two resubmission periods the send gives up.
    pub fn account_nonce(&mut self, latest: u64, now: Instant) {
        if latest >= self.nonce {
            self.gap = None;
        } else if self.gap.is_none() {
            self.gap = Some((now, latest));
        }
    }

    /// Records a receipt of one of [`SendState::hashes`].
    pub fn mined(&mut self, mined: Mined) {
        self.mined.get_or_insert(mined);
    }

    /// The next step at `now`.
    pub fn next(&mut self, now: Instant) -> Action {
        if let Some(mined) = self.mined {
            if !mined.success {
                return Action::Fail(SendError::Reverted(mined));
            }
            return Action::Done(Landed { mined, broadcasts: self.broadcasts, bumps: self.bumps });
        }
        if self.nonce_too_low > 0 && (self.hashes.is_empty() || self.nonce_too_low >= 3) {
            return Action::Fail(SendError::NonceTaken(self.nonce));
        }
        if let Some(message) = self.refused.take() {
            return Action::Fail(SendError::Refused(message));
        }
        if let Some((since, latest)) = self.gap {
            if now.saturating_duration_since(since) >= self.config.resubmit_after * 2 {
                return Action::Fail(SendError::NonceGap { nonce: self.nonce, latest });
            }
        }
        if now >= self.deadline {
            return Action::Fail(SendError::Timeout(self.config.timeout));
        }
        match self.last_publish {
            None => Action::Publish(self.fees),
            Some(at) if self.bump_now || now.saturating_duration_since(at) >= self.config.resubmit_after => {
                Action::Bump
            }
            Some(_) => Action::Poll(self.config.poll),
        }
    }

    /// The fees of the next attempt after [`Action::Bump`]: bumped from the last ones (or the
    /// same when the cap leaves no room, so the same transaction is published again).
    pub fn bump(&mut self, suggested: Fees) -> Fees {
        if let Some(bumped) = bump_fees(self.fees, suggested, &self.config.policy) {
            self.fees = bumped;
            self.bumps += 1;
        } else if self.bump_now {
            // Refused as underpriced and the cap leaves no room to outbid: give up this send.
            self.refused = Some("replacement underpriced and the fee cap leaves no room for a bump".into());
        }
        self.fees
    }

    /// Whether a receipt was recorded.
    pub fn is_mined(&self) -> bool {
        self.mined.is_some()
    }
}

/// An unsigned anchor transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxRequest {
    /// Calldata for the registry.
    pub data: Vec<u8>,
    /// Nonce.
    pub nonce: u64,
    /// Gas limit.
    pub gas_limit: u64,
    /// Fees.
    pub fees: Fees,
}

/// What the transaction manager needs from a node.
pub trait TxBackend: Send + Sync {
    /// `eth_getTransactionCount(sender, latest)`.
    fn nonce(&self) -> impl Future<Output = Result<u64, ChainError>> + Send;
    /// The node's EIP-1559 suggestion.
    fn suggested_fees(&self) -> impl Future<Output = Result<Fees, ChainError>> + Send;
    /// Signs `tx`: its hash and its EIP-2718 bytes.
    fn sign(&self, tx: &TxRequest) -> impl Future<Output = Result<(B256, Vec<u8>), ChainError>> + Send;
    /// `eth_sendRawTransaction`.
    fn publish(&self, raw: &[u8]) -> impl Future<Output = PublishResult> + Send;
    /// The receipt of `hash`, if mined on the canonical chain.
    fn receipt(&self, hash: B256) -> impl Future<Output = Result<Option<Mined>, ChainError>> + Send;
}

/// The failures of [`send`]: the node could not be asked, the suggestion was over the cap, or
/// the send ended without a successful receipt.
#[derive(Debug, thiserror::Error)]
pub enum SendFailure {
    /// An RPC failed before anything was published.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// Skipped: the fee is over the cap.
    #[error("fee {fee_wei} wei is above the cap {cap_wei} wei")]
    FeeCap {
        /// Half the suggested `maxFeePerGas`, wei.
        fee_wei: u128,
        /// The cap, wei.
        cap_wei: u128,
    },
    /// Published, but no successful receipt.
    #[error(transparent)]
    Send(#[from] SendError),
}

/// Sends `data` with `gas_limit` and waits for a receipt, driving [`SendState`] against
/// `backend` with tokio's clock (paused in the unit tests).
///
/// # Errors
/// [`SendFailure`].
pub async fn send<B: TxBackend>(
    backend: &B,
    data: Vec<u8>,
    gas_limit: u64,
    config: SendConfig,
) -> Result<Landed, SendFailure> {
    // The state machine's deadline is checked between node calls; a node that stops answering
    // must not stretch the send past it (each call may itself take a timeout and retries).
    let limit = config.timeout + config.resubmit_after;
    match tokio::time::timeout(limit, drive(backend, data, gas_limit, config)).await {
        Ok(result) => result,
        Err(_) => Err(SendError::Timeout(config.timeout).into()),
    }
}

async fn drive<B: TxBackend>(
    backend: &B,
    data: Vec<u8>,
    gas_limit: u64,
    config: SendConfig,
) -> Result<Landed, SendFailure> {
    let nonce = backend.nonce().await?;
    let suggested = backend.suggested_fees().await?;
    let mut state = match SendState::start(Instant::now(), config, nonce, suggested) {
        Start::Send(state) => *state,
        Start::FeeCapExceeded { fee_wei, cap_wei } => return Err(SendFailure::FeeCap { fee_wei, cap_wei }),
    };
    // Bounded: every publish is followed by at least one poll pause, and the state machine
    // fails at its deadline; the extra rounds cover immediate re-publishes after `underpriced`.
    let max_rounds = 4 + 2 * (config.timeout.as_millis() / config.poll.as_millis().max(1)) as u64;
    for _ in 0..max_rounds {
        let fees = match state.next(Instant::now()) {
            Action::Publish(fees) => fees,
            Action::Bump => {
                if let Ok(latest) = backend.nonce().await {
                    state.account_nonce(latest, Instant::now());
                    if let Action::Fail(err) = state.next(Instant::now()) {
                        return Err(err.into());
                    }
                }
                let suggested = backend.suggested_fees().await.unwrap_or(suggested);
                state.bump(suggested)
            }
            Action::Poll(pause) => {
                for hash in state.hashes().to_vec() {
                    match backend.receipt(hash).await {
                        Ok(Some(mined)) => state.mined(mined),
                        Ok(None) => {}
                        Err(err) => tracing::debug!(error = %err, "receipt poll failed"),
                    }
                }
                if !state.is_mined() {
                    tokio::time::sleep(pause).await;
                }
                continue;
            }
            Action::Done(landed) => return Ok(landed),
            Action::Fail(err) => return Err(err.into()),
        };
        let tx = TxRequest { data: data.clone(), nonce: state.nonce(), gas_limit, fees };
        let (hash, raw) = backend.sign(&tx).await?;
        let result = backend.publish(&raw).await;
        if let PublishResult::Failed(message) | PublishResult::Unknown(message) = &result {
            tracing::warn!(error = %message, "publish failed");
        }
        state.published(hash, result, Instant::now());
    }
    Err(SendError::Timeout(config.timeout).into())
}

#[cfg(test)]
mod tests;
