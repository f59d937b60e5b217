// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {SetPaymaster} from "../../../src/commerce/SetPaymaster.sol";

/// A merchant record in the order `merchantSponsorship(address)` returns it.
struct MerchantRecord {
    bool active;
    uint256 tierId;
    uint64 lastDayReset;
    uint64 lastMonthReset;
    uint128 spentToday;
    uint128 spentThisMonth;
    uint128 totalSponsored;
}

/// Test-only SetPaymaster that can write tiers and merchant records directly, so a test can put
/// the contract into any state a vector describes (including states the real flow only reaches
/// after weeks of `vm.warp`, or never, like a reset stamp in the future).
contract SetPaymasterHarness is SetPaymaster {
    function exposed_setTier(
        uint256 tierId,
        string calldata name,
        uint128 maxPerTransaction,
        uint128 maxPerDay,
        uint128 maxPerMonth,
        bool active
    ) external {
        tiers[tierId] = SponsorshipTier(name, maxPerTransaction, maxPerDay, maxPerMonth, active);
        if (tierId >= nextTierId) nextTierId = tierId + 1;
    }

    function exposed_setMerchant(address merchant, MerchantRecord calldata r) external {
        MerchantSponsorship storage s = _merchantSponsorship[merchant];
        s.active = r.active;
        _setTierId(s, r.tierId);
        s.lastDayReset = r.lastDayReset;
        s.lastMonthReset = r.lastMonthReset;
        s.spentToday = r.spentToday;
        s.spentThisMonth = r.spentThisMonth;
        s.totalSponsored = r.totalSponsored;
    }

    function exposed_setTotalGasSponsored(uint256 total) external {
        totalGasSponsored = total;
    }
}
