#!/usr/bin/env node
// Packaging test (run by `make wasm-pack-test`): `npm pack` the built package, install the
// tarball into a fresh folder outside the repository, and use it the way a user would:
// `import` and `require` in Node, and TypeScript resolving the types through "exports": the
// checkout entry "@setchain/core", "@setchain/core/full" (Merkle, the ABIs), its old name
// "@setchain/core/abi" and the store agent's entry "@setchain/core/agent" (the same files), which
// signs the first event of tests/vectors/agent.json to its recorded bytes.
// Prints the tarball path; the web-checkout example installs the same tarball.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const wasmDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(wasmDir, '..');
const packDir = join(repo, 'target', 'npm');
mkdirSync(packDir, { recursive: true });

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const [packed] = JSON.parse(run('npm', ['pack', join(wasmDir, 'pkg'), '--pack-destination', packDir, '--json'], repo));
const tarball = join(packDir, packed.filename);
const files = packed.files.map((f) => f.path).sort();
for (const needed of ['index.d.ts', 'index.d.cts', 'slim.d.ts', 'full.d.ts', 'full.d.cts', 'full-slim.d.ts', 'node/index.cjs', 'node/index.mjs', 'node/full.cjs', 'node/full.mjs', 'node/set_wasm_bg.wasm', 'node/set_wasm_full_bg.wasm', 'web/index.js', 'web/slim.js', 'web/full.js', 'web/full-slim.js', 'web/set_wasm_bg.wasm', 'web/set_wasm_full_bg.wasm', 'README.md', 'package.json']) {
  assert.ok(files.includes(needed), `the tarball holds ${needed}`);
}

const app = mkdtempSync(join(tmpdir(), 'setchain-pack-'));
try {
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true, type: 'commonjs' }));
  // No registry needed: the package has no dependencies.
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], app);

  const leaves = ['0x' + '01'.repeat(32), '0x' + '02'.repeat(32), '0x' + '03'.repeat(32)];
  const agentVectors = JSON.parse(readFileSync(join(repo, 'tests', 'vectors', 'agent.json'), 'utf8'));
  const [agentCase] = agentVectors.events;
  const script = (importLine) => `${importLine}
if (tenantStoreKey !== abiTenantStoreKey || MerkleTree !== AbiMerkleTree) throw new Error('@setchain/core/abi is not @setchain/core/full');
if (!/^0x[0-9a-f]{64}$/.test(coreTenantStoreKey(${JSON.stringify(leaves[0])}, ${JSON.stringify(leaves[1])}))) throw new Error('checkout entry');
if (coreTenantStoreKey(${JSON.stringify(leaves[0])}, ${JSON.stringify(leaves[1])}) !== tenantStoreKey(${JSON.stringify(leaves[0])}, ${JSON.stringify(leaves[1])})) throw new Error('entries disagree');
const tree = new MerkleTree(${JSON.stringify(leaves)}, 'keccak-v1');
if (!/^0x[0-9a-f]{64}$/.test(tree.root)) throw new Error('bad root ' + tree.root);
try { uuidToBytes32('nope'); throw new Error('no error'); }
catch (err) { if (!(err instanceof SetError) || err.code !== 'INVALID_UUID') throw err; }
try { decodeRegistryError('0x'); throw new Error('no error'); }
catch (err) { if (!(err instanceof SetError) || err.code !== 'TRUNCATED') throw err; }
if (UnsignedEvent !== FullUnsignedEvent) throw new Error('@setchain/core/agent is not @setchain/core/full');
const signed = new UnsignedEvent(${JSON.stringify(agentCase.fields)}).sign({ ed25519Seed: ${JSON.stringify(agentVectors.keys.ed25519_seed)} });
if (signed.agent_signature !== ${JSON.stringify(agentCase.signed.ed25519.agent_signature)}) throw new Error('agent signature ' + signed.agent_signature);
console.log(tree.root);
`;
  writeFileSync(
    join(app, 'esm.mjs'),
    script(
      "import { SetError, uuidToBytes32, tenantStoreKey as coreTenantStoreKey } from '@setchain/core';\n" +
        "import { MerkleTree, decodeRegistryError, tenantStoreKey } from '@setchain/core/full';\n" +
        "import { MerkleTree as AbiMerkleTree, tenantStoreKey as abiTenantStoreKey } from '@setchain/core/abi';\n" +
        "import { UnsignedEvent as FullUnsignedEvent } from '@setchain/core/full';\n" +
        "import { UnsignedEvent } from '@setchain/core/agent';",
    ),
  );
  writeFileSync(
    join(app, 'cjs.cjs'),
    script(
      "const { SetError, uuidToBytes32, tenantStoreKey: coreTenantStoreKey } = require('@setchain/core');\n" +
        "const { MerkleTree, decodeRegistryError, tenantStoreKey } = require('@setchain/core/full');\n" +
        "const { MerkleTree: AbiMerkleTree, tenantStoreKey: abiTenantStoreKey } = require('@setchain/core/abi');\n" +
        "const { UnsignedEvent: FullUnsignedEvent } = require('@setchain/core/full');\n" +
        "const { UnsignedEvent } = require('@setchain/core/agent');",
    ),
  );
  const esmRoot = run('node', ['esm.mjs'], app).trim();
  const cjsRoot = run('node', ['cjs.cjs'], app).trim();
  assert.equal(esmRoot, cjsRoot, 'ESM and CJS agree');

  // TypeScript finds the types through the "types" condition of "exports": ESM and CJS flavours.
  writeFileSync(
    join(app, 'check.mts'),
    `import { verifyReceipt, type Hex, type Verdict } from '@setchain/core';
import { init } from '@setchain/core/slim';
import { MerkleTree, defaultTiers, type Decoded } from '@setchain/core/full';
import { init as initFull } from '@setchain/core/full/slim';
import { decodeRegistryError } from '@setchain/core/abi';
import { init as initAbi } from '@setchain/core/abi/slim';
import { UnsignedEvent, ingestRequest, type SignedEvent } from '@setchain/core/agent';
import { init as initAgent } from '@setchain/core/agent/slim';
export const signed: SignedEvent = new UnsignedEvent('{}').sign({ ed25519Seed: '0x${'01'.repeat(32)}' });
export const body: string = ingestRequest(signed.event_id, [signed]);
export const agentReady: Promise<void> = initAgent();
export const root: Hex = new MerkleTree(['0x${'01'.repeat(32)}'], 'keccak-v1').root;
export const verdict: Verdict = verifyReceipt('{}', { sequencerPublicKeys: [] });
export const ready: Promise<void> = init();
export const fullReady: Promise<void> = initFull();
export const abiReady: Promise<void> = initAbi();
export const revert: Decoded = decodeRegistryError('0x');
export const tiers: bigint = defaultTiers()[0].maxPerDay;
export type D = Decoded;
`,
  );
  writeFileSync(
    join(app, 'check.cts'),
    `import core = require('@setchain/core');
import full = require('@setchain/core/full');
import abi = require('@setchain/core/abi');
import agent = require('@setchain/core/agent');
export const hash: core.Hex = new agent.UnsignedEvent('{}').signingHash();
export const root: core.Hex = new full.MerkleTree(['0x${'01'.repeat(32)}'], 'keccak-v1').root;
export const revert: abi.Decoded = abi.decodeRegistryError('0x');
export const same: typeof core.SetError = full.SetError;
export const alias: typeof full.MerkleTree = abi.MerkleTree;
`,
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [] },
      files: ['check.mts', 'check.cts'],
    }),
  );
  run(join(wasmDir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], app);
  console.log(`pack-test: ${packed.filename} (${packed.size} B packed, ${packed.unpackedSize} B unpacked, ${files.length} files) installs in a fresh folder; ESM, CJS and TypeScript use it; root ${esmRoot}`);
  console.log(tarball);
} finally {
  rmSync(app, { recursive: true, force: true });
}
