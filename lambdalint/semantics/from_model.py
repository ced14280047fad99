"""The one entry to the adapter from the typed template model (``lambdalint/model``) to the
simulator's plain inputs (``semantics/adapter/``, one module per noun). When the model changes,
the adapter changes; the simulator and the rules do not."""

from __future__ import annotations

from lambdalint.semantics.adapter.bound import Bound, Context, Reader, bound_triggers
from lambdalint.semantics.adapter.bound import timeout_variants as _timeout_variants


def timeout_variants(ctx: Context, b: Bound) -> list[tuple[Bound, str]]:
    """``b`` once per value its function Timeout may take (see ``adapter.bound``)."""
    return _timeout_variants(b)


__all__ = ["Bound", "Context", "Reader", "bound_triggers", "timeout_variants"]
