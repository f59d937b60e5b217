// The one place the benchmark names the built package: change this line if the node entry moves
// (SETCHAIN_CORE_ENTRY=/abs/path/index.mjs benchmarks another build without editing).
export const { MerkleTree, verifyProof, verifyProofs, verifyProofSet } = await import(process.env.SETCHAIN_CORE_ENTRY || '../pkg/node/index.mjs');
