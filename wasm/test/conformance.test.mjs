// The receipt conformance suite (tests/conformance/cases/*.json, format in
// tests/conformance/README.md) through the npm package: every case one by one (bundle as an
// object and as JSON text), then every case once in bulk, the cases with the same trust text in
// one verifyReceipts call; each compared with its expected valid, level and checks, or error
// code and field.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { set } from './helpers.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'conformance', 'cases');
const cases = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')));

/** The bundle as the case gives it: JSON text for a document that is not JSON, else the object. */
const bundleOf = (c) => ('bundle_text' in c ? c.bundle_text : c.bundle);

/** A verdict or a SetError in the case file's form of an answer. */
function answer(result) {
  if (result instanceof Error) {
    assert.ok(result instanceof set.SetError, `not a SetError: ${result}`);
    return { error: { code: result.code, field: result.field } };
  }
  if (result.error) return answer(result.error);
  return { valid: result.valid, level: result.level, checks: result.checks };
}

function run(fn) {
  try {
    return answer(fn());
  } catch (err) {
    return answer(err);
  }
}

test('the conformance suite has its cases', () => {
  assert.ok(cases.length >= 60, `${cases.length} cases`);
  assert.ok(cases.some((c) => 'error' in c.expect) && cases.some((c) => c.expect.valid));
});

test('every conformance case, one by one (bundle as object and as JSON text)', () => {
  for (const c of cases) {
    assert.deepEqual(run(() => set.verifyReceipt(bundleOf(c), c.trust)), c.expect, c.name);
    const text = typeof bundleOf(c) === 'string' ? bundleOf(c) : JSON.stringify(c.bundle);
    assert.deepEqual(run(() => set.verifyReceipt(text, JSON.stringify(c.trust))), c.expect, `${c.name} (text)`);
  }
});

test('every conformance case in bulk: one verifyReceipts call per trust text', () => {
  const groups = new Map();
  for (const c of cases) {
    const key = JSON.stringify(c.trust);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  assert.ok([...groups.values()].some((group) => group.length > 10), 'the valid trust is shared by many cases');
  let answered = 0;
  for (const [trust, group] of groups) {
    let entries;
    try {
      entries = set.verifyReceipts(group.map(bundleOf), trust);
    } catch (err) {
      // A trust that cannot be used fails the whole call: each of its cases expects that error.
      for (const c of group) assert.deepEqual(answer(err), c.expect, `${c.name} (bulk)`);
      answered += group.length;
      continue;
    }
    assert.equal(entries.length, group.length);
    group.forEach((c, i) => assert.deepEqual(answer(entries[i]), c.expect, `${c.name} (bulk)`));
    answered += group.length;
  }
  assert.equal(answered, cases.length);
});
