// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

/// @title ISetRegistry
/// @notice The complete external ABI of SetRegistry, including the OpenZeppelin parents and
/// `commitBatchWithStarkProof`, which SetRegistry serves from its fallback (see there) and which
/// therefore does not appear in SetRegistry's own compiler ABI. The Rust SDK reads this file with
/// alloy's `sol!` (`core/src/registry/interface.rs`), so its ABI is this one.
interface ISetRegistry {
    /// @notice A stored batch commitment, as `getBatchCommitment` returns it; `timestamp == 0` means
    /// the batch does not exist.
    struct BatchCommitment {
        bytes32 eventsRoot;
        bytes32 newStateRoot;
        uint64 sequenceStart;
        uint64 sequenceEnd;
        uint32 eventCount;
        uint64 timestamp;
    }

    /// @notice One item of `commitBatches`: the nine arguments of `commitBatch`, in the same order.
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
    event BatchCommitted(
        bytes32 indexed batchId,
        bytes32 indexed tenantStoreKey,
        bytes32 eventsRoot,
        bytes32 newStateRoot,
        uint64 sequenceStart,
        uint64 sequenceEnd,
        uint32 eventCount
    );
    event StrictModeUpdated(bool enabled);
    event StarkProofCommitted(
        bytes32 indexed batchId, bytes32 proofHash, bytes32 policyHash, bool allCompliant, uint64 proofSize
    );
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
    function batchSetSequencerAuthorization(address[] calldata sequencers, bool authorized) external;
    function setStrictMode(bool enabled) external;
    function pause() external;
    function unpause() external;
    function commitBatch(
        bytes32 batchId,
        bytes32 tenantId,
        bytes32 storeId,
        bytes32 eventsRoot,
        bytes32 prevStateRoot,
        bytes32 newStateRoot,
        uint64 sequenceStart,
        uint64 sequenceEnd,
        uint32 eventCount
    ) external;
    function commitBatches(BatchInput[] calldata batches) external;
    function commitStarkProof(
        bytes32 batchId,
        bytes32 proofHash,
        bytes32 prevStateRoot,
        bytes32 newStateRoot,
        bytes32 policyHash,
        uint64 policyLimit,
        bool allCompliant,
        uint64 proofSize,
        uint64 provingTimeMs
    ) external;
    function commitBatchWithStarkProof(
        bytes32 batchId,
        bytes32 tenantId,
        bytes32 storeId,
        bytes32 eventsRoot,
        bytes32 prevStateRoot,
        bytes32 newStateRoot,
        uint64 sequenceStart,
        uint64 sequenceEnd,
        uint32 eventCount,
        bytes32 proofHash,
        bytes32 policyHash,
        uint64 policyLimit,
        bool allCompliant,
        uint64 proofSize,
        uint64 provingTimeMs
    ) external;
    function hasStarkProof(bytes32 batchId) external view returns (bool hasProof);
    function verifyStarkProofHash(bytes32 batchId, bytes32 proofHash) external view returns (bool valid);
    function getStarkProofDetails(bytes32 batchId)
        external
        view
        returns (bytes32 proofHash, bytes32 policyHash, bool allCompliant, uint64 timestamp);
    function verifyInclusion(bytes32 batchId, bytes32 leaf, bytes32[] calldata proof, uint256 index)
        external
        view
        returns (bool valid);
    function verifyVesInclusion(bytes32 batchId, bytes32 leaf, bytes32[] calldata proof, uint256 index)
        external
        view
        returns (bool valid);
    function verifyMultipleInclusions(
        bytes32 batchId,
        bytes32[] calldata leaves,
        bytes32[][] calldata proofs,
        uint256[] calldata indices
    ) external view returns (bool allValid);
    function getLatestStateRoot(bytes32 tenantId, bytes32 storeId) external view returns (bytes32 stateRoot);
    function getHeadSequence(bytes32 tenantId, bytes32 storeId) external view returns (uint64 sequence);
    function getBatchCommitment(bytes32 batchId) external view returns (BatchCommitment memory commitment);
    function batchExists(bytes32 batchId) external view returns (bool exists);
    function batchExists(bytes32[] calldata batchIds) external view returns (bool[] memory exists);
    function getLatestBatchId(bytes32 tenantId, bytes32 storeId) external view returns (bytes32 batchId);
    function getBatchWithProofStatus(bytes32 batchId)
        external
        view
        returns (BatchCommitment memory commitment, bool hasProof, bool proofCompliant);
    function getRegistryStats()
        external
        view
        returns (uint256 commitmentCount, uint256 proofCount, bool isPaused, bool isStrictMode);
    function getBatchCommitments(bytes32[] calldata batchIds)
        external
        view
        returns (BatchCommitment[] memory commitmentList);
    function getBatchProofStatuses(bytes32[] calldata batchIds)
        external
        view
        returns (bool[] memory hasProofs, bool[] memory allCompliant);
    function getBatchLatestStateRoots(bytes32[] calldata tenantIds, bytes32[] calldata storeIds)
        external
        view
        returns (bytes32[] memory stateRoots);
    function getBatchHeadSequences(bytes32[] calldata tenantIds, bytes32[] calldata storeIds)
        external
        view
        returns (uint64[] memory sequences);
    function getExtendedRegistryStatus()
        external
        view
        returns (
            uint256 totalBatches,
            uint256 totalProofs,
            uint256 sequencerCount,
            bool isPaused,
            bool isStrictMode,
            uint256 proofCoverage
        );
    function getTenantStoreSummary(bytes32 tenantId, bytes32 storeId)
        external
        view
        returns (bytes32 latestBatchId, bytes32 currentStateRoot, uint64 currentHeadSequence, bool hasLatestProof);
    function areSequencersAuthorized(address[] calldata sequencers) external view returns (bool[] memory authorized);
    function setLegacyFunctionsEnabled(bool enabled) external;
    function registerBatchRoot(uint256 startSequence, uint256 endSequence, bytes32 root) external;
    function getBatchRoot(uint256 startSequence, uint256 endSequence) external view returns (bytes32 root);
    function authorizedSequencers(address sequencer) external view returns (bool authorized);
    function commitments(bytes32 batchId)
        external
        view
        returns (
            bytes32 eventsRoot,
            bytes32 newStateRoot,
            uint64 sequenceStart,
            uint64 sequenceEnd,
            uint32 eventCount,
            uint64 timestamp
        );
    function latestCommitment(bytes32 tenantStoreKey) external view returns (bytes32 batchId);
    function headSequence(bytes32 tenantStoreKey) external view returns (uint64 sequence);
    function totalCommitments() external view returns (uint256 count);
    function strictModeEnabled() external view returns (bool enabled);
    function starkProofs(bytes32 batchId)
        external
        view
        returns (
            bytes32 proofHash,
            bytes32 policyHash,
            uint64 policyLimit,
            bool allCompliant,
            uint64 proofSize,
            uint64 provingTimeMs,
            uint64 timestamp
        );
    function totalStarkProofs() external view returns (uint256 count);
    function authorizedSequencerCount() external view returns (uint256 count);
    function legacyFunctionsEnabled() external view returns (bool enabled);
    function owner() external view returns (address account);
    function transferOwnership(address newOwner) external;
    function renounceOwnership() external;
    function paused() external view returns (bool isPaused);
    function upgradeToAndCall(address newImplementation, bytes calldata data) external payable;
    function proxiableUUID() external view returns (bytes32 slot);
    function UPGRADE_INTERFACE_VERSION() external view returns (string memory version);
}
