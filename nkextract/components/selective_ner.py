"""nk_selective_ner: the English model's entity recognizer, run only on the sentences
whose entities some rule reads.

The recognizer is the costliest pipe of en_core_web_sm (about 45% of its time: it has its
own token-to-vector layers), and nkextract reads entities mostly around figures and dates.
A sentence holding neither a number (digits, number words) nor a trigger word (the date
words of config.cfg) is left outside any entity: about 28% of the tokens of Reuters
stories. The selected sentences of a batch of docs are copied into small docs (runs of
neighbouring sentences together, with ``margin`` tokens of context on either side and
the sentence starts, which no entity crosses, as in the full doc), recognized in one
batch, and their entities written back. Measured on 1,000 Reuters stories, the seeds and
the peer suites: every accuracy figure unchanged (see README, "Speed").
"""
from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple

import numpy
from spacy.attrs import LEMMA, LIKE_NUM, LOWER, SENT_START, SHAPE
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from spacy.util import minibatch


class Run(NamedTuple):
    """Neighbouring selected sentences of one doc: tokens [start, end)."""

    doc: int
    start: int
    end: int


class SelectiveNER(EntityRecognizer):
    """An ``EntityRecognizer`` that recognizes entities in the sentences that matter."""

    def __init__(self, *args, triggers: Iterable[str] = (), margin: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.margin = margin
        self._shapes: dict[int, bool] = {}  # shape hash -> has a digit
        self.set_triggers(triggers)

    def set_triggers(self, triggers: Iterable[str]) -> None:
        """The words (lower case or lemma) that make a sentence worth recognizing."""
        self.triggers = sorted({w.lower() for w in triggers})
        self._trigger_hashes = numpy.asarray(
            [self.vocab.strings.add(w) for w in self.triggers], dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Recognize entities in the selected sentences of each batch of docs."""
        error_handler = self.get_error_handler()
        for docs in minibatch(stream, size=batch_size):
            docs = list(docs)
            try:
                self._recognize(docs)
            except Exception as err:
                error_handler(self.name, self, docs, err)
            yield from docs

    def _recognize(self, docs: list[Doc]) -> None:
        runs = [run for k, doc in enumerate(docs) for run in self._runs(k, doc)]
        parts = [self._part(docs[run.doc], run) for run in runs]
        if parts:
            self.set_annotations(parts, self.predict(parts))
        found: dict[int, list[Span]] = {}
        for run, part in zip(runs, parts):
            doc, offset = docs[run.doc], self._left(run)
            for ent in part.ents:
                start, end = ent.start + offset, ent.end + offset
                if run.start <= start and end <= run.end:
                    found.setdefault(run.doc, []).append(Span(doc, start, end, label=ent.label))
        for k, doc in enumerate(docs):
            doc.set_ents(found.get(k, []), default="outside")

    def _left(self, run: Run) -> int:
        return max(0, run.start - self.margin)

    def _part(self, doc: Doc, run: Run) -> Doc:
        """A doc of a run's tokens (with margin tokens of context on either side), every
        token attribute copied: the recognizer reads the tokenizer's norms ("Oct." is
        "october") and the sentence starts."""
        return doc[self._left(run):min(len(doc), run.end + self.margin)].as_doc()

    def _digit_shapes(self, shapes: numpy.ndarray) -> numpy.ndarray:
        """Which tokens have a digit in them ("mid-1987", "Q3"), from their shapes."""
        for shape in set(shapes.tolist()) - self._shapes.keys():
            self._shapes[shape] = "d" in self.vocab.strings[shape]
        with_digit = numpy.asarray([s for s, d in self._shapes.items() if d], dtype="uint64")
        return numpy.isin(shapes, with_digit)

    def _runs(self, k: int, doc: Doc) -> list[Run]:
        """Runs of neighbouring sentences holding a number or a trigger word."""
        if not len(doc):
            return []
        table = doc.to_array([SENT_START, LIKE_NUM, SHAPE, LOWER, LEMMA])
        hit = (table[:, 1] == 1) | self._digit_shapes(table[:, 2]) \
            | numpy.isin(table[:, 3], self._trigger_hashes) \
            | numpy.isin(table[:, 4], self._trigger_hashes)
        starts = numpy.flatnonzero(table[:, 0] == 1).tolist()
        if not starts or starts[0] != 0:
            starts = [0] + starts
        bounds = starts + [len(doc)]
        runs: list[Run] = []
        for start, end in zip(bounds, bounds[1:]):
            if not hit[start:end].any():
                continue
            if runs and runs[-1].end == start:
                runs[-1] = Run(k, runs[-1].start, end)
            else:
                runs.append(Run(k, start, end))
        return runs
