// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {SetPaymaster} from "../../../../src/commerce/SetPaymaster.sol";
import {SetPaymasterV2Mock} from "../../mocks/SetPaymasterV2Mock.sol";
import {RejectingMerchant} from "../../mocks/Merchants.sol";

/// Drives a SetPaymaster proxy through random sequences of owner, operator and stranger actions
/// and keeps ghost accounting measured independently of the contract's own counters (ETH that
/// actually reached merchants, ETH sent in refunds and deposits, ETH withdrawn).
contract SetPaymasterHandler is Test {
    bytes32 internal constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    uint256 internal constant MERCHANT_COUNT = 5;

    SetPaymaster public immutable paymaster;
    address public immutable owner;
    address public immutable operator;
    address[] public merchants;

    // Ghost state.
    uint256 public initialBalance;
    uint256 public ghostPaid; // Σ ETH merchants received from the paymaster
    uint256 public ghostRefunded; // Σ successful refunds
    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    uint256 public limitViolations; // successful sponsorships that broke a limit in force
    uint256 public decisionMismatches; // canSponsor said one thing, executeSponsorship did another
    uint256 public strangerUpgrades; // upgrades that succeeded for a non-owner
    uint256 public storageMismatches; // state words that changed across an owner upgrade
    uint256 public ownerUpgrades;
    uint256 public sponsorships; // successful executeSponsorship calls
    address public expectedImplementation;
    mapping(bytes32 => uint256) public calls;

    modifier instrument(bytes32 name) {
        ++calls[name];
        _;
    }

    constructor(SetPaymaster paymaster_, address owner_, address operator_) {
        paymaster = paymaster_;
        owner = owner_;
        operator = operator_;
        for (uint256 i; i < MERCHANT_COUNT - 1; ++i) {
            merchants.push(makeAddr(string.concat("handlerMerchant", vm.toString(i))));
        }
        merchants.push(address(new RejectingMerchant()));
        initialBalance = address(paymaster_).balance;
        expectedImplementation = _implementation();
    }

    // =========================================================================
    // Owner actions
    // =========================================================================

    function sponsorMerchant(uint256 merchantSeed, uint256 tierSeed) external instrument("sponsorMerchant") {
        uint256 tierId = tierSeed % paymaster.nextTierId();
        vm.prank(owner);
        try paymaster.sponsorMerchant(_merchant(merchantSeed), tierId) {} catch {}
    }

    function revokeMerchant(uint256 merchantSeed) external instrument("revokeMerchant") {
        vm.prank(owner);
        paymaster.revokeMerchant(_merchant(merchantSeed));
    }

    /// Tiers only ever get more generous here, so a merchant's recorded spend can never sit above
    /// the limits in force (lowering a tier below current spend is covered by unit tests).
    function createTier(uint256 perTxSeed, uint256 perDaySeed, uint256 perMonthSeed) external instrument("createTier") {
        if (paymaster.nextTierId() >= 8) return;
        uint256 perTx = bound(perTxSeed, 0, 0.02 ether);
        uint256 perDay = bound(perDaySeed, perTx, 0.2 ether);
        uint256 perMonth = bound(perMonthSeed, perDay, 2 ether);
        vm.prank(owner);
        paymaster.createTier("Handler", perTx, perDay, perMonth);
    }

    function raiseTier(uint256 tierSeed, uint256 raiseSeed) external instrument("raiseTier") {
        uint256 tierId = tierSeed % paymaster.nextTierId();
        (, uint128 perTx, uint128 perDay, uint128 perMonth,) = paymaster.tiers(tierId);
        uint256 raise = bound(raiseSeed, 0, 0.01 ether);
        vm.prank(owner);
        paymaster.updateTier(tierId, perTx + raise, perDay + raise, perMonth + raise);
    }

    /// Deactivates a tier one time in four, otherwise (re)activates it.
    function setTierActive(uint256 tierSeed) external instrument("setTierActive") {
        uint256 tierId = tierSeed % paymaster.nextTierId(); // before the prank: it is a call
        vm.prank(owner);
        paymaster.setTierActive(tierId, (tierSeed >> 8) % 4 != 0);
    }

    function withdraw(uint256 amountSeed) external instrument("withdraw") {
        uint256 amount = bound(amountSeed, 0, address(paymaster).balance / 4);
        vm.prank(owner);
        paymaster.withdraw(amount);
        ghostWithdrawn += amount;
    }

    // =========================================================================
    // Operator actions
    // =========================================================================

    function executeSponsorship(uint256 merchantSeed, uint256 amountSeed, uint8 opSeed)
        external
        instrument("executeSponsorship")
    {
        address merchant = _merchant(merchantSeed);
        uint256 amount = _amount(merchant, amountSeed);
        (bool predicted,) = paymaster.canSponsor(merchant, amount);
        uint256 before = merchant.balance;

        vm.prank(operator);
        try paymaster.executeSponsorship(merchant, amount, SetPaymaster.OperationType(opSeed % 7)) {
            if (!predicted) ++decisionMismatches;
            ++sponsorships;
            ghostPaid += merchant.balance - before;
            if (merchant.balance - before != amount) ++limitViolations;
            _checkWithinLimits(merchant, amount);
        } catch (bytes memory reason) {
            // forge-lint: disable-next-line(unsafe-typecast) the error selector
            bool transferRefused = bytes4(reason) == SetPaymaster.TransferFailed.selector;
            if (predicted && !transferRefused) ++decisionMismatches;
        }
    }

    function batchExecuteSponsorship(uint256 seedA, uint256 seedB, uint256 seedC)
        external
        instrument("batchExecuteSponsorship")
    {
        address[] memory list = new address[](3);
        uint256[] memory amounts = new uint256[](3);
        (list[0], list[1], list[2]) = (_merchant(seedA), _merchant(seedB), _merchant(seedC));
        (amounts[0], amounts[1], amounts[2]) =
        (_amount(list[0], seedA >> 8), _amount(list[1], seedB >> 8), _amount(list[2], seedC >> 8));
        uint256[MERCHANT_COUNT] memory before;
        for (uint256 i; i < MERCHANT_COUNT; ++i) {
            before[i] = merchants[i].balance;
        }
        vm.prank(operator);
        paymaster.batchExecuteSponsorship(list, amounts, new SetPaymaster.OperationType[](3));
        for (uint256 i; i < MERCHANT_COUNT; ++i) {
            ghostPaid += merchants[i].balance - before[i];
        }
    }

    function refundUnusedGas(uint256 merchantSeed, uint256 amountSeed) external instrument("refundUnusedGas") {
        address merchant = _merchant(merchantSeed);
        (,,,, uint256 total) = paymaster.getMerchantDetails(merchant);
        if (total == 0) return;
        uint256 amount = bound(amountSeed, 1, total);
        vm.deal(operator, operator.balance + amount);
        vm.prank(operator);
        paymaster.refundUnusedGas{value: amount}(merchant, amount);
        ghostRefunded += amount;
    }

    // =========================================================================
    // Anyone
    // =========================================================================

    function deposit(uint256 amountSeed) external instrument("deposit") {
        uint256 amount = bound(amountSeed, paymaster.minDeposit(), 1 ether);
        address depositor = makeAddr("depositor");
        vm.deal(depositor, amount);
        vm.prank(depositor);
        paymaster.deposit{value: amount}();
        ghostDeposited += amount;
    }

    /// Minutes, exactly a day, a day or two, or about a month (the window boundaries).
    function warp(uint256 secondsSeed) external instrument("warp") {
        uint256 pick = secondsSeed % 4;
        uint256 jump = pick == 0
            ? bound(secondsSeed >> 2, 0, 1 hours)
            : pick == 1
                ? 1 days
                : pick == 2 ? bound(secondsSeed >> 2, 1 days, 2 days) : bound(secondsSeed >> 2, 29 days, 31 days);
        vm.warp(block.timestamp + jump);
    }

    function upgradeAsStranger(address caller) external instrument("upgradeAsStranger") {
        if (caller == owner) return;
        address next = address(new SetPaymasterV2Mock());
        vm.prank(caller);
        try paymaster.upgradeToAndCall(next, "") {
            ++strangerUpgrades;
        } catch {}
    }

    function upgradeAsOwner() external instrument("upgradeAsOwner") {
        bytes32 before = _stateDigest();
        address next = address(new SetPaymasterV2Mock());
        vm.prank(owner);
        paymaster.upgradeToAndCall(next, "");
        expectedImplementation = next;
        ++ownerUpgrades;
        if (_stateDigest() != before) ++storageMismatches;
        if (SetPaymasterV2Mock(payable(address(paymaster))).version() != 2) ++storageMismatches;
    }

    // =========================================================================
    // Views for the invariants
    // =========================================================================

    function merchantCount() external pure returns (uint256) {
        return MERCHANT_COUNT;
    }

    function implementation() external view returns (address) {
        return _implementation();
    }

    // =========================================================================
    // Internal
    // =========================================================================

    function _merchant(uint256 seed) internal view returns (address) {
        return merchants[seed % MERCHANT_COUNT];
    }

    /// Amounts that probe the limits: exactly the merchant's per-transaction limit, remaining
    /// daily or remaining 30-day allowance, or one wei more (6 picks in 10); anything up to
    /// 0.012 ether (1 in 10); otherwise up to its per-transaction limit.
    function _amount(address merchant, uint256 seed) internal view returns (uint256) {
        (, uint256 tierId,, uint256 month,) = paymaster.getMerchantDetails(merchant);
        (, uint128 perTx,, uint128 perMonth,) = paymaster.tiers(tierId);
        uint256 pick = seed % 10;
        uint256 oneMore = pick % 2; // picks 1, 3, 5 add one wei
        if (pick < 2) return perTx + oneMore;
        if (pick < 4) return paymaster.getRemainingDailyAllowance(merchant) + oneMore;
        if (pick < 6) return (perMonth > month ? perMonth - month : 0) + oneMore;
        if (pick == 6) return bound(seed, 0, 0.012 ether);
        return bound(seed >> 4, 0, perTx);
    }

    function _checkWithinLimits(address merchant, uint256 amount) internal {
        (, uint256 tierId, uint256 today, uint256 month,) = paymaster.getMerchantDetails(merchant);
        (, uint128 perTx, uint128 perDay, uint128 perMonth,) = paymaster.tiers(tierId);
        if (amount > perTx || today > perDay || month > perMonth) ++limitViolations;
    }

    function _implementation() internal view returns (address) {
        return address(uint160(uint256(vm.load(address(paymaster), IMPLEMENTATION_SLOT))));
    }

    /// Everything the contract stores that the handler can reach, hashed.
    function _stateDigest() internal view returns (bytes32 digest) {
        digest = keccak256(
            abi.encode(
                paymaster.owner(),
                paymaster.treasury(),
                paymaster.minDeposit(),
                paymaster.nextTierId(),
                paymaster.totalGasSponsored(),
                paymaster.operators(operator),
                address(paymaster).balance
            )
        );
        for (uint256 id; id < paymaster.nextTierId(); ++id) {
            (string memory name, uint128 perTx, uint128 perDay, uint128 perMonth, bool active) = paymaster.tiers(id);
            digest = keccak256(abi.encode(digest, name, perTx, perDay, perMonth, active));
        }
        for (uint256 i; i < MERCHANT_COUNT; ++i) {
            digest = keccak256(abi.encode(digest, _record(merchants[i])));
        }
    }

    function _record(address merchant) internal view returns (bytes memory) {
        (bool a, uint256 t, uint64 d, uint64 m, uint128 sd, uint128 sm, uint128 total) =
            paymaster.merchantSponsorship(merchant);
        return abi.encode(a, t, d, m, sd, sm, total);
    }
}
