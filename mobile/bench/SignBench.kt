// `make bench-sign` (Kotlin part, after the Rust part): the store agent's signing throughput, the
// Kotlin binding against what a JVM agent would write without it, on the same events in one JVM run.
//
//     java -cp … io.setchain.core.bench.sign.SignBenchKt <the --out folder of set-bench-sign>
//
// Reads `events.json` (each event's fields and payload), `keys.json` (the agent's test seeds),
// `signed.json` (set-core's first signed events) and `rust.json` (Rust's figures). Each event is
// taken from its fields (Kotlin values: a map, the payload as maps, lists, strings and numbers) to
// the signed event's JSON text, the ingest body's element:
// - the SDK: the fields written as JSON text (the binding takes text), then
//   `AgentSigner(ed25519Seed, mlDsa65Seed).sign(fieldsJson)` with the signer made once (an agent
//   signing a stream), or `signEvent(fieldsJson, ed25519Seed, mlDsa65Seed)`, which expands the
//   seeds per event; each checks the sequencer's event rules, hashes the payload (JCS) and the
//   event, signs, and returns the signed event's JSON text;
// - by hand with the JDK: the payload canonicalised by the same writer with its keys sorted
//   (RFC 8785 for this corpus: UTF-16 key order, integers, no floats), both hashes with
//   `MessageDigest` SHA-256 following the byte layout of docs/protocol.md, `Signature` "Ed25519"
//   (JDK 15+) and, for hybrid, "ML-DSA-65" (JDK 24+, JEP 497), and the same JSON text written.
//   No rule is checked. Timed with the keys made once, and made from the seeds per event (Ed25519:
//   `KeyFactory` from the seed; ML-DSA-65: `KeyPairGenerator` fed the seed, the JDK's only way
//   from a seed to a key).
//
// The JDK signs ML-DSA-65 hedged (a fresh random `rnd` per signature, FIPS 204 Algorithm 2), the
// SDK deterministically: their signatures differ, so each side verifies the other's instead
// (the SDK through `attachSignatures`, which verifies before it lays out the event; the JDK with
// `Signature.initVerify`), and every other byte is compared. Ed25519 outputs are compared byte for
// byte. Times are CPU time, the median of REPEAT rounds after WARMUP untimed ones (the JIT), each
// round timing every row once: this thread's (the figure judged, as in the other languages' parts:
// the machine is shared) and the process's (`processCpuTime`, in 10 ms ticks: the JVM's collector
// and compiler threads count too). Target: the SDK at least at parity (its events/s ÷ the JDK's
// ≥ 1). BENCH_MD=<file>: the table is appended to that file.
package io.setchain.core.bench.sign

import io.setchain.core.AgentPublicKey
import io.setchain.core.AgentSigner
import io.setchain.core.agentPublicKey
import io.setchain.core.attachSignatures
import io.setchain.core.signEvent
import io.setchain.core.test.Json
import java.io.File
import java.lang.management.ManagementFactory
import java.nio.ByteBuffer
import java.security.KeyFactory
import java.security.KeyPairGenerator
import java.security.MessageDigest
import java.security.PrivateKey
import java.security.SecureRandom
import java.security.Signature
import java.security.spec.EdECPrivateKeySpec
import java.security.spec.NamedParameterSpec
import java.util.HexFormat
import java.util.UUID
import kotlin.system.exitProcess

const val REPEAT = 5
const val HYBRID_REPEAT = 3
const val WARMUP = 2

private val HEX = HexFormat.of()
private val ZERO_HASH = ByteArray(32)
private val UUID_FIELDS = listOf("tenant_id", "store_id", "event_id", "source_agent_id")
private val STRING_FIELDS = listOf("entity_type", "entity_id", "event_type", "created_at")

fun hex(bytes: ByteArray): String = "0x" + HEX.formatHex(bytes)

fun unhex(text: String): ByteArray = HEX.parseHex(text.removePrefix("0x"))

/** A JSON value of the shared reader as plain Kotlin values (what an app holds). */
fun plain(json: Json): Any? = when (json) {
    is Json.Obj -> json.fields.mapValuesTo(LinkedHashMap()) { plain(it.value) }
    is Json.Arr -> json.items.map(::plain)
    is Json.Str -> json.value
    // The corpus has integers only; a float would need RFC 8785's number form.
    is Json.Num -> json.raw.toLongOrNull() ?: error("not an integer: ${json.raw}")
    is Json.Bool -> json.value
    is Json.Null -> null
}

/** JSON text of plain values: serde_json's and RFC 8785's string escapes; keys sorted when `sorted`. */
fun StringBuilder.json(value: Any?, sorted: Boolean): StringBuilder {
    when (value) {
        null -> append("null")
        is String -> string(value)
        is Long, is Int, is Boolean -> append(value.toString())
        is Map<*, *> -> {
            append('{')
            val keys = value.keys.map { it as String }.let { if (sorted) it.sorted() else it }
            keys.forEachIndexed { index, key ->
                if (index > 0) append(',')
                string(key).append(':').json(value[key], sorted)
            }
            append('}')
        }
        is List<*> -> {
            append('[')
            value.forEachIndexed { index, item -> if (index > 0) append(','); json(item, sorted) }
            append(']')
        }
        else -> error("not a JSON value: $value")
    }
    return this
}

fun StringBuilder.string(text: String): StringBuilder {
    append('"')
    for (c in text) {
        when {
            c == '"' -> append("\\\"")
            c == '\\' -> append("\\\\")
            c == '\n' -> append("\\n")
            c == '\r' -> append("\\r")
            c == '\t' -> append("\\t")
            c == '\b' -> append("\\b")
            c == '\u000c' -> append("\\f")
            c < ' ' -> append("\\u00").append(HEX.toHexDigits(c.code.toByte()))
            else -> append(c)
        }
    }
    return append('"')
}

/** The fields as the binding takes them: JSON text. */
fun fieldsJson(fields: Map<String, Any?>): String = StringBuilder(1024).json(fields, sorted = false).toString()

/** The JDK's keys: Ed25519 from its seed; ML-DSA-65 from its seed through the key generator. */
class JdkKeys(val ed25519: PrivateKey, val mlDsa65: PrivateKey?, val mlDsa65Public: ByteArray?)

/** Hands the ML-DSA-65 key generator the agent's seed as its 32 random bytes (FIPS 204 ξ). */
class SeedRandom(private val seed: ByteArray) : SecureRandom() {
    override fun nextBytes(bytes: ByteArray) {
        check(bytes.size == seed.size) { "the key generator asked for ${bytes.size} bytes" }
        seed.copyInto(bytes)
    }
}

/** The by-hand path's reusable objects (one per run, as an agent would keep them). */
class Jdk(private val edSeed: ByteArray, private val mlSeed: ByteArray?) {
    private val sha256: MessageDigest = MessageDigest.getInstance("SHA-256")
    private val ed25519: Signature = Signature.getInstance("Ed25519")
    private val mlDsa65: Signature? = mlSeed?.let { Signature.getInstance("ML-DSA-65") }
    private val edFactory = KeyFactory.getInstance("Ed25519")
    private val mlGenerator = mlSeed?.let { KeyPairGenerator.getInstance("ML-DSA-65") }
    private val mlRandom = mlSeed?.let(::SeedRandom)
    private val u32 = ByteBuffer.allocate(4)
    private val uuid = ByteBuffer.allocate(16)

    fun keys(): JdkKeys {
        val ed = edFactory.generatePrivate(EdECPrivateKeySpec(NamedParameterSpec.ED25519, edSeed))
        val pair = mlGenerator?.let { generator ->
            generator.initialize(NamedParameterSpec("ML-DSA-65"), mlRandom)
            generator.generateKeyPair()
        }
        // X.509 SubjectPublicKeyInfo: the raw 1952-byte key is its tail.
        return JdkKeys(ed, pair?.private, pair?.public?.encoded?.let { it.copyOfRange(it.size - 1952, it.size) })
    }

    private fun u32(value: Long): ByteArray = u32.clear().putInt(value.toInt()).array()

    /** The payload's JCS text, its hash and the signing hash (docs/protocol.md#event-signing-hash). */
    fun hashes(fields: Map<String, Any?>): Triple<String, ByteArray, ByteArray> {
        val jcs = StringBuilder(1024).json(fields["payload"], sorted = true).toString()
        sha256.update("VES_PAYLOAD_PLAIN_V1".toByteArray())
        val payloadHash = sha256.digest(jcs.toByteArray())
        sha256.update("VES_EVENTSIG_V1".toByteArray())
        sha256.update(u32(1))
        for (name in UUID_FIELDS) {
            val id = UUID.fromString(fields[name] as String)
            sha256.update(uuid.clear().putLong(id.mostSignificantBits).putLong(id.leastSignificantBits).array())
        }
        sha256.update(u32(fields["agent_key_id"] as Long))
        for (name in STRING_FIELDS) {
            val text = (fields[name] as String).toByteArray()
            sha256.update(u32(text.size.toLong()))
            sha256.update(text)
        }
        sha256.update(u32(0))
        sha256.update(payloadHash)
        sha256.update(ZERO_HASH)
        return Triple(jcs, payloadHash, sha256.digest())
    }

    /** The signed event's JSON text, laid out as the SDK writes it. */
    fun sign(fields: Map<String, Any?>, keys: JdkKeys): String {
        val (jcs, payloadHash, signingHash) = hashes(fields)
        ed25519.initSign(keys.ed25519)
        ed25519.update(signingHash)
        val edSignature = ed25519.sign()
        val mlSignature = keys.mlDsa65?.let { key ->
            val signer = mlDsa65 ?: error("no ML-DSA-65 Signature")
            signer.initSign(key)
            signer.update(signingHash)
            signer.sign()
        }
        return assemble(fields, jcs, payloadHash, edSignature, mlSignature)
    }
}

fun assemble(fields: Map<String, Any?>, jcs: String, payloadHash: ByteArray, ed: ByteArray, ml: ByteArray?): String {
    val out = StringBuilder(if (ml == null) 1024 else 8192)
    out.append("{\"ves_version\":1")
    for (name in UUID_FIELDS) out.append(",\"").append(name).append("\":").string(fields[name] as String)
    out.append(",\"agent_key_id\":").append(fields["agent_key_id"] as Long)
    for (name in STRING_FIELDS) out.append(",\"").append(name).append("\":").string(fields[name] as String)
    out.append(",\"payload_kind\":0,\"payload\":").append(jcs)
    out.append(",\"payload_plain_hash\":\"").append(hex(payloadHash))
    out.append("\",\"payload_cipher_hash\":\"").append(hex(ZERO_HASH))
    out.append("\",\"agent_signature\":\"").append(hex(ed)).append('"')
    if (ml != null) {
        out.append(",\"agent_signature_scheme\":3,\"agent_signature_bundle\":{\"ed25519_signature\":\"").append(hex(ed))
        out.append("\",\"ml_dsa_65_signature\":\"").append(hex(ml)).append("\"}")
    }
    return out.append('}').toString()
}

/** CPU seconds: this process's (every JVM thread) and this thread's. */
class Clock {
    private val os = ManagementFactory.getOperatingSystemMXBean() as com.sun.management.OperatingSystemMXBean
    private val threads = ManagementFactory.getThreadMXBean()

    fun now(): Pair<Long, Long> = os.processCpuTime to threads.currentThreadCpuTime
}

class Row(val what: String, val run: (List<Map<String, Any?>>) -> List<String>) {
    val process = mutableListOf<Double>()
    val thread = mutableListOf<Double>()
    var last: List<String> = emptyList()
}

fun median(values: List<Double>): Double = values.sorted()[values.size / 2]

/** Every row once per round, WARMUP untimed rounds first; each row's last output kept. */
fun measure(clock: Clock, scheme: String, events: List<Map<String, Any?>>, repeat: Int, rows: List<Row>) {
    System.err.println("signing ${events.size} events $scheme…")
    repeat(WARMUP + repeat) { round ->
        for (row in rows) {
            val (process, thread) = clock.now()
            row.last = row.run(events)
            val (processEnd, threadEnd) = clock.now()
            if (round >= WARMUP) {
                row.process += (processEnd - process) / 1e9
                row.thread += (threadEnd - thread) / 1e9
            }
        }
    }
}

fun main(args: Array<String>) {
    val folder = File(args.singleOrNull() ?: run {
        System.err.println("usage: SignBenchKt <the --out folder of set-bench-sign>")
        exitProcess(2)
    })
    val read = { name: String -> Json.parse(File(folder, name).readText()) }
    @Suppress("UNCHECKED_CAST")
    val events = read("events.json").list.map { plain(it) as Map<String, Any?> }
    val keys = read("keys.json")
    val signed = read("signed.json")
    val rust = read("rust.json")
    val edSeedHex = keys["ed25519_seed"].str
    val mlSeedHex = keys["ml_dsa_65_seed"].str
    val edSeed = unhex(edSeedHex)
    val mlSeed = unhex(mlSeedHex)
    val javaVersion = System.getProperty("java.version")
    val hasMlDsa = try {
        Signature.getInstance("ML-DSA-65")
        true
    } catch (e: java.security.NoSuchAlgorithmException) {
        false
    }

    // The binding signs exactly as set-core (the Rust part's first events, compared as values:
    // signed.json is written with sorted keys).
    for ((scheme, ml) in listOf("ed25519" to null, "hybrid" to mlSeedHex)) {
        val expected = signed[scheme].list
        for ((index, fields) in events.take(expected.size).withIndex()) {
            val ours = plain(Json.parse(signEvent(fieldsJson(fields), edSeedHex, ml)))
            check(ours == plain(expected[index])) { "$scheme event $index: the binding differs from set-core" }
        }
    }

    val clock = Clock()
    val hybridEvents = events.take(rust["hybrid_events"].long.toInt())
    val rows = mutableListOf<Row>()
    val schemes = if (hasMlDsa) listOf("Ed25519", "hybrid") else listOf("Ed25519")
    for (scheme in schemes) {
        val ml = if (scheme == "hybrid") mlSeedHex else null
        val jdk = Jdk(edSeed, if (scheme == "hybrid") mlSeed else null)
        val signer = AgentSigner(edSeedHex, ml)
        val jdkKeys = jdk.keys()
        val schemeRows = listOf(
            Row("SDK `AgentSigner(…).sign(fieldsJson)` (key expanded once), $scheme") { list ->
                list.map { signer.sign(fieldsJson(it)) }
            },
            Row("SDK `signEvent(fieldsJson, seeds…)` (seeds expanded per event), $scheme") { list ->
                list.map { signEvent(fieldsJson(it), edSeedHex, ml) }
            },
            Row("by hand: JDK MessageDigest + Signature, keys made once, $scheme") { list ->
                list.map { jdk.sign(it, jdkKeys) }
            },
            Row("by hand: JDK, keys made from the seeds per event, $scheme") { list ->
                list.map { jdk.sign(it, jdk.keys()) }
            },
        )
        val list = if (scheme == "hybrid") hybridEvents else events
        measure(clock, scheme, list, if (scheme == "hybrid") HYBRID_REPEAT else REPEAT, schemeRows)
        signer.close()
        check(schemeRows.all { it.last.size == list.size })
        check(schemeRows[0].last == schemeRows[1].last) { "sign and signEvent differ" }
        if (scheme == "Ed25519") {
            for (row in schemeRows.drop(2)) check(row.last == schemeRows[0].last) { "${row.what}: differs from the SDK" }
        } else {
            compareHybrid(list, schemeRows, jdkKeys, edSeedHex, mlSeedHex)
        }
        rows += schemeRows
    }
    report(rows, events.size, hybridEvents.size, rust, javaVersion, hasMlDsa)
}

/**
 * Hybrid outputs: the JDK's ML-DSA-65 signatures are hedged, so they are checked by the SDK
 * (`attachSignatures` verifies both signatures with the agent's public key and lays the event out:
 * equal byte for byte to the JDK path's text) and the SDK's by the JDK (`initVerify`); the rest of
 * each text must be equal. Also shown: whether the JDK signs deterministically when its random
 * `rnd` is all zeros (FIPS 204's deterministic variant, which the SDK uses).
 */
fun compareHybrid(events: List<Map<String, Any?>>, rows: List<Row>, keys: JdkKeys, edSeedHex: String, mlSeedHex: String) {
    val public = agentPublicKey(edSeedHex, mlSeedHex)
    check(public.mlDsa65 == keys.mlDsa65Public?.let(::hex)) { "the JDK's ML-DSA-65 key from the seed differs from the SDK's" }
    val verifier = Signature.getInstance("ML-DSA-65")
    val jdkPublic = KeyFactory.getInstance("ML-DSA-65").generatePublic(
        java.security.spec.X509EncodedKeySpec(ml65SubjectPublicKeyInfo(unhex(public.mlDsa65!!))),
    )
    val jdk = Jdk(unhex(edSeedHex), unhex(mlSeedHex))
    val signature = Regex("\"ml_dsa_65_signature\":\"0x([0-9a-f]+)\"")
    val ours = rows[0].last
    for (row in rows.drop(2)) {
        for ((index, text) in row.last.withIndex()) {
            val theirs = signature.find(text)!!.groupValues[1]
            val mine = signature.find(ours[index])!!.groupValues[1]
            check(text == ours[index].replace(mine, theirs)) { "${row.what} event $index: differs from the SDK's" }
            val edTheirs = Regex("\"agent_signature\":\"(0x[0-9a-f]+)\"").find(text)!!.groupValues[1]
            val attached = attachSignatures(fieldsJson(events[index]), AgentPublicKey(public.ed25519, public.mlDsa65), edTheirs, "0x$theirs")
            check(attached == text) { "event $index: the SDK's layout of the JDK's signatures differs" }
            verifier.initVerify(jdkPublic)
            verifier.update(jdk.hashes(events[index]).third)
            check(verifier.verify(unhex(mine))) { "event $index: the JDK does not verify the SDK's ML-DSA-65 signature" }
        }
    }
    // Deterministic variant: rnd = 32 zero bytes.
    val zeroSigner = Signature.getInstance("ML-DSA-65")
    zeroSigner.initSign(keys.mlDsa65, SeedRandom(ByteArray(32)))
    zeroSigner.update(jdk.hashes(events[0]).third)
    val zero = hex(zeroSigner.sign())
    val sdkFirst = "0x" + signature.find(ours[0])!!.groupValues[1]
    val hedged = jdkSignsHedged(keys, jdk.hashes(events[0]).third)
    System.err.println(
        "JDK ML-DSA-65: ${if (hedged) "hedged (two signatures of one hash differ)" else "deterministic"}; with rnd = 32 zero " +
            "bytes its signature ${if (zero == sdkFirst) "equals" else "differs from"} the SDK's deterministic one; " +
            "${rows.size - 2} × ${events.size} JDK signatures verified by the SDK, ${events.size} SDK signatures by the JDK (× ${rows.size - 2})",
    )
}

fun jdkSignsHedged(keys: JdkKeys, hash: ByteArray): Boolean {
    val signer = Signature.getInstance("ML-DSA-65")
    signer.initSign(keys.mlDsa65)
    signer.update(hash)
    val first = signer.sign()
    signer.update(hash)
    return !first.contentEquals(signer.sign())
}

/** The X.509 SubjectPublicKeyInfo of a raw ML-DSA-65 key (OID 2.16.840.1.101.3.4.3.18). */
fun ml65SubjectPublicKeyInfo(raw: ByteArray): ByteArray =
    unhex("308207b2300b0609608648016503040312038207a100") + raw

fun report(rows: List<Row>, events: Int, hybridEvents: Int, rust: Json, javaVersion: String, hasMlDsa: Boolean) {
    val perSecond = { row: Row, clock: List<Double> -> (if (row.what.endsWith("hybrid")) hybridEvents else events) / median(clock) }
    var table = "\n| Kotlin (JVM $javaVersion) → set-mobile (release-mobile) vs the JDK, per event from its fields to the signed event's JSON text " +
        "($events events, hybrid the first $hybridEvents; median of $REPEAT / $HYBRID_REPEAT rounds after $WARMUP) " +
        "| events/s (thread CPU) | µs/event (thread CPU) | µs/event (process CPU, 10 ms ticks) |\n|---|--:|--:|--:|\n"
    for (row in rows) {
        val thread = perSecond(row, row.thread)
        table += "| ${row.what} | %.0f | %.1f | %.0f |\n".format(thread, 1e6 / thread, 1e6 / perSecond(row, row.process))
    }
    for ((scheme, key) in listOf("Ed25519" to "sdk_ed25519", "hybrid" to "sdk_hybrid")) {
        val value = rust["events_per_second"][key].raw.toDouble()
        table += "| set-core (Rust) `UnsignedEvent::new` + `sign_with`, $scheme (the Rust part, its ${rust["clock"].str}) | %.0f | %.1f | |\n".format(value, 1e6 / value)
    }
    if (!hasMlDsa) {
        table += "\nhybrid rows skipped: this JVM ($javaVersion) has no ML-DSA-65 `Signature` (JDK 24+, JEP 497); run with a JDK 24+ `java` (BENCH_JAVA).\n"
    }
    table += "\n| target: the SDK at least at parity (SDK ÷ JDK, events/s) | thread CPU | process CPU | |\n|---|--:|--:|---|\n"
    for (first in rows.indices step 4) {
        val scheme = if (rows[first].what.endsWith("hybrid")) "hybrid" else "Ed25519"
        for ((against, ours, peer) in listOf(
            Triple("`AgentSigner.sign`, against keys made once", first, first + 2),
            Triple("`signEvent`, against keys made per event", first + 1, first + 3),
        )) {
            val ratio = perSecond(rows[ours], rows[ours].thread) / perSecond(rows[peer], rows[peer].thread)
            val processRatio = perSecond(rows[ours], rows[ours].process) / perSecond(rows[peer], rows[peer].process)
            table += "| $scheme, $against | %.2f × | %.2f × | %s |\n".format(ratio, processRatio, if (ratio >= 1) "met" else "not met")
        }
    }
    print(table)
    System.getenv("BENCH_MD")?.takeIf { it.isNotEmpty() }?.let { File(it).appendText(table) }
}
