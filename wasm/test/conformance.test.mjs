// The receipt conformance suite (tests/conformance/cases/*.json, format in
// tests/conformance/README.md) through the npm package's two modules: every case one by one
// (bundle as an object and as JSON text), then every case once in bulk, the cases with the same
// trust text in one verifyReceipts call; each compared with its expected valid, level, checks and
// signatures, or error code and field.
//
// "@setchain/core/full" verifies ML-DSA-65 and answers every case as written. "@setchain/core"
// (the checkout module) is built without ML-DSA-65: it answers every case too, as written except
// that a signature check whose ML-DSA-65 signature the case expects to verify fails there, as not
// verifiable by this build (never passes on the Ed25519 half alone). It is built without anchor
// proofs too: there the proof- cases ("requires": ["anchor-proof"]) answer with `anchor_proof` and
// `output_root` skipped, never passed, and a level no higher than `anchored` (withoutAnchorProof).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { answerOf, answerOfCall, bundleOf, NO_ANCHOR_PROOFS, NOT_VERIFIABLE, verifyInBulk, withoutAnchorProof, withoutMlDsa } from './conformance-expect.mjs';
import { full, set } from './helpers.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'conformance', 'cases');
const cases = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')));
const proofCases = cases.filter((c) => c.requires !== undefined);
const proofless = cases.find((c) => c.name === 'proof-valid-anchored-l1').expect;

const MODULES = [
  { name: '@setchain/core/full', entry: full, expectOf: (c) => c.expect },
  {
    name: '@setchain/core',
    entry: set,
    expectOf: (c) => withoutAnchorProof({ ...c, expect: withoutMlDsa(c.expect).expect }, proofless),
  },
];

/** A verdict or a SetError in the case file's form of an answer. */
const answer = (result) => answerOf(result, set.SetError);

const run = (fn) => answerOfCall(fn, set.SetError);

test('the conformance suite has its cases, post-quantum ones among them', () => {
  assert.ok(cases.length >= 60, `${cases.length} cases`);
  assert.ok(cases.some((c) => 'error' in c.expect) && cases.some((c) => c.expect.valid));
  const pq = cases.filter((c) => c.name.startsWith('pq-'));
  assert.ok(pq.some((c) => c.expect.valid && c.expect.signatures.sequencer.includes('ml-dsa-65')), 'a valid ML-DSA-65 receipt');
  // Only the pq- cases carry ML-DSA-65 signatures: the others expect the same of both modules.
  for (const c of cases.filter((c) => !c.name.startsWith('pq-'))) assert.deepEqual(withoutMlDsa(c.expect).refused, [], c.name);
  assert.ok(pq.filter((c) => withoutMlDsa(c.expect).refused.length > 0).length >= 10, 'most pq- cases differ without ML-DSA-65');
  assert.ok(proofCases.length >= 30, `${proofCases.length} proof- cases`);
  assert.ok(proofCases.every((c) => c.name.startsWith('proof-') && c.requires.includes('anchor-proof')));
  for (const level of ['anchored-l2-proof', 'anchored-l1']) assert.ok(proofCases.some((c) => c.expect.level === level), level);
});

for (const { name, entry, expectOf } of MODULES) {
  test(`${name}: every conformance case, one by one (bundle as object and as JSON text)`, () => {
    for (const c of cases) {
      assert.deepEqual(run(() => entry.verifyReceipt(bundleOf(c), c.trust)), expectOf(c), c.name);
      const text = typeof bundleOf(c) === 'string' ? bundleOf(c) : JSON.stringify(c.bundle);
      assert.deepEqual(run(() => entry.verifyReceipt(text, JSON.stringify(c.trust))), expectOf(c), `${c.name} (text)`);
    }
  });

  test(`${name}: every conformance case in bulk, one verifyReceipts call per trust text`, () => {
    const { largestGroup, answered } = verifyInBulk(cases, entry.verifyReceipts, {
      onError: (c, err) => assert.deepEqual(answer(err), expectOf(c), `${c.name} (bulk)`),
      onEntry: (c, verdict) => assert.deepEqual(answer(verdict), expectOf(c), `${c.name} (bulk)`),
    });
    assert.ok(largestGroup > 10, 'the valid trust is shared by many cases');
    assert.equal(answered, cases.length);
  });
}

test('@setchain/core: an ML-DSA-65 signature is reported as not verifiable by this build, never verified', () => {
  let refusals = 0;
  for (const c of cases) {
    const { refused } = withoutMlDsa(c.expect);
    if (refused.length === 0) continue;
    const verdict = set.verifyReceipt(bundleOf(c), c.trust);
    for (const check of refused) {
      assert.equal(verdict.checks[check], 'fail', `${c.name}: ${check}`);
      assert.match(verdict.reasons[check], NOT_VERIFIABLE, `${c.name}: ${check}`);
      refusals += 1;
    }
    assert.ok(!verdict.signatures.sequencer.includes('ml-dsa-65') && !verdict.signatures.agent.includes('ml-dsa-65'), c.name);
  }
  assert.ok(refusals >= 10, `${refusals} refusals`);
});

test('@setchain/core: anchor proofs are reported as not verified by this build, never passed', () => {
  assert.equal(set.verifyAnchorProof, undefined, 'verifyAnchorProof is a full-module export');
  for (const c of proofCases) {
    const verdict = set.verifyReceipt(bundleOf(c), c.trust);
    for (const check of ['anchor_proof', 'output_root']) {
      assert.equal(verdict.checks[check], 'skipped', `${c.name}: ${check}`);
      assert.match(verdict.reasons[check], NO_ANCHOR_PROOFS, `${c.name}: ${check}`);
    }
    assert.ok(['none', 'sequenced', 'committed', 'anchored'].includes(verdict.level), `${c.name}: ${verdict.level}`);
  }
});
