"""The exception hierarchy: one class per core module under SetError, each with `code`, `module`
and `field` (the dotted path of the input at fault, None where the core names none)."""

import setchain
from conftest import assert_set_error

MODULE_CLASSES = {
    "encoding": setchain.EncodingError,
    "ids": setchain.IdError,
    "merkle": setchain.MerkleError,
    "ves": setchain.VesError,
    "receipt": setchain.ReceiptError,
    "registry": setchain.RegistryError,
    "paymaster": setchain.PaymasterError,
    "sequencer": setchain.SequencerError,
    "anchoring": setchain.AnchoringError,
    "agent": setchain.AgentError,
}


def test_every_core_module_has_its_own_input_error_class() -> None:
    assert len(set(MODULE_CLASSES.values())) == len(MODULE_CLASSES)
    for cls in MODULE_CLASSES.values():
        assert issubclass(cls, setchain.InputError) and issubclass(cls, ValueError) and issubclass(cls, setchain.SetError)
        assert cls is not setchain.InputError
        assert cls.__name__ in setchain.__all__


def test_errors_carry_code_module_and_field() -> None:
    tree = setchain.MerkleTree([b"\x01" * 32] * 3, "keccak-v1")
    err = assert_set_error(lambda: tree.proof(3), "INDEX_OUT_OF_RANGE", "index", setchain.MerkleError, field="index")
    assert err.module == "merkle"
    # Not about one input: no field.
    err = assert_set_error(lambda: setchain.MerkleTree([], "keccak-v1"), "EMPTY_TREE", None, setchain.MerkleError, field=None)
    err = assert_set_error(lambda: setchain.uuid_to_bytes32("nope"), "INVALID_UUID", None, setchain.IdError, field="uuid")
    assert err.module == "ids"
    err = assert_set_error(lambda: setchain.node_hash("0x12", b"\x00" * 32), "WRONG_LENGTH", "left", setchain.EncodingError, field="left")
    assert err.module == "encoding"
    err = assert_set_error(lambda: setchain.decode_get_batch_commitment(b"\x00" * 31), "TRUNCATED", None, setchain.RegistryError, field=None)
    assert err.module == "registry"


def test_a_set_error_raised_by_hand_has_no_field_by_default() -> None:
    err = setchain.SequencerError("body: not JSON", "INVALID_JSON", "sequencer")
    assert (err.code, err.module, err.field) == ("INVALID_JSON", "sequencer", None)
    assert isinstance(err, ValueError)
