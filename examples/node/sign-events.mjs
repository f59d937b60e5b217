// A store's point-of-sale agent in Node: builds and signs the store's events with
// @setchain/core/agent and writes the bodies of POST /api/v1/ves/events/ingest, one JSON text
// per line.
//
//   node sign-events.mjs JOB.json OUT.jsonl
//
// JOB.json: { store, agent_id, ed25519_seed, ml_dsa_65_seed (null: Ed25519 only; hex: hybrid,
// both signatures, scheme 3), events_per_request, events: [the fields of UnsignedEvent] }.
// Exit status 0 = written, 2 = bad job (the SDK's error code and field).
import { readFileSync, writeFileSync } from 'node:fs';
import { SetError, UnsignedEvent, ingestRequest } from '@setchain/core/agent';

const [jobPath, outPath] = process.argv.slice(2);
if (!jobPath || !outPath) {
  console.error('usage: node sign-events.mjs JOB.json OUT.jsonl');
  process.exit(2);
}
const job = JSON.parse(readFileSync(jobPath, 'utf8'));

// The job's events built, checked and signed by the SDK, in requests of events_per_request.
function signJob(job) {
  const seeds = { ed25519Seed: job.ed25519_seed };
  if (job.ml_dsa_65_seed !== null) seeds.mlDsa65Seed = job.ml_dsa_65_seed;
  const signed = job.events.map((fields) => new UnsignedEvent(fields).sign(seeds));
  const bodies = [];
  for (let i = 0; i < signed.length; i += job.events_per_request) {
    bodies.push(ingestRequest(job.agent_id, signed.slice(i, i + job.events_per_request)));
  }
  return bodies;
}

let bodies;
try {
  bodies = signJob(job);
} catch (error) {
  if (!(error instanceof SetError)) throw error;
  console.error(`${job.store}: ${error.code} at ${error.field}: ${error.message}`);
  process.exit(2);
}
writeFileSync(outPath, bodies.map((body) => body + '\n').join(''));
const keys = job.ml_dsa_65_seed === null ? 'Ed25519' : 'Ed25519 + ML-DSA-65 (scheme 3)';
console.log(`${job.store}: ${job.events.length} events signed with ${keys} by @setchain/core/agent, ${bodies.length} ingest bodies`);
