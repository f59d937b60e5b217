// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {SetRegistry} from "../../src/SetRegistry.sol";
import {RegistryTestBase} from "./utils/RegistryTestBase.sol";

/// @notice The legacy `registerBatchRoot` path (zero tenant/store) and `getBatchRoot`.
contract SetRegistryLegacyTest is RegistryTestBase {
    /// @dev keccak256(bytes32(0) ‖ bytes32(0)): the zero tenant/store stream the legacy path writes to
    bytes32 internal constant ZERO_KEY = 0xad3228b676f7d3cd4284a5443f17f1962b36e491b30a40b2405849e597ba5fb5;

    function _enable() internal {
        vm.prank(owner);
        registry.setLegacyFunctionsEnabled(true);
    }

    function _legacyId(uint256 start, uint256 end) internal view returns (bytes32) {
        return keccak256(abi.encodePacked(start, end, block.timestamp, sequencer));
    }

    function _register(uint256 start, uint256 end, bytes32 root) internal {
        vm.prank(sequencer);
        registry.registerBatchRoot(start, end, root);
    }

    /// @dev Existing SetRegistry.t.sol and SecurityFixes.t.sol: test_RegisterBatchRoot_DisabledByDefault
    function test_RevertGiven_LegacyDisabled() public {
        vm.expectRevert(SetRegistry.LegacyFunctionsDisabled.selector);
        _register(1, 10, EVENTS_ROOT);
    }

    function test_RevertGiven_LegacyDisabled_EvenForUnauthorizedCaller() public {
        vm.expectRevert(SetRegistry.LegacyFunctionsDisabled.selector);
        vm.prank(stranger);
        registry.registerBatchRoot(1, 10, EVENTS_ROOT);
    }

    /// @dev Existing SetRegistry.t.sol: test_RegisterBatchRoot_Legacy; existing SecurityFixes.t.sol:
    /// test_RegisterBatchRoot_WorksWhenEnabled
    function test_RegisterBatchRoot() public {
        _enable();
        bytes32 id = _legacyId(1, 10);
        vm.expectEmit(true, true, true, true, address(registry));
        emit SetRegistry.BatchCommitted(id, ZERO_KEY, EVENTS_ROOT, bytes32(0), 1, 10, 10);
        _register(1, 10, EVENTS_ROOT);
        assertEq(registry.totalCommitments(), 1);
        assertEq(registry.latestCommitment(ZERO_KEY), id);
        (bytes32 root, bytes32 newRoot, uint64 start, uint64 end, uint32 count, uint64 ts) = registry.commitments(id);
        assertEq(root, EVENTS_ROOT);
        assertEq(newRoot, bytes32(0));
        assertEq(start, 1);
        assertEq(end, 10);
        assertEq(count, 10);
        assertEq(ts, block.timestamp);
    }

    /// @dev Existing SecurityFixes.t.sol: test_RegisterBatchRoot_RequiresAuthorization
    function test_RevertWhen_LegacyCallerIsNotAuthorizedSequencer() public {
        _enable();
        vm.expectRevert(SetRegistry.NotAuthorizedSequencer.selector);
        vm.prank(stranger);
        registry.registerBatchRoot(1, 10, EVENTS_ROOT);
    }

    /// @dev Existing SetRegistry.t.sol: test_GetBatchRoot_Legacy
    function test_GetBatchRoot() public {
        _enable();
        assertEq(registry.getBatchRoot(1, 10), bytes32(0), "nothing yet");
        _register(1, 10, EVENTS_ROOT);
        assertEq(registry.getBatchRoot(1, 10), EVENTS_ROOT);
        assertEq(registry.getBatchRoot(1, 11), bytes32(0), "range must match exactly");
        vm.warp(block.timestamp + 1);
        _register(11, 20, STATE_1);
        assertEq(registry.getBatchRoot(1, 10), bytes32(0), "only the latest batch is inspected");
        assertEq(registry.getBatchRoot(11, 20), STATE_1);
    }

    /// @dev New: the legacy path respects the pause (contracts/CHANGES.md).
    function test_RevertGiven_Paused_WhenRegisteringBatchRoot() public {
        _enable();
        vm.prank(owner);
        registry.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        _register(1, 10, EVENTS_ROOT);
    }

    function test_RevertWhen_LegacyRangeIsReversed() public {
        _enable();
        vm.expectRevert(SetRegistry.InvalidSequenceRange.selector);
        _register(10, 1, EVENTS_ROOT);
    }

    /// @dev New: values above uint64 were silently truncated.
    function test_RevertWhen_LegacyRangeExceedsUint64() public {
        _enable();
        vm.expectRevert(SetRegistry.InvalidSequenceRange.selector);
        _register(1, uint256(type(uint64).max) + 1, EVENTS_ROOT);
    }

    function test_RevertWhen_LegacyRangeHoldsMoreThanUint32Events() public {
        _enable();
        vm.expectRevert(SetRegistry.InvalidSequenceRange.selector);
        _register(1, uint256(type(uint32).max) + 1, EVENTS_ROOT);
        _register(1, type(uint32).max, EVENTS_ROOT); // exactly 2^32-1 events is fine
    }

    function test_RevertWhen_LegacyRootIsZero() public {
        _enable();
        vm.expectRevert(SetRegistry.EmptyEventsRoot.selector);
        _register(1, 10, bytes32(0));
    }

    /// @dev Strict mode applies to the legacy stream like to any other.
    function test_RevertGiven_StrictMode_WhenLegacySequenceHasGap() public {
        _enable();
        _register(1, 10, EVENTS_ROOT);
        vm.warp(block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.SequenceGap.selector, uint64(11), uint64(12)));
        _register(12, 20, EVENTS_ROOT);
        _register(11, 20, EVENTS_ROOT);
        assertEq(registry.getHeadSequence(bytes32(0), bytes32(0)), 20);
    }

    /// @dev New: the legacy path no longer skips the state-root check (contracts/CHANGES.md): it cannot
    /// reset the zero stream's state root to 0.
    function test_RevertGiven_StrictMode_WhenZeroStreamHasAStateRoot() public {
        _enable();
        _commitTo(BATCH_1, bytes32(0), bytes32(0), bytes32(0), STATE_1, 1, 10);
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.StateRootMismatch.selector, STATE_1, bytes32(0)));
        _register(11, 20, EVENTS_ROOT);
    }

    function test_RevertGiven_SameRangeInSameBlock() public {
        _enable();
        vm.prank(owner);
        registry.setStrictMode(false);
        _register(1, 10, EVENTS_ROOT);
        vm.expectRevert(SetRegistry.BatchAlreadyCommitted.selector);
        _register(1, 10, EVENTS_ROOT);
    }
}
