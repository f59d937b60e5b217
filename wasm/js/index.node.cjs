'use strict';
// @setchain/core — Node entry (CommonJS; node/index.mjs re-exports it for `import`).
// The wasm-bindgen glue reads set_wasm_bg.wasm from this folder synchronously at require time,
// so the API is ready at once; `init()` and `initSync()` exist for code shared with browsers.
const glue = require('./set_wasm.cjs');

/** Every error the package throws: `code` is stable, the message names the offending field. */
class SetError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SetError';
  }
}
glue.__registerErrorClass(SetError);

for (const name of Object.keys(glue)) {
  if (!name.startsWith('__')) exports[name] = glue[name];
}
exports.SetError = SetError;
/** Already initialised; resolves at once. */
exports.init = async function init() {};
/** Already initialised; does nothing. */
exports.initSync = function initSync() {};
exports.default = exports.init;
