"""The one entry to the adapter from the typed template model (``lambdalint/model``) to the
simulator's plain inputs (``semantics/adapter/``, one module per noun). When the model changes,
the adapter changes; the simulator and the rules do not."""

from __future__ import annotations

from lambdalint.semantics.adapter.bound import (
    Bound,
    Context,
    Reader,
    bound_triggers,
    function_variants,
    timeout_variants,
)

__all__ = [
    "Bound",
    "Context",
    "Reader",
    "bound_triggers",
    "function_variants",
    "timeout_variants",
]
