"""Chinese text cut into lines for charts (layout only: the characters stay as the report wrote them, in order).

A line holds ``width`` full-width characters; Latin letters, digits and half-width signs count as about
half a character and are never split (2004, 0.6%, ID stay whole). A closing mark (，。、；：”）% …) never
starts a line and an opening mark (“（) never ends one, as Chinese typesetting expects.
"""
from __future__ import annotations

import re

_TOKEN = re.compile(r"[A-Za-z0-9.%+\-/&]+|\s+|.", re.S)
NO_START = set("，。、；：！？）》」』”’%…·")  # i18n: key
NO_END = set("（《「『“‘")  # i18n: key
HALF = 0.55  # width of a Latin letter, a digit or a half-width sign, in full-width characters


def _width(token: str) -> float:
    return sum(HALF if ord(c) < 0x2E80 and c not in "“”‘’…·" else 1.0 for c in token)


def lines(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` full-width characters (a longer Latin run gets a line of its own)."""
    if width < 2:
        raise ValueError(f"width must be at least 2 characters, got {width}")
    out: list[str] = []
    line: list[str] = []
    used = 0.0
    for token in _TOKEN.findall(text):
        size = _width(token)
        if line and used + size > width:
            keep = len(line)
            if token in NO_START:
                keep -= 1  # the closing mark goes down with the token before it
            while keep > 1 and line[keep - 1] in NO_END:
                keep -= 1  # opening marks go down with what they open
            keep = max(keep, 1)
            carry = line[keep:]
            line = line[:keep]
            out.append("".join(line))
            line, used = carry, sum(_width(t) for t in carry)
            if not line and token.isspace():
                continue
        line.append(token)
        used += size
    if line:
        out.append("".join(line))
    return [part.strip() for part in out if part.strip()] or [""]
