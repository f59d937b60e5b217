// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {SetPaymaster} from "../../../src/commerce/SetPaymaster.sol";
import {SetPaymasterHarness, MerchantRecord} from "../mocks/SetPaymasterHarness.sol";

/// Shared setup: a SetPaymaster behind an ERC1967 proxy, funded with 10 ether, one operator.
abstract contract PaymasterTestBase is Test {
    uint256 internal constant STARTER = 0;
    uint256 internal constant GROWTH = 1;
    uint256 internal constant ENTERPRISE = 2;
    SetPaymaster.OperationType internal constant ORDER_CREATE = SetPaymaster.OperationType.ORDER_CREATE;
    bytes32 internal constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    SetPaymaster internal paymaster;
    SetPaymaster internal implementation;

    address internal owner = makeAddr("owner");
    address internal treasury = makeAddr("treasury");
    address internal operator = makeAddr("operator");
    address internal merchant = makeAddr("merchant");
    address internal stranger = makeAddr("stranger");

    function setUp() public virtual {
        _setUpWith(new SetPaymaster());
    }

    /// Puts `impl` behind a fresh proxy as `paymaster`, funds it and the operator with 10 ether
    /// each, and authorizes the operator.
    function _setUpWith(SetPaymaster impl) internal {
        paymaster = deployPaymaster(impl);
        implementation = SetPaymaster(payable(_implementationOf(address(paymaster))));
        vm.deal(address(paymaster), 10 ether);
        vm.deal(operator, 10 ether);
        vm.prank(owner);
        paymaster.setOperator(operator, true);
    }

    /// `_setUpWith` on the test harness, which can write tiers and records directly.
    function _setUpWithHarness() internal returns (SetPaymasterHarness) {
        _setUpWith(new SetPaymasterHarness());
        return SetPaymasterHarness(payable(address(paymaster)));
    }

    function deployPaymaster(SetPaymaster impl) internal returns (SetPaymaster) {
        bytes memory init = abi.encodeCall(SetPaymaster.initialize, (owner, treasury));
        return SetPaymaster(payable(address(new ERC1967Proxy(address(impl), init))));
    }

    function sponsor(address who, uint256 tierId) internal {
        vm.prank(owner);
        paymaster.sponsorMerchant(who, tierId);
    }

    function execute(address who, uint256 amount) internal {
        vm.prank(operator);
        paymaster.executeSponsorship(who, amount, ORDER_CREATE);
    }

    /// `executeSponsorship(who, amount, ORDER_CREATE)` from the operator reverts with the error
    /// `selector` (no arguments).
    function executeReverts(address who, uint256 amount, bytes4 selector) internal {
        vm.prank(operator);
        vm.expectRevert(selector);
        paymaster.executeSponsorship(who, amount, ORDER_CREATE);
    }

    /// `executeSponsorship(who, amount, ORDER_CREATE)` from the operator reverts with exactly
    /// `revertData`.
    function executeReverts(address who, uint256 amount, bytes memory revertData) internal {
        vm.prank(operator);
        vm.expectRevert(revertData);
        paymaster.executeSponsorship(who, amount, ORDER_CREATE);
    }

    function refund(address who, uint256 amount) internal {
        vm.prank(operator);
        paymaster.refundUnusedGas{value: amount}(who, amount);
    }

    function details(address who)
        internal
        view
        returns (bool active, uint256 tierId, uint256 spentToday, uint256 spentThisMonth, uint256 total)
    {
        return paymaster.getMerchantDetails(who);
    }

    /// The merchant's stored record, as `merchantSponsorship` returns it.
    function record(address who) internal view returns (MerchantRecord memory r) {
        (r.active, r.tierId, r.lastDayReset, r.lastMonthReset, r.spentToday, r.spentThisMonth, r.totalSponsored) =
            paymaster.merchantSponsorship(who);
    }

    function _implementationOf(address proxy) internal view returns (address) {
        return address(uint160(uint256(vm.load(proxy, IMPLEMENTATION_SLOT))));
    }

    function one(address a) internal pure returns (address[] memory arr) {
        arr = new address[](1);
        arr[0] = a;
    }

    function two(address a, address b) internal pure returns (address[] memory arr) {
        arr = new address[](2);
        (arr[0], arr[1]) = (a, b);
    }

    function uints(uint256 a) internal pure returns (uint256[] memory arr) {
        arr = new uint256[](1);
        arr[0] = a;
    }

    function uints(uint256 a, uint256 b) internal pure returns (uint256[] memory arr) {
        arr = new uint256[](2);
        (arr[0], arr[1]) = (a, b);
    }

    function ops(uint256 n) internal pure returns (SetPaymaster.OperationType[] memory arr) {
        arr = new SetPaymaster.OperationType[](n);
    }
}
