// The slim entries, in their own process (node --test runs each file in one): they share the web
// glue with the default entries, which would otherwise have loaded the modules already.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { full, set } from './helpers.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', 'pkg');
const leaves = Array.from({ length: 5 }, (_, i) => '0x' + String(i + 1).padStart(2, '0').repeat(32));
const expectedRoot = new full.MerkleTree(leaves, 'keccak-v1').root;
const tenant = '123e4567-e89b-12d3-a456-426614174000';
const expectedKey = set.tenantStoreKey(tenant, tenant);

test('slim entry: nothing works before init; initSync(bytes) and init() load once', async () => {
  const slim = await import(join(pkg, 'web', 'slim.js'));
  assert.throws(() => slim.tenantStoreKey(tenant, tenant));
  assert.throws(() => slim.initSync(), TypeError);
  slim.initSync(readFileSync(join(pkg, 'web', 'set_wasm_bg.wasm')));
  await slim.init(); // already loaded: no fetch
  assert.equal(slim.tenantStoreKey(tenant, tenant), expectedKey);
  assert.throws(() => slim.bytes32ToUuid('0x12'), (err) => err instanceof slim.SetError && err.code === 'WRONG_LENGTH');
});

test('full slim entry: its own module, loaded the same way; the same SetError class', async () => {
  const slim = await import(join(pkg, 'web', 'slim.js'));
  const fullSlim = await import(join(pkg, 'web', 'full-slim.js'));
  assert.equal(fullSlim.OperationType.OTHER, 6, 'enums need no wasm');
  assert.throws(() => fullSlim.defaultTiers());
  assert.throws(() => fullSlim.initSync(), TypeError);
  fullSlim.initSync(readFileSync(join(pkg, 'web', 'set_wasm_full_bg.wasm')));
  await fullSlim.init(); // already loaded: no fetch
  assert.equal(fullSlim.defaultTiers().length, 3);
  assert.equal(new fullSlim.MerkleTree(leaves, 'keccak-v1').root, expectedRoot);
  assert.equal(fullSlim.tenantStoreKey(tenant, tenant), expectedKey);
  assert.equal(fullSlim.SetError, slim.SetError);
  assert.throws(() => fullSlim.decodeRegistryError('0x'), (err) => err instanceof slim.SetError && err.code === 'TRUNCATED');
});
