// The full module's stream audit and operator exports without a network (the live audit is in
// wasm/test/client/client.test.mjs): the report's shape on an empty history, an export the core
// refuses, the commitment request's exact body, the logs and head readers on edge inputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSetError, full } from './helpers.mjs';

const tenant = '123e4567-e89b-12d3-a456-426614174000';
const store = '00000000-0000-0000-0000-0000000000aa';
const seed = `0x${'07'.repeat(32)}`;

function signed(storeId, n) {
  return new full.UnsignedEvent({
    tenant_id: tenant,
    store_id: storeId,
    event_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    source_agent_id: '00000000-0000-4000-8000-0000000000ff',
    agent_key_id: 1,
    entity_type: 'Order',
    entity_id: `ORD-${n}`,
    event_type: 'order.created',
    created_at: '2026-12-07T00:00:00Z',
    payload: { n },
  }).sign({ ed25519Seed: seed });
}

test('auditStream: an empty history is ok, in the set-stream-audit-v1 shape, with its table', () => {
  const report = full.auditStream({ tenantId: tenant, storeId: store, logs: [], sequencer: [] });
  assert.equal(report.format, 'set-stream-audit-v1');
  assert.deepEqual([report.tenant_id, report.store_id, report.ok, report.findings], [tenant, store, true, []]);
  assert.equal(report.summary.onchain_commitments, 0);
  assert.equal(report.summary.events_in_export, null);
  assert.equal(report.summary.head_sequence, null);
  assert.match(report.table, /^Stream audit of tenant 123e4567-e89b-12d3-a456-426614174000 store .*: OK\n/);
  // Logs as JSON text and an export of uncommitted events: counted, not findings.
  const exported = [1, 2].map((n) => ({ sequence_number: n, event: signed(store, n) }));
  const withEvents = full.auditStream({ tenantId: tenant, storeId: store, logs: '[]', sequencer: [], events: exported });
  assert.equal(withEvents.summary.events_in_export, 2);
  assert.equal(withEvents.summary.events_uncommitted, 2);
  assert.equal(withEvents.ok, true, withEvents.table);
});

test("auditStream: a foreign stream's event is WRONG_STREAM, a number twice DUPLICATE_SEQUENCE_NUMBER, a bad export INVALID_JSON", () => {
  const input = { tenantId: tenant, storeId: store, logs: [], sequencer: [] };
  const foreign = [{ sequence_number: 1, event: signed('00000000-0000-0000-0000-0000000000bb', 1) }];
  assertSetError(() => full.auditStream({ ...input, events: foreign }), 'WRONG_STREAM', 'events[0]', 'events[0]');
  const twice = [1, 1].map((n) => ({ sequence_number: n, event: signed(store, n) }));
  assertSetError(() => full.auditStream({ ...input, events: twice }), 'DUPLICATE_SEQUENCE_NUMBER', 'events[1]', 'events[1].sequence_number');
  assertSetError(() => full.readAuditExport('not json'), 'INVALID_JSON', 'events', 'events');
  assertSetError(() => full.readAuditExport([{ event: signed(store, 1) }]), 'INVALID_JSON', 'events[0].sequence_number', 'events[0].sequence_number');
  assert.deepEqual(full.readAuditExport([{ sequence_number: 3, event: signed(store, 3) }]).map((e) => e.sequence_number), [3n]);
  // A bigint in a payload has no JSON number that keeps its hash: refused with its path, not stringified.
  const withBigint = [{ sequence_number: 1, event: { ...signed(store, 1), payload: { n: 1n } } }];
  assertSetError(() => full.readAuditExport(withBigint), 'INVALID_JSON', 'events[0].event.payload.n', 'events[0].event.payload.n');
  assertSetError(() => full.auditStream({ ...input, events: withBigint }), 'INVALID_JSON', 'events[0].event.payload.n', 'events[0].event.payload.n');
  assertSetError(() => full.auditStream({ ...input, agentKeys: [{ ed25519: `0x${'00'.repeat(31)}` }] }), 'WRONG_LENGTH', 'agentKeys[0].ed25519', 'agentKeys[0].ed25519');
  assertSetError(() => full.auditStream(null), 'INVALID_ARGUMENT', 'input', 'input');
});

test('commitmentRequest: the exact body of POST /api/v1/ves/commitments', () => {
  assert.deepEqual(full.commitmentRequest('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 1, 3n), {
    path: '/api/v1/ves/commitments',
    body: '{"tenant_id":"00000000-0000-0000-0000-000000000000","store_id":"ffffffff-ffff-ffff-ffff-ffffffffffff","sequence_start":1,"sequence_end":3}',
  });
  assertSetError(() => full.commitmentRequest('nope', store, 1, 1), 'INVALID_UUID', 'tenantId', 'tenantId');
  assertSetError(() => full.commitmentRequest(tenant, store, -1, 1), 'INVALID_ARGUMENT', 'sequenceStart', 'sequenceStart');
});

test('the readers: no logs, a log that is not one, the head, the commitment list', () => {
  assert.deepEqual(full.batchCommittedLogs([], tenant, store), []);
  assertSetError(() => full.batchCommittedLogs({}, tenant, store), 'INVALID_ABI', 'eth_getLogs result', null);
  const head = `0x${'11'.repeat(32)}${'22'.repeat(32)}${'0'.repeat(62)}07${'0'.repeat(63)}1`;
  assert.deepEqual(full.decodeGetTenantStoreSummary(head), {
    latestBatchId: `0x${'11'.repeat(32)}`,
    currentStateRoot: `0x${'22'.repeat(32)}`,
    currentHeadSequence: 7n,
    hasLatestProof: true,
  });
  assertSetError(() => full.decodeGetTenantStoreSummary('0x00'), 'TRUNCATED', 'getTenantStoreSummary', null);
  assert.match(full.encodeGetTenantStoreSummary(tenant, store), /^0x[0-9a-f]{8}123e4567e89b12d3a456426614174000/);
  assert.deepEqual(full.readVesCommitmentList('{"commitments":[],"count":0}'), []);
});
