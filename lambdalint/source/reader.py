"""Bytes on disk -> text, or a diagnostic saying why not (missing, binary, not UTF-8, too large)."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import dataclass

from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.limits import InputLimits
from lambdalint.source.location import Location
from lambdalint.source.problems import Problem

# ``lambdalint check -`` reads the template from standard input (editors, pipes); findings name it
# STDIN_NAME.
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True, slots=True)
class SourceText:
    file: str
    text: str


def _error(file: str, problem: Problem, message: str, line: int = 1, col: int = 1) -> Diagnostic:
    return Diagnostic(problem, message, Location.point(file, line, col))


def _binary_message(head: bytes) -> str:
    # Text saved as UTF-16/32 without a byte order mark has a NUL in every other (or three of
    # four) bytes; say so, since re-saving as UTF-8 is the fix.
    even, odd = head[0::2], head[1::2]
    mostly_nul = even.count(0) > 0.9 * len(even) or odd.count(0) > 0.9 * len(odd)
    if len(head) >= 4 and mostly_nul and head.count(0) < len(head):
        return (
            "looks like UTF-16 or UTF-32 text without a byte order mark; save it as UTF-8 "
            "(or with a BOM)"
        )
    return "binary file (contains NUL bytes), not a template"


def decode(data: bytes, file: str) -> SourceText | Diagnostic:
    """UTF-8 (with or without BOM), or UTF-16/32 with a BOM, as CloudFormation accepts.

    CRLF and lone CR become LF, so lines and columns count as an editor shows them; a BOM is
    dropped (it is no character of the template)."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                return _error(
                    file, Problem.CANNOT_DECODE, f"cannot decode as {codec}: {exc.reason}"
                )
            break
    else:
        if b"\x00" in data[:8192]:
            return _error(file, Problem.BINARY_FILE, _binary_message(data[:8192]))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            return _error(
                file,
                Problem.NOT_UTF8,
                f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
                line,
                col,
            )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(file, text)


def read_source(path: str, limits: InputLimits | None = None) -> SourceText | Diagnostic:
    """Read at most ``max_file_bytes`` (+1 to tell that the limit was passed).

    Opened non-blocking: a FIFO without a writer would otherwise block ``open`` forever. A pipe
    the user named on purpose (``lambdalint check <(sam validate ...)``) or a device is read
    like a file, but never past the size limit, so ``/dev/zero`` ends too.
    """
    limits = limits or InputLimits()
    cap = limits.max_file_bytes
    if path == STDIN:
        data = sys.stdin.buffer.read(cap + 1)
        if len(data) > cap:
            return _too_large(STDIN_NAME, f"more than {cap:,} bytes", cap)
        return decode(data, STDIN_NAME)
    try:
        if os.path.isdir(path):
            return _error(path, Problem.IS_A_DIRECTORY, "is a directory, not a template file")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb", closefd=True) as fh:
            st = os.fstat(fd)
            if stat.S_ISREG(st.st_mode) and st.st_size > cap:
                return _too_large(path, f"{st.st_size:,} bytes", cap)
            if not stat.S_ISREG(st.st_mode):
                os.set_blocking(fd, True)
            data = fh.read(cap + 1)
    except FileNotFoundError:
        return _error(path, Problem.NO_SUCH_FILE, "no such file")
    except PermissionError:
        return _error(path, Problem.PERMISSION_DENIED, "permission denied")
    except OSError as exc:
        return _error(path, Problem.CANNOT_READ, f"cannot read: {exc.strerror or exc}")
    if len(data) > cap:
        return _too_large(path, f"more than {cap:,} bytes", cap)
    return decode(data, path)


def _too_large(path: str, size: str, cap: int) -> Diagnostic:
    return _error(
        path,
        Problem.FILE_TOO_LARGE,
        f"input limit: file is {size} (limit {cap:,}); raise max-file-bytes to lint it",
    )
