// Verify one order's receipt bundle from Node with @setchain/core against the app's pinned
// network: signatures, hashes, the inclusion proof and the bundle's anchor claim in wasm; the
// commitment read by the SDK's client (`verifyOnline`) with one eth_call from the SetRegistry
// that trust-root.json pins, on an RPC whose eth_chainId must be the pinned chain id (WRONG_CHAIN
// otherwise) — never from the registry the bundle names. Then shows that a copy with the order
// total edited, and a copy whose anchor names another registry, are refused. (With viem or ethers,
// `verifyOnlineWithViem` / `verifyOnlineWithEthers` from @setchain/core/viem, /ethers do the same.)
//
// The client (@setchain/core/client) runs on `@setchain/core/full`, the module with ML-DSA-65: the
// checkout entry `@setchain/core` keeps its size down by leaving ML-DSA-65 out and reports such a
// signature as not verifiable, so it refuses the receipts of a hybrid network (`make demo-hybrid`,
// whose trust root pins the sequencer's ML-DSA-65 key with the policy require-hybrid). Node has no
// size budget. On a hybrid export it also refuses a copy whose receipt has one bit of its
// ML-DSA-65 signature flipped.
//
//   node examples/node/verify-receipt.mjs target/demo/export [bundles/NN-….json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, SetError } from '@setchain/core/client';

const [exportDir, wanted] = process.argv.slice(2);
if (!exportDir) {
  console.error('usage: verify-receipt.mjs EXPORT_DIR [BUNDLE_FILE]');
  process.exit(2);
}
// What the app trusts (a set-trust-root-v1 document), and where it reads the chain.
const trustRoot = JSON.parse(readFileSync(join(exportDir, 'trust-root.json'), 'utf8'));
const rpcUrl = readFileSync(join(exportDir, 'rpc-url.txt'), 'utf8').trim();
// index.tsv columns: file, store, order_id, sequence_number, batch_id, agent_public_key, and in a
// hybrid export agent_ml_dsa_65_public_key.
const rows = readFileSync(join(exportDir, 'index.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const row = rows.find(([file]) => wanted === undefined || file === wanted);
if (!row) throw new Error(`${wanted} is not in index.tsv`);
const bundle = JSON.parse(readFileSync(join(exportDir, row[0]), 'utf8'));

// What the app trusts, with the store's agent key(s) from the export: the client reads only the
// chain (no sequencer URL is needed to verify).
const trust = { ...trustRoot, agentPublicKey: row[5] };
if (row[6]) trust.agentMlDsa65PublicKey = row[6];
const client = new Client({ trustRoot: trust, rpcUrl });
let verdict;
try {
  verdict = await client.verifyOnline(bundle);
} catch (err) {
  if (!(err instanceof SetError) || err.code !== 'WRONG_CHAIN') throw err;
  console.error(err.message);
  process.exit(2);
}
console.log(`Node (@setchain/core/full) — ${bundle.event.entity_id} ${bundle.event.event_type} of ${row[1]}`);
console.log(`  ${'pinned'.padEnd(20)} ${trustRoot.network} · chain ${trustRoot.chain_id} · SetRegistry ${trustRoot.registry} · signature policy ${trustRoot.signature_policy ?? 'default'}`);
for (const [check, result] of Object.entries(verdict.checks)) {
  console.log(`  ${check.padEnd(20)} ${result}${verdict.reasons[check] ? ` — ${verdict.reasons[check]}` : ''}`);
}
console.log(`  ${'level'.padEnd(20)} ${verdict.level}`);

// A checkout page must refuse a receipt whose order total was edited after signing, and one
// that claims an anchoring at a registry other than the pinned one.
async function refusal(copy) {
  try {
    const copyVerdict = await client.verifyOnline(copy);
    return !copyVerdict.valid && Object.keys(copyVerdict.checks).filter((c) => copyVerdict.checks[c] === 'fail').join(', ');
  } catch (err) {
    if (!(err instanceof SetError)) throw err;
    return err.code;
  }
}
const edited = structuredClone(bundle);
edited.event.payload.total_minor += 100;
const elsewhere = structuredClone(bundle);
elsewhere.anchor.registry = '0x' + 'ee'.repeat(20);
const refusals = [
  ['edited total copy', await refusal(edited)],
  ['other registry copy', await refusal(elsewhere)],
];
// A hybrid receipt: one bit of its ML-DSA-65 signature flipped, the Ed25519 half intact.
const mlDsa = bundle.receipt.receipt_signature_bundle?.ml_dsa_65_signature;
if (mlDsa) {
  const flipped = structuredClone(bundle);
  const at = 2 + 2 * 1000; // byte 1000, after the 0x
  const nibble = (parseInt(mlDsa[at + 1], 16) ^ 1).toString(16);
  flipped.receipt.receipt_signature_bundle.ml_dsa_65_signature = mlDsa.slice(0, at + 1) + nibble + mlDsa.slice(at + 2);
  refusals.push(['ML-DSA flipped copy', await refusal(flipped)]);
}
for (const [name, refused] of refusals) {
  console.log(`  ${name.padEnd(20)} ${refused ? `refused (${refused})` : 'ACCEPTED — this is a bug'}`);
}

const failed = Object.keys(verdict.checks).filter((check) => verdict.checks[check] === 'fail');
if (verdict.valid && refusals.every(([, refused]) => refused)) {
  console.log(`  → VALID · level ${verdict.level}`);
  process.exit(0);
}
console.log(`  → INVALID · failed: ${failed.length ? failed.join(', ') : 'a forged copy was accepted'}`);
process.exit(1);
