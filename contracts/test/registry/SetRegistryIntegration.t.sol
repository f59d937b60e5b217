// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {SetRegistry} from "../../src/SetRegistry.sol";
import {RegistryTestBase} from "./utils/RegistryTestBase.sol";
import {MerkleTrees} from "./utils/MerkleTrees.sol";

/// @notice Registry parts of the existing Integration.t.sol, as end-to-end flows.
contract SetRegistryIntegrationTest is RegistryTestBase {
    /// @dev Existing Integration.t.sol: test_CompleteBatchCommitAndVerifyFlow (4-leaf keccak tree), plus the same
    /// flow for the sequencer's VES tree.
    function test_CompleteBatchCommitAndVerifyFlow() public {
        bytes32[] memory leaves = new bytes32[](4);
        for (uint256 i; i < 4; ++i) {
            leaves[i] = keccak256(abi.encode("order", i));
        }
        bytes32 keccakRoot = MerkleTrees.root(leaves, false);
        bytes32 vesRoot = MerkleTrees.root(leaves, true);
        _commitInput(_input(BATCH_1, TENANT, STORE, keccakRoot, bytes32(0), STATE_1, 1, 4));
        _commitInput(_input(BATCH_2, TENANT, STORE, vesRoot, STATE_1, STATE_2, 5, 8));
        for (uint256 i; i < 4; ++i) {
            assertTrue(registry.verifyInclusion(BATCH_1, leaves[i], MerkleTrees.proof(leaves, i, false), i));
            assertTrue(registry.verifyVesInclusion(BATCH_2, leaves[i], MerkleTrees.proof(leaves, i, true), i));
        }
        bytes32 fake = keccak256("fake");
        assertFalse(registry.verifyInclusion(BATCH_1, fake, MerkleTrees.proof(leaves, 0, false), 0));
        assertFalse(registry.verifyVesInclusion(BATCH_2, fake, MerkleTrees.proof(leaves, 0, true), 0));
    }

    /// @dev Existing Integration.t.sol: test_MultiTenantIsolation
    function test_MultiTenantIsolation() public {
        bytes32 t1 = keccak256("tenant1");
        bytes32 t2 = keccak256("tenant2");
        _commitTo(BATCH_1, t1, STORE, bytes32(0), STATE_1, 1, 100);
        _commitTo(BATCH_2, t2, STORE, bytes32(0), STATE_2, 1, 50);
        _assertStream(t1, STORE, STATE_1, 100);
        _assertStream(t2, STORE, STATE_2, 50);
        // continuing tenant 1 is not affected by tenant 2
        _commitTo(BATCH_3, t1, STORE, STATE_1, STATE_3, 101, 110);
        assertEq(registry.getHeadSequence(t2, STORE), 50);
    }

    /// @dev Existing Integration.t.sol: test_StateChainContinuity
    function test_StateChainContinuity() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        _commit(BATCH_2, STATE_1, STATE_2, 11, 20);
        _commit(BATCH_3, STATE_2, STATE_3, 21, 30);
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.StateRootMismatch.selector, STATE_3, STATE_1));
        _commit(keccak256("batch-4"), STATE_1, keccak256("state-4"), 31, 40);
        assertEq(registry.totalCommitments(), 3);
    }

    /// @dev Existing Integration.t.sol: test_TimelockGovernanceFlow, with OpenZeppelin's TimelockController as owner
    /// (5 minute delay).
    function test_TimelockGovernanceFlow() public {
        address[] memory proposers = new address[](1);
        proposers[0] = owner;
        address[] memory executors = new address[](1);
        executors[0] = owner;
        TimelockController timelock = new TimelockController(5 minutes, proposers, executors, address(0));
        vm.prank(owner);
        registry.transferOwnership(address(timelock));
        assertEq(registry.owner(), address(timelock));

        address newSequencer = makeAddr("new-sequencer");
        bytes memory call = abi.encodeCall(SetRegistry.setSequencerAuthorization, (newSequencer, true));
        vm.prank(owner);
        timelock.schedule(address(registry), 0, call, bytes32(0), bytes32(0), 5 minutes);

        // the old owner can no longer act directly, and the operation is not ready yet
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, owner));
        vm.prank(owner);
        registry.setSequencerAuthorization(newSequencer, true);
        vm.expectRevert();
        vm.prank(owner);
        timelock.execute(address(registry), 0, call, bytes32(0), bytes32(0));

        vm.warp(block.timestamp + 5 minutes);
        vm.prank(owner);
        timelock.execute(address(registry), 0, call, bytes32(0), bytes32(0));
        assertTrue(registry.authorizedSequencers(newSequencer));
        assertEq(registry.authorizedSequencerCount(), 2);
    }

    /// @dev Existing Integration.t.sol: test_ConcurrentBatchCommits (same tenant, two stores)
    function test_ConcurrentBatchCommits() public {
        bytes32 storeA = keccak256("store-a");
        bytes32 storeB = keccak256("store-b");
        _commitTo(BATCH_1, TENANT, storeA, bytes32(0), STATE_1, 1, 10);
        _commitTo(BATCH_2, TENANT, storeB, bytes32(0), STATE_2, 1, 20);
        _commitTo(BATCH_3, TENANT, storeA, STATE_1, STATE_3, 11, 15);
        assertEq(registry.getHeadSequence(TENANT, storeA), 15);
        assertEq(registry.getHeadSequence(TENANT, storeB), 20);
        assertEq(registry.getLatestBatchId(TENANT, storeA), BATCH_3);
        assertEq(registry.getLatestBatchId(TENANT, storeB), BATCH_2);
    }

    /// @dev The same two streams landed by one commitBatches call (what the anchor does per block).
    function test_ConcurrentBatchCommits_InOneCommitBatchesCall() public {
        bytes32 storeA = keccak256("store-a");
        bytes32 storeB = keccak256("store-b");
        SetRegistry.BatchInput[] memory l = new SetRegistry.BatchInput[](3);
        l[0] = _input(BATCH_1, TENANT, storeA, EVENTS_ROOT, bytes32(0), STATE_1, 1, 10);
        l[1] = _input(BATCH_2, TENANT, storeB, EVENTS_ROOT, bytes32(0), STATE_2, 1, 20);
        l[2] = _input(BATCH_3, TENANT, storeA, EVENTS_ROOT, STATE_1, STATE_3, 11, 15);
        vm.prank(sequencer);
        registry.commitBatches(l);
        assertEq(registry.getHeadSequence(TENANT, storeA), 15);
        assertEq(registry.getHeadSequence(TENANT, storeB), 20);
        assertEq(registry.totalCommitments(), 3);
    }

    /// @dev Existing Integration.t.sol: test_MultipleInclusionVerification
    function test_MultipleInclusionVerification() public {
        bytes32[] memory leaves = new bytes32[](4);
        for (uint256 i; i < 4; ++i) {
            leaves[i] = keccak256(abi.encode("event", i));
        }
        _commitInput(_input(BATCH_1, TENANT, STORE, MerkleTrees.root(leaves, false), bytes32(0), STATE_1, 1, 4));
        bytes32[][] memory proofs = new bytes32[][](4);
        uint256[] memory indices = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            proofs[i] = MerkleTrees.proof(leaves, i, false);
            indices[i] = i;
        }
        assertTrue(registry.verifyMultipleInclusions(BATCH_1, leaves, proofs, indices));
        leaves[2] = keccak256("wrong");
        assertFalse(registry.verifyMultipleInclusions(BATCH_1, leaves, proofs, indices));
    }
}
