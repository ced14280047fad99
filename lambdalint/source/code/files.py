"""The files of one function's code, by path relative to its folder: a directory on disk (already
checked by ``locate``: inside the project root, no symlink leading out) or one inline file.
Reading is bounded per file; nothing is executed or imported."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

# A source file bigger than this is not read (bundled or generated code, not the handler).
MAX_SOURCE_BYTES = 2 * 1024 * 1024
# Folders that hold installed dependencies, not the function's own code.
DEPENDENCY_DIRS = frozenset({"node_modules", "site-packages", ".venv", "venv", "__pycache__"})


@dataclass
class SourceFiles:
    root: str = ""
    inline_name: str = ""
    inline_text: str = ""
    _cache: dict[str, bytes | None] = field(default_factory=dict)

    @classmethod
    def directory(cls, root: str) -> SourceFiles:
        return cls(root=root)

    @classmethod
    def inline(cls, name: str, text: str) -> SourceFiles:
        return cls(inline_name=name, inline_text=text)

    def _full(self, rel: str) -> str | None:
        if not self.root or os.path.isabs(rel) or ".." in rel.replace("\\", "/").split("/"):
            return None
        return os.path.join(self.root, rel)

    def is_file(self, rel: str) -> bool:
        if self.inline_name:
            return rel == self.inline_name
        full = self._full(rel)
        return full is not None and os.path.isfile(full) and not os.path.islink(full)

    def is_dir(self, rel: str) -> bool:
        if self.inline_name:
            return rel in ("", ".")
        full = self._full(rel) if rel not in ("", ".") else self.root
        return full is not None and os.path.isdir(full)

    def has_source(self, suffixes: tuple[str, ...], budget: int = 5_000) -> bool:
        """Whether any file ending in ``suffixes`` is in the folder (outside dependency folders),
        looking at no more than ``budget`` entries."""
        if self.inline_name:
            return self.inline_name.endswith(suffixes)
        pending = [self.root]
        while pending and budget > 0:
            try:
                with os.scandir(pending.pop()) as it:
                    entries = list(it)
            except OSError:
                continue
            budget -= len(entries)
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in DEPENDENCY_DIRS and not entry.name.startswith("."):
                        pending.append(entry.path)
                elif entry.name.endswith(suffixes):
                    return True
        return False

    def read(self, rel: str) -> bytes | None:
        """The file's bytes, or None when it is missing, unreadable or too big."""
        if self.inline_name:
            return self.inline_text.encode("utf-8") if rel == self.inline_name else None
        if rel in self._cache:
            return self._cache[rel]
        data: bytes | None = None
        full = self._full(rel)
        if full is not None and self.is_file(rel):
            try:
                if os.path.getsize(full) <= MAX_SOURCE_BYTES:
                    with open(full, "rb") as fh:
                        data = fh.read(MAX_SOURCE_BYTES + 1)
            except OSError:
                data = None
        self._cache[rel] = data
        return data
