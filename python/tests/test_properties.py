"""Property tests: random trees, every proof verifies, any flipped byte fails; no input crashes."""

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import setchain

SCHEMES = st.sampled_from(["ves-sha256-v1", "keccak-v1"])
LEAVES = st.lists(st.binary(min_size=32, max_size=32), min_size=1, max_size=70)


def flip(data: bytes, position: int, mask: int) -> bytes:
    out = bytearray(data)
    out[position % len(out)] ^= mask
    return bytes(out)


@settings(max_examples=60, deadline=None)
@given(leaves=LEAVES, scheme=SCHEMES)
def test_every_proof_of_a_random_tree_verifies(leaves: list[bytes], scheme: Any) -> None:
    tree = setchain.MerkleTree(leaves, scheme)
    proofs = tree.proofs()
    n = len(leaves)
    assert setchain.verify_proofs(tree.root, n, leaves, proofs, scheme=scheme) == [True] * n
    assert setchain.verify_proofs(tree.root, n, b"".join(leaves), proofs.packed(), scheme=scheme) == [True] * n
    for i in range(n):
        assert setchain.verify_proof(tree.root, leaves[i], i, n, proofs[i], scheme=scheme)
        assert setchain.verify_proof(tree.root, leaves[i], i, None, proofs[i], scheme=scheme, lenient=True)


@settings(max_examples=150, deadline=None)
@given(leaves=LEAVES, scheme=SCHEMES, data=st.data())
def test_any_flipped_byte_fails(leaves: list[bytes], scheme: Any, data: st.DataObject) -> None:
    tree = setchain.MerkleTree(leaves, scheme)
    n = len(leaves)
    i = data.draw(st.integers(0, n - 1))
    proof = tree.proof(i)
    mask = data.draw(st.integers(1, 255))
    position = data.draw(st.integers(0, 31))
    target = data.draw(st.sampled_from(["leaf", "root"] + (["proof"] if proof else [])))
    root, leaf = tree.root, leaves[i]
    if target == "leaf":
        leaf = flip(leaf, position, mask)
    elif target == "root":
        root = flip(root, position, mask)
    else:
        k = data.draw(st.integers(0, len(proof) - 1))
        proof[k] = flip(proof[k], position, mask)
    assert setchain.verify_proof(root, leaf, i, n, proof, scheme=scheme) is False
    assert setchain.verify_proofs(root, n, [leaf], [proof], [i], scheme=scheme) == [False]


JUNK = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=80),
    st.integers(),
    st.none(),
    st.floats(),
    st.lists(st.binary(max_size=40), max_size=5),
    st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=4),
)
DECODERS = [
    setchain.decode_registry_call,
    setchain.decode_registry_revert,
    setchain.decode_commit_batch,
    setchain.decode_commit_batches,
    setchain.decode_get_batch_commitment,
    setchain.decode_paymaster_call,
    setchain.decode_paymaster_revert,
    setchain.decode_execute_sponsorship,
    setchain.decode_merchant_sponsorship,
    setchain.decode_tiers,
    setchain.bytes32_to_uuid,
    setchain.uuid_to_bytes32,
    setchain.event_signing_hash,
    setchain.payload_plain_hash_json,
]


@settings(max_examples=300, deadline=None)
@given(decoder=st.sampled_from(DECODERS), value=JUNK)
def test_junk_input_raises_set_errors_never_anything_else(decoder: Any, value: Any) -> None:
    try:
        decoder(value)
    except setchain.SetError:
        pass


@settings(max_examples=200, deadline=None)
@given(bundle=JUNK, trust=JUNK, topics=st.lists(st.binary(max_size=33), max_size=5), data=st.binary(max_size=200))
def test_junk_receipts_and_logs_raise_set_errors_never_anything_else(bundle: Any, trust: Any, topics: Any, data: bytes) -> None:
    for call in (
        lambda: setchain.verify_receipt(bundle, trust),
        lambda: setchain.decode_registry_log(topics, data),
        lambda: setchain.decode_paymaster_log(topics, data),
        lambda: setchain.MerkleTree(bundle),
    ):
        try:
            call()
        except setchain.SetError:
            pass
