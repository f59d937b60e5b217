// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Script, console2} from "forge-std/Script.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {SetRegistry} from "../src/SetRegistry.sol";
import {SetPaymaster} from "../src/commerce/SetPaymaster.sol";

/// Deploys SetRegistry and SetPaymaster behind ERC1967 (UUPS) proxies, authorizes the anchor's
/// sequencer address, and prints the addresses as one JSON line prefixed `SET_DEPLOYMENT=`.
///
/// Environment:
///   DEPLOYER_PRIVATE_KEY   key that deploys and owns both proxies (required)
///   SEQUENCER_ADDRESS      address allowed to commit batches (default: the deployer)
///   TREASURY_ADDRESS       paymaster withdrawal address (default: the deployer)
///   PAYMASTER_OPERATOR     address made a paymaster operator (optional)
contract Deploy is Script {
    function run() external returns (address registry, address paymaster) {
        uint256 deployerKey = vm.envUint("DEPLOYER_PRIVATE_KEY");
        address deployer = vm.addr(deployerKey);
        address sequencer = vm.envOr("SEQUENCER_ADDRESS", deployer);
        address treasury = vm.envOr("TREASURY_ADDRESS", deployer);
        address operator = vm.envOr("PAYMASTER_OPERATOR", address(0));

        vm.startBroadcast(deployerKey);
        SetRegistry registryImplementation = new SetRegistry();
        registry = address(
            new ERC1967Proxy(
                address(registryImplementation), abi.encodeCall(SetRegistry.initialize, (deployer, sequencer))
            )
        );
        SetPaymaster paymasterImplementation = new SetPaymaster();
        paymaster = address(
            new ERC1967Proxy(
                address(paymasterImplementation), abi.encodeCall(SetPaymaster.initialize, (deployer, treasury))
            )
        );
        if (operator != address(0)) {
            SetPaymaster(payable(paymaster)).setOperator(operator, true);
        }
        vm.stopBroadcast();

        string memory json = string.concat(
            '{"chain_id":', vm.toString(block.chainid),
            ',"registry":"', vm.toString(registry),
            '","registry_implementation":"', vm.toString(address(registryImplementation)),
            '","paymaster":"', vm.toString(paymaster),
            '","paymaster_implementation":"', vm.toString(address(paymasterImplementation)),
            '","owner":"', vm.toString(deployer),
            '","sequencer":"', vm.toString(sequencer), '"}'
        );
        console2.log(string.concat("SET_DEPLOYMENT=", json));
    }
}
