// The checkout page: verify a receipt bundle with @setchain/core against the network the page is
// configured with, and show how far the evidence goes (Sequenced, Committed, Anchored on Set
// Chain), check by check. The default entry needs no init: the wasm module is inlined and ready
// on import.
//
// Configuration, served with the page (never taken from the bundle or the page's address):
//   trust-root.json  the set-trust-root-v1 document the page trusts: network name, chain id,
//                    SetRegistry, sequencer keys;
//   rpc-url.txt      optional: the RPC the page reads the chain through (its eth_chainId must be
//                    the pinned chain id); the RPC field starts with it.
import { SetError, verifyReceipt } from '@setchain/core';
// The chain read through the SDK: eth_chainId must be the pinned chain id (WRONG_CHAIN otherwise,
// nothing else asked), then one eth_call of getBatchCommitment at the pinned registry. It runs on
// the checkout module above (no second wasm module, no viem or ethers).
import { verifyOnlineWithRpc } from '@setchain/core/rpc';
// The samples are cases of the conformance suite, so the page shows what every suite checks.
import validCase from '../../../tests/conformance/cases/valid-anchored-from-return-data.json';
import tamperedCase from '../../../tests/conformance/cases/tamper-proof-sibling.json';
import elsewhereCase from '../../../tests/conformance/cases/anchor-other-registry.json';

// The levels, weakest first, with what the shopper reads and the checks each stage adds
// (docs/protocol.md, "Checks").
const STAGES = [
  { level: 'sequenced', title: 'Sequenced', checks: ['payload_hash', 'agent_signature', 'receipt_hash', 'sequencer_signature'] },
  { level: 'committed', title: 'Committed', checks: ['inclusion', 'state_root'] },
  { level: 'anchored', title: 'Anchored on Set Chain', checks: ['anchor', 'onchain'] },
];
const LEVELS = ['none', ...STAGES.map((stage) => stage.level)];

const $ = (id) => document.getElementById(id);
let trustRoot;

async function loadConfiguration() {
  const response = await fetch('trust-root.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`trust-root.json: HTTP ${response.status}`);
  // Read by the core with every receipt: a malformed document shows as the error of the first
  // verification, naming the field (trust.registry, …).
  trustRoot = await response.json();
  if (trustRoot.format !== 'set-trust-root-v1') throw new Error('trust-root.json is not a set-trust-root-v1 document');
  const keys = trustRoot.sequencer_public_keys.length;
  $('network').textContent =
    `Pinned network: ${trustRoot.network} · chain ${trustRoot.chain_id} · SetRegistry ${trustRoot.registry} · ` +
    `${keys} sequencer key${keys === 1 ? '' : 's'}`;
  const rpc = await fetch('rpc-url.txt', { cache: 'no-store' });
  const url = rpc.ok ? (await rpc.text()).trim() : '';
  // A dev server answers unknown paths with the page itself: only a URL counts.
  if (/^https?:\/\/\S+$/.test(url)) $('rpc').value = url;
}

function load(c) {
  $('bundle').value = JSON.stringify(c.bundle, null, 2);
  $('agent-key').value = c.trust.agent_public_key ?? '';
  $('result').hidden = true;
  $('error').hidden = true;
}

// A stage passes when the verdict's level reaches it, fails when one of its checks failed, and
// is otherwise not established (a check skipped: no RPC, no agent key).
function stageStatus(verdict, stage) {
  if (stage.checks.some((check) => verdict.checks[check] === 'fail')) return 'fail';
  return LEVELS.indexOf(verdict.level) >= LEVELS.indexOf(stage.level) ? 'pass' : 'skipped';
}

function show(verdict) {
  const title = $('verdict');
  title.textContent = verdict.valid ? 'Receipt verified' : 'Receipt NOT verified';
  title.className = verdict.valid ? 'valid' : 'invalid';
  const reached = STAGES.find((stage) => stage.level === verdict.level);
  $('level').dataset.level = verdict.level;
  $('level').textContent = reached ? reached.title : verdict.valid ? verdict.level : 'Not established: a check failed';
  $('stages').replaceChildren(
    ...STAGES.map((stage) => {
      const item = document.createElement('li');
      const status = stageStatus(verdict, stage);
      item.dataset.stage = stage.level;
      item.dataset.status = status;
      item.textContent = `${stage.title}: ${status === 'skipped' ? 'not established' : status}`;
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

async function verify() {
  $('error').hidden = true;
  $('onchain-source').hidden = true;
  try {
    const text = $('bundle').value;
    const trust = { ...trustRoot };
    const agentKey = $('agent-key').value.trim();
    if (agentKey) trust.agent_public_key = agentKey;
    // Offline first: a malformed bundle is reported (code and field) before any request.
    let verdict = verifyReceipt(text, trust);
    const url = $('rpc').value.trim();
    if (url) {
      // The commitment as the pinned SetRegistry on the pinned chain stores it, whatever the
      // bundle's `anchor` says (the core compares that claim with the pinned network: `anchor`).
      verdict = await verifyOnlineWithRpc(url, text, trust);
      $('onchain-source').textContent = `On-chain record read from the pinned SetRegistry ${trustRoot.registry} on chain ${trustRoot.chain_id}.`;
      $('onchain-source').hidden = false;
    } else {
      $('onchain-source').textContent = 'No RPC: the commitment was not read from the pinned SetRegistry.';
      $('onchain-source').hidden = false;
    }
    show(verdict);
  } catch (err) {
    $('result').hidden = true;
    $('error').textContent = err instanceof SetError ? `${err.code}: ${err.message}` : String(err);
    $('error').hidden = false;
  }
  document.body.dataset.verified = String(Date.now());
}

$('sample-valid').addEventListener('click', () => load(validCase));
$('sample-tampered').addEventListener('click', () => load(tamperedCase));
$('sample-elsewhere').addEventListener('click', () => load(elsewhereCase));
$('verify').addEventListener('click', verify);
load(validCase);
loadConfiguration().then(
  () => {
    $('verify').disabled = false;
    document.body.dataset.ready = 'true';
  },
  (err) => {
    $('network').textContent = `No usable trust root, so nothing can be verified: ${err.message}`;
    $('network').classList.add('missing');
    document.body.dataset.ready = 'error';
  },
);
