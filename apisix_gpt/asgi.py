"""The ASGI app gunicorn serves: `gunicorn -k apisix_gpt.workers.StrictUvicornWorker apisix_gpt.asgi:app`."""

from __future__ import annotations

from config.logging import configure_logging
from config.settings import Settings

settings = Settings.from_env()
configure_logging(settings.log_level, secrets=(settings.admin_key,))

from apisix_gpt.app import create_app  # noqa: E402 - logging first, so boot messages are JSON too

app = create_app(settings)
