// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {SetRegistry} from "../../src/SetRegistry.sol";
import {RegistryTestBase} from "./utils/RegistryTestBase.sol";

contract SetRegistryInitializeTest is RegistryTestBase {
    /// @dev Existing SetRegistry.t.sol: test_Initialize
    function test_Initialize() public view {
        assertEq(registry.owner(), owner, "owner");
        assertTrue(registry.authorizedSequencers(sequencer), "sequencer authorized");
        assertTrue(registry.strictModeEnabled(), "strict mode on");
        assertEq(registry.authorizedSequencerCount(), 1, "one sequencer");
        assertFalse(registry.legacyFunctionsEnabled(), "legacy off");
        assertFalse(registry.paused(), "not paused");
        assertEq(registry.totalCommitments(), 0, "no commitments");
        assertEq(registry.totalStarkProofs(), 0, "no proofs");
    }

    function test_WhenInitialized_EmitsOwnershipSequencerAndInitializedEvents() public {
        vm.expectEmit(true, true, true, true);
        emit OwnableUpgradeable.OwnershipTransferred(address(0), owner);
        vm.expectEmit(true, true, true, true);
        emit SetRegistry.SequencerAuthorized(sequencer, true);
        vm.expectEmit(true, true, true, true);
        emit Initializable.Initialized(1);
        _deployProxy(owner, sequencer);
    }

    /// @dev Existing SetRegistry.t.sol: test_Initialize_WithZeroSequencer
    function test_WhenInitialSequencerIsZero() public {
        SetRegistry r = _deployProxy(owner, address(0));
        assertEq(r.authorizedSequencerCount(), 0, "count");
        assertFalse(r.authorizedSequencers(address(0)), "zero not authorized");
        assertFalse(r.authorizedSequencers(sequencer), "sequencer not authorized");
    }

    /// @dev Existing SetRegistry.t.sol: test_CannotReinitialize
    function test_RevertWhen_InitializedTwice() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        registry.initialize(stranger, stranger);
    }

    function test_RevertWhen_ImplementationIsInitialized() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(owner, sequencer);
    }

    function test_RevertWhen_OwnerIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableInvalidOwner.selector, address(0)));
        new ERC1967Proxy(address(implementation), abi.encodeCall(SetRegistry.initialize, (address(0), sequencer)));
    }
}
