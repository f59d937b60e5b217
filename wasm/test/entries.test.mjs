// The package's entry modules: Node ESM and CJS, the default browser entry (inlined wasm,
// ready on import) and the slim entry (explicit init), all giving the same answers; the same for
// "@setchain/core/full" (its own wasm module, every export of "@setchain/core" and the rest;
// "@setchain/core/abi" names the same files), which shares the SetError class.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { full, set } from './helpers.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', 'pkg');
const leaves = Array.from({ length: 5 }, (_, i) => '0x' + String(i + 1).padStart(2, '0').repeat(32));
const expectedRoot = new full.MerkleTree(leaves, 'keccak-v1').root;
const tenant = '123e4567-e89b-12d3-a456-426614174000';
const store = '00000000-0000-0000-0000-000000000001';
const expectedKey = set.tenantStoreKey(tenant, store);
// What only the full module has: the Merkle tree API, the generic decoders, SetPaymaster.
const FULL_ONLY = ['MerkleTree', 'ProofSet', 'verifyProof', 'verifyProofs', 'verifyProofSet', 'decodeRegistryCall', 'canSponsor'];

test('Node: ESM and CommonJS entries share one instance and one SetError class', async () => {
  const cjs = createRequire(import.meta.url)(join(pkg, 'node', 'index.cjs'));
  assert.equal(cjs.SetError, set.SetError);
  assert.equal(cjs.verifyReceipt, set.verifyReceipt);
  assert.equal(await set.init(), undefined);
  assert.equal(set.initSync(), undefined);
  const esm = await import(join(pkg, 'node', 'index.mjs'));
  assert.equal(esm.default, set.init);
  assert.ok(!('__registerErrorClass' in cjs), 'internal hook is not exported');
  const fullCjs = createRequire(import.meta.url)(join(pkg, 'node', 'full.cjs'));
  assert.equal(fullCjs.SetError, set.SetError, 'one SetError class for both Node entries');
  assert.equal(fullCjs.MerkleTree, full.MerkleTree);
  assert.equal(fullCjs.decodeRegistryError, full.decodeRegistryError);
  assert.ok(!('__registerErrorClass' in fullCjs), 'internal hook is not exported');
});

test('the checkout entry has no Merkle tree API nor generic decoders; the full entry has every export of it and those', () => {
  for (const name of FULL_ONLY) {
    assert.ok(!(name in set), `@setchain/core does not export ${name}`);
    assert.equal(typeof full[name], 'function', `@setchain/core/full exports ${name}`);
  }
  const missing = Object.keys(set).filter((name) => !(name in full));
  assert.deepEqual(missing, [], '@setchain/core/full exports everything @setchain/core does');
  assert.notEqual(full.verifyReceipt, set.verifyReceipt, 'two modules, each with its own functions');
  assert.equal(full.SetError, set.SetError);
  assert.equal(full.tenantStoreKey(tenant, store), expectedKey);
});

test('default browser entry: ready on import (inlined wasm), same results, its own SetError', async () => {
  const web = await import(join(pkg, 'web', 'index.js'));
  assert.equal(web.tenantStoreKey(tenant, store), expectedKey);
  assert.ok(!('MerkleTree' in web));
  assert.equal(await web.init(), undefined);
  assert.throws(() => web.uuidToBytes32('not-a-uuid'), (err) => err instanceof web.SetError && err.code === 'INVALID_UUID');
  const webFull = await import(join(pkg, 'web', 'full.js'));
  assert.equal(new webFull.MerkleTree(leaves, 'keccak-v1').root, expectedRoot);
  assert.equal(webFull.tenantStoreKey(tenant, store), expectedKey);
  assert.equal(webFull.OperationType.COMMITMENT_ANCHOR, 5);
  assert.equal(webFull.SetError, web.SetError, 'one SetError class for both browser entries');
  assert.equal(await webFull.init(), undefined);
  assert.throws(() => webFull.decodeRegistryError('0x'), (err) => err instanceof web.SetError && err.code === 'TRUNCATED');
});

test('browser files use no Node built-ins, no Buffer, no fetch of import.meta.url at import time', () => {
  for (const file of readdirSync(join(pkg, 'web')).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(join(pkg, 'web', file), 'utf8');
    assert.doesNotMatch(text, /\bBuffer\b|\brequire\(|from ['"]node:|\bprocess\./, file);
  }
  for (const file of ['index.js', 'full.js']) {
    const entry = readFileSync(join(pkg, 'web', file), 'utf8');
    assert.doesNotMatch(entry, /fetch\(|import\.meta\.url/, `the default entry ${file} never fetches`);
  }
});

test('package.json: conditional exports, types first; /abi and /agent name the files of /full; every file exists', () => {
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const exports = manifest.exports;
  assert.equal(manifest.type, 'module');
  assert.deepEqual(Object.keys(exports['.']), ['types', 'node', 'default']);
  assert.deepEqual(Object.keys(exports['./slim']), ['types', 'default']);
  assert.deepEqual(Object.keys(exports['./full']), ['types', 'node', 'default']);
  assert.deepEqual(Object.keys(exports['./full/slim']), ['types', 'default']);
  assert.deepEqual(exports['./abi'], exports['./full'], '@setchain/core/abi is @setchain/core/full');
  assert.deepEqual(exports['./abi/slim'], exports['./full/slim']);
  assert.deepEqual(exports['./agent'], exports['./full'], '@setchain/core/agent is @setchain/core/full');
  assert.deepEqual(exports['./agent/slim'], exports['./full/slim']);
  assert.equal(exports['./set_wasm_abi_bg.wasm'], exports['./set_wasm_full_bg.wasm']);
  const files = (value) => (typeof value === 'string' ? [value] : Object.values(value).flatMap(files));
  for (const file of files(exports)) {
    assert.ok(existsSync(join(pkg, file)) && readFileSync(join(pkg, file)).length > 0, file);
  }
  for (const file of ['index.d.cts', 'full.d.cts', 'node/full.cjs', 'web/set_wasm_full_inline.js']) {
    assert.ok(readFileSync(join(pkg, file)).length > 0, file);
  }
});

test('the client and adapter entries: layered on the Node entries in Node (one SetError), on the browser entries elsewhere', async () => {
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  for (const entry of ['./client', './viem', './ethers', './rpc']) {
    assert.deepEqual(Object.keys(manifest.exports[entry]), ['types', 'node', 'default'], entry);
  }
  assert.deepEqual(Object.keys(manifest.exports['./contracts']), ['types', 'import', 'require']);
  assert.deepEqual(Object.keys(manifest.peerDependenciesMeta), ['viem', 'ethers'], 'the adapters\' libraries are optional peers');
  const nodeClient = await import(join(pkg, 'node', 'client.js'));
  assert.equal(nodeClient.SetError, set.SetError, 'one SetError class with @setchain/core in Node');
  assert.equal((await import(join(pkg, 'node', 'viem.js'))).SetError, set.SetError);
  const webClient = await import(join(pkg, 'web', 'client.js'));
  const webCore = await import(join(pkg, 'web', 'index.js'));
  assert.equal(webClient.SetError, webCore.SetError, 'one SetError class across the browser entries');
  // Only an `import` of the client loads the full module: the checkout entries never name it.
  for (const file of ['index.js', 'slim.js', 'viem.js', 'ethers.js', 'rpc.js']) {
    assert.doesNotMatch(readFileSync(join(pkg, 'web', file), 'utf8'), /set_wasm_full|full\.js/, file);
  }
  const cjs = createRequire(import.meta.url)(join(pkg, 'node', 'contracts.cjs'));
  const esm = await import(join(pkg, 'web', 'contracts.js'));
  assert.deepEqual(cjs.setRegistryAbi, esm.setRegistryAbi);
  assert.ok(esm.setRegistryAbi.some((item) => item.type === 'function' && item.name === 'getBatchCommitment'));
});
