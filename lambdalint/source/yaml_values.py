"""YAML 1.1 scalar resolution: what a plain scalar's text means, as PyYAML's resolver (and hence
cfn-flip and the SAM CLI) reads it. CloudFormation reads templates by YAML 1.1 rules too: ``yes``
is a boolean, ``010`` is octal 8, ``1:30`` is 90."""

from __future__ import annotations

import math
import re
from typing import Any

from lambdalint.source.nodes import ScalarValue

# YAML 1.1 implicit types, as PyYAML's resolver (and hence cfn-flip and the SAM CLI) applies them.
BOOL_TRUE = {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "y", "Y"}
_BOOL_FALSE = {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "n", "N"}
# PyYAML leaves single-letter y/n as strings; keep to that so both agree.
BOOL_TRUE -= {"y", "Y"}
_BOOL_FALSE -= {"n", "N"}
_NULL = {"", "~", "null", "Null", "NULL"}
_INT_RE = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
    re.X,
)
_FLOAT_RE = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_TIMESTAMP_RE = re.compile(
    r"""^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$""",
    re.X,
)
# First characters that can start a non-string plain scalar; everything else is a string fast.
_MAYBE_TYPED = frozenset("0123456789+-.~yYnNtTfFoO=")


def resolve_plain(text: str) -> tuple[ScalarValue, str | None]:
    """YAML 1.1 implicit resolution of a plain scalar: (value, kind) where kind names the type."""
    if not text or text[0] not in _MAYBE_TYPED:
        return (None, "null") if text == "" else (text, None)
    if text in _NULL:
        return None, "null"
    if text in BOOL_TRUE:
        return True, "bool"
    if text in _BOOL_FALSE:
        return False, "bool"
    if text == "=":
        # YAML 1.1's "value" key type (tag:yaml.org,2002:value): PyYAML, and so cfn-flip and the
        # SAM CLI, fail on it ("could not determine a constructor"); read it as the text.
        return text, "value"
    if _INT_RE.match(text):
        return to_int(text), "int"
    if _FLOAT_RE.match(text):
        return to_float(text), "float"
    if _TIMESTAMP_RE.match(text):
        # CloudFormation reads dates (AWSTemplateFormatVersion: 2010-09-09) as the text written.
        return text, "timestamp"
    return text, None


def _sexagesimal(text: str, conv: Any) -> Any:
    sign = -1 if text.startswith("-") else 1
    digits = [conv(part) for part in text.lstrip("+-").split(":")]
    value = 0
    for d in digits:
        value = value * 60 + d
    return sign * value


def to_int(text: str) -> int:
    t = text.replace("_", "")
    sign = -1 if t.startswith("-") else 1
    body = t.lstrip("+-")
    if ":" in body:
        return int(_sexagesimal(t, int))
    if body.startswith("0b"):
        return sign * int(body[2:], 2)
    if body.startswith("0x"):
        return sign * int(body[2:], 16)
    if body != "0" and body.startswith("0"):
        return sign * int(body, 8)
    return sign * int(body)


def to_float(text: str) -> float:
    t = text.replace("_", "").lower()
    if t.endswith(".inf"):
        return -math.inf if t.startswith("-") else math.inf
    if t.endswith(".nan"):
        return math.nan
    if ":" in t:
        return float(_sexagesimal(t, float))
    return float(t)


def key_text(value: ScalarValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def surprising(text: str, kind: str) -> bool:
    """Plain scalars whose YAML 1.1 type differs from what a reader of the text expects."""
    if kind == "bool":
        return text.lower() in {"yes", "no", "on", "off"}
    if kind == "value":
        return True
    body = text.lstrip("+-")
    if ":" in body:
        return True  # sexagesimal: 1:30 is 90
    # octal: 0755 is 493
    return kind == "int" and len(body) > 1 and body[0] == "0" and body[1] not in "xb"
