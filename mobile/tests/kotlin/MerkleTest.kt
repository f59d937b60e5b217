// Strict proof verification, both schemes: every proof of tests/vectors/merkle.json and its
// negative cases (invalid proofs verify to false; malformed ones throw SetException.Merkle).
package io.setchain.core.test

import io.setchain.core.*

fun merkleTests(t: TestContext) {
    val merkle = t.vector("merkle.json")
    for (tree in merkle["trees"].list) {
        val leaves = tree["leaves"].list.map { it.str }
        val leafCount = tree["leaf_count"].long.toULong()
        for ((scheme, data) in tree["schemes"].obj) {
            t.test("merkle $scheme tree of $leafCount: every proof verifies") {
                val root = data["root"].str
                for (proof in data["proofs"].list) {
                    val index = proof["index"].long
                    val path = proof["proof"].list.map { it.str }
                    check(verifyProof(scheme, root, leaves[index.toInt()], index.toULong(), leafCount, path)) {
                        "proof $index"
                    }
                }
            }
        }
    }
    for (case in merkle["negative"].list) {
        t.test("merkle negative/${case["scheme"].str}/${case["name"].str}") {
            val call = {
                verifyProof(case["scheme"].str, case["root"].str, case["leaf"].str, case["index"].long.toULong(),
                    case["leaf_count"].long.toULong(), case["proof"].list.map { it.str })
            }
            when (case["expect"].str) {
                "valid" -> check(call()) { "should verify" }
                "invalid" -> check(!call()) { "should not verify" }
                else -> expectError<SetException.Merkle>(case["error_code"].str) { call() }
            }
        }
    }
}
