// The Kotlin test program of set-mobile (make mobile-test): runs every test of the feature files
// against the generated bindings and the native library loaded through JNA, prints one line per
// failure and "N passed, N failed", and exits non-zero on any failure.
//
// Usage: java ... io.setchain.core.test.MainKt <path to tests/vectors>
// With SET_TEST_NETWORK naming a set-test-network-v1 file (mobile/scripts/with-network.sh sets it),
// the client matrix runs too, against that network.
package io.setchain.core.test

import java.io.File
import kotlin.system.exitProcess

class TestContext(val vectors: File) {
    var passed = 0
    var failed = 0

    fun vector(name: String): Json = Json.parse(File(vectors, name).readText())

    /** One named check; any throwable (an unexpected exception too) is a failure, never a crash. */
    fun test(name: String, body: () -> Unit) {
        try {
            body()
            passed++
        } catch (t: Throwable) {
            failed++
            println("FAIL $name: $t")
        }
    }
}

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

fun <T> checkEqual(expected: T, actual: T, what: String) {
    if (expected != actual) throw AssertionError("$what: expected <$expected>, got <$actual>")
}

/** Runs `body`, which must throw a `SetException` of class `E` with `code`; returns it. */
inline fun <reified E : io.setchain.core.SetException> expectError(code: String, body: () -> Unit): E {
    try {
        body()
    } catch (e: io.setchain.core.SetException) {
        check(e is E) { "expected ${E::class.simpleName}($code), got ${e::class.simpleName}: ${e.message}" }
        checkEqual(code, errorCode(e), "error code")
        return e as E
    }
    throw AssertionError("expected ${E::class.simpleName}($code), nothing was thrown")
}

fun main(args: Array<String>) {
    val vectors = File(args.firstOrNull() ?: "tests/vectors")
    val context = TestContext(vectors)
    val started = System.nanoTime()
    receiptTests(context)
    conformanceTests(context)
    merkleTests(context)
    vesTests(context)
    idsTests(context)
    registryTests(context)
    errorsTests(context)
    agentTests(context)
    anchorProofTests(context)
    clientTests(context, File(vectors.parentFile, "conformance/client/matrix.json"), System.getenv("SET_TEST_NETWORK"))
    val millis = (System.nanoTime() - started) / 1_000_000
    println("kotlin (set-mobile ${io.setchain.core.version()}, ${millis} ms)")
    println("${context.passed} passed, ${context.failed} failed")
    exitProcess(if (context.failed == 0 && context.passed > 0) 0 else 1)
}
