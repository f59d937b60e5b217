// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

// Test code: the narrowing casts below are on values the test itself bounds.
// forge-lint: disable-start(unsafe-typecast)

import {Test} from "forge-std/Test.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {SetRegistry} from "../../../src/SetRegistry.sol";
import {ISetRegistry} from "../../../src/interfaces/ISetRegistry.sol";

/// @notice Shared fixture: a SetRegistry behind an ERC1967 proxy, actors, and commit helpers.
abstract contract RegistryTestBase is Test {
    SetRegistry internal registry;
    SetRegistry internal implementation;

    address internal owner = makeAddr("owner");
    address internal sequencer = makeAddr("sequencer");
    address internal stranger = makeAddr("stranger");

    bytes32 internal constant TENANT = bytes32(uint256(0x7e11a47));
    bytes32 internal constant STORE = bytes32(uint256(0x5707e));
    bytes32 internal constant BATCH_1 = keccak256("batch-1");
    bytes32 internal constant BATCH_2 = keccak256("batch-2");
    bytes32 internal constant BATCH_3 = keccak256("batch-3");
    bytes32 internal constant EVENTS_ROOT = keccak256("events-root");
    bytes32 internal constant STATE_1 = keccak256("state-1");
    bytes32 internal constant STATE_2 = keccak256("state-2");
    bytes32 internal constant STATE_3 = keccak256("state-3");
    bytes32 internal constant PROOF_HASH = keccak256("proof");
    bytes32 internal constant POLICY_HASH = keccak256("policy");

    uint256 internal constant NO_INDEX = type(uint256).max;

    function setUp() public virtual {
        implementation = new SetRegistry();
        registry = _deployProxy(owner, sequencer);
    }

    function _deployProxy(address owner_, address sequencer_) internal returns (SetRegistry) {
        return SetRegistry(
            address(
                new ERC1967Proxy(address(implementation), abi.encodeCall(SetRegistry.initialize, (owner_, sequencer_)))
            )
        );
    }

    function _key(bytes32 tenant, bytes32 store) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(tenant, store));
    }

    function _input(
        bytes32 batchId,
        bytes32 tenant,
        bytes32 store,
        bytes32 eventsRoot,
        bytes32 prevRoot,
        bytes32 newRoot,
        uint64 start,
        uint64 end
    ) internal pure returns (SetRegistry.BatchInput memory b) {
        b = SetRegistry.BatchInput(
            batchId, tenant, store, eventsRoot, prevRoot, newRoot, start, end, uint32(end - start + 1)
        );
    }

    /// @dev commitBatch with eventCount = end - start + 1, as the sequencer.
    function _commit(bytes32 batchId, bytes32 prevRoot, bytes32 newRoot, uint64 start, uint64 end) internal {
        _commitTo(batchId, TENANT, STORE, prevRoot, newRoot, start, end);
    }

    function _commitTo(
        bytes32 batchId,
        bytes32 tenant,
        bytes32 store,
        bytes32 prevRoot,
        bytes32 newRoot,
        uint64 start,
        uint64 end
    ) internal {
        _commitInput(_input(batchId, tenant, store, EVENTS_ROOT, prevRoot, newRoot, start, end));
    }

    /// @dev The stream (tenant, store) reads back `root` as its latest state root and `head` as
    /// its head sequence.
    function _assertStream(bytes32 tenant, bytes32 store, bytes32 root, uint64 head) internal view {
        assertEq(registry.getLatestStateRoot(tenant, store), root);
        assertEq(registry.getHeadSequence(tenant, store), head);
    }

    function _commitInput(SetRegistry.BatchInput memory b) internal {
        _send(sequencer, _commitCalldata(b));
    }

    /// @dev commitBatch calldata for an input (raw, for expectRevert-free low-level calls).
    function _commitCalldata(SetRegistry.BatchInput memory b) internal pure returns (bytes memory) {
        return abi.encodePacked(SetRegistry.commitBatch.selector, abi.encode(b));
    }

    /// @dev commitBatchWithStarkProof calldata: the 15 static arguments are the encoding of the
    /// (BatchInput, ProofInput) pair.
    function _commitWithProofCalldata(SetRegistry.BatchInput memory b, SetRegistry.ProofInput memory p)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodePacked(ISetRegistry.commitBatchWithStarkProof.selector, abi.encode(b, p));
    }

    function _proof(bytes32 proofHash, uint64 proofSize) internal pure returns (SetRegistry.ProofInput memory) {
        return SetRegistry.ProofInput(proofHash, POLICY_HASH, 1000, true, proofSize, 1234);
    }

    /// @dev Sends `data` to the registry from `from` and bubbles a revert up unchanged, so
    /// `vm.expectRevert` can match it.
    function _send(address from, bytes memory data) internal {
        vm.prank(from);
        (bool ok, bytes memory ret) = address(registry).call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
    }

    function _commitFailed(uint256 index, bytes memory reason) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(SetRegistry.BatchCommitFailed.selector, index, reason);
    }
}
// forge-lint: disable-end(unsafe-typecast)
