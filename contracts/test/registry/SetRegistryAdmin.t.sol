// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {SetRegistry} from "../../src/SetRegistry.sol";
import {RegistryTestBase} from "./utils/RegistryTestBase.sol";

contract SetRegistryAdminTest is RegistryTestBase {
    address internal seq2 = makeAddr("seq2");
    address internal seq3 = makeAddr("seq3");

    function _notOwner(address who) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, who);
    }

    /// @dev The owner sets `who`'s authorization, which emits SequencerAuthorized(who, authorized).
    function _setAuthorizationEmitting(address who, bool authorized) internal {
        vm.expectEmit(true, true, true, true, address(registry));
        emit SetRegistry.SequencerAuthorized(who, authorized);
        vm.prank(owner);
        registry.setSequencerAuthorization(who, authorized);
    }

    // ----- sequencer authorization -----

    /// @dev Existing SetRegistry.t.sol: test_SetSequencerAuthorization
    function test_SetSequencerAuthorization() public {
        _setAuthorizationEmitting(seq2, true);
        assertTrue(registry.authorizedSequencers(seq2));
        assertEq(registry.authorizedSequencerCount(), 2);
    }

    /// @dev Existing SetRegistry.t.sol: test_RevokeSequencerAuthorization
    function test_WhenRevokingSequencer() public {
        _setAuthorizationEmitting(sequencer, false);
        assertFalse(registry.authorizedSequencers(sequencer));
        assertEq(registry.authorizedSequencerCount(), 0);
    }

    function test_WhenAuthorizationIsUnchanged_EmitsAndKeepsCount() public {
        _setAuthorizationEmitting(sequencer, true);
        assertEq(registry.authorizedSequencerCount(), 1);

        vm.prank(owner);
        registry.setSequencerAuthorization(seq2, false);
        assertEq(registry.authorizedSequencerCount(), 1);
    }

    /// @dev Existing SetRegistry.t.sol: test_SetSequencerAuthorization_NotOwner
    function test_RevertWhen_SetSequencerAuthorizationCallerIsNotOwner() public {
        vm.expectRevert(_notOwner(stranger));
        vm.prank(stranger);
        registry.setSequencerAuthorization(stranger, true);
    }

    function test_RevertWhen_SequencerIsZeroAddress() public {
        vm.expectRevert(SetRegistry.InvalidAddress.selector);
        vm.prank(owner);
        registry.setSequencerAuthorization(address(0), true);
    }

    function test_BatchSetSequencerAuthorization() public {
        address[] memory list = new address[](3);
        list[0] = seq2;
        list[1] = seq3;
        list[2] = sequencer; // already authorized: event, no count change
        for (uint256 i; i < 3; ++i) {
            vm.expectEmit(true, true, true, true, address(registry));
            emit SetRegistry.SequencerAuthorized(list[i], true);
        }
        vm.prank(owner);
        registry.batchSetSequencerAuthorization(list, true);
        assertEq(registry.authorizedSequencerCount(), 3);
        bool[] memory auth = registry.areSequencersAuthorized(list);
        assertTrue(auth[0] && auth[1] && auth[2]);

        vm.prank(owner);
        registry.batchSetSequencerAuthorization(list, false);
        assertEq(registry.authorizedSequencerCount(), 0);
        auth = registry.areSequencersAuthorized(list);
        assertFalse(auth[0] || auth[1] || auth[2]);
    }

    function test_RevertWhen_BatchSetSequencerAuthorizationIsEmpty() public {
        vm.expectRevert(SetRegistry.EmptyArray.selector);
        vm.prank(owner);
        registry.batchSetSequencerAuthorization(new address[](0), true);
    }

    function test_RevertWhen_BatchSetSequencerAuthorizationHasZeroAddress() public {
        address[] memory list = new address[](2);
        list[0] = seq2;
        vm.expectRevert(SetRegistry.InvalidAddress.selector);
        vm.prank(owner);
        registry.batchSetSequencerAuthorization(list, true);
        assertFalse(registry.authorizedSequencers(seq2), "nothing applied");
        assertEq(registry.authorizedSequencerCount(), 1);
    }

    function test_RevertWhen_BatchSetSequencerAuthorizationCallerIsNotOwner() public {
        address[] memory list = new address[](1);
        list[0] = stranger;
        vm.expectRevert(_notOwner(stranger));
        vm.prank(stranger);
        registry.batchSetSequencerAuthorization(list, true);
    }

    function test_AreSequencersAuthorized() public view {
        address[] memory list = new address[](2);
        list[0] = sequencer;
        list[1] = stranger;
        bool[] memory auth = registry.areSequencersAuthorized(list);
        assertTrue(auth[0]);
        assertFalse(auth[1]);
    }

    // ----- strict mode -----

    /// @dev Existing SetRegistry.t.sol: test_SetStrictMode
    function test_SetStrictMode() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit SetRegistry.StrictModeUpdated(false);
        vm.prank(owner);
        registry.setStrictMode(false);
        assertFalse(registry.strictModeEnabled());
        (,,, bool isStrict) = registry.getRegistryStats();
        assertFalse(isStrict);
    }

    function test_RevertWhen_SetStrictModeCallerIsNotOwner() public {
        vm.expectRevert(_notOwner(stranger));
        vm.prank(stranger);
        registry.setStrictMode(false);
    }

    // ----- pause -----

    /// @dev Existing SetRegistry.t.sol: test_Pause
    function test_Pause() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit PausableUpgradeable.Paused(owner);
        vm.prank(owner);
        registry.pause();
        assertTrue(registry.paused());
        (,, bool isPaused,) = registry.getRegistryStats();
        assertTrue(isPaused);
    }

    /// @dev Existing SetRegistry.t.sol: test_Unpause
    function test_Unpause() public {
        vm.startPrank(owner);
        registry.pause();
        vm.expectEmit(true, true, true, true, address(registry));
        emit PausableUpgradeable.Unpaused(owner);
        registry.unpause();
        vm.stopPrank();
        assertFalse(registry.paused());
    }

    /// @dev Existing SetRegistry.t.sol: test_Pause_NotOwner
    function test_RevertWhen_PauseCallerIsNotOwner() public {
        vm.expectRevert(_notOwner(stranger));
        vm.prank(stranger);
        registry.pause();
    }

    function test_RevertWhen_UnpauseCallerIsNotOwner() public {
        vm.prank(owner);
        registry.pause();
        vm.expectRevert(_notOwner(stranger));
        vm.prank(stranger);
        registry.unpause();
    }

    function test_RevertGiven_Paused_WhenPausedAgain() public {
        vm.startPrank(owner);
        registry.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        registry.pause();
        vm.stopPrank();
    }

    function test_RevertGiven_NotPaused_WhenUnpaused() public {
        vm.expectRevert(PausableUpgradeable.ExpectedPause.selector);
        vm.prank(owner);
        registry.unpause();
    }

    function test_GivenPaused_AdminFunctionsAndViewsKeepWorking() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        vm.startPrank(owner);
        registry.pause();
        registry.setSequencerAuthorization(seq2, true);
        registry.setStrictMode(false);
        registry.setLegacyFunctionsEnabled(true);
        vm.stopPrank();
        assertTrue(registry.authorizedSequencers(seq2));
        assertTrue(registry.batchExists(BATCH_1));
        assertEq(registry.getHeadSequence(TENANT, STORE), 10);
    }

    // ----- legacy flag and ownership -----

    function test_SetLegacyFunctionsEnabled() public {
        vm.prank(owner);
        registry.setLegacyFunctionsEnabled(true);
        assertTrue(registry.legacyFunctionsEnabled());
        vm.prank(owner);
        registry.setLegacyFunctionsEnabled(false);
        assertFalse(registry.legacyFunctionsEnabled());
    }

    /// @dev Existing SecurityFixes.t.sol: test_SetLegacyFunctionsEnabled_OnlyOwner
    function test_RevertWhen_SetLegacyFunctionsEnabledCallerIsNotOwner() public {
        vm.expectRevert(_notOwner(stranger));
        vm.prank(stranger);
        registry.setLegacyFunctionsEnabled(true);
    }

    function test_TransferOwnership() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit OwnableUpgradeable.OwnershipTransferred(owner, stranger);
        vm.prank(owner);
        registry.transferOwnership(stranger);
        assertEq(registry.owner(), stranger);
        vm.expectRevert(_notOwner(owner));
        vm.prank(owner);
        registry.pause();
    }

    /// @dev Flags, counters and the pause bit share one slot: toggling one never disturbs another.
    function test_PackedConfigFieldsAreIndependent() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        vm.startPrank(owner);
        registry.setLegacyFunctionsEnabled(true);
        registry.pause();
        registry.setStrictMode(false);
        registry.setSequencerAuthorization(seq2, true);
        vm.stopPrank();
        (uint256 batches, uint256 proofs, uint256 seqCount, bool isPaused, bool isStrict,) =
            registry.getExtendedRegistryStatus();
        assertEq(batches, 1);
        assertEq(proofs, 0);
        assertEq(seqCount, 2);
        assertTrue(isPaused);
        assertFalse(isStrict);
        assertTrue(registry.legacyFunctionsEnabled());
    }
}
