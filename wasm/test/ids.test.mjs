import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSetError, set, vectors } from './helpers.mjs';

const v = vectors('ids.json');

test('ids.json uuid_to_bytes32: both directions', () => {
  for (const c of v.uuid_to_bytes32) {
    assert.equal(set.uuidToBytes32(c.uuid), c.bytes32);
    assert.equal(set.bytes32ToUuid(c.bytes32), c.uuid);
    assert.equal(set.bytes32ToUuid(Uint8Array.from(Buffer.from(c.bytes32.slice(2), 'hex'))), c.uuid);
  }
});

test('ids.json stream_keys: tenantStoreKey and streamId', () => {
  for (const c of v.stream_keys) {
    assert.equal(set.tenantStoreKey(c.tenant_id, c.store_id), c.tenant_store_key);
    // The same key from the bytes32 forms.
    assert.equal(set.tenantStoreKey(set.uuidToBytes32(c.tenant_id), set.uuidToBytes32(c.store_id)), c.tenant_store_key);
    assert.equal(set.streamId(c.tenant_id, c.store_id), c.stream_id);
  }
});

test('ids.json invalid_bytes32 and invalid_uuids: error codes', () => {
  for (const c of v.invalid_bytes32) assertSetError(() => set.bytes32ToUuid(c.bytes32), c.error_code, 'bytes32');
  for (const c of v.invalid_uuids) assertSetError(() => set.uuidToBytes32(c.uuid), c.error_code, 'uuid');
  assertSetError(() => set.streamId('00000000-0000-0000-0000-000000000001', 'nope'), 'INVALID_UUID', 'storeId');
});
