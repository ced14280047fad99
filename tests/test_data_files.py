"""Shipped data files load on libyaml's fast path: a file that only the pure-Python parser accepts
(``[https://...]`` in flow style trips libyaml 0.1.7) would cost every lint run ~50 ms."""

from __future__ import annotations

from pathlib import Path

import pytest

from lambdalint.data import load_data, rules_dir
from lambdalint.source import yaml_loader

DATA_FILES = sorted(p for p in rules_dir().rglob("*.yaml"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(rules_dir())))
def test_data_file_parses_with_libyaml(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for _ in yaml_loader.c_events(text):
        pass
    assert load_data(str(path.relative_to(rules_dir()))) is not None
