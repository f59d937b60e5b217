// The receipt conformance suite (tests/conformance/cases/*.json) in real Chromium, through the
// package installed from the packed tarball: the default browser entry (wasm inlined) and the slim
// entry (wasm fetched by init()) of both modules, "@setchain/core" (the checkout module) and
// "@setchain/core/full", loaded by one page. Every case one by one in each entry, then every case
// once in bulk (the cases with the same trust text in one verifyReceipts call), each compared with
// its expected valid, level, checks and signatures, or error code and field. The checkout module
// is built without ML-DSA-65: there a signature check whose ML-DSA-65 signature the case expects
// to verify fails as not verifiable by this build, and the proof- cases (anchor proofs, which only
// the full module verifies) answer with `anchor_proof` and `output_root` skipped, never passed
// (wasm/test/conformance-expect.mjs).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { NO_ANCHOR_PROOFS, NOT_VERIFIABLE, withoutAnchorProof, withoutMlDsa } from '../../../wasm/test/conformance-expect.mjs';
import { exampleDir, launchChromium, serve } from '../harness.mjs';

const repo = join(exampleDir, '..', '..');
const artifacts = process.env.WEB_CHECKOUT_ARTIFACTS ?? join(repo, 'target', 'web-checkout');
const site = join(artifacts, 'conformance');
const casesDir = join(repo, 'tests', 'conformance', 'cases');
const cases = readdirSync(casesDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(casesDir, file), 'utf8')));
const proofless = cases.find((c) => c.name === 'proof-valid-anchored-l1').expect;
/** What the checkout module (no ML-DSA-65, no anchor proofs) must answer. */
const checkoutExpect = (c) => withoutAnchorProof({ ...c, expect: withoutMlDsa(c.expect).expect }, proofless);

let server;
let browser;
let answers;

// Each browser entry: its file, and what it must answer for a case.
const ENTRIES = [
  { name: '@setchain/core', file: '/web/index.js', expectOf: checkoutExpect },
  { name: '@setchain/core/slim', file: '/web/slim.js', expectOf: checkoutExpect },
  { name: '@setchain/core/full', file: '/web/full.js', expectOf: (c) => c.expect },
  { name: '@setchain/core/full/slim', file: '/web/full-slim.js', expectOf: (c) => c.expect },
];

before(async () => {
  // The installed package's browser files as a site, beside an empty page to load them from.
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  cpSync(join(exampleDir, 'node_modules', '@setchain', 'core', 'web'), join(site, 'web'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><html><head><link rel="icon" href="data:,"></head><body></body></html>');
  let baseUrl;
  ({ server, baseUrl } = await serve(site));
  browser = await launchChromium();
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  await page.goto(`${baseUrl}/index.html`);
  answers = await page.evaluate(async ({ cases, files }) => {
    const entries = await Promise.all(files.map((file) => import(file)));
    for (const entry of entries) await entry.init();
    const answer = (result) => {
      if (result instanceof Error) {
        if (!(result instanceof entries[0].SetError)) return { thrown: String(result) };
        return { error: { code: result.code, field: result.field } };
      }
      if (result.error) return answer(result.error);
      return { valid: result.valid, level: result.level, checks: result.checks, signatures: result.signatures, reasons: result.reasons };
    };
    const run = (fn) => {
      try {
        return answer(fn());
      } catch (err) {
        return answer(err);
      }
    };
    const bundleOf = (c) => ('bundle_text' in c ? c.bundle_text : c.bundle);
    // The trust as an object in the inlined entries, as JSON text in the slim ones.
    const oneByOne = entries.map((entry, e) =>
      cases.map((c) => run(() => entry.verifyReceipt(bundleOf(c), e % 2 === 0 ? c.trust : JSON.stringify(c.trust)))),
    );
    const groups = new Map();
    cases.forEach((c, i) => {
      const key = JSON.stringify(c.trust);
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    const bulk = entries.map((entry) => {
      const answers = new Array(cases.length);
      for (const [trust, indices] of groups) {
        let verdicts;
        try {
          verdicts = entry.verifyReceipts(indices.map((i) => bundleOf(cases[i])), trust);
        } catch (err) {
          for (const i of indices) answers[i] = answer(err);
          continue;
        }
        indices.forEach((i, k) => (answers[i] = k < verdicts.length ? answer(verdicts[k]) : { missing: true }));
      }
      return answers;
    });
    return { oneByOne, bulk, groups: [...groups.values()].map((indices) => indices.length) };
  }, { cases, files: ENTRIES.map((entry) => entry.file) });
  assert.deepEqual(problems, []);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

test('the conformance suite has its cases', () => {
  assert.ok(cases.length >= 60, `${cases.length} cases`);
  for (const level of ['anchored-l2-proof', 'anchored-l1']) assert.ok(cases.some((c) => c.expect.level === level), level);
});

/** An answer without the reasons, which the case files do not pin. */
const withoutReasons = ({ reasons, ...rest }) => rest;

ENTRIES.forEach(({ name, expectOf }, e) => {
  test(`Chromium, ${name}: every conformance case one by one`, () => {
    cases.forEach((c, i) => assert.deepEqual(withoutReasons(answers.oneByOne[e][i]), expectOf(c), c.name));
  });

  test(`Chromium, ${name}: every conformance case in bulk, one verifyReceipts call per trust text`, () => {
    assert.ok(answers.groups.some((size) => size > 10), 'the valid trust is shared by many cases');
    assert.equal(answers.bulk[e].length, cases.length);
    cases.forEach((c, i) => assert.deepEqual(withoutReasons(answers.bulk[e][i]), expectOf(c), `${c.name} (bulk)`));
  });
});

test('Chromium, @setchain/core: an ML-DSA-65 signature fails its check as not verifiable by this build', () => {
  let refusals = 0;
  cases.forEach((c, i) => {
    for (const check of withoutMlDsa(c.expect).refused) {
      assert.equal(answers.oneByOne[0][i].checks[check], 'fail', `${c.name}: ${check}`);
      assert.match(answers.oneByOne[0][i].reasons[check], NOT_VERIFIABLE, `${c.name}: ${check}`);
      refusals += 1;
    }
  });
  assert.ok(refusals >= 10, `${refusals} refusals`);
});

test('Chromium, @setchain/core: anchor proofs are skipped as not verified by this build, never passed', () => {
  let skipped = 0;
  cases.forEach((c, i) => {
    if (c.requires === undefined) return;
    for (const check of ['anchor_proof', 'output_root']) {
      assert.equal(answers.oneByOne[0][i].checks[check], 'skipped', `${c.name}: ${check}`);
      assert.match(answers.oneByOne[0][i].reasons[check], NO_ANCHOR_PROOFS, `${c.name}: ${check}`);
      skipped += 1;
    }
  });
  assert.ok(skipped >= 60, `${skipped} skipped proof checks`);
});
