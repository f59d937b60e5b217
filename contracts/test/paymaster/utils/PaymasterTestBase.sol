// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {SetPaymaster} from "../../../src/commerce/SetPaymaster.sol";

/// Shared setup: a SetPaymaster behind an ERC1967 proxy, funded with 10 ether, one operator.
abstract contract PaymasterTestBase is Test {
    // Re-declared for vm.expectEmit.
    event TierCreated(uint256 indexed tierId, string name, uint256 maxPerTx, uint256 maxPerDay);
    event TierUpdated(uint256 indexed tierId, uint256 maxPerTx, uint256 maxPerDay);
    event TierStatusUpdated(uint256 indexed tierId, bool active);
    event MerchantSponsored(address indexed merchant, uint256 tierId);
    event MerchantRevoked(address indexed merchant);
    event GasSponsored(address indexed merchant, uint256 amount, SetPaymaster.OperationType operationType);
    event GasRefunded(address indexed merchant, uint256 amount);
    event Deposited(address indexed from, uint256 amount);
    event Withdrawn(address indexed to, uint256 amount);
    event OperatorUpdated(address indexed operator, bool authorized);
    event MinDepositUpdated(uint256 minDeposit);
    event BatchSponsorshipCompleted(uint256 processed, uint256 succeeded, uint256 failed);
    event BatchSponsorshipFailed(address indexed merchant, string reason);
    event ContractUpgraded(address indexed newImplementation, address indexed authorizer);
    event Upgraded(address indexed implementation);

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
        paymaster = deployPaymaster(new SetPaymaster());
        implementation = SetPaymaster(payable(_implementationOf(address(paymaster))));
        vm.deal(address(paymaster), 10 ether);
        vm.deal(operator, 10 ether);
        vm.prank(owner);
        paymaster.setOperator(operator, true);
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
