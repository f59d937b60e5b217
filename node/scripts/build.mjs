#!/usr/bin/env node
// Builds the npm package @setchain/core-native into node/pkg/ (run by `make node-native`):
//   1. cargo build --release -p set-node (the `release` profile: this package exists for speed);
//   2. the library copied as set-core-native.<platform>.node, the platform named as napi-rs names
//      it (js/platform.cjs; this machine's only: each platform's binary is built on that platform);
//   3. the entries (js/index.js CommonJS, js/index.mjs ESM), js/platform.cjs, the SetError class
//      of @setchain/core (wasm/js/set-error.cjs, the same file, so both packages' errors have the
//      same shape), the hand-written types (types/index.d.ts), package.json, README.
// Honours CARGO_TARGET_DIR and CARGO. Layout and why: node/README.md.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const nodeDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(nodeDir, '..');
const pkg = join(nodeDir, 'pkg');
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(repo, 'target');
const cargo = process.env.CARGO || 'cargo';
const { BINARY_NAME, platformName } = createRequire(import.meta.url)('../js/platform.cjs');

// 1. The library.
console.error(`+ ${cargo} build --release -p set-node`);
execFileSync(cargo, ['build', '--release', '-p', 'set-node'], { stdio: 'inherit', cwd: repo });
const library = { linux: 'libset_node.so', darwin: 'libset_node.dylib', win32: 'set_node.dll' }[process.platform];
if (!library) throw new Error(`no cdylib name known for ${process.platform}`);

// 2–3. The package.
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });
const binary = `${BINARY_NAME}.${platformName()}.node`;
copyFileSync(join(targetDir, 'release', library), join(pkg, binary));
for (const file of ['index.js', 'index.mjs', 'platform.cjs']) copyFileSync(join(nodeDir, 'js', file), join(pkg, file));
copyFileSync(join(repo, 'wasm', 'js', 'set-error.cjs'), join(pkg, 'set-error.cjs'));
copyFileSync(join(nodeDir, 'types', 'index.d.ts'), join(pkg, 'index.d.ts'));
copyFileSync(join(nodeDir, 'README.md'), join(pkg, 'README.md'));

const version = readFileSync(join(repo, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const packageJson = {
  name: '@setchain/core-native',
  version,
  description:
    'Set Chain SDK core compiled for Node servers (napi-rs): bulk receipt verification and event signing at native speed, with the answers and errors of @setchain/core/full.',
  license: 'Apache-2.0',
  main: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', import: './index.mjs', require: './index.js' },
    './package.json': './package.json',
  },
  files: ['index.js', 'index.mjs', 'platform.cjs', 'set-error.cjs', 'index.d.ts', '*.node', 'README.md'],
  engines: { node: '>=20' },
};
writeFileSync(join(pkg, 'package.json'), JSON.stringify(packageJson, null, 2) + '\n');
console.error(`@setchain/core-native in ${pkg}: ${binary}`);
