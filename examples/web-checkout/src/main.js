// The checkout page: verify a set-receipt-v1 bundle with @setchain/core and show, check by
// check, whether the order was sequenced, included in a commitment and anchored on-chain.
// The default entry needs no init: the wasm module is inlined and ready on import.
import { SetError, decodeGetBatchCommitment, encodeGetBatchCommitment, verifyReceipt } from '@setchain/core';
// The samples are cases of the shared vectors, so the page shows what every suite checks.
import receipts from '../../../tests/vectors/receipts.json';

// What a shopper cares about, and the receipt checks (docs/protocol.md, "Checks") each stage needs.
const STAGES = [
  { name: 'Sequenced', checks: ['payload_hash', 'agent_signature', 'receipt_hash', 'sequencer_signature'] },
  { name: 'Included', checks: ['inclusion', 'state_root'] },
  { name: 'Anchored', checks: ['onchain'] },
];

const sample = receipts.valid.find((c) => c.trust.onchain) ?? receipts.valid[0];
const tampered = receipts.tampered.find((c) => c.name === 'proof_sibling_flipped') ?? receipts.tampered[0];

const $ = (id) => document.getElementById(id);

function load(c) {
  $('bundle').value = JSON.stringify(c.bundle, null, 2);
  $('trust').value = JSON.stringify(c.trust, null, 2);
  $('result').hidden = true;
  $('error').hidden = true;
}

function stageStatus(checks, names) {
  const results = names.map((name) => checks[name]);
  if (results.includes('fail')) return 'fail';
  if (results.every((result) => result === 'skipped')) return 'skipped';
  return 'pass';
}

function show(verdict) {
  const title = $('verdict');
  title.textContent = verdict.valid ? 'Receipt verified' : 'Receipt NOT verified';
  title.className = verdict.valid ? 'valid' : 'invalid';
  $('stages').replaceChildren(
    ...STAGES.map((stage) => {
      const item = document.createElement('li');
      const status = stageStatus(verdict.checks, stage.checks);
      item.dataset.stage = stage.name.toLowerCase();
      item.dataset.status = status;
      item.textContent = `${stage.name}: ${status}`;
      return item;
    }),
  );
  $('checks').tBodies[0].replaceChildren(
    // In the order of the stages above rather than the verdict's (alphabetical) key order.
    ...STAGES.flatMap((stage) => stage.checks).map((check) => {
      const status = verdict.checks[check];
      const row = document.createElement('tr');
      row.dataset.check = check;
      const cells = [check, status, verdict.reasons[check] ?? ''].map((text) => {
        const cell = document.createElement('td');
        cell.textContent = text;
        return cell;
      });
      cells[1].dataset.status = status;
      row.append(...cells);
      return row;
    }),
  );
  $('result').hidden = false;
}

async function rpc(url, method, params) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const answer = await response.json();
  if (answer.error) throw new Error(`${method}: ${answer.error.message ?? JSON.stringify(answer.error)}`);
  return answer.result;
}

// With an RPC URL, the on-chain record comes from the chain the bundle names (its `anchor`), not
// from the trust JSON: one eth_call of SetRegistry.getBatchCommitment.
async function readOnchain(url, bundle) {
  if (!bundle.anchor) throw new Error('anchor: the bundle does not say where it was anchored');
  const chainId = BigInt(await rpc(url, 'eth_chainId', []));
  if (chainId !== BigInt(bundle.anchor.chain_id)) {
    throw new Error(`anchor.chain_id: the bundle names chain ${bundle.anchor.chain_id}, the RPC serves ${chainId}`);
  }
  const data = encodeGetBatchCommitment(bundle.commitment.batch_id);
  const onchain = decodeGetBatchCommitment(await rpc(url, 'eth_call', [{ to: bundle.anchor.registry, data }, 'latest']));
  $('onchain-source').textContent = `On-chain record read from SetRegistry ${bundle.anchor.registry} on chain ${chainId}.`;
  $('onchain-source').hidden = false;
  return onchain;
}

async function verify() {
  $('error').hidden = true;
  $('onchain-source').hidden = true;
  try {
    const url = $('rpc').value.trim();
    let trust = $('trust').value;
    if (url) {
      const parsedTrust = JSON.parse(trust);
      parsedTrust.onchain = await readOnchain(url, JSON.parse($('bundle').value));
      trust = parsedTrust;
    }
    show(verifyReceipt($('bundle').value, trust));
  } catch (err) {
    $('result').hidden = true;
    $('error').textContent = err instanceof SetError ? `${err.code}: ${err.message}` : String(err);
    $('error').hidden = false;
  }
  document.body.dataset.verified = String(Date.now());
}

$('sample-valid').addEventListener('click', () => load(sample));
$('sample-tampered').addEventListener('click', () => load(tampered));
$('verify').addEventListener('click', verify);
$('rpc').value = new URLSearchParams(location.search).get('rpc') ?? '';
load(sample);
document.body.dataset.ready = 'true';
