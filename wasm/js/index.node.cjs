'use strict';
// @setchain/core — Node entry (CommonJS; node/index.mjs re-exports it for `import`).
// The wasm-bindgen glue reads set_wasm_bg.wasm from this folder synchronously at require time,
// so the API is ready at once; `init()` and `initSync()` exist for code shared with browsers.
// The generic ABI decoders and the SetPaymaster bindings are in node/abi.cjs ("@setchain/core/abi").
const glue = require('./set_wasm.cjs');

const { SetError, bigintAsText } = require('./set-error.cjs');
glue.__registerErrorClass(SetError, bigintAsText);

for (const name of Object.keys(glue)) {
  if (!name.startsWith('__')) exports[name] = glue[name];
}
exports.SetError = SetError;
/** Already initialised; resolves at once. */
exports.init = async function init() {};
/** Already initialised; does nothing. */
exports.initSync = function initSync() {};
exports.default = exports.init;
