// @setchain/core-native for `import`: the CommonJS entry, re-exported.
import native from './index.js';

export const { verifyReceipt, verifyReceipts, AgentSigner, UnsignedEvent, agentPublicKey, SetError, platform } = native;
export default native;
