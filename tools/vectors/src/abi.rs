//! Cross-language ABI vectors for SetRegistry and SetPaymaster.
//!
//! Built only from the public API of `set_core::registry` and `set_core::paymaster`, with fixed
//! inputs, so regenerating gives the same bytes. Every hex string is `0x`-prefixed lowercase;
//! every integer that can exceed 2^53 (uint64 and wider) is a decimal string. Decoded values use
//! the neutral `DecodedAbi` JSON form: `{"name", "signature", "args": {…}}` (+ `"inner"`).
//!
//! The generator asserts its own expectations (error codes, decisions) while building, so a
//! behaviour change in core fails generation instead of silently rewriting the vectors.

use serde_json::{json, Value};
use set_core::abi::{DecodedAbi, EncodedLog};
use set_core::encoding::{decode_b256, encode_hex};
use set_core::paymaster::{
    self as pm, ISetPaymaster, MerchantState, OperationType, PaymasterEvent, PaymasterRevert, SponsorshipRevert, Tier,
};
use set_core::registry::{
    self as reg, Address, CommitBatchArgs, ISetRegistry, OnchainCommitment, Panic, RegistryEvent, RegistryRevert,
    Revert, TenantStoreSummary, B256, U256,
};

fn b256(text: &str) -> B256 {
    decode_b256("vector", text).expect("fixed vector hex is valid")
}

/// Tenant / store UUIDs …0001 / …0002 as bytes32, their key, a batch UUID and the 4-leaf keccak
/// tree nodes of the existing contract's tests (docs/protocol.md#546-ethereum-side-numbers,
/// docs/protocol.md#114-registry-keccak-tree).
const TENANT: &str = "0x0000000000000000000000000000000100000000000000000000000000000000";
const STORE: &str = "0x0000000000000000000000000000000200000000000000000000000000000000";
const TENANT_STORE_KEY: &str = "0xfee4ccde41d1dc5fa401e2a18ac38081fb067b6f6506372afe59366e4feae479";
const BATCH: &str = "0x123e4567e89b12d3a45642661417400000000000000000000000000000000000";
const H01: &str = "0x1d47f9f4e55f910593e8962ee550134a4fe11f49dd0772fe6184b26d9c5a6d75";
const H23: &str = "0xfc643927a6f7bbabdccee858aff312e0ac3c45c13d1460e91ce728b91f025b83";
const ROOT: &str = "0x982da11ea2b81c3c7095754d352c88d9fd186dd12c8d1fb3a9f2f3c716bd57f5";

fn address(byte: u8) -> Address {
    Address::repeat_byte(byte)
}

fn calldata_case(function: &str, calldata: Vec<u8>, decoded: DecodedAbi) -> Value {
    assert_eq!(decoded.name, function, "calldata case decodes to its own function");
    json!({ "function": function, "calldata": encode_hex(&calldata), "decoded": decoded.to_json() })
}

fn registry_calldata_case(function: &str, calldata: Vec<u8>) -> Value {
    let decoded = reg::decode_call(&calldata).expect("encoder output decodes").decoded();
    calldata_case(function, calldata, decoded)
}

fn registry_return_case(function: &str, call: Vec<u8>, data: Vec<u8>, typed: Value) -> Value {
    let decoded = reg::decode_return(&call, &data).expect("return data decodes");
    json!({
        "function": function,
        "selector": encode_hex(&call[..4]),
        "data": encode_hex(&data),
        "decoded": decoded.to_json(),
        "typed": typed,
    })
}

fn hex_topics(topics: &[B256]) -> Vec<String> {
    topics.iter().map(|topic| encode_hex(topic.as_slice())).collect()
}

/// A log case, once the log has decoded back to the event it was encoded from.
fn log_case(log: &EncodedLog, decoded: &DecodedAbi) -> Value {
    json!({
        "event": decoded.name,
        "topics": hex_topics(&log.topics),
        "data": encode_hex(&log.data),
        "decoded": decoded.to_json(),
    })
}

/// A revert case, once the revert data has decoded back to the revert it was encoded from.
fn revert_case(data: &[u8], decoded: &DecodedAbi) -> Value {
    json!({ "error": decoded.name, "data": encode_hex(data), "decoded": decoded.to_json() })
}

fn registry_log_case(event: RegistryEvent) -> Value {
    let log = event.to_log();
    let decoded = reg::decode_log(&log.topics, &log.data).expect("log decodes");
    assert_eq!(decoded, event);
    log_case(&log, &decoded.decoded())
}

fn registry_revert_case(revert: RegistryRevert) -> Value {
    let data = revert.encode();
    let decoded = reg::decode_revert(&data).expect("revert decodes");
    assert_eq!(decoded, revert);
    revert_case(&data, &decoded.decoded())
}

fn negative_case(decoder: &str, input: Value, code: &str, actual: Option<&'static str>) -> Value {
    assert_eq!(actual, Some(code), "{decoder} on {input} must fail with {code}");
    json!({ "decoder": decoder, "input": input, "code": code })
}

/// A negative case over raw bytes: the same bytes are recorded and fed to the decoder.
fn negative_bytes(decoder: &str, data: &[u8], code: &str, run: impl FnOnce(&[u8]) -> Option<&'static str>) -> Value {
    negative_case(decoder, hex_input(data), code, run(data))
}

fn hex_input(data: &[u8]) -> Value {
    json!({ "data": encode_hex(data) })
}

/// The `UNKNOWN_EVENT` case: a log whose topic0 (ERC-20 `Transfer`) is no event of ours; `decode`
/// gets its topics and no data.
fn foreign_log_case(decode: impl FnOnce(&[B256]) -> Option<&'static str>) -> Value {
    let topic = b256("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    let input = json!({ "topics": hex_topics(&[topic]), "data": "0x" });
    negative_case("decode_log", input, "UNKNOWN_EVENT", decode(&[topic]))
}

fn sample_batch(batch: B256, start: u64, end: u64, prev: B256, new: B256) -> CommitBatchArgs {
    CommitBatchArgs {
        batch_id: batch,
        tenant_id: b256(TENANT),
        store_id: b256(STORE),
        events_root: b256(ROOT),
        prev_state_root: prev,
        new_state_root: new,
        sequence_start: start,
        sequence_end: end,
        event_count: u32::try_from(end - start + 1).expect("small range"),
    }
}

/// Every SetRegistry custom error with sample arguments.
fn every_registry_error() -> Vec<RegistryRevert> {
    use ISetRegistry::ISetRegistryErrors as E;
    let custom = |error: E| RegistryRevert::Custom(error);
    vec![
        custom(E::NotAuthorizedSequencer(ISetRegistry::NotAuthorizedSequencer {})),
        custom(E::InvalidSequenceRange(ISetRegistry::InvalidSequenceRange {})),
        custom(E::EmptyEventsRoot(ISetRegistry::EmptyEventsRoot {})),
        custom(E::BatchAlreadyCommitted(ISetRegistry::BatchAlreadyCommitted {})),
        custom(E::StateRootMismatch(ISetRegistry::StateRootMismatch {
            expected: B256::repeat_byte(0x51),
            provided: B256::repeat_byte(0x52),
        })),
        custom(E::SequenceGap(ISetRegistry::SequenceGap { expected: 11, provided: 12 })),
        custom(E::InvalidEventCount(ISetRegistry::InvalidEventCount { expected: 10, provided: 9 })),
        custom(E::InvalidProof(ISetRegistry::InvalidProof {})),
        custom(E::BatchNotCommitted(ISetRegistry::BatchNotCommitted {})),
        custom(E::StarkProofAlreadyCommitted(ISetRegistry::StarkProofAlreadyCommitted {})),
        custom(E::StateRootMismatchInProof(ISetRegistry::StateRootMismatchInProof {})),
        custom(E::InvalidAddress(ISetRegistry::InvalidAddress {})),
        custom(E::ArrayLengthMismatch(ISetRegistry::ArrayLengthMismatch {})),
        custom(E::EmptyArray(ISetRegistry::EmptyArray {})),
        custom(E::LegacyFunctionsDisabled(ISetRegistry::LegacyFunctionsDisabled {})),
        custom(E::InvalidBatchId(ISetRegistry::InvalidBatchId {})),
        custom(E::OwnableUnauthorizedAccount(ISetRegistry::OwnableUnauthorizedAccount { account: address(0xa1) })),
        custom(E::OwnableInvalidOwner(ISetRegistry::OwnableInvalidOwner { owner: Address::ZERO })),
        custom(E::EnforcedPause(ISetRegistry::EnforcedPause {})),
        custom(E::ExpectedPause(ISetRegistry::ExpectedPause {})),
        custom(E::ReentrancyGuardReentrantCall(ISetRegistry::ReentrancyGuardReentrantCall {})),
        custom(E::InvalidInitialization(ISetRegistry::InvalidInitialization {})),
        custom(E::NotInitializing(ISetRegistry::NotInitializing {})),
        custom(E::UUPSUnauthorizedCallContext(ISetRegistry::UUPSUnauthorizedCallContext {})),
        custom(E::UUPSUnsupportedProxiableUUID(ISetRegistry::UUPSUnsupportedProxiableUUID {
            slot: b256("0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc"),
        })),
        custom(E::ERC1967InvalidImplementation(ISetRegistry::ERC1967InvalidImplementation {
            implementation: address(0xa2),
        })),
        custom(E::ERC1967NonPayable(ISetRegistry::ERC1967NonPayable {})),
        // BatchCommitFailed: item 1 of a commitBatches call hit a SequenceGap.
        RegistryRevert::batch_commit_failed(
            U256::from(1u64),
            custom(E::SequenceGap(ISetRegistry::SequenceGap { expected: 11, provided: 12 })),
        ),
        // Wrapping an Error(string) and a Panic, and an item that reverted without data.
        RegistryRevert::batch_commit_failed(U256::from(0u64), RegistryRevert::Reason(Revert::from("bad item"))),
        RegistryRevert::batch_commit_failed(U256::from(2u64), RegistryRevert::Panic(Panic::from(0x11u64))),
        RegistryRevert::BatchCommitFailed { index: U256::from(3u64), reason: Default::default(), inner: None },
        RegistryRevert::Reason(Revert::from("Ownable: caller is not the owner")),
        RegistryRevert::Panic(Panic::from(0x11u64)),
    ]
}

fn commitment_json(commitment: &OnchainCommitment) -> Value {
    json!({
        "events_root": encode_hex(commitment.events_root.as_slice()),
        "new_state_root": encode_hex(commitment.new_state_root.as_slice()),
        "sequence_start": commitment.sequence_start.to_string(),
        "sequence_end": commitment.sequence_end.to_string(),
        "event_count": commitment.event_count,
        "timestamp": commitment.timestamp.to_string(),
        "exists": commitment.exists(),
    })
}

/// SetRegistry vectors: calldata, return data, logs, reverts and negative cases.
pub fn registry_vectors() -> Value {
    let (tenant, store, batch) = (b256(TENANT), b256(STORE), b256(BATCH));
    let state1 = B256::repeat_byte(0x5a);
    let state2 = B256::repeat_byte(0x5b);
    let first = sample_batch(batch, 1, 10, B256::ZERO, state1);
    let second = sample_batch(B256::repeat_byte(0x12), 11, 20, state1, state2);
    let ves_leaf = B256::repeat_byte(0x7e);
    let ves_proof = [B256::repeat_byte(0x71), B256::repeat_byte(0x72)];

    let calldata = vec![
        registry_calldata_case("commitBatch", reg::encode_commit_batch(&first)),
        registry_calldata_case("commitBatches", reg::encode_commit_batches(&[first, second])),
        registry_calldata_case(
            "verifyVesInclusion",
            reg::encode_verify_ves_inclusion(batch, ves_leaf, &ves_proof, U256::from(2u64)),
        ),
        // The 4-leaf keccak tree: the internal node h01 with proof [h23] at index 0 reproduces the root.
        registry_calldata_case(
            "verifyInclusion",
            reg::encode_verify_inclusion(batch, b256(H01), &[b256(H23)], U256::from(0u64)),
        ),
        registry_calldata_case("getBatchCommitment", reg::encode_get_batch_commitment(batch)),
        registry_calldata_case("getLatestStateRoot", reg::encode_get_latest_state_root(tenant, store)),
        registry_calldata_case("batchExists", reg::encode_batch_exists(batch)),
        registry_calldata_case("batchExists", reg::encode_batch_exists_many(&[batch, B256::ZERO])),
    ];

    let stored = OnchainCommitment {
        events_root: b256(ROOT),
        new_state_root: state1,
        sequence_start: 1,
        sequence_end: 10,
        event_count: 10,
        timestamp: 1_700_000_000,
    };
    let summary = TenantStoreSummary {
        latest_batch_id: batch,
        current_state_root: state1,
        current_head_sequence: 10,
        has_latest_proof: false,
    };
    let returns = vec![
        registry_return_case(
            "getBatchCommitment",
            reg::encode_get_batch_commitment(batch),
            reg::encode_get_batch_commitment_return(&stored),
            commitment_json(&stored),
        ),
        registry_return_case(
            "getBatchCommitment",
            reg::encode_get_batch_commitment(B256::ZERO),
            reg::encode_get_batch_commitment_return(&OnchainCommitment::default()),
            commitment_json(&OnchainCommitment::default()),
        ),
        registry_return_case(
            "getLatestStateRoot",
            reg::encode_get_latest_state_root(tenant, store),
            reg::encode_get_latest_state_root_return(state1),
            json!(encode_hex(state1.as_slice())),
        ),
        registry_return_case(
            "getHeadSequence",
            reg::encode_get_head_sequence(tenant, store),
            reg::encode_get_head_sequence_return(u64::MAX),
            json!(u64::MAX.to_string()),
        ),
        registry_return_case(
            "batchExists",
            reg::encode_batch_exists(batch),
            reg::encode_batch_exists_return(true),
            json!(true),
        ),
        registry_return_case(
            "verifyInclusion",
            reg::encode_verify_inclusion(batch, b256(H01), &[b256(H23)], U256::from(0u64)),
            reg::encode_verify_inclusion_return(true),
            json!(true),
        ),
        registry_return_case(
            "getTenantStoreSummary",
            reg::encode_get_tenant_store_summary(tenant, store),
            reg::encode_get_tenant_store_summary_return(&summary),
            json!({
                "latest_batch_id": encode_hex(summary.latest_batch_id.as_slice()),
                "current_state_root": encode_hex(summary.current_state_root.as_slice()),
                "current_head_sequence": summary.current_head_sequence.to_string(),
                "has_latest_proof": summary.has_latest_proof,
            }),
        ),
    ];

    let logs = vec![
        registry_log_case(RegistryEvent::BatchCommitted(ISetRegistry::BatchCommitted {
            batchId: batch,
            tenantStoreKey: b256(TENANT_STORE_KEY),
            eventsRoot: b256(ROOT),
            newStateRoot: state1,
            sequenceStart: 1,
            sequenceEnd: 10,
            eventCount: 10,
        })),
        registry_log_case(RegistryEvent::StarkProofCommitted(ISetRegistry::StarkProofCommitted {
            batchId: batch,
            proofHash: B256::repeat_byte(0xa1),
            policyHash: B256::repeat_byte(0xa2),
            allCompliant: true,
            proofSize: 4096,
        })),
        registry_log_case(RegistryEvent::SequencerAuthorized(ISetRegistry::SequencerAuthorized {
            sequencer: address(0xab),
            authorized: true,
        })),
    ];

    let reverts: Vec<Value> = every_registry_error().into_iter().map(registry_revert_case).collect();

    let commit = reg::encode_commit_batch(&first);
    let commits = reg::encode_commit_batches(&[first, second]);
    let gap = every_registry_error()[5].encode();
    let committed = RegistryEvent::BatchCommitted(ISetRegistry::BatchCommitted::default()).to_log();
    let committed_log = hex_topics(&committed.topics);
    let mut dirty_bool = reg::encode_batch_exists_return(true);
    dirty_bool[31] = 2;
    let mut wide_u64 = reg::encode_get_head_sequence_return(1);
    wide_u64[0] = 1;
    let code = |result: Result<(), reg::RegistryError>| result.err().map(|err| err.code());
    let call = |data: &[u8]| code(reg::decode_call(data).map(drop));
    let revert = |data: &[u8]| code(reg::decode_revert(data).map(drop));
    let negative = vec![
        negative_bytes("decode_call", &[], "TRUNCATED", call),
        negative_bytes("decode_call", &commit[..3], "TRUNCATED", call),
        negative_bytes("decode_call", &commit[..commit.len() - 1], "TRUNCATED", call),
        negative_bytes("decode_call", &commits[..commits.len() - 1], "TRUNCATED", call),
        negative_bytes("decode_call", &[0xde, 0xad, 0xbe, 0xef], "UNKNOWN_SELECTOR", call),
        negative_bytes("decode_commit_batch", &commits, "UNKNOWN_SELECTOR", |data| {
            code(reg::decode_commit_batch(data).map(drop))
        }),
        negative_bytes("decode_revert", &[], "TRUNCATED", revert),
        negative_bytes("decode_revert", &gap[..gap.len() - 1], "TRUNCATED", revert),
        negative_bytes("decode_revert", &[0xde, 0xad, 0xbe, 0xef], "UNKNOWN_SELECTOR", revert),
        negative_bytes("decode_batch_exists", &dirty_bool, "INVALID_ABI", |data| {
            code(reg::decode_batch_exists(data).map(drop))
        }),
        negative_bytes("decode_get_head_sequence", &wide_u64, "INVALID_ABI", |data| {
            code(reg::decode_get_head_sequence(data).map(drop))
        }),
        negative_bytes(
            "decode_get_batch_commitment",
            &reg::encode_get_batch_commitment_return(&stored)[..191],
            "TRUNCATED",
            |data| code(reg::decode_get_batch_commitment(data).map(drop)),
        ),
        negative_case(
            "decode_log",
            json!({ "topics": [], "data": encode_hex(&committed.data) }),
            "TRUNCATED",
            code(reg::decode_log(&[], &committed.data).map(drop)),
        ),
        negative_case(
            "decode_log",
            json!({ "topics": committed_log[..2], "data": encode_hex(&committed.data) }),
            "WRONG_TOPIC_COUNT",
            code(reg::decode_log(&committed.topics[..2], &committed.data).map(drop)),
        ),
        negative_case(
            "decode_log",
            json!({ "topics": committed_log, "data": encode_hex(&committed.data[..159]) }),
            "TRUNCATED",
            code(reg::decode_log(&committed.topics, &committed.data[..159]).map(drop)),
        ),
        foreign_log_case(|topics| code(reg::decode_log(topics, &[]).map(drop))),
    ];

    json!({
        "contract": "SetRegistry",
        "calldata": calldata,
        "returns": returns,
        "logs": logs,
        "reverts": reverts,
        "negative": negative,
    })
}

fn tier_json(tier: &Tier) -> Value {
    json!({
        "name": tier.name,
        "max_per_transaction": tier.max_per_transaction.to_string(),
        "max_per_day": tier.max_per_day.to_string(),
        "max_per_month": tier.max_per_month.to_string(),
        "active": tier.active,
    })
}

fn merchant_json(merchant: &MerchantState) -> Value {
    json!({
        "active": merchant.active,
        "tier_id": merchant.tier_id.to_string(),
        "last_day_reset": merchant.last_day_reset.to_string(),
        "last_month_reset": merchant.last_month_reset.to_string(),
        "spent_today": merchant.spent_today.to_string(),
        "spent_this_month": merchant.spent_this_month.to_string(),
        "total_sponsored": merchant.total_sponsored.to_string(),
    })
}

/// `milli` thousandths of an ether, in wei.
fn milli_ether(milli: u64) -> U256 {
    U256::from(milli) * U256::from(1_000_000_000_000_000u64)
}

struct SponsorshipCase {
    label: &'static str,
    tier: Tier,
    merchant: MerchantState,
    now: u64,
    amount: U256,
    balance: U256,
    reason: &'static str,
}

fn sponsorship_cases() -> Vec<SponsorshipCase> {
    const T0: u64 = 1_700_000_000;
    let day = pm::DAY_SECONDS;
    let month = pm::MONTH_SECONDS;
    let starter = pm::default_tiers().swap_remove(0);
    let fresh = MerchantState::sponsored(U256::from(0u64), T0);
    let plenty = milli_ether(10_000);
    let one = milli_ether(1);
    let spent_day = MerchantState { spent_today: milli_ether(10), spent_this_month: milli_ether(50), ..fresh };
    let spent_month = MerchantState { spent_this_month: milli_ether(100), ..fresh };
    let lowered = Tier { max_per_day: milli_ether(5), max_per_month: milli_ether(8), ..starter.clone() };
    let over_lowered = MerchantState { spent_today: milli_ether(7), spent_this_month: milli_ether(7), ..fresh };
    let case = |label, tier: &Tier, merchant, now, amount, balance, reason| SponsorshipCase {
        label,
        tier: tier.clone(),
        merchant,
        now,
        amount,
        balance,
        reason,
    };
    vec![
        case("fresh merchant, 0.001 ether", &starter, fresh, T0, one, plenty, ""),
        case(
            "revoked merchant",
            &starter,
            MerchantState { active: false, ..fresh },
            T0,
            one,
            plenty,
            pm::REASON_NOT_SPONSORED,
        ),
        case(
            "inactive tier",
            &Tier { active: false, ..starter.clone() },
            fresh,
            T0,
            one,
            plenty,
            pm::REASON_TIER_NOT_ACTIVE,
        ),
        case(
            "0.002 ether on Starter",
            &starter,
            fresh,
            T0,
            milli_ether(2),
            plenty,
            pm::REASON_EXCEEDS_TRANSACTION_LIMIT,
        ),
        case("daily limit reached", &starter, spent_day, T0, one, plenty, pm::REASON_EXCEEDS_DAILY_LIMIT),
        case(
            "one second before the day ends",
            &starter,
            spent_day,
            T0 + day - 1,
            one,
            plenty,
            pm::REASON_EXCEEDS_DAILY_LIMIT,
        ),
        case("exactly one day later", &starter, spent_day, T0 + day, one, plenty, ""),
        case("monthly limit reached", &starter, spent_month, T0, one, plenty, pm::REASON_EXCEEDS_MONTHLY_LIMIT),
        case(
            "one second before 30 days end",
            &starter,
            spent_month,
            T0 + month - 1,
            one,
            plenty,
            pm::REASON_EXCEEDS_MONTHLY_LIMIT,
        ),
        case("exactly 30 days later", &starter, spent_month, T0 + month, one, plenty, ""),
        case(
            "balance one wei short",
            &starter,
            fresh,
            T0,
            one,
            one - U256::from(1u64),
            pm::REASON_INSUFFICIENT_BALANCE,
        ),
        case(
            "reset stamp after now is not expired",
            &starter,
            spent_day,
            T0 - 5 * month,
            one,
            plenty,
            pm::REASON_EXCEEDS_DAILY_LIMIT,
        ),
        case(
            "tier lowered below current spend",
            &lowered,
            over_lowered,
            T0,
            one,
            plenty,
            pm::REASON_EXCEEDS_DAILY_LIMIT,
        ),
        case(
            "exactly at the daily and monthly limits",
            &starter,
            MerchantState { spent_today: milli_ether(9), spent_this_month: milli_ether(99), ..fresh },
            T0,
            one,
            one,
            "",
        ),
        case("zero amount with an empty paymaster", &starter, fresh, T0, U256::from(0u64), U256::from(0u64), ""),
    ]
}

fn case_inputs(case: &SponsorshipCase) -> Value {
    json!({
        "tier": tier_json(&case.tier),
        "merchant": merchant_json(&case.merchant),
        "now": case.now.to_string(),
        "amount": case.amount.to_string(),
        "balance": case.balance.to_string(),
    })
}

fn paymaster_calldata_case(function: &str, calldata: Vec<u8>) -> Value {
    let decoded = pm::decode_call(&calldata).expect("encoder output decodes").decoded();
    calldata_case(function, calldata, decoded)
}

fn paymaster_revert_case(revert: PaymasterRevert) -> Value {
    let data = revert.encode();
    let decoded = pm::decode_revert(&data).expect("revert decodes");
    assert_eq!(decoded, revert);
    revert_case(&data, &decoded.decoded())
}

/// SetPaymaster vectors: constants, default tiers, the sponsorship decision and execution,
/// calldata, return data, logs, reverts and negative cases.
pub fn paymaster_vectors() -> Value {
    let operation_types: Vec<Value> =
        OperationType::ALL.iter().map(|op| json!({ "ordinal": op.ordinal(), "name": op.name() })).collect();
    let default_tiers: Vec<Value> = pm::default_tiers()
        .iter()
        .enumerate()
        .map(|(id, tier)| {
            let mut value = tier_json(tier);
            value["id"] = json!(id.to_string());
            value
        })
        .collect();

    let cases = sponsorship_cases();
    let decisions: Vec<Value> = cases
        .iter()
        .map(|case| {
            let decision = pm::can_sponsor(&case.tier, &case.merchant, case.now, case.amount, case.balance);
            assert_eq!(decision.reason, case.reason, "{}", case.label);
            let allowance = pm::remaining_daily_allowance(&case.tier, &case.merchant, case.now);
            let mut value = case_inputs(case);
            value["label"] = json!(case.label);
            value["expected"] = json!({
                "sponsorable": decision.sponsorable,
                "reason": decision.reason,
                "remaining_daily_allowance": allowance.to_string(),
            });
            value
        })
        .collect();
    let executions: Vec<Value> = cases
        .iter()
        .map(|case| {
            let outcome = pm::execute_sponsorship(&case.tier, &case.merchant, case.now, case.amount, case.balance);
            assert_eq!(outcome.is_ok(), case.reason.is_empty(), "{}", case.label);
            let expected = match outcome {
                Ok(after) => json!({ "ok": merchant_json(&after) }),
                Err(revert) => json!({
                    "error": revert.decoded().to_json(),
                    "revert_data": encode_hex(&revert.revert_data()),
                }),
            };
            let mut value = case_inputs(case);
            value["label"] = json!(case.label);
            value["expected"] = expected;
            value
        })
        .collect();

    let merchant = address(0xcd);
    let calldata = vec![
        paymaster_calldata_case(
            "executeSponsorship",
            pm::encode_execute_sponsorship(merchant, milli_ether(1), OperationType::CommitmentAnchor),
        ),
        paymaster_calldata_case("sponsorMerchant", pm::encode_sponsor_merchant(merchant, U256::from(256u64))),
        paymaster_calldata_case("refundUnusedGas", pm::encode_refund_unused_gas(merchant, milli_ether(2))),
        paymaster_calldata_case(
            "batchExecuteSponsorship",
            pm::encode_batch_execute_sponsorship(
                &[merchant, address(0xce)],
                &[milli_ether(1), U256::from(0u64)],
                &[OperationType::OrderCreate, OperationType::Other],
            )
            .expect("equal lengths"),
        ),
        paymaster_calldata_case(
            "createTier",
            pm::encode_create_tier("Gold", milli_ether(20), milli_ether(200), milli_ether(2_000)),
        ),
        paymaster_calldata_case("canSponsor", pm::encode_can_sponsor(merchant, milli_ether(1))),
        paymaster_calldata_case("deposit", pm::encode_deposit()),
    ];

    let can_sponsor_call = pm::encode_can_sponsor(merchant, milli_ether(1));
    let can_sponsor_data = pm::encode_can_sponsor_return(false, pm::REASON_EXCEEDS_DAILY_LIMIT);
    let returns = vec![json!({
        "function": "canSponsor",
        "selector": encode_hex(&can_sponsor_call[..4]),
        "data": encode_hex(&can_sponsor_data),
        "decoded": pm::decode_return(&can_sponsor_call, &can_sponsor_data).expect("decodes").to_json(),
        "typed": { "sponsorable": false, "reason": pm::REASON_EXCEEDS_DAILY_LIMIT },
    })];

    let logs: Vec<Value> = [
        PaymasterEvent::GasSponsored(ISetPaymaster::GasSponsored {
            merchant,
            amount: milli_ether(1),
            operationType: OperationType::PaymentProcess.ordinal(),
        }),
        PaymasterEvent::MerchantSponsored(ISetPaymaster::MerchantSponsored { merchant, tierId: U256::from(2u64) }),
        PaymasterEvent::TierCreated(ISetPaymaster::TierCreated {
            tierId: U256::from(3u64),
            name: "Gold".into(),
            maxPerTx: milli_ether(20),
            maxPerDay: milli_ether(200),
        }),
    ]
    .into_iter()
    .map(|event| {
        let log = event.to_log();
        let decoded = pm::decode_log(&log.topics, &log.data).expect("log decodes");
        assert_eq!(decoded, event);
        log_case(&log, &decoded.decoded())
    })
    .collect();

    let reverts: Vec<Value> = [
        PaymasterRevert::Custom(
            SponsorshipRevert::ExceedsDailyLimit { requested: milli_ether(1), remaining: U256::from(0u64) }
                .to_contract_error(),
        ),
        PaymasterRevert::Custom(
            SponsorshipRevert::ExceedsTransactionLimit { requested: milli_ether(2), max: milli_ether(1) }
                .to_contract_error(),
        ),
        PaymasterRevert::Custom(SponsorshipRevert::NotSponsored.to_contract_error()),
        PaymasterRevert::Custom(ISetPaymaster::ISetPaymasterErrors::BelowMinimumDeposit(
            ISetPaymaster::BelowMinimumDeposit { sent: milli_ether(1), minimum: pm::MIN_DEPOSIT_WEI },
        )),
        PaymasterRevert::Reason(Revert::from("Ownable: caller is not the owner")),
        PaymasterRevert::Panic(Panic::from(0x11u64)),
    ]
    .into_iter()
    .map(paymaster_revert_case)
    .collect();

    let mut bad_operation = pm::encode_execute_sponsorship(merchant, U256::from(0u64), OperationType::Other);
    let last = bad_operation.len() - 1;
    bad_operation[last] = 7;
    let code = |result: Result<(), pm::PaymasterError>| result.err().map(|err| err.code());
    let negative = vec![
        negative_bytes("decode_execute_sponsorship", &bad_operation, "INVALID_OPERATION_TYPE", |data| {
            code(pm::decode_execute_sponsorship(data).map(drop))
        }),
        negative_case(
            "encode_batch_execute_sponsorship",
            json!({ "merchants": 2, "amounts": 2, "operations": 1 }),
            "LENGTH_MISMATCH",
            code(
                pm::encode_batch_execute_sponsorship(
                    &[merchant, merchant],
                    &[U256::from(0u64), U256::from(0u64)],
                    &[OperationType::Other],
                )
                .map(drop),
            ),
        ),
        negative_bytes("decode_revert", &[], "TRUNCATED", |data| code(pm::decode_revert(data).map(drop))),
        foreign_log_case(|topics| code(pm::decode_log(topics, &[]).map(drop))),
    ];

    json!({
        "contract": "SetPaymaster",
        "constants": {
            "min_deposit_wei": pm::MIN_DEPOSIT_WEI.to_string(),
            "max_batch_size": pm::MAX_BATCH_SIZE,
            "day_seconds": pm::DAY_SECONDS.to_string(),
            "month_seconds": pm::MONTH_SECONDS.to_string(),
        },
        "operation_types": operation_types,
        "default_tiers": default_tiers,
        "decisions": decisions,
        "executions": executions,
        "calldata": calldata,
        "returns": returns,
        "logs": logs,
        "reverts": reverts,
        "negative": negative,
    })
}
