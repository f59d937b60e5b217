// The checkout page in real Chromium: build it with Vite (the @setchain/core installed from the
// packed tarball), serve dist/ on 127.0.0.1 with a JSON-RPC stand-in, drive Debian's Chromium with
// playwright-core, and assert what the page shows for a valid receipt (read through the pinned
// registry: Anchored on Set Chain), the same without an RPC (Committed), a tampered one, one
// anchored at another registry, an RPC of another chain and a malformed bundle, plus the
// slim-entries page. Screenshots go to target/web-checkout/ (WEB_CHECKOUT_ARTIFACTS).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { buildPage, exampleDir, launchChromium, serve } from '../harness.mjs';

const repo = join(exampleDir, '..', '..');
const artifacts = process.env.WEB_CHECKOUT_ARTIFACTS ?? join(repo, 'target', 'web-checkout');
const dist = join(artifacts, 'dist');
const conformance = (name) => JSON.parse(readFileSync(join(repo, 'tests', 'conformance', 'cases', `${name}.json`), 'utf8'));
const valid = conformance('valid-anchored-from-return-data');
const tampered = conformance('tamper-proof-sibling');
const elsewhere = conformance('anchor-other-registry');
const malformed = conformance('error-proof-sibling-not-hex');
const core = createRequire(join(exampleDir, 'package.json'))('@setchain/core');
const full = createRequire(join(exampleDir, 'package.json'))('@setchain/core/full');
// The page ships with this trust root (public/): the network of the conformance cases.
const trustRoot = JSON.parse(readFileSync(join(exampleDir, 'public', 'trust-root.json'), 'utf8'));

// The chain behind the stand-in RPC: the pinned registry holds the samples' commitment, and so
// does the registry the "anchored elsewhere" sample names — a contract that returns the right
// numbers. Only what the page asks for is recorded.
const chain = { chainId: BigInt(trustRoot.chain_id), calls: [] };
const sameRecord = new Map([trustRoot.registry, elsewhere.bundle.anchor.registry].map((a) => [a.toLowerCase(), valid.trust.onchain]));
function answer({ method, params }) {
  chain.calls.push({ method, to: params[0]?.to?.toLowerCase() });
  if (method === 'eth_chainId') return `0x${chain.chainId.toString(16)}`;
  if (method === 'eth_call' && params[0].data === core.encodeGetBatchCommitment(valid.bundle.commitment.batch_id)) {
    return sameRecord.get(params[0].to.toLowerCase()) ?? '0x';
  }
  throw new Error(`unexpected ${method}`);
}

let server;
let browser;
let baseUrl;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  buildPage(dist);
  const files = new Map();
  ({ server, baseUrl } = await serve(dist, { files, rpc: answer }));
  files.set('/rpc-url.txt', `${baseUrl}/rpc\n`);
  browser = await launchChromium();
});

beforeEach(() => {
  chain.chainId = BigInt(trustRoot.chain_id);
  chain.calls = [];
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

async function openPage(path) {
  const page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  await page.goto(baseUrl + path);
  return { page, problems };
}

async function verifySample(button) {
  const opened = await openPage('/index.html');
  await opened.page.waitForSelector('body[data-ready="true"]');
  await opened.page.click(button);
  await opened.page.click('#verify');
  await opened.page.waitForSelector('body[data-verified]');
  return opened;
}

async function shownChecks(page) {
  return page.$$eval('#checks tbody tr', (rows) =>
    Object.fromEntries(rows.map((row) => [row.dataset.check, row.cells[1].textContent])),
  );
}

/**
 * The checks the page lists: a case's checks but the anchor-proof ones (`anchor_proof`,
 * `output_root`), which the checkout module does not run and the page does not show.
 */
const pageChecks = ({ anchor_proof, output_root, ...checks }) => checks;

async function shownStages(page) {
  return page.$$eval('#stages li', (items) => Object.fromEntries(items.map((li) => [li.dataset.stage, li.dataset.status])));
}

test('the shipped trust root pins the network of the samples', () => {
  assert.equal(trustRoot.format, 'set-trust-root-v1');
  for (const sample of [valid, tampered, elsewhere]) {
    assert.equal(trustRoot.chain_id, sample.trust.chain_id);
    assert.equal(trustRoot.registry, sample.trust.registry);
    assert.deepEqual(trustRoot.sequencer_public_keys, sample.trust.sequencer_public_keys);
  }
  assert.notEqual(elsewhere.bundle.anchor.registry, trustRoot.registry);
});

test('checkout page: a valid receipt, read through the pinned registry, is Anchored on Set Chain', async () => {
  const { page, problems } = await verifySample('#sample-valid');
  assert.match(await page.textContent('#network'), new RegExp(`chain ${trustRoot.chain_id} · SetRegistry ${trustRoot.registry}`));
  assert.equal(await page.textContent('#verdict'), 'Receipt verified');
  assert.equal(await page.getAttribute('#level', 'data-level'), 'anchored');
  assert.equal(await page.textContent('#level'), 'Anchored on Set Chain');
  assert.deepEqual(await shownChecks(page), pageChecks(valid.expect.checks));
  assert.deepEqual(await shownStages(page), { sequenced: 'pass', committed: 'pass', anchored: 'pass' });
  assert.deepEqual(chain.calls, [
    { method: 'eth_chainId', to: undefined },
    { method: 'eth_call', to: trustRoot.registry.toLowerCase() },
  ]);
  await page.screenshot({ path: join(artifacts, 'checkout-valid.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('checkout page: without an RPC the same receipt is only Committed', async () => {
  const { page, problems } = await openPage('/index.html');
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#rpc', '');
  await page.click('#verify');
  await page.waitForSelector('body[data-verified]');
  assert.equal(await page.textContent('#verdict'), 'Receipt verified');
  assert.equal(await page.getAttribute('#level', 'data-level'), 'committed');
  assert.equal(await page.textContent('#level'), 'Committed');
  assert.equal((await shownChecks(page)).onchain, 'skipped');
  assert.deepEqual(await shownStages(page), { sequenced: 'pass', committed: 'pass', anchored: 'skipped' });
  assert.deepEqual(chain.calls, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('checkout page: a tampered receipt fails exactly its check', async () => {
  const { page, problems } = await verifySample('#sample-tampered');
  assert.equal(await page.textContent('#verdict'), 'Receipt NOT verified');
  assert.equal(await page.getAttribute('#level', 'data-level'), 'none');
  // The case expects `onchain` skipped (it gives no record); the page read one, which matches.
  assert.deepEqual(await shownChecks(page), pageChecks({ ...tampered.expect.checks, onchain: 'pass' }));
  assert.equal((await shownStages(page)).committed, 'fail');
  assert.match(await page.textContent('#checks tr[data-check="inclusion"] td:nth-child(3)'), /\S/, 'a reason is shown');
  await page.screenshot({ path: join(artifacts, 'checkout-tampered.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('checkout page: a receipt anchored at another registry is refused, and that registry is never asked', async () => {
  const { page, problems } = await verifySample('#sample-elsewhere');
  assert.equal(await page.textContent('#verdict'), 'Receipt NOT verified');
  assert.deepEqual(await shownChecks(page), pageChecks(elsewhere.expect.checks));
  assert.equal((await shownStages(page)).anchored, 'fail');
  const reason = await page.textContent('#checks tr[data-check="anchor"] td:nth-child(3)');
  assert.ok(reason.toLowerCase().includes(`is not the pinned ${trustRoot.registry.toLowerCase()}`), reason);
  // The registry the bundle names would have answered with the right numbers.
  assert.ok(chain.calls.every((call) => call.method === 'eth_chainId' || call.to === trustRoot.registry.toLowerCase()));
  await page.screenshot({ path: join(artifacts, 'checkout-anchored-elsewhere.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('checkout page: an RPC serving another chain is refused before any eth_call', async () => {
  chain.chainId = 1n;
  const { page, problems } = await verifySample('#sample-valid');
  assert.equal(await page.isVisible('#result'), false);
  assert.match(await page.textContent('#error'), /^WRONG_CHAIN: chain RPC \S+ serves chain 1, the trust root pins 84532001/);
  assert.deepEqual(chain.calls, [{ method: 'eth_chainId', to: undefined }]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('checkout page: a malformed bundle shows the error code and field, no request, no crash', async () => {
  const { page, problems } = await openPage('/index.html');
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#bundle', JSON.stringify(malformed.bundle));
  await page.click('#verify');
  await page.waitForSelector('body[data-verified]');
  assert.equal(await page.isVisible('#error'), true);
  const shown = await page.textContent('#error');
  assert.ok(shown.startsWith(`${malformed.expect.error.code}: ${malformed.expect.error.field}`), shown);
  assert.equal(await page.isVisible('#result'), false);
  assert.deepEqual(chain.calls, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('slim entries page: each init() fetches its wasm Vite emitted, results match Node', async () => {
  const { page, problems } = await openPage('/slim.html');
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#root'));
  const leaves = ['0x' + '01'.repeat(32), '0x' + '02'.repeat(32), '0x' + '03'.repeat(32)];
  assert.equal(await page.textContent('#root'), new full.MerkleTree(leaves, 'keccak-v1').root);
  assert.equal(
    await page.textContent('#key'),
    core.tenantStoreKey('123e4567-e89b-12d3-a456-426614174000', '00000000-0000-0000-0000-000000000001'),
  );
  assert.deepEqual(problems, []);
  await page.close();
});
