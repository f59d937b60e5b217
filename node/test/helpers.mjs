// Shared by the test files: the built package (node/pkg, from `make node-native`) and the
// vectors of tests/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as native from '../pkg/index.mjs';

export { native };

const tests = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests');

/** One vectors file of tests/vectors/, parsed. */
export function vectors(name) {
  return JSON.parse(readFileSync(join(tests, 'vectors', name), 'utf8'));
}

/** Every receipt conformance case (tests/conformance/cases/*.json), in file order. */
export function conformanceCases() {
  const dir = join(tests, 'conformance', 'cases');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')));
}

/**
 * Asserts that `fn` throws this package's SetError with `code` and `field` (`null`: the error
 * names no field) — the properties @setchain/core's errors have.
 */
export function assertSetError(fn, code, field) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof native.SetError, `expected a SetError, got ${err}`);
    assert.ok(err instanceof Error, `expected an Error, got ${err}`);
    assert.equal(err.name, 'SetError', `name of ${err}`);
    assert.equal(err.code, code, `code of "${err.message}"`);
    assert.equal(typeof err.module, 'string', `module of "${err.message}"`);
    if (field !== undefined) assert.equal(err.field, field ?? undefined, `field of "${err.message}"`);
    return true;
  });
}
