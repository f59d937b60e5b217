// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {SetPaymaster} from "../../src/commerce/SetPaymaster.sol";
import {PaymasterTestBase} from "./utils/PaymasterTestBase.sol";
import {SetPaymasterHarness, MerchantRecord} from "./mocks/SetPaymasterHarness.sol";
import {RejectingMerchant} from "./mocks/Merchants.sol";

/// The batch entry points, batch views, `getPaymasterStatus` and `getAllTiers`:
/// whole-call revert order, per-item reasons, counters and events.
contract SetPaymasterBatchTest is PaymasterTestBase {
    SetPaymasterHarness internal harness;
    address internal merchantTwo = makeAddr("merchantTwo");

    function setUp() public override {
        harness = _setUpWithHarness();
    }

    // =========================================================================
    // batchSponsorMerchants
    // =========================================================================

    function test_WhenBatchSponsoring_SponsorsEachAndEmits() public {
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.MerchantSponsored(merchant, 0);
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.MerchantSponsored(merchantTwo, 2);
        vm.prank(owner);
        paymaster.batchSponsorMerchants(two(merchant, merchantTwo), uints(0, 2));

        (bool[] memory statuses, uint256[] memory tierIds) =
            paymaster.batchGetMerchantStatus(two(merchant, merchantTwo));
        assertTrue(statuses[0] && statuses[1]);
        assertEq(tierIds[0], 0);
        assertEq(tierIds[1], 2);
    }

    function test_RevertWhen_BatchSponsorEmpty() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.EmptyArray.selector);
        paymaster.batchSponsorMerchants(new address[](0), uints(1));
    }

    function test_RevertWhen_BatchSponsorLengthMismatch() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.ArrayLengthMismatch.selector);
        paymaster.batchSponsorMerchants(new address[](101), uints(1));
    }

    function test_RevertWhen_BatchSponsorTooLarge() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.BatchTooLarge.selector);
        paymaster.batchSponsorMerchants(new address[](101), new uint256[](101));
    }

    function test_RevertWhen_BatchSponsorHasZeroAddress() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidAddress.selector);
        paymaster.batchSponsorMerchants(two(merchant, address(0)), uints(0, 0));
    }

    function test_RevertWhen_BatchSponsorHasInvalidTier() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidTier.selector);
        paymaster.batchSponsorMerchants(two(merchant, merchantTwo), uints(0, 3));
    }

    function test_RevertWhen_BatchSponsorCalledByOperator() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, operator));
        paymaster.batchSponsorMerchants(one(merchant), uints(0));
    }

    // =========================================================================
    // batchRevokeMerchants
    // =========================================================================

    function test_WhenBatchRevoking_DeactivatesEach() public {
        vm.startPrank(owner);
        paymaster.batchSponsorMerchants(two(merchant, merchantTwo), uints(0, 1));
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.MerchantRevoked(merchant);
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.MerchantRevoked(merchantTwo);
        paymaster.batchRevokeMerchants(two(merchant, merchantTwo));
        vm.stopPrank();
        (bool[] memory statuses,) = paymaster.batchGetMerchantStatus(two(merchant, merchantTwo));
        assertFalse(statuses[0] || statuses[1]);
    }

    function test_RevertWhen_BatchRevokeEmpty() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.EmptyArray.selector);
        paymaster.batchRevokeMerchants(new address[](0));
    }

    function test_RevertWhen_BatchRevokeTooLarge() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.BatchTooLarge.selector);
        paymaster.batchRevokeMerchants(new address[](101));
    }

    function test_RevertWhen_BatchRevokeHasZeroAddress() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidAddress.selector);
        paymaster.batchRevokeMerchants(two(merchant, address(0)));
    }

    // =========================================================================
    // batchExecuteSponsorship
    // =========================================================================

    function test_WhenBatchExecuting_EveryFailureReasonIsReportedInOrder() public {
        RejectingMerchant rejecting = new RejectingMerchant();
        address[8] memory who = [
            address(0),
            makeAddr("unsponsored"),
            makeAddr("inactiveTier"),
            makeAddr("overTx"),
            makeAddr("overDay"),
            makeAddr("overMonth"),
            makeAddr("tooExpensive"),
            address(rejecting)
        ];
        uint64 t = uint64(block.timestamp);
        // tier 3: inactive; tier 4: huge per-tx limit to reach the balance check.
        harness.exposed_setTier(3, "Off", 1 ether, 1 ether, 1 ether, false);
        harness.exposed_setTier(4, "Huge", 100 ether, 100 ether, 100 ether, true);
        harness.exposed_setMerchant(who[2], MerchantRecord(true, 3, t, t, 0, 0, 0));
        harness.exposed_setMerchant(who[3], MerchantRecord(true, STARTER, t, t, 0, 0, 0));
        harness.exposed_setMerchant(who[4], MerchantRecord(true, STARTER, t, t, 0.01 ether, 0.01 ether, 0));
        harness.exposed_setMerchant(who[5], MerchantRecord(true, STARTER, t, t, 0, 0.1 ether, 0));
        harness.exposed_setMerchant(who[6], MerchantRecord(true, 4, t, t, 0, 0, 0));
        harness.exposed_setMerchant(who[7], MerchantRecord(true, STARTER, t, t, 0.002 ether, 0.003 ether, 0.004 ether));

        address[] memory merchants = new address[](9);
        uint256[] memory amounts = new uint256[](9);
        string[8] memory reasons = [
            "Invalid merchant",
            "Not sponsored",
            "Tier not active",
            "Exceeds tx limit",
            "Exceeds daily limit",
            "Exceeds monthly limit",
            "Insufficient balance",
            "Transfer failed"
        ];
        for (uint256 i; i < 8; ++i) {
            merchants[i] = who[i];
            amounts[i] = 0.001 ether;
        }
        amounts[3] = 0.002 ether;
        amounts[6] = 11 ether;
        sponsor(merchant, STARTER);
        merchants[8] = merchant;
        amounts[8] = 0.001 ether;

        for (uint256 i; i < 8; ++i) {
            vm.expectEmit(true, true, true, true, address(paymaster));
            emit SetPaymaster.BatchSponsorshipFailed(who[i], reasons[i]);
        }
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.GasSponsored(merchant, 0.001 ether, ORDER_CREATE);
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.BatchSponsorshipCompleted(9, 1, 8);
        vm.prank(operator);
        (uint256 succeeded, uint256 failed) = paymaster.batchExecuteSponsorship(merchants, amounts, ops(9));

        assertEq(succeeded, 1);
        assertEq(failed, 8);
        assertEq(paymaster.totalGasSponsored(), 0.001 ether);
        // The refused transfer rolled the counters back.
        (,,,, uint128 today, uint128 month, uint128 total) = paymaster.merchantSponsorship(address(rejecting));
        assertEq(today, 0.002 ether);
        assertEq(month, 0.003 ether);
        assertEq(total, 0.004 ether);
    }

    function test_WhenBatchItemFailsAfterWindowReset_ResetPersists() public {
        uint64 t = uint64(block.timestamp);
        harness.exposed_setMerchant(merchant, MerchantRecord(true, STARTER, t, t, 0.005 ether, 0.1 ether, 0.1 ether));
        vm.warp(block.timestamp + 1 days);

        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.BatchSponsorshipFailed(merchant, "Exceeds monthly limit");
        vm.prank(operator);
        paymaster.batchExecuteSponsorship(one(merchant), uints(0.001 ether), ops(1));

        (,, uint64 lastDayReset, uint64 lastMonthReset, uint128 today, uint128 month,) =
            paymaster.merchantSponsorship(merchant);
        assertEq(lastDayReset, block.timestamp, "daily reset kept");
        assertEq(today, 0);
        assertEq(lastMonthReset, t);
        assertEq(month, 0.1 ether);
    }

    function test_WhenSameMerchantTwiceInBatch_SecondSeesFirstSpend() public {
        sponsor(merchant, STARTER);
        uint64 t = uint64(block.timestamp);
        harness.exposed_setMerchant(merchant, MerchantRecord(true, STARTER, t, t, 0.009 ether, 0.009 ether, 0));
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.BatchSponsorshipFailed(merchant, "Exceeds daily limit");
        vm.prank(operator);
        (uint256 succeeded, uint256 failed) =
            paymaster.batchExecuteSponsorship(two(merchant, merchant), uints(0.001 ether, 0.001 ether), ops(2));
        assertEq(succeeded, 1);
        assertEq(failed, 1);
    }

    function test_RevertWhen_BatchExecuteEmpty() public {
        vm.prank(operator);
        vm.expectRevert(SetPaymaster.EmptyArray.selector);
        paymaster.batchExecuteSponsorship(new address[](0), new uint256[](1), ops(1));
    }

    function test_RevertWhen_BatchExecuteAmountsLengthMismatch() public {
        vm.prank(operator);
        vm.expectRevert(SetPaymaster.ArrayLengthMismatch.selector);
        paymaster.batchExecuteSponsorship(new address[](2), new uint256[](1), ops(2));
    }

    function test_RevertWhen_BatchExecuteOperationsLengthMismatch() public {
        vm.prank(operator);
        vm.expectRevert(SetPaymaster.ArrayLengthMismatch.selector);
        paymaster.batchExecuteSponsorship(new address[](2), new uint256[](2), ops(1));
    }

    function test_RevertWhen_BatchExecuteTooLarge() public {
        vm.prank(operator);
        vm.expectRevert(SetPaymaster.BatchTooLarge.selector);
        paymaster.batchExecuteSponsorship(new address[](101), new uint256[](101), ops(101));
    }

    function test_RevertWhen_BatchExecuteCallerNotOperator() public {
        vm.prank(stranger);
        vm.expectRevert(SetPaymaster.NotOperator.selector);
        paymaster.batchExecuteSponsorship(one(merchant), uints(1), ops(1));
    }

    function test_WhenBatchHasMaxSize_AllSucceed() public {
        address[] memory merchants = new address[](100);
        uint256[] memory tierIds = new uint256[](100);
        uint256[] memory amounts = new uint256[](100);
        for (uint256 i; i < 100; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) small numbers
            merchants[i] = address(uint160(0x10000 + i));
            amounts[i] = 0.001 ether;
        }
        vm.prank(owner);
        paymaster.batchSponsorMerchants(merchants, tierIds);
        vm.prank(operator);
        (uint256 succeeded, uint256 failed) = paymaster.batchExecuteSponsorship(merchants, amounts, ops(100));
        assertEq(succeeded, 100);
        assertEq(failed, 0);
        assertEq(paymaster.totalGasSponsored(), 0.1 ether);
    }

    // =========================================================================
    // batchRefundUnusedGas (whole-call reverts; the happy path is in SetPaymaster.t.sol)
    // =========================================================================

    function test_RevertWhen_BatchRefundEmpty() public {
        vm.prank(operator);
        vm.expectRevert(SetPaymaster.EmptyArray.selector);
        paymaster.batchRefundUnusedGas(new address[](0), new uint256[](0));
    }

    function test_RevertWhen_BatchRefundLengthMismatch() public {
        vm.prank(operator);
        vm.expectRevert(SetPaymaster.ArrayLengthMismatch.selector);
        paymaster.batchRefundUnusedGas(two(merchant, merchantTwo), uints(1));
    }

    function test_RevertWhen_BatchRefundTooLarge() public {
        vm.prank(operator);
        vm.expectRevert(SetPaymaster.BatchTooLarge.selector);
        paymaster.batchRefundUnusedGas(new address[](101), new uint256[](101));
    }

    function test_RevertWhen_BatchRefundHasZeroAddress() public {
        vm.prank(operator);
        vm.expectRevert(SetPaymaster.InvalidAddress.selector);
        paymaster.batchRefundUnusedGas{value: 2}(two(merchant, address(0)), uints(1, 1));
    }

    function test_RevertWhen_BatchRefundValueMismatch() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(SetPaymaster.RefundValueMismatch.selector, 3, 2));
        paymaster.batchRefundUnusedGas{value: 2}(two(merchant, merchantTwo), uints(1, 2));
    }

    function test_RevertWhen_BatchRefundItemExceedsSponsored() public {
        sponsor(merchant, GROWTH);
        sponsor(merchantTwo, GROWTH);
        execute(merchant, 0.002 ether);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(SetPaymaster.RefundExceedsSponsored.selector, 1, 0));
        paymaster.batchRefundUnusedGas{value: 0.001 ether + 1}(two(merchant, merchantTwo), uints(0.001 ether, 1));
        (,,,, uint256 total) = details(merchant);
        assertEq(total, 0.002 ether, "whole batch reverted");
    }

    // =========================================================================
    // batchUpdateMerchantTier
    // =========================================================================

    function test_WhenBatchUpdatingTier_MovesActiveMerchantsOnly() public {
        address revoked = makeAddr("revoked");
        sponsor(merchant, STARTER);
        sponsor(revoked, STARTER);
        execute(merchant, 0.001 ether);
        vm.prank(owner);
        paymaster.revokeMerchant(revoked);

        vm.recordLogs();
        vm.prank(owner);
        paymaster.batchUpdateMerchantTier(two(merchant, revoked), GROWTH);
        assertEq(vm.getRecordedLogs().length, 1, "one MerchantSponsored, for the active merchant");

        (bool[] memory active, uint256[] memory tierIds, uint256[] memory today,, uint256[] memory total) =
            paymaster.batchGetMerchantDetails(two(merchant, revoked));
        assertTrue(active[0]);
        assertFalse(active[1]);
        assertEq(tierIds[0], GROWTH);
        assertEq(tierIds[1], STARTER);
        assertEq(today[0], 0.001 ether, "counters untouched");
        assertEq(total[0], 0.001 ether);
    }

    function test_RevertWhen_BatchUpdateTierEmpty() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.EmptyArray.selector);
        paymaster.batchUpdateMerchantTier(new address[](0), GROWTH);
    }

    function test_RevertWhen_BatchUpdateTierTooLarge() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.BatchTooLarge.selector);
        paymaster.batchUpdateMerchantTier(new address[](101), GROWTH);
    }

    function test_RevertWhen_BatchUpdateToUnknownTier() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidTier.selector);
        paymaster.batchUpdateMerchantTier(one(merchant), 3);
    }

    function test_RevertWhen_BatchUpdateToInactiveTier() public {
        vm.startPrank(owner);
        paymaster.setTierActive(GROWTH, false);
        vm.expectRevert(SetPaymaster.InvalidTier.selector);
        paymaster.batchUpdateMerchantTier(one(merchant), GROWTH);
        vm.stopPrank();
    }

    function test_RevertWhen_BatchUpdateHasZeroAddress() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidAddress.selector);
        paymaster.batchUpdateMerchantTier(two(merchant, address(0)), GROWTH);
    }

    // =========================================================================
    // Batch views
    // =========================================================================

    function test_WhenBatchCanSponsor_ReturnsEachDecision() public {
        sponsor(merchant, STARTER);
        (bool[] memory can, string[] memory reasons) =
            paymaster.batchCanSponsor(two(merchant, merchantTwo), uints(0.002 ether, 0.001 ether));
        assertFalse(can[0]);
        assertEq(reasons[0], "Exceeds transaction limit");
        assertFalse(can[1]);
        assertEq(reasons[1], "Not sponsored");
        (can, reasons) = paymaster.batchCanSponsor(one(merchant), uints(0.001 ether));
        assertTrue(can[0]);
        assertEq(reasons[0], "");
    }

    function test_RevertWhen_BatchCanSponsorLengthMismatch() public {
        vm.expectRevert(SetPaymaster.ArrayLengthMismatch.selector);
        paymaster.batchCanSponsor(two(merchant, merchantTwo), uints(1));
    }

    function test_WhenBatchAllowances_ReturnsEach() public {
        sponsor(merchant, STARTER);
        execute(merchant, 0.001 ether);
        uint256[] memory allowances = paymaster.batchGetRemainingDailyAllowance(two(merchant, merchantTwo));
        assertEq(allowances[0], 0.009 ether);
        assertEq(allowances[1], 0);
    }

    function test_WhenBatchViewsGetEmptyArrays_ReturnEmpty() public view {
        (bool[] memory statuses,) = paymaster.batchGetMerchantStatus(new address[](0));
        assertEq(statuses.length, 0);
        assertEq(paymaster.batchGetRemainingDailyAllowance(new address[](0)).length, 0);
        (bool[] memory active,,,,) = paymaster.batchGetMerchantDetails(new address[](0));
        assertEq(active.length, 0);
    }

    function test_WhenBatchDetails_NormalizesExpiredWindows() public {
        sponsor(merchant, ENTERPRISE);
        execute(merchant, 0.01 ether);
        vm.warp(block.timestamp + 1 days);
        (,, uint256[] memory today, uint256[] memory month, uint256[] memory total) =
            paymaster.batchGetMerchantDetails(one(merchant));
        assertEq(today[0], 0);
        assertEq(month[0], 0.01 ether);
        assertEq(total[0], 0.01 ether);
    }

    // =========================================================================
    // getAllTiers, getPaymasterStatus
    // =========================================================================

    function test_WhenListingTiers_OnlyActiveTiersInIdOrder() public {
        vm.startPrank(owner);
        paymaster.createTier("Premium", 0.02 ether, 0.2 ether, 2 ether);
        paymaster.setTierActive(GROWTH, false);
        vm.stopPrank();

        (
            uint256[] memory ids,
            string[] memory names,
            uint256[] memory perTx,
            uint256[] memory perDay,
            uint256[] memory perMonth
        ) = paymaster.getAllTiers();
        assertEq(ids.length, 3);
        assertEq(ids[0], 0);
        assertEq(ids[1], 2);
        assertEq(ids[2], 3);
        assertEq(names[1], "Enterprise");
        assertEq(names[2], "Premium");
        assertEq(perTx[2], 0.02 ether);
        assertEq(perDay[2], 0.2 ether);
        assertEq(perMonth[2], 2 ether);
    }

    function test_WhenQueryingStatus_ReportsBalanceTotalTiersTreasury() public {
        sponsor(merchant, GROWTH);
        execute(merchant, 0.004 ether);
        (uint256 bal, uint256 total, uint256 tierCount, address treasuryAddr) = paymaster.getPaymasterStatus();
        assertEq(bal, 10 ether - 0.004 ether);
        assertEq(total, 0.004 ether);
        assertEq(tierCount, 3);
        assertEq(treasuryAddr, treasury);
    }
}
