// The slim entries, in their own process (node --test runs each file in one): they share the web
// glue with the default entries, which would otherwise have loaded the modules already.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { set } from './helpers.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', 'pkg');
const leaves = Array.from({ length: 5 }, (_, i) => '0x' + String(i + 1).padStart(2, '0').repeat(32));
const expectedRoot = new set.MerkleTree(leaves, 'keccak-v1').root;

test('slim entry: nothing works before init; initSync(bytes) and init() load once', async () => {
  const slim = await import(join(pkg, 'web', 'slim.js'));
  assert.throws(() => new slim.MerkleTree(leaves, 'keccak-v1'));
  assert.throws(() => slim.initSync(), TypeError);
  slim.initSync(readFileSync(join(pkg, 'web', 'set_wasm_bg.wasm')));
  await slim.init(); // already loaded: no fetch
  assert.equal(new slim.MerkleTree(leaves, 'keccak-v1').root, expectedRoot);
  assert.throws(() => slim.bytes32ToUuid('0x12'), (err) => err instanceof slim.SetError && err.code === 'WRONG_LENGTH');
});

test('abi slim entry: its own module, loaded the same way; the same SetError class', async () => {
  const slim = await import(join(pkg, 'web', 'slim.js'));
  const abiSlim = await import(join(pkg, 'web', 'abi-slim.js'));
  assert.equal(abiSlim.OperationType.OTHER, 6, 'enums need no wasm');
  assert.throws(() => abiSlim.defaultTiers());
  assert.throws(() => abiSlim.initSync(), TypeError);
  abiSlim.initSync(readFileSync(join(pkg, 'web', 'set_wasm_abi_bg.wasm')));
  await abiSlim.init(); // already loaded: no fetch
  assert.equal(abiSlim.defaultTiers().length, 3);
  assert.equal(abiSlim.SetError, slim.SetError);
  assert.throws(() => abiSlim.decodeRegistryError('0x'), (err) => err instanceof slim.SetError && err.code === 'TRUNCATED');
});

