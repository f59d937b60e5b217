"""Verify every receipt bundle in a folder against one trust file, in one bulk call; print a summary."""
import json, sys
from pathlib import Path
import setchain

folder, trust = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())
paths = sorted(folder.glob("*.json"))
verdicts = setchain.verify_receipts([path.read_text() for path in paths], trust)
for path, verdict in zip(paths, verdicts):
    why = f"unreadable ({verdict.error})" if verdict.error else ", ".join(verdict.failed)
    print(f"{path.name}: {verdict.level if verdict else 'FAILED ' + why}")
failed = sum(not verdict for verdict in verdicts)
print(f"{len(paths) - failed} of {len(paths)} receipts verified, {failed} failed")
