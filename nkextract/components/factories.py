"""Every nkextract component factory, registered in one place.

Each factory's ``default_config`` holds the component's settings (thresholds, weights);
``models/config.cfg`` overrides them like any spaCy component's. The mentions' span group
is no setting: it is the contract's ``doc.spans["nk_mentions"]`` (``extensions.MENTIONS``),
which every component, the records and the views read. setup.cfg
exposes these through the ``spacy_factories`` entry point, so ``spacy.load`` of a saved
nkextract pipeline works in a fresh process.
"""
from __future__ import annotations

from spacy.language import Language

from .attribute_table import AttributeTable
from .claims.assembler import ClaimAssembler
from .dates import DateFinder
from .lemma_table import LemmaTable
from .measurements import MeasurementFinder
from .quantities import QuantityFinder
from .selective_ner import SelectiveNER
from .sources.finder import DEFAULT_SCORES, MAX_PHRASE, SourceFinder

_ASSIGNS_SPANS = ["doc.spans"]  # spans go to doc.spans["nk_mentions"]


@Language.factory(
    "nk_attribute_table",
    assigns=["token.pos", "token.tag", "token.morph", "token.lemma"],
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_attribute_table(nlp: Language, name: str, validate: bool, scorer) -> AttributeTable:
    return AttributeTable(nlp.vocab, name, validate=validate, scorer=scorer)


@Language.factory(
    "nk_selective_ner",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    default_config={"model": None, "moves": None, "update_with_oracle_cut_size": 100,
                    "incorrect_spans_key": None, "scorer": {"@scorers": "spacy.ner_scorer.v1"},
                    "triggers": [], "margin": 0},
)
def make_selective_ner(nlp: Language, name: str, model, moves, update_with_oracle_cut_size: int,
                       incorrect_spans_key, scorer, triggers: list[str],
                       margin: int) -> SelectiveNER:
    return SelectiveNER(nlp.vocab, model, name, moves=moves,
                        update_with_oracle_cut_size=update_with_oracle_cut_size,
                        incorrect_spans_key=incorrect_spans_key, scorer=scorer,
                        triggers=triggers, margin=margin)


@Language.factory(
    "nk_lemma_table",
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "rule", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
)
def make_lemma_table(nlp: Language, name: str, model, mode: str, overwrite: bool,
                     scorer) -> LemmaTable:
    return LemmaTable(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


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
    "nk_measurements",
    requires=["doc.spans", "token.lemma", "token.tag", "token.dep"],
    assigns=_ASSIGNS_SPANS + ["span._.nk_value", "span._.nk_low", "span._.nk_high", "span._.nk_unit"],
)
def make_measurements(nlp: Language, name: str) -> MeasurementFinder:
    return MeasurementFinder(nlp, name)


@Language.factory(
    "nk_sources",
    requires=["doc.ents", "token.dep", "token.lemma"],
    assigns=_ASSIGNS_SPANS + ["span._.nk_role", "doc._.nk_attribution"],
    default_config={"max_phrase": MAX_PHRASE, "scores": DEFAULT_SCORES},
)
def make_sources(nlp: Language, name: str, max_phrase: int, scores: dict[str, float]) -> SourceFinder:
    return SourceFinder(nlp, name, max_phrase=max_phrase, scores=scores)


@Language.factory(
    "nk_claims",
    requires=["doc.spans", "token.dep", "doc.ents", "doc._.nk_attribution"],
    assigns=["doc._.nk_claims"],
)
def make_claims(nlp: Language, name: str) -> ClaimAssembler:
    return ClaimAssembler(nlp, name)
