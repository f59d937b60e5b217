"""ML-DSA-65 verification against Python `cryptography` (OpenSSL's ML-DSA), differentially.

Keys and signatures that `cryptography` makes verify with ours and tampered ones fail with both;
both agree with NIST's ACVP vectors (tests/vectors/acvp-ml-dsa-65-sigver.json) and with the real
sequencer's captured hybrid and pqc-strict signatures (tests/captured/).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA65PrivateKey, MLDSA65PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

import setchain
from conftest import REPO, assert_set_error, vectors

CAPTURED = REPO / "tests" / "captured"
# The seeds the captures' `about` gives: the sequencer's ML-DSA-65 receipt key, the agent's key.
SEQUENCER_SEED = bytes.fromhex("697fa88e24970e15b6f007b95c50cd2fb81ae383cbaa5944fb3ef8e984e3c9e7")
AGENT_SEED = hashlib.sha256(b"set-agent-ml-dsa-65").digest()

KEY = MLDSA65PrivateKey.from_seed_bytes(bytes(range(32)))
PUBLIC = KEY.public_key().public_bytes_raw()
MESSAGE = hashlib.sha256(b"a receipt hash").digest()
SIGNATURE = KEY.sign(MESSAGE)


def theirs(public_key: bytes, message: bytes, signature: bytes, context: bytes = b"") -> bool:
    """`cryptography`'s answer."""
    try:
        MLDSA65PublicKey.from_public_bytes(public_key).verify(signature, message, context)
        return True
    except InvalidSignature:
        return False


def flipped(data: bytes, bit: int) -> bytes:
    out = bytearray(data)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


# --------------------------------------------------------------------- keys and signatures of cryptography


def test_a_cryptography_signature_from_a_seeded_key_verifies() -> None:
    assert setchain.verify_ml_dsa_65(PUBLIC, MESSAGE, SIGNATURE) is True
    assert setchain.verify_ml_dsa_65(PUBLIC.hex(), "0x" + MESSAGE.hex(), bytearray(SIGNATURE)) is True
    assert setchain.verify_ml_dsa_65_with_context(PUBLIC, MESSAGE, b"", SIGNATURE) is True


def test_every_signature_cryptography_makes_verifies() -> None:
    # cryptography signs hedged (fresh randomness each time): different signatures, all valid.
    signatures = {KEY.sign(MESSAGE) for _ in range(4)}
    assert len(signatures) > 1
    assert all(setchain.verify_ml_dsa_65(PUBLIC, MESSAGE, s) for s in signatures)


def test_a_flipped_signature_message_or_key_fails_with_both() -> None:
    other_key = MLDSA65PrivateKey.from_seed_bytes(bytes(32)).public_key().public_bytes_raw()
    cases = {
        "signature, first byte": (PUBLIC, MESSAGE, flipped(SIGNATURE, 0)),
        "signature, middle": (PUBLIC, MESSAGE, flipped(SIGNATURE, 8 * 1700 + 3)),
        "signature, last byte": (PUBLIC, MESSAGE, flipped(SIGNATURE, 8 * 3308)),
        "message": (PUBLIC, flipped(MESSAGE, 255), SIGNATURE),
        "public key": (flipped(PUBLIC, 8 * 100), MESSAGE, SIGNATURE),
        "another key": (other_key, MESSAGE, SIGNATURE),
    }
    for name, (key, message, signature) in cases.items():
        assert setchain.verify_ml_dsa_65(key, message, signature) is False, name
        assert theirs(key, message, signature) is False, name


@settings(max_examples=40, deadline=None)
@given(seed=st.binary(min_size=32, max_size=32), message=st.binary(min_size=32, max_size=32), bit=st.integers(0, 8 * 3309 - 1))
def test_ours_and_cryptography_agree_on_random_keys_and_flipped_bits(seed: bytes, message: bytes, bit: int) -> None:
    key = MLDSA65PrivateKey.from_seed_bytes(seed)
    public = key.public_key().public_bytes_raw()
    signature = key.sign(message)
    assert setchain.verify_ml_dsa_65(public, message, signature) is True
    bad = flipped(signature, bit)
    assert setchain.verify_ml_dsa_65(public, message, bad) is theirs(public, message, bad)


def test_the_context_is_signed_too() -> None:
    signature = KEY.sign(MESSAGE, b"set-receipt")
    assert setchain.verify_ml_dsa_65_with_context(PUBLIC, MESSAGE, b"set-receipt", signature) is True
    assert setchain.verify_ml_dsa_65_with_context(PUBLIC, MESSAGE, b"set-receipT", signature) is False
    # The sequencer's form has no context: a signature made with one does not verify there.
    assert setchain.verify_ml_dsa_65(PUBLIC, MESSAGE, signature) is False
    long_message = b"any length " * 1000
    signature = KEY.sign(long_message, bytes(255))
    assert setchain.verify_ml_dsa_65_with_context(PUBLIC, long_message, bytes(255), signature) is True
    # FIPS 204 allows no context over 255 bytes: nothing verifies with one (cryptography raises).
    assert setchain.verify_ml_dsa_65_with_context(PUBLIC, long_message, bytes(256), signature) is False


# ---------------------------------------------------------------------------------------- NIST ACVP


def acvp_cases() -> list[dict[str, Any]]:
    return [case for group in vectors("acvp-ml-dsa-65-sigver.json")["testGroups"] for case in group["tests"]]


def test_ours_and_cryptography_agree_with_nist_on_every_acvp_case() -> None:
    cases = acvp_cases()
    assert len(cases) == 15 and {c["testPassed"] for c in cases} == {True, False}
    for case in cases:
        args = [bytes.fromhex(case[k]) for k in ("pk", "message", "context", "signature")]
        ours = setchain.verify_ml_dsa_65_with_context(*args)
        public, message, context, signature = args
        assert ours is case["testPassed"], f"tcId {case['tcId']} ({case['reason']}): ours"
        assert theirs(public, message, signature, context) is case["testPassed"], f"tcId {case['tcId']}: cryptography"


# ------------------------------------------------------------------------- the real sequencer's captures


def ingest(profile: str) -> dict[str, Any]:
    capture = json.loads((CAPTURED / f"stateset-sequencer-0.2.7-{profile}-exchanges.json").read_text(encoding="utf-8"))
    exchange: dict[str, Any] = next(e for e in capture["exchanges"] if e["name"] == f"ingest 3 {profile} events")
    return exchange


@pytest.mark.parametrize("profile", ["hybrid", "pqc-strict"])
def test_the_sequencers_receipt_signatures_verify_with_both(profile: str) -> None:
    key = MLDSA65PrivateKey.from_seed_bytes(SEQUENCER_SEED).public_key().public_bytes_raw()
    receipts = ingest(profile)["response"]["receipts"]
    assert len(receipts) == 3
    for receipt in receipts:
        receipt_hash = bytes.fromhex(receipt["receiptHash"])
        signature = bytes(receipt["receiptSignatureBundle"]["ml_dsa_65_signature"])
        assert setchain.verify_ml_dsa_65(key, receipt_hash, signature) is True
        assert theirs(key, receipt_hash, signature) is True
        for bad_key, bad_hash, bad_signature in [
            (key, flipped(receipt_hash, 0), signature),
            (key, receipt_hash, flipped(signature, 8 * 2000)),
            (MLDSA65PrivateKey.from_seed_bytes(AGENT_SEED).public_key().public_bytes_raw(), receipt_hash, signature),
        ]:
            assert setchain.verify_ml_dsa_65(bad_key, bad_hash, bad_signature) is False
            assert theirs(bad_key, bad_hash, bad_signature) is False


@pytest.mark.parametrize("profile", ["hybrid", "pqc-strict"])
def test_the_agents_event_signatures_verify_with_both(profile: str) -> None:
    key = MLDSA65PrivateKey.from_seed_bytes(AGENT_SEED).public_key().public_bytes_raw()
    for event in ingest(profile)["request"]["events"]:
        signing_hash = setchain.event_signing_hash(event)
        signature = bytes(event["agent_signature_bundle"]["ml_dsa_65_signature"])
        assert setchain.verify_ml_dsa_65(key, signing_hash, signature) is True
        assert theirs(key, signing_hash, signature) is True
        assert setchain.verify_ml_dsa_65(key, flipped(signing_hash, 7), signature) is False


# ------------------------------------------------------------------------------------------- bad input


def test_wrong_lengths_are_typed_errors_naming_the_argument() -> None:
    wrong_length = "WRONG_LENGTH"
    cases = [
        (lambda: setchain.verify_ml_dsa_65(PUBLIC[:-1], MESSAGE, SIGNATURE), "public_key"),
        (lambda: setchain.verify_ml_dsa_65(PUBLIC, MESSAGE[:31], SIGNATURE), "message"),
        (lambda: setchain.verify_ml_dsa_65(PUBLIC, MESSAGE, SIGNATURE + b"\0"), "signature"),
        (lambda: setchain.verify_ml_dsa_65_with_context(PUBLIC + b"\0", MESSAGE, b"", SIGNATURE), "public_key"),
        (lambda: setchain.verify_ml_dsa_65_with_context(PUBLIC, MESSAGE, b"", SIGNATURE[:100]), "signature"),
    ]
    for call, field in cases:
        err = assert_set_error(call, wrong_length, field, setchain.EncodingError)
        assert err.module == "encoding"


def test_bad_hex_and_wrong_types_are_refused() -> None:
    assert_set_error(lambda: setchain.verify_ml_dsa_65("zz", MESSAGE, SIGNATURE), "INVALID_HEX", "public_key", setchain.EncodingError)
    assert_set_error(
        lambda: setchain.verify_ml_dsa_65_with_context(PUBLIC, MESSAGE, "0xg", SIGNATURE), "INVALID_HEX", "context", setchain.EncodingError
    )
    assert_set_error(
        lambda: setchain.verify_ml_dsa_65(PUBLIC, MESSAGE, 3309), "INVALID_ARGUMENT", "signature", setchain.InvalidArgumentError  # type: ignore[arg-type]
    )
