// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SetPaymaster} from "../../src/commerce/SetPaymaster.sol";
import {PaymasterTestBase} from "./utils/PaymasterTestBase.sol";
import {RejectingMerchant, ReentrantMerchant, RejectingTreasury} from "./mocks/Merchants.sol";

/// Every intent of the existing contracts' `contracts/test/SetPaymaster.t.sol` and the paymaster
/// flows of their `Integration.t.sol` (stateset/set, commit 6e3d2ab), with exact revert data and
/// events, plus the deliberate fixes listed in contracts/CHANGES.md.
contract SetPaymasterTest is PaymasterTestBase {
    // =========================================================================
    // initialize
    // =========================================================================

    function test_WhenInitialized_SetsOwnerTreasuryMinDepositAndTierCount() public view {
        assertEq(paymaster.owner(), owner);
        assertEq(paymaster.treasury(), treasury);
        assertEq(paymaster.minDeposit(), 0.01 ether);
        assertEq(paymaster.nextTierId(), 3);
        assertEq(paymaster.totalGasSponsored(), 0);
        assertEq(paymaster.MAX_BATCH_SIZE(), 100);
    }

    function test_WhenInitialized_CreatesDefaultTiers() public view {
        _assertTier(0, "Starter", 0.001 ether, 0.01 ether, 0.1 ether, true);
        _assertTier(1, "Growth", 0.005 ether, 0.05 ether, 0.5 ether, true);
        _assertTier(2, "Enterprise", 0.01 ether, 0.1 ether, 1 ether, true);
    }

    function test_RevertWhen_InitializeCalledAgain() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        paymaster.initialize(owner, treasury);
    }

    function test_RevertWhen_ImplementationInitializedDirectly() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(owner, treasury);
    }

    function test_RevertWhen_InitializeWithZeroOwner() public {
        SetPaymaster impl = new SetPaymaster();
        vm.expectRevert(SetPaymaster.InvalidAddress.selector);
        new ERC1967Proxy(address(impl), abi.encodeCall(SetPaymaster.initialize, (address(0), treasury)));
    }

    function test_RevertWhen_InitializeWithZeroTreasury() public {
        SetPaymaster impl = new SetPaymaster();
        vm.expectRevert(SetPaymaster.InvalidAddress.selector);
        new ERC1967Proxy(address(impl), abi.encodeCall(SetPaymaster.initialize, (owner, address(0))));
    }

    // =========================================================================
    // Tiers
    // =========================================================================

    function test_WhenOwnerCreatesTier_AssignsNextIdAndEmits() public {
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.TierCreated(3, "Premium", 0.02 ether, 0.2 ether);
        vm.prank(owner);
        uint256 tierId = paymaster.createTier("Premium", 0.02 ether, 0.2 ether, 2 ether);

        assertEq(tierId, 3);
        assertEq(paymaster.nextTierId(), 4);
        _assertTier(3, "Premium", 0.02 ether, 0.2 ether, 2 ether, true);
    }

    function test_WhenOwnerCreatesTierWithZeroLimits_Succeeds() public {
        vm.prank(owner);
        uint256 tierId = paymaster.createTier("Closed", 0, 0, 0);
        _assertTier(tierId, "Closed", 0, 0, 0, true);
    }

    function test_RevertWhen_TierPerTxAbovePerDay() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidTierLimits.selector);
        paymaster.createTier("Broken", 0.2 ether, 0.1 ether, 1 ether);
    }

    function test_RevertWhen_TierPerDayAbovePerMonth() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidTierLimits.selector);
        paymaster.createTier("Broken", 0.1 ether, 2 ether, 1 ether);
    }

    function test_RevertWhen_TierPerMonthAbove128Bits() public {
        uint256 tooBig = uint256(type(uint128).max) + 1;
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidTierLimits.selector);
        paymaster.createTier("Broken", 1, 1, tooBig);
    }

    function test_RevertWhen_NonOwnerCreatesTier() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, stranger));
        paymaster.createTier("Premium", 0.02 ether, 0.2 ether, 2 ether);
    }

    function test_WhenOwnerUpdatesTier_ReplacesLimitsAndEmits() public {
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.TierUpdated(0, 0.002 ether, 0.02 ether);
        vm.prank(owner);
        paymaster.updateTier(0, 0.002 ether, 0.02 ether, 0.2 ether);

        _assertTier(0, "Starter", 0.002 ether, 0.02 ether, 0.2 ether, true);
    }

    function test_RevertWhen_UpdatingUnknownTier() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidTier.selector);
        paymaster.updateTier(99, 0.002 ether, 0.02 ether, 0.2 ether);
    }

    function test_RevertWhen_UpdatingTierWithUnorderedLimits() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidTierLimits.selector);
        paymaster.updateTier(0, 0.03 ether, 0.02 ether, 0.2 ether);
    }

    function test_RevertWhen_NonOwnerUpdatesTier() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, operator));
        paymaster.updateTier(0, 0.002 ether, 0.02 ether, 0.2 ether);
    }

    function test_WhenOwnerDeactivatesTier_Emits() public {
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.TierStatusUpdated(1, false);
        vm.prank(owner);
        paymaster.setTierActive(1, false);

        (,,,, bool active) = paymaster.tiers(1);
        assertFalse(active);
    }

    function test_RevertWhen_SettingUnknownTierActive() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidTier.selector);
        paymaster.setTierActive(3, true);
    }

    // =========================================================================
    // Operators, treasury, minimum deposit
    // =========================================================================

    function test_WhenOwnerSetsOperator_Emits() public {
        address newOperator = makeAddr("newOperator");
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.OperatorUpdated(newOperator, true);
        vm.prank(owner);
        paymaster.setOperator(newOperator, true);
        assertTrue(paymaster.operators(newOperator));

        vm.prank(owner);
        paymaster.setOperator(newOperator, false);
        assertFalse(paymaster.operators(newOperator));
    }

    function test_RevertWhen_NonOwnerSetsOperator() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, stranger));
        paymaster.setOperator(makeAddr("newOperator"), true);
    }

    function test_RevertWhen_OperatorIsZeroAddress() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidAddress.selector);
        paymaster.setOperator(address(0), true);
    }

    function test_WhenOwnerSetsMinDeposit_Emits() public {
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.MinDepositUpdated(0.02 ether);
        vm.prank(owner);
        paymaster.setMinDeposit(0.02 ether);
        assertEq(paymaster.minDeposit(), 0.02 ether);
    }

    function test_WhenOwnerSetsTreasury_Updates() public {
        address newTreasury = makeAddr("newTreasury");
        vm.recordLogs();
        vm.prank(owner);
        paymaster.setTreasury(newTreasury);
        assertEq(paymaster.treasury(), newTreasury);
        assertEq(vm.getRecordedLogs().length, 0, "setTreasury emits no event");
    }

    function test_RevertWhen_NonOwnerSetsTreasury() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, stranger));
        paymaster.setTreasury(makeAddr("newTreasury"));
    }

    function test_RevertWhen_TreasuryIsZeroAddress() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidAddress.selector);
        paymaster.setTreasury(address(0));
    }

    // =========================================================================
    // Merchant administration
    // =========================================================================

    function test_WhenOwnerSponsorsMerchant_RecordStartsEmpty() public {
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.MerchantSponsored(merchant, 1);
        sponsor(merchant, GROWTH);

        (bool active, uint256 tierId, uint256 spentToday, uint256 spentThisMonth, uint256 total) = details(merchant);
        assertTrue(active);
        assertEq(tierId, 1);
        assertEq(spentToday, 0);
        assertEq(spentThisMonth, 0);
        assertEq(total, 0);
        (,, uint64 lastDayReset, uint64 lastMonthReset,,,) = paymaster.merchantSponsorship(merchant);
        assertEq(lastDayReset, block.timestamp);
        assertEq(lastMonthReset, block.timestamp);
    }

    function test_RevertWhen_SponsoringZeroAddress() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidAddress.selector);
        paymaster.sponsorMerchant(address(0), GROWTH);
    }

    function test_RevertWhen_SponsoringOnUnknownTier() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidTier.selector);
        paymaster.sponsorMerchant(merchant, 999);
    }

    function test_RevertWhen_SponsoringOnInactiveTier() public {
        vm.startPrank(owner);
        paymaster.setTierActive(GROWTH, false);
        vm.expectRevert(SetPaymaster.InvalidTier.selector);
        paymaster.sponsorMerchant(merchant, GROWTH);
        vm.stopPrank();
    }

    function test_RevertWhen_OperatorSponsorsMerchant() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, operator));
        paymaster.sponsorMerchant(merchant, GROWTH);
    }

    function test_WhenOwnerRevokesMerchant_DeactivatesAndKeepsCounters() public {
        sponsor(merchant, GROWTH);
        execute(merchant, 0.002 ether);

        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.MerchantRevoked(merchant);
        vm.prank(owner);
        paymaster.revokeMerchant(merchant);

        (bool active,, uint256 spentToday,, uint256 total) = details(merchant);
        assertFalse(active);
        assertEq(spentToday, 0.002 ether);
        assertEq(total, 0.002 ether);
    }

    function test_WhenRevokingNeverSponsoredMerchant_StillEmits() public {
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.MerchantRevoked(merchant);
        vm.prank(owner);
        paymaster.revokeMerchant(merchant);
    }

    function test_RevertWhen_RevokingZeroAddress() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidAddress.selector);
        paymaster.revokeMerchant(address(0));
    }

    /// Fix: the old contract zeroed the lifetime `totalSponsored` when a merchant was sponsored
    /// again (e.g. moved to another tier); the windows still restart.
    function test_WhenMerchantSponsoredAgain_WindowsRestartAndLifetimeTotalIsKept() public {
        sponsor(merchant, GROWTH);
        execute(merchant, 0.004 ether);
        vm.warp(block.timestamp + 1 hours);
        sponsor(merchant, ENTERPRISE);

        (bool active, uint256 tierId, uint256 spentToday, uint256 spentThisMonth, uint256 total) = details(merchant);
        assertTrue(active);
        assertEq(tierId, ENTERPRISE);
        assertEq(spentToday, 0);
        assertEq(spentThisMonth, 0);
        assertEq(total, 0.004 ether);
        // The kept total still backs a refund of the earlier payout.
        refund(merchant, 0.004 ether);
        assertEq(paymaster.totalGasSponsored(), 0);
    }

    // =========================================================================
    // canSponsor (exact reason strings)
    // =========================================================================

    function test_WhenSponsorable_CanSponsorReturnsTrueAndEmptyReason() public {
        sponsor(merchant, GROWTH);
        _assertCanSponsor(merchant, 0.001 ether, true, "");
    }

    function test_GivenUnsponsoredMerchant_CanSponsorSaysNotSponsored() public view {
        _assertCanSponsor(merchant, 0.001 ether, false, "Not sponsored");
    }

    function test_GivenInactiveTier_CanSponsorSaysTierNotActive() public {
        sponsor(merchant, GROWTH);
        vm.prank(owner);
        paymaster.setTierActive(GROWTH, false);
        _assertCanSponsor(merchant, 0.001 ether, false, "Tier not active");
    }

    function test_GivenAmountAboveTxLimit_CanSponsorSaysExceedsTransactionLimit() public {
        sponsor(merchant, STARTER);
        _assertCanSponsor(merchant, 0.002 ether, false, "Exceeds transaction limit");
    }

    function test_GivenDailyLimitReached_CanSponsorSaysExceedsDailyLimit() public {
        sponsor(merchant, STARTER);
        for (uint256 i; i < 10; ++i) {
            execute(merchant, 0.001 ether);
        }
        _assertCanSponsor(merchant, 0.001 ether, false, "Exceeds daily limit");
        _assertCanSponsor(merchant, 0, true, "");
        vm.warp(block.timestamp + 1 days);
        _assertCanSponsor(merchant, 0.001 ether, true, "");
    }

    function test_GivenMonthlyLimitReached_CanSponsorSaysExceedsMonthlyLimit() public {
        sponsor(merchant, STARTER);
        vm.prank(owner);
        paymaster.updateTier(STARTER, 0.001 ether, 0.002 ether, 0.002 ether);
        execute(merchant, 0.001 ether);
        execute(merchant, 0.001 ether);
        vm.warp(block.timestamp + 1 days); // the daily window rolls over, the 30-day one does not
        _assertCanSponsor(merchant, 0.001 ether, false, "Exceeds monthly limit");
    }

    function test_GivenEmptyPaymaster_CanSponsorSaysInsufficientBalance() public {
        SetPaymaster empty = deployPaymaster(new SetPaymaster());
        vm.prank(owner);
        empty.sponsorMerchant(merchant, STARTER);

        (bool sponsorable, string memory reason) = empty.canSponsor(merchant, 0.0001 ether);
        assertFalse(sponsorable);
        assertEq(reason, "Insufficient paymaster balance");
    }

    // =========================================================================
    // executeSponsorship
    // =========================================================================

    function test_WhenOperatorExecutes_PaysMerchantAndRecordsSpend() public {
        sponsor(merchant, GROWTH);
        uint256 merchantBefore = merchant.balance;
        uint256 paymasterBefore = address(paymaster).balance;

        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.GasSponsored(merchant, 0.001 ether, ORDER_CREATE);
        execute(merchant, 0.001 ether);

        assertEq(merchant.balance, merchantBefore + 0.001 ether);
        assertEq(address(paymaster).balance, paymasterBefore - 0.001 ether);
        (,, uint256 spentToday, uint256 spentThisMonth, uint256 total) = details(merchant);
        assertEq(spentToday, 0.001 ether);
        assertEq(spentThisMonth, 0.001 ether);
        assertEq(total, 0.001 ether);
        assertEq(paymaster.totalGasSponsored(), 0.001 ether);
    }

    function test_RevertWhen_CallerNotOperator() public {
        sponsor(merchant, GROWTH);
        vm.prank(stranger);
        vm.expectRevert(SetPaymaster.NotOperator.selector);
        paymaster.executeSponsorship(merchant, 0.001 ether, ORDER_CREATE);
    }

    function test_RevertWhen_OperatorRemoved() public {
        sponsor(merchant, GROWTH);
        vm.prank(owner);
        paymaster.setOperator(operator, false);
        executeReverts(merchant, 0.001 ether, SetPaymaster.NotOperator.selector);
    }

    function test_RevertGiven_MerchantNotSponsored() public {
        executeReverts(merchant, 0.001 ether, SetPaymaster.NotSponsored.selector);
    }

    function test_RevertGiven_MerchantIsZeroAddress() public {
        executeReverts(address(0), 0.001 ether, SetPaymaster.NotSponsored.selector);
    }

    function test_RevertGiven_TierNotActive() public {
        sponsor(merchant, GROWTH);
        vm.prank(owner);
        paymaster.setTierActive(GROWTH, false);
        executeReverts(merchant, 0.001 ether, SetPaymaster.TierNotActive.selector);
    }

    function test_RevertWhen_AmountExceedsTransactionLimit() public {
        sponsor(merchant, STARTER);
        executeReverts(
            merchant,
            0.002 ether,
            abi.encodeWithSelector(SetPaymaster.ExceedsTransactionLimit.selector, 0.002 ether, 0.001 ether)
        );
    }

    function test_RevertWhen_DailyLimitReached() public {
        sponsor(merchant, STARTER);
        for (uint256 i; i < 10; ++i) {
            execute(merchant, 0.001 ether);
        }
        executeReverts(
            merchant, 0.001 ether, abi.encodeWithSelector(SetPaymaster.ExceedsDailyLimit.selector, 0.001 ether, 0)
        );
    }

    function test_RevertWhen_DailyLimitWouldBeCrossed_ReportsRemaining() public {
        sponsor(merchant, GROWTH); // 0.005 per tx, 0.05 per day
        for (uint256 i; i < 9; ++i) {
            execute(merchant, 0.005 ether);
        }
        execute(merchant, 0.002 ether); // 0.047 spent
        executeReverts(
            merchant,
            0.005 ether,
            abi.encodeWithSelector(SetPaymaster.ExceedsDailyLimit.selector, 0.005 ether, 0.003 ether)
        );
    }

    function test_RevertWhen_MonthlyLimitReached() public {
        sponsor(merchant, STARTER); // 0.1 ether per 30 days
        uint256 time = block.timestamp;
        for (uint256 day; day < 10; ++day) {
            time += 1 days;
            vm.warp(time);
            vm.roll(block.number + 1);
            for (uint256 i; i < 10; ++i) {
                execute(merchant, 0.001 ether);
            }
        }
        vm.warp(time + 2 days);
        vm.roll(block.number + 1);
        executeReverts(
            merchant, 0.001 ether, abi.encodeWithSelector(SetPaymaster.ExceedsMonthlyLimit.selector, 0.001 ether, 0)
        );
    }

    function test_RevertGiven_PaymasterBalanceTooLow() public {
        SetPaymaster limited = deployPaymaster(new SetPaymaster());
        vm.deal(address(limited), 0.0001 ether);
        vm.startPrank(owner);
        limited.setOperator(operator, true);
        limited.sponsorMerchant(merchant, GROWTH);
        vm.stopPrank();

        vm.prank(operator);
        vm.expectRevert(SetPaymaster.InsufficientBalance.selector);
        limited.executeSponsorship(merchant, 0.001 ether, ORDER_CREATE);
    }

    function test_WhenOwnerExecutes_Succeeds() public {
        sponsor(merchant, GROWTH);
        vm.prank(owner);
        paymaster.executeSponsorship(merchant, 0.001 ether, ORDER_CREATE);
        (,,,, uint256 total) = details(merchant);
        assertEq(total, 0.001 ether);
    }

    function test_WhenAnyOperationType_IsAcceptedAndEchoed() public {
        sponsor(merchant, ENTERPRISE);
        for (uint8 op; op < 7; ++op) {
            SetPaymaster.OperationType operation = SetPaymaster.OperationType(op);
            vm.expectEmit(true, true, true, true, address(paymaster));
            emit SetPaymaster.GasSponsored(merchant, 0.001 ether, operation);
            vm.prank(operator);
            paymaster.executeSponsorship(merchant, 0.001 ether, operation);
        }
        (,,,, uint256 total) = details(merchant);
        assertEq(total, 0.007 ether);
    }

    function test_RevertWhen_OperationTypeOutOfRange() public {
        sponsor(merchant, ENTERPRISE);
        bytes memory data =
            abi.encodePacked(SetPaymaster.executeSponsorship.selector, abi.encode(merchant, 0.001 ether, uint256(7)));
        vm.prank(operator);
        (bool success, bytes memory revertData) = address(paymaster).call(data);
        assertFalse(success);
        assertEq(revertData.length, 0, "ABI decoding rejects the enum with empty revert data");
    }

    function test_RevertWhen_MerchantRejectsEth() public {
        RejectingMerchant rejecting = new RejectingMerchant();
        sponsor(address(rejecting), GROWTH);
        executeReverts(address(rejecting), 0.001 ether, SetPaymaster.TransferFailed.selector);
    }

    function test_RevertWhen_MerchantReentersDuringPayout() public {
        ReentrantMerchant reentrant = new ReentrantMerchant(paymaster);
        sponsor(address(reentrant), GROWTH);
        vm.prank(owner);
        paymaster.setOperator(address(reentrant), true);

        execute(address(reentrant), 0.001 ether);

        assertTrue(reentrant.reentered());
        assertEq(
            reentrant.reentryRevertData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        (,,,, uint256 total) = details(address(reentrant));
        assertEq(total, 0.001 ether, "only the outer payout counted");
    }

    /// Kept for compatibility (the shared vectors require it): a zero amount passes every check
    /// and emits GasSponsored; no ETH moves and no call is made to the merchant.
    function test_WhenAmountIsZero_SucceedsWithoutTransfer() public {
        RejectingMerchant rejecting = new RejectingMerchant();
        sponsor(address(rejecting), STARTER);
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.GasSponsored(address(rejecting), 0, ORDER_CREATE);
        execute(address(rejecting), 0);
        (,, uint256 spentToday,, uint256 total) = details(address(rejecting));
        assertEq(spentToday, 0);
        assertEq(total, 0);
    }

    /// Fix: the old contract reverted with Panic(0x11) here.
    function test_RevertGiven_DailyLimitLoweredBelowSpend_RemainingIsZero() public {
        sponsor(merchant, STARTER);
        for (uint256 i; i < 7; ++i) {
            execute(merchant, 0.001 ether);
        }
        vm.prank(owner);
        paymaster.updateTier(STARTER, 0.001 ether, 0.005 ether, 0.1 ether);

        executeReverts(
            merchant, 0.001 ether, abi.encodeWithSelector(SetPaymaster.ExceedsDailyLimit.selector, 0.001 ether, 0)
        );
        assertEq(paymaster.getRemainingDailyAllowance(merchant), 0);
        _assertCanSponsor(merchant, 0.001 ether, false, "Exceeds daily limit");
    }

    /// Fix: the old contract reverted with Panic(0x11) here.
    function test_RevertGiven_MonthlyLimitLoweredBelowSpend_RemainingIsZero() public {
        sponsor(merchant, STARTER);
        for (uint256 i; i < 7; ++i) {
            execute(merchant, 0.001 ether);
        }
        vm.warp(block.timestamp + 1 days);
        vm.prank(owner);
        paymaster.updateTier(STARTER, 0.001 ether, 0.005 ether, 0.006 ether);

        executeReverts(
            merchant, 0.001 ether, abi.encodeWithSelector(SetPaymaster.ExceedsMonthlyLimit.selector, 0.001 ether, 0)
        );
    }

    /// Fix: the old contract stored `uint8(tierId)`, so tier 256 silently became tier 0.
    function test_WhenTierIdAbove255_IsNotTruncated() public {
        vm.startPrank(owner);
        for (uint256 i = 3; i < 256; ++i) {
            paymaster.createTier("Filler", 0, 0, 0);
        }
        uint256 tierId = paymaster.createTier("Big", 0.05 ether, 0.5 ether, 5 ether);
        assertEq(tierId, 256);
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.MerchantSponsored(merchant, 256);
        paymaster.sponsorMerchant(merchant, 256);
        vm.stopPrank();

        (, uint256 storedTier,,,,,) = paymaster.merchantSponsorship(merchant);
        assertEq(storedTier, 256);
        (, uint256 detailTier,,,) = details(merchant);
        assertEq(detailTier, 256);
        // Tier 256's limits apply, not Starter's (0.001 per tx).
        execute(merchant, 0.05 ether);
        executeReverts(
            merchant,
            0.05 ether + 1,
            abi.encodeWithSelector(SetPaymaster.ExceedsTransactionLimit.selector, 0.05 ether + 1, 0.05 ether)
        );
    }

    /// Fix: the old contract never wrote `totalGasSponsored` and getPaymasterStatus returned 0.
    function test_WhenSponsoringAndRefunding_TotalGasSponsoredIsMaintained() public {
        address other = makeAddr("other");
        sponsor(merchant, GROWTH);
        sponsor(other, ENTERPRISE);
        execute(merchant, 0.005 ether);
        execute(other, 0.01 ether);
        refund(merchant, 0.002 ether);

        assertEq(paymaster.totalGasSponsored(), 0.013 ether);
        (uint256 paymasterBalance, uint256 totalSponsored, uint256 tierCount, address treasuryAddr) =
            paymaster.getPaymasterStatus();
        assertEq(paymasterBalance, address(paymaster).balance);
        assertEq(totalSponsored, 0.013 ether);
        assertEq(tierCount, 3);
        assertEq(treasuryAddr, treasury);
    }

    // =========================================================================
    // Windows
    // =========================================================================

    function test_WhenADayPasses_DailySpendResetsButMonthlyAccumulates() public {
        sponsor(merchant, STARTER);
        execute(merchant, 0.001 ether);
        (,, uint256 spentToday,,) = details(merchant);
        assertEq(spentToday, 0.001 ether);

        vm.warp(block.timestamp + 1 days);
        execute(merchant, 0.001 ether);

        (,, uint256 spentToday2, uint256 spentMonth,) = details(merchant);
        assertEq(spentToday2, 0.001 ether);
        assertEq(spentMonth, 0.002 ether);
        (,, uint64 lastDayReset,,,,) = paymaster.merchantSponsorship(merchant);
        assertEq(lastDayReset, block.timestamp, "the new window starts at the resetting call");
    }

    function test_WhenOneSecondBeforeADay_DailySpendStands() public {
        sponsor(merchant, STARTER);
        for (uint256 i; i < 10; ++i) {
            execute(merchant, 0.001 ether);
        }
        vm.warp(block.timestamp + 1 days - 1);
        executeReverts(
            merchant, 0.001 ether, abi.encodeWithSelector(SetPaymaster.ExceedsDailyLimit.selector, 0.001 ether, 0)
        );
        vm.warp(block.timestamp + 1);
        execute(merchant, 0.001 ether);
    }

    function test_When30DaysPass_MonthlySpendResetsButTotalAccumulates() public {
        sponsor(merchant, ENTERPRISE);
        execute(merchant, 0.01 ether);
        (,,, uint256 spentMonth1,) = details(merchant);
        assertEq(spentMonth1, 0.01 ether);

        vm.warp(block.timestamp + 30 days);
        (,,, uint256 viewMonth,) = details(merchant);
        assertEq(viewMonth, 0, "views read an expired window as 0");
        execute(merchant, 0.01 ether);

        (,,, uint256 spentMonth2, uint256 total) = details(merchant);
        assertEq(spentMonth2, 0.01 ether);
        assertEq(total, 0.02 ether);
    }

    // =========================================================================
    // Refunds
    // =========================================================================

    function test_WhenOperatorRefunds_ReducesCountersAndKeepsEth() public {
        sponsor(merchant, GROWTH);
        uint256 paymasterBefore = paymaster.balance();
        execute(merchant, 0.005 ether);

        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.GasRefunded(merchant, 0.002 ether);
        refund(merchant, 0.002 ether);

        (,, uint256 spentToday, uint256 spentMonth, uint256 total) = details(merchant);
        assertEq(spentToday, 0.003 ether);
        assertEq(spentMonth, 0.003 ether);
        assertEq(total, 0.003 ether);
        assertEq(paymaster.balance(), paymasterBefore - 0.003 ether);
        assertEq(paymaster.totalGasSponsored(), 0.003 ether);
    }

    function test_WhenRefundingAfterDayRollover_DailyCounterStaysZero() public {
        sponsor(merchant, ENTERPRISE);
        execute(merchant, 0.005 ether);
        vm.warp(block.timestamp + 1 days);
        refund(merchant, 0.002 ether);
        (,, uint64 lastDayReset,, uint128 spentToday, uint128 spentMonth, uint128 total) =
            paymaster.merchantSponsorship(merchant);
        assertEq(spentToday, 0);
        assertEq(lastDayReset, block.timestamp);
        assertEq(spentMonth, 0.003 ether);
        assertEq(total, 0.003 ether);
    }

    function test_WhenRefundExceedsWindowSpend_WindowCountersFloorAtZero() public {
        sponsor(merchant, ENTERPRISE);
        execute(merchant, 0.005 ether);
        vm.warp(block.timestamp + 30 days);
        execute(merchant, 0.001 ether); // both windows restart: 0.001 in each, 0.006 lifetime
        refund(merchant, 0.003 ether);
        (,, uint256 spentToday, uint256 spentMonth, uint256 total) = details(merchant);
        assertEq(spentToday, 0);
        assertEq(spentMonth, 0);
        assertEq(total, 0.003 ether);
    }

    function test_WhenRefundingRevokedMerchant_Succeeds() public {
        sponsor(merchant, GROWTH);
        execute(merchant, 0.004 ether);
        vm.prank(owner);
        paymaster.revokeMerchant(merchant);
        refund(merchant, 0.004 ether);
        (,,,, uint256 total) = details(merchant);
        assertEq(total, 0);
    }

    function test_RevertWhen_RefundExceedsSponsored() public {
        sponsor(merchant, GROWTH);
        execute(merchant, 0.001 ether);

        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(SetPaymaster.RefundExceedsSponsored.selector, 0.01 ether, 0.001 ether));
        paymaster.refundUnusedGas{value: 0.01 ether}(merchant, 0.01 ether);

        (,, uint256 spentToday, uint256 spentMonth, uint256 total) = details(merchant);
        assertEq(spentToday, 0.001 ether);
        assertEq(spentMonth, 0.001 ether);
        assertEq(total, 0.001 ether);
    }

    function test_RevertWhen_RefundValueMismatch() public {
        sponsor(merchant, GROWTH);
        execute(merchant, 0.001 ether);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(SetPaymaster.RefundValueMismatch.selector, 0.001 ether, 0.0005 ether));
        paymaster.refundUnusedGas{value: 0.0005 ether}(merchant, 0.001 ether);
    }

    function test_RevertWhen_RefundAmountIsZero() public {
        sponsor(merchant, GROWTH);
        vm.prank(operator);
        vm.expectRevert(SetPaymaster.InvalidRefundAmount.selector);
        paymaster.refundUnusedGas(merchant, 0);
    }

    function test_RevertWhen_RefundMerchantIsZeroAddress() public {
        vm.prank(operator);
        vm.expectRevert(SetPaymaster.InvalidAddress.selector);
        paymaster.refundUnusedGas{value: 1}(address(0), 1);
    }

    function test_RevertWhen_RefundCallerNotOperator() public {
        vm.deal(stranger, 1 ether);
        vm.prank(stranger);
        vm.expectRevert(SetPaymaster.NotOperator.selector);
        paymaster.refundUnusedGas{value: 1}(merchant, 1);
    }

    function test_WhenBatchRefunding_AppliesEachRefund() public {
        address merchantTwo = makeAddr("merchantTwo");
        sponsor(merchant, GROWTH);
        sponsor(merchantTwo, GROWTH);
        execute(merchant, 0.002 ether);
        vm.prank(operator);
        paymaster.executeSponsorship(merchantTwo, 0.003 ether, SetPaymaster.OperationType.PAYMENT_PROCESS);

        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.GasRefunded(merchant, 0.001 ether);
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.GasRefunded(merchantTwo, 0.002 ether);
        vm.prank(operator);
        paymaster.batchRefundUnusedGas{value: 0.003 ether}(two(merchant, merchantTwo), uints(0.001 ether, 0.002 ether));

        (,, uint256 todayOne, uint256 monthOne, uint256 totalOne) = details(merchant);
        (,, uint256 todayTwo, uint256 monthTwo, uint256 totalTwo) = details(merchantTwo);
        assertEq(todayOne, 0.001 ether);
        assertEq(monthOne, 0.001 ether);
        assertEq(totalOne, 0.001 ether);
        assertEq(todayTwo, 0.001 ether);
        assertEq(monthTwo, 0.001 ether);
        assertEq(totalTwo, 0.001 ether);
        assertEq(paymaster.totalGasSponsored(), 0.002 ether);
    }

    // =========================================================================
    // Deposits and withdrawals
    // =========================================================================

    function test_WhenDepositing_EmitsAndFunds() public {
        uint256 before = paymaster.balance();
        vm.deal(address(this), 1 ether);
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.Deposited(address(this), 0.1 ether);
        paymaster.deposit{value: 0.1 ether}();
        assertEq(paymaster.balance(), before + 0.1 ether);
    }

    function test_RevertWhen_DepositBelowMinimum() public {
        vm.deal(address(this), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(SetPaymaster.BelowMinimumDeposit.selector, 0.001 ether, 0.01 ether));
        paymaster.deposit{value: 0.001 ether}();
    }

    function test_WhenSendingPlainEth_CountsAsDeposit() public {
        uint256 before = paymaster.balance();
        vm.deal(address(this), 1 ether);
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.Deposited(address(this), 0.5 ether);
        (bool success,) = address(paymaster).call{value: 0.5 ether}("");
        assertTrue(success);
        assertEq(paymaster.balance(), before + 0.5 ether);
    }

    /// Fix: plain transfers used to bypass `minDeposit`.
    function test_RevertWhen_PlainTransferBelowMinimum() public {
        vm.deal(address(this), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(SetPaymaster.BelowMinimumDeposit.selector, 0.001 ether, 0.01 ether));
        (bool reverted,) = address(paymaster).call{value: 0.001 ether}("");
        reverted;
    }

    function test_WhenMinDepositIsZero_AnyPlainTransferIsAccepted() public {
        vm.prank(owner);
        paymaster.setMinDeposit(0);
        vm.deal(address(this), 1 ether);
        (bool success,) = address(paymaster).call{value: 1 wei}("");
        assertTrue(success);
    }

    function test_WhenOwnerWithdraws_PaysTreasury() public {
        uint256 before = treasury.balance;
        vm.expectEmit(true, true, true, true, address(paymaster));
        emit SetPaymaster.Withdrawn(treasury, 1 ether);
        vm.prank(owner);
        paymaster.withdraw(1 ether);
        assertEq(treasury.balance, before + 1 ether);
    }

    function test_RevertWhen_NonOwnerWithdraws() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, operator));
        paymaster.withdraw(1 ether);
    }

    function test_RevertWhen_WithdrawingMoreThanBalance() public {
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InsufficientBalance.selector);
        paymaster.withdraw(100 ether);
    }

    function test_RevertWhen_TreasuryRejectsWithdrawal() public {
        RejectingTreasury rejecting = new RejectingTreasury();
        vm.startPrank(owner);
        paymaster.setTreasury(address(rejecting));
        vm.expectRevert(SetPaymaster.WithdrawFailed.selector);
        paymaster.withdraw(1 ether);
        vm.stopPrank();
    }

    // =========================================================================
    // Allowance views
    // =========================================================================

    function test_WhenSpending_RemainingDailyAllowanceShrinks() public {
        sponsor(merchant, STARTER);
        assertEq(paymaster.getRemainingDailyAllowance(merchant), 0.01 ether);
        execute(merchant, 0.001 ether);
        assertEq(paymaster.getRemainingDailyAllowance(merchant), 0.009 ether);
    }

    function test_GivenUnsponsoredMerchant_RemainingDailyAllowanceIsZero() public view {
        assertEq(paymaster.getRemainingDailyAllowance(merchant), 0);
    }

    function test_GivenDailyLimitReached_RemainingDailyAllowanceIsZero() public {
        sponsor(merchant, STARTER);
        for (uint256 i; i < 10; ++i) {
            execute(merchant, 0.001 ether);
        }
        assertEq(paymaster.getRemainingDailyAllowance(merchant), 0);
    }

    function test_GivenInactiveTier_RemainingDailyAllowanceIgnoresTierStatus() public {
        sponsor(merchant, STARTER);
        vm.prank(owner);
        paymaster.setTierActive(STARTER, false);
        assertEq(paymaster.getRemainingDailyAllowance(merchant), 0.01 ether);
    }

    // =========================================================================
    // Flows (the existing Integration.t.sol)
    // =========================================================================

    function test_WhenMerchantDepositsAndIsSponsored_CompleteFlow() public {
        vm.deal(merchant, 5 ether);
        vm.prank(merchant);
        paymaster.deposit{value: 1 ether}();
        sponsor(merchant, ENTERPRISE);
        (bool active, uint256 tierId,,,) = details(merchant);
        assertTrue(active);
        assertEq(tierId, 2);

        vm.startPrank(operator);
        paymaster.executeSponsorship(merchant, 0.001 ether, SetPaymaster.OperationType.ORDER_CREATE);
        paymaster.executeSponsorship(merchant, 0.0005 ether, SetPaymaster.OperationType.PAYMENT_PROCESS);
        paymaster.executeSponsorship(merchant, 0.002 ether, SetPaymaster.OperationType.COMMITMENT_ANCHOR);
        vm.stopPrank();

        (,, uint256 spentToday,, uint256 total) = details(merchant);
        assertEq(spentToday, 0.0035 ether);
        assertEq(total, 0.0035 ether);
    }

    function test_WhenDailyLimitHitThenNextDay_FlowResumes() public {
        sponsor(merchant, GROWTH);
        uint256 perTx = 0.005 ether;
        for (uint256 i; i < 10; ++i) {
            execute(merchant, perTx);
        }
        executeReverts(merchant, perTx, abi.encodeWithSelector(SetPaymaster.ExceedsDailyLimit.selector, perTx, 0));

        vm.warp(block.timestamp + 1 days);
        execute(merchant, perTx);
        (,, uint256 spentToday,,) = details(merchant);
        assertEq(spentToday, perTx);
    }

    function test_WhenOverchargeRefunded_FlowRecordsNetSpend() public {
        vm.deal(merchant, 5 ether);
        vm.prank(merchant);
        paymaster.deposit{value: 0.5 ether}();
        sponsor(merchant, ENTERPRISE);
        execute(merchant, 0.01 ether);
        refund(merchant, 0.002 ether);
        (,, uint256 spentToday,, uint256 total) = details(merchant);
        assertEq(spentToday, 0.008 ether);
        assertEq(total, 0.008 ether);
    }

    function test_WhenMerchantRevokedMidFlow_FurtherSponsorshipReverts() public {
        sponsor(merchant, ENTERPRISE);
        execute(merchant, 0.01 ether);
        vm.prank(owner);
        paymaster.revokeMerchant(merchant);
        executeReverts(merchant, 0.01 ether, SetPaymaster.NotSponsored.selector);
    }

    // =========================================================================
    // Fuzz
    // =========================================================================

    function testFuzz_ExecuteSponsorship(uint256 amount) public {
        amount = bound(amount, 1 wei, 0.01 ether);
        sponsor(merchant, ENTERPRISE);
        uint256 before = merchant.balance;
        vm.prank(operator);
        paymaster.executeSponsorship(merchant, amount, SetPaymaster.OperationType.PAYMENT_PROCESS);
        assertEq(merchant.balance, before + amount);
        assertEq(paymaster.totalGasSponsored(), amount);
    }

    function testFuzz_CreateTier(uint256 maxPerTx, uint256 maxPerDay, uint256 maxPerMonth) public {
        maxPerMonth = bound(maxPerMonth, 0, type(uint128).max);
        maxPerDay = bound(maxPerDay, 0, maxPerMonth);
        maxPerTx = bound(maxPerTx, 0, maxPerDay);
        vm.prank(owner);
        uint256 tierId = paymaster.createTier("Fuzz", maxPerTx, maxPerDay, maxPerMonth);
        _assertTier(tierId, "Fuzz", maxPerTx, maxPerDay, maxPerMonth, true);
    }

    function testFuzz_RevertWhen_TierLimitsInvalid(uint256 maxPerTx, uint256 maxPerDay, uint256 maxPerMonth) public {
        bool valid = maxPerTx <= maxPerDay && maxPerDay <= maxPerMonth && maxPerMonth <= type(uint128).max;
        vm.assume(!valid);
        vm.prank(owner);
        vm.expectRevert(SetPaymaster.InvalidTierLimits.selector);
        paymaster.createTier("Fuzz", maxPerTx, maxPerDay, maxPerMonth);
    }

    /// The revert's `remaining` is always `max(0, limit - spent)` and never panics, whatever the
    /// spend and the (possibly lowered) limits.
    function testFuzz_LimitErrorsNeverPanic(uint256 spentSteps, uint256 newPerDay, uint256 amount) public {
        sponsor(merchant, ENTERPRISE);
        spentSteps = bound(spentSteps, 0, 10);
        for (uint256 i; i < spentSteps; ++i) {
            execute(merchant, 0.01 ether);
        }
        uint256 spent = spentSteps * 0.01 ether;
        newPerDay = bound(newPerDay, 0, 0.1 ether);
        amount = bound(amount, 0, newPerDay);
        vm.prank(owner);
        paymaster.updateTier(ENTERPRISE, amount, newPerDay, 1 ether);

        vm.prank(operator);
        if (spent + amount > newPerDay) {
            uint256 remaining = newPerDay > spent ? newPerDay - spent : 0;
            vm.expectRevert(abi.encodeWithSelector(SetPaymaster.ExceedsDailyLimit.selector, amount, remaining));
        }
        paymaster.executeSponsorship(merchant, amount, ORDER_CREATE);
    }

    // =========================================================================
    // Helpers
    // =========================================================================

    function _assertTier(
        uint256 tierId,
        string memory name,
        uint256 maxPerTx,
        uint256 maxPerDay,
        uint256 maxPerMonth,
        bool active
    ) internal view {
        (string memory n, uint128 perTx, uint128 perDay, uint128 perMonth, bool a) = paymaster.tiers(tierId);
        assertEq(n, name, "name");
        assertEq(perTx, maxPerTx, "maxPerTransaction");
        assertEq(perDay, maxPerDay, "maxPerDay");
        assertEq(perMonth, maxPerMonth, "maxPerMonth");
        assertEq(a, active, "active");
    }

    function _assertCanSponsor(address who, uint256 amount, bool expected, string memory reason) internal view {
        (bool sponsorable, string memory actualReason) = paymaster.canSponsor(who, amount);
        assertEq(sponsorable, expected, "sponsorable");
        assertEq(actualReason, reason, "reason");
    }
}
