#!/usr/bin/env python3
"""MSRV check (`make msrv`, part of `make test`): no crate in Cargo.lock that a workspace member
builds needs a newer Rust than the member declares.

Every workspace member with a `rust-version` is checked against the packages it compiles: for
each member, `cargo tree -p <member> --all-features --target all -e normal,build,dev` (what
`cargo build`/`cargo test` of that member compiles from the lock, for any platform, with its own
features, its build scripts and proc-macros, and its own dev-dependencies), and the
`rust-version` each of those packages declares, read from `cargo metadata --locked`. A package
that declares a newer one than the member fails the check; the output names it and how to see
why it is there (`cargo tree -p <member> -i <package>`).

What it cannot tell, and why it is still worth running:
- The only proof of an MSRV is a build with that toolchain (`cargo +1.90 check`). These machines
  have one toolchain, 1.95, and rustup cannot fetch another, so this compares declarations.
- A dependency that declares no `rust-version` is not checked (the output counts them), and a
  declared one may be wrong (too low) without this noticing.
- Our own code is not read here: clippy's `incompatible_msrv` lint (on by default, so part of
  `make clippy -D warnings`) flags std APIs stabilised after the crate's `rust-version`. It knows
  only the stability attributes of std items: new syntax, language features, const-stability of
  older items and compiler behaviour changes slip through both checks.
- Members without a `rust-version` are listed and skipped.

Exit status: 0 when every checked member is satisfied, 1 otherwise (2 when cargo fails).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

CARGO = os.environ.get("CARGO", "cargo")


def version_key(text: str) -> tuple[int, int, int]:
    """`1.90` → (1, 90, 0): rust-version may omit the patch (and then means .0)."""
    parts = [int(part) for part in text.split(".")]
    return (parts + [0, 0])[:3]  # type: ignore[return-value]


def cargo(*args: str) -> str:
    result = subprocess.run([CARGO, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        sys.exit(2)
    return result.stdout


def compiled_packages(member: str) -> set[tuple[str, str]]:
    """(name, version) of every package `cargo build`/`cargo test -p member` compiles."""
    out = cargo(
        "tree", "--quiet", "--locked", "--package", member, "--all-features", "--target", "all",
        "--edges", "normal,build,dev", "--prefix", "none", "--format", "{p}",
    )
    packages = set()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[1].startswith("v"):
            packages.add((fields[0], fields[1][1:]))
    return packages


def main() -> int:
    metadata = json.loads(cargo("metadata", "--format-version", "1", "--locked", "--all-features"))
    declared = {(p["name"], p["version"]): p.get("rust_version") for p in metadata["packages"]}
    members = sorted(
        (p for p in metadata["packages"] if p["id"] in set(metadata["workspace_members"])),
        key=lambda p: p["name"],
    )
    member_names = {member["name"] for member in members}
    failed = False
    for member in members:
        name, ours = member["name"], member.get("rust_version")
        if not ours:
            print(f"  {name}: declares no rust-version, not checked")
            continue
        packages = compiled_packages(name) - {(name, member["version"])}
        undeclared = sum(1 for package in packages if not declared.get(package))
        newer = sorted(
            (
                (version_key(needs), package_name, version, needs)
                for (package_name, version) in packages
                if (needs := declared.get((package_name, version))) and version_key(needs) > version_key(ours)
            ),
            reverse=True,
        )
        if newer:
            failed = True
            print(f"  {name}: rust-version {ours}, but {len(newer)} of its {len(packages)} packages declare a newer one:")
            for _, package_name, version, needs in newer[:5]:
                print(f"      {package_name} {version} needs {needs}   (why: cargo tree -p {name} -i {package_name}@{version})")
            if len(newer) > 5:
                print(f"      … and {len(newer) - 5} more")
        else:
            highest = max(
                (
                    (version_key(v), n, ver, v)
                    for (n, ver) in packages
                    if n not in member_names and (v := declared.get((n, ver)))
                ),
                default=None,
            )
            top = f"; highest: {highest[1]} {highest[2]} needs {highest[3]}" if highest else ""
            print(f"  {name}: rust-version {ours} ok ({len(packages)} packages, {undeclared} declare none{top})")
    if failed:
        print(
            "msrv: a dependency in Cargo.lock needs a newer Rust than its user declares: raise that crate's "
            "rust-version (and say why in README.md, Compatibility) or hold the dependency back "
            "(cargo update -p <package> --precise <version>)."
        )
        return 1
    print("msrv: every dependency in Cargo.lock fits the rust-version of the members that build it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
