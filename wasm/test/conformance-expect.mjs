// What a module built without ML-DSA-65 (the checkout module of "@setchain/core") must answer for
// a receipt conformance case (tests/conformance/cases/), and a verdict or error in a case's form
// of an answer: shared by wasm/test/conformance.test.mjs, the web-checkout example's Chromium run
// of the suite and node/test/conformance.test.mjs (@setchain/core-native).

/** The bundle as the case gives it: JSON text for a document that is not JSON, else the object. */
export const bundleOf = (c) => ('bundle_text' in c ? c.bundle_text : c.bundle);

/**
 * A verdict, a `verifyReceipts` entry or a thrown error in the case file's form of an answer
 * (`{ valid, level, checks, signatures }` or `{ error: { code, field } }`); an error must be an
 * instance of `SetError`, the class of the package under test.
 */
/** The answer of calling `fn`: its verdict, or the SetError it throws, as `answerOf` gives it. */
export function answerOfCall(fn, SetError) {
  try {
    return answerOf(fn(), SetError);
  } catch (err) {
    return answerOf(err, SetError);
  }
}

export function answerOf(result, SetError) {
  if (result instanceof Error) {
    if (!(result instanceof SetError)) throw new Error(`not a SetError: ${result}`);
    return { error: { code: result.code, field: result.field } };
  }
  if (result.error) return answerOf(result.error, SetError);
  return { valid: result.valid, level: result.level, checks: result.checks, signatures: result.signatures };
}

const SIGNERS = [
  ['sequencer', 'sequencer_signature'],
  ['agent', 'agent_signature'],
];

/** The reason a build without ML-DSA-65 gives for a signature check it cannot complete. */
export const NOT_VERIFIABLE = /ML-DSA-65 signature cannot be verified by this build/;

/**
 * What a build without ML-DSA-65 must answer for `expect`: each signature check the case expects
 * to pass with an ML-DSA-65 signature verified fails instead (`refused` lists them); errors and
 * every other check are unchanged.
 */
export function withoutMlDsa(expect) {
  if (!('checks' in expect)) return { expect, refused: [] };
  const checks = { ...expect.checks };
  const signatures = { ...expect.signatures };
  const refused = [];
  for (const [signer, check] of SIGNERS) {
    if (expect.signatures[signer].includes('ml-dsa-65')) {
      checks[check] = 'fail';
      signatures[signer] = [];
      refused.push(check);
    }
  }
  const valid = !Object.values(checks).includes('fail');
  return { expect: { valid, level: valid ? expect.level : 'none', checks, signatures }, refused };
}

/** The reason a build without anchor proofs gives for the `anchor_proof` and `output_root` checks. */
export const NO_ANCHOR_PROOFS = /this build does not verify anchor proofs/;

// The levels a build without anchor proofs can reach, strongest first, with the checks each needs.
const LEVELS_WITHOUT_PROOFS = [
  ['anchored', ['receipt_hash', 'sequencer_signature', 'inclusion', 'state_root', 'onchain']],
  ['committed', ['receipt_hash', 'sequencer_signature', 'inclusion', 'state_root']],
  ['sequenced', ['receipt_hash', 'sequencer_signature']],
];

/**
 * What a build without the core's anchor-proof feature (the checkout module of "@setchain/core")
 * must answer for a conformance case: cases without `requires` as written; a `proof-` case with
 * `anchor_proof` and `output_root` skipped (never passed: no level above `anchored`), every other
 * check as the case expects, and the level those checks establish. A `proof-` case that expects
 * an error of `anchor.proof` or of the trust's proof pins (which such a build does not read) is
 * answered as its bundle without the proof: the verdict `proofless` expects (the verdict of the
 * same valid material, `proof-valid-anchored-l1`), with the proof checks skipped.
 */
export function withoutAnchorProof(c, proofless) {
  if (c.requires === undefined) return c.expect;
  const base = 'checks' in c.expect ? c.expect : proofless;
  const checks = { ...base.checks, anchor_proof: 'skipped', output_root: 'skipped' };
  const valid = !Object.values(checks).includes('fail');
  const reached = LEVELS_WITHOUT_PROOFS.find(([, needs]) => needs.every((check) => checks[check] === 'pass'));
  const level = valid && reached ? reached[0] : 'none';
  return { valid, level, checks, signatures: base.signatures };
}

/**
 * Verifies the cases in bulk, one `verifyReceipts(bundles, trustText)` call per trust text (the
 * cases sharing it), and hands each case its answer: `onEntry(c, entry, trustText)` with its
 * entry, or `onError(c, err)` when the call threw (a trust that cannot be used fails the whole
 * call: each case of its group expects that error). Returns the largest group's size and how
 * many cases were answered.
 */
export function verifyInBulk(cases, verifyReceipts, { onEntry, onError }) {
  const groups = new Map();
  for (const c of cases) {
    const key = JSON.stringify(c.trust);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  let answered = 0;
  for (const [trust, group] of groups) {
    let entries;
    try {
      entries = verifyReceipts(group.map(bundleOf), trust);
    } catch (err) {
      for (const c of group) onError(c, err);
      answered += group.length;
      continue;
    }
    if (entries.length !== group.length) throw new Error(`${entries.length} entries for ${group.length} bundles`);
    group.forEach((c, i) => onEntry(c, entries[i], trust));
    answered += group.length;
  }
  return { largestGroup: Math.max(...[...groups.values()].map((group) => group.length)), answered };
}
