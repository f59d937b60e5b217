// The cross-language error contract: which SetException subclass is thrown for which bad input,
// its code (the core's stable code), its field (the core's dotted path of the input at fault,
// null where there is none), its errorMessage (the core's message) — and that no bad input crashes
// the JVM.
package io.setchain.core.test

import io.setchain.core.*

/** The core's code and field carried by any variant (every variant has both). */
private fun codeAndField(e: SetException): Pair<String, String?> = when (e) {
    is SetException.Encoding -> e.code to e.field
    is SetException.Id -> e.code to e.field
    is SetException.Merkle -> e.code to e.field
    is SetException.Ves -> e.code to e.field
    is SetException.Receipt -> e.code to e.field
    is SetException.Registry -> e.code to e.field
    is SetException.Paymaster -> e.code to e.field
    is SetException.Sequencer -> e.code to e.field
    is SetException.Agent -> e.code to e.field
    is SetException.Anchoring -> e.code to e.field
    is SetException.AnchorProof -> e.code to e.field
    is SetException.Client -> e.code to e.field
}

fun errorCode(e: SetException): String = codeAndField(e).first

fun errorField(e: SetException): String? = codeAndField(e).second

private const val ROOT = "0x0101010101010101010101010101010101010101010101010101010101010101"

fun errorsTests(t: TestContext) {
    t.test("wrongLengthRootIsEncodingWrongLength") {
        val e = expectError<SetException.Encoding>("WRONG_LENGTH") { verifyProof("ves-sha256-v1", "0x0102", ROOT, 0u, 1u, listOf()) }
        checkEqual("root: expected 32 bytes, got 2", e.errorMessage, "errorMessage")
        checkEqual("root", e.field, "field")
        check(e.message!!.contains("code=WRONG_LENGTH")) { "message shows the fields: ${e.message}" }
    }
    t.test("nonHexLeafIsEncodingInvalidHex") {
        val e = expectError<SetException.Encoding>("INVALID_HEX") { verifyProof("keccak-v1", ROOT, "0xzz", 0u, 1u, listOf()) }
        check(e.errorMessage.startsWith("leaf:")) { e.errorMessage }
    }
    t.test("nonHexProofSiblingNamesItsIndex") {
        val e = expectError<SetException.Encoding>("INVALID_HEX") { verifyProof("keccak-v1", ROOT, ROOT, 0u, 2u, listOf("nothex")) }
        checkEqual("proof[0]", e.field, "field")
    }
    t.test("wrongLengthLaterSiblingNamesItsIndex") {
        val e = expectError<SetException.Encoding>("WRONG_LENGTH") {
            verifyProof("keccak-v1", ROOT, ROOT, 0u, 8u, listOf(ROOT, ROOT.removePrefix("0x"), "0x0102"))
        }
        checkEqual("proof[2]: expected 32 bytes, got 2", e.errorMessage, "errorMessage")
    }
    t.test("unknownSchemeIsMerkleUnknownScheme") {
        expectError<SetException.Merkle>("UNKNOWN_SCHEME") { verifyProof("sha3", ROOT, ROOT, 0u, 1u, listOf()) }
    }
    t.test("indexPastLeafCountIsMerkleIndexOutOfRange") {
        expectError<SetException.Merkle>("INDEX_OUT_OF_RANGE") { verifyProof("ves-sha256-v1", ROOT, ROOT, 1u, 1u, listOf()) }
    }
    t.test("zeroLeafCountIsMerkleInvalidLeafCountNamingNoField") {
        val e = expectError<SetException.Merkle>("INVALID_LEAF_COUNT") { verifyProof("ves-sha256-v1", ROOT, ROOT, 0u, 0u, listOf()) }
        checkEqual(null, e.field, "field")
    }
    t.test("shortProofIsMerkleProofLengthMismatch") {
        expectError<SetException.Merkle>("PROOF_LENGTH_MISMATCH") { verifyProof("ves-sha256-v1", ROOT, ROOT, 0u, 4u, listOf(ROOT)) }
    }
    t.test("hugeIndexAndCountAreErrorsNotCrashes") {
        expectError<SetException.Merkle>("INDEX_OUT_OF_RANGE") {
            verifyProof("ves-sha256-v1", ROOT, ROOT, ULong.MAX_VALUE, 1u, listOf())
        }
        expectError<SetException.Merkle>("PROOF_LENGTH_MISMATCH") {
            verifyProof("keccak-v1", ROOT, ROOT, 0u, ULong.MAX_VALUE, listOf())
        }
    }
    t.test("badUuidIsIdInvalidUuid") {
        expectError<SetException.Id>("INVALID_UUID") { uuidToBytes32("not-a-uuid") }
        expectError<SetException.Id>("INVALID_UUID") { streamId("", "00000000-0000-0000-0000-000000000002") }
    }
    t.test("shortBytes32IsEncodingWrongLength") {
        expectError<SetException.Encoding>("WRONG_LENGTH") { bytes32ToUuid("0x00") }
    }
    t.test("nodeHashRejectsOddLengthHex") {
        expectError<SetException.Encoding>("INVALID_HEX") { nodeHash("0x123", ROOT) }
    }
    t.test("stateRootRejectsShortStreamId") {
        val e = expectError<SetException.Encoding>("WRONG_LENGTH") { stateRoot("0x01", ROOT, ROOT, 1u, 1u, 1u) }
        check(e.errorMessage.startsWith("stream_id:")) { e.errorMessage }
    }
    t.test("notJsonBundleIsReceiptInvalidJson") {
        expectError<SetException.Receipt>("INVALID_JSON") { verifyReceipt("not json", "{\"sequencer_public_keys\": []}") }
        expectError<SetException.Receipt>("INVALID_JSON") { verifyReceipt("", "") }
        expectError<SetException.Receipt>("INVALID_JSON") { verifyReceipt("[]", "{}") }
    }
    t.test("notJsonEventIsVesInvalidJson") {
        expectError<SetException.Ves>("INVALID_JSON") { eventSigningHash("{\"ves_version\": 1") }
        expectError<SetException.Ves>("INVALID_JSON") { payloadPlainHash("{") }
    }
    t.test("badReturnDataIsRegistryOrEncodingError") {
        expectError<SetException.Registry>("TRUNCATED") { decodeGetBatchCommitment("0x00") }
        expectError<SetException.Encoding>("INVALID_HEX") { decodeGetBatchCommitment("0xg0") }
    }
    t.test("badTrustRecordIsReadByTheCoreAsATrustDocument") {
        // The record goes through the core's trust reader: the same class, code and field as JSON.
        val bundle = t.vector("receipts.json")["valid"].list[0]["bundle"].raw
        val e = expectError<SetException.Receipt>("WRONG_LENGTH") { verifyReceiptWithTrust(bundle, Trust(listOf("0x01"))) }
        checkEqual("trust.sequencer_public_keys[0]", e.field, "field")
        val point = expectError<SetException.Receipt>("INVALID_PUBLIC_KEY") {
            verifyReceiptWithTrust(bundle, Trust(listOf("0x02" + "00".repeat(31))))
        }
        checkEqual("trust.sequencer_public_keys[0]", point.field, "field")
        val registry = expectError<SetException.Receipt>("WRONG_LENGTH") { verifyReceiptWithTrust(bundle, Trust(listOf(), registry = "0x01")) }
        checkEqual("trust.registry", registry.field, "field")
    }
    t.test("errorToStringIsTheRustDisplay") {
        try {
            uuidToBytes32("nope")
            throw AssertionError("no error")
        } catch (e: SetException.Id) {
            check(e.errorMessage.startsWith("uuid: not a UUID")) { e.errorMessage }
        }
    }
    t.test("unicodeAndLongInputsAreErrorsNotCrashes") {
        expectError<SetException.Encoding>("INVALID_HEX") { nodeHash("0x" + "é".repeat(32), ROOT) }
        expectError<SetException.Encoding>("WRONG_LENGTH") { nodeHash("0x" + "ab".repeat(100_000), ROOT) }
        expectError<SetException.Receipt>("INVALID_JSON") { verifyReceipt("[".repeat(10_000), "{}") }
    }
    t.test("checksumComparisonIsOmitted") {
        // omit_checksums = true (uniffi.toml): the library still loads and answers.
        checkEqual(66, padLeaf().length, "padLeaf length")
    }
}
