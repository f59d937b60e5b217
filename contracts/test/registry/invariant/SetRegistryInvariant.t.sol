// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {SetRegistry} from "../../../src/SetRegistry.sol";
import {RegistryTestBase} from "../utils/RegistryTestBase.sol";
import {RegistryHandler} from "./handlers/RegistryHandler.sol";

/// @notice Stateful invariants of SetRegistry (see README.md next to this file): those of the existing
/// SetRegistry.invariants.t.sol, plus counters, exact outcomes of valid and invalid commits (single and
/// multi), upgrades and pauses.
contract SetRegistryInvariantTest is RegistryTestBase {
    RegistryHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new RegistryHandler(registry, owner, sequencer, address(implementation));
        targetContract(address(handler));
        // only the actions (not the handler's getters); the commit actions are listed twice, which
        // doubles their share of the calls
        bytes4[] memory actions = new bytes4[](8);
        actions[0] = RegistryHandler.commitBatch.selector;
        actions[1] = RegistryHandler.commitBatch.selector;
        actions[2] = RegistryHandler.commitBatches.selector;
        actions[3] = RegistryHandler.commitBatches.selector;
        actions[4] = RegistryHandler.commitStarkProof.selector;
        actions[5] = RegistryHandler.setPaused.selector;
        actions[6] = RegistryHandler.upgradeAsOwner.selector;
        actions[7] = RegistryHandler.upgradeAsStranger.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    function invariant_CountersEqualStoredCommitmentsAndProofs() public view {
        uint256 n = handler.allIdsLength();
        for (uint256 i; i < n; ++i) {
            assertTrue(registry.batchExists(handler.allIds(i)), "Invariant violation: a recorded batch is missing");
        }
        assertEq(registry.totalCommitments(), n, "Invariant violation: totalCommitments != stored commitments");
        assertEq(registry.totalStarkProofs(), handler.ghostProofs(), "Invariant violation: totalStarkProofs");
        (uint256 batches, uint256 proofs,,,, uint256 coverage) = registry.getExtendedRegistryStatus();
        assertEq(batches, n, "Invariant violation: getExtendedRegistryStatus.totalBatches");
        assertEq(coverage, n == 0 ? 0 : proofs * 10000 / n, "Invariant violation: proofCoverage");
    }

    function invariant_EveryOutcomeMatchesTheModel() public view {
        assertEq(handler.unexpectedOutcomes(), 0, "Invariant violation: a call did not behave as the model predicts");
    }

    function invariant_StreamHeadsMatchTheirLatestBatch() public view {
        for (uint256 s; s < handler.STREAMS(); ++s) {
            RegistryHandler.Stream memory st = handler.stream(s);
            bytes32 key = _key(st.tenant, st.store);
            assertEq(registry.latestCommitment(key), st.latest, "Invariant violation: latest pointer");
            assertEq(registry.getLatestStateRoot(st.tenant, st.store), st.root, "Invariant violation: state root");
            assertEq(registry.getHeadSequence(st.tenant, st.store), st.head, "Invariant violation: head");
            assertEq(registry.headSequence(key), st.head, "Invariant violation: headSequence(key)");
        }
    }

    function invariant_CommitmentsMatchWhatWasCommitted() public view {
        uint256 n = handler.allIdsLength();
        for (uint256 i; i < n; ++i) {
            bytes32 id = handler.allIds(i);
            RegistryHandler.Expected memory e = handler.expectation(id);
            SetRegistry.BatchCommitment memory c = registry.getBatchCommitment(id);
            assertEq(c.eventsRoot, e.eventsRoot, "Invariant violation: eventsRoot");
            assertEq(c.newStateRoot, e.newStateRoot, "Invariant violation: newStateRoot");
            assertEq(c.sequenceStart, e.start, "Invariant violation: start");
            assertEq(c.sequenceEnd, e.end, "Invariant violation: end");
            assertEq(c.eventCount, e.count, "Invariant violation: count");
            assertEq(c.timestamp, e.timestamp, "Invariant violation: timestamp");
        }
    }

    /// @dev Per stream, on-chain data forms one chain: each batch starts right after the previous one
    /// ends and was committed on top of the previous batch's state root.
    function invariant_StreamsAreContinuous() public view {
        for (uint256 s; s < handler.STREAMS(); ++s) {
            bytes32[] memory ids = handler.batchesOf(s);
            for (uint256 k = 1; k < ids.length; ++k) {
                SetRegistry.BatchCommitment memory prev = registry.getBatchCommitment(ids[k - 1]);
                SetRegistry.BatchCommitment memory cur = registry.getBatchCommitment(ids[k]);
                assertEq(uint256(cur.sequenceStart), uint256(prev.sequenceEnd) + 1, "Invariant violation: sequence gap");
                assertEq(
                    handler.expectation(ids[k]).prevStateRoot, prev.newStateRoot, "Invariant violation: state chain"
                );
            }
        }
    }

    function invariant_RangesAreValid() public view {
        uint256 n = handler.allIdsLength();
        for (uint256 i; i < n; ++i) {
            SetRegistry.BatchCommitment memory c = registry.getBatchCommitment(handler.allIds(i));
            assertGe(c.sequenceEnd, c.sequenceStart, "Invariant violation: end < start");
            assertEq(uint256(c.sequenceEnd) - c.sequenceStart + 1, c.eventCount, "Invariant violation: count");
        }
    }

    function invariant_OnlyTheOwnerUpgrades() public view {
        assertFalse(handler.nonOwnerUpgradeSucceeded(), "Invariant violation: a non-owner upgraded");
        address impl = address(uint160(uint256(vm.load(address(registry), ERC1967Utils.IMPLEMENTATION_SLOT))));
        assertEq(
            impl, handler.implementations(handler.implementationCount() - 1), "Invariant violation: implementation"
        );
        assertEq(registry.owner(), owner, "Invariant violation: owner");
    }

    function invariant_PauseFlagMatches() public view {
        assertEq(registry.paused(), handler.paused(), "Invariant violation: pause flag");
        assertTrue(registry.strictModeEnabled(), "Invariant violation: strict mode");
    }

    /// @dev Call distribution, printed with -vv (shows the run exercised every action).
    function afterInvariant() public {
        emit log_named_uint("commitBatch calls", handler.calls("commitBatch"));
        emit log_named_uint("commitBatches calls", handler.calls("commitBatches"));
        emit log_named_uint("commitStarkProof calls", handler.calls("commitStarkProof"));
        emit log_named_uint("owner upgrades", handler.calls("upgradeAsOwner"));
        emit log_named_uint("stranger upgrades", handler.calls("upgradeAsStranger"));
        emit log_named_uint("calls that landed", handler.calls("landed"));
        emit log_named_uint("calls rejected as predicted", handler.calls("rejected"));
        emit log_named_uint("stored commitments", handler.allIdsLength());
    }
}
