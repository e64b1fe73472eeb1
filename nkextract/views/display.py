"""Showing what was found: a displaCy view of one Doc and timeline plots of facts.

``nkextract.render`` and ``nkextract.plot`` come from here. (The module is not called
``render``: importing a submodule ``nkextract.render`` would shadow the function.)

Like ``spacy.displacy``, rendering lives outside the pipeline: it only reads
``doc.spans["nk_mentions"]``, ``doc._.nk_claims`` and the ``facts``/``claims`` tables.

Plots use matplotlib rather than altair: it is already a dependency, draws headless
(Agg) without a JavaScript runtime, and its PNG/SVG output embeds in a self-contained,
offline report.html; altair charts need vega-lite JS loaded from a CDN or inlined (~1 MB).
"""
from __future__ import annotations

import html
import json
import logging
import math
from typing import Any, NamedTuple

import pandas as pd
from spacy import displacy
from spacy.tokens import Doc

from ..extensions import MENTIONS, register
from ..text.periods import period_days

logger = logging.getLogger(__name__)

#: one colour per mention label
LABEL_COLORS = {"MONEY": "#7aecec", "PERCENT": "#feca74", "DATE": "#bfe1d9", "SOURCE": "#c887fb"}
#: the columns that name a statistic apart from its period (a timeline is one series)
SERIES_COLUMNS = ("metric", "origin", "destination", "product", "role", "basis", "unit")
CONFLICT_COLOR = "#d62728"
MARKERS = "osD^vP*Xph<>"


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
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def is_conflict(status: Any) -> bool:
    """Whether a facts or checks status says the figures disagree."""
    return str(status or "").lower().startswith("conflict")


def format_number(value: Any) -> str:
    """A figure in short form: 4560000 -> '4.56M', 4567 -> '4,567', -42 -> '-42'."""
    if is_missing(value):
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
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


def period_bounds(period: Any) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Start and end of an ISO 8601 period (``2020``, ``2020-11``, ``2020-Q3``,
    ``2020-01/2020-11``), or None when it names no calendar span (``PRESENT_REF``).
    The calendar is ``nkextract.text.periods``; the end is the last instant of the last day."""
    if is_missing(period):
        return None
    days = period_days(str(period))
    if days is None:
        return None
    return pd.Timestamp(days[0]), pd.Timestamp(days[1]) + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")


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


# ---------------------------------------------------------------- timelines of facts


def series_label(row: Any) -> str:
    """A readable name for a statistic apart from its period."""
    def get(name: str) -> str:
        value = row.get(name) if hasattr(row, "get") else None
        return "" if is_missing(value) else str(value)

    flow = "→".join(v for v in (get("origin"), get("destination")) if v)
    parts = [get("metric") or "statistic", flow, get("product")]
    if get("role") and get("role") != "level":
        parts.append(get("role") + (f" vs {get('basis')}" if get("basis") else ""))
    if get("unit"):
        parts.append(f"({get('unit')})")
    return " ".join(p for p in parts if p)


def granularity(period: Any) -> str:
    """How long a period is, in words: ``2020-11`` -> 'monthly', ``2020-01/2020-11`` ->
    'multi-period'. Series are drawn per granularity so that a year's total does not
    flatten the months beside it."""
    text = str(period)
    if "/" in text:
        return "multi-period"
    if "Q" in text.upper():
        return "quarterly"
    return {4: "yearly", 7: "monthly", 10: "daily"}.get(len(text), "other periods")


def timeline_series(facts: pd.DataFrame, top: int | None = None) -> list[tuple[str, pd.DataFrame]]:
    """Group facts into series (a statistic over its periods of one granularity), most
    disputed and busiest first. Facts whose period is not a calendar span are left out."""
    if facts is None or len(facts) == 0 or "value" not in facts:
        return []
    facts = facts.copy()
    bounds = facts["period"].map(period_bounds) if "period" in facts else pd.Series(
        [None] * len(facts), index=facts.index)
    facts = facts[bounds.notna()]
    if facts.empty:
        return []
    labels = facts.apply(series_label, axis=1) + ", " + facts["period"].map(granularity)
    ranked = []
    for label, group in facts.groupby(labels, sort=False):
        conflicts = int(group["status"].map(is_conflict).sum()) if "status" in group else 0
        n_claims = pd.to_numeric(group.get("n_claims", pd.Series(1, index=group.index)),
                                 errors="coerce").fillna(1).sum()
        ranked.append((-conflicts, -n_claims, -len(group), label, group))
    ranked.sort(key=lambda r: r[:4])
    result = [(label, group) for *_, label, group in ranked]
    return result[:top] if top is not None else result


def claims_by_id(claims: pd.DataFrame | None) -> dict[str, dict]:
    """Claims table rows keyed by claim_id (empty without a claims table)."""
    if claims is None or "claim_id" not in claims:
        return {}
    return {str(row["claim_id"]): row for row in claims.to_dict("records")}


def _number(value: Any) -> float:
    number = pd.to_numeric(value, errors="coerce")
    return float(number) if not is_missing(number) else math.nan


class PeriodSpan(NamedTuple):
    """One fact drawn over its period: where, its value, its interval, whether in conflict."""

    x0: float
    x1: float
    value: float
    low: float
    high: float
    conflict: bool

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


class Mark(NamedTuple):
    """One source's claim, placed inside its fact's period."""

    x: float
    y: float
    conflict: bool


def _spans_and_marks(group: pd.DataFrame, by_id: dict[str, dict]) -> tuple[list[PeriodSpan], dict[str, list[Mark]]]:
    """The facts of one statistic as spans, and each source's claims as marks."""
    import matplotlib.dates as mdates

    spans, marks = [], {}
    for fact in group.to_dict("records"):
        start, end = period_bounds(fact.get("period"))
        span = PeriodSpan(mdates.date2num(start), mdates.date2num(end), _number(fact.get("value")),
                          _number(fact.get("low")), _number(fact.get("high")), is_conflict(fact.get("status")))
        spans.append(span)
        rows = [by_id[i] for i in as_list(fact.get("claims")) if i in by_id]
        for k, claim in enumerate(rows):
            source = "unattributed" if is_missing(claim.get("source")) else str(claim["source"])
            offset = (k / (len(rows) - 1) - 0.5) * (span.x1 - span.x0) * 0.6 if len(rows) > 1 else 0
            marks.setdefault(source, []).append(Mark(span.middle + offset, _number(claim.get("value")),
                                                     span.conflict))
    return spans, marks


def _draw_spans(ax, spans: list[PeriodSpan], with_marks: bool) -> None:
    """A line across each period at the value, a bar for its interval; conflicts in red."""
    for conflict, color in ((False, "#1f77b4"), (True, CONFLICT_COLOR)):
        chosen = [s for s in spans if s.conflict == conflict]
        if not chosen:
            continue
        ax.hlines([s.value for s in chosen], [s.x0 for s in chosen], [s.x1 for s in chosen], colors=color, lw=2)
        middles = [s.middle for s in chosen]
        ax.vlines(middles, [s.low for s in chosen], [s.high for s in chosen], colors=color, lw=6, alpha=0.25)
        if not with_marks:
            ax.plot(middles, [s.value for s in chosen], marker="o", ls="", color=color)


def _draw_marks(ax, marks: dict[str, list[Mark]]) -> list:
    """One marker shape per source; RETURNS: legend handles for the first eight."""
    from matplotlib.lines import Line2D

    handles = []
    for k, (source, points) in enumerate(marks.items()):
        marker = MARKERS[k % len(MARKERS)]
        ax.scatter([p.x for p in points], [p.y for p in points], marker=marker, s=45, facecolors="white",
                   linewidths=1.3, zorder=3, edgecolors=[CONFLICT_COLOR if p.conflict else "#333" for p in points])
        if k < 8:
            handles.append(Line2D([], [], marker=marker, ls="", color="#333",
                                  markerfacecolor="white", label=source[:40]))
    return handles


def _label_conflicts(ax, spans: list[PeriodSpan]) -> list:
    """'conflict' over the first five conflicting spans; RETURNS: a legend handle, if any."""
    from matplotlib.lines import Line2D

    conflicts = [s for s in spans if s.conflict]
    for span in conflicts[:5]:
        ax.annotate("conflict", (span.middle, span.value), textcoords="offset points", xytext=(0, 10),
                    ha="center", color=CONFLICT_COLOR, fontsize=8, fontweight="bold")
    return [Line2D([], [], color=CONFLICT_COLOR, lw=2, label=f"conflict ({len(conflicts)})")] if conflicts else []


def _format_axes(ax, label: str, spans: list[PeriodSpan], handles: list) -> None:
    """Title, date ticks, number ticks, grid and legend."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    ax.set_title(label, fontsize=10)
    ax.margins(y=0.18)  # room for the conflict labels
    first, last = min(s.x0 for s in spans), max(s.x1 for s in spans)
    if last - first < 60:  # a lone day or month: show a couple of months around it
        ax.set_xlim((first + last) / 2 - 30, (first + last) / 2 + 30)
    locator = mdates.AutoDateLocator(maxticks=6)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v)))
    ax.grid(alpha=0.3)
    if handles:
        ax.legend(handles=handles, fontsize=7, loc="best")


def _draw_series(ax, label: str, group: pd.DataFrame, by_id: dict[str, dict]) -> None:
    """One statistic on one Axes: few artists per series, however many periods."""
    spans, marks = _spans_and_marks(group, by_id)
    _draw_spans(ax, spans, with_marks=bool(marks))
    handles = _draw_marks(ax, marks) + _label_conflicts(ax, spans)
    _format_axes(ax, label, spans, handles)


def plot(facts: pd.DataFrame, claims: pd.DataFrame | None = None, *, ax=None,
         series: str | None = None, top: int = 6):
    """Plot each statistic's values over its periods: a line across each period at the
    reconciled value, a bar for its interval, one mark per source's claim (when
    ``claims`` is given), and conflicts in red.

    facts: the facts table. claims: the claims table (optional) for per-source marks.
    ax: a matplotlib Axes to draw one series on (the first, or ``series``).
    series: the label of one series to draw (see ``timeline_series``).
    top: how many series to draw, one panel each, when no ``ax`` is given.
    RETURNS: the matplotlib Figure.
    """
    chosen = timeline_series(facts)
    if series is not None:
        chosen = [(label, group) for label, group in chosen if label == series]
    return plot_series(chosen[: 1 if ax is not None else max(top, 1)], claims_by_id(claims), ax=ax)


def plot_series(chosen: list[tuple[str, pd.DataFrame]], by_id: dict[str, dict], *, ax=None):
    """Draw series from ``timeline_series`` (one panel each, or the first on ``ax``).

    RETURNS: the matplotlib Figure.
    """
    from matplotlib.figure import Figure  # no pyplot: no global state, works headless

    if ax is None:
        ncols = 1 if len(chosen) <= 1 else 2
        nrows = max(1, math.ceil(len(chosen) / ncols))
        figure = Figure(figsize=(6.4 * ncols, 3.4 * nrows))
        figure.subplots_adjust(left=0.1, right=0.97, top=0.9, bottom=0.12,
                               hspace=0.45, wspace=0.2)
        axes = figure.subplots(nrows, ncols, squeeze=False).ravel().tolist()
    else:
        figure, axes = ax.figure, [ax]
    if not chosen:
        axes[0].text(0.5, 0.5, "no statistics with a dated period to plot",
                     ha="center", va="center", transform=axes[0].transAxes)
        axes[0].set_axis_off()
        return figure
    for target, (label, group) in zip(axes, chosen):
        _draw_series(target, label, group, by_id)
    for extra in axes[len(chosen):]:
        extra.set_axis_off()
    return figure


def figure_data_uri(figure, fmt: str = "png", dpi: int = 96) -> str:
    """A figure as a ``data:`` URI for an <img> in a self-contained page."""
    import base64
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=dpi)
    mime = "image/svg+xml" if fmt == "svg" else f"image/{fmt}"
    return f"data:{mime};base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}"

