// The receipt conformance suite (tests/conformance/cases/*.json) in real Chromium, through the
// package installed from the packed tarball: its default browser entry (wasm inlined) and its
// slim entry (wasm fetched by init()), loaded by one page. Every case one by one in each entry,
// then every case once in bulk (the cases with the same trust text in one verifyReceipts call),
// each compared with its expected valid, level and checks, or error code and field.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exampleDir, launchChromium, serve } from '../harness.mjs';

const repo = join(exampleDir, '..', '..');
const artifacts = process.env.WEB_CHECKOUT_ARTIFACTS ?? join(repo, 'target', 'web-checkout');
const site = join(artifacts, 'conformance');
const casesDir = join(repo, 'tests', 'conformance', 'cases');
const cases = readdirSync(casesDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(casesDir, file), 'utf8')));

let server;
let browser;
let answers;

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
  answers = await page.evaluate(async (cases) => {
    const inlined = await import('/web/index.js');
    const slim = await import('/web/slim.js');
    await slim.init();
    const answer = (result) => {
      if (result instanceof Error) {
        if (!(result instanceof inlined.SetError)) return { thrown: String(result) };
        return { error: { code: result.code, field: result.field } };
      }
      if (result.error) return answer(result.error);
      return { valid: result.valid, level: result.level, checks: result.checks };
    };
    const run = (fn) => {
      try {
        return answer(fn());
      } catch (err) {
        return answer(err);
      }
    };
    const bundleOf = (c) => ('bundle_text' in c ? c.bundle_text : c.bundle);
    const oneByOne = cases.map((c) => run(() => inlined.verifyReceipt(bundleOf(c), c.trust)));
    const slimOneByOne = cases.map((c) => run(() => slim.verifyReceipt(bundleOf(c), JSON.stringify(c.trust))));
    const groups = new Map();
    cases.forEach((c, i) => {
      const key = JSON.stringify(c.trust);
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    const bulk = new Array(cases.length);
    for (const [trust, indices] of groups) {
      let entries;
      try {
        entries = inlined.verifyReceipts(indices.map((i) => bundleOf(cases[i])), trust);
      } catch (err) {
        for (const i of indices) bulk[i] = answer(err);
        continue;
      }
      indices.forEach((i, k) => (bulk[i] = k < entries.length ? answer(entries[k]) : { missing: true }));
    }
    return { oneByOne, slimOneByOne, bulk, groups: [...groups.values()].map((indices) => indices.length) };
  }, cases);
  assert.deepEqual(problems, []);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

test('the conformance suite has its cases', () => {
  assert.ok(cases.length >= 60, `${cases.length} cases`);
});

test('Chromium, default entry: every conformance case one by one', () => {
  cases.forEach((c, i) => assert.deepEqual(answers.oneByOne[i], c.expect, c.name));
});

test('Chromium, slim entry: every conformance case one by one (trust as JSON text)', () => {
  cases.forEach((c, i) => assert.deepEqual(answers.slimOneByOne[i], c.expect, c.name));
});

test('Chromium: every conformance case in bulk, one verifyReceipts call per trust text', () => {
  assert.ok(answers.groups.some((size) => size > 10), 'the valid trust is shared by many cases');
  assert.equal(answers.bulk.length, cases.length);
  cases.forEach((c, i) => assert.deepEqual(answers.bulk[i], c.expect, `${c.name} (bulk)`));
});
