#!/usr/bin/env python3
"""Turns Criterion's estimates (target/criterion) into the ratio tables of core/BENCHMARKS.md.

Run after `make bench-core`: python3 core/benches/report.py > /tmp/tables.md
All ratios come from the same `cargo bench` run.
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[2] / "target" / "criterion"


def mean_ms(group: str, function: str) -> float:
    # Criterion turns '/' and '^' in group names into '_' for its folder names.
    path = root / group.replace("/", "_").replace("^", "_") / function / "new" / "estimates.json"
    if not path.exists():
        sys.exit(f"missing {path}; run `make bench-core` first")
    return json.loads(path.read_text())["mean"]["point_estimate"] / 1e6


def main() -> None:
    print("| scheme | N | build | (padded−1) node hashes | build ratio (≤ 1.15) | all proofs, fresh | fresh / build | all proofs, reused buffer | reused / build (< 0.20) | verify all | N·depth node hashes | verify ratio (≤ 1.15) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scheme in ["ves-sha256-v1", "keccak-v1"]:
        for log_n in [10, 16, 20]:
            group = f"{scheme}/2^{log_n}"
            build, proofs, verify = (mean_ms(group, f) for f in ("build", "proofs", "verify_all"))
            reused = mean_ms(group, "proofs_into")
            hash_build, hash_verify = mean_ms(group, "hash_build"), mean_ms(group, "hash_verify")
            print(f"| {scheme} | 2^{log_n} | {build:.3f} ms | {hash_build:.3f} ms | {build / hash_build:.2f} | {proofs:.3f} ms | {proofs / build:.2f} | {reused:.3f} ms | {reused / build:.2f} | {verify:.2f} ms | {hash_verify:.2f} ms | {verify / hash_verify:.2f} |")
    print()
    print("| N | keccak-v1 build | rs_merkle build | ours / rs_merkle | keccak-v1 verify all | rs_merkle verify all | ours / rs_merkle |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for log_n in [10, 16, 20]:
        ours_b, ours_v = mean_ms(f"keccak-v1/2^{log_n}", "build"), mean_ms(f"keccak-v1/2^{log_n}", "verify_all")
        rs_b, rs_v = mean_ms(f"rs_merkle-keccak/2^{log_n}", "build"), mean_ms(f"rs_merkle-keccak/2^{log_n}", "verify_all")
        print(f"| 2^{log_n} | {ours_b:.3f} ms | {rs_b:.3f} ms | {ours_b / rs_b:.2f} | {ours_v:.2f} ms | {rs_v:.2f} ms | {ours_v / rs_v:.2f} |")


if __name__ == "__main__":
    main()
