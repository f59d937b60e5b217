#!/usr/bin/env bash
# Runs a command against a local network (used by `make mobile-test` for the client matrix):
# starts `set-demo --serve-network` (anvil with SetRegistry, the dev sequencer, set-anchor on
# 127.0.0.1), waits for its `NETWORK READY` line, runs the command with SET_TEST_NETWORK naming the
# network file, then closes set-demo's stdin, which stops everything it started. Exits with the
# command's status.
#
#   mobile/scripts/with-network.sh SET_DEMO_BINARY REPO_ROOT COMMAND [ARG...]
set -euo pipefail
demo=$1
root=$2
shift 2
out=$(mktemp -d "${TMPDIR:-/tmp}/set-network.XXXXXX")
mkfifo "$out/stdin"
"$demo" --root "$root" --out "$out" --block-time 1 --serve-network "$out/network.json" \
    <"$out/stdin" >"$out/demo.log" 2>&1 &
pid=$!
# The write end stays open while the command runs: set-demo stops when it is closed.
exec 3>"$out/stdin"
stop() {
    exec 3>&-
    wait "$pid" 2>/dev/null || true
}
for _ in $(seq 1 600); do
    grep -q '^NETWORK READY' "$out/demo.log" && break
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "set-demo --serve-network ended before the network was ready:" >&2
        cat "$out/demo.log" >&2
        stop
        exit 1
    fi
    sleep 0.5
done
if ! grep -q '^NETWORK READY' "$out/demo.log"; then
    echo "set-demo --serve-network: no NETWORK READY after 300 s:" >&2
    cat "$out/demo.log" >&2
    stop
    exit 1
fi
status=0
SET_TEST_NETWORK="$out/network.json" "$@" || status=$?
stop
if [ "$status" = 0 ]; then rm -rf "$out"; else echo "network log: $out/demo.log" >&2; fi
exit "$status"
