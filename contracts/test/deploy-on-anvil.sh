#!/usr/bin/env bash
# Runs script/Deploy.s.sol against a fresh `anvil --chain-id 84532001` on 127.0.0.1 and checks
# the deployment on-chain with cast: proxies initialised, owner and sequencer set, the registry
# accepts a commit from the sequencer and rejects one from anyone else.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./bin
port=${ANVIL_PORT:-$((20000 + RANDOM % 20000))}
rpc="http://127.0.0.1:$port"
log=$(mktemp)
"$bin/anvil" --host 127.0.0.1 --port "$port" --chain-id 84532001 --block-time 2 --silent >"$log" 2>&1 &
anvil_pid=$!
trap 'kill $anvil_pid 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 50); do
  "$bin/cast" chain-id --rpc-url "$rpc" >/dev/null 2>&1 && break
  sleep 0.2
done
[ "$("$bin/cast" chain-id --rpc-url "$rpc")" = "84532001" ] || { echo "anvil did not start"; cat "$log"; exit 1; }

# anvil's well-known development accounts 0 (deployer/owner) and 1 (sequencer).
deployer_key=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
sequencer=0x70997970C51812dc3A010C7d01b50e0d17dc79C8
sequencer_key=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
stranger=0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC

output=$(DEPLOYER_PRIVATE_KEY=$deployer_key SEQUENCER_ADDRESS=$sequencer \
  "$bin/forge" script script/Deploy.s.sol --rpc-url "$rpc" --broadcast --slow 2>&1) || { echo "$output"; exit 1; }
deployment=$(printf '%s\n' "$output" | grep -o 'SET_DEPLOYMENT=.*' | head -1 | cut -d= -f2-)
[ -n "$deployment" ] || { echo "no SET_DEPLOYMENT line"; echo "$output"; exit 1; }
echo "deployment: $deployment"
field() { printf '%s' "$deployment" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
registry=$(field registry)
paymaster=$(field paymaster)

fail() { echo "FAIL: $*"; exit 1; }
lower() { tr 'A-F' 'a-f'; }
owner=$("$bin/cast" call "$registry" 'owner()(address)' --rpc-url "$rpc" | lower)
[ "$owner" = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266" ] || fail "registry owner is $owner"
[ "$("$bin/cast" call "$registry" 'authorizedSequencers(address)(bool)' "$sequencer" --rpc-url "$rpc")" = "true" ] \
  || fail "sequencer not authorized"
[ "$("$bin/cast" call "$registry" 'strictModeEnabled()(bool)' --rpc-url "$rpc")" = "true" ] || fail "strict mode off"
[ "$("$bin/cast" call "$paymaster" 'nextTierId()(uint256)' --rpc-url "$rpc")" = "3" ] || fail "paymaster tiers"

# A real commit from the sequencer lands and is readable; the same from a stranger is refused.
batch=0x123e4567e89b12d3a45642661417400000000000000000000000000000000000
tenant=0x0000000000000000000000000000000100000000000000000000000000000000
store=0x0000000000000000000000000000000200000000000000000000000000000000
root=0xed713ebe24ca54ded61727699af12214ee4e1a1d6744b7d43c01d1dde9441222
state=0x2252d08d5c225885f37a346ec44b1782c791ea48780174821885604d8103a40c
zero=0x0000000000000000000000000000000000000000000000000000000000000000
sig='commitBatch(bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32)'
"$bin/cast" send "$registry" "$sig" $batch $tenant $store $root $zero $state 1 3 3 \
  --private-key $sequencer_key --rpc-url "$rpc" >/dev/null || fail "sequencer commit reverted"
[ "$("$bin/cast" call "$registry" 'batchExists(bytes32)(bool)' $batch --rpc-url "$rpc")" = "true" ] || fail "batch missing"
[ "$("$bin/cast" call "$registry" 'totalCommitments()(uint256)' --rpc-url "$rpc")" = "1" ] || fail "counter not maintained"
next_batch=0x223e4567e89b12d3a45642661417400000000000000000000000000000000000
refusal=$("$bin/cast" call "$registry" "$sig" $next_batch $tenant $store $root $state $state 4 4 1 \
  --from $stranger --rpc-url "$rpc" 2>&1 || true)
case "$refusal" in
  *e269f830*|*NotAuthorizedSequencer*) ;;  # NotAuthorizedSequencer()
  *) fail "a stranger's commit was not refused with NotAuthorizedSequencer: $refusal" ;;
esac
echo "deploy-on-anvil: 1 passed, 0 failed"
