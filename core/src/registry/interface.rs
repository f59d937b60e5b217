//! The SetRegistry ABI, read from `contracts/src/interfaces/ISetRegistry.sol` (through the
//! `abi/ISetRegistry.sol` link in this crate), and its language-neutral rendering.
//!
//! A function, event, error or field that changes in the Solidity file changes the generated types
//! here, and the build or the selector pins in the tests fail until the rest of the module
//! follows.

use alloy_sol_types::sol;

use crate::abi::abi_interface;

sol!(
    #[sol(all_derives)]
    "abi/ISetRegistry.sol"
);

pub use ISetRegistry::{BatchCommitment, BatchInput};

// Every item of the interface except those of the OpenZeppelin parents both contracts share,
// which `abi_interface!` adds itself; `Pausable`, which only the registry inherits, is listed here.
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
        paused => pausedCall {} -> pausedReturn { isPaused }
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
        EnforcedPause {}
        ExpectedPause {}
    }
    events ISetRegistryEvents {
        SequencerAuthorized { sequencer, authorized }
        BatchCommitted { batchId, tenantStoreKey, eventsRoot, newStateRoot, sequenceStart, sequenceEnd, eventCount }
        StrictModeUpdated { enabled }
        StarkProofCommitted { batchId, proofHash, policyHash, allCompliant, proofSize }
        ContractUpgraded { newImplementation, authorizer }
        Paused { account }
        Unpaused { account }
    }
}
