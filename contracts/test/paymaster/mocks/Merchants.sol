// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {SetPaymaster} from "../../../src/commerce/SetPaymaster.sol";

/// A merchant contract that refuses ETH.
contract RejectingMerchant {
    receive() external payable {
        revert("no ETH");
    }
}

/// A merchant contract (made an operator by the test) that tries to re-enter the paymaster when
/// paid, records the revert data it got, and accepts the ETH.
contract ReentrantMerchant {
    SetPaymaster public immutable paymaster;
    bytes public reentryRevertData;
    bool public reentered;

    constructor(SetPaymaster paymaster_) {
        paymaster = paymaster_;
    }

    receive() external payable {
        if (reentered) return;
        reentered = true;
        try paymaster.executeSponsorship(address(this), msg.value, SetPaymaster.OperationType.OTHER) {}
        catch (bytes memory data) {
            reentryRevertData = data;
        }
    }
}

/// A treasury that refuses ETH.
contract RejectingTreasury {
    receive() external payable {
        revert("no ETH");
    }
}
