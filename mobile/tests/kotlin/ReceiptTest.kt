// Every case of tests/vectors/receipts.json: valid bundles, each tampering, malformed input —
// with the trust given as JSON and as a Trust record.
package io.setchain.core.test

import io.setchain.core.*

private fun statusName(status: CheckStatus): String = when (status) {
    CheckStatus.PASS -> "pass"
    CheckStatus.FAIL -> "fail"
    CheckStatus.SKIPPED -> "skipped"
}

/** Compares `valid`, every check's status and the keys of `reasons`, as tests/vectors/README.md says. */
private fun checkVerdict(expected: Json, verdict: Verdict) {
    checkEqual(expected["valid"].bool, verdict.valid, "valid")
    val checks = verdict.checks.associate { it.name to statusName(it.status) }
    checkEqual(expected["checks"].obj.mapValues { it.value.str }, checks, "checks")
    val reasons = verdict.checks.filter { it.reason != null }.map { it.name }.toSet()
    checkEqual(expected["reasons"].obj.keys, reasons, "reason keys")
    for (outcome in verdict.checks) {
        check((outcome.status == CheckStatus.FAIL) == (outcome.reason != null)) { "reason only on failure: $outcome" }
    }
    checkEqual(listOf("payload_hash", "agent_signature", "receipt_hash", "sequencer_signature", "inclusion", "state_root", "onchain"),
        verdict.checks.map { it.name }, "check order")
}

/** The trust document of a vector as a Trust record (`onchain` as an object or as return data hex). */
private fun trustRecord(trust: Json): Trust {
    val onchain = trust.opt("onchain")?.let { onchain ->
        if (onchain is Json.Str) decodeGetBatchCommitment(onchain.str)
        else OnchainCommitment(
            eventsRoot = onchain["events_root"].str,
            newStateRoot = onchain["new_state_root"].str,
            sequenceStart = onchain["sequence_start"].long.toULong(),
            sequenceEnd = onchain["sequence_end"].long.toULong(),
            eventCount = onchain["event_count"].long.toUInt(),
        )
    }
    return Trust(trust["sequencer_public_keys"].list.map { it.str }, trust.opt("agent_public_key")?.str, onchain)
}

fun receiptTests(t: TestContext) {
    val receipts = t.vector("receipts.json")
    for (group in listOf("valid", "tampered")) {
        for (case in receipts[group].list) {
            val name = case["name"].str
            t.test("receipt $group/$name (trust JSON)") {
                val verdict = verifyReceipt(case["bundle"].raw, case["trust"].raw)
                checkVerdict(case["expected"]["verdict"], verdict)
                if (group == "valid") check(verdict.valid) { "a valid vector must verify" }
                else check(!verdict.valid) { "a tampered vector must not verify" }
            }
            t.test("receipt $group/$name (Trust record)") {
                checkVerdict(case["expected"]["verdict"], verifyReceiptWithTrust(case["bundle"].raw, trustRecord(case["trust"])))
            }
        }
    }
    for (case in receipts["malformed"].list) {
        val name = case["name"].str
        t.test("receipt malformed/$name") {
            val expected = case["expected"]
            val e = expectError<SetException.Receipt>(expected["error_code"].str) {
                verifyReceipt(case["bundle"].raw, case["trust"].raw)
            }
            val prefix = expected["error_field_prefix"].str
            check(e.errorMessage.startsWith(prefix)) { "message ${e.errorMessage} should name $prefix" }
        }
    }
    t.test("receipt verdict of a tampered bundle explains the failure") {
        val case = receipts["tampered"].list.first { it["name"].str == "payload_changed" }
        val verdict = verifyReceipt(case["bundle"].raw, case["trust"].raw)
        val failed = verdict.checks.single { it.status == CheckStatus.FAIL }
        checkEqual("payload_hash", failed.name, "failed check")
        check(!failed.reason.isNullOrBlank()) { "a reason" }
    }
}
