"""Node.js / TypeScript function code (placeholder until the tree-sitter reader lands)."""

from __future__ import annotations

from lambdalint.source.code.analysis import CodeAnalysis, unknown_handler
from lambdalint.source.code.files import SourceFiles
from lambdalint.source.code.locate import Build


def analyze(files: SourceFiles, handler: str, build: Build | None) -> CodeAnalysis:
    return unknown_handler("Node.js code is not read yet")
