"""Process settings for the command line, applied before anything imports pydantic.

lambdalint uses no pydantic plugins, and pydantic's plugin discovery reads every installed
package's entry points (importlib.metadata) the first time a model is built: ~15-30 ms of each
cold ``lambdalint check``. The CLI turns the discovery off unless the user's environment says
otherwise; the library (``lambdalint.api``) leaves the host process alone.

With discovery off, pydantic still imports its plugin loader, which imports importlib.metadata
(zipfile, email, socket, ...: ~15 ms more) only to find the switch set. ``defer_plugin_loader``
stands in for that module until a plugin could matter: its ``get_plugins`` answers "none" while
the switch is on, and otherwise imports the real loader and asks it.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable
from typing import Any

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

_LOADER = "pydantic.plugin._loader"
# The values pydantic's get_plugins reads as "all plugins off" (pydantic/plugin/_loader.py).
_ALL_OFF = ("__all__", "1", "true")


def _plugins_off() -> bool:
    return os.environ.get("PYDANTIC_DISABLE_PLUGINS") in _ALL_OFF


def _get_plugins() -> Iterable[Any]:
    if _plugins_off():
        return ()
    if sys.modules.get(_LOADER) is _stand_in:
        del sys.modules[_LOADER]
    import importlib

    real: Any = importlib.import_module(_LOADER)
    return real.get_plugins()  # type: ignore[no-any-return]


_stand_in = types.ModuleType(_LOADER, "lambdalint's stand-in for pydantic's plugin loader")
_stand_in.get_plugins = _get_plugins  # type: ignore[attr-defined]


def defer_plugin_loader() -> None:
    """Install the stand-in, unless pydantic's loader is already imported or plugins are on."""
    if _plugins_off() and _LOADER not in sys.modules:
        sys.modules[_LOADER] = _stand_in


defer_plugin_loader()
