// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {SetRegistry} from "../../src/SetRegistry.sol";
import {RegistryTestBase} from "./utils/RegistryTestBase.sol";

contract SetRegistryStarkProofTest is RegistryTestBase {
    bytes32 internal constant PREV = keccak256("prev-state");

    function setUp() public override {
        super.setUp();
        _commit(BATCH_1, PREV, STATE_1, 1, 10);
    }

    function _commitProof(bytes32 batchId, bytes32 proofHash, bytes32 prev, bytes32 newRoot, uint64 size) internal {
        vm.prank(sequencer);
        registry.commitStarkProof(batchId, proofHash, prev, newRoot, POLICY_HASH, 1000, true, size, 1234);
    }

    // ----- commitStarkProof -----

    /// @dev Existing SetRegistry.t.sol: test_CommitStarkProof
    function test_CommitStarkProof() public {
        vm.warp(1_700_000_123);
        vm.expectEmit(true, true, true, true, address(registry));
        emit SetRegistry.StarkProofCommitted(BATCH_1, PROOF_HASH, POLICY_HASH, true, 4096);
        _commitProof(BATCH_1, PROOF_HASH, PREV, STATE_1, 4096);

        assertTrue(registry.hasStarkProof(BATCH_1));
        assertTrue(registry.verifyStarkProofHash(BATCH_1, PROOF_HASH));
        assertFalse(registry.verifyStarkProofHash(BATCH_1, keccak256("other")));
        _assertStoredProof(BATCH_1, 1_700_000_123);
        (bytes32 dHash, bytes32 dPolicy, bool dCompliant, uint64 dTs) = registry.getStarkProofDetails(BATCH_1);
        assertEq(dHash, PROOF_HASH);
        assertEq(dPolicy, POLICY_HASH);
        assertTrue(dCompliant);
        assertEq(dTs, 1_700_000_123);
        assertEq(registry.totalStarkProofs(), 1, "proof counter");
    }

    function test_WhenNoProof_ViewsAnswerFalseAndZero() public view {
        assertFalse(registry.hasStarkProof(BATCH_1));
        assertFalse(registry.verifyStarkProofHash(BATCH_1, bytes32(0)), "no proof never verifies, even zero");
        (bytes32 proofHash,,, uint64 ts) = registry.getStarkProofDetails(BATCH_1);
        assertEq(proofHash, bytes32(0));
        assertEq(ts, 0);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitStarkProof_InvalidProof
    function test_RevertWhen_ProofHashIsZero() public {
        vm.expectRevert(SetRegistry.InvalidProof.selector);
        _commitProof(BATCH_1, bytes32(0), PREV, STATE_1, 4096);
    }

    function test_RevertWhen_ProofSizeIsZero() public {
        vm.expectRevert(SetRegistry.InvalidProof.selector);
        _commitProof(BATCH_1, PROOF_HASH, PREV, STATE_1, 0);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitStarkProof_StateRootMismatch
    function test_RevertWhen_NewStateRootDiffersFromBatch() public {
        vm.expectRevert(SetRegistry.StateRootMismatchInProof.selector);
        _commitProof(BATCH_1, PROOF_HASH, PREV, keccak256("wrong"), 4096);
    }

    /// @dev New: the old contract ignored the proof's prevStateRoot (contracts/CHANGES.md).
    function test_RevertWhen_PrevStateRootDiffersFromBatch() public {
        vm.expectRevert(SetRegistry.StateRootMismatchInProof.selector);
        _commitProof(BATCH_1, PROOF_HASH, keccak256("wrong"), STATE_1, 4096);
    }

    function testFuzz_RevertWhen_PrevStateRootDiffersFromBatch(bytes32 prev) public {
        vm.assume(prev != PREV);
        vm.expectRevert(SetRegistry.StateRootMismatchInProof.selector);
        _commitProof(BATCH_1, PROOF_HASH, prev, STATE_1, 4096);
    }

    function test_RevertGiven_BatchNotCommitted() public {
        vm.expectRevert(SetRegistry.BatchNotCommitted.selector);
        _commitProof(BATCH_2, PROOF_HASH, PREV, STATE_1, 4096);
    }

    function test_RevertGiven_ProofAlreadyCommitted() public {
        _commitProof(BATCH_1, PROOF_HASH, PREV, STATE_1, 4096);
        vm.expectRevert(SetRegistry.StarkProofAlreadyCommitted.selector);
        _commitProof(BATCH_1, keccak256("second"), PREV, STATE_1, 4096);
        assertEq(registry.totalStarkProofs(), 1);
    }

    function test_RevertWhen_ProofCallerIsNotAuthorizedSequencer() public {
        vm.expectRevert(SetRegistry.NotAuthorizedSequencer.selector);
        vm.prank(stranger);
        registry.commitStarkProof(BATCH_1, PROOF_HASH, PREV, STATE_1, POLICY_HASH, 1000, true, 4096, 1);
    }

    function test_RevertGiven_Paused_WhenCommittingProof() public {
        vm.prank(owner);
        registry.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        _commitProof(BATCH_1, PROOF_HASH, PREV, STATE_1, 4096);
    }

    function test_ProofChecksRunInOrder() public {
        // not committed beats everything after it
        vm.expectRevert(SetRegistry.BatchNotCommitted.selector);
        _commitProof(BATCH_2, bytes32(0), PREV, keccak256("x"), 0);
        // state root beats InvalidProof
        vm.expectRevert(SetRegistry.StateRootMismatchInProof.selector);
        _commitProof(BATCH_1, bytes32(0), PREV, keccak256("x"), 0);
    }

    // ----- commitBatchWithStarkProof (served by the fallback, selector 0xdf788f5f) -----

    /// @dev Existing SetRegistry.t.sol: test_CommitBatchWithStarkProof
    function test_CommitBatchWithStarkProof() public {
        SetRegistry.BatchInput memory b = _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, STATE_1, STATE_2, 11, 20);
        vm.expectEmit(true, true, true, true, address(registry));
        emit SetRegistry.BatchCommitted(BATCH_2, _key(TENANT, STORE), EVENTS_ROOT, STATE_2, 11, 20, 10);
        vm.expectEmit(true, true, true, true, address(registry));
        emit SetRegistry.StarkProofCommitted(BATCH_2, PROOF_HASH, POLICY_HASH, true, 4096);
        _send(sequencer, _commitWithProofCalldata(b, _proof(PROOF_HASH, 4096)));

        (bytes32 eventsRoot, bytes32 newRoot, uint64 start, uint64 end, uint32 count, uint64 ts) =
            registry.commitments(BATCH_2);
        assertEq(eventsRoot, EVENTS_ROOT);
        assertEq(newRoot, STATE_2);
        assertEq(start, 11);
        assertEq(end, 20);
        assertEq(count, 10);
        assertEq(ts, block.timestamp);
        _assertStoredProof(BATCH_2, block.timestamp);
        assertEq(registry.totalCommitments(), 2);
        assertEq(registry.totalStarkProofs(), 1);
        assertEq(registry.getHeadSequence(TENANT, STORE), 20);
    }

    /// @dev Existing SetRegistry.t.sol: test_CommitBatchWithStarkProof_InvalidProof; the batch is not kept either.
    function test_RevertWhen_CombinedProofSizeIsZero() public {
        SetRegistry.BatchInput memory b = _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, STATE_1, STATE_2, 11, 20);
        vm.expectRevert(SetRegistry.InvalidProof.selector);
        _send(sequencer, _commitWithProofCalldata(b, _proof(PROOF_HASH, 0)));
        assertFalse(registry.batchExists(BATCH_2));
        assertEq(registry.totalCommitments(), 1);
    }

    function test_RevertWhen_CombinedBatchFailsValidation() public {
        SetRegistry.BatchInput memory b = _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, STATE_1, STATE_2, 12, 20);
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.SequenceGap.selector, uint64(11), uint64(12)));
        _send(sequencer, _commitWithProofCalldata(b, _proof(PROOF_HASH, 4096)));
        (b.sequenceStart, b.eventCount) = (11, 10);
        b.batchId = bytes32(0);
        vm.expectRevert(SetRegistry.InvalidBatchId.selector);
        _send(sequencer, _commitWithProofCalldata(b, _proof(PROOF_HASH, 4096)));
    }

    function test_RevertWhen_CombinedCallerIsNotAuthorizedSequencer() public {
        SetRegistry.BatchInput memory b = _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, STATE_1, STATE_2, 11, 20);
        vm.expectRevert(SetRegistry.NotAuthorizedSequencer.selector);
        _send(stranger, _commitWithProofCalldata(b, _proof(PROOF_HASH, 4096)));
    }

    function test_RevertGiven_Paused_WhenCommittingCombined() public {
        vm.prank(owner);
        registry.pause();
        SetRegistry.BatchInput memory b = _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, STATE_1, STATE_2, 11, 20);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        _send(sequencer, _commitWithProofCalldata(b, _proof(PROOF_HASH, 4096)));
    }

    function test_RevertWhen_CombinedCalldataIsMalformed() public {
        SetRegistry.BatchInput memory b = _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, STATE_1, STATE_2, 11, 20);
        bytes memory data = _commitWithProofCalldata(b, _proof(PROOF_HASH, 4096));
        // truncated
        bytes memory short = new bytes(data.length - 1);
        for (uint256 i; i < short.length; ++i) {
            short[i] = data[i];
        }
        vm.prank(sequencer);
        (bool ok, bytes memory ret) = address(registry).call(short);
        assertFalse(ok);
        assertEq(ret.length, 0);
        // dirty bool (allCompliant = 2)
        data[4 + 12 * 32 + 31] = 0x02;
        vm.prank(sequencer);
        (ok, ret) = address(registry).call(data);
        assertFalse(ok);
        assertEq(ret.length, 0);
    }

    function test_RevertWhen_SelectorIsUnknown() public {
        (bool ok, bytes memory ret) = address(registry).call(abi.encodeWithSelector(bytes4(0xdeadbeef), uint256(1)));
        assertFalse(ok);
        assertEq(ret.length, 0);
    }

    function test_RevertWhen_EtherIsSent() public {
        vm.deal(stranger, 1 ether);
        vm.prank(stranger);
        (bool ok,) = address(registry).call{value: 1}("");
        assertFalse(ok);
        SetRegistry.BatchInput memory b = _input(BATCH_2, TENANT, STORE, EVENTS_ROOT, STATE_1, STATE_2, 11, 20);
        vm.deal(sequencer, 1 ether);
        vm.prank(sequencer);
        (ok,) = address(registry).call{value: 1}(_commitWithProofCalldata(b, _proof(PROOF_HASH, 4096)));
        assertFalse(ok, "non-payable");
    }

    // ----- proof status views -----

    /// @dev Existing SetRegistry.t.sol: test_GetBatchWithProofStatus
    function test_GetBatchWithProofStatus() public {
        (SetRegistry.BatchCommitment memory c, bool hasProof, bool compliant) =
            registry.getBatchWithProofStatus(BATCH_1);
        assertEq(c.newStateRoot, STATE_1);
        assertFalse(hasProof);
        assertFalse(compliant);
        _commitProof(BATCH_1, PROOF_HASH, PREV, STATE_1, 4096);
        (c, hasProof, compliant) = registry.getBatchWithProofStatus(BATCH_1);
        assertTrue(hasProof);
        assertTrue(compliant);
    }

    function test_GetBatchProofStatuses() public {
        _commit(BATCH_2, STATE_1, STATE_2, 11, 20);
        vm.prank(sequencer);
        registry.commitStarkProof(BATCH_2, PROOF_HASH, STATE_1, STATE_2, POLICY_HASH, 1, false, 1, 1);
        bytes32[] memory ids = new bytes32[](3);
        (ids[0], ids[1], ids[2]) = (BATCH_1, BATCH_2, BATCH_3);
        (bool[] memory has, bool[] memory compliant) = registry.getBatchProofStatuses(ids);
        assertFalse(has[0]);
        assertTrue(has[1]);
        assertFalse(compliant[1]);
        assertFalse(has[2]);
    }

    /// @dev New: coverage is truthful (the old contract reported 10000 with no batches; contracts/CHANGES.md).
    function test_ProofCoverage() public {
        _commit(BATCH_2, STATE_1, STATE_2, 11, 20);
        _commitProof(BATCH_1, PROOF_HASH, PREV, STATE_1, 4096);
        (uint256 batches, uint256 proofs,,,, uint256 coverage) = registry.getExtendedRegistryStatus();
        assertEq(batches, 2);
        assertEq(proofs, 1);
        assertEq(coverage, 5000);
        (, uint256 proofCount,,) = registry.getRegistryStats();
        assertEq(proofCount, 1);
    }

    function test_GetTenantStoreSummary_ReportsLatestProof() public {
        _commitProof(BATCH_1, PROOF_HASH, PREV, STATE_1, 4096);
        (bytes32 id, bytes32 root, uint64 head, bool hasProof) = registry.getTenantStoreSummary(TENANT, STORE);
        assertEq(id, BATCH_1);
        assertEq(root, STATE_1);
        assertEq(head, 10);
        assertTrue(hasProof);
    }

    /// @dev The proof record of `batchId` holds the metadata `_commitProof` and `_proof` send
    /// (PROOF_HASH, POLICY_HASH, limit 1000, compliant, 4096 bytes, 1234 ms), stamped at `timestamp`.
    function _assertStoredProof(bytes32 batchId, uint256 timestamp) internal view {
        (bytes32 proofHash, bytes32 policyHash, uint64 limit, bool compliant, uint64 size, uint64 ms, uint64 ts) =
            registry.starkProofs(batchId);
        assertEq(proofHash, PROOF_HASH);
        assertEq(policyHash, POLICY_HASH);
        assertEq(limit, 1000);
        assertTrue(compliant);
        assertEq(size, 4096);
        assertEq(ms, 1234);
        assertEq(ts, timestamp);
    }
}
