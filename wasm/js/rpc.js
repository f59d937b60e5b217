// @setchain/core/rpc: verify a receipt bundle online through a plain JSON-RPC URL with `fetch`, for
// a page or service that has no viem or ethers and must not load the full module (a checkout
// page: this entry runs on the checkout module @setchain/core). The rule is the client's
// (online.js): eth_chainId must be the pinned chain id, getBatchCommitment is called at the
// pinned registry (never the bundle's), the raw return data goes to the core's decoder and the
// core's verdict comes back. Pass `{ verifyReceipt }` of @setchain/core/full for ML-DSA-65.
import * as core from './index.js';
import { jsonRpcOverFetch, verifyOnlineThrough } from './online.js';

export { SetError } from './index.js';

/**
 * The core's verdict on `bundle` with the commitment read over JSON-RPC at `rpcUrl` from the
 * SetRegistry that `trustRoot` pins. Throws WRONG_CHAIN when the RPC serves another chain (after
 * asking it nothing else), CHAIN_RPC when a request fails.
 */
export async function verifyOnlineWithRpc(rpcUrl, bundle, trustRoot, { fetch, verifyReceipt, requestTimeoutMs } = {}) {
  const chain = jsonRpcOverFetch(core, rpcUrl, { fetch, timeoutMs: requestTimeoutMs });
  return verifyOnlineThrough(core, chain, bundle, trustRoot, verifyReceipt);
}
