// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {SetPaymaster} from "../../../src/commerce/SetPaymaster.sol";

/// A next version for upgrade tests: same storage, one new function.
contract SetPaymasterV2Mock is SetPaymaster {
    function version() external pure returns (uint256) {
        return 2;
    }
}

/// Not UUPS (no `proxiableUUID`): an upgrade to it must be refused.
contract NotUpgradeable {
    function version() external pure returns (uint256) {
        return 0;
    }
}
