// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC1967} from "@openzeppelin/contracts/interfaces/IERC1967.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";
import {SetPaymaster} from "../../src/commerce/SetPaymaster.sol";

/// ABI compatibility with the existing SetPaymaster: the checked-in table below holds every
/// selector, event topic and error of the deployed contract. It is compared three ways: each
/// selector / topic0 against keccak256 of its signature; against the compiled `.selector` members
/// (inherited items through their declaring OpenZeppelin contract); and against the ABI of the
/// compiled artifact in both directions, so a missing, extra, renamed or re-typed item, or a
/// changed `indexed`, fails this test. The interface `ISetPaymaster` (the ABI the Rust SDK reads)
/// is compared with the same table.
contract SetPaymasterAbiTest is Test {
    struct Item {
        string signature;
        bytes32 id; // 4-byte selector (left-aligned) or event topic0
        bytes32 compiled; // the same value taken from the compiled contract's `.selector`
        string indexMask; // events: one char per input, "1" indexed / "0" not
    }

    Item[] internal functions;
    Item[] internal events;
    Item[] internal errors;

    string internal constant ARTIFACT = "./out/SetPaymaster.sol/SetPaymaster.json";
    string internal constant INTERFACE_ARTIFACT = "./out/ISetPaymaster.sol/ISetPaymaster.json";
    /// The last rows of the error table: raised by OpenZeppelin libraries only, never by our code,
    /// so the interface (and the SDK) leaves them out.
    uint256 internal constant LIBRARY_ONLY_ERRORS = 2;

    function setUp() public {
        // Functions (selectors computed from the signatures and confirmed by solc).
        _f("initialize(address,address)", 0x485cc955, SetPaymaster.initialize.selector);
        _f("createTier(string,uint256,uint256,uint256)", 0xf6f95ae2, SetPaymaster.createTier.selector);
        _f("updateTier(uint256,uint256,uint256,uint256)", 0xaef8356c, SetPaymaster.updateTier.selector);
        _f("setTierActive(uint256,bool)", 0x8422abc0, SetPaymaster.setTierActive.selector);
        _f("setOperator(address,bool)", 0x558a7297, SetPaymaster.setOperator.selector);
        _f("setTreasury(address)", 0xf0f44260, SetPaymaster.setTreasury.selector);
        _f("setMinDeposit(uint256)", 0x8fcc9cfb, SetPaymaster.setMinDeposit.selector);
        _f("sponsorMerchant(address,uint256)", 0x02047477, SetPaymaster.sponsorMerchant.selector);
        _f("revokeMerchant(address)", 0x819a701c, SetPaymaster.revokeMerchant.selector);
        _f("canSponsor(address,uint256)", 0x7b03ed40, SetPaymaster.canSponsor.selector);
        _f("executeSponsorship(address,uint256,uint8)", 0x6f003ea5, SetPaymaster.executeSponsorship.selector);
        _f("refundUnusedGas(address,uint256)", 0xaa62b0a4, SetPaymaster.refundUnusedGas.selector);
        _f("deposit()", 0xd0e30db0, SetPaymaster.deposit.selector);
        _f("withdraw(uint256)", 0x2e1a7d4d, SetPaymaster.withdraw.selector);
        _f("balance()", 0xb69ef8a8, SetPaymaster.balance.selector);
        _f("getRemainingDailyAllowance(address)", 0x1b583f90, SetPaymaster.getRemainingDailyAllowance.selector);
        _f("getMerchantDetails(address)", 0x4e6cdee4, SetPaymaster.getMerchantDetails.selector);
        _f("batchSponsorMerchants(address[],uint256[])", 0xc03bc09c, SetPaymaster.batchSponsorMerchants.selector);
        _f("batchRevokeMerchants(address[])", 0xb130d941, SetPaymaster.batchRevokeMerchants.selector);
        _f(
            "batchExecuteSponsorship(address[],uint256[],uint8[])",
            0xf19ed7f6,
            SetPaymaster.batchExecuteSponsorship.selector
        );
        _f("batchRefundUnusedGas(address[],uint256[])", 0xe77b33cb, SetPaymaster.batchRefundUnusedGas.selector);
        _f("batchGetMerchantStatus(address[])", 0x30462e8d, SetPaymaster.batchGetMerchantStatus.selector);
        _f("batchCanSponsor(address[],uint256[])", 0x8770f1da, SetPaymaster.batchCanSponsor.selector);
        _f(
            "batchGetRemainingDailyAllowance(address[])",
            0xba90ac07,
            SetPaymaster.batchGetRemainingDailyAllowance.selector
        );
        _f("batchGetMerchantDetails(address[])", 0x0803b2ae, SetPaymaster.batchGetMerchantDetails.selector);
        _f("batchUpdateMerchantTier(address[],uint256)", 0xffcbc64a, SetPaymaster.batchUpdateMerchantTier.selector);
        _f("getPaymasterStatus()", 0xd133281d, SetPaymaster.getPaymasterStatus.selector);
        _f("getAllTiers()", 0x6471af83, SetPaymaster.getAllTiers.selector);
        _f("tiers(uint256)", 0x039af9eb, _instance().tiers.selector);
        _f("nextTierId()", 0x0594fd04, _instance().nextTierId.selector);
        _f("merchantSponsorship(address)", 0xeeda3ef7, SetPaymaster.merchantSponsorship.selector);
        _f("totalGasSponsored()", 0xe0f6dfca, _instance().totalGasSponsored.selector);
        _f("treasury()", 0x61d027b3, _instance().treasury.selector);
        _f("minDeposit()", 0x41b3d185, _instance().minDeposit.selector);
        _f("operators(address)", 0x13e7c9d8, _instance().operators.selector);
        _f("MAX_BATCH_SIZE()", 0xcfdbf254, _instance().MAX_BATCH_SIZE.selector);
        // Inherited (OpenZeppelin Ownable, UUPS).
        _f("owner()", 0x8da5cb5b, _instance().owner.selector);
        _f("transferOwnership(address)", 0xf2fde38b, _instance().transferOwnership.selector);
        _f("renounceOwnership()", 0x715018a6, _instance().renounceOwnership.selector);
        _f("upgradeToAndCall(address,bytes)", 0x4f1ef286, _instance().upgradeToAndCall.selector);
        _f("proxiableUUID()", 0x52d1902d, _instance().proxiableUUID.selector);
        _f("UPGRADE_INTERFACE_VERSION()", 0xad3cb1cc, _instance().UPGRADE_INTERFACE_VERSION.selector);

        // Events, ContractUpgraded and the inherited OpenZeppelin ones included.
        _e(
            "TierCreated(uint256,string,uint256,uint256)",
            0x0655289c4d9d7c45c2b83b18a45e3ce05f40710e413db2117ee045e2ab12cab2,
            SetPaymaster.TierCreated.selector,
            "1000"
        );
        _e(
            "TierUpdated(uint256,uint256,uint256)",
            0x2702951ec468d8fb7c1501e01af87b4bd50cda65a20463fc38ee59b954a777b0,
            SetPaymaster.TierUpdated.selector,
            "100"
        );
        _e(
            "TierStatusUpdated(uint256,bool)",
            0x2df1b71ce90a262ee59e0664d1738fc1066db1518d04b64cda13d23eccc8d214,
            SetPaymaster.TierStatusUpdated.selector,
            "10"
        );
        _e(
            "MerchantSponsored(address,uint256)",
            0x3e8fda488d3393149d5f450b2c2c3c07e1c0715419c8bb1e21b645c0d04c7475,
            SetPaymaster.MerchantSponsored.selector,
            "10"
        );
        _e(
            "MerchantRevoked(address)",
            0x1bc5b06af60efc2e1bf6905dcc4fa4bb9153c3a9b61a0aa9568c573cbe01076b,
            SetPaymaster.MerchantRevoked.selector,
            "1"
        );
        _e(
            "GasSponsored(address,uint256,uint8)",
            0x3c5e8d9be1c0fff5d7bacdfcf3543f199abb043157416d665da09cc0b209573a,
            SetPaymaster.GasSponsored.selector,
            "100"
        );
        _e(
            "GasRefunded(address,uint256)",
            0x667ad9c7167aea9bfcff8b321015abb0d8b77cf151a377e09e12b9017f9889fd,
            SetPaymaster.GasRefunded.selector,
            "10"
        );
        _e(
            "Deposited(address,uint256)",
            0x2da466a7b24304f47e87fa2e1e5a81b9831ce54fec19055ce277ca2f39ba42c4,
            SetPaymaster.Deposited.selector,
            "10"
        );
        _e(
            "Withdrawn(address,uint256)",
            0x7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d5,
            SetPaymaster.Withdrawn.selector,
            "10"
        );
        _e(
            "OperatorUpdated(address,bool)",
            0x966c160e1c4dbc7df8d69af4ace01e9297c3cf016397b7914971f2fbfa32672d,
            SetPaymaster.OperatorUpdated.selector,
            "10"
        );
        _e(
            "MinDepositUpdated(uint256)",
            0x96a008f96f1c0ab9fa3d9ddd43cdfc614848c4d054d51f43662ed900e9d094c8,
            SetPaymaster.MinDepositUpdated.selector,
            "0"
        );
        _e(
            "BatchSponsorshipCompleted(uint256,uint256,uint256)",
            0x0dddffe575b4f16a5066eb5224448852a8a5efa535a9666ff40ce166f5930614,
            SetPaymaster.BatchSponsorshipCompleted.selector,
            "000"
        );
        _e(
            "BatchSponsorshipFailed(address,string)",
            0x6e72b8e9b57f7c6e2e5b520441f8b5b30c32186bf5bf80d54191dce22c6f476f,
            SetPaymaster.BatchSponsorshipFailed.selector,
            "10"
        );
        _e(
            "ContractUpgraded(address,address)",
            0x2e4cc16c100f0b55e2df82ab0b1a7e294aa9cbd01b48fbaf622683fbc0507a49,
            SetPaymaster.ContractUpgraded.selector,
            "11"
        );
        _e(
            "Initialized(uint64)",
            0xc7f505b2f371ae2175ee4913f4499e1f2633a7b5936321eed1cdaeb6115181d2,
            Initializable.Initialized.selector,
            "0"
        );
        _e(
            "OwnershipTransferred(address,address)",
            0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0,
            OwnableUpgradeable.OwnershipTransferred.selector,
            "11"
        );
        _e(
            "Upgraded(address)",
            0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b,
            IERC1967.Upgraded.selector,
            "1"
        );

        // Errors, then the inherited OpenZeppelin ones the SDK also decodes.
        _r("NotSponsored()", 0xa3624f65, SetPaymaster.NotSponsored.selector);
        _r("TierNotActive()", 0x402b7a26, SetPaymaster.TierNotActive.selector);
        _r("ExceedsTransactionLimit(uint256,uint256)", 0x6ff82ea3, SetPaymaster.ExceedsTransactionLimit.selector);
        _r("ExceedsDailyLimit(uint256,uint256)", 0x473a3226, SetPaymaster.ExceedsDailyLimit.selector);
        _r("ExceedsMonthlyLimit(uint256,uint256)", 0xf3e2d50a, SetPaymaster.ExceedsMonthlyLimit.selector);
        _r("InsufficientBalance()", 0xf4d678b8, SetPaymaster.InsufficientBalance.selector);
        _r("NotOperator()", 0x7c214f04, SetPaymaster.NotOperator.selector);
        _r("InvalidTier()", 0xe1423617, SetPaymaster.InvalidTier.selector);
        _r("InvalidTierLimits()", 0xd7701950, SetPaymaster.InvalidTierLimits.selector);
        _r("InvalidAddress()", 0xe6c4247b, SetPaymaster.InvalidAddress.selector);
        _r("ArrayLengthMismatch()", 0xa24a13a6, SetPaymaster.ArrayLengthMismatch.selector);
        _r("BatchTooLarge()", 0x0b7d62e2, SetPaymaster.BatchTooLarge.selector);
        _r("EmptyArray()", 0x521299a9, SetPaymaster.EmptyArray.selector);
        _r("TransferFailed()", 0x90b8ec18, SetPaymaster.TransferFailed.selector);
        _r("BelowMinimumDeposit(uint256,uint256)", 0x1e2be211, SetPaymaster.BelowMinimumDeposit.selector);
        _r("WithdrawFailed()", 0x750b219c, SetPaymaster.WithdrawFailed.selector);
        _r("InvalidRefundAmount()", 0x16365d5f, SetPaymaster.InvalidRefundAmount.selector);
        _r("RefundValueMismatch(uint256,uint256)", 0x3a486095, SetPaymaster.RefundValueMismatch.selector);
        _r("RefundExceedsSponsored(uint256,uint256)", 0xd6b7c2b2, SetPaymaster.RefundExceedsSponsored.selector);
        _r("OwnableUnauthorizedAccount(address)", 0x118cdaa7, OwnableUpgradeable.OwnableUnauthorizedAccount.selector);
        _r("OwnableInvalidOwner(address)", 0x1e4fbdf7, OwnableUpgradeable.OwnableInvalidOwner.selector);
        _r("InvalidInitialization()", 0xf92ee8a9, Initializable.InvalidInitialization.selector);
        _r("NotInitializing()", 0xd7e6bcf8, Initializable.NotInitializing.selector);
        _r("ReentrancyGuardReentrantCall()", 0x3ee5aeb5, ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        _r("UUPSUnauthorizedCallContext()", 0xe07c8dba, UUPSUpgradeable.UUPSUnauthorizedCallContext.selector);
        _r("UUPSUnsupportedProxiableUUID(bytes32)", 0xaa1d49a4, UUPSUpgradeable.UUPSUnsupportedProxiableUUID.selector);
        _r("ERC1967InvalidImplementation(address)", 0x4c9c8ce3, ERC1967Utils.ERC1967InvalidImplementation.selector);
        _r("ERC1967NonPayable()", 0xb398979f, ERC1967Utils.ERC1967NonPayable.selector);
        // From OpenZeppelin Address / ERC1967Utils (not in the SDK's sol!, never raised by our code).
        _r("AddressEmptyCode(address)", 0x9996b315, Address.AddressEmptyCode.selector);
        _r("FailedCall()", 0xd6bda275, Errors.FailedCall.selector);
    }

    function test_WhenComparingAbiTable_EverySelectorTopicAndIndexMatchesTheCompiledContract() public view {
        _checkTable(functions, "function");
        _checkTable(events, "event");
        _checkTable(errors, "error");
        // The artifact holds exactly the table: nothing missing, nothing extra.
        string memory artifact = vm.readFile(ARTIFACT);
        (uint256 nFunctions, uint256 nEvents, uint256 nErrors) = _checkArtifact(artifact);
        assertEq(nFunctions, functions.length, "function count");
        assertEq(nEvents, events.length, "event count");
        assertEq(nErrors, errors.length, "error count");
        assertEq(vm.parseJsonKeys(artifact, ".methodIdentifiers").length, functions.length, "methodIdentifiers");
    }

    function test_WhenComparingTheInterface_ItDeclaresTheTableButTheLibraryOnlyErrors() public view {
        string memory artifact = vm.readFile(INTERFACE_ARTIFACT);
        // Every interface item is in the table with the same id (and indexed pattern)...
        (uint256 nFunctions, uint256 nEvents, uint256 nErrors) = _checkArtifact(artifact);
        // ...and every table item is in the interface, except the library-only errors.
        assertEq(nFunctions, functions.length, "function count");
        assertEq(nEvents, events.length, "event count");
        assertEq(nErrors, errors.length - LIBRARY_ONLY_ERRORS, "error count");
        for (uint256 i = errors.length - LIBRARY_ONLY_ERRORS; i < errors.length; ++i) {
            assertFalse(_declares(artifact, errors[i].signature), errors[i].signature);
        }
    }

    function test_WhenEncodingOperationType_ItIsAUint8WithSevenValues() public pure {
        assertEq(uint8(type(SetPaymaster.OperationType).max), 6);
        assertEq(uint8(SetPaymaster.OperationType.ORDER_CREATE), 0);
        assertEq(uint8(SetPaymaster.OperationType.COMMITMENT_ANCHOR), 5);
        assertEq(uint8(SetPaymaster.OperationType.OTHER), 6);
    }

    // -------------------------------------------------------------------------

    function _checkTable(Item[] storage items, string memory kind) internal view {
        for (uint256 i; i < items.length; ++i) {
            Item storage item = items[i];
            bytes32 hash = keccak256(bytes(item.signature));
            // forge-lint: disable-next-line(unsafe-typecast) selectors are the first 4 bytes
            bytes32 expected = _isEvent(kind) ? hash : bytes32(bytes4(hash));
            assertEq(item.id, expected, string.concat(kind, " table vs keccak: ", item.signature));
            assertEq(item.compiled, item.id, string.concat(kind, " table vs compiled: ", item.signature));
        }
    }

    /// Walks the artifact ABI; every entry must be in the table with the same id (and for
    /// events the same indexed pattern). Returns the counts per kind.
    function _checkArtifact(string memory artifact)
        internal
        view
        returns (uint256 nFunctions, uint256 nEvents, uint256 nErrors)
    {
        for (uint256 i; vm.keyExistsJson(artifact, _p(".abi", i)); ++i) {
            string memory entry = _p(".abi", i);
            string memory kind = vm.parseJsonString(artifact, string.concat(entry, ".type"));
            if (!_eq(kind, "function") && !_eq(kind, "event") && !_eq(kind, "error")) continue;
            (string memory signature, string memory indexMask) = _signature(artifact, entry);
            Item storage item =
                _find(_eq(kind, "function") ? functions : _eq(kind, "event") ? events : errors, signature);
            bytes32 hash = keccak256(bytes(signature));
            if (_eq(kind, "event")) {
                assertEq(item.id, hash, signature);
                assertEq(item.indexMask, indexMask, string.concat("indexed: ", signature));
                ++nEvents;
            } else {
                // forge-lint: disable-next-line(unsafe-typecast) selectors are the first 4 bytes
                assertEq(item.id, bytes32(bytes4(hash)), signature);
                if (_eq(kind, "function")) ++nFunctions;
                else ++nErrors;
            }
        }
    }

    function _signature(string memory artifact, string memory entry)
        internal
        view
        returns (string memory signature, string memory indexMask)
    {
        signature = string.concat(vm.parseJsonString(artifact, string.concat(entry, ".name")), "(");
        string memory inputs = string.concat(entry, ".inputs");
        for (uint256 j; vm.keyExistsJson(artifact, _p(inputs, j)); ++j) {
            string memory input = _p(inputs, j);
            signature = string.concat(
                signature, j == 0 ? "" : ",", vm.parseJsonString(artifact, string.concat(input, ".type"))
            );
            if (vm.keyExistsJson(artifact, string.concat(input, ".indexed"))) {
                indexMask =
                    string.concat(indexMask, vm.parseJsonBool(artifact, string.concat(input, ".indexed")) ? "1" : "0");
            }
        }
        signature = string.concat(signature, ")");
    }

    function _declares(string memory artifact, string memory signature) internal view returns (bool) {
        for (uint256 i; vm.keyExistsJson(artifact, _p(".abi", i)); ++i) {
            (string memory declared,) = _signature(artifact, _p(".abi", i));
            if (_eq(declared, signature)) return true;
        }
        return false;
    }

    function _find(Item[] storage items, string memory signature) internal view returns (Item storage) {
        for (uint256 i; i < items.length; ++i) {
            if (_eq(items[i].signature, signature)) return items[i];
        }
        revert(string.concat("compiled ABI item missing from the table: ", signature));
    }

    function _f(string memory signature, bytes4 id, bytes4 compiled) internal {
        functions.push(Item(signature, bytes32(id), bytes32(compiled), ""));
    }

    function _e(string memory signature, bytes32 topic, bytes32 compiled, string memory indexMask) internal {
        events.push(Item(signature, topic, compiled, indexMask));
    }

    function _r(string memory signature, bytes4 id, bytes4 compiled) internal {
        errors.push(Item(signature, bytes32(id), bytes32(compiled), ""));
    }

    /// Public state-variable getters are only reachable through an instance.
    function _instance() internal pure returns (SetPaymaster) {
        return SetPaymaster(payable(address(0)));
    }

    function _p(string memory array, uint256 i) internal pure returns (string memory) {
        return string.concat(array, "[", vm.toString(i), "]");
    }

    function _isEvent(string memory kind) internal pure returns (bool) {
        return _eq(kind, "event");
    }

    function _eq(string memory a, string memory b) internal pure returns (bool) {
        return keccak256(bytes(a)) == keccak256(bytes(b));
    }
}
