// The slim entry, in its own process (node --test runs each file in one): it shares the web glue
// with the default entry, which would otherwise have loaded the module already.
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
  assert.equal(slim.OperationType.OTHER, 6, 'enums need no wasm');
  assert.throws(() => new slim.MerkleTree(leaves, 'keccak-v1'));
  assert.throws(() => slim.initSync(), TypeError);
  slim.initSync(readFileSync(join(pkg, 'web', 'set_wasm_bg.wasm')));
  await slim.init(); // already loaded: no fetch
  assert.equal(new slim.MerkleTree(leaves, 'keccak-v1').root, expectedRoot);
  assert.throws(() => slim.bytes32ToUuid('0x12'), (err) => err instanceof slim.SetError && err.code === 'WRONG_LENGTH');
});

