//! Merkle engine throughput vs the bare node hash, the memory it writes, and rs_merkle.
//!
//! For each scheme and N ∈ {2^10, 2^16, 2^20}: `build` (fresh tree), `rebuild` (into an
//! existing tree's buffer), `proofs` (all N, fresh buffer), `proofs_into` (all N, reused
//! buffer), `verify_all` (N strict proofs), and the baselines measured in the same run:
//! - `hash_build`: (padded − 1) node hashes in a dependent loop; `hash_verify`: N·depth of them;
//! - `first_touch`: allocate a buffer the size of the tree (2·padded − 1 nodes) and `memset`
//!   it, as `build` zeroes its nodes before hashing;
//! - `write_fresh` / `write_reused`: `memset` N·depth·32 bytes (the bytes of all proofs) in a
//!   freshly allocated / an existing buffer: the time to write the proofs' bytes and no more.
//!
//! `rs_merkle` builds and verifies the same keccak leaves through its `Hasher` trait.
//! `report.py` turns the estimates into the ratios of core/BENCHMARKS.md.

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use set_core::encoding::B256;
use set_core::merkle::{verify_many, MerkleTree, Scheme};

#[derive(Clone)]
struct Keccak;

impl rs_merkle::Hasher for Keccak {
    type Hash = [u8; 32];
    fn hash(data: &[u8]) -> [u8; 32] {
        alloy_primitives::keccak256(data).0
    }
}

fn leaves(n: usize) -> Vec<B256> {
    (0..n as u64).map(|i| alloy_primitives::keccak256(i.to_be_bytes())).collect()
}

/// A fresh buffer of `bytes` bytes, every byte written once by `memset` (the allocation's pages
/// touched for the first time): what a fresh tree or a fresh proof set costs before any hashing
/// or copying. The byte is opaque to the compiler, so this is never a `calloc`.
fn fresh_written(bytes: usize) -> Vec<u8> {
    vec![black_box(0x5a); bytes]
}

/// `count` node hashes, each depending on the last, so none can be skipped.
fn chained_node_hashes(scheme: Scheme, count: usize, seed: B256) -> B256 {
    let mut running = seed;
    for _ in 0..count {
        running = scheme.node(&running, &seed);
    }
    running
}

fn bench(c: &mut Criterion) {
    for log_n in [10u32, 16, 20] {
        let n = 1usize << log_n;
        let data = leaves(n);
        let indices: Vec<u64> = (0..n as u64).collect();
        for scheme in Scheme::ALL {
            let mut group = c.benchmark_group(format!("{}/2^{log_n}", scheme.id()));
            group.sample_size(if log_n >= 20 { 10 } else { 20 });
            let tree = MerkleTree::build(scheme, &data).unwrap();
            let proofs = tree.proofs();
            let depth = tree.depth();
            group.bench_function("build", |b| b.iter(|| MerkleTree::build(scheme, black_box(&data)).unwrap()));
            let mut reused_tree = tree.clone();
            group.bench_function("rebuild", |b| b.iter(|| reused_tree.rebuild(scheme, black_box(&data)).unwrap()));
            group.bench_function("proofs", |b| b.iter(|| black_box(&tree).proofs()));
            let mut reused = tree.proofs();
            group.bench_function("proofs_into", |b| b.iter(|| black_box(&tree).proofs_into(&mut reused)));
            group.bench_function("verify_all", |b| {
                b.iter(|| verify_many(scheme, &tree.root(), n as u64, black_box(&data), &indices, &proofs).unwrap())
            });
            group.bench_function("hash_build", |b| b.iter(|| chained_node_hashes(scheme, n - 1, black_box(data[0]))));
            group.bench_function("hash_verify", |b| {
                b.iter(|| chained_node_hashes(scheme, n * depth, black_box(data[0])))
            });
            // Memory baselines, in bytes: the tree's nodes; all proofs.
            let tree_bytes = (2 * tree.padded_leaf_count() - 1) * 32;
            let proof_bytes = n * depth * 32;
            group.bench_function("first_touch", |b| b.iter(|| fresh_written(tree_bytes)));
            group.bench_function("write_fresh", |b| b.iter(|| fresh_written(proof_bytes)));
            let mut written = fresh_written(proof_bytes);
            group.bench_function("write_reused", |b| b.iter(|| black_box(&mut written).fill(black_box(0xa5))));
            group.finish();
        }
        let mut group = c.benchmark_group(format!("rs_merkle-keccak/2^{log_n}"));
        group.sample_size(if log_n >= 20 { 10 } else { 20 });
        let raw: Vec<[u8; 32]> = data.iter().map(|leaf| leaf.0).collect();
        group.bench_function("build", |b| b.iter(|| rs_merkle::MerkleTree::<Keccak>::from_leaves(black_box(&raw))));
        let tree = rs_merkle::MerkleTree::<Keccak>::from_leaves(&raw);
        let root = tree.root().unwrap();
        let rs_proofs: Vec<_> = (0..n).map(|i| tree.proof(&[i])).collect();
        group.bench_function("verify_all", |b| {
            b.iter_batched(
                || (),
                |()| rs_proofs.iter().enumerate().all(|(i, proof)| proof.verify(root, &[i], &[raw[i]], n)),
                BatchSize::SmallInput,
            )
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
