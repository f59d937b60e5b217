// getBatchCommitment: calldata and return data (tests/vectors/registry.json).
package io.setchain.core.test

import io.setchain.core.*

fun registryTests(t: TestContext) {
    val registry = t.vector("registry.json")
    for ((i, case) in registry["returns"].list.withIndex()) {
        if (case["function"].str != "getBatchCommitment") continue
        t.test("registry getBatchCommitment return[$i]") {
            val typed = case["typed"]
            val decoded = decodeGetBatchCommitment(case["data"].str)
            checkEqual(typed["events_root"].str, decoded.eventsRoot, "eventsRoot")
            checkEqual(typed["new_state_root"].str, decoded.newStateRoot, "newStateRoot")
            checkEqual(typed["sequence_start"].str.toULong(), decoded.sequenceStart, "sequenceStart")
            checkEqual(typed["sequence_end"].str.toULong(), decoded.sequenceEnd, "sequenceEnd")
            checkEqual(typed["event_count"].long.toUInt(), decoded.eventCount, "eventCount")
            checkEqual(typed["timestamp"].str.toULong(), decoded.timestamp, "timestamp")
            checkEqual(typed["exists"].bool, decoded.exists, "exists")
        }
    }
    for (case in registry["calldata"].list) {
        if (case.opt("function")?.str != "getBatchCommitment") continue
        t.test("registry getBatchCommitment calldata") {
            val batchId = case["decoded"]["args"]["batchId"].str
            checkEqual(case["calldata"].str, encodeGetBatchCommitment(batchId), "calldata")
        }
    }
    t.test("registry getBatchCommitment calldata from a UUID") {
        val calldata = encodeGetBatchCommitment("123e4567-e89b-12d3-a456-426614174000")
        checkEqual("0x7271b18a123e4567e89b12d3a456426614174000" + "0".repeat(32), calldata, "calldata")
    }
    for (case in registry["negative"].list) {
        if (case["decoder"].str != "decode_get_batch_commitment") continue
        t.test("registry negative ${case["code"].str}") {
            expectError<SetException.Registry>(case["code"].str) { decodeGetBatchCommitment(case["input"]["data"].str) }
        }
    }
}
