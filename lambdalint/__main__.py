"""``python -m lambdalint`` runs the CLI (used with ``python -X importtime`` to check what a plain
run imports)."""

from __future__ import annotations

import sys

from lambdalint.cli import main

if __name__ == "__main__":
    sys.exit(main())
