// make bench-mobile: the time to verify one receipt bundle from Kotlin (bundle JSON in, Verdict
// record out, through JNA), averaged over 10,000 calls in one JVM run, against the same
// verification inside Rust in the same run (bench_rust_verify_receipt); likewise one Merkle proof
// of a 2^16-leaf tree (16 hex siblings in a List<String>, bench_rust_verify_proof). Not a test.
// BENCH_MD=<file>: the same numbers are also written there as a markdown table (`make bench`).
package io.setchain.core.bench

import io.setchain.core.*
import java.io.File

fun main(args: Array<String>) {
    // `make bench-verify`: the folder its Rust part wrote (bundles.json, trust.json, rust.json).
    args.getOrNull(1)?.let { bulkAgainstRust(File(it)) }
    val text = File(args.firstOrNull() ?: "tests/vectors/receipts.json").readText()
    // The first valid case, cut out of the vector file without a JSON library: bundle and trust
    // are re-serialised by a tiny reader shared with the tests.
    val case = io.setchain.core.test.Json.parse(text)["valid"].list[0]
    val bundle = case["bundle"].raw
    val trust = case["trust"].raw
    val calls = 10_000
    check(verifyReceipt(bundle, trust).valid)
    repeat(2_000) { verifyReceipt(bundle, trust) } // JIT warm-up
    benchRustVerifyReceipt(bundle, trust, 2_000u)

    // Interleaved blocks, so that load from other processes falls on both sides alike.
    var kotlinNanos = 0L
    var rustNanos = 0L
    var valid = 0
    val block = 1_000
    repeat(calls / block) {
        val started = System.nanoTime()
        repeat(block) { if (verifyReceipt(bundle, trust).valid) valid++ }
        kotlinNanos += System.nanoTime() - started
        rustNanos += benchRustVerifyReceipt(bundle, trust, block.toUInt()).toLong()
    }
    check(valid == calls)

    // The bare crossing: a call with no argument returning a short string.
    val emptyCalls = 100_000
    repeat(10_000) { version() }
    val emptyStarted = System.nanoTime()
    repeat(emptyCalls) { version() }
    val emptyNanos = System.nanoTime() - emptyStarted

    // A ves-sha256-v1 proof of depth 16 (a leaf of a 2^16-leaf tree): the root is folded from the
    // leaf and the siblings with nodeHash, so the proof is valid.
    val depth = 16
    val leafCount = 1uL shl depth
    val index = 0x5a5auL
    val leaf = "0x" + "11".repeat(32)
    val proof = (0 until depth).map { "0x" + "%02x".format(it + 0x20).repeat(32) }
    var root = leaf
    for (level in 0 until depth) {
        root = if ((index shr level) and 1uL == 0uL) nodeHash(root, proof[level]) else nodeHash(proof[level], root)
    }
    check(verifyProof("ves-sha256-v1", root, leaf, index, leafCount, proof))
    repeat(5_000) { verifyProof("ves-sha256-v1", root, leaf, index, leafCount, proof) } // JIT warm-up
    benchRustVerifyProof("ves-sha256-v1", root, leaf, index, leafCount, proof, 5_000u)
    var proofKotlinNanos = 0L
    var proofRustNanos = 0L
    var proofsValid = 0
    repeat(calls / block) {
        val started = System.nanoTime()
        repeat(block) { if (verifyProof("ves-sha256-v1", root, leaf, index, leafCount, proof)) proofsValid++ }
        proofKotlinNanos += System.nanoTime() - started
        proofRustNanos += benchRustVerifyProof("ves-sha256-v1", root, leaf, index, leafCount, proof, block.toUInt()).toLong()
    }
    check(proofsValid == calls)
    val proofKotlinUs = proofKotlinNanos / 1000.0 / calls
    val proofRustUs = proofRustNanos / 1000.0 / calls

    val kotlinUs = kotlinNanos / 1000.0 / calls
    val rustUs = rustNanos / 1000.0 / calls
    println("verify one receipt bundle, mean of $calls calls (bundle ${bundle.length} bytes of JSON):")
    println("  Kotlin -> Rust (JNA):  %.1f µs".format(kotlinUs))
    println("  Rust alone:            %.1f µs".format(rustUs))
    println("  FFI overhead:          %.1f µs per call (%.0f%%)".format(kotlinUs - rustUs, 100 * (kotlinUs - rustUs) / rustUs))
    println("  bare call version():   %.2f µs (mean of $emptyCalls)".format(emptyNanos / 1000.0 / emptyCalls))
    println("verify one Merkle proof of depth $depth (ves-sha256-v1, $depth hex siblings), mean of $calls calls:")
    println("  Kotlin -> Rust (JNA):  %.1f µs".format(proofKotlinUs))
    println("  Rust alone:            %.1f µs".format(proofRustUs))
    println("  FFI overhead:          %.1f µs per call".format(proofKotlinUs - proofRustUs))
    // Under `make bench-verify` the file holds the other runs' tables: only the bulk table is added.
    System.getenv("BENCH_MD")?.takeIf { it.isNotEmpty() && args.getOrNull(1) == null }?.let { path ->
        File(path).writeText(
            """
            |Time per receipt verification (bundle of ${bundle.length} bytes of JSON), mean of $calls calls in one
            |JVM run, Kotlin and Rust interleaved in blocks of $block:
            |
            || | µs per call |
            ||---|---:|
            || Kotlin → Rust via JNA (`verifyReceipt`, Verdict record back) | %.1f |
            || the same verification inside Rust, same JVM run | %.1f |
            || FFI overhead (difference) | %.1f (%.0f%%) |
            || a bare call (`version()`: no argument, short string back), mean of $emptyCalls | %.2f |
            |
            |Time per Merkle proof verification (`ves-sha256-v1`, a proof of depth $depth: leaf, root and $depth
            |siblings as hex strings, the siblings a `List<String>`), mean of $calls calls, interleaved the same way:
            |
            || | µs per call |
            ||---|---:|
            || Kotlin → Rust via JNA (`verifyProof`, Boolean back) | %.1f |
            || the same conversions and verification inside Rust, same JVM run | %.1f |
            || FFI overhead (difference) | %.1f (%.0f%%) |
            |""".trimMargin().format(
                kotlinUs, rustUs, kotlinUs - rustUs, 100 * (kotlinUs - rustUs) / rustUs, emptyNanos / 1000.0 / emptyCalls,
                proofKotlinUs, proofRustUs, proofKotlinUs - proofRustUs, 100 * (proofKotlinUs - proofRustUs) / proofRustUs,
            ),
        )
    }
}

/** This thread's CPU time in nanoseconds (the JNA calls run on it): other processes do not count. */
fun threadCpuNanos(): Long = java.lang.management.ManagementFactory.getThreadMXBean().currentThreadCpuTime

/**
 * Bulk receipt verification from Kotlin (one `verifyReceipts` call over the bench-verify corpus)
 * against Rust's bulk from the same texts. Target: within 1.15 × of Rust's bulk per receipt,
 * judged against Rust's `verify_receipts_json` in this JVM (`benchRustVerifyReceipts`: the same
 * texts cross, no verdict comes back), rounds interleaved with Kotlin's so both see one load; the
 * figure of the Rust part's own process (minutes earlier) is shown too. This thread's CPU time,
 * the median of 5 rounds after a warm-up.
 */
fun bulkAgainstRust(folder: File) {
    val texts = io.setchain.core.test.Json.parse(File(folder, "bundles.json").readText()).list.map { it.str }
    val trust = File(folder, "trust.json").readText()
    val rustPartUs = io.setchain.core.test.Json.parse(File(folder, "rust.json").readText())["us_per_receipt"]["bulk_from_text"].raw.toDouble()
    // Every bundle of the corpus is valid: a bench of refusals would measure the wrong thing.
    check(verifyReceipts(texts, trust).all { it.valid }) { "a corpus bundle does not verify" }
    check(benchRustVerifyReceipts(texts, trust).toInt() == texts.size) { "a corpus bundle does not verify in Rust" }
    val perReceipt = { run: () -> Unit ->
        val started = threadCpuNanos()
        run()
        (threadCpuNanos() - started) / 1000.0 / texts.size
    }
    val kotlinRounds = mutableListOf<Double>()
    val rustRounds = mutableListOf<Double>()
    repeat(5) {
        rustRounds += perReceipt { benchRustVerifyReceipts(texts, trust) }
        kotlinRounds += perReceipt { verifyReceipts(texts, trust) }
    }
    val kotlinUs = kotlinRounds.sorted()[2]
    val rustUs = rustRounds.sorted()[2]
    val ratio = kotlinUs / rustUs
    val table = """
        |
        || bulk receipt verification from Kotlin (${texts.size} bundle texts, one `verifyReceipts` call; CPU time of the calling thread, median of 5 interleaved rounds) | µs per receipt |
        ||---|--:|
        || set-core (Rust) `verify_receipts_json`, from text (the Rust part, its own process) | %.1f |
        || set-core (Rust) `verify_receipts_json` from the same texts, in this JVM | %.1f |
        || Kotlin → Rust via JNA `verifyReceipts` | %.1f |
        |
        || target | this run | |
        ||---|--:|---|
        || Kotlin bulk within 1.15 × of Rust's bulk (in this JVM, interleaved) | %.2f × | %s |
        || (against the Rust part's process, informational) | %.2f × | |
        |""".trimMargin().format(rustPartUs, rustUs, kotlinUs, ratio, if (ratio <= 1.15) "met" else "not met", kotlinUs / rustPartUs)
    print(table)
    System.getenv("BENCH_MD")?.takeIf { it.isNotEmpty() }?.let { File(it).appendText(table) }
}
