"""Measure MCP tool lists with the MCP Inspector CLI (`--strict`): apisix-gpt's profiles, or the peers.

Run through `scripts/measure-mcp` (apisix-gpt) and `scripts/measure-mcp-peers` (api7's apisix-mcp from
npm and mcp-apisix from PyPI), which install the tools under `.tools/` first. Every figure is counted
from the JSON the inspector printed: compact JSON characters, as in `apisix_gpt.mcp.budget`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apisix_gpt.mcp.budget import BUDGETS, Figures, figures  # noqa: E402

TOOLS = ROOT / ".tools"
INSPECTOR = TOOLS / "inspector" / "node_modules" / ".bin" / "mcp-inspector"
SUMMARY = re.compile(r"(\d+) errors?, (\d+) warnings?")


@dataclass(frozen=True)
class Run:
    """One inspector run: the server's name, its figures and the strict check's counts."""

    name: str
    figures: Figures
    errors: int
    warnings: int
    report: str


def inspect(options: list[str], command: list[str] | None = None,
            env: dict[str, str] | None = None) -> tuple[dict[str, Any], int, int, str]:
    """`mcp-inspector --cli <options> --method tools/list --strict [-- command]`: (result, errors, warnings,
    the strict report)."""
    cmd = [str(INSPECTOR), "--cli", *options, "--method", "tools/list", "--strict",
           *(["--", *command] if command else [])]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})})
    if not done.stdout.strip().startswith("{"):
        raise RuntimeError(f"the inspector failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    found = SUMMARY.search(done.stderr)
    errors, warnings = (int(found.group(1)), int(found.group(2))) if found else (0, 0)
    return json.loads(done.stdout), errors, warnings, done.stderr


def over_http(name: str, url: str, token: str | None, openapi_json: str | None = None) -> Run:
    target = [url.rstrip("/") + "/mcp", "--transport", "http"]
    if token:
        target += ["--header", f"Authorization: Bearer {token}"]
    result, errors, warnings, report = inspect(target)
    return Run(name, figures(result, openapi_json), errors, warnings, report)


def over_stdio(name: str, command: list[str], env: dict[str, str]) -> Run:
    env_args = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
    result, errors, warnings, report = inspect([*env_args, "--transport", "stdio"], command, env)
    return Run(name, figures(result), errors, warnings, report)


def table(runs: list[Run]) -> str:
    lines = ["| server | tools | tools/list, compact JSON chars | largest inputSchema | served openapi.json "
             "| --strict errors / warnings |", "|---|---|---|---|---|---|"]
    for run in runs:
        name, size = run.figures.largest_input_schema
        spec = f"{run.figures.openapi_json_chars:,}" if run.figures.openapi_json_chars is not None else "-"
        lines.append(f"| {run.name} | {run.figures.tools} | {run.figures.tools_list_chars:,} | {size:,} (`{name}`) "
                     f"| {spec} | {run.errors} / {run.warnings} |")
    return "\n".join(lines)


def measure_apisix_gpt(profiles: list[str], url: str | None, token: str | None) -> list[Run]:
    """Each profile on its own apisix-gpt process against one sandbox (or the server at `url`)."""
    import requests

    if url:
        spec = requests.get(url.rstrip("/") + "/openapi.json", timeout=10).text
        return [over_http(f"apisix-gpt at {url}", url, token, spec)]
    from tests.helpers.stack import start_api, start_sandbox

    runs = []
    with tempfile.TemporaryDirectory(prefix="mcp-measure-") as tmp:
        sandbox = start_sandbox(Path(tmp))
        try:
            for profile in profiles:
                editor = secrets.token_urlsafe(16)
                proc, api_url, _ = start_api(Path(tmp) / profile, sandbox, editor, secrets.token_urlsafe(16),
                                             APISIX_GPT_PROFILE=profile)
                try:
                    spec = requests.get(f"{api_url}/openapi.json", timeout=10).text
                    runs.append(over_http(f"apisix-gpt, `{profile}` profile", api_url, editor, spec))
                finally:
                    proc.stop()
        finally:
            sandbox.stop()
    return runs


def measure_peers() -> list[Run]:
    """api7's apisix-mcp (npm) and mcp-apisix (PyPI, writes on) against one sandbox, over stdio."""
    from tests.helpers.stack import start_sandbox

    runs = []
    with tempfile.TemporaryDirectory(prefix="mcp-peers-") as tmp:
        sandbox = start_sandbox(Path(tmp))
        host, port = sandbox.admin_url.rsplit(":", 1)
        try:
            api7 = TOOLS / "peers" / "npm" / "node_modules" / "apisix-mcp" / "dist" / "index.js"
            runs.append(over_stdio("api7 `apisix-mcp` 0.0.7", ["node", str(api7)], {
                "APISIX_SERVER_HOST": host, "APISIX_ADMIN_API_PORT": port,
                "APISIX_ADMIN_API_PREFIX": "/apisix/admin", "APISIX_ADMIN_KEY": sandbox.admin_key}))
            python = TOOLS / "peers" / "venv" / "bin" / "mcp-apisix"
            runs.append(over_stdio("PyPI `mcp-apisix` 0.4.0 (writes on)", [str(python)], {
                "APISIX_BASE_URL": sandbox.admin_url, "APISIX_ADMIN_KEY": sandbox.admin_key,
                "APISIX_READ_ONLY": "false", "MCP_TRANSPORT": "stdio"}))
        finally:
            sandbox.stop()
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", action="store_true", help="measure the two peer servers instead")
    parser.add_argument("--profile", action="append", help="apisix-gpt profile(s); default: gpt and full")
    parser.add_argument("--url", help="measure a running apisix-gpt at this URL instead of starting one")
    parser.add_argument("--token", default=os.environ.get("TOKEN"), help="bearer token for --url")
    parser.add_argument("--verbose", action="store_true", help="print the inspector's strict report too")
    args = parser.parse_args(argv)
    if not INSPECTOR.exists():
        parser.error(f"{INSPECTOR} is missing: run scripts/measure-mcp, which installs it")
    runs = measure_peers() if args.peers else measure_apisix_gpt(args.profile or ["gpt", "full"], args.url,
                                                                   args.token)
    print(table(runs))
    failed = False
    for run in runs:
        if args.verbose and run.report.strip():
            print(f"\n{run.name}:\n{run.report}")
        profile = next((p for p in BUDGETS if f"`{p}` profile" in run.name), None)
        problems = run.figures.over(BUDGETS[profile]) if profile and not args.peers else []
        if not args.peers and (run.errors or run.warnings):
            problems.append(f"{run.errors} strict errors and {run.warnings} warnings")
        for problem in problems:
            print(f"over budget: {run.name}: {problem}", file=sys.stderr)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
