"""Showing what was found: a displaCy view of one Doc, and the cell helpers every view shares.

``nkextract.render`` comes from here (the timelines, ``nkextract.plot``, from
``timeline``). The module is not called ``render``: importing a submodule
``nkextract.render`` would shadow the function.

Like ``spacy.displacy``, rendering lives outside the pipeline: it only reads
``doc.spans["nk_mentions"]`` and ``doc._.nk_claims``.
"""
from __future__ import annotations

import html
import json
import logging
import math
from typing import Any

import pandas as pd
from spacy import displacy
from spacy.tokens import Doc

from ..extensions import MENTIONS, register

logger = logging.getLogger(__name__)

#: one colour per mention label
LABEL_COLORS = {"MONEY": "#7aecec", "PERCENT": "#feca74", "DATE": "#bfe1d9", "SOURCE": "#c887fb",
                "QUANTITY": "#e4e7d2"}


class RenderedHTML(str):
    """An HTML string that notebooks display as HTML when it is a cell's value."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:  # the markup itself is str(self)
        return f"<nkextract.render: {len(self):,} characters of HTML>"


# ---------------------------------------------------------------- small shared helpers


def as_list(value: Any) -> list:
    """A list of claim ids from a table cell (list, array, JSON text or ``;``-joined)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                return [str(v) for v in json.loads(text)]
            except ValueError:
                pass
        return [part for part in text.split(";") if part]
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value]
    return [str(value)]


def is_missing(value: Any) -> bool:
    """Whether a table cell holds nothing (None, NaN, NaT); a list or array is a value."""
    if value is None:
        return True
    if isinstance(value, (list, tuple, set, dict)) or getattr(value, "ndim", 0):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def as_number(value: Any) -> float | None:
    """A cell as a float (infinite kept), or None when it holds no number."""
    if is_missing(value) or isinstance(value, (str, bytes, list, tuple, set, dict)):
        return None
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return None


def valid_text(text: str) -> str:
    """Text that can be encoded (UTF-8, pyarrow strings): a lone surrogate, which a table's
    JSON can hold (``"\\ud800"``), becomes ``?``."""
    return text.encode("utf-8", "replace").decode("utf-8")


def is_conflict(status: Any) -> bool:
    """Whether a facts or checks status says the figures disagree."""
    return not is_missing(status) and str(status).lower().startswith("conflict")


def format_number(value: Any) -> str:
    """A figure in short form: 4560000 -> '4.56M', 4567 -> '4,567', -42 -> '-42'."""
    if is_missing(value):
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):  # words, lists, integers beyond a float
        return str(value)
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    size = abs(number)
    for scale, suffix in ((1e12, "T"), (1e9, "bn"), (1e6, "M")):
        if size >= scale:
            return f"{number / scale:.6g}{suffix}"
    if size >= 1000 and number == int(number):
        return f"{int(number):,}"
    return f"{number:.6g}"


# ---------------------------------------------------------------- displaCy view of a Doc


def _mention_label(span) -> str:
    if span.label_ == "DATE":
        detail = span._.nk_timex or ""
    elif span.label_ == "SOURCE":
        detail = "via" if span._.nk_role == "via" else ""
    elif span._.nk_value is None and span._.nk_low is not None:
        detail = f"{format_number(span._.nk_low)}–{format_number(span._.nk_high)} {span._.nk_unit or ''}"
    else:
        detail = f"{format_number(span._.nk_value)} {span._.nk_unit or ''}"
    return " ".join(f"{span.label_} {detail}".split())


def _claim_line(number: int, claim, anchor: str) -> str:
    what = " ".join(str(v) for v in (claim.metric, claim.role) if v)
    where = "→".join(str(v) for v in (claim.origin, claim.destination) if v)
    parts = [
        f"<b>{html.escape(claim.text or '')}</b> = {html.escape(format_number(claim.value))} "
        f"{html.escape(claim.unit or '')}",
        html.escape(" ".join(v for v in (what, where, claim.product or "", claim.period or "") if v)),
    ]
    if claim.qualifier:
        parts.append(f"({html.escape(claim.qualifier)})")
    source = html.escape(claim.source) if claim.source else "<i>unattributed</i>"
    if claim.via:
        source += f" via {html.escape(claim.via)}"
    return (f'<li id="{anchor}-{number}" value="{number}">{" ".join(parts)}'
            f" — source: {source}</li>")


def _source_span_of(claim, sources: list) -> Any:
    """The SOURCE span a claim's source came from: in the claim's sentence first, then any."""
    if not claim.source:
        return None
    wanted = claim.source.lower()
    matches = [s for s in sources if s.text.lower() in wanted or wanted in s.text.lower()]
    doc = matches[0].doc if matches else None
    if doc is not None and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        near = [s for s in matches if s.sent.start_char <= claim.start < s.sent.end_char]
        matches = near or matches
    return matches[0] if matches else None


def render(doc: Doc, *, jupyter: bool | None = None) -> str:
    """Render a Doc's mentions in displaCy's span style, with its claims listed below.

    Each span's label carries its normalised value, unit or TIMEX3; a figure that is a
    claim links to its line in the claim list, which names the claim's source, and
    each SOURCE span lists the claims attributed to it.

    doc: a Doc processed by the nkextract pipeline.
    jupyter: True to display the markup now through IPython (inside loops); by default
        the returned string displays itself as HTML when it is a notebook cell's value.
    RETURNS: the HTML markup (a str).
    """
    register()
    spans = sorted(doc.spans.get(MENTIONS, []), key=lambda s: (s.start_char, s.end_char))
    claims = sorted(doc._.nk_claims or [], key=lambda c: c.start)
    anchor = f"nk-{html.escape(str(doc._.nk_article or id(doc)), quote=True)}".replace(" ", "_")
    sources = [s for s in spans if s.label_ == "SOURCE"]
    claims_of_source: dict[int, list[int]] = {}
    for i, claim in enumerate(claims, 1):
        span = _source_span_of(claim, sources) if sources else None
        if span is not None:
            claims_of_source.setdefault(span.start_char, []).append(i)

    parsed_spans, colors = [], {}
    for span in spans:
        label = _mention_label(span)
        kb_id, kb_url = "", "#"
        claimed = [i for i, c in enumerate(claims, 1) if span.label_ in ("MONEY", "PERCENT")
                   and c.start < span.end_char and span.start_char < c.end]
        if claimed:
            kb_id = "claim " + ",".join(map(str, claimed))
            kb_url = f"#{anchor}-{claimed[0]}"
        elif span.start_char in claims_of_source:
            numbers = claims_of_source[span.start_char]
            kb_id = "→ claim " + ",".join(map(str, numbers))
            kb_url = f"#{anchor}-{numbers[0]}"
        label = html.escape(label)  # displaCy does not escape labels
        colors[label.upper()] = LABEL_COLORS.get(span.label_, "#ddd")
        parsed_spans.append({"start_token": span.start, "end_token": span.end, "label": label,
                             "kb_id": html.escape(kb_id), "kb_url": kb_url})
    parsed = {"text": doc.text, "spans": parsed_spans, "tokens": [t.text for t in doc]}
    markup = displacy.render(parsed, style="span", manual=True, jupyter=False,
                             options={"colors": colors})
    if claims:
        items = "\n".join(_claim_line(i, c, anchor) for i, c in enumerate(claims, 1))
        markup += f'\n<ol class="nk-claims" style="font-size:0.9em">{items}</ol>'
    else:
        markup += '\n<p class="nk-claims"><i>No claims in this document.</i></p>'
    markup = f'<div class="nk-render">{markup}</div>'
    if jupyter:
        from IPython.display import HTML, display

        display(HTML(markup))
        return markup
    if jupyter is False:
        return markup
    return RenderedHTML(markup)
