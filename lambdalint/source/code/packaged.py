"""The handler's file in a deployment package of a language lambdalint does not parse (Java,
.NET, Ruby): only whether the class, assembly or script the handler names is where the runtime
loads it from, read from an archive's central directory or the code folder. Nothing is opened,
decompiled or run; the method itself is never checked (Unknown).

- Java ``pkg.Class::method`` / ``pkg.Class``: ``pkg/Class.class`` at the package's top, or in a
  ``lib/*.jar`` (which lambdalint does not open: the class may be there). A .jar at the top is
  not on the class path.
- .NET ``Assembly::Namespace.Class::Method`` (or ``Assembly`` for an executable assembly):
  ``Assembly.dll`` at the top.
- Ruby ``dir/file.method`` (or ``file.Module::Class.method``): ``dir/file.rb``.

Sources: rules/facts/code.yaml ``packaged_handlers``.
"""

from __future__ import annotations

import os

from lambdalint.source.code.analysis import CodeAnalysis, Handler, HandlerStatus, unknown_handler
from lambdalint.source.code.locate import CodeKind, CodeSite

NOT_READ = "the method is not read (compiled or unparsed language)"


def expected_file(language: str, handler: str) -> str | None:
    """The package path the handler's class, assembly or script must have, or None when the
    handler has no shape lambdalint reads (LL216 reports a malformed one)."""
    if language == "java":
        cls = handler.split("::", 1)[0]
        return cls.replace(".", "/") + ".class" if cls and "/" not in cls else None
    if language == "dotnet":
        assembly = handler.split("::", 1)[0]
        return f"{assembly}.dll" if assembly and "/" not in assembly else None
    if language == "ruby":
        folder, _, last = handler.rpartition("/")
        name = last.split(".", 1)[0]
        if "." not in last or not name:
            return None
        return f"{folder}/{name}.rb" if folder else f"{name}.rb"
    return None


def analyze(site: CodeSite, language: str, handler: str) -> CodeAnalysis | None:
    wanted = expected_file(language, handler)
    if wanted is None:
        return None
    if site.kind is CodeKind.ARCHIVE:
        entries = set(site.entries)
        present = wanted in entries
        # A class may come from a dependency jar in lib/ (on the class path; not opened here).
        maybe = language == "java" and any(
            e.startswith("lib/") and e.endswith(".jar") for e in entries
        )
    elif site.kind is CodeKind.DIRECTORY and language == "ruby" and site.build is None:
        # A Ruby folder is packaged as it is (sam build adds the gems beside it). Java and .NET
        # folders are source projects a build compiles: not checked.
        present = os.path.isfile(os.path.join(site.path, wanted))
        maybe = False
    else:
        return None
    if present:
        return unknown_handler(NOT_READ)
    if maybe:
        return unknown_handler("the class may be in a jar under lib/")
    function = handler.split("::", 1)[-1] if "::" in handler else ""
    return CodeAnalysis(Handler(HandlerStatus.NO_FILE, tried=(wanted,), function=function))
