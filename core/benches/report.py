#!/usr/bin/env python3
"""Turns Criterion's estimates (target/criterion) into the ratio tables of core/BENCHMARKS.md.

Run after `make bench-core`: python3 core/benches/report.py > /tmp/tables.md
All ratios come from the same `cargo bench` run. Reads $CARGO_TARGET_DIR/criterion when
CARGO_TARGET_DIR is set (as cargo does), else target/criterion of this checkout.
"""
import json
import os
import pathlib
import sys

target = os.environ.get("CARGO_TARGET_DIR")
root = (pathlib.Path(target).resolve() if target else pathlib.Path(__file__).resolve().parents[2] / "target") / "criterion"


def mean_ms(group: str, function: str) -> float:
    # Criterion turns '/' and '^' in group names into '_' for its folder names.
    path = root / group.replace("/", "_").replace("^", "_") / function / "new" / "estimates.json"
    if not path.exists():
        sys.exit(f"missing {path}; run `make bench-core` first")
    return json.loads(path.read_text())["mean"]["point_estimate"] / 1e6


def verdict(pairs: list[tuple[str, float]], limit: float, strict: bool = False) -> str:
    """'met' / 'missed' for each (label, ratio) against `limit` (ratio ≤ limit, or < limit if strict)."""
    parts = []
    for label, ratio in pairs:
        ok = ratio < limit if strict else ratio <= limit
        parts.append(f"{label} {ratio:.2f} {'met' if ok else '**missed**'}")
    return "; ".join(parts)


def main() -> None:
    build_ratios, verify_ratios, proof_ratios, rs_ratios = [], [], [], []
    print("| scheme | N | build | (padded−1) node hashes | build ratio (≤ 1.15) | all proofs, fresh | fresh / build | all proofs, reused buffer | reused / build (< 0.20) | verify all | N·depth node hashes | verify ratio (≤ 1.15) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scheme in ["ves-sha256-v1", "keccak-v1"]:
        for log_n in [10, 16, 20]:
            group = f"{scheme}/2^{log_n}"
            build, proofs, verify = (mean_ms(group, f) for f in ("build", "proofs", "verify_all"))
            reused = mean_ms(group, "proofs_into")
            hash_build, hash_verify = mean_ms(group, "hash_build"), mean_ms(group, "hash_verify")
            print(f"| {scheme} | 2^{log_n} | {build:.3f} ms | {hash_build:.3f} ms | {build / hash_build:.2f} | {proofs:.3f} ms | {proofs / build:.2f} | {reused:.3f} ms | {reused / build:.2f} | {verify:.2f} ms | {hash_verify:.2f} ms | {verify / hash_verify:.2f} |")
            build_ratios.append((f"{scheme} 2^{log_n}", build / hash_build))
            verify_ratios.append((f"{scheme} 2^{log_n}", verify / hash_verify))
            if log_n == 16:
                proof_ratios.append((f"{scheme} reused", reused / build))
                proof_ratios.append((f"{scheme} fresh", proofs / build))
    print()
    print("| N | keccak-v1 build | rs_merkle build | ours / rs_merkle | keccak-v1 verify all | rs_merkle verify all | ours / rs_merkle |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for log_n in [10, 16, 20]:
        ours_b, ours_v = mean_ms(f"keccak-v1/2^{log_n}", "build"), mean_ms(f"keccak-v1/2^{log_n}", "verify_all")
        rs_b, rs_v = mean_ms(f"rs_merkle-keccak/2^{log_n}", "build"), mean_ms(f"rs_merkle-keccak/2^{log_n}", "verify_all")
        print(f"| 2^{log_n} | {ours_b:.3f} ms | {rs_b:.3f} ms | {ours_b / rs_b:.2f} | {ours_v:.2f} ms | {rs_v:.2f} ms | {ours_v / rs_v:.2f} |")
        rs_ratios.append((f"build 2^{log_n}", ours_b / rs_b))
        rs_ratios.append((f"verify all 2^{log_n}", ours_v / rs_v))
    print()
    print("| Target (issue #2) | Result of this run |")
    print("|---|---|")
    print(f"| build ≤ 1.15 × (padded−1) node hashes | {verdict(build_ratios, 1.15)} |")
    print(f"| verify all ≤ 1.15 × N·depth node hashes | {verdict(verify_ratios, 1.15)} |")
    print(f"| all proofs at 2^16 < 1/5 of build | {verdict(proof_ratios, 0.20, strict=True)} |")
    print(f"| faster than rs_merkle at build and verify all (ours / rs_merkle < 1) | {verdict(rs_ratios, 1.0, strict=True)} |")


if __name__ == "__main__":
    main()
