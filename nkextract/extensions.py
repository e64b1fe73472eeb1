"""The ``nk_`` extension attributes on Doc and Span, registered once.

Values are plain JSON types so that docs round-trip through ``Doc.to_bytes`` (which
``nlp.pipe(n_process=2)`` and ``DocBin`` rely on). Components call ``register()``; it
is idempotent and never uses ``force=True``.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .claim import Claim

#: the span group every component writes to
MENTIONS = "nk_mentions"

SPAN_ATTRS = {
    "nk_value": None,      # float, the number as written (signed only when the sign is written: "-2.1%"); None for a range
    "nk_low": None,        # float, range low end (== value otherwise)
    "nk_high": None,       # float, range high end (== value otherwise)
    "nk_unit": None,       # ISO 4217 code, "%" or "pp"
    "nk_per": None,        # MONEY per unit: "$71 a barrel" -> "barrel" (a price, never a total)
    "nk_qualifier": None,  # "more_than" / "less_than" / "approx" / ... joined with "+"
    "nk_qualifier_start": None,  # char offset where the qualifier words begin ("more than 90%")
    "nk_timex": None,      # DATE: TIMEX3 value
    "nk_timex_type": None,  # DATE: TIMEX3 type (DATE, TIME, DURATION or SET)
    "nk_role": None,       # SOURCE: "source" or "via"
}

DOC_ATTRS = {
    "nk_article": None,       # the article's name (file name in a batch), or None
    "nk_published": None,     # ISO date string of publication, or None
    "nk_attribution": None,   # per segment: [start token, source, via] (None when unattributed)
    "nk_claim_rows": None,    # list of claim dicts (serializable form of nk_claims)
}


def _claims_getter(doc: Doc) -> list[Claim]:
    return [Claim.from_row(row) for row in (doc._.nk_claim_rows or [])]


def register() -> None:
    """Register the nk_ extensions on Doc and Span unless already there."""
    for name, default in SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Doc.has_extension("nk_claims"):
        Doc.set_extension("nk_claims", getter=_claims_getter)


def apply_context(doc: Doc) -> Doc:
    """Copy ``published`` and ``article`` from an ``nlp.pipe(as_tuples=True)`` context."""
    context = getattr(doc, "_context", None)
    if isinstance(context, dict):
        if context.get("published"):
            doc._.nk_published = str(context["published"])[:10]
        if context.get("article"):
            doc._.nk_article = str(context["article"])
    return doc
