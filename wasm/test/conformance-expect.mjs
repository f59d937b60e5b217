// What a module built without ML-DSA-65 (the checkout module of "@setchain/core") must answer for
// a receipt conformance case (tests/conformance/cases/): shared by wasm/test/conformance.test.mjs
// and the web-checkout example's Chromium run of the suite.

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
