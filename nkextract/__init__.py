"""nkextract: the numbers in news wire stories as cross-checked evidence.

    >>> import nkextract
    >>> nlp = nkextract.load()
    >>> doc = nlp("Exports fell 42% to $152,000 in November, customs data showed.")
    >>> doc._.nk_claims

Nothing is loaded at import time: each name below imports its module on first use.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load": "nkextract.pipeline",
    "extract": "nkextract.batch.run",
    "cross_check": "nkextract.crosscheck",
    "render": "nkextract.views.display",
    "plot": "nkextract.views.timeline",
    "Claim": "nkextract.records",
    "Mention": "nkextract.records",
    "claims_of": "nkextract.records",
    "mentions_of": "nkextract.records",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'nkextract' has no attribute {name!r}")
    try:
        module = importlib.import_module(_EXPORTS[name])
    except ModuleNotFoundError as err:
        if not err.name or err.name.split(".")[0] == __name__:
            raise
        from .errors import DependencyMissing
        raise DependencyMissing(err.name.split(".")[0]) from err
    return getattr(module, name)


def __dir__() -> list[str]:
    return __all__
