"""Symbolic strings: text whose parts may be values only known at deploy time, and IAM wildcard
matching of a pattern against such a value, answered yes / no / maybe.

A part is literal text or a ``Token``:

- ``pseudo`` (``AWS::Region``, ``AWS::AccountId``, ``AWS::Partition``): one value per stack, never
  empty and without a ``:`` (an ARN segment), different from the other pseudo parameters;
- ``param`` (a template parameter): equals itself, may equal any text;
- ``name``: the physical name CloudFormation generates for a resource (stack name, logical id and
  a random suffix): never empty, no ``:``, different from every other generated name;
- ``attr``: another resource attribute (a DynamoDB stream label, an ARN of unknown shape): equals
  itself, may equal any text;
- ``segment``: one path segment of a value only known at request time (an API stage, a path
  parameter's value, the verb of an ANY method): never empty, without ``/`` or ``:``;
- ``unknown``: anything (an import, a value the evaluator cannot know); equal to nothing for
  certain, possibly to everything.

IAM wildcards: ``*`` matches any run of characters, ``?`` exactly one; resources compare case
sensitively, actions not (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lambdalint.iam.tri import Tri


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # pseudo | param | name | attr | segment | unknown
    key: str

    def __str__(self) -> str:
        return "${?}" if self.kind == "unknown" else "${" + self.key + "}"


Part = str | Token


@dataclass(frozen=True, slots=True)
class Sym:
    """A symbolic string: adjacent literal parts are merged, so equal strings are equal Syms."""

    parts: tuple[Part, ...]

    @staticmethod
    def of(*parts: Part) -> Sym:
        out: list[Part] = []
        for p in parts:
            if isinstance(p, str):
                if not p:
                    continue
                if out and isinstance(out[-1], str):
                    out[-1] = out[-1] + p
                    continue
            out.append(p)
        return Sym(tuple(out))

    def __add__(self, other: Sym) -> Sym:
        return Sym.of(*self.parts, *other.parts)

    @property
    def literal(self) -> str | None:
        """The plain text when nothing in it is symbolic."""
        if not self.parts:
            return ""
        if len(self.parts) == 1 and isinstance(self.parts[0], str):
            return self.parts[0]
        return None

    @property
    def is_unknown(self) -> bool:
        return any(isinstance(p, Token) and p.kind == "unknown" for p in self.parts)

    def __str__(self) -> str:
        return "".join(str(p) for p in self.parts)


UNKNOWN_SYM = Sym((Token("unknown", "?"),))


def text(value: str) -> Sym:
    return Sym.of(value)


# ----- matching ----------------------------------------------------------------------------------
_STAR, _ONE = object(), object()


@lru_cache(maxsize=4096)
def _regex(pattern: str, fold: bool) -> re.Pattern[str]:
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(body, re.DOTALL | (re.IGNORECASE if fold else 0))


def glob(pattern: str, value: str, fold: bool = False) -> bool:
    """Plain IAM wildcard match of literal text."""
    if "*" not in pattern and "?" not in pattern:
        return pattern.lower() == value.lower() if fold else pattern == value
    return _regex(pattern, fold).fullmatch(value) is not None


def match(pattern: Sym, value: Sym, fold: bool = False) -> Tri:
    """Does IAM pattern ``pattern`` (wildcards in its literal parts) match ``value``?"""
    lp, lv = pattern.literal, value.literal
    if lp is not None and lv is not None:
        return Tri.YES if glob(lp, lv, fold) else Tri.NO
    p = _pattern_elements(pattern, fold)
    v = _value_elements(value, fold)
    if _surely(p, v):
        return Tri.YES
    return Tri.MAYBE if _possibly(p, v) else Tri.NO


def _pattern_elements(s: Sym, fold: bool) -> list[object]:
    out: list[object] = []
    for part in s.parts:
        if isinstance(part, Token):
            out.append(part)
            continue
        for c in part.lower() if fold else part:
            out.append(_STAR if c == "*" else _ONE if c == "?" else c)
    return out


def _value_elements(s: Sym, fold: bool) -> list[object]:
    out: list[object] = []
    for part in s.parts:
        if isinstance(part, Token):
            out.append(part)
        else:
            out.extend(part.lower() if fold else part)
    return out


def _surely(p: list[object], v: list[object]) -> bool:
    """Matches whatever the tokens turn out to be: a token is consumed only by ``*`` or by the
    same token (never by an unknown one, which may differ from itself)."""
    m, n = len(p), len(v)
    # dp[j]: p[i:] matches v[j:]
    nxt = [False] * (n + 1)
    nxt[n] = True
    for i in range(m - 1, -1, -1):
        cur = [False] * (n + 1)
        a = p[i]
        for j in range(n, -1, -1):
            if a is _STAR:
                cur[j] = nxt[j] or (j < n and cur[j + 1])
            elif j == n:
                cur[j] = False
            else:
                b = v[j]
                if a is _ONE:
                    ok = isinstance(b, str)
                elif isinstance(a, Token):
                    ok = isinstance(b, Token) and a == b and a.kind != "unknown"
                else:
                    ok = a == b
                cur[j] = ok and nxt[j + 1]
        nxt = cur
    return nxt[0]


_ANY, _PLUS, _SEG = "any", "plus", "segment"


def _kind(e: object) -> str:
    if e is _STAR:
        return _ANY
    if isinstance(e, Token):
        if e.kind == "segment":
            return _SEG
        return _PLUS if e.kind in ("name", "pseudo") else _ANY
    return "one"  # a character or ``?``


def _possibly(p: list[object], v: list[object]) -> bool:
    """Some values of the tokens make it match: the two patterns' languages intersect. Tokens
    stand for any text, except generated names (non-empty, distinct from each other)."""
    m, n = len(p), len(v)
    dp = [[False] * (n + 1) for _ in range(m + 1)]
    dp[m][n] = True
    for i in range(m, -1, -1):
        for j in range(n, -1, -1):
            if i == m and j == n:
                continue
            a = p[i] if i < m else None
            b = v[j] if j < n else None
            ka = _kind(a) if i < m else ""
            kb = _kind(b) if j < n else ""
            r = False
            if ka == _ANY:
                r = dp[i + 1][j] or (j < n and dp[i][j + 1])
            if not r and kb == _ANY:
                r = dp[i][j + 1] or (i < m and dp[i + 1][j])
            if not r and i < m and j < n:
                if _SEG in (ka, kb) and "one" not in (ka, kb):
                    # A segment against a name or another segment: they may share any text.
                    r = dp[i + 1][j + 1] or dp[i + 1][j] or dp[i][j + 1]
                elif ka == _SEG:
                    r = b not in (":", "/") and (dp[i + 1][j + 1] or dp[i][j + 1])
                elif kb == _SEG:
                    r = a not in (":", "/") and (dp[i + 1][j + 1] or dp[i + 1][j])
                elif ka == _PLUS and kb == _PLUS:
                    r = a == b and dp[i + 1][j + 1]
                elif ka == _PLUS and kb == "one":
                    r = b != ":" and (dp[i + 1][j + 1] or dp[i][j + 1])
                elif kb == _PLUS and ka == "one":
                    r = a != ":" and (dp[i + 1][j + 1] or dp[i + 1][j])
                elif ka == "one" and kb == "one":
                    r = (a is _ONE or b is _ONE or a == b) and dp[i + 1][j + 1]
            dp[i][j] = r
    return dp[0][0]
