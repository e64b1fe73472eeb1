"""The claim assembler's word knowledge, built once from the lexicons in models/.

``ClaimLexicon`` holds the phrase matchers and word sets that the per-document index and
the field rules read. It is built by the component from its lexicon files and handed to
each document's ``DocIndex``; it holds nothing about any one document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher


#: the label of phrases that hold a measure word but name no measure ("an annual rate of")
NOT_A_MEASURE = "_not_a_measure"


def phrase_matcher(nlp: Language, table: dict[str, list[str]]) -> PhraseMatcher:
    """A lower-case PhraseMatcher with one label per key of table."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for label, phrases in table.items():
        if phrases:
            matcher.add(label, [nlp.make_doc(p) for p in phrases])
    return matcher


@dataclass
class ClaimLexicon:
    """Matchers and word sets of the claim rules (models/lexicons/*.json)."""

    countries: PhraseMatcher
    contextual: PhraseMatcher
    partners: PhraseMatcher
    metrics: PhraseMatcher
    adjusted: PhraseMatcher
    basis: PhraseMatcher
    shares: PhraseMatcher
    products: PhraseMatcher
    anaphors: PhraseMatcher
    ambiguous: set[str]
    metric_info: dict[str, dict[str, Any]]
    bare_balance: set[str]
    comparison: set[str]
    comparison_after: set[str]
    negative: set[str]
    positive: set[str]
    generic: set[str]
    up: set[str]
    down: set[str]
    change_nouns: set[str]
    skip: list[str]
    forecast: set[str]
    forecast_nouns: set[str]
    provisional: set[str]
    revised: set[str]
    reporting: set[str]
    bounding: set[str]
    place_fillers: set[str]
    to_preps: set[str]
    from_preps: set[str]
    partner_preps: set[str] = field(default_factory=set)
    level_nouns: set[str] = field(default_factory=set)
    forecast_adjectives: set[str] = field(default_factory=set)
    base_phrases: set[str] = field(default_factory=set)
    not_as_adjective: set[str] = field(default_factory=set)
    near_only: set[str] = field(default_factory=set)
    index_base_words: set[str] = field(default_factory=set)
    maturity: set[str] = field(default_factory=set)
    fiscal_year_end: dict[str, int] = field(default_factory=dict)
    day_parts: set[str] = field(default_factory=set)
    compared_openers: set[str] = field(default_factory=set)
    basis_preps: set[str] = field(default_factory=set)
    opinion_verbs: set[str] = field(default_factory=set)
    day_part_days: dict[str, int] = field(default_factory=dict)
    subjects: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)
    currencies: dict[str, Any] = field(default_factory=dict)

    def flow(self, metric: str | None) -> str | None:
        """Which way a metric moves goods or money: "out", "in", "both" or None."""
        return self.metric_info.get(metric or "", {}).get("flow")

    def scope(self, metric: str | None) -> str | None:
        """"company", "market" or None (a country's statistic)."""
        return self.metric_info.get(metric or "", {}).get("scope")

    def has(self, metric: str | None, flag: str) -> bool:
        """Whether a metric has a flag of metrics.json ("signed", "rate", "per_share", ...)."""
        return bool(self.metric_info.get(metric or "", {}).get(flag))


def build_lexicon(nlp: Language, lexicons: dict[str, Any]) -> ClaimLexicon:
    """The ClaimLexicon of the lexicon files read by the component's ``initialize``."""
    countries = lexicons["countries.json"]
    metrics = lexicons["metrics.json"]
    cues = lexicons["cues.json"]
    products = lexicons["products.json"]
    subjects = lexicons["subjects.json"]
    contextual = countries["contextual"]
    return ClaimLexicon(
        countries=phrase_matcher(nlp, countries["countries"]),
        contextual=phrase_matcher(nlp, {iso: [a for a, i in contextual.items() if i == iso]
                                        for iso in set(contextual.values())}),
        partners=phrase_matcher(nlp, {"PARTNER": countries["partner_words"]}),
        metrics=phrase_matcher(nlp, {m: v["cues"] for m, v in metrics["metrics"].items()}
                               | {NOT_A_MEASURE: metrics.get("not_measures", [])}),
        adjusted=phrase_matcher(nlp, {"SA": metrics["seasonally_adjusted"],
                                      "SA_SENTENCE": metrics.get("seasonally_adjusted_sentence", [])}),
        basis=phrase_matcher(nlp, cues["basis"]),
        shares=phrase_matcher(nlp, {"SHARE": cues["share_words"]}),
        products=phrase_matcher(nlp, products["products"]),
        anaphors=phrase_matcher(nlp, {"ANAPHOR": subjects["anaphors"]}),
        ambiguous={a.lower() for a in countries["ambiguous"]},
        metric_info=metrics["metrics"] | {NOT_A_MEASURE: {"scope": "none", "cues": []}},
        bare_balance=set(metrics["bare_balance"]),
        comparison=set(metrics["comparison_words"]),
        comparison_after=set(metrics.get("comparison_after", ())),
        base_phrases=set(metrics.get("base_phrases", ())),
        not_as_adjective=set(metrics.get("not_as_adjective", ())),
        near_only=set(metrics.get("near_only", ())),
        index_base_words=set(metrics.get("index_base_words", ())),
        negative=set(metrics["balance"]["negative"]),
        positive=set(metrics["balance"]["positive"]),
        generic=set(products["generic"]),
        up=set(cues["up"]), down=set(cues["down"]),
        change_nouns=set(cues["change_nouns"]),
        level_nouns=set(cues.get("level_nouns", ())),
        forecast_adjectives=set(cues.get("forecast_adjectives", ())),
        maturity=set(cues.get("maturity_words", ())),
        fiscal_year_end=countries.get("fiscal_year_end", {}),
        compared_openers=set(cues.get("compared_openers", ())),
        basis_preps=set(cues.get("basis_preps", ())),
        opinion_verbs=set(cues.get("opinion_verbs", ())),
        day_parts=set(lexicons.get("dates.json", {}).get("day_parts", {})),
        day_part_days={w: n for w, n in lexicons.get("dates.json", {}).get("day_part_days", {}).items() if w},
        skip=cues["skip_before"] + ["by"],
        forecast=set(cues["forecast"]),
        forecast_nouns=set(cues.get("forecast_nouns", ())),
        provisional=set(cues["provisional"]),
        revised=set(cues["revised"]),
        reporting=set(cues["reporting_verbs"]),
        bounding=set(cues["bounding_marks"]),
        place_fillers=set(countries.get("place_fillers", ())),
        to_preps=set(countries.get("destination_preps", ())),
        from_preps=set(countries.get("origin_preps", ())),
        partner_preps=set(countries.get("partner_preps", ())),
        subjects=subjects,
        tables=lexicons["tables.json"],
        currencies=lexicons.get("currencies.json", {}),
    )
