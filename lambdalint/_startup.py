"""Process settings for the command line, applied before anything imports pydantic.

lambdalint uses no pydantic plugins, and pydantic's plugin discovery reads every installed
package's entry points (importlib.metadata) the first time a model is built: ~15-30 ms of each
cold ``lambdalint check``. The CLI turns the discovery off unless the user's environment says
otherwise; the library (``lambdalint.api``) leaves the host process alone.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
