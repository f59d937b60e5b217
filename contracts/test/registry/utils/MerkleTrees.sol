// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

/// @notice Reference builder for the two Merkle schemes of docs/protocol.md#merkle-trees (test-only, clarity over gas):
/// leaves padded to the next power of two with the scheme's pad leaf; level k+1 element j =
/// node(level_k[2j], level_k[2j+1]); a proof is the sibling list bottom-up.
library MerkleTrees {
    /// @dev SHA-256("VES_PAD_LEAF_V1")
    function vesPadLeaf() internal pure returns (bytes32) {
        return sha256("VES_PAD_LEAF_V1");
    }

    /// @dev keccak256("SET_PAD_LEAF_V1")
    function keccakPadLeaf() internal pure returns (bytes32) {
        return keccak256("SET_PAD_LEAF_V1");
    }

    function vesNode(bytes32 l, bytes32 r) internal pure returns (bytes32) {
        return sha256(abi.encodePacked("VES_NODE_V1", l, r));
    }

    function keccakNode(bytes32 l, bytes32 r) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(l, r));
    }

    /// @dev ceil(log2(n)); 0 for n = 1.
    function depth(uint256 n) internal pure returns (uint256 d) {
        while ((uint256(1) << d) < n) ++d;
    }

    function _padded(bytes32[] memory leaves, bool ves) private pure returns (bytes32[] memory level) {
        uint256 width = uint256(1) << depth(leaves.length);
        level = new bytes32[](width);
        bytes32 pad = ves ? vesPadLeaf() : keccakPadLeaf();
        for (uint256 i; i < width; ++i) {
            level[i] = i < leaves.length ? leaves[i] : pad;
        }
    }

    function _up(bytes32[] memory level, bool ves) private pure returns (bytes32[] memory next) {
        next = new bytes32[](level.length / 2);
        for (uint256 j; j < next.length; ++j) {
            next[j] = ves ? vesNode(level[2 * j], level[2 * j + 1]) : keccakNode(level[2 * j], level[2 * j + 1]);
        }
    }

    function root(bytes32[] memory leaves, bool ves) internal pure returns (bytes32) {
        require(leaves.length != 0, "no leaves");
        bytes32[] memory level = _padded(leaves, ves);
        while (level.length > 1) level = _up(level, ves);
        return level[0];
    }

    function proof(bytes32[] memory leaves, uint256 index, bool ves) internal pure returns (bytes32[] memory p) {
        require(index < leaves.length, "index");
        bytes32[] memory level = _padded(leaves, ves);
        p = new bytes32[](depth(leaves.length));
        for (uint256 d; d < p.length; ++d) {
            p[d] = level[index ^ 1];
            level = _up(level, ves);
            index >>= 1;
        }
    }

    /// @dev Leaves i = keccak256(abi.encode(uint256(i))) as in merkle.json, shifted by `seed`.
    function sequentialLeaves(uint256 n, uint256 seed) internal pure returns (bytes32[] memory out) {
        out = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            out[i] = keccak256(abi.encode(seed + i));
        }
    }
}
