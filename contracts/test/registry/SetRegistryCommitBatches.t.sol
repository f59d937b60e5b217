// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {SetRegistry} from "../../src/SetRegistry.sol";
import {RegistryTestBase} from "./utils/RegistryTestBase.sol";

/// @notice `commitBatches` (ADR 03): atomic, in order, failures wrapped as BatchCommitFailed(i, reason).
contract SetRegistryCommitBatchesTest is RegistryTestBase {
    bytes32 internal constant TENANT_B = bytes32(uint256(0xb));

    function _list(SetRegistry.BatchInput memory a) internal pure returns (SetRegistry.BatchInput[] memory l) {
        l = new SetRegistry.BatchInput[](1);
        l[0] = a;
    }

    function _list(SetRegistry.BatchInput memory a, SetRegistry.BatchInput memory b)
        internal
        pure
        returns (SetRegistry.BatchInput[] memory l)
    {
        l = new SetRegistry.BatchInput[](2);
        l[0] = a;
        l[1] = b;
    }

    function _list(SetRegistry.BatchInput memory a, SetRegistry.BatchInput memory b, SetRegistry.BatchInput memory c)
        internal
        pure
        returns (SetRegistry.BatchInput[] memory l)
    {
        l = new SetRegistry.BatchInput[](3);
        l[0] = a;
        l[1] = b;
        l[2] = c;
    }

    function _commitMany(SetRegistry.BatchInput[] memory l) internal {
        vm.prank(sequencer);
        registry.commitBatches(l);
    }

    function _first() internal pure returns (SetRegistry.BatchInput memory) {
        return _input(BATCH_1, TENANT, STORE, EVENTS_ROOT, bytes32(0), STATE_1, 1, 10);
    }

    function _second() internal pure returns (SetRegistry.BatchInput memory) {
        return _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, STATE_1, STATE_2, 11, 20);
    }

    // ----- success -----

    function test_CommitBatches_CommitsEveryItemInOrder() public {
        SetRegistry.BatchInput memory other = _input(BATCH_3, TENANT_B, STORE, EVENTS_ROOT, bytes32(0), STATE_3, 5, 6);
        vm.expectEmit(true, true, true, true, address(registry));
        emit SetRegistry.BatchCommitted(BATCH_1, _key(TENANT, STORE), EVENTS_ROOT, STATE_1, 1, 10, 10);
        vm.expectEmit(true, true, true, true, address(registry));
        emit SetRegistry.BatchCommitted(BATCH_3, _key(TENANT_B, STORE), EVENTS_ROOT, STATE_3, 5, 6, 2);
        vm.expectEmit(true, true, true, true, address(registry));
        emit SetRegistry.BatchCommitted(BATCH_2, _key(TENANT, STORE), EVENTS_ROOT, STATE_2, 11, 20, 10);
        _commitMany(_list(_first(), other, _second()));

        assertEq(registry.totalCommitments(), 3, "counter +3");
        assertEq(registry.getLatestBatchId(TENANT, STORE), BATCH_2);
        assertEq(registry.getLatestBatchId(TENANT_B, STORE), BATCH_3);
        assertEq(registry.getHeadSequence(TENANT, STORE), 20);
        assertEq(registry.getLatestStateRoot(TENANT_B, STORE), STATE_3);
    }

    /// @dev ADR 03: item 2 may continue item 1's stream.
    function test_WhenItemContinuesAnEarlierItemsStream() public {
        _commitMany(_list(_first(), _second()));
        assertEq(registry.getLatestStateRoot(TENANT, STORE), STATE_2);
    }

    function test_WhenItemContinuesAStreamCommittedEarlier() public {
        _commitInput(_first());
        _commitMany(_list(_second()));
        assertEq(registry.getHeadSequence(TENANT, STORE), 20);
        assertEq(registry.totalCommitments(), 2);
    }

    function test_GivenStrictModeDisabled_ItemsAreNotChained() public {
        vm.prank(owner);
        registry.setStrictMode(false);
        SetRegistry.BatchInput memory gap = _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, keccak256("x"), STATE_2, 50, 60);
        _commitMany(_list(_first(), gap));
        assertEq(registry.getHeadSequence(TENANT, STORE), 60);
    }

    // ----- caller-level reverts (not wrapped) -----

    function test_RevertWhen_ListIsEmpty() public {
        vm.expectRevert(SetRegistry.EmptyArray.selector);
        _commitMany(new SetRegistry.BatchInput[](0));
    }

    function test_RevertWhen_CallerIsNotAuthorizedSequencer() public {
        vm.expectRevert(SetRegistry.NotAuthorizedSequencer.selector);
        vm.prank(stranger);
        registry.commitBatches(_list(_first()));
    }

    function test_RevertGiven_Paused() public {
        vm.prank(owner);
        registry.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        _commitMany(_list(_first()));
    }

    // ----- item failures: BatchCommitFailed(index, the item's own revert data) -----

    function test_RevertWhen_ItemRangeIsReversed() public {
        SetRegistry.BatchInput memory bad = _second();
        (bad.sequenceStart, bad.sequenceEnd) = (20, 11);
        vm.expectRevert(_commitFailed(1, abi.encodeWithSelector(SetRegistry.InvalidSequenceRange.selector)));
        _commitMany(_list(_first(), bad));
    }

    function test_RevertWhen_ItemEventCountDoesNotMatch() public {
        SetRegistry.BatchInput memory bad = _first();
        bad.eventCount = 9;
        vm.expectRevert(
            _commitFailed(0, abi.encodeWithSelector(SetRegistry.InvalidEventCount.selector, uint64(10), uint32(9)))
        );
        _commitMany(_list(bad, _second()));
    }

    function test_RevertWhen_ItemEventsRootIsZero() public {
        SetRegistry.BatchInput memory bad = _second();
        bad.eventsRoot = bytes32(0);
        vm.expectRevert(_commitFailed(1, abi.encodeWithSelector(SetRegistry.EmptyEventsRoot.selector)));
        _commitMany(_list(_first(), bad));
    }

    function test_RevertWhen_ItemBatchIdIsZero() public {
        SetRegistry.BatchInput memory bad = _second();
        bad.batchId = bytes32(0);
        vm.expectRevert(_commitFailed(1, abi.encodeWithSelector(SetRegistry.InvalidBatchId.selector)));
        _commitMany(_list(_first(), bad));
    }

    function test_RevertWhen_ItemBatchIdWasCommittedBefore() public {
        _commitInput(_first());
        SetRegistry.BatchInput memory dup = _second();
        dup.batchId = BATCH_1;
        vm.expectRevert(_commitFailed(0, abi.encodeWithSelector(SetRegistry.BatchAlreadyCommitted.selector)));
        _commitMany(_list(dup));
    }

    function test_RevertWhen_ItemBatchIdRepeatsAnEarlierItem() public {
        SetRegistry.BatchInput memory dup = _input(BATCH_1, TENANT_B, STORE, EVENTS_ROOT, bytes32(0), STATE_3, 1, 1);
        vm.expectRevert(_commitFailed(1, abi.encodeWithSelector(SetRegistry.BatchAlreadyCommitted.selector)));
        _commitMany(_list(_first(), dup));
    }

    function test_RevertWhen_ItemPrevStateRootDoesNotChain() public {
        SetRegistry.BatchInput memory bad = _second();
        bad.prevStateRoot = STATE_3;
        vm.expectRevert(
            _commitFailed(1, abi.encodeWithSelector(SetRegistry.StateRootMismatch.selector, STATE_1, STATE_3))
        );
        _commitMany(_list(_first(), bad));
    }

    function test_RevertWhen_ItemLeavesASequenceGap() public {
        SetRegistry.BatchInput memory bad = _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, STATE_1, STATE_2, 12, 20);
        vm.expectRevert(
            _commitFailed(1, abi.encodeWithSelector(SetRegistry.SequenceGap.selector, uint64(11), uint64(12)))
        );
        _commitMany(_list(_first(), bad));
    }

    function test_RevertWhen_ItemContinuesAFullStream() public {
        uint64 max = type(uint64).max;
        SetRegistry.BatchInput memory full = _input(BATCH_1, TENANT, STORE, EVENTS_ROOT, bytes32(0), STATE_1, max, max);
        SetRegistry.BatchInput memory next = _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, STATE_1, STATE_2, 0, 0);
        vm.expectRevert(_commitFailed(1, abi.encodeWithSelector(SetRegistry.InvalidSequenceRange.selector)));
        _commitMany(_list(full, next));
    }

    /// @dev Atomic: a failing item undoes every earlier item of the call.
    function test_RevertWhen_ItemFails_NothingIsCommitted() public {
        SetRegistry.BatchInput memory other = _input(BATCH_3, TENANT_B, STORE, EVENTS_ROOT, bytes32(0), STATE_3, 5, 6);
        SetRegistry.BatchInput memory bad = _second();
        bad.eventsRoot = bytes32(0);
        vm.prank(sequencer);
        (bool ok,) = address(registry).call(abi.encodeCall(SetRegistry.commitBatches, (_list(_first(), other, bad))));
        assertFalse(ok);
        assertFalse(registry.batchExists(BATCH_1));
        assertFalse(registry.batchExists(BATCH_3));
        assertEq(registry.totalCommitments(), 0);
        assertEq(registry.getLatestBatchId(TENANT, STORE), bytes32(0));
    }

    /// @dev The wrapped reason is exactly what commitBatch reverts with for the same item and state.
    function test_RevertWhen_ItemFails_ReasonEqualsCommitBatchRevert() public {
        _commitInput(_first());
        SetRegistry.BatchInput memory bad = _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, STATE_3, STATE_2, 15, 20);
        vm.prank(sequencer);
        (bool ok1, bytes memory single) = address(registry).call(_commitCalldata(bad));
        vm.prank(sequencer);
        (bool ok2, bytes memory wrapped) =
            address(registry).call(abi.encodeCall(SetRegistry.commitBatches, (_list(bad))));
        assertFalse(ok1 || ok2);
        assertEq(wrapped, _commitFailed(0, single));
    }

    // ----- fuzz: commitBatches == the same items sent one by one -----

    /// @dev For random lists (valid continuations, random defects, two streams), commitBatches either
    /// lands exactly the state that sequential commitBatch calls land, or reverts with
    /// BatchCommitFailed(i, r) where item i is the first whose commitBatch reverts with r, and then
    /// changes nothing.
    function testFuzz_CommitBatchesEqualsSequentialCommitBatch(uint256 seed, uint8 length) public {
        _commitInput(_first());
        uint256 n = bound(length, 1, 6);
        SetRegistry.BatchInput[] memory l = new SetRegistry.BatchInput[](n);
        bytes32[2] memory roots = [STATE_1, bytes32(0)];
        uint64[2] memory heads = [uint64(10), uint64(0)];
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint256 s = r % 2;
            bytes32 newRoot = keccak256(abi.encode("root", seed, i));
            l[i] = _input(
                keccak256(abi.encode("id", seed, i)),
                s == 0 ? TENANT : TENANT_B,
                STORE,
                EVENTS_ROOT,
                roots[s],
                newRoot,
                heads[s] + 1,
                heads[s] + 1 + uint64((r >> 8) % 5)
            );
            uint256 defect = (r >> 16) % 10; // 0..6: one defect, 7..9: valid
            if (defect == 0) l[i].sequenceStart += 1;
            else if (defect == 1) l[i].prevStateRoot = keccak256("stale");
            else if (defect == 2) l[i].eventCount += 1;
            else if (defect == 3) l[i].eventsRoot = bytes32(0);
            else if (defect == 4) l[i].batchId = bytes32(0);
            else if (defect == 5) l[i].batchId = i == 0 ? BATCH_1 : l[i - 1].batchId;
            else if (defect == 6) (l[i].sequenceStart, l[i].sequenceEnd) = (l[i].sequenceEnd + 1, l[i].sequenceEnd);
            if (defect >= 7 || (s == 1 && heads[1] == 0 && (defect == 0 || defect == 1))) {
                // valid (a defect in continuity is no defect for a stream's first batch)
                roots[s] = newRoot;
                heads[s] = l[i].sequenceEnd;
            }
        }

        uint256 snap = vm.snapshotState();
        uint256 failedAt = type(uint256).max;
        bytes memory reason;
        for (uint256 i; i < n; ++i) {
            vm.prank(sequencer);
            (bool ok, bytes memory ret) = address(registry).call(_commitCalldata(l[i]));
            if (!ok) {
                (failedAt, reason) = (i, ret);
                break;
            }
        }
        bytes32[] memory ids = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            ids[i] = l[i].batchId;
        }
        SetRegistry.BatchCommitment[] memory sequential = registry.getBatchCommitments(ids);
        uint256 sequentialTotal = registry.totalCommitments();
        vm.revertToState(snap);

        vm.prank(sequencer);
        (bool okMany, bytes memory retMany) = address(registry).call(abi.encodeCall(SetRegistry.commitBatches, (l)));
        if (failedAt == type(uint256).max) {
            assertTrue(okMany, "all items valid one by one, so the list lands");
            SetRegistry.BatchCommitment[] memory batched = registry.getBatchCommitments(ids);
            for (uint256 i; i < n; ++i) {
                assertEq(keccak256(abi.encode(batched[i])), keccak256(abi.encode(sequential[i])), "same commitment");
            }
            assertEq(registry.totalCommitments(), sequentialTotal, "same count");
        } else {
            assertFalse(okMany, "an item fails, so the list fails");
            assertEq(retMany, _commitFailed(failedAt, reason), "wrapped first failure");
            assertEq(registry.totalCommitments(), 1, "nothing landed");
        }
    }
}
