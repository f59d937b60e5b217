// The client matrix (tests/conformance/client/matrix.json) run through SetClient against a live
// network started by `set-demo --serve-network` (mobile/scripts/with-network.sh; the file it
// writes is named by SET_TEST_NETWORK): every case in order, each on a fresh stream, its steps and
// expectations read from the matrix; events signed with the binding's AgentSigner; errors compared
// by code, HTTP status and field, never by message.
package io.setchain.core.test

import io.setchain.core.*
import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.UUID
import kotlinx.coroutines.runBlocking

private fun quote(text: String): String = buildString {
    append('"')
    for (c in text) when {
        c == '"' || c == '\\' -> append('\\').append(c)
        c < ' ' -> append("\\u%04x".format(c.code))
        else -> append(c)
    }
    append('"')
}

/** `POST url` with the operator's credential; the body of a 2xx answer. */
private fun post(url: String, apiKey: String, body: String): String {
    val request = HttpRequest.newBuilder(URI.create(url))
        .header("content-type", "application/json")
        .header("Authorization", "ApiKey $apiKey")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build()
    val answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString())
    check(answer.statusCode() in 200..299) { "POST $url: HTTP ${answer.statusCode()}: ${answer.body().take(300)}" }
    return answer.body()
}

/** `network.X` → the network file's field X (as text); anything else as written. */
private fun resolve(network: Json, text: String): String =
    if (text.startsWith("network.")) network[text.removePrefix("network.")].let { if (it is Json.Str) it.str else it.raw } else text

/** The matrix's `client.retry` sentence as options (a changed sentence fails here, loudly). */
private fun options(matrix: Json): ClientOptions {
    val retry = matrix["client"]["retry"].str
    val numbers = Regex("at most (\\d+) attempts, back-off from (\\d+) ms; polls from (\\d+) ms, at most (\\d+) ms apart")
        .find(retry)?.groupValues?.drop(1)?.map { it.toLong() } ?: error("client.retry not understood: $retry")
    return ClientOptions(
        retryMaxAttempts = numbers[0].toUInt(),
        retryInitialBackoff = Duration.ofMillis(numbers[1]),
        pollInitialBackoff = Duration.ofMillis(numbers[2]),
        pollMaxBackoff = Duration.ofMillis(numbers[3]),
    )
}

private fun auth(network: Json, text: String): Auth {
    val (kind, value) = text.split(' ', limit = 2).let { it[0] to resolve(network, it[1]) }
    return when (kind) {
        "ApiKey" -> Auth.ApiKey(value)
        "XApiKey" -> Auth.XApiKey(value)
        "BearerJwt" -> Auth.BearerJwt(value)
        else -> error("unknown auth $kind")
    }
}

/** `chain_id = network.chain_id + N`: the one trust-root edit the matrix makes. */
private fun editTrustRoot(network: Json, trustRoot: String, edit: String): String {
    val match = Regex("^chain_id = network\\.chain_id \\+ (\\d+)$").find(edit) ?: error("trust_root_edit not understood: $edit")
    val chainId = network["chain_id"].long + match.groupValues[1].toLong()
    val edited = Regex("\"chain_id\"\\s*:\\s*\\d+").replace(trustRoot, "\"chain_id\": $chainId")
    check(edited != trustRoot) { "trust root has no chain_id" }
    return edited
}

/** `path.to.key = value` on a bundle's JSON text: the value at that path replaced by a string. */
private fun editBundle(bundle: String, edit: String): String {
    val (path, value) = edit.split(" = ", limit = 2)
    val keys = path.split('.')
    val parent = keys.dropLast(1).fold(Json.parse(bundle)) { json, key -> json[key] }
    val old = parent[keys.last()].raw
    val edited = parent.raw.replace("${quote(keys.last())}:$old", "${quote(keys.last())}:${quote(value)}")
        .let { if (it == parent.raw) parent.raw.replace("${quote(keys.last())}: $old", "${quote(keys.last())}: ${quote(value)}") else it }
    check(edited != parent.raw) { "cannot edit $path" }
    return bundle.replace(parent.raw, edited)
}

/** Runs `body`, which must fail with the `error` a step expects (code, and status or field if named). */
private suspend fun expectClientError(step: String, expected: Json, body: suspend () -> Unit) {
    try {
        body()
    } catch (e: SetException) {
        val (status, field) = if (e is SetException.Client) e.status?.toInt() to e.field else null to errorField(e)
        checkEqual(expected["code"].str, errorCode(e), "$step: code (${e.message})")
        expected.opt("status")?.let { checkEqual(it.long.toInt(), status, "$step: HTTP status") }
        expected.opt("field")?.let { checkEqual(it.str, field, "$step: field") }
        if (e is SetException.Client && e.code == "SEQUENCER_STATUS") check(e.url != null) { "$step: no URL named" }
        return
    }
    throw AssertionError("$step: expected ${expected.raw}, nothing was thrown")
}

/** One case's stream, events and what its steps produced. */
private class CaseRun(val matrix: Json, val network: Json, val client: SetClient) {
    val tenant = UUID.randomUUID().toString()
    val store = UUID.randomUUID().toString()
    val agent = UUID.randomUUID().toString()
    val seed = matrix["agent"]["seed"].str
    val keyId = matrix["agent"]["key_id"].long
    val signed = HashMap<Long, String>()            // event n → signed event JSON
    val accepted = HashMap<Long, Pair<String, String>>()  // event n → (event, receipt) JSON
    var committed: String? = null                   // the commit's batch id
    var commitment: String? = null                  // the commitment waited for (JSON)
    var bundle: String? = null

    fun fields(n: Long): String {
        val template = matrix["event_template"]
        val text = { key: String -> quote(template[key].str.replace("{n}", n.toString())) }
        // `{n}` is a number in the payload ("n": "{n}" becomes "n": 2), text elsewhere.
        val payload = template["payload"].raw.replace("\"{n}\"", n.toString())
        return """{"event_id": ${quote(UUID.randomUUID().toString())}, "tenant_id": ${quote(tenant)}, "store_id": ${quote(store)},
            |"source_agent_id": ${quote(agent)}, "agent_key_id": $keyId, "entity_type": ${text("entity_type")},
            |"entity_id": ${text("entity_id")}, "event_type": ${text("event_type")}, "created_at": ${text("created_at")},
            |"payload": $payload}""".trimMargin()
    }

    suspend fun run(step: Json, bundles: Map<String, String>, case: Json) {
        val what = step["do"].str
        val expect = step.opt("expect")
        val error = expect?.opt("error")
        suspend fun call(body: suspend () -> Unit) = if (error != null) expectClientError(what, error, body) else body()
        when (what) {
            "register_agent" -> {
                val request = keyRegistrationRequest(tenant, agent, keyId.toUInt(), seed, null, null, null)
                readKeyRegistrationResponse(post(network["sequencer_url"].str + request.path, network["api_key"].str, request.body))
            }
            "ingest" -> {
                val numbers = step["events"].list.map { it.long }
                val events = AgentSigner(seed, null).use { signer ->
                    numbers.map { n ->
                        if (step.opt("same_events")?.bool == true) signed.getValue(n)
                        else signer.sign(fields(n)).also { signed[n] = it }
                    }
                }
                call {
                    val outcome = Json.parse(client.ingest(events))
                    val byId = numbers.associateBy { Json.parse(signed.getValue(it))["event_id"].str }
                    for (entry in outcome["accepted"].list) {
                        accepted[byId.getValue(entry["event"]["event_id"].str)] = entry["event"].raw to entry["receipt"].raw
                    }
                    checkEqual(expect!!["accepted_sequence_numbers"].list.map { it.long },
                        outcome["accepted"].list.map { it["receipt"]["sequenceNumber"].long }, "accepted sequence numbers")
                    val rejections = outcome["rejections"].list
                    checkEqual(expect["rejections"].long.toInt(), rejections.size, "rejections")
                    expect.opt("rejection_reason_prefix")?.let { prefix ->
                        check(rejections.all { it["reason"].str.startsWith(prefix.str) }) { "reasons: ${outcome["rejections"].raw}" }
                    }
                }
            }
            "commit" -> {
                // The operator's client (the network's API key), whatever this case's client is.
                val made = SetClient(network["trust_root"].raw, network["sequencer_url"].str, null, Auth.ApiKey(network["api_key"].str), null)
                    .use { operator -> operator.createCommitment(tenant, store, step["sequence_start"].long.toULong(), step["sequence_end"].long.toULong()) }
                committed = Json.parse(made)["batch_id"].str
            }
            "wait_for_commitment" -> call {
                val timeout = Duration.ofSeconds(step["timeout_seconds"].long)
                val found = client.waitForCommitment(tenant, store, step["sequence_number"].long.toULong(), timeout)
                commitment = found
                checkEqual("the commit's", expect!!["batch_id"].str, "matrix wording")
                checkEqual(committed, Json.parse(found)["batch_id"].str, "batch_id")
            }
            "wait_until_anchored" -> call {
                val batchId = Json.parse(commitment ?: error("no commitment waited for"))["batch_id"].str
                val anchored = client.waitUntilAnchored(batchId, Duration.ofSeconds(step["timeout_seconds"].long))
                checkEqual("present", expect!!["chain_tx_hash"].str, "matrix wording")
                check(Json.parse(anchored).opt("chain_tx_hash") != null) { "no chain_tx_hash: $anchored" }
                commitment = anchored
            }
            "bundle" -> {
                val (event, _) = accepted.getValue(step["event"].long)
                val (_, receipt) = accepted.getValue(step.opt("receipt_of_event")?.long ?: step["event"].long)
                call {
                    val made = client.bundle(event, receipt)
                    val json = Json.parse(made)
                    checkEqual(network["chain_id"].long, json["anchor"]["chain_id"].long, "anchor.chain_id")
                    checkEqual(Json.parse(commitment!!)["chain_tx_hash"].str, json["anchor"]["tx_hash"].str, "anchor.tx_hash")
                    checkEqual(expect!!["sequence_number"].long, json["receipt"]["sequence_number"].long, "sequence_number")
                    // The commitment in hand gives the same bundle without the log search.
                    checkEqual(made, client.bundleWithCommitment(event, receipt, commitment!!), "bundleWithCommitment")
                    bundle = made
                }
            }
            "verify_online" -> {
                val source = case.opt("uses_bundle_of")?.let { bundles[it.str] ?: error("no bundle from ${it.str}") }
                    ?: bundle ?: error("no bundle yet")
                val edited = step.opt("edit")?.let { editBundle(source, it.str) } ?: source
                call {
                    val verdict = client.verifyOnline(edited)
                    checkEqual(expect!!["valid"].bool, verdict.valid, "valid (${verdict.checks})")
                    checkEqual(expect["level"].str, verdict.level, "level")
                    for ((name, status) in expect["checks"].obj) {
                        checkEqual(status.str, verdict.checks.single { it.name == name }.status.name.lowercase(), "check $name")
                    }
                    if (step.opt("edit") == null) {
                        // The pinned registry's own answer on the proof, and on the proof moved to the next leaf.
                        checkEqual(true, client.contractAcceptsInclusion(edited), "verifyVesInclusion")
                        val index = Json.parse(edited)["proof"]["leaf_index"].long
                        val moved = edited.replace("\"leaf_index\":$index", "\"leaf_index\":${index xor 1L}")
                        check(moved != edited) { "no leaf_index to move in the bundle" }
                        checkEqual(false, client.contractAcceptsInclusion(moved), "verifyVesInclusion, next leaf")
                    }
                }
            }
            else -> error("unknown step $what")
        }
    }
}

fun clientTests(t: TestContext, matrixFile: File, networkFile: String?) {
    if (networkFile == null) {
        println("client matrix: skipped (SET_TEST_NETWORK not set; make mobile-test sets it)")
        return
    }
    val matrix = Json.parse(matrixFile.readText())
    val network = Json.parse(File(networkFile).readText())
    checkEqual("set-client-matrix-v1", matrix["format"].str, "matrix format")
    val bundles = HashMap<String, String>()
    for (case in matrix["cases"].list) {
        val name = case["name"].str
        t.test("client matrix $name") {
            val settings = case.opt("client")
            val trustRoot = settings?.opt("trust_root_edit")?.let { editTrustRoot(network, network["trust_root"].raw, it.str) }
                ?: network["trust_root"].raw
            val client = SetClient(
                trustRoot,
                resolve(network, settings?.opt("sequencer_url")?.str ?: "network.sequencer_url"),
                network["rpc_url"].str,
                settings?.opt("auth")?.let { auth(network, it.str) } ?: Auth.ApiKey(network["api_key"].str),
                options(matrix),
            )
            client.use {
                val run = CaseRun(matrix, network, client)
                runBlocking {
                    for ((i, step) in case["steps"].list.withIndex()) {
                        try {
                            run.run(step, bundles, case)
                        } catch (e: Throwable) {
                            throw AssertionError("step $i (${step["do"].str}): ${e.message}", e)
                        }
                    }
                }
                run.bundle?.let { bundles[name] = it }
            }
        }
    }
    t.test("clientConfigurationErrorsNameTheSetting") {
        val e = expectError<SetException.Client>("CONFIG") {
            SetClient(network["trust_root"].raw, "not a url", network["rpc_url"].str, Auth.None, null)
        }
        checkEqual("sequencer_url", e.field, "field")
        checkEqual(null, e.status, "status")
    }
    t.test("extraRootCertificatesTakePemAndABadOneIsAConfigErrorNamingTheSetting") {
        // A self-signed root standing for a private CA (tests/conformance/README.md).
        val privateRoot = File(matrixFile.parentFile, "private-root.pem").readBytes()
        fun client(roots: List<ByteArray>) =
            SetClient(network["trust_root"].raw, null, network["rpc_url"].str, Auth.None, ClientOptions(extraRootCertificates = roots))
        client(listOf(privateRoot)).close()
        val e = expectError<SetException.Client>("CONFIG") { client(listOf(privateRoot, byteArrayOf(0x30, 0x03, 0x02, 0x01, 0x01))) }
        checkEqual("extra_root_certificates", e.field, "field")
        check(e.message!!.contains("entry 1")) { "entry not named: ${e.message}" }
    }
    t.test("aStreamAuditPassesACleanStreamAndFindsAnEditedPayload") {
        val client = SetClient(network["trust_root"].raw, network["sequencer_url"].str, network["rpc_url"].str,
            Auth.ApiKey(network["api_key"].str), options(matrix))
        client.use {
            val run = CaseRun(matrix, network, client)
            val request = keyRegistrationRequest(run.tenant, run.agent, run.keyId.toUInt(), run.seed, null, null, null)
            readKeyRegistrationResponse(post(network["sequencer_url"].str + request.path, network["api_key"].str, request.body))
            val events = AgentSigner(run.seed, null).use { signer -> listOf(1L, 2L).map { signer.sign(run.fields(it)) } }
            runBlocking {
                val outcome = Json.parse(client.ingest(events))
                val export = "[" + outcome["accepted"].list.joinToString(",") {
                    """{"sequence_number": ${it["receipt"]["sequenceNumber"].long}, "event": ${it["event"].raw}}"""
                } + "]"
                val batchId = Json.parse(client.createCommitment(run.tenant, run.store, 1UL, 2UL))["batch_id"].str
                client.waitUntilAnchored(batchId, Duration.ofSeconds(120))

                val clean = Json.parse(client.auditStream(run.tenant, run.store, export))
                checkEqual(true, clean["ok"].bool, "clean stream: ${clean["table"].str}")
                checkEqual("set-stream-audit-v1", clean["format"].str, "format")
                checkEqual(2L, clean["summary"]["events_checked"].long, "events checked")

                val editedExport = Regex("\"total_cents\"\\s*:\\s*1250").replaceFirst(export, "\"total_cents\": 1251")
                check(editedExport != export) { "no total to edit in $export" }
                val edited = Json.parse(client.auditStream(run.tenant, run.store, editedExport))
                checkEqual(false, edited["ok"].bool, "edited export")
                checkEqual(listOf("PAYLOAD_HASH_MISMATCH"), edited["findings"].list.map { it["code"].str }, "findings")
            }
        }
    }
    t.test("aClientOfOneSideRefusesCallsToTheOtherByTheMissingUrl") {
        val chainOnly = SetClient(network["trust_root"].raw, null, network["rpc_url"].str, Auth.None, null)
        val noSequencer = expectError<SetException.Client>("CONFIG") {
            runBlocking { chainOnly.commitment("00000000-0000-4000-8000-000000000001") }
        }
        checkEqual("sequencer_url", noSequencer.field, "field")
        val neither = expectError<SetException.Client>("CONFIG") {
            SetClient(network["trust_root"].raw, null, null, Auth.None, null)
        }
        checkEqual("sequencer_url", neither.field, "field")
    }
}
