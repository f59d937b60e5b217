"""setchain.abi and setchain.web3: the shipped ABIs are the compiled interfaces, and the web3.py
adapter gives the anchored bundle of the client matrix the same verdict as Client.verify_online
(the real web3 package, on the test network's anvil)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from web3 import Web3

import setchain
import setchain.abi
from conftest import REPO
from setchain.web3 import verify_online_with_web3
from test_client import BUNDLES, CASES, Stream

ARTIFACTS = REPO / "contracts" / "out"


@pytest.mark.parametrize(
    ("shipped", "interface"),
    [(setchain.abi.set_registry_abi, "ISetRegistry"), (setchain.abi.set_paymaster_abi, "ISetPaymaster")],
)
def test_the_shipped_abi_is_the_compiled_interface(network: dict[str, Any], shipped: Any, interface: str) -> None:
    # The network fixture deployed the contracts with `forge script`, which compiles
    # contracts/src (the interfaces included) into contracts/out of this checkout first: the
    # artifact is the current Solidity's. python/tools/gen_abi.py rewrites the shipped file.
    artifact = json.loads((ARTIFACTS / f"{interface}.sol" / f"{interface}.json").read_text(encoding="utf-8"))
    assert shipped() == artifact["abi"], f"run python/tools/gen_abi.py: {interface} changed"


def test_the_constants_are_the_shipped_abis() -> None:
    assert setchain.abi.SET_REGISTRY_ABI == setchain.abi.set_registry_abi()
    assert setchain.abi.SET_PAYMASTER_ABI == setchain.abi.set_paymaster_abi()
    assert setchain.abi.set_registry_abi() is not setchain.abi.set_registry_abi()


def test_web3_encodes_get_batch_commitment_as_the_core_does() -> None:
    contract = Web3().eth.contract(address=Web3.to_checksum_address("0x" + "11" * 20), abi=setchain.abi.SET_REGISTRY_ABI)
    batch = uuid.uuid4()
    encoded = contract.encode_abi("getBatchCommitment", args=[setchain.uuid_to_bytes32(batch)])
    assert bytes.fromhex(encoded.removeprefix("0x")) == setchain.encode_get_batch_commitment(batch)


def _anchored_bundle(network: dict[str, Any]) -> dict[str, Any]:
    """The matrix's anchored bundle (its first case run here if this file runs alone)."""
    first = CASES[0]
    if first["name"] not in BUNDLES:
        stream = Stream(network, first)
        for step in first["steps"]:
            stream.run(step)
    return BUNDLES[first["name"]]


def test_web3_verifies_the_anchored_bundle_as_the_client_does(network: dict[str, Any]) -> None:
    bundle = _anchored_bundle(network)
    w3 = Web3(Web3.HTTPProvider(network["rpc_url"]))
    client = setchain.Client(network["trust_root"], network["sequencer_url"], network["rpc_url"])
    by_web3 = verify_online_with_web3(w3, bundle, network["trust_root"])
    by_client = client.verify_online(bundle)
    assert by_web3.to_dict() == by_client.to_dict()
    assert by_web3.valid and by_web3.level == "anchored" and by_web3.checks["onchain"] == "pass"
    # A bundle claiming another registry: the commitment is still read at the pinned one, and the
    # verdict is the client's refusal.
    elsewhere = json.loads(json.dumps(bundle))
    elsewhere["anchor"]["registry"] = "0x00000000000000000000000000000000000000aa"
    refused = verify_online_with_web3(w3, elsewhere, json.dumps(network["trust_root"]))
    assert refused.to_dict() == client.verify_online(elsewhere).to_dict()
    assert not refused.valid and refused.checks["anchor"] == "fail"


def test_web3_refuses_a_node_of_another_chain(network: dict[str, Any]) -> None:
    bundle = _anchored_bundle(network)
    w3 = Web3(Web3.HTTPProvider(network["rpc_url"]))
    trust_root = {**network["trust_root"], "chain_id": network["chain_id"] + 1}
    with pytest.raises(setchain.ClientError) as info:
        verify_online_with_web3(w3, bundle, trust_root)
    assert info.value.code == "WRONG_CHAIN" and info.value.url == network["rpc_url"]


def test_web3_refuses_a_trust_root_that_pins_no_registry(network: dict[str, Any]) -> None:
    w3 = Web3(Web3.HTTPProvider(network["rpc_url"]))
    trust_root = {"sequencer_public_keys": network["trust_root"]["sequencer_public_keys"], "chain_id": network["chain_id"]}
    with pytest.raises(setchain.ClientError) as info:
        verify_online_with_web3(w3, {}, trust_root)
    assert (info.value.code, info.value.field) == ("CONFIG", "trust.registry")
