// Every case of tests/vectors/receipts.json: valid bundles, each tampering, malformed input —
// with the trust given as JSON and as a Trust record, one by one and in bulk; the pinned network
// and trust-root documents.
package io.setchain.core.test

import io.setchain.core.*

fun statusName(status: CheckStatus): String = when (status) {
    CheckStatus.PASS -> "pass"
    CheckStatus.FAIL -> "fail"
    CheckStatus.SKIPPED -> "skipped"
}

/** A verdict's checks as name -> "pass" / "fail" / "skipped". */
fun checkStatuses(verdict: Verdict): Map<String, String> = verdict.checks.associate { it.name to statusName(it.status) }

/** Compares `valid`, `level`, every check's status and the keys of `reasons`, as tests/vectors/README.md says. */
private fun checkVerdict(expected: Json, verdict: Verdict) {
    checkEqual(expected["valid"].bool, verdict.valid, "valid")
    checkEqual(expected["level"].str, verdict.level, "level")
    checkEqual(expected["checks"].obj.mapValues { it.value.str }, checkStatuses(verdict), "checks")
    val reasons = verdict.checks.filter { it.reason != null }.map { it.name }.toSet()
    checkEqual(expected["reasons"].obj.keys, reasons, "reason keys")
    for (outcome in verdict.checks) {
        check((outcome.status == CheckStatus.PASS) == (outcome.reason == null)) { "a reason for every failed or skipped check: $outcome" }
    }
    checkEqual(
        listOf("payload_hash", "agent_signature", "receipt_hash", "sequencer_signature", "inclusion", "state_root", "anchor", "onchain", "anchor_proof", "output_root"),
        verdict.checks.map { it.name },
        "check order",
    )
    checkEqual(null, verdict.error, "error")
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
    return Trust(
        sequencerPublicKeys = trust["sequencer_public_keys"].list.map { it.str },
        agentPublicKey = trust.opt("agent_public_key")?.str,
        onchain = onchain,
        chainId = trust.opt("chain_id")?.long?.toULong(),
        registry = trust.opt("registry")?.str,
        network = trust.opt("network")?.str,
    )
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
            checkEqual(expected["error_field"].str, e.field, "field")
            check(e.errorMessage.startsWith(e.field!!)) { "message ${e.errorMessage} should name ${e.field}" }
        }
    }
    t.test("receipts in bulk: one verdict per bundle, as one by one; an unreadable bundle carries its error") {
        val trust = receipts["valid"].list[0]["trust"]
        val cases = (receipts["valid"].list + receipts["tampered"].list).filter { it["trust"].raw == trust.raw }
        check(cases.size > 5) { "${cases.size} cases share the first trust" }
        val malformed = receipts["malformed"].list.first { it["trust"].raw == trust.raw }
        val verdicts = verifyReceipts(cases.map { it["bundle"].raw } + malformed["bundle"].raw + "{", trust.raw)
        checkEqual(cases.size + 2, verdicts.size, "verdicts")
        cases.forEachIndexed { i, case -> checkVerdict(case["expected"]["verdict"], verdicts[i]) }
        for ((verdict, code, field) in listOf(
            Triple(verdicts[cases.size], malformed["expected"]["error_code"].str, malformed["expected"]["error_field"].str),
            Triple(verdicts[cases.size + 1], "INVALID_JSON", "$"),
        )) {
            checkEqual(false, verdict.valid, "valid")
            checkEqual("none", verdict.level, "level")
            checkEqual(emptyList<CheckOutcome>(), verdict.checks, "checks")
            val error = verdict.error as SetException.Receipt
            checkEqual(code, error.code, "code")
            checkEqual(field, error.field, "field")
        }
        checkEqual(emptyList<Verdict>(), verifyReceipts(listOf(), trust.raw), "no bundles")
        expectError<SetException.Receipt>("INVALID_JSON") { verifyReceipts(listOf(cases[0]["bundle"].raw), "{") }
    }
    val anchored = receipts["valid"].list.first { it["trust"].opt("onchain") != null }
    t.test("onChainEvidenceWithoutPinnedNetworkIsNetworkNotPinned") {
        val pinned = trustRecord(anchored["trust"])
        checkVerdict(anchored["expected"]["verdict"], verifyReceiptWithTrust(anchored["bundle"].raw, pinned))
        val e = expectError<SetException.Receipt>("NETWORK_NOT_PINNED") {
            verifyReceiptWithTrust(anchored["bundle"].raw, pinned.copy(registry = null, chainId = null))
        }
        checkEqual("trust.registry", e.field, "field")
        val noChain = expectError<SetException.Receipt>("NETWORK_NOT_PINNED") {
            verifyReceiptWithTrust(anchored["bundle"].raw, pinned.copy(chainId = null))
        }
        checkEqual("trust.chain_id", noChain.field, "field")
    }
    t.test("anchorNamingAnotherRegistryFailsTheAnchorCheck") {
        val pinned = trustRecord(anchored["trust"]).copy(onchain = null, network = "set-chain-demo")
        val verdict = verifyReceiptWithTrust(anchored["bundle"].raw, pinned.copy(registry = "0x" + "77".repeat(20)))
        checkEqual(false, verdict.valid, "valid")
        checkEqual("none", verdict.level, "level")
        checkEqual("fail", checkStatuses(verdict)["anchor"], "anchor")
        checkEqual("committed", verifyReceiptWithTrust(anchored["bundle"].raw, pinned).level, "level when pinned right")
    }
    t.test("trustRootDocumentIsATrust") {
        val record = anchored["trust"]
        val root = """{"format": "set-trust-root-v1", "network": "set-chain-demo", "chain_id": ${record["chain_id"].raw},
            "registry": ${record["registry"].raw}, "sequencer_public_keys": ${record["sequencer_public_keys"].raw}}"""
        val verdict = verifyReceipt(anchored["bundle"].raw, root)
        checkEqual("pass", checkStatuses(verdict)["anchor"], "anchor")
        checkEqual("committed", verdict.level, "level")
        val e = expectError<SetException.Receipt>("UNSUPPORTED_FORMAT") {
            verifyReceipt(anchored["bundle"].raw, root.replace("set-trust-root-v1", "set-trust-root-v9"))
        }
        checkEqual("trust.format", e.field, "field")
    }
    t.test("receipt verdict of a tampered bundle explains the failure") {
        val case = receipts["tampered"].list.first { it["name"].str == "payload_changed" }
        val verdict = verifyReceipt(case["bundle"].raw, case["trust"].raw)
        val failed = verdict.checks.single { it.status == CheckStatus.FAIL }
        checkEqual("payload_hash", failed.name, "failed check")
        check(!failed.reason.isNullOrBlank()) { "a reason" }
    }
}
