#!/usr/bin/env bash
# What `make mobile-test` can check of Swift on Linux (no Swift compiler): uniffi-bindgen produced
# the three files of the SetChainCore module, each non-empty, with the expected module names, and
# the checksum comparison omitted (uniffi.toml omit_checksums).
set -euo pipefail
dir=${1:-mobile/bindings/swift}
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
grep -q '^enum SetError: Swift.Error' "$dir/SetChainCore.swift" || { echo "FAIL swift: SetError missing" >&2; exit 1; }
if grep -q 'uniffi_set_mobile_checksum_func_.*() != ' "$dir/SetChainCore.swift"; then
    echo "FAIL swift: API checksums are compared (omit_checksums not applied)" >&2
    exit 1
fi
echo "swift: SetChainCore.swift ($(wc -c <"$dir/SetChainCore.swift") bytes), SetChainCoreFFI.h, SetChainCoreFFI.modulemap generated"
