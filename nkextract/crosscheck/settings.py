"""The cross-checker's word lists and tolerances, read from ``lexicons/crosscheck.json`` of a
models folder (the packaged ``models/`` unless another is named).

Read once per folder and process on first use (never at import); a user extends the lists
by editing the JSON file, or a copy of the models folder, without touching code. One
Settings object is passed to every stage of a cross-check, so all of them read one folder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

from ..errors import LexiconError
from ..lexicons import default_models_dir, read_lexicon

LEXICON_FILE = "crosscheck.json"


@dataclass(frozen=True)
class Settings:
    """Cross-check vocabulary and tolerances."""

    two_way_metrics: frozenset[str]
    flow_totals: dict[str, dict[str, Any]]
    non_negative_metrics: frozenset[str]
    exclusion_cue: re.Pattern
    correction_cue: re.Pattern
    headline_max_start: int
    headline_max_words: int
    table_cue: re.Pattern
    min_significant_figures: int
    approx_relative: float
    approx_precision_factor: float
    rate_tolerance: float
    max_versions: int
    labels: dict[str, str]
    entity_metrics: frozenset[str] = frozenset()
    per_share_metrics: frozenset[str] = frozenset()
    as_of_metrics: frozenset[str] = frozenset()
    comparison_cue: re.Pattern = re.compile(r"(?!)")
    same_story_max_ratio: float = 2.0
    max_conflict_ratio: float = 2.0
    provisional_cue: re.Pattern = re.compile(r"(?!)")
    counted_on_bases: frozenset[str] = frozenset()
    basis_cues: tuple[tuple[str, re.Pattern], ...] = ()
    stock_metrics: frozenset[str] = frozenset()  # levels at a date (metrics.json "stock")
    negative_cue: re.Pattern = re.compile(r"(?!)")  # words that make a balance negative ("loss")

    def is_stock(self, metric: str | None) -> bool:
        """Whether a metric is a level at a date: never a part of a period."""
        return self.base_metric(metric) in self.stock_metrics

    def base_metric(self, metric: str | None) -> str | None:
        """The metric without its seasonal-adjustment suffix."""
        if metric is None:
            return None
        return metric[:-3] if metric.endswith("_sa") else metric

    def stated_bases(self, metric: str | None, sentence: str) -> frozenset[str] | None:
        """The bases a sentence states for a measure counted on several (customs, fob, ...);
        None for a measure counted one way."""
        if self.base_metric(metric) not in self.counted_on_bases:
            return None
        return frozenset(name for name, cue in self.basis_cues if cue.search(sentence or ""))

    def is_non_negative(self, metric: str | None) -> bool:
        """Whether levels of this metric are non-negative flows that add up."""
        return self.base_metric(metric) in self.non_negative_metrics


def _cue_pattern(words: list[str], whole_words: bool = False) -> re.Pattern:
    """A pattern matching any of the words (or word starts) (never matching when empty)."""
    if not words:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    ending = r"(?!\w)" if whole_words else ""
    return re.compile(rf"\b(?:{alternatives}){ending}", re.IGNORECASE)


def settings(models_dir: str | Path | None = None) -> Settings:
    """The settings of ``lexicons/crosscheck.json`` in models_dir (default: the packaged models/).

    Raises LexiconError, naming the file, when it is missing or malformed.
    """
    root = Path(models_dir).expanduser().resolve() if models_dir else default_models_dir()
    return _settings_of(str(root))


#: what ``cross_check(claims, settings=...)`` accepts: Settings, a models folder, or None
SettingsLike = Union[Settings, str, Path, None]


def as_settings(value: SettingsLike) -> Settings:
    """Settings from a Settings object, a models folder, or None (the packaged models/)."""
    return value if isinstance(value, Settings) else settings(value)


@lru_cache(maxsize=8)
def _settings_of(models_dir: str) -> Settings:
    path = Path(models_dir) / "lexicons" / LEXICON_FILE
    data = read_lexicon(path)
    try:
        return _from_data(data, Path(models_dir))
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise LexiconError(f"Lexicon file {path} lacks or misspells an entry ({type(err).__name__}: "
                           f"{err}); compare it with the packaged models/lexicons/{LEXICON_FILE}.") from err


def _metrics_lexicon(models_dir: Path) -> dict:
    """metrics.json of the same models folder (the claims' vocabulary: one list for both)."""
    path = models_dir / "lexicons" / "metrics.json"
    if not path.exists():
        path = default_models_dir() / "lexicons" / "metrics.json"
    return read_lexicon(path)


def _stock_metrics(metrics: dict) -> frozenset[str]:
    """The metrics marked as levels at a date."""
    return frozenset(name for name, info in metrics.get("metrics", {}).items() if info.get("stock"))


def _from_data(data: Any, models_dir: Path | None = None) -> Settings:
    """Settings from the parsed JSON of crosscheck.json."""
    metrics = _metrics_lexicon(models_dir or default_models_dir())
    return Settings(
        stock_metrics=_stock_metrics(metrics),
        negative_cue=_cue_pattern(metrics.get("balance", {}).get("negative", []), whole_words=True),
        two_way_metrics=frozenset(data["two_way_metrics"]),
        flow_totals=dict(data["flow_totals"]),
        non_negative_metrics=frozenset(data["non_negative_metrics"]),
        exclusion_cue=_cue_pattern(data["exclusion_cues"]),
        correction_cue=_cue_pattern(data["correction_cues"]),
        headline_max_start=int(data["headline_max_start"]),
        headline_max_words=int(data.get("headline_max_words", 25)),
        table_cue=_cue_pattern(data.get("table_cues", []), whole_words=True),
        min_significant_figures=int(data["min_significant_figures"]),
        approx_relative=float(data["approx_relative"]),
        approx_precision_factor=float(data["approx_precision_factor"]),
        rate_tolerance=float(data["rate_tolerance"]),
        max_versions=int(data["max_versions_per_statistic"]),
        labels=dict(data["labels"]),
        entity_metrics=frozenset(data.get("entity_metrics", ())),
        per_share_metrics=frozenset(data.get("per_share_metrics", ())),
        as_of_metrics=frozenset(data.get("as_of_metrics", ())),
        comparison_cue=_cue_pattern(data.get("comparison_cues", []), whole_words=True),
        counted_on_bases=frozenset(data.get("counted_on_bases", {}).get("metrics", ())),
        basis_cues=tuple((name, _cue_pattern(words, whole_words=True)) for name, words
                         in sorted(data.get("counted_on_bases", {}).get("bases", {}).items())),
        same_story_max_ratio=float(data.get("same_story_max_ratio", 2.0)),
        max_conflict_ratio=float(data.get("max_conflict_ratio", 2.0)),
        # the claims' own vintage words: one list for extraction and cross-checking
        provisional_cue=_cue_pattern(read_lexicon(default_models_dir() / "lexicons" / "cues.json")
                                     .get("provisional", []), whole_words=True),
    )
