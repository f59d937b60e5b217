// The error class of @setchain/core (browser and bundler entries; the Node entry defines the
// same class in node/index.cjs). Every error the package throws is a SetError whose `code` is
// stable (e.g. "WRONG_LENGTH") and whose message names the offending field.
export class SetError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SetError';
  }
}
