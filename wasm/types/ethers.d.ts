// Types of @setchain/core/ethers, written by hand. ethers is an optional peer dependency: the
// provider is typed by what is called on it, which an ethers v6 Provider satisfies.
import type { BundleInput, Trust, Verdict } from './index.js';

export { SetError } from './index.js';

/** What the adapter calls on an ethers v6 Provider (`new JsonRpcProvider(url)`). */
export interface EthersProviderLike {
  getNetwork(): Promise<{ chainId: bigint }>;
  call(tx: { to: string; data: string }): Promise<string>;
}

/**
 * The core's verdict on `bundle` with the commitment read through ethers from the SetRegistry
 * that `trustRoot` pins (never the bundle's). Throws `WRONG_CHAIN` when the provider serves
 * another chain than the pinned one, `CHAIN_RPC` when the provider's call fails (its error as
 * `cause`). Pass `verifyReceipt` of `@setchain/core/full` for ML-DSA-65 (hybrid, pqc-strict) receipts.
 */
export function verifyOnlineWithEthers(
  provider: EthersProviderLike,
  bundle: BundleInput,
  trustRoot: Trust | string,
  options?: { verifyReceipt?: (bundle: BundleInput, trust: Trust | string) => Verdict },
): Promise<Verdict>;
