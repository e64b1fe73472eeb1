"""render(doc) in displaCy span style and plot(facts) timelines."""
from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pandas as pd
import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

import nkextract
from nkextract.extensions import MENTIONS, register
from nkextract.records import Claim
from nkextract.views.display import LABEL_COLORS, RenderedHTML, as_list, format_number
from nkextract.views.timeline import period_bounds, timeline_series

TEXT = ("Exports fell 42% to $148,000 in November, customs data showed. "
        "<script>alert(1)</script> Imports were $5-6 million. China had more than 90% of it. "
        "Ships carried 3,000 tonnes.")


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def span(doc, text: str, label: str, **values):
    start = doc.text.index(text)
    found = doc.char_span(start, start + len(text), label=label)
    for name, value in values.items():
        setattr(found._, f"nk_{name}", value)
    return found


@pytest.fixture()
def doc(blank):
    """A doc annotated by hand as the pipeline would: mentions and one claim."""
    register()
    doc = blank(TEXT)
    money = span(doc, "$148,000", "MONEY", value=148000.0, low=148000.0, high=148000.0, unit="USD")
    doc.spans[MENTIONS] = [
        span(doc, "42%", "PERCENT", value=42.0, low=42.0, high=42.0, unit="%"), money,
        span(doc, "November", "DATE", timex="2020-11"),
        span(doc, "customs data", "SOURCE", role="source"),
        span(doc, "$5-6 million", "MONEY", low=5e6, high=6e6, unit="USD"),
        span(doc, "90%", "PERCENT", value=90.0, low=90.0, high=90.0, unit="%"),
        span(doc, "3,000 tonnes", "QUANTITY", value=3000.0, low=3000.0, high=3000.0, unit="tonne"),
    ]
    claim = Claim(start=money.start_char, end=money.end_char, text=money.text, kind="money",
                  value=148000.0, unit="USD", metric="exports", origin="CHN",
                  destination="PRK", period="2020-11", source="customs data", via="<b>VOA</b>")
    share = Claim(start=TEXT.index("more than"), end=TEXT.index("90%") + 3, text="more than 90%",
                  kind="percent", value=90.0, unit="%", qualifier="more_than", role="share")
    doc._.nk_claim_rows = [asdict(share), asdict(claim)]
    doc._.nk_article = "story.txt"
    return doc


@pytest.mark.parametrize("label", [
    "PERCENT 42 %", "MONEY 148,000 USD", "DATE 2020-11", "SOURCE", "MONEY 5M–6M USD",
    "QUANTITY 3,000 tonne"])
def test_labels_carry_normalised_values(doc, label):
    assert f"\n        {label}" in nkextract.render(doc)


@pytest.mark.parametrize("label", sorted(LABEL_COLORS))
def test_one_colour_per_label(doc, label):
    assert f"background: {LABEL_COLORS[label]}" in nkextract.render(doc)


def test_claim_figure_and_source_link_to_claim_list(doc):
    markup = nkextract.render(doc)
    assert markup.count('href="#nk-story.txt-1"') == 2  # from the figure and from its source
    assert ">claim 1</a>" in markup and ">→ claim 1</a>" in markup
    item = markup[markup.index('<li id="nk-story.txt-1"'):]
    assert "<b>$148,000</b> = 148,000 USD" in item
    assert "source: customs data via &lt;b&gt;VOA&lt;/b&gt;" in item


def test_figure_inside_a_longer_claim_links_to_it(doc):
    markup = nkextract.render(doc)
    assert 'href="#nk-story.txt-2">claim 2</a>' in markup
    assert "<b>more than 90%</b> = 90 % share (more_than) — source: <i>unattributed</i>" in markup


def test_story_text_is_escaped(doc):
    markup = nkextract.render(doc)
    assert "<script>" not in markup and "&lt;" in markup


def test_doc_without_mentions(blank):
    register()
    markup = nkextract.render(blank("Nothing to see <i>here</i>."), jupyter=False)
    assert type(markup) is str and "No claims" in markup and "<i>here" not in markup


def test_notebook_display_is_html(doc):
    markup = nkextract.render(doc)
    assert isinstance(markup, RenderedHTML) and markup._repr_html_() == str(markup)


def test_render_pipeline_doc(nlp):
    doc = nlp("Exports fell 42% to $148,000 in November, customs data showed.")
    markup = nkextract.render(doc, jupyter=False)
    for found in doc.spans.get(MENTIONS, []):
        assert found.label_ in markup
    assert "Exports" in markup


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize("value,expected", [
    (1270000, "1.27M"), (148000, "148,000"), (2382, "2,382"), (-42, "-42"), (99.5, "99.5"),
    (46.38e6, "46.38M"), (2.5e9, "2.5bn"), (None, ""), (float("nan"), ""), ("n/a", "n/a")])
def test_format_number(value, expected):
    assert format_number(value) == expected


@pytest.mark.parametrize("period,start,end", [
    ("2020", "2020-01-01", "2020-12-31"), ("2020-11", "2020-11-01", "2020-11-30"),
    ("2020-Q3", "2020-07-01", "2020-09-30"), ("2020-01/2020-11", "2020-01-01", "2020-11-30"),
    ("2020-11-25", "2020-11-25", "2020-11-25")])
def test_period_bounds(period, start, end):
    low, high = period_bounds(period)
    assert (str(low.date()), str(high.date())) == (start, end)


@pytest.mark.parametrize("period", ["PRESENT_REF", None, "", "soon", float("nan")])
def test_period_bounds_of_no_calendar_span(period):
    assert period_bounds(period) is None


@pytest.mark.parametrize("cell,expected", [
    (["a:1", "b:2"], ["a:1", "b:2"]), ('["a:1", "b:2"]', ["a:1", "b:2"]),
    ("a:1;b:2", ["a:1", "b:2"]), (np.array(["a:1"]), ["a:1"]), (None, []), (float("nan"), [])])
def test_as_list(cell, expected):
    assert as_list(cell) == expected


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_format_number_never_raises(value):
    assert isinstance(format_number(value), str)


@given(st.text(max_size=30))
def test_period_bounds_never_raises(text):
    bounds = period_bounds(text)
    assert bounds is None or bounds[0] <= bounds[1]


# ---------------------------------------------------------------- plot


def fact(period, value, status="agreed", claims=(), **extra):
    row = dict(metric="exports", origin="CHN", destination="PRK", product=None, role="level",
               basis=None, unit="USD", period=period, value=value, low=value * 0.99,
               high=value * 1.01, n_claims=len(claims) or 1, claims=list(claims), status=status)
    row.update(extra)
    return row


@pytest.fixture()
def tables():
    facts = pd.DataFrame([
        fact("2020-10", 253000, "single_source", ["a:1"]),
        fact("2020-11", 148000, "conflicting", ["a:2", "b:3"]),
        fact("2020-11", 1.27e6, "agreed", ["a:4", "b:5"], metric="trade"),
        fact("PRESENT_REF", 5.0, metric="undated"),
    ])
    claims = pd.DataFrame({"claim_id": ["a:1", "a:2", "b:3", "a:4", "b:5"],
                           "value": [253000, 148000, 160000, 1.27e6, 1.27e6],
                           "source": ["customs", "customs", "VOA", "customs", None]})
    return facts, claims


def test_series_put_conflicts_first_and_skip_undated(tables):
    facts, _ = tables
    labels = [label for label, _ in timeline_series(facts)]
    assert labels == ["exports CHN→PRK (USD), monthly", "trade CHN→PRK (USD), monthly"]


def test_series_split_by_granularity(tables):
    facts, _ = tables
    facts = pd.concat([facts, pd.DataFrame([fact("2020", 2e6), fact("2020-01/2020-11", 1e6)])])
    labels = [label for label, _ in timeline_series(facts)]
    assert sorted(labels[2:]) == ["exports CHN→PRK (USD), multi-period",
                                  "exports CHN→PRK (USD), yearly"]


def test_plot_marks_each_source_and_conflicts(tables):
    facts, claims = tables
    figure = nkextract.plot(facts, claims)
    first, second = figure.axes[:2]
    assert first.get_title() == "exports CHN→PRK (USD), monthly"
    legend = [text.get_text() for text in first.get_legend().get_texts()]
    assert legend == ["customs", "VOA", "conflict (1)"]
    assert [t.get_text() for t in first.texts] == ["conflict"]
    assert sum(len(marks.get_offsets()) for marks in first.collections[-2:]) == 3  # one a claim
    edges = first.collections[-2].get_edgecolors()  # customs: a:1 fine, a:2 in conflict
    assert [tuple(e[:3].round(2)) for e in edges] == [(0.2, 0.2, 0.2), (0.84, 0.15, 0.16)]
    assert [t.get_text() for t in second.get_legend().get_texts()] == ["customs", "unattributed"]
    assert not second.texts


def test_plot_without_claims_marks_each_fact(tables):
    facts, _ = tables
    figure = nkextract.plot(facts, top=1)
    assert len(figure.axes) == 1
    assert sum(len(line.get_xdata()) for line in figure.axes[0].lines) == 2


def test_plot_on_given_axes(tables):
    from matplotlib.figure import Figure

    facts, claims = tables
    ax = Figure().subplots()
    assert nkextract.plot(facts, claims, ax=ax, series="trade CHN→PRK (USD), monthly") is ax.figure
    assert ax.get_title() == "trade CHN→PRK (USD), monthly"


@pytest.mark.parametrize("facts", [
    pd.DataFrame(), pd.DataFrame(columns=["period", "value", "status"]),
    pd.DataFrame([fact("PRESENT_REF", 1.0)]), pd.DataFrame([fact("2020-11", float("nan"))])])
def test_plot_with_nothing_to_draw(facts):
    figure = nkextract.plot(facts)
    assert figure.axes
    figure.savefig(__import__("io").BytesIO(), format="png")


def test_plot_single_claim():
    facts = pd.DataFrame([fact("2020-11", 148000, "single_source", ["a:1"])])
    claims = pd.DataFrame({"claim_id": ["a:1"], "value": [148000.0], "source": ["customs"]})
    axes = nkextract.plot(facts, claims).axes
    assert len(axes) == 1 and axes[0].get_legend().get_texts()[0].get_text() == "customs"
