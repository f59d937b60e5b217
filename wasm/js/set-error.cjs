'use strict';
// The error class of the Node entries (node/index.cjs, node/abi.cjs share it, so `instanceof`
// holds across both). Every error the package throws is a SetError whose `code` is stable and
// whose message names the offending field.
class SetError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SetError';
  }
}
exports.SetError = SetError;
