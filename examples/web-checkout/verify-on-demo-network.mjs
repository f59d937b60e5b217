// The checkout page against the `make demo` network: build it with Vite, serve it on 127.0.0.1,
// open it in Chromium with `?rpc=<the demo's anvil>`, paste one exported bundle and the trusted
// keys, and let the page read the commitment from SetRegistry itself (eth_call from the browser).
// Prints the checks the page shows; exits 0 only when the page says the receipt is verified
// and the on-chain check passed. A demo verifier: `set-demo --verifier "Browser=node …"`.
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
const network = JSON.parse(readFileSync(join(exportDir, 'network.json'), 'utf8'));
// index.tsv columns: file, store, order_id, sequence_number, batch_id, agent_public_key.
const [file, store, orderId, , , agentKey] = readFileSync(join(exportDir, 'index.tsv'), 'utf8').split('\n')[1].split('\t');
const bundle = readFileSync(join(exportDir, file), 'utf8');
const trust = { sequencer_public_keys: [network.sequencer_public_key], agent_public_key: agentKey };

mkdirSync(artifacts, { recursive: true });
// Built once per change of the page or the package (the demo calls this twice).
const built = existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtimeMs : 0;
const sources = ['index.html', 'src/main.js', 'src/style.css', 'node_modules/@setchain/core/package.json'];
if (sources.some((source) => statSync(join(exampleDir, source)).mtimeMs > built)) buildPage(dist);
const { server, baseUrl } = await serve(dist);
const browser = await launchChromium();
let ok = false;
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${baseUrl}/index.html?rpc=${encodeURIComponent(network.rpc_url)}`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#bundle', JSON.stringify(JSON.parse(bundle), null, 2));
  await page.fill('#trust', JSON.stringify(trust));
  await page.click('#verify');
  await page.waitForSelector('body[data-verified]');
  console.log(`Browser (Chromium, @setchain/core in the checkout page) — ${orderId} of ${store}`);
  if (await page.isVisible('#error')) {
    console.log(`  page error: ${await page.textContent('#error')}`);
  } else {
    const checks = await page.$$eval('#checks tbody tr', (rows) => rows.map((r) => [r.dataset.check, r.cells[1].textContent, r.cells[2].textContent]));
    for (const [check, result, why] of checks) console.log(`  ${check.padEnd(20)} ${result}${why ? ` — ${why}` : ''}`);
    console.log(`  ${(await page.textContent('#onchain-source')).trim()}`);
    const verdict = await page.textContent('#verdict');
    ok = verdict === 'Receipt verified' && checks.some(([check, result]) => check === 'onchain' && result === 'pass');
    console.log(`  page says: ${verdict}`);
  }
  await page.screenshot({ path: join(artifacts, `checkout-demo-${basename(exportDir)}.png`), fullPage: true });
  if (problems.length) {
    console.log(`  page errors: ${problems.join('; ')}`);
    ok = false;
  }
  console.log(`  → ${ok ? 'VALID' : 'INVALID'}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(ok ? 0 : 1);
