"""`python -m apisix_gpt.mcp --stdio`: the MCP tools over stdio, calling an in-process apisix-gpt app."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from apisix_gpt.mcp.server import build_mcp
from config.settings import Settings, SettingsError

TOKEN_ENV = "APISIX_GPT_MCP_TOKEN"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m apisix_gpt.mcp",
                                     description="Serve apisix-gpt's MCP tools over stdio. Tool calls go "
                                                 "through an in-process apisix-gpt app (same auth, "
                                                 f"validation, redaction and audit), with ${TOKEN_ENV} "
                                                 "as the caller's bearer token.")
    parser.add_argument("--stdio", action="store_true", required=True, help="serve over stdin/stdout")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    parse_args(argv)
    # stdout carries the protocol: every log line goes to stderr.
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    from apisix_gpt.app import create_app
    from apisix_gpt.spec import load_spec

    try:
        settings = Settings.from_env()
        app = create_app(settings, surfaces=[])
        server = build_mcp(load_spec(settings), settings, app, stdio_token=os.environ.get(TOKEN_ENV) or None)
    except (SettingsError, ValueError, RuntimeError) as exc:
        print(f"apisix-gpt mcp: {exc}", file=sys.stderr)
        return 2
    server.run(transport="stdio", show_banner=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
