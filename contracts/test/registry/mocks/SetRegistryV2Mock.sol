// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {SetRegistry} from "../../../src/SetRegistry.sol";

/// @notice A next version of SetRegistry for upgrade tests: the same storage layout plus a
/// reinitializer and a new view, as a real V2 would add.
contract SetRegistryV2Mock is SetRegistry {
    event V2Initialized(uint256 marker);

    function initializeV2(uint256 marker) external reinitializer(2) {
        emit V2Initialized(marker);
    }

    function version() external pure returns (string memory) {
        return "2";
    }
}

/// @notice Not UUPS: has no proxiableUUID, so upgrading to it must fail.
contract NotUUPS {
    function version() external pure returns (string memory) {
        return "none";
    }
}

/// @notice Answers proxiableUUID with a foreign slot.
contract WrongUUID {
    bytes32 public constant SLOT = keccak256("not the implementation slot");

    function proxiableUUID() external pure returns (bytes32) {
        return SLOT;
    }
}
