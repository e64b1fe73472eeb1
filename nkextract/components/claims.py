"""Placeholder: being written."""
from __future__ import annotations

from .base import LexiconComponent


class ClaimAssembler(LexiconComponent):
    lexicon_files = ()
