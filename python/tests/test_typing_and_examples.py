"""The stubs match the native module, the examples type-check strictly and run."""

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from conftest import vectors

PYTHON_DIR = Path(__file__).resolve().parents[1]
EXAMPLE = PYTHON_DIR / "examples" / "verify_receipts.py"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, check=False)


def test_stubs_match_the_native_module(tmp_path: Path) -> None:
    # From a neutral directory, so that the installed package (not the source tree) is checked.
    allowlist = Path(__file__).with_name("stubtest-allowlist.txt")
    result = run(
        "-m", "mypy.stubtest", "setchain", "--mypy-config-file", str(tmp_path / "none.ini"), "--allowlist", str(allowlist), cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_all_is_every_public_name_once() -> None:
    import setchain
    from setchain import _enums, _errors, _native

    assert len(setchain.__all__) == len(set(setchain.__all__))
    assert setchain.__all__ == [*_native.__all__, *_errors.__all__, *_enums.__all__]
    for name in setchain.__all__:
        assert getattr(setchain, name) is not None, name
    # Submodules (`setchain.abi`, `setchain.web3`) are attributes once imported, not exports.
    public = {
        name for name, value in vars(setchain).items() if not name.startswith("_") and not isinstance(value, ModuleType)
    } - {"TYPE_CHECKING", "annotations"}
    assert public == set(setchain.__all__) - {"__version__"}


def test_example_script_passes_mypy_strict(tmp_path: Path) -> None:
    result = run("-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(EXAMPLE), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_example_verifies_a_folder_of_receipt_bundles(tmp_path: Path) -> None:
    v = vectors("receipts.json")
    trust = v["valid"][0]["trust"]
    cases = [c for kind in ("valid", "tampered") for c in v[kind] if c["trust"] == trust]
    folder = tmp_path / "receipts"
    folder.mkdir()
    for i, case in enumerate(cases):
        (folder / f"{i:02d}-{case['name'].replace(' ', '_').replace('/', '_')}.json").write_text(json.dumps(case["bundle"]))
    (tmp_path / "trust.json").write_text(json.dumps(trust))
    result = run(str(EXAMPLE), str(folder), str(tmp_path / "trust.json"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    failed = sum(1 for c in cases if not c["expected"]["verdict"]["valid"])
    assert failed > 0 and len(cases) - failed > 0
    assert lines[-1] == f"{len(cases) - failed} of {len(cases)} receipts verified, {failed} failed"
    assert sum("FAILED" in line for line in lines) == failed
    # The README shows this very file.
    readme = (PYTHON_DIR / "README.md").read_text(encoding="utf-8")
    assert EXAMPLE.read_text(encoding="utf-8").strip() in readme
