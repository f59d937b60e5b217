// Verify one order's receipt bundle on the JVM with the Kotlin binding (io.setchain.core):
// signatures, hashes and the inclusion proof in the Rust core, the commitment read from
// SetRegistry with one eth_call (java.net.http, no other dependency than JNA).
//
//   java -cp kotlin-receipts.jar:jna.jar io.setchain.examples.VerifyReceiptsKt target/demo/export
package io.setchain.examples

import io.setchain.core.SetException
import io.setchain.core.Trust
import io.setchain.core.decodeGetBatchCommitment
import io.setchain.core.encodeGetBatchCommitment
import io.setchain.core.verifyReceiptWithTrust
import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.Properties
import kotlin.system.exitProcess

// The JVM has no JSON parser; the JSON-RPC answer is one string field, so a pattern suffices.
private val RESULT = Regex("\"result\"\\s*:\\s*\"(0x[0-9a-fA-F]*)\"")

fun ethCall(rpcUrl: String, to: String, data: String): String {
    val body = """{"jsonrpc":"2.0","id":1,"method":"eth_call","params":[{"to":"$to","data":"$data"},"latest"]}"""
    val request = HttpRequest.newBuilder(URI.create(rpcUrl))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build()
    val answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body()
    return RESULT.find(answer)?.groupValues?.get(1) ?: error("eth_call failed: $answer")
}

fun main(args: Array<String>) {
    if (args.isEmpty()) {
        System.err.println("usage: VerifyReceipts EXPORT_DIR [BUNDLE_FILE]")
        exitProcess(2)
    }
    val export = File(args[0])
    val network = Properties().apply { File(export, "network.properties").reader().use { load(it) } }
    // index.tsv columns: file, store, order_id, sequence_number, batch_id, agent_public_key.
    val row = File(export, "index.tsv").readLines().drop(1).map { it.split('\t') }
        .firstOrNull { args.size < 2 || it[0] == args[1] } ?: error("bundle not in index.tsv")
    val bundleJson = File(export, row[0]).readText()

    val valid = try {
        val returned = ethCall(network.getProperty("rpc_url"), network.getProperty("registry"), encodeGetBatchCommitment(row[4]))
        val trust = Trust(
            sequencerPublicKeys = listOf(network.getProperty("sequencer_public_key")),
            agentPublicKey = row[5],
            onchain = decodeGetBatchCommitment(returned),
        )
        val verdict = verifyReceiptWithTrust(bundleJson, trust)
        println("Kotlin (io.setchain.core) — ${row[2]} order.created of ${row[1]}")
        verdict.checks.forEach { println("  ${it.name.padEnd(20)} ${it.status.name.lowercase()}${it.reason?.let { r -> " — $r" } ?: ""}") }
        verdict.valid
    } catch (e: SetException) { // a malformed bundle or answer: the code and the field
        println("malformed (${e.javaClass.simpleName}): ${e.message}")
        false
    }
    println("  → ${if (valid) "VALID" else "INVALID"}")
    exitProcess(if (valid) 0 else 1)
}
