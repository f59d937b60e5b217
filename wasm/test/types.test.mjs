// The hand-written .d.ts: compiles a usage file under `tsc --strict`, and declares every name the
// package exports at runtime (and nothing it does not).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { set } from './helpers.mjs';

const wasmDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(wasmDir, 'node_modules', '.bin', 'tsc');

test('index.d.ts declares exactly the runtime exports', () => {
  const dts = readFileSync(join(wasmDir, 'pkg', 'index.d.ts'), 'utf8');
  const declared = new Set([...dts.matchAll(/^export (?:function|class|enum|const) (\w+)/gm)].map((m) => m[1]));
  const runtime = Object.keys(set).filter((name) => name !== 'default');
  assert.deepEqual(runtime.filter((name) => !declared.has(name)), [], 'exported but not typed');
  assert.deepEqual([...declared].filter((name) => !runtime.includes(name)), [], 'typed but not exported');
});

test('tsc --strict accepts the documented usage', { skip: !existsSync(tsc) && 'tsc not installed (npm install in wasm/)' }, () => {
  try {
    execFileSync(tsc, ['-p', join(wasmDir, 'test', 'types', 'tsconfig.json')], { encoding: 'utf8' });
  } catch (err) {
    assert.fail(`tsc failed:\n${err.stdout}${err.stderr}`);
  }
});
