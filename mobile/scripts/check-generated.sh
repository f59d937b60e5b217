#!/usr/bin/env bash
# Checks the generated sources of `make mobile` (used by `make mobile-test`).
# Swift cannot be compiled on Linux here, so this is all that is checked of it: uniffi-bindgen
# produced the three files of the SetChainCore module, each non-empty, with the expected names.
# Both languages: the API checksum comparison is omitted (uniffi.toml omit_checksums).
set -euo pipefail
bindings=${1:-mobile/bindings}
kotlin=$bindings/kotlin/io/setchain/core/set_mobile.kt
[ -s "$kotlin" ] || { echo "FAIL kotlin: $kotlin is missing or empty" >&2; exit 1; }
grep -q '^package io.setchain.core$' "$kotlin" || { echo "FAIL kotlin: not in package io.setchain.core" >&2; exit 1; }
if grep -q 'uniffiCheckApiChecksums' "$kotlin"; then
    echo "FAIL kotlin: API checksums are compared (omit_checksums not applied)" >&2
    exit 1
fi
dir=$bindings/swift
status=0
for file in SetChainCore.swift SetChainCoreFFI.h SetChainCoreFFI.modulemap; do
    if [ ! -s "$dir/$file" ]; then
        echo "FAIL swift: $dir/$file is missing or empty" >&2
        status=1
    fi
done
[ $status = 0 ] || exit 1
grep -q 'module SetChainCoreFFI' "$dir/SetChainCoreFFI.modulemap" || { echo "FAIL swift: modulemap does not declare SetChainCoreFFI" >&2; exit 1; }
grep -q 'public func verifyReceipt(' "$dir/SetChainCore.swift" || { echo "FAIL swift: verifyReceipt missing" >&2; exit 1; }
for func in attachAnchorProof upgradeAnchorProof anchorProofRequests; do
    grep -q "public func $func(" "$dir/SetChainCore.swift" || { echo "FAIL swift: $func missing" >&2; exit 1; }
done
grep -q '^enum SetError: Swift.Error' "$dir/SetChainCore.swift" || { echo "FAIL swift: SetError missing" >&2; exit 1; }
# The async client (feature `client`, which `make mobile` builds): SetClient with async methods.
grep -q 'open class SetClient' "$dir/SetChainCore.swift" || { echo "FAIL swift: SetClient missing" >&2; exit 1; }
for method in ingest commitment waitForCommitment waitUntilAnchored bundle bundleWithCommitment verifyOnline; do
    grep -Eq "func $method\([^)]*\) ?async throws" "$dir/SetChainCore.swift" || { echo "FAIL swift: SetClient.$method is not async throws" >&2; exit 1; }
done
if grep -q 'uniffi_set_mobile_checksum_func_.*() != ' "$dir/SetChainCore.swift"; then
    echo "FAIL swift: API checksums are compared (omit_checksums not applied)" >&2
    exit 1
fi
echo "swift: SetChainCore.swift ($(wc -c <"$dir/SetChainCore.swift") bytes), SetChainCoreFFI.h, SetChainCoreFFI.modulemap generated"
