#!/usr/bin/env node
// Builds the npm package @setchain/core into wasm/pkg/ (run by `make wasm`):
//   1. installs the wasm-bindgen CLI pinned to the crate's exact version, if missing;
//   2. cargo build -p set-wasm --target wasm32-unknown-unknown --profile wasm-release (size-optimised),
//      twice: feature `main` (-> set_wasm, the checkout module: ids, VES, receipts verified with
//      Ed25519, reading a commitment from SetRegistry; entry `@setchain/core`) and feature `full`
//      (-> set_wasm_full: all of main plus the Merkle tree API, the rest of SetRegistry,
//      SetPaymaster, receipts with ML-DSA-65, the store agent's side with signing; entry
//      `@setchain/core/full`, aliases `@setchain/core/abi` and `@setchain/core/agent`), so that a
//      checkout page downloads only the first;
//   3. wasm-bindgen --target nodejs (-> pkg/node) and --target web (-> pkg/web) for each module;
//   4. wasm-opt -O1 (npm binaryen, from wasm/package.json) on each .wasm, then the hex copies
//      that the default browser entries inline;
//   5. the entry modules (wasm/js/, line comments dropped), the hand-written types (wasm/types/), package.json, README;
//   6. the gzip sizes of every entry, and the size budgets: exits 1 if `@setchain/core/slim` + its
//      .wasm or the default entry outgrows its budget (SIZE_BUDGETS below).
// Layout of the package and why: wasm/README.md ("Which entry you get", "Size"). Honours CARGO_TARGET_DIR.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const wasmDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(wasmDir, '..');
const pkg = join(wasmDir, 'pkg');
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(repo, 'target');
const cargo = process.env.CARGO || 'cargo';
// -O1, not -Oz: -Oz saves 6–13 % raw but costs 2–6 % gzipped (what is downloaded). Measured
// 2026-11-22 on the single module of the time: 698 KB / 233 KB (no opt), 606 / 244 (-Oz),
// 623 / 243 (-Os), 660 / 231 (-O1); again on the two modules of the time (main / abi, KB gzip):
// -O1 146.8 / 117.9, -Oz 149.2 / 124.4, -Os 149.2 / 124.3, -O2 149.9 / 125.8. Per-step sizes:
// wasm/README.md ("Size").
// What a browser downloads through each entry of @setchain/core (wasm/README.md "Which entry you
// get") and the most it may weigh, gzip -9, each file on its own: the checkout page's download
// through /slim (the package's size target, 100 KB) and the default entry with the wasm inlined
// as hex. Raising a budget is a decision: say why in wasm/README.md "Size".
const SLIM_FILES = ['slim.js', 'set_wasm.js', 'set-error.js', 'set_wasm_bg.wasm'];
const DEFAULT_FILES = ['index.js', 'set_wasm.js', 'set_wasm_inline.js', 'hex.js', 'set-error.js'];
const SIZE_BUDGETS = [
  { entry: '@setchain/core/slim + .wasm', files: SLIM_FILES, budget: 100_000 },
  { entry: '@setchain/core (inlined wasm)', files: DEFAULT_FILES, budget: 130_000 },
];
// The wasm-bindgen glue and Rust 1.88+ emit these post-MVP features; wasm-opt must accept them.
const WASM_OPT_FLAGS = [
  '-O1',
  '--strip-debug',
  '--strip-producers',
  '--strip-target-features',
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];

function run(cmd, args, opts = {}) {
  console.error(`+ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', cwd: repo, ...opts });
}

function tryOutput(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

// wasm-bindgen copies each export's rustdoc into the glue as JSDoc. The package's hand-written
// declarations (wasm/types/*.d.ts) are what editors read, so the shipped glue drops the copies:
// measured 2026-11-22, 9.0 KB raw / 2.6 KB gzip of set_wasm.js. Only whole-line `/** … */` blocks.
function stripDocComments(file) {
  const kept = [];
  let inComment = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const text = line.trim();
    if (!inComment && text.startsWith('/**')) {
      inComment = !text.endsWith('*/');
    } else if (inComment) {
      inComment = !text.endsWith('*/');
    } else {
      kept.push(line);
    }
  }
  writeFileSync(file, kept.join('\n'));
}

// A file of wasm/js/ as the package ships it: without its whole-line `//` comments, which are
// for this repository's readers and cost a page's download (measured 2026-12-07: 394 B of the
// 100,000 B gzip budget of @setchain/core/slim, mostly slim.js and set-error.js).
function shipJs(from, to) {
  const lines = readFileSync(join(wasmDir, 'js', from), 'utf8').split('\n');
  writeFileSync(to, lines.filter((line) => !line.trimStart().startsWith('//')).join('\n'));
}

// An entry of @setchain/core (wasm/js/) turned into the same entry of @setchain/core/full: its
// header comment replaced, its imports pointed at the set_wasm_full glue.
function fullEntry(source, template, entry) {
  const lines = source.split('\n');
  const strict = lines[0] === "'use strict';" ? [lines.shift()] : [];
  while (lines[0]?.startsWith('//')) lines.shift();
  const header =
    `// ${entry}: generated by wasm/scripts/build.mjs from wasm/js/${template}, the same entry over the\n` +
    `// set_wasm_full module (every export: @setchain/core's, the Merkle tree API, the generic\n` +
    `// SetRegistry and SetPaymaster decoders, SetPaymaster; receipts verified with ML-DSA-65 too).`;
  const body = lines.join('\n').replaceAll("'./set_wasm.", "'./set_wasm_full.").replaceAll("'./set_wasm_inline.", "'./set_wasm_full_inline.");
  if (!body.includes('set_wasm_full')) throw new Error(`fullEntry: no set_wasm import in wasm/js/${template}`);
  return [...strict, header, body].join('\n');
}

// The version pinned in wasm/Cargo.toml (`wasm-bindgen = "=X.Y.Z"`).
const manifest = readFileSync(join(wasmDir, 'Cargo.toml'), 'utf8');
const pinned = manifest.match(/^wasm-bindgen\s*=\s*"=([0-9.]+)"/m)?.[1];
if (!pinned) throw new Error('wasm/Cargo.toml: wasm-bindgen must be pinned with "=X.Y.Z"');
const workspaceVersion = readFileSync(join(repo, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)?.[1];

// 1. The CLI, same version as the crate (idempotent).
if (tryOutput('wasm-bindgen', ['--version']) !== `wasm-bindgen ${pinned}`) {
  try {
    run(cargo, ['install', 'wasm-bindgen-cli', '--version', pinned, '--locked']);
  } catch {
    // The CLI's lock file can name a dependency version the registry does not serve yet.
    console.error(`wasm-bindgen-cli ${pinned} --locked failed; retrying without --locked`);
    run(cargo, ['install', 'wasm-bindgen-cli', '--version', pinned]);
  }
}

// 2.–4. The wasm modules: one cargo feature each (wasm/Cargo.toml), the JS glue, wasm-opt.
// Skipped with SET_WASM_OPT=0 for quick local iterations.
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });
const wasmOpt = join(wasmDir, 'node_modules', '.bin', 'wasm-opt');
const modules = [
  { feature: 'main', name: 'set_wasm' },
  { feature: 'full', name: 'set_wasm_full' },
];
// Panic messages carry source paths; the shipped module should not name this machine's folders
// (nor spend bytes on them): the registry, the toolchain's and the repository's prefixes go.
const cargoHome = process.env.CARGO_HOME || join(homedir(), '.cargo');
const registrySources = join(cargoHome, 'registry', 'src');
const remapped = [
  ...(existsSync(registrySources) ? readdirSync(registrySources).map((index) => join(registrySources, index)) : []),
  `/rustc/${tryOutput('rustc', ['-vV'])?.match(/^commit-hash: (\S+)/m)?.[1] ?? 'unknown'}`,
  repo,
].map((prefix) => `--remap-path-prefix=${prefix}/=`);
const rustflags = `target.wasm32-unknown-unknown.rustflags=${JSON.stringify(remapped)}`;
for (const { feature, name } of modules) {
  run(cargo, ['build', '--config', rustflags, '-p', 'set-wasm', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-release', '--no-default-features', '--features', feature]);
  // Copied out: the next feature's build overwrites set_wasm.wasm.
  const wasm = join(targetDir, 'wasm32-unknown-unknown', 'wasm-release', `${name}.${feature}.wasm`);
  copyFileSync(join(targetDir, 'wasm32-unknown-unknown', 'wasm-release', 'set_wasm.wasm'), wasm);
  for (const [target, dir] of [['nodejs', 'node'], ['web', 'web']]) {
    run('wasm-bindgen', ['--target', target, '--out-dir', join(pkg, dir), '--out-name', name, '--no-typescript', '--remove-name-section', '--remove-producers-section', wasm]);
  }
  // The nodejs glue is CommonJS; the package is "type": "module", so it is named .cjs.
  renameSync(join(pkg, 'node', `${name}.js`), join(pkg, 'node', `${name}.cjs`));
  stripDocComments(join(pkg, 'node', `${name}.cjs`));
  stripDocComments(join(pkg, 'web', `${name}.js`));
  // One optimised module shared by both targets (the glue does not depend on the code section).
  if (process.env.SET_WASM_OPT !== '0') {
    if (!existsSync(wasmOpt)) run('npm', ['install', '--no-audit', '--no-fund'], { cwd: wasmDir });
    const optimised = join(pkg, 'web', `${name}_bg.opt.wasm`);
    run(wasmOpt, [...WASM_OPT_FLAGS, join(pkg, 'web', `${name}_bg.wasm`), '-o', optimised]);
    renameSync(optimised, join(pkg, 'web', `${name}_bg.wasm`));
    copyFileSync(join(pkg, 'web', `${name}_bg.wasm`), join(pkg, 'node', `${name}_bg.wasm`));
  }
  // Hex rather than base64: measured 2026-12-07 on set_wasm_bg.wasm (93,647 B gzip), base64
  // gzips to 125,643 B and hex to 105,538 B (base64 shifts every 3-byte group, so gzip loses the
  // module's repeats); the string is larger before compression (2 characters per byte, not 1.33).
  writeFileSync(
    join(pkg, 'web', `${name}_inline.js`),
    `// Generated by wasm/scripts/build.mjs: ${name}_bg.wasm, hex.\n` +
      `export const wasmHex = '${readFileSync(join(pkg, 'web', `${name}_bg.wasm`)).toString('hex')}';\n`,
  );
}
for (const dir of ['node', 'web']) rmSync(join(pkg, dir, '.gitignore'), { force: true });

// 5. Entries, types, package.json, README.
shipJs('set-error.js', join(pkg, 'web', 'set-error.js'));
shipJs('hex.js', join(pkg, 'web', 'hex.js'));
shipJs('index.web.js', join(pkg, 'web', 'index.js'));
shipJs('slim.web.js', join(pkg, 'web', 'slim.js'));
shipJs('set-error.cjs', join(pkg, 'node', 'set-error.cjs'));
shipJs('index.node.cjs', join(pkg, 'node', 'index.cjs'));
// The entries of @setchain/core/full (and its alias @setchain/core/abi) are those of
// @setchain/core over the other module.
for (const [template, target, entry] of [
  ['index.web.js', join(pkg, 'web', 'full.js'), '@setchain/core/full'],
  ['slim.web.js', join(pkg, 'web', 'full-slim.js'), '@setchain/core/full/slim'],
  ['index.node.cjs', join(pkg, 'node', 'full.cjs'), '@setchain/core/full (Node)'],
]) {
  writeFileSync(target, fullEntry(readFileSync(join(wasmDir, 'js', template), 'utf8'), template, entry));
}
// The client (@setchain/core/client, over the full module) and the viem, ethers and plain-RPC
// adapters (@setchain/core/viem, /ethers, /rpc, over the checkout module): JS only, layered on the entries above,
// the same files for Node and browsers except their imports, which name the Node entries in node/
// (one wasm instance and one SetError class with `import '@setchain/core'` there). ESM only.
const LAYERED = ['online.js', 'client.js', 'viem.js', 'ethers.js', 'rpc.js'];
for (const file of LAYERED) {
  shipJs(file, join(pkg, 'web', file));
  const source = readFileSync(join(pkg, 'web', file), 'utf8');
  writeFileSync(join(pkg, 'node', file), source.replaceAll("from './full.js'", "from './full.mjs'").replaceAll("from './index.js'", "from './index.mjs'"));
}
// @setchain/core/contracts: the JSON ABIs of SetRegistry and SetPaymaster, checked in under wasm/abi/
// (rendered from contracts/src/interfaces/*.sol by set-core's sol!; wasm/tests/contract_abis.rs
// fails when they drift), as plain data and, in contracts.d.ts, as `as const` literal types (what
// viem infers function names, arguments and results from). No wasm.
const abis = [
  ['setRegistryAbi', 'ISetRegistry.json', 'SetRegistry (contracts/src/interfaces/ISetRegistry.sol)'],
  ['setPaymasterAbi', 'ISetPaymaster.json', 'SetPaymaster (contracts/src/interfaces/ISetPaymaster.sol)'],
].map(([name, file, what]) => ({ name, what, abi: JSON.parse(readFileSync(join(wasmDir, 'abi', file), 'utf8')) }));
const generated = '// Generated by wasm/scripts/build.mjs from wasm/abi/*.json (the Solidity interfaces): do not edit.\n';
writeFileSync(join(pkg, 'web', 'contracts.js'), generated + abis.map(({ name, abi }) => `export const ${name} = ${JSON.stringify(abi)};\n`).join(''));
writeFileSync(join(pkg, 'node', 'contracts.cjs'), `'use strict';\n${generated}` + abis.map(({ name, abi }) => `exports.${name} = ${JSON.stringify(abi)};\n`).join(''));
// A JSON value as a TypeScript literal type, every array a readonly tuple: what `as const` gives.
const literalType = (value, indent = '') => {
  const inner = `${indent}  `;
  if (Array.isArray(value)) return value.length === 0 ? 'readonly []' : `readonly [\n${value.map((item) => inner + literalType(item, inner)).join(',\n')},\n${indent}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, item]) => `readonly ${JSON.stringify(key)}: ${literalType(item, indent)}`).join('; ')} }`;
  }
  return JSON.stringify(value);
};
writeFileSync(
  join(pkg, 'contracts.d.ts'),
  generated + abis.map(({ name, what, abi }) => `/** The JSON ABI of ${what}, typed \`as const\`. */\nexport declare const ${name}: ${literalType(abi)};\n`).join('\n'),
);
for (const file of ['client.d.ts', 'viem.d.ts', 'ethers.d.ts', 'rpc.d.ts']) copyFileSync(join(wasmDir, 'types', file), join(pkg, file));

// The same declarations for `require` (TypeScript reads a .d.ts next to "type": "module" as ESM).
for (const [from, to] of [['index.d.ts', 'index.d.ts'], ['index.d.ts', 'index.d.cts'], ['slim.d.ts', 'slim.d.ts'], ['full.d.ts', 'full.d.ts'], ['full-slim.d.ts', 'full-slim.d.ts']]) {
  copyFileSync(join(wasmDir, 'types', from), join(pkg, to));
}
// full.d.cts takes @setchain/core's declarations from their `require` flavour.
const fullTypes = readFileSync(join(wasmDir, 'types', 'full.d.ts'), 'utf8');
if (!fullTypes.includes("from './index.js'")) throw new Error("wasm/types/full.d.ts: no re-export from './index.js'");
writeFileSync(join(pkg, 'full.d.cts'), fullTypes.replaceAll("from './index.js'", "from './index.cjs'"));
// ESM over each CommonJS Node entry: one instance, one SetError class for `import` and `require`.
const exportNames = {};
for (const entry of ['index', 'full']) {
  const names = Object.keys(createRequire(import.meta.url)(join(pkg, 'node', `${entry}.cjs`)))
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default')
    .sort();
  exportNames[entry] = names;
  writeFileSync(
    join(pkg, 'node', `${entry}.mjs`),
    `// Generated by wasm/scripts/build.mjs: ESM entry over the CommonJS Node entry.\n` +
      `import entry from './${entry}.cjs';\n\n` +
      `export const {\n${names.map((n) => `  ${n},`).join('\n')}\n} = entry;\n` +
      `export default entry.init;\n`,
  );
}

// @setchain/core/full's entries, also under their old name @setchain/core/abi and as
// @setchain/core/agent, the store agent's entry (the same files: signing is in the full module,
// so the checkout entry's budget holds).
const fullExports = {
  types: { import: './full.d.ts', require: './full.d.cts' },
  node: { import: './node/full.mjs', require: './node/full.cjs' },
  default: './web/full.js',
};
const fullSlimExports = { types: './full-slim.d.ts', default: './web/full-slim.js' };
const packageJson = {
  name: '@setchain/core',
  version: workspaceVersion,
  description:
    'Set Chain SDK core in WebAssembly: receipt verification (Ed25519; ML-DSA-65 in /full), ids, VES hashing, signing events (/agent), Merkle trees and proofs, SetRegistry and SetPaymaster ABI.',
  license: 'Apache-2.0',
  type: 'module',
  sideEffects: ['./web/index.js', './web/full.js', './node/index.cjs', './node/index.mjs', './node/full.cjs', './node/full.mjs'],
  main: './node/index.cjs',
  module: './web/index.js',
  types: './index.d.ts',
  exports: {
    '.': {
      types: { import: './index.d.ts', require: './index.d.cts' },
      node: { import: './node/index.mjs', require: './node/index.cjs' },
      default: './web/index.js',
    },
    './slim': { types: './slim.d.ts', default: './web/slim.js' },
    './full': fullExports,
    './full/slim': fullSlimExports,
    './abi': fullExports,
    './abi/slim': fullSlimExports,
    './agent': fullExports,
    './agent/slim': fullSlimExports,
    './client': { types: './client.d.ts', node: './node/client.js', default: './web/client.js' },
    './viem': { types: './viem.d.ts', node: './node/viem.js', default: './web/viem.js' },
    './ethers': { types: './ethers.d.ts', node: './node/ethers.js', default: './web/ethers.js' },
    './rpc': { types: './rpc.d.ts', node: './node/rpc.js', default: './web/rpc.js' },
    './contracts': { types: './contracts.d.ts', import: './web/contracts.js', require: './node/contracts.cjs' },
    './set_wasm_bg.wasm': './web/set_wasm_bg.wasm',
    './set_wasm_full_bg.wasm': './web/set_wasm_full_bg.wasm',
    './set_wasm_abi_bg.wasm': './web/set_wasm_full_bg.wasm',
    './package.json': './package.json',
  },
  files: [
    'node/',
    'web/',
    'index.d.ts',
    'index.d.cts',
    'slim.d.ts',
    'full.d.ts',
    'full.d.cts',
    'full-slim.d.ts',
    'client.d.ts',
    'viem.d.ts',
    'ethers.d.ts',
    'rpc.d.ts',
    'contracts.d.ts',
    'README.md',
  ],
  engines: { node: '>=20' },
  // The adapters' libraries are the app's: never installed or bundled by this package.
  peerDependencies: { viem: '^2.0.0', ethers: '^6.0.0' },
  peerDependenciesMeta: { viem: { optional: true }, ethers: { optional: true } },
};
writeFileSync(join(pkg, 'package.json'), JSON.stringify(packageJson, null, 2) + '\n');
copyFileSync(join(wasmDir, 'README.md'), join(pkg, 'README.md'));

// Sizes, as the README reports them: what a browser downloads through each entry, each file
// gzipped on its own at level 9 (as a server sends them).
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const measure = (files) => {
  const bytes = files.map((file) => readFileSync(join(pkg, 'web', file)));
  return { raw: bytes.reduce((n, b) => n + b.length, 0), gzip: bytes.reduce((n, b) => n + gz(b), 0) };
};
const size = (files) => {
  const { raw, gzip } = measure(files);
  return `${raw} B raw / ${gzip} B gzip`;
};
console.error(
  `built ${pkg} (${exportNames.index.length} exports; /full ${exportNames.full.length}):\n` +
    `  set_wasm_bg.wasm ${size(['set_wasm_bg.wasm'])}; set_wasm_full_bg.wasm ${size(['set_wasm_full_bg.wasm'])}\n` +
    `  @setchain/core/slim + .wasm ${size(SLIM_FILES)}\n` +
    `  @setchain/core (inlined wasm) ${size(DEFAULT_FILES)}\n` +
    `  @setchain/core/full/slim + .wasm ${size(['full-slim.js', 'set_wasm_full.js', 'set-error.js', 'set_wasm_full_bg.wasm'])}\n` +
    `  @setchain/core/full (inlined wasm) ${size(['full.js', 'set_wasm_full.js', 'set_wasm_full_inline.js', 'hex.js', 'set-error.js'])}\n` +
    `  @setchain/core/client (its JS; + /full) ${size(['client.js', 'online.js'])}\n` +
    `  @setchain/core/viem, /ethers, /rpc (their JS; + @setchain/core) ${size(['viem.js', 'online.js'])}, ${size(['ethers.js', 'online.js'])}, ${size(['rpc.js', 'online.js'])}\n` +
    `  @setchain/core/contracts ${size(['contracts.js'])}`,
);

// The size budgets (wasm/README.md "Size"): the build fails when an entry outgrows its budget.
// Measured on the optimised module only: SET_WASM_OPT=0 (quick local builds) skips the check.
if (process.env.SET_WASM_OPT === '0') {
  console.error('size budgets not checked: SET_WASM_OPT=0 skips wasm-opt');
} else {
  const overBudget = [];
  console.error('size budgets (gzip -9):');
  for (const { entry, files, budget } of SIZE_BUDGETS) {
    const { gzip } = measure(files);
    const verdict = gzip <= budget ? 'ok' : `OVER BUDGET by ${gzip - budget} B`;
    console.error(`  ${entry}: ${gzip} B of ${budget} B budget: ${verdict}`);
    if (gzip > budget) overBudget.push(entry);
  }
  if (overBudget.length > 0) {
    console.error(`wasm/scripts/build.mjs: over the size budget: ${overBudget.join(', ')} (see wasm/README.md "Size")`);
    process.exit(1);
  }
}
