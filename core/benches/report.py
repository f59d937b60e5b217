#!/usr/bin/env python3
"""Turns Criterion's estimates (target/criterion) into the ratio tables of core/BENCHMARKS.md.

Run after `make bench-core`: python3 core/benches/report.py > /tmp/tables.md
All ratios come from the same `cargo bench` run. Reads $CARGO_TARGET_DIR/criterion when
CARGO_TARGET_DIR is set (as cargo does), else target/criterion of this checkout.

The targets (core/BENCHMARKS.md explains the baselines):
- fresh build ≤ 1.15 × (padded−1 node hashes + first touch of a tree-sized buffer);
- rebuild (into an existing tree's buffer) ≤ 1.15 × (padded−1) node hashes;
- all proofs at 2^16 ≤ 1.25 × writing the same bytes (N·depth·32), fresh buffer against a fresh
  buffer and reused against reused;
- verify all ≤ 1.15 × N·depth node hashes;
- faster than rs_merkle at build and verify all.
"""
import json
import os
import pathlib
import sys

target = os.environ.get("CARGO_TARGET_DIR")
root = (pathlib.Path(target).resolve() if target else pathlib.Path(__file__).resolve().parents[2] / "target") / "criterion"

SCHEMES = ["ves-sha256-v1", "keccak-v1"]
SIZES = [10, 16, 20]
PROOFS_TARGET_SIZE = 16
BUILD_LIMIT, PROOFS_LIMIT, VERIFY_LIMIT = 1.15, 1.25, 1.15


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


def table_head(header: str, left: int = 1, caption: str = "") -> None:
    """Prints `caption` and a blank line (when given), then the head of a Markdown table: the row
    `header` and its alignment row, the first `left` columns left-aligned, the others right-aligned."""
    if caption:
        print(caption)
        print()
    print(header)
    columns = header.count("|") - 1
    print("|" + "---|" * left + "---:|" * (columns - left))


def main() -> None:
    build_ratios, rebuild_ratios, verify_ratios, proof_ratios, rs_ratios = [], [], [], [], []
    m = {
        (scheme, log_n): {
            f: mean_ms(f"{scheme}/2^{log_n}", f)
            for f in (
                "build", "rebuild", "hash_build", "first_touch", "proofs", "write_fresh",
                "proofs_into", "write_reused", "verify_all", "hash_verify",
            )
        }
        for scheme in SCHEMES
        for log_n in SIZES
    }

    table_head(f"| scheme | N | build | rebuild | (padded−1) node hashes | first touch of the tree buffer | build / (hashes + first touch) (≤ {BUILD_LIMIT}) | rebuild / hashes (≤ {BUILD_LIMIT}) | build / hashes (for reference) |", caption="Build (fresh: `MerkleTree::build`; rebuild: `MerkleTree::rebuild` into an existing tree's buffer):")
    for (scheme, log_n), r in m.items():
        fresh = r["build"] / (r["hash_build"] + r["first_touch"])
        again = r["rebuild"] / r["hash_build"]
        print(f"| {scheme} | 2^{log_n} | {r['build']:.3f} ms | {r['rebuild']:.3f} ms | {r['hash_build']:.3f} ms | {r['first_touch']:.3f} ms | {fresh:.2f} | {again:.2f} | {r['build'] / r['hash_build']:.2f} |")
        build_ratios.append((f"{scheme} 2^{log_n}", fresh))
        rebuild_ratios.append((f"{scheme} 2^{log_n}", again))
    print()
    table_head(f"| scheme | N | proof bytes | all proofs, fresh | write, fresh buffer | fresh ratio (≤ {PROOFS_LIMIT} at 2^{PROOFS_TARGET_SIZE}) | all proofs, reused | write, reused buffer | reused ratio (≤ {PROOFS_LIMIT} at 2^{PROOFS_TARGET_SIZE}) | reused / build (for reference) |", caption="All proofs (fresh: `proofs()`, a new buffer per call; reused: `proofs_into`, one buffer refilled), against writing N·depth·32 bytes the same way:")
    for (scheme, log_n), r in m.items():
        fresh = r["proofs"] / r["write_fresh"]
        reused = r["proofs_into"] / r["write_reused"]
        mib = (1 << log_n) * log_n * 32 / 2**20
        print(f"| {scheme} | 2^{log_n} | {mib:g} MiB | {r['proofs']:.3f} ms | {r['write_fresh']:.3f} ms | {fresh:.2f} | {r['proofs_into']:.3f} ms | {r['write_reused']:.3f} ms | {reused:.2f} | {r['proofs_into'] / r['build']:.2f} |")
        if log_n == PROOFS_TARGET_SIZE:
            proof_ratios.append((f"{scheme} fresh", fresh))
            proof_ratios.append((f"{scheme} reused", reused))
    print()
    table_head(f"| scheme | N | verify all | N·depth node hashes | verify ratio (≤ {VERIFY_LIMIT}) |", caption="Verify all (`verify_many`, N strict proofs):")
    for (scheme, log_n), r in m.items():
        print(f"| {scheme} | 2^{log_n} | {r['verify_all']:.2f} ms | {r['hash_verify']:.2f} ms | {r['verify_all'] / r['hash_verify']:.2f} |")
        verify_ratios.append((f"{scheme} 2^{log_n}", r["verify_all"] / r["hash_verify"]))
    print()
    table_head("| N | keccak-v1 build | rs_merkle build | ours / rs_merkle | keccak-v1 verify all | rs_merkle verify all | ours / rs_merkle |", 0)
    for log_n in SIZES:
        ours_b, ours_v = m[("keccak-v1", log_n)]["build"], m[("keccak-v1", log_n)]["verify_all"]
        rs_b, rs_v = mean_ms(f"rs_merkle-keccak/2^{log_n}", "build"), mean_ms(f"rs_merkle-keccak/2^{log_n}", "verify_all")
        print(f"| 2^{log_n} | {ours_b:.3f} ms | {rs_b:.3f} ms | {ours_b / rs_b:.2f} | {ours_v:.2f} ms | {rs_v:.2f} ms | {ours_v / rs_v:.2f} |")
        rs_ratios.append((f"build 2^{log_n}", ours_b / rs_b))
        rs_ratios.append((f"verify all 2^{log_n}", ours_v / rs_v))
    print()
    table_head("| Target | Result of this run |", 2)
    print(f"| fresh build ≤ {BUILD_LIMIT} × ((padded−1) node hashes + first touch of a tree-sized buffer) | {verdict(build_ratios, BUILD_LIMIT)} |")
    print(f"| rebuild ≤ {BUILD_LIMIT} × (padded−1) node hashes | {verdict(rebuild_ratios, BUILD_LIMIT)} |")
    print(f"| all proofs at 2^{PROOFS_TARGET_SIZE} ≤ {PROOFS_LIMIT} × writing the same bytes (fresh vs fresh, reused vs reused) | {verdict(proof_ratios, PROOFS_LIMIT)} |")
    print(f"| verify all ≤ {VERIFY_LIMIT} × N·depth node hashes | {verdict(verify_ratios, VERIFY_LIMIT)} |")
    print(f"| faster than rs_merkle at build and verify all (ours / rs_merkle < 1) | {verdict(rs_ratios, 1.0, strict=True)} |")


if __name__ == "__main__":
    main()
