"""The operationId resolver: snake_case names, boot-time failure on a missing handler, adding an endpoint."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from connexion.exceptions import ResolverError

from apisix_gpt.app import create_app
from apisix_gpt.replies import JSON_HEADERS
from apisix_gpt.resolver import HandlerNotFound, find_handler, operation_tags, snake_case
from config.settings import Settings
from tests.helpers.procs import PYTHON, free_port, start
from tests.unit.mini_spec import PROBLEM, RID, mini_spec


def settings(tmp_path: Path) -> Settings:
    return Settings(insecure_no_auth=True, profile="full", audit_log=tmp_path / "audit.jsonl",
                    admin_url="http://127.0.0.1:9")


@pytest.mark.parametrize("op_id, name", [("listRoutes", "list_routes"), ("getSSLCert", "get_ssl_cert"),
                                         ("patchRouteAttribute", "patch_route_attribute"),
                                         ("validateSchema", "validate_schema")])
def test_snake_case(op_id: str, name: str) -> None:
    assert snake_case(op_id) == name


def test_operation_tags_maps_every_operation_to_its_first_tag() -> None:
    tags = operation_tags(mini_spec())
    assert tags["putRoute"] == "routes" and tags["listPlugins"] == "plugins"


def test_find_handler_names_the_missing_function() -> None:
    with pytest.raises(HandlerNotFound, match=r"handlers.routes has no function get_nothing\(\)"):
        find_handler("getNothing", "routes")
    with pytest.raises(HandlerNotFound, match="no module handlers.nowhere"):
        find_handler("getNothing", "nowhere")


def test_missing_handler_fails_the_boot(tmp_path: Path) -> None:
    spec = mini_spec()
    spec["paths"]["/apisix/admin/routes"]["get"]["operationId"] = "listRoutez"
    app = create_app(settings(tmp_path), spec=spec)
    with pytest.raises(ResolverError, match="list_routez"):
        with app.test_client():
            pass


def _add_summary_operation(spec: dict) -> dict:
    op = {"operationId": "getRouteSummary", "tags": ["extras"], "parameters": [RID],
          "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
              "type": "object", "required": ["route"], "properties": {"route": {"type": "string"}}}}}},
              "default": PROBLEM}}
    spec["paths"]["/apisix/admin/summaries/{route_id}"] = {"get": op}
    return spec


def test_adding_an_endpoint_is_a_spec_edit_plus_a_handler(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("handlers.extras")

    async def get_route_summary(route_id: str) -> tuple[dict, int, dict]:
        return {"route": route_id}, 200, dict(JSON_HEADERS)
    module.get_route_summary = get_route_summary  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "handlers.extras", module)
    app = create_app(settings(tmp_path), spec=_add_summary_operation(mini_spec()))
    with app.test_client() as client:
        answer = client.get("/apisix/admin/summaries/r-1")
    assert answer.status_code == 200 and answer.json() == {"route": "r-1"}


BAD_APP = """
from pathlib import Path
from apisix_gpt.app import create_app
from config.settings import Settings
from tests.unit.mini_spec import mini_spec
spec = mini_spec()
spec["paths"]["/apisix/admin/routes"]["get"]["operationId"] = "listRoutez"
app = create_app(Settings(insecure_no_auth=True, profile="full", audit_log=Path({audit!r})), spec=spec)
"""


def test_gunicorn_with_strict_worker_exits_on_a_missing_handler(tmp_path: Path) -> None:
    (tmp_path / "bad_app.py").write_text(BAD_APP.format(audit=str(tmp_path / "audit.jsonl")))
    root = Path(__file__).resolve().parents[2]
    args = [PYTHON, "-m", "gunicorn", "--no-control-socket", "-k", "apisix_gpt.workers.StrictUvicornWorker", "-w", "1",
            "-b", f"127.0.0.1:{free_port()}", "--pythonpath", f"{tmp_path},{root}", "bad_app:app"]
    proc = start(args, tmp_path / "gunicorn.log")
    try:
        code = proc.popen.wait(timeout=60)
    finally:
        proc.stop()
    assert code != 0
    assert "list_routez" in proc.log()
