// Types of @setchain/core/full (also importable as @setchain/core/abi and @setchain/core/agent):
// every export of @setchain/core (index.d.ts, re-exported here) plus the Merkle tree API,
// SetRegistry beyond reading a commitment, the generic decoders, SetPaymaster and the store
// agent's side (events built, checked and signed), in their own wasm module, which also verifies
// ML-DSA-65 signatures. Written by hand like index.d.ts; kept in step with wasm/src
// by wasm/test/types.test.mjs.
import type {
  AddressInput,
  BundleInput,
  Bytes32Input,
  BytesInput,
  CheckResult,
  Decoded,
  Hex,
  IdInput,
  IntegerInput,
  LogInput,
  SetError,
  Trust,
  VesEventInput,
} from './index.js';

export * from './index.js';
export { default } from './index.js';

// ---- Anchor proofs -----------------------------------------------------------------------------

/** The two checks of a bundle's `anchor.proof`. */
export type AnchorProofCheckName = 'anchor_proof' | 'output_root';

/** What `verifyAnchorProof` answers. */
export interface AnchorProofVerdict {
  checks: Record<AnchorProofCheckName, CheckResult>;
  /** Why each failed or skipped check failed or was skipped (text for people). */
  reasons: Partial<Record<AnchorProofCheckName, string>>;
  /**
   * For each failed check, the `SetError` (module `anchor_proof`) naming its `code`
   * (`PROOF_NODE_MISMATCH`, `PROOF_WRONG_ACCOUNT`, `PROOF_NOT_COMMITTED`, `UNTRUSTED_L2_HEADER`,
   * `UNTRUSTED_OUTPUT_ROOT`, …) and the `field` or proof node at fault (`anchor.proof.account_proof[0]`).
   */
  errors: Partial<Record<AnchorProofCheckName, SetError>>;
}

/**
 * Runs the `anchor_proof` and `output_root` checks of a bundle exactly as `verifyReceipt` does,
 * with each failure typed. Throws for a malformed bundle or trust, as `verifyReceipt`.
 */
export function verifyAnchorProof(bundle: BundleInput, trust: Trust | string): AnchorProofVerdict;

/** A JSON-RPC answer's `result` object (camelCase keys, quantities as `0x` hex), or its JSON text. */
export type RpcAnswer = Record<string, unknown> | string;

/** What a producer read from L1 about an output: `getL2Output(index)` on the `L2OutputOracle` `oracle`. */
export interface L1OutputRead {
  chain_id: number | bigint | string;
  /** The `L2OutputOracle` (its proxy), `0x` hex. */
  oracle: string;
  /** The output index (what `getL2OutputIndexAfter(n)` answers). */
  index: number | bigint | string;
  /** The return data of `getL2Output(index)`, `0x` hex. */
  get_l2_output: string;
  /** The L1 block of its `OutputProposed` log, when known. */
  l1_block_number?: number | bigint | string;
}

/** What `anchorProofRequests` answers: the JSON-RPC params a producer sends (quantities and calldata as `0x` hex). */
export interface AnchorProofRequests {
  /** `[n, false]`. */
  eth_getBlockByNumber: [string, false];
  /** `[registry, [the commitment's three slot keys], n]`. */
  eth_getProof: [string, [string, string, string], string];
  /** `[L2ToL1MessagePasser, [], n]`, for `upgradeAnchorProof`. */
  message_passer_eth_getProof: [string, [], string];
  /** L1 calldata of `getL2OutputIndexAfter(n)` (its `uint256` answer is the output index). */
  getL2OutputIndexAfter: string;
  /** L1 calldata of `getL2Output(outputIndex)`, when `outputIndex` is given. */
  getL2Output?: string;
}

/** The requests for the proof of `batchId` in `registry` at L2 block `l2BlockNumber`. */
export function anchorProofRequests(
  batchId: string,
  registry: string,
  l2BlockNumber: number | bigint,
  outputIndex?: number | bigint,
): AnchorProofRequests;

/**
 * The bundle with `anchor.proof` set to the storage proof of its commitment, from the answers of
 * `eth_getBlockByNumber(n, false)` and `eth_getProof(registry, slots, n)`: JSON text written by the
 * core (the same bytes in every language). Evidence is added, never replaced: a bundle already
 * carrying a proof takes only the same one. Throws a `SetError` (`PROOF_NOT_ATTACHABLE`,
 * `INVALID_RPC_ANSWER`, `PROOF_NOT_COMMITTED`, …) naming the field.
 */
export function attachAnchorProof(bundle: BundleInput, block: RpcAnswer, getProof: RpcAnswer, registry: string): string;

/**
 * The bundle with the output root of its proof's L2 block added, from the answers of
 * `eth_getBlockByNumber(n, false)` and `eth_getProof(L2ToL1MessagePasser, [], n)` at that block and,
 * when read, the L1 proposal: JSON text written by the core. Throws a `SetError`
 * (`OUTPUT_ROOT_MISMATCH`, `PROOF_NOT_ATTACHABLE`, …) naming the field.
 */
export function upgradeAnchorProof(
  bundle: BundleInput,
  block: RpcAnswer,
  messagePasserProof: RpcAnswer,
  l1?: L1OutputRead | string | null,
): string;

// ---- Merkle ------------------------------------------------------------------------------------

/** Merkle tree schemes: `ves-sha256-v1` (the sequencer's SHA-256 tree, the roots on-chain) or `keccak-v1`. */
export type Scheme = 'ves-sha256-v1' | 'keccak-v1';

/** Leaves: an array of 32-byte values, or one packed `Uint8Array` of N×32 bytes (fastest). */
export type LeavesInput = readonly Bytes32Input[] | Uint8Array;

/** A built Merkle tree. */
export class MerkleTree {
  constructor(leaves: LeavesInput, scheme: Scheme);
  readonly scheme: Scheme;
  readonly root: Hex;
  /** The length of every proof. */
  readonly depth: number;
  /** Leaves given (before padding). */
  readonly leafCount: number;
  /** Siblings from the leaf up. Throws `INDEX_OUT_OF_RANGE`. */
  proof(index: number | bigint): Hex[];
  /** Every proof at once: `proofs()[i]` is `proof(i)`. */
  proofs(): Hex[][];
  /** Every proof at once, packed: `leafCount × depth × 32` bytes, proof `i` first. */
  proofsPacked(): Uint8Array;
  /** Every proof at once, kept in wasm memory (fastest for bulk work; see `verifyProofSet`). */
  proofSet(): ProofSet;
  /** Releases the tree's wasm memory now rather than at garbage collection (also `[Symbol.dispose]`). */
  free(): void;
}

/** Every proof of a tree, held in wasm memory. */
export class ProofSet {
  private constructor();
  /** The number of proofs (the tree's leaf count). */
  readonly length: number;
  readonly depth: number;
  /** Proof `index`. Throws `INDEX_OUT_OF_RANGE`. */
  get(index: number | bigint): Hex[];
  /** All proofs as bytes, as `MerkleTree.proofsPacked()` returns them. */
  packed(): Uint8Array;
  free(): void;
}

export interface VerifyOptions {
  /** Answer exactly what the on-chain `verifyInclusion` answers (no leaf-count checks). */
  lenient?: boolean;
}

/**
 * Verifies one proof; strict by default (`index < leafCount`, proof length = depth). Returns
 * `false` for a well-formed proof that does not lead to `root`; throws `SetError` for malformed input.
 */
export function verifyProof(
  scheme: Scheme,
  root: Bytes32Input,
  leaf: Bytes32Input,
  index: IntegerInput,
  leafCount: IntegerInput,
  proof: readonly Bytes32Input[],
  options?: VerifyOptions,
): boolean;

/**
 * Strictly verifies `leaves[k]` at `indices[k]` with `proofs[k]` against one root. The packed
 * forms (leaves as one N×32-byte `Uint8Array`, indices as a `Uint32Array`, proofs as
 * `proofsPacked()` returns them) are the fastest.
 */
export function verifyProofs(
  scheme: Scheme,
  root: Bytes32Input,
  leafCount: IntegerInput,
  leaves: LeavesInput,
  indices: readonly IntegerInput[] | Uint32Array | BigUint64Array,
  proofs: readonly (readonly Bytes32Input[])[] | Uint8Array,
): boolean[];

/** `verifyProofs` over a `ProofSet`, without copying the proofs out of wasm memory. */
export function verifyProofSet(
  scheme: Scheme,
  root: Bytes32Input,
  leafCount: IntegerInput,
  leaves: LeavesInput,
  indices: readonly IntegerInput[] | Uint32Array | BigUint64Array,
  proofs: ProofSet,
): boolean[];

// ---- SetRegistry -------------------------------------------------------------------------------

export interface CommitBatchInput {
  batchId: IdInput;
  tenantId: IdInput;
  storeId: IdInput;
  eventsRoot: Bytes32Input;
  prevStateRoot: Bytes32Input;
  newStateRoot: Bytes32Input;
  sequenceStart: IntegerInput;
  sequenceEnd: IntegerInput;
  eventCount: IntegerInput;
}

export interface CommitBatchArgs {
  batchId: Hex;
  tenantId: Hex;
  storeId: Hex;
  eventsRoot: Hex;
  prevStateRoot: Hex;
  newStateRoot: Hex;
  sequenceStart: bigint;
  sequenceEnd: bigint;
  eventCount: number;
}

export interface BatchCommitted {
  batchId: Hex;
  tenantStoreKey: Hex;
  eventsRoot: Hex;
  newStateRoot: Hex;
  sequenceStart: bigint;
  sequenceEnd: bigint;
  eventCount: number;
}

export function encodeCommitBatch(args: CommitBatchInput): Hex;
export function decodeCommitBatch(calldata: BytesInput): CommitBatchArgs;
export function encodeVerifyInclusion(
  batchId: IdInput,
  leaf: Bytes32Input,
  proof: readonly Bytes32Input[],
  index: IntegerInput,
): Hex;
export function decodeVerifyInclusion(data: BytesInput): boolean;
export function encodeVerifyVesInclusion(
  batchId: IdInput,
  leaf: Bytes32Input,
  proof: readonly Bytes32Input[],
  index: IntegerInput,
): Hex;
export function decodeVerifyVesInclusion(data: BytesInput): boolean;
export function decodeBatchCommitted(log: LogInput): BatchCommitted;
/** `getTenantStoreSummary(tenantId, storeId)` calldata: the stream's head on-chain. */
export function encodeGetTenantStoreSummary(tenantId: IdInput, storeId: IdInput): Hex;
/** `getTenantStoreSummary` return data. Throws `TRUNCATED`, `INVALID_ABI`. */
export function decodeGetTenantStoreSummary(data: BytesInput): {
  latestBatchId: Hex;
  currentStateRoot: Hex;
  currentHeadSequence: bigint;
  hasLatestProof: boolean;
};

export function decodeRegistryCall(calldata: BytesInput): Decoded;
/** `call` is the calldata sent, or its 4-byte selector. */
export function decodeRegistryReturn(call: BytesInput, data: BytesInput): Decoded;
export function decodeRegistryLog(log: LogInput): Decoded;
/** Custom errors, `Error(string)` and `Panic(uint256)`. */
export function decodeRegistryError(revertData: BytesInput): Decoded;

// ---- SetPaymaster ------------------------------------------------------------------------------

/** The contract's `OperationType` (ABI `uint8`). */
export enum OperationType {
  ORDER_CREATE = 0,
  ORDER_UPDATE = 1,
  PAYMENT_PROCESS = 2,
  INVENTORY_UPDATE = 3,
  RETURN_PROCESS = 4,
  COMMITMENT_ANCHOR = 5,
  OTHER = 6,
}

export interface TierInput {
  name?: string;
  maxPerTransaction: IntegerInput;
  maxPerDay: IntegerInput;
  maxPerMonth: IntegerInput;
  active: boolean;
}

export interface Tier {
  name: string;
  maxPerTransaction: bigint;
  maxPerDay: bigint;
  maxPerMonth: bigint;
  active: boolean;
}

export interface MerchantInput {
  active: boolean;
  tierId: IntegerInput;
  lastDayReset: IntegerInput;
  lastMonthReset: IntegerInput;
  spentToday: IntegerInput;
  spentThisMonth: IntegerInput;
  totalSponsored: IntegerInput;
}

export interface Merchant {
  active: boolean;
  tierId: bigint;
  lastDayReset: bigint;
  lastMonthReset: bigint;
  spentToday: bigint;
  spentThisMonth: bigint;
  totalSponsored: bigint;
}

export interface SponsorshipDecision {
  sponsorable: boolean;
  /** The contract's reason string, `""` when sponsorable. */
  reason: string;
}

export type SponsorshipOutcome = { ok: Merchant; revert?: never } | { ok?: never; revert: Decoded & { data: Hex } };

/** The three tiers `initialize` creates (ids 0, 1, 2). */
export function defaultTiers(): Tier[];
/** What `canSponsor` answers for this merchant and tier at `now` (Unix seconds). */
export function canSponsor(
  tier: TierInput,
  merchant: MerchantInput,
  now: IntegerInput,
  amount: IntegerInput,
  balance: IntegerInput,
): SponsorshipDecision;
/** What `executeSponsorship` does: the merchant record after it, or the custom error it reverts with. */
export function executeSponsorship(
  tier: TierInput,
  merchant: MerchantInput,
  now: IntegerInput,
  amount: IntegerInput,
  balance: IntegerInput,
): SponsorshipOutcome;
export function remainingDailyAllowance(tier: TierInput, merchant: MerchantInput, now: IntegerInput): bigint;
export function encodeExecuteSponsorship(merchant: AddressInput, amount: IntegerInput, operationType: OperationType): Hex;
export function decodeExecuteSponsorship(calldata: BytesInput): {
  merchant: Hex;
  amount: bigint;
  operationType: OperationType;
};
export function encodeBatchExecuteSponsorship(
  merchants: readonly AddressInput[],
  amounts: readonly IntegerInput[],
  operationTypes: readonly OperationType[],
): Hex;
export function encodeSponsorMerchant(merchant: AddressInput, tierId: IntegerInput): Hex;
export function encodeRevokeMerchant(merchant: AddressInput): Hex;
export function encodeRefundUnusedGas(merchant: AddressInput, refundAmount: IntegerInput): Hex;
export function encodeDeposit(): Hex;
export function encodeCanSponsor(merchant: AddressInput, amount: IntegerInput): Hex;
export function decodeCanSponsor(data: BytesInput): SponsorshipDecision;
export function encodeGetRemainingDailyAllowance(merchant: AddressInput): Hex;
export function decodeGetRemainingDailyAllowance(data: BytesInput): bigint;
export function decodePaymasterCall(calldata: BytesInput): Decoded;
export function decodePaymasterReturn(call: BytesInput, data: BytesInput): Decoded;
export function decodePaymasterLog(log: LogInput): Decoded;
export function decodePaymasterError(revertData: BytesInput): Decoded;

// ---- The store agent's side (@setchain/core/agent) ---------------------------------------------

/** An agent's seeds, 32 bytes each: Ed25519 alone (profile `legacy`), both (hybrid), or ML-DSA-65 alone. */
export interface AgentSeeds {
  ed25519Seed?: BytesInput;
  mlDsa65Seed?: BytesInput;
}

/** An agent's public key as the sequencer registers it (both halves: hybrid). */
export interface AgentPublicKey {
  ed25519?: BytesInput | null;
  mlDsa65?: BytesInput | null;
}

/** A signed VES event as the sequencer takes it (snake_case keys, `0x` hex). */
export type SignedEvent = Record<string, unknown> & { event_id: string; agent_signature: Hex };

/**
 * A VES event before it is signed, built from the agent's fields (snake_case keys; `ves_version`
 * 1, `payload_kind` 0, a zero `payload_cipher_hash` and the payload's hash filled in) and checked
 * against the sequencer's own rules: throws `SCHEMA_VALIDATION`, `UNSUPPORTED_VERSION`,
 * `INVALID_PAYLOAD_HASH`, `PAYLOAD_TOO_LARGE` naming the field.
 */
/** An agent's key expanded once, for an agent that signs many events (`UnsignedEvent.signWith`). `free()` wipes it. */
export class AgentSigner {
  constructor(keys: AgentSeeds);
  publicKey(): { ed25519: Hex | null; mlDsa65: Hex | null };
  free(): void;
}

export class UnsignedEvent {
  constructor(fields: VesEventInput);
  readonly eventId: string;
  readonly payloadPlainHash: Hex;
  /** What the agent signs, here or elsewhere. */
  signingHash(): Hex;
  /** Signed with the agent's seeds (deterministic). */
  sign(keys: AgentSeeds): SignedEvent;
  /** Signed with a key expanded once: the same bytes as `sign`, without expanding the seeds per event. */
  signWith(signer: AgentSigner): SignedEvent;
  /**
   * Signatures of `signingHash()` made elsewhere (WebCrypto, a keystore, an HSM), accepted only if
   * they verify with `publicKey`: throws `SIGNATURE_MISMATCH` or `MISSING_SIGNATURE` naming
   * `ed25519_signature` or `ml_dsa_65_signature`.
   */
  attachSignatures(
    publicKey: AgentPublicKey,
    signatures: { ed25519Signature?: BytesInput | null; mlDsa65Signature?: BytesInput | null },
  ): SignedEvent;
  free(): void;
}

/** The public key of the agent's seeds. */
export function agentPublicKey(keys: AgentSeeds): { ed25519: Hex | null; mlDsa65: Hex | null };
/**
 * The registration of the agent's key (Ed25519, hybrid or ML-DSA-65, by the seeds given), proof of
 * possession included, valid within `validity` (RFC 3339, sent verbatim; else `INVALID_TIMESTAMP`
 * naming `validFrom` or `validTo`): `body` is the exact JSON text to `POST` to `path`
 * (`/api/v1/agents/keys`) before the agent's first event. Deterministic.
 */
export function keyRegistrationRequest(
  tenantId: string,
  agentId: string,
  keyId: number,
  keys: AgentSeeds,
  validity?: { validFrom?: string | null; validTo?: string | null } | null,
): { path: string; body: string };

/** The server's 200 answer to a key registration. */
export interface AgentKeyRegistered {
  agentId: string;
  /** As sent: 0 (absent, Ed25519), 5 (hybrid), 3 (ML-DSA-65). */
  keyAlgorithm: number;
  keyId: number;
  message: string;
  success: boolean;
  tenantId: string;
}

/** Reads the answer to a key registration; throws `INVALID_JSON` (field `$`) for anything else. */
export function readKeyRegistrationResponse(body: Record<string, unknown> | string): AgentKeyRegistered;
/** The JSON text to `POST /api/v1/ves/events/ingest`; throws the sequencer's codes naming the field. */
export function ingestRequest(agentId: string, events: readonly VesEventInput[]): string;

/** The sequencer's answer to an ingest request, every receipt verified on arrival. */
export interface IngestOutcome {
  batchId: string;
  headSequence: bigint;
  accepted: { event: SignedEvent; receipt: Record<string, unknown> }[];
  rejections: { event_id: string; reason: string; message: string }[];
}

/**
 * Reads the answer to an ingest request of `sent` events: throws `RECEIPT_NOT_VERIFIED` (naming
 * `receipts[i]`) for a receipt the pinned sequencer keys do not verify, `UNEXPECTED_RECEIPT`.
 */
export function readIngestResponse(
  body: Record<string, unknown> | string,
  sent: readonly VesEventInput[],
  trust: Trust | string,
): IngestOutcome;

/** Where the commitment was anchored (set-receipt-v2 requires `block_hash`). */
export interface BundleAnchorInput {
  chain_id: IntegerInput;
  registry: AddressInput;
  tx_hash: Bytes32Input;
  block_number: IntegerInput;
  block_hash: Bytes32Input;
  proof?: Record<string, unknown>;
}

/**
 * A `set-receipt-v2` bundle from the sequencer's answers: throws `PARTS_MISMATCH` naming the part
 * that does not belong (`receipt.event_id`, `commitment.store_id`, `proof.leaf_index`, ...).
 */
export function receiptBundleFromSequencer(
  event: VesEventInput,
  receipt: Record<string, unknown> | string,
  commitment: Record<string, unknown> | string,
  proof: Record<string, unknown> | string,
  anchor?: BundleAnchorInput | null,
): Record<string, unknown>;

/** The commitment of the stream holding `sequenceNumber`, among the sequencer's commitment list; `null` if none does. */
export function commitmentHolding(
  commitments: Record<string, unknown> | string,
  tenantId: string,
  storeId: string,
  sequenceNumber: IntegerInput,
): Record<string, unknown> | null;
/** The `eth_getLogs` parameter for the stream's `BatchCommitted` logs (`toBlock` `"latest"` when absent). */
export function batchCommittedFilter(
  registry: AddressInput,
  tenantId: string,
  storeId: string,
  fromBlock: IntegerInput,
  toBlock?: IntegerInput | null,
): { address: Hex; fromBlock: Hex; toBlock: Hex | 'latest'; topics: (Hex | null)[] };
/** The stream's `BatchCommitted` log holding `sequenceNumber`, from an `eth_getLogs` result; `null` if none (not anchored yet). Throws `INVALID_ABI`. */
export function commitmentHoldingInLogs(
  logs: readonly unknown[] | string,
  tenantId: string,
  storeId: string,
  sequenceNumber: IntegerInput,
): {
  batchId: string;
  sequenceStart: bigint;
  sequenceEnd: bigint;
  eventsRoot: Hex;
  newStateRoot: Hex;
  transactionHash: Hex;
  blockNumber: bigint;
  blockHash: Hex;
} | null;

// ---- The sequencer's HTTP API (what @setchain/core/client sends and reads) ---------------------

/** A commitment as the sequencer answers `GET /api/v1/ves/commitments/{id}` (snake_case, `0x` hex). */
export interface VesCommitment {
  batch_id: string;
  tenant_id: string;
  store_id: string;
  ves_version: number;
  tree_depth: number;
  leaf_count: number;
  padded_leaf_count: number;
  merkle_root: Hex;
  prev_state_root: Hex;
  new_state_root: Hex;
  sequence_start: number;
  sequence_end: number;
  committed_at: string;
  /** Set once the anchor has notified the sequencer. */
  chain_id: number | null;
  chain_tx_hash: Hex | null;
  chain_block_number: number | null;
  anchored_at: string | null;
  is_anchored?: boolean;
}

/** An event's inclusion proof as the sequencer answers `GET /api/v1/ves/proofs/{seq}`. */
export interface VesInclusionProof {
  sequence_number: number;
  batch_id: string;
  merkle_root: Hex;
  leaf_hash: Hex;
  leaf_index: number;
  proof_path: Hex[];
  directions: boolean[];
}

/** `/api/v1/ves/events/ingest`. */
export function ingestPath(): string;
/** `/api/v1/ves/commitments/{batchId}`; throws `INVALID_UUID`. */
export function commitmentPath(batchId: string): string;
/** `/api/v1/ves/commitments?tenant_id=&store_id=` (the stream's unanchored commitments); throws `INVALID_UUID`. */
export function commitmentListPath(tenantId: string, storeId: string): string;
/** `/api/v1/ves/proofs/{seq}?tenant_id=&store_id=&batch_id=` (`batchId`: the commitment's); throws `INVALID_UUID`. */
export function proofPath(sequenceNumber: IntegerInput, tenantId: string, storeId: string, batchId: string): string;
/** The `Authorization` value for an API key: `ApiKey <key>`. */
export function authorizationValue(apiKey: string): string;
/** Reads a commitment answer; throws `INVALID_JSON` or a hex code naming the field. */
export function readVesCommitment(body: string): VesCommitment;
/** Reads the stream's commitment list answer (`GET /api/v1/ves/commitments?tenant_id=&store_id=`): its unanchored commitments. */
export function readVesCommitmentList(body: string): VesCommitment[];
/**
 * The operator's `POST /api/v1/ves/commitments`: commit the stream's events
 * `sequenceStart..=sequenceEnd` into one batch. `body` is the exact JSON text to send. Throws
 * `INVALID_UUID` naming `tenantId` / `storeId`.
 */
export function commitmentRequest(
  tenantId: string,
  storeId: string,
  sequenceStart: IntegerInput,
  sequenceEnd: IntegerInput,
): { path: string; body: string };
/** Reads a proof answer; throws `INVALID_JSON` or a hex code naming the field. */
export function readInclusionProof(body: string): VesInclusionProof;
/** Reads an error answer of any of the sequencer's three shapes; `code` is `null` for a text body. Never throws on the body. */
export function readErrorBody(status: number, contentType: string | null | undefined, body: string): { code: string | null; message: string };

// ---- The stream audit (set-core's audit_stream; @setchain/core/client's auditStream gathers the inputs) ----

/** One `BatchCommitted` log of the stream, from an `eth_getLogs` result. */
export interface StreamLog {
  /** The bytes32 the log carries. */
  batchId: Hex;
  /** The UUID a right-padded batch id holds (every batch the sequencer names), else `null`. */
  batchUuid: string | null;
  eventsRoot: Hex;
  newStateRoot: Hex;
  sequenceStart: bigint;
  sequenceEnd: bigint;
  eventCount: number;
  blockNumber: bigint;
  blockHash: Hex;
  transactionHash: Hex;
  /** `null` when the answer gives none. */
  logIndex: bigint | null;
}

/** The stream's `BatchCommitted` logs in an `eth_getLogs` result, in its order (other events, streams and removed logs left out). Throws `INVALID_ABI` naming `logs[i]`. */
export function batchCommittedLogs(logs: readonly unknown[] | string, tenantId: string, storeId: string): StreamLog[];

/** One event of an audit export: the signed event and its sequence number. */
export interface AuditExportEntry {
  sequence_number: IntegerInput;
  event: SignedEvent | VesEventInput;
}

/** Reads an export (array or its JSON text): `INVALID_JSON` naming `events`, `events[i].sequence_number`, or the event's own code naming `events[i].event`. */
export function readAuditExport(events: readonly AuditExportEntry[] | string): { sequence_number: bigint; event: SignedEvent }[];

/** A pinned agent key; absent ids match any agent or key. */
export interface AuditAgentKey {
  agentId?: string;
  keyId?: number;
  ed25519?: Bytes32Input;
  mlDsa65?: BytesInput;
}

/** What one stream's audit reads (see `auditStream`). */
export interface AuditInput {
  tenantId: string;
  storeId: string;
  /** The stream's `BatchCommitted` logs in block order: the `eth_getLogs` results of every page, concatenated. */
  logs: readonly unknown[] | string;
  /** `getTenantStoreSummary` return data at the last block the logs cover; absent: no head check. */
  head?: BytesInput | null;
  /** The sequencer's commitments of the stream, any order (objects or answers' JSON text). */
  sequencer: readonly (VesCommitment | string)[];
  /** An export; absent: no event checks. */
  events?: readonly AuditExportEntry[] | string | null;
  /** The keys signatures are checked with; absent: the agent key `trust` pins, for any agent. */
  agentKeys?: readonly AuditAgentKey[];
  /** A trust document or `set-trust-root-v1` document (its agent key). */
  trust?: Trust | string;
}

/** One problem of the stream with its evidence; every key present, `null` when it does not apply. */
export interface AuditFinding {
  /** Stable: `PAYLOAD_HASH_MISMATCH`, `SEQUENCE_GAP`, `NOT_IN_SEQUENCER`, … (docs/protocol.md, "Stream audit"). */
  code: string;
  /** `onchain`, `sequencer`, `events` or both histories compared. */
  source: string;
  batch_id: string | null;
  previous_batch_id: string | null;
  sequence_start: number | null;
  sequence_end: number | null;
  sequence_number: number | null;
  field: string | null;
  expected: string | null;
  actual: string | null;
  block_number: number | null;
  transaction_hash: Hex | null;
  message: string;
}

/** The `set-stream-audit-v1` report (the same JSON in every binding) and `table`, its rendering for people (not a contract). */
export interface AuditReport {
  format: 'set-stream-audit-v1';
  tenant_id: string;
  store_id: string;
  /** No finding. */
  ok: boolean;
  summary: {
    onchain_commitments: number;
    sequencer_commitments: number;
    pending_commitments: number;
    /** `null` without an export. */
    events_in_export: number | null;
    events_checked: number;
    events_uncommitted: number;
    agent_signatures_checked: number;
    head_sequence: number | null;
    head_state_root: Hex | null;
    findings: number;
  };
  findings: AuditFinding[];
  table: string;
}

/**
 * Audits one stream from what the caller fetched: gaps, forks and mismatches are findings in the
 * report. Throws `WRONG_STREAM` / `DUPLICATE_SEQUENCE_NUMBER` (naming `events[i]`) for an export
 * the core refuses, `INVALID_PUBLIC_KEY` for a pinned key, the parse codes of the inputs.
 */
export function auditStream(input: AuditInput): AuditReport;
