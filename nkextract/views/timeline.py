"""Timelines of facts: each statistic over its periods, one mark per source's claim.

``nkextract.plot`` comes from here. A view shows every value the tables can hold or says
why it leaves one out, never failing on one row of a million:

- a period is a span of days from year 1 to 9999 (Python dates, matplotlib's own range;
  never nanosecond ``pd.Timestamp``, which ends in 2262); a period that names no span of
  days (``PRESENT_REF``, an open or reversed interval, words) is not a series point;
- a value that is not finite or too large to scale (beyond ``LARGEST``) is not drawn, and
  the panel's title counts it; an interval end that is missing or not drawable is drawn
  at the value (the bar stops there).

Plots use matplotlib rather than altair: it is already a dependency, draws headless
(Agg) without a JavaScript runtime, and its PNG/SVG output embeds in a self-contained,
offline report.html; altair charts need vega-lite JS loaded from a CDN or inlined (~1 MB).
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any, NamedTuple

import pandas as pd

from ..text.periods import period_days
from .display import as_list, format_number, is_conflict, is_missing, valid_text

#: the columns that name a statistic apart from its period (a timeline is one series)
SERIES_COLUMNS = ("metric", "origin", "destination", "product", "role", "basis", "unit")
CONFLICT_COLOR = "#d62728"
MARKERS = "osD^vP*Xph<>"
#: the largest value drawn: beyond it matplotlib's axis arithmetic overflows
LARGEST = 1e100
#: the first and last instants a timeline can show (matplotlib's date range)
FIRST_DAY, LAST_DAY = dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59)


def period_bounds(period: Any) -> tuple[dt.datetime, dt.datetime] | None:
    """Start and end of an ISO 8601 period (``2020``, ``2020-11``, ``2020-Q3``,
    ``2020-01/2020-11``, any year from 1 to 9999), or None when it names no calendar
    span (``PRESENT_REF``, a reversed interval). The calendar is ``nkextract.text.periods``;
    the end is the last instant of the last day."""
    if is_missing(period) or not isinstance(period, str):
        return None
    days = period_days(period)
    if days is None:
        return None
    return dt.datetime.combine(days[0], dt.time.min), dt.datetime.combine(days[1], dt.time.max)


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
    return valid_text(" ".join(p for p in parts if p))


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


def dated(facts: pd.DataFrame | None) -> pd.DataFrame:
    """The facts whose period is a calendar span (the ones a timeline can place)."""
    if facts is None or len(facts) == 0 or "value" not in facts or "period" not in facts:
        return pd.DataFrame()
    return facts[facts["period"].map(period_bounds).notna().to_numpy()]


def timeline_series(facts: pd.DataFrame, top: int | None = None) -> list[tuple[str, pd.DataFrame]]:
    """Group facts into series (a statistic over its periods of one granularity), most
    disputed and busiest first. Facts whose period is not a calendar span are left out."""
    facts = dated(facts)
    if facts.empty:
        return []
    labels = facts.apply(series_label, axis=1) + ", " + facts["period"].map(granularity)
    ranked = []
    for label, group in facts.groupby(labels.to_numpy(), sort=False):
        conflicts = int(group["status"].map(is_conflict).sum()) if "status" in group else 0
        n_claims = pd.to_numeric(group.get("n_claims", pd.Series(1, index=group.index)),
                                 errors="coerce").fillna(1).clip(-LARGEST, LARGEST).sum()
        ranked.append((-conflicts, -n_claims, -len(group), label, group))
    ranked.sort(key=lambda r: r[:4])
    result = [(label, group) for *_, label, group in ranked]
    return result[:top] if top is not None else result


def claims_by_id(claims: pd.DataFrame | None) -> dict[str, dict]:
    """Claims table rows keyed by claim_id (empty without a claims table)."""
    if claims is None or "claim_id" not in claims:
        return {}
    return {str(row["claim_id"]): row for row in claims.to_dict("records")}


def drawable(value: Any) -> float | None:
    """A cell as a number a plot can place, or None (missing, words, not finite, beyond
    ``LARGEST``)."""
    if is_missing(value) or isinstance(value, (str, bytes, list, tuple, dict, set)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) and abs(number) <= LARGEST else None


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


class Drawing(NamedTuple):
    """What one series puts on its panel, and how many values it had to leave out."""

    spans: list[PeriodSpan]
    marks: dict[str, list[Mark]]
    left_out: int


def _fact_span(fact: dict) -> PeriodSpan | None:
    """A fact as a span over its period, or None when its value cannot be drawn."""
    import matplotlib.dates as mdates

    value = drawable(fact.get("value"))
    bounds = period_bounds(fact.get("period"))
    if value is None or bounds is None:
        return None
    low, high = drawable(fact.get("low")), drawable(fact.get("high"))
    return PeriodSpan(float(mdates.date2num(bounds[0])), float(mdates.date2num(bounds[1])), value,
                      value if low is None else low, value if high is None else high,
                      is_conflict(fact.get("status")))


def _claim_marks(span: PeriodSpan, rows: list[dict], marks: dict[str, list[Mark]]) -> int:
    """Each claim's mark, spread across its fact's period. RETURNS: how many left out."""
    left_out = 0
    for k, claim in enumerate(rows):
        value = drawable(claim.get("value"))
        if value is None:
            left_out += 1
            continue
        source = "unattributed" if is_missing(claim.get("source")) else str(claim["source"])
        offset = (k / (len(rows) - 1) - 0.5) * (span.x1 - span.x0) * 0.6 if len(rows) > 1 else 0
        marks.setdefault(source, []).append(Mark(span.middle + offset, value, span.conflict))
    return left_out


def _spans_and_marks(group: pd.DataFrame, by_id: dict[str, dict]) -> Drawing:
    """The facts of one statistic as spans, and each source's claims as marks."""
    spans: list[PeriodSpan] = []
    marks: dict[str, list[Mark]] = {}
    left_out = 0
    for fact in group.to_dict("records"):
        span = _fact_span(fact)
        if span is None:
            left_out += 1
            continue
        spans.append(span)
        left_out += _claim_marks(span, [by_id[i] for i in as_list(fact.get("claims")) if i in by_id], marks)
    return Drawing(spans, marks, left_out)


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
                                  markerfacecolor="white", label=printable(source[:40])))
    return handles


def _label_conflicts(ax, spans: list[PeriodSpan]) -> list:
    """'conflict' over the first five conflicting spans; RETURNS: a legend handle, if any."""
    from matplotlib.lines import Line2D

    conflicts = [s for s in spans if s.conflict]
    for span in conflicts[:5]:
        ax.annotate("conflict", (span.middle, span.value), textcoords="offset points", xytext=(0, 10),
                    ha="center", color=CONFLICT_COLOR, fontsize=8, fontweight="bold")
    return [Line2D([], [], color=CONFLICT_COLOR, lw=2, label=f"conflict ({len(conflicts)})")] if conflicts else []


def printable(text: str) -> str:
    """Text that matplotlib can draw: lone surrogates and control characters replaced,
    ``$`` escaped so that it is not read as mathtext."""
    text = "".join(c if c.isprintable() else "\ufffd" for c in valid_text(text))
    return text.replace("$", r"\$")


def x_limits(spans: list[PeriodSpan]) -> tuple[float, float]:
    """The x range of a panel: the spans with a margin (a couple of months around a lone
    day or month), kept within years 1 to 9999."""
    import matplotlib.dates as mdates

    first, last = min(s.x0 for s in spans), max(s.x1 for s in spans)
    middle, half = (first + last) / 2, max((last - first) * 0.55, 30.0)
    return (max(middle - half, float(mdates.date2num(FIRST_DAY))),
            min(middle + half, float(mdates.date2num(LAST_DAY))))


def _format_axes(ax, title: str, spans: list[PeriodSpan], handles: list) -> None:
    """Title, date ticks, number ticks, grid and legend."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    ax.set_title(title, fontsize=10)
    ax.margins(y=0.18)  # room for the conflict labels
    ax.set_xlim(*x_limits(spans))
    locator = mdates.AutoDateLocator(maxticks=6)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v)))
    ax.grid(alpha=0.3)
    if handles:
        ax.legend(handles=handles, fontsize=7, loc="best")


def _draw_series(ax, label: str, group: pd.DataFrame, by_id: dict[str, dict]) -> None:
    """One statistic on one Axes: few artists per series, however many periods; values
    that cannot be drawn are counted in the title."""
    drawing = _spans_and_marks(group, by_id)
    title = printable(label)
    if drawing.left_out:
        title += (f"\n({drawing.left_out:,} value{'s' * (drawing.left_out > 1)} not drawn: "
                  "missing, not finite or too large)")
    if not drawing.spans:
        _say(ax, title, "no value of this statistic can be drawn")
        return
    _draw_spans(ax, drawing.spans, with_marks=bool(drawing.marks))
    handles = _draw_marks(ax, drawing.marks) + _label_conflicts(ax, drawing.spans)
    _format_axes(ax, title, drawing.spans, handles)


def _say(ax, title: str, note: str) -> None:
    """A panel that only says why nothing is drawn on it."""
    ax.set_title(title, fontsize=10)
    ax.text(0.5, 0.5, note, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


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
        figure.subplots_adjust(left=0.1, right=0.97, top=0.88, bottom=0.12,
                               hspace=0.5, wspace=0.2)
        axes = figure.subplots(nrows, ncols, squeeze=False).ravel().tolist()
    else:
        figure, axes = ax.figure, [ax]
    if not chosen:
        _say(axes[0], "", "no statistics with a dated period to plot")
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
