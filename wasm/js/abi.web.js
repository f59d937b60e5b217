// @setchain/core/abi — default entry for browsers and bundlers: the generic SetRegistry and
// SetPaymaster decoders and the SetPaymaster bindings, in their own wasm module (set_wasm_abi).
// The wasm module is inlined (base64) and instantiated synchronously when this module is first
// imported, so every function works at once: no top-level await, no fetch, no bundler plugin.
// `init()` and `initSync()` exist for code shared with the "@setchain/core/abi/slim" entry.
import { initSync as instantiate, __registerErrorClass } from './set_wasm_abi.js';
import { wasmBase64 } from './set_wasm_abi_inline.js';
import { SetError } from './set-error.js';
import { decodeBase64 } from './base64.js';

export * from './set_wasm_abi.js';
export { SetError };

instantiate({ module: decodeBase64(wasmBase64) });
__registerErrorClass(SetError);

/** Already initialised by this entry; resolves at once. */
export async function init() {}

/** Already initialised by this entry; does nothing. */
export function initSync() {}

export default init;
