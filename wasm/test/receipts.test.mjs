import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSetError, set, vectors } from './helpers.mjs';

const v = vectors('receipts.json');

function check(c, verdict) {
  const want = c.expected.verdict;
  assert.equal(verdict.valid, want.valid, `${c.name}: valid`);
  assert.deepEqual(verdict.checks, want.checks, `${c.name}: checks`);
  assert.deepEqual(Object.keys(verdict.reasons).sort(), Object.keys(want.reasons).sort(), `${c.name}: reasons`);
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

test('receipts.json malformed: SetError with the code, message naming the field', () => {
  assert.ok(v.malformed.length > 0);
  for (const c of v.malformed) {
    assertSetError(() => set.verifyReceipt(c.bundle, c.trust), c.expected.error_code, c.expected.error_field_prefix);
  }
});

test('receipts: not JSON at all', () => {
  assertSetError(() => set.verifyReceipt('{', v.valid[0].trust), 'INVALID_JSON');
});

test('receipts: the on-chain record straight from decodeGetBatchCommitment (bigints, camelCase)', () => {
  const c = v.valid.find((x) => x.trust.onchain);
  const o = c.trust.onchain;
  // What a page gets from eth_call + decodeGetBatchCommitment: camelCase keys and bigints.
  const onchain = {
    eventsRoot: o.events_root,
    newStateRoot: o.new_state_root,
    sequenceStart: BigInt(o.sequence_start),
    sequenceEnd: BigInt(o.sequence_end),
    eventCount: o.event_count,
    timestamp: 1700000000n,
    exists: true,
  };
  const trust = { agentPublicKey: c.trust.agent_public_key, sequencerPublicKeys: c.trust.sequencer_public_keys, onchain };
  check(c, set.verifyReceipt(c.bundle, trust));
  // A different on-chain root fails exactly the onchain check.
  const wrong = set.verifyReceipt(c.bundle, { ...trust, onchain: { ...onchain, eventsRoot: '0x' + '00'.repeat(32) } });
  assert.equal(wrong.valid, false);
  assert.equal(wrong.checks.onchain, 'fail');
  assert.equal(wrong.checks.inclusion, 'pass');
});
