// The checkout page: verify a set-receipt-v1 bundle with @setchain/core and show, check by
// check, whether the order was sequenced, included in a commitment and anchored on-chain.
// The default entry needs no init: the wasm module is inlined and ready on import.
import { SetError, verifyReceipt } from '@setchain/core';
// The samples are cases of the shared vectors, so the page shows what every suite checks.
import receipts from '../../../tests/vectors/receipts.json';

// What a shopper cares about, and the checks (SPEC §2.4) each stage needs.
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

function verify() {
  $('error').hidden = true;
  try {
    show(verifyReceipt($('bundle').value, $('trust').value));
  } catch (err) {
    $('result').hidden = true;
    $('error').textContent = err instanceof SetError ? `${err.code}: ${err.message}` : String(err);
    $('error').hidden = false;
  }
}

$('sample-valid').addEventListener('click', () => load(sample));
$('sample-tampered').addEventListener('click', () => load(tampered));
$('verify').addEventListener('click', verify);
load(sample);
document.body.dataset.ready = 'true';
