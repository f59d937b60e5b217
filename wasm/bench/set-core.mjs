// The one place the benchmark names the built package: change this line if the node entry moves
// (SETCHAIN_CORE_ENTRY=/abs/path/full.mjs benchmarks another build without editing). The Merkle
// tree API is in the full module ("@setchain/core/full"), not in the checkout entry.
export const { MerkleTree, verifyProof, verifyProofs, verifyProofSet } = await import(process.env.SETCHAIN_CORE_ENTRY || '../pkg/node/full.mjs');
