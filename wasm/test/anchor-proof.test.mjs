// Anchor proofs through "@setchain/core/full": verifyAnchorProof answers each proof- conformance
// case (tests/conformance/cases/proof-*.json) with the checks verifyReceipt gives, and each
// refusal as a SetError naming its code and the field or proof node at fault; a producer's
// attachAnchorProof and upgradeAnchorProof return the bundles of tests/vectors/anchor-proof.json
// byte for byte.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { full, vectors } from './helpers.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'conformance', 'cases');
const cases = new Map(
  readdirSync(dir)
    .filter((file) => file.startsWith('proof-') && file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')))
    .map((c) => [c.name, c]),
);

// Case -> the failed checks' [code, field]; every other proof check passes or is skipped.
const REFUSALS = {
  'proof-another-account': { anchor_proof: ['PROOF_WRONG_ACCOUNT', 'anchor.proof.address'] },
  'proof-before-the-commitment-landed': { anchor_proof: ['PROOF_NOT_COMMITTED', 'anchor.proof.storage_proof[0].value'] },
  'proof-of-another-batch': { anchor_proof: ['PROOF_WRONG_SLOT', 'anchor.proof.storage_proof[0].key'] },
  'proof-output-at-another-oracle': {
    anchor_proof: ['UNTRUSTED_L2_HEADER', 'anchor.proof.l2_header'],
    output_root: ['WRONG_L1_LOCATION', 'anchor.proof.output.l1.contract'],
  },
  'proof-output-of-another-l2-block': {
    anchor_proof: ['UNTRUSTED_L2_HEADER', 'anchor.proof.l2_header'],
    output_root: ['OUTPUT_ROOT_MISMATCH', 'anchor.proof.output.state_root'],
  },
  'proof-output-root-not-pinned': {
    anchor_proof: ['UNTRUSTED_L2_HEADER', 'anchor.proof.l2_header'],
    output_root: ['UNTRUSTED_OUTPUT_ROOT', 'anchor.proof.output.output_root'],
  },
  'proof-tamper-account-root-node': { anchor_proof: ['PROOF_NODE_MISMATCH', 'anchor.proof.account_proof[0]'] },
  'proof-tamper-storage-leaf-node': { anchor_proof: ['PROOF_NODE_MISMATCH', 'anchor.proof.storage_proof[2].proof[1]'] },
  'proof-tamper-storage-hash': { anchor_proof: ['PROOF_VALUE_MISMATCH', 'anchor.proof.storage_hash'] },
  'proof-tamper-slot-value': { anchor_proof: ['PROOF_COMMITMENT_MISMATCH', 'anchor.proof.storage_proof[0].value'] },
  'proof-tamper-output-version': {
    anchor_proof: ['UNTRUSTED_L2_HEADER', 'anchor.proof.l2_header'],
    output_root: ['UNSUPPORTED_OUTPUT_VERSION', 'anchor.proof.output.version'],
  },
  'proof-untrusted-header': { anchor_proof: ['UNTRUSTED_L2_HEADER', 'anchor.proof.l2_header'] },
};

test('verifyAnchorProof answers every proof- case as verifyReceipt does', () => {
  assert.ok(cases.size >= 30, `${cases.size} proof- cases`);
  for (const c of cases.values()) {
    if ('error' in c.expect) {
      assert.throws(
        () => full.verifyAnchorProof(c.bundle, c.trust),
        (err) => err instanceof full.SetError && err.code === c.expect.error.code && err.field === c.expect.error.field,
        c.name,
      );
      continue;
    }
    const answer = full.verifyAnchorProof(JSON.stringify(c.bundle), JSON.stringify(c.trust));
    assert.deepEqual(answer.checks, { anchor_proof: c.expect.checks.anchor_proof, output_root: c.expect.checks.output_root }, c.name);
    for (const [check, status] of Object.entries(answer.checks)) {
      assert.equal(status === 'pass', answer.reasons[check] === undefined, `${c.name}: ${check} reason`);
      assert.equal(status === 'fail', answer.errors[check] instanceof full.SetError, `${c.name}: ${check} error`);
    }
  }
});

test('verifyAnchorProof names the code and the field or proof node of each refusal', () => {
  for (const [name, refusals] of Object.entries(REFUSALS)) {
    const c = cases.get(name);
    const answer = full.verifyAnchorProof(c.bundle, c.trust);
    const got = Object.fromEntries(Object.entries(answer.errors).map(([check, err]) => [check, [err.code, err.field]]));
    assert.deepEqual(got, refusals, name);
    for (const err of Object.values(answer.errors)) assert.equal(err.module, 'anchor_proof', name);
    // The receipt verdict's reason is the same error's message, starting with its field.
    const verdict = full.verifyReceipt(c.bundle, c.trust);
    for (const [check, [, field]] of Object.entries(refusals)) assert.ok(verdict.reasons[check].startsWith(field), `${name}: ${check}`);
  }
});

test('verifyReceipt reaches anchored-l2-proof and anchored-l1 with a proof', () => {
  const l1 = full.verifyReceipt(cases.get('proof-valid-anchored-l1').bundle, cases.get('proof-valid-anchored-l1').trust);
  assert.equal(l1.level, 'anchored-l1');
  assert.deepEqual([l1.checks.anchor_proof, l1.checks.output_root], ['pass', 'pass']);
  const l2 = cases.get('proof-valid-anchored-l2-proof');
  assert.equal(full.verifyReceipt(l2.bundle, l2.trust).level, 'anchored-l2-proof');
  assert.deepEqual(full.verifyAnchorProof(l2.bundle, l2.trust).errors, {});
});

const production = vectors('anchor-proof.json');

test('a producer attaches and upgrades a proof that verifies at anchored-l1', () => {
  const v = production;
  const attached = full.attachAnchorProof(v.bundle, v.eth_getBlockByNumber, v.eth_getProof, v.registry);
  assert.equal(attached, v.attached);
  const upgraded = full.upgradeAnchorProof(attached, v.eth_getBlockByNumber, v.message_passer_eth_getProof, v.l1);
  assert.equal(upgraded, v.upgraded);
  // The bundle as an object, the answers as text, the L1 numbers as bigints: the same bytes.
  const l1 = { ...v.l1, chain_id: BigInt(v.l1.chain_id), index: BigInt(v.l1.index) };
  const again = full.upgradeAnchorProof(JSON.parse(attached), JSON.stringify(v.eth_getBlockByNumber), JSON.stringify(v.message_passer_eth_getProof), l1);
  assert.equal(again, upgraded);
  // Attaching the same proof again changes nothing.
  assert.equal(full.attachAnchorProof(upgraded, v.eth_getBlockByNumber, v.eth_getProof, v.registry), upgraded);
  assert.deepEqual(full.verifyAnchorProof(upgraded, v.trust).checks, { anchor_proof: 'pass', output_root: 'pass' });
  assert.equal(full.verifyReceipt(upgraded, v.trust).level, 'anchored-l1');
  assert.notEqual(full.verifyReceipt(attached, v.trust).level, 'anchored-l1');
});

test('anchorProofRequests lists what a producer asks its nodes', () => {
  const r = production.requests;
  assert.deepEqual(full.anchorProofRequests(r.batch_id, r.registry, r.l2_block_number, r.output_index), r.expected);
  const withoutIndex = full.anchorProofRequests(r.batch_id, r.registry, BigInt(r.l2_block_number));
  assert.equal(withoutIndex.getL2Output, undefined);
  assert.deepEqual(withoutIndex.eth_getProof, r.expected.eth_getProof);
});

test('a producer is refused evidence that does not belong to the bundle', () => {
  const v = production;
  const refused = (fn, code, field) =>
    assert.throws(fn, (err) => err instanceof full.SetError && err.module === 'anchor_proof' && err.code === code && err.field === field);
  refused(() => full.attachAnchorProof(v.bundle, v.eth_getBlockByNumber, v.eth_getProof, v.refusals.another_registry.registry), 'PROOF_NOT_ATTACHABLE', 'anchor.registry');
  refused(() => full.upgradeAnchorProof(v.attached, v.eth_getBlockByNumber, v.message_passer_eth_getProof, v.refusals.next_output_l1.l1), 'OUTPUT_ROOT_MISMATCH', 'l1.get_l2_output');
  const other = v.refusals.next_output_block;
  refused(() => full.upgradeAnchorProof(v.attached, other.eth_getBlockByNumber, other.message_passer_eth_getProof), other.error.code, other.error.field);
  // The L2ToL1MessagePasser's answer offered as the registry's.
  refused(() => full.attachAnchorProof(v.bundle, v.eth_getBlockByNumber, v.message_passer_eth_getProof, v.registry), 'INVALID_RPC_ANSWER', 'eth_getProof.address');
});
