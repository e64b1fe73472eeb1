"""Stories: articles that are copies or corrections of one another, and the story key of
the figures that are compared only within their story.

A company's figure (``entity_metrics`` in crosscheck.json) with no country, no product
(and no subject, once subjects are keyed) names no entity nkextract can match across
stories: its product key becomes ``story <article>``. Articles are one story when they
share a sentence (syndicated copies) or the first words of their title (a story and its
correction); the story is named after its first article, by name, that holds such a
figure, so the name does not depend on the order of the rows.

The links are gathered as hashes, chunk by chunk (``evidence`` and ``combine``), so that
a claims table too large for memory (batch/partitions.py) gets the same stories as the
whole table in memory (``scope_stories``).
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

import numpy as np
import pandas as pd

from .keys import KEY_COLUMNS, by_unique
from .prepare import _story_title, _text
from .settings import Settings


class StoryEvidence(NamedTuple):
    """What links articles into stories, as 64-bit hashes."""

    links: pd.DataFrame    # key, article: a sentence or title (key) found in an article
    firsts: pd.DataFrame   # article, start, title: the earliest figure of each article
    scoped: pd.DataFrame   # article, name: the articles holding a story-scoped figure


def _column(claims: pd.DataFrame, name: str) -> pd.Series:
    if name in claims.columns:
        return claims[name]
    return pd.Series([None] * len(claims), index=claims.index, dtype=object)


def _hashes(values: pd.Series | np.ndarray) -> np.ndarray:
    return pd.util.hash_array(np.asarray(values, dtype=object))


def story_scoped(claims: pd.DataFrame, config: Settings) -> np.ndarray:
    """Which claims are compared only within their story (see the module docstring)."""
    metric = by_unique(_column(claims, "metric"), lambda v: str(v).lower().replace(" ", "_"))
    base = metric.fillna("").str.removesuffix("_sa")
    unnamed = ["origin", "product"] + (["subject_id"] if "subject_id" in KEY_COLUMNS else [])
    scoped = base.isin(config.entity_metrics).to_numpy().copy()
    for column in unnamed:
        scoped &= by_unique(_column(claims, column), str).isna().to_numpy()
    return scoped


def _normal_sentences(sentences: np.ndarray) -> np.ndarray:
    """Sentences as copies and corrections of one story repeat them (vectorised form of
    prepare's _story_sentence: lower case, a leading "corrected" dropped, spaces collapsed)."""
    text = pd.Series(sentences, dtype="string").str.lower().str.replace(r"\s+", " ", regex=True).str.strip()
    text = text.str.replace(r"^\W*corrected\W*", "", regex=True).str.strip()
    return text.fillna("").to_numpy(dtype=object)


def _with_figure(claims: pd.DataFrame) -> np.ndarray:
    """Claims prepare keeps: those with a value, or both ends of a range."""
    value, low, high = (pd.to_numeric(_column(claims, c), errors="coerce").to_numpy(dtype=float)
                        for c in ("value", "low", "high"))
    return np.isfinite(value) | (np.isfinite(low) & np.isfinite(high))


def evidence(claims: pd.DataFrame, config: Settings) -> StoryEvidence:
    """The story links of some claims (a chunk of a table, or all of it)."""
    figure = _with_figure(claims)
    scoped = story_scoped(claims, config)[figure]
    claims = claims[figure]
    names = _text(_column(claims, "article")).to_numpy(dtype=object)
    articles = _hashes(names)
    sentence = _text(_column(claims, "sentence"))
    codes, uniques = pd.factorize(sentence)
    normal = np.append(_normal_sentences(uniques), "")[codes]
    keep = normal != ""
    links = pd.DataFrame({"key": _hashes("sentence " + normal[keep]), "article": articles[keep]})
    start = pd.to_numeric(_column(claims, "start"), errors="coerce").to_numpy(dtype=float)
    firsts = pd.DataFrame({"article": articles, "start": start, "sentence": sentence.to_numpy(dtype=object)})
    firsts = firsts.sort_values("start", kind="stable").drop_duplicates("article")
    titles = np.array(["title " + _story_title(t) for t in firsts.pop("sentence")], dtype=object)
    firsts["title"] = np.where(np.char.endswith(titles.astype(str), " "), np.uint64(0), _hashes(titles))
    scoped_rows = pd.DataFrame({"article": articles[scoped], "name": names[scoped]})
    return combine([StoryEvidence(links.drop_duplicates(), firsts, scoped_rows.drop_duplicates())])


def combine(parts: Iterable[StoryEvidence]) -> StoryEvidence:
    """The evidence of several chunks as one (duplicates dropped, earliest figures kept)."""
    parts = list(parts)
    links = pd.concat([p.links for p in parts], ignore_index=True).drop_duplicates()
    firsts = pd.concat([p.firsts for p in parts], ignore_index=True)
    firsts = firsts.sort_values("start", kind="stable").drop_duplicates("article")
    scoped = pd.concat([p.scoped for p in parts], ignore_index=True).drop_duplicates()
    return StoryEvidence(links, firsts, scoped)


def _components(first: np.ndarray, second: np.ndarray, n: int) -> np.ndarray:
    """Connected components of n nodes joined by edges (first[i], second[i]): each node's
    smallest node number in its component. Written with numpy (min-label propagation with
    pointer jumping) because no graph library is a dependency; stories are small, so a few
    rounds settle it."""
    label = np.arange(n)
    while True:
        low = np.minimum(label[first], label[second])
        before = label.copy()
        np.minimum.at(label, first, low)
        np.minimum.at(label, second, low)
        label = label[label]
        if np.array_equal(label, before):
            return label


def story_labels(found: StoryEvidence) -> dict[str, str]:
    """The story key (``story <article>``) of every article that holds a story-scoped figure."""
    if found.scoped.empty:
        return {}
    titles = found.firsts[found.firsts["title"] != 0]
    links = pd.concat([found.links, titles.rename(columns={"title": "key"})[["key", "article"]]],
                      ignore_index=True).drop_duplicates()
    nodes, index = np.unique(np.r_[links["article"].to_numpy(), found.scoped["article"].to_numpy()],
                             return_inverse=True)
    link_nodes, scoped_nodes = index[:len(links)], index[len(links):]
    anchor = pd.Series(link_nodes).groupby(links["key"].to_numpy()).transform("first").to_numpy()
    component = _components(anchor, link_nodes, len(nodes))[scoped_nodes]
    names = found.scoped["name"].to_numpy(dtype=object)
    first_name = pd.Series(names).groupby(component).transform("min").to_numpy(dtype=object)
    return {name: f"story {label}" for name, label in zip(names, first_name)}


def apply_stories(claims: pd.DataFrame, labels: dict[str, str], config: Settings) -> pd.DataFrame:
    """The claims with the story key as product of their story-scoped figures."""
    scoped = story_scoped(claims, config)
    if not scoped.any() or not labels:
        return claims
    article = _text(_column(claims, "article")).to_numpy(dtype=object)
    product = _column(claims, "product").to_numpy(dtype=object).copy()
    product[scoped] = [labels.get(a) for a in article[scoped]]
    return claims.assign(product=product)


def scope_stories(claims: pd.DataFrame, config: Settings) -> pd.DataFrame:
    """The claims with their story-scoped figures keyed by story (the whole table at once)."""
    if claims.empty or not story_scoped(claims, config).any():
        return claims
    return apply_stories(claims, story_labels(evidence(claims, config)), config)
