"""Where the models/ folder is and how its lexicon and pattern files are read."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import srsly

from .errors import LexiconError


def default_models_dir() -> Path:
    """The models/ folder: in a source checkout, ``models/`` beside the package folder (the
    folder shadows any installed copy, so its own models belong to it); otherwise the one
    installed with the package (``nkextract.models``)."""
    beside = Path(__file__).resolve().parent.parent / "models"
    if (beside / "config.cfg").is_file():
        return beside
    try:
        return Path(str(resources.files("nkextract.models")))
    except ModuleNotFoundError as err:
        raise LexiconError("nkextract's models/ folder is missing: reinstall nkextract "
                           "(`pip install .` in its sources) or pass models_dir.") from err


#: where in models/ a lexicon or pattern file may live
SUBFOLDERS = ("", "lexicons", "patterns")


def find_lexicon(models_dir: Path, name: str) -> Path:
    """The path of lexicon file ``name`` under models_dir (the first folder that has it)."""
    for sub in SUBFOLDERS:
        path = models_dir / sub / name
        if path.exists():
            return path
    return models_dir / "lexicons" / name


def read_lexicon(path: Path) -> Any:
    """Read a ``.json`` lexicon or a ``.jsonl`` pattern file, with a clear error."""
    if not path.exists():
        raise LexiconError(f"Lexicon file {path} is missing: restore it from the nkextract sources.")
    try:
        if path.suffix == ".jsonl":
            return list(srsly.read_jsonl(path))
        return srsly.read_json(path)
    except (ValueError, json.JSONDecodeError) as err:
        raise LexiconError(f"Lexicon file {path} is not valid JSON ({err}); fix the line it names.") from err


def check_models_dir(models_dir: str | Path | None) -> Path:
    """A models folder, checked before a run writes anything: its config.cfg and every
    lexicon and pattern file the packaged models/ has must be present and readable.

    models_dir: the folder to check (None: the packaged models/).
    RETURNS: the folder, resolved. Raises LexiconError naming the first bad file.
    """
    packaged = default_models_dir()
    if models_dir is None:
        return packaged
    root = Path(models_dir).expanduser().resolve()
    if not root.is_dir():
        raise LexiconError(f"Models folder {root} does not exist: give a copy of nkextract's models/ folder.")
    if not (root / "config.cfg").is_file():
        raise LexiconError(f"Models file {root / 'config.cfg'} is missing: copy it from {packaged}.")
    expected = {p.relative_to(packaged) for sub in ("lexicons", "patterns")
                for p in (packaged / sub).glob("*.json*")}
    present = {p.relative_to(root) for sub in ("lexicons", "patterns") for p in (root / sub).glob("*.json*")}
    for name in sorted(expected | present):
        read_lexicon(root / name)
    return root
