// Compiled with `tsc --strict --noEmit` by wasm/test/types.test.mjs: the hand-written types must
// accept what the README shows and give precise result types (a wrong type here fails the test).
import init, {
  SetError,
  decodeGetBatchCommitment,
  encodeGetBatchCommitment,
  verifyReceipt,
  verifyReceipts,
  type BatchCommitment,
  type Hex,
  type Level,
  type SignatureAlgorithm,
  type TrustRoot,
  type Verdict,
} from '@setchain/core';
// The checkout entry has no Merkle tree API (it is in @setchain/core/full).
// @ts-expect-error MerkleTree is not exported by @setchain/core
import { MerkleTree as NotInCheckout } from '@setchain/core';
import { init as initSlim, initSync } from '@setchain/core/slim';
import initFull, {
  MerkleTree,
  OperationType,
  SetError as FullSetError,
  anchorProofRequests,
  attachAnchorProof,
  canSponsor,
  decodeBatchCommitted,
  decodeRegistryError,
  encodeExecuteSponsorship,
  verifyProof,
  verifyProofs,
  verifyReceipt as verifyReceiptFull,
  type AnchorProofRequests,
  type Decoded,
  type Scheme,
  upgradeAnchorProof,
} from '@setchain/core/full';
import { init as initFullSlim, verifyProofSet } from '@setchain/core/full/slim';
// The old name of @setchain/core/full: the same declarations.
import { MerkleTree as AbiMerkleTree, decodeRegistryError as abiDecodeRegistryError } from '@setchain/core/abi';
import { init as initAbiSlim } from '@setchain/core/abi/slim';
// The store agent's entry (the module of @setchain/core/full).
import {
  UnsignedEvent,
  agentPublicKey,
  ingestRequest,
  keyRegistrationRequest,
  readIngestResponse,
  readKeyRegistrationResponse,
  receiptBundleFromSequencer,
  type AgentKeyRegistered,
  type IngestOutcome,
  type SignedEvent,
} from '@setchain/core/agent';
import { init as initAgentSlim } from '@setchain/core/agent/slim';

/** A store agent: build, sign, send, read the answer, keep a bundle (the README's agent tour). */
export async function storeAgent(answer: string, commitment: string, proof: string): Promise<Record<string, unknown>> {
  await initAgentSlim(new URL('https://example.test/set_wasm_full_bg.wasm'));
  const event = new UnsignedEvent({ tenant_id: '…', payload: { total_minor: 1999 } });
  const hash: Hex = event.signingHash();
  const registration: { path: string; body: string } = keyRegistrationRequest('…', '…', 1, { ed25519Seed: '0x00' }, { validTo: '2027-01-01T00:00:00Z' });
  const registered: AgentKeyRegistered = readKeyRegistrationResponse(registration.body);
  const keyId: number = registered.keyId;
  const key: { ed25519: Hex | null; mlDsa65: Hex | null } = agentPublicKey({ ed25519Seed: new Uint8Array(32) });
  const signed: SignedEvent = event.sign({ ed25519Seed: new Uint8Array(32), mlDsa65Seed: '0x00' });
  const external: SignedEvent = event.attachSignatures(key, { ed25519Signature: signed.agent_signature });
  event.free();
  const body: string = ingestRequest(signed.event_id, [signed, external]);
  const outcome: IngestOutcome = readIngestResponse(answer, [signed], { sequencerPublicKeys: [hash] });
  const sequence: bigint = outcome.headSequence;
  const [first] = outcome.accepted;
  console.log(body, sequence, keyId, outcome.rejections.map((rejection) => rejection.reason));
  return receiptBundleFromSequencer(first.event, first.receipt, commitment, proof, {
    chain_id: 84532001n,
    registry: '0x…',
    tx_hash: hash,
    block_number: 7,
    block_hash: hash,
  });
}

export async function usage(leaves: string[], bundle: Record<string, unknown>, returnData: Hex): Promise<bigint> {
  await init();
  await initSlim(new URL('https://example.test/set_wasm_bg.wasm'));
  await initFull();
  await initFullSlim(new URL('https://example.test/set_wasm_full_bg.wasm'));
  await initAbiSlim(new URL('https://example.test/set_wasm_full_bg.wasm'));
  const revert: Decoded = decodeRegistryError(returnData);
  const sameRevert: Decoded = abiDecodeRegistryError(returnData);
  const sameClass: typeof SetError = FullSetError;
  const sameTree: typeof MerkleTree = AbiMerkleTree;
  initSync(new Uint8Array(8));
  const scheme: Scheme = 'keccak-v1';
  const tree = new MerkleTree(leaves, scheme);
  const root: Hex = tree.root;
  const proofs: Hex[][] = tree.proofs();
  const ok: boolean = verifyProof('keccak-v1', root, leaves[0], 0, tree.leafCount, proofs[0], { lenient: true });
  const all: boolean[] = verifyProofs('keccak-v1', root, tree.leafCount, leaves, [0, 1n, '2'], tree.proofsPacked());
  const fromSet: boolean[] = verifyProofSet('keccak-v1', root, tree.leafCount, leaves, Uint32Array.of(0), tree.proofSet());
  const call = { to: '0x0000000000000000000000000000000000000001', data: encodeGetBatchCommitment('123e4567-e89b-12d3-a456-426614174000') };
  const commitment: BatchCommitment = decodeGetBatchCommitment(returnData);
  const pinned = { chainId: 84532001n, registry: call.to, sequencerPublicKeys: ['0x00'] };
  const verdict: Verdict = verifyReceipt(bundle, { ...pinned, onchain: commitment });
  const status: 'pass' | 'fail' | 'skipped' = verdict.checks.anchor;
  const level: Level = verdict.level;
  // Hybrid and pqc-strict receipts: ML-DSA-65 keys and a policy, verified by the full entry.
  const hybrid: Verdict = verifyReceiptFull(bundle, {
    ...pinned,
    sequencerMlDsa65PublicKeys: ['0x00'],
    agent_ml_dsa_65_public_key: '0x00',
    signaturePolicy: 'require-hybrid',
  });
  const algorithms: SignatureAlgorithm[] = hybrid.signatures.sequencer;
  const root_: TrustRoot = { format: 'set-trust-root-v1', network: 'set-chain', chain_id: 84532001, registry: call.to, sequencer_public_keys: [] };
  for (const entry of verifyReceipts([bundle, JSON.stringify(bundle)], root_)) {
    // An entry is a verdict, or (with `error`) a bundle that could not be read.
    if (entry.error) console.log(entry.error.code, entry.error.field ?? '(no field)', entry.level);
    else console.log(entry.checks.onchain, entry.reasons.onchain, entry.signatures.agent);
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
  console.log(ok, all, fromSet, status, level, algorithms, calldata, decision.sponsorable, revert.name, sameRevert.name);
  console.log(sameClass.name, sameTree.name, NotInCheckout);
  return event.sequenceEnd;
}

// Producing an anchor proof: requests out, bundles (JSON text) back.
const asks: AnchorProofRequests = anchorProofRequests('123e4567-e89b-12d3-a456-426614174000', '0x' + '5e'.repeat(20), 7n, 0);
const slotKeys: [string, string, string] = asks.eth_getProof[1];
const proven: string = attachAnchorProof('{}', { number: '0x7' }, '{}', asks.eth_getProof[0]);
const upgraded: string = upgradeAnchorProof(proven, '{}', {}, { chain_id: 900, oracle: '0x', index: 0n, get_l2_output: '0x' });
void [slotKeys, upgraded, upgradeAnchorProof(proven, '{}', '{}')];
