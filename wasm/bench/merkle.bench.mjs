#!/usr/bin/env node
// make bench-js: @setchain/core/full (keccak-v1) against merkletreejs and @openzeppelin/merkle-tree,
// in one Node process, on the same random 32-byte leaves at 2^10, 2^14 and 2^16.
//
// Phases, each timed on its own (median of the repetitions, after a warm-up):
//   build   — construct the tree from the leaves (and read its root);
//   proofs  — every leaf's proof;
//   verify  — verify every proof against the root with the library's own verifier.
//
// Ours, two ways:
//   hex     — the idiomatic API: hex-string leaves, tree.proofs() (hex strings),
//             verifyProofs(..., hexLeaves, indices, proofs);
//   packed  — one packed Uint8Array of N×32 leaf bytes, tree.proofsPacked(),
//             verifyProofs(..., packed leaves, indices as a Uint32Array, packedProofs);
//   set     — packed leaves, tree.proofSet() (every proof computed, kept in wasm memory),
//             verifyProofSet(..., packed leaves, Uint32Array indices, proofSet).
// merkletreejs 0.6.0: new MerkleTree(buffers, keccak256, { sortPairs: false }) with Buffer leaves
//   (its native type), hash `keccak256` (npm; the native `keccak` addon); proofs as the faster of
//   getProof(leaf, i) by index and the bulk getProofs() (getHexProofs() is broken in 0.6.0: it
//   returns '0x' per leaf; hex-only proofs lose the left/right positions its verify needs when
//   sortPairs is false), verified with tree.verify(proof, leaf, root).
// merkletreejs, hex path (what its README shows): new MerkleTree(hexLeaves, keccak256) (it turns
//   each 0x string into a Buffer) and getHexProof(leaf, i) per leaf (0x strings); build and
//   proofs only, since its verify needs the left/right positions that hex proofs drop.
// @openzeppelin/merkle-tree 1.0.8: SimpleMerkleTree.of(hexLeaves, { sortLeaves: false }),
//   tree.getProof(i) (which re-verifies each proof internally, by design), verified with the
//   static SimpleMerkleTree.verify(root, leaf, proof). Its node hash is keccak256 of the SORTED
//   pair (commutative, as OpenZeppelin's MerkleProof.sol) and its array layout differs, so its
//   root is not comparable with keccak-v1; that is its design, not a setting.
//
// The hex path, "build + proofs" with hex in and hex out (what a new user writes first): ours
// `new MerkleTree(hexLeaves)` + `tree.proofs()` (the hex runner's build and proofs phases),
// merkletreejs' hex path above, OpenZeppelin's build and proofs phases (hex is its native form).
//
// Agreement checks (not timed): our root equals merkletreejs' root and our proofs equal its
// proofs (power-of-two sizes: no padding either side); every proof of every library verifies.
// Separately, for a non-power-of-two count it reports whether merkletreejs matches keccak-v1
// with its defaults (it promotes an odd node; keccak-v1 pads with keccak256("SET_PAD_LEAF_V1"))
// and with fillDefaultHash = that pad leaf.
//
// Run time is bounded: a library/size gets more repetitions only while they stay cheap
// (BENCH_BUDGET_MS per library and size, default 4000 ms; at most BENCH_MAX_REPS, default 7).
// BENCH_SIZES=10,14,16 (exponents) overrides the sizes.
// BENCH_MD=<file>: the report (everything printed but the title line) is also written to that
// file, for `make bench` (tools/bench/run.py).

import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { MerkleTree as MerkleTreeJs } from 'merkletreejs';
import keccak256 from 'keccak256';
import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { MerkleTree, verifyProofSet, verifyProofs } from './set-core.mjs';

const SCHEME = 'keccak-v1';
const SIZES = (process.env.BENCH_SIZES || '10,14,16').split(',').map((e) => 2 ** Number(e));
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS || 4000);
const MAX_REPS = Number(process.env.BENCH_MAX_REPS || 7);
const PHASES = ['build', 'proofs', 'verify'];
const OURS = ['ours (hex)', 'ours (packed)', 'ours (set)'];

const gc = globalThis.gc ?? (() => {});
const report = [];
const say = (text) => {
  console.log(text);
  report.push(text);
};
const now = () => performance.now();
const hexOf = (bytes) => '0x' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

// Deterministic "random" leaves: SHA-256("setchain-bench-leaf" ‖ i), the same for every library.
function makeLeaves(n) {
  const packed = new Uint8Array(n * 32);
  for (let i = 0; i < n; i++) {
    packed.set(createHash('sha256').update(`setchain-bench-leaf-${i}`).digest(), i * 32);
  }
  const views = Array.from({ length: n }, (_, i) => packed.subarray(i * 32, i * 32 + 32));
  return {
    n,
    packed,
    views,
    hex: views.map(hexOf),
    buffers: views.map((v) => Buffer.from(v)),
    indices: Array.from({ length: n }, (_, i) => i),
    indices32: Uint32Array.from({ length: n }, (_, i) => i),
  };
}

function assert(condition, message) {
  if (!condition) throw new Error(`bench check failed: ${message}`);
}

// One repetition of the three timed phases, each after a full GC: `build()`, then `prove(built)`,
// then `verify(built, proofs)`. Returns what each phase produced and the ms each took.
function timePhases(build, prove, verify) {
  gc();
  let t = now();
  const built = build();
  const buildMs = now() - t;
  gc();
  t = now();
  const proofs = prove(built);
  const proofsMs = now() - t;
  gc();
  t = now();
  const verified = verify(built, proofs);
  const verifyMs = now() - t;
  return { built, proofs, verified, times: { build: buildMs, proofs: proofsMs, verify: verifyMs } };
}

// Our tree, from `leaves` (hex strings or one packed Uint8Array): the root is read inside the
// build phase, as every peer's is.
const buildOurs = (leaves) => () => {
  const tree = new MerkleTree(leaves, SCHEME);
  return { tree, root: tree.root };
};

// Each runner: one repetition = { build, proofs, verify } ms, with the checks after timing.
const runners = {
  'ours (hex)': (L) => {
    const { built, proofs, verified, times } = timePhases(
      buildOurs(L.hex),
      ({ tree }) => tree.proofs(),
      ({ tree, root }, all) => verifyProofs(SCHEME, root, tree.leafCount, L.hex, L.indices, all),
    );
    assert(verified.length === L.n && verified.every((x) => x === true), 'ours (hex): every proof verifies');
    built.tree.free();
    return { times, root: built.root, sample: proofs[L.n >> 1] };
  },
  'ours (packed)': (L) => {
    const { built, proofs, verified, times } = timePhases(
      buildOurs(L.packed),
      ({ tree }) => tree.proofsPacked(),
      ({ tree, root }, packed) => verifyProofs(SCHEME, root, tree.leafCount, L.packed, L.indices32, packed),
    );
    assert(verified.length === L.n && verified.every((x) => x === true), 'ours (packed): every proof verifies');
    assert(proofs.length === L.n * built.tree.depth * 32, 'ours (packed): proofsPacked length');
    built.tree.free();
    return { times, root: built.root };
  },
  'ours (set)': (L) => {
    const { built, proofs, verified, times } = timePhases(
      buildOurs(L.packed),
      ({ tree }) => tree.proofSet(),
      ({ tree, root }, set) => verifyProofSet(SCHEME, root, tree.leafCount, L.packed, L.indices32, set),
    );
    assert(verified.length === L.n && verified.every((x) => x === true), 'ours (set): every proof verifies');
    assert(proofs.length === L.n && proofs.depth === built.tree.depth, 'ours (set): proof set shape');
    proofs.free();
    built.tree.free();
    return { times, root: built.root };
  },
  merkletreejs: (L, { bulk }) => {
    const { built, proofs, verified, times } = timePhases(
      () => {
        const tree = new MerkleTreeJs(L.buffers, keccak256, { sortPairs: false });
        return { tree, root: tree.getRoot() };
      },
      ({ tree }) => (bulk ? tree.getProofs() : L.buffers.map((leaf, i) => tree.getProof(leaf, i))),
      ({ tree, root }, all) => {
        let good = 0;
        for (let i = 0; i < L.n; i++) if (tree.verify(all[i], L.buffers[i], root)) good++;
        return good;
      },
    );
    assert(proofs.length === L.n && verified === L.n, `merkletreejs (${bulk ? 'getProofs' : 'getProof'}): every proof verifies`);
    return { times, root: hexOf(built.root), sample: proofs[L.n >> 1].map((node) => hexOf(node.data)) };
  },
  'merkletreejs (hex)': (L) => {
    const { built, proofs, times } = timePhases(
      () => {
        const tree = new MerkleTreeJs(L.hex, keccak256, { sortPairs: false });
        return { tree, root: tree.getHexRoot() };
      },
      ({ tree }) => L.hex.map((leaf, i) => tree.getHexProof(leaf, i)),
      () => null,
    );
    assert(proofs.length === L.n, 'merkletreejs (hex): one proof per leaf');
    return { times, root: built.root, sample: proofs[L.n >> 1] };
  },
  openzeppelin: (L) => {
    const { built, verified, times } = timePhases(
      () => {
        const tree = SimpleMerkleTree.of(L.hex, { sortLeaves: false });
        return { tree, root: tree.root };
      },
      ({ tree }) => L.hex.map((_, i) => tree.getProof(i)),
      ({ root }, all) => {
        let good = 0;
        for (let i = 0; i < L.n; i++) if (SimpleMerkleTree.verify(root, L.hex[i], all[i])) good++;
        return good;
      },
    );
    assert(verified === L.n, 'openzeppelin: every proof verifies');
    return { times, root: built.root };
  },
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Warm-up repetition first; it is kept as a measurement only when a single repetition is
// already too slow to repeat (then the JIT is warm from the smaller sizes anyway).
function measure(run, L, opts = {}) {
  const started = now();
  const first = run(L, opts);
  const firstMs = now() - started;
  const reps = [];
  if (firstMs > BUDGET_MS / 2) reps.push(first);
  const loopStart = now();
  while (reps.length < MAX_REPS && (reps.length < 1 || now() - loopStart + firstMs < BUDGET_MS)) {
    reps.push(run(L, opts));
  }
  const times = Object.fromEntries(PHASES.map((p) => [p, median(reps.map((r) => r.times[p]))]));
  return { times, reps: reps.length, result: first };
}

function padCheck() {
  // keccak-v1 pads to a power of two with keccak256("SET_PAD_LEAF_V1"); merkletreejs by default
  // carries an odd node up unhashed. With fillDefaultHash = the pad leaf they should agree.
  const L = makeLeaves(1000);
  const ours = new MerkleTree(L.hex, SCHEME);
  const pad = keccak256(Buffer.from('SET_PAD_LEAF_V1'));
  const plain = hexOf(new MerkleTreeJs(L.buffers, keccak256, { sortPairs: false }).getRoot());
  const filled = hexOf(new MerkleTreeJs(L.buffers, keccak256, { sortPairs: false, fillDefaultHash: pad }).getRoot());
  const out = { n: 1000, ours: ours.root, plain, filled };
  ours.free();
  return out;
}

function main() {
  const started = now();
  console.log(`# @setchain/core/full (${SCHEME}) vs merkletreejs vs @openzeppelin/merkle-tree`);
  say(`node ${process.version}, ${process.platform}/${process.arch}; gc between phases: ${globalThis.gc ? 'yes' : 'no (run with --expose-gc)'}`);
  say(`budget ${BUDGET_MS} ms per library and size, at most ${MAX_REPS} repetitions; times are medians\n`);

  // JIT warm-up of every code path on a small tree (not recorded).
  const warm = makeLeaves(2 ** 8);
  for (const [name, run] of Object.entries(runners)) {
    for (let i = 0; i < 3; i++) run(warm, { bulk: i % 2 === 0 });
    if (name === 'merkletreejs') run(warm, { bulk: false });
  }

  const rows = [];
  const hexRows = [];
  const notes = [];
  for (const n of SIZES) {
    const L = makeLeaves(n);
    const label = `2^${Math.log2(n)}`;
    const res = {};
    for (const name of OURS) res[name] = measure(runners[name], L);
    const byIndex = measure(runners.merkletreejs, L, { bulk: false });
    const bulk = measure(runners.merkletreejs, L, { bulk: true });
    // Build and verify are the same code either way; proofs: take the faster API.
    const bulkFaster = bulk.times.proofs < byIndex.times.proofs;
    res.merkletreejs = {
      times: {
        build: median([byIndex.times.build, bulk.times.build]),
        proofs: Math.min(byIndex.times.proofs, bulk.times.proofs),
        verify: median([byIndex.times.verify, bulk.times.verify]),
      },
      reps: byIndex.reps + bulk.reps,
      result: byIndex.result,
    };
    notes.push(
      `${label}: merkletreejs proofs — getProof(leaf, i) ${byIndex.times.proofs.toFixed(1)} ms, ` +
        `getProofs() ${bulk.times.proofs.toFixed(1)} ms (using ${bulkFaster ? 'getProofs()' : 'getProof by index'})`,
    );
    res.openzeppelin = measure(runners.openzeppelin, L);
    res['merkletreejs (hex)'] = measure(runners['merkletreejs (hex)'], L);

    // Agreement: same root and same proof as merkletreejs (power of two: no padding either side).
    const oursRoot = res['ours (hex)'].result.root;
    for (const name of OURS) assert(oursRoot === res[name].result.root, `ours: ${name} root agrees`);
    assert(oursRoot === res.merkletreejs.result.root, `${label}: keccak-v1 root equals merkletreejs root`);
    assert(
      JSON.stringify(res['ours (hex)'].result.sample) === JSON.stringify(res.merkletreejs.result.sample),
      `${label}: keccak-v1 proof equals merkletreejs proof`,
    );
    assert(oursRoot === res['merkletreejs (hex)'].result.root, `${label}: keccak-v1 root equals merkletreejs' hex root`);
    assert(
      JSON.stringify(res['ours (hex)'].result.sample) === JSON.stringify(res['merkletreejs (hex)'].result.sample),
      `${label}: keccak-v1 hex proof equals merkletreejs' getHexProof`,
    );
    const buildAndProofs = (name) => res[name].times.build + res[name].times.proofs;
    hexRows.push({
      size: label,
      ours: buildAndProofs('ours (hex)'),
      mtjs: buildAndProofs('merkletreejs (hex)'),
      oz: buildAndProofs('openzeppelin'),
      reps: res['merkletreejs (hex)'].reps,
    });
    notes.push(
      `${label}: reps ours hex/packed/set ${OURS.map((name) => res[name].reps).join('/')}, ` +
        `merkletreejs ${byIndex.reps}+${bulk.reps}, OpenZeppelin ${res.openzeppelin.reps}; ` +
        `root ${oursRoot} = merkletreejs; OpenZeppelin (sorted pairs) ${res.openzeppelin.result.root}`,
    );

    for (const phase of [...PHASES, 'total']) {
      const t = (name) =>
        phase === 'total' ? PHASES.reduce((s, p) => s + res[name].times[p], 0) : res[name].times[phase];
      for (const ours of OURS) {
        rows.push({
          size: label,
          phase,
          variant: ours.slice('ours ('.length, -1),
          ours: t(ours),
          mtjs: t('merkletreejs'),
          oz: t('openzeppelin'),
        });
      }
    }
    console.error(`  ${label} done (${((now() - started) / 1000).toFixed(1)} s)`);
  }

  const pc = padCheck();
  notes.push(
    `padding (n = ${pc.n}): keccak-v1 ${pc.ours}; merkletreejs default ${pc.plain} ` +
      `(${pc.plain === pc.ours ? 'same' : 'differs: odd node carried up'}); ` +
      `with fillDefaultHash = keccak256("SET_PAD_LEAF_V1") ${pc.filled} (${pc.filled === pc.ours ? 'same' : 'differs'})`,
  );

  const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const ratio = (peer, ours) => `${(peer / ours).toFixed(1)}×`;
  const lines = [
    '| size | phase | ours input/output | ours ms | merkletreejs ms | OpenZeppelin ms | merkletreejs ÷ ours | OpenZeppelin ÷ ours |',
    '|---|---|---|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.size} | ${r.phase} | ${r.variant} | ${ms(r.ours)} | ${ms(r.mtjs)} | ${ms(r.oz)} | ${ratio(r.mtjs, r.ours)} | ${ratio(r.oz, r.ours)} |`,
    ),
  ];
  say(lines.join('\n'));
  say('');
  for (const note of notes) say(`- ${note}`);

  // Targets at the largest size, every phase: ≥ 3× merkletreejs, ≥ 30× OpenZeppelin.
  const largest = `2^${Math.log2(SIZES[SIZES.length - 1])}`;
  say(`\nTargets at ${largest} (≥ 3× merkletreejs, ≥ 30× OpenZeppelin, every phase):`);
  for (const r of rows.filter((r) => r.size === largest && r.phase !== 'total')) {
    const a = r.mtjs / r.ours >= 3;
    const b = r.oz / r.ours >= 30;
    say(`- ${r.phase} (${r.variant}): merkletreejs ${a ? 'met' : 'NOT met'}, OpenZeppelin ${b ? 'met' : 'NOT met'}`);
  }

  say('\nHex path, build + every proof (hex leaves in, `0x` strings out; ms, medians of each phase):\n');
  say(
    [
      '| size | ours: `new MerkleTree(hex)` + `proofs()` | merkletreejs: hex leaves + `getHexProof` per leaf | OpenZeppelin: `of` + `getProof` per leaf | merkletreejs ÷ ours | OpenZeppelin ÷ ours |',
      '|---|--:|--:|--:|--:|--:|',
      ...hexRows.map((r) => `| ${r.size} | ${ms(r.ours)} | ${ms(r.mtjs)} | ${ms(r.oz)} | ${ratio(r.mtjs, r.ours)} | ${ratio(r.oz, r.ours)} |`),
    ].join('\n'),
  );
  const hexLargest = hexRows.find((r) => r.size === largest);
  if (hexLargest) {
    const a = hexLargest.mtjs / hexLargest.ours >= 3;
    const b = hexLargest.oz / hexLargest.ours >= 30;
    say(
      `\nTarget at ${largest}, hex path (build + proofs, ≥ 3× merkletreejs' hex path, ≥ 30× OpenZeppelin): ` +
        `merkletreejs ${(hexLargest.mtjs / hexLargest.ours).toFixed(1)}× ${a ? 'met' : 'NOT met'}, ` +
        `OpenZeppelin ${(hexLargest.oz / hexLargest.ours).toFixed(1)}× ${b ? 'met' : 'NOT met'}`,
    );
  }
  say(`\ntotal bench time ${((now() - started) / 1000).toFixed(1)} s`);
  if (process.env.BENCH_MD) writeFileSync(process.env.BENCH_MD, report.join('\n') + '\n');
}

main();
