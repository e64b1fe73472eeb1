"""A claims table made ready for cross-checking: clean keys, intervals and flags.

Tolerates missing columns, NaN and None, list-valued ``source``/``via`` cells and
non-numeric values; never raises on content. Adds: ``lo``/``hi``/``half`` (the interval
a figure stands for), ``key`` (one integer per statistic), ``headline``, ``corrected``,
``revised``, ``provisional``, ``excluded``, ``report`` (one id per independent report:
restatements in one article and syndicated copies share it) and ``converted``.
"""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from .intervals import claim_intervals
from .keys import KEY_COLUMNS, _by_unique, key_ids, normalise_keys
from .settings import Settings

logger = logging.getLogger(__name__)

CLAIM_FIELDS = ["claim_id", "article", "published", "start", "end", "text", "kind", "value",
                "unit", "low", "high", "qualifier", "role", "metric", "origin", "destination",
                "product", "period", "basis", "source", "via", "cue", "sentence"]
_TERMINAL = tuple(".!?:;\"'”’)")


def _column(claims: pd.DataFrame, name: str) -> pd.Series:
    if name in claims.columns:
        return claims[name]
    return pd.Series([None] * len(claims), index=claims.index, dtype=object)


def _text(series: pd.Series) -> pd.Series:
    return _by_unique(series, lambda v: v).fillna("").astype(object)


def _claim_ids(claims: pd.DataFrame, article: pd.Series, start: pd.Series) -> pd.Series:
    given = _text(_column(claims, "claim_id"))
    start_text = start.map(lambda v: "" if pd.isna(v) else str(int(v)))
    built = article + ":" + start_text
    return given.where(given != "", built)


def _headline(sentence: pd.Series, start: pd.Series, config: Settings) -> np.ndarray:
    """Claims stated in an article's title: early, in a line without a full stop."""
    early = (start.fillna(np.inf) < config.headline_max_start).to_numpy()
    text = sentence.str.strip()
    untermiated = ~text.str.endswith(_TERMINAL)
    letters = text.str.replace(r"[^A-Za-z]", "", regex=True)
    shouting = (letters.str.len() > 3) & (letters.str.upper() == letters)
    title_like = ((text != "") & (untermiated | shouting)).to_numpy()
    return early & title_like


def _excluded(sentence: pd.Series, text: pd.Series, product: pd.Series, config: Settings) -> np.ndarray:
    """Parts that a stated total leaves out ("This figure excludes $1.1 million of ...")."""
    out = np.zeros(len(sentence), dtype=bool)
    candidates = np.flatnonzero(product.notna().to_numpy() & sentence.str.contains(
        config.exclusion_cue, regex=True).to_numpy())
    sentences, texts = sentence.to_numpy(), text.to_numpy()
    for i in candidates:
        cue = config.exclusion_cue.search(sentences[i])
        where = sentences[i].find(texts[i]) if texts[i] else -1
        out[i] = cue is not None and (where < 0 or cue.start() < where)
    return out


def _reports(frame: pd.DataFrame) -> np.ndarray:
    """One id per independent report of a statistic: an article, or syndicated copies of it.

    Claims of one statistic in one article are one report; articles that carry the same
    sentence for a statistic (a syndicated copy) share the first article's number.
    """
    words = frame["sentence"].str.lower().str.replace(r"\W+", " ", regex=True).str.strip()
    sentence = pd.factorize(words.where(words != "", frame["claim_id"]))[0]
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


def prepare(claims: pd.DataFrame, rates: pd.DataFrame | None, config: Settings) -> pd.DataFrame:
    """The claims with clean keys, intervals and flags, sorted by claim_id (row order free).

    claims: a claims table (CONTRACT.md columns; missing ones are treated as empty).
    rates: optional table with columns currency, rate_to_usd.
    RETURNS: a new frame, one row per usable claim (claims without a value are dropped).
    """
    claims = claims.reset_index(drop=True)
    frame = normalise_keys(pd.DataFrame({c: _column(claims, c) for c in KEY_COLUMNS}), config)
    frame["article"] = _text(_column(claims, "article"))
    frame["start"] = pd.to_numeric(_column(claims, "start"), errors="coerce")
    frame["claim_id"] = _claim_ids(claims, frame["article"], frame["start"])
    frame["published"] = _text(_column(claims, "published")).str.slice(0, 10)
    for name in ("text", "qualifier", "sentence", "cue", "source", "via"):
        frame[name] = _text(_column(claims, name))
    frame["kind"] = _text(_column(claims, "kind")).str.lower()
    for name in ("value", "low", "high"):
        frame[name] = pd.to_numeric(_column(claims, name), errors="coerce").astype(float)
    frame.loc[frame["kind"] == "", "kind"] = np.where(
        frame.loc[frame["kind"] == "", "unit"].isin(["%", "pp"]), "percent", "money")
    has_figure = frame["value"].notna() | (frame["low"].notna() & frame["high"].notna())
    if (~has_figure).any():
        logger.info("%d claims without a value are not cross-checked", int((~has_figure).sum()))
    frame = frame[has_figure].sort_values(["claim_id", "start"], kind="stable")
    frame = frame.drop_duplicates("claim_id").reset_index(drop=True)

    frame[["lo", "hi", "half"]] = claim_intervals(frame, config)
    _convert(frame, rates, config)
    frame["key"] = key_ids(frame) if len(frame) else np.zeros(0, dtype=int)

    qualifier = frame["qualifier"].str.lower()
    frame["revised"] = qualifier.str.contains("revised").to_numpy()
    frame["provisional"] = qualifier.str.contains("provisional|preliminary", regex=True).to_numpy()
    frame["headline"] = _headline(frame["sentence"], frame["start"], config)
    flagged = _column(claims, "corrected")
    marked = frame["headline"] & frame["sentence"].str.contains(config.correction_cue, regex=True)
    marked |= frame["sentence"].str.match(r"\s*\(?CORRECT", case=True)
    if flagged.notna().any():
        by_id = dict(zip(_claim_ids(claims, _text(_column(claims, "article")),
                                    pd.to_numeric(_column(claims, "start"), errors="coerce")),
                         flagged.fillna(False).astype(bool)))
        marked |= frame["claim_id"].map(by_id).fillna(False).astype(bool)
    corrected_articles = set(frame.loc[marked, "article"])
    frame["corrected"] = frame["article"].isin(corrected_articles).to_numpy()
    frame["excluded"] = _excluded(frame["sentence"], frame["text"], frame["product"], config)
    frame["article_code"] = pd.factorize(frame["article"], sort=True)[0]
    frame["published_code"] = pd.factorize(frame["published"], sort=True)[0]
    frame["report"] = _reports(frame) if len(frame) else np.zeros(0, dtype=np.int64)
    return frame
