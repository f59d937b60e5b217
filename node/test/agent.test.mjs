// The store agent's signing through @setchain/core-native: every event of
// tests/vectors/agent.json built from its fields (object and JSON text), hashed, and signed with
// each key kind (Ed25519, hybrid, ML-DSA-65) by `sign` and by `signWith` a kept `AgentSigner`, to
// the recorded signed event, signatures byte for byte — as wasm/test/agent.test.mjs holds
// @setchain/core/agent to; and the errors of bad seeds, of the sequencer's rules and of a freed
// object, with their code and field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSetError, native as agent, vectors } from './helpers.mjs';

const v = vectors('agent.json');
const seeds = {
  ed25519: { ed25519Seed: v.keys.ed25519_seed },
  hybrid: { ed25519Seed: v.keys.ed25519_seed, mlDsa65Seed: v.keys.ml_dsa_65_seed },
  ml_dsa_65: { mlDsa65Seed: v.keys.ml_dsa_65_seed },
};
const publicKey = (name) => ({ ed25519: v.keys.public_keys[name].ed25519, mlDsa65: v.keys.public_keys[name].ml_dsa_65 });
const fields = (edits = {}) => ({ ...v.events[0].fields, ...edits });
const seedBytes = (hex) => Buffer.from(hex.replace(/^0x/, ''), 'hex');

test('agent.json: every event builds, hashes and signs to the recorded bytes with each key kind', () => {
  let checked = 0;
  for (const c of v.events) {
    for (const input of [c.fields, JSON.stringify(c.fields)]) {
      const event = new agent.UnsignedEvent(input);
      assert.equal(event.payloadPlainHash, c.payload_plain_hash);
      assert.equal(event.signingHash(), c.event_signing_hash);
      assert.equal(event.eventId, c.fields.event_id);
      for (const [name, expected] of Object.entries(c.signed)) {
        assert.deepEqual(event.sign(seeds[name]), expected, name);
        // A key expanded once signs the same bytes, event after event.
        const signer = new agent.AgentSigner(seeds[name]);
        const signed = event.signWith(signer);
        assert.deepEqual(signed, expected, name);
        assert.deepEqual(event.signWith(signer), expected, name);
        assert.equal(signed.agent_signature, expected.agent_signature, name);
        assert.equal(signed.agent_signature_bundle?.ml_dsa_65_signature, expected.agent_signature_bundle?.ml_dsa_65_signature, name);
        assert.deepEqual(signer.publicKey(), publicKey(name), name);
        signer.free();
        checked += 1;
      }
      event.free();
    }
  }
  assert.equal(checked, 12);
  for (const name of Object.keys(seeds)) assert.deepEqual(agent.agentPublicKey(seeds[name]), publicKey(name));
});

test('seeds as Uint8Array (a Buffer too) sign the same bytes as hex seeds', () => {
  const c = v.events[0];
  const event = new agent.UnsignedEvent(c.fields);
  const bytes = { ed25519Seed: new Uint8Array(seedBytes(v.keys.ed25519_seed)), mlDsa65Seed: seedBytes(v.keys.ml_dsa_65_seed) };
  assert.deepEqual(event.signWith(new agent.AgentSigner(bytes)), c.signed.hybrid);
  assert.deepEqual(event.sign({ ed25519Seed: bytes.ed25519Seed }), c.signed.ed25519);
});

test('a signer needs a seed of 32 bytes, as hex or a Uint8Array', () => {
  assertSetError(() => new agent.AgentSigner({}), 'INVALID_ARGUMENT', 'keys');
  assertSetError(() => new agent.AgentSigner(null), 'INVALID_ARGUMENT', 'keys');
  assertSetError(() => new agent.AgentSigner({ ed25519Seed: '0x' + '01'.repeat(31) }), 'WRONG_LENGTH', 'keys.ed25519Seed');
  assertSetError(() => new agent.AgentSigner({ mlDsa65Seed: 'zz'.repeat(32) }), 'INVALID_HEX', 'keys.mlDsa65Seed');
  assertSetError(() => new agent.AgentSigner({ ed25519Seed: new Uint16Array(16) }), 'INVALID_ARGUMENT', 'keys.ed25519Seed');
  assertSetError(() => new agent.AgentSigner({ ed25519Seed: 7 }), 'INVALID_ARGUMENT', 'keys.ed25519Seed');
  const event = new agent.UnsignedEvent(fields());
  assertSetError(() => event.sign({}), 'INVALID_ARGUMENT', 'keys');
  assertSetError(() => event.sign({ ed25519Seed: '01'.repeat(31) }), 'WRONG_LENGTH', 'keys.ed25519Seed');
});

test("the sequencer's rules are refused when the event is built, naming the field", () => {
  const cases = [
    [{ entity_type: '' }, 'SCHEMA_VALIDATION', 'entity_type'],
    [{ created_at: '2026-02-30T00:00:00Z' }, 'SCHEMA_VALIDATION', 'created_at'],
    [{ payload: { blob: 'x'.repeat(1 << 20) } }, 'PAYLOAD_TOO_LARGE', 'payload'],
    [{ ves_version: 2 }, 'UNSUPPORTED_VERSION', 'ves_version'],
    [{ payload_plain_hash: `0x${'11'.repeat(32)}` }, 'INVALID_PAYLOAD_HASH', 'payload_plain_hash'],
    [{ tenant_id: 'not-a-uuid' }, 'INVALID_UUID', 'tenant_id'],
    // A bigint has no JSON number that keeps the payload's hash.
    [{ payload: { items: [{ qty: 2n }] } }, 'INVALID_JSON', 'event.payload.items[0].qty'],
  ];
  for (const [edits, code, field] of cases) {
    assertSetError(() => new agent.UnsignedEvent(fields(edits)), code, field);
  }
  assertSetError(() => new agent.UnsignedEvent('{"tenant_id":'), 'INVALID_JSON', 'tenant_id');
  assertSetError(() => new agent.UnsignedEvent(() => 1), 'INVALID_ARGUMENT', 'fields');
});

test('a freed event or signer is refused with a SetError, not a crash', () => {
  const event = new agent.UnsignedEvent(fields());
  const signer = new agent.AgentSigner(seeds.ed25519);
  signer.free();
  assertSetError(() => event.signWith(signer), 'INVALID_ARGUMENT', 'this');
  assertSetError(() => signer.publicKey(), 'INVALID_ARGUMENT', 'this');
  event.free();
  assertSetError(() => event.signingHash(), 'INVALID_ARGUMENT', 'this');
  assertSetError(() => event.sign(seeds.ed25519), 'INVALID_ARGUMENT', 'this');
  for (const other of [{}, null, new agent.UnsignedEvent(fields())]) {
    assertSetError(() => new agent.UnsignedEvent(fields()).signWith(other), 'INVALID_ARGUMENT', 'signer');
  }
});
