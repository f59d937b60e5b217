// The VES hashes a wallet recomputes (tests/vectors/ves.json).
package io.setchain.core.test

import io.setchain.core.*

fun vesTests(t: TestContext) {
    val ves = t.vector("ves.json")
    t.test("ves constants") {
        checkEqual(ves["constants"]["pad_leaf"].str, padLeaf(), "pad leaf")
        checkEqual(ves["constants"]["node_pad_pad"].str, nodeHash(padLeaf(), padLeaf()), "node(pad, pad)")
    }
    for ((i, case) in ves["payload_plain_hash"].list.withIndex()) {
        t.test("ves payload_plain_hash[$i]") {
            checkEqual(case["payload_plain_hash"].str, payloadPlainHash(case["payload_json"].str), "hash")
            case.opt("jcs")?.let { checkEqual(it.str, canonicalJson(case["payload_json"].str), "jcs") }
        }
    }
    for ((i, case) in ves["events"].list.withIndex()) {
        t.test("ves events[$i]: signing, leaf and receipt hashes") {
            val event = case["event"].raw
            val sequence = case["sequence_number"].long.toULong()
            checkEqual(case["event_signing_hash"].str, eventSigningHash(event), "signing hash")
            checkEqual(case["leaf_hash"].str, leafHash(event, sequence), "leaf hash")
            checkEqual(case["receipt_hash"].str, receiptHash(event, sequence), "receipt hash")
        }
    }
    for ((i, case) in ves["state_roots"].list.withIndex()) {
        t.test("ves state_roots[$i]") {
            val root = stateRoot(case["stream_id"].str, case["prev_state_root"].str, case["merkle_root"].str,
                case["sequence_start"].long.toULong(), case["sequence_end"].long.toULong(), case["leaf_count"].long.toUInt())
            checkEqual(case["new_state_root"].str, root, "new state root")
        }
    }
}
