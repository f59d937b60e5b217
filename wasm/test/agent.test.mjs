// The store agent's side (@setchain/core/agent, the module of @setchain/core/full): its key's
// registration (Ed25519, hybrid, ML-DSA-65) to the bytes of tests/vectors/agent.json, events built
// from an agent's fields, hashed and signed (Ed25519, hybrid, ML-DSA-65, or by an external signer)
// to the bytes of tests/vectors/agent.json, the sequencer's rules refused here with their field,
// the captured ingest answers read into receipts verified on arrival, and the sequencer's answers
// assembled into bundles that verify, or refused when the parts do not belong together.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertSetError, full as agent, vectors } from './helpers.mjs';

const captured = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'captured');
const v = vectors('agent.json');
const seeds = {
  ed25519: { ed25519Seed: v.keys.ed25519_seed },
  hybrid: { ed25519Seed: v.keys.ed25519_seed, mlDsa65Seed: v.keys.ml_dsa_65_seed },
  ml_dsa_65: { mlDsa65Seed: v.keys.ml_dsa_65_seed },
};
const publicKey = (name) => ({ ed25519: v.keys.public_keys[name].ed25519, mlDsa65: v.keys.public_keys[name].ml_dsa_65 });
// The captures' sequencer: RFC 8032 test key 2 and its ML-DSA-65 seed (the captures' `about`).
const SEQUENCER_ED25519 = '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c';
const SEQUENCER_ML_DSA_SEED = '697fa88e24970e15b6f007b95c50cd2fb81ae383cbaa5944fb3ef8e984e3c9e7';
const trust = () => ({
  sequencerPublicKeys: [SEQUENCER_ED25519],
  sequencerMlDsa65PublicKeys: [agent.agentPublicKey({ mlDsa65Seed: SEQUENCER_ML_DSA_SEED }).mlDsa65],
});
const profiles = [
  ['stateset-sequencer-0.2.7-exchanges.json', 'ingest 3 signed events', 'ed25519'],
  ['stateset-sequencer-0.2.7-hybrid-exchanges.json', 'ingest 3 hybrid events', 'hybrid'],
  ['stateset-sequencer-0.2.7-pqc-strict-exchanges.json', 'ingest 3 pqc-strict events', 'ml_dsa_65'],
];
const exchange = (capture, name) =>
  JSON.parse(readFileSync(join(captured, capture), 'utf8')).exchanges.find((e) => e.name === name);
const fields = (edits = {}) => ({ ...v.events[0].fields, ...edits });

/** `value` with `0x` dropped and signatures given as byte arrays in hex: the sequencer's form and ours compared. */
function bare(value, key = '') {
  if (Array.isArray(value) && key.endsWith('_signature')) return Buffer.from(value).toString('hex');
  if (Array.isArray(value)) return value.map((item) => bare(item));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, bare(item, k)]));
  return typeof value === 'string' ? value.replace(/^0x/, '') : value;
}

test('key registrations reproduce the shared vectors byte for byte and their answers read back', () => {
  assert.deepEqual(v.key_registrations.map((item) => item.key), ['ed25519', 'hybrid', 'ml_dsa_65', 'ed25519']);
  for (const item of v.key_registrations) {
    const validity = { validFrom: item.valid_from, validTo: item.valid_to };
    const request = agent.keyRegistrationRequest(item.tenant_id, item.agent_id, item.key_id, seeds[item.key], validity);
    assert.deepEqual(request, { path: item.path, body: item.body }, item.key);
    for (const body of [item.answer, JSON.stringify(item.answer)]) {
      assert.deepEqual(agent.readKeyRegistrationResponse(body), item.answer);
    }
  }
});

test('key registration refuses bad inputs and answers naming the field', () => {
  const { tenant_id: tenantId, agent_id: agentId, answer } = v.key_registrations[0];
  assertSetError(() => agent.keyRegistrationRequest(tenantId, agentId, 1, {}), 'INVALID_ARGUMENT', undefined, 'keys');
  assertSetError(() => agent.keyRegistrationRequest(tenantId, agentId, 1, { ed25519Seed: '0x0102' }), 'WRONG_LENGTH', undefined, 'keys.ed25519Seed');
  assertSetError(() => agent.keyRegistrationRequest('not-a-uuid', agentId, 1, seeds.ed25519), 'INVALID_UUID', undefined, 'tenantId');
  assertSetError(() => agent.keyRegistrationRequest(tenantId, agentId, -1, seeds.ed25519), 'INVALID_ARGUMENT', undefined, 'keyId');
  assertSetError(() => agent.keyRegistrationRequest(tenantId, agentId, 1, seeds.ed25519, { validFrom: '2026-13-01T00:00:00Z' }), 'INVALID_TIMESTAMP', undefined, 'validFrom');
  assertSetError(() => agent.keyRegistrationRequest(tenantId, agentId, 1, seeds.ed25519, { validTo: 'tomorrow' }), 'INVALID_TIMESTAMP', undefined, 'validTo');
  assertSetError(() => agent.keyRegistrationRequest(tenantId, agentId, 1, seeds.ed25519, { validTo: 2027 }), 'INVALID_ARGUMENT', undefined, 'validity.validTo');
  const { keyId, ...missing } = answer;
  assert.equal(keyId, 1);
  for (const body of [missing, JSON.stringify(answer).slice(0, 40)]) {
    assertSetError(() => agent.readKeyRegistrationResponse(body), 'INVALID_JSON', undefined, '$');
  }
});

test('a signer needs a seed of 32 bytes', () => {
  assertSetError(() => new agent.AgentSigner({}), 'INVALID_ARGUMENT', undefined, 'keys');
  assertSetError(() => new agent.AgentSigner({ ed25519Seed: '0x' + '01'.repeat(31) }), 'WRONG_LENGTH', undefined, 'keys.ed25519Seed');
});

test('agent.json: every event builds, hashes and signs to the recorded bytes with each key kind', () => {
  let checked = 0;
  for (const c of v.events) {
    for (const input of [c.fields, JSON.stringify(c.fields)]) {
      const event = new agent.UnsignedEvent(input);
      assert.equal(event.payloadPlainHash, c.payload_plain_hash);
      assert.equal(event.signingHash(), c.event_signing_hash);
      assert.equal(event.eventId, c.fields.event_id);
      for (const [name, expected] of Object.entries(c.signed)) {
        const signed = event.sign(seeds[name]);
        assert.deepEqual(signed, expected, name);
        // A key expanded once signs the same bytes, event after event.
        const signer = new agent.AgentSigner(seeds[name]);
        assert.deepEqual(event.signWith(signer), expected, name);
        assert.deepEqual(event.signWith(signer), expected, name);
        assert.deepEqual(signer.publicKey(), publicKey(name), name);
        signer.free();
        // The same bytes, not only equal values: the body the agent sends is byte-identical.
        assert.equal(agent.canonicalJson(signed), agent.canonicalJson(expected), name);
        const bundle = expected.agent_signature_bundle ?? {};
        const attached = event.attachSignatures(publicKey(name), {
          ed25519Signature: name === 'ml_dsa_65' ? null : expected.agent_signature,
          mlDsa65Signature: bundle.ml_dsa_65_signature,
        });
        assert.deepEqual(attached, expected, name);
        checked += 1;
      }
      event.free();
    }
  }
  assert.equal(checked, 12);
  for (const name of Object.keys(seeds)) assert.deepEqual(agent.agentPublicKey(seeds[name]), publicKey(name));
});

test('the external-signer path refuses a signature by another key, or of another event', () => {
  const event = new agent.UnsignedEvent(fields());
  const other = event.sign({ ed25519Seed: '07'.repeat(32), mlDsa65Seed: '07'.repeat(32) });
  const mine = event.sign(seeds.hybrid);
  assertSetError(
    () => event.attachSignatures(publicKey('ed25519'), { ed25519Signature: other.agent_signature }),
    'SIGNATURE_MISMATCH',
    'ed25519_signature',
    'ed25519_signature',
  );
  assertSetError(
    () =>
      event.attachSignatures(publicKey('hybrid'), {
        ed25519Signature: mine.agent_signature,
        mlDsa65Signature: other.agent_signature_bundle.ml_dsa_65_signature,
      }),
    'SIGNATURE_MISMATCH',
    'ml_dsa_65_signature',
    'ml_dsa_65_signature',
  );
  const edited = new agent.UnsignedEvent(fields({ entity_id: 'ORD-2' }));
  assertSetError(
    () => edited.attachSignatures(publicKey('ed25519'), { ed25519Signature: mine.agent_signature }),
    'SIGNATURE_MISMATCH',
    undefined,
    'ed25519_signature',
  );
  assertSetError(
    () => event.attachSignatures(publicKey('hybrid'), { ed25519Signature: mine.agent_signature }),
    'MISSING_SIGNATURE',
    undefined,
    'ml_dsa_65_signature',
  );
  assertSetError(() => event.sign({}), 'INVALID_ARGUMENT', undefined, 'keys');
  assertSetError(() => event.sign({ ed25519Seed: '01'.repeat(31) }), 'WRONG_LENGTH', undefined, 'keys.ed25519Seed');
});

test("every rule of the sequencer an agent can break is refused here, naming the field", () => {
  const cases = [
    [{ entity_type: '' }, 'SCHEMA_VALIDATION', 'entity_type'],
    [{ entity_type: 'x'.repeat(129) }, 'SCHEMA_VALIDATION', 'entity_type'],
    [{ entity_id: 'x'.repeat(513) }, 'SCHEMA_VALIDATION', 'entity_id'],
    [{ event_type: 'x'.repeat(257) }, 'SCHEMA_VALIDATION', 'event_type'],
    [{ created_at: '2026-01-02 03:04:05' }, 'SCHEMA_VALIDATION', 'created_at'],
    [{ created_at: '2026-02-30T00:00:00Z' }, 'SCHEMA_VALIDATION', 'created_at'],
    [{ payload: { blob: 'x'.repeat(1 << 20) } }, 'PAYLOAD_TOO_LARGE', 'payload'],
    [{ ves_version: 2 }, 'UNSUPPORTED_VERSION', 'ves_version'],
    [{ payload_plain_hash: `0x${'11'.repeat(32)}` }, 'INVALID_PAYLOAD_HASH', 'payload_plain_hash'],
    [{ payload_kind: 2 }, 'SCHEMA_VALIDATION', 'payload_kind'],
    [{ payload_cipher_hash: `0x${'11'.repeat(32)}` }, 'SCHEMA_VALIDATION', 'payload_cipher_hash'],
    [{ tenant_id: 'not-a-uuid' }, 'INVALID_UUID', 'tenant_id'],
  ];
  for (const [edits, code, field] of cases) {
    assertSetError(() => new agent.UnsignedEvent(fields(edits)), code, undefined, field);
  }
  // The longest allowed strings pass.
  assert.ok(new agent.UnsignedEvent(fields({ entity_type: 'x'.repeat(128), entity_id: 'x'.repeat(512), event_type: 'x'.repeat(256) })));
});

test('the request rules are refused here, naming the field; the body is the events sent', () => {
  const signed = new agent.UnsignedEvent(fields()).sign(seeds.ed25519);
  const agentId = signed.source_agent_id;
  assertSetError(() => agent.ingestRequest(agentId, []), 'INVALID_FIELD_VALUE', undefined, 'events');
  assertSetError(() => agent.ingestRequest('00000000-0000-0000-0000-000000000009', [signed]), 'INVALID_FIELD_VALUE', undefined, 'agentId');
  const late = { ...signed, event_id: '33333333-3333-3333-3333-333333333333', created_at: 'yesterday' };
  assertSetError(() => agent.ingestRequest(agentId, [signed, late]), 'SCHEMA_VALIDATION', undefined, 'events[1].created_at');
  assert.deepEqual(JSON.parse(agent.ingestRequest(agentId, [signed])), { agentId, events: [signed] });
});

for (const [capture, name, kind] of profiles) {
  test(`${capture}: the captured events rebuild and sign to the bytes the agent sent`, () => {
    const { request } = exchange(capture, name);
    const key = agent.agentPublicKey(seeds[kind]);
    const signed = [];
    for (const sent of request.events) {
      const agentFields = Object.fromEntries(
        Object.entries(sent).filter(([k]) => !/^(payload_plain|payload_cipher|agent_signature)/.test(k)),
      );
      const event = new agent.UnsignedEvent(agentFields);
      assert.equal(event.signingHash(), agent.eventSigningHash(sent));
      const theirs = bare(sent.agent_signature_bundle ?? {}).ml_dsa_65_signature;
      const attached = event.attachSignatures(key, {
        ed25519Signature: key.ed25519 ? sent.agent_signature : null,
        mlDsa65Signature: theirs,
      });
      assert.deepEqual(bare(attached), bare(sent));
      // Ed25519 is deterministic: the same bytes; the capture's agent signed ML-DSA-65 hedged, so
      // that half differs, and verifies.
      const ours = event.sign(seeds[kind]);
      if (theirs !== undefined) {
        assert.notEqual(bare(ours.agent_signature_bundle.ml_dsa_65_signature), theirs);
        const verified = event.attachSignatures(key, {
          ed25519Signature: key.ed25519 ? ours.agent_signature : null,
          mlDsa65Signature: ours.agent_signature_bundle.ml_dsa_65_signature,
        });
        assert.deepEqual(verified, ours);
        ours.agent_signature_bundle.ml_dsa_65_signature = theirs;
      }
      assert.deepEqual(bare(ours), bare(sent));
      signed.push(ours);
    }
    assert.deepEqual(bare(JSON.parse(agent.ingestRequest(request.agentId, signed))), bare(request));
  });

  test(`${capture}: the ingest answer reads into verified receipts that assemble into bundles`, () => {
    const ingest = exchange(capture, name);
    const sent = ingest.request.events;
    const outcome = agent.readIngestResponse(JSON.stringify(ingest.response), sent, trust());
    assert.equal(typeof outcome.headSequence, 'bigint');
    assert.deepEqual(outcome.accepted.map((entry) => bare(entry.event)), bare(sent));
    assert.deepEqual(outcome.rejections, []);
    const commitment = exchange(capture, 'get commitment').response;
    for (const { event, receipt } of outcome.accepted) {
      const proof = exchange(capture, `inclusion proof seq ${receipt.sequenceNumber}`).response;
      const bundle = agent.receiptBundleFromSequencer(event, receipt, commitment, proof);
      assert.equal(bundle.format, 'set-receipt-v2');
      const verdict = agent.verifyReceipt(bundle, trust());
      assert.ok(verdict.valid, JSON.stringify(verdict.reasons));
    }
    const other = agent.agentPublicKey({ ed25519Seed: '07'.repeat(32), mlDsa65Seed: '07'.repeat(32) });
    const pinned = { sequencerPublicKeys: [other.ed25519], sequencerMlDsa65PublicKeys: [other.mlDsa65] };
    assertSetError(() => agent.readIngestResponse(ingest.response, sent, pinned), 'RECEIPT_NOT_VERIFIED', undefined, 'receipts[0]');
    assertSetError(() => agent.readIngestResponse(ingest.response, sent.slice(1), trust()), 'UNEXPECTED_RECEIPT', undefined, 'receipts[0].eventId');
  });
}

test('captured rejections keep the server\'s reasons', () => {
  const ingest = exchange(profiles[1][0], 'ingest a legacy Ed25519-signed event (rejected by this profile)');
  const outcome = agent.readIngestResponse(ingest.response, ingest.request.events, trust());
  assert.deepEqual(outcome.accepted, []);
  assert.deepEqual(outcome.rejections.map((r) => r.reason), [ingest.response.rejections[0].reason]);
});

test('bundle parts that do not belong together are refused, naming the part', () => {
  const [capture, name] = profiles[0];
  const ingest = exchange(capture, name);
  const [first, second] = agent.readIngestResponse(ingest.response, ingest.request.events, trust()).accepted;
  const commitment = exchange(capture, 'get commitment').response;
  const proof1 = exchange(capture, 'inclusion proof seq 1').response;
  const proof2 = exchange(capture, 'inclusion proof seq 2').response;
  const refused = (receipt, commitment, proof, field, event = first.event) =>
    assertSetError(() => agent.receiptBundleFromSequencer(event, receipt, commitment, proof), 'PARTS_MISMATCH', undefined, field);
  refused(second.receipt, commitment, proof1, 'receipt.event_id');
  refused(first.receipt, { ...commitment, store_id: '00000000-0000-0000-0000-000000000009' }, proof1, 'commitment.store_id');
  refused(first.receipt, commitment, proof2, 'proof.sequence_number');
  refused(first.receipt, commitment, { ...proof1, leaf_index: 1 }, 'proof.leaf_index');
  refused(first.receipt, commitment, proof1, 'proof.leaf_hash', { ...first.event, entity_id: 'ORD-X' });
  const anchor = {
    chain_id: 84532001,
    registry: `0x${'ab'.repeat(20)}`,
    tx_hash: `0x${'01'.repeat(32)}`,
    block_number: 7,
    block_hash: `0x${'02'.repeat(32)}`,
  };
  assert.deepEqual(agent.receiptBundleFromSequencer(first.event, first.receipt, commitment, proof1, anchor).anchor, anchor);
  assertSetError(
    () => agent.receiptBundleFromSequencer(first.event, first.receipt, commitment, proof1, { chain_id: 1 }),
    'INVALID_ARGUMENT',
    undefined,
    'anchor.registry',
  );
});

test('the commitment list and the BatchCommitted logs locate the commitment of a sequence number', () => {
  const capture = profiles[0][0];
  const listed = exchange(capture, 'list unanchored commitments of the stream').response;
  const commitment = exchange(capture, 'get commitment').response;
  for (const sequence of [1, 2, 3n]) {
    assert.equal(agent.commitmentHolding(listed, commitment.tenant_id, commitment.store_id, sequence).batch_id, commitment.batch_id);
  }
  assert.equal(agent.commitmentHolding(listed, commitment.tenant_id, commitment.store_id, 4), null);
  assert.equal(agent.commitmentHolding(listed, commitment.store_id, commitment.tenant_id, 1), null);

  const [tenant, store] = ['00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002'];
  const registry = `0x${'ab'.repeat(20)}`;
  const filter = agent.batchCommittedFilter(registry, tenant, store, 16);
  assert.deepEqual([filter.address, filter.fromBlock, filter.toBlock], [registry, '0x10', 'latest']);
  assert.equal(filter.topics[2], agent.tenantStoreKey(tenant, store));
  assert.equal(agent.batchCommittedFilter(registry, tenant, store, 16, 32n).toBlock, '0x20');
  const committed = vectors('registry.json').logs.find((log) => log.event === 'BatchCommitted'); // sequences 1..=10
  const log = (topic, block, removed = false) => ({
    topics: [committed.topics[0], committed.topics[1], topic],
    data: committed.data,
    transactionHash: `0x${block.toString(16).padStart(2, '0').repeat(32)}`,
    blockNumber: `0x${block.toString(16)}`,
    blockHash: `0x${(block + 0x10).toString(16).repeat(32)}`,
    removed,
  });
  const logs = [log(agent.tenantStoreKey(store, tenant), 1), log(filter.topics[2], 2, true), log(filter.topics[2], 3)];
  const found = agent.commitmentHoldingInLogs(logs, tenant, store, 10);
  assert.deepEqual([found.blockNumber, found.transactionHash, found.blockHash], [3n, `0x${'03'.repeat(32)}`, `0x${'13'.repeat(32)}`]);
  assert.deepEqual([found.sequenceStart, found.sequenceEnd, found.batchId], [1n, 10n, '123e4567-e89b-12d3-a456-426614174000']);
  assert.equal(agent.commitmentHoldingInLogs(logs, tenant, store, 11), null);
  assert.equal(agent.commitmentHoldingInLogs(JSON.stringify(logs.slice(0, 2)), tenant, store, 1), null);
  assertSetError(() => agent.commitmentHoldingInLogs([{ topics: ['0x12'] }], tenant, store, 1), 'INVALID_ABI');
});
