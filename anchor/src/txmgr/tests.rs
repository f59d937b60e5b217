//! The state machine with explicit instants, and the driver against an in-memory node under
//! tokio's paused clock: no anvil.

use std::sync::{Arc, Mutex};

use super::*;

const POLICY: FeePolicy = FeePolicy { min_priority_fee: 1_000, max_fee_cap: None, bump_percent: 10 };
const CONFIG: SendConfig = SendConfig {
    policy: POLICY,
    resubmit_after: Duration::from_secs(12),
    timeout: Duration::from_secs(60),
    poll: Duration::from_millis(250),
};
const SUGGESTED: Fees = Fees { max_fee: 2_000, priority_fee: 10 };

fn start(now: Instant, config: SendConfig) -> SendState {
    match SendState::start(now, config, 7, SUGGESTED) {
        Start::Send(state) => *state,
        other => panic!("{other:?}"),
    }
}

fn mined(hash: B256, success: bool) -> Mined {
    Mined { tx_hash: hash, block_number: 5, block_hash: B256::repeat_byte(5), gas_used: 21_000, success }
}

#[test]
fn initial_fees_apply_floor_and_cap() {
    let fees = initial_fees(Fees { max_fee: 500, priority_fee: 1 }, &POLICY);
    assert_eq!(fees, Fees { max_fee: 1_000, priority_fee: 1_000 });
    let capped = FeePolicy { max_fee_cap: Some(800), ..POLICY };
    assert_eq!(
        initial_fees(Fees { max_fee: 5_000, priority_fee: 2_000 }, &capped),
        Fees { max_fee: 800, priority_fee: 800 }
    );
}

#[test]
fn bumps_are_at_least_ten_percent_and_rise_from_tiny_values() {
    let old = Fees { max_fee: 1_000, priority_fee: 1 };
    let new = bump_fees(old, Fees { max_fee: 0, priority_fee: 0 }, &POLICY).unwrap();
    assert_eq!(new, Fees { max_fee: 1_100, priority_fee: 2 });
    // A higher suggestion wins.
    let new = bump_fees(old, Fees { max_fee: 5_000, priority_fee: 50 }, &POLICY).unwrap();
    assert_eq!(new, Fees { max_fee: 5_000, priority_fee: 50 });
}

#[test]
fn the_cap_stops_bumping() {
    let capped = FeePolicy { max_fee_cap: Some(1_050), ..POLICY };
    assert_eq!(
        bump_fees(Fees { max_fee: 1_000, priority_fee: 10 }, Fees { max_fee: 0, priority_fee: 0 }, &capped),
        None
    );
}

#[test]
fn publishes_polls_then_bumps_after_resubmit_after_and_ends_on_the_first_receipt() {
    let t0 = Instant::now();
    let mut state = start(t0, CONFIG);
    let first = initial_fees(SUGGESTED, &POLICY);
    assert_eq!(state.next(t0), Action::Publish(first));
    state.published(B256::repeat_byte(1), PublishResult::Accepted, t0);
    assert_eq!(state.next(t0 + Duration::from_secs(11)), Action::Poll(CONFIG.poll));
    assert_eq!(state.next(t0 + Duration::from_secs(12)), Action::Bump);
    let bumped = state.bump(SUGGESTED);
    assert!(bumped.max_fee * 100 >= first.max_fee * 110 && bumped.priority_fee > first.priority_fee);
    state.published(B256::repeat_byte(2), PublishResult::Accepted, t0 + Duration::from_secs(12));
    assert_eq!(state.hashes(), [B256::repeat_byte(1), B256::repeat_byte(2)]);
    // The first attempt is mined after all: it wins.
    state.mined(mined(B256::repeat_byte(1), true));
    let Action::Done(landed) = state.next(t0 + Duration::from_secs(13)) else { panic!("not done") };
    assert_eq!((landed.mined.tx_hash, landed.broadcasts, landed.bumps), (B256::repeat_byte(1), 2, 1));
}

#[test]
fn a_suggestion_over_twice_the_cap_is_a_skip_not_a_send() {
    let config = SendConfig { policy: FeePolicy { max_fee_cap: Some(999), ..POLICY }, ..CONFIG };
    assert_eq!(
        SendState::start(Instant::now(), config, 0, SUGGESTED),
        Start::FeeCapExceeded { fee_wei: 1_000, cap_wei: 999 }
    );
    let config = SendConfig { policy: FeePolicy { max_fee_cap: Some(1_000), ..POLICY }, ..CONFIG };
    assert!(matches!(SendState::start(Instant::now(), config, 0, SUGGESTED), Start::Send(_)));
}

#[test]
fn nonce_too_low_before_anything_was_accepted_means_the_nonce_is_taken() {
    let t0 = Instant::now();
    let mut state = start(t0, CONFIG);
    let _ = state.next(t0);
    state.published(B256::repeat_byte(1), PublishResult::NonceTooLow, t0);
    assert_eq!(state.next(t0), Action::Fail(SendError::NonceTaken(7)));
    // After an accepted attempt, only the third answer gives up (ours may be the one mined).
    let mut state = start(t0, CONFIG);
    let _ = state.next(t0);
    state.published(B256::repeat_byte(1), PublishResult::Accepted, t0);
    for round in 1..=3u64 {
        let at = t0 + CONFIG.resubmit_after * round as u32;
        assert_eq!(state.next(at), Action::Bump);
        let _ = state.bump(SUGGESTED);
        state.published(B256::repeat_byte(9), PublishResult::NonceTooLow, at);
    }
    assert_eq!(state.next(t0 + Duration::from_secs(40)), Action::Fail(SendError::NonceTaken(7)));
}

#[test]
fn underpriced_before_acceptance_bumps_at_once_and_gives_up_at_the_cap() {
    let t0 = Instant::now();
    let mut state = start(t0, CONFIG);
    let _ = state.next(t0);
    state.published(B256::repeat_byte(1), PublishResult::Underpriced, t0);
    assert_eq!(state.next(t0), Action::Bump);
    // At the cap no bump is possible: the send fails instead of spinning.
    let capped = SendConfig { policy: FeePolicy { max_fee_cap: Some(1_000), ..POLICY }, ..CONFIG };
    let mut state = start(t0, capped);
    let _ = state.next(t0);
    state.published(B256::repeat_byte(1), PublishResult::Underpriced, t0);
    assert_eq!(state.next(t0), Action::Bump);
    let same = state.bump(SUGGESTED);
    state.published(B256::repeat_byte(1), PublishResult::Underpriced, t0);
    assert_eq!(same, Fees { max_fee: 1_000, priority_fee: 1_000 });
    assert!(matches!(state.next(t0), Action::Fail(SendError::Refused(_))));
}

#[test]
fn a_refused_first_publish_fails_a_later_one_is_only_logged_and_a_lost_answer_is_watched() {
    let t0 = Instant::now();
    let mut state = start(t0, CONFIG);
    let _ = state.next(t0);
    state.published(B256::repeat_byte(1), PublishResult::Failed("insufficient funds".into()), t0);
    assert_eq!(state.next(t0), Action::Fail(SendError::Refused("insufficient funds".into())));
    let mut state = start(t0, CONFIG);
    let _ = state.next(t0);
    state.published(B256::repeat_byte(1), PublishResult::AlreadyKnown, t0);
    state.published(B256::repeat_byte(2), PublishResult::Failed("insufficient funds".into()), t0);
    assert_eq!(state.next(t0), Action::Poll(CONFIG.poll));
    assert_eq!(state.hashes(), [B256::repeat_byte(1)]);
    // No answer at all, even on the first publish: the node may have taken it; watched, and
    // published again at the next resubmission.
    let mut state = start(t0, CONFIG);
    let _ = state.next(t0);
    state.published(B256::repeat_byte(3), PublishResult::Unknown("502".into()), t0);
    assert_eq!(state.next(t0), Action::Poll(CONFIG.poll));
    assert_eq!(state.hashes(), [B256::repeat_byte(3)]);
    assert_eq!(state.next(t0 + CONFIG.resubmit_after), Action::Bump);
}

#[test]
fn the_deadline_and_a_reverted_receipt_end_the_send() {
    let t0 = Instant::now();
    let mut state = start(t0, CONFIG);
    let _ = state.next(t0);
    state.published(B256::repeat_byte(1), PublishResult::Accepted, t0);
    assert_eq!(state.next(t0 + CONFIG.timeout), Action::Fail(SendError::Timeout(CONFIG.timeout)));
    let mut state = start(t0, CONFIG);
    let _ = state.next(t0);
    state.published(B256::repeat_byte(1), PublishResult::Accepted, t0);
    state.mined(mined(B256::repeat_byte(1), false));
    assert_eq!(state.next(t0), Action::Fail(SendError::Reverted(mined(B256::repeat_byte(1), false))));
}

#[test]
fn a_nonce_gap_below_ours_gives_up_only_when_it_lasts_two_resubmission_periods() {
    let t0 = Instant::now();
    let mut state = start(t0, CONFIG);
    let _ = state.next(t0);
    state.published(B256::repeat_byte(1), PublishResult::Accepted, t0);
    let r = CONFIG.resubmit_after;
    // An earlier transaction (nonce 6) left the chain; a node that re-pools it closes the gap.
    state.account_nonce(6, t0 + r);
    assert_eq!(state.next(t0 + r), Action::Bump);
    state.account_nonce(7, t0 + r * 2);
    assert_eq!(state.next(t0 + r * 3), Action::Bump);
    // A gap that stays (anvil drops reorged transactions): give up after two periods.
    state.account_nonce(6, t0 + r * 3);
    state.account_nonce(6, t0 + r * 4);
    assert_eq!(state.next(t0 + r * 4), Action::Bump);
    assert_eq!(state.next(t0 + r * 5), Action::Fail(SendError::NonceGap { nonce: 7, latest: 6 }));
}

#[test]
fn node_messages_are_classified_like_geth_and_anvil_word_them() {
    assert_eq!(PublishResult::from_error_message("already known"), PublishResult::AlreadyKnown);
    assert_eq!(PublishResult::from_error_message("Nonce too low: 3 < 4"), PublishResult::NonceTooLow);
    assert_eq!(PublishResult::from_error_message("replacement transaction underpriced"), PublishResult::Underpriced);
    assert!(matches!(PublishResult::from_error_message("insufficient funds"), PublishResult::Failed(_)));
}

/// A node that mines an accepted transaction after `mine_after_polls` receipt polls, optionally
/// only a replacement (the first publish is dropped as if the node lost it).
#[derive(Default)]
struct FakeNode {
    published: Mutex<Vec<(B256, Fees)>>,
    polls: Mutex<u32>,
    mine_after_polls: u32,
    drop_first: bool,
}

impl TxBackend for Arc<FakeNode> {
    async fn nonce(&self) -> Result<u64, ChainError> {
        Ok(3)
    }

    async fn suggested_fees(&self) -> Result<Fees, ChainError> {
        Ok(SUGGESTED)
    }

    async fn sign(&self, tx: &TxRequest) -> Result<(B256, Vec<u8>), ChainError> {
        let mut hash = [0u8; 32];
        hash[..16].copy_from_slice(&tx.fees.max_fee.to_be_bytes());
        hash[16..24].copy_from_slice(&tx.nonce.to_be_bytes());
        Ok((B256::from(hash), hash.to_vec()))
    }

    async fn publish(&self, raw: &[u8]) -> PublishResult {
        let mut published = self.published.lock().unwrap();
        let max_fee = u128::from_be_bytes(raw[..16].try_into().unwrap());
        published.push((B256::from_slice(raw), Fees { max_fee, priority_fee: 0 }));
        if self.drop_first && published.len() == 1 {
            return PublishResult::Failed("insufficient funds for gas".into());
        }
        PublishResult::Accepted
    }

    async fn receipt(&self, hash: B256) -> Result<Option<Mined>, ChainError> {
        let mut polls = self.polls.lock().unwrap();
        *polls += 1;
        let published = self.published.lock().unwrap();
        let last = published.last().map(|(h, _)| *h);
        let kept = if self.drop_first { published.len() > 1 } else { true };
        Ok((*polls > self.mine_after_polls && kept && Some(hash) == last).then(|| mined(hash, true)))
    }
}

#[tokio::test(start_paused = true)]
async fn the_driver_resubmits_with_higher_fees_until_a_replacement_is_mined() {
    // 48 polls in the first 12 s (one hash), 96 in the next 12 s (two hashes): mined after 150
    // polls, that is after the second replacement.
    let node = Arc::new(FakeNode { mine_after_polls: 150, ..FakeNode::default() });
    let landed = send(&node, vec![1, 2, 3], 100_000, CONFIG).await.unwrap();
    let published = node.published.lock().unwrap().clone();
    assert_eq!(landed.bumps, 2, "{published:?}");
    assert_eq!(landed.broadcasts, 3);
    assert_eq!(landed.mined.tx_hash, published.last().unwrap().0);
    assert!(published.windows(2).all(|w| w[1].1.max_fee * 100 >= w[0].1.max_fee * 110));
}

#[tokio::test(start_paused = true)]
async fn the_driver_fails_at_once_when_the_first_publish_is_refused() {
    // The node refuses the first publish (nothing accepted yet): the send fails at once; the
    // cycle retries next time with a fresh nonce.
    let node = Arc::new(FakeNode { drop_first: true, ..FakeNode::default() });
    let err = send(&node, vec![1], 100_000, CONFIG).await.unwrap_err();
    assert!(matches!(err, SendFailure::Send(SendError::Refused(_))), "{err}");
    let landed = send(&node, vec![1], 100_000, CONFIG).await.unwrap();
    assert_eq!(landed.bumps, 0);
}

#[tokio::test(start_paused = true)]
async fn the_driver_stops_at_its_timeout_when_nothing_is_mined() {
    let node = Arc::new(FakeNode { mine_after_polls: u32::MAX, ..FakeNode::default() });
    let started = Instant::now();
    let err = send(&node, vec![1], 100_000, CONFIG).await.unwrap_err();
    assert!(matches!(err, SendFailure::Send(SendError::Timeout(_))), "{err}");
    let waited = started.elapsed();
    assert!(waited >= CONFIG.timeout && waited < CONFIG.timeout + Duration::from_secs(1), "{waited:?}");
}
