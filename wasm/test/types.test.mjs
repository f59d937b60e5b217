// The hand-written .d.ts: compiles a usage file under `tsc --strict`, and declares every name the
// package exports at runtime (and nothing it does not).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { full, set } from './helpers.mjs';

const wasmDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(wasmDir, 'node_modules', '.bin', 'tsc');

/** The value names a declaration file exports: its own, its `export { … } from` and, through `export * from`, the other file's. */
function declaredNames(file) {
  const dts = readFileSync(join(wasmDir, 'pkg', file), 'utf8');
  const declared = new Set([...dts.matchAll(/^export (?:declare )?(?:function|class|enum|const) (\w+)/gm)].map((m) => m[1]));
  // Value re-exports (`export { SetError } from './index.js'`), not `export type { … }`.
  for (const [, names] of dts.matchAll(/^export \{([^}]*)\} from/gm)) {
    for (const name of names.split(',')) declared.add(name.trim());
  }
  for (const [, from] of dts.matchAll(/^export \* from '\.\/(\w+)\.js';/gm)) {
    for (const name of declaredNames(`${from}.d.ts`)) declared.add(name);
  }
  declared.delete('default');
  return declared;
}

// Each entry against the declarations its "types" condition names (package.json "exports").
const web = (file) => import(join(wasmDir, 'pkg', 'web', file));
for (const [file, name, load] of [
  ['index.d.ts', '@setchain/core (Node)', async () => set],
  ['index.d.ts', '@setchain/core (browsers)', () => web('index.js')],
  ['slim.d.ts', '@setchain/core/slim', () => web('slim.js')],
  ['full.d.ts', '@setchain/core/full (Node)', async () => full],
  ['full.d.ts', '@setchain/core/full (browsers)', () => web('full.js')],
  ['full-slim.d.ts', '@setchain/core/full/slim', () => web('full-slim.js')],
  ['client.d.ts', '@setchain/core/client (Node)', () => import(join(wasmDir, 'pkg', 'node', 'client.js'))],
  ['client.d.ts', '@setchain/core/client (browsers)', () => web('client.js')],
  ['viem.d.ts', '@setchain/core/viem', () => web('viem.js')],
  ['ethers.d.ts', '@setchain/core/ethers', () => web('ethers.js')],
  ['rpc.d.ts', '@setchain/core/rpc', () => web('rpc.js')],
  ['contracts.d.ts', '@setchain/core/contracts', () => web('contracts.js')],
]) {
  test(`${file} declares exactly the runtime exports of ${name}`, async () => {
    const entry = await load();
    const declared = declaredNames(file);
    // The browser entries re-export the glue with `export *`, which cannot leave out the internal
    // hook that installs SetError; it is deliberately untyped.
    const runtime = Object.keys(entry).filter((name) => name !== 'default' && name !== '__registerErrorClass');
    assert.deepEqual(runtime.filter((name) => !declared.has(name)), [], 'exported but not typed');
    assert.deepEqual([...declared].filter((name) => !runtime.includes(name)), [], 'typed but not exported');
  });
}

// tsconfig.json: the entries alone; tsconfig.client.json: the client, the adapters with the real
// viem and ethers (wasm/package-lock.json) and viem's inference from the `as const` ABI.
for (const config of ['tsconfig.json', 'tsconfig.client.json']) {
  test(`tsc --strict accepts the documented usage (${config})`, { skip: !existsSync(tsc) && 'tsc not installed (npm install in wasm/)' }, () => {
    try {
      execFileSync(tsc, ['-p', join(wasmDir, 'test', 'types', config)], { encoding: 'utf8' });
    } catch (err) {
      assert.fail(`tsc failed:\n${err.stdout}${err.stderr}`);
    }
  });
}
