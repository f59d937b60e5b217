// Compiled with `tsc --strict --noEmit` by wasm/test/types.test.mjs: the hand-written types must
// accept what the README shows and give precise result types (a wrong type here fails the test).
import init, {
  MerkleTree,
  SetError,
  decodeGetBatchCommitment,
  encodeGetBatchCommitment,
  verifyProof,
  verifyProofs,
  verifyReceipt,
  verifyReceipts,
  type BatchCommitment,
  type Hex,
  type Level,
  type TrustRoot,
  type Verdict,
} from '@setchain/core';
import { init as initSlim, initSync } from '@setchain/core/slim';
import initAbi, {
  OperationType,
  SetError as AbiSetError,
  canSponsor,
  decodeBatchCommitted,
  decodeRegistryError,
  encodeExecuteSponsorship,
  type Decoded,
} from '@setchain/core/abi';
import { init as initAbiSlim } from '@setchain/core/abi/slim';

export async function usage(leaves: string[], bundle: Record<string, unknown>, returnData: Hex): Promise<bigint> {
  await init();
  await initSlim(new URL('https://example.test/set_wasm_bg.wasm'));
  await initAbi();
  await initAbiSlim(new URL('https://example.test/set_wasm_abi_bg.wasm'));
  const revert: Decoded = decodeRegistryError(returnData);
  const sameClass: typeof SetError = AbiSetError;
  initSync(new Uint8Array(8));
  const tree = new MerkleTree(leaves, 'keccak-v1');
  const root: Hex = tree.root;
  const proofs: Hex[][] = tree.proofs();
  const ok: boolean = verifyProof('keccak-v1', root, leaves[0], 0, tree.leafCount, proofs[0], { lenient: true });
  const all: boolean[] = verifyProofs('keccak-v1', root, tree.leafCount, leaves, [0, 1n, '2'], tree.proofsPacked());
  const call = { to: '0x0000000000000000000000000000000000000001', data: encodeGetBatchCommitment('123e4567-e89b-12d3-a456-426614174000') };
  const commitment: BatchCommitment = decodeGetBatchCommitment(returnData);
  const pinned = { chainId: 84532001n, registry: call.to, sequencerPublicKeys: ['0x00'] };
  const verdict: Verdict = verifyReceipt(bundle, { ...pinned, onchain: commitment });
  const status: 'pass' | 'fail' | 'skipped' = verdict.checks.anchor;
  const level: Level = verdict.level;
  const root_: TrustRoot = { format: 'set-trust-root-v1', network: 'set-chain', chain_id: 84532001, registry: call.to, sequencer_public_keys: [] };
  for (const entry of verifyReceipts([bundle, JSON.stringify(bundle)], root_)) {
    // An entry is a verdict, or (with `error`) a bundle that could not be read.
    if (entry.error) console.log(entry.error.code, entry.error.field ?? '(no field)', entry.level);
    else console.log(entry.checks.onchain, entry.reasons.onchain);
  }
  const event = decodeBatchCommitted({ topics: [root], data: returnData });
  const calldata: Hex = encodeExecuteSponsorship(call.to, 10n ** 15n, OperationType.ORDER_CREATE);
  const decision = canSponsor(
    { maxPerTransaction: 1n, maxPerDay: '2', maxPerMonth: 3, active: true },
    { active: true, tierId: 0, lastDayReset: 0, lastMonthReset: 0, spentToday: 0, spentThisMonth: 0, totalSponsored: 0 },
    1_700_000_000,
    1n,
    1n,
  );
  try {
    tree.proof(99);
  } catch (err) {
    if (err instanceof SetError) console.log(err.code, err.module, err.field, err.message);
  }
  console.log(ok, all, status, level, calldata, decision.sponsorable, revert.name, sameClass.name);
  return event.sequenceEnd;
}
