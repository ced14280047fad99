"""Function code on disk, read defensively: local CodeUri paths, directories and zip archives.

Whatever a repository holds, reading it stays inside the template's project root (the nearest
directory above the template holding ``.git``, else the template's own directory), never follows
a symlink out of it or around a loop, visits a bounded number of files, and reads a zip archive
only through its central directory (entry names and sizes): nothing is extracted or decompressed,
so a zip bomb costs what its directory costs. Nothing here imports or runs the code it finds.
"""

from __future__ import annotations

import errno
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lambdalint.source.limits import InputLimits
from lambdalint.source.problems import REPORTED_AS, Problem

# Code locations SAM and `aws cloudformation package` upload from the local disk, by type.
CODE_PROPERTIES = {
    "AWS::Serverless::Function": "CodeUri",
    "AWS::Serverless::LayerVersion": "ContentUri",
    "AWS::Lambda::Function": "Code",
    "AWS::Lambda::LayerVersion": "Content",
}
_ARCHIVE_SUFFIXES = (".zip", ".jar")
_EOCD = b"PK\x05\x06"
_EOCD64 = b"PK\x06\x06"


@dataclass(frozen=True, slots=True)
class CodeProblem:
    problem: Problem
    message: str

    @property
    def rule_id(self) -> str:
        return REPORTED_AS[self.problem].rule_id


def project_root(template_file: str) -> Path:
    """The nearest directory above the template holding ``.git``; without one, the working
    directory if the template is inside it (lambdalint run from a checkout without .git), else
    the template's own directory."""
    start = Path(os.path.abspath(template_file)).parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    cwd = Path.cwd()
    if cwd == start or cwd in start.parents:
        return cwd
    return start


def is_local(uri: str) -> bool:
    return bool(uri) and "://" not in uri and not uri.startswith("s3:")


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _real(path: str) -> tuple[str | None, bool]:
    """(real path, loop?) without raising: a symlink loop is reported, not followed."""
    try:
        return os.path.realpath(path, strict=True), False
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, True
        return os.path.realpath(path), False  # missing: resolve as far as possible


def inspect_code(
    template_file: str, uri: str, limits: InputLimits, archives: bool = False
) -> list[CodeProblem]:
    """Problems with a local code path, checked without following it outside the project:
    the path and the symlinks below it (LL017), or with ``archives`` only the zip archive it
    names (LL018), so each rule pays only for its own reading."""
    path = os.path.join(os.path.dirname(os.path.abspath(template_file)), uri)
    if not os.path.lexists(path):
        # Only a template read from disk has a folder its paths are relative to.
        if archives or not os.path.isfile(template_file):
            return []
        return [
            CodeProblem(
                Problem.CODE_PATH_MISSING,
                f"{uri} does not exist relative to the template; "
                "packaging fails until it does, and its code is not checked",
            )
        ]
    root = os.path.realpath(project_root(template_file))
    real, loop = _real(path)
    if loop:
        return (
            []
            if archives
            else [CodeProblem(Problem.CODE_PATH_UNSAFE, f"{uri} is a symlink loop; not read")]
        )
    assert real is not None
    if not _within(real, root):
        return (
            []
            if archives
            else [
                CodeProblem(
                    Problem.CODE_PATH_UNSAFE,
                    f"{uri} resolves outside the project root (the directory holding .git); "
                    "lambdalint does not read it",
                )
            ]
        )
    if archives:
        if real.lower().endswith(_ARCHIVE_SUFFIXES) and os.path.isfile(real):
            return inspect_zip(real, uri, limits)
        return []
    if os.path.isdir(real):
        return sorted(_walk(real, root, uri, limits), key=lambda p: p.message)
    return []


def _walk(top: str, root: str, uri: str, limits: InputLimits) -> Iterator[CodeProblem]:
    """Every symlink below ``top`` that escapes the root or loops; directory symlinks are never
    descended into, and the walk stops quietly after max-code-files entries (a bound on time,
    not a finding: a large node_modules is no error)."""
    seen = 0
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            continue
        seen += len(entries)
        if seen > limits.max_code_files:
            return
        for entry in entries:
            if entry.is_symlink():
                shown = os.path.join(uri, os.path.relpath(entry.path, top))
                real, loop = _real(entry.path)
                if loop:
                    yield CodeProblem(
                        Problem.CODE_PATH_UNSAFE, f"{shown} is a symlink loop; not followed"
                    )
                elif real is not None and not _within(real, root):
                    yield CodeProblem(
                        Problem.CODE_PATH_UNSAFE,
                        f"{shown} links outside the project root (the "
                        "directory holding .git); not followed",
                    )
                elif real is not None and _within(folder, real):
                    yield CodeProblem(
                        Problem.CODE_PATH_UNSAFE,
                        f"{shown} links to its own parent directory "
                        "(a loop when followed); not followed",
                    )
            elif entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)


def _entry_count(path: str) -> int | None:
    """Entries declared by the end-of-central-directory record, read from the file's tail only,
    so an archive with millions of entries is refused before zipfile builds one object each."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            tail_len = min(size, 65_535 + 22 + 20 + 56)
            fh.seek(size - tail_len)
            tail = fh.read(tail_len)
    except OSError:
        return None
    at = tail.rfind(_EOCD)
    if at < 0 or at + 22 > len(tail):
        return None
    count = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    if count == 0xFFFF:  # Zip64: the real count is in the Zip64 end record
        at64 = tail.rfind(_EOCD64, 0, at)
        if at64 >= 0 and at64 + 40 <= len(tail):
            count = struct.unpack("<Q", tail[at64 + 32 : at64 + 40])[0]
    return int(count)


def _too_many(shown: str, count: int, limits: InputLimits) -> CodeProblem:
    return CodeProblem(
        Problem.CODE_ARCHIVE_REJECTED,
        f"{shown}: {count:,} entries (limit {limits.max_zip_entries:,}, "
        "max-zip-entries); not inspected",
    )


def inspect_zip(path: str, shown: str, limits: InputLimits) -> list[CodeProblem]:
    """Entry count, total uncompressed size and compression ratio from the central directory."""
    import zipfile  # with shutil, threading and lzma: only when a template names a zip file

    count = _entry_count(path)
    if count is not None and count > limits.max_zip_entries:
        return [_too_many(shown, count, limits)]
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        return [
            CodeProblem(
                Problem.CODE_ARCHIVE_REJECTED,
                f"{shown} is not a readable zip archive ({exc}); Lambda rejects it",
            )
        ]
    if len(infos) > limits.max_zip_entries:
        return [_too_many(shown, len(infos), limits)]
    total = sum(i.file_size for i in infos)
    on_disk = max(os.path.getsize(path), 1)
    if total > limits.max_zip_uncompressed_bytes:
        return [
            CodeProblem(
                Problem.CODE_ARCHIVE_REJECTED,
                f"{shown} unpacks to {total:,} bytes (limit "
                f"{limits.max_zip_uncompressed_bytes:,}, "
                "max-zip-uncompressed-bytes; Lambda allows 250 MB unzipped)"
                "; a zip bomb?",
            )
        ]
    # Against the bytes on disk, not the declared compressed sizes: overlapping entries (a zip
    # bomb technique) share compressed data, so their declared sizes add up to more than the file.
    ratio = total / on_disk
    if total > 1024 * 1024 and ratio > limits.max_zip_ratio:
        return [
            CodeProblem(
                Problem.CODE_ARCHIVE_REJECTED,
                f"{shown} expands {ratio:,.0f}:1 ({total:,} bytes from "
                f"{on_disk:,}; limit {limits.max_zip_ratio}:1, max-zip-ratio)"
                "; a zip bomb?",
            )
        ]
    return []
