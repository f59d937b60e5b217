// The receipt conformance suite (tests/conformance/cases/*.json, format in
// tests/conformance/README.md) through @setchain/core-native: every case one by one (bundle as an
// object and as JSON text), then every case once in bulk, the cases with the same trust text in
// one verifyReceipts call; each compared with its expected valid, level, checks and signatures, or
// error code and field — the expectations @setchain/core/full is held to (wasm/test/), read
// through the same helper. The native module has ML-DSA-65 and anchor proofs, so every case is
// answered as written, never as the checkout module answers it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerOf, answerOfCall, bundleOf, NO_ANCHOR_PROOFS, NOT_VERIFIABLE, verifyInBulk, withoutMlDsa } from '../../wasm/test/conformance-expect.mjs';
import { assertSetError, conformanceCases, native } from './helpers.mjs';

const cases = conformanceCases();
const answer = (result) => answerOf(result, native.SetError);

const run = (fn) => answerOfCall(fn, native.SetError);

test('the conformance suite has its cases: errors, valid ones, ML-DSA-65 and anchor proofs among them', () => {
  assert.ok(cases.length >= 60, `${cases.length} cases`);
  assert.ok(cases.some((c) => 'error' in c.expect) && cases.some((c) => c.expect.valid));
  assert.ok(cases.filter((c) => withoutMlDsa(c.expect).refused.length > 0).length >= 10, 'cases whose ML-DSA-65 signatures verify');
  assert.ok(cases.filter((c) => c.requires?.includes('anchor-proof')).length >= 30, 'proof- cases');
});

test('every conformance case, one by one (bundle as object and as JSON text)', () => {
  for (const c of cases) {
    assert.deepEqual(run(() => native.verifyReceipt(bundleOf(c), c.trust)), c.expect, c.name);
    const text = typeof bundleOf(c) === 'string' ? bundleOf(c) : JSON.stringify(c.bundle);
    assert.deepEqual(run(() => native.verifyReceipt(text, JSON.stringify(c.trust))), c.expect, `${c.name} (text)`);
  }
});

test('every conformance case in bulk, one verifyReceipts call per trust text, each entry equal to the one-by-one verdict', () => {
  const { largestGroup, answered } = verifyInBulk(cases, native.verifyReceipts, {
    onError: (c, err) => assert.deepEqual(answer(err), c.expect, `${c.name} (bulk)`),
    onEntry: (c, entry, trust) => {
      assert.deepEqual(answer(entry), c.expect, `${c.name} (bulk)`);
      // The whole entry, reasons and error message included, is what verifyReceipt gives alone.
      const alone = run(() => native.verifyReceipt(bundleOf(c), trust));
      if ('error' in alone) {
        assert.equal(entry.valid, false, c.name);
        assert.equal(entry.level, 'none', c.name);
        assert.deepEqual([entry.checks, entry.reasons], [{}, {}], c.name);
      } else {
        assert.deepEqual(entry, native.verifyReceipt(bundleOf(c), trust), `${c.name} (bulk = one by one)`);
      }
    },
  });
  assert.ok(largestGroup > 10, 'the valid trust is shared by many cases');
  assert.equal(answered, cases.length);
});

test('bulk entries with the same verdict are equal yet separate objects: editing one leaves the others', () => {
  const valid = cases.find((c) => c.expect.valid && c.requires === undefined);
  const entries = native.verifyReceipts([valid.bundle, valid.bundle, JSON.stringify(valid.bundle)], valid.trust);
  assert.deepEqual(entries[1], entries[0]);
  assert.deepEqual(entries[2], entries[0]);
  assert.notEqual(entries[1], entries[0]);
  assert.notEqual(entries[1].checks, entries[0].checks);
  assert.notEqual(entries[1].signatures.agent, entries[0].signatures.agent);
  entries[0].checks.receipt_hash = 'edited';
  entries[0].signatures.agent.push('edited');
  assert.deepEqual(entries[1], native.verifyReceipt(valid.bundle, valid.trust));
  assert.deepEqual(entries[2], native.verifyReceipt(valid.bundle, valid.trust));
});

test('a full build: no ML-DSA-65 signature reported as not verifiable, no anchor proof as not checked', () => {
  for (const c of cases) {
    const verdict = run(() => native.verifyReceipt(bundleOf(c), c.trust));
    if ('error' in verdict) continue;
    for (const reason of Object.values(native.verifyReceipt(bundleOf(c), c.trust).reasons)) {
      assert.doesNotMatch(reason, NOT_VERIFIABLE, c.name);
      assert.doesNotMatch(reason, NO_ANCHOR_PROOFS, c.name);
    }
  }
});

test('errors carry the code and field path of @setchain/core; unreadable bundles are entries, not throws', () => {
  const valid = cases.find((c) => c.expect.valid && c.requires === undefined);
  const edited = { ...valid.bundle, receipt: { ...valid.bundle.receipt, receipt_hash: '0x1234' } };
  assertSetError(() => native.verifyReceipt(edited, valid.trust), 'WRONG_LENGTH', 'receipt.receipt_hash');
  assertSetError(() => native.verifyReceipt('{', valid.trust), 'INVALID_JSON', '$');
  assertSetError(() => native.verifyReceipt(valid.bundle, { ...valid.trust, registry: '0x12' }), 'WRONG_LENGTH', 'trust.registry');
  assertSetError(() => native.verifyReceipts(valid.bundle, valid.trust), 'INVALID_ARGUMENT', 'bundles');
  const cyclic = {};
  cyclic.self = cyclic;
  assertSetError(() => native.verifyReceipt(cyclic, valid.trust), 'INVALID_ARGUMENT', 'bundle');
  assertSetError(() => native.verifyReceipt(undefined, valid.trust), 'INVALID_ARGUMENT', 'bundle');
  // A bigint has no JSON number that keeps the payload's hash; elsewhere it is its decimal text.
  const withBigint = { ...valid.bundle, event: { ...valid.bundle.event, payload: { amount: 5n } } };
  assertSetError(() => native.verifyReceipt(withBigint, valid.trust), 'INVALID_JSON', 'event.payload.amount');
  const trustChainId = valid.trust.chain_id ?? valid.trust.chainId;
  if (trustChainId !== undefined) {
    const bigTrust = { ...valid.trust, chain_id: BigInt(trustChainId) };
    delete bigTrust.chainId;
    assert.deepEqual(native.verifyReceipt(valid.bundle, bigTrust), native.verifyReceipt(valid.bundle, valid.trust));
  }

  const entries = native.verifyReceipts([valid.bundle, edited, 7, withBigint, JSON.stringify(valid.bundle)], valid.trust);
  assert.equal(entries.length, 5);
  assert.deepEqual([entries[0].valid, entries[4].valid], [true, true]);
  for (const [i, code, field] of [[1, 'WRONG_LENGTH', 'receipt.receipt_hash'], [2, 'INVALID_JSON', '$'], [3, 'INVALID_JSON', 'event.payload.amount']]) {
    assert.deepEqual({ ...entries[i], error: undefined }, { valid: false, level: 'none', checks: {}, reasons: {}, error: undefined }, `entry ${i}`);
    assert.ok(entries[i].error instanceof native.SetError, `entry ${i}`);
    assert.deepEqual([entries[i].error.code, entries[i].error.field], [code, field], `entry ${i}`);
  }
});
