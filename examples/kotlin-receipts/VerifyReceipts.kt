// Verify one order's receipt bundle on the JVM with the Kotlin binding (io.setchain.core) against
// the app's pinned network: signatures, hashes, the inclusion proof and the bundle's anchor claim
// in the Rust core; the commitment read by SetClient.verifyOnline from the SetRegistry that
// trust-root.json pins, on an RPC whose eth_chainId must be the pinned chain id — never from the
// registry the bundle names (the only dependencies are JNA and kotlinx-coroutines).
//
//   java -cp kotlin-receipts.jar:jna.jar:kotlinx-coroutines-core-jvm.jar io.setchain.examples.VerifyReceiptsKt target/demo/export
//
// A hybrid export (make demo-hybrid) pins the sequencer's ML-DSA-65 key and the policy
// require-hybrid in trust-root.json and lists the agent's ML-DSA-65 key in a seventh column of
// index.tsv: the binding (built with ML-DSA-65) then checks both signatures of the receipt and
// of the event.
package io.setchain.examples

import io.setchain.core.Auth
import io.setchain.core.CheckStatus
import io.setchain.core.SetClient
import io.setchain.core.SetException
import java.io.File
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking

// For the printed header only (the JVM has no JSON parser): top-level fields of the app's own
// trust root. The core reads the whole document for the verdict.
private val CHAIN_ID = Regex("\"chain_id\"\\s*:\\s*(\\d+)")
private val REGISTRY = Regex("\"registry\"\\s*:\\s*\"(0x[0-9a-fA-F]{40})\"")
private val NETWORK = Regex("\"network\"\\s*:\\s*\"([^\"]*)\"")

fun main(args: Array<String>) {
    if (args.isEmpty()) {
        System.err.println("usage: VerifyReceipts EXPORT_DIR [BUNDLE_FILE]")
        exitProcess(2)
    }
    val export = File(args[0])
    // What the app trusts (a set-trust-root-v1 document), and where it reads the chain.
    val trustRoot = File(export, "trust-root.json").readText()
    val rpcUrl = File(export, "rpc-url.txt").readText().trim()
    // index.tsv columns: file, store, order_id, sequence_number, batch_id, agent_public_key, and
    // in a hybrid export agent_ml_dsa_65_public_key.
    val row = File(export, "index.tsv").readLines().drop(1).map { it.split('\t') }
        .firstOrNull { args.size < 2 || it[0] == args[1] } ?: error("bundle not in index.tsv")
    val bundleJson = File(export, row[0]).readText()
    // The trust root as it is, plus the store's agent key(s).
    val agentMlDsaKey = row.getOrNull(6)?.takeIf { it.isNotEmpty() }
        ?.let { """, "agent_ml_dsa_65_public_key": "$it"""" } ?: ""
    val trustJson = trustRoot.trim().removeSuffix("}").trimEnd() +
        """, "agent_public_key": "${row[5]}"$agentMlDsaKey}"""

    val failed = try {
        val verdict = SetClient(trustJson, null, rpcUrl, Auth.None, null).use { client ->
            runBlocking { client.verifyOnline(bundleJson) }
        }
        println("Kotlin (io.setchain.core) — ${row[2]} order.created of ${row[1]}")
        val network = NETWORK.find(trustRoot)?.groupValues?.get(1) ?: "?"
        val chainId = CHAIN_ID.find(trustRoot)?.groupValues?.get(1) ?: "?"
        val registry = REGISTRY.find(trustRoot)?.groupValues?.get(1) ?: "?"
        println("  ${"pinned".padEnd(20)} $network · chain $chainId · SetRegistry $registry")
        verdict.checks.forEach { println("  ${it.name.padEnd(20)} ${it.status.name.lowercase()}${it.reason?.let { r -> " — $r" } ?: ""}") }
        println("  ${"level".padEnd(20)} ${verdict.level}")
        if (verdict.valid) {
            println("  → VALID · level ${verdict.level}")
        }
        verdict.checks.filter { it.status == CheckStatus.FAIL }.map { it.name }
    } catch (e: SetException.Client) { // WRONG_CHAIN, CHAIN_RPC, CONFIG: nothing was verified
        System.err.println("${e.code}: ${e.errorMessage}")
        exitProcess(2)
    } catch (e: SetException) { // a malformed bundle: the code and the field
        println("malformed (${e.javaClass.simpleName}): ${e.message}")
        listOf(e.javaClass.simpleName)
    }
    if (failed.isNotEmpty()) {
        println("  → INVALID · failed: ${failed.joinToString(", ")}")
    }
    exitProcess(if (failed.isEmpty()) 0 else 1)
}
