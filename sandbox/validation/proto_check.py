"""A light proto3 syntax check standing in for grpc-transcode's protoc compile of `protos` content."""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|//[^\n]*|/\*.*?\*/|[{}();=]|[^\s{}();="\']+',
                    re.S)
_TOP_LEVEL = frozenset({"syntax", "package", "import", "option", "message", "enum", "service",
                        "extend", "edition"})


def check_proto(content: str) -> str | None:
    """None when `content` looks like a compilable .proto file, else a short reason."""
    depth, line_start = 0, True
    for match in _TOKEN.finditer(content):
        tok = match.group(0)
        if tok.startswith("//") or tok.startswith("/*"):
            continue
        line = content.count("\n", 0, match.start()) + 1
        if depth == 0 and line_start and tok not in _TOP_LEVEL and tok not in (";", "}"):
            return f"<input>:{line}: syntax error near '{tok}'"
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth < 0:
                return f"<input>:{line}: unexpected '}}'"
        line_start = tok in ("{", "}", ";")
    if depth != 0:
        return "<input>: unexpected end of file, missing '}'"
    return None
