import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { assertSetError, full, vectors } from './helpers.mjs';

const v = vectors('merkle.json');

function packed(hexes) {
  const out = new Uint8Array(hexes.length * 32);
  hexes.forEach((h, i) => out.set(Buffer.from(h.slice(2), 'hex'), i * 32));
  return out;
}

for (const tree of v.trees) {
  for (const [scheme, expected] of Object.entries(tree.schemes)) {
    test(`merkle.json tree n=${tree.leaf_count} ${scheme}: root, depth, proofs, verification`, () => {
      const built = new full.MerkleTree(tree.leaves, scheme);
      assert.equal(built.root, expected.root);
      assert.equal(built.depth, expected.depth);
      assert.equal(built.leafCount, tree.leaf_count);
      assert.equal(built.scheme, scheme);
      const fromPacked = new full.MerkleTree(packed(tree.leaves), scheme);
      assert.equal(fromPacked.root, expected.root);
      const fromBytes = new full.MerkleTree(tree.leaves.map((h) => packed([h])), scheme);
      assert.equal(fromBytes.root, expected.root);

      const all = built.proofs();
      assert.equal(all.length, tree.leaf_count);
      for (const { index, proof } of expected.proofs) {
        assert.deepEqual(built.proof(index), proof);
        assert.deepEqual(all[index], proof);
        assert.equal(full.verifyProof(scheme, expected.root, tree.leaves[index], index, tree.leaf_count, proof), true);
      }
      assert.equal(built.proofsPacked().length, tree.leaf_count * expected.depth * 32);

      const indices = expected.proofs.map((p) => p.index);
      const leaves = indices.map((i) => tree.leaves[i]);
      const proofs = expected.proofs.map((p) => p.proof);
      const ok = full.verifyProofs(scheme, expected.root, BigInt(tree.leaf_count), leaves, indices, proofs);
      assert.deepEqual(ok, leaves.map(() => true));
      // Every leaf at once, with the packed proofs.
      const everyIndex = tree.leaves.map((_, i) => i);
      const okPacked = full.verifyProofs(scheme, expected.root, tree.leaf_count, tree.leaves, everyIndex, built.proofsPacked());
      assert.deepEqual(okPacked, tree.leaves.map(() => true));
      // The same through a ProofSet held in wasm memory, with packed leaves and typed indices.
      const proofSet = built.proofSet();
      assert.equal(proofSet.length, tree.leaf_count);
      assert.equal(proofSet.depth, expected.depth);
      for (const { index, proof } of expected.proofs) assert.deepEqual(proofSet.get(index), proof);
      assert.deepEqual(proofSet.packed(), built.proofsPacked());
      const packedLeaves = packed(tree.leaves);
      const viaSet = full.verifyProofSet(scheme, expected.root, tree.leaf_count, packedLeaves, Uint32Array.from(everyIndex), proofSet);
      assert.deepEqual(viaSet, tree.leaves.map(() => true));
      assertSetError(() => proofSet.get(tree.leaf_count), 'INDEX_OUT_OF_RANGE', 'index');
      proofSet.free();
      // One wrong leaf answers false in its slot only.
      if (leaves.length > 1) {
        const swapped = [leaves[1], ...leaves.slice(1)];
        const answer = full.verifyProofs(scheme, expected.root, tree.leaf_count, swapped, indices, proofs);
        assert.equal(answer[0], false);
        assert.ok(answer.slice(1).every(Boolean));
      }
    });
  }
}

// `n` deterministic leaves as 0x hex: SHA-256 of the index.
function hexLeaves(n) {
  return Array.from({ length: n }, (_, i) => '0x' + createHash('sha256').update(`leaf ${i}`).digest('hex'));
}

const hexOf = (bytes) => '0x' + Buffer.from(bytes).toString('hex');

// The hex forms are written by the core as one text and cut in JS; the packed bytes are the
// reference. 40000 leaves take more than one text in proofs() (about 31,000 proofs each).
for (const scheme of ['ves-sha256-v1', 'keccak-v1']) {
  test(`merkle ${scheme}: proofs(), proof(i) and proofSet().get(i) are proofsPacked() as 0x hex`, () => {
    for (const n of [1, 2, 3, 5, 8, 13, 100, 257, 1000, 40000]) {
      const leaves = hexLeaves(n);
      const tree = new full.MerkleTree(leaves, scheme);
      const depth = tree.depth;
      const bytes = tree.proofsPacked();
      const sibling = (i, k) => hexOf(bytes.subarray((i * depth + k) * 32, (i * depth + k + 1) * 32));
      const expected = Array.from({ length: n }, (_, i) => Array.from({ length: depth }, (_, k) => sibling(i, k)));
      const all = tree.proofs();
      assert.deepEqual(all, expected, `n=${n}`);
      assert.ok(all.every((proof) => Array.isArray(proof)), `n=${n}: plain arrays`);
      const proofSet = tree.proofSet();
      for (const i of new Set([0, 1 % n, n >> 1, n - 1])) {
        assert.deepEqual(tree.proof(i), expected[i], `n=${n} proof(${i})`);
        assert.deepEqual(proofSet.get(i), expected[i], `n=${n} proofSet.get(${i})`);
      }
      proofSet.free();
      // Hex leaves (read as one joined text) build the tree the packed leaves build.
      assert.equal(tree.root, new full.MerkleTree(packed(leaves), scheme).root, `n=${n} root`);
      tree.free();
    }
  });
}

test('merkle: hex lists that cannot be read as one text are read item by item, same answers', () => {
  const leaves = hexLeaves(5);
  const root = new full.MerkleTree(leaves, 'keccak-v1').root;
  // Mixed strings and bytes, upper case and no 0x: the same tree.
  const mixed = [leaves[0], packed([leaves[1]]), leaves[2].toUpperCase().replace('0X', '0x'), leaves[3].slice(2), leaves[4]];
  assert.equal(new full.MerkleTree(mixed, 'keccak-v1').root, root);
  // A comma inside an item, a String object, an empty string: the per-item errors.
  assertSetError(() => new full.MerkleTree([leaves[0], `${leaves[1]},${leaves[2]}`], 'keccak-v1'), 'INVALID_HEX', 'leaves[1]');
  assertSetError(() => new full.MerkleTree([leaves[0], leaves[1], new String(leaves[2])], 'keccak-v1'), 'INVALID_ARGUMENT', 'leaves[2]');
  assertSetError(() => new full.MerkleTree([leaves[0], ''], 'keccak-v1'), 'WRONG_LENGTH', 'leaves[1]');
  const tree = new full.MerkleTree(leaves, 'keccak-v1');
  const proofs = tree.proofs();
  assert.deepEqual(full.verifyProofs('keccak-v1', root, 5, leaves, [0, 1, 2, 3, 4], proofs), [true, true, true, true, true]);
  const tampered = proofs.map((proof) => [...proof]);
  tampered[3][1] = tampered[3][1].replace(/.$/, (c) => (c === '0' ? '1' : '0'));
  assert.deepEqual(full.verifyProofs('keccak-v1', root, 5, leaves, [0, 1, 2, 3, 4], tampered), [true, true, true, false, true]);
});

test('merkle.json negative: strict answers and error codes, lenient as on-chain', () => {
  assert.ok(v.negative.length > 0);
  for (const c of v.negative) {
    const args = [c.scheme, c.root, c.leaf, c.index, c.leaf_count, c.proof];
    const label = `${c.scheme} ${c.name} n=${c.leaf_count}`;
    if (c.expect === 'error') {
      assertSetError(() => full.verifyProof(...args), c.error_code);
    } else {
      assert.equal(full.verifyProof(...args), c.expect === 'valid', label);
      assert.equal(full.verifyProof(...args, { lenient: false }), c.expect === 'valid', label);
    }
    if (c.lenient === null) {
      assertSetError(() => full.verifyProof(...args, { lenient: true }), 'PROOF_TOO_LONG');
    } else {
      assert.equal(full.verifyProof(...args, { lenient: true }), c.lenient, `${label} lenient`);
    }
  }
});

test('merkle.json ves_reference_synthetic: the sequencer\'s synthetic-tree roots (reference vectors 5.4.3)', () => {
  for (const c of v.ves_reference_synthetic.cases) {
    const leaves = Array.from({ length: c.leaf_count }, (_, i) => '0x' + (i + 1).toString(16).padStart(2, '0').repeat(32));
    assert.equal(new full.MerkleTree(leaves, 'ves-sha256-v1').root, c.root, `n=${c.leaf_count}`);
  }
});

test('merkle: bad inputs give documented codes', () => {
  const leaves = v.trees[2].leaves;
  const tree = new full.MerkleTree(leaves, 'keccak-v1');
  assertSetError(() => new full.MerkleTree([], 'keccak-v1'), 'EMPTY_TREE', 'leaves');
  assertSetError(() => new full.MerkleTree(new Uint8Array(0), 'keccak-v1'), 'EMPTY_TREE');
  assertSetError(() => new full.MerkleTree(leaves, 'sha3'), 'UNKNOWN_SCHEME', 'scheme');
  assertSetError(() => new full.MerkleTree(['0x123'], 'keccak-v1'), 'INVALID_HEX', 'leaves[0]');
  assertSetError(() => new full.MerkleTree([leaves[0], '0x1234'], 'keccak-v1'), 'WRONG_LENGTH', 'leaves[1]');
  assertSetError(() => new full.MerkleTree([new Uint8Array(31)], 'keccak-v1'), 'WRONG_LENGTH', 'leaves[0]');
  assertSetError(() => new full.MerkleTree(new Uint8Array(33), 'keccak-v1'), 'WRONG_LENGTH', 'leaves');
  assertSetError(() => new full.MerkleTree([42], 'keccak-v1'), 'INVALID_ARGUMENT', 'leaves[0]');
  assertSetError(() => tree.proof(leaves.length), 'INDEX_OUT_OF_RANGE');
  assertSetError(() => tree.proof(-1), 'INVALID_ARGUMENT', 'index');
  assertSetError(() => tree.proof(1.5), 'INVALID_ARGUMENT', 'index');
  assertSetError(() => tree.proof(2n ** 64n), 'INVALID_ARGUMENT', 'index');
  assert.deepEqual(tree.proof(1n), tree.proof(1));
  const proof = tree.proof(0);
  assertSetError(() => full.verifyProof('keccak-v1', tree.root.slice(0, 10), leaves[0], 0, leaves.length, proof), 'WRONG_LENGTH', 'root');
  assertSetError(() => full.verifyProof('keccak-v1', tree.root, 'zz', 0, leaves.length, proof), 'INVALID_HEX', 'leaf');
  assertSetError(() => full.verifyProof('keccak-v1', tree.root, leaves[0], 0, leaves.length, ['0x00']), 'WRONG_LENGTH', 'proof[0]');
  assertSetError(
    () => full.verifyProofs('keccak-v1', tree.root, leaves.length, [leaves[0]], [0, 1], [proof]),
    'LENGTH_MISMATCH',
    'indices',
  );
  assertSetError(
    () => full.verifyProofs('keccak-v1', tree.root, leaves.length, [leaves[0]], [leaves.length], [proof]),
    'INDEX_OUT_OF_RANGE',
    'indices[0]',
  );
  assertSetError(
    () => full.verifyProofs('keccak-v1', tree.root, leaves.length, [leaves[0]], [0], [proof.slice(1)]),
    'PROOF_LENGTH_MISMATCH',
    'proofs[0]',
  );
  assertSetError(() => full.verifyProofs('keccak-v1', tree.root, 0, [], [], []), 'INVALID_LEAF_COUNT');
});
