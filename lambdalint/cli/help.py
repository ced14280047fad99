"""How the command line describes itself: ``--help`` in the words of a well-kept CLI, ``--version``.

Typer renders every value as its Python type (``--select <list[str]>``) and a required argument
as ``{paths}...`` in the usage line. Here the click parameters Typer builds get plain metavars
instead (``--select CODE``, ``PATH...``), taken from each parameter's ``metavar`` or, failing
that, its upper-cased name. Only the display changes; parsing is click's and Typer's own.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperOption


class _Argument(TyperArgument):
    def _usage_display_name(self) -> str:
        name = self.metavar or (self.name or "ARG").upper()
        if self.nargs != 1:
            name += "..."
        return name if self.required else f"[{name}]"

    def _rich_display_name(self) -> str:
        return self._usage_display_name()

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class _Option(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        return self.metavar or (self.name or "VALUE").upper()


def tidy(command: Any) -> Any:
    """Give a Typer-built command and its subcommands plain metavars (in place; returns it).
    (Typer vendors its own click, so commands are recognised by shape, not by class.)"""
    for param in command.params:
        if isinstance(param, TyperArgument):
            param.__class__ = _Argument
        elif isinstance(param, TyperOption):
            param.__class__ = _Option
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)
    return command


def version_text() -> str:
    """The version of lambdalint and of the rule data it ships (what a bug report needs)."""
    from importlib.metadata import PackageNotFoundError, version

    from lambdalint.data import load_data
    from lambdalint.facts import runtimes

    try:
        own = version("lambdalint")
    except PackageNotFoundError:  # run from a source tree that was never installed
        own = "unknown (not installed)"
    table = runtimes()
    sam = load_data("facts/sam_resource_types.yaml").get("generated_from") or "unknown"
    lines = [
        f"lambdalint {own}",
        "rule data:",
        f"  runtime lifecycle table: {table.as_of or 'undated'}"
        + (f" ({table.as_of_from})" if table.as_of_from else ""),
        f"  SAM resource types: {sam}",
    ]
    return "\n".join(lines) + "\n"
