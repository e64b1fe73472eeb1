"""What every nkextract component shares: lexicons handed to ``initialize`` as data (read
from models/ by the ``nkextract.read_lexicons.v1`` reader named in config.cfg), kept in the
component and written with it by ``to_disk`` (the SpanRuler habit), so a saved pipeline
needs neither the source tree nor models/ to load again.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ..errors import LexiconError
from ..extensions import register
from ..lexicons import default_models_dir, find_lexicon, read_lexicon


@registry.readers("nkextract.read_lexicons.v1")
def read_lexicons(models_dir: str | Path | None, files: list[str]) -> dict[str, Any]:
    """Read lexicon and pattern files for a component's ``initialize``.

    models_dir: the models folder (None: the packaged one).
    files: file names, looked up in models_dir, models_dir/lexicons, models_dir/patterns.
    RETURNS: the parsed files by name, as ``initialize(lexicons=...)`` takes them.
    """
    root = Path(models_dir) if models_dir else default_models_dir()
    return {name: read_lexicon(find_lexicon(root, name)) for name in files}


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
        lexicons: dict[str, Any] | None = None,
        models_dir: str | Path | None = None,
    ) -> None:
        """Take this component's lexicons and build its matchers.

        lexicons: the parsed files by name (config.cfg's [initialize.components.NAME]);
            if None, they are read from models_dir (default: the packaged models/).
        """
        if lexicons is None:
            lexicons = read_lexicons(models_dir, list(self.lexicon_files))
        missing = [f for f in self.lexicon_files if f not in lexicons]
        if missing:
            raise LexiconError(f"Component '{self.name}' needs the lexicons {missing}: list "
                               f"them in [initialize.components.{self.name}.lexicons] files.")
        self.lexicons = {f: lexicons[f] for f in self.lexicon_files}
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
