"""A light proto3 syntax check standing in for grpc-transcode's protoc compile of `protos` content."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|//[^\n]*|/\*.*?\*/|[{}();=]|[^\s{}();="\']+',
                    re.S)
_TOP_LEVEL = frozenset({"syntax", "package", "import", "option", "message", "enum", "service",
                        "extend", "edition"})


@dataclass
class _Block:
    """One `{ ... }` scope; `numbers` collects the field numbers of a message."""

    kind: str
    numbers: set[int] = field(default_factory=set)


def _field_number(statement: list[str]) -> int | None:
    """`[repeated] <type> <name> = <n>` inside a message: the field number, else None."""
    if len(statement) >= 4 and statement[-2] == "=" and statement[-1].isdigit() \
            and statement[0] not in ("option", "reserved", "extensions"):
        return int(statement[-1])
    return None


# lua-protobuf's Lexer:error raises from one line of protoc.lua as installed with APISIX, naming the
# source "filename for loaded" (grpc-transcode's proto.lua) and the 1-based line:column of the token.
_PROTOC = "/usr/local/apisix//deps/share/lua/5.1/protoc.lua:638: filename for loaded"


def _protoc_error(content: str, pos: int, message: str) -> str:
    line = content.count("\n", 0, pos) + 1
    column = pos - (content.rfind("\n", 0, pos) + 1) + 1
    return f"{_PROTOC}:{line}:{column}: {message}"


def check_proto(content: str) -> str | None:
    """None when `content` looks like a compilable .proto file, else a short reason."""
    blocks: list[_Block] = []
    statement: list[str] = []
    for match in _TOKEN.finditer(content):
        tok = match.group(0)
        if tok.startswith("//") or tok.startswith("/*"):
            continue
        line = content.count("\n", 0, match.start()) + 1
        if not blocks and not statement and tok not in _TOP_LEVEL and tok not in (";", "}"):
            return f"<input>:{line}: syntax error near '{tok}'"
        if tok == "{":
            if statement in (["message"], ["enum"], ["service"]):
                return _protoc_error(content, match.start(), f"{statement[0]} name expected")
            blocks.append(_Block(statement[0] if statement else ""))
            statement = []
        elif tok == "}":
            if not blocks:
                return f"<input>:{line}: unexpected '}}'"
            blocks.pop()
            statement = []
        elif tok == ";":
            number = _field_number(statement) if blocks and blocks[-1].kind == "message" else None
            if number is not None and number in blocks[-1].numbers:
                # UNVERIFIED wording: protoc/lua-protobuf reject a reused field number.
                return f"<input>:{line}: field number {number} has already been used"
            if number is not None:
                blocks[-1].numbers.add(number)
            statement = []
        else:
            statement.append(tok)
    if blocks:
        return "<input>: unexpected end of file, missing '}'"
    return None
