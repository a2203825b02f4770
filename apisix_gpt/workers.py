"""gunicorn worker that runs the ASGI lifespan strictly, so a broken spec or handler stops the boot."""

from __future__ import annotations

from typing import Any

from uvicorn_worker import UvicornWorker


class StrictUvicornWorker(UvicornWorker):
    """`UvicornWorker` with `lifespan="on"`: a startup failure (e.g. ResolverError) exits the worker."""

    CONFIG_KWARGS: dict[str, Any] = {**UvicornWorker.CONFIG_KWARGS, "lifespan": "on"}
