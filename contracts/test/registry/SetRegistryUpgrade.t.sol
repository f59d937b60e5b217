// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

// Test code: the narrowing casts below are on values the test itself bounds.
// forge-lint: disable-start(unsafe-typecast)

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC1967} from "@openzeppelin/contracts/interfaces/IERC1967.sol";
import {SetRegistry} from "../../src/SetRegistry.sol";
import {RegistryTestBase} from "./utils/RegistryTestBase.sol";
import {SetRegistryV2Mock, NotUUPS, WrongUUID} from "./mocks/SetRegistryV2Mock.sol";

contract SetRegistryUpgradeTest is RegistryTestBase {
    SetRegistryV2Mock internal v2;

    function setUp() public override {
        super.setUp();
        v2 = new SetRegistryV2Mock();
    }

    function _implementation() internal view returns (address) {
        return address(uint160(uint256(vm.load(address(registry), ERC1967Utils.IMPLEMENTATION_SLOT))));
    }

    function test_UpgradeToAndCall_EmitsContractUpgradedAndUpgraded() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit SetRegistry.ContractUpgraded(address(v2), owner);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IERC1967.Upgraded(address(v2));
        vm.prank(owner);
        registry.upgradeToAndCall(address(v2), abi.encodeCall(SetRegistryV2Mock.initializeV2, (7)));
        assertEq(_implementation(), address(v2));
        assertEq(SetRegistryV2Mock(address(registry)).version(), "2");
    }

    /// @dev Every kind of state survives the upgrade and keeps working.
    function test_GivenState_StorageSurvivesUpgradeToV2() public {
        _commit(BATCH_1, bytes32(0), STATE_1, 1, 10);
        vm.startPrank(sequencer);
        registry.commitStarkProof(BATCH_1, PROOF_HASH, bytes32(0), STATE_1, POLICY_HASH, 5, true, 99, 3);
        vm.stopPrank();
        vm.startPrank(owner);
        registry.setSequencerAuthorization(stranger, true);
        registry.setLegacyFunctionsEnabled(true);
        registry.pause();
        registry.upgradeToAndCall(address(v2), "");
        vm.stopPrank();

        assertEq(registry.owner(), owner);
        assertTrue(registry.paused());
        assertTrue(registry.strictModeEnabled());
        assertTrue(registry.legacyFunctionsEnabled());
        assertTrue(registry.authorizedSequencers(stranger));
        assertEq(registry.authorizedSequencerCount(), 2);
        assertEq(registry.totalCommitments(), 1);
        assertEq(registry.totalStarkProofs(), 1);
        assertEq(registry.getLatestBatchId(TENANT, STORE), BATCH_1);
        assertEq(registry.getHeadSequence(TENANT, STORE), 10);
        SetRegistry.BatchCommitment memory c = registry.getBatchCommitment(BATCH_1);
        assertEq(c.eventsRoot, EVENTS_ROOT);
        assertEq(c.newStateRoot, STATE_1);
        assertTrue(registry.verifyStarkProofHash(BATCH_1, PROOF_HASH));

        vm.prank(owner);
        registry.unpause();
        vm.expectRevert(abi.encodeWithSelector(SetRegistry.SequenceGap.selector, uint64(11), uint64(12)));
        _commit(BATCH_2, STATE_1, STATE_2, 12, 20);
        _commit(BATCH_2, STATE_1, STATE_2, 11, 20);
        assertEq(registry.totalCommitments(), 2);
    }

    function testFuzz_RevertWhen_UpgradeCallerIsNotOwner(address caller) public {
        vm.assume(caller != owner);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, caller));
        vm.prank(caller);
        registry.upgradeToAndCall(address(v2), "");
        assertEq(_implementation(), address(implementation));
    }

    function test_RevertWhen_UpgradeIsCalledOnTheImplementation() public {
        vm.expectRevert(UUPSUpgradeable.UUPSUnauthorizedCallContext.selector);
        vm.prank(owner);
        implementation.upgradeToAndCall(address(v2), "");
    }

    function test_RevertWhen_ProxiableUUIDIsCalledThroughTheProxy() public {
        vm.expectRevert(UUPSUpgradeable.UUPSUnauthorizedCallContext.selector);
        registry.proxiableUUID();
        assertEq(implementation.proxiableUUID(), ERC1967Utils.IMPLEMENTATION_SLOT);
    }

    function test_RevertWhen_NewImplementationIsNotUUPS() public {
        NotUUPS bad = new NotUUPS();
        vm.expectRevert(abi.encodeWithSelector(ERC1967Utils.ERC1967InvalidImplementation.selector, address(bad)));
        vm.prank(owner);
        registry.upgradeToAndCall(address(bad), "");
    }

    function test_RevertWhen_NewImplementationReportsAnotherSlot() public {
        WrongUUID bad = new WrongUUID();
        vm.expectRevert(abi.encodeWithSelector(UUPSUpgradeable.UUPSUnsupportedProxiableUUID.selector, bad.SLOT()));
        vm.prank(owner);
        registry.upgradeToAndCall(address(bad), "");
    }

    function test_RevertWhen_UpgradeSendsValueWithoutData() public {
        vm.deal(owner, 1 ether);
        vm.expectRevert(ERC1967Utils.ERC1967NonPayable.selector);
        vm.prank(owner);
        registry.upgradeToAndCall{value: 1}(address(v2), "");
    }

    function test_UpgradeInterfaceVersion() public view {
        assertEq(registry.UPGRADE_INTERFACE_VERSION(), "5.0.0");
    }

    /// @dev Pins the storage layout documented in contracts/CHANGES.md (proxy storage, our slots 0..4).
    function test_StorageLayout() public {
        vm.warp(0x1234);
        _commit(BATCH_1, keccak256("prev"), STATE_1, 3, 7);
        vm.startPrank(sequencer);
        registry.commitStarkProof(BATCH_1, PROOF_HASH, keccak256("prev"), STATE_1, POLICY_HASH, 5, true, 99, 3);
        vm.stopPrank();
        address r = address(registry);
        // slot 0: authorizedSequencers
        assertEq(uint256(vm.load(r, keccak256(abi.encode(sequencer, uint256(0))))), 1, "slot 0");
        // slot 1: commitments, 3 slots per batch
        bytes32 c = keccak256(abi.encode(BATCH_1, uint256(1)));
        assertEq(vm.load(r, c), EVENTS_ROOT, "slot 1 +0 eventsRoot");
        assertEq(vm.load(r, bytes32(uint256(c) + 1)), STATE_1, "slot 1 +1 newStateRoot");
        uint256 meta = uint256(vm.load(r, bytes32(uint256(c) + 2)));
        assertEq(uint64(meta), 3, "start");
        assertEq(uint64(meta >> 64), 7, "end");
        assertEq(uint32(meta >> 128), 5, "count");
        assertEq(uint64(meta >> 160), 0x1234, "timestamp");
        assertEq(uint32(meta >> 224), uint32(bytes4(keccak256(abi.encode(keccak256("prev"))))), "prev root tag");
        // slot 2: latestCommitment
        assertEq(vm.load(r, keccak256(abi.encode(_key(TENANT, STORE), uint256(2)))), BATCH_1, "slot 2");
        // slot 3: config = totalCommitments | totalStarkProofs | sequencerCount | strict | legacy | paused
        uint256 cfg = uint256(vm.load(r, bytes32(uint256(3))));
        assertEq(uint64(cfg), 1, "totalCommitments");
        assertEq(uint64(cfg >> 64), 1, "totalStarkProofs");
        assertEq(uint64(cfg >> 128), 1, "authorizedSequencerCount");
        assertEq(uint8(cfg >> 192), 1, "strict");
        assertEq(uint8(cfg >> 200), 0, "legacy");
        assertEq(uint8(cfg >> 208), 0, "paused");
        // slot 4: starkProofs, 3 slots per batch
        bytes32 p = keccak256(abi.encode(BATCH_1, uint256(4)));
        assertEq(vm.load(r, p), PROOF_HASH, "slot 4 +0");
        assertEq(vm.load(r, bytes32(uint256(p) + 1)), POLICY_HASH, "slot 4 +1");
        uint256 pm = uint256(vm.load(r, bytes32(uint256(p) + 2)));
        assertEq(uint64(pm), 5, "policyLimit");
        assertEq(uint8(pm >> 64), 1, "allCompliant");
        assertEq(uint64(pm >> 72), 99, "proofSize");
        assertEq(uint64(pm >> 136), 3, "provingTimeMs");
        assertEq(uint40(pm >> 200), 0x1234, "timestamp");
    }
}
// forge-lint: disable-end(unsafe-typecast)
