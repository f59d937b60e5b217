// @setchain/core/client and the viem and ethers adapters against a live network (set-demo
// --serve-network, started once for this file): every case of tests/conformance/client/matrix.json
// read from the file, the adapters verifying the matrix's anchored bundle to the client's verdict
// and refusing a provider of another chain, retries through a fault proxy that sequence each event
// once, a 401 that is not retried; createCommitment, and the stream audit of a stream it
// committed (clean, an edited payload, a foreign export). `make js-client-test` (needs `make demo-build`).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { JsonRpcProvider } from 'ethers';
import { createPublicClient, http } from 'viem';
import { Client, SetError, backoff, isRetryable } from '../../pkg/node/client.js';
import { setRegistryAbi } from '../../pkg/node/contracts.cjs';
import * as full from '../../pkg/node/full.mjs';
import { SetError as CheckoutSetError } from '../../pkg/node/index.mjs';
import { verifyOnlineWithEthers } from '../../pkg/node/ethers.js';
import { verifyOnlineWithRpc } from '../../pkg/node/rpc.js';
import { verifyOnlineWithViem } from '../../pkg/node/viem.js';
import { commit, faultProxy, otherChainRpc, repo, startNetwork } from './network.mjs';

const matrix = JSON.parse(readFileSync(join(repo, 'tests', 'conformance', 'client', 'matrix.json'), 'utf8'));
const seed = matrix.agent.seed;
const keyId = matrix.agent.key_id;

let served;
let network;
// The bundles each case leaves, for the cases that use another's (`uses_bundle_of`).
const bundles = new Map();

before(async () => {
  served = await startNetwork();
  network = served.network;
});
after(async () => {
  await served?.stop();
});

/** A stream of the matrix: fresh tenant, store and agent; its signed events by n; what came back. */
function newStream() {
  return { tenant: randomUUID(), store: randomUUID(), agent: randomUUID(), events: new Map(), accepted: new Map() };
}

/** Event n of the stream, built from the matrix's template and signed with its seed through the agent entry. */
function eventOf(stream, n) {
  if (!stream.events.has(n)) {
    const template = matrix.event_template;
    const unsigned = new full.UnsignedEvent({
      tenant_id: stream.tenant,
      store_id: stream.store,
      event_id: randomUUID(),
      source_agent_id: stream.agent,
      agent_key_id: keyId,
      entity_type: template.entity_type,
      entity_id: template.entity_id.replace('{n}', String(n)),
      event_type: template.event_type,
      created_at: template.created_at,
      payload: { ...template.payload, n },
    });
    stream.events.set(n, unsigned.sign({ ed25519Seed: seed }));
  }
  return stream.events.get(n);
}

/** The client of a case: the network's, with the case's overrides and the matrix's fast retry and poll. */
function clientFor(overrides = {}, extra = {}) {
  let auth = { apiKey: network.api_key };
  if (overrides.auth === 'XApiKey network.api_key') auth = { xApiKey: network.api_key };
  else if (overrides.auth?.startsWith('ApiKey ')) auth = { apiKey: overrides.auth.slice('ApiKey '.length) };
  else if (overrides.auth !== undefined) throw new Error(`auth ${overrides.auth}`);
  const trustRoot = structuredClone(network.trust_root);
  if (overrides.trust_root_edit === 'chain_id = network.chain_id + 1') trustRoot.chain_id = network.chain_id + 1;
  else if (overrides.trust_root_edit !== undefined) throw new Error(`trust_root_edit ${overrides.trust_root_edit}`);
  return new Client({
    trustRoot,
    sequencerUrl: overrides.sequencer_url?.startsWith('network.')
      ? network[overrides.sequencer_url.slice('network.'.length)]
      : (overrides.sequencer_url ?? network.sequencer_url),
    rpcUrl: network.rpc_url,
    auth,
    retry: { maxAttempts: 3, initialBackoffMs: 50, maxBackoffMs: 400 },
    poll: { initialBackoffMs: 100, maxBackoffMs: 500 },
    ...extra,
  });
}

function expectError(error, expect, at) {
  if (!expect?.error) throw error;
  assert.ok(error instanceof SetError, `${at}: ${error}`);
  assert.equal(error.code, expect.error.code, `${at}: ${error.message}`);
  if (expect.error.status !== undefined) assert.equal(error.status, expect.error.status, `${at}: ${error.message}`);
  if (expect.error.field !== undefined) assert.equal(error.field, expect.error.field, `${at}: ${error.message}`);
}

function expectVerdict(verdict, expect, at) {
  assert.ok(!expect.error, `${at}: expected ${expect.error?.code}, got a verdict`);
  assert.equal(verdict.valid, expect.valid, `${at}: ${JSON.stringify(verdict.checks)}`);
  assert.equal(verdict.level, expect.level, at);
  for (const [check, status] of Object.entries(expect.checks)) assert.equal(verdict.checks[check], status, `${at}: check ${check}`);
}

// A step that must fail: its promise's error compared with `expect.error`, its value refused.
async function outcome(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

async function runStep(client, stream, step, at) {
  const expect = step.expect ?? {};
  switch (step.do) {
    case 'register_agent': {
      // Through the client, sent once (the matrix's credential is the client's in every case that registers).
      const answer = await client.registerAgentKey(full.keyRegistrationRequest(stream.tenant, stream.agent, keyId, { ed25519Seed: seed }));
      assert.equal(answer.success, true, at);
      return;
    }
    case 'ingest': {
      const events = step.events.map((n) => eventOf(stream, n));
      const { value, error } = await outcome(client.ingest(events));
      if (error) return expectError(error, expect, at);
      assert.ok(!expect.error, `${at}: expected ${expect.error?.code}`);
      assert.deepEqual(value.accepted.map((a) => a.receipt.sequenceNumber), expect.accepted_sequence_numbers, at);
      assert.equal(value.rejections.length, expect.rejections, at);
      if (expect.rejection_reason_prefix) assert.ok(value.rejections[0].reason.startsWith(expect.rejection_reason_prefix), `${at}: ${JSON.stringify(value.rejections)}`);
      for (const accepted of value.accepted) {
        stream.accepted.set(step.events[events.findIndex((e) => e.event_id === accepted.event.event_id)], accepted);
      }
      return;
    }
    case 'commit':
      stream.committed = await commit(network, stream.tenant, stream.store, step.sequence_start, step.sequence_end);
      return;
    case 'wait_for_commitment': {
      const found = await client.waitForCommitment(stream.tenant, stream.store, step.sequence_number, { timeoutMs: step.timeout_seconds * 1000 });
      assert.equal(found.batch_id, stream.committed, at);
      return;
    }
    case 'wait_until_anchored': {
      stream.anchored = await client.waitUntilAnchored(stream.committed, { timeoutMs: step.timeout_seconds * 1000 });
      assert.match(stream.anchored.chain_tx_hash, /^0x[0-9a-f]{64}$/, at);
      return;
    }
    case 'bundle': {
      const event = stream.accepted.get(step.event);
      const receiptOf = stream.accepted.get(step.receipt_of_event ?? step.event);
      const { value, error } = await outcome(client.bundle(event.event, receiptOf.receipt));
      if (error) return expectError(error, expect, at);
      assert.ok(!expect.error, `${at}: expected ${expect.error?.code}`);
      assert.equal(value.anchor.chain_id, network.chain_id, at);
      assert.equal(value.anchor.tx_hash, stream.anchored.chain_tx_hash, at);
      assert.equal(value.receipt.sequence_number, expect.sequence_number, at);
      // The same bundle from the commitment in hand (no log search).
      assert.deepEqual(await client.bundleWithCommitment(event.event, receiptOf.receipt, stream.anchored), value, at);
      stream.bundle = value;
      return;
    }
    case 'verify_online': {
      const bundle = structuredClone(stream.bundle);
      if (step.edit) {
        const registry = step.edit.match(/^anchor\.registry = (0x[0-9a-fA-F]{40})$/)?.[1];
        assert.ok(registry, `edit ${step.edit}`);
        bundle.anchor.registry = registry;
      }
      const { value, error } = await outcome(client.verifyOnline(bundle));
      if (error) return expectError(error, expect, at);
      return expectVerdict(value, expect, at);
    }
    default:
      throw new Error(`${at}: unknown step ${step.do}`);
  }
}

describe('the shared client matrix (tests/conformance/client/matrix.json)', () => {
  assert.ok(matrix.cases.length >= 7, 'the matrix lost cases');
  for (const testCase of matrix.cases) {
    test(testCase.name, async () => {
      const client = clientFor(testCase.client);
      const stream = newStream();
      if (testCase.uses_bundle_of) {
        stream.bundle = bundles.get(testCase.uses_bundle_of);
        assert.ok(stream.bundle, `no bundle of ${testCase.uses_bundle_of}`);
      }
      for (const [index, step] of testCase.steps.entries()) {
        await runStep(client, stream, step, `${testCase.name} step ${index} (${step.do})`);
      }
      if (stream.bundle) bundles.set(testCase.name, stream.bundle);
    });
  }
});

describe('the viem, ethers and plain-RPC adapters', () => {
  const anchored = () => {
    const bundle = bundles.get('send_wait_bundle_verify');
    assert.ok(bundle, 'the matrix made its anchored bundle first');
    return bundle;
  };
  const elsewhere = () => {
    const bundle = structuredClone(anchored());
    bundle.anchor.registry = '0x00000000000000000000000000000000000000aa';
    return bundle;
  };

  test('viem: the same verdicts as the client, read at the pinned registry', async () => {
    const publicClient = createPublicClient({ transport: http(network.rpc_url) });
    const client = clientFor();
    for (const bundle of [anchored(), elsewhere()]) {
      assert.deepEqual(await verifyOnlineWithViem(publicClient, bundle, network.trust_root), await client.verifyOnline(bundle));
    }
    const verdict = await verifyOnlineWithViem(publicClient, JSON.stringify(anchored()), JSON.stringify(network.trust_root));
    assert.equal(verdict.level, 'anchored');
    // The `as const` ABI through viem reads what the core decodes.
    const batchId = full.uuidToBytes32(anchored().commitment.batch_id);
    const read = await publicClient.readContract({ address: network.registry, abi: setRegistryAbi, functionName: 'getBatchCommitment', args: [batchId] });
    const data = await publicClient.call({ to: network.registry, data: full.encodeGetBatchCommitment(batchId) });
    const decoded = full.decodeGetBatchCommitment(data.data);
    assert.deepEqual(
      { ...read, sequenceStart: BigInt(read.sequenceStart), sequenceEnd: BigInt(read.sequenceEnd), timestamp: BigInt(read.timestamp) },
      { eventsRoot: decoded.eventsRoot, newStateRoot: decoded.newStateRoot, sequenceStart: decoded.sequenceStart, sequenceEnd: decoded.sequenceEnd, eventCount: decoded.eventCount, timestamp: decoded.timestamp },
    );
  });

  test('ethers: the same verdicts as the client, read at the pinned registry', async () => {
    const provider = new JsonRpcProvider(network.rpc_url, undefined, { staticNetwork: false });
    try {
      const client = clientFor();
      for (const bundle of [anchored(), elsewhere()]) {
        assert.deepEqual(await verifyOnlineWithEthers(provider, bundle, network.trust_root), await client.verifyOnline(bundle));
      }
    } finally {
      provider.destroy();
    }
  });

  test('plain JSON-RPC (@setchain/core/rpc): the same verdicts as the client', async () => {
    const client = clientFor();
    for (const bundle of [anchored(), elsewhere()]) {
      assert.deepEqual(await verifyOnlineWithRpc(network.rpc_url, bundle, network.trust_root), await client.verifyOnline(bundle));
    }
  });

  test('a provider of another chain is refused before anything is read from it', async () => {
    const stand_in = await otherChainRpc(network.chain_id + 7);
    const provider = new JsonRpcProvider(stand_in.url, undefined, { staticNetwork: true });
    try {
      const publicClient = createPublicClient({ transport: http(stand_in.url) });
      for (const verify of [
        () => verifyOnlineWithViem(publicClient, anchored(), network.trust_root),
        () => verifyOnlineWithEthers(provider, anchored(), network.trust_root),
        () => verifyOnlineWithRpc(stand_in.url, anchored(), network.trust_root),
      ]) {
        await assert.rejects(verify(), (error) => error instanceof CheckoutSetError && error.code === 'WRONG_CHAIN' && error.served === BigInt(network.chain_id + 7));
      }
      const client = new Client({ trustRoot: network.trust_root, sequencerUrl: network.sequencer_url, rpcUrl: stand_in.url });
      await assert.rejects(client.verifyOnline(anchored()), (error) => error instanceof SetError && error.code === 'WRONG_CHAIN' && error.url === stand_in.url);
      assert.deepEqual([...new Set(stand_in.methods)], ['eth_chainId'], 'nothing but the chain id was asked');
    } finally {
      provider.destroy();
      await stand_in.close();
    }
  });
});

describe('retries', () => {
  test('only transport failures and 5xx are retried, with bounded doubling pauses', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoff({ initialBackoffMs: 100, maxBackoffMs: 700 }, n)), [100, 200, 400, 700, 700]);
    assert.ok(isRetryable(undefined) && isRetryable(503) && isRetryable(500));
    assert.ok(!isRetryable(401) && !isRetryable(400) && !isRetryable(429));
  });

  test('an ingest whose requests fail with 503 (before and after the sequencer acted) is sequenced once', async () => {
    const stream = newStream();
    await clientFor().registerAgentKey(full.keyRegistrationRequest(stream.tenant, stream.agent, keyId, { ed25519Seed: seed }));
    // Request 1 dropped before the sequencer, request 2 forwarded and its answer lost: the third
    // try gets the stored receipt. Then every third request fails, alternating the two ways.
    const proxy = await faultProxy(network.sequencer_url, (n, isIngest) => {
      if (!isIngest) return 'pass';
      if (n <= 3) return ['dropped', 'lost', 'pass'][n - 1];
      return n % 3 === 0 ? (n % 2 === 0 ? 'lost' : 'dropped') : 'pass';
    });
    try {
      const client = clientFor({ sequencer_url: proxy.url }, { retry: { maxAttempts: 4, initialBackoffMs: 20, maxBackoffMs: 100 } });
      const first = await client.ingest([eventOf(stream, 1)]);
      assert.deepEqual(first.accepted.map((a) => a.receipt.sequenceNumber), [1]);
      assert.deepEqual([proxy.counts.ingestSeen, proxy.counts.ingestForwarded], [3, 2]);
      const numbers = [];
      for (let n = 2; n <= 10; n++) {
        const { accepted, rejections } = await client.ingest([eventOf(stream, n)]);
        assert.deepEqual(rejections, []);
        numbers.push(...accepted.map((a) => a.receipt.sequenceNumber));
      }
      assert.deepEqual(numbers, [2, 3, 4, 5, 6, 7, 8, 9, 10], 'each event sequenced once, in order, no duplicate sequence number');
      assert.ok(proxy.counts.ingestSeen > 12, `the proxy failed some requests (${proxy.counts.ingestSeen} seen)`);
      // The sequencer's own record: the stream's commitment of 1..10 holds exactly ten events.
      const batchId = await commit(network, stream.tenant, stream.store, 1, 10);
      const committed = await client.commitment(batchId);
      assert.equal(committed.leaf_count, 10);
    } finally {
      await proxy.close();
    }
  });

  test('a 401 is a typed SEQUENCER_STATUS naming the sequencer, sent once', async () => {
    const stream = newStream();
    const proxy = await faultProxy(network.sequencer_url, () => 'pass');
    try {
      const client = clientFor({ sequencer_url: proxy.url, auth: 'ApiKey ss_wrong' });
      await assert.rejects(client.ingest([eventOf(stream, 1)]), (error) => {
        assert.ok(error instanceof SetError);
        assert.equal(error.code, 'SEQUENCER_STATUS');
        assert.equal(error.status, 401);
        assert.equal(error.url, `${proxy.url}/api/v1/ves/events/ingest`);
        return true;
      });
      assert.equal(proxy.counts.ingestSeen, 1, 'not retried');
    } finally {
      await proxy.close();
    }
  });

  test('nothing listening: SEQUENCER_UNREACHABLE after the bounded tries', async () => {
    const stream = newStream();
    const started = Date.now();
    const client = clientFor({ sequencer_url: 'http://127.0.0.1:9' });
    await assert.rejects(client.ingest([eventOf(stream, 1)]), (error) => error.code === 'SEQUENCER_UNREACHABLE' && error.url === 'http://127.0.0.1:9/api/v1/ves/events/ingest');
    assert.ok(Date.now() - started >= 50 + 100, 'two pauses between three tries');
  });
});

test('a client without a sequencer URL or without an RPC URL says which it lacks when a call needs it', async () => {
  const chainOnly = new Client({ trustRoot: network.trust_root, rpcUrl: network.rpc_url });
  await assert.rejects(chainOnly.ingest([eventOf(newStream(), 1)]), (error) => error.code === 'CONFIG' && error.field === 'sequencerUrl');
  assert.equal((await chainOnly.verifyOnline(bundles.get('send_wait_bundle_verify'))).level, 'anchored');
  const sequencerOnly = new Client({ trustRoot: network.trust_root, sequencerUrl: network.sequencer_url, auth: { apiKey: network.api_key } });
  await assert.rejects(sequencerOnly.verifyOnline(bundles.get('send_wait_bundle_verify')), (error) => error.code === 'CONFIG' && error.field === 'rpcUrl');
});

test('configuration errors are CONFIG naming the setting, or the core code of the trust root', () => {
  const base = { trustRoot: network.trust_root, sequencerUrl: network.sequencer_url, rpcUrl: network.rpc_url };
  const { registry, ...noRegistry } = network.trust_root;
  assert.ok(registry);
  for (const [options, code, field] of [
    [{ ...base, sequencerUrl: 'not a url' }, 'CONFIG', 'sequencerUrl'],
    [{ ...base, rpcUrl: '' }, 'CONFIG', 'rpcUrl'],
    [{ ...base, auth: { password: 'x' } }, 'CONFIG', 'auth'],
    [{ ...base, trustRoot: { ...noRegistry, format: undefined } }, 'CONFIG', 'trust.registry'],
    [{ ...base, trustRoot: { ...network.trust_root, registry: '0x12' } }, 'WRONG_LENGTH', 'trust.registry'],
  ]) {
    assert.throws(() => new Client(options), (error) => error instanceof SetError && error.code === code && error.field === field, `${code} ${field}`);
  }
});

describe('createCommitment and the stream audit (set-client create_commitment, audit_stream)', () => {
  // One stream for the describe: events 1 and 2 sent, committed by createCommitment, anchored.
  const stream = newStream();
  let export_;
  let committed;

  before(async () => {
    const client = clientFor();
    await client.registerAgentKey(full.keyRegistrationRequest(stream.tenant, stream.agent, keyId, { ed25519Seed: seed }));
    const { accepted, rejections } = await client.ingest([eventOf(stream, 1), eventOf(stream, 2)]);
    assert.deepEqual(rejections, []);
    export_ = accepted.map(({ event, receipt }) => ({ sequence_number: receipt.sequenceNumber, event }));
  });

  test('createCommitment commits the pending events, and the commitment is then visible', async () => {
    const client = clientFor();
    committed = await client.createCommitment(stream.tenant, stream.store, 1, 2);
    assert.match(committed.batch_id, /^[0-9a-f-]{36}$/);
    assert.deepEqual([committed.tenant_id, committed.store_id], [stream.tenant, stream.store]);
    assert.deepEqual([committed.sequence_start, committed.sequence_end, committed.leaf_count], [1, 2, 2]);
    assert.equal((await client.commitment(committed.batch_id)).merkle_root, committed.merkle_root);
    const found = await client.waitForCommitment(stream.tenant, stream.store, 2, { timeoutMs: 30_000 });
    assert.equal(found.batch_id, committed.batch_id);
  });

  test('a commitment the sequencer refuses is its SEQUENCER_STATUS 4xx; a failed one is never sent twice', async () => {
    // Events 3..5 were never sent: the sequencer refuses the range.
    await assert.rejects(clientFor().createCommitment(stream.tenant, stream.store, 3, 5), (error) => {
      assert.ok(error instanceof SetError, String(error));
      assert.equal(error.code, 'SEQUENCER_STATUS', error.message);
      assert.ok(error.status >= 400 && error.status < 500, error.message);
      assert.equal(error.url, `${network.sequencer_url}/api/v1/ves/commitments`);
      return true;
    });
    // A 503 (retried by reads and ingest) is not retried: the commit might have happened.
    const proxy = await faultProxy(network.sequencer_url, () => 'dropped');
    try {
      await assert.rejects(clientFor({ sequencer_url: proxy.url }).createCommitment(stream.tenant, stream.store, 3, 3), (error) => {
        assert.equal(error.code, 'SEQUENCER_STATUS');
        assert.equal(error.status, 503);
        return true;
      });
      assert.equal(proxy.counts.other, 1, 'sent once');
    } finally {
      await proxy.close();
    }
    // The core builds the request: a bad id is its code, nothing sent.
    await assert.rejects(clientFor().createCommitment('not-a-uuid', stream.store, 1, 1), (error) => error.code === 'INVALID_UUID' && error.field === 'tenantId');
  });

  test('a clean anchored stream audits ok, with and without the export', async () => {
    const client = clientFor();
    assert.ok(committed, 'createCommitment ran first');
    await client.waitUntilAnchored(committed.batch_id, { timeoutMs: 120_000 });
    const heard = [];
    const report = await client.auditStream(stream.tenant, stream.store, export_, { onProgress: (progress) => heard.push(progress.stage) });
    assert.equal(report.ok, true, report.table);
    assert.deepEqual(report.findings, [], report.table);
    assert.equal(report.format, 'set-stream-audit-v1');
    assert.deepEqual([report.tenant_id, report.store_id], [stream.tenant, stream.store]);
    assert.equal(report.summary.onchain_commitments, 1);
    assert.equal(report.summary.events_checked, 2);
    assert.equal(report.summary.head_sequence, 2);
    assert.match(report.table, /: OK\n/);
    assert.deepEqual([heard[0], heard.at(-1)], ['logPages', 'checking']);
    assert.ok(heard.includes('commitments'));
    // The export as JSON text: the same report.
    assert.deepEqual(await client.auditStream(stream.tenant, stream.store, JSON.stringify(export_)), report);
    // Without an export: the history only.
    const history = await client.auditStream(stream.tenant, stream.store);
    assert.equal(history.ok, true, history.table);
    assert.equal(history.summary.events_in_export, null);
    // One block per log page: the same report from many pages.
    assert.deepEqual(await clientFor({}, { logsPageBlocks: 1n }).auditStream(stream.tenant, stream.store, export_), report);
  });

  test('an edited payload is the finding PAYLOAD_HASH_MISMATCH in the report, not an error', async () => {
    const edited = structuredClone(export_);
    edited[1].event.payload.total_cents += 1;
    const report = await clientFor().auditStream(stream.tenant, stream.store, edited);
    assert.equal(report.ok, false);
    assert.deepEqual(report.findings.map((finding) => finding.code), ['PAYLOAD_HASH_MISMATCH'], report.table);
    assert.equal(report.findings[0].sequence_number, 2);
    assert.match(report.table, /FAILED, 1 finding/);
  });

  test("an export the core refuses throws its code: a foreign stream's events WRONG_STREAM, a number twice DUPLICATE_SEQUENCE_NUMBER", async () => {
    const client = clientFor();
    const foreign = export_.map((entry) => ({ ...entry, event: { ...entry.event, store_id: randomUUID() } }));
    await assert.rejects(client.auditStream(stream.tenant, stream.store, foreign), (error) => {
      assert.ok(error instanceof SetError, String(error));
      assert.equal(error.code, 'WRONG_STREAM', error.message);
      assert.equal(error.field, 'events[0]');
      return true;
    });
    await assert.rejects(client.auditStream(stream.tenant, stream.store, [export_[0], export_[0]]), (error) => error.code === 'DUPLICATE_SEQUENCE_NUMBER');
  });

  test('the audit reads only a chain of the pinned id; a malformed export is refused before any request', async () => {
    const other = await otherChainRpc(network.chain_id + 1);
    try {
      const elsewhere = new Client({ trustRoot: network.trust_root, sequencerUrl: network.sequencer_url, rpcUrl: other.url, auth: { apiKey: network.api_key } });
      await assert.rejects(elsewhere.auditStream(stream.tenant, stream.store, export_), (error) => error.code === 'WRONG_CHAIN' && error.url === other.url);
      assert.deepEqual(other.methods, ['eth_chainId'], 'nothing else asked');
      other.methods.length = 0;
      await assert.rejects(elsewhere.auditStream(stream.tenant, stream.store, 'not json'), (error) => error.code === 'INVALID_JSON' && error.field === 'events');
      assert.deepEqual(other.methods, []);
      const sequencerOnly = new Client({ trustRoot: network.trust_root, sequencerUrl: network.sequencer_url, auth: { apiKey: network.api_key } });
      await assert.rejects(sequencerOnly.auditStream(stream.tenant, stream.store), (error) => error.code === 'CONFIG' && error.field === 'rpcUrl');
      await assert.rejects(clientFor({}, { logsPageBlocks: 0n }).auditStream(stream.tenant, stream.store), (error) => error.code === 'CONFIG' && error.field === 'logsPageBlocks');
    } finally {
      await other.close();
    }
  });
});
