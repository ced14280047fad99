"""LL214 code-package-too-large on archives made for the test: sizes come from the central
directories of the function's archive and of the template's local layer archives."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from lintrun import lint_path

from lambdalint.source.limits import InputLimits

TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Deps:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layer.zip
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: code.zip
      Layers: [!Ref Deps]
"""
MB = 1024 * 1024


def _zip(path: Path, megabytes: int) -> None:
    """An archive whose central directory declares ``megabytes`` for data.bin: lambdalint reads
    only the central directory, so the declared size is what it sees (and all Lambda counts)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("app.py", "def handler(event, context):\n    return None\n")
        zf.writestr("data.bin", b"\0")
    raw = bytearray(path.read_bytes())
    entry = raw.rindex(b"PK\x01\x02")  # the last central directory record: data.bin
    struct.pack_into("<I", raw, entry + 24, megabytes * MB)  # its uncompressed size
    path.write_bytes(bytes(raw))


def _lint(tmp_path: Path, code_mb: int, layer_mb: int) -> list[tuple[str, int, int, str]]:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    _zip(tmp_path / "code.zip", code_mb)
    _zip(tmp_path / "layer.zip", layer_mb)
    # Raised so the zip-bomb guard (LL018) lets these forged archives through.
    limits = InputLimits(max_zip_ratio=10**9)
    findings = lint_path(tmp_path / "template.yaml", limits=limits)
    return [(f.rule_id, f.loc.line, f.loc.col, f.message) for f in findings]


def test_function_and_layer_over_250_mb_unzipped(tmp_path: Path) -> None:
    findings = _lint(tmp_path, 150, 120)
    assert [f[:3] for f in findings] == [("LL214", 12, 16)]
    # 120 MB declared for data.bin plus the 45 bytes of app.py.
    assert "+ layer Deps 125,829,165)" in findings[0][3]
    assert "Lambda allows 262,144,000 bytes" in findings[0][3]


def test_under_the_limit_is_fine(tmp_path: Path) -> None:
    assert _lint(tmp_path, 100, 100) == []
