"""Verify every set-receipt-v1 bundle in a folder against one trust file; print a summary."""
import json, sys
from pathlib import Path
import setchain

folder, trust = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())
bundles, failed = sorted(folder.glob("*.json")), 0
for path in bundles:
    verdict = setchain.verify_receipt(path.read_text(), trust)
    failed += not verdict.valid
    print(f"{path.name}: {'ok' if verdict else 'FAILED ' + ', '.join(verdict.failed)}")
print(f"{len(bundles) - failed} of {len(bundles)} receipts verified, {failed} failed")
