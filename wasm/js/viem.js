// @setchain/core/viem: verify a receipt bundle online through a viem PublicClient the app already
// has. viem is the app's (an optional peer dependency), never bundled. The rule is the client's
// (online.js): the client's chain id must be the pinned one, getBatchCommitment is called at the
// pinned registry (never the bundle's), the raw return data goes to the core's decoder and the
// core's verdict comes back. Runs on the checkout module (@setchain/core); pass `{ verifyReceipt }`
// of @setchain/core/full to verify hybrid or pqc-strict receipts (ML-DSA-65).
import * as core from './index.js';
import { verifyOnlineThrough } from './online.js';

export { SetError } from './index.js';

/**
 * The core's verdict on `bundle` with the commitment read through `publicClient` (viem) from the
 * SetRegistry that `trustRoot` pins. Throws WRONG_CHAIN when the client serves another chain,
 * CHAIN_RPC when viem's call fails (its error as `cause`).
 */
export async function verifyOnlineWithViem(publicClient, bundle, trustRoot, { verifyReceipt } = {}) {
  const chain = {
    url: publicClient.transport?.url ?? publicClient.chain?.rpcUrls?.default?.http?.[0] ?? 'viem client',
    chainId: () => publicClient.getChainId(),
    call: async (to, data) => (await publicClient.call({ to, data })).data ?? '0x',
  };
  return verifyOnlineThrough(core, chain, bundle, trustRoot, verifyReceipt);
}
