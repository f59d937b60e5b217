// The receipt conformance suite (tests/conformance/cases/*.json, format in
// tests/conformance/README.md) through the Kotlin binding: every case one by one, then every case
// once in bulk (the cases with the same trust text in one verifyReceipts call), each compared with
// its expected valid, level and checks, or error code and field.
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
        // The proof- cases ("requires": ["anchor-proof"]) need a core feature the library does not build yet.
        .filter { it.opt("requires") == null }
    t.test("conformance suite has its cases") { check(cases.size >= 60) { "${cases.size} cases in $dir" } }
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
