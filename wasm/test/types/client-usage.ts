// Compiled with `tsc --strict --noEmit` by wasm/test/types.test.mjs (tsconfig.client.json): the
// client's and the adapters' types accept what the README shows, a real viem PublicClient and
// ethers Provider fit the adapters, and viem infers a call's arguments and result from the
// `as const` ABI (a wrong type here fails the test).
import { JsonRpcProvider } from 'ethers';
import { createPublicClient, http } from 'viem';
import { Client, SetError, type Auth } from '@setchain/core/client';
import { setPaymasterAbi, setRegistryAbi } from '@setchain/core/contracts';
import { verifyOnlineWithEthers } from '@setchain/core/ethers';
import { verifyReceipt, type Level, type TrustRoot, type Verdict } from '@setchain/core/full';
import { UnsignedEvent } from '@setchain/core/agent';
import { verifyOnlineWithRpc } from '@setchain/core/rpc';
import { verifyOnlineWithViem } from '@setchain/core/viem';

declare const trustRoot: TrustRoot;
declare const fields: Record<string, unknown>;
declare const seed: string;

export async function sellOneOrder(): Promise<Level> {
  const auth: Auth = { apiKey: 'ss_live_x' };
  const client = new Client({ trustRoot, sequencerUrl: 'https://sequencer.example', rpcUrl: 'https://rpc.example', auth, retry: { maxAttempts: 3 } });
  const event = new UnsignedEvent(fields).sign({ ed25519Seed: seed });
  const { accepted, rejections } = await client.ingest([event]);
  const reason: string | undefined = rejections[0]?.reason;
  const { receipt } = accepted[0];
  const committed = await client.waitForCommitment('t', 's', 1n, { timeoutMs: 1000 });
  const anchored = await client.waitUntilAnchored(committed.batch_id, { timeoutMs: 1000 });
  const txHash: `0x${string}` | null = anchored.chain_tx_hash;
  const bundle = await client.bundleWithCommitment(event, receipt, anchored);
  const verdict: Verdict = await client.verifyOnline(bundle);
  const pinned: bigint = client.pinned.chainId;
  void [reason, txHash, pinned];
  return verdict.level;
}

export async function operateAndAudit(client: Client, tenant: string, store: string): Promise<boolean> {
  const committed = await client.createCommitment(tenant, store, 1, 2n);
  const sequenceEnd: number = committed.sequence_end;
  const exported = [{ sequence_number: 1, event: new UnsignedEvent(fields).sign({ ed25519Seed: seed }) }];
  const report = await client.auditStream(tenant, store, exported, {
    onProgress: (progress) => {
      if (progress.stage === 'logPages') void (progress.total - progress.done);
    },
  });
  const codes: string[] = report.findings.map((finding) => finding.code);
  const table: string = report.table;
  const history = await client.auditStream(tenant, store);
  const inExport: number | null = history.summary.events_in_export;
  // @ts-expect-error the sequence numbers are integers
  await client.createCommitment(tenant, store, [1], 2);
  void [sequenceEnd, codes, table, inExport];
  return report.ok && report.format === 'set-stream-audit-v1';
}

export function codeOf(error: unknown): string | undefined {
  return error instanceof SetError ? error.code : undefined;
}

export async function withLibraries(bundle: Record<string, unknown>): Promise<boolean> {
  const publicClient = createPublicClient({ transport: http('https://rpc.example') });
  const byViem = await verifyOnlineWithViem(publicClient, bundle, trustRoot);
  const hybrid = await verifyOnlineWithViem(publicClient, bundle, trustRoot, { verifyReceipt });
  const byEthers = await verifyOnlineWithEthers(new JsonRpcProvider('https://rpc.example'), bundle, trustRoot);
  const byRpc = await verifyOnlineWithRpc('https://rpc.example', JSON.stringify(bundle), trustRoot, { requestTimeoutMs: 5000 });
  // viem infers the tuple's fields and their types from the `as const` ABI.
  const record = await publicClient.readContract({
    address: '0x5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e',
    abi: setRegistryAbi,
    functionName: 'getBatchCommitment',
    args: ['0x123e4567e89b12d3a45642661417400000000000000000000000000000000000'],
  });
  const sequenceEnd: bigint = record.sequenceEnd;
  const eventCount: number = record.eventCount;
  // @ts-expect-error not a function of SetRegistry
  await publicClient.readContract({ address: '0x5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e', abi: setRegistryAbi, functionName: 'noSuchFunction' });
  void [sequenceEnd, eventCount, setPaymasterAbi.length];
  return byViem.valid && hybrid.valid && byEthers.valid && byRpc.valid;
}
