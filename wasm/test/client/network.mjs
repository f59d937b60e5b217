// The live network the client tests run against, started once per test file: `set-demo
// --serve-network FILE` (anvil with SetRegistry, the dev sequencer and set-anchor on 127.0.0.1;
// built by `make demo-build`), stopped by closing its stdin. Plus the operator's side the matrix
// names (commit a range, through the client's createCommitment) and a fault proxy in front of
// the sequencer.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client } from '../../pkg/node/client.js';
import * as full from '../../pkg/node/full.mjs';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(repo, 'target');

/** Starts the network; resolves with `{ network, stop }` once set-demo prints NETWORK READY. */
export async function startNetwork() {
  const bin = join(targetDir, 'debug', 'set-demo');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`make demo-build\``);
  const out = mkdtempSync(join(tmpdir(), 'set-js-client-'));
  const file = join(out, 'network.json');
  const log = join(out, 'set-demo.log');
  const child = spawn(bin, ['--root', repo, '--out', out, '--block-time', '1', '--serve-network', file], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const logStream = createWriteStream(log);
  child.stderr.pipe(logStream);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const ready = new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      logStream.write(`${line}\n`);
      if (line.startsWith('NETWORK READY ')) resolve(true);
    });
  });
  const started = await Promise.race([ready, exited.then(() => false)]);
  if (!started) {
    throw new Error(`set-demo --serve-network exited before NETWORK READY; its log:\n${readFileSync(log, 'utf8').slice(-4000)}`);
  }
  const network = JSON.parse(readFileSync(file, 'utf8'));
  return {
    network,
    async stop() {
      child.stdin.end();
      await exited;
      rmSync(out, { recursive: true, force: true });
    },
  };
}

/**
 * Commits sequence numbers `start..=end` of a stream (the matrix's commit) as the operator, with
 * the client's `createCommitment` and the network's API key; the commitment id.
 */
export async function commit(network, tenant, store, start, end) {
  const operator = new Client({ trustRoot: network.trust_root, sequencerUrl: network.sequencer_url, auth: { apiKey: network.api_key } });
  return (await operator.createCommitment(tenant, store, start, end)).batch_id;
}

/**
 * A loopback proxy in front of `upstream`: `fate(n, isIngest)` decides the n-th request's fate
 * (`n` counts ingest requests when `isIngest`, else every other request): 'pass' (forwarded,
 * answer passed back), 'lost' (forwarded, then answered 503: the sequencer acted, the client
 * never heard) or 'dropped' (answered 503 without reaching the sequencer).
 */
export async function faultProxy(upstream, fate) {
  const counts = { ingestSeen: 0, ingestForwarded: 0, other: 0 };
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const isIngest = request.url === full.ingestPath();
    const nth = isIngest ? ++counts.ingestSeen : ++counts.other;
    const what = fate(nth, isIngest);
    if (what === 'dropped') return response.writeHead(503).end('dropped by the test proxy');
    const headers = {};
    for (const name of ['authorization', 'x-api-key', 'content-type']) if (request.headers[name]) headers[name] = request.headers[name];
    if (isIngest) counts.ingestForwarded++;
    let answer;
    try {
      answer = await fetch(upstream + request.url, { method: request.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    } catch {
      return response.writeHead(502).end();
    }
    const body = Buffer.from(await answer.arrayBuffer());
    if (what === 'lost') return response.writeHead(503).end('answer lost by the test proxy');
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, counts, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A JSON-RPC stand-in serving chain `chainId` and recording the methods asked (for the wrong-chain checks). */
export async function otherChainRpc(chainId) {
  const methods = [];
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const calls = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const answer = (call) => {
      methods.push(call.method);
      if (call.method === 'eth_chainId' || call.method === 'net_version') {
        return { jsonrpc: '2.0', id: call.id, result: call.method === 'eth_chainId' ? `0x${chainId.toString(16)}` : String(chainId) };
      }
      return { jsonrpc: '2.0', id: call.id, error: { code: -32601, message: `${call.method} is not served by the stand-in` } };
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Array.isArray(calls) ? calls.map(answer) : answer(calls)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, methods, close: () => new Promise((resolve) => server.close(resolve)) };
}
