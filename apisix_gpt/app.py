"""The app factory: Connexion AsyncApp routed from the profile-filtered spec, plus documents and hooks.

Composition (outermost first): the safety layer's middleware (auth, body limit, CORS, rate limit),
`RuntimeMiddleware` (settings + Admin API client for handlers), `AllowHeaderMiddleware`, Connexion's
own stack, then the router holding the spec's operations, the served documents and any extra
surfaces. A surface (e.g. MCP at `/mcp`) is an ASGI app plus an optional lifespan, given to
`create_app(surfaces=[...])` or listed in `default_surfaces()`; it sits behind the same middleware.
"""

from __future__ import annotations

from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any, AsyncIterator, Sequence

from connexion import AsyncApp
from connexion.middleware import ConnexionMiddleware, MiddlewarePosition
from connexion.middleware.lifespan import Lifespan
from connexion.middleware.security import SecurityMiddleware
from connexion.options import SwaggerUIOptions

from apisix_gpt import safety
from apisix_gpt.admin_client import AdminAPIError
from apisix_gpt.allow import AllowHeaderMiddleware
from apisix_gpt.documents import install_documents
from apisix_gpt.errors import (
    RequestRejected,
    admin_error_handler,
    request_rejected_handler,
    unexpected_error_handler,
    unicode_error_handler,
)
from apisix_gpt.jsonbody import PassThroughJsonifier
from apisix_gpt.resolver import make_resolver
from apisix_gpt.runtime import Runtime, RuntimeMiddleware
from apisix_gpt.slashes import TrailingSlashMiddleware
from apisix_gpt.spec import load_spec
from apisix_gpt.surfaces import Surface, SurfaceFactory
from apisix_gpt.validation import VALIDATORS
from config.settings import Settings


DOCS_PATH = "/docs"
# The spec's bearer scheme documents auth for clients; the safety layer's middleware enforces it.
MIDDLEWARES = [m for m in ConnexionMiddleware.default_middlewares if m is not SecurityMiddleware]


def default_surfaces() -> list[SurfaceFactory]:
    """Surfaces served by default: MCP at `/mcp` (imported here, so the app can be built without it)."""
    from apisix_gpt.mcp.surface import McpSurfaceFactory
    return [McpSurfaceFactory()]


def create_app(settings: Settings | None = None, *, spec: dict[str, Any] | None = None,
               surfaces: Sequence[SurfaceFactory] | None = None) -> AsyncApp:
    """Build the ASGI app. `spec` (raw, before the profile filter) defaults to openapi/openapi.yaml."""
    settings = settings or Settings.from_env()
    routed = load_spec(settings, spec)
    runtime = Runtime.from_settings(settings, routed)
    factories = default_surfaces() if surfaces is None else surfaces
    mounted = [factory(settings, routed) for factory in factories]
    app = AsyncApp(__name__, lifespan=_lifespan(runtime, mounted), middlewares=list(MIDDLEWARES),
                   jsonifier=PassThroughJsonifier(),
                   swagger_ui_options=SwaggerUIOptions(swagger_ui_path=DOCS_PATH,
                                                       spec_path="/openapi.json", serve_spec=False))
    # strict_validation off: APISIX ignores unknown query parameters, so apisix-gpt does too (declared
    # ones are still validated, and handlers forward only the parameters they declare).
    app.add_api(routed, base_path="", resolver=make_resolver(routed), strict_validation=False,
                validate_responses=settings.validate_responses, pythonic_params=False,
                validator_map=VALIDATORS)
    install_documents(app, runtime)
    for surface in mounted:
        _mount(app, surface)
    _install_errors(app)
    # Added first, so outermost: auth, MCP and the router all see the path without its trailing slash.
    app.add_middleware(TrailingSlashMiddleware, MiddlewarePosition.BEFORE_EXCEPTION, keep=(DOCS_PATH,))
    safety.install(app, settings, routed)
    app.add_middleware(AllowHeaderMiddleware, MiddlewarePosition.BEFORE_EXCEPTION, spec=routed)
    app.add_middleware(RuntimeMiddleware, MiddlewarePosition.BEFORE_EXCEPTION, runtime=runtime)
    for factory in factories:
        bind = getattr(factory, "bind", None)
        if bind is not None:  # surfaces that call back into the app (MCP tools) get the finished app
            bind(app)
    return app


def _install_errors(app: AsyncApp) -> None:
    app.add_error_handler(AdminAPIError, admin_error_handler)
    app.add_error_handler(UnicodeDecodeError, unicode_error_handler)
    app.add_error_handler(RequestRejected, request_rejected_handler)
    app.add_error_handler(safety.PlaceholderError, request_rejected_handler)
    app.add_error_handler(Exception, unexpected_error_handler)


def _mount(app: AsyncApp, surface: Surface) -> None:
    prefix = surface.prefix.rstrip("/")
    for rule in (prefix, prefix + "/{rest:path}"):
        app.add_url_rule(rule, f"surface{rule}", surface.app)


def _lifespan(runtime: Runtime, surfaces: list[Surface]) -> Lifespan:
    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            stack.push_async_callback(runtime.client.close)
            for surface in surfaces:
                if surface.lifespan is not None:
                    await stack.enter_async_context(surface.lifespan(app))
            yield
    return lifespan
