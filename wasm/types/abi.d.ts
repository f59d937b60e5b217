// Types of @setchain/core/abi (SetRegistry beyond reading a commitment, the generic decoders and
// the SetPaymaster bindings, in their own wasm module), written by hand like index.d.ts, whose
// shared types they use. Kept in step with wasm/src by wasm/test/types.test.mjs.
import type { AddressInput, Bytes32Input, BytesInput, Decoded, Hex, IdInput, IntegerInput, LogInput } from './index.js';

export type { AddressInput, Bytes32Input, BytesInput, Decoded, Hex, IdInput, IntegerInput, LogInput } from './index.js';
/** Every error this package throws: the same class as `@setchain/core`'s `SetError`. */
export { SetError } from './index.js';

/** Resolves at once in the default entries (the wasm module is ready on import). */
export function init(): Promise<void>;
/** Does nothing in the default entries (the wasm module is ready on import). */
export function initSync(): void;
export default init;

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
