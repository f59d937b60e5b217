import assert from 'node:assert/strict';
import { test } from 'node:test';
import { abi, assertSetError, set, vectors } from './helpers.mjs';

const v = vectors('registry.json');
const selectorOf = Object.fromEntries(v.returns.map((c) => [c.function, c.selector]));

test('registry.json calldata: decodeRegistryCall and the typed encoders', () => {
  for (const c of v.calldata) {
    assert.deepEqual(abi.decodeRegistryCall(c.calldata), c.decoded, c.function);
    const a = c.decoded.args;
    switch (c.function) {
      case 'commitBatch': {
        const typed = abi.decodeCommitBatch(c.calldata);
        assert.equal(typed.batchId, a.batchId);
        assert.equal(typed.sequenceStart, BigInt(a.sequenceStart));
        assert.equal(typed.eventCount, Number(a.eventCount));
        assert.equal(abi.encodeCommitBatch(typed), c.calldata);
        assert.equal(abi.encodeCommitBatch(a), c.calldata); // decimal strings are accepted too
        break;
      }
      case 'getBatchCommitment':
        assert.equal(set.encodeGetBatchCommitment(a.batchId), c.calldata);
        break;
      case 'getLatestStateRoot':
        assert.equal(set.encodeGetLatestStateRoot(a.tenantId, a.storeId), c.calldata);
        break;
      case 'verifyInclusion':
        assert.equal(abi.encodeVerifyInclusion(a.batchId, a.leaf, a.proof, BigInt(a.index)), c.calldata);
        break;
      case 'verifyVesInclusion':
        assert.equal(abi.encodeVerifyVesInclusion(a.batchId, a.leaf, a.proof, BigInt(a.index)), c.calldata);
        break;
      default:
        break;
    }
  }
});

test('registry.json returns: decodeRegistryReturn and the typed decoders', () => {
  for (const c of v.returns) {
    assert.deepEqual(abi.decodeRegistryReturn(c.selector, c.data), c.decoded, c.function);
    if (c.function === 'getBatchCommitment') {
      const t = c.typed;
      assert.deepEqual(set.decodeGetBatchCommitment(c.data), {
        eventsRoot: t.events_root,
        newStateRoot: t.new_state_root,
        sequenceStart: BigInt(t.sequence_start),
        sequenceEnd: BigInt(t.sequence_end),
        eventCount: t.event_count,
        timestamp: BigInt(t.timestamp),
        exists: t.exists,
      });
    }
    if (c.function === 'getLatestStateRoot') assert.equal(set.decodeGetLatestStateRoot(c.data), c.decoded.args.stateRoot);
    if (c.function === 'verifyInclusion') assert.equal(abi.decodeVerifyInclusion(c.data), c.decoded.args.valid === 'true');
  }
});

test('registry.json logs: decodeRegistryLog and decodeBatchCommitted', () => {
  let batchCommitted = 0;
  for (const c of v.logs) {
    const log = { topics: c.topics, data: c.data };
    assert.deepEqual(abi.decodeRegistryLog(log), c.decoded, c.event);
    if (c.event === 'BatchCommitted') {
      batchCommitted++;
      const a = c.decoded.args;
      assert.deepEqual(abi.decodeBatchCommitted(log), {
        batchId: a.batchId,
        tenantStoreKey: a.tenantStoreKey,
        eventsRoot: a.eventsRoot,
        newStateRoot: a.newStateRoot,
        sequenceStart: BigInt(a.sequenceStart),
        sequenceEnd: BigInt(a.sequenceEnd),
        eventCount: Number(a.eventCount),
      });
    } else {
      assertSetError(() => abi.decodeBatchCommitted(log), 'UNKNOWN_EVENT');
    }
  }
  assert.ok(batchCommitted > 0, 'the vectors hold a BatchCommitted log');
});

test('registry.json reverts: decodeRegistryError', () => {
  for (const c of v.reverts) assert.deepEqual(abi.decodeRegistryError(c.data), c.decoded, c.error);
});

test('registry.json negative: error codes', () => {
  const decoders = {
    decode_call: (i) => abi.decodeRegistryCall(i.data),
    decode_commit_batch: (i) => abi.decodeCommitBatch(i.data),
    decode_revert: (i) => abi.decodeRegistryError(i.data),
    decode_get_batch_commitment: (i) => set.decodeGetBatchCommitment(i.data),
    decode_log: (i) => abi.decodeRegistryLog({ topics: i.topics ?? [], data: i.data }),
    decode_batch_exists: (i) => abi.decodeRegistryReturn(selectorOf.batchExists, i.data),
    decode_get_head_sequence: (i) => abi.decodeRegistryReturn(selectorOf.getHeadSequence, i.data),
  };
  for (const c of v.negative) {
    const decode = decoders[c.decoder];
    assert.ok(decode, `no binding for ${c.decoder}`);
    assertSetError(() => decode(c.input), c.code);
  }
});

test('registry: bad inputs give documented codes', () => {
  assertSetError(() => abi.decodeRegistryError('0x123'), 'INVALID_HEX', 'revertData');
  assertSetError(() => abi.decodeRegistryError(new Uint8Array([0xde, 0xad])), 'TRUNCATED');
  assertSetError(() => set.encodeGetBatchCommitment('0x1234'), 'WRONG_LENGTH', 'batchId');
  assertSetError(() => set.encodeGetBatchCommitment('not-a-uuid'), 'INVALID_UUID', 'batchId');
  const args = abi.decodeCommitBatch(v.calldata[0].calldata);
  assertSetError(() => abi.encodeCommitBatch({ ...args, sequenceEnd: -1n }), 'INVALID_ARGUMENT', 'sequenceEnd');
  assertSetError(() => abi.encodeCommitBatch({ ...args, eventsRoot: undefined }), 'INVALID_ARGUMENT', 'eventsRoot');
  assertSetError(() => abi.encodeCommitBatch(null), 'INVALID_ARGUMENT', 'args');
  assertSetError(() => set.decodeGetBatchCommitment('0x' + '00'.repeat(191)), 'TRUNCATED');
});

test('registry: every ABI code, with no field (ABI data is one input, not a document)', () => {
  assertSetError(() => abi.decodeRegistryCall('0xdeadbeef'), 'UNKNOWN_SELECTOR', 'calldata', null);
  const log = v.logs.find((c) => c.event === 'BatchCommitted');
  assertSetError(() => abi.decodeRegistryLog({ topics: log.topics.slice(0, -1), data: log.data }), 'WRONG_TOPIC_COUNT', 'log', null);
  // A uint64 whose word has bits above 64 set: a valid length, not a valid encoding.
  const word = (hex) => hex.padStart(64, '0');
  const overflow = '0x' + word('11') + word('22') + 'ff' + word('1').slice(2) + word('2') + word('3') + word('4');
  assertSetError(() => set.decodeGetBatchCommitment(overflow), 'INVALID_ABI', 'getBatchCommitment', null);
});
