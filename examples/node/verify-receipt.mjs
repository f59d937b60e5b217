// Verify one order's receipt bundle from Node with @setchain/core: signatures, hashes and the
// inclusion proof in wasm, the commitment read from SetRegistry with one eth_call (plain fetch;
// with viem it is `client.call({ to, data })`). Then shows that a tampered copy is refused.
//
//   node examples/node/verify-receipt.mjs target/demo/export [bundles/NN-….json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeGetBatchCommitment, encodeGetBatchCommitment, verifyReceipt, SetError } from '@setchain/core';

const [exportDir, wanted] = process.argv.slice(2);
if (!exportDir) {
  console.error('usage: verify-receipt.mjs EXPORT_DIR [BUNDLE_FILE]');
  process.exit(2);
}
const network = JSON.parse(readFileSync(join(exportDir, 'network.json'), 'utf8'));
// index.tsv columns: file, store, order_id, sequence_number, batch_id, agent_public_key.
const rows = readFileSync(join(exportDir, 'index.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const row = rows.find(([file]) => wanted === undefined || file === wanted);
if (!row) throw new Error(`${wanted} is not in index.tsv`);
const bundle = JSON.parse(readFileSync(join(exportDir, row[0]), 'utf8'));

async function ethCall(to, data) {
  const response = await fetch(network.rpc_url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_call', params: [{ to, data }, 'latest'] }),
  });
  const answer = await response.json();
  if (answer.error) throw new Error(`eth_call: ${JSON.stringify(answer.error)}`);
  return answer.result;
}

const onchain = decodeGetBatchCommitment(await ethCall(network.registry, encodeGetBatchCommitment(bundle.commitment.batch_id)));
const trust = { sequencerPublicKeys: [network.sequencer_public_key], agentPublicKey: row[5], onchain };
const verdict = verifyReceipt(bundle, trust);
console.log(`Node (@setchain/core) — ${bundle.event.entity_id} ${bundle.event.event_type} of ${row[1]}`);
for (const [check, result] of Object.entries(verdict.checks)) console.log(`  ${check.padEnd(20)} ${result}`);

// A checkout page must refuse a receipt whose order total was edited after signing.
const tampered = structuredClone(bundle);
tampered.event.payload.total_minor += 100;
let refused;
try {
  const tamperedVerdict = verifyReceipt(tampered, trust);
  refused = !tamperedVerdict.valid && Object.keys(tamperedVerdict.reasons).join(', ');
} catch (err) {
  if (!(err instanceof SetError)) throw err;
  refused = err.code;
}
console.log(`  tampered copy        ${refused ? `refused (${refused})` : 'ACCEPTED — this is a bug'}`);
console.log(`  → ${verdict.valid && refused ? 'VALID' : 'INVALID'}`);
process.exit(verdict.valid && refused ? 0 : 1);
