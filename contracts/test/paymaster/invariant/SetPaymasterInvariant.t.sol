// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {StdInvariant} from "forge-std/StdInvariant.sol";
import {SetPaymaster} from "../../../src/commerce/SetPaymaster.sol";
import {PaymasterTestBase} from "../utils/PaymasterTestBase.sol";
import {SetPaymasterHandler} from "./handlers/SetPaymasterHandler.sol";

/// Stateful properties of SetPaymaster, each written out in `README.md` next to this file.
contract SetPaymasterInvariantTest is StdInvariant, PaymasterTestBase {
    SetPaymasterHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new SetPaymasterHandler(paymaster, owner, operator);
        // Start with every handler merchant sponsored: on the default tiers and on a tight tier
        // whose daily and 30-day limits a short sequence reaches.
        vm.prank(owner);
        paymaster.createTier("Tight", 0.003 ether, 0.003 ether, 0.005 ether);
        uint8[5] memory startTiers = [3, 0, 3, 1, 2];
        for (uint256 i; i < handler.merchantCount(); ++i) {
            sponsor(handler.merchants(i), startTiers[i]);
        }

        bytes4[] memory selectors = new bytes4[](18);
        selectors[0] = SetPaymasterHandler.sponsorMerchant.selector;
        selectors[1] = SetPaymasterHandler.revokeMerchant.selector;
        selectors[2] = SetPaymasterHandler.createTier.selector;
        selectors[3] = SetPaymasterHandler.raiseTier.selector;
        selectors[4] = SetPaymasterHandler.setTierActive.selector;
        selectors[5] = SetPaymasterHandler.withdraw.selector;
        selectors[6] = SetPaymasterHandler.executeSponsorship.selector;
        selectors[7] = SetPaymasterHandler.executeSponsorship.selector; // weighted: the main path
        selectors[8] = SetPaymasterHandler.batchExecuteSponsorship.selector;
        selectors[9] = SetPaymasterHandler.refundUnusedGas.selector;
        selectors[10] = SetPaymasterHandler.deposit.selector;
        selectors[11] = SetPaymasterHandler.warp.selector;
        selectors[12] = SetPaymasterHandler.upgradeAsStranger.selector;
        selectors[13] = SetPaymasterHandler.upgradeAsOwner.selector;
        selectors[14] = SetPaymasterHandler.sponsorMerchant.selector; // weighted: keep merchants active
        selectors[15] = SetPaymasterHandler.executeSponsorship.selector;
        selectors[16] = SetPaymasterHandler.refundUnusedGas.selector;
        selectors[17] = SetPaymasterHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// A merchant's spend in its current day / 30-day window never exceeds its tier's limits, and
    /// no successful sponsorship ever broke the per-transaction, daily or monthly limit in force.
    function invariant_SpendNeverExceedsTierLimits() public view {
        assertEq(handler.limitViolations(), 0, "Invariant violation: a sponsorship broke a tier limit");
        for (uint256 i; i < handler.merchantCount(); ++i) {
            (, uint256 tierId, uint256 today, uint256 month,) = paymaster.getMerchantDetails(handler.merchants(i));
            (,, uint128 perDay, uint128 perMonth,) = paymaster.tiers(tierId);
            assertLe(today, perDay, "Invariant violation: daily spend above maxPerDay");
            assertLe(month, perMonth, "Invariant violation: 30-day spend above maxPerMonth");
        }
    }

    /// `totalGasSponsored` equals the ETH that reached merchants minus the refunds, and the sum of
    /// the merchants' lifetime totals.
    function invariant_TotalGasSponsoredEqualsPaidMinusRefunded() public view {
        assertEq(
            paymaster.totalGasSponsored(),
            handler.ghostPaid() - handler.ghostRefunded(),
            "Invariant violation: totalGasSponsored != paid - refunded"
        );
        uint256 sum;
        for (uint256 i; i < handler.merchantCount(); ++i) {
            (,,,, uint256 total) = paymaster.getMerchantDetails(handler.merchants(i));
            sum += total;
        }
        assertEq(paymaster.totalGasSponsored(), sum, "Invariant violation: totalGasSponsored != sum of merchants");
        (, uint256 reported,,) = paymaster.getPaymasterStatus();
        assertEq(reported, paymaster.totalGasSponsored(), "Invariant violation: getPaymasterStatus total");
    }

    /// Every wei is accounted for: initial + deposits + refunds - payouts - withdrawals.
    function invariant_EthIsAccountedFor() public view {
        assertEq(
            address(paymaster).balance,
            handler.initialBalance() + handler.ghostDeposited() + handler.ghostRefunded() - handler.ghostPaid()
                - handler.ghostWithdrawn(),
            "Invariant violation: paymaster balance"
        );
    }

    /// `canSponsor` predicts `executeSponsorship` exactly (a merchant refusing ETH aside).
    function invariant_CanSponsorPredictsExecution() public view {
        assertEq(handler.decisionMismatches(), 0, "Invariant violation: canSponsor disagreed with execution");
    }

    /// Only the owner can upgrade; the proxy points at the last implementation the owner chose.
    function invariant_UpgradeByNonOwnerAlwaysReverts() public view {
        assertEq(handler.strangerUpgrades(), 0, "Invariant violation: a non-owner upgraded the proxy");
        assertEq(handler.implementation(), handler.expectedImplementation(), "Invariant violation: implementation");
    }

    /// Every owner upgrade to the V2 mock left all reachable state unchanged.
    function invariant_StorageSurvivesUpgrades() public view {
        assertEq(handler.storageMismatches(), 0, "Invariant violation: state changed across an upgrade");
    }
}
