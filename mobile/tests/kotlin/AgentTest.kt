// The store agent's side (tests/vectors/agent.json and the captured legacy exchange): its key's
// registration (every key kind) to the recorded body and its answer read back, events built
// from an agent's fields and signed with each key kind to the recorded bytes, a signature made
// elsewhere accepted only with the agent's key, the sequencer's rules refused with their field,
// the ingest answer read into verified receipts that assemble into bundles which verify, and parts
// that do not belong together refused.
package io.setchain.core.test

import io.setchain.core.*
import java.io.File

private const val SEQUENCER_ED25519 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"

fun agentTests(t: TestContext) {
    val agent = t.vector("agent.json")
    val keys = agent["keys"]
    val edSeed = keys["ed25519_seed"].str
    val pqSeed = keys["ml_dsa_65_seed"].str
    val seeds = mapOf("ed25519" to (edSeed to null), "hybrid" to (edSeed to pqSeed), "ml_dsa_65" to (null to pqSeed))
    fun recorded(name: String) = AgentPublicKey(keys["public_keys"][name].opt("ed25519")?.str, keys["public_keys"][name].opt("ml_dsa_65")?.str)
    for ((i, case) in agent["events"].list.withIndex()) {
        t.test("agent events[$i]: built, hashed and signed to the recorded bytes with every key kind") {
            val fields = case["fields"].raw
            checkEqual(case["event_signing_hash"].str, unsignedEventSigningHash(fields), "signing hash")
            checkEqual(3, case["signed"].obj.size, "key kinds")
            for ((name, expected) in case["signed"].obj) {
                val (ed, pq) = seeds.getValue(name)
                checkEqual(canonicalJson(expected.raw), canonicalJson(signEvent(fields, ed, pq)), "$name: signed")
                // A key expanded once signs the same bytes, event after event.
                AgentSigner(ed, pq).use { signer ->
                    checkEqual(canonicalJson(expected.raw), canonicalJson(signer.sign(fields)), "$name: signer")
                    checkEqual(canonicalJson(expected.raw), canonicalJson(signer.sign(fields)), "$name: signer, again")
                    checkEqual(recorded(name), signer.publicKey(), "$name: signer's key")
                }
                val bundle = expected.opt("agent_signature_bundle")
                val attached = attachSignatures(fields, recorded(name),
                    if (ed != null) expected["agent_signature"].str else null, bundle?.opt("ml_dsa_65_signature")?.str)
                checkEqual(canonicalJson(expected.raw), canonicalJson(attached), "$name: attached")
            }
        }
    }
    t.test("keyRegistrationsReproduceTheSharedVectorsAndTheirAnswersReadBack") {
        val cases = agent["key_registrations"].list
        checkEqual(listOf("ed25519", "hybrid", "ml_dsa_65", "ed25519"), cases.map { it["key"].str }, "key kinds")
        for (case in cases) {
            val (ed, pq) = seeds.getValue(case["key"].str)
            val request = keyRegistrationRequest(case["tenant_id"].str, case["agent_id"].str, case["key_id"].long.toUInt(), ed, pq,
                case.opt("valid_from")?.str, case.opt("valid_to")?.str)
            checkEqual(KeyRegistrationRequest(case["path"].str, case["body"].str), request, case["key"].str)
            val answer = case["answer"]
            val expected = AgentKeyRegistered(answer["tenantId"].str, answer["agentId"].str, answer["keyId"].long.toUInt(),
                answer["keyAlgorithm"].long.toInt(), answer["message"].str, answer["success"].bool)
            checkEqual(expected, readKeyRegistrationResponse(answer.raw), "${case["key"].str}: answer")
        }
    }
    t.test("keyRegistrationRefusesBadInputsAndAnswersNamingTheField") {
        val case = agent["key_registrations"].list[0]
        val (tenant, agentId) = case["tenant_id"].str to case["agent_id"].str
        val id = expectError<SetException.Id>("INVALID_UUID") { keyRegistrationRequest("not-a-uuid", agentId, 1u, edSeed, null, null, null) }
        checkEqual("tenantId", id.field, "field")
        val seed = expectError<SetException.Encoding>("WRONG_LENGTH") { keyRegistrationRequest(tenant, agentId, 1u, "0102", null, null, null) }
        checkEqual("ed25519_seed", seed.field, "field")
        val from = expectError<SetException.Agent>("INVALID_TIMESTAMP") { keyRegistrationRequest(tenant, agentId, 1u, edSeed, null, "2026-13-01T00:00:00Z", null) }
        checkEqual("validFrom", from.field, "field")
        val to = expectError<SetException.Agent>("INVALID_TIMESTAMP") { keyRegistrationRequest(tenant, agentId, 1u, edSeed, null, null, "tomorrow") }
        checkEqual("validTo", to.field, "field")
        for (body in listOf(case["answer"].raw.replace("\"keyId\"", "\"keyNumber\""), case["answer"].raw.take(40))) {
            val e = expectError<SetException.Agent>("INVALID_JSON") { readKeyRegistrationResponse(body) }
            checkEqual("$", e.field, "field")
        }
    }
    t.test("agentPublicKeyOfTheSeedsIsTheRecordedOne") {
        for ((name, seed) in seeds) checkEqual(recorded(name), agentPublicKey(seed.first, seed.second), name)
    }
    val fields = agent["events"].list[0]["fields"].raw
    t.test("wrongKeySignatureIsRefusedByTheExternalSignerPath") {
        val other = Json.parse(signEvent(fields, "07".repeat(32), null))["agent_signature"].str
        val e = expectError<SetException.Agent>("SIGNATURE_MISMATCH") { attachSignatures(fields, recorded("ed25519"), other, null) }
        checkEqual("ed25519_signature", e.field, "field")
        val mine = Json.parse(signEvent(fields, edSeed, null))["agent_signature"].str
        val missing = expectError<SetException.Agent>("MISSING_SIGNATURE") { attachSignatures(fields, recorded("hybrid"), mine, null) }
        checkEqual("ml_dsa_65_signature", missing.field, "field")
    }
    t.test("sequencerRulesAreRefusedNamingTheField") {
        val e = expectError<SetException.Agent>("SCHEMA_VALIDATION") { signEvent(fields.replace("\"2026-01-02T03:04:05Z\"", "\"yesterday\""), edSeed, null) }
        checkEqual("created_at", e.field, "field")
        val v = expectError<SetException.Agent>("UNSUPPORTED_VERSION") { unsignedEventSigningHash(fields.replaceFirst("{", "{\"ves_version\": 2, ")) }
        checkEqual("ves_version", v.field, "field")
        val r = expectError<SetException.Agent>("INVALID_FIELD_VALUE") { ingestRequest("22222222-2222-2222-2222-222222222222", listOf()) }
        checkEqual("events", r.field, "field")
    }
    val capture = Json.parse(File(t.vectors.parentFile, "captured/stateset-sequencer-0.2.7-exchanges.json").readText())
    fun exchange(name: String) = capture["exchanges"].list.first { it["name"].str == name }
    val trust = "{\"sequencer_public_keys\": [\"$SEQUENCER_ED25519\"]}"
    t.test("capturedAnswerReadsIntoVerifiedReceiptsThatAssembleIntoBundles") {
        val ingest = exchange("ingest 3 signed events")
        val sent = ingest["request"]["events"].list.map { it.raw }
        val outcome = Json.parse(readIngestResponse(ingest["response"].raw, sent, trust))
        checkEqual(3, outcome["accepted"].list.size, "accepted")
        val commitment = exchange("get commitment")["response"].raw
        for (entry in outcome["accepted"].list) {
            val sequence = entry["receipt"]["sequenceNumber"].long
            val proof = exchange("inclusion proof seq $sequence")["response"].raw
            val bundle = receiptBundleFromSequencer(entry["event"].raw, entry["receipt"].raw, commitment, proof, null)
            check(verifyReceipt(bundle, trust).valid) { "bundle of $sequence does not verify" }
        }
        val other = "{\"sequencer_public_keys\": [\"${agentPublicKey("07".repeat(32), null).ed25519}\"]}"
        val e = expectError<SetException.Agent>("RECEIPT_NOT_VERIFIED") { readIngestResponse(ingest["response"].raw, sent, other) }
        checkEqual("receipts[0]", e.field, "field")
        val first = outcome["accepted"].list[0]
        val mismatch = expectError<SetException.Receipt>("PARTS_MISMATCH") {
            receiptBundleFromSequencer(first["event"].raw, first["receipt"].raw, commitment, exchange("inclusion proof seq 2")["response"].raw, null)
        }
        checkEqual("proof.sequence_number", mismatch.field, "field")
    }
    t.test("commitmentListAndBatchCommittedLogsLocateTheCommitment") {
        val commitment = exchange("get commitment")["response"]
        val listed = exchange("list unanchored commitments of the stream")["response"].raw
        val (tenant, store) = commitment["tenant_id"].str to commitment["store_id"].str
        for (sequence in 1uL..3uL) {
            val found = commitmentHolding(listed, tenant, store, sequence) ?: error("no commitment holds $sequence")
            checkEqual(commitment["batch_id"].str, Json.parse(found)["batch_id"].str, "batch of $sequence")
        }
        checkEqual(null, commitmentHolding(listed, tenant, store, 4uL), "past the range")
        val registry = "0x" + "ab".repeat(20)
        val filter = Json.parse(batchCommittedFilter(registry, tenant, store, 16uL, null))
        checkEqual("0x10" to "latest", filter["fromBlock"].str to filter["toBlock"].str, "blocks")
        checkEqual(tenantStoreKey(tenant, store), filter["topics"].list[2].str, "stream topic")
        val committed = t.vector("registry.json")["logs"].list.first { it["event"].str == "BatchCommitted" }  // 1..=10
        val topics = committed["topics"].list.map { it.str }
        fun log(topic: String, block: Int) = "{\"topics\": [\"${topics[0]}\", \"${topics[1]}\", \"$topic\"], \"data\": \"${committed["data"].str}\", " +
            "\"transactionHash\": \"0x${"%02x".format(block).repeat(32)}\", \"blockNumber\": \"0x${block.toString(16)}\", \"blockHash\": \"0x${"%02x".format(block + 16).repeat(32)}\"}"
        val logs = "[${log(tenantStoreKey(store, tenant), 1)}, ${log(filter["topics"].list[2].str, 3)}]"
        val found = commitmentHoldingInLogs(logs, tenant, store, 10uL) ?: error("no log holds 10")
        checkEqual(3uL to "0x" + "13".repeat(32), found.blockNumber to found.blockHash, "block")
        checkEqual(1uL to 10uL, found.sequenceStart to found.sequenceEnd, "range")
        checkEqual(null, commitmentHoldingInLogs(logs, tenant, store, 11uL), "past the range")
        expectError<SetException.Registry>("INVALID_ABI") { commitmentHoldingInLogs("[{\"topics\": [\"0x12\"]}]", tenant, store, 1uL) }
    }
}
