// Shared by the test files: the built package (wasm/pkg, from `make wasm`) — `set` is
// "@setchain/core", `abi` is "@setchain/core/abi" — and the vectors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vectorsDir = join(here, '..', '..', 'tests', 'vectors');

import * as set from '../pkg/node/index.mjs';
import * as abi from '../pkg/node/abi.mjs';

export { abi, set };

/** One vectors file, parsed. */
export function vectors(name) {
  return JSON.parse(readFileSync(join(vectorsDir, name), 'utf8'));
}

/**
 * Asserts that `fn` throws a SetError with `code` (and a message starting with `prefix`, and
 * `field` equal to `field`: `null` asserts that the error names no field).
 */
export function assertSetError(fn, code, prefix, field) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof set.SetError, `expected a SetError, got ${err}`);
    assert.ok(err instanceof abi.SetError, 'one SetError class for both entries');
    assert.ok(err instanceof Error, `expected an Error, got ${err}`);
    assert.equal(err.name, 'SetError', `name of ${err}`);
    assert.equal(err.code, code, `code of "${err.message}"`);
    if (prefix !== undefined) assert.ok(err.message.startsWith(prefix), `"${err.message}" should start with "${prefix}"`);
    if (field !== undefined) assert.equal(err.field, field ?? undefined, `field of "${err.message}"`);
    return true;
  });
}
