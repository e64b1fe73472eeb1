"""benchmarks/score_polnear_sources.py on tiny invented brat annotations (no PolNeAR needed).

The scorer reads PolNeAR's attributions and decides, for each extracted figure, whether an
annotator placed it inside an attribution and whose; these tests pin those decisions and the
metrics down on stories written here, and run the command end to end on a cached prediction
so that no pipeline is loaded.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

TEXT = ("The Acme Corp. said sales rose 5% to $3 million in March. "
        "Shares fell 2% on Tuesday. "
        "Jane Roe, who runs the fund, told reporters that the Times reported costs of $4 billion. "
        "She said margins were 12%. "
        "Officials expect 7% growth.")


def at(phrase: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def t_line(tid: str, label: str, *phrases: str) -> str:
    frags = [at(p) for p in phrases]
    offsets = ";".join(f"{s} {e}" for s, e in frags)
    return f"{tid}\t{label} {offsets}\t{' '.join(TEXT[s:e] for s, e in frags)}"


ANN = "\n".join([
    # 1: "The Acme Corp." said <sales rose 5% to $3 million in March>
    t_line("T1", "Source", "The Acme Corp."),
    t_line("T2", "Cue", "said"),
    t_line("T3", "Content", "sales rose 5% to $3 million in March"),
    t_line("T4", "Attribution", "said"),
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    # 2: Jane Roe told reporters <that the Times reported costs of $4 billion> (outer)
    t_line("T5", "Source", "Jane Roe, who runs the fund,"),
    t_line("T6", "Cue", "told reporters"),
    t_line("T7", "Content", "that the Times reported costs of $4 billion"),
    t_line("T8", "Attribution", "told reporters"),
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
    # 3: the Times reported <costs of $4 billion> (inner)
    t_line("T9", "Source", "the Times"),
    t_line("T10", "Cue", "reported"),
    t_line("T11", "Content", "costs of $4 billion"),
    t_line("T12", "Attribution", "reported"),
    "E3\tAttribution:T12 Content:T11 Cue:T10 Source:T9",
    # 4: She said <margins were 12%>, content in two fragments
    t_line("T13", "Source", "She"),
    t_line("T14", "Cue", "said margins"),
    t_line("T15", "Content", "margins", "were 12%"),
    t_line("T16", "Attribution", "said margins"),
    "E4\tAttribution:T16 Content:T15 Cue:T14 Source:T13",
    # 5: Officials expect <7% growth>, annotated without its source span
    t_line("T17", "Cue", "expect"),
    t_line("T18", "Content", "7% growth"),
    t_line("T19", "Attribution", "expect"),
    "E5\tAttribution-no-source:T19 Content:T18 Cue:T17",
    # what the parser skips: a note, a Discuss span, a stray line of text, an empty event
    "#1\tAnnotatorNotes T3\tshould March be inside?",
    t_line("T20", "Discuss", "Shares fell 2%"),
    "a line of article text pasted into the file by mistake",
    "E6\tAttribution-no-source:T99",
]) + "\n"


@pytest.fixture(scope="module")
def scorer():
    path = REPO / "benchmarks" / "score_polnear_sources.py"
    spec = importlib.util.spec_from_file_location("score_polnear_sources", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up there)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def attributions(scorer):
    return scorer.parse_brat(ANN)


def claim(phrase: str, source: str | None, via: str | None = None, kind: str = "percent") -> dict:
    start, end = at(phrase)
    return {"start": start, "end": end, "text": phrase, "kind": kind, "source": source,
            "via": via, "cue": None}


# -- reading brat ------------------------------------------------------------------------

def test_parse_brat_reads_every_attribution_and_skips_the_rest(scorer, attributions):
    assert [a.source.text if a.source else None for a in attributions] == [
        "The Acme Corp.", "Jane Roe, who runs the fund,", "the Times", "She", None]
    assert attributions[0].cue == "said"
    assert attributions[3].content == (at("margins"), at("were 12%"))
    assert attributions[4].content == (at("7% growth"),)


@pytest.mark.parametrize("phrase, status, source, outer", [
    ("5%", "attributed", "The Acme Corp.", ()),
    ("$3 million", "attributed", "The Acme Corp.", ()),
    ("$4 billion", "attributed", "the Times", ("Jane Roe, who runs the fund,",)),
    ("12%", "attributed", "She", ()),
    ("7%", "no_source", None, ()),
    ("2%", "unattributed", None, ()),
])
def test_gold_is_the_innermost_sourced_attribution(scorer, attributions, phrase, status, source, outer):
    gold = scorer.gold_for(*at(phrase), attributions)
    assert (gold.status, gold.source.text if gold.source else None, gold.outer) == (status, source, outer)


def test_a_figure_across_a_content_edge_is_not_inside(scorer, attributions):
    start, end = at("March. Shares")
    assert scorer.gold_for(start, end, attributions).status == "unattributed"


def test_first_annotator_in_sorted_order_and_dates_from_names(scorer, tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    name = "nyt_2016-03-09_invented-story"
    (tmp_path / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    for annotator in ("ef2d", "4b22"):
        (tmp_path / "attributions" / f"{name}_{annotator}.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "other_2016-01-01_gone_4b22.ann").write_text(ANN, encoding="utf-8")
    assert scorer.annotation_files(tmp_path) == {name: tmp_path / "attributions" / f"{name}_4b22.ann"}
    assert scorer.published(name) == "2016-03-09"
    assert scorer.published("west-journal_2016-07-14_new-poll") == "2016-07-14"
    assert scorer.published("notes.txt") is None


# -- comparing names ---------------------------------------------------------------------

@pytest.mark.parametrize("predicted, gold, exact, shared", [
    ("Acme Corp.", "The Acme Corp.", True, True),
    ("  the   ACME corp", "The Acme Corp.", True, True),
    ("Jane Roe", "Jane Roe, who runs the fund,", False, True),
    ("a new ABC/Ipsos poll", "ABC", False, True),
    ("Trumpet", "Trump", False, False),
    ("Roe Jane", "Jane Roe", False, False),
    ("New York Times", "the Times", False, True),
    (None, "the Times", False, False),
    ("", "", False, False),
    ("Clinton’s campaign", "Clinton's campaign", True, True),
    ("the ministry", "The Ministry's", True, True),
])
def test_same_name(scorer, predicted, gold, exact, shared):
    assert scorer.same_name(predicted, gold) is exact
    assert scorer.same_name(predicted, gold, shared=True) is shared


@pytest.mark.parametrize("predicted, lenient", [
    ("Jane Roe", True),       # named before the pronoun: a possible antecedent
    ("she", True),            # the pronoun as written
    ("Officials", False),     # only written after the pronoun
    ("he", False),
    (None, False),
])
def test_pronoun_lenient(scorer, attributions, predicted, lenient):
    gold = attributions[3].source
    assert scorer.source_correct(predicted, gold, TEXT, lenient=True, shared=True) is lenient
    assert scorer.source_correct(predicted, gold, TEXT) is (predicted == "she")


# -- metrics -----------------------------------------------------------------------------

PREDICTED = {"story": [
    claim("5%", "Acme Corp"),                           # exact
    claim("$3 million", "Acme", kind="money"),          # shared name only
    claim("$4 billion", "Jane Roe", kind="money"),      # the relayer, not the source
    claim("12%", "Jane Roe"),                           # pronoun resolved: lenient only
    claim("2%", "Acme Corp."),                          # unattributed, given a source
    claim("7%", None),                                  # no-source attribution, none given
]}


def test_score_counts_each_metric(scorer, attributions):
    found = scorer.figures(PREDICTED, {"story": attributions})
    result = scorer.score(found, {"story": TEXT})
    assert {k: result[k] for k in ("figures", "attributed", "attributed_no_source", "unattributed",
                                   "gold_pronoun")} == {
        "figures": 6, "attributed": 4, "attributed_no_source": 1, "unattributed": 1, "gold_pronoun": 1}
    assert result["exact"] == 0.25
    assert result["shared_name"] == 0.5
    assert result["exact_pronoun_lenient"] == 0.5
    assert result["shared_name_pronoun_lenient"] == 0.75
    assert result["coverage"] == 1.0
    assert result["unattributed_given_source"] == 1.0
    assert result["no_source_given_source"] == 0.0


def test_error_kinds(scorer, attributions):
    found = scorer.figures(PREDICTED, {"story": attributions})
    kinds = scorer.error_kinds(found, {"story": attributions}, {"story": TEXT})
    assert kinds == {"relayer named instead of the source": 1, "right name, other span": 1,
                     "pronoun source, a name before it given": 1,
                     "unattributed: given a speaker of the story": 1}


def test_claims_of_other_kinds_are_not_scored(scorer, attributions):
    found = scorer.figures({"story": [claim("5%", None, kind="date")]}, {"story": attributions})
    assert found == []


# -- the command -------------------------------------------------------------------------

def test_command_scores_a_cached_prediction(scorer, tmp_path, capsys):
    name = "usa-today_2016-02-05_invented"
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / f"{name}_d473.ann").write_text(ANN, encoding="utf-8")
    cache = tmp_path / "pred.jsonl"
    cache.write_text(json.dumps({"article": name, "claims": PREDICTED["story"]}) + "\n{unfinished",
                     encoding="utf-8")
    assert scorer.main([str(tmp_path), "--pred", str(cache), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["articles"], result["figures"], result["exact"]) == (1, 6, 0.25)
    assert scorer.main([str(tmp_path), "--pred", str(cache), "--errors", "2"]) == 0
    out = capsys.readouterr().out
    assert "shared name" in out and "50.0%" in out and "[relayer named instead of the source]" in out


def test_command_says_what_is_missing(scorer, tmp_path, capsys):
    assert scorer.main([str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nowhere" in err and "train split" in err
