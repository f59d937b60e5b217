// The hand-written .d.ts: compiles a usage file under `tsc --strict`, and declares every name the
// package exports at runtime (and nothing it does not).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { abi, set } from './helpers.mjs';

const wasmDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(wasmDir, 'node_modules', '.bin', 'tsc');

for (const [file, entry] of [['index.d.ts', set], ['abi.d.ts', abi]]) {
  test(`${file} declares exactly the runtime exports`, () => {
    const dts = readFileSync(join(wasmDir, 'pkg', file), 'utf8');
    const declared = new Set([...dts.matchAll(/^export (?:function|class|enum|const) (\w+)/gm)].map((m) => m[1]));
    // Value re-exports (`export { SetError } from './index.js'`), not `export type { … }`.
    for (const [, names] of dts.matchAll(/^export \{([^}]*)\} from/gm)) {
      for (const name of names.split(',')) declared.add(name.trim());
    }
    const runtime = Object.keys(entry).filter((name) => name !== 'default');
    assert.deepEqual(runtime.filter((name) => !declared.has(name)), [], 'exported but not typed');
    assert.deepEqual([...declared].filter((name) => !runtime.includes(name)), [], 'typed but not exported');
  });
}

test('tsc --strict accepts the documented usage', { skip: !existsSync(tsc) && 'tsc not installed (npm install in wasm/)' }, () => {
  try {
    execFileSync(tsc, ['-p', join(wasmDir, 'test', 'types', 'tsconfig.json')], { encoding: 'utf8' });
  } catch (err) {
    assert.fail(`tsc failed:\n${err.stdout}${err.stderr}`);
  }
});
