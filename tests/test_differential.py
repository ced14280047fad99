"""Differential test: lambdalint reads every corpus template to the same plain value as cfn-flip.

cfn-flip (``cfn_flip.load``) is the reference reader the AWS CLI family uses for CloudFormation
YAML/JSON: short-form tags become long form, YAML 1.1 scalars are resolved by PyYAML. Compared
here with ``LoadResult.root.plain()``: tags in long form, locations stripped. Key order must agree
too (CloudFormation templates are ordered documents; reporters list resources in file order).

Justified differences, each applied as an explicit normalisation below and nowhere else:

1. Timestamps. PyYAML turns an unquoted date (``AWSTemplateFormatVersion: 2010-09-09``,
   ``Version: 2012-10-17``) into ``datetime.date``; lambdalint keeps the text as written, because
   CloudFormation reads these values as strings. Accepted when lambdalint's text, resolved by
   PyYAML, gives cfn-flip's value.
2. Mapping keys. PyYAML keeps a non-string key (``200:``, ``true:``) as int/bool; lambdalint makes
   every key a string (JSON and CloudFormation keys are strings): ``true`` -> ``"true"``,
   numbers -> ``str(n)``.
3. NaN. ``.nan`` never equals itself; two NaNs are accepted as equal.

Any other difference is a bug in one of the readers.
"""

from __future__ import annotations

import csv
import datetime
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lambdalint.source.loader import load_text
from lambdalint.source.reader import SourceText, decode

cfn_flip = pytest.importorskip("cfn_flip")
yaml = pytest.importorskip("yaml")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"

Path_ = tuple[Any, ...]


def _files() -> list[str]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with manifest.open(encoding="utf-8", newline="") as fh:
        return [row["file"] for row in csv.DictReader(fh, delimiter="\t")]


FILES = _files()


def _key(key: Any) -> Any:
    """Normalisation 2: the string lambdalint makes of a non-string mapping key."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return ""
    return key if isinstance(key, str) else str(key)


def differences(ours: Any, theirs: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any, Any]]:
    """(path, lambdalint's value, cfn-flip's value) for every place the two disagree."""
    if isinstance(theirs, (datetime.date, datetime.datetime)) and isinstance(ours, str):
        # Normalisation 1: our text must be what PyYAML read as this timestamp.
        if yaml.safe_load(ours) == theirs:
            return
        yield path, ours, theirs
        return
    if (
        isinstance(theirs, float)
        and isinstance(ours, float)
        and math.isnan(theirs)
        and math.isnan(ours)
    ):
        return  # normalisation 3
    if isinstance(ours, dict) and isinstance(theirs, dict):
        theirs = {_key(k): v for k, v in theirs.items()}
        if list(ours) != list(theirs):
            yield (*path, "<key order>"), list(ours), list(theirs)
        for key in ours.keys() | theirs.keys():
            if key not in ours or key not in theirs:
                yield (*path, key), ours.get(key, "<missing>"), theirs.get(key, "<missing>")
            else:
                yield from differences(ours[key], theirs[key], (*path, key))
        return
    if isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        for i, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            yield from differences(a, b, (*path, i))
        return
    if type(ours) is not type(theirs) or ours != theirs:
        yield path, ours, theirs


def _text(path: Path) -> SourceText:
    source = decode(path.read_bytes(), str(path))
    assert isinstance(source, SourceText), source
    return source


def test_differences_sees_real_differences() -> None:
    """The comparison itself: each normalisation is narrow, and anything else is reported."""
    assert list(differences({"V": "2012-10-17"}, {"V": datetime.date(2012, 10, 17)})) == []
    assert list(differences({"V": "2012-10-18"}, {"V": datetime.date(2012, 10, 17)})) != []
    assert list(differences({"200": 1, "true": 2}, {200: 1, True: 2})) == []
    assert list(differences({"a": 1}, {"a": True})) == [(("a",), 1, True)]
    assert list(differences({"a": 1, "b": 2}, {"b": 2, "a": 1})) != []
    assert list(differences(["x"], ["x", "y"])) != []


def _require_corpus() -> None:
    if not FILES:
        message = f"corpus not found at {CORPUS}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must run the differential test")
        pytest.skip(message)


def test_corpus_is_present() -> None:
    _require_corpus()


# Without the corpus, one case that skips (or fails in CI) saying why.
@pytest.mark.parametrize(
    "file", FILES or [""], ids=[f.split("/", 1)[-1] for f in FILES] or ["corpus-missing"]
)
def test_plain_value_equals_cfn_flip(file: str) -> None:
    if not file:
        _require_corpus()
        return
    source = _text(CORPUS / file)
    try:
        theirs, _fmt = cfn_flip.load(source.text)
    except Exception as exc:
        pytest.skip(f"cfn-flip cannot load it: {type(exc).__name__}: {str(exc)[:100]}")
    result = load_text(source.text, source.file)
    assert result.root is not None, [d.message for d in result.diagnostics]
    found = list(differences(result.root.plain(), theirs))
    assert found == [], found[:5]
