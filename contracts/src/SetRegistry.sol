// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title SetRegistry
/// @notice Stores the commitments (events Merkle root, state root, sequence range) that authorized
/// sequencers post for each (tenant, store) stream of Set Chain, optional STARK-proof metadata, and
/// verifies Merkle inclusion on-chain for both tree schemes of the Set SDK:
/// `keccak-v1` (`verifyInclusion`, the existing lenient rule) and `ves-sha256-v1`
/// (`verifyVesInclusion`, strict against the stored event count).
/// @dev UUPS implementation behind an ERC1967 proxy. ABI-compatible with the existing SetRegistry
/// (every selector, event and error kept); see `contracts/CHANGES.md` for the behaviour changes and
/// the storage layout.
contract SetRegistry is
    Initializable,
    OwnableUpgradeable,
    PausableUpgradeable,
    UUPSUpgradeable,
    ReentrancyGuardTransient
{
    // ------------------------------------------------------------------------------------------
    // Types
    // ------------------------------------------------------------------------------------------

    /// @notice A stored batch commitment as returned by `getBatchCommitment` (6 fields).
    /// `timestamp == 0` means "does not exist".
    struct BatchCommitment {
        bytes32 eventsRoot;
        bytes32 newStateRoot;
        uint64 sequenceStart;
        uint64 sequenceEnd;
        uint32 eventCount;
        uint64 timestamp;
    }

    /// @notice One item of `commitBatches`: the nine arguments of `commitBatch`.
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

    /// @dev Storage form of a commitment: 3 slots. Slot 2 packs (low to high bits)
    /// sequenceStart[0,64) sequenceEnd[64,128) eventCount[128,160) timestamp[160,224)
    /// prevStateRootTag[224,256); the tag is the first 4 bytes of keccak256(prevStateRoot), used by
    /// `commitStarkProof` to check the proof's `prevStateRoot` without a 4th slot.
    struct StoredCommitment {
        bytes32 eventsRoot;
        bytes32 newStateRoot;
        uint64 sequenceStart;
        uint64 sequenceEnd;
        uint32 eventCount;
        uint64 timestamp;
        uint32 prevStateRootTag;
    }

    /// @dev Storage form of STARK-proof metadata: 3 slots (the old layout used 4).
    struct StoredProof {
        bytes32 proofHash;
        bytes32 policyHash;
        uint64 policyLimit;
        bool allCompliant;
        uint64 proofSize;
        uint64 provingTimeMs;
        uint40 timestamp;
    }

    /// @dev The argument tail of `commitBatchWithStarkProof` (arguments 10..15).
    struct ProofInput {
        bytes32 proofHash;
        bytes32 policyHash;
        uint64 policyLimit;
        bool allCompliant;
        uint64 proofSize;
        uint64 provingTimeMs;
    }

    /// @dev Registry-wide values packed in one slot, so a commit checks the pause and strict flags and
    /// bumps the commitment counter with a single cold slot access.
    struct Config {
        uint64 totalCommitments;
        uint64 totalStarkProofs;
        uint64 authorizedSequencerCount;
        bool strictModeEnabled;
        bool legacyFunctionsEnabled;
        bool paused;
    }

    // ------------------------------------------------------------------------------------------
    // Storage (OZ parents use ERC-7201 namespaced storage, so ours starts at slot 0)
    // ------------------------------------------------------------------------------------------

    /// @notice Whether an address may commit batches and proofs.
    mapping(address sequencer => bool authorized) public authorizedSequencers; // slot 0
    /// @dev batchId => commitment (3 slots each).
    mapping(bytes32 batchId => StoredCommitment) private _commitments; // slot 1
    /// @notice tenantStoreKey => id of the stream's latest batch (0 = empty stream).
    mapping(bytes32 tenantStoreKey => bytes32 batchId) public latestCommitment; // slot 2
    /// @dev Counters and flags (one slot).
    Config private _config; // slot 3
    /// @dev batchId => STARK-proof metadata (3 slots each).
    mapping(bytes32 batchId => StoredProof) private _starkProofs; // slot 4
    /// @dev Reserved for future versions (slots 5..49).
    uint256[45] private __gap;

    // ------------------------------------------------------------------------------------------
    // Events (signatures and indexing identical to the existing contract)
    // ------------------------------------------------------------------------------------------

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

    // ------------------------------------------------------------------------------------------
    // Errors
    // ------------------------------------------------------------------------------------------

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
    /// @notice `batchId == 0` (it would make the stream look empty and skip continuity checks).
    error InvalidBatchId();
    /// @notice Item `index` (0-based) of `commitBatches` failed; `reason` is the revert data that
    /// `commitBatch` would have produced for it.
    error BatchCommitFailed(uint256 index, bytes reason);

    /// @dev `index` value meaning "not inside commitBatches: revert with the bare error".
    uint256 private constant NO_INDEX = type(uint256).max;

    // ------------------------------------------------------------------------------------------
    // Initialization, administration, upgrades
    // ------------------------------------------------------------------------------------------

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy: owner, optional first sequencer, strict mode on.
    function initialize(address _owner, address _initialSequencer) external initializer {
        __Ownable_init(_owner);
        __Pausable_init();
        if (_initialSequencer != address(0)) {
            authorizedSequencers[_initialSequencer] = true;
            _config.authorizedSequencerCount = 1;
            emit SequencerAuthorized(_initialSequencer, true);
        }
        _config.strictModeEnabled = true;
    }

    /// @notice Authorizes or revokes one sequencer (emits on every call, even a no-op).
    function setSequencerAuthorization(address _sequencer, bool _authorized) external onlyOwner {
        _setSequencer(_sequencer, _authorized);
    }

    /// @notice Authorizes or revokes many sequencers; reverts wholesale on a zero address.
    function batchSetSequencerAuthorization(address[] calldata _sequencers, bool _authorized) external onlyOwner {
        uint256 n = _sequencers.length;
        if (n == 0) revert EmptyArray();
        for (uint256 i; i < n; ++i) {
            _setSequencer(_sequencers[i], _authorized);
        }
    }

    /// @notice Turns strict continuity checking on or off.
    function setStrictMode(bool _enabled) external onlyOwner {
        _config.strictModeEnabled = _enabled;
        emit StrictModeUpdated(_enabled);
    }

    /// @notice Pauses every commit path (views and admin functions keep working).
    function pause() external onlyOwner {
        _pause();
    }

    /// @notice Lifts the pause.
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @notice Enables or disables the legacy `registerBatchRoot` path (no event, as before).
    function setLegacyFunctionsEnabled(bool _enabled) external onlyOwner {
        _config.legacyFunctionsEnabled = _enabled;
    }

    function _setSequencer(address _sequencer, bool _authorized) private {
        if (_sequencer == address(0)) revert InvalidAddress();
        bool current = authorizedSequencers[_sequencer];
        if (current != _authorized) {
            authorizedSequencers[_sequencer] = _authorized;
            if (_authorized) {
                ++_config.authorizedSequencerCount;
            } else {
                --_config.authorizedSequencerCount;
            }
        }
        emit SequencerAuthorized(_sequencer, _authorized);
    }

    /// @notice Whether the commit paths are paused.
    /// @dev PausableUpgradeable's modifiers, events and errors are used unchanged; only its flag lives
    /// in our packed `Config` slot (through the virtual `paused`, `_pause`, `_unpause` hooks) instead of
    /// its own namespaced slot, which saves a cold storage read (2,100 gas) on every commit.
    function paused() public view override returns (bool) {
        return _config.paused;
    }

    function _pause() internal override whenNotPaused {
        _config.paused = true;
        emit Paused(_msgSender());
    }

    function _unpause() internal override whenPaused {
        _config.paused = false;
        emit Unpaused(_msgSender());
    }

    function _authorizeUpgrade(address _newImplementation) internal override onlyOwner {
        emit ContractUpgraded(_newImplementation, msg.sender);
    }

    // ------------------------------------------------------------------------------------------
    // Commit paths
    // ------------------------------------------------------------------------------------------

    /// @notice Commits one batch of a (tenant, store) stream.
    /// @dev Validation order (the existing contract's, plus InvalidBatchId): NotAuthorizedSequencer,
    /// InvalidSequenceRange, InvalidEventCount, EmptyEventsRoot, InvalidBatchId, BatchAlreadyCommitted, then
    /// in strict mode for a non-empty stream StateRootMismatch(expected, provided) and
    /// SequenceGap(expected, provided). docs/protocol.md#commitbatch-validation-order has the details.
    function commitBatch(
        bytes32 _batchId,
        bytes32 _tenantId,
        bytes32 _storeId,
        bytes32 _eventsRoot,
        bytes32 _prevStateRoot,
        bytes32 _newStateRoot,
        uint64 _sequenceStart,
        uint64 _sequenceEnd,
        uint32 _eventCount
    ) external nonReentrant whenNotPaused {
        if (!authorizedSequencers[msg.sender]) revert NotAuthorizedSequencer();
        Config storage cfg = _config;
        _commit(
            BatchInput(
                _batchId,
                _tenantId,
                _storeId,
                _eventsRoot,
                _prevStateRoot,
                _newStateRoot,
                _sequenceStart,
                _sequenceEnd,
                _eventCount
            ),
            cfg.strictModeEnabled,
            NO_INDEX
        );
        unchecked {
            ++cfg.totalCommitments; // 2^64 commitments cannot happen
        }
    }

    /// @notice Commits many batches (any streams) atomically and in order: item i is validated
    /// against the state left by items 0..i-1, so an item may continue an earlier item's stream.
    /// If item i fails `commitBatch`'s validation the whole call reverts with
    /// `BatchCommitFailed(i, <the revert data commitBatch would give for it>)`.
    /// @dev Caller-level checks are not wrapped: EnforcedPause, NotAuthorizedSequencer, and
    /// EmptyArray for an empty list.
    function commitBatches(BatchInput[] calldata _batches) external nonReentrant whenNotPaused {
        if (!authorizedSequencers[msg.sender]) revert NotAuthorizedSequencer();
        uint256 n = _batches.length;
        if (n == 0) revert EmptyArray();
        Config storage cfg = _config;
        bool strict = cfg.strictModeEnabled;
        for (uint256 i; i < n; ++i) {
            _commit(_batches[i], strict, i);
        }
        unchecked {
            // forge-lint: disable-next-line(unsafe-typecast) -- n is bounded by the calldata size
            cfg.totalCommitments += uint64(n);
        }
    }

    /// @notice Records STARK-proof metadata for an already committed batch.
    /// @dev Checks: NotAuthorizedSequencer, BatchNotCommitted, StarkProofAlreadyCommitted,
    /// StateRootMismatchInProof (newStateRoot must equal the batch's; prevStateRoot must match the
    /// one the batch was committed with), InvalidProof (zero hash or size).
    function commitStarkProof(
        bytes32 _batchId,
        bytes32 _proofHash,
        bytes32 _prevStateRoot,
        bytes32 _newStateRoot,
        bytes32 _policyHash,
        uint64 _policyLimit,
        bool _allCompliant,
        uint64 _proofSize,
        uint64 _provingTimeMs
    ) external nonReentrant whenNotPaused {
        if (!authorizedSequencers[msg.sender]) revert NotAuthorizedSequencer();
        StoredCommitment storage c = _commitments[_batchId];
        if (c.timestamp == 0) revert BatchNotCommitted();
        if (_starkProofs[_batchId].timestamp != 0) revert StarkProofAlreadyCommitted();
        if (c.newStateRoot != _newStateRoot || c.prevStateRootTag != _tag(_prevStateRoot)) {
            revert StateRootMismatchInProof();
        }
        _storeProof(
            _batchId, ProofInput(_proofHash, _policyHash, _policyLimit, _allCompliant, _proofSize, _provingTimeMs)
        );
    }

    /// @dev Selector of `commitBatchWithStarkProof(bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,
    /// uint64,uint64,uint32,bytes32,bytes32,uint64,bool,uint64,uint64)`.
    bytes4 private constant COMMIT_BATCH_WITH_STARK_PROOF = 0xdf788f5f;

    /// @notice Serves `commitBatchWithStarkProof` (0xdf788f5f, declared in `ISetRegistry`): commitBatch
    /// followed by the STARK-proof record for the same batch. Any other selector reverts without data,
    /// as Solidity's dispatcher does; sending ETH reverts (non-payable).
    /// @dev Not declared as a Solidity function because, without via-IR, the ABI v2 decoder cannot hold
    /// 15 arguments on the stack ("Stack too deep"). The calldata of the 15 static arguments is exactly
    /// the encoding of (BatchInput, ProofInput), so it is decoded as that, with the same validation.
    fallback() external {
        if (msg.sig != COMMIT_BATCH_WITH_STARK_PROOF) revert();
        (BatchInput memory b, ProofInput memory p) = abi.decode(msg.data[4:], (BatchInput, ProofInput));
        _commitBatchWithStarkProof(b, p);
    }

    /// @dev Order: NotAuthorizedSequencer, commitBatch's validation, store and BatchCommitted, then
    /// InvalidProof, proof store and StarkProofCommitted.
    function _commitBatchWithStarkProof(BatchInput memory b, ProofInput memory p) private nonReentrant whenNotPaused {
        if (!authorizedSequencers[msg.sender]) revert NotAuthorizedSequencer();
        Config storage cfg = _config;
        _commit(b, cfg.strictModeEnabled, NO_INDEX);
        unchecked {
            ++cfg.totalCommitments;
        }
        _storeProof(b.batchId, p);
    }

    /// @notice Legacy entry point (disabled by default): commits a batch of the zero tenant/store.
    /// @dev Now pausable and subject to the same validation as `commitBatch` (with prevStateRoot =
    /// newStateRoot = 0, so in strict mode it only continues a stream whose state root is 0). A range
    /// that does not fit the stored types (end > 2^64-1 or more than 2^32-1 events) reverts
    /// InvalidSequenceRange instead of being truncated.
    function registerBatchRoot(uint256 _startSequence, uint256 _endSequence, bytes32 _root)
        external
        nonReentrant
        whenNotPaused
    {
        Config storage cfg = _config;
        if (!cfg.legacyFunctionsEnabled) revert LegacyFunctionsDisabled();
        if (!authorizedSequencers[msg.sender]) revert NotAuthorizedSequencer();
        if (
            _endSequence < _startSequence || _endSequence > type(uint64).max
                || _endSequence - _startSequence >= type(uint32).max
        ) revert InvalidSequenceRange();
        bytes32 batchId = keccak256(abi.encodePacked(_startSequence, _endSequence, block.timestamp, msg.sender));
        // forge-lint: disable-start(unsafe-typecast) -- all three values were range-checked above
        BatchInput memory b = BatchInput(
            batchId,
            bytes32(0),
            bytes32(0),
            _root,
            bytes32(0),
            bytes32(0),
            uint64(_startSequence),
            uint64(_endSequence),
            uint32(_endSequence - _startSequence + 1)
        );
        // forge-lint: disable-end(unsafe-typecast)
        _commit(b, cfg.strictModeEnabled, NO_INDEX);
        unchecked {
            ++cfg.totalCommitments;
        }
    }

    /// @dev Validates and stores one commitment; reverts through `_fail` (wrapped when `index` is an
    /// item of `commitBatches`). Does not touch the counter (callers add once per transaction).
    function _commit(BatchInput memory b, bool strict, uint256 index) private {
        {
            uint64 start = b.sequenceStart;
            uint64 end = b.sequenceEnd;
            if (end < start) _fail(index, abi.encodeWithSelector(InvalidSequenceRange.selector));
            // Computed in 256 bits: the full range 0..2^64-1 needs 2^64 events and can never match a
            // uint32 count (the old unchecked uint64 arithmetic wrapped it to 0 and accepted count 0).
            uint256 expected = uint256(end) - start + 1;
            if (expected != b.eventCount) {
                _fail(
                    index,
                    abi.encodeWithSelector(
                        InvalidEventCount.selector, uint64(Math.min(expected, type(uint64).max)), b.eventCount
                    )
                );
            }
        }
        if (b.eventsRoot == bytes32(0)) _fail(index, abi.encodeWithSelector(EmptyEventsRoot.selector));
        bytes32 batchId = b.batchId;
        if (batchId == bytes32(0)) _fail(index, abi.encodeWithSelector(InvalidBatchId.selector));
        StoredCommitment storage c = _commitments[batchId];
        if (c.timestamp != 0) _fail(index, abi.encodeWithSelector(BatchAlreadyCommitted.selector));

        bytes32 key = _streamKey(b.tenantId, b.storeId);
        if (strict) {
            bytes32 latest = latestCommitment[key];
            if (latest != bytes32(0)) _checkContinuity(_commitments[latest], b, index);
        }

        uint256 meta = uint256(b.sequenceStart) | (uint256(b.sequenceEnd) << 64) | (uint256(b.eventCount) << 128)
            | ((block.timestamp & type(uint64).max) << 160) | (uint256(_tag(b.prevStateRoot)) << 224);
        assembly ("memory-safe") {
            let slot := c.slot
            sstore(slot, mload(add(b, 0x60))) // eventsRoot
            sstore(add(slot, 1), mload(add(b, 0xa0))) // newStateRoot
            sstore(add(slot, 2), meta)
        }
        latestCommitment[key] = batchId;
        emit BatchCommitted(batchId, key, b.eventsRoot, b.newStateRoot, b.sequenceStart, b.sequenceEnd, b.eventCount);
    }

    /// @dev Strict-mode continuity against the stream's latest batch: state root first, then sequence.
    function _checkContinuity(StoredCommitment storage last, BatchInput memory b, uint256 index) private view {
        bytes32 lastRoot = last.newStateRoot;
        if (lastRoot != b.prevStateRoot) {
            _fail(index, abi.encodeWithSelector(StateRootMismatch.selector, lastRoot, b.prevStateRoot));
        }
        uint64 lastEnd = last.sequenceEnd;
        // A stream whose head is 2^64-1 is full: the old unchecked `+ 1` wrapped to 0 and let the head
        // move backwards.
        if (lastEnd == type(uint64).max) _fail(index, abi.encodeWithSelector(InvalidSequenceRange.selector));
        if (lastEnd + 1 != b.sequenceStart) {
            _fail(index, abi.encodeWithSelector(SequenceGap.selector, lastEnd + 1, b.sequenceStart));
        }
    }

    /// @dev Reverts with `reason` as is (single commit) or wrapped in BatchCommitFailed(index, reason).
    function _fail(uint256 index, bytes memory reason) private pure {
        if (index == NO_INDEX) {
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
        revert BatchCommitFailed(index, reason);
    }

    /// @dev First 4 bytes of keccak256(root), kept in the commitment's spare bits.
    function _tag(bytes32 root) private pure returns (uint32 t) {
        assembly ("memory-safe") {
            mstore(0x00, root)
            t := shr(224, keccak256(0x00, 0x20))
        }
    }

    function _storeProof(bytes32 _batchId, ProofInput memory p) private {
        if (p.proofHash == bytes32(0) || p.proofSize == 0) revert InvalidProof();
        StoredProof storage s = _starkProofs[_batchId];
        s.proofHash = p.proofHash;
        s.policyHash = p.policyHash;
        s.policyLimit = p.policyLimit;
        s.allCompliant = p.allCompliant;
        s.proofSize = p.proofSize;
        s.provingTimeMs = p.provingTimeMs;
        s.timestamp = uint40(block.timestamp);
        unchecked {
            ++_config.totalStarkProofs;
        }
        emit StarkProofCommitted(_batchId, p.proofHash, p.policyHash, p.allCompliant, p.proofSize);
    }

    // ------------------------------------------------------------------------------------------
    // Inclusion verification
    // ------------------------------------------------------------------------------------------

    /// @notice `keccak-v1` inclusion, the existing lenient on-chain rule: node = keccak256(l ‖ r),
    /// bit d of `_index` = 0 ⇒ running hash on the left; index bits past the proof are ignored, no
    /// leaf count is checked. Returns false for an unknown batch.
    function verifyInclusion(bytes32 _batchId, bytes32 _leaf, bytes32[] calldata _proof, uint256 _index)
        external
        view
        returns (bool valid)
    {
        StoredCommitment storage c = _commitments[_batchId];
        if (c.timestamp == 0) return false;
        return _keccakRoot(_leaf, _proof, _index) == c.eventsRoot;
    }

    /// @notice `ves-sha256-v1` inclusion (the sequencer's tree): node = SHA-256("VES_NODE_V1" ‖ l ‖ r),
    /// bit d of `_index` = 0 ⇒ running hash on the left. Strict against the stored event count:
    /// false if the batch does not exist, `_index >= eventCount`, or the proof length is not
    /// ceil(log2(eventCount)) (0 for one event). Never reverts on bad input.
    function verifyVesInclusion(bytes32 _batchId, bytes32 _leaf, bytes32[] calldata _proof, uint256 _index)
        external
        view
        returns (bool valid)
    {
        StoredCommitment storage c = _commitments[_batchId];
        if (c.timestamp == 0) return false;
        uint256 count = c.eventCount;
        if (_index >= count) return false;
        if (_proof.length != Math.log2(count, Math.Rounding.Ceil)) return false;
        return _vesRoot(_leaf, _proof, _index) == c.eventsRoot;
    }

    /// @notice Checks several `keccak-v1` proofs against one batch. False if the arrays differ in
    /// length, are empty, the batch does not exist, or any proof fails.
    function verifyMultipleInclusions(
        bytes32 _batchId,
        bytes32[] calldata _leaves,
        bytes32[][] calldata _proofs,
        uint256[] calldata _indices
    ) external view returns (bool allValid) {
        uint256 n = _leaves.length;
        if (n == 0 || n != _proofs.length || n != _indices.length) return false;
        StoredCommitment storage c = _commitments[_batchId];
        if (c.timestamp == 0) return false;
        bytes32 root = c.eventsRoot;
        for (uint256 i; i < n; ++i) {
            if (_keccakRoot(_leaves[i], _proofs[i], _indices[i]) != root) return false;
        }
        return true;
    }

    function _keccakRoot(bytes32 leaf, bytes32[] calldata proof, uint256 index) private pure returns (bytes32 h) {
        assembly ("memory-safe") {
            h := leaf
            let p := proof.offset
            let end := add(p, shl(5, proof.length))
            for {} lt(p, end) { p := add(p, 0x20) } {
                let bit := and(index, 1)
                // bit 0: keccak(h ‖ sibling); bit 1: keccak(sibling ‖ h)
                mstore(shl(5, bit), h)
                mstore(shl(5, xor(bit, 1)), calldataload(p))
                h := keccak256(0x00, 0x40)
                index := shr(1, index)
            }
        }
    }

    function _vesRoot(bytes32 leaf, bytes32[] calldata proof, uint256 index) private view returns (bytes32 h) {
        assembly ("memory-safe") {
            // 75-byte buffer past the free memory pointer, reused for every level:
            // "VES_NODE_V1" (11 bytes) ‖ left (32) ‖ right (32).
            let buf := mload(0x40)
            mstore(buf, "VES_NODE_V1")
            let left := add(buf, 11)
            h := leaf
            let p := proof.offset
            let end := add(p, shl(5, proof.length))
            for {} lt(p, end) { p := add(p, 0x20) } {
                let off := shl(5, and(index, 1)) // 0: h is the left child; 32: h is the right child
                mstore(add(left, off), h)
                mstore(sub(add(left, 0x20), off), calldataload(p))
                // SHA-256 precompile (address 2); it only fails when out of gas.
                if iszero(staticcall(gas(), 0x02, buf, 75, 0x00, 0x20)) { revert(0, 0) }
                h := mload(0x00)
                index := shr(1, index)
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // STARK-proof views
    // ------------------------------------------------------------------------------------------

    /// @notice Whether a proof was recorded for the batch.
    function hasStarkProof(bytes32 _batchId) external view returns (bool hasProof) {
        return _starkProofs[_batchId].timestamp != 0;
    }

    /// @notice Whether the recorded proof hash equals `_proofHash` (false without a proof).
    function verifyStarkProofHash(bytes32 _batchId, bytes32 _proofHash) external view returns (bool valid) {
        StoredProof storage s = _starkProofs[_batchId];
        return s.timestamp != 0 && s.proofHash == _proofHash;
    }

    /// @notice Proof hash, policy hash, compliance flag and timestamp of the recorded proof.
    function getStarkProofDetails(bytes32 _batchId)
        external
        view
        returns (bytes32 proofHash, bytes32 policyHash, bool allCompliant, uint64 timestamp)
    {
        StoredProof storage s = _starkProofs[_batchId];
        return (s.proofHash, s.policyHash, s.allCompliant, s.timestamp);
    }

    /// @notice The full proof record (same 7 outputs as the old public mapping getter).
    function starkProofs(bytes32 _batchId)
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
        )
    {
        StoredProof storage s = _starkProofs[_batchId];
        return (s.proofHash, s.policyHash, s.policyLimit, s.allCompliant, s.proofSize, s.provingTimeMs, s.timestamp);
    }

    // ------------------------------------------------------------------------------------------
    // Commitment and stream views
    // ------------------------------------------------------------------------------------------

    /// @notice The stored commitment as 6 values (same outputs as the old public mapping getter).
    function commitments(bytes32 _batchId)
        external
        view
        returns (
            bytes32 eventsRoot,
            bytes32 newStateRoot,
            uint64 sequenceStart,
            uint64 sequenceEnd,
            uint32 eventCount,
            uint64 timestamp
        )
    {
        StoredCommitment storage c = _commitments[_batchId];
        return (c.eventsRoot, c.newStateRoot, c.sequenceStart, c.sequenceEnd, c.eventCount, c.timestamp);
    }

    /// @notice The stored commitment (zeros if it does not exist).
    function getBatchCommitment(bytes32 _batchId) external view returns (BatchCommitment memory commitment) {
        return _load(_batchId);
    }

    /// @notice Whether a batch id was committed.
    function batchExists(bytes32 _batchId) external view returns (bool exists) {
        return _commitments[_batchId].timestamp != 0;
    }

    /// @notice Element-wise `batchExists`.
    function batchExists(bytes32[] calldata _batchIds) external view returns (bool[] memory exists) {
        uint256 n = _batchIds.length;
        exists = new bool[](n);
        for (uint256 i; i < n; ++i) {
            exists[i] = _commitments[_batchIds[i]].timestamp != 0;
        }
    }

    /// @notice The commitment plus whether it has a proof and the proof's compliance flag.
    function getBatchWithProofStatus(bytes32 _batchId)
        external
        view
        returns (BatchCommitment memory commitment, bool hasProof, bool proofCompliant)
    {
        StoredProof storage s = _starkProofs[_batchId];
        return (_load(_batchId), s.timestamp != 0, s.allCompliant);
    }

    /// @notice Element-wise `getBatchCommitment`.
    function getBatchCommitments(bytes32[] calldata _batchIds)
        external
        view
        returns (BatchCommitment[] memory commitmentList)
    {
        uint256 n = _batchIds.length;
        commitmentList = new BatchCommitment[](n);
        for (uint256 i; i < n; ++i) {
            commitmentList[i] = _load(_batchIds[i]);
        }
    }

    /// @notice Element-wise proof presence and compliance.
    function getBatchProofStatuses(bytes32[] calldata _batchIds)
        external
        view
        returns (bool[] memory hasProofs, bool[] memory allCompliant)
    {
        uint256 n = _batchIds.length;
        hasProofs = new bool[](n);
        allCompliant = new bool[](n);
        for (uint256 i; i < n; ++i) {
            StoredProof storage s = _starkProofs[_batchIds[i]];
            hasProofs[i] = s.timestamp != 0;
            allCompliant[i] = s.allCompliant;
        }
    }

    /// @notice newStateRoot of the stream's latest batch (0 for an empty stream).
    function getLatestStateRoot(bytes32 _tenantId, bytes32 _storeId) external view returns (bytes32 stateRoot) {
        return _latestStateRoot(_streamKey(_tenantId, _storeId));
    }

    /// @notice sequenceEnd of the stream's latest batch (0 for an empty stream).
    function getHeadSequence(bytes32 _tenantId, bytes32 _storeId) external view returns (uint64 sequence) {
        return headSequence(_streamKey(_tenantId, _storeId));
    }

    /// @notice Head sequence by tenantStoreKey: sequenceEnd of the stream's latest batch.
    /// @dev Derived from the latest commitment on read (no separate slot to keep in sync), so every
    /// commit path maintains it by construction.
    function headSequence(bytes32 _tenantStoreKey) public view returns (uint64 sequence) {
        bytes32 latest = latestCommitment[_tenantStoreKey];
        if (latest == bytes32(0)) return 0;
        return _commitments[latest].sequenceEnd;
    }

    /// @notice The stream's latest batch id.
    function getLatestBatchId(bytes32 _tenantId, bytes32 _storeId) external view returns (bytes32 batchId) {
        return latestCommitment[_streamKey(_tenantId, _storeId)];
    }

    /// @notice Element-wise `getLatestStateRoot`.
    function getBatchLatestStateRoots(bytes32[] calldata _tenantIds, bytes32[] calldata _storeIds)
        external
        view
        returns (bytes32[] memory stateRoots)
    {
        uint256 n = _tenantIds.length;
        if (n != _storeIds.length) revert ArrayLengthMismatch();
        stateRoots = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            stateRoots[i] = _latestStateRoot(_streamKey(_tenantIds[i], _storeIds[i]));
        }
    }

    /// @notice Element-wise `getHeadSequence`.
    function getBatchHeadSequences(bytes32[] calldata _tenantIds, bytes32[] calldata _storeIds)
        external
        view
        returns (uint64[] memory sequences)
    {
        uint256 n = _tenantIds.length;
        if (n != _storeIds.length) revert ArrayLengthMismatch();
        sequences = new uint64[](n);
        for (uint256 i; i < n; ++i) {
            sequences[i] = headSequence(_streamKey(_tenantIds[i], _storeIds[i]));
        }
    }

    /// @notice Latest batch id, its state root and head sequence, and whether it has a proof.
    function getTenantStoreSummary(bytes32 _tenantId, bytes32 _storeId)
        external
        view
        returns (bytes32 latestBatchId, bytes32 currentStateRoot, uint64 currentHeadSequence, bool hasLatestProof)
    {
        latestBatchId = latestCommitment[_streamKey(_tenantId, _storeId)];
        if (latestBatchId != bytes32(0)) {
            StoredCommitment storage c = _commitments[latestBatchId];
            currentStateRoot = c.newStateRoot;
            currentHeadSequence = c.sequenceEnd;
            hasLatestProof = _starkProofs[latestBatchId].timestamp != 0;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Registry views
    // ------------------------------------------------------------------------------------------

    /// @notice Number of stored commitments (every commit path counts).
    function totalCommitments() external view returns (uint256 count) {
        return _config.totalCommitments;
    }

    /// @notice Number of stored STARK proofs (both proof paths count).
    function totalStarkProofs() external view returns (uint256 count) {
        return _config.totalStarkProofs;
    }

    /// @notice Number of currently authorized sequencers.
    function authorizedSequencerCount() external view returns (uint256 count) {
        return _config.authorizedSequencerCount;
    }

    /// @notice Whether strict continuity checking is on.
    function strictModeEnabled() external view returns (bool enabled) {
        return _config.strictModeEnabled;
    }

    /// @notice Whether the legacy `registerBatchRoot` path is enabled.
    function legacyFunctionsEnabled() external view returns (bool enabled) {
        return _config.legacyFunctionsEnabled;
    }

    /// @notice (totalCommitments, totalStarkProofs, paused, strictModeEnabled).
    function getRegistryStats()
        external
        view
        returns (uint256 commitmentCount, uint256 proofCount, bool isPaused, bool isStrictMode)
    {
        Config memory cfg = _config;
        return (cfg.totalCommitments, cfg.totalStarkProofs, cfg.paused, cfg.strictModeEnabled);
    }

    /// @notice Registry status; `proofCoverage` = totalProofs * 10000 / totalBatches in basis points,
    /// 0 when there are no batches.
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
        )
    {
        Config memory cfg = _config;
        totalBatches = cfg.totalCommitments;
        totalProofs = cfg.totalStarkProofs;
        proofCoverage = totalBatches == 0 ? 0 : (totalProofs * 10000) / totalBatches;
        return
            (totalBatches, totalProofs, cfg.authorizedSequencerCount, cfg.paused, cfg.strictModeEnabled, proofCoverage);
    }

    /// @notice Element-wise `authorizedSequencers`.
    function areSequencersAuthorized(address[] calldata _sequencers) external view returns (bool[] memory authorized) {
        uint256 n = _sequencers.length;
        authorized = new bool[](n);
        for (uint256 i; i < n; ++i) {
            authorized[i] = authorizedSequencers[_sequencers[i]];
        }
    }

    /// @notice Legacy view: eventsRoot of the zero tenant/store's latest batch if its range is exactly
    /// (_startSequence, _endSequence), else 0.
    function getBatchRoot(uint256 _startSequence, uint256 _endSequence) external view returns (bytes32) {
        bytes32 latest = latestCommitment[_streamKey(bytes32(0), bytes32(0))];
        if (latest == bytes32(0)) return bytes32(0);
        StoredCommitment storage c = _commitments[latest];
        if (c.sequenceStart == _startSequence && c.sequenceEnd == _endSequence) return c.eventsRoot;
        return bytes32(0);
    }

    // ------------------------------------------------------------------------------------------
    // Internal helpers
    // ------------------------------------------------------------------------------------------

    /// @dev tenantStoreKey = keccak256(tenantId ‖ storeId), hashed in scratch space.
    function _streamKey(bytes32 _tenantId, bytes32 _storeId) private pure returns (bytes32 key) {
        assembly ("memory-safe") {
            mstore(0x00, _tenantId)
            mstore(0x20, _storeId)
            key := keccak256(0x00, 0x40)
        }
    }

    function _latestStateRoot(bytes32 key) private view returns (bytes32) {
        bytes32 latest = latestCommitment[key];
        if (latest == bytes32(0)) return bytes32(0);
        return _commitments[latest].newStateRoot;
    }

    function _load(bytes32 _batchId) private view returns (BatchCommitment memory r) {
        StoredCommitment storage c = _commitments[_batchId];
        r.eventsRoot = c.eventsRoot;
        r.newStateRoot = c.newStateRoot;
        r.sequenceStart = c.sequenceStart;
        r.sequenceEnd = c.sequenceEnd;
        r.eventCount = c.eventCount;
        r.timestamp = c.timestamp;
    }
}
