"""A claims table made ready for cross-checking: clean keys, intervals and flags.

Tolerates missing columns, NaN and None, list-valued ``source``/``via`` cells and
non-numeric values; never raises on content. Adds: ``lo``/``hi``/``half`` (the interval
a figure stands for), ``key`` (one integer per statistic), ``headline``, ``corrected``,
``revised``, ``provisional``, ``excluded``, ``report`` (one id per independent report:
restatements in one article and syndicated copies share it) and ``converted``.
"""
from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from ..claim import base_metric
from .frames import as_text, column_of
from .intervals import claim_intervals
from .fiscal import fiscal_readings
from ..text.periods import canonical_period, parse_period
from .keys import KEY_COLUMNS, by_unique, key_ids, normalise_keys
from .settings import Settings

logger = logging.getLogger(__name__)

CLAIM_FIELDS = ["claim_id", "article", "published", "start", "end", "text", "kind", "value",
                "unit", "low", "high", "qualifier", "role", "metric", "origin", "destination",
                "product", "period", "basis", "source", "via", "cue", "sentence"]
_TERMINAL = tuple(".!?:;\"'”’)")


def _parts(value: object) -> str | None:
    """A list of key parts (``["period", "subject"]``, ``"period+subject"``, a CSV cell
    ``"['period']"``) as one sorted ``+``-joined string; None when empty."""
    if isinstance(value, (list, tuple, np.ndarray)):
        items = [str(v) for v in value]
    elif isinstance(value, str):
        items = re.split(r"[+,;\s]+", re.sub(r"[\[\]'\"]", " ", value))
    else:
        return None
    parts = sorted({i.strip().lower() for i in items if i.strip()})
    return "+".join(parts) or None


def _claim_ids(claims: pd.DataFrame, article: pd.Series, start: pd.Series) -> pd.Series:
    """The given claim ids, or ``<article>:<start>`` where none is given."""
    ids = as_text(column_of(claims, "claim_id")).to_numpy(dtype=object).copy()
    missing = np.flatnonzero(ids == "")
    if len(missing):
        starts = start.to_numpy()[missing]
        articles = article.to_numpy()[missing]
        ids[missing] = [f"{a}:{'' if np.isnan(s) else int(s)}" for a, s in zip(articles, starts)]
    return pd.Series(ids, index=claims.index, dtype=object)


def in_headline(sentence: pd.Series, start: pd.Series, config: Settings) -> np.ndarray:
    """Claims stated in an article's title: early, in a short line without a full stop
    that is not a row of a table (``Shr 12 cts vs 7 cts``)."""
    early = (start.fillna(np.inf) < config.headline_max_start).to_numpy()
    out = np.zeros(len(sentence), dtype=bool)
    for i in np.flatnonzero(early):
        text = sentence.iat[i].strip()
        shouting = text.upper() == text and text.lower() != text
        short = len(text.split()) <= config.headline_max_words
        table = config.table_cue.search(text) is not None
        out[i] = bool(text) and short and not table and (not text.endswith(_TERMINAL) or shouting)
    return out


def marked_corrected(frame: pd.DataFrame, config: Settings) -> np.ndarray:
    """Claims in a title that marks its story as a correction ("CORRECTED - ...")."""
    out = np.zeros(len(frame), dtype=bool)
    early = (frame["start"].fillna(np.inf) < config.headline_max_start).to_numpy()
    sentences, headline = frame["sentence"].to_numpy(), frame["headline"].to_numpy()
    for i in np.flatnonzero(early):
        text = sentences[i].lstrip(" (")
        out[i] = text.startswith("CORRECT") or (
            headline[i] and config.correction_cue.search(sentences[i]) is not None)
    return out


def _corrected_articles(frame: pd.DataFrame, claims: pd.DataFrame, config: Settings) -> np.ndarray:
    """Claims of articles that are corrections: by their title, or a ``corrected`` column."""
    marked = pd.Series(marked_corrected(frame, config), index=frame.index)
    flagged = column_of(claims, "corrected")
    if flagged.notna().any():
        ids = _claim_ids(claims, as_text(column_of(claims, "article")),
                         pd.to_numeric(column_of(claims, "start"), errors="coerce"))
        by_id = dict(zip(ids, flagged.fillna(False).astype(bool)))
        marked |= frame["claim_id"].map(by_id).fillna(False).astype(bool)
    return frame["article"].isin(set(frame.loc[marked, "article"])).to_numpy()


def _excluded(sentence: pd.Series, text: pd.Series, product: pd.Series, config: Settings) -> np.ndarray:
    """Parts that a stated total leaves out ("This figure excludes $1.1 million of ...")."""
    out = np.zeros(len(sentence), dtype=bool)
    sentences, texts = sentence.to_numpy(), text.to_numpy()
    for i in np.flatnonzero(product.notna().to_numpy()):
        cue = config.exclusion_cue.search(sentences[i])
        if cue is None:
            continue
        where = sentences[i].find(texts[i]) if texts[i] else -1
        out[i] = where < 0 or cue.start() < where
    return out


def _reports(frame: pd.DataFrame) -> np.ndarray:
    """One id per independent report of a statistic: an article, or syndicated copies of it.

    Claims of one statistic in one article are one report; articles that carry the same
    sentence for a statistic (a syndicated copy) share the first article's number.
    """
    codes, uniques = pd.factorize(frame["sentence"])
    words = pd.Series([" ".join(u.lower().split()) for u in uniques], dtype=object)
    normal = words.to_numpy()[codes]
    sentence = pd.factorize(np.where(normal == "", frame["claim_id"].to_numpy(), normal))[0]
    probe = pd.DataFrame({"key": frame["key"].to_numpy(), "article": frame["article_code"].to_numpy(),
                          "sentence": sentence})
    probe["first"] = probe.groupby(["key", "sentence"], sort=False)["article"].transform("min")
    return probe.groupby(["key", "article"], sort=False)["first"].transform("min").to_numpy()


def _convert(frame: pd.DataFrame, rates: pd.DataFrame | None, config: Settings) -> None:
    """Money in another currency, in US dollars when a rates table gives its rate."""
    frame["stated_unit"] = frame["unit"]
    frame["converted"] = False
    if rates is None or len(rates) == 0 or not {"currency", "rate_to_usd"} <= set(rates.columns):
        if rates is not None and len(rates):
            logger.warning("rates table needs columns currency, rate_to_usd: currencies not converted")
        return
    table = rates.dropna(subset=["currency", "rate_to_usd"])
    rate = dict(zip(table["currency"].astype(str).str.upper(),
                    pd.to_numeric(table["rate_to_usd"], errors="coerce")))
    factor = frame["unit"].map(rate).to_numpy(dtype=float)
    usable = (frame["kind"] == "money").to_numpy() & np.isfinite(factor) & (factor > 0)
    usable &= (frame["unit"] != "USD").to_numpy()
    if not usable.any():
        return
    for column in ("value", "low", "high", "lo", "hi", "half"):
        frame.loc[usable, column] = frame.loc[usable, column].to_numpy(float) * factor[usable]
    slack = np.abs(frame.loc[usable, "value"].to_numpy(float)) * config.rate_tolerance
    frame.loc[usable, "lo"] = frame.loc[usable, "lo"].to_numpy(float) - slack
    frame.loc[usable, "hi"] = frame.loc[usable, "hi"].to_numpy(float) + slack
    frame.loc[usable, "unit"] = "USD"
    frame.loc[usable, "converted"] = True


#: A partition's column telling each claim its company's fiscal year's first month, as the
#: whole table shows it (batch/partitions.py); absent when the claims are the whole table.
TOLD_FISCAL = "fiscal_year_start"
#: a column of claims told whether they are quoted for comparison (compared_figures), by the
#: first pass over the whole table: the other figures of their sentence may lie in other partitions
TOLD_COMPARED = "quoted_for_comparison"


def told_fiscal(claims: pd.DataFrame, subject_id: pd.Series) -> dict[str, int] | None:
    """The fiscal calendars a partition is told (keyed by the claims' normalised subject
    ids, row for row), or None when it is not told any."""
    if TOLD_FISCAL not in claims.columns:
        return None
    months = pd.to_numeric(claims[TOLD_FISCAL], errors="coerce").to_numpy(dtype=float)
    return {str(s): int(m) for s, m in zip(subject_id.to_numpy(dtype=object), months)
            if isinstance(s, str) and s and np.isfinite(m)}


def _fiscal(frame: pd.DataFrame, stated_period: pd.Series, starts: dict[str, int] | None = None) -> None:
    """A company's calendar quarters, halves and years moved to its fiscal calendar
    (fiscal.py), ``period`` then unsure."""
    readings = fiscal_readings(frame["subject_id"], as_text(stated_period), frame["published"], starts)
    moved = readings.notna().to_numpy()
    if not moved.any():
        return
    frame.loc[moved, "period"] = readings[moved].map(canonical_period)
    _period_unsure(frame, moved)


def _period_unsure(frame: pd.DataFrame, rows: np.ndarray) -> None:
    """Add ``period`` to the unsure parts of the rows whose period was read, not stated."""
    frame.loc[rows, "unsure"] = frame.loc[rows, "unsure"].map(lambda parts: _parts(f"{parts}+period"))


def _dated_by_story(frame: pd.DataFrame, config: Settings) -> None:
    """A company's figure of a measure stated as of a day (metrics.json ``as_of``: a dividend
    declared, an offer price, notes priced to yield 6.95 pct) that names no period, read as
    of its story's month, ``period`` then unsure: it links a story's headline to its body and
    reports of one month, and never makes a conflict. A flow over a period (net income,
    revenue) with no period stays unchecked: its period is unknown, not the story's."""
    as_of = frame["metric"].map(lambda m: config.base_metric(m) in config.as_of_metrics if m else False)
    undated = ((frame["period"].fillna("") == "") & (frame["subject_id"].fillna("") != "")
               & as_of.astype(bool) & (frame["published"].str.len() >= 7)).to_numpy().copy()
    rows = np.flatnonzero(undated)  # only these: the sentence test is a Python loop
    undated[rows] = [not _after_comparison(s, t, config)
                     for s, t in zip(frame["sentence"].to_numpy()[rows], frame["text"].to_numpy()[rows])]
    if not undated.any():
        return
    frame.loc[undated, "period"] = frame.loc[undated, "published"].str.slice(0, 7)
    _period_unsure(frame, undated)


def _after_comparison(sentence: str, text: str, config: Settings) -> bool:
    """Does the figure stand after a comparison word of its sentence ("Qtly div 14 cts vs 19
    cts prior": 19 cts is the earlier dividend)?"""
    where = sentence.find(text) if sentence and text else -1
    cue = config.comparison_cue.search(sentence or "")
    return where >= 0 and cue is not None and cue.start() < where


def prepare(claims: pd.DataFrame, rates: pd.DataFrame | None, config: Settings) -> pd.DataFrame:
    """The claims with clean keys, intervals and flags, sorted by claim_id (row order free).

    claims: a claims table (the columns of the README's tables; missing ones are treated as empty).
    rates: optional table with columns currency, rate_to_usd.
    RETURNS: a new frame, one row per usable claim (claims without a value are dropped).
    """
    claims = claims.reset_index(drop=True)
    stated = pd.DataFrame({c: column_of(claims, c) for c in KEY_COLUMNS + ["qualifier"]})
    frame = normalise_keys(stated, config)
    frame["article"] = as_text(column_of(claims, "article"))
    frame["start"] = pd.to_numeric(column_of(claims, "start"), errors="coerce")
    frame["claim_id"] = _claim_ids(claims, frame["article"], frame["start"])
    frame["published"] = by_unique(column_of(claims, "published"), lambda v: v[:10]).fillna("")
    for name in ("text", "sentence", "cue", "source", "via", "subject", "story"):
        frame[name] = as_text(column_of(claims, name))
    frame["told_provisional"] = column_of(claims, "story_provisional")
    frame["told_compared"] = column_of(claims, TOLD_COMPARED)
    frame["unsure"] = by_unique(column_of(claims, "unsure").map(_parts), str).fillna("")
    _fiscal(frame, stated["period"], told_fiscal(claims, frame["subject_id"]))
    _dated_by_story(frame, config)
    frame["kind"] = by_unique(column_of(claims, "kind"), str.lower).fillna("")
    frame["qualifier"] = by_unique(column_of(claims, "qualifier"), str.lower).fillna("")
    for name in ("value", "low", "high"):
        frame[name] = pd.to_numeric(column_of(claims, name), errors="coerce").astype(float)
    frame.loc[frame["kind"] == "", "kind"] = np.where(
        frame.loc[frame["kind"] == "", "unit"].isin(["%", "pp"]), "percent", "money")
    has_figure = np.isfinite(frame["value"]) | (np.isfinite(frame["low"]) & np.isfinite(frame["high"]))
    if (~has_figure).any():
        logger.info("%d claims without a value are not cross-checked", int((~has_figure).sum()))
    frame = frame[has_figure].sort_values(["claim_id", "start"], kind="stable")
    frame = frame.drop_duplicates("claim_id").reset_index(drop=True)

    frame["headline"] = in_headline(frame["sentence"], frame["start"], config)
    frame[["lo", "hi", "half"]] = claim_intervals(frame, config, frame["headline"].to_numpy())
    _convert(frame, rates, config)
    # stories (copies and corrections) are found by stories.with_stories before prepare
    frame["story"] = frame["story"].where(frame["story"] != "", frame["article"])
    frame["key"] = key_ids(frame) if len(frame) else np.zeros(0, dtype=int)

    frame["revised"] = frame["qualifier"].str.contains("revised").to_numpy()
    frame["bound"] = frame["qualifier"].str.contains("more_than|less_than", regex=True).to_numpy()
    frame["provisional"] = frame["qualifier"].str.contains("provisional|preliminary", regex=True).to_numpy()
    frame["corrected"] = _corrected_articles(frame, claims, config)
    frame["excluded"] = _excluded(frame["sentence"], frame["text"], frame["product"], config)
    frame["article_code"] = pd.factorize(frame["article"], sort=True)[0]
    frame["published_code"] = pd.factorize(frame["published"], sort=True)[0]
    frame["report"] = _reports(frame) if len(frame) else np.zeros(0, dtype=np.int64)
    told = frame.pop("told_compared")
    frame["compared"] = (told.astype(bool).to_numpy() if told.notna().all() and len(frame)
                         else compared_figures(frame))
    told = frame.pop("told_provisional")
    if told.notna().all() and len(frame):  # a partition is told by the whole table
        frame["story_provisional"] = told.astype(bool).to_numpy()
    else:
        frame["story_provisional"] = frame["article"].isin(provisional_articles(frame, config)).to_numpy()
    return frame


def compared_figures(frame: pd.DataFrame) -> np.ndarray:
    """Claims quoted for comparison: a sentence that states one measure for several periods
    ("rose to 2.87 billion from 2.83 billion in January and 2.30 billion a year ago") gives
    the latest period's figure as news and the earlier ones as they stood when quoted."""
    ends = np.array([span[1] if span else np.nan for span in frame["period"].map(parse_period)], dtype=float)
    if len(frame) == 0 or np.isnan(ends).all():
        return np.zeros(len(frame), dtype=bool)
    metric = by_unique(frame["metric"], base_metric).fillna("")
    groups = [frame["article"], frame["sentence"], metric, frame["role"].fillna("")]
    latest = pd.Series(ends, index=frame.index).groupby(groups, sort=False).transform("max").to_numpy()
    return (ends < latest) & (frame["sentence"] != "").to_numpy()


def provisional_articles(claims: pd.DataFrame, config: Settings) -> set[str]:
    """Articles one of whose figure sentences calls figures early estimates ("provisional",
    "preliminary": the claims' own vintage words, models/lexicons/cues.json)."""
    sentences = as_text(column_of(claims, "sentence"))
    hits = sentences.map(lambda s: config.provisional_cue.search(s) is not None).to_numpy(bool)
    return set(as_text(column_of(claims, "article"))[hits])
