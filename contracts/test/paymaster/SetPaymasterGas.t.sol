// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {console2} from "forge-std/console2.sol";
import {SetPaymaster} from "../../src/commerce/SetPaymaster.sol";
import {PaymasterTestBase} from "./utils/PaymasterTestBase.sol";

/// A state-changing call (isolation applies to those) whose gas reveals `--isolate`.
contract GasProbe {
    event Ping();

    function ping() external {
        emit Ping();
    }
}

/// Gas of `executeSponsorship` (through the ERC1967 proxy). The state is prepared in `setUp`, its
/// own transaction, so the measured call starts with cold storage and cold accounts as a real
/// transaction does. Each test logs the execution gas and the transaction total (execution +
/// 21,000 + calldata) and bounds the execution gas. Works with and without `--isolate`: under
/// `--isolate` forge runs each call as its own transaction and `vm.lastCallGas` then includes the
/// intrinsic cost, which is detected with a probe call and subtracted.
contract SetPaymasterGasTest is PaymasterTestBase {
    address internal repeatMerchant = makeAddr("repeatMerchant");
    GasProbe internal probe;

    function setUp() public override {
        super.setUp();
        probe = new GasProbe();
        sponsor(merchant, GROWTH);
        sponsor(repeatMerchant, GROWTH);
        execute(repeatMerchant, 0.001 ether); // counters and totalGasSponsored already non-zero
        vm.deal(merchant, 1 ether); // the merchants' accounts exist, as an active merchant's would
        vm.deal(repeatMerchant, 1 ether);
    }

    /// The steady state: the merchant already has spend in both windows.
    function test_WhenExecutingRepeatSponsorship_GasStaysInBudget() public {
        uint256 gas = _measure(repeatMerchant, "repeat sponsorship");
        assertLt(gas, 48_000);
    }

    /// A merchant's first sponsorship: its spend and lifetime slots go from zero to non-zero.
    function test_WhenExecutingFirstSponsorship_GasStaysInBudget() public {
        uint256 gas = _measure(merchant, "first sponsorship of a merchant");
        assertLt(gas, 82_000);
    }

    /// A sponsorship that also restarts both windows (first call after 30 days).
    function test_WhenExecutingAfterWindowsExpired_GasStaysInBudget() public {
        vm.warp(block.timestamp + 30 days);
        uint256 gas = _measure(repeatMerchant, "sponsorship restarting both windows");
        assertLt(gas, 48_000);
    }

    function _measure(address who, string memory label) internal returns (uint256 execution) {
        bytes memory data = abi.encodeCall(SetPaymaster.executeSponsorship, (who, 0.001 ether, ORDER_CREATE));
        vm.prank(operator);
        (bool success,) = address(paymaster).call(data);
        assertTrue(success);
        execution = vm.lastCallGas().gasTotalUsed;
        uint256 intrinsic = 21_000 + _calldataGas(data);
        probe.ping();
        if (vm.lastCallGas().gasTotalUsed >= 21_000) execution -= intrinsic; // --isolate
        console2.log(string.concat("executeSponsorship, ", label, ": execution gas"), execution);
        console2.log(string.concat("executeSponsorship, ", label, ": transaction gas"), execution + intrinsic);
    }

    function _calldataGas(bytes memory data) internal pure returns (uint256 cost) {
        for (uint256 i; i < data.length; ++i) {
            cost += data[i] == 0 ? 4 : 16;
        }
    }
}
