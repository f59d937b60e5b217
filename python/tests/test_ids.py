import uuid

import setchain
from conftest import assert_set_error, h, vectors

V = vectors("ids.json")


def test_uuid_to_bytes32_both_directions() -> None:
    for c in V["uuid_to_bytes32"]:
        assert setchain.uuid_to_bytes32(c["uuid"]) == h(c["bytes32"])
        assert setchain.uuid_to_bytes32(uuid.UUID(c["uuid"])) == h(c["bytes32"])
        assert setchain.bytes32_to_uuid(c["bytes32"]) == uuid.UUID(c["uuid"])
        assert setchain.bytes32_to_uuid(h(c["bytes32"])) == uuid.UUID(c["uuid"])
        assert setchain.bytes32_to_uuid(c["bytes32"].removeprefix("0x")) == uuid.UUID(c["uuid"])


def test_tenant_store_key_and_stream_id() -> None:
    for c in V["stream_keys"]:
        assert setchain.tenant_store_key(c["tenant_id"], c["store_id"]) == h(c["tenant_store_key"])
        tenant32 = setchain.uuid_to_bytes32(c["tenant_id"])
        store32 = setchain.uuid_to_bytes32(c["store_id"])
        assert setchain.tenant_store_key(tenant32, store32) == h(c["tenant_store_key"])
        assert setchain.tenant_store_key(uuid.UUID(c["tenant_id"]), "0x" + store32.hex()) == h(c["tenant_store_key"])
        assert setchain.stream_id(c["tenant_id"], uuid.UUID(c["store_id"])) == h(c["stream_id"])


def test_invalid_ids_raise_id_errors_naming_the_field() -> None:
    for c in V["invalid_bytes32"]:
        assert_set_error(lambda: setchain.bytes32_to_uuid(c["bytes32"]), c["error_code"], "bytes32")
    for c in V["invalid_uuids"]:
        assert_set_error(lambda: setchain.uuid_to_bytes32(c["uuid"]), c["error_code"], "uuid")
    assert_set_error(
        lambda: setchain.stream_id("00000000-0000-0000-0000-000000000001", "nope"), "INVALID_UUID", "store_id", setchain.IdError
    )
    assert_set_error(lambda: setchain.uuid_to_bytes32(42), "INVALID_ARGUMENT", "uuid", setchain.InvalidArgumentError)  # type: ignore[arg-type]
