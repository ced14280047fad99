"""Which rules run: ``--select`` / ``--ignore`` by id or prefix, longest prefix wins.

The decision follows flake8's ``DecisionEngine``: the longest ``select`` entry matching an id is
compared with the longest ``ignore`` entry matching it; the longer (more specific) one decides,
and on a tie ``ignore`` wins. ``LL`` selects everything, ``LL1`` all limits, ``LL101`` one rule.

A rule whose catalog entry says ``enabled_by_default: false`` (an opinion, such as least
privilege, rather than a problem) is opt-in, as flake8's ``off_by_default`` plugins and ruff's
opt-in rules are: the bare ``LL`` (the default ``select``) never turns it on; a ``select`` or
``extend-select`` entry more specific than ``LL`` that matches it (its theme ``LL2``, or its id)
does, subject to ``ignore`` as usual.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import Enum
from functools import lru_cache

# An id or a prefix of one: "LL", "LL1", "LL10", "LL101".
CODE_PATTERN = re.compile(r"^LL[0-9]{0,3}$")
# The selector that means "every rule": it never turns an opt-in rule on.
EVERYTHING = "LL"


class Decision(Enum):
    SELECTED = "selected"
    IGNORED = "ignored"


def normalize_code(code: str) -> str:
    """Upper-cased, stripped code; raises ValueError with a pointed message when malformed."""
    text = code.strip().upper()
    if not CODE_PATTERN.match(text):
        raise ValueError(f"{code!r} is not a rule id or prefix (expected LL, LL1, LL10 or LL101)")
    return text


def known_code(code: str, rule_ids: Iterable[str] | None = None) -> str:
    """``normalize_code(code)``, also refusing a well-formed id or prefix that matches no rule
    (``LL9``, ``LL199``): selecting or ignoring nothing is a typo the user must hear about.
    ``rule_ids`` defaults to every rule in the catalog and every registered check."""
    text = normalize_code(code)
    if rule_ids is None:
        from lambdalint.catalog import rule_ids as catalog_ids
        from lambdalint.engine.registry import REGISTRY

        rule_ids = (*catalog_ids(), *REGISTRY)
    if not any(rid.startswith(text) for rid in rule_ids):
        raise ValueError(f"{code.strip()!r} matches no rule (`lambdalint rules` lists them)")
    return text


def _longest(codes: tuple[str, ...], rule_id: str) -> int:
    """Length of the longest code that is a prefix of ``rule_id``; -1 if none matches."""
    return max((len(c) for c in codes if rule_id.startswith(c)), default=-1)


def _catalog_opt_in(rule_id: str) -> bool:
    from lambdalint.catalog import brief

    doc = brief(rule_id)
    return doc is not None and not doc.enabled_by_default


class RuleSelector:
    """Decides, once per id, whether a rule is reported. ``opt_in`` says whether a rule is off
    by default (default: its catalog entry)."""

    def __init__(
        self,
        select: Iterable[str] = (EVERYTHING,),
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
        opt_in: Callable[[str], bool] = _catalog_opt_in,
    ) -> None:
        self.select = tuple(normalize_code(c) for c in (*select, *extend_select))
        self.ignore = tuple(normalize_code(c) for c in ignore)
        self._opt_in = opt_in
        self._decide = lru_cache(maxsize=None)(self._decision)

    def _decision(self, rule_id: str) -> Decision:
        codes = self.select
        if self._opt_in(rule_id):
            codes = tuple(c for c in codes if c != EVERYTHING)
        selected = _longest(codes, rule_id)
        ignored = _longest(self.ignore, rule_id)
        if selected > ignored:
            return Decision.SELECTED
        return Decision.IGNORED

    def decision(self, rule_id: str) -> Decision:
        return self._decide(rule_id)

    def is_selected(self, rule_id: str) -> bool:
        return self._decide(rule_id) is Decision.SELECTED
