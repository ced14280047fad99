"""The "did you mean" hint findings about a misspelt name end with."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """``"; did you mean X?"`` for the closest of ``choices``, or ``""`` when none is close."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=cutoff)
    return f"; did you mean {match[0]}?" if match else ""
