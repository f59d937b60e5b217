// Types of @setchain/core/viem, written by hand. viem is an optional peer dependency: the client is
// typed by what is called on it, which a viem PublicClient satisfies.
import type { BundleInput, Trust, Verdict } from './index.js';

export { SetError } from './index.js';

/** What the adapter calls on a viem PublicClient (`createPublicClient({ transport: http(url) })`). */
export interface ViemPublicClientLike {
  getChainId(): Promise<number>;
  call(args: { to: `0x${string}`; data: `0x${string}` }): Promise<{ data?: `0x${string}` | undefined }>;
  transport?: { url?: string };
}

/**
 * The core's verdict on `bundle` with the commitment read through viem from the SetRegistry that
 * `trustRoot` pins (never the bundle's). Throws `WRONG_CHAIN` when the client serves another chain
 * than the pinned one, `CHAIN_RPC` when viem's call fails (its error as `cause`). Pass
 * `verifyReceipt` of `@setchain/core/full` for ML-DSA-65 (hybrid, pqc-strict) receipts.
 */
export function verifyOnlineWithViem(
  publicClient: ViemPublicClientLike,
  bundle: BundleInput,
  trustRoot: Trust | string,
  options?: { verifyReceipt?: (bundle: BundleInput, trust: Trust | string) => Verdict },
): Promise<Verdict>;
