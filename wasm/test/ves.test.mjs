import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSetError, full, set, vectors } from './helpers.mjs';

const v = vectors('ves.json');

test('ves.json payload_plain_hash: JSON text as the sequencer parses it', () => {
  for (const c of v.payload_plain_hash) assert.equal(set.payloadPlainHash(c.payload_json), c.payload_plain_hash, c.payload_json);
  // An object is JSON.stringify-ed first: same hash where JS numbers are exact.
  const first = v.payload_plain_hash[0];
  assert.equal(set.payloadPlainHash(JSON.parse(first.payload_json)), first.payload_plain_hash);
});

test('ves.json events: signing, leaf and receipt hashes', () => {
  assert.ok(v.events.length > 0);
  for (const c of v.events) {
    assert.equal(set.eventSigningHash(c.event), c.event_signing_hash);
    assert.equal(set.eventSigningHash(JSON.stringify(c.event)), c.event_signing_hash);
    assert.equal(set.leafHash(c.event, BigInt(c.sequence_number)), c.leaf_hash);
    assert.equal(set.leafHash(c.event, c.sequence_number), c.leaf_hash);
    assert.equal(set.receiptHash(c.event, BigInt(c.sequence_number)), c.receipt_hash);
  }
});

test('ves.json batch: the events leaves build the batch root and proofs', () => {
  const leaves = v.events.map((c) => c.leaf_hash);
  const tree = new full.MerkleTree(leaves, 'ves-sha256-v1');
  assert.equal(tree.root, v.batch.merkle_root);
  assert.deepEqual(tree.proofs(), v.batch.proofs);
  const b = v.batch;
  assert.equal(
    set.stateRoot(b.stream_id, b.prev_state_root, b.merkle_root, b.sequence_start, b.sequence_end, b.leaf_count),
    b.new_state_root,
  );
});

test('ves.json state_roots', () => {
  for (const c of v.state_roots) {
    assert.equal(
      set.stateRoot(c.stream_id, c.prev_state_root, c.merkle_root, BigInt(c.sequence_start), BigInt(c.sequence_end), c.leaf_count),
      c.new_state_root,
    );
  }
});

test('ves: bad inputs give documented codes', () => {
  const event = v.events[0].event;
  assertSetError(() => set.payloadPlainHash('{"a":'), 'INVALID_JSON');
  assertSetError(() => set.eventSigningHash({ ...event, tenant_id: 'nope' }), 'INVALID_UUID', 'tenant_id');
  assertSetError(() => set.leafHash(event, -1), 'INVALID_ARGUMENT', 'sequenceNumber');
  assertSetError(() => set.leafHash(event, 2n ** 64n), 'INVALID_ARGUMENT', 'sequenceNumber');
  const s = v.state_roots[0];
  assertSetError(
    () => set.stateRoot(s.stream_id, '0x00', s.merkle_root, 1, 2, 2),
    'WRONG_LENGTH',
    'prevStateRoot',
  );
  assertSetError(() => set.stateRoot(s.stream_id, s.prev_state_root, s.merkle_root, 1, 2, 2 ** 32), 'INVALID_ARGUMENT', 'leafCount');
});

test('ves.json payload_plain_hash_salted, JCS text, constants', () => {
  assert.ok(v.payload_plain_hash_salted.length > 0);
  for (const c of v.payload_plain_hash_salted) {
    assert.equal(set.payloadPlainHashSalted(c.salt, c.payload_json), c.payload_plain_hash);
    assert.equal(set.payloadPlainHashSalted(c.salt, JSON.parse(c.payload_json)), c.payload_plain_hash);
  }
  for (const c of v.payload_plain_hash) assert.equal(set.canonicalJson(c.payload_json), c.jcs);
  assert.equal(set.padLeaf(), v.constants.pad_leaf);
  assert.equal(set.nodeHash(v.constants.pad_leaf, v.constants.pad_leaf), v.constants.node_pad_pad);
  assertSetError(() => set.payloadPlainHashSalted('0x01', {}), 'WRONG_LENGTH', 'salt');
  assertSetError(() => set.nodeHash('0x00', v.constants.pad_leaf), 'WRONG_LENGTH', 'left');
});

test('ves.json signatures: verifyEd25519 with the agent and sequencer keys', () => {
  for (const c of v.events) {
    assert.equal(set.verifyEd25519(v.keys.agent_public_key, c.event_signing_hash, c.event.agent_signature), true);
    assert.equal(set.verifyEd25519(v.keys.sequencer_public_key, c.receipt_hash, c.receipt_signature), true);
    // The other key, or the other message, does not verify.
    assert.equal(set.verifyEd25519(v.keys.sequencer_public_key, c.event_signing_hash, c.event.agent_signature), false);
    assert.equal(set.verifyEd25519(v.keys.agent_public_key, c.receipt_hash, c.event.agent_signature), false);
  }
  const c = v.events[0];
  assertSetError(() => set.verifyEd25519('0x12', c.event_signing_hash, c.event.agent_signature), 'WRONG_LENGTH', 'publicKey');
  assertSetError(() => set.verifyEd25519(v.keys.agent_public_key, c.event_signing_hash, '0x00'), 'WRONG_LENGTH', 'signature');
});
