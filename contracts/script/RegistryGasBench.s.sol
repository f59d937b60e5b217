// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

// Script code: the narrowing casts below are on small constants.
// forge-lint: disable-start(unsafe-typecast)

import {Script} from "forge-std/Script.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {SetRegistry} from "../src/SetRegistry.sol";

/// @notice Sends the measured SetRegistry transactions to a node (run by script/gas-anvil.sh against
/// a local anvil); their receipts' gasUsed is the real transaction cost. Transactions, in order:
/// 0 implementation, 1 proxy, 2..12 first batches of streams 0..10, 13 MEASURED first batch of a new
/// stream, 14 MEASURED later batch of stream 0, 15 MEASURED commitBatches(10 later batches, streams 1..10).
contract RegistryGasBench is Script {
    function _tenant(uint256 s) internal pure returns (bytes32) {
        return bytes32(uint256(keccak256(abi.encode("tenant", s))) << 128);
    }

    function _b(string memory tag, uint256 s, uint256 k) internal pure returns (SetRegistry.BatchInput memory) {
        uint64 start = uint64(1 + 10 * k);
        return SetRegistry.BatchInput(
            keccak256(abi.encode("id", tag, s, k)),
            _tenant(s),
            bytes32(uint256(0x5707e) << 128),
            keccak256(abi.encode("events", tag, s, k)),
            k == 0 ? bytes32(0) : keccak256(abi.encode("state", s, k - 1)),
            keccak256(abi.encode("state", s, k)),
            start,
            start + 9,
            10
        );
    }

    function _commit(SetRegistry r, SetRegistry.BatchInput memory b) internal {
        r.commitBatch(
            b.batchId,
            b.tenantId,
            b.storeId,
            b.eventsRoot,
            b.prevStateRoot,
            b.newStateRoot,
            b.sequenceStart,
            b.sequenceEnd,
            b.eventCount
        );
    }

    function run() external {
        vm.startBroadcast();
        address me = msg.sender;
        SetRegistry impl = new SetRegistry();
        SetRegistry r =
            SetRegistry(address(new ERC1967Proxy(address(impl), abi.encodeCall(SetRegistry.initialize, (me, me)))));
        for (uint256 s; s <= 10; ++s) {
            _commit(r, _b("bench", s, 0));
        }
        _commit(r, _b("bench", 999, 0));
        _commit(r, _b("bench", 0, 1));
        SetRegistry.BatchInput[] memory items = new SetRegistry.BatchInput[](10);
        for (uint256 i; i < 10; ++i) {
            items[i] = _b("bench", i + 1, 1);
        }
        r.commitBatches(items);
        vm.stopBroadcast();
    }
}
// forge-lint: disable-end(unsafe-typecast)
