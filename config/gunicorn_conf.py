"""gunicorn settings for apisix-gpt (bind, workers and the worker class come from the command line)."""

from __future__ import annotations

import os

graceful_timeout = 10
timeout = 60
keepalive = 5
# gunicorn 27's control socket has one default path per user; several instances would clash on it.
control_socket_disable = True
# Access logs would repeat every URL; request outcomes are logged by the app as JSON.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("APISIX_GPT_LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json",
                            "filters": ["scrub"], "stream": "ext://sys.stderr"}},
    "filters": {"scrub": {"()": "config.logging.ScrubFilter.from_env"}},
    "root": {"handlers": ["stderr"], "level": loglevel.upper()},
    "loggers": {"gunicorn.error": {"handlers": ["stderr"], "level": loglevel.upper(), "propagate": False},
                "gunicorn.access": {"handlers": ["stderr"], "level": "WARNING", "propagate": False}},
}
