"""Where ../shared (the corpus and references, beside the repository) is: next to the checkout as
in CI, or two levels up for a developer's worktree under <root>/wt/<name>. Tests that need it skip
with the reason when it is absent, and fail instead when CI=true."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_CANDIDATES = (REPO.parent / "shared", REPO.parent.parent / "shared")
SHARED = next((p for p in _CANDIDATES if (p / "corpus").is_dir()), _CANDIDATES[0])
CORPUS = SHARED / "corpus"


def require(path: Path, what: str) -> None:
    """Skip (or, under CI=true, fail) when ``path`` is missing."""
    if path.exists():
        return
    message = f"{what} not found at {path}"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; CI must run this test")
    pytest.skip(message)
