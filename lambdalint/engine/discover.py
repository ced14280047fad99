"""Command-line paths -> the files to lint: files as given, directories searched, globs expanded."""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass

TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")
# Build output and dependencies: never templates a user wrote (SAM copies templates into
# .aws-sam/build, CDK synthesizes into cdk.out).
SKIP_DIRS = frozenset({"node_modules", ".aws-sam", "cdk.out", "__pycache__"})
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Target:
    path: str
    # Found by searching a directory (or a glob): a non-template there is skipped silently.
    discovered: bool = False


def _search(directory: str) -> list[str]:
    """Template files under ``directory``. Only regular files whose real path stays inside the
    directory count: a symlink to ``~/.aws/credentials`` or a FIFO in a checked-out pull
    request is not something the user asked to lint (symlinked directories are not entered)."""
    found: list[str] = []
    top = os.path.realpath(directory)
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(TEMPLATE_SUFFIXES):
                continue
            path = os.path.join(root, name)
            if os.path.isfile(path) and _inside(os.path.realpath(path), top):
                found.append(path)
    return found


def _inside(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


def is_search(path: str) -> bool:
    """Whether a command-line path asks lambdalint to look for templates (a directory, a glob,
    ``-`` for standard input) rather than naming one file: only such a path can silently turn
    up nothing, which a CI gate pointed at the wrong folder must hear about."""
    if path == "-" or os.path.isdir(path):
        return True
    return not os.path.exists(path) and bool(_GLOB_CHARS & set(path))


def expand(paths: list[str]) -> list[Target]:
    """Targets in the order given, each file once. A missing path stays in the list, so reading
    it produces the 'no such file' finding; a glob that matches nothing does too."""
    targets: list[Target] = []
    seen: set[str] = set()

    def add(path: str, discovered: bool) -> None:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            targets.append(Target(path, discovered))

    for path in paths:
        if os.path.isdir(path):
            for found in _search(path):
                add(found, True)
        elif not os.path.exists(path) and _GLOB_CHARS & set(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                add(path, False)
            for match in matches:
                if os.path.isdir(match):
                    for found in _search(match):
                        add(found, True)
                elif match.lower().endswith(TEMPLATE_SUFFIXES) and os.path.isfile(match):
                    add(match, True)
        else:
            add(path, False)
    return targets
