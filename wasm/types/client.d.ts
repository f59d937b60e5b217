// Types of @setchain/core/client, written by hand (kept in step by wasm/test/types.test.mjs).
import type {
  AgentKeyRegistered,
  AuditAgentKey,
  AuditExportEntry,
  AuditReport,
  BundleInput,
  IngestOutcome,
  IntegerInput,
  SetError,
  SignedEvent,
  Trust,
  Verdict,
  VesCommitment,
  VesEventInput,
} from './full.js';

export { SetError } from './full.js';

/** The sequencer credential: `Authorization: ApiKey <key>`, the `X-API-Key` header, or a JWT as `Bearer`. */
export type Auth = { apiKey: string } | { xApiKey: string } | { bearerJwt: string } | null;

/** Bounded exponential back-off: at most `maxAttempts` tries, the n-th retry after `initialBackoffMs × 2^(n−1)`, never more than `maxBackoffMs`. */
export interface RetryPolicy {
  maxAttempts?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface ClientOptions {
  /** The pinned network (a `set-trust-root-v1` document, object or text): chain id, SetRegistry, sequencer keys. */
  trustRoot: Trust | string;
  /** The sequencer's base URL (`http://host:port`); a client that only verifies online may leave it out (the sequencer's calls then throw `CONFIG`). */
  sequencerUrl?: string;
  /** A Set Chain JSON-RPC URL (configuration, not trust: its eth_chainId is checked); a store agent that only sends events may leave it out (the chain's calls then throw `CONFIG`). */
  rpcUrl?: string;
  /** Absent or `null`: no credential. */
  auth?: Auth;
  /** Sequencer requests, retried on transport errors and 5xx only (default 5 tries, 200 ms doubling up to 5 s). */
  retry?: RetryPolicy;
  /** The pauses of the `wait*` calls (default 250 ms doubling up to 5 s; `maxAttempts` unused). */
  poll?: RetryPolicy;
  /** Longest wait for one HTTP request (default 20,000 ms). */
  requestTimeoutMs?: number;
  /** First block searched for `BatchCommitted` logs (the registry's deployment block; default 0). */
  logsFromBlock?: IntegerInput;
  /** Blocks per `eth_getLogs` page of `auditStream` (default 5,000; at least 1, else `CONFIG`). */
  logsPageBlocks?: IntegerInput;
  /** The `fetch` to use (default `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch;
}

/** The ingest receipt of one event, as the sequencer sent it (camelCase keys). */
export interface IngestReceipt {
  sequencerId: string;
  eventId: string;
  sequenceNumber: number;
  sequencedAt: string;
  receiptHash: string;
  signatureAlg: string;
  sequencerSignature: string;
  [key: string]: unknown;
}

/**
 * Every failure of a client call is a `SetError`. The client's own codes are those of the Rust
 * set-client: `CONFIG`, `SEQUENCER_UNREACHABLE`, `SEQUENCER_STATUS` (with `status`),
 * `CHAIN_RPC` (with `method`), `WRONG_CHAIN`, `ANCHOR_TRANSACTION`, `NOT_ANCHORED`, `TIMEOUT`
 * (module `client`); a refusal by the core keeps the core's code and field
 * (`RECEIPT_NOT_VERIFIED`, `PARTS_MISMATCH`, `INVALID_FIELD_VALUE`, …), with the `url` that answered.
 */
export interface ClientErrorDetails {
  /** The URL requested (the sequencer's endpoint or the chain RPC). */
  readonly url?: string;
  /** The HTTP status of a sequencer's error answer (`SEQUENCER_STATUS`). */
  readonly status?: number;
  /** The server's own code when its body has one (`invalid_api_key`, `INVALID_FIELD_VALUE`). */
  readonly serverCode?: string;
  /** The JSON-RPC method (`CHAIN_RPC`, and a core refusal of a chain answer). */
  readonly method?: string;
}

export class Client {
  /** Throws `CONFIG` (field `trust.chain_id`, `trust.registry`, `sequencerUrl`, `rpcUrl`, `auth`) or the core's code for a trust root it refuses. */
  constructor(options: ClientOptions);
  /** The pinned chain id and SetRegistry (`0x` lowercase). */
  readonly pinned: { chainId: bigint; registry: `0x${string}` };
  /** Sends signed events (one stream, one agent); every receipt verified on arrival. Retried on transport errors and 5xx. */
  ingest(events: readonly (SignedEvent | VesEventInput)[]): Promise<IngestOutcome>;
  /** `POST /api/v1/agents/keys` with `keyRegistrationRequest(…)` of `@setchain/core/agent`; sent once, not retried. */
  registerAgentKey(registration: { path: string; body: string }): Promise<AgentKeyRegistered>;
  /** `POST /api/v1/ves/commitments` (the operator's): commits `sequenceStart..=sequenceEnd` of the stream. Sent once, not retried (`SEQUENCER_STATUS` 4xx for a range the sequencer refuses). */
  createCommitment(tenantId: string, storeId: string, sequenceStart: IntegerInput, sequenceEnd: IntegerInput): Promise<VesCommitment>;
  /** `GET /api/v1/ves/commitments/{batchId}`. */
  commitment(batchId: string): Promise<VesCommitment>;
  /** The commitment holding `sequenceNumber`: the sequencer's list, else the pinned registry's logs. `TIMEOUT` after `timeoutMs`. */
  waitForCommitment(tenantId: string, storeId: string, sequenceNumber: IntegerInput, options: { timeoutMs: number }): Promise<VesCommitment>;
  /** Polls until the sequencer reports the commitment's `chain_tx_hash`. `TIMEOUT` after `timeoutMs`. */
  waitUntilAnchored(batchId: string, options: { timeoutMs: number }): Promise<VesCommitment>;
  /** The anchored `set-receipt-v2` bundle (commitment found in the pinned registry's logs; block hash from the chain). */
  bundle(event: SignedEvent | VesEventInput, receipt: IngestReceipt | Record<string, unknown>): Promise<Record<string, unknown>>;
  /** As `bundle`, for a commitment carrying its `chain_tx_hash` (what `waitUntilAnchored` returns). */
  bundleWithCommitment(
    event: SignedEvent | VesEventInput,
    receipt: IngestReceipt | Record<string, unknown>,
    commitment: VesCommitment,
  ): Promise<Record<string, unknown>>;
  /** The core's verdict with the commitment read from the pinned registry on the pinned chain (`WRONG_CHAIN` otherwise). */
  verifyOnline(bundle: BundleInput): Promise<Verdict>;
  /**
   * The stream audit of set-client's `audit_stream`: the pinned registry's logs and head (on the
   * pinned chain, `WRONG_CHAIN` otherwise), the sequencer's commitments, the optional export, then
   * the core's checks. Findings (`PAYLOAD_HASH_MISMATCH`, …) are in the report; `WRONG_STREAM`,
   * `DUPLICATE_SEQUENCE_NUMBER`, `INVALID_JSON` for an export the core refuses are thrown.
   */
  auditStream(
    tenantId: string,
    storeId: string,
    events?: readonly AuditExportEntry[] | string | null,
    options?: { agentKeys?: readonly AuditAgentKey[]; onProgress?: (progress: AuditProgress) => void },
  ): Promise<AuditReport>;
}

/** How far `auditStream` has got: log pages read, commitments looked up, then the core's checks. */
export type AuditProgress =
  | { stage: 'logPages'; done: bigint; total: bigint }
  | { stage: 'commitments'; done: number; total: number }
  | { stage: 'checking' };

/** The pause after failed try `attempt` (1-based). */
export function backoff(policy: Required<Pick<RetryPolicy, 'initialBackoffMs' | 'maxBackoffMs'>>, attempt: number): number;
/** Whether a failed try may be repeated: no answer (`undefined`) or a 5xx. */
export function isRetryable(status: number | undefined): boolean;
