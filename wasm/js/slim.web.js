// @setchain/core/slim — the same API without the inlined wasm, for pages that want the
// browser's streaming compilation: call `await init()` (fetches set_wasm_bg.wasm next to this
// file, a URL Vite and webpack rewrite) or `initSync(bytes)` before any other function.
import instantiateAsync, { initSync as instantiateSync, __registerErrorClass } from './set_wasm.js';
import { SetError, bigintAsText } from './set-error.js';

export * from './set_wasm.js';
export { SetError };

let initialised = false;

/**
 * Loads the wasm module once. `input` may be a URL, a `Response`, a `BufferSource` or a
 * `WebAssembly.Module`; by default the file next to this module is fetched.
 */
export async function init(input) {
  if (initialised) return;
  await instantiateAsync(input === undefined ? undefined : { module_or_path: input });
  __registerErrorClass(SetError, bigintAsText);
  initialised = true;
}

/** Loads the wasm module once from its bytes (`BufferSource`) or a `WebAssembly.Module`. */
export function initSync(bytes) {
  if (initialised) return;
  if (bytes === undefined) throw new TypeError('initSync(bytes): the wasm module bytes are required');
  instantiateSync({ module: bytes });
  __registerErrorClass(SetError, bigintAsText);
  initialised = true;
}

export default init;
