"""The `apisix-gpt` console script: exec gunicorn with the strict uvicorn worker and the settings."""

from __future__ import annotations

import os
import sys

from config.settings import Settings, SettingsError

GUNICORN_CONF = "python:config.gunicorn_conf"


def gunicorn_argv(settings: Settings) -> list[str]:
    """The gunicorn command line for `settings` (bind host:port, worker count, strict worker)."""
    return [sys.executable, "-m", "gunicorn", "-c", GUNICORN_CONF,
            "-k", "apisix_gpt.workers.StrictUvicornWorker",
            "-w", str(settings.workers), "-b", f"{settings.bind_host}:{settings.port}",
            "apisix_gpt.asgi:app"]


def main() -> None:
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        sys.exit(f"apisix-gpt: {exc}")
    argv = gunicorn_argv(settings)
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main()
