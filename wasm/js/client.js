// @setchain/core/client: the client for the stateset sequencer and Set Chain, over `fetch`, for
// Node ≥ 18 and browsers (no Node built-in). The same calls, errors and trust rules as the Rust
// set-client: this file does the I/O only (requests, retries with back-off on transport errors
// and 5xx, polling, the credential header, JSON-RPC envelopes); every request body, every answer
// read, the commitment holding an event, the bundle's assembly, the verdict and the stream audit
// are the core's, through the `full` wasm module (the store agent's side lives there).
//
// What is trusted comes from `trustRoot` only: the chain is read at its registry, on an RPC whose
// eth_chainId is its chain id, and an anchor's block hash comes from the chain, not the sequencer.
import * as core from './full.js';
import { answeredBy, asObject, clientError, excerpt, jsonRpcOverFetch, pinnedNetwork, reasonOf, verifyOnlineThrough } from './online.js';

export { SetError } from './full.js';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pause after failed try `attempt` (1-based): `initialBackoffMs × 2^(attempt−1)`, at most `maxBackoffMs`. */
export function backoff(policy, attempt) {
  return Math.min(policy.initialBackoffMs * 2 ** Math.min(attempt - 1, 31), policy.maxBackoffMs);
}

/** Only a request without an answer, or a server failure (5xx), is tried again: a 4xx would be refused again. */
export function isRetryable(status) {
  return status === undefined || status >= 500;
}

// The header of each credential form, as the sequencer reads it.
function authHeaders(auth) {
  if (auth === undefined || auth === null) return {};
  if (typeof auth.apiKey === 'string') return { authorization: core.authorizationValue(auth.apiKey) };
  if (typeof auth.xApiKey === 'string') return { 'x-api-key': auth.xApiKey };
  if (typeof auth.bearerJwt === 'string') return { authorization: `Bearer ${auth.bearerJwt}` };
  return undefined;
}

async function missingRpc() {
  throw clientError(core, 'CONFIG', 'configuration rpcUrl: this client was made without a chain RPC URL', { field: 'rpcUrl' });
}

function urlOf(field, text) {
  try {
    return new URL(text).href.replace(/\/+$/, '');
  } catch {
    throw clientError(core, 'CONFIG', `configuration ${field}: ${JSON.stringify(text)} is not a URL`, { field });
  }
}

/**
 * One client for one pinned network: a sequencer and a Set Chain RPC. Nothing is sent until a
 * call is made.
 */
export class Client {
  #trust;
  #pinned;
  #sequencerUrl;
  #rpcUrl;
  #headers;
  #retry;
  #poll;
  #requestTimeoutMs;
  #logsFromBlock;
  #logsPageBlocks;
  #fetch;
  #chain;

  constructor({ trustRoot, sequencerUrl, rpcUrl, auth, retry, poll, requestTimeoutMs = 20_000, logsFromBlock = 0n, logsPageBlocks = 5_000n, fetch } = {}) {
    this.#pinned = pinnedNetwork(core, trustRoot);
    this.#trust = this.#pinned.document;
    // A verifier needs only the chain: without a sequencer URL, the calls that need one throw CONFIG.
    this.#sequencerUrl = sequencerUrl === undefined ? undefined : urlOf('sequencerUrl', sequencerUrl);
    // A store agent that only sends events needs no chain: without an RPC URL, the calls that
    // read the chain throw CONFIG (set-client's `sequencer_only` / `chain_only`).
    this.#rpcUrl = rpcUrl === undefined ? undefined : urlOf('rpcUrl', rpcUrl);
    this.#headers = authHeaders(auth);
    if (this.#headers === undefined) {
      throw clientError(core, 'CONFIG', 'configuration auth: expected { apiKey }, { xApiKey }, { bearerJwt } or nothing', { field: 'auth' });
    }
    this.#retry = { maxAttempts: 5, initialBackoffMs: 200, maxBackoffMs: 5_000, ...retry };
    this.#poll = { initialBackoffMs: 250, maxBackoffMs: 5_000, ...poll };
    this.#requestTimeoutMs = requestTimeoutMs;
    this.#logsFromBlock = BigInt(logsFromBlock);
    this.#logsPageBlocks = BigInt(logsPageBlocks);
    this.#fetch = fetch ?? globalThis.fetch.bind(globalThis);
    this.#chain =
      this.#rpcUrl === undefined
        ? { url: undefined, request: missingRpc, chainId: missingRpc, call: missingRpc }
        : jsonRpcOverFetch(core, this.#rpcUrl, { fetch: this.#fetch, timeoutMs: requestTimeoutMs });
  }

  /** The pinned chain id and SetRegistry (`0x` lowercase). */
  get pinned() {
    return { chainId: this.#pinned.chainId, registry: this.#pinned.registry };
  }

  /**
   * Sends signed `events` (one stream, one agent: the body names `events[0].source_agent_id`) in
   * one ingest request; every receipt is verified on arrival against the pinned sequencer keys.
   * Retried on transport errors and 5xx: the sequencer answers an event it already sequenced with
   * its stored receipt, so a retry never sequences an event twice.
   */
  async ingest(events) {
    const agentId = (Array.isArray(events) && events[0]?.source_agent_id) || NIL_UUID;
    const body = core.ingestRequest(agentId, events);
    const path = core.ingestPath();
    const answer = await this.#send('POST', path, body);
    try {
      return core.readIngestResponse(answer, events, this.#trust);
    } catch (error) {
      throw answeredBy(error, this.#sequencerUrl + path);
    }
  }

  /**
   * `POST /api/v1/agents/keys`: registers an agent's public key, as `keyRegistrationRequest` of
   * `@setchain/core/agent` builds it (`{ path, body }`, the proof of possession included). Sent
   * once, not retried. Returns the server's answer, read by the core.
   */
  async registerAgentKey(registration) {
    const path = registration.path;
    const answer = await this.#send('POST', path, registration.body, { once: true });
    try {
      return core.readKeyRegistrationResponse(answer);
    } catch (error) {
      throw answeredBy(error, this.#sequencerUrl + path);
    }
  }

  /**
   * `POST /api/v1/ves/commitments`: commits the stream's events `sequenceStart..=sequenceEnd`
   * into one batch (what an operator does; the anchor then puts it on-chain) and returns it.
   * Sent once, not retried: after a lost answer, find the batch with `waitForCommitment` rather
   * than committing again.
   */
  async createCommitment(tenantId, storeId, sequenceStart, sequenceEnd) {
    const { path, body } = core.commitmentRequest(tenantId, storeId, sequenceStart, sequenceEnd);
    const answer = await this.#send('POST', path, body, { once: true });
    try {
      return core.readVesCommitment(answer);
    } catch (error) {
      throw answeredBy(error, this.#sequencerUrl + path);
    }
  }

  /** `GET /api/v1/ves/commitments/{batchId}`: one commitment, with its chain fields once anchored. */
  async commitment(batchId) {
    return this.#get(core.commitmentPath(batchId), core.readVesCommitment);
  }

  /**
   * Waits until a commitment of the stream holds `sequenceNumber` and returns it: the sequencer's
   * list of the stream's unanchored commitments, else the pinned registry's `BatchCommitted` logs
   * (the anchor may have been quicker than the poll). TIMEOUT after `timeoutMs`.
   */
  async waitForCommitment(tenantId, storeId, sequenceNumber, { timeoutMs }) {
    const what = `sequencer ${this.#sequencerUrl}: a commitment of ${tenantId}/${storeId} holding sequence number ${sequenceNumber}`;
    return this.#pollUntil(what, timeoutMs, async () => {
      const path = core.commitmentListPath(tenantId, storeId);
      const list = await this.#send('GET', path);
      let found;
      try {
        found = core.commitmentHolding(list, tenantId, storeId, sequenceNumber);
      } catch (error) {
        throw answeredBy(error, this.#sequencerUrl + path);
      }
      if (found) return found;
      const located = await this.#locateOnChain(tenantId, storeId, sequenceNumber);
      return located ? this.commitment(located.batchId) : null;
    });
  }

  /** Waits until the sequencer reports commitment `batchId` anchored (`chain_tx_hash` set). TIMEOUT after `timeoutMs`. */
  async waitUntilAnchored(batchId, { timeoutMs }) {
    const what = `sequencer ${this.#sequencerUrl}: commitment ${batchId} anchored`;
    return this.#pollUntil(what, timeoutMs, async () => {
      const commitment = await this.commitment(batchId);
      return commitment.chain_tx_hash ? commitment : null;
    });
  }

  /**
   * The anchored `set-receipt-v2` bundle of `event` (sequenced with `receipt`): its commitment
   * found in the pinned registry's logs, the proof from the sequencer, the block hash from the
   * chain; the core refuses parts that do not belong together (PARTS_MISMATCH naming the part).
   */
  async bundle(event, receipt) {
    [event, receipt] = [asObject(event), asObject(receipt)];
    const located = await this.#locateOnChain(event.tenant_id, event.store_id, receipt.sequenceNumber);
    if (!located) {
      throw clientError(core, 'NOT_ANCHORED', `${this.#rpcUrl}: sequence number ${receipt.sequenceNumber} is not anchored yet`, {
        url: this.#rpcUrl,
        sequenceNumber: receipt.sequenceNumber,
      });
    }
    const commitment = await this.commitment(located.batchId);
    return this.#assemble(event, receipt, commitment, located.transactionHash);
  }

  /** As `bundle`, for a commitment in hand that carries its `chain_tx_hash` (what `waitUntilAnchored` returns): no log search. */
  async bundleWithCommitment(event, receipt, commitment) {
    [event, receipt, commitment] = [asObject(event), asObject(receipt), asObject(commitment)];
    if (!commitment.chain_tx_hash) {
      const url = this.#sequencerUrl + core.commitmentPath(commitment.batch_id);
      throw clientError(core, 'NOT_ANCHORED', `${url}: sequence number ${receipt.sequenceNumber} is not anchored yet`, {
        url,
        sequenceNumber: receipt.sequenceNumber,
      });
    }
    return this.#assemble(event, receipt, commitment, commitment.chain_tx_hash);
  }

  /**
   * The core's verdict on `bundle` with the commitment read from the **pinned** registry, on an RPC
   * whose eth_chainId is the pinned chain id (WRONG_CHAIN otherwise): up to level `anchored`.
   */
  async verifyOnline(bundle) {
    return verifyOnlineThrough(core, this.#chain, bundle, this.#trust);
  }

  /**
   * Audits the stream (`tenantId`, `storeId`) end to end, as set-client's `audit_stream`: both
   * histories contiguous from 1, the state roots chained, every on-chain commitment the
   * sequencer's, the registry's head the last log's, and with `events` (an export: an array of
   * `{ sequence_number, event }`, or its JSON text) each events root, payload hash and, with the
   * agent key the trust root pins (or `agentKeys`), each signature. Every check is the core's;
   * this reads, on an RPC whose eth_chainId is the pinned one (WRONG_CHAIN otherwise):
   *
   * 1. `eth_blockNumber`, the last block read;
   * 2. the pinned registry's `BatchCommitted` logs of the stream, from `logsFromBlock` to it, in
   *    pages of `logsPageBlocks` blocks (`eth_getLogs`);
   * 3. its head at that block (`eth_call getTenantStoreSummary`);
   * 4. the sequencer's unanchored commitments of the stream, and its record of each logged
   *    batch not among them (a 404 leaves the log without one: the finding `NOT_IN_SEQUENCER`).
   *
   * Returns the `set-stream-audit-v1` report (the same JSON as every client) with `table`, its
   * rendering for people. A gap, fork or edited event is a finding in the report, not an error;
   * an export core refuses throws before anything is fetched (`INVALID_JSON`), or once the
   * history is read (`WRONG_STREAM`, `DUPLICATE_SEQUENCE_NUMBER`). `onProgress` hears
   * `{ stage: 'logPages' | 'commitments', done, total }`, then `{ stage: 'checking' }`.
   */
  async auditStream(tenantId, storeId, events, { agentKeys, onProgress = () => {} } = {}) {
    if (events !== undefined && events !== null) core.readAuditExport(events);
    if (this.#logsPageBlocks < 1n) {
      throw clientError(core, 'CONFIG', 'configuration logsPageBlocks: must be at least 1', { field: 'logsPageBlocks' });
    }
    const served = BigInt(await this.#rpc('eth_chainId', []));
    if (served !== this.#pinned.chainId) {
      throw clientError(core, 'WRONG_CHAIN', `chain RPC ${this.#rpcUrl} serves chain ${served}, the trust root pins ${this.#pinned.chainId}`, {
        url: this.#rpcUrl,
        served,
        pinned: this.#pinned.chainId,
      });
    }
    const lastBlock = BigInt(await this.#rpc('eth_blockNumber', []));
    const { raw, decoded } = await this.#streamLogs(tenantId, storeId, lastBlock, onProgress);
    const head = await this.#streamHead(tenantId, storeId, lastBlock);
    const sequencer = await this.#sequencerCommitments(tenantId, storeId, decoded, onProgress);
    onProgress({ stage: 'checking' });
    return core.auditStream({ tenantId, storeId, logs: raw, head, sequencer, events: events ?? undefined, agentKeys, trust: this.#trust });
  }

  // The stream's BatchCommitted logs up to `lastBlock`, page by page in block order: as the RPC
  // answered them (for the core's audit) and decoded (their batch ids).
  async #streamLogs(tenantId, storeId, lastBlock, onProgress) {
    const page = this.#logsPageBlocks;
    const raw = [];
    const decoded = [];
    const total = lastBlock >= this.#logsFromBlock ? (lastBlock - this.#logsFromBlock) / page + 1n : 0n;
    let done = 0n;
    for (let from = this.#logsFromBlock; from <= lastBlock; from += page) {
      const to = from + page - 1n < lastBlock ? from + page - 1n : lastBlock;
      const filter = core.batchCommittedFilter(this.#pinned.registry, tenantId, storeId, from, to);
      let answer;
      try {
        answer = await this.#rpc('eth_getLogs', [filter]);
      } catch (error) {
        // Which page failed, as set-client says it.
        if (error?.code === 'CHAIN_RPC') error.message = error.message.replace('eth_getLogs: ', `eth_getLogs: blocks ${from}..=${to}: `);
        throw error;
      }
      try {
        decoded.push(...core.batchCommittedLogs(answer, tenantId, storeId));
      } catch (error) {
        throw answeredBy(error, this.#rpcUrl, 'eth_getLogs');
      }
      if (Array.isArray(answer)) raw.push(...answer);
      onProgress({ stage: 'logPages', done: ++done, total });
    }
    return { raw, decoded };
  }

  // The registry's getTenantStoreSummary of the stream at block `number` (its return data,
  // checked to decode here so a bad one names the RPC).
  async #streamHead(tenantId, storeId, number) {
    const data = core.encodeGetTenantStoreSummary(tenantId, storeId);
    const returned = await this.#rpc('eth_call', [{ to: this.#pinned.registry, data }, `0x${number.toString(16)}`]);
    try {
      core.decodeGetTenantStoreSummary(returned);
    } catch (error) {
      throw answeredBy(error, this.#rpcUrl, 'eth_call');
    }
    return returned;
  }

  // The sequencer's unanchored commitments of the stream, and its record of each logged batch.
  async #sequencerCommitments(tenantId, storeId, logs, onProgress) {
    const commitments = await this.#get(core.commitmentListPath(tenantId, storeId), core.readVesCommitmentList);
    const known = new Set(commitments.map((commitment) => commitment.batch_id));
    for (const [done, log] of logs.entries()) {
      onProgress({ stage: 'commitments', done, total: logs.length });
      // A batch id that is not a padded UUID cannot be one of the sequencer's.
      if (log.batchUuid === null || known.has(log.batchUuid)) continue;
      try {
        commitments.push(await this.commitment(log.batchUuid));
        known.add(log.batchUuid);
      } catch (error) {
        if (!(error?.code === 'SEQUENCER_STATUS' && error.status === 404)) throw error;
      }
    }
    onProgress({ stage: 'commitments', done: logs.length, total: logs.length });
    return commitments;
  }

  // The BatchCommitted log of the pinned registry whose range holds the event, or null.
  async #locateOnChain(tenantId, storeId, sequenceNumber) {
    const filter = core.batchCommittedFilter(this.#pinned.registry, tenantId, storeId, this.#logsFromBlock);
    const logs = await this.#rpc('eth_getLogs', [filter]);
    try {
      return core.commitmentHoldingInLogs(logs, tenantId, storeId, sequenceNumber);
    } catch (error) {
      throw answeredBy(error, this.#rpcUrl, 'eth_getLogs');
    }
  }

  // The proof from the sequencer, the block from the chain, the bundle from the core.
  async #assemble(event, receipt, commitment, txHash) {
    const path = core.proofPath(receipt.sequenceNumber, event.tenant_id, event.store_id, commitment.batch_id);
    const proof = await this.#get(path, core.readInclusionProof);
    const landed = await this.#rpc('eth_getTransactionReceipt', [txHash]);
    const refuse = (reason) =>
      clientError(core, 'ANCHOR_TRANSACTION', `chain RPC ${this.#rpcUrl}: anchoring transaction ${txHash}: ${reason}`, { url: this.#rpcUrl, txHash });
    if (!landed) throw refuse('the node has no receipt for it (not mined, or reorganised away)');
    if (BigInt(landed.status ?? '0x0') !== 1n) throw refuse('it reverted');
    if (!landed.blockNumber || !landed.blockHash) throw refuse('its receipt names no block');
    const anchor = {
      chain_id: this.#pinned.chainId,
      registry: this.#pinned.registry,
      tx_hash: txHash,
      block_number: BigInt(landed.blockNumber),
      block_hash: landed.blockHash,
    };
    return core.receiptBundleFromSequencer(event, receipt, commitment, proof, anchor);
  }

  // GET `path`, its 2xx body read by `read` (one of the core's readers).
  async #get(path, read) {
    const text = await this.#send('GET', path);
    try {
      return read(text);
    } catch (error) {
      throw answeredBy(error, this.#sequencerUrl + path);
    }
  }

  // One sequencer request with the credential; transport errors and 5xx are tried again under the
  // retry policy (idempotent requests: reads, and ingest), unless `once`; the last failure thrown.
  async #send(method, path, body, { once = false } = {}) {
    if (this.#sequencerUrl === undefined) {
      throw clientError(core, 'CONFIG', 'configuration sequencerUrl: this client was made without a sequencer URL', { field: 'sequencerUrl' });
    }
    const url = this.#sequencerUrl + path;
    const headers = { ...this.#headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    for (let attempt = 1; ; attempt++) {
      const { status, text, error } = await this.#tryOnce(url, { method, headers, body });
      if (error === undefined) return text;
      if (once || attempt >= this.#retry.maxAttempts || !isRetryable(status)) throw error;
      await sleep(backoff(this.#retry, attempt));
    }
  }

  async #tryOnce(url, init) {
    let response;
    let text;
    try {
      response = await this.#fetch(url, { ...init, signal: AbortSignal.timeout(this.#requestTimeoutMs) });
      text = await response.text();
    } catch (cause) {
      // No answer, or one cut off: as good as none.
      return { error: clientError(core, 'SEQUENCER_UNREACHABLE', `sequencer ${url}: no answer: ${reasonOf(cause)}`, { url, cause }) };
    }
    if (response.ok) return { status: response.status, text };
    const parsed = core.readErrorBody(response.status, response.headers.get('content-type') ?? undefined, text);
    const serverCode = parsed.code ?? undefined;
    const message = `sequencer ${url} answered HTTP ${response.status}${serverCode ? ` ${serverCode}` : ''}: ${excerpt(parsed.message)}`;
    return { status: response.status, error: clientError(core, 'SEQUENCER_STATUS', message, { url, status: response.status, serverCode }) };
  }

  // One JSON-RPC request to the chain RPC; its `result`.
  #rpc(method, params) {
    return this.#chain.request(method, params);
  }

  // Calls `probe` until it answers non-null, pausing under the poll policy, for at most `timeoutMs`.
  async #pollUntil(what, timeoutMs, probe) {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const found = await probe();
      if (found !== null && found !== undefined) return found;
      const waited = Date.now() - started;
      if (waited >= timeoutMs) throw clientError(core, 'TIMEOUT', `${what}: not done after ${waited} ms`, { waitedMs: waited });
      await sleep(Math.min(backoff(this.#poll, attempt), timeoutMs - waited));
    }
  }
}
