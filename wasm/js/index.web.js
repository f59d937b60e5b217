// @setchain/core — default entry for browsers and bundlers (Vite, webpack, esbuild).
// The wasm module is inlined (base64) and instantiated synchronously when this module is first
// imported, so every function works at once: no top-level await, no fetch, no bundler plugin.
// `init()` and `initSync()` exist for code shared with the "@setchain/core/slim" entry.
import { initSync as instantiate, __registerErrorClass } from './set_wasm.js';
import { wasmBase64 } from './set_wasm_inline.js';
import { SetError } from './set-error.js';

export * from './set_wasm.js';
export { SetError };

function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

instantiate({ module: decodeBase64(wasmBase64) });
__registerErrorClass(SetError);

/** Already initialised by this entry; resolves at once. */
export async function init() {}

/** Already initialised by this entry; does nothing. */
export function initSync() {}

export default init;
