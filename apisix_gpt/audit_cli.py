"""`apisix-gpt-audit`: list recent audited changes and undo one of them."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from apisix_gpt.safety.audit import AuditTrail
from apisix_gpt.safety.undo import UndoError, undo_change
from config.settings import Settings, SettingsError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="apisix-gpt-audit",
                                     description="Show and undo the writes apisix-gpt made to APISIX "
                                                 "(reads APISIX_GPT_AUDIT_LOG, APISIX_GPT_ADMIN_URL, "
                                                 "APISIX_GPT_ADMIN_KEY).")
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="recent changes, newest first")
    listing.add_argument("-n", "--limit", type=int, default=20, help="how many (default 20)")
    listing.add_argument("-r", "--resource", help="only this resource, e.g. routes or routes/1")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    undo = sub.add_parser("undo", help="restore the resource to its value before a change")
    undo.add_argument("change_id")
    return parser


def format_change(entry: dict) -> str:
    status = entry.get("status")
    outcome = str(status) if status is not None else "no answer"
    if entry.get("error"):
        outcome += f" ({entry['error']})"
    return (f"{entry.get('id')}  {entry.get('time')}  {entry.get('principal') or '-'}  "
            f"{entry.get('operation_id')}  {entry.get('method')} {entry.get('path')}  -> {outcome}")


def run(argv: Sequence[str] | None, settings: Settings) -> int:
    args = build_parser().parse_args(argv)
    trail = AuditTrail.from_settings(settings)
    if args.command == "list":
        if args.limit < 1:
            print("error: --limit must be at least 1", file=sys.stderr)
            return 2
        for entry in trail.recent(args.limit, args.resource):
            print(json.dumps(entry) if args.json else format_change(entry))
        return 0
    try:
        result = undo_change(args.change_id, settings, trail)
    except UndoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"undid {args.change_id}: {result.method} {result.resource} -> {result.status} "
          f"(recorded as {result.change_id})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return run(argv, settings)


if __name__ == "__main__":
    sys.exit(main())
