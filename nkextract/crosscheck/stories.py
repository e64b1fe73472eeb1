"""Stories: articles that are copies or corrections of one another.

Articles are one story when they share a sentence (syndicated copies) or the first words
of their wire title (a story and its correction). A story is named after its first
article by name, so the name does not depend on the order of the rows. Two uses: a
conflict whose figures all come from one story is not sure (certainty.py), and a
company's figure (``entity_metrics``: metrics.json scope company or market, or
entity_when_unplaced) with no subject, no country and
no product names nothing nkextract can match across stories, so its product key becomes
``story <article>``; ``with_stories`` applies it before prepare.

The links are gathered as hashes, chunk by chunk (``evidence`` and ``combine``), so that a
claims table too large for memory (batch/partitions.py) gets the same stories as the
whole table in memory; each partition is then told its stories (a ``story`` column).
Whole, ``with_stories`` finds them from the claims given.
"""
from __future__ import annotations

import re
from typing import Iterable, NamedTuple

import numpy as np
import pandas as pd

from ..claim import base_metric
from .frames import as_text, column_of
from .keys import KEY_COLUMNS, by_unique
from .settings import Settings


class StoryEvidence(NamedTuple):
    """What links articles into stories, as 64-bit hashes."""

    links: pd.DataFrame    # key, article: a sentence or title (key) found in an article
    firsts: pd.DataFrame   # article, start, title: the earliest figure of each article
    names: pd.DataFrame    # article, name: the article hashes' names


def _hashes(values: pd.Series | np.ndarray) -> np.ndarray:
    return pd.util.hash_array(np.asarray(values, dtype=object))


def story_scoped(claims: pd.DataFrame, config: Settings) -> np.ndarray:
    """Which claims are compared only within their story (see the module docstring)."""
    base = by_unique(column_of(claims, "metric"), lambda v: base_metric(str(v).lower().replace(" ", "_")))
    unnamed = ["origin", "product"] + (["subject_id"] if "subject_id" in KEY_COLUMNS else [])
    scoped = base.isin(config.entity_metrics).to_numpy().copy()
    for name in unnamed:
        scoped &= by_unique(column_of(claims, name), str).isna().to_numpy()
    return scoped


def _story_sentence(text: str) -> str:
    """A sentence as copies and corrections of one story repeat it."""
    text = re.sub(r"^\W*corrected\W*", "", text.strip().lower())
    return " ".join(text.split())


def _story_title(text: str) -> str:
    """The first words of a story's first line, as a correction repeats them
    ("CORRECTED-NETWORK VIDEO INC <NVID> 3RD QTR" and "NETWORK VIDEO INC <NVID> ... NET")."""
    first = text.strip().split("\n", 1)[0]
    if first.upper() != first:  # a wire title is in capitals; a body sentence links nothing
        return ""
    line = _story_sentence(first)
    words = re.sub(r"<[^>]*>|[^\w\s]", " ", line).split()
    return " ".join(words[:3]) if len(words) >= 3 else ""


def _normal_sentences(sentences: np.ndarray) -> np.ndarray:
    """Sentences as copies and corrections of one story repeat them (vectorised form of
    _story_sentence: lower case, a leading "corrected" dropped, spaces collapsed)."""
    text = pd.Series(sentences, dtype="string").str.lower().str.replace(r"\s+", " ", regex=True).str.strip()
    text = text.str.replace(r"^\W*corrected\W*", "", regex=True).str.strip()
    return text.fillna("").to_numpy(dtype=object)


def _with_figure(claims: pd.DataFrame) -> np.ndarray:
    """Claims prepare keeps: those with a value, or both ends of a range."""
    value, low, high = (pd.to_numeric(column_of(claims, c), errors="coerce").to_numpy(dtype=float)
                        for c in ("value", "low", "high"))
    return np.isfinite(value) | (np.isfinite(low) & np.isfinite(high))


def evidence(claims: pd.DataFrame) -> StoryEvidence:
    """The story links of some claims (a chunk of a table, or all of it)."""
    claims = claims[_with_figure(claims)]
    names = as_text(column_of(claims, "article")).to_numpy(dtype=object)
    articles = _hashes(names)
    sentence = as_text(column_of(claims, "sentence"))
    codes, uniques = pd.factorize(sentence)
    normal = np.append(_normal_sentences(uniques), "")[codes]
    keep = normal != ""
    links = pd.DataFrame({"key": _hashes("sentence " + normal[keep]), "article": articles[keep]})
    start = pd.to_numeric(column_of(claims, "start"), errors="coerce").to_numpy(dtype=float)
    firsts = pd.DataFrame({"article": articles, "start": start, "sentence": sentence.to_numpy(dtype=object)})
    firsts = firsts.sort_values("start", kind="stable").drop_duplicates("article")
    titles = np.array(["title " + _story_title(t) for t in firsts.pop("sentence")], dtype=object)
    firsts["title"] = np.where(np.char.endswith(titles.astype(str), " "), np.uint64(0), _hashes(titles))
    named = pd.DataFrame({"article": articles, "name": names}).drop_duplicates("article")
    return combine([StoryEvidence(links.drop_duplicates(), firsts, named)])


def combine(parts: Iterable[StoryEvidence]) -> StoryEvidence:
    """The evidence of several chunks as one (duplicates dropped, earliest figures kept)."""
    parts = list(parts)
    links = pd.concat([p.links for p in parts], ignore_index=True).drop_duplicates()
    firsts = pd.concat([p.firsts for p in parts], ignore_index=True)
    firsts = firsts.sort_values("start", kind="stable").drop_duplicates("article")
    names = pd.concat([p.names for p in parts], ignore_index=True).drop_duplicates("article")
    return StoryEvidence(links, firsts, names)


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


def story_names(found: StoryEvidence) -> dict[str, str]:
    """The story of every article that shares its story with others: the first of its
    articles by name (an article alone is its own story and is left out)."""
    titles = found.firsts[found.firsts["title"] != 0]
    links = pd.concat([found.links, titles.rename(columns={"title": "key"})[["key", "article"]]],
                      ignore_index=True).drop_duplicates()
    if links.empty:
        return {}
    nodes, index = np.unique(links["article"].to_numpy(), return_inverse=True)
    anchor = pd.Series(index).groupby(links["key"].to_numpy()).transform("first").to_numpy()
    component = _components(anchor, index, len(nodes))
    shared = pd.Series(component).map(pd.Series(component).value_counts()).to_numpy() > 1
    members = pd.DataFrame({"article": nodes, "component": component})[shared]
    members = members.merge(found.names, on="article")
    members["story"] = members.groupby("component")["name"].transform("min")
    return dict(zip(members["name"], members["story"]))


def with_stories(claims: pd.DataFrame, config: Settings, stories: dict[str, str] | None = None) -> pd.DataFrame:
    """The claims with a ``story`` column (the claims' own when every row has one, else
    from ``stories``, else found from these claims) and the story key as the product of
    their story-scoped figures."""
    article = as_text(column_of(claims, "article"))
    given = column_of(claims, "story")
    if given.notna().all() and len(claims):
        story = as_text(given)
    else:
        if stories is None:
            stories = story_names(evidence(claims))
        story = article.map(stories).fillna(article)
    claims = claims.assign(story=story.to_numpy(dtype=object))
    scoped = story_scoped(claims, config)
    if scoped.any():
        product = column_of(claims, "product").to_numpy(dtype=object).copy()
        product[scoped] = ["story " + s for s in claims["story"].to_numpy(dtype=object)[scoped]]
        claims = claims.assign(product=product)
    return claims
