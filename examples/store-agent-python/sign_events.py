"""A store's point-of-sale agent in Python: builds and signs the store's events with `setchain`
and writes the bodies of `POST /api/v1/ves/events/ingest`, one JSON text per line.

    sign_events.py JOB.json OUT.jsonl

JOB.json: {"store", "agent_id", "ed25519_seed", "ml_dsa_65_seed" (null: Ed25519 only; hex:
hybrid, both signatures, scheme 3), "events_per_request", "events": [the fields of
`setchain.UnsignedEvent`]}. Exit status 0 = written, 2 = bad job (the SDK's error code and field).
"""

import json
import sys
from pathlib import Path
from typing import Any

import setchain


def sign_job(job: dict[str, Any]) -> list[str]:
    """The ingest bodies of the job's events, each event built, checked and signed by setchain."""
    seeds = {"ed25519_seed": job["ed25519_seed"]}
    if job["ml_dsa_65_seed"] is not None:
        seeds["ml_dsa_65_seed"] = job["ml_dsa_65_seed"]
    signed = [setchain.UnsignedEvent(**fields).sign(**seeds) for fields in job["events"]]
    size = job["events_per_request"]
    return [setchain.ingest_request(job["agent_id"], signed[i : i + size]) for i in range(0, len(signed), size)]


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    job = json.loads(Path(argv[1]).read_text())
    try:
        bodies = sign_job(job)
    except setchain.SetError as error:
        print(f"{job.get('store')}: {error.code} at {error.field}: {error}", file=sys.stderr)
        return 2
    Path(argv[2]).write_text("".join(body + "\n" for body in bodies))
    keys = "Ed25519" if job["ml_dsa_65_seed"] is None else "Ed25519 + ML-DSA-65 (scheme 3)"
    print(f"{job['store']}: {len(job['events'])} events signed with {keys} by setchain, {len(bodies)} ingest bodies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
