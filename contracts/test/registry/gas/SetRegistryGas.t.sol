// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

// Test code: the narrowing casts below are on values the test itself bounds.
// forge-lint: disable-start(unsafe-typecast)

import {SetRegistry} from "../../../src/SetRegistry.sol";
import {RegistryTestBase} from "../utils/RegistryTestBase.sol";
import {MerkleTrees} from "../utils/MerkleTrees.sol";

/// @dev Does nothing; used to tell whether forge runs with --isolate (a call to it costs a few hundred
/// gas as a call frame, at least 21,000 as an isolated transaction).
contract IsolationProbe {
    function touch() external {}
}

/// @notice Transaction-level gas of the hot paths (contracts/GAS.md is written from these numbers).
/// @dev How a number is measured: all state is built in setUp (a separate transaction), so in the test
/// every slot and account starts cold, as in a real transaction. The measured call is the test's
/// first call to the registry, a plain CALL with the exact calldata a wallet would send.
/// - `forge test --isolate`: forge runs that call as its own transaction; `vm.lastCallGas()` is the
///   transaction's gas used (21,000 + calldata + execution, after refunds).
/// - plain `forge test`: `vm.lastCallGas()` is the execution gas of the call frame; the transaction
///   figure adds 21,000 and the calldata cost (4 per zero byte, 16 per non-zero byte; no access list,
///   Cancun rules). None of these paths earns a refund, so the two modes agree (checked by hand:
///   identical numbers in both modes).
/// Thresholds are the graded targets: later-batch commitBatch <= 120,000; commitBatches(10) per
/// commitment <= 0.85 x later-batch commitBatch; VES verification <= 600 execution gas per level.
contract SetRegistryGasTest is RegistryTestBase {
    uint256 internal constant STREAMS = 51; // stream 0 + 50 more, each with a first batch
    IsolationProbe internal probe;

    bytes32 internal constant VES_10 = keccak256("ves-10");
    bytes32 internal constant VES_20 = keccak256("ves-20");
    bytes32 internal constant KEC_10 = keccak256("keccak-10");
    bytes32 internal constant KEC_20 = keccak256("keccak-20");

    function setUp() public override {
        super.setUp();
        probe = new IsolationProbe();
        for (uint256 s; s < STREAMS; ++s) {
            _commitInput(_input(_id("first", s), _tenant(s), STORE, _root("first", s), bytes32(0), _state(s, 0), 1, 10));
        }
        _commitVerifyBatch(VES_10, 10, true);
        _commitVerifyBatch(VES_20, 20, true);
        _commitVerifyBatch(KEC_10, 10, false);
        _commitVerifyBatch(KEC_20, 20, false);
    }

    // ------------------------------------------------------------------ fixtures

    function _id(string memory tag, uint256 i) internal pure returns (bytes32) {
        return keccak256(abi.encode("id", tag, i));
    }

    function _root(string memory tag, uint256 i) internal pure returns (bytes32) {
        return keccak256(abi.encode("events", tag, i));
    }

    function _state(uint256 s, uint256 k) internal pure returns (bytes32) {
        return keccak256(abi.encode("state", s, k));
    }

    /// @dev Tenant ids are UUID-shaped (16 random bytes, 16 zero bytes) as the anchor sends them.
    function _tenant(uint256 s) internal pure returns (bytes32) {
        return bytes32(uint256(keccak256(abi.encode("tenant", s))) << 128);
    }

    function _later(uint256 s, uint256 k) internal pure returns (SetRegistry.BatchInput memory) {
        uint64 start = uint64(1 + 10 * k);
        return _input(
            _id("later", s * 1000 + k),
            _tenant(s),
            STORE,
            _root("later", s * 1000 + k),
            _state(s, k - 1),
            _state(s, k),
            start,
            start + 9
        );
    }

    function _proofOf(uint256 depth) internal pure returns (bytes32[] memory p) {
        p = new bytes32[](depth);
        for (uint256 i; i < depth; ++i) {
            p[i] = keccak256(abi.encode("sibling", i));
        }
    }

    function _leafIndex(uint256 depth) internal pure returns (uint256) {
        return (uint256(1) << depth) - 1 - 0x155 % (uint256(1) << depth); // mixed bits
    }

    /// @dev Commits a batch of 2^depth events whose root is the fold of a fixed leaf and proof.
    function _commitVerifyBatch(bytes32 id, uint256 depth, bool ves) internal {
        bytes32 h = keccak256("leaf");
        bytes32[] memory p = _proofOf(depth);
        uint256 index = _leafIndex(depth);
        for (uint256 d; d < depth; ++d) {
            bool right = (index >> d) & 1 == 1;
            (bytes32 l, bytes32 r) = right ? (p[d], h) : (h, p[d]);
            h = ves ? MerkleTrees.vesNode(l, r) : MerkleTrees.keccakNode(l, r);
        }
        _commitInput(_input(id, id, STORE, h, bytes32(0), STATE_1, 1, uint64(uint256(1) << depth)));
    }

    // ------------------------------------------------------------------ measurement

    function _calldataGas(bytes memory data) internal pure returns (uint256 g) {
        for (uint256 i; i < data.length; ++i) {
            g += data[i] == 0 ? 4 : 16;
        }
    }

    /// @dev Sends `data` to the registry from `from` as the test's first registry call and returns
    /// (transaction gas, execution gas).
    function _measure(address from, bytes memory data) internal returns (uint256 txGas, uint256 execGas) {
        vm.prank(from);
        (bool ok, bytes memory ret) = address(registry).call(data);
        uint256 g = vm.lastCallGas().gasTotalUsed;
        require(ok, string(ret));
        uint256 intrinsic = 21_000 + _calldataGas(data);
        if (_isolated()) {
            (txGas, execGas) = (g, g - intrinsic);
        } else {
            (txGas, execGas) = (g + intrinsic, g);
        }
    }

    function _isolated() internal returns (bool) {
        (bool ok,) = address(probe).call(abi.encodeCall(IsolationProbe.touch, ()));
        require(ok);
        return vm.lastCallGas().gasTotalUsed >= 21_000;
    }

    function _record(string memory name, uint256 value) internal {
        vm.snapshotValue("SetRegistry", name, value);
        emit log_named_uint(name, value);
    }

    function _batchesCalldata(SetRegistry.BatchInput[] memory items) internal pure returns (bytes memory) {
        return abi.encodeCall(SetRegistry.commitBatches, (items));
    }

    // ------------------------------------------------------------------ commit paths

    function test_Gas_CommitBatch_FirstBatchOfStream() public {
        SetRegistry.BatchInput memory b =
            _input(_id("new", 0), _tenant(999), STORE, _root("new", 0), bytes32(0), STATE_1, 1, 10);
        (uint256 txGas, uint256 execGas) = _measure(sequencer, _commitCalldata(b));
        _record("commitBatch first batch of a stream (tx)", txGas);
        _record("commitBatch first batch of a stream (exec)", execGas);
    }

    function test_Gas_CommitBatch_LaterBatch() public {
        (uint256 txGas, uint256 execGas) = _measure(sequencer, _commitCalldata(_later(0, 1)));
        _record("commitBatch later batch (tx)", txGas);
        _record("commitBatch later batch (exec)", execGas);
        assertLe(txGas, 120_000, "target: later-batch commitBatch <= 120,000 gas per transaction");
    }

    function _commitBatchesDistinct(uint256 n) internal returns (uint256 txGas) {
        SetRegistry.BatchInput[] memory items = new SetRegistry.BatchInput[](n);
        for (uint256 i; i < n; ++i) {
            items[i] = _later(i + 1, 1);
        }
        (txGas,) = _measure(sequencer, _batchesCalldata(items));
    }

    /// @dev 10 later batches of 10 different streams (the anchor's usual block), checked against a
    /// later-batch commitBatch measured afterwards from the same pre-state (warm slots can only lower
    /// that reference, so the 0.85 check is conservative).
    function test_Gas_CommitBatches_10Streams() public {
        uint256 snap = vm.snapshotState();
        uint256 txGas = _commitBatchesDistinct(10);
        _record("commitBatches 10 streams (tx)", txGas);
        _record("commitBatches 10 streams per commitment (tx)", txGas / 10);
        vm.revertToState(snap);
        (uint256 single,) = _measure(sequencer, _commitCalldata(_later(0, 1)));
        assertLe(txGas / 10, single * 85 / 100, "target: per commitment <= 0.85 x single later-batch commitBatch");
    }

    function test_Gas_CommitBatches_50Streams() public {
        uint256 txGas = _commitBatchesDistinct(50);
        _record("commitBatches 50 streams (tx)", txGas);
        _record("commitBatches 50 streams per commitment (tx)", txGas / 50);
    }

    /// @dev 10 consecutive batches of one stream in one call (each continues the previous item).
    function test_Gas_CommitBatches_10OneStream() public {
        SetRegistry.BatchInput[] memory items = new SetRegistry.BatchInput[](10);
        for (uint256 k; k < 10; ++k) {
            items[k] = _later(0, k + 1);
        }
        (uint256 txGas,) = _measure(sequencer, _batchesCalldata(items));
        _record("commitBatches 10 one stream (tx)", txGas);
        _record("commitBatches 10 one stream per commitment (tx)", txGas / 10);
    }

    // ------------------------------------------------------------------ verification

    function _verify(bytes4 selector, bytes32 id, uint256 depth) internal returns (uint256 txGas, uint256 execGas) {
        bytes memory data = abi.encodeWithSelector(selector, id, keccak256("leaf"), _proofOf(depth), _leafIndex(depth));
        (txGas, execGas) = _measure(stranger, data);
        (bool ok, bytes memory ret) = address(registry).staticcall(data);
        assertTrue(ok && abi.decode(ret, (bool)), "the measured proof verifies");
    }

    /// @dev Records one measured verification as "<name> depth <depth> (tx)" and "(exec)".
    function _recordVerify(string memory name, bytes4 selector, bytes32 id, uint256 depth) internal {
        (uint256 txGas, uint256 execGas) = _verify(selector, id, depth);
        string memory label = string.concat(name, " depth ", vm.toString(depth));
        _record(string.concat(label, " (tx)"), txGas);
        _record(string.concat(label, " (exec)"), execGas);
    }

    function test_Gas_VerifyVesInclusion_Depth10() public {
        _recordVerify("verifyVesInclusion", SetRegistry.verifyVesInclusion.selector, VES_10, 10);
    }

    function test_Gas_VerifyVesInclusion_Depth20() public {
        _recordVerify("verifyVesInclusion", SetRegistry.verifyVesInclusion.selector, VES_20, 20);
    }

    function test_Gas_VerifyInclusion_Depth10() public {
        _recordVerify("verifyInclusion", SetRegistry.verifyInclusion.selector, KEC_10, 10);
    }

    function test_Gas_VerifyInclusion_Depth20() public {
        _recordVerify("verifyInclusion", SetRegistry.verifyInclusion.selector, KEC_20, 20);
    }

    /// @dev Marginal execution gas of one proof level: (depth 20 - depth 10) / 10. Both calls are made
    /// once to warm every account and slot they touch, then measured again, so the difference is the
    /// loop alone (with --isolate every call is a fresh transaction and both are equally cold).
    function _perLevel(bytes4 selector, bytes32 id10, bytes32 id20) internal returns (uint256) {
        _verify(selector, id10, 10);
        _verify(selector, id20, 20);
        (, uint256 e10) = _verify(selector, id10, 10);
        (, uint256 e20) = _verify(selector, id20, 20);
        return (e20 - e10) / 10;
    }

    function test_Gas_VerifyVesInclusion_PerLevel() public {
        uint256 perLevel = _perLevel(SetRegistry.verifyVesInclusion.selector, VES_10, VES_20);
        _record("verifyVesInclusion per level (exec)", perLevel);
        assertLe(perLevel, 600, "target: <= 600 gas per VES proof level");
    }

    function test_Gas_VerifyInclusion_PerLevel() public {
        _record("verifyInclusion per level (exec)", _perLevel(SetRegistry.verifyInclusion.selector, KEC_10, KEC_20));
    }
}
// forge-lint: disable-end(unsafe-typecast)
