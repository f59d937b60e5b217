import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSetError, set, vectors } from './helpers.mjs';

const v = vectors('receipts.json');

function check(c, verdict) {
  const want = c.expected.verdict;
  assert.equal(verdict.valid, want.valid, `${c.name}: valid`);
  assert.equal(verdict.level, want.level, `${c.name}: level`);
  assert.deepEqual(verdict.checks, want.checks, `${c.name}: checks`);
  // Reasons are text for people: the same checks have one (every failed or skipped check).
  assert.deepEqual(Object.keys(verdict.reasons).sort(), Object.keys(want.reasons).sort(), `${c.name}: reasons`);
  assert.equal(verdict.error, undefined, `${c.name}: a verdict has no error`);
}

for (const kind of ['valid', 'tampered']) {
  test(`receipts.json ${kind}: verdicts (object and JSON text)`, () => {
    assert.ok(v[kind].length > 0);
    for (const c of v[kind]) {
      check(c, set.verifyReceipt(c.bundle, c.trust));
      check(c, set.verifyReceipt(JSON.stringify(c.bundle), JSON.stringify(c.trust)));
    }
  });
}

test('receipts.json malformed: SetError with the code and the field', () => {
  assert.ok(v.malformed.length > 0);
  for (const c of v.malformed) {
    assertSetError(() => set.verifyReceipt(c.bundle, c.trust), c.expected.error_code, c.expected.error_field, c.expected.error_field);
  }
});

test('receipts: not JSON at all is INVALID_JSON at the document', () => {
  assertSetError(() => set.verifyReceipt('{', v.valid[0].trust), 'INVALID_JSON', undefined, '$');
});

test('receipts.json in bulk: one entry per bundle, the same as one by one', () => {
  const cases = [...v.valid, ...v.tampered].filter((c) => JSON.stringify(c.trust) === JSON.stringify(v.valid[0].trust));
  assert.ok(cases.length > 5);
  const entries = set.verifyReceipts(cases.map((c) => c.bundle), v.valid[0].trust);
  assert.equal(entries.length, cases.length);
  cases.forEach((c, i) => check(c, entries[i]));
});

// A receipt from the demo network: the on-chain record as a page gets it, the network pinned.
const anchored = v.valid.find((c) => c.trust.onchain);
const o = anchored.trust.onchain;
const onchain = {
  // What eth_call + decodeGetBatchCommitment give: camelCase keys and bigints.
  eventsRoot: o.events_root,
  newStateRoot: o.new_state_root,
  sequenceStart: BigInt(o.sequence_start),
  sequenceEnd: BigInt(o.sequence_end),
  eventCount: o.event_count,
  timestamp: 1700000000n,
  exists: true,
};
const pinned = {
  chainId: BigInt(anchored.trust.chain_id),
  registry: anchored.trust.registry,
  agentPublicKey: anchored.trust.agent_public_key,
  sequencerPublicKeys: anchored.trust.sequencer_public_keys,
};

test('receipts: the on-chain record straight from decodeGetBatchCommitment (bigints, camelCase), network pinned', () => {
  check(anchored, set.verifyReceipt(anchored.bundle, { ...pinned, onchain }));
  // A different on-chain root fails exactly the onchain check.
  const wrong = set.verifyReceipt(anchored.bundle, { ...pinned, onchain: { ...onchain, eventsRoot: '0x' + '00'.repeat(32) } });
  assert.equal(wrong.valid, false);
  assert.equal(wrong.level, 'none');
  assert.equal(wrong.checks.onchain, 'fail');
  assert.equal(wrong.checks.inclusion, 'pass');
});

test('receipts: on-chain evidence without a pinned network is NETWORK_NOT_PINNED naming the missing pin', () => {
  const { chainId, registry, ...unpinned } = pinned;
  assertSetError(() => set.verifyReceipt(anchored.bundle, { ...unpinned, onchain }), 'NETWORK_NOT_PINNED', undefined, 'trust.registry');
  assertSetError(() => set.verifyReceipt(anchored.bundle, { ...unpinned, registry, onchain }), 'NETWORK_NOT_PINNED', undefined, 'trust.chain_id');
  assert.ok(chainId > 0n);
  // The same for the whole bulk call: no bundle can be verified against that trust.
  assertSetError(() => set.verifyReceipts([anchored.bundle], { ...unpinned, onchain }), 'NETWORK_NOT_PINNED', undefined, 'trust.registry');
});

test('receipts: on-chain return data that does not decode is INVALID_ABI at trust.onchain', () => {
  const word = (hex) => hex.padStart(64, '0');
  const overflow = '0x' + word('11') + word('22') + 'ff' + word('1').slice(2) + word('2') + word('3') + word('4');
  assertSetError(() => set.verifyReceipt(anchored.bundle, { ...pinned, onchain: overflow }), 'INVALID_ABI', undefined, 'trust.onchain');
});

test('receipts: a set-trust-root-v1 document is a trust; its anchor check sees another registry', () => {
  const root = {
    format: 'set-trust-root-v1',
    network: 'set-chain-demo',
    chain_id: pinned.chainId.toString(),
    registry: pinned.registry,
    sequencer_public_keys: pinned.sequencerPublicKeys,
  };
  const verdict = set.verifyReceipt(anchored.bundle, root);
  assert.equal(verdict.checks.anchor, 'pass');
  assert.equal(verdict.level, 'committed');
  const elsewhere = set.verifyReceipt(anchored.bundle, { ...root, registry: '0x' + '77'.repeat(20) });
  assert.equal(elsewhere.checks.anchor, 'fail');
  assert.equal(elsewhere.valid, false);
  assert.match(elsewhere.reasons.anchor, /registry/);
  const { registry, ...incomplete } = root;
  assertSetError(() => set.verifyReceipt(anchored.bundle, incomplete), 'INVALID_JSON', undefined, 'trust.registry');
  assertSetError(() => set.verifyReceipt(anchored.bundle, { ...root, format: 'set-trust-root-v9' }), 'UNSUPPORTED_FORMAT', undefined, 'trust.format');
});

test('receipts: a bigint inside the event payload is INVALID_JSON naming it, not a silent string', () => {
  const c = v.valid.find((x) => x.bundle.event.payload && typeof Object.values(x.bundle.event.payload).find((y) => Number.isInteger(y)) === 'number');
  const key = Object.keys(c.bundle.event.payload).find((k) => Number.isInteger(c.bundle.event.payload[k]));
  const payload = { ...c.bundle.event.payload, [key]: BigInt(c.bundle.event.payload[key]) };
  const bundle = { ...c.bundle, event: { ...c.bundle.event, payload } };
  // As a string the bigint would hash differently from the number the agent signed.
  assertSetError(() => set.verifyReceipt(bundle, c.trust), 'INVALID_JSON', `event.payload.${key}`, `event.payload.${key}`);
  assertSetError(() => set.eventSigningHash(bundle.event), 'INVALID_JSON', undefined, `event.payload.${key}`);
  assertSetError(() => set.payloadPlainHash({ items: [{ qty: 2n }] }), 'INVALID_JSON', undefined, 'payload.items[0].qty');
  assertSetError(() => set.canonicalJson(5n), 'INVALID_JSON', undefined, 'payload');
  // In bulk, only that bundle's entry carries the error.
  const [bad, good] = set.verifyReceipts([bundle, c.bundle], c.trust);
  assert.equal(bad.error.code, 'INVALID_JSON');
  assert.equal(bad.error.field, `event.payload.${key}`);
  assert.equal(good.valid, true);
  // Outside the payload a bigint is a u64 and reads as one.
  const numbers = { ...c.bundle, receipt: { ...c.bundle.receipt, sequence_number: BigInt(c.bundle.receipt.sequence_number) } };
  check(c, set.verifyReceipt(numbers, c.trust));
});

test('verifyReceipts: an unreadable bundle is an entry with its SetError, the others are verdicts', () => {
  const c = v.valid[0];
  const m = v.malformed[0];
  const entries = set.verifyReceipts([c.bundle, JSON.stringify(m.bundle), '{', 42, c.bundle], c.trust);
  assert.equal(entries.length, 5);
  check(c, entries[0]);
  check(c, entries[4]);
  for (const [entry, code, field] of [
    [entries[1], m.expected.error_code, m.expected.error_field],
    [entries[2], 'INVALID_JSON', '$'],
    [entries[3], 'INVALID_JSON', '$'],
  ]) {
    assert.equal(entry.valid, false);
    assert.equal(entry.level, 'none');
    assert.deepEqual(entry.checks, {});
    assert.deepEqual(entry.reasons, {});
    assert.ok(entry.error instanceof set.SetError);
    assert.equal(entry.error.code, code);
    assert.equal(entry.error.field, field);
    assert.ok(entry.error.message.length > 0);
  }
  assert.deepEqual(set.verifyReceipts([], c.trust), []);
  assertSetError(() => set.verifyReceipts(c.bundle, c.trust), 'INVALID_ARGUMENT', 'bundles', 'bundles');
  assertSetError(() => set.verifyReceipts([c.bundle], '{'), 'INVALID_JSON', undefined, '$');
});
