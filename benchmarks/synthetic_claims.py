"""Synthetic claims tables with the key cardinality of years of wire copy, written in chunks.

    python benchmarks/synthetic_claims.py 1000000 OUT_DIR [--seed 0]

Stories, each carried by an original and 0-3 syndicated copies (same sentences, another
article name), 2% with a misprinted figure:
- trade (55%): one flow between two of 60 countries in one month of 1987-2022 (long series
  of one statistic over 432 months): the level, its % change on the month before (across
  December -> January too) and on a year ago, the level of the month before, the
  year-to-date total, the other flow, two-way trade and the balance; a headline rounding;
- company results (35%): one of 200,000 subjects (ticker ids) in one quarter: revenue, net
  income and earnings per share, the year-ago figures and the % change;
- GDP (10%): one country's quarter, level and % change.
Claims carry the CONTRACT.md columns plus subject, subject_id, unsure (parts joined by "+") and
seasonally_adjusted. Values come from deterministic functions of the statistic, so copies
and related stories agree. The table goes to OUT_DIR/claims.parquet.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

COUNTRIES = np.array([f"C{i:02d}" for i in range(60)], dtype=object)
FIRST_YEAR, YEARS = 1987, 36
SUBJECTS = 200_000
CLAIMS_PER_STORY = 6.5            # about, copies included
CHUNK_STORIES = 40_000


def _unit(*ints: np.ndarray) -> np.ndarray:
    """A deterministic pseudo-random number in [0, 1) for each tuple of integers."""
    x = np.zeros(len(ints[0]), dtype=np.uint64)
    for value in ints:
        x = (x ^ np.asarray(value, dtype=np.uint64)) * np.uint64(0x9E3779B97F4A7C15)
        x ^= x >> np.uint64(29)
    return (x >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _month_name(month: np.ndarray) -> np.ndarray:
    """``YYYY-MM`` of a month number (0 = January of FIRST_YEAR)."""
    return np.array([f"{FIRST_YEAR + m // 12}-{m % 12 + 1:02d}" for m in month.tolist()], dtype=object)


def _flow(flow: np.ndarray, pair: np.ndarray, month: np.ndarray) -> np.ndarray:
    """The true monthly value of a flow (0 exports, 1 imports) of an ordered country pair."""
    base = np.exp(17 + 3 * _unit(flow, pair))
    season = 1 + 0.1 * np.sin(2 * np.pi * (month % 12) / 12 + 6 * _unit(pair))
    return np.round(base * (1 + 0.004 * month) * season, -3)


def _money(value: np.ndarray, rounded: np.ndarray | None = None) -> list[str]:
    """Figures as written: ``$1,234,000`` or ``$1.2 million``/``billion`` when rounded."""
    out = []
    rounded = np.zeros(len(value), dtype=bool) if rounded is None else rounded
    for v, r in zip(value.tolist(), rounded.tolist()):
        sign, v = ("-" if v < 0 else ""), abs(v)
        if r and v >= 1e9:
            out.append(f"{sign}${v / 1e9:.1f} billion")
        elif r and v >= 1e6:
            out.append(f"{sign}${v / 1e6:.1f} million")
        else:
            out.append(f"{sign}${v:,.0f}")
    return out


def _claims(story: np.ndarray, slot: int, **columns) -> pd.DataFrame:
    frame = pd.DataFrame(columns)
    frame.insert(0, "story", story)
    frame.insert(1, "slot", slot)
    return frame


def trade_stories(story: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Claims of trade stories: one flow between two countries in one month."""
    n = len(story)
    origin = rng.integers(0, 60, n)
    destination = (origin + rng.integers(1, 60, n)) % 60
    pair = origin * 60 + destination
    flow = rng.integers(0, 2, n)
    month = rng.integers(13, YEARS * 12, n)
    now, before = _flow(flow, pair, month), _flow(flow, pair, month - 1)
    year_ago = _flow(flow, pair, month - 12)
    other = _flow(1 - flow, pair, month)
    ytd = sum(_flow(flow, pair, month - k) * (month % 12 >= k) for k in range(12))
    exports, imports = np.where(flow == 0, now, other), np.where(flow == 0, other, now)
    metric = np.where(flow == 0, "exports", "imports")
    other_metric = np.where(flow == 0, "imports", "exports")
    period, prior = _month_name(month), _month_name(month - 1)
    year = np.array([str(FIRST_YEAR + m // 12) for m in month.tolist()], dtype=object)
    ytd_period = np.array([f"{y}-01/{p}" if p[-2:] != "01" else p for y, p in zip(year, period)], dtype=object)
    common = dict(origin=COUNTRIES[origin], destination=COUNTRIES[destination], subject=None, subject_id=None)
    two_way = dict(origin=np.minimum(COUNTRIES[origin], COUNTRIES[destination]),
                   destination=np.maximum(COUNTRIES[origin], COUNTRIES[destination]), subject=None, subject_id=None)
    change = np.round((now / before - 1) * 100, 1)
    yearly = np.round((now / year_ago - 1) * 100, 1)
    return pd.concat([
        _claims(story, 0, metric=metric, value=now, text=_money(now, np.ones(n, bool)), period=period,
                role="level", unit="USD", basis=None, **common),
        _claims(story, 1, metric=metric, value=now, text=_money(now), period=period, role="level",
                unit="USD", basis=None, **common),
        _claims(story, 2, metric=metric, value=change, text=[f"{abs(c):g} pct" for c in change.tolist()],
                period=period, role="change", unit="%", basis="previous_period", **common),
        _claims(story, 3, metric=metric, value=before, text=_money(before), period=prior, role="level",
                unit="USD", basis=None, **common),
        _claims(story, 4, metric=metric, value=yearly, text=[f"{abs(c):g} pct" for c in yearly.tolist()],
                period=period, role="change", unit="%", basis="year_ago", **common),
        _claims(story, 5, metric=metric, value=ytd, text=_money(ytd), period=ytd_period, role="level",
                unit="USD", basis=None, **common),
        _claims(story, 6, metric=other_metric, value=other, text=_money(other), period=period,
                role="level", unit="USD", basis=None, **common),
        _claims(story, 7, metric="trade", value=exports + imports, text=_money(exports + imports),
                period=period, role="level", unit="USD", basis=None, **two_way),
        _claims(story, 8, metric="trade_balance", value=exports - imports, text=_money(exports - imports),
                period=period, role="level", unit="USD", basis=None, **common),
    ], ignore_index=True)


def company_stories(story: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Claims of results stories: one subject's quarter and the same quarter a year earlier."""
    n = len(story)
    subject = np.minimum(rng.zipf(1.1, n), SUBJECTS) - 1
    quarter = rng.integers(4, YEARS * 4, n)
    names = np.array([f"Company {s} Inc" for s in subject.tolist()], dtype=object)
    tickers = np.array([f"T{s:06d}" for s in subject.tolist()], dtype=object)
    period = np.array([f"{FIRST_YEAR + q // 4}-Q{q % 4 + 1}" for q in quarter.tolist()], dtype=object)
    prior = np.array([f"{FIRST_YEAR + q // 4 - 1}-Q{q % 4 + 1}" for q in quarter.tolist()], dtype=object)
    frames = []
    for slot, (metric, scale) in enumerate((("revenue", 1e8), ("net_income", 1e7), ("eps", 1.0))):
        now = np.round(scale * (1 + 9 * _unit(subject, quarter, slot)), 2 if scale == 1 else -3)
        then = np.round(scale * (1 + 9 * _unit(subject, quarter - 4, slot)), 2 if scale == 1 else -3)
        text = [f"{v:.2f} dlrs" for v in now.tolist()] if scale == 1 else _money(now)
        text_then = [f"{v:.2f} dlrs" for v in then.tolist()] if scale == 1 else _money(then)
        common = dict(metric=metric, role="level", unit="USD", basis=None, origin=None, destination=None,
                      subject=names, subject_id=tickers)
        frames += [_claims(story, 2 * slot, value=now, text=text, period=period, **common),
                   _claims(story, 2 * slot + 1, value=then, text=text_then, period=prior, **common)]
    change = np.round((frames[0]["value"].to_numpy() / frames[1]["value"].to_numpy() - 1) * 100, 1)
    frames.append(_claims(story, 6, metric="revenue", value=change, text=[f"{abs(c):g} pct" for c in change.tolist()],
                          period=period, role="change", unit="%", basis="year_ago", origin=None,
                          destination=None, subject=names, subject_id=tickers))
    return pd.concat(frames, ignore_index=True)


def gdp_stories(story: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Claims of GDP stories: one country's quarter, its level and change on the quarter before."""
    n = len(story)
    country = rng.integers(0, 60, n)
    quarter = rng.integers(1, YEARS * 4, n)
    level = np.round(np.exp(24 + 2 * _unit(country)) * (1 + 0.01 * quarter), -6)
    previous = np.round(np.exp(24 + 2 * _unit(country)) * (1 + 0.01 * (quarter - 1)), -6)
    change = np.round((level / previous - 1) * 100, 1)
    period = np.array([f"{FIRST_YEAR + q // 4}-Q{q % 4 + 1}" for q in quarter.tolist()], dtype=object)
    common = dict(metric="gdp", origin=COUNTRIES[country], destination=None, subject=None, subject_id=None)
    return pd.concat([
        _claims(story, 0, value=level, text=_money(level, np.ones(n, bool)), period=period, role="level",
                unit="USD", basis=None, **common),
        _claims(story, 1, value=change, text=[f"{abs(c):g} pct" for c in change.tolist()], period=period,
                role="change", unit="%", basis="previous_period", **common),
    ], ignore_index=True)


def chunk_of_claims(first_story: int, n_stories: int, seed: int) -> pd.DataFrame:
    """The claims of stories first_story .. first_story + n_stories - 1, copies included."""
    rng = np.random.default_rng([seed, first_story])
    story = np.arange(first_story, first_story + n_stories)
    kind = _unit(story, np.full(n_stories, seed))
    frame = pd.concat([trade_stories(story[kind < 0.55], rng), company_stories(story[(kind >= 0.55) & (kind < 0.9)], rng),
                       gdp_stories(story[kind >= 0.9], rng)], ignore_index=True)
    misprint = _unit(frame["story"].to_numpy(), frame["slot"].to_numpy(), np.full(len(frame), 7)) < 0.003
    frame.loc[misprint, "value"] = np.round(frame.loc[misprint, "value"] * 1.2, 2)
    copies = np.minimum(rng.geometric(0.6, n_stories) - 1, 3)
    frame = frame.loc[frame.index.repeat(1 + copies[frame["story"].to_numpy() - first_story])]
    frame["copy"] = frame.groupby(level=0).cumcount().to_numpy()
    frame = frame.sort_values(["story", "copy", "slot"], kind="stable")
    return _finish(frame.reset_index(drop=True))


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """The CONTRACT.md columns of generated claims."""
    n = len(frame)
    article = [f"{s}-{c}.txt" if c else f"{s}.txt" for s, c in zip(frame["story"].tolist(), frame["copy"].tolist())]
    start = frame["slot"].to_numpy() * 120 + 10
    who = np.where(frame["subject"].isna(), frame["origin"].fillna("").astype(str), frame["subject"].fillna(""))
    sentence = [f"Story {s}: {w} {m} in {p} were {t}, the report said."
                for s, w, m, p, t in zip(frame["story"].tolist(), who.tolist(), frame["metric"].tolist(),
                                         frame["period"].tolist(), frame["text"].tolist())]
    sentence = [s.upper()[:-1] if slot == 0 else s for s, slot in zip(sentence, frame["slot"].tolist())]
    return pd.DataFrame({
        "claim_id": [f"{a}:{s}" for a, s in zip(article, start.tolist())], "article": article,
        "published": "2022-12-31", "start": start, "end": start + 12, "text": frame["text"].to_numpy(),
        "kind": np.where(frame["unit"] == "%", "percent", "money"), "value": frame["value"].to_numpy(float),
        "unit": frame["unit"].to_numpy(), "low": np.nan, "high": np.nan, "qualifier": None,
        "role": frame["role"].to_numpy(), "metric": frame["metric"].to_numpy(), "subject": frame["subject"].to_numpy(),
        "subject_id": frame["subject_id"].to_numpy(), "origin": frame["origin"].to_numpy(),
        "destination": frame["destination"].to_numpy(), "product": None, "period": frame["period"].to_numpy(),
        "basis": frame["basis"].to_numpy(), "source": "the report", "via": None, "cue": frame["metric"].to_numpy(),
        "sentence": sentence, "unsure": [None if i % 5 else "period" for i in range(n)],
        "seasonally_adjusted": False,
    })


def write_claims(n_claims: int, out_dir: Path, seed: int = 0) -> Path:
    """About n_claims synthetic claims in out_dir/claims.parquet (written chunk by chunk)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "claims.parquet"
    n_stories = max(1, int(n_claims / CLAIMS_PER_STORY))
    writer, written, first = None, 0, 0
    while written < n_claims and first < 10 * n_stories:
        frame = chunk_of_claims(first, min(CHUNK_STORIES, n_stories), seed)
        frame = frame.iloc[: n_claims - written]
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table.cast(writer.schema))
        written += len(frame)
        first += CHUNK_STORIES
    if writer is not None:
        writer.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(write_claims(args.n, args.out, args.seed))


if __name__ == "__main__":
    main()
