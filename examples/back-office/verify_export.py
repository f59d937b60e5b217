"""Back-office check of an export of Set receipt bundles against the app's pinned network.

Verifies every bundle listed in EXPORT_DIR/index.tsv online with `setchain.Client.verify_online`
(signatures, hashes, inclusion proof, the bundle's anchor claim, and its commitment as the chain
holds it) against EXPORT_DIR/trust-root.json, the set-trust-root-v1 document the app trusts
(chain id, SetRegistry, sequencer keys), on the RPC in EXPORT_DIR/rpc-url.txt: the client checks
that the RPC serves the pinned chain id and reads each commitment from the pinned SetRegistry
(`getBatchCommitment`), never from the registry a bundle names. Prints one row per order.

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
from collections import Counter
from pathlib import Path

import setchain


def main(export: Path) -> int:
    trust_root = json.loads((export / "trust-root.json").read_text())
    rpc_url = (export / "rpc-url.txt").read_text().strip()
    chain_id, registry = trust_root["chain_id"], trust_root["registry"]
    with (export / "index.tsv").open(newline="") as index:
        rows = list(csv.DictReader(index, delimiter="\t"))
    # One client per store agent key: the trust root as it is, plus the key its events are signed with.
    clients: dict[tuple[str, str], setchain.Client] = {}

    policy = trust_root.get("signature_policy", "default")
    print(f"pinned: {trust_root['network']} · chain {chain_id} · SetRegistry {registry} · signature policy {policy}")
    print(f"{'order':<10} {'store':<16} {'seq':>4}  {'commitment':<10} {'range':<14} {'level':<17} result")
    levels: Counter[str] = Counter()
    failed: Counter[str] = Counter()  # failed check (or error code) -> receipts
    batches: set[str] = set()
    invalid = 0
    for row in rows:
        keys = (row["agent_public_key"], row.get("agent_ml_dsa_65_public_key") or "")
        if keys not in clients:
            trust = {**trust_root, "agent_public_key": keys[0]}
            if keys[1]:  # a hybrid export: the agent's second key
                trust["agent_ml_dsa_65_public_key"] = keys[1]
            # verify_online reads only the chain: a client without a sequencer.
            clients[keys] = setchain.Client(trust, None, rpc_url)
        bundle = json.loads((export / row["file"]).read_text())
        batches.add(row["batch_id"])
        try:
            verdict = clients[keys].verify_online(bundle)
            level = verdict.level
            result = "✔ valid" if verdict else "✘ " + "; ".join(f"{name} fail — {verdict.reasons[name]}" for name in verdict.failed)
            failed.update(verdict.failed)
        except setchain.ClientError as err:
            if err.module == "client":  # the RPC: unreachable, or serving another chain
                print(err, file=sys.stderr)
                return 2
            level, result = "none", f"✘ {err.code}: {err}"
            failed[err.code] += 1
        except setchain.SetError as err:  # malformed bundle: the error names the field
            level, result = "none", f"✘ {err.code}: {err}"
            failed[err.code] += 1
        invalid += result.startswith("✘")
        levels[level] += 1
        commitment = bundle.get("commitment", {}) if isinstance(bundle, dict) else {}
        span = f"{commitment.get('sequence_start', '?')}–{commitment.get('sequence_end', '?')}"
        print(f"{row['order_id']:<10} {row['store']:<16} {row['sequence_number']:>4}  {row['batch_id'][:8]:<10} {span:<14} {level:<17} {result}")

    print(f"{len(rows) - invalid} of {len(rows)} receipts valid ({len(batches)} commitments read from the pinned registry)")
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
