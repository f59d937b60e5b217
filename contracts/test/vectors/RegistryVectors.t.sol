// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

// Test code: the narrowing casts below are on values the test itself bounds.
// forge-lint: disable-start(unsafe-typecast)

import {Vm} from "forge-std/Vm.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {SetRegistry} from "../../src/SetRegistry.sol";
import {ISetRegistry} from "../../src/interfaces/ISetRegistry.sol";
import {RegistryTestBase} from "../registry/utils/RegistryTestBase.sol";
import {JsonDoc, JsonDocLib} from "./utils/JsonDoc.sol";
import {NotUUPS} from "../registry/mocks/SetRegistryV2Mock.sol";

/// @notice tests/vectors/registry.json against the contract: calldata the SDK encodes is accepted,
/// return data and logs the SDK decodes are what the contract produces, and every revert-data vector
/// the contract can produce is byte-identical to what it reverts with for the matching input.
contract RegistryVectorsTest is RegistryTestBase {
    using JsonDocLib for JsonDoc;

    /// @dev The vectors' commitBatch: tenant …0001 / store …0002, batch 0x123e…, sequences 1..10,
    /// newStateRoot 0x5a…, prevStateRoot 0 (first batch of the stream).
    bytes32 internal constant V_BATCH = 0x123e4567e89b12d3a45642661417400000000000000000000000000000000000;
    bytes32 internal constant V_TENANT = 0x0000000000000000000000000000000100000000000000000000000000000000;
    bytes32 internal constant V_STORE = 0x0000000000000000000000000000000200000000000000000000000000000000;
    bytes32 internal constant V_NEW_ROOT = 0x5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a;
    uint256 internal constant V_TIMESTAMP = 1_700_000_000;

    JsonDoc internal doc;

    function setUp() public override {
        super.setUp();
        doc = JsonDocLib.load("../tests/vectors/registry.json");
        vm.warp(V_TIMESTAMP);
    }

    function _calldataOf(string memory fn, uint256 nth) internal view returns (bytes memory) {
        return _vectorOf(".calldata", ".calldata", fn, nth);
    }

    function _returnOf(string memory fn, uint256 nth) internal view returns (bytes memory) {
        return _vectorOf(".returns", ".data", fn, nth);
    }

    /// @dev The bytes at `field` of the `nth` (0-based) entry of `list` whose function is `fn`.
    function _vectorOf(string memory list, string memory field, string memory fn, uint256 nth)
        internal
        view
        returns (bytes memory)
    {
        uint256 n = doc.length(list);
        uint256 seen;
        for (uint256 i; i < n; ++i) {
            string memory k = JsonDocLib.at(list, i);
            if (keccak256(bytes(doc.str(string.concat(k, ".function")))) == keccak256(bytes(fn))) {
                if (seen++ == nth) return doc.bytesAt(string.concat(k, field));
            }
        }
        revert(string.concat("no ", list, " vector ", fn));
    }

    /// @dev The first calldata vector of `fn` answers exactly its first return vector.
    function _assertAnswersItsReturnVector(string memory fn) internal {
        (bool ok, bytes memory ret) = _raw(stranger, _calldataOf(fn, 0));
        assertTrue(ok, fn);
        assertEq(ret, _returnOf(fn, 0), fn);
    }

    function _raw(address from, bytes memory data) internal returns (bool ok, bytes memory ret) {
        vm.prank(from);
        (ok, ret) = address(registry).call(data);
    }

    function _commitVector() internal {
        (bool ok,) = _raw(sequencer, _calldataOf("commitBatch", 0));
        assertTrue(ok, "commitBatch vector accepted");
    }

    // ----- calldata -----

    function test_CommitBatchCalldataIsAccepted() public {
        string memory args = ".calldata[0].decoded.args";
        assertEq(doc.str(".calldata[0].function"), "commitBatch");
        _commitVector();
        SetRegistry.BatchCommitment memory c = registry.getBatchCommitment(doc.b32(string.concat(args, ".batchId")));
        assertEq(c.eventsRoot, doc.b32(string.concat(args, ".eventsRoot")));
        assertEq(c.newStateRoot, doc.b32(string.concat(args, ".newStateRoot")));
        assertEq(c.sequenceStart, vm.parseUint(doc.str(string.concat(args, ".sequenceStart"))));
        assertEq(c.sequenceEnd, vm.parseUint(doc.str(string.concat(args, ".sequenceEnd"))));
        assertEq(c.eventCount, vm.parseUint(doc.str(string.concat(args, ".eventCount"))));
        assertEq(c.timestamp, V_TIMESTAMP);
        bytes32 tenant = doc.b32(string.concat(args, ".tenantId"));
        bytes32 store = doc.b32(string.concat(args, ".storeId"));
        assertEq(registry.getLatestBatchId(tenant, store), V_BATCH);
    }

    /// @dev Two items of one stream: item 1 continues item 0 (ADR 03).
    function test_CommitBatchesCalldataIsAccepted() public {
        (bool ok,) = _raw(sequencer, _calldataOf("commitBatches", 0));
        assertTrue(ok, "commitBatches vector accepted");
        string memory items = ".calldata[1].decoded.args.batches";
        uint256 n = doc.length(items);
        assertEq(n, 2);
        assertEq(registry.totalCommitments(), n);
        for (uint256 i; i < n; ++i) {
            string memory k = JsonDocLib.at(items, i);
            SetRegistry.BatchCommitment memory c = registry.getBatchCommitment(doc.b32(string.concat(k, ".batchId")));
            assertEq(c.eventsRoot, doc.b32(string.concat(k, ".eventsRoot")));
            assertEq(c.newStateRoot, doc.b32(string.concat(k, ".newStateRoot")));
            assertEq(c.sequenceEnd, vm.parseUint(doc.str(string.concat(k, ".sequenceEnd"))));
        }
        assertEq(registry.getHeadSequence(V_TENANT, V_STORE), 20);
    }

    /// @dev View calldata vectors answer successfully; where registry.json has the matching return
    /// vector, the return data is byte-identical.
    function test_ViewCalldataAndReturnData() public {
        _commitVector();
        _assertAnswersItsReturnVector("getBatchCommitment");
        _assertAnswersItsReturnVector("getLatestStateRoot");
        _assertAnswersItsReturnVector("batchExists");
        _assertAnswersItsReturnVector("verifyInclusion");
        // batchExists([0x123e…, 0]) has no return vector: true, false
        (bool ok, bytes memory ret) = _raw(stranger, _calldataOf("batchExists", 1));
        assertTrue(ok);
        bool[] memory exists = abi.decode(ret, (bool[]));
        assertTrue(exists[0]);
        assertFalse(exists[1]);
        // verifyVesInclusion vector: a depth-2 proof against the 10-event batch, whose strict depth is 4,
        // so it answers false (no return vector; the call itself must succeed).
        (ok, ret) = _raw(stranger, _calldataOf("verifyVesInclusion", 0));
        assertTrue(ok);
        assertEq(ret, abi.encode(false));
        // getTenantStoreSummary return vector
        (ok, ret) = _raw(stranger, abi.encodeCall(SetRegistry.getTenantStoreSummary, (V_TENANT, V_STORE)));
        assertTrue(ok);
        assertEq(ret, _returnOf("getTenantStoreSummary", 0), "getTenantStoreSummary");
    }

    function test_ReturnData_UnknownBatchReadsAsZeros() public {
        (bool ok, bytes memory ret) = _raw(stranger, abi.encodeCall(SetRegistry.getBatchCommitment, (V_BATCH)));
        assertTrue(ok);
        assertEq(ret, _returnOf("getBatchCommitment", 1));
    }

    function test_ReturnData_HeadSequenceAtMaxUint64() public {
        uint64 max = type(uint64).max;
        _commitTo(V_BATCH, V_TENANT, V_STORE, bytes32(0), V_NEW_ROOT, max - 9, max);
        (bool ok, bytes memory ret) = _raw(stranger, abi.encodeCall(SetRegistry.getHeadSequence, (V_TENANT, V_STORE)));
        assertTrue(ok);
        assertEq(ret, _returnOf("getHeadSequence", 0));
    }

    // ----- logs -----

    function _assertLog(Vm.Log memory log, uint256 i) internal view {
        string memory k = JsonDocLib.at(".logs", i);
        bytes32[] memory topics = doc.b32s(string.concat(k, ".topics"));
        assertEq(log.emitter, address(registry));
        assertEq(log.topics.length, topics.length, "topic count");
        for (uint256 t; t < topics.length; ++t) {
            assertEq(log.topics[t], topics[t], "topic");
        }
        assertEq(log.data, doc.bytesAt(string.concat(k, ".data")), "data");
    }

    function test_Logs() public {
        assertEq(doc.str(".logs[0].event"), "BatchCommitted");
        vm.recordLogs();
        _commitVector();
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        _assertLog(logs[0], 0);

        assertEq(doc.str(".logs[1].event"), "StarkProofCommitted");
        vm.recordLogs();
        vm.prank(sequencer);
        registry.commitStarkProof(
            V_BATCH,
            bytes32(type(uint256).max / 255 * 0xa1),
            bytes32(0),
            V_NEW_ROOT,
            bytes32(type(uint256).max / 255 * 0xa2),
            1,
            true,
            4096,
            1
        );
        logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        _assertLog(logs[0], 1);

        assertEq(doc.str(".logs[2].event"), "SequencerAuthorized");
        vm.recordLogs();
        vm.prank(owner);
        registry.setSequencerAuthorization(address(bytes20(bytes32(type(uint256).max / 255 * 0xab))), true);
        logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        _assertLog(logs[0], 2);
    }

    // ----- revert data -----

    /// @dev Every revert vector is either produced by the contract for a matching input and compared
    /// byte for byte, or listed here as one the contract cannot produce:
    /// - ReentrancyGuardReentrantCall: no nonReentrant path calls out, so re-entry cannot happen;
    /// - NotInitializing: no onlyInitializing function is reachable from outside;
    /// - UUPSUnsupportedProxiableUUID(0x3608…): its argument is the accepted slot, which by definition
    ///   does not revert (the error itself is covered with another slot in SetRegistryUpgrade.t.sol);
    /// - BatchCommitFailed wrapping Error(string), Panic or empty data, plain Error(string)
    ///   ("Ownable: …", OpenZeppelin 4 style) and Panic(0x11): items fail only with the registry's own
    ///   custom errors, and no reachable arithmetic overflows.
    function test_RevertData() public {
        uint256 n = doc.length(".reverts");
        uint256 produced;
        uint256 notProducible;
        for (uint256 i; i < n; ++i) {
            string memory k = JsonDocLib.at(".reverts", i);
            string memory name = doc.str(string.concat(k, ".error"));
            bytes memory expected = doc.bytesAt(string.concat(k, ".data"));
            uint256 snap = vm.snapshotState();
            (bool can, bytes memory actual) = _produce(name, k);
            vm.revertToState(snap);
            if (!can) {
                ++notProducible;
                emit log_named_string("not producible", string.concat(name, " ", vm.toString(expected)));
                continue;
            }
            assertEq(actual, expected, name);
            ++produced;
        }
        emit log_named_uint("revert vectors produced and matched", produced);
        assertEq(produced, 25, "produced");
        assertEq(notProducible, 8, "not producible");
    }

    function _is(string memory a, string memory b) internal pure returns (bool) {
        return keccak256(bytes(a)) == keccak256(bytes(b));
    }

    function _u64(string memory k, string memory field) internal view returns (uint64) {
        return uint64(vm.parseUint(doc.str(string.concat(k, ".decoded.args.", field))));
    }

    /// @dev Builds the state and input for revert vector `name` and returns the contract's revert data.
    function _produce(string memory name, string memory k) internal returns (bool, bytes memory) {
        bytes memory commit = _calldataOf("commitBatch", 0);
        bool ok;
        bytes memory ret;
        if (_is(name, "NotAuthorizedSequencer")) {
            (ok, ret) = _raw(stranger, commit);
        } else if (_is(name, "InvalidSequenceRange")) {
            (ok, ret) = _raw(
                sequencer,
                _commitCalldata(
                    SetRegistry.BatchInput(V_BATCH, V_TENANT, V_STORE, EVENTS_ROOT, 0, V_NEW_ROOT, 10, 1, 10)
                )
            );
        } else if (_is(name, "EmptyEventsRoot")) {
            (ok, ret) = _raw(
                sequencer,
                _commitCalldata(SetRegistry.BatchInput(V_BATCH, V_TENANT, V_STORE, 0, 0, V_NEW_ROOT, 1, 10, 10))
            );
        } else if (_is(name, "BatchAlreadyCommitted")) {
            _commitVector();
            (ok, ret) = _raw(sequencer, commit);
        } else if (_is(name, "StateRootMismatch")) {
            bytes32 expectedRoot = doc.b32(string.concat(k, ".decoded.args.expected"));
            bytes32 provided = doc.b32(string.concat(k, ".decoded.args.provided"));
            _commitTo(BATCH_1, V_TENANT, V_STORE, bytes32(0), expectedRoot, 1, 10);
            (ok, ret) = _raw(
                sequencer, _commitCalldata(_input(BATCH_2, V_TENANT, V_STORE, EVENTS_ROOT, provided, STATE_2, 11, 20))
            );
        } else if (_is(name, "SequenceGap")) {
            uint64 want = _u64(k, "expected");
            uint64 got = _u64(k, "provided");
            _commitTo(BATCH_1, V_TENANT, V_STORE, bytes32(0), STATE_1, 1, want - 1);
            (ok, ret) = _raw(
                sequencer, _commitCalldata(_input(BATCH_2, V_TENANT, V_STORE, EVENTS_ROOT, STATE_1, STATE_2, got, got))
            );
        } else if (_is(name, "InvalidEventCount")) {
            uint64 want = _u64(k, "expected");
            uint32 got = uint32(_u64(k, "provided"));
            (ok, ret) = _raw(
                sequencer,
                _commitCalldata(
                    SetRegistry.BatchInput(V_BATCH, V_TENANT, V_STORE, EVENTS_ROOT, 0, V_NEW_ROOT, 1, want, got)
                )
            );
        } else if (_is(name, "InvalidProof")) {
            _commitVector();
            (ok, ret) = _raw(
                sequencer, abi.encodeCall(SetRegistry.commitStarkProof, (V_BATCH, 0, 0, V_NEW_ROOT, 0, 0, true, 1, 1))
            );
        } else if (_is(name, "BatchNotCommitted")) {
            (ok, ret) = _raw(
                sequencer,
                abi.encodeCall(SetRegistry.commitStarkProof, (V_BATCH, PROOF_HASH, 0, V_NEW_ROOT, 0, 0, true, 1, 1))
            );
        } else if (_is(name, "StarkProofAlreadyCommitted")) {
            _commitVector();
            vm.prank(sequencer);
            registry.commitStarkProof(V_BATCH, PROOF_HASH, 0, V_NEW_ROOT, 0, 0, true, 1, 1);
            (ok, ret) = _raw(
                sequencer,
                abi.encodeCall(SetRegistry.commitStarkProof, (V_BATCH, PROOF_HASH, 0, V_NEW_ROOT, 0, 0, true, 1, 1))
            );
        } else if (_is(name, "StateRootMismatchInProof")) {
            _commitVector();
            (ok, ret) = _raw(
                sequencer,
                abi.encodeCall(SetRegistry.commitStarkProof, (V_BATCH, PROOF_HASH, 0, STATE_1, 0, 0, true, 1, 1))
            );
        } else if (_is(name, "InvalidAddress")) {
            (ok, ret) = _raw(owner, abi.encodeCall(SetRegistry.setSequencerAuthorization, (address(0), true)));
        } else if (_is(name, "ArrayLengthMismatch")) {
            (ok, ret) =
                _raw(stranger, abi.encodeCall(SetRegistry.getBatchHeadSequences, (new bytes32[](1), new bytes32[](0))));
        } else if (_is(name, "EmptyArray")) {
            (ok, ret) =
                _raw(owner, abi.encodeCall(SetRegistry.batchSetSequencerAuthorization, (new address[](0), true)));
        } else if (_is(name, "LegacyFunctionsDisabled")) {
            (ok, ret) = _raw(sequencer, abi.encodeCall(SetRegistry.registerBatchRoot, (1, 10, EVENTS_ROOT)));
        } else if (_is(name, "InvalidBatchId")) {
            (ok, ret) = _raw(
                sequencer,
                _commitCalldata(SetRegistry.BatchInput(0, V_TENANT, V_STORE, EVENTS_ROOT, 0, V_NEW_ROOT, 1, 10, 10))
            );
        } else if (_is(name, "OwnableUnauthorizedAccount")) {
            address account = doc.addr(string.concat(k, ".decoded.args.account"));
            (ok, ret) = _raw(account, abi.encodeCall(SetRegistry.pause, ()));
        } else if (_is(name, "OwnableInvalidOwner")) {
            assertEq(doc.addr(string.concat(k, ".decoded.args.owner")), address(0));
            try new ERC1967Proxy(
                address(implementation), abi.encodeCall(SetRegistry.initialize, (address(0), sequencer))
            ) {
                ok = true;
            } catch (bytes memory reason) {
                ret = reason;
            }
        } else if (_is(name, "EnforcedPause")) {
            vm.prank(owner);
            registry.pause();
            (ok, ret) = _raw(sequencer, commit);
        } else if (_is(name, "ExpectedPause")) {
            (ok, ret) = _raw(owner, abi.encodeCall(SetRegistry.unpause, ()));
        } else if (_is(name, "InvalidInitialization")) {
            (ok, ret) = _raw(owner, abi.encodeCall(SetRegistry.initialize, (owner, sequencer)));
        } else if (_is(name, "UUPSUnauthorizedCallContext")) {
            (ok, ret) = _raw(stranger, abi.encodeCall(ISetRegistry.proxiableUUID, ()));
        } else if (_is(name, "ERC1967InvalidImplementation")) {
            // code that is not UUPS (proxiableUUID reverts) at the vector's address
            address impl = doc.addr(string.concat(k, ".decoded.args.implementation"));
            vm.etch(impl, address(new NotUUPS()).code);
            (ok, ret) = _raw(owner, abi.encodeCall(ISetRegistry.upgradeToAndCall, (impl, "")));
        } else if (_is(name, "ERC1967NonPayable")) {
            address next = address(new SetRegistry());
            vm.deal(owner, 1 ether);
            vm.prank(owner);
            (ok, ret) = address(registry).call{value: 1}(abi.encodeCall(ISetRegistry.upgradeToAndCall, (next, "")));
        } else if (_is(name, "BatchCommitFailed")) {
            return _produceBatchCommitFailed(k);
        } else {
            return (false, "");
        }
        assertFalse(ok, name);
        return (true, ret);
    }

    /// @dev Only a wrapped SequenceGap is producible: items 0..index-1 build the stream up to
    /// expected-1, item `index` starts at `provided`.
    function _produceBatchCommitFailed(string memory k) internal returns (bool, bytes memory) {
        if (!doc.exists(string.concat(k, ".decoded.inner.name"))) return (false, "");
        if (!_is(doc.str(string.concat(k, ".decoded.inner.name")), "SequenceGap")) return (false, "");
        uint256 index = vm.parseUint(doc.str(string.concat(k, ".decoded.args.index")));
        uint64 want = uint64(vm.parseUint(doc.str(string.concat(k, ".decoded.inner.args.expected"))));
        uint64 got = uint64(vm.parseUint(doc.str(string.concat(k, ".decoded.inner.args.provided"))));
        require(index >= 1 && want > index, "vector shape");
        SetRegistry.BatchInput[] memory items = new SetRegistry.BatchInput[](index + 1);
        bytes32 prev;
        for (uint256 i; i < index; ++i) {
            uint64 start = uint64(i + 1);
            uint64 end = i + 1 == index ? want - 1 : start;
            bytes32 root = keccak256(abi.encode("root", i));
            items[i] = _input(keccak256(abi.encode("item", i)), V_TENANT, V_STORE, EVENTS_ROOT, prev, root, start, end);
            prev = root;
        }
        items[index] = _input(keccak256("failing item"), V_TENANT, V_STORE, EVENTS_ROOT, prev, STATE_1, got, got);
        (bool ok, bytes memory ret) = _raw(sequencer, abi.encodeCall(SetRegistry.commitBatches, (items)));
        assertFalse(ok);
        return (true, ret);
    }
}
// forge-lint: disable-end(unsafe-typecast)
