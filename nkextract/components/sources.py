"""Placeholder: being written."""
from __future__ import annotations

from .base import LexiconComponent


class SourceFinder(LexiconComponent):
    lexicon_files = ()
