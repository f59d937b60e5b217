#!/usr/bin/env bash
# Cross-checks the gas numbers of test/registry/gas on a real node: starts a local anvil (Cancun),
# broadcasts script/RegistryGasBench.s.sol and prints the receipts' gasUsed of the measured
# transactions. Uses anvil's first well-known development key (public test key, no funds anywhere).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-18545}"
BIN=./bin
"$BIN/anvil" --port "$PORT" --hardfork cancun --silent &
ANVIL=$!
trap 'kill $ANVIL' EXIT
for _ in $(seq 50); do "$BIN/cast" chain-id --rpc-url "http://127.0.0.1:$PORT" >/dev/null 2>&1 && break; sleep 0.2; done
KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
"$BIN/forge" script script/RegistryGasBench.s.sol:RegistryGasBench --rpc-url "http://127.0.0.1:$PORT" \
  --private-key "$KEY" --broadcast --slow --skip-simulation >/dev/null
RUN=broadcast/RegistryGasBench.s.sol/31337/run-latest.json
gas() { jq -r ".receipts[$1].gasUsed" "$RUN" | xargs printf '%d\n'; }
echo "commitBatch first batch of a stream : $(gas 13)"
echo "commitBatch later batch             : $(gas 14)"
echo "commitBatches 10 streams (total)    : $(gas 15)"
