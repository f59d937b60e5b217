// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

// Test code: the narrowing casts below are on values the test itself bounds.
// forge-lint: disable-start(unsafe-typecast)

import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {SetRegistry} from "../../src/SetRegistry.sol";
import {RegistryTestBase} from "./utils/RegistryTestBase.sol";

contract SetRegistryCommitBatchTest is RegistryTestBase {
    function _assertStored(SetRegistry.BatchInput memory b) internal view {
        (bytes32 eventsRoot, bytes32 newRoot, uint64 start, uint64 end, uint32 count, uint64 ts) =
            registry.commitments(b.batchId);
        assertEq(eventsRoot, b.eventsRoot, "eventsRoot");
        assertEq(newRoot, b.newStateRoot, "newStateRoot");
        assertEq(start, b.sequenceStart, "sequenceStart");
        assertEq(end, b.sequenceEnd, "sequenceEnd");
        assertEq(count, b.eventCount, "eventCount");
        assertEq(ts, block.timestamp, "timestamp");
    }

    // ----- success -----

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch
    function test_CommitBatch() public {
        vm.warp(1_700_000_000);
        SetRegistry.BatchInput memory b = _input(BATCH_1, TENANT, STORE, EVENTS_ROOT, bytes32(0), STATE_1, 1, 10);
        _commitInput(b);
        _assertStored(b);
        assertTrue(registry.batchExists(BATCH_1));
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_EmitsEvent
    function test_CommitBatch_EmitsBatchCommitted() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit SetRegistry.BatchCommitted(BATCH_1, _key(TENANT, STORE), EVENTS_ROOT, STATE_1, 1, 10, 10);
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_UpdatesLatestCommitment
    function test_CommitBatch_UpdatesLatestCommitmentAndHead() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        bytes32 key = _key(TENANT, STORE);
        assertEq(registry.latestCommitment(key), BATCH_1, "latest");
        assertEq(registry.getLatestBatchId(TENANT, STORE), BATCH_1, "latest id");
        assertEq(registry.getHeadSequence(TENANT, STORE), 10, "head");
        assertEq(registry.headSequence(key), 10, "headSequence mapping getter");
        assertEq(registry.getLatestStateRoot(TENANT, STORE), STATE_1, "state root");
    }

    function test_CommitBatch_CountsEveryCommitment() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        _commit(BATCH_2, STATE_1, STATE_2, 11, 20);
        assertEq(registry.totalCommitments(), 2);
        (uint256 commitmentCount,,,) = registry.getRegistryStats();
        assertEq(commitmentCount, 2);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_StateChainContinuity
    function test_GivenStreamHasBatch_WhenNextBatchContinuesChain() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        _commit(BATCH_2, STATE_1, STATE_2, 11, 20);
        _assertStream(TENANT, STORE, STATE_2, 20);
        assertEq(registry.getLatestBatchId(TENANT, STORE), BATCH_2);
    }

    function test_GivenEmptyStream_FirstBatchIsUnconstrained() public {
        // any prevStateRoot and any start for the first batch of a stream
        _commit(BATCH_1, keccak256("anything"), STATE_1, 1000, 1000);
        assertEq(registry.getHeadSequence(TENANT, STORE), 1000);
        _commit(BATCH_2, STATE_1, STATE_2, 1001, 1001);
    }

    /// @dev Existing SetRegistry.t.sol: test_MultiTenant_Isolation
    function test_StreamsAreIsolated() public {
        bytes32 tenant2 = bytes32(uint256(2));
        _commitTo(BATCH_1, TENANT, STORE, bytes32(0), STATE_1, 1, 10);
        _commitTo(BATCH_2, tenant2, STORE, bytes32(0), STATE_2, 1, 5);
        _assertStream(TENANT, STORE, STATE_1, 10);
        _assertStream(tenant2, STORE, STATE_2, 5);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_StrictModeDisabled
    function test_GivenStrictModeDisabled_GapAndWrongPrevRootAreAccepted() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        vm.prank(owner);
        registry.setStrictMode(false);
        _commit(BATCH_2, keccak256("wrong"), STATE_2, 15, 20);
        assertEq(registry.getHeadSequence(TENANT, STORE), 20);
        // and the head may move backwards: strict mode off means no continuity at all
        _commit(BATCH_3, keccak256("wrong"), STATE_3, 3, 4);
        assertEq(registry.getHeadSequence(TENANT, STORE), 4);
        assertEq(registry.totalCommitments(), 3);
    }

    function test_WhenSingleEventBatch() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 7, 7);
        (,,,, uint32 count,) = registry.commitments(BATCH_1);
        assertEq(count, 1);
    }

    function test_WhenRangeEndsAtMaxUint64() public {
        uint64 max = type(uint64).max;
        _commit(BATCH_1, bytes32(0), STATE_1, max - 9, max);
        assertEq(registry.getHeadSequence(TENANT, STORE), max);
    }

    // ----- reverts, in validation order -----

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_NotAuthorized
    function test_RevertWhen_CallerIsNotAuthorizedSequencer() public {
        vm.expectRevert(SetRegistry.NotAuthorizedSequencer.selector);
        vm.prank(stranger);
        registry.commitBatch(BATCH_1, TENANT, STORE, EVENTS_ROOT, bytes32(0), STATE_1, 1, 10, 10);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_WhenPaused
    function test_RevertGiven_Paused() public {
        vm.prank(owner);
        registry.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
    }

    function test_RevertGiven_Paused_EvenForUnauthorizedCaller() public {
        vm.prank(owner);
        registry.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(stranger);
        registry.commitBatch(BATCH_1, TENANT, STORE, EVENTS_ROOT, bytes32(0), STATE_1, 1, 10, 10);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_InvalidSequenceRange
    function test_RevertWhen_SequenceRangeIsReversed() public {
        vm.expectRevert(SetRegistry.InvalidSequenceRange.selector);
        vm.prank(sequencer);
        registry.commitBatch(BATCH_1, TENANT, STORE, EVENTS_ROOT, bytes32(0), STATE_1, 10, 5, 0);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_InvalidEventCount
    function test_RevertWhen_EventCountDoesNotMatchRange() public {
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.InvalidEventCount.selector, uint64(10), uint32(9)));
        vm.prank(sequencer);
        registry.commitBatch(BATCH_1, TENANT, STORE, EVENTS_ROOT, bytes32(0), STATE_1, 1, 10, 9);
    }

    /// @dev The old unchecked uint64 arithmetic wrapped 2^64 to 0 and accepted this (contracts/CHANGES.md).
    function test_RevertWhen_RangeCoversAllOfUint64WithCountZero() public {
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.InvalidEventCount.selector, type(uint64).max, uint32(0)));
        vm.prank(sequencer);
        registry.commitBatch(BATCH_1, TENANT, STORE, EVENTS_ROOT, bytes32(0), STATE_1, 0, type(uint64).max, 0);
    }

    function test_RevertWhen_RangeHoldsMoreThanUint32Events() public {
        uint64 end = uint64(type(uint32).max) + 1; // 1..2^32 = 2^32 events
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.InvalidEventCount.selector, uint64(end), type(uint32).max));
        vm.prank(sequencer);
        registry.commitBatch(BATCH_1, TENANT, STORE, EVENTS_ROOT, bytes32(0), STATE_1, 1, end, type(uint32).max);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_EmptyEventsRoot
    function test_RevertWhen_EventsRootIsZero() public {
        vm.expectRevert(SetRegistry.EmptyEventsRoot.selector);
        vm.prank(sequencer);
        registry.commitBatch(BATCH_1, TENANT, STORE, bytes32(0), bytes32(0), STATE_1, 1, 10, 10);
    }

    /// @dev New: the old contract accepted a zero id, which left `latestCommitment` at 0 and disabled
    /// continuity (contracts/CHANGES.md).
    function test_RevertWhen_BatchIdIsZero() public {
        vm.expectRevert(SetRegistry.InvalidBatchId.selector);
        vm.prank(sequencer);
        registry.commitBatch(bytes32(0), TENANT, STORE, EVENTS_ROOT, bytes32(0), STATE_1, 1, 10, 10);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_AlreadyCommitted (ids are global, not per stream)
    function test_RevertGiven_BatchIdAlreadyCommitted() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        vm.expectRevert(SetRegistry.BatchAlreadyCommitted.selector);
        _commitTo(BATCH_1, bytes32(uint256(99)), STORE, bytes32(0), STATE_1, 1, 10);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_StateRootMismatch
    function test_RevertGiven_StrictMode_WhenPrevStateRootMismatches() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        bytes32 wrong = keccak256("wrong");
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.StateRootMismatch.selector, STATE_1, wrong));
        _commit(BATCH_2, wrong, STATE_2, 11, 20);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatch_SequenceGap
    function test_RevertGiven_StrictMode_WhenSequenceHasGap() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.SequenceGap.selector, uint64(11), uint64(15)));
        _commit(BATCH_2, STATE_1, STATE_2, 15, 20);
    }

    function test_RevertGiven_StrictMode_WhenSequenceOverlaps() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.SequenceGap.selector, uint64(11), uint64(5)));
        _commit(BATCH_2, STATE_1, STATE_2, 5, 20);
    }

    /// @dev New: the old unchecked `+ 1` wrapped to 0, so a stream at 2^64-1 could restart at 0.
    function test_RevertGiven_StreamHeadIsMaxUint64() public {
        uint64 max = type(uint64).max;
        _commit(BATCH_1, bytes32(0), STATE_1, max - 9, max);
        vm.expectRevert(SetRegistry.InvalidSequenceRange.selector);
        _commit(BATCH_2, STATE_1, STATE_2, 0, 0);
    }

    /// @dev The validation order (docs/protocol.md#commitbatch-validation-order): each check fires before
    /// every later one (each step breaks all later rules).
    function test_ValidationOrder() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        bytes32 wrong = keccak256("wrong");

        // unauthorized beats everything
        vm.expectRevert(SetRegistry.NotAuthorizedSequencer.selector);
        vm.prank(stranger);
        registry.commitBatch(BATCH_1, TENANT, STORE, bytes32(0), wrong, STATE_2, 30, 20, 0);
        // reversed range beats count, root, id, duplicate and continuity
        vm.expectRevert(SetRegistry.InvalidSequenceRange.selector);
        vm.prank(sequencer);
        registry.commitBatch(BATCH_1, TENANT, STORE, bytes32(0), wrong, STATE_2, 30, 20, 0);
        // count beats root, id, duplicate and continuity
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.InvalidEventCount.selector, uint64(11), uint32(0)));
        vm.prank(sequencer);
        registry.commitBatch(BATCH_1, TENANT, STORE, bytes32(0), wrong, STATE_2, 30, 40, 0);
        // empty root beats zero id, duplicate and continuity
        vm.expectRevert(SetRegistry.EmptyEventsRoot.selector);
        vm.prank(sequencer);
        registry.commitBatch(bytes32(0), TENANT, STORE, bytes32(0), wrong, STATE_2, 30, 40, 11);
        // zero id beats continuity
        vm.expectRevert(SetRegistry.InvalidBatchId.selector);
        vm.prank(sequencer);
        registry.commitBatch(bytes32(0), TENANT, STORE, EVENTS_ROOT, wrong, STATE_2, 30, 40, 11);
        // duplicate beats continuity
        vm.expectRevert(SetRegistry.BatchAlreadyCommitted.selector);
        vm.prank(sequencer);
        registry.commitBatch(BATCH_1, TENANT, STORE, EVENTS_ROOT, wrong, STATE_2, 30, 40, 11);
        // state root is checked before the sequence
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.StateRootMismatch.selector, STATE_1, wrong));
        vm.prank(sequencer);
        registry.commitBatch(BATCH_2, TENANT, STORE, EVENTS_ROOT, wrong, STATE_2, 30, 40, 11);
    }

    function test_RevertWhen_Reverted_NothingIsStored() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        vm.expectRevert();
        _commit(BATCH_2, STATE_1, STATE_2, 12, 20);
        assertFalse(registry.batchExists(BATCH_2));
        assertEq(registry.totalCommitments(), 1);
        assertEq(registry.getLatestBatchId(TENANT, STORE), BATCH_1);
    }

    // ----- fuzz -----

    /// @dev Existing SetRegistry.t.sol: testFuzz_CommitBatch: stored values equal the inputs.
    function testFuzz_CommitBatch(bytes32 batchId, bytes32 eventsRoot, bytes32 newRoot, uint64 start, uint32 count)
        public
    {
        vm.assume(batchId != bytes32(0) && eventsRoot != bytes32(0));
        count = uint32(bound(count, 1, type(uint32).max));
        start = uint64(bound(start, 0, type(uint64).max - (count - 1)));
        SetRegistry.BatchInput memory b =
            _input(batchId, TENANT, STORE, eventsRoot, bytes32(0), newRoot, start, start + (count - 1));
        _commitInput(b);
        _assertStored(b);
        assertEq(registry.getHeadSequence(TENANT, STORE), b.sequenceEnd);
        assertEq(registry.totalCommitments(), 1);
    }

    function testFuzz_RevertWhen_EventCountDoesNotMatchRange(uint64 start, uint64 end, uint32 count) public {
        vm.assume(end >= start);
        uint256 expected = uint256(end) - start + 1;
        vm.assume(expected != count);
        uint64 reported = expected > type(uint64).max ? type(uint64).max : uint64(expected);
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.InvalidEventCount.selector, reported, count));
        vm.prank(sequencer);
        registry.commitBatch(BATCH_1, TENANT, STORE, EVENTS_ROOT, bytes32(0), STATE_1, start, end, count);
    }

    function testFuzz_RevertGiven_StrictMode_WhenStartIsNotHeadPlusOne(uint64 start) public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        vm.assume(start != 11 && start < type(uint64).max);
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.SequenceGap.selector, uint64(11), start));
        _commit(BATCH_2, STATE_1, STATE_2, start, start);
    }

    function testFuzz_RevertGiven_StrictMode_WhenPrevRootIsNotLatestRoot(bytes32 prev) public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        vm.assume(prev != STATE_1);
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.StateRootMismatch.selector, STATE_1, prev));
        _commit(BATCH_2, prev, STATE_2, 11, 20);
    }
}
// forge-lint: disable-end(unsafe-typecast)
