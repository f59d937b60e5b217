// The checkout page against the `make demo` network: build it with Vite, serve it on 127.0.0.1
// with the export's trust-root.json and rpc-url.txt as the page's configuration, open it in
// Chromium, paste one exported bundle and the store's agent key, and let the page read the
// commitment from the pinned SetRegistry itself (eth_chainId, then eth_call from the browser).
// Prints the checks and the level the page shows; exits 0 only when the page says the receipt is
// verified and Anchored on Set Chain. A demo verifier: `set-demo --verifier "Browser=node …"`.
//
//   node examples/web-checkout/verify-on-demo-network.mjs target/demo/export
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildPage, exampleDir, launchChromium, serve } from './harness.mjs';

const exportDir = process.argv[2];
if (!exportDir) {
  console.error('usage: verify-on-demo-network.mjs EXPORT_DIR');
  process.exit(2);
}
const artifacts = process.env.WEB_CHECKOUT_ARTIFACTS ?? join(exampleDir, '..', '..', 'target', 'web-checkout');
const dist = join(artifacts, 'demo-dist');
// The page's configuration: what it trusts and where it reads the chain, served with the page.
const files = new Map(['trust-root.json', 'rpc-url.txt'].map((name) => [`/${name}`, readFileSync(join(exportDir, name), 'utf8')]));
// index.tsv columns: file, store, order_id, sequence_number, batch_id, agent_public_key.
const [file, store, orderId, , , agentKey] = readFileSync(join(exportDir, 'index.tsv'), 'utf8').split('\n')[1].split('\t');
const bundle = readFileSync(join(exportDir, file), 'utf8');

mkdirSync(artifacts, { recursive: true });
// Built once per change of the page or the package (the demo calls this three times).
const built = existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtimeMs : 0;
const sources = ['index.html', 'src/main.js', 'src/style.css', 'node_modules/@setchain/core/package.json'];
if (sources.some((source) => statSync(join(exampleDir, source)).mtimeMs > built)) buildPage(dist);
const { server, baseUrl } = await serve(dist, { files });
const browser = await launchChromium();
let failed = ['the page showed no verdict'];
let level = 'none';
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${baseUrl}/index.html`);
  await page.waitForSelector('body[data-ready]');
  console.log(`Browser (Chromium, @setchain/core in the checkout page) — ${orderId} of ${store}`);
  console.log(`  ${(await page.textContent('#network')).trim()}`);
  if ((await page.getAttribute('body', 'data-ready')) === 'true') {
    await page.fill('#bundle', JSON.stringify(JSON.parse(bundle), null, 2));
    await page.fill('#agent-key', agentKey);
    await page.click('#verify');
    await page.waitForSelector('body[data-verified]');
  }
  if (await page.isVisible('#error')) {
    console.log(`  page error: ${await page.textContent('#error')}`);
    failed = ['page error'];
  } else if (await page.isVisible('#result')) {
    const checks = await page.$$eval('#checks tbody tr', (rows) => rows.map((r) => [r.dataset.check, r.cells[1].textContent, r.cells[2].textContent]));
    for (const [check, result, why] of checks) console.log(`  ${check.padEnd(20)} ${result}${why ? ` — ${why}` : ''}`);
    console.log(`  ${(await page.textContent('#onchain-source')).trim()}`);
    level = await page.getAttribute('#level', 'data-level');
    console.log(`  page says: ${await page.textContent('#verdict')} — ${await page.textContent('#level')}`);
    failed = checks.filter(([, result]) => result === 'fail').map(([check]) => check);
  }
  await page.screenshot({ path: join(artifacts, `checkout-demo-${basename(exportDir)}.png`), fullPage: true });
  if (problems.length) {
    console.log(`  page errors: ${problems.join('; ')}`);
    failed.push('page errors');
  }
} finally {
  await browser.close();
  server.close();
}
const ok = failed.length === 0 && level === 'anchored';
console.log(ok ? `  → VALID · level ${level}` : `  → INVALID · failed: ${failed.join(', ') || `level ${level}`}`);
process.exit(ok ? 0 : 1);
