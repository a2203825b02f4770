"""Parse an Admin API request, run APISIX's checks in its order, call the models, shape the answer."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from sandbox.admin import cjson, meta
from sandbox.admin.exceptions import AdminError, bad_request, early, unauthorized
from sandbox.admin.listing import lua_tonumber
from sandbox.admin.models import MISSING, AdminBackend, Target
from sandbox.admin.resources import RESOURCES
from sandbox.admin.hazards import AdminCall, HazardLog, hazard_answer
from sandbox.settings import SandboxSettings

log = logging.getLogger("sandbox.admin")
MAX_REQ_BODY = 1572864  # 1.5 MiB, apisix/admin/init.lua
ADMIN_METHODS = ("GET", "PUT", "POST", "DELETE", "PATCH")
META_METHODS = {"plugins": ("GET",), "schema": ("GET", "POST")}
NGINX_404 = ("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
             "<center><h1>404 Not Found</h1></center>\r\n<hr><center>openresty</center>\r\n"
             "</body>\r\n</html>\r\n")


CORS_METHODS = "POST, GET, PUT, OPTIONS, DELETE, PATCH"


def base_headers(settings: SandboxSettings) -> dict[str, str]:
    """apisix/init.lua http_admin: Server, cors_admin's non-preflight headers, add_content_type."""
    return {
        "Server": f"APISIX/{settings.version}",
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Expose-Headers": "*",
        "Access-Control-Max-Age": "3600",
        "Content-Type": "application/json",
    }


def preflight(settings: SandboxSettings) -> web.Response:
    """cors_admin on OPTIONS: exits 200 before add_content_type, so the type is text/plain."""
    headers = {"Server": f"APISIX/{settings.version}", "Access-Control-Allow-Origin": "*",
               "Access-Control-Allow-Methods": CORS_METHODS, "Access-Control-Max-Age": "3600",
               "Access-Control-Allow-Headers": "*", "Access-Control-Allow-Credentials": "true",
               "Content-Type": "text/plain"}
    return web.Response(status=200, body=b"", headers=headers)


def render(settings: SandboxSettings, status: int, body: Any, versioned: bool) -> web.Response:
    """core.response.exit: tables as JSON plus a newline, strings as they are, nil as nothing."""
    headers = base_headers(settings)
    if versioned:
        headers["X-API-VERSION"] = "v3"
    if body is None:
        text = ""
    elif isinstance(body, str):
        text = body
    else:
        text = cjson.encode(body) + "\n"
    return web.Response(status=status, body=text.encode(), headers=headers)


def nginx_404(settings: SandboxSettings) -> web.Response:
    return web.Response(status=404, body=NGINX_404.encode(),
                        headers={"Server": f"APISIX/{settings.version}", "Content-Type": "text/html"})


def request_token(request: web.Request) -> str | None:
    """arg_api_key, then the X-API-KEY header, then the x_api_key cookie (APISIX's order)."""
    return (request.query.get("api_key") or request.headers.get("X-API-KEY")
            or request.cookies.get("x_api_key"))


def check_token(request: web.Request, settings: SandboxSettings) -> None:
    """apisix/admin/init.lua check_token: admin may do all, viewer GET only."""
    keys = {k: role for k, role in ((settings.admin_key, "admin"), (settings.viewer_key, "viewer")) if k}
    if not settings.admin_key_required or not keys:
        return
    token = request_token(request)
    if not token:
        raise unauthorized("missing apikey")
    if token not in keys:
        raise unauthorized("wrong apikey")
    if keys[token] == "viewer" and request.method != "GET":
        raise unauthorized("invalid method for role viewer")


def query_args(request: web.Request) -> dict[str, str]:
    return {key: request.query.getone(key) for key in request.query.keys()}


async def read_body(request: web.Request) -> Any:
    """Body read and JSON parse errors, as init.lua reports them."""
    size = request.content_length
    if size is not None and size > MAX_REQ_BODY:
        raise early(400, {"error_msg": f"invalid request body: request size {size} is greater "
                                       f"than the maximum size {MAX_REQ_BODY} allowed"})
    raw = await request.read()
    if len(raw) > MAX_REQ_BODY:
        raise early(400, {"error_msg": f"invalid request body: request size {len(raw)} is greater "
                                       f"than the maximum size {MAX_REQ_BODY} allowed"})
    if not raw:
        return MISSING
    text = raw.decode("utf-8", errors="replace")
    try:
        return cjson.decode(text)
    except cjson.CJSONError as err:
        raise early(400, {"error_msg": f"invalid request body: {err}", "req_body": text}) from None


class AdminResponses:
    """The `/apisix/admin/*` dispatcher (apisix/admin/init.lua `run`)."""

    def __init__(self, backend: AdminBackend, settings: SandboxSettings,
                 hazards: HazardLog | None = None) -> None:
        self.backend = backend
        self.settings = settings
        self.hazards = hazards or HazardLog()

    async def handle(self, request: web.Request) -> web.Response:
        if request.method == "OPTIONS":
            return preflight(self.settings)
        if request.method == "HEAD" and request.path == "/apisix/admin":  # radixtree exact path
            return render(self.settings, 200, None, versioned=False)
        if request.method not in ADMIN_METHODS or not request.path.startswith("/apisix/admin/"):
            return nginx_404(self.settings)
        try:
            status, body = await self._run(request)
        except AdminError as err:
            return render(self.settings, err.status, err.body, err.versioned)
        except Exception as err:  # a sandbox bug: answer JSON, never a traceback page
            log.exception("admin request failed: %s %s", request.method, request.path)
            return render(self.settings, 500, {"error_msg": f"sandbox internal error: {err}"}, False)
        versioned = not request.path.startswith(("/apisix/admin/plugins/list",
                                                 "/apisix/admin/plugins/reload"))
        return render(self.settings, status, body, versioned)

    async def _run(self, request: web.Request) -> tuple[int, Any]:
        check_token(request, self.settings)
        segs = request.path.split("/")[3:]  # after "", "apisix", "admin"
        if segs[:2] == ["plugins", "list"] and request.method == "GET":
            return meta.plugins_list(query_args(request))
        if segs[:2] == ["plugins", "reload"]:
            return meta.reload_plugins(request.method)
        res, seg_id, sub_path = self._split(segs)
        self._check_resource(res, request.method)
        body = await read_body(request)
        args = query_args(request)
        if request.headers.get("X-Force-Delete") == "true":  # newer t/admin/*-force-delete.t use the header
            args["force"] = "true"
        if "ttl" in args and lua_tonumber(args["ttl"]) is None:
            raise early(400, {"error_msg": "invalid argument ttl: should be a number"})
        call = AdminCall(request.method, res, seg_id, sub_path, args, None if body is MISSING else body)
        hazard = self.hazards.check(call, request.path)
        if hazard is not None:
            log.warning("hazard %s: %s %s", hazard.id, request.method, request.path_qs)
            raise AdminError(500, hazard_answer(hazard))
        return self._call(request.method, res, seg_id, sub_path, body, args)

    @staticmethod
    def _split(segs: list[str]) -> tuple[str, str | None, str]:
        res = segs[0] if segs else ""
        seg_id = segs[1] if len(segs) > 1 and segs[1] != "" else None
        rest = segs[2:]
        if res == "schema" and seg_id == "plugins":
            res, seg_id, rest = "plugins", (segs[2] if len(segs) > 2 and segs[2] else None), segs[3:]
        return res, seg_id, "/".join(rest)

    def _check_resource(self, res: str, method: str) -> None:
        if res not in RESOURCES and res not in META_METHODS:
            raise early(404, {"error_msg": f"Unsupported resource type: {res}"})
        if res == "stream_routes" and not self.settings.stream_mode:
            raise early(400, {"error_msg": "stream mode is disabled, can not add stream routes"})
        if res in META_METHODS and method not in META_METHODS[res]:
            raise early(404, {"error_msg": "not found"})

    def _call(self, method: str, res: str, seg_id: str | None, sub_path: str,
              body: Any, args: dict[str, str]) -> tuple[int, Any]:
        if res == "plugins":
            return meta.plugin_get(seg_id, args)
        if res == "schema":
            if method == "POST":
                return meta.schema_validate(seg_id, sub_path.split("/")[0], body)
            return meta.schema_get(seg_id)
        target = self._target(res, seg_id, sub_path)
        backend = self.backend
        if method == "GET":
            return backend.get(target, args)
        if method == "DELETE":
            return backend.delete(target, args)
        handler = {"PUT": backend.put, "POST": backend.post, "PATCH": backend.patch}[method]
        return handler(target, body, args)

    def _target(self, res: str, seg_id: str | None, sub_path: str) -> Target:
        parts = [p for p in sub_path.split("/")] if sub_path else []
        if res == "consumers" and parts and parts[0] == "credentials":
            if seg_id is None:
                raise bad_request("missing consumer name")
            cred_id = parts[1] if len(parts) > 1 and parts[1] else None
            return Target(RESOURCES["credentials"], f"consumers/{seg_id}/credentials", cred_id,
                          "/".join(parts[2:]), consumer=seg_id)
        if res == "secrets":
            sid = parts[0] if parts and parts[0] else None
            directory = f"secrets/{seg_id}" if seg_id and sid else "secrets"
            return Target(RESOURCES[res], directory, sid, "/".join(parts[1:]), sub_type=seg_id)
        return Target(RESOURCES[res], res, seg_id, sub_path)
