"""``python -m lambdalint.cli`` runs the command line, as the installed ``lambdalint`` does."""

from __future__ import annotations

from lambdalint.cli import run

run()
