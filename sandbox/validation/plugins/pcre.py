"""`re_match_compile` stand-in: PCRE's wording for the regex errors Python's `re` also detects."""

from __future__ import annotations

import re

# Python `re` message prefix -> PCRE (8.x) compile error text; the rest fall back to Python's.
_PCRE_WORDS: tuple[tuple[str, str], ...] = (
    ("missing ), unterminated subpattern", "missing )"),
    ("unbalanced parenthesis", "unmatched parentheses"),
    ("unterminated character set", "missing terminating ] for character class"),
    ("nothing to repeat", "nothing to repeat"),
    ("multiple repeat", "nothing to repeat"),
)


def compile_error(pattern: str) -> str | None:
    """None when `pattern` compiles, else `pcre_compile() failed: <why> in "<pattern>"`."""
    try:
        re.compile(pattern)
    except re.error as exc:
        why = next((pcre for py, pcre in _PCRE_WORDS if exc.msg.startswith(py)), exc.msg)
        return f'pcre_compile() failed: {why} in "{pattern}"'
    return None
