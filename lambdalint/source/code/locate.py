"""Where a function's code is, found once per function from plain inputs (the template file, the
code value as written, the runtime, the handler and the resource Metadata).

Local paths are relative to the template's folder and read through
``lambdalint.source.code_paths``, which keeps every read inside the project root and reads
archives only through their central directory. S3 locations and images are Unknown: lambdalint
says nothing about code it cannot see.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import Enum

from lambdalint.source.code_paths import (
    _ARCHIVE_SUFFIXES,
    CodeProblem,
    inspect_code,
    is_local,
)
from lambdalint.source.limits import InputLimits


class CodeKind(Enum):
    DIRECTORY = "directory"
    ARCHIVE = "archive"
    INLINE = "inline"
    # Not readable here: S3, an image, a value lambdalint cannot evaluate, a path that is missing
    # or unsafe (its problem is a diagnostic), or a build step that creates the artifact.
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Build:
    """``Metadata`` of a SAM function built by ``sam build`` (BuildMethod and its properties)."""

    method: str
    entry_points: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CodeSite:
    kind: CodeKind
    # Why the code is unknown, for explanations ("in S3", "an image", "built by a Makefile").
    why: str = ""
    # DIRECTORY: the absolute folder; ARCHIVE: the absolute archive path.
    path: str = ""
    # The location as written in the template (CodeUri, Code, or the CDK asset path).
    shown: str = ""
    # INLINE: the code and the file name Lambda gives it (index.py, index.js).
    text: str = ""
    file_name: str = ""
    build: Build | None = None
    # ARCHIVE: entry names and sizes from the central directory.
    entries: tuple[str, ...] = ()
    unzipped_bytes: int | None = None
    zipped_bytes: int | None = None
    problems: tuple[CodeProblem, ...] = field(default=())


# The file CloudFormation writes inline code (Code.ZipFile, SAM InlineCode) to, by runtime
# family: "places it in a file named index" and, for Node.js, "uses the extension .js"
# (rules/facts/code.yaml has the sources).
INLINE_FILE = {"python": "index.py", "nodejs": "index.js"}


def language_of(runtime: str | None) -> str | None:
    """``python``, ``nodejs``, ``java``, ``dotnet``, ``ruby``, ``provided`` (custom and Go), or
    None for a runtime lambdalint does not know."""
    if not runtime:
        return None
    for family in ("python", "nodejs", "java", "dotnet", "ruby", "provided", "go"):
        if runtime.startswith(family):
            return "provided" if family == "go" else family
    return None


def unknown(why: str, problems: tuple[CodeProblem, ...] = ()) -> CodeSite:
    return CodeSite(CodeKind.UNKNOWN, why=why, problems=problems)


def inline(text: str, runtime: str | None) -> CodeSite:
    language = language_of(runtime)
    name = INLINE_FILE.get(language or "", "")
    if not name:
        return unknown("inline code for a runtime that has no inline file")
    return CodeSite(CodeKind.INLINE, shown="inline", text=text, file_name=name)


def local(
    template_file: str,
    uri: str,
    limits: InputLimits,
    build: Build | None = None,
    report_missing: bool = True,
) -> CodeSite:
    """A local path: its problems (LL017 unsafe, LL018 archive refused, LL019 missing) come with
    the site; code is read only when there are none."""
    if not is_local(uri):
        return unknown(f"{uri} is not on the local disk")
    if not os.path.isfile(template_file):
        return unknown("the template was not read from a file")
    problems = inspect_code(template_file, uri, limits)
    path = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(template_file)), uri))
    archive = path.lower().endswith(_ARCHIVE_SUFFIXES) and os.path.isfile(path)
    if archive:
        problems = problems + inspect_code(template_file, uri, limits, archives=True)
    if not report_missing:
        problems = [p for p in problems if p.rule_id != "LL019"]
    if any(p.rule_id in ("LL017", "LL019") for p in problems):
        return unknown(f"{uri} cannot be read", tuple(problems))
    if archive:
        if problems:
            return unknown(f"{uri} was not inspected", tuple(problems))
        return _archive(path, uri)
    if os.path.isdir(path):
        if build is not None and build.method == "makefile":
            return unknown("built by a Makefile (sam build BuildMethod: makefile)", tuple(problems))
        return CodeSite(
            CodeKind.DIRECTORY, path=path, shown=uri, build=build, problems=tuple(problems)
        )
    return unknown(f"{uri} is neither a folder nor a .zip/.jar archive", tuple(problems))


def _archive(path: str, shown: str) -> CodeSite:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return unknown(f"{shown} is not readable")
    return CodeSite(
        CodeKind.ARCHIVE,
        path=path,
        shown=shown,
        entries=tuple(i.filename for i in infos),
        unzipped_bytes=sum(i.file_size for i in infos),
        zipped_bytes=os.path.getsize(path),
    )


def build_of(metadata: object) -> Build | None:
    """``Metadata: {BuildMethod: esbuild, BuildProperties: {EntryPoints: [app.ts]}}`` as plain."""
    if not isinstance(metadata, dict):
        return None
    method = metadata.get("BuildMethod")
    if not isinstance(method, str):
        return None
    props = metadata.get("BuildProperties")
    entries: tuple[str, ...] = ()
    if isinstance(props, dict) and isinstance(props.get("EntryPoints"), list):
        entries = tuple(e for e in props["EntryPoints"] if isinstance(e, str))
    return Build(method.lower(), entries)


def cdk_asset(metadata: object, code_property: str) -> str | None:
    """The folder a CDK-synthesized function's code came from: ``aws:asset:path`` is relative to
    the cloud assembly (cdk.out), the folder the synthesized template is written to."""
    if not isinstance(metadata, dict):
        return None
    path = metadata.get("aws:asset:path")
    prop = metadata.get("aws:asset:property", code_property)
    if isinstance(path, str) and path and prop == code_property:
        return path
    return None
