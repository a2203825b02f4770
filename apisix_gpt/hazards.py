"""Inputs apisix-gpt refuses because a real APISIX would suffer from them (README: "Known APISIX hazards").

Most bounds live in the spec, where every surface sees them (page's maximum, ttl's range). What JSON
Schema cannot say portably is here: APISIX runs the `name` and `uri` list filters as PCRE regexes
(`ngx.re.find`) against every stored item, inside the nginx worker that also serves traffic. A repeated
group that itself repeats, like `(a+)+$`, or a backreference can backtrack up to PCRE's match limit on
each item, so one list call can stall the gateway for seconds to minutes.
"""

from __future__ import annotations

from apisix_gpt.errors import RequestRejected

REPEATS = "*+{"


def risky_regex(pattern: str) -> str | None:
    """Why `pattern` can backtrack catastrophically, or None. Escapes and classes are skipped."""
    groups: list[bool] = []  # per open group: does it contain a repetition?
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            if i + 1 < n and pattern[i + 1] in "123456789":
                return "it uses a backreference"
            i += 2
            continue
        if char == "[":
            i = _class_end(pattern, i)
            continue
        if char == "(":
            groups.append(False)
        elif char == ")" and groups:
            inner_repeats = groups.pop()
            if inner_repeats and i + 1 < n and pattern[i + 1] in REPEATS:
                return "it repeats a group that itself repeats (like (a+)+)"
            if groups and inner_repeats:
                groups[-1] = True
        elif char in REPEATS and groups:
            groups[-1] = True
        i += 1
    return None


def _class_end(pattern: str, start: int) -> int:
    """Index just past the character class opening at `start` (']' first in a class is literal)."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def check_list_filters(**patterns: str | None) -> None:
    """Refuse a `name`/`uri` filter regex that could stall APISIX, saying how to fix it."""
    for field, pattern in patterns.items():
        reason = risky_regex(pattern) if pattern else None
        if reason:
            raise RequestRejected(
                f"query.{field}: the regular expression {pattern!r} is refused because {reason}; APISIX "
                "runs it against every stored item inside the gateway's worker, where it can backtrack for "
                "seconds per item. Use a simpler pattern, e.g. a plain substring or ^prefix.")
