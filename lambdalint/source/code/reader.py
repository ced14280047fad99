"""Reading one function's code, by language: the parser for a language is imported only when a
function with local code in that language is met (tree-sitter costs ~30 ms to import)."""

from __future__ import annotations

from lambdalint.source.code.analysis import CodeAnalysis, Handler, HandlerStatus, unknown_handler
from lambdalint.source.code.files import SourceFiles
from lambdalint.source.code.locate import CodeKind, CodeSite, language_of


def read_code(
    site: CodeSite, runtime: str | None, handler: str, has_layers: bool
) -> CodeAnalysis | None:
    """What the code at ``site`` defines, reads and calls, or None for code lambdalint does not
    read. Java, .NET and Ruby: only whether the handler's class, assembly or script is in the
    package (``packaged``); Go and custom runtimes: LL217 checks the bootstrap."""
    language = language_of(runtime)
    if language in ("java", "dotnet", "ruby"):
        from lambdalint.source.code.packaged import analyze as analyze_packaged

        packaged = analyze_packaged(site, language, handler)
        if packaged is not None and has_layers and packaged.handler.status is HandlerStatus.NO_FILE:
            return unknown_handler("the handler may be in a layer")
        return packaged
    if site.kind is CodeKind.INLINE:
        files = SourceFiles.inline(site.file_name, site.text)
    elif site.kind is CodeKind.DIRECTORY:
        files = SourceFiles.directory(site.path)
    else:
        return None
    if language == "python":
        from lambdalint.source.code.python import analyze as analyze_python

        result = analyze_python(files, handler)
    elif language == "nodejs":
        from lambdalint.source.code.node import analyze as analyze_node

        result = analyze_node(files, handler, site.build)
    else:
        return None
    if has_layers and result.handler.status is HandlerStatus.NO_FILE:
        # A layer's content is on the runtime's module path (/opt/python, /opt/nodejs): the
        # handler module may come from there.
        return unknown_handler("the handler module may be in a layer")
    return result


__all__ = ["Handler", "read_code"]
