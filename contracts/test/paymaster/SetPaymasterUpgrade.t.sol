// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC1967} from "@openzeppelin/contracts/interfaces/IERC1967.sol";
import {SetPaymaster} from "../../src/commerce/SetPaymaster.sol";
import {PaymasterTestBase} from "./utils/PaymasterTestBase.sol";
import {MerchantRecord} from "./mocks/SetPaymasterHarness.sol";
import {SetPaymasterV2Mock, NotUpgradeable} from "./mocks/SetPaymasterV2Mock.sol";

/// UUPS upgrades and the storage layout (contracts/CHANGES.md, SetPaymaster "Storage layout"): slots 0-6 and
/// the 3-slot merchant record are those of the existing contract, so an existing proxy can be
/// upgraded in place and the records it holds read back unchanged.
contract SetPaymasterUpgradeTest is PaymasterTestBase {
    address internal merchantTwo = makeAddr("merchantTwo");

    // =========================================================================
    // Upgrades
    // =========================================================================

    function test_WhenOwnerUpgrades_StorageSurvivesAndEventsAreEmitted() public {
        _populate();
        bytes32[] memory before = _snapshotStorage();
        uint256 balanceBefore = address(paymaster).balance;

        SetPaymasterV2Mock v2 = new SetPaymasterV2Mock();
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.ContractUpgraded(address(v2), owner);
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit IERC1967.Upgraded(address(v2));
        vm.prank(owner);
        paymaster.upgradeToAndCall(address(v2), "");

        assertEq(_implementationOf(address(paymaster)), address(v2));
        assertEq(SetPaymasterV2Mock(payable(address(paymaster))).version(), 2);
        bytes32[] memory afterUpgrade = _snapshotStorage();
        for (uint256 i; i < before.length; ++i) {
            assertEq(afterUpgrade[i], before[i], "storage word changed by the upgrade");
        }
        assertEq(address(paymaster).balance, balanceBefore);
        _assertPopulated();
        // And the upgraded contract keeps working on the old records.
        execute(merchant, 0.001 ether);
        (,,,, uint256 total) = details(merchant);
        assertEq(total, 0.004 ether);
    }

    function testFuzz_RevertWhen_NonOwnerUpgrades(address caller) public {
        vm.assume(caller != owner);
        SetPaymasterV2Mock v2 = new SetPaymasterV2Mock();
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, caller));
        paymaster.upgradeToAndCall(address(v2), "");
        assertEq(_implementationOf(address(paymaster)), address(implementation));
    }

    function test_RevertWhen_OperatorUpgrades() public {
        SetPaymasterV2Mock v2 = new SetPaymasterV2Mock();
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, operator));
        paymaster.upgradeToAndCall(address(v2), "");
    }

    function test_RevertWhen_UpgradingToNonUupsImplementation() public {
        NotUpgradeable target = new NotUpgradeable();
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ERC1967Utils.ERC1967InvalidImplementation.selector, address(target)));
        paymaster.upgradeToAndCall(address(target), "");
    }

    function test_RevertWhen_UpgradeCalledOnImplementation() public {
        SetPaymasterV2Mock v2 = new SetPaymasterV2Mock();
        vm.prank(owner);
        vm.expectRevert(UUPSUpgradeable.UUPSUnauthorizedCallContext.selector);
        implementation.upgradeToAndCall(address(v2), "");
    }

    function test_WhenOwnershipTransferred_NewOwnerUpgrades() public {
        address newOwner = makeAddr("newOwner");
        vm.prank(owner);
        paymaster.transferOwnership(newOwner);
        SetPaymasterV2Mock v2 = new SetPaymasterV2Mock();
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, owner));
        paymaster.upgradeToAndCall(address(v2), "");
        vm.prank(newOwner);
        paymaster.upgradeToAndCall(address(v2), "");
        assertEq(_implementationOf(address(paymaster)), address(v2));
    }

    // =========================================================================
    // Storage layout
    // =========================================================================

    function test_WhenInspectingStorage_SlotsMatchTheExistingLayout() public {
        _populate();
        assertEq(uint256(vm.load(address(paymaster), bytes32(uint256(1)))), 4, "slot 1 nextTierId");
        assertEq(uint256(vm.load(address(paymaster), bytes32(uint256(3)))), 0.003 ether, "slot 3 totalGasSponsored");
        assertEq(
            address(uint160(uint256(vm.load(address(paymaster), bytes32(uint256(4)))))), treasury, "slot 4 treasury"
        );
        assertEq(uint256(vm.load(address(paymaster), bytes32(uint256(5)))), 0.02 ether, "slot 5 minDeposit");
        assertEq(
            uint256(vm.load(address(paymaster), keccak256(abi.encode(operator, uint256(6))))), 1, "slot 6 operators"
        );
        for (uint256 slot = 7; slot < 57; ++slot) {
            assertEq(vm.load(address(paymaster), bytes32(slot)), bytes32(0), "gap");
        }

        // tiers[3] at keccak(3 . 0): name | perTx, perDay | perMonth, active.
        bytes32 tierBase = keccak256(abi.encode(uint256(3), uint256(0)));
        // A short string: its bytes left-aligned, 2 * length in the low byte.
        // forge-lint: disable-next-line(unsafe-typecast) a 7-byte literal
        bytes32 shortString = bytes32("Premium") | bytes32(uint256(14));
        assertEq(vm.load(address(paymaster), tierBase), shortString);
        assertEq(uint256(vm.load(address(paymaster), _plus(tierBase, 1))), (uint256(0.2 ether) << 128) | 0.02 ether);
        assertEq(uint256(vm.load(address(paymaster), _plus(tierBase, 2))), (uint256(1) << 128) | 2 ether);

        // merchant record at keccak(merchant . 2).
        bytes32 base = keccak256(abi.encode(merchant, uint256(2)));
        uint256 t = block.timestamp;
        assertEq(uint256(vm.load(address(paymaster), base)), 1 | (GROWTH << 8) | (t << 16) | (t << 80));
        assertEq(uint256(vm.load(address(paymaster), _plus(base, 1))), (uint256(0.003 ether) << 128) | 0.003 ether);
        assertEq(uint256(vm.load(address(paymaster), _plus(base, 2))), 0.003 ether, "tierIdHigh 0 below 256");
    }

    /// A record as the old contract wrote it (uint8 tier id, nothing in the upper half of the
    /// third slot) reads back unchanged and keeps working after an in-place upgrade.
    function test_GivenRecordWrittenByOldContract_ItReadsBackAndKeepsWorking() public {
        vm.warp(1_700_000_000);
        bytes32 base = keccak256(abi.encode(merchantTwo, uint256(2)));
        uint256 t = block.timestamp - 1 hours;
        vm.store(address(paymaster), base, bytes32(1 | (ENTERPRISE << 8) | (t << 16) | ((t - 1 days) << 80)));
        vm.store(address(paymaster), _plus(base, 1), bytes32((uint256(0.3 ether) << 128) | 0.05 ether));
        vm.store(address(paymaster), _plus(base, 2), bytes32(uint256(0.7 ether)));

        MerchantRecord memory stored = record(merchantTwo);
        assertTrue(stored.active);
        assertEq(stored.tierId, ENTERPRISE);
        assertEq(stored.lastDayReset, t);
        assertEq(stored.lastMonthReset, t - 1 days);
        assertEq(stored.spentToday, 0.05 ether);
        assertEq(stored.spentThisMonth, 0.3 ether);
        assertEq(stored.totalSponsored, 0.7 ether);

        execute(merchantTwo, 0.01 ether);
        (,, uint256 today, uint256 month, uint256 lifetime) = details(merchantTwo);
        assertEq(today, 0.06 ether);
        assertEq(month, 0.31 ether);
        assertEq(lifetime, 0.71 ether);
        // totalGasSponsored starts counting at the upgrade; refunds of older payouts saturate.
        refund(merchantTwo, 0.5 ether);
        assertEq(paymaster.totalGasSponsored(), 0);
    }

    // =========================================================================
    // Helpers
    // =========================================================================

    function _populate() internal {
        vm.startPrank(owner);
        paymaster.createTier("Premium", 0.02 ether, 0.2 ether, 2 ether);
        paymaster.setMinDeposit(0.02 ether);
        paymaster.sponsorMerchant(merchant, GROWTH);
        paymaster.sponsorMerchant(merchantTwo, STARTER);
        paymaster.revokeMerchant(merchantTwo);
        vm.stopPrank();
        execute(merchant, 0.003 ether);
    }

    function _assertPopulated() internal view {
        assertEq(paymaster.owner(), owner);
        assertEq(paymaster.treasury(), treasury);
        assertEq(paymaster.minDeposit(), 0.02 ether);
        assertEq(paymaster.nextTierId(), 4);
        assertTrue(paymaster.operators(operator));
        assertEq(paymaster.totalGasSponsored(), 0.003 ether);
        (string memory name, uint128 perTx,,,) = paymaster.tiers(3);
        assertEq(name, "Premium");
        assertEq(perTx, 0.02 ether);
        (bool active, uint256 tierId, uint256 today,, uint256 total) = details(merchant);
        assertTrue(active);
        assertEq(tierId, GROWTH);
        assertEq(today, 0.003 ether);
        assertEq(total, 0.003 ether);
        (bool activeTwo,,,,) = details(merchantTwo);
        assertFalse(activeTwo);
    }

    /// Slots 0-56 plus the words of the records and tiers written by `_populate`.
    function _snapshotStorage() internal view returns (bytes32[] memory words) {
        bytes32 m1 = keccak256(abi.encode(merchant, uint256(2)));
        bytes32 m2 = keccak256(abi.encode(merchantTwo, uint256(2)));
        bytes32 tier = keccak256(abi.encode(uint256(3), uint256(0)));
        words = new bytes32[](57 + 9);
        for (uint256 slot; slot < 57; ++slot) {
            words[slot] = vm.load(address(paymaster), bytes32(slot));
        }
        for (uint256 k; k < 3; ++k) {
            words[57 + k] = vm.load(address(paymaster), _plus(m1, k));
            words[60 + k] = vm.load(address(paymaster), _plus(m2, k));
            words[63 + k] = vm.load(address(paymaster), _plus(tier, k));
        }
    }

    function _plus(bytes32 slot, uint256 k) internal pure returns (bytes32) {
        return bytes32(uint256(slot) + k);
    }
}
