"""Records read off an annotated Doc: Mention and Claim dataclasses and their tables.

Components only annotate the Doc; this module turns those annotations into rows of the
``mentions`` and ``claims`` tables of the README (`### The tables`). ``Claim`` itself lives in
``nkextract.claim`` (re-exported here) so that ``nkextract.extensions`` can build it
without importing this module.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Iterable

import pandas as pd
from spacy.tokens import Doc, Span

from .claim import CLAIM_COLUMNS, Claim
from .extensions import MENTIONS, register


@dataclass
class Mention:
    """A MONEY, PERCENT, DATE or SOURCE span with its normalised value."""

    article: str | None
    label: str
    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    per: str | None = None
    qualifier: str | None = None
    timex: str | None = None
    timex_type: str | None = None
    role: str | None = None
    sentence: str | None = None


MENTION_COLUMNS = [f.name for f in fields(Mention)]


def _sentence_text(span: Span) -> str | None:
    doc = span.doc
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return None
    return span.sent.text.strip()


def mentions_of(doc: Doc, article: str | None = None) -> list[Mention]:
    """The doc's nk_mentions as Mention records, in text order."""
    register()
    article = article if article is not None else doc._.nk_article
    spans = sorted(doc.spans.get(MENTIONS, []), key=lambda s: (s.start_char, s.end_char, s.label_))
    return [
        Mention(
            article=article,
            label=span.label_,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            value=span._.nk_value,
            low=span._.nk_low,
            high=span._.nk_high,
            unit=span._.nk_unit,
            per=span._.nk_per,
            qualifier=span._.nk_qualifier,
            timex=span._.nk_timex,
            timex_type=span._.nk_timex_type,
            role=span._.nk_role,
            sentence=_sentence_text(span),
        )
        for span in spans
    ]


def claims_of(doc: Doc, article: str | None = None) -> list[Claim]:
    """The doc's claims, with article and publication date filled in."""
    register()
    article = article if article is not None else doc._.nk_article
    claims = doc._.nk_claims
    for claim in claims:
        claim.article = article
        claim.published = doc._.nk_published
    return claims


def frame(records: Iterable[Mention | Claim], columns: list[str]) -> pd.DataFrame:
    """A DataFrame of records with the table's columns in order, even when empty."""
    rows = [r.row() if isinstance(r, Claim) else asdict(r) for r in records]
    return pd.DataFrame(rows, columns=columns)


def mentions_frame(docs: Iterable[Doc]) -> pd.DataFrame:
    return frame((m for doc in docs for m in mentions_of(doc)), MENTION_COLUMNS)


def claims_frame(docs: Iterable[Doc]) -> pd.DataFrame:
    return frame((c for doc in docs for c in claims_of(doc)), CLAIM_COLUMNS)
