"""What can be wrong with the input, named by what went wrong, and the one table that says which
rule reports each and what it does to the run.

The source layer reports a :class:`Problem` and a message; the rule id comes from
:data:`REPORTED_AS` and the severity from the rule's catalog entry (``rules/catalog/LLnnn.yaml``),
so neither is written where the problem is found.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Problem(Enum):
    # Reading the file
    NO_SUCH_FILE = "no-such-file"
    IS_A_DIRECTORY = "is-a-directory"
    PERMISSION_DENIED = "permission-denied"
    CANNOT_READ = "cannot-read"
    FILE_TOO_LARGE = "file-too-large"
    CANNOT_DECODE = "cannot-decode"  # a byte-order mark whose codec fails
    BINARY_FILE = "binary-file"
    NOT_UTF8 = "not-utf8"
    # Parsing YAML/JSON
    SYNTAX_ERROR = "syntax-error"
    MERGE_KEY_NOT_MAPPING = "merge-key-not-mapping"
    DUPLICATE_KEY = "duplicate-key"
    UNKNOWN_TAG = "unknown-tag"
    NON_STRING_KEY = "non-string-key"
    INPUT_LIMIT = "input-limit"
    AMBIGUOUS_SCALAR = "ambiguous-scalar"
    # The document as a template
    NOT_A_MAPPING = "not-a-mapping"
    UNKNOWN_SECTION = "unknown-section"
    GLOBALS_INVALID = "globals-invalid"
    PARAMETER_NOT_MAPPING = "parameter-not-mapping"
    VALUE_NOT_ALLOWED = "value-not-allowed"  # a parameter's Default or override
    RESOURCES_NOT_MAPPING = "resources-not-mapping"
    TOO_MANY_RESOURCES = "too-many-resources"
    RESOURCE_NOT_MAPPING = "resource-not-mapping"
    RESOURCE_WITHOUT_TYPE = "resource-without-type"
    PROPERTIES_NOT_MAPPING = "properties-not-mapping"
    IGNORE_GLOBALS_INVALID = "ignore-globals-invalid"
    # Function code on disk
    CODE_PATH_UNSAFE = "code-path-unsafe"  # outside the project root, or a symlink loop
    CODE_ARCHIVE_REJECTED = "code-archive-rejected"
    CODE_PATH_MISSING = "code-path-missing"


@dataclass(frozen=True, slots=True)
class Reported:
    rule_id: str
    # The file cannot be linted: a tool error, exit 2 whatever the fail level.
    fatal: bool = False


_READ = Reported("LL001", fatal=True)
_SYNTAX = Reported("LL002", fatal=True)
_LIMIT = Reported("LL007", fatal=True)
_ENCODING = Reported("LL009", fatal=True)
_STRUCTURE = Reported("LL006")

# The one table: every problem, the rule that reports it, and whether it stops the file.
REPORTED_AS: dict[Problem, Reported] = {
    Problem.NO_SUCH_FILE: _READ,
    Problem.IS_A_DIRECTORY: _READ,
    Problem.PERMISSION_DENIED: _READ,
    Problem.CANNOT_READ: _READ,
    Problem.FILE_TOO_LARGE: _LIMIT,
    Problem.CANNOT_DECODE: _ENCODING,
    Problem.BINARY_FILE: _ENCODING,
    Problem.NOT_UTF8: _ENCODING,
    Problem.SYNTAX_ERROR: _SYNTAX,
    Problem.MERGE_KEY_NOT_MAPPING: Reported("LL002"),
    Problem.DUPLICATE_KEY: Reported("LL004"),
    Problem.UNKNOWN_TAG: Reported("LL005"),
    Problem.NON_STRING_KEY: _STRUCTURE,
    Problem.INPUT_LIMIT: _LIMIT,
    Problem.AMBIGUOUS_SCALAR: Reported("LL008"),
    Problem.NOT_A_MAPPING: Reported("LL003", fatal=True),
    Problem.UNKNOWN_SECTION: _STRUCTURE,
    Problem.GLOBALS_INVALID: _STRUCTURE,
    Problem.PARAMETER_NOT_MAPPING: _STRUCTURE,
    Problem.VALUE_NOT_ALLOWED: _STRUCTURE,
    Problem.RESOURCES_NOT_MAPPING: _STRUCTURE,
    Problem.TOO_MANY_RESOURCES: _LIMIT,
    Problem.RESOURCE_NOT_MAPPING: _STRUCTURE,
    Problem.RESOURCE_WITHOUT_TYPE: _STRUCTURE,
    Problem.PROPERTIES_NOT_MAPPING: _STRUCTURE,
    Problem.IGNORE_GLOBALS_INVALID: _STRUCTURE,
    Problem.CODE_PATH_UNSAFE: Reported("LL017"),
    Problem.CODE_ARCHIVE_REJECTED: Reported("LL018"),
    Problem.CODE_PATH_MISSING: Reported("LL019"),
}
