// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

// Test code: the narrowing casts below are on values the test itself bounds.
// forge-lint: disable-start(unsafe-typecast)

import {SetRegistry} from "../../src/SetRegistry.sol";
import {RegistryTestBase} from "./utils/RegistryTestBase.sol";
import {MerkleTrees} from "./utils/MerkleTrees.sol";

/// @notice verifyInclusion (keccak-v1, lenient), verifyMultipleInclusions, verifyVesInclusion (strict).
contract SetRegistryInclusionTest is RegistryTestBase {
    // Leaves keccak256("event0".."event3") and the 4-leaf keccak tree of the existing contract's tests
    // (reference vectors 1.14, docs/protocol.md#114-registry-keccak-tree)
    bytes32 internal constant H01 = 0x1d47f9f4e55f910593e8962ee550134a4fe11f49dd0772fe6184b26d9c5a6d75;
    bytes32 internal constant H23 = 0xfc643927a6f7bbabdccee858aff312e0ac3c45c13d1460e91ce728b91f025b83;
    bytes32 internal constant ROOT4 = 0x982da11ea2b81c3c7095754d352c88d9fd186dd12c8d1fb3a9f2f3c716bd57f5;

    bytes32[4] internal leaf;

    function setUp() public override {
        super.setUp();
        for (uint256 i; i < 4; ++i) {
            leaf[i] = keccak256(bytes(string.concat("event", vm.toString(i))));
        }
        _commitRoot(BATCH_1, ROOT4, 4);
    }

    /// @dev A batch with `eventsRoot = root` and `count` events on its own stream.
    function _commitRoot(bytes32 batchId, bytes32 root, uint32 count) internal {
        _commitInput(_input(batchId, batchId, STORE, root, bytes32(0), STATE_1, 1, count));
    }

    function _p(bytes32 a) internal pure returns (bytes32[] memory p) {
        p = new bytes32[](1);
        p[0] = a;
    }

    function _p(bytes32 a, bytes32 b) internal pure returns (bytes32[] memory p) {
        p = new bytes32[](2);
        (p[0], p[1]) = (a, b);
    }

    // ----- verifyInclusion (keccak-v1, existing rule) -----

    /// @dev Existing SetRegistry.t.sol: test_VerifyInclusion, with the proofs of reference vectors 1.14.
    function test_VerifyInclusion() public view {
        assertEq(keccak256(abi.encodePacked(leaf[0], leaf[1])), H01);
        assertEq(keccak256(abi.encodePacked(leaf[2], leaf[3])), H23);
        assertEq(keccak256(abi.encodePacked(H01, H23)), ROOT4);
        assertTrue(registry.verifyInclusion(BATCH_1, leaf[0], _p(leaf[1], H23), 0));
        assertTrue(registry.verifyInclusion(BATCH_1, leaf[1], _p(leaf[0], H23), 1));
        assertTrue(registry.verifyInclusion(BATCH_1, leaf[2], _p(leaf[3], H01), 2));
        assertTrue(registry.verifyInclusion(BATCH_1, leaf[3], _p(leaf[2], H01), 3));
    }

    /// @dev Existing SetRegistry.t.sol: test_VerifyInclusion_InvalidProof
    function test_VerifyInclusion_WhenSiblingIsWrong() public view {
        assertFalse(registry.verifyInclusion(BATCH_1, leaf[0], _p(leaf[2], H23), 0));
        assertFalse(registry.verifyInclusion(BATCH_1, leaf[0], _p(leaf[1], H23), 1), "wrong side");
    }

    /// @dev Existing SetRegistry.t.sol: test_VerifyInclusion_BatchNotExists
    function test_VerifyInclusion_WhenBatchIsUnknown() public view {
        assertFalse(registry.verifyInclusion(BATCH_2, leaf[0], _p(leaf[1], H23), 0));
    }

    /// @dev The existing lenient rule is kept exactly (docs/protocol.md#strict-and-lenient-verification):
    /// index bits above the proof are ignored, an inner node verifies with a shorter proof, the root with an
    /// empty proof.
    function test_VerifyInclusion_KeepsTheLenientRule() public view {
        assertTrue(registry.verifyInclusion(BATCH_1, leaf[0], _p(leaf[1], H23), 4), "index 4 acts as 0");
        assertTrue(registry.verifyInclusion(BATCH_1, H01, _p(H23), 0), "inner node");
        assertTrue(registry.verifyInclusion(BATCH_1, ROOT4, new bytes32[](0), 0), "root, empty proof");
    }

    function testFuzz_VerifyInclusion(uint256 n, uint256 index, uint256 seed) public {
        n = bound(n, 1, 40);
        index = bound(index, 0, n - 1);
        bytes32[] memory leaves = MerkleTrees.sequentialLeaves(n, seed % 1e18);
        bytes32 root = MerkleTrees.root(leaves, false);
        _commitRoot(BATCH_2, root, uint32(n));
        bytes32[] memory proof = MerkleTrees.proof(leaves, index, false);
        assertTrue(registry.verifyInclusion(BATCH_2, leaves[index], proof, index));
        if (n > 1) {
            assertFalse(registry.verifyInclusion(BATCH_2, leaves[index], proof, index ^ 1), "sibling index");
            assertFalse(registry.verifyInclusion(BATCH_2, leaves[index] ^ bytes32(uint256(1)), proof, index));
        }
    }

    // ----- verifyMultipleInclusions -----

    /// @dev Existing SetRegistry.t.sol: test_VerifyMultipleInclusions (2-leaf tree)
    function test_VerifyMultipleInclusions() public {
        _commitRoot(BATCH_2, H01, 2);
        bytes32[] memory leaves = new bytes32[](2);
        (leaves[0], leaves[1]) = (leaf[0], leaf[1]);
        bytes32[][] memory proofs = new bytes32[][](2);
        (proofs[0], proofs[1]) = (_p(leaf[1]), _p(leaf[0]));
        uint256[] memory indices = new uint256[](2);
        (indices[0], indices[1]) = (0, 1);
        assertTrue(registry.verifyMultipleInclusions(BATCH_2, leaves, proofs, indices));
        leaves[1] = keccak256("fake");
        assertFalse(registry.verifyMultipleInclusions(BATCH_2, leaves, proofs, indices), "one bad leaf");
    }

    /// @dev Existing SetRegistry.t.sol: test_VerifyMultipleInclusions_MismatchedArrays
    function test_VerifyMultipleInclusions_WhenArrayLengthsDiffer() public view {
        assertFalse(registry.verifyMultipleInclusions(BATCH_1, new bytes32[](2), new bytes32[][](1), new uint256[](2)));
        assertFalse(registry.verifyMultipleInclusions(BATCH_1, new bytes32[](2), new bytes32[][](2), new uint256[](1)));
    }

    /// @dev New: empty lists answer false (the old contract answered true; contracts/CHANGES.md).
    function test_VerifyMultipleInclusions_WhenListsAreEmpty() public view {
        assertFalse(registry.verifyMultipleInclusions(BATCH_1, new bytes32[](0), new bytes32[][](0), new uint256[](0)));
    }

    function test_VerifyMultipleInclusions_WhenBatchIsUnknown() public view {
        bytes32[] memory leaves = new bytes32[](1);
        leaves[0] = leaf[0];
        bytes32[][] memory proofs = new bytes32[][](1);
        proofs[0] = _p(leaf[1], H23);
        assertFalse(registry.verifyMultipleInclusions(BATCH_2, leaves, proofs, new uint256[](1)));
        assertTrue(registry.verifyMultipleInclusions(BATCH_1, leaves, proofs, new uint256[](1)));
    }

    // ----- verifyVesInclusion (ves-sha256-v1, strict) -----

    function test_VerifyVesInclusion_EveryLeafOfAFiveLeafTree() public {
        bytes32[] memory leaves = MerkleTrees.sequentialLeaves(5, 0);
        _commitRoot(BATCH_2, MerkleTrees.root(leaves, true), 5);
        for (uint256 i; i < 5; ++i) {
            bytes32[] memory proof = MerkleTrees.proof(leaves, i, true);
            assertEq(proof.length, 3, "depth ceil(log2 5)");
            assertTrue(registry.verifyVesInclusion(BATCH_2, leaves[i], proof, i));
        }
    }

    function test_VerifyVesInclusion_WhenBatchHasOneEvent() public {
        bytes32 only = keccak256("only");
        _commitRoot(BATCH_2, only, 1);
        assertTrue(registry.verifyVesInclusion(BATCH_2, only, new bytes32[](0), 0));
        assertFalse(registry.verifyVesInclusion(BATCH_2, only, new bytes32[](0), 1), "index 1 >= count");
        assertFalse(registry.verifyVesInclusion(BATCH_2, only, _p(only), 0), "proof longer than depth 0");
    }

    function test_VerifyVesInclusion_ReturnsFalseRatherThanReverting() public {
        bytes32[] memory leaves = MerkleTrees.sequentialLeaves(5, 0);
        _commitRoot(BATCH_2, MerkleTrees.root(leaves, true), 5);
        bytes32[] memory proof = MerkleTrees.proof(leaves, 4, true);

        assertTrue(registry.verifyVesInclusion(BATCH_2, leaves[4], proof, 4));
        assertFalse(registry.verifyVesInclusion(BATCH_3, leaves[4], proof, 4), "unknown batch");
        assertFalse(registry.verifyVesInclusion(BATCH_2, leaves[4], proof, 5), "index == eventCount");
        assertFalse(registry.verifyVesInclusion(BATCH_2, leaves[4], proof, 4 + 8), "index past the padding");
        assertFalse(registry.verifyVesInclusion(BATCH_2, leaves[4], proof, type(uint256).max), "huge index");
        assertFalse(registry.verifyVesInclusion(BATCH_2, leaves[3], proof, 4), "wrong leaf");

        bytes32[] memory shorter = new bytes32[](2);
        (shorter[0], shorter[1]) = (proof[0], proof[1]);
        assertFalse(registry.verifyVesInclusion(BATCH_2, leaves[4], shorter, 4), "proof shorter than depth");
        bytes32[] memory longer = new bytes32[](4);
        (longer[0], longer[1], longer[2], longer[3]) = (proof[0], proof[1], proof[2], bytes32(0));
        assertFalse(registry.verifyVesInclusion(BATCH_2, leaves[4], longer, 4), "proof longer than depth");
        proof[1] ^= bytes32(uint256(1));
        assertFalse(registry.verifyVesInclusion(BATCH_2, leaves[4], proof, 4), "wrong sibling");
    }

    /// @dev The two schemes do not verify each other's proofs.
    function test_SchemesAreNotInterchangeable() public {
        bytes32[] memory leaves = MerkleTrees.sequentialLeaves(4, 0);
        _commitRoot(BATCH_2, MerkleTrees.root(leaves, true), 4);
        _commitRoot(BATCH_3, MerkleTrees.root(leaves, false), 4);
        bytes32[] memory vesProof = MerkleTrees.proof(leaves, 2, true);
        bytes32[] memory keccakProof = MerkleTrees.proof(leaves, 2, false);
        assertTrue(registry.verifyVesInclusion(BATCH_2, leaves[2], vesProof, 2));
        assertTrue(registry.verifyInclusion(BATCH_3, leaves[2], keccakProof, 2));
        assertFalse(registry.verifyVesInclusion(BATCH_3, leaves[2], keccakProof, 2));
        assertFalse(registry.verifyInclusion(BATCH_2, leaves[2], vesProof, 2));
    }

    function testFuzz_VerifyVesInclusion(uint256 n, uint256 index, uint256 seed) public {
        n = bound(n, 1, 40);
        index = bound(index, 0, n - 1);
        bytes32[] memory leaves = MerkleTrees.sequentialLeaves(n, seed % 1e18);
        _commitRoot(BATCH_2, MerkleTrees.root(leaves, true), uint32(n));
        bytes32[] memory proof = MerkleTrees.proof(leaves, index, true);
        assertTrue(registry.verifyVesInclusion(BATCH_2, leaves[index], proof, index));
    }

    /// @dev Strictness: every index other than the leaf's own (including ones that the lenient rule
    /// would alias) answers false.
    function testFuzz_VerifyVesInclusion_RejectsEveryOtherIndex(uint256 n, uint256 index, uint256 other) public {
        n = bound(n, 1, 40);
        index = bound(index, 0, n - 1);
        vm.assume(other != index);
        bytes32[] memory leaves = MerkleTrees.sequentialLeaves(n, 7);
        _commitRoot(BATCH_2, MerkleTrees.root(leaves, true), uint32(n));
        bytes32[] memory proof = MerkleTrees.proof(leaves, index, true);
        assertFalse(registry.verifyVesInclusion(BATCH_2, leaves[index], proof, other));
    }
}
// forge-lint: disable-end(unsafe-typecast)
