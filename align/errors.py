"""User-facing errors, each with a stable code.

Planners read these messages, so each one says what went wrong, which file or value,
and what to do next, on one line. Codes are never renumbered or reused:
A1xx input files, A2xx framework data, A3xx models and cache, A4xx output, A9xx internal.
"""

from __future__ import annotations


class AlignError(Exception):
    """Base class. `code` is shown in front of the message; `exit_code` is what the CLI returns."""

    code = "A900"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


# ---- A1xx: input files ------------------------------------------------------------------
class InputError(AlignError):
    code = "A100"


class FileMissing(InputError):
    code = "A101"


class NotAPdf(InputError):
    code = "A102"


class EncryptedPdf(InputError):
    code = "A103"


class CorruptPdf(InputError):
    code = "A104"


class EmptyPdf(InputError):
    code = "A105"


class NoTextLayer(InputError):
    code = "A106"


class UnsupportedFormat(InputError):
    code = "A107"


class NotNorwegian(InputError):
    code = "A108"


# ---- A2xx: framework data -----------------------------------------------------------------
class FrameworkError(AlignError):
    code = "A201"


class FrameworkNotFound(FrameworkError):
    code = "A202"


# ---- A3xx: models and cache -----------------------------------------------------------------
class ModelError(AlignError):
    code = "A301"


class ModelUnavailable(ModelError):
    code = "A302"


class CacheError(ModelError):
    code = "A303"


# ---- A4xx: output -----------------------------------------------------------------------------
class OutputError(AlignError):
    code = "A401"


class ResultInvalid(OutputError):
    """A result file (`*.align.json`) cannot be read back: not JSON, wrong schema, newer version."""

    code = "A402"


class UnsupportedReportLanguage(OutputError):
    code = "A403"


# ---- batch (added for `align batch`) ------------------------------------------------------------
class ManifestInvalid(InputError):
    """The batch input is not a folder or a readable manifest CSV with the required columns."""

    code = "A109"


class WorkerFailed(AlignError):
    """A worker process died (crash, out of memory) while it worked on a file, twice."""

    code = "A901"


class UnexpectedError(AlignError):
    """A bug: an exception that is not an AlignError, caught so that the batch can go on."""

    code = "A902"
