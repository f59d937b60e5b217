// @setchain/core-native: the receipt verifier and the store agent's signing of
// @setchain/core/full, compiled for this machine. Same arguments, answers and errors.

/** `0x`-prefixed lowercase hex. */
export type Hex = `0x${string}`;
/** Bytes as hex (with or without `0x`) or a `Uint8Array` (a `Buffer` is one). */
export type BytesInput = string | Uint8Array;

/** Every error this package throws (the class of `@setchain/core`, the same shape). */
export class SetError extends Error {
  readonly name: 'SetError';
  /** Stable machine-readable code, the same in every binding (`INVALID_JSON`, `WRONG_LENGTH`, …). */
  readonly code: string;
  /** The core module that raised it (`receipt`, `ves`, …; `node` for a JS value of the wrong type). */
  readonly module: string;
  /** The input at fault, as a dotted path (`receipt.receipt_hash`, `event.payload.amount`; `$` for a whole document). */
  readonly field?: string;
}

/** The platform whose binary was loaded, as napi-rs names it (`linux-x64-gnu`). */
export const platform: string;

/** A trust document or a `set-trust-root-v1` (the fields of `@setchain/core`'s `Trust`), or its JSON text. */
export type TrustInput = Record<string, unknown> | string;
/** A receipt bundle (`set-receipt-v1` or `set-receipt-v2`) as an object, or its JSON text. */
export type BundleInput = Record<string, unknown> | string;

/** The checks, in the order they run; the same names in every language. */
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
/** How far a valid bundle's evidence goes, weakest first (compare positions, later versions may add levels). */
export type Level = 'none' | 'sequenced' | 'committed' | 'anchored' | 'anchored-l2-proof' | 'anchored-l1';
/** A signature algorithm named in a verdict. */
export type SignatureAlgorithm = 'ed25519' | 'ml-dsa-65';

/** The verdict of `verifyReceipt`: `valid` iff no check failed, the level, every check's outcome. */
export interface Verdict {
  valid: boolean;
  level: Level;
  checks: Record<CheckName, CheckResult>;
  /** Why each failed or skipped check failed or was skipped (text for people). */
  reasons: Partial<Record<CheckName, string>>;
  /** The algorithms whose signatures verified. */
  signatures: { sequencer: SignatureAlgorithm[]; agent: SignatureAlgorithm[] };
  error?: undefined;
}

/** A `verifyReceipts` entry for a bundle that cannot be read: it claims nothing, and says why. */
export interface UnreadableBundle {
  valid: false;
  level: 'none';
  checks: Partial<Record<CheckName, CheckResult>>;
  reasons: Partial<Record<CheckName, string>>;
  /** What `verifyReceipt` would have thrown for this bundle. */
  error: SetError;
}

/**
 * Verifies a receipt bundle against a trust document or trust root (Ed25519, ML-DSA-65, anchor
 * proofs). A bundle that fails a check is a verdict with `valid: false`; a malformed bundle or
 * trust throws `SetError` with its `code` and `field`.
 */
export function verifyReceipt(bundle: BundleInput, trust: TrustInput): Verdict;

/**
 * Verifies many bundles against one trust (batched Ed25519): one entry per bundle, in order, each
 * what `verifyReceipt` gives for that bundle alone. Throws only for a `bundles` that is not an
 * array or a malformed trust.
 */
export function verifyReceipts(bundles: readonly BundleInput[], trust: TrustInput): (Verdict | UnreadableBundle)[];

/** An agent's seeds, 32 bytes each: Ed25519 alone (profile `legacy`), both (hybrid), or ML-DSA-65 alone. */
export interface AgentSeeds {
  ed25519Seed?: BytesInput;
  mlDsa65Seed?: BytesInput;
}

/** A signed VES event as the sequencer takes it (snake_case keys, `0x` hex). */
export type SignedEvent = Record<string, unknown> & { event_id: string; agent_signature: Hex };

/** An agent's key expanded once, for an agent that signs many events (`UnsignedEvent.signWith`). `free()` wipes it. */
export class AgentSigner {
  constructor(keys: AgentSeeds);
  publicKey(): { ed25519: Hex | null; mlDsa65: Hex | null };
  free(): void;
}

/**
 * A VES event before it is signed, built from the agent's fields (snake_case keys, or their JSON
 * text) and checked against the sequencer's own rules: throws `SCHEMA_VALIDATION`,
 * `UNSUPPORTED_VERSION`, `INVALID_PAYLOAD_HASH`, `PAYLOAD_TOO_LARGE` naming the field.
 */
export class UnsignedEvent {
  constructor(fields: Record<string, unknown> | string);
  readonly eventId: string;
  readonly payloadPlainHash: Hex;
  /** What the agent signs. */
  signingHash(): Hex;
  /** Signed with the agent's seeds (deterministic). */
  sign(keys: AgentSeeds): SignedEvent;
  /** Signed with a key expanded once: the same bytes as `sign`, without expanding the seeds per event. */
  signWith(signer: AgentSigner): SignedEvent;
  free(): void;
}

/** The public key of the agent's seeds, as the sequencer registers it. */
export function agentPublicKey(keys: AgentSeeds): { ed25519: Hex | null; mlDsa65: Hex | null };
