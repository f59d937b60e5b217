"""Back-office check of an export of Set receipt bundles.

Verifies every bundle listed in EXPORT_DIR/index.tsv with `setchain` (signatures, hashes,
inclusion proof) and against SetRegistry on the chain in EXPORT_DIR/network.json (one
`eth_call getBatchCommitment` per commitment), then prints one row per order.

    python examples/back-office/verify_export.py target/demo/export

Exit status: 0 when every receipt is valid, 1 when one is not, 2 on bad input.
Standard library + setchain only.
"""

from __future__ import annotations

import csv
import json
import sys
import urllib.request
from pathlib import Path

import setchain


def eth_call(rpc_url: str, to: str, data: bytes) -> bytes:
    request = {"jsonrpc": "2.0", "id": 1, "method": "eth_call", "params": [{"to": to, "data": "0x" + data.hex()}, "latest"]}
    http = urllib.request.Request(rpc_url, json.dumps(request).encode(), {"content-type": "application/json"})
    with urllib.request.urlopen(http, timeout=20) as response:
        answer = json.load(response)
    if "error" in answer:
        raise RuntimeError(f"eth_call: {answer['error']}")
    return bytes.fromhex(answer["result"].removeprefix("0x"))


def main(export: Path) -> int:
    network = json.loads((export / "network.json").read_text())
    with (export / "index.tsv").open(newline="") as index:
        rows = list(csv.DictReader(index, delimiter="\t"))
    onchain: dict[str, bytes] = {}  # batch id -> getBatchCommitment return data

    print(f"{'order':<10} {'store':<16} {'seq':>4}  {'commitment':<10} {'block':>5}  {'on-chain range':<14} result")
    failed = 0
    for row in rows:
        bundle_text = (export / row["file"]).read_text()
        batch = row["batch_id"]
        if batch not in onchain:
            onchain[batch] = eth_call(network["rpc_url"], network["registry"], setchain.encode_get_batch_commitment(batch))
        record = setchain.decode_get_batch_commitment(onchain[batch])
        trust = {
            "sequencer_public_keys": [network["sequencer_public_key"]],
            "agent_public_key": row["agent_public_key"],
            "onchain": "0x" + onchain[batch].hex(),
        }
        try:
            verdict = setchain.verify_receipt(bundle_text, trust)
            result = "✔ valid" if verdict else "✘ " + ", ".join(verdict.failed)
        except setchain.SetError as err:  # malformed bundle: the error names the field
            verdict, result = None, f"✘ {err.code}: {err}"
        failed += not verdict
        block = json.loads(bundle_text).get("anchor", {}).get("block_number", "")
        span = f"{record.sequence_start}–{record.sequence_end}"
        print(f"{row['order_id']:<10} {row['store']:<16} {row['sequence_number']:>4}  {batch[:8]:<10} {block:>5}  {span:<14} {result}")

    print(f"{len(rows) - failed} of {len(rows)} receipts valid against SetRegistry {network['registry']} "
          f"(chain {network['chain_id']}, {len(onchain)} commitments read)")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[0], "\nusage: verify_export.py EXPORT_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
