'use strict';
// @setchain/core-native — the Set SDK core compiled for this machine (napi-rs), for Node
// servers: receipt verification (one bundle or many) and the store agent's signing, with the
// arguments, answers and errors of @setchain/core/full. Loads set-core-native.<platform>.node
// from this folder; index.mjs re-exports this file for `import`.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const { BINARY_NAME, platformName } = require('./platform.cjs');
const { SetError, bigintAsText } = require('./set-error.cjs');

const platform = platformName();
const file = join(__dirname, `${BINARY_NAME}.${platform}.node`);
let native;
try {
  native = require(file);
} catch (err) {
  if (err.code !== 'MODULE_NOT_FOUND' || !String(err.message).includes(file)) throw err;
  const prefix = `${BINARY_NAME}.`;
  const built = readdirSync(__dirname)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.node'))
    .map((name) => name.slice(prefix.length, -'.node'.length));
  throw new Error(
    `@setchain/core-native has no binary for this platform (${platform}); it has: ${built.join(', ') || 'none'}. ` +
      'Build it here (make node-native), or use @setchain/core (WebAssembly, every platform).',
  );
}

// The native side's JSON text of a JS value: JSON.stringify; `[text]` when only the replacer
// writing a bigint as its decimal string takes it (the native side then looks for the bigint in
// an event payload, which has no JSON form that keeps its hash); undefined when neither does.
// Plain JSON.stringify first: a replacer costs a JS call for every key.
function jsonText(value) {
  try {
    return JSON.stringify(value);
  } catch {
    try {
      return [JSON.stringify(value, bigintAsText)];
    } catch {
      return undefined;
    }
  }
}
native.__register(SetError, jsonText, JSON.parse);

// A copy of a verdict (plain JSON data) that shares nothing with it: a caller may edit an entry.
function copyVerdict(value) {
  if (Array.isArray(value)) return value.map(copyVerdict);
  if (value === null || typeof value !== 'object') return value;
  const copy = {};
  for (const key of Object.keys(value)) {
    // JSON.parse keeps a "__proto__" key as data; plain assignment would set the prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: copyVerdict(value[key]), enumerable: true, writable: true, configurable: true });
    else copy[key] = copyVerdict(value[key]);
  }
  return copy;
}

const NO_VERDICT = 0xffffffff;

/**
 * Verifies many bundles against one trust document: one entry per bundle, in order, each the
 * verdict `verifyReceipt` gives for it alone, or `{ valid: false, level: "none", checks: {},
 * reasons: {}, error }` for a bundle that cannot be read. Each distinct verdict crosses from the
 * native side once; every further entry with it is its own copy.
 */
function verifyReceipts(bundles, trust) {
  const { distinct, order, errors } = native.__verifyReceipts(bundles, trust);
  const handedOut = new Uint8Array(distinct.length);
  const entries = new Array(order.length);
  for (let i = 0; i < order.length; i += 1) {
    const k = order[i];
    if (k === NO_VERDICT) entries[i] = errors[i];
    else if (handedOut[k]) entries[i] = copyVerdict(distinct[k]);
    else {
      handedOut[k] = 1;
      entries[i] = distinct[k];
    }
  }
  return entries;
}

exports.verifyReceipt = native.verifyReceipt;
exports.verifyReceipts = verifyReceipts;
exports.AgentSigner = native.AgentSigner;
exports.UnsignedEvent = native.UnsignedEvent;
exports.agentPublicKey = native.agentPublicKey;
exports.SetError = SetError;
/** The platform whose binary was loaded (`linux-x64-gnu`). */
exports.platform = platform;
// For wasm/bench/verify.mjs only (Rust's bulk in this process, under the same load); not API.
exports.__rustBulkFromText = native.__rustBulkFromText;
