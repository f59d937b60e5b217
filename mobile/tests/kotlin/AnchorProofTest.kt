// Producing an anchor proof through the Kotlin binding: attachAnchorProof and upgradeAnchorProof
// return the bundles of tests/vectors/anchor-proof.json byte for byte (the core writes them, the
// same bytes in every language), the result verifies at anchored-l1 with verifyAnchorProof, and
// evidence that does not belong to the bundle is refused with its code and field.
package io.setchain.core.test

import io.setchain.core.*

/** The sorted strings of a JSON value, for comparing two documents without a JSON library. */
private fun strings(json: Json): List<String> = when (json) {
    is Json.Obj -> json.fields.flatMap { (key, value) -> strings(value).map { "$key=$it" } }.sorted()
    is Json.Arr -> json.items.flatMapIndexed { i, value -> strings(value).map { "$i:$it" } }
    is Json.Str -> listOf(json.value)
    else -> listOf(json.raw)
}

fun anchorProofTests(t: TestContext) {
    val v = t.vector("anchor-proof.json")
    val block = v["eth_getBlockByNumber"].raw
    val passer = v["message_passer_eth_getProof"].raw

    t.test("a producer attaches and upgrades a proof that verifies at anchored-l1") {
        val attached = attachAnchorProof(v["bundle"].str, block, v["eth_getProof"].raw, v["registry"].str)
        checkEqual(v["attached"].str, attached, "attached")
        val upgraded = upgradeAnchorProof(attached, block, passer, v["l1"].raw)
        checkEqual(v["upgraded"].str, upgraded, "upgraded")
        checkEqual(upgraded, attachAnchorProof(upgraded, block, v["eth_getProof"].raw, v["registry"].str), "attached again")
        val outcomes = verifyAnchorProof(upgraded, v["trust"].raw)
        checkEqual(listOf(CheckStatus.PASS, CheckStatus.PASS), outcomes.map { it.status }, "anchor_proof, output_root")
        checkEqual("anchored-l1", verifyReceipt(upgraded, v["trust"].raw).level, "level")
    }

    t.test("anchorProofRequests lists what a producer asks its nodes") {
        val r = v["requests"]
        val answer = anchorProofRequests(r["batch_id"].str, r["registry"].str, r["l2_block_number"].long.toULong(), r["output_index"].long.toULong())
        checkEqual(strings(r["expected"]), strings(Json.parse(answer)), "requests")
        val withoutIndex = Json.parse(anchorProofRequests(r["batch_id"].str, r["registry"].str, r["l2_block_number"].long.toULong()))
        check(withoutIndex.opt("getL2Output") == null) { "getL2Output without an index" }
    }

    t.test("a producer is refused evidence that does not belong to the bundle") {
        val refusals = v["refusals"]
        val another = expectError<SetException.AnchorProof>("PROOF_NOT_ATTACHABLE") {
            attachAnchorProof(v["bundle"].str, block, v["eth_getProof"].raw, refusals["another_registry"]["registry"].str)
        }
        checkEqual("anchor.registry", errorField(another), "field")
        val nextL1 = expectError<SetException.AnchorProof>("OUTPUT_ROOT_MISMATCH") {
            upgradeAnchorProof(v["attached"].str, block, passer, refusals["next_output_l1"]["l1"].raw)
        }
        checkEqual("l1.get_l2_output", errorField(nextL1), "field")
        val other = refusals["next_output_block"]
        val nextBlock = expectError<SetException.AnchorProof>(other["error"]["code"].str) {
            upgradeAnchorProof(v["attached"].str, other["eth_getBlockByNumber"].raw, other["message_passer_eth_getProof"].raw)
        }
        checkEqual(other["error"]["field"].str, errorField(nextBlock), "field")
    }
}
