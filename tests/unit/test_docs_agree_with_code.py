"""Layout and documents: the sandbox stands alone, and the README, sandbox README, ARCHITECTURE.md and
CI scripts say what the product promises and agree with the code."""

from __future__ import annotations

import ast
import configparser
import json
import re
from pathlib import Path
from typing import Iterator

import pytest

from config.settings import ENV_PREFIX, Settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def section(text: str, heading: str) -> str:
    """The body of the Markdown section `heading` (up to the next heading of the same or higher level)."""
    match = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.M)
    assert match, f"no section {heading!r}"
    level = len(match.group(1))
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[:end.start()] if end else rest


def imported_roots(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def test_sandbox_never_imports_the_server_side() -> None:
    offenders = {(str(path.relative_to(ROOT)), root) for path in (ROOT / "sandbox").rglob("*.py")
                 for root in imported_roots(path) if root in {"apisix_gpt", "handlers", "config", "tests"}}
    assert offenders == set()


def test_sandbox_admin_has_the_moto_layout() -> None:
    for module in ("urls", "responses", "models", "exceptions"):
        assert (ROOT / "sandbox" / "admin" / f"{module}.py").is_file(), module


def test_sandbox_readme_says_what_it_is_and_is_not_and_lists_unverified_choices() -> None:
    text = (ROOT / "sandbox" / "README.md").read_text()
    assert re.search(r"faithful \*\*emulator\*\*.*for development and tests", text)
    assert re.search(r"\*\*not\*\* a production gateway", text)
    unverified = [h for h in re.findall(r"^## (.+)$", text, re.M) if "UNVERIFIED" in h]
    assert unverified
    bullets = sum(len(re.findall(r"^- ", section(text, h), re.M)) for h in unverified)
    assert bullets >= 5, "the UNVERIFIED sections should list the choices made"


class RecordingEnv(dict):
    """An empty environment that records every name looked up."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self.asked.add(key)
        return default


def test_every_setting_read_from_the_environment_is_in_the_readme_table() -> None:
    env = RecordingEnv()
    Settings.from_env(env)
    assert len(env.asked) >= 20 and all(name.startswith(ENV_PREFIX) for name in env.asked)
    table = section(README, "Configuration")
    missing = sorted(name for name in env.asked if f"`{name}`" not in table)
    assert missing == []


def test_readme_has_the_security_model_the_issue_asks_for() -> None:
    security = section(README, "Security model")
    for heading in ("Enforced server-side", "Only hints (not a security boundary)", "Least-privilege deployment"):
        assert re.search(rf"^### {re.escape(heading)}$", security, re.M), heading
    hints = section(security, "Only hints (not a security boundary)")
    assert "isConsequential" in hints and "readOnlyHint" in hints
    least = section(security, "Least-privilege deployment")
    assert "viewer" in least and "TLS" in least


def test_readme_tells_how_to_connect_each_mcp_client() -> None:
    clients = section(README, "Connecting clients")
    for client in ("ChatGPT", "Claude", "Cursor"):
        assert client in clients, client
    assert "OAuth" in clients and "/mcp" in clients


def test_readme_performance_targets_agree_with_the_last_results() -> None:
    results = json.loads((ROOT / "bench" / "results.json").read_text())
    perf = section(README, "Performance")
    targets = section(perf, next(h for h in re.findall(r"^### (.+)$", perf, re.M) if h.startswith("Targets")))
    rows = [line for line in targets.splitlines() if line.startswith("| ") and not line.startswith("| target")]
    statuses = [row.rstrip(" |").rsplit("|", 1)[1].strip() for row in rows]
    assert len(statuses) == len(results["targets"])
    for status, target in zip(statuses, results["targets"]):
        assert ("not met" not in status.lower()) == target["met"], (status, target)
    assert results["machine"]["date"][:16] in perf
    assert "bench/chart.png" in perf and (ROOT / "bench" / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_architecture_describes_every_layer() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text()
    layers = section(text, "Layers")
    for folder in ("openapi", "config", "apisix_gpt", "handlers", "sandbox", "tests", "bench", "scripts", "docker"):
        assert f"**`{folder}/`**" in layers, folder
        assert (ROOT / folder).is_dir(), folder


def test_ci_runs_the_whole_suite_and_entry_points_exist() -> None:
    assert re.search(r"^bash scripts/test\b", (ROOT / ".ci" / "run").read_text(), re.M)
    test_script = (ROOT / "scripts" / "test").read_text()
    command = re.search(r"^exec python -m pytest (.*)$", test_script, re.M)
    assert command and " -m " not in f" {command.group(1)} " and "--deselect" not in command.group(1)
    assert "openapi_spec_validator" in test_script
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    scripts = cfg["options.entry_points"]["console_scripts"]
    assert "apisix-gpt = apisix_gpt.cli:main" in scripts
    assert "testpaths = tests" in (ROOT / "setup.cfg").read_text()


@pytest.mark.parametrize("name", ["run", "test", "bench", "audit"])
def test_scripts_are_executable(name: str) -> None:
    path = ROOT / "scripts" / name
    assert path.stat().st_mode & 0o111, f"scripts/{name} is not executable"


def test_every_compose_service_has_a_healthcheck_and_waits_for_healthy_dependencies() -> None:
    import yaml
    compose = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
    services = compose["services"]
    assert {name for name, svc in services.items() if not svc.get("healthcheck", {}).get("test")} == set()
    for name, svc in services.items():
        depends = svc.get("depends_on", {})
        if isinstance(depends, dict):
            assert all(dep.get("condition") == "service_healthy" for dep in depends.values()), name
        else:
            assert not depends, f"{name}: depends_on should wait for service_healthy"
