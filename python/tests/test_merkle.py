import hashlib
from typing import Any

import pytest

import setchain
from conftest import assert_set_error, h, vectors

V = vectors("merkle.json")
CASES = [(tree, scheme) for tree in V["trees"] for scheme in tree["schemes"]]


@pytest.mark.parametrize(("tree", "scheme"), CASES, ids=[f"n={t['leaf_count']}-{s}" for t, s in CASES])
def test_vector_tree_root_proofs_and_verification(tree: dict[str, Any], scheme: Any) -> None:
    expected = tree["schemes"][scheme]
    leaves = tree["leaves"]
    built = setchain.MerkleTree(leaves, scheme)
    assert built.root == h(expected["root"])
    assert (built.depth, built.leaf_count, built.scheme, len(built)) == (
        expected["depth"],
        tree["leaf_count"],
        scheme,
        tree["leaf_count"],
    )
    packed = b"".join(h(x) for x in leaves)
    assert setchain.MerkleTree(packed, scheme=scheme).root == built.root
    assert setchain.MerkleTree([h(x) for x in leaves], scheme).root == built.root
    assert setchain.MerkleTree(tuple(x.removeprefix("0x") for x in leaves), scheme).root == built.root
    proofs = built.proofs()
    assert len(proofs) == tree["leaf_count"] and proofs.depth == expected["depth"]
    for p in expected["proofs"]:
        want = [h(x) for x in p["proof"]]
        assert built.proof(p["index"]) == want
        assert proofs[p["index"]] == want
        assert setchain.verify_proof(expected["root"], leaves[p["index"]], p["index"], tree["leaf_count"], p["proof"], scheme=scheme)
    assert len(proofs.packed()) == tree["leaf_count"] * expected["depth"] * 32
    assert proofs.to_list() == list(proofs)
    # Bulk: every leaf with the ProofSet, the packed bytes and the lists.
    every = [True] * tree["leaf_count"]
    assert setchain.verify_proofs(built.root, tree["leaf_count"], leaves, proofs, scheme=scheme) == every
    assert setchain.verify_proofs(built.root, tree["leaf_count"], packed, proofs.packed(), scheme=scheme) == every
    indices = [p["index"] for p in expected["proofs"]]
    chosen = [leaves[i] for i in indices]
    lists = [p["proof"] for p in expected["proofs"]]
    assert setchain.verify_proofs(expected["root"], tree["leaf_count"], chosen, lists, indices, scheme=scheme) == [True] * len(indices)
    if len(chosen) > 1:
        swapped = [chosen[1], *chosen[1:]]
        answer = setchain.verify_proofs(expected["root"], tree["leaf_count"], swapped, lists, indices, scheme=scheme)
        assert answer[0] is False and all(answer[1:])


@pytest.mark.parametrize("scheme", ["ves-sha256-v1", "keccak-v1"])
@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 13, 100, 257, 1000])
def test_proof_lists_are_the_packed_bytes_and_each_proof(n: int, scheme: Any) -> None:
    # to_list() reuses a sibling's bytes object across neighbouring proofs; the values must be
    # exactly the packed bytes, and a repeated leaf (equal siblings at one level) changes nothing.
    for leaves in ([hashlib.sha256(i.to_bytes(8, "big")).digest() for i in range(n)], [b"\x07" * 32] * n):
        tree = setchain.MerkleTree(leaves, scheme)
        proofs = tree.proofs()
        lists = proofs.to_list()
        packed, depth = proofs.packed(), tree.depth
        assert lists == [[packed[(i * depth + k) * 32 : (i * depth + k + 1) * 32] for k in range(depth)] for i in range(n)]
        assert lists == [tree.proof(i) for i in range(n)] == [proofs[i] for i in range(n)] == list(proofs)
        assert all(type(proof) is list and all(type(node) is bytes for node in proof) for proof in lists)
        lists[0].append(b"")  # each proof is its own list
        assert len(lists[-1]) == depth or n == 1
        # The flat form gathered for verification packs to the same bytes as the lazy path.
        assert setchain.verify_proofs(tree.root, n, leaves, proofs, scheme=scheme) == [True] * n
        assert proofs.packed() == packed


def test_a_proof_set_keeps_its_tree_and_leaves_the_collector_as_it_was() -> None:
    import gc

    leaves = [hashlib.sha256(i.to_bytes(8, "big")).digest() for i in range(300)]
    tree = setchain.MerkleTree(leaves, "keccak-v1")
    proofs, expected = tree.proofs(), [tree.proof(i) for i in range(300)]
    del tree
    gc.collect()
    assert proofs.to_list() == expected and proofs[299] == expected[299]
    assert gc.isenabled()
    gc.disable()
    try:
        proofs.to_list()
        assert not gc.isenabled(), "to_list() must not turn on a collector the caller turned off"
    finally:
        gc.enable()


def test_vector_negative_cases_strict_and_lenient() -> None:
    assert V["negative"]
    for c in V["negative"]:
        args = (c["root"], c["leaf"], c["index"], c["leaf_count"], c["proof"])
        label = f"{c['scheme']} {c['name']}"
        if c["expect"] == "error":
            assert_set_error(lambda: setchain.verify_proof(*args, scheme=c["scheme"]), c["error_code"])
        else:
            assert setchain.verify_proof(*args, scheme=c["scheme"]) is (c["expect"] == "valid"), label
        lenient_args = (c["root"], c["leaf"], c["index"], None, c["proof"])
        if c["lenient"] is None:
            assert_set_error(lambda: setchain.verify_proof(*lenient_args, scheme=c["scheme"], lenient=True), "PROOF_TOO_LONG")
        else:
            assert setchain.verify_proof(*lenient_args, scheme=c["scheme"], lenient=True) is c["lenient"], label


def test_vector_ves_reference_synthetic_roots() -> None:
    for c in V["ves_reference_synthetic"]["cases"]:
        leaves = [bytes([i + 1]) * 32 for i in range(c["leaf_count"])]
        assert setchain.MerkleTree(leaves).root == h(c["root"])


def test_bad_merkle_inputs_raise_documented_codes() -> None:
    leaves = V["trees"][2]["leaves"]
    tree = setchain.MerkleTree(leaves, "keccak-v1")
    n = len(leaves)
    assert_set_error(lambda: setchain.MerkleTree([], "keccak-v1"), "EMPTY_TREE", "leaves", setchain.MerkleError)
    assert_set_error(lambda: setchain.MerkleTree(b"", "keccak-v1"), "EMPTY_TREE")
    assert_set_error(lambda: setchain.MerkleTree(leaves, "sha3"), "UNKNOWN_SCHEME", "scheme")  # type: ignore[arg-type]
    assert_set_error(lambda: setchain.MerkleTree(leaves, 3), "INVALID_ARGUMENT", "scheme")  # type: ignore[arg-type]
    assert_set_error(lambda: setchain.MerkleTree(["0x123"]), "INVALID_HEX", "leaves[0]", setchain.EncodingError)
    assert_set_error(lambda: setchain.MerkleTree([leaves[0], "0x1234"]), "WRONG_LENGTH", "leaves[1]")
    assert_set_error(lambda: setchain.MerkleTree([bytes(31)]), "WRONG_LENGTH", "leaves[0]")
    assert_set_error(lambda: setchain.MerkleTree(bytes(33)), "WRONG_LENGTH", "leaves")
    assert_set_error(lambda: setchain.MerkleTree([42]), "INVALID_ARGUMENT", "leaves[0]")  # type: ignore[list-item]
    assert_set_error(lambda: setchain.MerkleTree("00" * 32), "INVALID_ARGUMENT", "leaves")
    assert_set_error(lambda: setchain.MerkleTree(None), "INVALID_ARGUMENT", "leaves")  # type: ignore[arg-type]
    assert_set_error(lambda: tree.proof(n), "INDEX_OUT_OF_RANGE", "index")
    assert_set_error(lambda: tree.proof(-1), "INVALID_ARGUMENT", "index")
    assert_set_error(lambda: tree.proof(1.5), "INVALID_ARGUMENT", "index")  # type: ignore[arg-type]
    assert_set_error(lambda: tree.proof(2**64), "INVALID_ARGUMENT", "index")
    with pytest.raises(IndexError):
        tree.proofs()[n]
    assert tree.proofs()[-1] == tree.proof(n - 1)
    proof = tree.proof(0)
    root = tree.root
    assert_set_error(lambda: setchain.verify_proof(root[:4], leaves[0], 0, n, proof, scheme="keccak-v1"), "WRONG_LENGTH", "root")
    assert_set_error(lambda: setchain.verify_proof(root, "zz", 0, n, proof), "INVALID_HEX", "leaf")
    assert_set_error(lambda: setchain.verify_proof(root, leaves[0], 0, n, ["0x00"]), "WRONG_LENGTH", "proof[0]")
    assert_set_error(lambda: setchain.verify_proof(root, leaves[0], 0, None, proof), "INVALID_ARGUMENT", "leaf_count")
    assert_set_error(lambda: setchain.verify_proof(root, leaves[0], 0, n, proof, lenient=1), "INVALID_ARGUMENT", "lenient")  # type: ignore[arg-type]
    assert_set_error(
        lambda: setchain.verify_proofs(root, n, [leaves[0]], [proof], [0, 1], scheme="keccak-v1"), "LENGTH_MISMATCH", "indices"
    )
    assert_set_error(
        lambda: setchain.verify_proofs(root, n, [leaves[0]], [proof], [n], scheme="keccak-v1"), "INDEX_OUT_OF_RANGE", "indices[0]"
    )
    assert_set_error(
        lambda: setchain.verify_proofs(root, n, [leaves[0]], [proof[1:]], [0], scheme="keccak-v1"),
        "PROOF_LENGTH_MISMATCH",
        "proofs[0]",
    )
    assert_set_error(lambda: setchain.verify_proofs(root, n, bytes(40), [proof]), "WRONG_LENGTH", "leaves")
    assert_set_error(lambda: setchain.verify_proofs(root, n, [leaves[0]], 7), "INVALID_ARGUMENT", "proofs")  # type: ignore[arg-type]
    assert_set_error(lambda: setchain.verify_proofs(root, 0, [], []), "INVALID_LEAF_COUNT")
