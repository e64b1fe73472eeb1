"""nk_lemma_table: the English model's rule lemmatizer, applied as table lookups.

spaCy's rule lemmatizer already caches a lemma per (word, part of speech, morphology), but
still visits every token through Python objects. A token's lemma depends on those three
values only (``EnglishLemmatizer.rule_lemmatize`` and ``is_base_form`` read nothing
else), so this subclass reads them for all tokens at once with ``Doc.to_array``, looks each
combination up in a table (filled by the lemmatizer itself on first sight) and writes all
lemmas with ``Doc.from_array``: the same lemmas in a fraction of the time. Hand-written
because spaCy has no vectorised lemmatizer; the lookup tables are the model's own.
"""
from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.tokens import Doc


class LemmaTable(EnglishLemmatizer):
    """An ``EnglishLemmatizer`` that looks each token's lemma up in a table."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lemmas: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token that has none (every token with overwrite)."""
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            if len(doc):
                self._apply(doc)
            return doc
        except Exception as err:  # the lemmatizer's own error handling
            return error_handler(self.name, self, [doc], err)

    def _apply(self, doc: Doc) -> None:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0 or self.overwrite:
                key = (orth, pos, morph)
                lemma = self._lemmas.get(key)
                if lemma is None:
                    lemma = self._lemmas[key] = self.vocab.strings.add(
                        self.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=numpy.uint64).reshape(-1, 1))

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()) -> "LemmaTable":
        self._lemmas = {}
        return super().from_bytes(bytes_data, exclude=exclude)

    def from_disk(self, path, *, exclude=tuple()) -> "LemmaTable":
        self._lemmas = {}
        return super().from_disk(path, exclude=exclude)
