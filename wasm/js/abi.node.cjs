'use strict';
// @setchain/core/abi — Node entry (CommonJS; node/abi.mjs re-exports it for `import`).
// The wasm-bindgen glue reads set_wasm_abi_bg.wasm from this folder synchronously at require time,
// so the API is ready at once; `init()` and `initSync()` exist for code shared with browsers.
const glue = require('./set_wasm_abi.cjs');

const { SetError } = require('./set-error.cjs');
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
