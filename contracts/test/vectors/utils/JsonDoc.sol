// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

import {Vm} from "forge-std/Vm.sol";

/// @notice A JSON document read once and queried many times without re-copying it.
/// @dev Calling `vm.parseJson*(json, key)` normally ABI-encodes the whole document into fresh memory
/// on every call; with a 300 KB file and hundreds of keys the memory-expansion cost grows
/// quadratically and the test runs out of gas. Here the document is encoded once into a calldata
/// buffer `f(string json, string key)`; each query rewrites only the selector and the key at the end
/// of the buffer and sends it to the cheatcode address.
struct JsonDoc {
    bytes buf; // selector ‖ head ‖ json ‖ key slot
    uint256 keyAt; // offset in `buf` of the key's length word
}

library JsonDocLib {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 private constant MAX_KEY = 512;

    function load(string memory path) internal view returns (JsonDoc memory doc) {
        string memory json = VM.readFile(path);
        uint256 len = bytes(json).length;
        uint256 padded = (len + 31) & ~uint256(31);
        doc.buf = new bytes(4 + 64 + 32 + padded + 32 + MAX_KEY);
        doc.keyAt = 4 + 64 + 32 + padded;
        bytes memory buf = doc.buf;
        assembly ("memory-safe") {
            let p := add(buf, 0x20)
            mstore(add(p, 4), 0x40) // offset of json
            mstore(add(p, 36), add(0x60, padded)) // offset of key
            mstore(add(p, 68), len)
            mcopy(add(p, 100), add(json, 0x20), len)
        }
    }

    /// @dev Sends `selector(json, key)` to the cheatcodes; returns (success, returndata).
    function _call(JsonDoc memory doc, bytes4 selector, string memory key)
        private
        view
        returns (bool ok, bytes memory ret)
    {
        bytes memory buf = doc.buf;
        uint256 keyAt = doc.keyAt;
        uint256 klen = bytes(key).length;
        require(klen <= MAX_KEY, "JsonDoc: key too long");
        uint256 total = keyAt + 32 + ((klen + 31) & ~uint256(31));
        address vmAddr = address(VM);
        assembly ("memory-safe") {
            let p := add(buf, 0x20)
            mstore(p, or(and(mload(p), shr(32, not(0))), and(selector, shl(224, 0xffffffff))))
            mstore(add(p, keyAt), klen)
            // zero the key area, then copy the key
            for { let i := 0 } lt(i, MAX_KEY) { i := add(i, 0x20) } { mstore(add(add(p, add(keyAt, 32)), i), 0) }
            mcopy(add(p, add(keyAt, 32)), add(key, 0x20), klen)
            ok := staticcall(gas(), vmAddr, p, total, 0, 0)
            ret := mload(0x40)
            mstore(ret, returndatasize())
            returndatacopy(add(ret, 0x20), 0, returndatasize())
            mstore(0x40, add(add(ret, 0x20), and(add(returndatasize(), 31), not(31))))
        }
    }

    function _get(JsonDoc memory doc, string memory signature, string memory key) private view returns (bytes memory) {
        (bool ok, bytes memory ret) = _call(doc, bytes4(keccak256(bytes(signature))), key);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        return ret;
    }

    function exists(JsonDoc memory doc, string memory key) internal view returns (bool) {
        return abi.decode(_get(doc, "keyExistsJson(string,string)", key), (bool));
    }

    function str(JsonDoc memory doc, string memory key) internal view returns (string memory) {
        return abi.decode(_get(doc, "parseJsonString(string,string)", key), (string));
    }

    function u256(JsonDoc memory doc, string memory key) internal view returns (uint256) {
        return abi.decode(_get(doc, "parseJsonUint(string,string)", key), (uint256));
    }

    function b32(JsonDoc memory doc, string memory key) internal view returns (bytes32) {
        return abi.decode(_get(doc, "parseJsonBytes32(string,string)", key), (bytes32));
    }

    function bytesAt(JsonDoc memory doc, string memory key) internal view returns (bytes memory) {
        return abi.decode(_get(doc, "parseJsonBytes(string,string)", key), (bytes));
    }

    function addr(JsonDoc memory doc, string memory key) internal view returns (address) {
        return abi.decode(_get(doc, "parseJsonAddress(string,string)", key), (address));
    }

    function b32s(JsonDoc memory doc, string memory key) internal view returns (bytes32[] memory) {
        return abi.decode(_get(doc, "parseJsonBytes32Array(string,string)", key), (bytes32[]));
    }

    function strings(JsonDoc memory doc, string memory key) internal view returns (string[] memory) {
        return abi.decode(_get(doc, "parseJsonStringArray(string,string)", key), (string[]));
    }

    /// @dev (false, false) when the value is not a boolean (e.g. `null`).
    function boolean(JsonDoc memory doc, string memory key) internal view returns (bool isBool, bool value) {
        (bool ok, bytes memory ret) = _call(doc, bytes4(keccak256("parseJsonBool(string,string)")), key);
        if (!ok) return (false, false);
        return (true, abi.decode(ret, (bool)));
    }

    /// @dev Number of elements of the array at `key` (0 if absent).
    function length(JsonDoc memory doc, string memory key) internal view returns (uint256 n) {
        while (exists(doc, at(key, n))) ++n;
    }

    function at(string memory key, uint256 i) internal pure returns (string memory) {
        return string.concat(key, "[", VM.toString(i), "]");
    }
}
