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
