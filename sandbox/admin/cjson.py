"""JSON decode/encode with lua-cjson's behaviour: its parse error texts, integral numbers as integers."""

from __future__ import annotations

import json
import re
from typing import Any

_NUMBER = re.compile(r"-?\d+(\.\d*)?([eE][+-]?\d+)?")
_STRING_END = re.compile(r'"')
_PUNCT = {"{": "T_OBJ_BEGIN", "}": "T_OBJ_END", "[": "T_ARR_BEGIN", "]": "T_ARR_END",
          ":": "T_COLON", ",": "T_COMMA"}
_LITERALS = {"true": True, "false": False, "null": None}
_ESCAPES = set('"\\/bfnrtu')


class CJSONError(ValueError):
    """A parse failure whose message is exactly lua-cjson's."""


class _Token:
    def __init__(self, kind: str, index: int, value: Any = None, error: str = "") -> None:
        self.kind, self.index, self.value, self.error = kind, index, value, error

    @property
    def found(self) -> str:
        return self.error if self.kind == "T_ERROR" else self.kind


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0

    def next(self) -> _Token:
        text = self.text
        while self.pos < len(text) and text[self.pos] in " \t\r\n":
            self.pos += 1
        start = self.pos
        if start >= len(text):
            return _Token("T_END", start)
        ch = text[start]
        if ch in _PUNCT:
            self.pos += 1
            return _Token(_PUNCT[ch], start)
        if ch == '"':
            return self._string(start)
        if ch == "-" or ch.isdigit():
            return self._number(start)
        for word, value in _LITERALS.items():
            if text.startswith(word, start):
                self.pos += len(word)
                return _Token("T_NULL" if value is None else "T_BOOLEAN", start, value)
        return _Token("T_ERROR", start, error="invalid token")

    def _string(self, start: int) -> _Token:
        text, i, out = self.text, start + 1, []
        while True:
            if i >= len(text):
                return _Token("T_ERROR", start, error="unexpected end of string")
            ch = text[i]
            if ch == '"':
                break
            if ch == "\\":
                nxt = text[i + 1] if i + 1 < len(text) else ""
                if nxt not in _ESCAPES:
                    return _Token("T_ERROR", start, error="invalid escape code")
                if nxt == "u":
                    if not re.fullmatch(r"[0-9a-fA-F]{4}", text[i + 2:i + 6]):
                        return _Token("T_ERROR", start, error="invalid unicode escape code")
                    out.append(text[i:i + 6])
                    i += 6
                    continue
                out.append(text[i:i + 2])
                i += 2
                continue
            out.append(json.dumps(ch)[1:-1] if ch < " " else ch)
            i += 1
        self.pos = i + 1
        return _Token("T_STRING", start, json.loads('"' + "".join(out) + '"'))

    def _number(self, start: int) -> _Token:
        match = _NUMBER.match(self.text, start)
        if not match:
            return _Token("T_ERROR", start, error="invalid number")
        self.pos = match.end()
        raw = match.group(0)
        if match.group(1) is None and match.group(2) is None:
            return _Token("T_NUMBER", start, int(raw))
        number = float(raw)
        return _Token("T_NUMBER", start, int(number) if number.is_integer() and abs(number) < 2**53 else number)


class _Parser:
    def __init__(self, text: str) -> None:
        self.lexer = _Lexer(text)

    def fail(self, expected: str, token: _Token) -> CJSONError:
        return CJSONError(f"Expected {expected} but found {token.found} at character {token.index + 1}")

    def value(self, token: _Token) -> Any:
        if token.kind == "T_OBJ_BEGIN":
            return self.obj()
        if token.kind == "T_ARR_BEGIN":
            return self.arr()
        if token.kind in ("T_STRING", "T_NUMBER", "T_BOOLEAN", "T_NULL"):
            return token.value
        raise self.fail("value", token)

    def obj(self) -> dict:
        out: dict = {}
        token = self.lexer.next()
        if token.kind == "T_OBJ_END":
            return out
        while True:
            if token.kind != "T_STRING":
                raise self.fail("object key string", token)
            colon = self.lexer.next()
            if colon.kind != "T_COLON":
                raise self.fail("colon", colon)
            out[token.value] = self.value(self.lexer.next())
            token = self.lexer.next()
            if token.kind == "T_OBJ_END":
                return out
            if token.kind != "T_COMMA":
                raise self.fail("comma or object end", token)
            token = self.lexer.next()

    def arr(self) -> list:
        out: list = []
        token = self.lexer.next()
        if token.kind == "T_ARR_END":
            return out
        while True:
            out.append(self.value(token))
            token = self.lexer.next()
            if token.kind == "T_ARR_END":
                return out
            if token.kind != "T_COMMA":
                raise self.fail("comma or array end", token)
            token = self.lexer.next()


def decode(text: str) -> Any:
    """Parse `text` as lua-cjson would; raise CJSONError with cjson's message."""
    parser = _Parser(text)
    value = parser.value(parser.lexer.next())
    end = parser.lexer.next()
    if end.kind != "T_END":
        raise parser.fail("the end", end)
    return value


def encode(value: Any) -> str:
    """Compact JSON with non-ASCII kept raw; APISIX turns off cjson's `\\/` escaping."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
