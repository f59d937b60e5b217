"""Back-office check of an export of Set receipt bundles against the app's pinned network.

Verifies every bundle listed in EXPORT_DIR/index.tsv with `setchain` (signatures, hashes,
inclusion proof, the bundle's anchor claim) against EXPORT_DIR/trust-root.json, the
set-trust-root-v1 document the app trusts (chain id, SetRegistry, sequencer keys). Each
commitment is read once from the pinned SetRegistry (`eth_call getBatchCommitment`) on the RPC
in EXPORT_DIR/rpc-url.txt, after checking that the RPC serves the pinned chain id; never from
the registry a bundle names. Prints one row per order.

A hybrid export (`make demo-hybrid`) pins the sequencer's ML-DSA-65 key and the signature
policy `require-hybrid` in trust-root.json, and index.tsv has a seventh column,
`agent_ml_dsa_65_public_key`: every receipt's and every event's two signatures (Ed25519 and
ML-DSA-65) are then checked, and a receipt missing either is refused.

    python examples/back-office/verify_export.py target/demo/export

Exit status: 0 when every receipt is valid, 1 when one is not, 2 on bad input.
Standard library + setchain only.
"""

from __future__ import annotations

import csv
import json
import sys
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

import setchain


def rpc(rpc_url: str, method: str, params: list[Any]) -> Any:
    request = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
    http = urllib.request.Request(rpc_url, json.dumps(request).encode(), {"content-type": "application/json"})
    with urllib.request.urlopen(http, timeout=20) as response:
        answer = json.load(response)
    if answer.get("result") is None:
        raise RuntimeError(f"{method}: {answer.get('error', answer)}")
    return answer["result"]


def main(export: Path) -> int:
    trust_root = json.loads((export / "trust-root.json").read_text())
    rpc_url = (export / "rpc-url.txt").read_text().strip()
    chain_id, registry = trust_root["chain_id"], trust_root["registry"]
    served = int(rpc(rpc_url, "eth_chainId", []), 16)
    if served != chain_id:
        print(f"{rpc_url} serves chain {served}, the trust root pins {chain_id}", file=sys.stderr)
        return 2
    with (export / "index.tsv").open(newline="") as index:
        rows = list(csv.DictReader(index, delimiter="\t"))
    onchain: dict[str, bytes] = {}  # batch id -> getBatchCommitment return data from the pinned registry

    policy = trust_root.get("signature_policy", "default")
    print(f"pinned: {trust_root['network']} · chain {chain_id} · SetRegistry {registry} · signature policy {policy}")
    print(f"{'order':<10} {'store':<16} {'seq':>4}  {'commitment':<10} {'on-chain range':<14} {'level':<17} result")
    levels: Counter[str] = Counter()
    failed: Counter[str] = Counter()  # failed check (or error code) -> receipts
    invalid = 0
    for row in rows:
        batch = row["batch_id"]
        if batch not in onchain:
            data = setchain.encode_get_batch_commitment(batch)
            onchain[batch] = bytes.fromhex(rpc(rpc_url, "eth_call", [{"to": registry, "data": "0x" + data.hex()}, "latest"])[2:])
        record = setchain.decode_get_batch_commitment(onchain[batch])
        # The trust root as it is, plus this store's agent key and the record just read.
        trust = {**trust_root, "agent_public_key": row["agent_public_key"], "onchain": "0x" + onchain[batch].hex()}
        if row.get("agent_ml_dsa_65_public_key"):  # a hybrid export: the agent's second key
            trust["agent_ml_dsa_65_public_key"] = row["agent_ml_dsa_65_public_key"]
        try:
            verdict = setchain.verify_receipt((export / row["file"]).read_text(), trust)
            level = verdict.level
            result = "✔ valid" if verdict else "✘ " + "; ".join(f"{name} fail — {verdict.reasons[name]}" for name in verdict.failed)
            failed.update(verdict.failed)
        except setchain.SetError as err:  # malformed bundle: the error names the field
            level, result = "none", f"✘ {err.code}: {err}"
            failed[err.code] += 1
        invalid += result.startswith("✘")
        levels[level] += 1
        span = f"{record.sequence_start}–{record.sequence_end}"
        print(f"{row['order_id']:<10} {row['store']:<16} {row['sequence_number']:>4}  {batch[:8]:<10} {span:<14} {level:<17} {result}")

    print(f"{len(rows) - invalid} of {len(rows)} receipts valid ({len(onchain)} commitments read from the pinned registry)")
    if invalid:
        print(f"  → INVALID · {invalid} of {len(rows)} · failed: {', '.join(f'{name} ×{count}' for name, count in failed.items())}")
        return 1
    if len(levels) == 1:
        print(f"  → VALID · level {next(iter(levels))} · {len(rows)} of {len(rows)}")
    else:
        print(f"  → VALID · levels {', '.join(f'{name} ×{count}' for name, count in levels.items())}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[0], "\nusage: verify_export.py EXPORT_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
