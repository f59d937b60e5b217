// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {SetRegistry} from "../../src/SetRegistry.sol";
import {RegistryTestBase} from "./utils/RegistryTestBase.sol";

contract SetRegistryViewsTest is RegistryTestBase {
    bytes32 internal constant STORE_B = bytes32(uint256(0xb));

    /// @dev Existing SetRegistry.t.sol: test_GetLatestStateRoot
    function test_GetLatestStateRoot() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        assertEq(registry.getLatestStateRoot(TENANT, STORE), STATE_1);
    }

    /// @dev Existing SetRegistry.t.sol: test_GetLatestStateRoot_NoCommitments
    function test_GetLatestStateRoot_WhenStreamIsEmpty() public view {
        _assertStream(TENANT, STORE, bytes32(0), 0);
        assertEq(registry.headSequence(_key(TENANT, STORE)), 0);
    }

    /// @dev Existing SetRegistry.t.sol: test_GetHeadSequence
    function test_GetHeadSequence() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 50);
        assertEq(registry.getHeadSequence(TENANT, STORE), 50);
        assertEq(registry.headSequence(_key(TENANT, STORE)), 50, "headSequence(key) tells the truth");
    }

    /// @dev Existing SetRegistry.t.sol: test_GetBatchCommitment
    function test_GetBatchCommitment() public {
        vm.warp(1_700_000_000);
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        SetRegistry.BatchCommitment memory c = registry.getBatchCommitment(BATCH_1);
        assertEq(c.eventsRoot, EVENTS_ROOT);
        assertEq(c.newStateRoot, STATE_1);
        assertEq(c.sequenceStart, 1);
        assertEq(c.sequenceEnd, 10);
        assertEq(c.eventCount, 10);
        assertEq(c.timestamp, 1_700_000_000);
        SetRegistry.BatchCommitment memory none = registry.getBatchCommitment(BATCH_2);
        assertEq(none.timestamp, 0, "unknown batch reads as zeros");
        assertEq(none.eventsRoot, bytes32(0));
    }

    /// @dev Existing SetRegistry.t.sol: test_BatchExists
    function test_BatchExists() public {
        assertFalse(registry.batchExists(BATCH_1));
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        assertTrue(registry.batchExists(BATCH_1));
        bytes32[] memory ids = new bytes32[](3);
        (ids[0], ids[1], ids[2]) = (BATCH_1, BATCH_2, bytes32(0));
        bool[] memory exists = registry.batchExists(ids);
        assertTrue(exists[0]);
        assertFalse(exists[1]);
        assertFalse(exists[2]);
    }

    /// @dev Existing SetRegistry.t.sol: test_GetLatestBatchId
    function test_GetLatestBatchId() public {
        assertEq(registry.getLatestBatchId(TENANT, STORE), bytes32(0));
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        assertEq(registry.getLatestBatchId(TENANT, STORE), BATCH_1);
    }

    /// @dev Existing SetRegistry.t.sol: test_GetRegistryStats; the counter is now asserted after a commit too.
    function test_GetRegistryStats() public {
        (uint256 commitments, uint256 proofs, bool isPaused, bool isStrict) = registry.getRegistryStats();
        assertEq(commitments, 0);
        assertEq(proofs, 0);
        assertFalse(isPaused);
        assertTrue(isStrict);
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        vm.prank(owner);
        registry.pause();
        (commitments, proofs, isPaused, isStrict) = registry.getRegistryStats();
        assertEq(commitments, 1);
        assertTrue(isPaused);
    }

    /// @dev New: 0 coverage with no batches (the old contract answered 10000).
    function test_GetExtendedRegistryStatus_WhenEmpty() public view {
        (uint256 batches, uint256 proofs, uint256 seqs, bool isPaused, bool isStrict, uint256 coverage) =
            registry.getExtendedRegistryStatus();
        assertEq(batches, 0);
        assertEq(proofs, 0);
        assertEq(seqs, 1);
        assertFalse(isPaused);
        assertTrue(isStrict);
        assertEq(coverage, 0);
    }

    function test_GetTenantStoreSummary() public {
        (bytes32 id, bytes32 root, uint64 head, bool hasProof) = registry.getTenantStoreSummary(TENANT, STORE);
        assertEq(id, bytes32(0));
        assertEq(root, bytes32(0));
        assertEq(head, 0);
        assertFalse(hasProof);
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        (id, root, head, hasProof) = registry.getTenantStoreSummary(TENANT, STORE);
        assertEq(id, BATCH_1);
        assertEq(root, STATE_1);
        assertEq(head, 10);
        assertFalse(hasProof);
    }

    function test_GetBatchCommitments() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        _commit(BATCH_2, STATE_1, STATE_2, 11, 12);
        bytes32[] memory ids = new bytes32[](3);
        (ids[0], ids[1], ids[2]) = (BATCH_2, BATCH_3, BATCH_1);
        SetRegistry.BatchCommitment[] memory list = registry.getBatchCommitments(ids);
        assertEq(list.length, 3);
        assertEq(list[0].sequenceEnd, 12);
        assertEq(list[1].timestamp, 0);
        assertEq(list[2].newStateRoot, STATE_1);
    }

    function test_GetBatchLatestStateRootsAndHeadSequences() public {
        _commitTo(BATCH_1, TENANT, STORE, bytes32(0), STATE_1, 1, 10);
        _commitTo(BATCH_2, TENANT, STORE_B, bytes32(0), STATE_2, 1, 3);
        bytes32[] memory tenants = new bytes32[](3);
        bytes32[] memory stores = new bytes32[](3);
        (tenants[0], tenants[1], tenants[2]) = (TENANT, TENANT, STORE);
        (stores[0], stores[1], stores[2]) = (STORE, STORE_B, TENANT);
        bytes32[] memory roots = registry.getBatchLatestStateRoots(tenants, stores);
        uint64[] memory heads = registry.getBatchHeadSequences(tenants, stores);
        assertEq(roots[0], STATE_1);
        assertEq(roots[1], STATE_2);
        assertEq(roots[2], bytes32(0), "swapped tenant/store is another stream");
        assertEq(heads[0], 10);
        assertEq(heads[1], 3);
        assertEq(heads[2], 0);
    }

    function test_RevertWhen_BatchStreamViewsGetArraysOfDifferentLengths() public {
        vm.expectRevert(SetRegistry.ArrayLengthMismatch.selector);
        registry.getBatchLatestStateRoots(new bytes32[](2), new bytes32[](1));
        vm.expectRevert(SetRegistry.ArrayLengthMismatch.selector);
        registry.getBatchHeadSequences(new bytes32[](1), new bytes32[](2));
    }

    function test_LatestCommitmentIsKeyedByTenantStoreKey() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        // tenantStoreKey of tenant …0001 / store …0002 (docs/protocol.md#546-ethereum-side-numbers)
        bytes32 t = 0x0000000000000000000000000000000100000000000000000000000000000000;
        bytes32 s = 0x0000000000000000000000000000000200000000000000000000000000000000;
        assertEq(_key(t, s), 0xfee4ccde41d1dc5fa401e2a18ac38081fb067b6f6506372afe59366e4feae479);
        assertEq(registry.latestCommitment(_key(TENANT, STORE)), BATCH_1);
    }
}
