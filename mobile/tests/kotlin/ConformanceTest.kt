// The receipt conformance suite (tests/conformance/cases/*.json, format in
// tests/conformance/README.md) through the Kotlin binding: every case one by one, then every case
// once in bulk (the cases with the same trust text in one verifyReceipts call), each compared with
// its expected valid, level and checks, or error code and field. The proof- cases (anchor proofs,
// levels anchored-l2-proof and anchored-l1) run too: the library builds the core's anchor-proof
// feature; verifyAnchorProof gives their refusals' codes and fields.
package io.setchain.core.test

import io.setchain.core.*
import java.io.File

/** The bundle text a case gives: `bundle_text` for a document that is not JSON, else the bundle as written. */
private fun bundleText(case: Json): String = case.opt("bundle_text")?.str ?: case["bundle"].raw

/** The case file's form of an answer: valid, level, checks and the signature algorithms verified, or the error's code and field. */
private fun answer(verdict: Verdict): Map<String, Any?> = verdict.error?.let { answer(it) }
    ?: mapOf(
        "valid" to verdict.valid,
        "level" to verdict.level,
        "checks" to checkStatuses(verdict),
        "signatures" to mapOf("sequencer" to verdict.sequencerSignatures, "agent" to verdict.agentSignatures),
    )

private fun answer(error: SetException): Map<String, Any?> = mapOf("error" to mapOf("code" to errorCode(error), "field" to errorField(error)))

private fun expected(case: Json): Map<String, Any?> {
    val expect = case["expect"]
    expect.opt("error")?.let { error -> return mapOf("error" to mapOf("code" to error["code"].str, "field" to error.opt("field")?.str)) }
    val signatures = expect["signatures"].obj.mapValues { (_, algorithms) -> algorithms.list.map { it.str } }
    return mapOf(
        "valid" to expect["valid"].bool,
        "level" to expect["level"].str,
        "checks" to expect["checks"].obj.mapValues { it.value.str },
        "signatures" to signatures,
    )
}

fun conformanceTests(t: TestContext) {
    val dir = File(t.vectors.parentFile, "conformance/cases")
    val cases = dir.listFiles { file -> file.name.endsWith(".json") }.orEmpty().sortedBy { it.name }.map { Json.parse(it.readText()) }
    t.test("conformance suite has its cases") { check(cases.size >= 60) { "${cases.size} cases in $dir" } }
    anchorProofTests(t, cases.filter { it.opt("requires") != null }.associateBy { it["name"].str })
    for (case in cases) {
        t.test("conformance ${case["name"].str}") {
            val got = try {
                answer(verifyReceipt(bundleText(case), case["trust"].raw))
            } catch (e: SetException) {
                answer(e)
            }
            checkEqual(expected(case), got, "answer")
        }
    }
    t.test("conformance: every case in bulk, one verifyReceipts call per trust text") {
        val groups = cases.groupBy { it["trust"].raw }
        check(groups.values.any { it.size > 10 }) { "the valid trust is shared by many cases" }
        var answered = 0
        for ((trust, group) in groups) {
            val verdicts = try {
                verifyReceipts(group.map { bundleText(it) }, trust)
            } catch (e: SetException) {
                // A trust that cannot be used fails the whole call: each of its cases expects that error.
                for (case in group) checkEqual(expected(case), answer(e), "${case["name"].str} (bulk)")
                answered += group.size
                continue
            }
            checkEqual(group.size, verdicts.size, "verdicts")
            group.zip(verdicts).forEach { (case, verdict) -> checkEqual(expected(case), answer(verdict), "${case["name"].str} (bulk)") }
            answered += group.size
        }
        checkEqual(cases.size, answered, "cases answered")
    }
}

/** Case -> the failed checks' code and field; every other proof check passes or is skipped. */
private val REFUSALS = mapOf(
    "proof-another-account" to mapOf("anchor_proof" to ("PROOF_WRONG_ACCOUNT" to "anchor.proof.address")),
    "proof-before-the-commitment-landed" to mapOf("anchor_proof" to ("PROOF_NOT_COMMITTED" to "anchor.proof.storage_proof[0].value")),
    "proof-of-another-batch" to mapOf("anchor_proof" to ("PROOF_WRONG_SLOT" to "anchor.proof.storage_proof[0].key")),
    "proof-tamper-storage-leaf-node" to mapOf("anchor_proof" to ("PROOF_NODE_MISMATCH" to "anchor.proof.storage_proof[2].proof[1]")),
    "proof-tamper-slot-value" to mapOf("anchor_proof" to ("PROOF_COMMITMENT_MISMATCH" to "anchor.proof.storage_proof[0].value")),
    "proof-output-at-another-oracle" to mapOf(
        "anchor_proof" to ("UNTRUSTED_L2_HEADER" to "anchor.proof.l2_header"),
        "output_root" to ("WRONG_L1_LOCATION" to "anchor.proof.output.l1.contract"),
    ),
    "proof-output-root-not-pinned" to mapOf(
        "anchor_proof" to ("UNTRUSTED_L2_HEADER" to "anchor.proof.l2_header"),
        "output_root" to ("UNTRUSTED_OUTPUT_ROOT" to "anchor.proof.output.output_root"),
    ),
)

private fun anchorProofTests(t: TestContext, cases: Map<String, Json>) {
    t.test("proof cases reach anchored-l2-proof and anchored-l1") {
        check(cases.size >= 30) { "${cases.size} proof- cases" }
        checkEqual(setOf("anchored-l2-proof", "anchored-l1"), cases.values.mapNotNull { it["expect"].opt("level")?.str }.filter { it.startsWith("anchored-") }.toSet(), "levels")
    }
    t.test("verifyAnchorProof answers every proof case as verifyReceipt does") {
        for (case in cases.values) {
            val expect = case["expect"]
            val outcomes = try {
                verifyAnchorProof(case["bundle"].raw, case["trust"].raw)
            } catch (e: SetException) {
                checkEqual(expect["error"]["code"].str to expect["error"]["field"].str, errorCode(e) to errorField(e), case["name"].str)
                continue
            }
            checkEqual(listOf("anchor_proof", "output_root"), outcomes.map { it.name }, "names")
            for (outcome in outcomes) {
                checkEqual(expect["checks"][outcome.name].str, statusName(outcome.status), "${case["name"].str} ${outcome.name}")
                check((outcome.status == CheckStatus.FAIL) == (outcome.error != null)) { "an error for every failed check: $outcome" }
            }
        }
    }
    t.test("verifyAnchorProof names the code and field of each refusal") {
        for ((name, refusals) in REFUSALS) {
            val case = cases.getValue(name)
            val errors = verifyAnchorProof(case["bundle"].raw, case["trust"].raw).mapNotNull { o -> o.error?.let { o.name to it } }
            for ((_, error) in errors) check(error is SetException.AnchorProof) { "$name: $error" }
            checkEqual(refusals, errors.associate { (check, e) -> check to (errorCode(e) to errorField(e)) }, name)
        }
    }
    t.test("a Trust record pinning L1 output roots verifies at anchored-l1") {
        val case = cases.getValue("proof-valid-anchored-l1")
        val trust = case["trust"]
        val record = Trust(
            trust["sequencer_public_keys"].list.map { it.str },
            agentPublicKey = trust["agent_public_key"].str,
            chainId = trust["chain_id"].long.toULong(),
            registry = trust["registry"].str,
            l1OutputRoots = trust["l1_output_roots"].list.map { it.str },
            l1ChainId = trust["l1_chain_id"].long.toULong(),
            l1Oracle = trust["l1_oracle"].str,
        )
        checkEqual("anchored-l1", verifyReceiptWithTrust(case["bundle"].raw, record).level, "level")
        val l2 = cases.getValue("proof-valid-anchored-l2-proof")
        val pinnedHash = record.copy(l1OutputRoots = listOf(), l1ChainId = null, l1Oracle = null,
            l2BlockHashes = l2["trust"]["l2_block_hashes"].list.map { it.str })
        checkEqual("anchored-l2-proof", verifyReceiptWithTrust(l2["bundle"].raw, pinnedHash).level, "level")
    }
}
