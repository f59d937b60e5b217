import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSetError, set, vectors } from './helpers.mjs';

const v = vectors('merkle.json');

function packed(hexes) {
  const out = new Uint8Array(hexes.length * 32);
  hexes.forEach((h, i) => out.set(Buffer.from(h.slice(2), 'hex'), i * 32));
  return out;
}

for (const tree of v.trees) {
  for (const [scheme, expected] of Object.entries(tree.schemes)) {
    test(`merkle.json tree n=${tree.leaf_count} ${scheme}: root, depth, proofs, verification`, () => {
      const built = new set.MerkleTree(tree.leaves, scheme);
      assert.equal(built.root, expected.root);
      assert.equal(built.depth, expected.depth);
      assert.equal(built.leafCount, tree.leaf_count);
      assert.equal(built.scheme, scheme);
      const fromPacked = new set.MerkleTree(packed(tree.leaves), scheme);
      assert.equal(fromPacked.root, expected.root);
      const fromBytes = new set.MerkleTree(tree.leaves.map((h) => packed([h])), scheme);
      assert.equal(fromBytes.root, expected.root);

      const all = built.proofs();
      assert.equal(all.length, tree.leaf_count);
      for (const { index, proof } of expected.proofs) {
        assert.deepEqual(built.proof(index), proof);
        assert.deepEqual(all[index], proof);
        assert.equal(set.verifyProof(scheme, expected.root, tree.leaves[index], index, tree.leaf_count, proof), true);
      }
      assert.equal(built.proofsPacked().length, tree.leaf_count * expected.depth * 32);

      const indices = expected.proofs.map((p) => p.index);
      const leaves = indices.map((i) => tree.leaves[i]);
      const proofs = expected.proofs.map((p) => p.proof);
      const ok = set.verifyProofs(scheme, expected.root, BigInt(tree.leaf_count), leaves, indices, proofs);
      assert.deepEqual(ok, leaves.map(() => true));
      // Every leaf at once, with the packed proofs.
      const everyIndex = tree.leaves.map((_, i) => i);
      const okPacked = set.verifyProofs(scheme, expected.root, tree.leaf_count, tree.leaves, everyIndex, built.proofsPacked());
      assert.deepEqual(okPacked, tree.leaves.map(() => true));
      // The same through a ProofSet held in wasm memory, with packed leaves and typed indices.
      const proofSet = built.proofSet();
      assert.equal(proofSet.length, tree.leaf_count);
      assert.equal(proofSet.depth, expected.depth);
      for (const { index, proof } of expected.proofs) assert.deepEqual(proofSet.get(index), proof);
      assert.deepEqual(proofSet.packed(), built.proofsPacked());
      const packedLeaves = packed(tree.leaves);
      const viaSet = set.verifyProofSet(scheme, expected.root, tree.leaf_count, packedLeaves, Uint32Array.from(everyIndex), proofSet);
      assert.deepEqual(viaSet, tree.leaves.map(() => true));
      assertSetError(() => proofSet.get(tree.leaf_count), 'INDEX_OUT_OF_RANGE', 'index');
      proofSet.free();
      // One wrong leaf answers false in its slot only.
      if (leaves.length > 1) {
        const swapped = [leaves[1], ...leaves.slice(1)];
        const answer = set.verifyProofs(scheme, expected.root, tree.leaf_count, swapped, indices, proofs);
        assert.equal(answer[0], false);
        assert.ok(answer.slice(1).every(Boolean));
      }
    });
  }
}

test('merkle.json negative: strict answers and error codes, lenient as on-chain', () => {
  assert.ok(v.negative.length > 0);
  for (const c of v.negative) {
    const args = [c.scheme, c.root, c.leaf, c.index, c.leaf_count, c.proof];
    const label = `${c.scheme} ${c.name} n=${c.leaf_count}`;
    if (c.expect === 'error') {
      assertSetError(() => set.verifyProof(...args), c.error_code);
    } else {
      assert.equal(set.verifyProof(...args), c.expect === 'valid', label);
      assert.equal(set.verifyProof(...args, { lenient: false }), c.expect === 'valid', label);
    }
    if (c.lenient === null) {
      assertSetError(() => set.verifyProof(...args, { lenient: true }), 'PROOF_TOO_LONG');
    } else {
      assert.equal(set.verifyProof(...args, { lenient: true }), c.lenient, `${label} lenient`);
    }
  }
});

test('merkle.json ves_reference_synthetic: the sequencer\'s synthetic-tree roots (reference vectors 5.4.3)', () => {
  for (const c of v.ves_reference_synthetic.cases) {
    const leaves = Array.from({ length: c.leaf_count }, (_, i) => '0x' + (i + 1).toString(16).padStart(2, '0').repeat(32));
    assert.equal(new set.MerkleTree(leaves, 'ves-sha256-v1').root, c.root, `n=${c.leaf_count}`);
  }
});

test('merkle: bad inputs give documented codes', () => {
  const leaves = v.trees[2].leaves;
  const tree = new set.MerkleTree(leaves, 'keccak-v1');
  assertSetError(() => new set.MerkleTree([], 'keccak-v1'), 'EMPTY_TREE', 'leaves');
  assertSetError(() => new set.MerkleTree(new Uint8Array(0), 'keccak-v1'), 'EMPTY_TREE');
  assertSetError(() => new set.MerkleTree(leaves, 'sha3'), 'UNKNOWN_SCHEME', 'scheme');
  assertSetError(() => new set.MerkleTree(['0x123'], 'keccak-v1'), 'INVALID_HEX', 'leaves[0]');
  assertSetError(() => new set.MerkleTree([leaves[0], '0x1234'], 'keccak-v1'), 'WRONG_LENGTH', 'leaves[1]');
  assertSetError(() => new set.MerkleTree([new Uint8Array(31)], 'keccak-v1'), 'WRONG_LENGTH', 'leaves[0]');
  assertSetError(() => new set.MerkleTree(new Uint8Array(33), 'keccak-v1'), 'WRONG_LENGTH', 'leaves');
  assertSetError(() => new set.MerkleTree([42], 'keccak-v1'), 'INVALID_ARGUMENT', 'leaves[0]');
  assertSetError(() => tree.proof(leaves.length), 'INDEX_OUT_OF_RANGE');
  assertSetError(() => tree.proof(-1), 'INVALID_ARGUMENT', 'index');
  assertSetError(() => tree.proof(1.5), 'INVALID_ARGUMENT', 'index');
  assertSetError(() => tree.proof(2n ** 64n), 'INVALID_ARGUMENT', 'index');
  assert.deepEqual(tree.proof(1n), tree.proof(1));
  const proof = tree.proof(0);
  assertSetError(() => set.verifyProof('keccak-v1', tree.root.slice(0, 10), leaves[0], 0, leaves.length, proof), 'WRONG_LENGTH', 'root');
  assertSetError(() => set.verifyProof('keccak-v1', tree.root, 'zz', 0, leaves.length, proof), 'INVALID_HEX', 'leaf');
  assertSetError(() => set.verifyProof('keccak-v1', tree.root, leaves[0], 0, leaves.length, ['0x00']), 'WRONG_LENGTH', 'proof[0]');
  assertSetError(
    () => set.verifyProofs('keccak-v1', tree.root, leaves.length, [leaves[0]], [0, 1], [proof]),
    'LENGTH_MISMATCH',
    'indices',
  );
  assertSetError(
    () => set.verifyProofs('keccak-v1', tree.root, leaves.length, [leaves[0]], [leaves.length], [proof]),
    'INDEX_OUT_OF_RANGE',
    'indices[0]',
  );
  assertSetError(
    () => set.verifyProofs('keccak-v1', tree.root, leaves.length, [leaves[0]], [0], [proof.slice(1)]),
    'PROOF_LENGTH_MISMATCH',
    'proofs[0]',
  );
  assertSetError(() => set.verifyProofs('keccak-v1', tree.root, 0, [], [], []), 'INVALID_LEAF_COUNT');
});
