// The package's entry modules: Node ESM and CJS, the default browser entry (inlined wasm,
// ready on import) and the slim entry (explicit init), all giving the same answers; the same for
// "@setchain/core/abi" (its own wasm module), which shares the SetError class.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { abi, set } from './helpers.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', 'pkg');
const leaves = Array.from({ length: 5 }, (_, i) => '0x' + String(i + 1).padStart(2, '0').repeat(32));
const expectedRoot = new set.MerkleTree(leaves, 'keccak-v1').root;

test('Node: ESM and CommonJS entries share one instance and one SetError class', async () => {
  const cjs = createRequire(import.meta.url)(join(pkg, 'node', 'index.cjs'));
  assert.equal(cjs.SetError, set.SetError);
  assert.equal(cjs.MerkleTree, set.MerkleTree);
  assert.equal(await set.init(), undefined);
  assert.equal(set.initSync(), undefined);
  const esm = await import(join(pkg, 'node', 'index.mjs'));
  assert.equal(esm.default, set.init);
  assert.ok(!('__registerErrorClass' in cjs), 'internal hook is not exported');
  const abiCjs = createRequire(import.meta.url)(join(pkg, 'node', 'abi.cjs'));
  assert.equal(abiCjs.SetError, set.SetError, 'one SetError class for both Node entries');
  assert.equal(abiCjs.decodeRegistryError, abi.decodeRegistryError);
  assert.ok(!('__registerErrorClass' in abiCjs), 'internal hook is not exported');
  assert.ok(!('decodeRegistryCall' in cjs) && !('verifyReceipt' in abiCjs), 'each entry has its own functions');
});

test('default browser entry: ready on import (inlined wasm), same results, its own SetError', async () => {
  const web = await import(join(pkg, 'web', 'index.js'));
  assert.equal(new web.MerkleTree(leaves, 'keccak-v1').root, expectedRoot);
  assert.equal(await web.init(), undefined);
  assert.throws(() => web.uuidToBytes32('not-a-uuid'), (err) => err instanceof web.SetError && err.code === 'INVALID_UUID');
  const webAbi = await import(join(pkg, 'web', 'abi.js'));
  assert.equal(webAbi.OperationType.COMMITMENT_ANCHOR, 5);
  assert.equal(webAbi.SetError, web.SetError, 'one SetError class for both browser entries');
  assert.equal(await webAbi.init(), undefined);
  assert.throws(() => webAbi.decodeRegistryError('0x'), (err) => err instanceof web.SetError && err.code === 'TRUNCATED');
});

test('browser files use no Node built-ins, no Buffer, no fetch of import.meta.url at import time', () => {
  for (const file of readdirSync(join(pkg, 'web')).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(join(pkg, 'web', file), 'utf8');
    assert.doesNotMatch(text, /\bBuffer\b|\brequire\(|from ['"]node:|\bprocess\./, file);
  }
  for (const file of ['index.js', 'abi.js']) {
    const entry = readFileSync(join(pkg, 'web', file), 'utf8');
    assert.doesNotMatch(entry, /fetch\(|import\.meta\.url/, `the default entry ${file} never fetches`);
  }
});

test('package.json: conditional exports, types first', () => {
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  assert.equal(manifest.type, 'module');
  assert.deepEqual(Object.keys(manifest.exports['.']), ['types', 'node', 'default']);
  assert.deepEqual(Object.keys(manifest.exports['./slim']), ['types', 'default']);
  assert.deepEqual(Object.keys(manifest.exports['./abi']), ['types', 'node', 'default']);
  assert.deepEqual(Object.keys(manifest.exports['./abi/slim']), ['types', 'default']);
  for (const file of ['index.d.ts', 'slim.d.ts', 'abi.d.ts', 'abi.d.cts', 'abi-slim.d.ts', 'node/index.mjs', 'node/index.cjs', 'node/abi.mjs', 'node/abi.cjs', 'web/index.js', 'web/slim.js', 'web/abi.js', 'web/abi-slim.js']) {
    assert.ok(readFileSync(join(pkg, file)).length > 0, file);
  }
});
