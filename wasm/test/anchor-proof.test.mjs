// Anchor proofs through "@setchain/core/full": verifyAnchorProof answers each proof- conformance
// case (tests/conformance/cases/proof-*.json) with the checks verifyReceipt gives, and each
// refusal as a SetError naming its code and the field or proof node at fault.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { full } from './helpers.mjs';

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
