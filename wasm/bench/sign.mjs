// `make bench-sign` (Node part, after the Rust part): the store agent's signing throughput,
// `@setchain/core/agent` against what a Node agent would write without it, on the same events in
// the same run.
//
//     node wasm/bench/sign.mjs <the --out folder of set-bench-sign>
//
// Reads `events.json` (each event's fields and payload), `keys.json` (the agent's test seeds),
// `signed.json` (set-core's first signed events) and `rust.json` (Rust's figures). Each event is
// taken from its fields to the signed event the ingest body carries:
// - the SDK: `new UnsignedEvent(fields).signWith(signer)` with an `AgentSigner` made once from the
//   seeds (an agent signing a stream), and `.sign({ ed25519Seed })` (hybrid: and `mlDsa65Seed`),
//   which expands the seeds per event; each checks the sequencer's event rules, hashes the payload
//   (JCS) and the event, signs, and returns the signed event as a plain object;
// - by hand: the payload canonicalised by sorting keys and `JSON.stringify` (RFC 8785: keys in
//   UTF-16 order, ECMAScript number text), both hashes with `node:crypto` SHA-256 following the
//   byte layout of docs/protocol.md, then the Ed25519 signature with `@noble/ed25519` (its SHA-512
//   from node:crypto), WebCrypto `crypto.subtle.sign('Ed25519')` (async, one await per event, as
//   an agent would), or `node:crypto` `sign` on a KeyObject; hybrid: and the ML-DSA-65 signature
//   with `@noble/post-quantum` `ml_dsa65` (deterministic, `extraEntropy: false`, so it equals the
//   SDK's). No rule is checked.
//
// The same SDK calls through @setchain/core-native (node/pkg, `make node-native`: set-core built
// for this machine through napi-rs, the same API) are timed in the same rounds, rows of their own.
//
// Every object of every path is compared with the SDK's after timing (deep equality, signatures
// included); the SDK's first objects are also compared with Rust's. Times are this process's CPU
// time (`process.cpuUsage`, the machine is shared; it includes WebCrypto's worker thread), the
// median of REPEAT rounds, each round timing every row once. Hybrid runs over the first
// HYBRID_EVENTS events only: @noble/post-quantum takes tens of milliseconds per ML-DSA-65
// signature. Target: the SDK at least at parity (its events/s ÷ the peer's ≥ 1).
// BENCH_MD=<file>: the table is appended to that file.
import { deepStrictEqual } from 'node:assert';
import { createHash, createPrivateKey, sign as nodeSign, webcrypto } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ed from '@noble/ed25519';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';

const REPEAT = 5;
const HYBRID_REPEAT = 3;
const HYBRID_EVENTS = 50;

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node wasm/bench/sign.mjs <the --out folder of set-bench-sign>');
  process.exit(2);
}
const read = (name) => JSON.parse(readFileSync(join(folder, name), 'utf8'));
const events = read('events.json');
const keys = read('keys.json');
const signed = read('signed.json');
const rust = read('rust.json');
const wasm = await import(process.env.SETCHAIN_CORE_ENTRY || '../pkg/node/full.mjs');
const native = await import('../../node/pkg/index.mjs');

const bytes = (hex) => Uint8Array.from(Buffer.from(hex.replace(/^0x/, ''), 'hex'));
const hex = (data) => `0x${Buffer.from(data).toString('hex')}`;
const base64url = (data) => Buffer.from(data).toString('base64url');
const ed25519Seed = bytes(keys.ed25519_seed);
const mlDsa65Seed = bytes(keys.ml_dsa_65_seed);
const ed25519Public = bytes(keys.ed25519_public_key);

ed.hashes.sha512 = (message) => createHash('sha512').update(message).digest();
const jwk = { kty: 'OKP', crv: 'Ed25519', d: base64url(ed25519Seed), x: base64url(ed25519Public) };
const webKey = await webcrypto.subtle.importKey('jwk', jwk, { name: 'Ed25519' }, false, ['sign']);
const nodeKey = createPrivateKey({ key: jwk, format: 'jwk' });
const mlDsaSecret = ml_dsa65.keygen(mlDsa65Seed).secretKey;

// The SDK path: a signer kept (the key expanded once), or the seeds expanded per event; through
// the wasm package unless `{ AgentSigner, UnsignedEvent }` of another is given.
const sdkSigner = (seeds, { AgentSigner, UnsignedEvent } = wasm) => {
  const signer = new AgentSigner(seeds);
  return (list) =>
    list.map((fields) => {
      const event = new UnsignedEvent(fields);
      const out = event.signWith(signer);
      event.free();
      return out;
    });
};
const sdk = (seeds, { UnsignedEvent } = wasm) => (list) =>
  list.map((fields) => {
    const event = new UnsignedEvent(fields);
    const out = event.sign(seeds);
    event.free();
    return out;
  });

// RFC 8785 for JSON values parsed by JSON.parse: object keys sorted by UTF-16 code units (what
// `sort()` compares), every scalar as JSON.stringify writes it.
const jcs = (value) => {
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${jcs(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
};
const u32 = (n) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n);
  return out;
};
const ZERO_HASH = Buffer.alloc(32);
const uuidBytes = (text) => Buffer.from(text.replaceAll('-', ''), 'hex');

/** The payload hash and signing hash, by hand (docs/protocol.md#event-signing-hash). */
const hashes = (fields) => {
  const payloadHash = createHash('sha256').update('VES_PAYLOAD_PLAIN_V1').update(jcs(fields.payload)).digest();
  const hash = createHash('sha256').update('VES_EVENTSIG_V1').update(u32(1));
  for (const name of ['tenant_id', 'store_id', 'event_id', 'source_agent_id']) hash.update(uuidBytes(fields[name]));
  hash.update(u32(fields.agent_key_id));
  for (const name of ['entity_type', 'entity_id', 'event_type', 'created_at']) {
    const text = Buffer.from(fields[name], 'utf8');
    hash.update(u32(text.length)).update(text);
  }
  hash.update(u32(0)).update(payloadHash).update(ZERO_HASH);
  return { payloadHash, signingHash: hash.digest() };
};

/** The signed event as the SDK lays it out. */
const assemble = (fields, payloadHash, ed25519Signature, mlDsa65Signature) => {
  const event = {
    ves_version: 1,
    ...fields,
    payload_kind: 0,
    payload_plain_hash: hex(payloadHash),
    payload_cipher_hash: hex(ZERO_HASH),
    agent_signature: hex(ed25519Signature),
  };
  if (mlDsa65Signature) {
    event.agent_signature_scheme = 3;
    event.agent_signature_bundle = { ed25519_signature: hex(ed25519Signature), ml_dsa_65_signature: hex(mlDsa65Signature) };
  }
  return event;
};

const mlDsa = (hybrid, signingHash) => (hybrid ? ml_dsa65.sign(signingHash, mlDsaSecret, { extraEntropy: false }) : undefined);
const noble = (hybrid) => (list) =>
  list.map((fields) => {
    const { payloadHash, signingHash } = hashes(fields);
    return assemble(fields, payloadHash, ed.sign(signingHash, ed25519Seed), mlDsa(hybrid, signingHash));
  });
const webCrypto = (hybrid) => async (list) => {
  const out = [];
  for (const fields of list) {
    const { payloadHash, signingHash } = hashes(fields);
    const signature = new Uint8Array(await webcrypto.subtle.sign({ name: 'Ed25519' }, webKey, signingHash));
    out.push(assemble(fields, payloadHash, signature, mlDsa(hybrid, signingHash)));
  }
  return out;
};
const nodeCrypto = (hybrid) => (list) =>
  list.map((fields) => {
    const { payloadHash, signingHash } = hashes(fields);
    return assemble(fields, payloadHash, nodeSign(null, signingHash, nodeKey), mlDsa(hybrid, signingHash));
  });

const cpuSeconds = async (run) => {
  const start = process.cpuUsage();
  const out = await run();
  const used = process.cpuUsage(start);
  return [(used.user + used.system) / 1e6, out];
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Rows of one scheme: [what, events/s], each path's objects compared with the SDK's. */
const measure = async (scheme, list, repeat, runs) => {
  console.error(`signing ${list.length} events ${scheme}…`);
  const times = runs.map(() => []);
  const outputs = [];
  for (let round = 0; round < repeat; round++) {
    for (const [index, [, run]] of runs.entries()) {
      const [seconds, out] = await cpuSeconds(() => run(list));
      times[index].push(seconds);
      outputs[index] = out;
    }
  }
  for (const [index, [what]] of runs.entries()) {
    if (outputs[index].length !== list.length) throw new Error(`${what}: ${outputs[index].length} events`);
    deepStrictEqual(outputs[index], outputs[0], `${what} differs from the SDK`);
  }
  return runs.map(([what], index) => [`${what}, ${scheme}`, list.length / median(times[index])]);
};

// The SDK signs exactly as set-core (deterministic signatures: equal byte for byte).
for (const [scheme, seeds] of [['ed25519', { ed25519Seed }], ['hybrid', { ed25519Seed, mlDsa65Seed }]]) {
  deepStrictEqual(sdk(seeds)(events.slice(0, signed[scheme].length)), signed[scheme], `${scheme}: the SDK differs from set-core`);
  deepStrictEqual(sdk(seeds, native)(events.slice(0, signed[scheme].length)), signed[scheme], `${scheme}: the native SDK differs from set-core`);
}

const hybridEvents = events.slice(0, HYBRID_EVENTS);
const rows = [
  ...(await measure('Ed25519', events, REPEAT, [
    ['`@setchain/core/agent` `new UnsignedEvent(fields).signWith(signer)` (key expanded once)', sdkSigner({ ed25519Seed })],
    ['`@setchain/core/agent` `new UnsignedEvent(fields).sign(…)` (seeds expanded per event)', sdk({ ed25519Seed })],
    ['`@setchain/core-native` `new UnsignedEvent(fields).signWith(signer)` (key expanded once)', sdkSigner({ ed25519Seed }, native)],
    ['`@setchain/core-native` `new UnsignedEvent(fields).sign(…)` (seeds expanded per event)', sdk({ ed25519Seed }, native)],
    ['by hand: node:crypto SHA-256 + `@noble/ed25519` `sign`', noble(false)],
    ['by hand: node:crypto SHA-256 + WebCrypto `crypto.subtle.sign`', webCrypto(false)],
    ['by hand: node:crypto SHA-256 + node:crypto `sign` (KeyObject)', nodeCrypto(false)],
  ])),
  ...(await measure('hybrid', hybridEvents, HYBRID_REPEAT, [
    ['`@setchain/core/agent` `new UnsignedEvent(fields).signWith(signer)` (key expanded once)', sdkSigner({ ed25519Seed, mlDsa65Seed })],
    ['`@setchain/core/agent` `new UnsignedEvent(fields).sign(…)` (seeds expanded per event)', sdk({ ed25519Seed, mlDsa65Seed })],
    ['`@setchain/core-native` `new UnsignedEvent(fields).signWith(signer)` (key expanded once)', sdkSigner({ ed25519Seed, mlDsa65Seed }, native)],
    ['`@setchain/core-native` `new UnsignedEvent(fields).sign(…)` (seeds expanded per event)', sdk({ ed25519Seed, mlDsa65Seed }, native)],
    ['by hand: `@noble/ed25519` + `@noble/post-quantum` `ml_dsa65`', noble(true)],
    ['by hand: WebCrypto + `@noble/post-quantum` `ml_dsa65`', webCrypto(true)],
  ])),
];
const rustRows = [
  [`set-core (Rust) \`UnsignedEvent::new\` + \`sign_with\`, Ed25519 (the Rust part, its ${rust.clock})`, rust.events_per_second.sdk_ed25519],
  [`set-core (Rust) \`UnsignedEvent::new\` + \`sign_with\`, hybrid (the Rust part, its ${rust.clock})`, rust.events_per_second.sdk_hybrid],
];
let table = `\n| Node ${process.version}, per event from its fields to the signed event (${events.length} events, hybrid the first ${hybridEvents.length}; CPU time, median of ${REPEAT} / ${HYBRID_REPEAT} rounds) | events/s | µs/event |\n|---|--:|--:|\n`;
table += [...rows, ...rustRows].map(([what, perSecond]) => `| ${what} | ${perSecond.toFixed(0)} | ${(1e6 / perSecond).toFixed(1)} |\n`).join('');
table += '\n| target: the SDK at least at parity (SDK ÷ by hand, events/s) | this run | |\n|---|--:|---|\n';
// Row indices: Ed25519 0-6 (wasm signWith, sign, native signWith, sign, three peers), hybrid
// 7-12 (the same four, two peers).
const SDKS = [[0, '`@setchain/core/agent`'], [2, '`@setchain/core-native`']];
for (const [scheme, first, peers] of [['Ed25519', 0, [4, 5, 6]], ['hybrid', 7, [11, 12]]]) {
  for (const [offset, sdkName] of SDKS) {
    for (const peer of peers) {
      const ratio = rows[first + offset][1] / rows[peer][1];
      const against = rows[peer][0].replace(/^by hand: /, '').replace(/, (Ed25519|hybrid)$/, '');
      table += `| ${scheme}, ${sdkName} \`signWith\` against ${against} | ${ratio.toFixed(2)} × | ${ratio >= 1 ? 'met' : 'not met'} |\n`;
    }
  }
}
process.stdout.write(table);
if (process.env.BENCH_MD) appendFileSync(process.env.BENCH_MD, table);
