// @setchain/core — default entry for browsers and bundlers (Vite, webpack, esbuild).
// The wasm module is inlined (hex) and instantiated synchronously when this module is first
// imported, so every function works at once: no top-level await, no fetch, no bundler plugin.
// The generic ABI decoders and the SetPaymaster bindings are in "@setchain/core/abi" (own module).
// `init()` and `initSync()` exist for code shared with the "@setchain/core/slim" entry.
import { initSync as instantiate, __registerErrorClass } from './set_wasm.js';
import { wasmHex } from './set_wasm_inline.js';
import { SetError, bigintAsText } from './set-error.js';
import { decodeHex } from './hex.js';

export * from './set_wasm.js';
export { SetError };

instantiate({ module: decodeHex(wasmHex) });
__registerErrorClass(SetError, bigintAsText);

/** Already initialised by this entry; resolves at once. */
export async function init() {}

/** Already initialised by this entry; does nothing. */
export function initSync() {}

export default init;
