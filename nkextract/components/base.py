"""What every nkextract component shares: lexicons read from models/ in ``initialize``,
kept in the component and written with it by ``to_disk`` (the SpanRuler habit), so a
saved pipeline needs neither the source tree nor models/ to load again.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import LexiconError
from ..extensions import register
from ..lexicons import default_models_dir, find_lexicon, read_lexicon


class LexiconComponent:
    """A pipeline component whose behaviour comes from lexicon files.

    Subclasses name their files in ``lexicon_files`` (found in models/, models/lexicons/
    or models/patterns/) and build their matchers in
    ``_build()``, which runs whenever the lexicons change.
    """

    lexicon_files: tuple[str, ...] = ()

    def __init__(self, nlp: Language, name: str) -> None:
        register()
        self.nlp = nlp
        self.name = name
        self.lexicons: dict[str, Any] = {}

    # -- lifecycle -----------------------------------------------------------------
    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        models_dir: str | Path | None = None,
    ) -> None:
        """Read this component's lexicons from models_dir (default: the packaged models/)."""
        root = Path(models_dir) if models_dir else default_models_dir()
        self.lexicons = {f: read_lexicon(find_lexicon(root, f)) for f in self.lexicon_files}
        self._build()

    def _build(self) -> None:  # pragma: no cover - overridden
        pass

    def _require(self) -> None:
        if not self.lexicons:
            raise LexiconError(
                f"Component '{self.name}' has no lexicons: call nlp.initialize() or use "
                "nkextract.load(), which reads them from models/."
            )

    def __call__(self, doc: Doc) -> Doc:  # pragma: no cover - overridden
        return doc

    # -- serialization -------------------------------------------------------------
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self.lexicons)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "LexiconComponent":
        self.lexicons = srsly.msgpack_loads(data)
        self._build()
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "lexicons.json", self.lexicons)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "LexiconComponent":
        self.lexicons = srsly.read_json(Path(path) / "lexicons.json")
        self._build()
        return self
