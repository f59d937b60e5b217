// Types of @setchain/core (the checkout module), written by hand (wasm-bindgen's generated types
// say `any` for every value that crosses as a JsValue). Kept in step with wasm/src by
// wasm/test/types.test.mjs, which compiles wasm/test/types/usage.ts with `tsc --strict` and checks
// every runtime export is typed. The Merkle tree API, the generic ABI decoders and SetPaymaster:
// full.d.ts ("@setchain/core/full", which re-exports this file).

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
 *
 * ML-DSA-65 keys are read by every entry, but only `@setchain/core/full` verifies ML-DSA-65
 * signatures: in `@setchain/core` a receipt or event carrying one fails its signature check as
 * not verifiable by this build (never valid on its Ed25519 half alone).
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
  /** The sequencer's ML-DSA-65 keys (1952 bytes each, hex), for hybrid and `pqc-strict` receipts. */
  sequencer_ml_dsa_65_public_keys?: readonly string[];
  sequencerMlDsa65PublicKeys?: readonly string[];
  /** The agent's ML-DSA-65 key (1952 bytes, hex). */
  agent_ml_dsa_65_public_key?: string;
  agentMlDsa65PublicKey?: string;
  /** Which signatures a receipt must carry beyond "every signature present verifies" (default `default`). */
  signature_policy?: SignaturePolicy;
  signaturePolicy?: SignaturePolicy;
  /** The commitment read from the pinned registry, or `getBatchCommitment`'s raw return data (hex). */
  onchain?: OnchainRecordInput | string;
  /**
   * L2 block hashes the verifier trusts (read from a Set Chain node it believes): a bundle's
   * `anchor.proof` against one of them passes `anchor_proof`. Requires `chain_id` and `registry`.
   * Read and checked by `@setchain/core/full` only (see `CheckName`).
   */
  l2_block_hashes?: readonly string[];
  l2BlockHashes?: readonly string[];
  /** OP output roots read from the pinned L2OutputOracle (or dispute games) on L1: `output_root` passes for one of them. */
  l1_output_roots?: readonly string[];
  l1OutputRoots?: readonly string[];
  /** The L1 chain id; a proposal claimed on another chain fails `output_root`. */
  l1_chain_id?: IntegerInput;
  l1ChainId?: IntegerInput;
  /** The L2OutputOracle or DisputeGameFactory; a proposal claimed at another contract fails `output_root`. */
  l1_oracle?: AddressInput;
  l1Oracle?: AddressInput;
}

/** A `set-trust-root-v1` document: what an app ships or configures to pin its network. */
export interface TrustRoot extends Trust {
  format: 'set-trust-root-v1';
  network: string;
  chain_id: IntegerInput;
  registry: AddressInput;
  sequencer_public_keys: readonly string[];
}

/**
 * `default` accepts any receipt whose signatures all verify (a hybrid receipt stripped to its
 * Ed25519 half included); `require-ml-dsa` refuses one without an ML-DSA-65 signature,
 * `require-hybrid` one without both.
 */
export type SignaturePolicy = 'default' | 'require-ml-dsa' | 'require-hybrid';

/** A signature algorithm named in a verdict. */
export type SignatureAlgorithm = 'ed25519' | 'ml-dsa-65';

/**
 * The checks, in the order they run; the same names in every language. `anchor_proof` and
 * `output_root` check a bundle's `anchor.proof` (a storage proof against a trusted L2 block, that
 * block's L1 output root): `@setchain/core/full` runs them; `@setchain/core`, built without
 * them, reports both `skipped` ("this build does not verify anchor proofs"), never `pass`.
 */
export type CheckName =
  | 'payload_hash'
  | 'agent_signature'
  | 'receipt_hash'
  | 'sequencer_signature'
  | 'inclusion'
  | 'state_root'
  | 'anchor'
  | 'onchain'
  | 'anchor_proof'
  | 'output_root';
export type CheckResult = 'pass' | 'fail' | 'skipped';

/**
 * How far a valid bundle's evidence goes, weakest first: `none` (invalid, or nothing pinned
 * verified), `sequenced` (receipt hash and a pinned sequencer's signature), `committed` (+ the
 * inclusion proof and the state root), `anchored` (+ the commitment read from the pinned
 * registry), `anchored-l2-proof` (+ `anchor_proof`: the commitment in the registry's storage at
 * a pinned L2 block, no RPC believed), `anchored-l1` (+ `output_root`: that block committed by a
 * pinned L1 output root). The last two only from `@setchain/core/full`. Later versions may add
 * stronger levels: compare positions in this order rather than testing for one value.
 */
export type Level = 'none' | 'sequenced' | 'committed' | 'anchored' | 'anchored-l2-proof' | 'anchored-l1';

/** The verdict of `verifyReceipt`: `valid` iff no check failed, the level, every check's outcome. */
export interface Verdict {
  valid: boolean;
  /** The strongest claim the passing checks establish (`none` when any check failed). */
  level: Level;
  checks: Record<CheckName, CheckResult>;
  /** Why each failed or skipped check failed or was skipped (text for people). */
  reasons: Partial<Record<CheckName, string>>;
  /** The algorithms whose signatures verified (empty for a signer whose check did not pass). */
  signatures: { sequencer: SignatureAlgorithm[]; agent: SignatureAlgorithm[] };
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

// ---- SetRegistry (reading a commitment; the rest is in full.d.ts) ------------------------------

/** The language-neutral decoded form of the generic decoders of "@setchain/core/full" (integers as decimal strings), as in tests/vectors/registry.json. */
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
