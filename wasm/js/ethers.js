// @setchain/core/ethers: verify a receipt bundle online through an ethers v6 Provider the app
// already has. ethers is the app's (an optional peer dependency), never bundled. The rule is the
// client's (online.js): the provider's chain id must be the pinned one, getBatchCommitment is
// called at the pinned registry (never the bundle's), the raw return data goes to the core's
// decoder and the core's verdict comes back. Runs on the checkout module (@setchain/core); pass
// `{ verifyReceipt }` of @setchain/core/full to verify hybrid or pqc-strict receipts (ML-DSA-65).
import * as core from './index.js';
import { verifyOnlineThrough } from './online.js';

export { SetError } from './index.js';

/**
 * The core's verdict on `bundle` with the commitment read through `provider` (ethers v6) from
 * the SetRegistry that `trustRoot` pins. Throws WRONG_CHAIN when the provider serves another
 * chain, CHAIN_RPC when the provider's call fails (its error as `cause`).
 */
export async function verifyOnlineWithEthers(provider, bundle, trustRoot, { verifyReceipt } = {}) {
  const chain = {
    url: provider._getConnection?.().url ?? 'ethers provider',
    chainId: async () => (await provider.getNetwork()).chainId,
    call: (to, data) => provider.call({ to, data }),
  };
  return verifyOnlineThrough(core, chain, bundle, trustRoot, verifyReceipt);
}
