// Types of @setchain/core/rpc, written by hand (kept in step by wasm/test/types.test.mjs).
import type { BundleInput, Trust, Verdict } from './index.js';

export { SetError } from './index.js';

/**
 * The core's verdict on `bundle` with the commitment read over JSON-RPC (`fetch`) at `rpcUrl` from
 * the SetRegistry that `trustRoot` pins (never the bundle's). Throws `WRONG_CHAIN` when the RPC
 * serves another chain than the pinned one (after asking it nothing but `eth_chainId`),
 * `CHAIN_RPC` when a request fails. Pass `verifyReceipt` of `@setchain/core/full` for ML-DSA-65
 * (hybrid, pqc-strict) receipts.
 */
export function verifyOnlineWithRpc(
  rpcUrl: string,
  bundle: BundleInput,
  trustRoot: Trust | string,
  options?: {
    fetch?: typeof globalThis.fetch;
    verifyReceipt?: (bundle: BundleInput, trust: Trust | string) => Verdict;
    /** Longest wait for one request (default 20,000 ms). */
    requestTimeoutMs?: number;
  },
): Promise<Verdict>;
