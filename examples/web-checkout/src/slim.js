// The slim entries: the page fetches each wasm module itself (Vite emits them as assets and
// rewrites their URLs), so the browser compiles them while streaming. The checkout module
// ("@setchain/core/slim") has the ids; the Merkle tree API is in the full module
// ("@setchain/core/full/slim"), a second download only for pages that import it.
import { init, tenantStoreKey } from '@setchain/core/slim';
import { MerkleTree, init as initFull } from '@setchain/core/full/slim';

const leaves = ['0x' + '01'.repeat(32), '0x' + '02'.repeat(32), '0x' + '03'.repeat(32)];
const tenant = '123e4567-e89b-12d3-a456-426614174000';
const store = '00000000-0000-0000-0000-000000000001';

Promise.all([init(), initFull()]).then(
  () => {
    document.getElementById('key').textContent = tenantStoreKey(tenant, store);
    document.getElementById('root').textContent = new MerkleTree(leaves, 'keccak-v1').root;
    document.body.dataset.ready = 'true';
  },
  (err) => {
    document.getElementById('root').textContent = `failed: ${err}`;
    document.body.dataset.ready = 'error';
  },
);
