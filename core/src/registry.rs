//! SetRegistry ABI: calldata encoders and decoders, view return decoding, log and revert decoding.
//!
//! The ABI exists once, as the [`sol!`] declaration [`ISetRegistry`]; every encoder and decoder
//! here goes through the generated `SolCall` / `SolEvent` / `SolError` / `SolInterface` types.
//! The declaration covers the existing contract (reference §1.4–§1.6, including the OpenZeppelin
//! parents) plus what the new contract adds: `verifyVesInclusion`, the atomic multi-commit
//! `commitBatches(BatchInput[])` with its `BatchCommitFailed(uint256,bytes)` error, and
//! `InvalidBatchId()`.
//!
//! Argument names follow the new contract and drop the old source's leading underscore
//! (`batchId`, not `_batchId`); names are not part of the selector, so this changes nothing on the
//! wire, but it is what [`DecodedAbi`] reports.
//!
//! Decoding is strict (canonical ABI only: clean padding, canonical offsets, valid bools and
//! addresses) but, like Solidity itself, accepts trailing bytes after the encoding, because
//! wallets append attribution suffixes to calldata. No decoder panics: short, truncated or
//! garbage input is a [`RegistryError`].
//!
//! [`sol!`]: alloy_sol_types::sol

use alloc::boxed::Box;
use alloc::vec::Vec;

use alloy_sol_types::{sol, ContractError, SolCall, SolError, SolInterface};

/// Re-exported so that callers (bindings, the vectors tool) can build arguments without naming
/// the alloy crates.
pub use alloy_primitives::{Address, Bytes, B256, U256};
/// `Error(string)` and `Panic(uint256)`, held by [`RegistryRevert`] and the paymaster's revert.
pub use alloy_sol_types::{Panic, Revert};

use crate::abi::{
    abi_interface, decode_call_as, decode_interface, decode_log_as, decode_returns_as, decoded_from, selector_of,
    AbiError, DecodedAbi, EncodedLog,
};
use crate::encoding::EncodingError;

sol! {
    /// The SetRegistry ABI: existing contract (reference §1.6) plus the new contract's additions.
    #[sol(all_derives)]
    interface ISetRegistry {
        /// A stored batch commitment as returned by `getBatchCommitment` (6 fields; `timestamp == 0`
        /// means the batch does not exist).
        struct BatchCommitment {
            bytes32 eventsRoot;
            bytes32 newStateRoot;
            uint64 sequenceStart;
            uint64 sequenceEnd;
            uint32 eventCount;
            uint64 timestamp;
        }

        /// One item of the new contract's `commitBatches` (same fields as `commitBatch`).
        struct BatchInput {
            bytes32 batchId;
            bytes32 tenantId;
            bytes32 storeId;
            bytes32 eventsRoot;
            bytes32 prevStateRoot;
            bytes32 newStateRoot;
            uint64 sequenceStart;
            uint64 sequenceEnd;
            uint32 eventCount;
        }

        event SequencerAuthorized(address indexed sequencer, bool authorized);
        event BatchCommitted(bytes32 indexed batchId, bytes32 indexed tenantStoreKey, bytes32 eventsRoot, bytes32 newStateRoot, uint64 sequenceStart, uint64 sequenceEnd, uint32 eventCount);
        event StrictModeUpdated(bool enabled);
        event StarkProofCommitted(bytes32 indexed batchId, bytes32 proofHash, bytes32 policyHash, bool allCompliant, uint64 proofSize);
        event ContractUpgraded(address indexed newImplementation, address indexed authorizer);
        event Initialized(uint64 version);
        event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
        event Paused(address account);
        event Unpaused(address account);
        event Upgraded(address indexed implementation);

        error NotAuthorizedSequencer();
        error InvalidSequenceRange();
        error EmptyEventsRoot();
        error BatchAlreadyCommitted();
        error StateRootMismatch(bytes32 expected, bytes32 provided);
        error SequenceGap(uint64 expected, uint64 provided);
        error InvalidEventCount(uint64 expected, uint32 provided);
        error InvalidProof();
        error BatchNotCommitted();
        error StarkProofAlreadyCommitted();
        error StateRootMismatchInProof();
        error InvalidAddress();
        error ArrayLengthMismatch();
        error EmptyArray();
        error LegacyFunctionsDisabled();
        error InvalidBatchId();
        error BatchCommitFailed(uint256 index, bytes reason);
        error OwnableUnauthorizedAccount(address account);
        error OwnableInvalidOwner(address owner);
        error EnforcedPause();
        error ExpectedPause();
        error ReentrancyGuardReentrantCall();
        error InvalidInitialization();
        error NotInitializing();
        error UUPSUnauthorizedCallContext();
        error UUPSUnsupportedProxiableUUID(bytes32 slot);
        error ERC1967InvalidImplementation(address implementation);
        error ERC1967NonPayable();

        function initialize(address owner, address initialSequencer) external;
        function setSequencerAuthorization(address sequencer, bool authorized) external;
        function batchSetSequencerAuthorization(address[] sequencers, bool authorized) external;
        function setStrictMode(bool enabled) external;
        function pause() external;
        function unpause() external;
        function commitBatch(bytes32 batchId, bytes32 tenantId, bytes32 storeId, bytes32 eventsRoot, bytes32 prevStateRoot, bytes32 newStateRoot, uint64 sequenceStart, uint64 sequenceEnd, uint32 eventCount) external;
        function commitBatches(BatchInput[] batches) external;
        function commitStarkProof(bytes32 batchId, bytes32 proofHash, bytes32 prevStateRoot, bytes32 newStateRoot, bytes32 policyHash, uint64 policyLimit, bool allCompliant, uint64 proofSize, uint64 provingTimeMs) external;
        function commitBatchWithStarkProof(bytes32 batchId, bytes32 tenantId, bytes32 storeId, bytes32 eventsRoot, bytes32 prevStateRoot, bytes32 newStateRoot, uint64 sequenceStart, uint64 sequenceEnd, uint32 eventCount, bytes32 proofHash, bytes32 policyHash, uint64 policyLimit, bool allCompliant, uint64 proofSize, uint64 provingTimeMs) external;
        function hasStarkProof(bytes32 batchId) external view returns (bool hasProof);
        function verifyStarkProofHash(bytes32 batchId, bytes32 proofHash) external view returns (bool valid);
        function getStarkProofDetails(bytes32 batchId) external view returns (bytes32 proofHash, bytes32 policyHash, bool allCompliant, uint64 timestamp);
        function verifyInclusion(bytes32 batchId, bytes32 leaf, bytes32[] proof, uint256 index) external view returns (bool valid);
        function verifyVesInclusion(bytes32 batchId, bytes32 leaf, bytes32[] proof, uint256 index) external view returns (bool valid);
        function verifyMultipleInclusions(bytes32 batchId, bytes32[] leaves, bytes32[][] proofs, uint256[] indices) external view returns (bool allValid);
        function getLatestStateRoot(bytes32 tenantId, bytes32 storeId) external view returns (bytes32 stateRoot);
        function getHeadSequence(bytes32 tenantId, bytes32 storeId) external view returns (uint64 sequence);
        function getBatchCommitment(bytes32 batchId) external view returns (BatchCommitment commitment);
        function batchExists(bytes32 batchId) external view returns (bool exists);
        function batchExists(bytes32[] batchIds) external view returns (bool[] exists);
        function getLatestBatchId(bytes32 tenantId, bytes32 storeId) external view returns (bytes32 batchId);
        function getBatchWithProofStatus(bytes32 batchId) external view returns (BatchCommitment commitment, bool hasProof, bool proofCompliant);
        function getRegistryStats() external view returns (uint256 commitmentCount, uint256 proofCount, bool isPaused, bool isStrictMode);
        function getBatchCommitments(bytes32[] batchIds) external view returns (BatchCommitment[] commitmentList);
        function getBatchProofStatuses(bytes32[] batchIds) external view returns (bool[] hasProofs, bool[] allCompliant);
        function getBatchLatestStateRoots(bytes32[] tenantIds, bytes32[] storeIds) external view returns (bytes32[] stateRoots);
        function getBatchHeadSequences(bytes32[] tenantIds, bytes32[] storeIds) external view returns (uint64[] sequences);
        function getExtendedRegistryStatus() external view returns (uint256 totalBatches, uint256 totalProofs, uint256 sequencerCount, bool isPaused, bool isStrictMode, uint256 proofCoverage);
        function getTenantStoreSummary(bytes32 tenantId, bytes32 storeId) external view returns (bytes32 latestBatchId, bytes32 currentStateRoot, uint64 currentHeadSequence, bool hasLatestProof);
        function areSequencersAuthorized(address[] sequencers) external view returns (bool[] authorized);
        function setLegacyFunctionsEnabled(bool enabled) external;
        function registerBatchRoot(uint256 startSequence, uint256 endSequence, bytes32 root) external;
        function getBatchRoot(uint256 startSequence, uint256 endSequence) external view returns (bytes32 root);
        function authorizedSequencers(address sequencer) external view returns (bool authorized);
        function commitments(bytes32 batchId) external view returns (bytes32 eventsRoot, bytes32 newStateRoot, uint64 sequenceStart, uint64 sequenceEnd, uint32 eventCount, uint64 timestamp);
        function latestCommitment(bytes32 tenantStoreKey) external view returns (bytes32 batchId);
        function headSequence(bytes32 tenantStoreKey) external view returns (uint64 sequence);
        function totalCommitments() external view returns (uint256 count);
        function strictModeEnabled() external view returns (bool enabled);
        function starkProofs(bytes32 batchId) external view returns (bytes32 proofHash, bytes32 policyHash, uint64 policyLimit, bool allCompliant, uint64 proofSize, uint64 provingTimeMs, uint64 timestamp);
        function totalStarkProofs() external view returns (uint256 count);
        function authorizedSequencerCount() external view returns (uint256 count);
        function legacyFunctionsEnabled() external view returns (bool enabled);
        function owner() external view returns (address account);
        function transferOwnership(address newOwner) external;
        function renounceOwnership() external;
        function paused() external view returns (bool isPaused);
        function upgradeToAndCall(address newImplementation, bytes data) external payable;
        function proxiableUUID() external view returns (bytes32 slot);
        function UPGRADE_INTERFACE_VERSION() external view returns (string version);
    }
}

pub use ISetRegistry::{BatchCommitment, BatchInput};

abi_interface! {
    module ISetRegistry;
    structs {
        BatchCommitment { eventsRoot, newStateRoot, sequenceStart, sequenceEnd, eventCount, timestamp }
        BatchInput { batchId, tenantId, storeId, eventsRoot, prevStateRoot, newStateRoot, sequenceStart, sequenceEnd, eventCount }
    }
    calls ISetRegistryCalls {
        initialize => initializeCall { owner, initialSequencer } -> initializeReturn {}
        setSequencerAuthorization => setSequencerAuthorizationCall { sequencer, authorized } -> setSequencerAuthorizationReturn {}
        batchSetSequencerAuthorization => batchSetSequencerAuthorizationCall { sequencers, authorized } -> batchSetSequencerAuthorizationReturn {}
        setStrictMode => setStrictModeCall { enabled } -> setStrictModeReturn {}
        pause => pauseCall {} -> pauseReturn {}
        unpause => unpauseCall {} -> unpauseReturn {}
        commitBatch => commitBatchCall { batchId, tenantId, storeId, eventsRoot, prevStateRoot, newStateRoot, sequenceStart, sequenceEnd, eventCount } -> commitBatchReturn {}
        commitBatches => commitBatchesCall { batches } -> commitBatchesReturn {}
        commitStarkProof => commitStarkProofCall { batchId, proofHash, prevStateRoot, newStateRoot, policyHash, policyLimit, allCompliant, proofSize, provingTimeMs } -> commitStarkProofReturn {}
        commitBatchWithStarkProof => commitBatchWithStarkProofCall { batchId, tenantId, storeId, eventsRoot, prevStateRoot, newStateRoot, sequenceStart, sequenceEnd, eventCount, proofHash, policyHash, policyLimit, allCompliant, proofSize, provingTimeMs } -> commitBatchWithStarkProofReturn {}
        hasStarkProof => hasStarkProofCall { batchId } -> hasStarkProofReturn { hasProof }
        verifyStarkProofHash => verifyStarkProofHashCall { batchId, proofHash } -> verifyStarkProofHashReturn { valid }
        getStarkProofDetails => getStarkProofDetailsCall { batchId } -> getStarkProofDetailsReturn { proofHash, policyHash, allCompliant, timestamp }
        verifyInclusion => verifyInclusionCall { batchId, leaf, proof, index } -> verifyInclusionReturn { valid }
        verifyVesInclusion => verifyVesInclusionCall { batchId, leaf, proof, index } -> verifyVesInclusionReturn { valid }
        verifyMultipleInclusions => verifyMultipleInclusionsCall { batchId, leaves, proofs, indices } -> verifyMultipleInclusionsReturn { allValid }
        getLatestStateRoot => getLatestStateRootCall { tenantId, storeId } -> getLatestStateRootReturn { stateRoot }
        getHeadSequence => getHeadSequenceCall { tenantId, storeId } -> getHeadSequenceReturn { sequence }
        getBatchCommitment => getBatchCommitmentCall { batchId } -> getBatchCommitmentReturn { commitment }
        batchExists_0 => batchExists_0Call { batchId } -> batchExists_0Return { exists }
        batchExists_1 => batchExists_1Call { batchIds } -> batchExists_1Return { exists }
        getLatestBatchId => getLatestBatchIdCall { tenantId, storeId } -> getLatestBatchIdReturn { batchId }
        getBatchWithProofStatus => getBatchWithProofStatusCall { batchId } -> getBatchWithProofStatusReturn { commitment, hasProof, proofCompliant }
        getRegistryStats => getRegistryStatsCall {} -> getRegistryStatsReturn { commitmentCount, proofCount, isPaused, isStrictMode }
        getBatchCommitments => getBatchCommitmentsCall { batchIds } -> getBatchCommitmentsReturn { commitmentList }
        getBatchProofStatuses => getBatchProofStatusesCall { batchIds } -> getBatchProofStatusesReturn { hasProofs, allCompliant }
        getBatchLatestStateRoots => getBatchLatestStateRootsCall { tenantIds, storeIds } -> getBatchLatestStateRootsReturn { stateRoots }
        getBatchHeadSequences => getBatchHeadSequencesCall { tenantIds, storeIds } -> getBatchHeadSequencesReturn { sequences }
        getExtendedRegistryStatus => getExtendedRegistryStatusCall {} -> getExtendedRegistryStatusReturn { totalBatches, totalProofs, sequencerCount, isPaused, isStrictMode, proofCoverage }
        getTenantStoreSummary => getTenantStoreSummaryCall { tenantId, storeId } -> getTenantStoreSummaryReturn { latestBatchId, currentStateRoot, currentHeadSequence, hasLatestProof }
        areSequencersAuthorized => areSequencersAuthorizedCall { sequencers } -> areSequencersAuthorizedReturn { authorized }
        setLegacyFunctionsEnabled => setLegacyFunctionsEnabledCall { enabled } -> setLegacyFunctionsEnabledReturn {}
        registerBatchRoot => registerBatchRootCall { startSequence, endSequence, root } -> registerBatchRootReturn {}
        getBatchRoot => getBatchRootCall { startSequence, endSequence } -> getBatchRootReturn { root }
        authorizedSequencers => authorizedSequencersCall { sequencer } -> authorizedSequencersReturn { authorized }
        commitments => commitmentsCall { batchId } -> commitmentsReturn { eventsRoot, newStateRoot, sequenceStart, sequenceEnd, eventCount, timestamp }
        latestCommitment => latestCommitmentCall { tenantStoreKey } -> latestCommitmentReturn { batchId }
        headSequence => headSequenceCall { tenantStoreKey } -> headSequenceReturn { sequence }
        totalCommitments => totalCommitmentsCall {} -> totalCommitmentsReturn { count }
        strictModeEnabled => strictModeEnabledCall {} -> strictModeEnabledReturn { enabled }
        starkProofs => starkProofsCall { batchId } -> starkProofsReturn { proofHash, policyHash, policyLimit, allCompliant, proofSize, provingTimeMs, timestamp }
        totalStarkProofs => totalStarkProofsCall {} -> totalStarkProofsReturn { count }
        authorizedSequencerCount => authorizedSequencerCountCall {} -> authorizedSequencerCountReturn { count }
        legacyFunctionsEnabled => legacyFunctionsEnabledCall {} -> legacyFunctionsEnabledReturn { enabled }
        owner => ownerCall {} -> ownerReturn { account }
        transferOwnership => transferOwnershipCall { newOwner } -> transferOwnershipReturn {}
        renounceOwnership => renounceOwnershipCall {} -> renounceOwnershipReturn {}
        paused => pausedCall {} -> pausedReturn { isPaused }
        upgradeToAndCall => upgradeToAndCallCall { newImplementation, data } -> upgradeToAndCallReturn {}
        proxiableUUID => proxiableUUIDCall {} -> proxiableUUIDReturn { slot }
        UPGRADE_INTERFACE_VERSION => UPGRADE_INTERFACE_VERSIONCall {} -> UPGRADE_INTERFACE_VERSIONReturn { version }
    }
    errors ISetRegistryErrors {
        NotAuthorizedSequencer {}
        InvalidSequenceRange {}
        EmptyEventsRoot {}
        BatchAlreadyCommitted {}
        StateRootMismatch { expected, provided }
        SequenceGap { expected, provided }
        InvalidEventCount { expected, provided }
        InvalidProof {}
        BatchNotCommitted {}
        StarkProofAlreadyCommitted {}
        StateRootMismatchInProof {}
        InvalidAddress {}
        ArrayLengthMismatch {}
        EmptyArray {}
        LegacyFunctionsDisabled {}
        InvalidBatchId {}
        BatchCommitFailed { index, reason }
        OwnableUnauthorizedAccount { account }
        OwnableInvalidOwner { owner }
        EnforcedPause {}
        ExpectedPause {}
        ReentrancyGuardReentrantCall {}
        InvalidInitialization {}
        NotInitializing {}
        UUPSUnauthorizedCallContext {}
        UUPSUnsupportedProxiableUUID { slot }
        ERC1967InvalidImplementation { implementation }
        ERC1967NonPayable {}
    }
    events ISetRegistryEvents {
        SequencerAuthorized { sequencer, authorized }
        BatchCommitted { batchId, tenantStoreKey, eventsRoot, newStateRoot, sequenceStart, sequenceEnd, eventCount }
        StrictModeUpdated { enabled }
        StarkProofCommitted { batchId, proofHash, policyHash, allCompliant, proofSize }
        ContractUpgraded { newImplementation, authorizer }
        Initialized { version }
        OwnershipTransferred { previousOwner, newOwner }
        Paused { account }
        Unpaused { account }
        Upgraded { implementation }
    }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Why registry input could not be encoded or decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// Calldata, return data, a log or revert data that is not a valid encoding.
    #[error(transparent)]
    Abi(#[from] AbiError),
    /// Hex or length error in an input given as text.
    #[error(transparent)]
    Encoding(#[from] EncodingError),
}

impl RegistryError {
    /// Stable machine-readable code, the same string in every language binding.
    pub fn code(&self) -> &'static str {
        match self {
            RegistryError::Abi(inner) => inner.code(),
            RegistryError::Encoding(inner) => inner.code(),
        }
    }
}

fn call_as<C: SolCall + Default>(what: &'static str, data: &[u8]) -> Result<C, RegistryError> {
    decode_call_as::<C>(what, data).map_err(RegistryError::Abi)
}

fn returns_as<C: SolCall>(what: &'static str, data: &[u8]) -> Result<C::Return, RegistryError> {
    decode_returns_as::<C>(what, data).map_err(RegistryError::Abi)
}

// ---------------------------------------------------------------------------------------------
// Plain argument and result types
// ---------------------------------------------------------------------------------------------

/// The arguments of `commitBatch`, and one item of `commitBatches`.
///
/// A plain snake_case mirror of the sol!-generated `commitBatchCall` / `BatchInput` so that
/// bindings can expose it field for field. Ids and roots are bytes32 (UUIDs left-aligned,
/// see the ids module); sequences are inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitBatchArgs {
    /// The batch id (bytes32; the new contract rejects zero with `InvalidBatchId`).
    pub batch_id: B256,
    /// The tenant id (bytes32).
    pub tenant_id: B256,
    /// The store id (bytes32).
    pub store_id: B256,
    /// Merkle root of the batch's event leaves.
    pub events_root: B256,
    /// State root before the batch (compared in strict mode, never stored).
    pub prev_state_root: B256,
    /// State root after the batch.
    pub new_state_root: B256,
    /// First sequence number, inclusive.
    pub sequence_start: u64,
    /// Last sequence number, inclusive.
    pub sequence_end: u64,
    /// Number of events; must equal `sequence_end - sequence_start + 1`.
    pub event_count: u32,
}

impl From<CommitBatchArgs> for ISetRegistry::commitBatchCall {
    fn from(args: CommitBatchArgs) -> Self {
        ISetRegistry::commitBatchCall {
            batchId: args.batch_id,
            tenantId: args.tenant_id,
            storeId: args.store_id,
            eventsRoot: args.events_root,
            prevStateRoot: args.prev_state_root,
            newStateRoot: args.new_state_root,
            sequenceStart: args.sequence_start,
            sequenceEnd: args.sequence_end,
            eventCount: args.event_count,
        }
    }
}

impl From<ISetRegistry::commitBatchCall> for CommitBatchArgs {
    fn from(call: ISetRegistry::commitBatchCall) -> Self {
        CommitBatchArgs {
            batch_id: call.batchId,
            tenant_id: call.tenantId,
            store_id: call.storeId,
            events_root: call.eventsRoot,
            prev_state_root: call.prevStateRoot,
            new_state_root: call.newStateRoot,
            sequence_start: call.sequenceStart,
            sequence_end: call.sequenceEnd,
            event_count: call.eventCount,
        }
    }
}

impl From<CommitBatchArgs> for BatchInput {
    fn from(args: CommitBatchArgs) -> Self {
        BatchInput {
            batchId: args.batch_id,
            tenantId: args.tenant_id,
            storeId: args.store_id,
            eventsRoot: args.events_root,
            prevStateRoot: args.prev_state_root,
            newStateRoot: args.new_state_root,
            sequenceStart: args.sequence_start,
            sequenceEnd: args.sequence_end,
            eventCount: args.event_count,
        }
    }
}

impl From<BatchInput> for CommitBatchArgs {
    fn from(input: BatchInput) -> Self {
        CommitBatchArgs {
            batch_id: input.batchId,
            tenant_id: input.tenantId,
            store_id: input.storeId,
            events_root: input.eventsRoot,
            prev_state_root: input.prevStateRoot,
            new_state_root: input.newStateRoot,
            sequence_start: input.sequenceStart,
            sequence_end: input.sequenceEnd,
            event_count: input.eventCount,
        }
    }
}

/// STARK proof metadata shared by `commitStarkProof` and `commitBatchWithStarkProof`.
///
/// The contract stores it; it never verifies the proof itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StarkProofMetadata {
    /// Hash of the proof; zero is rejected with `InvalidProof`.
    pub proof_hash: B256,
    /// Hash of the compliance policy proven against.
    pub policy_hash: B256,
    /// The policy's limit parameter.
    pub policy_limit: u64,
    /// Whether every event complied with the policy.
    pub all_compliant: bool,
    /// Proof size in bytes; zero is rejected with `InvalidProof`.
    pub proof_size: u64,
    /// Proving time in milliseconds.
    pub proving_time_ms: u64,
}

/// The arguments of `commitStarkProof` (a proof for an already committed batch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitStarkProofArgs {
    /// The committed batch the proof is for.
    pub batch_id: B256,
    /// Accepted by the contract but ignored (reference §1.8).
    pub prev_state_root: B256,
    /// Must equal the batch's stored `newStateRoot` (`StateRootMismatchInProof` otherwise).
    pub new_state_root: B256,
    /// The proof metadata.
    pub proof: StarkProofMetadata,
}

/// The arguments of `commitBatchWithStarkProof`: a batch and its proof in one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitBatchWithStarkProofArgs {
    /// The batch, validated exactly like `commitBatch`.
    pub batch: CommitBatchArgs,
    /// The proof metadata.
    pub proof: StarkProofMetadata,
}

/// A batch commitment as stored on-chain (`getBatchCommitment`, `commitments`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OnchainCommitment {
    /// Merkle root of the batch's event leaves.
    pub events_root: B256,
    /// State root after the batch.
    pub new_state_root: B256,
    /// First sequence number, inclusive.
    pub sequence_start: u64,
    /// Last sequence number, inclusive.
    pub sequence_end: u64,
    /// Number of events.
    pub event_count: u32,
    /// Block timestamp of the commit, in seconds; 0 means "no such batch".
    pub timestamp: u64,
}

impl OnchainCommitment {
    /// Whether the batch exists on-chain (`timestamp != 0`).
    pub fn exists(&self) -> bool {
        self.timestamp != 0
    }
}

impl From<BatchCommitment> for OnchainCommitment {
    fn from(value: BatchCommitment) -> Self {
        OnchainCommitment {
            events_root: value.eventsRoot,
            new_state_root: value.newStateRoot,
            sequence_start: value.sequenceStart,
            sequence_end: value.sequenceEnd,
            event_count: value.eventCount,
            timestamp: value.timestamp,
        }
    }
}

impl From<OnchainCommitment> for BatchCommitment {
    fn from(value: OnchainCommitment) -> Self {
        BatchCommitment {
            eventsRoot: value.events_root,
            newStateRoot: value.new_state_root,
            sequenceStart: value.sequence_start,
            sequenceEnd: value.sequence_end,
            eventCount: value.event_count,
            timestamp: value.timestamp,
        }
    }
}

/// `getRegistryStats()` result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RegistryStats {
    /// Committed batches (stale 0 on the old contract, which stopped counting).
    pub commitment_count: U256,
    /// Committed STARK proofs (stale 0 on the old contract).
    pub proof_count: U256,
    /// Whether commits are paused.
    pub is_paused: bool,
    /// Whether strict continuity checking is on.
    pub is_strict_mode: bool,
}

/// `getExtendedRegistryStatus()` result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExtendedRegistryStatus {
    /// Committed batches.
    pub total_batches: U256,
    /// Committed STARK proofs.
    pub total_proofs: U256,
    /// Authorized sequencers.
    pub sequencer_count: U256,
    /// Whether commits are paused.
    pub is_paused: bool,
    /// Whether strict continuity checking is on.
    pub is_strict_mode: bool,
    /// `total_proofs * 10000 / total_batches` in basis points, 10000 when there are no batches.
    pub proof_coverage: U256,
}

/// `getTenantStoreSummary(tenant, store)` result; all zero when the stream has no batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TenantStoreSummary {
    /// The stream's latest batch id.
    pub latest_batch_id: B256,
    /// That batch's `newStateRoot`.
    pub current_state_root: B256,
    /// That batch's `sequenceEnd`.
    pub current_head_sequence: u64,
    /// Whether that batch has a STARK proof.
    pub has_latest_proof: bool,
}

// ---------------------------------------------------------------------------------------------
// Writes: calldata encoders and decoders
// ---------------------------------------------------------------------------------------------

/// `commitBatch(...)` calldata.
pub fn encode_commit_batch(args: &CommitBatchArgs) -> Vec<u8> {
    ISetRegistry::commitBatchCall::from(*args).abi_encode()
}

/// Decodes `commitBatch(...)` calldata.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::UnknownSelector`] (any other function),
/// [`AbiError::Invalid`] for a non-canonical encoding (e.g. dirty high bits in `uint64`).
pub fn decode_commit_batch(calldata: &[u8]) -> Result<CommitBatchArgs, RegistryError> {
    call_as::<ISetRegistry::commitBatchCall>("commitBatch calldata", calldata).map(Into::into)
}

/// `commitBatches(BatchInput[])` calldata (new contract): all batches land, in order, or the
/// transaction reverts with `BatchCommitFailed(index, innerRevert)`.
pub fn encode_commit_batches(batches: &[CommitBatchArgs]) -> Vec<u8> {
    ISetRegistry::commitBatchesCall { batches: batches.iter().map(|b| (*b).into()).collect() }.abi_encode()
}

/// Decodes `commitBatches(BatchInput[])` calldata.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::Truncated`], [`AbiError::UnknownSelector`],
/// [`AbiError::Invalid`].
pub fn decode_commit_batches(calldata: &[u8]) -> Result<Vec<CommitBatchArgs>, RegistryError> {
    call_as::<ISetRegistry::commitBatchesCall>("commitBatches calldata", calldata)
        .map(|call| call.batches.into_iter().map(Into::into).collect())
}

/// `commitStarkProof(...)` calldata.
pub fn encode_commit_stark_proof(args: &CommitStarkProofArgs) -> Vec<u8> {
    ISetRegistry::commitStarkProofCall {
        batchId: args.batch_id,
        proofHash: args.proof.proof_hash,
        prevStateRoot: args.prev_state_root,
        newStateRoot: args.new_state_root,
        policyHash: args.proof.policy_hash,
        policyLimit: args.proof.policy_limit,
        allCompliant: args.proof.all_compliant,
        proofSize: args.proof.proof_size,
        provingTimeMs: args.proof.proving_time_ms,
    }
    .abi_encode()
}

/// Decodes `commitStarkProof(...)` calldata.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::UnknownSelector`], [`AbiError::Invalid`].
pub fn decode_commit_stark_proof(calldata: &[u8]) -> Result<CommitStarkProofArgs, RegistryError> {
    let call = call_as::<ISetRegistry::commitStarkProofCall>("commitStarkProof calldata", calldata)?;
    Ok(CommitStarkProofArgs {
        batch_id: call.batchId,
        prev_state_root: call.prevStateRoot,
        new_state_root: call.newStateRoot,
        proof: StarkProofMetadata {
            proof_hash: call.proofHash,
            policy_hash: call.policyHash,
            policy_limit: call.policyLimit,
            all_compliant: call.allCompliant,
            proof_size: call.proofSize,
            proving_time_ms: call.provingTimeMs,
        },
    })
}

/// `commitBatchWithStarkProof(...)` calldata.
pub fn encode_commit_batch_with_stark_proof(args: &CommitBatchWithStarkProofArgs) -> Vec<u8> {
    let (batch, proof) = (&args.batch, &args.proof);
    ISetRegistry::commitBatchWithStarkProofCall {
        batchId: batch.batch_id,
        tenantId: batch.tenant_id,
        storeId: batch.store_id,
        eventsRoot: batch.events_root,
        prevStateRoot: batch.prev_state_root,
        newStateRoot: batch.new_state_root,
        sequenceStart: batch.sequence_start,
        sequenceEnd: batch.sequence_end,
        eventCount: batch.event_count,
        proofHash: proof.proof_hash,
        policyHash: proof.policy_hash,
        policyLimit: proof.policy_limit,
        allCompliant: proof.all_compliant,
        proofSize: proof.proof_size,
        provingTimeMs: proof.proving_time_ms,
    }
    .abi_encode()
}

/// Decodes `commitBatchWithStarkProof(...)` calldata.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::UnknownSelector`], [`AbiError::Invalid`].
pub fn decode_commit_batch_with_stark_proof(calldata: &[u8]) -> Result<CommitBatchWithStarkProofArgs, RegistryError> {
    let call = call_as::<ISetRegistry::commitBatchWithStarkProofCall>("commitBatchWithStarkProof calldata", calldata)?;
    Ok(CommitBatchWithStarkProofArgs {
        batch: CommitBatchArgs {
            batch_id: call.batchId,
            tenant_id: call.tenantId,
            store_id: call.storeId,
            events_root: call.eventsRoot,
            prev_state_root: call.prevStateRoot,
            new_state_root: call.newStateRoot,
            sequence_start: call.sequenceStart,
            sequence_end: call.sequenceEnd,
            event_count: call.eventCount,
        },
        proof: StarkProofMetadata {
            proof_hash: call.proofHash,
            policy_hash: call.policyHash,
            policy_limit: call.policyLimit,
            all_compliant: call.allCompliant,
            proof_size: call.proofSize,
            proving_time_ms: call.provingTimeMs,
        },
    })
}

/// `initialize(owner, initialSequencer)` calldata (proxy deployment; zero sequencer = none).
pub fn encode_initialize(owner: Address, initial_sequencer: Address) -> Vec<u8> {
    ISetRegistry::initializeCall { owner, initialSequencer: initial_sequencer }.abi_encode()
}

/// `setSequencerAuthorization(sequencer, authorized)` calldata (owner only).
pub fn encode_set_sequencer_authorization(sequencer: Address, authorized: bool) -> Vec<u8> {
    ISetRegistry::setSequencerAuthorizationCall { sequencer, authorized }.abi_encode()
}

/// `batchSetSequencerAuthorization(sequencers, authorized)` calldata (owner only).
pub fn encode_batch_set_sequencer_authorization(sequencers: &[Address], authorized: bool) -> Vec<u8> {
    ISetRegistry::batchSetSequencerAuthorizationCall { sequencers: sequencers.to_vec(), authorized }.abi_encode()
}

/// `setStrictMode(enabled)` calldata (owner only).
pub fn encode_set_strict_mode(enabled: bool) -> Vec<u8> {
    ISetRegistry::setStrictModeCall { enabled }.abi_encode()
}

/// `pause()` calldata (owner only).
pub fn encode_pause() -> Vec<u8> {
    ISetRegistry::pauseCall {}.abi_encode()
}

/// `unpause()` calldata (owner only).
pub fn encode_unpause() -> Vec<u8> {
    ISetRegistry::unpauseCall {}.abi_encode()
}

/// `setLegacyFunctionsEnabled(enabled)` calldata (owner only).
pub fn encode_set_legacy_functions_enabled(enabled: bool) -> Vec<u8> {
    ISetRegistry::setLegacyFunctionsEnabledCall { enabled }.abi_encode()
}

/// `registerBatchRoot(startSequence, endSequence, root)` calldata (legacy path).
pub fn encode_register_batch_root(start_sequence: U256, end_sequence: U256, root: B256) -> Vec<u8> {
    ISetRegistry::registerBatchRootCall { startSequence: start_sequence, endSequence: end_sequence, root }.abi_encode()
}

/// OpenZeppelin `Ownable` / `UUPSUpgradeable` calldata, the same for every contract of ours.
pub use crate::abi::{encode_renounce_ownership, encode_transfer_ownership, encode_upgrade_to_and_call};

/// Any decoded SetRegistry call (the sol!-generated enum, one variant per function).
pub type RegistryCall = ISetRegistry::ISetRegistryCalls;

impl ISetRegistry::ISetRegistryCalls {
    /// The language-neutral form: function name, signature and named arguments.
    pub fn decoded(&self) -> DecodedAbi {
        call_decoded(self)
    }
}

/// Decodes calldata of any SetRegistry function (writes, views, getters, OZ functions).
///
/// # Errors
/// [`AbiError::TooShort`] under 4 bytes, [`AbiError::UnknownSelector`],
/// [`AbiError::Truncated`] / [`AbiError::Invalid`] for bad argument encoding.
pub fn decode_call(calldata: &[u8]) -> Result<RegistryCall, RegistryError> {
    decode_interface::<RegistryCall>("calldata", calldata).map_err(RegistryError::Abi)
}

// ---------------------------------------------------------------------------------------------
// Views: call encoders and return decoders
// ---------------------------------------------------------------------------------------------

/// Decodes the return data of any SetRegistry function into the neutral form.
///
/// `call` is the calldata that was sent (or just its 4-byte selector); it picks the function.
///
/// # Errors
/// [`AbiError::TooShort`] if `call` has under 4 bytes or `data` is shorter than the
/// return head, [`AbiError::UnknownSelector`], [`AbiError::Truncated`] /
/// [`AbiError::Invalid`] for bad return data.
pub fn decode_return(call: &[u8], data: &[u8]) -> Result<DecodedAbi, RegistryError> {
    let selector = selector_of("call selector", call).map_err(RegistryError::Abi)?;
    return_decoded(selector, data).map_err(RegistryError::Abi)
}

/// `getBatchCommitment(batchId)` calldata.
pub fn encode_get_batch_commitment(batch_id: B256) -> Vec<u8> {
    ISetRegistry::getBatchCommitmentCall { batchId: batch_id }.abi_encode()
}

/// Decodes `getBatchCommitment` return data (6 static words). Check
/// [`OnchainCommitment::exists`]: unknown batches come back all zero.
///
/// # Errors
/// [`AbiError::TooShort`] under 192 bytes, [`AbiError::Invalid`] for dirty padding.
pub fn decode_get_batch_commitment(data: &[u8]) -> Result<OnchainCommitment, RegistryError> {
    returns_as::<ISetRegistry::getBatchCommitmentCall>("getBatchCommitment return data", data).map(Into::into)
}

/// `commitments(batchId)` calldata (the public mapping getter).
pub fn encode_commitments(batch_id: B256) -> Vec<u8> {
    ISetRegistry::commitmentsCall { batchId: batch_id }.abi_encode()
}

/// Decodes `commitments` return data (same 6 words as `getBatchCommitment`).
///
/// # Errors
/// [`AbiError::TooShort`] under 192 bytes, [`AbiError::Invalid`] for dirty padding.
pub fn decode_commitments(data: &[u8]) -> Result<OnchainCommitment, RegistryError> {
    let r = returns_as::<ISetRegistry::commitmentsCall>("commitments return data", data)?;
    Ok(OnchainCommitment {
        events_root: r.eventsRoot,
        new_state_root: r.newStateRoot,
        sequence_start: r.sequenceStart,
        sequence_end: r.sequenceEnd,
        event_count: r.eventCount,
        timestamp: r.timestamp,
    })
}

/// `getBatchCommitments(batchIds)` calldata.
pub fn encode_get_batch_commitments(batch_ids: &[B256]) -> Vec<u8> {
    ISetRegistry::getBatchCommitmentsCall { batchIds: batch_ids.to_vec() }.abi_encode()
}

/// Decodes `getBatchCommitments` return data, one entry per requested id.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::Truncated`], [`AbiError::Invalid`].
pub fn decode_get_batch_commitments(data: &[u8]) -> Result<Vec<OnchainCommitment>, RegistryError> {
    returns_as::<ISetRegistry::getBatchCommitmentsCall>("getBatchCommitments return data", data)
        .map(|list| list.into_iter().map(Into::into).collect())
}

/// `getLatestStateRoot(tenantId, storeId)` calldata.
pub fn encode_get_latest_state_root(tenant_id: B256, store_id: B256) -> Vec<u8> {
    ISetRegistry::getLatestStateRootCall { tenantId: tenant_id, storeId: store_id }.abi_encode()
}

/// Decodes `getLatestStateRoot` return data (zero when the stream has no batch).
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes.
pub fn decode_get_latest_state_root(data: &[u8]) -> Result<B256, RegistryError> {
    returns_as::<ISetRegistry::getLatestStateRootCall>("getLatestStateRoot return data", data)
}

/// `getHeadSequence(tenantId, storeId)` calldata.
pub fn encode_get_head_sequence(tenant_id: B256, store_id: B256) -> Vec<u8> {
    ISetRegistry::getHeadSequenceCall { tenantId: tenant_id, storeId: store_id }.abi_encode()
}

/// Decodes `getHeadSequence` return data (the latest batch's `sequenceEnd`, 0 if none).
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes, [`AbiError::Invalid`] if the word exceeds `u64`.
pub fn decode_get_head_sequence(data: &[u8]) -> Result<u64, RegistryError> {
    returns_as::<ISetRegistry::getHeadSequenceCall>("getHeadSequence return data", data)
}

/// `getLatestBatchId(tenantId, storeId)` calldata.
pub fn encode_get_latest_batch_id(tenant_id: B256, store_id: B256) -> Vec<u8> {
    ISetRegistry::getLatestBatchIdCall { tenantId: tenant_id, storeId: store_id }.abi_encode()
}

/// Decodes `getLatestBatchId` return data (zero when the stream has no batch).
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes.
pub fn decode_get_latest_batch_id(data: &[u8]) -> Result<B256, RegistryError> {
    returns_as::<ISetRegistry::getLatestBatchIdCall>("getLatestBatchId return data", data)
}

/// `batchExists(bytes32)` calldata.
pub fn encode_batch_exists(batch_id: B256) -> Vec<u8> {
    ISetRegistry::batchExists_0Call { batchId: batch_id }.abi_encode()
}

/// Decodes `batchExists(bytes32)` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes, [`AbiError::Invalid`] for a word other than 0/1.
pub fn decode_batch_exists(data: &[u8]) -> Result<bool, RegistryError> {
    returns_as::<ISetRegistry::batchExists_0Call>("batchExists return data", data)
}

/// `batchExists(bytes32[])` calldata (the overload).
pub fn encode_batch_exists_many(batch_ids: &[B256]) -> Vec<u8> {
    ISetRegistry::batchExists_1Call { batchIds: batch_ids.to_vec() }.abi_encode()
}

/// Decodes `batchExists(bytes32[])` return data.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::Truncated`], [`AbiError::Invalid`].
pub fn decode_batch_exists_many(data: &[u8]) -> Result<Vec<bool>, RegistryError> {
    returns_as::<ISetRegistry::batchExists_1Call>("batchExists(bytes32[]) return data", data)
}

/// `verifyInclusion(batchId, leaf, proof, index)` calldata: the keccak rule of reference §1.9
/// (index bits past the proof length are ignored on-chain).
pub fn encode_verify_inclusion(batch_id: B256, leaf: B256, proof: &[B256], index: U256) -> Vec<u8> {
    ISetRegistry::verifyInclusionCall { batchId: batch_id, leaf, proof: proof.to_vec(), index }.abi_encode()
}

/// Decodes `verifyInclusion` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes, [`AbiError::Invalid`] for a word other than 0/1.
pub fn decode_verify_inclusion(data: &[u8]) -> Result<bool, RegistryError> {
    returns_as::<ISetRegistry::verifyInclusionCall>("verifyInclusion return data", data)
}

/// `verifyVesInclusion(batchId, leaf, proof, index)` calldata (new contract): the sequencer's
/// SHA-256 VES rule, strict against the stored `eventCount`.
pub fn encode_verify_ves_inclusion(batch_id: B256, leaf: B256, proof: &[B256], index: U256) -> Vec<u8> {
    ISetRegistry::verifyVesInclusionCall { batchId: batch_id, leaf, proof: proof.to_vec(), index }.abi_encode()
}

/// Decodes `verifyVesInclusion` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes, [`AbiError::Invalid`] for a word other than 0/1.
pub fn decode_verify_ves_inclusion(data: &[u8]) -> Result<bool, RegistryError> {
    returns_as::<ISetRegistry::verifyVesInclusionCall>("verifyVesInclusion return data", data)
}

/// `verifyMultipleInclusions(batchId, leaves, proofs, indices)` calldata. Lengths are not
/// checked here: the contract answers `false` for mismatched arrays, and callers may want that.
pub fn encode_verify_multiple_inclusions(
    batch_id: B256,
    leaves: &[B256],
    proofs: &[Vec<B256>],
    indices: &[U256],
) -> Vec<u8> {
    ISetRegistry::verifyMultipleInclusionsCall {
        batchId: batch_id,
        leaves: leaves.to_vec(),
        proofs: proofs.to_vec(),
        indices: indices.to_vec(),
    }
    .abi_encode()
}

/// `getRegistryStats()` calldata.
pub fn encode_get_registry_stats() -> Vec<u8> {
    ISetRegistry::getRegistryStatsCall {}.abi_encode()
}

/// Decodes `getRegistryStats` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 128 bytes, [`AbiError::Invalid`] for invalid bools.
pub fn decode_get_registry_stats(data: &[u8]) -> Result<RegistryStats, RegistryError> {
    let r = returns_as::<ISetRegistry::getRegistryStatsCall>("getRegistryStats return data", data)?;
    Ok(RegistryStats {
        commitment_count: r.commitmentCount,
        proof_count: r.proofCount,
        is_paused: r.isPaused,
        is_strict_mode: r.isStrictMode,
    })
}

/// `getExtendedRegistryStatus()` calldata.
pub fn encode_get_extended_registry_status() -> Vec<u8> {
    ISetRegistry::getExtendedRegistryStatusCall {}.abi_encode()
}

/// Decodes `getExtendedRegistryStatus` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 192 bytes, [`AbiError::Invalid`] for invalid bools.
pub fn decode_get_extended_registry_status(data: &[u8]) -> Result<ExtendedRegistryStatus, RegistryError> {
    let r = returns_as::<ISetRegistry::getExtendedRegistryStatusCall>("getExtendedRegistryStatus return data", data)?;
    Ok(ExtendedRegistryStatus {
        total_batches: r.totalBatches,
        total_proofs: r.totalProofs,
        sequencer_count: r.sequencerCount,
        is_paused: r.isPaused,
        is_strict_mode: r.isStrictMode,
        proof_coverage: r.proofCoverage,
    })
}

/// `getTenantStoreSummary(tenantId, storeId)` calldata.
pub fn encode_get_tenant_store_summary(tenant_id: B256, store_id: B256) -> Vec<u8> {
    ISetRegistry::getTenantStoreSummaryCall { tenantId: tenant_id, storeId: store_id }.abi_encode()
}

/// Decodes `getTenantStoreSummary` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 128 bytes, [`AbiError::Invalid`] for dirty padding.
pub fn decode_get_tenant_store_summary(data: &[u8]) -> Result<TenantStoreSummary, RegistryError> {
    let r = returns_as::<ISetRegistry::getTenantStoreSummaryCall>("getTenantStoreSummary return data", data)?;
    Ok(TenantStoreSummary {
        latest_batch_id: r.latestBatchId,
        current_state_root: r.currentStateRoot,
        current_head_sequence: r.currentHeadSequence,
        has_latest_proof: r.hasLatestProof,
    })
}

/// `hasStarkProof(batchId)` calldata.
pub fn encode_has_stark_proof(batch_id: B256) -> Vec<u8> {
    ISetRegistry::hasStarkProofCall { batchId: batch_id }.abi_encode()
}

/// `verifyStarkProofHash(batchId, proofHash)` calldata.
pub fn encode_verify_stark_proof_hash(batch_id: B256, proof_hash: B256) -> Vec<u8> {
    ISetRegistry::verifyStarkProofHashCall { batchId: batch_id, proofHash: proof_hash }.abi_encode()
}

/// `getStarkProofDetails(batchId)` calldata.
pub fn encode_get_stark_proof_details(batch_id: B256) -> Vec<u8> {
    ISetRegistry::getStarkProofDetailsCall { batchId: batch_id }.abi_encode()
}

/// `getBatchWithProofStatus(batchId)` calldata.
pub fn encode_get_batch_with_proof_status(batch_id: B256) -> Vec<u8> {
    ISetRegistry::getBatchWithProofStatusCall { batchId: batch_id }.abi_encode()
}

/// `getBatchProofStatuses(batchIds)` calldata.
pub fn encode_get_batch_proof_statuses(batch_ids: &[B256]) -> Vec<u8> {
    ISetRegistry::getBatchProofStatusesCall { batchIds: batch_ids.to_vec() }.abi_encode()
}

/// `getBatchLatestStateRoots(tenantIds, storeIds)` calldata (the contract reverts
/// `ArrayLengthMismatch` on different lengths).
pub fn encode_get_batch_latest_state_roots(tenant_ids: &[B256], store_ids: &[B256]) -> Vec<u8> {
    ISetRegistry::getBatchLatestStateRootsCall { tenantIds: tenant_ids.to_vec(), storeIds: store_ids.to_vec() }
        .abi_encode()
}

/// `getBatchHeadSequences(tenantIds, storeIds)` calldata (the contract reverts
/// `ArrayLengthMismatch` on different lengths).
pub fn encode_get_batch_head_sequences(tenant_ids: &[B256], store_ids: &[B256]) -> Vec<u8> {
    ISetRegistry::getBatchHeadSequencesCall { tenantIds: tenant_ids.to_vec(), storeIds: store_ids.to_vec() }
        .abi_encode()
}

/// `areSequencersAuthorized(sequencers)` calldata.
pub fn encode_are_sequencers_authorized(sequencers: &[Address]) -> Vec<u8> {
    ISetRegistry::areSequencersAuthorizedCall { sequencers: sequencers.to_vec() }.abi_encode()
}

/// `getBatchRoot(startSequence, endSequence)` calldata (legacy view).
pub fn encode_get_batch_root(start_sequence: U256, end_sequence: U256) -> Vec<u8> {
    ISetRegistry::getBatchRootCall { startSequence: start_sequence, endSequence: end_sequence }.abi_encode()
}

/// `authorizedSequencers(sequencer)` calldata (mapping getter).
pub fn encode_authorized_sequencers(sequencer: Address) -> Vec<u8> {
    ISetRegistry::authorizedSequencersCall { sequencer }.abi_encode()
}

/// `latestCommitment(tenantStoreKey)` calldata (mapping getter; key = keccak256(tenant ‖ store)).
pub fn encode_latest_commitment(tenant_store_key: B256) -> Vec<u8> {
    ISetRegistry::latestCommitmentCall { tenantStoreKey: tenant_store_key }.abi_encode()
}

/// `headSequence(tenantStoreKey)` calldata (mapping getter; always 0 on the old contract).
pub fn encode_head_sequence(tenant_store_key: B256) -> Vec<u8> {
    ISetRegistry::headSequenceCall { tenantStoreKey: tenant_store_key }.abi_encode()
}

/// `starkProofs(batchId)` calldata (mapping getter).
pub fn encode_stark_proofs(batch_id: B256) -> Vec<u8> {
    ISetRegistry::starkProofsCall { batchId: batch_id }.abi_encode()
}

/// `totalCommitments()` calldata.
pub fn encode_total_commitments() -> Vec<u8> {
    ISetRegistry::totalCommitmentsCall {}.abi_encode()
}

/// `strictModeEnabled()` calldata.
pub fn encode_strict_mode_enabled() -> Vec<u8> {
    ISetRegistry::strictModeEnabledCall {}.abi_encode()
}

/// `totalStarkProofs()` calldata.
pub fn encode_total_stark_proofs() -> Vec<u8> {
    ISetRegistry::totalStarkProofsCall {}.abi_encode()
}

/// `authorizedSequencerCount()` calldata.
pub fn encode_authorized_sequencer_count() -> Vec<u8> {
    ISetRegistry::authorizedSequencerCountCall {}.abi_encode()
}

/// `legacyFunctionsEnabled()` calldata.
pub fn encode_legacy_functions_enabled() -> Vec<u8> {
    ISetRegistry::legacyFunctionsEnabledCall {}.abi_encode()
}

/// `owner()` calldata.
pub fn encode_owner() -> Vec<u8> {
    ISetRegistry::ownerCall {}.abi_encode()
}

/// `paused()` calldata.
pub fn encode_paused() -> Vec<u8> {
    ISetRegistry::pausedCall {}.abi_encode()
}

/// `proxiableUUID()` calldata.
pub fn encode_proxiable_uuid() -> Vec<u8> {
    ISetRegistry::proxiableUUIDCall {}.abi_encode()
}

/// `UPGRADE_INTERFACE_VERSION()` calldata.
pub fn encode_upgrade_interface_version() -> Vec<u8> {
    ISetRegistry::UPGRADE_INTERFACE_VERSIONCall {}.abi_encode()
}

// ---------------------------------------------------------------------------------------------
// Return-data encoders (the inverse of the decoders above: mock `eth_call` answers, vectors)
// ---------------------------------------------------------------------------------------------

/// Return data of `getBatchCommitment` for `commitment` (6 static words).
pub fn encode_get_batch_commitment_return(commitment: &OnchainCommitment) -> Vec<u8> {
    ISetRegistry::getBatchCommitmentCall::abi_encode_returns(&BatchCommitment::from(*commitment))
}

/// Return data of `commitments(batchId)` for `commitment` (same 6 words).
pub fn encode_commitments_return(commitment: &OnchainCommitment) -> Vec<u8> {
    ISetRegistry::commitmentsCall::abi_encode_returns(&ISetRegistry::commitmentsReturn {
        eventsRoot: commitment.events_root,
        newStateRoot: commitment.new_state_root,
        sequenceStart: commitment.sequence_start,
        sequenceEnd: commitment.sequence_end,
        eventCount: commitment.event_count,
        timestamp: commitment.timestamp,
    })
}

/// Return data of `getBatchCommitments`.
pub fn encode_get_batch_commitments_return(commitments: &[OnchainCommitment]) -> Vec<u8> {
    let list: Vec<BatchCommitment> = commitments.iter().map(|c| BatchCommitment::from(*c)).collect();
    ISetRegistry::getBatchCommitmentsCall::abi_encode_returns(&list)
}

/// Return data of `getLatestStateRoot`.
pub fn encode_get_latest_state_root_return(state_root: B256) -> Vec<u8> {
    ISetRegistry::getLatestStateRootCall::abi_encode_returns(&state_root)
}

/// Return data of `getHeadSequence`.
pub fn encode_get_head_sequence_return(sequence: u64) -> Vec<u8> {
    ISetRegistry::getHeadSequenceCall::abi_encode_returns(&sequence)
}

/// Return data of `getLatestBatchId`.
pub fn encode_get_latest_batch_id_return(batch_id: B256) -> Vec<u8> {
    ISetRegistry::getLatestBatchIdCall::abi_encode_returns(&batch_id)
}

/// Return data of `batchExists(bytes32)`.
pub fn encode_batch_exists_return(exists: bool) -> Vec<u8> {
    ISetRegistry::batchExists_0Call::abi_encode_returns(&exists)
}

/// Return data of `batchExists(bytes32[])`.
pub fn encode_batch_exists_many_return(exists: &[bool]) -> Vec<u8> {
    ISetRegistry::batchExists_1Call::abi_encode_returns(&exists.to_vec())
}

/// Return data of `verifyInclusion`.
pub fn encode_verify_inclusion_return(valid: bool) -> Vec<u8> {
    ISetRegistry::verifyInclusionCall::abi_encode_returns(&valid)
}

/// Return data of `verifyVesInclusion`.
pub fn encode_verify_ves_inclusion_return(valid: bool) -> Vec<u8> {
    ISetRegistry::verifyVesInclusionCall::abi_encode_returns(&valid)
}

/// Return data of `getRegistryStats`.
pub fn encode_get_registry_stats_return(stats: &RegistryStats) -> Vec<u8> {
    ISetRegistry::getRegistryStatsCall::abi_encode_returns(&ISetRegistry::getRegistryStatsReturn {
        commitmentCount: stats.commitment_count,
        proofCount: stats.proof_count,
        isPaused: stats.is_paused,
        isStrictMode: stats.is_strict_mode,
    })
}

/// Return data of `getExtendedRegistryStatus`.
pub fn encode_get_extended_registry_status_return(status: &ExtendedRegistryStatus) -> Vec<u8> {
    ISetRegistry::getExtendedRegistryStatusCall::abi_encode_returns(&ISetRegistry::getExtendedRegistryStatusReturn {
        totalBatches: status.total_batches,
        totalProofs: status.total_proofs,
        sequencerCount: status.sequencer_count,
        isPaused: status.is_paused,
        isStrictMode: status.is_strict_mode,
        proofCoverage: status.proof_coverage,
    })
}

/// Return data of `getTenantStoreSummary`.
pub fn encode_get_tenant_store_summary_return(summary: &TenantStoreSummary) -> Vec<u8> {
    ISetRegistry::getTenantStoreSummaryCall::abi_encode_returns(&ISetRegistry::getTenantStoreSummaryReturn {
        latestBatchId: summary.latest_batch_id,
        currentStateRoot: summary.current_state_root,
        currentHeadSequence: summary.current_head_sequence,
        hasLatestProof: summary.has_latest_proof,
    })
}

// ---------------------------------------------------------------------------------------------
// Logs
// ---------------------------------------------------------------------------------------------

/// A decoded SetRegistry log (the sol!-generated enum: one typed variant per event of
/// reference §1.4, OpenZeppelin parents included).
pub type RegistryEvent = ISetRegistry::ISetRegistryEvents;

impl ISetRegistry::ISetRegistryEvents {
    /// The language-neutral form: event name, signature and named arguments (indexed ones too).
    pub fn decoded(&self) -> DecodedAbi {
        event_decoded(self)
    }

    /// The log this event is emitted as (the inverse of [`decode_log`]).
    pub fn to_log(&self) -> EncodedLog {
        EncodedLog::from_log_data(self)
    }
}

/// Decodes one SetRegistry log from its topics (topic0 first) and data.
///
/// # Errors
/// [`AbiError::TooShort`] with no topics, [`AbiError::UnknownEvent`] for a foreign
/// topic0, [`AbiError::TopicCount`] for the wrong number of topics,
/// [`AbiError::Truncated`] / [`AbiError::Invalid`] for bad data.
pub fn decode_log(topics: &[B256], data: &[u8]) -> Result<RegistryEvent, RegistryError> {
    decode_log_as::<RegistryEvent>(topics, data, event_shape).map_err(RegistryError::Abi)
}

/// Decodes a `BatchCommitted` log — the one event an anchor watcher or a checkout page
/// follows — into its typed fields.
///
/// # Errors
/// As [`decode_log`]; [`AbiError::UnknownEvent`] also for a log of another SetRegistry event.
pub fn decode_batch_committed(topics: &[B256], data: &[u8]) -> Result<ISetRegistry::BatchCommitted, RegistryError> {
    match decode_log(topics, data)? {
        RegistryEvent::BatchCommitted(event) => Ok(event),
        _ => Err(RegistryError::Abi(AbiError::UnknownEvent { topic0: topics.first().copied().unwrap_or_default() })),
    }
}

// ---------------------------------------------------------------------------------------------
// Reverts
// ---------------------------------------------------------------------------------------------

/// How deep `BatchCommitFailed` reasons are decoded; the contract never nests them, and a bound
/// keeps hostile input from recursing without end.
const MAX_REVERT_NESTING: usize = 4;

/// Decoded SetRegistry revert data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryRevert {
    /// A custom error of the contract or its OpenZeppelin parents, with typed arguments.
    /// Never holds `BatchCommitFailed`, which has its own variant.
    Custom(ISetRegistry::ISetRegistryErrors),
    /// `BatchCommitFailed(index, reason)` from `commitBatches`: item `index` (0-based) reverted
    /// with `reason`.
    BatchCommitFailed {
        /// The failing item's position in the `batches` array.
        index: U256,
        /// The item's raw revert data.
        reason: Bytes,
        /// `reason` decoded, or `None` when it is empty or not decodable (then
        /// [`decode_revert`] on `reason` says why).
        inner: Option<Box<RegistryRevert>>,
    },
    /// `Error(string)`: a `require` / `revert` message.
    Reason(Revert),
    /// `Panic(uint256)`: a Solidity panic (0x11 = arithmetic overflow, …).
    Panic(Panic),
}

impl RegistryRevert {
    /// The language-neutral form; `BatchCommitFailed` carries the inner revert in `inner`.
    pub fn decoded(&self) -> DecodedAbi {
        match self {
            RegistryRevert::Custom(error) => error_decoded(error),
            RegistryRevert::BatchCommitFailed { index, reason, inner } => {
                let error = ISetRegistry::BatchCommitFailed { index: *index, reason: reason.clone() };
                let mut decoded = decoded_from(ISetRegistry::BatchCommitFailed::SIGNATURE, &error);
                decoded.inner = inner.as_ref().map(|inner| Box::new(inner.decoded()));
                decoded
            }
            RegistryRevert::Reason(revert) => decoded_from(Revert::SIGNATURE, revert),
            RegistryRevert::Panic(panic) => decoded_from(Panic::SIGNATURE, panic),
        }
    }

    /// `BatchCommitFailed(index, inner.encode())`, the way `commitBatches` wraps the revert of
    /// item `index`.
    pub fn batch_commit_failed(index: U256, inner: RegistryRevert) -> Self {
        RegistryRevert::BatchCommitFailed { index, reason: inner.encode().into(), inner: Some(Box::new(inner)) }
    }

    /// The revert data (selector ‖ arguments), the inverse of [`decode_revert`]. For
    /// `BatchCommitFailed` the raw `reason` is encoded; `inner` is only its decoded view.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            RegistryRevert::Custom(error) => error.abi_encode(),
            RegistryRevert::BatchCommitFailed { index, reason, .. } => {
                ISetRegistry::BatchCommitFailed { index: *index, reason: reason.clone() }.abi_encode()
            }
            RegistryRevert::Reason(revert) => revert.abi_encode(),
            RegistryRevert::Panic(panic) => panic.abi_encode(),
        }
    }

    /// The 4-byte selector of the error.
    pub fn selector(&self) -> [u8; 4] {
        match self {
            RegistryRevert::Custom(error) => error.selector(),
            RegistryRevert::BatchCommitFailed { .. } => ISetRegistry::BatchCommitFailed::SELECTOR,
            RegistryRevert::Reason(_) => Revert::SELECTOR,
            RegistryRevert::Panic(_) => Panic::SELECTOR,
        }
    }
}

impl ISetRegistry::ISetRegistryErrors {
    /// The language-neutral form: error name, signature and named arguments.
    pub fn decoded(&self) -> DecodedAbi {
        error_decoded(self)
    }
}

/// Decodes SetRegistry revert data: custom errors, `Error(string)` and `Panic(uint256)`.
/// `BatchCommitFailed` reasons are decoded recursively.
///
/// # Errors
/// [`AbiError::TooShort`] under 4 bytes (including the empty revert of a bare `revert()`
/// or a failed ABI decode of the arguments), [`AbiError::UnknownSelector`] for errors of
/// other contracts, [`AbiError::Truncated`] / [`AbiError::Invalid`] for bad arguments.
pub fn decode_revert(data: &[u8]) -> Result<RegistryRevert, RegistryError> {
    decode_revert_nested(data, 0)
}

fn decode_revert_nested(data: &[u8], depth: usize) -> Result<RegistryRevert, RegistryError> {
    let error = decode_interface::<ContractError<ISetRegistry::ISetRegistryErrors>>("revert data", data)
        .map_err(RegistryError::Abi)?;
    Ok(match error {
        ContractError::CustomError(ISetRegistry::ISetRegistryErrors::BatchCommitFailed(failed)) => {
            let inner = if depth + 1 < MAX_REVERT_NESTING {
                decode_revert_nested(&failed.reason, depth + 1).ok().map(Box::new)
            } else {
                None
            };
            RegistryRevert::BatchCommitFailed { index: failed.index, reason: failed.reason, inner }
        }
        ContractError::CustomError(custom) => RegistryRevert::Custom(custom),
        ContractError::Revert(revert) => RegistryRevert::Reason(revert),
        ContractError::Panic(panic) => RegistryRevert::Panic(panic),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::{check_pins, name_of_signature, tuple_type, AbiRender, AbiValue};
    use crate::encoding::{decode_hex, encode_hex};
    use alloy_primitives::{address, b256, keccak256};
    use alloy_sol_types::{SolEvent, SolEventInterface};
    use proptest::prelude::*;

    macro_rules! call_pin {
        ($ty:ident, $sig:literal, $hex:literal) => {
            ($sig, $hex, <ISetRegistry::$ty as SolCall>::SIGNATURE, &<ISetRegistry::$ty as SolCall>::SELECTOR[..])
        };
    }
    macro_rules! error_pin {
        ($ty:ident, $sig:literal, $hex:literal) => {
            ($sig, $hex, <ISetRegistry::$ty as SolError>::SIGNATURE, &<ISetRegistry::$ty as SolError>::SELECTOR[..])
        };
    }
    macro_rules! event_pin {
        ($ty:ident, $sig:literal, $hex:literal) => {
            (
                $sig,
                $hex,
                <ISetRegistry::$ty as SolEvent>::SIGNATURE,
                <ISetRegistry::$ty as SolEvent>::SIGNATURE_HASH.as_slice(),
            )
        };
    }

    #[test]
    fn pins_every_function_selector_of_the_reference_and_the_additions() {
        let rows = [
            call_pin!(initializeCall, "initialize(address,address)", "0x485cc955"),
            call_pin!(setSequencerAuthorizationCall, "setSequencerAuthorization(address,bool)", "0x5edb6116"),
            call_pin!(batchSetSequencerAuthorizationCall, "batchSetSequencerAuthorization(address[],bool)", "0xf28c39cc"),
            call_pin!(setStrictModeCall, "setStrictMode(bool)", "0x86ef40c0"),
            call_pin!(pauseCall, "pause()", "0x8456cb59"),
            call_pin!(unpauseCall, "unpause()", "0x3f4ba83a"),
            call_pin!(commitBatchCall, "commitBatch(bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32)", "0xd38f6b8b"),
            call_pin!(commitStarkProofCall, "commitStarkProof(bytes32,bytes32,bytes32,bytes32,bytes32,uint64,bool,uint64,uint64)", "0x20cb49f9"),
            call_pin!(commitBatchWithStarkProofCall, "commitBatchWithStarkProof(bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32,bytes32,bytes32,uint64,bool,uint64,uint64)", "0xdf788f5f"),
            call_pin!(hasStarkProofCall, "hasStarkProof(bytes32)", "0xb45867c3"),
            call_pin!(verifyStarkProofHashCall, "verifyStarkProofHash(bytes32,bytes32)", "0x0fcdd27d"),
            call_pin!(getStarkProofDetailsCall, "getStarkProofDetails(bytes32)", "0x923de5c7"),
            call_pin!(verifyInclusionCall, "verifyInclusion(bytes32,bytes32,bytes32[],uint256)", "0x76d3ad48"),
            call_pin!(verifyMultipleInclusionsCall, "verifyMultipleInclusions(bytes32,bytes32[],bytes32[][],uint256[])", "0x983d6e40"),
            call_pin!(getLatestStateRootCall, "getLatestStateRoot(bytes32,bytes32)", "0x5db7a7ec"),
            call_pin!(getHeadSequenceCall, "getHeadSequence(bytes32,bytes32)", "0xc13b23c2"),
            call_pin!(getBatchCommitmentCall, "getBatchCommitment(bytes32)", "0x7271b18a"),
            call_pin!(batchExists_0Call, "batchExists(bytes32)", "0xecd144a7"),
            call_pin!(batchExists_1Call, "batchExists(bytes32[])", "0xdd557228"),
            call_pin!(getLatestBatchIdCall, "getLatestBatchId(bytes32,bytes32)", "0x3e145a08"),
            call_pin!(getBatchWithProofStatusCall, "getBatchWithProofStatus(bytes32)", "0x6e0cfd23"),
            call_pin!(getRegistryStatsCall, "getRegistryStats()", "0x9de0963d"),
            call_pin!(getBatchCommitmentsCall, "getBatchCommitments(bytes32[])", "0x8ca34629"),
            call_pin!(getBatchProofStatusesCall, "getBatchProofStatuses(bytes32[])", "0x48775bfd"),
            call_pin!(getBatchLatestStateRootsCall, "getBatchLatestStateRoots(bytes32[],bytes32[])", "0x48fddcc5"),
            call_pin!(getBatchHeadSequencesCall, "getBatchHeadSequences(bytes32[],bytes32[])", "0x15e7db0c"),
            call_pin!(getExtendedRegistryStatusCall, "getExtendedRegistryStatus()", "0x76fde43e"),
            call_pin!(getTenantStoreSummaryCall, "getTenantStoreSummary(bytes32,bytes32)", "0x606fac57"),
            call_pin!(areSequencersAuthorizedCall, "areSequencersAuthorized(address[])", "0xda234032"),
            call_pin!(setLegacyFunctionsEnabledCall, "setLegacyFunctionsEnabled(bool)", "0x3130b691"),
            call_pin!(registerBatchRootCall, "registerBatchRoot(uint256,uint256,bytes32)", "0x26320a21"),
            call_pin!(getBatchRootCall, "getBatchRoot(uint256,uint256)", "0xb909f532"),
            call_pin!(authorizedSequencersCall, "authorizedSequencers(address)", "0x524a6d77"),
            call_pin!(commitmentsCall, "commitments(bytes32)", "0x839df945"),
            call_pin!(latestCommitmentCall, "latestCommitment(bytes32)", "0xbdde462f"),
            call_pin!(headSequenceCall, "headSequence(bytes32)", "0xaa89ed9e"),
            call_pin!(totalCommitmentsCall, "totalCommitments()", "0x78bb86d3"),
            call_pin!(strictModeEnabledCall, "strictModeEnabled()", "0x83c35434"),
            call_pin!(starkProofsCall, "starkProofs(bytes32)", "0x6600af35"),
            call_pin!(totalStarkProofsCall, "totalStarkProofs()", "0x0348a6eb"),
            call_pin!(authorizedSequencerCountCall, "authorizedSequencerCount()", "0x5cd6b522"),
            call_pin!(legacyFunctionsEnabledCall, "legacyFunctionsEnabled()", "0xf8492cfd"),
            call_pin!(ownerCall, "owner()", "0x8da5cb5b"),
            call_pin!(transferOwnershipCall, "transferOwnership(address)", "0xf2fde38b"),
            call_pin!(renounceOwnershipCall, "renounceOwnership()", "0x715018a6"),
            call_pin!(pausedCall, "paused()", "0x5c975abb"),
            call_pin!(upgradeToAndCallCall, "upgradeToAndCall(address,bytes)", "0x4f1ef286"),
            call_pin!(proxiableUUIDCall, "proxiableUUID()", "0x52d1902d"),
            call_pin!(UPGRADE_INTERFACE_VERSIONCall, "UPGRADE_INTERFACE_VERSION()", "0xad3cb1cc"),
            // Additions of the new contract; hex computed independently (Python keccak).
            call_pin!(commitBatchesCall, "commitBatches((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32)[])", "0x9f02ed37"),
            call_pin!(verifyVesInclusionCall, "verifyVesInclusion(bytes32,bytes32,bytes32[],uint256)", "0x6a7608d2"),
        ];
        check_pins(&rows);
        assert_eq!(rows.len(), RegistryCall::COUNT, "every function is pinned");
    }

    #[test]
    fn pins_every_error_selector_of_the_reference_and_the_additions() {
        let rows = [
            error_pin!(NotAuthorizedSequencer, "NotAuthorizedSequencer()", "0xe269f830"),
            error_pin!(InvalidSequenceRange, "InvalidSequenceRange()", "0x3855112f"),
            error_pin!(EmptyEventsRoot, "EmptyEventsRoot()", "0x190e76e2"),
            error_pin!(BatchAlreadyCommitted, "BatchAlreadyCommitted()", "0x884923cf"),
            error_pin!(StateRootMismatch, "StateRootMismatch(bytes32,bytes32)", "0x37f04d41"),
            error_pin!(SequenceGap, "SequenceGap(uint64,uint64)", "0x104d0050"),
            error_pin!(InvalidEventCount, "InvalidEventCount(uint64,uint32)", "0x4c843957"),
            error_pin!(InvalidProof, "InvalidProof()", "0x09bde339"),
            error_pin!(BatchNotCommitted, "BatchNotCommitted()", "0xc26a3294"),
            error_pin!(StarkProofAlreadyCommitted, "StarkProofAlreadyCommitted()", "0xc96268ba"),
            error_pin!(StateRootMismatchInProof, "StateRootMismatchInProof()", "0x1b47f19f"),
            error_pin!(InvalidAddress, "InvalidAddress()", "0xe6c4247b"),
            error_pin!(ArrayLengthMismatch, "ArrayLengthMismatch()", "0xa24a13a6"),
            error_pin!(EmptyArray, "EmptyArray()", "0x521299a9"),
            error_pin!(LegacyFunctionsDisabled, "LegacyFunctionsDisabled()", "0xf56646f8"),
            error_pin!(OwnableUnauthorizedAccount, "OwnableUnauthorizedAccount(address)", "0x118cdaa7"),
            error_pin!(OwnableInvalidOwner, "OwnableInvalidOwner(address)", "0x1e4fbdf7"),
            error_pin!(EnforcedPause, "EnforcedPause()", "0xd93c0665"),
            error_pin!(ExpectedPause, "ExpectedPause()", "0x8dfc202b"),
            error_pin!(ReentrancyGuardReentrantCall, "ReentrancyGuardReentrantCall()", "0x3ee5aeb5"),
            error_pin!(InvalidInitialization, "InvalidInitialization()", "0xf92ee8a9"),
            error_pin!(NotInitializing, "NotInitializing()", "0xd7e6bcf8"),
            error_pin!(UUPSUnauthorizedCallContext, "UUPSUnauthorizedCallContext()", "0xe07c8dba"),
            error_pin!(UUPSUnsupportedProxiableUUID, "UUPSUnsupportedProxiableUUID(bytes32)", "0xaa1d49a4"),
            error_pin!(ERC1967InvalidImplementation, "ERC1967InvalidImplementation(address)", "0x4c9c8ce3"),
            error_pin!(ERC1967NonPayable, "ERC1967NonPayable()", "0xb398979f"),
            // Additions of the new contract; hex computed independently (Python keccak).
            error_pin!(InvalidBatchId, "InvalidBatchId()", "0x3b98df65"),
            error_pin!(BatchCommitFailed, "BatchCommitFailed(uint256,bytes)", "0x369ab84d"),
        ];
        check_pins(&rows);
        assert_eq!(rows.len(), ISetRegistry::ISetRegistryErrors::COUNT, "every error is pinned");
        let standard = [
            ("Error(string)", "0x08c379a0", Revert::SIGNATURE, &Revert::SELECTOR[..]),
            ("Panic(uint256)", "0x4e487b71", Panic::SIGNATURE, &Panic::SELECTOR[..]),
        ];
        check_pins(&standard);
    }

    #[test]
    fn pins_every_event_topic0_of_the_reference() {
        let rows = [
            event_pin!(
                SequencerAuthorized,
                "SequencerAuthorized(address,bool)",
                "0x299a9abe1b3f791134e324f74110ff919d8db0842db3e4d32f2037bcd9968609"
            ),
            event_pin!(
                BatchCommitted,
                "BatchCommitted(bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32)",
                "0x1b2cc50ea54dce1d372450a8dc503a51775ab92dc7e68d579ce3fbb4af25cab3"
            ),
            event_pin!(
                StrictModeUpdated,
                "StrictModeUpdated(bool)",
                "0xe33f145d527913d1dc4c29a3b0690149220a71017a73efeabd140e356f2b3c49"
            ),
            event_pin!(
                StarkProofCommitted,
                "StarkProofCommitted(bytes32,bytes32,bytes32,bool,uint64)",
                "0xadeeb4fee3729cba3af070d0032909f3238fdc25a3d4ae59f7ec41265b237380"
            ),
            event_pin!(
                ContractUpgraded,
                "ContractUpgraded(address,address)",
                "0x2e4cc16c100f0b55e2df82ab0b1a7e294aa9cbd01b48fbaf622683fbc0507a49"
            ),
            event_pin!(
                Initialized,
                "Initialized(uint64)",
                "0xc7f505b2f371ae2175ee4913f4499e1f2633a7b5936321eed1cdaeb6115181d2"
            ),
            event_pin!(
                OwnershipTransferred,
                "OwnershipTransferred(address,address)",
                "0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0"
            ),
            event_pin!(Paused, "Paused(address)", "0x62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258"),
            event_pin!(
                Unpaused,
                "Unpaused(address)",
                "0x5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa"
            ),
            event_pin!(
                Upgraded,
                "Upgraded(address)",
                "0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b"
            ),
        ];
        check_pins(&rows);
        assert_eq!(rows.len(), RegistryEvent::COUNT, "every event is pinned");
        // Indexing as in §1.4: topic counts include topic0.
        let counts = [
            (ISetRegistry::SequencerAuthorized::SIGNATURE_HASH, 2),
            (ISetRegistry::BatchCommitted::SIGNATURE_HASH, 3),
            (ISetRegistry::StrictModeUpdated::SIGNATURE_HASH, 1),
            (ISetRegistry::StarkProofCommitted::SIGNATURE_HASH, 2),
            (ISetRegistry::ContractUpgraded::SIGNATURE_HASH, 3),
            (ISetRegistry::Initialized::SIGNATURE_HASH, 1),
            (ISetRegistry::OwnershipTransferred::SIGNATURE_HASH, 3),
            (ISetRegistry::Paused::SIGNATURE_HASH, 1),
            (ISetRegistry::Unpaused::SIGNATURE_HASH, 1),
            (ISetRegistry::Upgraded::SIGNATURE_HASH, 2),
        ];
        for (topic0, count) in counts {
            assert_eq!(event_shape(&topic0).map(|shape| shape.1), Some(count));
        }
    }

    #[test]
    fn decoded_form_lists_fields_in_signature_order() {
        let items = every_item_from_default();
        assert_eq!(items.len(), RegistryCall::COUNT + ISetRegistry::ISetRegistryErrors::COUNT + RegistryEvent::COUNT);
        for (signature, decoded) in items {
            let rebuilt = format!("{}{}", name_of_signature(signature), tuple_type(&decoded.args));
            assert_eq!(rebuilt, signature);
        }
        // alloy names structs by name inside return tuples; signatures spell them as tuples.
        let commitment_tuple = <BatchCommitment as AbiRender>::sol_type();
        for (tuple_name, decoded) in every_return_from_default() {
            let expected = tuple_name.replace("BatchCommitment", &commitment_tuple);
            assert!(decoded.signature.ends_with(&format!(" returns {expected}")), "{}", decoded.signature);
        }
    }

    fn sample_batch(seed: u8) -> CommitBatchArgs {
        CommitBatchArgs {
            batch_id: B256::repeat_byte(seed),
            tenant_id: B256::repeat_byte(seed.wrapping_add(1)),
            store_id: B256::repeat_byte(seed.wrapping_add(2)),
            events_root: B256::repeat_byte(seed.wrapping_add(3)),
            prev_state_root: B256::repeat_byte(seed.wrapping_add(4)),
            new_state_root: B256::repeat_byte(seed.wrapping_add(5)),
            sequence_start: 1,
            sequence_end: 10,
            event_count: 10,
        }
    }

    fn sample_proof() -> StarkProofMetadata {
        StarkProofMetadata {
            proof_hash: B256::repeat_byte(0xa1),
            policy_hash: B256::repeat_byte(0xa2),
            policy_limit: 1_000,
            all_compliant: true,
            proof_size: 4096,
            proving_time_ms: 1234,
        }
    }

    #[test]
    fn commit_batch_round_trips_and_decodes_generically() {
        let args = sample_batch(0x10);
        let calldata = encode_commit_batch(&args);
        assert_eq!(&calldata[..4], &[0xd3, 0x8f, 0x6b, 0x8b]);
        assert_eq!(calldata.len(), 4 + 9 * 32);
        assert_eq!(decode_commit_batch(&calldata).unwrap(), args);
        let decoded = decode_call(&calldata).unwrap().decoded();
        assert_eq!(decoded.name, "commitBatch");
        assert_eq!(decoded.arg("eventCount").and_then(AbiValue::as_text), Some("10"));
        assert_eq!(decoded.to_json()["args"]["batchId"], serde_json::json!(encode_hex(&[0x10; 32])));
    }

    #[test]
    fn commit_batches_round_trips_two_items() {
        let batches = [sample_batch(1), sample_batch(2)];
        let calldata = encode_commit_batches(&batches);
        assert_eq!(decode_commit_batches(&calldata).unwrap(), batches.to_vec());
        let json = decode_call(&calldata).unwrap().decoded().to_json();
        assert_eq!(json["args"]["batches"][1]["sequenceEnd"], "10");
        assert_eq!(json["signature"], ISetRegistry::commitBatchesCall::SIGNATURE);
        assert!(decode_commit_batches(&encode_commit_batches(&[])).unwrap().is_empty());
    }

    #[test]
    fn stark_proof_calls_round_trip() {
        let proof_args = CommitStarkProofArgs {
            batch_id: B256::repeat_byte(7),
            prev_state_root: B256::repeat_byte(8),
            new_state_root: B256::repeat_byte(9),
            proof: sample_proof(),
        };
        assert_eq!(decode_commit_stark_proof(&encode_commit_stark_proof(&proof_args)).unwrap(), proof_args);
        let both = CommitBatchWithStarkProofArgs { batch: sample_batch(3), proof: sample_proof() };
        let calldata = encode_commit_batch_with_stark_proof(&both);
        assert_eq!(decode_commit_batch_with_stark_proof(&calldata).unwrap(), both);
        assert_eq!(calldata.len(), 4 + 15 * 32);
    }

    #[test]
    fn typed_decoder_rejects_another_function() {
        let err = decode_commit_batch(&encode_commit_batches(&[sample_batch(1)])).unwrap_err();
        assert!(matches!(
            err,
            RegistryError::Abi(AbiError::UnknownSelector { selector: [0x9f, 0x02, 0xed, 0x37], .. })
        ));
    }

    #[test]
    fn every_encoder_produces_calldata_of_its_function() {
        let a = address!("00000000000000000000000000000000000000aa");
        let h = B256::repeat_byte(0x11);
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (encode_initialize(a, a), "initialize"),
            (encode_set_sequencer_authorization(a, true), "setSequencerAuthorization"),
            (encode_batch_set_sequencer_authorization(&[a, a], false), "batchSetSequencerAuthorization"),
            (encode_set_strict_mode(false), "setStrictMode"),
            (encode_pause(), "pause"),
            (encode_unpause(), "unpause"),
            (encode_set_legacy_functions_enabled(true), "setLegacyFunctionsEnabled"),
            (encode_register_batch_root(U256::from(1), U256::from(2), h), "registerBatchRoot"),
            (encode_transfer_ownership(a), "transferOwnership"),
            (encode_renounce_ownership(), "renounceOwnership"),
            (encode_upgrade_to_and_call(a, &[1, 2, 3]), "upgradeToAndCall"),
            (encode_get_batch_commitment(h), "getBatchCommitment"),
            (encode_commitments(h), "commitments"),
            (encode_get_batch_commitments(&[h]), "getBatchCommitments"),
            (encode_get_latest_state_root(h, h), "getLatestStateRoot"),
            (encode_get_head_sequence(h, h), "getHeadSequence"),
            (encode_get_latest_batch_id(h, h), "getLatestBatchId"),
            (encode_batch_exists(h), "batchExists"),
            (encode_batch_exists_many(&[h, h]), "batchExists"),
            (encode_verify_inclusion(h, h, &[h], U256::from(1)), "verifyInclusion"),
            (encode_verify_ves_inclusion(h, h, &[h], U256::from(1)), "verifyVesInclusion"),
            (encode_verify_multiple_inclusions(h, &[h], &[vec![h]], &[U256::ZERO]), "verifyMultipleInclusions"),
            (encode_get_registry_stats(), "getRegistryStats"),
            (encode_get_extended_registry_status(), "getExtendedRegistryStatus"),
            (encode_get_tenant_store_summary(h, h), "getTenantStoreSummary"),
            (encode_has_stark_proof(h), "hasStarkProof"),
            (encode_verify_stark_proof_hash(h, h), "verifyStarkProofHash"),
            (encode_get_stark_proof_details(h), "getStarkProofDetails"),
            (encode_get_batch_with_proof_status(h), "getBatchWithProofStatus"),
            (encode_get_batch_proof_statuses(&[h]), "getBatchProofStatuses"),
            (encode_get_batch_latest_state_roots(&[h], &[h]), "getBatchLatestStateRoots"),
            (encode_get_batch_head_sequences(&[h], &[h]), "getBatchHeadSequences"),
            (encode_are_sequencers_authorized(&[a]), "areSequencersAuthorized"),
            (encode_get_batch_root(U256::from(1), U256::from(5)), "getBatchRoot"),
            (encode_authorized_sequencers(a), "authorizedSequencers"),
            (encode_latest_commitment(h), "latestCommitment"),
            (encode_head_sequence(h), "headSequence"),
            (encode_stark_proofs(h), "starkProofs"),
            (encode_total_commitments(), "totalCommitments"),
            (encode_strict_mode_enabled(), "strictModeEnabled"),
            (encode_total_stark_proofs(), "totalStarkProofs"),
            (encode_authorized_sequencer_count(), "authorizedSequencerCount"),
            (encode_legacy_functions_enabled(), "legacyFunctionsEnabled"),
            (encode_owner(), "owner"),
            (encode_paused(), "paused"),
            (encode_proxiable_uuid(), "proxiableUUID"),
            (encode_upgrade_interface_version(), "UPGRADE_INTERFACE_VERSION"),
        ];
        for (calldata, name) in cases {
            let decoded = decode_call(&calldata).unwrap().decoded();
            assert_eq!(decoded.name, name);
            // Re-encoding the decoded call reproduces the calldata byte for byte.
            assert_eq!(decode_call(&calldata).unwrap().abi_encode(), calldata);
        }
        let json = decode_call(&encode_set_sequencer_authorization(a, true)).unwrap().decoded().to_json();
        assert_eq!(json["args"]["sequencer"], "0x00000000000000000000000000000000000000aa");
        assert_eq!(json["args"]["authorized"], "true");
    }

    fn sample_commitment() -> BatchCommitment {
        BatchCommitment {
            eventsRoot: B256::repeat_byte(0x31),
            newStateRoot: B256::repeat_byte(0x32),
            sequenceStart: 11,
            sequenceEnd: 20,
            eventCount: 10,
            timestamp: 1_700_000_000,
        }
    }

    #[test]
    fn view_returns_decode_into_plain_structs() {
        let data = ISetRegistry::getBatchCommitmentCall::abi_encode_returns(&sample_commitment());
        assert_eq!(data.len(), 192);
        let commitment = decode_get_batch_commitment(&data).unwrap();
        assert!(commitment.exists());
        assert_eq!(commitment, OnchainCommitment::from(sample_commitment()));
        assert_eq!(decode_commitments(&data).unwrap(), commitment);
        assert!(!decode_get_batch_commitment(&[0u8; 192]).unwrap().exists());

        let list = ISetRegistry::getBatchCommitmentsCall::abi_encode_returns(&vec![sample_commitment(); 2]);
        assert_eq!(decode_get_batch_commitments(&list).unwrap(), vec![commitment; 2]);

        let word = |value: u64| U256::from(value).to_be_bytes::<32>().to_vec();
        assert_eq!(decode_get_head_sequence(&word(50)).unwrap(), 50);
        assert!(decode_batch_exists(&word(1)).unwrap());
        assert!(!decode_verify_inclusion(&word(0)).unwrap());
        assert!(decode_verify_ves_inclusion(&word(1)).unwrap());
        assert_eq!(decode_get_latest_state_root(&[0x42; 32]).unwrap(), B256::repeat_byte(0x42));
        assert_eq!(decode_get_latest_batch_id(&[0x43; 32]).unwrap(), B256::repeat_byte(0x43));
        let many = ISetRegistry::batchExists_1Call::abi_encode_returns(&vec![true, false]);
        assert_eq!(decode_batch_exists_many(&many).unwrap(), vec![true, false]);

        let stats = ISetRegistry::getRegistryStatsCall::abi_encode_returns(&ISetRegistry::getRegistryStatsReturn {
            commitmentCount: U256::from(5),
            proofCount: U256::from(2),
            isPaused: false,
            isStrictMode: true,
        });
        assert_eq!(
            decode_get_registry_stats(&stats).unwrap(),
            RegistryStats {
                commitment_count: U256::from(5),
                proof_count: U256::from(2),
                is_paused: false,
                is_strict_mode: true
            }
        );
        let extended = ISetRegistry::getExtendedRegistryStatusCall::abi_encode_returns(
            &ISetRegistry::getExtendedRegistryStatusReturn {
                totalBatches: U256::ZERO,
                totalProofs: U256::ZERO,
                sequencerCount: U256::from(1),
                isPaused: false,
                isStrictMode: true,
                proofCoverage: U256::from(10_000),
            },
        );
        assert_eq!(decode_get_extended_registry_status(&extended).unwrap().proof_coverage, U256::from(10_000));
        let summary =
            ISetRegistry::getTenantStoreSummaryCall::abi_encode_returns(&ISetRegistry::getTenantStoreSummaryReturn {
                latestBatchId: B256::repeat_byte(1),
                currentStateRoot: B256::repeat_byte(2),
                currentHeadSequence: 30,
                hasLatestProof: true,
            });
        let decoded = decode_get_tenant_store_summary(&summary).unwrap();
        assert_eq!(decoded.current_head_sequence, 30);
        assert!(decoded.has_latest_proof);

        let generic = decode_return(&encode_get_tenant_store_summary(B256::ZERO, B256::ZERO), &summary).unwrap();
        assert_eq!(generic.signature, "getTenantStoreSummary(bytes32,bytes32) returns (bytes32,bytes32,uint64,bool)");
        assert_eq!(generic.to_json()["args"]["currentHeadSequence"], "30");
        let generic = decode_return(&ISetRegistry::getBatchCommitmentCall::SELECTOR, &data).unwrap();
        assert_eq!(generic.to_json()["args"]["commitment"]["timestamp"], "1700000000");
    }

    /// Reference §1.7 revert examples, written out word by word.
    #[test]
    fn decodes_the_reference_revert_examples_with_arguments() {
        let invalid_count = decode_hex(
            "x",
            "0x4c843957\
             000000000000000000000000000000000000000000000000000000000000000a\
             0000000000000000000000000000000000000000000000000000000000000009",
        )
        .unwrap();
        let revert = decode_revert(&invalid_count).unwrap();
        assert_eq!(
            revert,
            RegistryRevert::Custom(ISetRegistry::ISetRegistryErrors::InvalidEventCount(
                ISetRegistry::InvalidEventCount { expected: 10, provided: 9 }
            ))
        );
        assert_eq!(
            revert.decoded().to_json(),
            serde_json::json!({"name": "InvalidEventCount", "signature": "InvalidEventCount(uint64,uint32)", "args": {"expected": "10", "provided": "9"}})
        );
        let gap = sequence_gap_revert();
        match decode_revert(&gap).unwrap() {
            RegistryRevert::Custom(ISetRegistry::ISetRegistryErrors::SequenceGap(inner)) => {
                assert_eq!((inner.expected, inner.provided), (11, 12));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    fn sequence_gap_revert() -> Vec<u8> {
        decode_hex(
            "x",
            "0x104d0050\
             000000000000000000000000000000000000000000000000000000000000000b\
             000000000000000000000000000000000000000000000000000000000000000c",
        )
        .unwrap()
    }

    #[test]
    fn decodes_error_string_and_panic() {
        let data = Revert::from("Ownable: nope").abi_encode();
        let revert = decode_revert(&data).unwrap();
        assert_eq!(revert, RegistryRevert::Reason(Revert::from("Ownable: nope")));
        assert_eq!(revert.decoded().to_json()["args"]["reason"], "Ownable: nope");
        let panic = decode_revert(&Panic::from(0x11).abi_encode()).unwrap();
        assert_eq!(panic, RegistryRevert::Panic(Panic::from(0x11)));
        assert_eq!(panic.decoded().signature, "Panic(uint256)");
        assert_eq!(panic.decoded().to_json()["args"]["code"], "17");
    }

    #[test]
    fn batch_commit_failed_decodes_its_inner_revert() {
        let outer =
            ISetRegistry::BatchCommitFailed { index: U256::from(1), reason: sequence_gap_revert().into() }.abi_encode();
        let revert = decode_revert(&outer).unwrap();
        let RegistryRevert::BatchCommitFailed { index, inner, .. } = &revert else { panic!("{revert:?}") };
        assert_eq!(*index, U256::from(1));
        assert_eq!(
            inner.as_deref(),
            Some(&RegistryRevert::Custom(ISetRegistry::ISetRegistryErrors::SequenceGap(ISetRegistry::SequenceGap {
                expected: 11,
                provided: 12
            })))
        );
        let json = revert.decoded().to_json();
        assert_eq!(json["args"]["index"], "1");
        assert_eq!(json["inner"]["name"], "SequenceGap");
        assert_eq!(json["inner"]["args"]["provided"], "12");
        assert_eq!(revert.selector(), ISetRegistry::BatchCommitFailed::SELECTOR);

        // An empty or garbage inner reason still decodes the outer error.
        let empty = ISetRegistry::BatchCommitFailed { index: U256::ZERO, reason: Bytes::new() }.abi_encode();
        assert!(matches!(decode_revert(&empty).unwrap(), RegistryRevert::BatchCommitFailed { inner: None, .. }));

        // Nesting is decoded to a bounded depth only.
        let mut nested = sequence_gap_revert();
        for i in 0..10u64 {
            nested = ISetRegistry::BatchCommitFailed { index: U256::from(i), reason: nested.into() }.abi_encode();
        }
        let mut depth = 0;
        let mut current = decode_revert(&nested).unwrap();
        while let RegistryRevert::BatchCommitFailed { inner: Some(inner), .. } = current {
            depth += 1;
            current = *inner;
        }
        assert_eq!(depth, MAX_REVERT_NESTING - 1);
    }

    #[test]
    fn decodes_batch_committed_stark_proof_and_sequencer_logs() {
        let event = ISetRegistry::BatchCommitted {
            batchId: B256::repeat_byte(1),
            tenantStoreKey: b256!("fee4ccde41d1dc5fa401e2a18ac38081fb067b6f6506372afe59366e4feae479"),
            eventsRoot: B256::repeat_byte(3),
            newStateRoot: B256::repeat_byte(4),
            sequenceStart: 1,
            sequenceEnd: 3,
            eventCount: 3,
        };
        let log = event.encode_log_data();
        assert_eq!(log.data.len(), 160);
        let decoded = decode_log(log.topics(), &log.data).unwrap();
        assert_eq!(decoded, RegistryEvent::BatchCommitted(event.clone()));
        assert_eq!(decode_batch_committed(log.topics(), &log.data).unwrap(), event);
        let json = decoded.decoded().to_json();
        assert_eq!(json["name"], "BatchCommitted");
        assert_eq!(
            json["args"]["tenantStoreKey"],
            "0xfee4ccde41d1dc5fa401e2a18ac38081fb067b6f6506372afe59366e4feae479"
        );

        let proof = ISetRegistry::StarkProofCommitted {
            batchId: B256::repeat_byte(1),
            proofHash: B256::repeat_byte(2),
            policyHash: B256::repeat_byte(3),
            allCompliant: true,
            proofSize: 4096,
        };
        let log = proof.encode_log_data();
        assert_eq!(decode_log(log.topics(), &log.data).unwrap(), RegistryEvent::StarkProofCommitted(proof));

        let auth = ISetRegistry::SequencerAuthorized {
            sequencer: address!("00000000000000000000000000000000000000Ab"),
            authorized: true,
        };
        let log = auth.encode_log_data();
        let json = decode_log(log.topics(), &log.data).unwrap().decoded().to_json();
        assert_eq!(json["args"]["sequencer"], "0x00000000000000000000000000000000000000ab");
        // Another event of the contract is not a BatchCommitted log.
        assert_eq!(decode_batch_committed(log.topics(), &log.data).unwrap_err().code(), "UNKNOWN_EVENT");
    }

    #[test]
    fn bad_input_is_a_typed_error_never_a_panic() {
        let calldata = encode_commit_batch(&sample_batch(1));
        let short = &calldata[..calldata.len() - 1];
        assert!(matches!(
            decode_commit_batch(&[]).unwrap_err(),
            RegistryError::Abi(AbiError::TooShort { expected_at_least: 4, actual: 0, .. })
        ));
        assert!(matches!(
            decode_commit_batch(&[0xd3, 0x8f, 0x6b]).unwrap_err(),
            RegistryError::Abi(AbiError::TooShort { actual: 3, .. })
        ));
        assert!(matches!(
            decode_commit_batch(short).unwrap_err(),
            RegistryError::Abi(AbiError::TooShort { expected_at_least: 292, actual: 291, .. })
        ));
        assert!(matches!(decode_call(&[]).unwrap_err(), RegistryError::Abi(AbiError::TooShort { .. })));
        assert!(matches!(decode_call(&[1, 2, 3]).unwrap_err(), RegistryError::Abi(AbiError::TooShort { .. })));
        assert_eq!(decode_call(short).unwrap_err().code(), "TRUNCATED");
        let unknown = decode_call(&[0xde, 0xad, 0xbe, 0xef]).unwrap_err();
        assert_eq!(
            unknown,
            RegistryError::Abi(AbiError::UnknownSelector { what: "calldata", selector: [0xde, 0xad, 0xbe, 0xef] })
        );
        assert_eq!(unknown.code(), "UNKNOWN_SELECTOR");

        let batches = encode_commit_batches(&[sample_batch(1), sample_batch(2)]);
        let err = decode_commit_batches(&batches[..batches.len() - 1]).unwrap_err();
        assert_eq!(err.code(), "TRUNCATED", "{err:?}");

        let ret = ISetRegistry::getBatchCommitmentCall::abi_encode_returns(&sample_commitment());
        assert!(matches!(
            decode_get_batch_commitment(&ret[..191]).unwrap_err(),
            RegistryError::Abi(AbiError::TooShort { expected_at_least: 192, .. })
        ));
        assert!(matches!(decode_get_batch_commitment(&[]).unwrap_err(), RegistryError::Abi(AbiError::TooShort { .. })));
        assert_eq!(decode_return(&[1, 2], &ret).unwrap_err().code(), "TRUNCATED");
        assert_eq!(decode_return(&[0xde, 0xad, 0xbe, 0xef], &ret).unwrap_err().code(), "UNKNOWN_SELECTOR");
        // A bool word other than 0/1 is not canonical.
        let mut dirty = [0u8; 32];
        dirty[31] = 2;
        assert_eq!(decode_batch_exists(&dirty).unwrap_err().code(), "INVALID_ABI");
        // uint64 with bits above 64 set.
        let mut wide = [0u8; 32];
        wide[0] = 1;
        assert_eq!(decode_get_head_sequence(&wide).unwrap_err().code(), "INVALID_ABI");

        assert!(matches!(decode_revert(&[]).unwrap_err(), RegistryError::Abi(AbiError::TooShort { .. })));
        assert!(matches!(
            decode_revert(&[0x10, 0x4d, 0x00]).unwrap_err(),
            RegistryError::Abi(AbiError::TooShort { .. })
        ));
        let gap = sequence_gap_revert();
        assert_eq!(decode_revert(&gap[..gap.len() - 1]).unwrap_err().code(), "TRUNCATED");
        assert_eq!(decode_revert(&[0xde, 0xad, 0xbe, 0xef]).unwrap_err().code(), "UNKNOWN_SELECTOR");
        let error_string = Revert::from("x").abi_encode();
        assert_eq!(decode_revert(&error_string[..error_string.len() - 1]).unwrap_err().code(), "TRUNCATED");

        let log = ISetRegistry::BatchCommitted::default().encode_log_data();
        assert!(matches!(decode_log(&[], &log.data).unwrap_err(), RegistryError::Abi(AbiError::TooShort { .. })));
        assert!(matches!(
            decode_log(&log.topics()[..2], &log.data).unwrap_err(),
            RegistryError::Abi(AbiError::TopicCount { expected: 3, actual: 2, .. })
        ));
        assert_eq!(decode_log(log.topics(), &log.data[..159]).unwrap_err().code(), "TRUNCATED");
        let unknown_topic = [keccak256("Transfer(address,address,uint256)")];
        assert_eq!(
            decode_log(&unknown_topic, &[]).unwrap_err(),
            RegistryError::Abi(AbiError::UnknownEvent { topic0: unknown_topic[0] })
        );
        assert_eq!(decode_log(&unknown_topic, &[]).unwrap_err().code(), "UNKNOWN_EVENT");
    }

    #[test]
    fn inverse_encoders_round_trip() {
        let commitment = OnchainCommitment::from(sample_commitment());
        assert_eq!(decode_get_batch_commitment(&encode_get_batch_commitment_return(&commitment)).unwrap(), commitment);
        assert_eq!(decode_commitments(&encode_commitments_return(&commitment)).unwrap(), commitment);
        assert_eq!(
            decode_get_batch_commitments(&encode_get_batch_commitments_return(&[commitment; 3])).unwrap(),
            vec![commitment; 3]
        );
        let root = B256::repeat_byte(9);
        assert_eq!(decode_get_latest_state_root(&encode_get_latest_state_root_return(root)).unwrap(), root);
        assert_eq!(decode_get_latest_batch_id(&encode_get_latest_batch_id_return(root)).unwrap(), root);
        assert_eq!(decode_get_head_sequence(&encode_get_head_sequence_return(u64::MAX)).unwrap(), u64::MAX);
        assert!(decode_batch_exists(&encode_batch_exists_return(true)).unwrap());
        assert_eq!(
            decode_batch_exists_many(&encode_batch_exists_many_return(&[false, true])).unwrap(),
            vec![false, true]
        );
        assert!(!decode_verify_inclusion(&encode_verify_inclusion_return(false)).unwrap());
        assert!(decode_verify_ves_inclusion(&encode_verify_ves_inclusion_return(true)).unwrap());
        let stats = RegistryStats {
            commitment_count: U256::from(3),
            proof_count: U256::from(1),
            is_paused: true,
            is_strict_mode: false,
        };
        assert_eq!(decode_get_registry_stats(&encode_get_registry_stats_return(&stats)).unwrap(), stats);
        let status = ExtendedRegistryStatus {
            total_batches: U256::from(4),
            proof_coverage: U256::from(2500),
            ..Default::default()
        };
        assert_eq!(
            decode_get_extended_registry_status(&encode_get_extended_registry_status_return(&status)).unwrap(),
            status
        );
        let summary = TenantStoreSummary {
            latest_batch_id: root,
            current_state_root: root,
            current_head_sequence: 7,
            has_latest_proof: false,
        };
        assert_eq!(
            decode_get_tenant_store_summary(&encode_get_tenant_store_summary_return(&summary)).unwrap(),
            summary
        );

        let event = RegistryEvent::SequencerAuthorized(ISetRegistry::SequencerAuthorized {
            sequencer: Address::repeat_byte(1),
            authorized: false,
        });
        let log = event.to_log();
        assert_eq!(log.topics.len(), 2);
        assert_eq!(decode_log(&log.topics, &log.data).unwrap(), event);

        let gap = decode_revert(&sequence_gap_revert()).unwrap();
        assert_eq!(gap.encode(), sequence_gap_revert());
        let wrapped = RegistryRevert::batch_commit_failed(U256::from(1), gap);
        assert_eq!(decode_revert(&wrapped.encode()).unwrap(), wrapped);
        for revert in [RegistryRevert::Reason(Revert::from("r")), RegistryRevert::Panic(Panic::from(0x11))] {
            assert_eq!(decode_revert(&revert.encode()).unwrap(), revert);
        }
    }

    #[test]
    fn error_codes_are_stable() {
        let encoding = RegistryError::from(EncodingError::wrong_length("x", 32, 1));
        assert_eq!(encoding.code(), "WRONG_LENGTH");
        assert_eq!(RegistryError::Abi(AbiError::Truncated { what: "x", actual: 1 }).code(), "TRUNCATED");
        assert_eq!(
            RegistryError::Abi(AbiError::TopicCount { event: "e", expected: 1, actual: 2 }).code(),
            "WRONG_TOPIC_COUNT"
        );
        assert_eq!(RegistryError::Abi(AbiError::Invalid { what: "x", reason: "r".into() }).code(), "INVALID_ABI");
    }

    fn all_decoders(data: &[u8]) {
        let _ = decode_commit_batch(data);
        let _ = decode_commit_batches(data);
        let _ = decode_commit_stark_proof(data);
        let _ = decode_commit_batch_with_stark_proof(data);
        let _ = decode_call(data).map(|call| call.decoded().to_json());
        let _ = decode_return(data, data).map(|d| d.to_json());
        let _ = decode_get_batch_commitment(data);
        let _ = decode_commitments(data);
        let _ = decode_get_batch_commitments(data);
        let _ = decode_get_latest_state_root(data);
        let _ = decode_get_head_sequence(data);
        let _ = decode_get_latest_batch_id(data);
        let _ = decode_batch_exists(data);
        let _ = decode_batch_exists_many(data);
        let _ = decode_verify_inclusion(data);
        let _ = decode_verify_ves_inclusion(data);
        let _ = decode_get_registry_stats(data);
        let _ = decode_get_extended_registry_status(data);
        let _ = decode_get_tenant_store_summary(data);
        let _ = decode_revert(data).map(|r| r.decoded().to_json());
    }

    proptest! {
        #[test]
        fn decoders_never_panic_on_random_bytes(data in proptest::collection::vec(any::<u8>(), 0..600)) {
            all_decoders(&data);
        }

        #[test]
        fn decoders_never_panic_on_known_selectors_with_random_tails(
            pick in 0usize..64,
            tail in proptest::collection::vec(any::<u8>(), 0..400),
        ) {
            let selectors: Vec<[u8; 4]> = RegistryCall::selectors()
                .chain(ContractError::<ISetRegistry::ISetRegistryErrors>::selectors())
                .collect();
            let mut data = selectors[pick % selectors.len()].to_vec();
            data.extend_from_slice(&tail);
            all_decoders(&data);
            let mut return_call = data.clone();
            return_call.truncate(4);
            let _ = decode_return(&return_call, &tail);
        }

        #[test]
        fn log_decoder_never_panics(
            topic_count in 0usize..5,
            known in any::<bool>(),
            seed in any::<[u8; 32]>(),
            data in proptest::collection::vec(any::<u8>(), 0..300),
        ) {
            let mut topics: Vec<B256> = (0..topic_count).map(|i| B256::repeat_byte(seed[i])).collect();
            if known && !topics.is_empty() {
                topics[0] = ISetRegistry::BatchCommitted::SIGNATURE_HASH;
            }
            let _ = decode_log(&topics, &data).map(|event| event.decoded().to_json());
        }
    }
}
