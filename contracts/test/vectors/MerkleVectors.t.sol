// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

// Test code: the narrowing casts below are on values the test itself bounds.
// forge-lint: disable-start(unsafe-typecast)

import {SetRegistry} from "../../src/SetRegistry.sol";
import {RegistryTestBase} from "../registry/utils/RegistryTestBase.sol";
import {MerkleTrees} from "../registry/utils/MerkleTrees.sol";
import {JsonDoc, JsonDocLib} from "./utils/JsonDoc.sol";

/// @notice tests/vectors/merkle.json against the on-chain verifiers: every tree of both schemes is
/// committed (eventsRoot = the scheme's root, eventCount = leaf_count, sequences 1..n, own stream) and
/// every proof must verify; every negative case must answer as the vector says.
contract MerkleVectorsTest is RegistryTestBase {
    using JsonDocLib for JsonDoc;

    string internal constant VES = "ves-sha256-v1";
    string internal constant KECCAK = "keccak-v1";

    function _doc() internal view returns (JsonDoc memory) {
        return JsonDocLib.load("../tests/vectors/merkle.json");
    }

    function _at(string memory arrayPath, uint256 i) internal pure returns (string memory) {
        return JsonDocLib.at(arrayPath, i);
    }

    /// @dev A batch on its own stream (tenant = batch id) with the given root and count.
    function _commitRoot(bytes32 batchId, bytes32 root, uint256 count) internal {
        _commitInput(_input(batchId, batchId, STORE, root, bytes32(0), STATE_1, 1, uint64(count)));
    }

    function _isVes(string memory scheme) internal pure returns (bool) {
        return keccak256(bytes(scheme)) == keccak256(bytes(VES));
    }

    function test_PadLeavesMatchTheSchemes() public view {
        JsonDoc memory doc = _doc();
        for (uint256 i; i < doc.length(".schemes"); ++i) {
            string memory id = doc.str(string.concat(_at(".schemes", i), ".id"));
            bytes32 pad = doc.b32(string.concat(_at(".schemes", i), ".pad_leaf"));
            assertEq(pad, _isVes(id) ? MerkleTrees.vesPadLeaf() : MerkleTrees.keccakPadLeaf(), id);
        }
    }

    /// @dev Every keccak-v1 proof verifies through verifyInclusion and every ves-sha256-v1 proof through
    /// verifyVesInclusion, for all trees (n = 1..17, 64, 100, 1000).
    function test_EveryTreeProofVerifiesOnChain() public {
        JsonDoc memory doc = _doc();
        uint256 trees = doc.length(".trees");
        assertEq(trees, 20, "tree count");
        uint256 checked;
        for (uint256 t; t < trees; ++t) {
            string memory tree = _at(".trees", t);
            bytes32[] memory leaves = doc.b32s(string.concat(tree, ".leaves"));
            assertEq(leaves.length, doc.u256(string.concat(tree, ".leaf_count")), "leaves");
            checked += _checkTreeScheme(doc, tree, t, leaves, true);
            checked += _checkTreeScheme(doc, tree, t, leaves, false);
        }
        emit log_named_uint("proofs verified", checked);
    }

    function _checkTreeScheme(JsonDoc memory doc, string memory tree, uint256 t, bytes32[] memory leaves, bool ves)
        internal
        returns (uint256 np)
    {
        string memory scheme = string.concat(tree, ".schemes['", ves ? VES : KECCAK, "']");
        assertEq(doc.u256(string.concat(scheme, ".depth")), MerkleTrees.depth(leaves.length), "depth");
        bytes32 batchId = keccak256(abi.encode("merkle-vector", t, ves));
        _commitRoot(batchId, doc.b32(string.concat(scheme, ".root")), leaves.length);
        string memory proofs = string.concat(scheme, ".proofs");
        np = doc.length(proofs);
        assertGt(np, 0, "has proofs");
        for (uint256 p; p < np; ++p) {
            uint256 index = doc.u256(string.concat(_at(proofs, p), ".index"));
            bytes32[] memory proof = doc.b32s(string.concat(_at(proofs, p), ".proof"));
            bool ok = ves
                ? registry.verifyVesInclusion(batchId, leaves[index], proof, index)
                : registry.verifyInclusion(batchId, leaves[index], proof, index);
            assertTrue(ok, string.concat(scheme, " index ", vm.toString(index)));
        }
    }

    /// @dev The test's own tree builder reproduces every vector root (so the fuzz tests built on it
    /// exercise the same trees).
    function test_ReferenceBuilderReproducesTheRoots() public view {
        JsonDoc memory doc = _doc();
        uint256 trees = doc.length(".trees");
        for (uint256 t; t < trees; ++t) {
            string memory tree = _at(".trees", t);
            bytes32[] memory leaves = doc.b32s(string.concat(tree, ".leaves"));
            assertEq(MerkleTrees.root(leaves, true), doc.b32(string.concat(tree, ".schemes['", VES, "'].root")));
            assertEq(MerkleTrees.root(leaves, false), doc.b32(string.concat(tree, ".schemes['", KECCAK, "'].root")));
        }
    }

    /// @dev Negative cases: ves-sha256-v1 → verifyVesInclusion == (expect == "valid") (errors answer
    /// false); keccak-v1 → verifyInclusion == lenient, skipped where lenient is null (the
    /// proof_longer_than_64 cases, which the core refuses before any hashing).
    /// A leaf_count of 0 cannot be committed (eventCount = end - start + 1 >= 1), so for ves those cases
    /// query an uncommitted batch (the on-chain form of "no events") and must answer false; for keccak
    /// the lenient rule ignores the count, so the root is committed with eventCount 1.
    function test_NegativeCases() public {
        JsonDoc memory doc = _doc();
        uint256 cases = doc.length(".negative");
        uint256[3] memory tally; // ves checked, keccak checked, keccak skipped
        for (uint256 c; c < cases; ++c) {
            ++tally[_checkNegative(doc, c)];
        }
        assertEq(tally[0], 60, "every ves case");
        assertEq(tally[1] + tally[2], 60, "every keccak case");
        assertEq(tally[2], 6, "only the lenient = null cases are skipped");
        emit log_named_uint("ves negative cases checked", tally[0]);
        emit log_named_uint("keccak negative cases checked", tally[1]);
        emit log_named_uint("keccak cases skipped (lenient null)", tally[2]);
    }

    /// @dev Returns 0 (ves checked), 1 (keccak checked) or 2 (keccak skipped: lenient is null).
    function _checkNegative(JsonDoc memory doc, uint256 c) internal returns (uint256) {
        string memory k = _at(".negative", c);
        string memory scheme = doc.str(string.concat(k, ".scheme"));
        string memory label = string.concat(scheme, " ", doc.str(string.concat(k, ".name")));
        bytes32 root = doc.b32(string.concat(k, ".root"));
        bytes32 leaf = doc.b32(string.concat(k, ".leaf"));
        uint256 index = doc.u256(string.concat(k, ".index"));
        uint256 n = doc.u256(string.concat(k, ".leaf_count"));
        bytes32[] memory proof = doc.b32s(string.concat(k, ".proof"));
        bytes32 batchId = keccak256(abi.encode("negative", c));
        if (_isVes(scheme)) {
            bool expectValid = keccak256(bytes(doc.str(string.concat(k, ".expect")))) == keccak256("valid");
            if (n != 0) _commitRoot(batchId, root, n);
            assertEq(registry.verifyVesInclusion(batchId, leaf, proof, index), expectValid, label);
            return 0;
        }
        (bool isBool, bool lenient) = doc.boolean(string.concat(k, ".lenient"));
        if (!isBool) return 2;
        _commitRoot(batchId, root, n == 0 ? 1 : n);
        assertEq(registry.verifyInclusion(batchId, leaf, proof, index), lenient, label);
        return 1;
    }

    /// @dev ves_reference_synthetic (reference vectors 5.4.3 of docs/protocol.md: roots over leaves
    /// 01…01, 02…02, …): the builder reproduces each root, and every leaf verifies on-chain against it.
    function test_VesReferenceSyntheticRoots() public {
        JsonDoc memory doc = _doc();
        string memory base = ".ves_reference_synthetic.cases";
        uint256 cases = doc.length(base);
        assertGt(cases, 0);
        for (uint256 c; c < cases; ++c) {
            uint256 n = doc.u256(string.concat(_at(base, c), ".leaf_count"));
            bytes32 root = doc.b32(string.concat(_at(base, c), ".root"));
            bytes32[] memory leaves = new bytes32[](n);
            for (uint256 i; i < n; ++i) {
                leaves[i] = bytes32(uint256(i + 1) * (type(uint256).max / 255));
            }
            assertEq(MerkleTrees.root(leaves, true), root, string.concat("synthetic n=", vm.toString(n)));
            bytes32 batchId = keccak256(abi.encode("synthetic", c));
            _commitRoot(batchId, root, n);
            for (uint256 i; i < n; ++i) {
                assertTrue(registry.verifyVesInclusion(batchId, leaves[i], MerkleTrees.proof(leaves, i, true), i));
            }
        }
    }
}
// forge-lint: disable-end(unsafe-typecast)
