"""docker/ cannot run here (no engine), so check that compose, APISIX's config and apisix-gpt's settings agree."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from config.settings import ENV_PREFIX, Settings

DOCKER = Path(__file__).resolve().parents[2] / "docker"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DOCKER / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def apisix_conf() -> dict:
    return yaml.safe_load((DOCKER / "apisix_config.yaml").read_text())


def container_ports(service: dict) -> set[int]:
    return {int(str(p).rsplit(":", 1)[-1]) for p in service.get("ports", [])}


def compose_var(value: str) -> str:
    match = re.fullmatch(r"\$\{(\w+)(?::[?-].*)?\}", value)
    assert match, f"expected a ${{VAR}} reference, got {value!r}"
    return match.group(1)


def test_images_are_pinned_to_target_versions(compose: dict) -> None:
    assert re.fullmatch(r"apache/apisix:3\.18\.\d+-debian", compose["services"]["apisix"]["image"])
    assert ":v3.5." in compose["services"]["etcd"]["image"]


def test_admin_url_points_at_apisix_admin_listener(compose: dict, apisix_conf: dict) -> None:
    env = compose["services"]["apisix-gpt"]["environment"]
    url = urlparse(env["APISIX_GPT_ADMIN_URL"])
    admin_port = apisix_conf["deployment"]["admin"]["admin_listen"]["port"]
    assert url.hostname == "apisix" and url.port == admin_port
    assert admin_port in container_ports(compose["services"]["apisix"])
    assert apisix_conf["apisix"]["node_listen"] in container_ports(compose["services"]["apisix"])


def test_both_sides_use_the_same_admin_key(compose: dict, apisix_conf: dict) -> None:
    gpt_var = compose_var(compose["services"]["apisix-gpt"]["environment"]["APISIX_GPT_ADMIN_KEY"])
    keys = {k["role"]: k["key"] for k in apisix_conf["deployment"]["admin"]["admin_key"]}
    assert keys["admin"] == "${{" + gpt_var + "}}"
    assert gpt_var in compose["services"]["apisix"]["environment"]
    assert apisix_conf["deployment"]["admin"]["admin_key_required"] is True


def test_allow_admin_covers_the_compose_network(compose: dict, apisix_conf: dict) -> None:
    subnet = ipaddress.ip_network(compose["networks"]["apisix"]["ipam"]["config"][0]["subnet"])
    allowed = [ipaddress.ip_network(n) for n in apisix_conf["deployment"]["admin"]["allow_admin"]]
    assert any(subnet.subnet_of(n) for n in allowed)


def test_etcd_address_matches_the_etcd_service(compose: dict, apisix_conf: dict) -> None:
    hosts = [urlparse(h) for h in apisix_conf["deployment"]["etcd"]["host"]]
    advertised = next(a for a in compose["services"]["etcd"]["command"] if "advertise-client-urls" in a)
    adv = urlparse(advertised.split("=", 1)[1])
    assert (hosts[0].hostname, hosts[0].port) == ("etcd", adv.port) and adv.hostname == "etcd"


def test_apisix_gpt_env_names_are_real_settings(compose: dict) -> None:
    env = compose["services"]["apisix-gpt"]["environment"]
    known = (Path(__file__).resolve().parents[2] / "config" / "settings.py").read_text()
    cli = Path(__file__).resolve().parents[2] / "apisix_gpt" / "cli.py"
    known += cli.read_text() if cli.exists() else ""
    for name in env:
        assert name.startswith(ENV_PREFIX)
        assert f'"{name[len(ENV_PREFIX):]}"' in known or f'"{name}"' in known, f"{name} is not read by apisix-gpt"
    concrete = {k: v for k, v in env.items() if "${" not in str(v)}
    settings = Settings.from_env({k: str(v) for k, v in concrete.items()})
    assert settings.admin_url == env["APISIX_GPT_ADMIN_URL"]
    assert settings.bind_host == "0.0.0.0"


def test_apisix_gpt_port_is_published_and_exposed(compose: dict) -> None:
    service = compose["services"]["apisix-gpt"]
    port = int(service["environment"]["APISIX_GPT_PORT"])
    assert port in container_ports(service)
    assert f"EXPOSE {port}" in (DOCKER / "Dockerfile").read_text()
    assert f":{port}/readyz" in " ".join(service["healthcheck"]["test"])


def test_image_runs_as_non_root() -> None:
    text = (DOCKER / "Dockerfile").read_text()
    assert re.search(r"^USER (?!root)\w+", text, re.M)
    assert "FROM python:3.11-slim" in text
