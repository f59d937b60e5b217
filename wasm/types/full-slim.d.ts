// Types of @setchain/core/full/slim (also importable as @setchain/core/abi/slim): the same API as
// "@setchain/core/full", but the wasm module is not inlined — call `init()` (or `initSync(bytes)`)
// once before anything else.
export * from './full.js';

/** Where `init` gets the module from: a URL, a fetch `Response`, the bytes, or a compiled module. */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** Loads the wasm module once; by default fetches `set_wasm_full_bg.wasm` next to the entry module. */
export function init(input?: InitInput | Promise<InitInput>): Promise<void>;
/** Loads the wasm module once from its bytes or a compiled module. */
export function initSync(bytes: BufferSource | WebAssembly.Module): void;
export default init;
