// Identifiers (tests/vectors/ids.json).
package io.setchain.core.test

import io.setchain.core.*

fun idsTests(t: TestContext) {
    val ids = t.vector("ids.json")
    for (case in ids["uuid_to_bytes32"].list) {
        t.test("ids uuid_to_bytes32 ${case["uuid"].str}") {
            checkEqual(case["bytes32"].str, uuidToBytes32(case["uuid"].str), "bytes32")
            checkEqual(case["uuid"].str.lowercase(), bytes32ToUuid(case["bytes32"].str), "uuid")
        }
    }
    for (case in ids["stream_keys"].list) {
        t.test("ids stream keys ${case["tenant_id"].str}") {
            checkEqual(case["stream_id"].str, streamId(case["tenant_id"].str, case["store_id"].str), "stream id")
            checkEqual(case["tenant_store_key"].str, tenantStoreKey(case["tenant_id"].str, case["store_id"].str), "key")
        }
    }
    for (case in ids["invalid_uuids"].list) {
        t.test("ids invalid uuid ${case["uuid"].raw}") {
            expectError<SetException.Id>(case["error_code"].str) { uuidToBytes32(case["uuid"].str) }
        }
    }
    for (case in ids["invalid_bytes32"].list) {
        t.test("ids invalid bytes32 ${case["bytes32"].str}") {
            // Hex and length problems are encoding errors; a bytes32 that is no padded UUID is an id error.
            val code = case["error_code"].str
            if (code == "NOT_PADDED_UUID") expectError<SetException.Id>(code) { bytes32ToUuid(case["bytes32"].str) }
            else expectError<SetException.Encoding>(code) { bytes32ToUuid(case["bytes32"].str) }
        }
    }
}
