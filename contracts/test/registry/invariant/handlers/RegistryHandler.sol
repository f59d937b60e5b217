// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

// Test code: the narrowing casts below are on values the test itself bounds.
// forge-lint: disable-start(unsafe-typecast)

import {Test} from "forge-std/Test.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {SetRegistry} from "../../../../src/SetRegistry.sol";
import {ISetRegistry} from "../../../../src/interfaces/ISetRegistry.sol";
import {SetRegistryV2Mock} from "../../mocks/SetRegistryV2Mock.sol";

/// @notice Drives SetRegistry with random valid and invalid commits (single and multi), proofs,
/// pauses, upgrades by the owner and upgrade attempts by others. Before every call it predicts the
/// outcome with an independent model of the validation rules (docs/protocol.md#commitbatch-validation-order) and
/// records any call whose outcome (success, or exact revert data) differs from the prediction.
/// Strict mode stays on, so per-stream continuity must hold at all times.
contract RegistryHandler is Test {
    SetRegistry public immutable registry;
    address public immutable owner;
    address public immutable sequencer;

    uint256 public constant STREAMS = 6;

    struct Stream {
        bytes32 tenant;
        bytes32 store;
        bool nonEmpty;
        bytes32 latest;
        bytes32 root;
        uint64 head;
    }

    struct Expected {
        bytes32 eventsRoot;
        bytes32 prevStateRoot;
        bytes32 newStateRoot;
        uint64 start;
        uint64 end;
        uint32 count;
        uint64 timestamp;
        uint256 stream;
    }

    Stream[STREAMS] internal streams;
    mapping(uint256 stream => bytes32[] ids) internal streamBatches;
    mapping(bytes32 id => Expected) internal expected;
    mapping(bytes32 id => bool) public committed;
    mapping(bytes32 id => bool) public proven;
    bytes32[] public allIds;
    address[] public implementations;
    address[2] internal spareImplementations;

    bool public paused;
    uint256 public ghostProofs;
    uint256 public unexpectedOutcomes;
    bool public nonOwnerUpgradeSucceeded;
    uint256 internal nonce;
    mapping(bytes32 action => uint256 count) public calls;

    constructor(SetRegistry registry_, address owner_, address sequencer_, address implementation) {
        registry = registry_;
        owner = owner_;
        sequencer = sequencer_;
        implementations.push(implementation);
        spareImplementations = [address(new SetRegistryV2Mock()), address(new SetRegistryV2Mock())];
        for (uint256 i; i < STREAMS; ++i) {
            streams[i].tenant = bytes32(i % 3 + 1);
            streams[i].store = bytes32(i / 3 + 100);
        }
    }

    // ------------------------------------------------------------------ views for the invariants

    function allIdsLength() external view returns (uint256) {
        return allIds.length;
    }

    function stream(uint256 i) external view returns (Stream memory) {
        return streams[i];
    }

    function batchesOf(uint256 i) external view returns (bytes32[] memory) {
        return streamBatches[i];
    }

    function expectation(bytes32 id) external view returns (Expected memory) {
        return expected[id];
    }

    function implementationCount() external view returns (uint256) {
        return implementations.length;
    }

    // ------------------------------------------------------------------ model

    /// @dev The revert data commitBatch must produce for `b` against stream state `st` (empty = success).
    function _predict(SetRegistry.BatchInput memory b, Stream memory st, bool idTaken)
        internal
        pure
        returns (bytes memory)
    {
        if (b.sequenceEnd < b.sequenceStart) {
            return abi.encodeWithSelector(SetRegistry.InvalidSequenceRange.selector);
        }
        uint256 want = uint256(b.sequenceEnd) - b.sequenceStart + 1;
        if (want != b.eventCount) {
            uint64 shown = want > type(uint64).max ? type(uint64).max : uint64(want);
            return abi.encodeWithSelector(SetRegistry.InvalidEventCount.selector, shown, b.eventCount);
        }
        if (b.eventsRoot == bytes32(0)) return abi.encodeWithSelector(SetRegistry.EmptyEventsRoot.selector);
        if (b.batchId == bytes32(0)) return abi.encodeWithSelector(SetRegistry.InvalidBatchId.selector);
        if (idTaken) return abi.encodeWithSelector(SetRegistry.BatchAlreadyCommitted.selector);
        if (st.nonEmpty) {
            if (st.root != b.prevStateRoot) {
                return abi.encodeWithSelector(SetRegistry.StateRootMismatch.selector, st.root, b.prevStateRoot);
            }
            if (st.head == type(uint64).max) return abi.encodeWithSelector(SetRegistry.InvalidSequenceRange.selector);
            if (st.head + 1 != b.sequenceStart) {
                return abi.encodeWithSelector(SetRegistry.SequenceGap.selector, st.head + 1, b.sequenceStart);
            }
        }
        return "";
    }

    /// @dev A valid next batch for stream `s` (given the model state `st`), then one optional defect.
    function _build(uint256 s, Stream memory st, uint256 seed) internal returns (SetRegistry.BatchInput memory b) {
        ++nonce;
        uint64 start = st.nonEmpty ? st.head + 1 : uint64(_bound(seed, 1, 1000));
        uint64 count = uint64(_bound(seed >> 16, 1, 50));
        if (start > type(uint64).max - count) start = type(uint64).max - count + 1;
        b = SetRegistry.BatchInput({
            batchId: keccak256(abi.encode("id", nonce)),
            tenantId: streams[s].tenant,
            storeId: streams[s].store,
            eventsRoot: keccak256(abi.encode("events", nonce)),
            prevStateRoot: st.root,
            newStateRoot: keccak256(abi.encode("state", nonce)),
            sequenceStart: start,
            sequenceEnd: start + count - 1,
            eventCount: uint32(count)
        });
        uint256 defect = (seed >> 32) % 30; // 0..9: one defect, 10..29: none
        if (defect == 0) {
            b.sequenceStart += 1;
            b.sequenceEnd += 1;
        } else if (defect == 1 && b.sequenceStart > 1) {
            b.sequenceStart -= 1;
            b.sequenceEnd -= 1;
        } else if (defect == 2) {
            b.prevStateRoot = keccak256(abi.encode("stale", nonce));
        } else if (defect == 3) {
            b.eventCount += 1;
        } else if (defect == 4) {
            b.eventsRoot = bytes32(0);
        } else if (defect == 5) {
            b.batchId = bytes32(0);
        } else if (defect == 6 && allIds.length != 0) {
            b.batchId = allIds[(seed >> 48) % allIds.length];
        } else if (defect == 7) {
            (b.sequenceStart, b.sequenceEnd) = (b.sequenceEnd, b.sequenceStart - 1);
        } else if (defect == 8) {
            (b.sequenceStart, b.sequenceEnd, b.eventCount) = (0, type(uint64).max, 0);
        } else if (defect == 9) {
            b.eventCount = uint32(_bound(seed >> 64, 0, type(uint32).max));
        }
    }

    function _record(SetRegistry.BatchInput memory b, uint256 s) internal {
        committed[b.batchId] = true;
        allIds.push(b.batchId);
        streamBatches[s].push(b.batchId);
        expected[b.batchId] = Expected(
            b.eventsRoot,
            b.prevStateRoot,
            b.newStateRoot,
            b.sequenceStart,
            b.sequenceEnd,
            b.eventCount,
            uint64(block.timestamp),
            s
        );
        Stream storage st = streams[s];
        (st.nonEmpty, st.latest, st.root, st.head) = (true, b.batchId, b.newStateRoot, b.sequenceEnd);
    }

    function _check(bool ok, bytes memory ret, bytes memory predicted) internal {
        bool expectOk = predicted.length == 0;
        ++calls[ok ? bytes32("landed") : bytes32("rejected")];
        if (ok != expectOk || (!ok && keccak256(ret) != keccak256(predicted))) ++unexpectedOutcomes;
    }

    // ------------------------------------------------------------------ actions

    /// @dev One call in eight comes from an unauthorized address.
    function commitBatch(uint256 streamSeed, uint256 seed, uint8 callerSeed) external {
        ++calls["commitBatch"];
        bool asStranger = callerSeed % 8 == 0;
        uint256 s = streamSeed % STREAMS;
        SetRegistry.BatchInput memory b = _build(s, streams[s], seed);
        bytes memory predicted = paused
            ? abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector)
            : asStranger
                ? abi.encodeWithSelector(SetRegistry.NotAuthorizedSequencer.selector)
                : _predict(b, streams[s], committed[b.batchId]);
        vm.prank(asStranger ? address(0xbad) : sequencer);
        (bool ok, bytes memory ret) =
            address(registry).call(abi.encodePacked(SetRegistry.commitBatch.selector, abi.encode(b)));
        _check(ok, ret, predicted);
        if (ok && predicted.length == 0) _record(b, s);
    }

    function commitBatches(uint256 seed, uint8 length) external {
        ++calls["commitBatches"];
        uint256 n = _bound(length, 1, 5);
        SetRegistry.BatchInput[] memory items = new SetRegistry.BatchInput[](n);
        uint256[] memory streamOf = new uint256[](n);
        Stream[STREAMS] memory model = streams;
        bytes memory predicted;
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint256 s = r % STREAMS;
            // mostly valid items: a defect in about one item out of three
            uint256 itemSeed = (r >> 8) % 3 == 0 ? r >> 8 : ((r >> 8) & ~(uint256(0xffff) << 32)) | (uint256(29) << 32);
            items[i] = _build(s, model[s], itemSeed);
            streamOf[i] = s;
            if (predicted.length == 0) {
                bool taken = committed[items[i].batchId];
                for (uint256 j; j < i && !taken; ++j) {
                    taken = items[j].batchId == items[i].batchId;
                }
                bytes memory reason = _predict(items[i], model[s], taken);
                if (reason.length != 0) {
                    predicted = abi.encodeWithSelector(SetRegistry.BatchCommitFailed.selector, i, reason);
                } else {
                    (model[s].nonEmpty, model[s].latest, model[s].root, model[s].head) =
                    (true, items[i].batchId, items[i].newStateRoot, items[i].sequenceEnd);
                }
            }
        }
        if (paused) predicted = abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(sequencer);
        (bool ok, bytes memory ret) = address(registry).call(abi.encodeCall(SetRegistry.commitBatches, (items)));
        _check(ok, ret, predicted);
        if (ok && predicted.length == 0) {
            for (uint256 i; i < n; ++i) {
                _record(items[i], streamOf[i]);
            }
        }
    }

    function commitStarkProof(uint256 idSeed, bool compliant) external {
        if (allIds.length == 0) return;
        ++calls["commitStarkProof"];
        bytes32 id = allIds[idSeed % allIds.length];
        Expected memory e = expected[id];
        bytes memory predicted = paused
            ? abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector)
            : proven[id] ? abi.encodeWithSelector(SetRegistry.StarkProofAlreadyCommitted.selector) : bytes("");
        vm.prank(sequencer);
        (bool ok, bytes memory ret) = address(registry)
            .call(
                abi.encodeCall(
                    SetRegistry.commitStarkProof,
                    (id, keccak256(abi.encode("proof", id)), e.prevStateRoot, e.newStateRoot, 0, 1, compliant, 1000, 1)
                )
            );
        _check(ok, ret, predicted);
        if (ok && predicted.length == 0) {
            proven[id] = true;
            ++ghostProofs;
        }
    }

    /// @dev Pauses one time in eight, otherwise unpauses (so most commits run unpaused).
    function setPaused(uint8 seed) external {
        ++calls["setPaused"];
        bool on = seed % 8 == 0;
        if (on == paused) return;
        vm.prank(owner);
        if (on) registry.pause();
        else registry.unpause();
        paused = on;
    }

    function upgradeAsOwner() external {
        ++calls["upgradeAsOwner"];
        address next = spareImplementations[calls["upgradeAsOwner"] % 2];
        vm.prank(owner);
        (bool ok,) = address(registry).call(abi.encodeCall(ISetRegistry.upgradeToAndCall, (next, "")));
        if (!ok) ++unexpectedOutcomes;
        else implementations.push(next);
    }

    function upgradeAsStranger(address caller) external {
        ++calls["upgradeAsStranger"];
        if (caller == owner) caller = address(0xbad);
        address next = spareImplementations[0];
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(registry).call(abi.encodeCall(ISetRegistry.upgradeToAndCall, (next, "")));
        if (ok) nonOwnerUpgradeSucceeded = true;
        _check(ok, ret, abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, caller));
    }
}
// forge-lint: disable-end(unsafe-typecast)
