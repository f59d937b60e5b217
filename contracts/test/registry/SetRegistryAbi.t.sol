// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {Test} from "forge-std/Test.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC1967} from "@openzeppelin/contracts/interfaces/IERC1967.sol";
import {SetRegistry} from "../../src/SetRegistry.sol";
import {ISetRegistry} from "../../src/interfaces/ISetRegistry.sol";

/// @notice ABI compatibility: the checked-in table below holds every function, event and error of
/// the deployed contract plus the new items (all declared in ISetRegistry.sol, the ABI the Rust SDK
/// reads). Each row is checked three ways: keccak256(signature), the compiler's
/// selector of SetRegistry (or of ISetRegistry for the fallback-served function), and the compiled
/// artifact's method identifiers.
contract SetRegistryAbiTest is Test {
    struct Row {
        string signature;
        bytes4 expected;
        bytes4 actual;
    }

    struct Topic {
        string signature;
        bytes32 expected;
        bytes32 actual;
    }

    function _functions() internal pure returns (Row[] memory r) {
        r = new Row[](51);
        uint256 i;
        r[i++] = Row("initialize(address,address)", 0x485cc955, SetRegistry.initialize.selector);
        r[i++] =
            Row("setSequencerAuthorization(address,bool)", 0x5edb6116, SetRegistry.setSequencerAuthorization.selector);
        r[i++] = Row(
            "batchSetSequencerAuthorization(address[],bool)",
            0xf28c39cc,
            SetRegistry.batchSetSequencerAuthorization.selector
        );
        r[i++] = Row("setStrictMode(bool)", 0x86ef40c0, SetRegistry.setStrictMode.selector);
        r[i++] = Row("pause()", 0x8456cb59, SetRegistry.pause.selector);
        r[i++] = Row("unpause()", 0x3f4ba83a, SetRegistry.unpause.selector);
        r[i++] = Row(
            "commitBatch(bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32)",
            0xd38f6b8b,
            SetRegistry.commitBatch.selector
        );
        r[i++] = Row(
            "commitBatches((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32)[])",
            0x9f02ed37,
            SetRegistry.commitBatches.selector
        );
        r[i++] = Row(
            "commitStarkProof(bytes32,bytes32,bytes32,bytes32,bytes32,uint64,bool,uint64,uint64)",
            0x20cb49f9,
            SetRegistry.commitStarkProof.selector
        );
        r[i++] = Row(
            "commitBatchWithStarkProof(bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32,bytes32,bytes32,uint64,bool,uint64,uint64)",
            0xdf788f5f,
            ISetRegistry.commitBatchWithStarkProof.selector
        );
        r[i++] = Row("hasStarkProof(bytes32)", 0xb45867c3, SetRegistry.hasStarkProof.selector);
        r[i++] = Row("verifyStarkProofHash(bytes32,bytes32)", 0x0fcdd27d, SetRegistry.verifyStarkProofHash.selector);
        r[i++] = Row("getStarkProofDetails(bytes32)", 0x923de5c7, SetRegistry.getStarkProofDetails.selector);
        r[i++] =
            Row("verifyInclusion(bytes32,bytes32,bytes32[],uint256)", 0x76d3ad48, SetRegistry.verifyInclusion.selector);
        r[i++] = Row(
            "verifyVesInclusion(bytes32,bytes32,bytes32[],uint256)", 0x6a7608d2, SetRegistry.verifyVesInclusion.selector
        );
        r[i++] = Row(
            "verifyMultipleInclusions(bytes32,bytes32[],bytes32[][],uint256[])",
            0x983d6e40,
            SetRegistry.verifyMultipleInclusions.selector
        );
        r[i++] = Row("getLatestStateRoot(bytes32,bytes32)", 0x5db7a7ec, SetRegistry.getLatestStateRoot.selector);
        r[i++] = Row("getHeadSequence(bytes32,bytes32)", 0xc13b23c2, SetRegistry.getHeadSequence.selector);
        r[i++] = Row("getBatchCommitment(bytes32)", 0x7271b18a, SetRegistry.getBatchCommitment.selector);
        // overloads have no `.selector`; public functions and public-variable getters are
        // taken from ISetRegistry (Solidity exposes `.selector` only for external functions); all of them are checked against the artifact below
        r[i++] = Row("batchExists(bytes32)", 0xecd144a7, bytes4(keccak256("batchExists(bytes32)")));
        r[i++] = Row("batchExists(bytes32[])", 0xdd557228, bytes4(keccak256("batchExists(bytes32[])")));
        r[i++] = Row("getLatestBatchId(bytes32,bytes32)", 0x3e145a08, SetRegistry.getLatestBatchId.selector);
        r[i++] = Row("getBatchWithProofStatus(bytes32)", 0x6e0cfd23, SetRegistry.getBatchWithProofStatus.selector);
        r[i++] = Row("getRegistryStats()", 0x9de0963d, SetRegistry.getRegistryStats.selector);
        r[i++] = Row("getBatchCommitments(bytes32[])", 0x8ca34629, SetRegistry.getBatchCommitments.selector);
        r[i++] = Row("getBatchProofStatuses(bytes32[])", 0x48775bfd, SetRegistry.getBatchProofStatuses.selector);
        r[i++] = Row(
            "getBatchLatestStateRoots(bytes32[],bytes32[])", 0x48fddcc5, SetRegistry.getBatchLatestStateRoots.selector
        );
        r[i++] =
            Row("getBatchHeadSequences(bytes32[],bytes32[])", 0x15e7db0c, SetRegistry.getBatchHeadSequences.selector);
        r[i++] = Row("getExtendedRegistryStatus()", 0x76fde43e, SetRegistry.getExtendedRegistryStatus.selector);
        r[i++] = Row("getTenantStoreSummary(bytes32,bytes32)", 0x606fac57, SetRegistry.getTenantStoreSummary.selector);
        r[i++] = Row("areSequencersAuthorized(address[])", 0xda234032, SetRegistry.areSequencersAuthorized.selector);
        r[i++] = Row("setLegacyFunctionsEnabled(bool)", 0x3130b691, SetRegistry.setLegacyFunctionsEnabled.selector);
        r[i++] = Row("registerBatchRoot(uint256,uint256,bytes32)", 0x26320a21, SetRegistry.registerBatchRoot.selector);
        r[i++] = Row("getBatchRoot(uint256,uint256)", 0xb909f532, SetRegistry.getBatchRoot.selector);
        r[i++] = Row("authorizedSequencers(address)", 0x524a6d77, ISetRegistry.authorizedSequencers.selector);
        r[i++] = Row("commitments(bytes32)", 0x839df945, SetRegistry.commitments.selector);
        r[i++] = Row("latestCommitment(bytes32)", 0xbdde462f, ISetRegistry.latestCommitment.selector);
        r[i++] = Row("headSequence(bytes32)", 0xaa89ed9e, ISetRegistry.headSequence.selector);
        r[i++] = Row("totalCommitments()", 0x78bb86d3, SetRegistry.totalCommitments.selector);
        r[i++] = Row("strictModeEnabled()", 0x83c35434, SetRegistry.strictModeEnabled.selector);
        r[i++] = Row("starkProofs(bytes32)", 0x6600af35, SetRegistry.starkProofs.selector);
        r[i++] = Row("totalStarkProofs()", 0x0348a6eb, SetRegistry.totalStarkProofs.selector);
        r[i++] = Row("authorizedSequencerCount()", 0x5cd6b522, SetRegistry.authorizedSequencerCount.selector);
        r[i++] = Row("legacyFunctionsEnabled()", 0xf8492cfd, SetRegistry.legacyFunctionsEnabled.selector);
        r[i++] = Row("owner()", 0x8da5cb5b, ISetRegistry.owner.selector);
        r[i++] = Row("transferOwnership(address)", 0xf2fde38b, ISetRegistry.transferOwnership.selector);
        r[i++] = Row("renounceOwnership()", 0x715018a6, ISetRegistry.renounceOwnership.selector);
        r[i++] = Row("paused()", 0x5c975abb, ISetRegistry.paused.selector);
        r[i++] = Row("upgradeToAndCall(address,bytes)", 0x4f1ef286, ISetRegistry.upgradeToAndCall.selector);
        r[i++] = Row("proxiableUUID()", 0x52d1902d, ISetRegistry.proxiableUUID.selector);
        r[i++] = Row("UPGRADE_INTERFACE_VERSION()", 0xad3cb1cc, ISetRegistry.UPGRADE_INTERFACE_VERSION.selector);
        assert(i == r.length);
    }

    function _events() internal pure returns (Topic[] memory t) {
        t = new Topic[](10);
        uint256 i;
        t[i++] = Topic(
            "SequencerAuthorized(address,bool)",
            0x299a9abe1b3f791134e324f74110ff919d8db0842db3e4d32f2037bcd9968609,
            SetRegistry.SequencerAuthorized.selector
        );
        t[i++] = Topic(
            "BatchCommitted(bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32)",
            0x1b2cc50ea54dce1d372450a8dc503a51775ab92dc7e68d579ce3fbb4af25cab3,
            SetRegistry.BatchCommitted.selector
        );
        t[i++] = Topic(
            "StrictModeUpdated(bool)",
            0xe33f145d527913d1dc4c29a3b0690149220a71017a73efeabd140e356f2b3c49,
            SetRegistry.StrictModeUpdated.selector
        );
        t[i++] = Topic(
            "StarkProofCommitted(bytes32,bytes32,bytes32,bool,uint64)",
            0xadeeb4fee3729cba3af070d0032909f3238fdc25a3d4ae59f7ec41265b237380,
            SetRegistry.StarkProofCommitted.selector
        );
        t[i++] = Topic(
            "ContractUpgraded(address,address)",
            0x2e4cc16c100f0b55e2df82ab0b1a7e294aa9cbd01b48fbaf622683fbc0507a49,
            SetRegistry.ContractUpgraded.selector
        );
        t[i++] = Topic(
            "Initialized(uint64)",
            0xc7f505b2f371ae2175ee4913f4499e1f2633a7b5936321eed1cdaeb6115181d2,
            Initializable.Initialized.selector
        );
        t[i++] = Topic(
            "OwnershipTransferred(address,address)",
            0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0,
            OwnableUpgradeable.OwnershipTransferred.selector
        );
        t[i++] = Topic(
            "Paused(address)",
            0x62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258,
            PausableUpgradeable.Paused.selector
        );
        t[i++] = Topic(
            "Unpaused(address)",
            0x5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa,
            PausableUpgradeable.Unpaused.selector
        );
        t[i++] = Topic(
            "Upgraded(address)",
            0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b,
            IERC1967.Upgraded.selector
        );
        assert(i == t.length);
    }

    function _errors() internal pure returns (Row[] memory r) {
        r = new Row[](28);
        uint256 i;
        r[i++] = Row("NotAuthorizedSequencer()", 0xe269f830, SetRegistry.NotAuthorizedSequencer.selector);
        r[i++] = Row("InvalidSequenceRange()", 0x3855112f, SetRegistry.InvalidSequenceRange.selector);
        r[i++] = Row("EmptyEventsRoot()", 0x190e76e2, SetRegistry.EmptyEventsRoot.selector);
        r[i++] = Row("BatchAlreadyCommitted()", 0x884923cf, SetRegistry.BatchAlreadyCommitted.selector);
        r[i++] = Row("StateRootMismatch(bytes32,bytes32)", 0x37f04d41, SetRegistry.StateRootMismatch.selector);
        r[i++] = Row("SequenceGap(uint64,uint64)", 0x104d0050, SetRegistry.SequenceGap.selector);
        r[i++] = Row("InvalidEventCount(uint64,uint32)", 0x4c843957, SetRegistry.InvalidEventCount.selector);
        r[i++] = Row("InvalidProof()", 0x09bde339, SetRegistry.InvalidProof.selector);
        r[i++] = Row("BatchNotCommitted()", 0xc26a3294, SetRegistry.BatchNotCommitted.selector);
        r[i++] = Row("StarkProofAlreadyCommitted()", 0xc96268ba, SetRegistry.StarkProofAlreadyCommitted.selector);
        r[i++] = Row("StateRootMismatchInProof()", 0x1b47f19f, SetRegistry.StateRootMismatchInProof.selector);
        r[i++] = Row("InvalidAddress()", 0xe6c4247b, SetRegistry.InvalidAddress.selector);
        r[i++] = Row("ArrayLengthMismatch()", 0xa24a13a6, SetRegistry.ArrayLengthMismatch.selector);
        r[i++] = Row("EmptyArray()", 0x521299a9, SetRegistry.EmptyArray.selector);
        r[i++] = Row("LegacyFunctionsDisabled()", 0xf56646f8, SetRegistry.LegacyFunctionsDisabled.selector);
        r[i++] = Row("InvalidBatchId()", 0x3b98df65, SetRegistry.InvalidBatchId.selector);
        r[i++] = Row("BatchCommitFailed(uint256,bytes)", 0x369ab84d, SetRegistry.BatchCommitFailed.selector);
        r[i++] = Row(
            "OwnableUnauthorizedAccount(address)", 0x118cdaa7, OwnableUpgradeable.OwnableUnauthorizedAccount.selector
        );
        r[i++] = Row("OwnableInvalidOwner(address)", 0x1e4fbdf7, OwnableUpgradeable.OwnableInvalidOwner.selector);
        r[i++] = Row("EnforcedPause()", 0xd93c0665, PausableUpgradeable.EnforcedPause.selector);
        r[i++] = Row("ExpectedPause()", 0x8dfc202b, PausableUpgradeable.ExpectedPause.selector);
        r[i++] = Row(
            "ReentrancyGuardReentrantCall()", 0x3ee5aeb5, ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector
        );
        r[i++] = Row("InvalidInitialization()", 0xf92ee8a9, Initializable.InvalidInitialization.selector);
        r[i++] = Row("NotInitializing()", 0xd7e6bcf8, Initializable.NotInitializing.selector);
        r[i++] = Row("UUPSUnauthorizedCallContext()", 0xe07c8dba, UUPSUpgradeable.UUPSUnauthorizedCallContext.selector);
        r[i++] = Row(
            "UUPSUnsupportedProxiableUUID(bytes32)", 0xaa1d49a4, UUPSUpgradeable.UUPSUnsupportedProxiableUUID.selector
        );
        r[i++] = Row(
            "ERC1967InvalidImplementation(address)", 0x4c9c8ce3, ERC1967Utils.ERC1967InvalidImplementation.selector
        );
        r[i++] = Row("ERC1967NonPayable()", 0xb398979f, ERC1967Utils.ERC1967NonPayable.selector);
        assert(i == r.length);
    }

    function test_FunctionSelectorsMatchTheTable() public pure {
        _assertRows(_functions());
    }

    function test_EventTopicsMatchTheTable() public pure {
        Topic[] memory t = _events();
        for (uint256 i; i < t.length; ++i) {
            assertEq(keccak256(bytes(t[i].signature)), t[i].expected, t[i].signature);
            assertEq(t[i].actual, t[i].expected, t[i].signature);
        }
    }

    function test_ErrorSelectorsMatchTheTable() public pure {
        _assertRows(_errors());
    }

    /// @dev Each row's selector is keccak256(signature)[:4] and the compiler's selector.
    function _assertRows(Row[] memory r) internal pure {
        for (uint256 i; i < r.length; ++i) {
            assertEq(bytes4(keccak256(bytes(r[i].signature))), r[i].expected, r[i].signature);
            assertEq(r[i].actual, r[i].expected, r[i].signature);
        }
    }

    /// @dev The interface (complete ABI) and the contract agree on every shared selector.
    function test_InterfaceMatchesContract() public pure {
        assertEq(ISetRegistry.commitBatch.selector, SetRegistry.commitBatch.selector);
        assertEq(ISetRegistry.commitBatches.selector, SetRegistry.commitBatches.selector);
        assertEq(ISetRegistry.commitStarkProof.selector, SetRegistry.commitStarkProof.selector);
        assertEq(ISetRegistry.verifyInclusion.selector, SetRegistry.verifyInclusion.selector);
        assertEq(ISetRegistry.verifyVesInclusion.selector, SetRegistry.verifyVesInclusion.selector);
        assertEq(ISetRegistry.verifyMultipleInclusions.selector, SetRegistry.verifyMultipleInclusions.selector);
        assertEq(ISetRegistry.getBatchCommitment.selector, SetRegistry.getBatchCommitment.selector);
        assertEq(ISetRegistry.commitments.selector, SetRegistry.commitments.selector);
        assertEq(ISetRegistry.starkProofs.selector, SetRegistry.starkProofs.selector);
        assertEq(ISetRegistry.headSequence.selector, ISetRegistry.headSequence.selector);
        assertEq(ISetRegistry.BatchCommitted.selector, SetRegistry.BatchCommitted.selector);
        assertEq(ISetRegistry.BatchCommitFailed.selector, SetRegistry.BatchCommitFailed.selector);
        assertEq(ISetRegistry.InvalidBatchId.selector, SetRegistry.InvalidBatchId.selector);
    }

    /// @dev The compiled artifact exposes exactly the table's functions, except
    /// commitBatchWithStarkProof, which the fallback serves (see SetRegistry).
    function test_ArtifactMethodIdentifiersMatchTheTable() public view {
        string memory artifact = vm.readFile("out/SetRegistry.sol/SetRegistry.json");
        string[] memory keys = vm.parseJsonKeys(artifact, ".methodIdentifiers");
        Row[] memory r = _functions();
        assertEq(keys.length, r.length - 1, "no function added or missing");
        for (uint256 i; i < r.length; ++i) {
            if (r[i].expected == ISetRegistry.commitBatchWithStarkProof.selector) continue;
            bool found;
            for (uint256 k; k < keys.length && !found; ++k) {
                if (keccak256(bytes(keys[k])) == keccak256(bytes(r[i].signature))) {
                    found = true;
                    string memory id =
                        vm.parseJsonString(artifact, string.concat(".methodIdentifiers['", keys[k], "']"));
                    assertEq(vm.parseBytes(string.concat("0x", id)), abi.encodePacked(r[i].expected), keys[k]);
                }
            }
            assertTrue(found, r[i].signature);
        }
    }

    /// @dev getBatchCommitment / commitments return the 6-field tuple (eventsRoot, newStateRoot,
    /// sequenceStart, sequenceEnd, eventCount, timestamp): 192 bytes.
    function test_CommitmentGettersReturnSixWords() public {
        SetRegistry impl = new SetRegistry();
        (bool ok, bytes memory ret) =
            address(impl).staticcall(abi.encodeCall(SetRegistry.getBatchCommitment, (bytes32(0))));
        assertTrue(ok);
        assertEq(ret.length, 6 * 32);
        (ok, ret) = address(impl).staticcall(abi.encodeCall(SetRegistry.commitments, (bytes32(0))));
        assertTrue(ok);
        assertEq(ret.length, 6 * 32);
        (ok, ret) = address(impl).staticcall(abi.encodeCall(SetRegistry.starkProofs, (bytes32(0))));
        assertTrue(ok);
        assertEq(ret.length, 7 * 32);
    }
}
