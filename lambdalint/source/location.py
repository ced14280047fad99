"""Where a value was written: converted to 1-based line/column once, here, in the loader."""

from __future__ import annotations

from dataclasses import dataclass


# Not frozen: a frozen dataclass's __init__ sets each field through object.__setattr__, four
# times slower, and the loader makes one Location per value (~28k for a 250-function template).
# Treat it as immutable all the same; unsafe_hash keeps it usable as a dict key.
@dataclass(slots=True, unsafe_hash=True)
class Location:
    """A span in a source file. Lines and columns are 1-based; the end is exclusive."""

    file: str
    line: int
    col: int
    end_line: int
    end_col: int

    @classmethod
    def point(cls, file: str, line: int = 1, col: int = 1) -> Location:
        return cls(file, line, col, line, col)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"
