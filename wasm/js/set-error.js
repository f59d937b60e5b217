// The error class of @setchain/core (browser and bundler entries; node/index.cjs has the same).
// Every error the package throws is a SetError with a stable `code`, the `field` at fault
// (undefined where there is none) and a message saying what is wrong.
export class SetError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SetError';
  }
}

// Internal, registered with the class: JSON.stringify writes a bigint as its decimal string.
export const bigintAsText = (key, value) => (typeof value === 'bigint' ? value.toString() : value);
