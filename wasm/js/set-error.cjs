'use strict';
// The error class of the Node entries (node/index.cjs, node/abi.cjs share it, so `instanceof`
// holds across both). Every error the package throws is a SetError with a stable `code`, the
// `field` at fault (undefined where there is none) and a message saying what is wrong.
class SetError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SetError';
  }
}
exports.SetError = SetError;

// Internal, registered with the class: JSON.stringify writes a bigint as its decimal string.
exports.bigintAsText = (key, value) => (typeof value === 'bigint' ? value.toString() : value);
