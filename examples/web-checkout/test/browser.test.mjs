// The checkout page in real Chromium: build it with Vite (the @setchain/core installed from the
// packed tarball), serve dist/ on 127.0.0.1, drive Debian's Chromium with playwright-core, and
// assert what the page shows for a valid, a tampered and a malformed receipt, plus the
// slim-entry page. Screenshots go to target/web-checkout/ (WEB_CHECKOUT_ARTIFACTS).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildPage, exampleDir, launchChromium, serve } from '../harness.mjs';

const repo = join(exampleDir, '..', '..');
const artifacts = process.env.WEB_CHECKOUT_ARTIFACTS ?? join(repo, 'target', 'web-checkout');
const dist = join(artifacts, 'dist');
const receipts = JSON.parse(readFileSync(join(repo, 'tests', 'vectors', 'receipts.json'), 'utf8'));

let server;
let browser;
let baseUrl;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  buildPage(dist);
  ({ server, baseUrl } = await serve(dist));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

async function openPage(path) {
  const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  await page.goto(baseUrl + path);
  return { page, problems };
}

async function shownChecks(page) {
  return page.$$eval('#checks tbody tr', (rows) =>
    Object.fromEntries(rows.map((row) => [row.dataset.check, row.cells[1].textContent])),
  );
}

/** The expected checks the page shows (its rows are the checks of its three stages). */
function shownOf(expected, shown) {
  assert.ok(Object.keys(shown).length >= 7, `the page shows ${Object.keys(shown)}`);
  return Object.fromEntries(Object.keys(shown).map((check) => [check, expected[check]]));
}

async function shownStages(page) {
  return page.$$eval('#stages li', (items) => Object.fromEntries(items.map((li) => [li.dataset.stage, li.dataset.status])));
}

test('checkout page: a valid receipt is sequenced, included and anchored', async () => {
  const { page, problems } = await openPage('/index.html');
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#sample-valid');
  await page.click('#verify');
  assert.equal(await page.textContent('#verdict'), 'Receipt verified');
  const expected = receipts.valid.find((c) => c.trust.onchain).expected.verdict.checks;
  const shown = await shownChecks(page);
  assert.deepEqual(shown, shownOf(expected, shown));
  assert.deepEqual(await shownStages(page), { sequenced: 'pass', included: 'pass', anchored: 'pass' });
  await page.screenshot({ path: join(artifacts, 'checkout-valid.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('checkout page: a tampered receipt fails exactly its check', async () => {
  const { page, problems } = await openPage('/index.html');
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#sample-tampered');
  await page.click('#verify');
  assert.equal(await page.textContent('#verdict'), 'Receipt NOT verified');
  const expected = receipts.tampered.find((c) => c.name === 'proof_sibling_flipped').expected.verdict.checks;
  assert.equal(expected.inclusion, 'fail');
  const shown = await shownChecks(page);
  assert.deepEqual(shown, shownOf(expected, shown));
  assert.equal((await shownStages(page)).included, 'fail');
  assert.match(await page.textContent('#checks tr[data-check="inclusion"] td:nth-child(3)'), /\S/, 'a reason is shown');
  await page.screenshot({ path: join(artifacts, 'checkout-tampered.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('checkout page: a malformed bundle shows the error code and field, no crash', async () => {
  const { page, problems } = await openPage('/index.html');
  await page.waitForSelector('body[data-ready="true"]');
  const malformed = receipts.malformed.find((c) => c.expected.error_field === 'proof.proof_path[1]');
  await page.fill('#bundle', JSON.stringify(malformed.bundle));
  await page.fill('#trust', JSON.stringify(malformed.trust));
  await page.click('#verify');
  assert.equal(await page.isVisible('#error'), true);
  const shown = await page.textContent('#error');
  assert.ok(shown.startsWith(`${malformed.expected.error_code}: ${malformed.expected.error_field}`), shown);
  assert.equal(await page.isVisible('#result'), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('slim entry page: init() fetches the wasm Vite emitted, results match Node', async () => {
  const { page, problems } = await openPage('/slim.html');
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#root'));
  const core = createRequire(join(exampleDir, 'package.json'))('@setchain/core');
  const leaves = ['0x' + '01'.repeat(32), '0x' + '02'.repeat(32), '0x' + '03'.repeat(32)];
  assert.equal(await page.textContent('#root'), new core.MerkleTree(leaves, 'keccak-v1').root);
  assert.deepEqual(problems, []);
  await page.close();
});
