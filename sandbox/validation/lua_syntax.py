"""A light LuaJIT `loadstring` stand-in: finds unbalanced blocks and words them like LuaJIT's parser."""

from __future__ import annotations

import re

LUA_IDSIZE = 60
_TOKEN = re.compile(r"""--\[(=*)\[.*?\]\1\]|--[^\n]*|\[(=*)\[.*?\]\2\]|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'"""
                    r"|[A-Za-z_][A-Za-z0-9_]*|\n|.", re.S)
_OPENERS = {"function": "end", "do": "end", "if": "end", "repeat": "until"}


def chunk_name(source: str) -> str:
    """LuaJIT's `lj_debug_shortname` for a string chunk: `[string "first line..."]`."""
    length = 0
    while length < LUA_IDSIZE - 12 and length < len(source) and source[length] >= " ":
        length += 1
    if length < len(source):
        return f'[string "{source[:min(length, LUA_IDSIZE - 15)]}..."]'
    return f'[string "{source}"]'


def _blocks(source: str) -> tuple[list[tuple[str, int]], tuple[str, int] | None, int]:
    """Walk the tokens; return (still-open blocks, first stray closer, last line)."""
    stack: list[tuple[str, int]] = []
    line = 1
    for match in _TOKEN.finditer(source):
        word = match.group(0)
        if word in _OPENERS:
            stack.append((word, line))
        elif word in ("end", "until"):
            if not stack or _OPENERS[stack[-1][0]] != word:
                return stack, (word, line), line
            stack.pop()
        line += word.count("\n")
    return stack, None, line


def load_error(source: str) -> str | None:
    """The error `loadstring(source)` would give for unbalanced blocks, else None (UNVERIFIED beyond that)."""
    stack, stray, line = _blocks(source)
    prefix = f"{chunk_name(source)}:{line}: "
    if stray is not None:
        return prefix + f"'<eof>' expected near '{stray[0]}'"
    if not stack:
        return None
    opener, at = stack[-1]
    closer = _OPENERS[opener]
    if at == line:
        return prefix + f"'{closer}' expected near '<eof>'"
    return prefix + f"'{closer}' expected (to close '{opener}' at line {at}) near '<eof>'"
