// Types of @setchain/core, written by hand (wasm-bindgen's generated types say `any` for every
// value that crosses as a JsValue). Kept in step with wasm/src by wasm/test/types.test.mjs, which
// compiles wasm/test/types/usage.ts with `tsc --strict` and checks every runtime export is typed.
// The generic ABI decoders and the SetPaymaster bindings: abi.d.ts ("@setchain/core/abi").

/** `0x`-prefixed hex. Outputs are always lowercase. */
export type Hex = `0x${string}`;
/** 32 bytes: hex (with or without `0x`) or a `Uint8Array` of length 32. */
export type Bytes32Input = string | Uint8Array;
/** Any byte string: hex (with or without `0x`) or a `Uint8Array`. */
export type BytesInput = string | Uint8Array;
/** 20-byte address: hex or a `Uint8Array` of length 20. */
export type AddressInput = string | Uint8Array;
/** A UUID string (`123e4567-e89b-12d3-a456-426614174000`) or its right-padded bytes32. */
export type IdInput = string | Uint8Array;
/** A non-negative integer: `bigint`, safe-integer `number` or decimal string. */
export type IntegerInput = bigint | number | string;
/** Merkle tree schemes: `ves-sha256-v1` (the sequencer's SHA-256 tree, the roots on-chain) or `keccak-v1`. */
export type Scheme = 'ves-sha256-v1' | 'keccak-v1';
/** A JSON value, or its text. */
export type JsonInput = unknown;

/** Every error this package throws. */
export class SetError extends Error {
  readonly name: 'SetError';
  /** Stable machine-readable code, the same in every binding (`WRONG_LENGTH`, `INDEX_OUT_OF_RANGE`, …). */
  readonly code: string;
  /** The core module that raised it (`merkle`, `ids`, `receipt`, …; `wasm` for a JS value of the wrong type). */
  readonly module: string;
  /**
   * The input at fault, as a dotted path (`receipt.receipt_hash`, `trust.registry`,
   * `proof.proof_path[3]`, `event.payload.amount`; `$` for a whole document). `undefined` where
   * the error is not about one input (`EMPTY_TREE`, a contract ABI error). With `code`, what
   * callers may rely on; the message is for people and may change.
   */
  readonly field?: string;
}

/** Resolves at once in the default entries (the wasm module is ready on import). */
export function init(): Promise<void>;
/** Does nothing in the default entries (the wasm module is ready on import). */
export function initSync(): void;
export default init;

// ---- ids ---------------------------------------------------------------------------------------

/** A UUID as a right-padded bytes32 (16 UUID bytes, 16 zero bytes). */
export function uuidToBytes32(uuid: string): Hex;
/** The UUID (hyphenated lowercase) held in a right-padded bytes32. Throws `NOT_PADDED_UUID` otherwise. */
export function bytes32ToUuid(bytes32: Bytes32Input): string;
/** `keccak256(tenantId ‖ storeId)`, the registry's per-store key. */
export function tenantStoreKey(tenantId: IdInput, storeId: IdInput): Hex;
/** The VES stream id of a tenant's store (used by `stateRoot`). */
export function streamId(tenantId: IdInput, storeId: IdInput): Hex;

// ---- Merkle ------------------------------------------------------------------------------------

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

// ---- VES hashes and receipts ------------------------------------------------------------------

/** A VES v1 event as the sequencer stores it (snake_case keys), or its JSON text. */
export type VesEventInput = Record<string, unknown> | string;

/**
 * `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ JCS(payload))`; a string is taken as JSON text. A `bigint` in
 * the value throws `INVALID_JSON` naming it (`payload.amount`): no JSON number keeps its hash.
 */
export function payloadPlainHash(payload: JsonInput): Hex;
/** The salted payload hash of encrypted events; `salt` is 16 bytes. */
export function payloadPlainHashSalted(salt: BytesInput, payload: JsonInput): Hex;
/** The RFC 8785 (JCS) text of a payload, as the sequencer canonicalises it. */
export function canonicalJson(payload: JsonInput): string;
/** The `ves-sha256-v1` padding leaf. */
export function padLeaf(): Hex;
/** The `ves-sha256-v1` inner node hash. */
export function nodeHash(left: Bytes32Input, right: Bytes32Input): Hex;
/** Ed25519 verification of a 64-byte signature over a 32-byte hash, as the sequencer checks it. */
export function verifyEd25519(publicKey: BytesInput, message: Bytes32Input, signature: BytesInput): boolean;
/** What the agent signs. */
export function eventSigningHash(event: VesEventInput): Hex;
/** The Merkle leaf of `event` at `sequenceNumber`. */
export function leafHash(event: VesEventInput, sequenceNumber: IntegerInput): Hex;
/** The receipt hash the sequencer signs. */
export function receiptHash(event: VesEventInput, sequenceNumber: IntegerInput): Hex;
/** A commitment's state root, chaining it to the previous one of its stream. */
export function stateRoot(
  streamId: Bytes32Input,
  prevStateRoot: Bytes32Input,
  merkleRoot: Bytes32Input,
  sequenceStart: IntegerInput,
  sequenceEnd: IntegerInput,
  leafCount: IntegerInput,
): Hex;

/** The commitment as read from SetRegistry: `decodeGetBatchCommitment`'s result fits as is. */
export interface OnchainRecordInput {
  eventsRoot?: Bytes32Input;
  events_root?: Bytes32Input;
  newStateRoot?: Bytes32Input;
  new_state_root?: Bytes32Input;
  sequenceStart?: IntegerInput;
  sequence_start?: IntegerInput;
  sequenceEnd?: IntegerInput;
  sequence_end?: IntegerInput;
  eventCount?: number;
  event_count?: number;
}

/**
 * What the verifier trusts (snake_case as in the bundle format, camelCase accepted too), never
 * taken from the bundle: the pinned network (`chainId`, `registry`; without them `anchor` is
 * skipped), the sequencer keys, the agent key (else `agent_signature` is skipped) and the
 * commitment read from the pinned registry on the pinned chain (else `onchain` is skipped; given
 * without `chainId` and `registry` it throws `NETWORK_NOT_PINNED` naming `trust.registry` or
 * `trust.chain_id`). A `set-trust-root-v1` document (`TrustRoot`) is a trust too.
 */
export interface Trust {
  /** `"set-trust-root-v1"` for a trust root, which must then name `network`, `chain_id` and `registry`. */
  format?: 'set-trust-root-v1';
  /** The network's name (informational). */
  network?: string;
  /** The pinned chain id (Set Chain: 84532001). */
  chain_id?: IntegerInput;
  chainId?: IntegerInput;
  /** The pinned SetRegistry proxy address. */
  registry?: AddressInput;
  sequencer_public_keys?: readonly string[];
  sequencerPublicKeys?: readonly string[];
  agent_public_key?: string;
  agentPublicKey?: string;
  /** The commitment read from the pinned registry, or `getBatchCommitment`'s raw return data (hex). */
  onchain?: OnchainRecordInput | string;
}

/** A `set-trust-root-v1` document: what an app ships or configures to pin its network. */
export interface TrustRoot extends Trust {
  format: 'set-trust-root-v1';
  network: string;
  chain_id: IntegerInput;
  registry: AddressInput;
  sequencer_public_keys: readonly string[];
}

/** The checks, in the order they run; the same names in every language. */
export type CheckName =
  | 'payload_hash'
  | 'agent_signature'
  | 'receipt_hash'
  | 'sequencer_signature'
  | 'inclusion'
  | 'state_root'
  | 'anchor'
  | 'onchain';
export type CheckResult = 'pass' | 'fail' | 'skipped';

/**
 * How far a valid bundle's evidence goes, weakest first: `none` (invalid, or nothing pinned
 * verified), `sequenced` (receipt hash and a pinned sequencer's signature), `committed` (+ the
 * inclusion proof and the state root), `anchored` (+ the commitment read from the pinned
 * registry). Later versions may add stronger levels after `anchored`: compare positions in
 * this order rather than testing for one value.
 */
export type Level = 'none' | 'sequenced' | 'committed' | 'anchored';

/** The verdict of `verifyReceipt`: `valid` iff no check failed, the level, every check's outcome. */
export interface Verdict {
  valid: boolean;
  /** The strongest claim the passing checks establish (`none` when any check failed). */
  level: Level;
  checks: Record<CheckName, CheckResult>;
  /** Why each failed or skipped check failed or was skipped (text for people). */
  reasons: Partial<Record<CheckName, string>>;
  /** Only in `verifyReceipts` entries, for a bundle that cannot be read. */
  error?: undefined;
}

/** A `verifyReceipts` entry for a bundle that cannot be read: it claims nothing, and says why. */
export interface UnreadableBundle {
  valid: false;
  level: 'none';
  checks: Partial<Record<CheckName, CheckResult>>;
  reasons: Partial<Record<CheckName, string>>;
  /** What `verifyReceipt` would have thrown for this bundle (`code`, `field`, `message`). */
  error: SetError;
}

/** A receipt bundle (`set-receipt-v1` or `set-receipt-v2`) as an object, or its JSON text. */
export type BundleInput = Record<string, unknown> | string;

/**
 * Verifies a receipt bundle (object or JSON text) against a trust document or trust root. A
 * bundle that parses but fails a check is a verdict with `valid: false`; a malformed bundle or
 * trust throws `SetError` with its `code` and `field`. A `bigint` inside the event payload
 * throws `INVALID_JSON` naming it (`event.payload.amount`): no JSON number keeps its hash.
 */
export function verifyReceipt(bundle: BundleInput, trust: Trust | string): Verdict;

/**
 * Verifies many bundles against one trust: one entry per bundle, in order, each what
 * `verifyReceipt` gives for that bundle alone — a `Verdict`, or an `UnreadableBundle` (with
 * `error`) where `verifyReceipt` would throw. Throws only for a `bundles` that is not an array
 * or a malformed trust (no bundle could be verified against it).
 */
export function verifyReceipts(bundles: readonly BundleInput[], trust: Trust | string): (Verdict | UnreadableBundle)[];

// ---- SetRegistry (reading a commitment; the rest is in abi.d.ts) -------------------------------

/** The language-neutral decoded form of the generic decoders of "@setchain/core/abi" (integers as decimal strings), as in tests/vectors/registry.json. */
export interface Decoded {
  name: string;
  signature: string;
  args: Record<string, unknown>;
  /** `BatchCommitFailed` only: the item's own revert, decoded. */
  inner?: Decoded;
}

/** A log as viem and ethers give it. */
export interface LogInput {
  topics: readonly Bytes32Input[];
  data: BytesInput;
}

export interface BatchCommitment {
  eventsRoot: Hex;
  newStateRoot: Hex;
  sequenceStart: bigint;
  sequenceEnd: bigint;
  eventCount: number;
  timestamp: bigint;
  /** `false` for a batch id the registry has never seen. */
  exists: boolean;
}

export function encodeGetBatchCommitment(batchId: IdInput): Hex;
export function decodeGetBatchCommitment(data: BytesInput): BatchCommitment;
export function encodeGetLatestStateRoot(tenantId: IdInput, storeId: IdInput): Hex;
export function decodeGetLatestStateRoot(data: BytesInput): Hex;
