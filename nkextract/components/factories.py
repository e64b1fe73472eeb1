"""Every nkextract component factory, registered in one place.

setup.cfg exposes these through the ``spacy_factories`` entry point, so ``spacy.load``
of a saved nkextract pipeline works in a fresh process.
"""
from __future__ import annotations

from spacy.language import Language

from .claims.assembler import ClaimAssembler
from .dates import DateFinder
from .quantities import QuantityFinder
from .sources.finder import SourceFinder

_ASSIGNS_SPANS = ["doc.spans"]  # spans go to doc.spans[MENTIONS]


@Language.factory(
    "nk_dates",
    requires=["doc.ents"],
    assigns=_ASSIGNS_SPANS + ["span._.nk_timex", "span._.nk_timex_type", "doc._.nk_published"],
)
def make_dates(nlp: Language, name: str) -> DateFinder:
    return DateFinder(nlp, name)


@Language.factory(
    "nk_quantities",
    requires=["doc.ents"],
    assigns=_ASSIGNS_SPANS + ["span._.nk_value", "span._.nk_low", "span._.nk_high", "span._.nk_unit",
                             "span._.nk_per", "span._.nk_qualifier"],
)
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder(nlp, name)


@Language.factory(
    "nk_sources",
    requires=["doc.ents", "token.dep"],
    assigns=_ASSIGNS_SPANS + ["span._.nk_role", "doc._.nk_attribution",
                              "doc._.nk_attribution_segments"],
)
def make_sources(nlp: Language, name: str) -> SourceFinder:
    return SourceFinder(nlp, name)


@Language.factory(
    "nk_claims",
    requires=["doc.spans", "token.dep", "doc.ents", "doc._.nk_attribution_segments"],
    assigns=["doc._.nk_claims"],
)
def make_claims(nlp: Language, name: str) -> ClaimAssembler:
    return ClaimAssembler(nlp, name)
