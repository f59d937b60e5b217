// Verifying a receipt bundle online, shared by the client (@setchain/core/client) and the viem,
// ethers and plain-RPC adapters: which chain and which contract are read, and in what order. The checks are the
// core's (`core` is the wasm entry the caller runs on); this file only reads the two pinned values
// out of the trust document and moves bytes between the chain and the core. Nothing here uses a
// Node built-in.

// A SetError of the client (module `client`), with the code of the Rust set-client's
// ClientError::code() and whatever names the server at fault (`url`, `status`, `method`).
export function clientError(core, code, message, details = {}) {
  const error = new core.SetError(message);
  error.code = code;
  error.module = 'client';
  for (const [key, value] of Object.entries(details)) if (value !== undefined) error[key] = value;
  return error;
}

// A core refusal of what a server answered: the core's SetError (its code and field) with the URL
// that answered, as the Rust client's SequencerAnswer / ChainAnswer / IngestAnswer carry it.
export function answeredBy(error, url, method) {
  if (error instanceof Error && typeof error.code === 'string') {
    error.url = url;
    if (method) error.method = method;
  }
  return error;
}

// A document given as JSON text or as an object, as an object.
export const asObject = (document) => (typeof document === 'string' ? JSON.parse(document) : document);

// An address as viem and ethers take it: 0x and lowercase hex (the core accepted the document).
function addressHex(value) {
  if (value instanceof Uint8Array) return `0x${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  return `0x${String(value).replace(/^0x/i, '').toLowerCase()}`;
}

// The chain id and SetRegistry the trust document pins, after the core has read the document
// (a malformed one throws the core's code and field: verifyReceipts reads the trust before any
// bundle, even for none). Without either there is nothing to read safely: CONFIG, as set-client.
export function pinnedNetwork(core, trust) {
  core.verifyReceipts([], trust);
  const document = asObject(trust);
  const chainId = document.chain_id ?? document.chainId;
  if (chainId === undefined || chainId === null) {
    throw clientError(core, 'CONFIG', 'configuration trust.chain_id: the trust root pins no chain id', { field: 'trust.chain_id' });
  }
  if (document.registry === undefined || document.registry === null) {
    throw clientError(core, 'CONFIG', 'configuration trust.registry: the trust root pins no registry', { field: 'trust.registry' });
  }
  return { document, chainId: BigInt(chainId), registry: addressHex(document.registry) };
}

// The verdict on `bundle` with the commitment read from the pinned registry on the pinned chain:
// the bundle and trust are read by the core first (a malformed one throws before any request);
// `chain.chainId()` must be the pinned chain id (WRONG_CHAIN otherwise, nothing else is read);
// `chain.call(to, data)` is one eth_call of getBatchCommitment at the pinned registry, never the
// one the bundle names; its raw return data goes to the core's decoder, the record to the core's
// verifier. `verify` is the core's verifyReceipt of the module wanted (ML-DSA-65 needs /full's).
export async function verifyOnlineThrough(core, chain, bundle, trust, verify = core.verifyReceipt) {
  const pinned = pinnedNetwork(core, trust);
  verify(bundle, pinned.document);
  let served;
  try {
    served = BigInt(await chain.chainId());
  } catch (cause) {
    throw chainFailure(core, chain, 'eth_chainId', cause);
  }
  if (served !== pinned.chainId) {
    throw clientError(core, 'WRONG_CHAIN', `chain RPC ${chain.url} serves chain ${served}, the trust root pins ${pinned.chainId}`, {
      url: chain.url,
      served,
      pinned: pinned.chainId,
    });
  }
  const data = core.encodeGetBatchCommitment(asObject(bundle).commitment.batch_id);
  let returned;
  try {
    returned = await chain.call(pinned.registry, data);
  } catch (cause) {
    throw chainFailure(core, chain, 'eth_call', cause);
  }
  let onchain;
  try {
    onchain = core.decodeGetBatchCommitment(returned);
  } catch (error) {
    throw answeredBy(error, chain.url, 'eth_call');
  }
  return verify(bundle, { ...pinned.document, onchain });
}

// A failed read through the chain library or RPC: CHAIN_RPC naming the method, the library's
// error kept as `cause`; a SetError of the client (already typed) passes through.
function chainFailure(core, chain, method, cause) {
  if (cause instanceof core.SetError && cause.module === 'client') return cause;
  const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return clientError(core, 'CHAIN_RPC', `chain RPC ${chain.url}: ${method}: ${reason}`, { url: chain.url, method, cause });
}

const EXCERPT_CHARS = 300;
export const excerpt = (text) => (text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text);
export const reasonOf = (cause) =>
  cause instanceof Error ? `${cause.message}${cause.cause?.message ? ` (${cause.cause.message})` : ''}` : String(cause);

// JSON-RPC over `fetch` to the chain RPC at `url`: `request(method, params)` resolves with the
// answer's `result`; any failure is CHAIN_RPC naming the method. Not retried (as set-client).
export function jsonRpcOverFetch(core, url, { fetch = globalThis.fetch.bind(globalThis), timeoutMs = 20_000 } = {}) {
  let id = 0;
  const request = async (method, params) => {
    const failed = (reason, cause) => clientError(core, 'CHAIN_RPC', `chain RPC ${url}: ${method}: ${reason}`, { url, method, cause });
    let answer;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }, (key, value) => (typeof value === 'bigint' ? `0x${value.toString(16)}` : value)),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) throw failed(`HTTP ${response.status}: ${excerpt(text)}`);
      answer = JSON.parse(text);
    } catch (cause) {
      if (cause instanceof core.SetError) throw cause;
      throw failed(reasonOf(cause), cause);
    }
    if (answer?.error) throw failed(`${answer.error.message ?? JSON.stringify(answer.error)} (code ${answer.error.code})`);
    if (!answer || !('result' in answer)) throw failed(`not a JSON-RPC answer: ${excerpt(JSON.stringify(answer))}`);
    return answer.result;
  };
  return {
    url,
    request,
    chainId: () => request('eth_chainId', []),
    call: (to, data) => request('eth_call', [{ to, data }, 'latest']),
  };
}
