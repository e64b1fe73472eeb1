"""Placeholder: being written."""
from __future__ import annotations

from .base import LexiconComponent


class DateFinder(LexiconComponent):
    lexicon_files = ()
