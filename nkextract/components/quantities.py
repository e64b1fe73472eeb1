"""Placeholder: being written."""
from __future__ import annotations

from .base import LexiconComponent


class QuantityFinder(LexiconComponent):
    lexicon_files = ()
