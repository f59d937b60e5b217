// The package node/pkg as a user loads it: the same exports from `import` and `require`, the
// binary named for this platform as napi-rs names it, and a clear error naming the platform when
// the package holds no binary for it.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { native } from './helpers.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', 'pkg');
const require = createRequire(import.meta.url);

test('import and require give the same functions and classes', () => {
  const cjs = require(join(pkg, 'index.js'));
  for (const name of ['verifyReceipt', 'verifyReceipts', 'AgentSigner', 'UnsignedEvent', 'agentPublicKey', 'SetError']) {
    assert.equal(typeof native[name], 'function', name);
    assert.equal(native[name], cjs[name], name);
  }
  assert.match(native.platform, /^(linux-(x64|arm64)-(gnu|musl)|darwin-(x64|arm64)|win32-(x64|arm64)-msvc)$/);
  assert.deepEqual(readdirSync(pkg).filter((name) => name.endsWith('.node')), [`set-core-native.${native.platform}.node`]);
});

test('without a binary for this platform, loading throws an error naming the platform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'set-core-native-'));
  try {
    cpSync(pkg, dir, { recursive: true, filter: (source) => !source.endsWith('.node') });
    assert.throws(
      () => require(join(dir, 'index.js')),
      (err) => err.message.includes(`no binary for this platform (${native.platform})`) && err.message.includes('@setchain/core'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
