// The slim entry: the page fetches set_wasm_bg.wasm itself (Vite emits it as an asset and
// rewrites its URL), so the browser compiles it while streaming.
import { MerkleTree, init } from '@setchain/core/slim';

const leaves = ['0x' + '01'.repeat(32), '0x' + '02'.repeat(32), '0x' + '03'.repeat(32)];

init().then(
  () => {
    document.getElementById('root').textContent = new MerkleTree(leaves, 'keccak-v1').root;
    document.body.dataset.ready = 'true';
  },
  (err) => {
    document.getElementById('root').textContent = `failed: ${err}`;
    document.body.dataset.ready = 'error';
  },
);
