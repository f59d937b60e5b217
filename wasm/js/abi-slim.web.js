// @setchain/core/abi/slim — the API of "@setchain/core/abi" without the inlined wasm: call
// `await init()` (fetches set_wasm_abi_bg.wasm next to this file, a URL Vite and webpack
// rewrite) or `initSync(bytes)` before any other function.
import instantiateAsync, { initSync as instantiateSync, __registerErrorClass } from './set_wasm_abi.js';
import { SetError } from './set-error.js';

export * from './set_wasm_abi.js';
export { SetError };

let initialised = false;

/**
 * Loads the wasm module once. `input` may be a URL, a `Response`, a `BufferSource` or a
 * `WebAssembly.Module`; by default the file next to this module is fetched.
 */
export async function init(input) {
  if (initialised) return;
  await instantiateAsync(input === undefined ? undefined : { module_or_path: input });
  __registerErrorClass(SetError);
  initialised = true;
}

/** Loads the wasm module once from its bytes (`BufferSource`) or a `WebAssembly.Module`. */
export function initSync(bytes) {
  if (initialised) return;
  if (bytes === undefined) throw new TypeError('initSync(bytes): the wasm module bytes are required');
  instantiateSync({ module: bytes });
  __registerErrorClass(SetError);
  initialised = true;
}

export default init;
